//! Zaakgericht werken for GBI, in the vocabulary of the ZGW Catalogi and
//! Zaken APIs: zaaktypen with their statustypen, a zaak with its status
//! history, rollen, documents, tasks and legal deadline.
//!
//! Internal statuses (what the werkplek shows) and the plain statuses a
//! resident sees are separate and mapped (seed 004).

pub mod aanvraag;
pub mod advies;
pub mod afhandeling;
pub mod behandeling;
pub mod beoordeling;
pub mod betaalrun;
pub mod brieven;
pub mod catalogus;
pub mod commando;
pub mod eenmalig;
pub mod grond;
pub mod herstel;
pub mod herzieningsbrief;
pub mod iit_uitnodiging;
pub mod indienen;
pub mod inkomsten;
pub mod invordering;
pub mod lo_behandeld;
pub mod looplijst;
pub mod machtiging;
pub mod periodiek;
pub mod prefill;
pub mod regeling;
pub mod registers;
pub mod termijnen;
pub mod uwv_loon;
pub mod vergelijking;
pub mod voorstel;
pub mod wat_als;
pub mod werk;
pub mod werksoort;
pub mod wijziging;

pub use catalogus::{Kanaal, Statustype, Zaaktype};
pub use termijnen::{Termijn, is_werkdag, volgende_werkdag};

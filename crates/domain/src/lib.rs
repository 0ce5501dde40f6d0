//! Domain newtypes shared by every layer of GBI.
//!
//! Each type *parses* its input once and is valid from then on ("parse, don't
//! validate"). Nothing in this crate does I/O.

pub mod bsn;
pub mod date;
pub mod gemeente;
pub mod iban;
pub mod klok;
pub mod money;
pub mod rol;
pub mod trace;
pub mod zaak;

pub use bsn::Bsn;
pub use date::{Maand, today_amsterdam};
pub use gemeente::GemeenteCode;
pub use iban::Iban;
pub use money::{Money, Rounding, RoundingMode};
pub use rol::Rol;
pub use trace::TraceContext;
pub use zaak::{BesluitStatus, Besluittype, TaakSoort, TaakVoor, ZaakStatus};

/// Why a value could not be parsed. The `code` is stable and machine-readable;
/// the message is Dutch at B1 level so it can be shown to a person as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub code: &'static str,
    pub message: String,
}

impl ParseError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

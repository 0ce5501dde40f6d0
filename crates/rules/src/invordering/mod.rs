//! Collecting claims: the beslagvrije voet (Rv 475b-475dc, 475ga), the
//! boete (Participatiewet art. 18a with the Boetebesluit
//! socialezekerheidswetten) and the collection terms of the Awb (titel 4.4).
//!
//! Pure, dated law: every figure comes from a parameter file that holds on
//! the date asked, and every result carries its steps, each in B1 Dutch for
//! the resident, with the exact figures for staff, and the article.
//! A figure marked `unknown` gives [`RekenFout::NietIngesteld`] the moment a
//! computation needs it; no figure is guessed.

pub mod awb;
pub mod boete;
pub mod bvv;

pub use awb::{aanmaning_termijn, betaaltermijn, verjaring};
pub use boete::{Boete, BoeteInvoer, BoeteUitkomst, Recidive, Verwijtbaarheid};
pub use bvv::{Bvv, BvvBijstand, BvvInvoer, BvvLeefsituatie};

use crate::fout::RekenFout;
use crate::params::{ParameterSet, Parameters};
use crate::peil::{W, neem};
use chrono::NaiveDate;
use serde::Serialize;

/// One step of a calculation, to show the resident and the caseworker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BvvStap {
    /// What happened, in plain Dutch (B1), for the resident.
    pub b1: String,
    /// The exact figures, for staff.
    pub precies: String,
    /// The article, lid and onderdeel.
    pub verwijzing: String,
}

/// The step type shared by the beslagvrije voet, the boete and the Awb
/// helpers.
pub type Stap = BvvStap;

pub(crate) fn stap(
    b1: impl Into<String>,
    precies: impl Into<String>,
    verwijzing: impl Into<String>,
) -> BvvStap {
    BvvStap {
        b1: b1.into(),
        precies: precies.into(),
        verwijzing: verwijzing.into(),
    }
}

/// The national set of `onderwerp` that holds on `datum`.
pub(crate) fn set<'a>(
    p: &'a Parameters,
    onderwerp: &str,
    datum: NaiveDate,
) -> Result<&'a ParameterSet, RekenFout> {
    p.landelijk(onderwerp, datum)
        .ok_or_else(|| RekenFout::GeenParameters {
            onderwerp: onderwerp.to_owned(),
            datum,
        })
}

/// One value of a set, with its reference; `unknown` is an error on `get`.
pub(crate) fn waarde<'a>(set: &'a ParameterSet, sleutel: &str) -> Result<(i64, W<'a>), RekenFout> {
    let w = neem(set, sleutel)?;
    Ok((w.get()?, w))
}

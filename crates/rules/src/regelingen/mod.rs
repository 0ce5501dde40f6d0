//! Schemes that rest on the gemeente's policy: individuele inkomenstoeslag
//! (art. 36) and bijzondere bijstand (art. 35).
//!
//! - [`mod@iit`]: eligibility, what a person must judge, and the amount.
//! - [`draagkracht`] and [`bijzondere_bijstand`]: the draagkracht engine
//!   and a request for a cost of the gemeente's catalogue.
//! - [`uitnodiging`]: which own clients meet the IIT conditions again.
//! - [`wat_als`]: a draft policy on the caseload before it takes effect;
//!   [`casus`] turns a running benefit's stored facts into its input.
//! - [`overzicht`]: the gemeente's rules in plain values, for residents.
//! - [`zorgverzekering`]: the collective supplementary health insurance
//!   (art. 35-3), with its income limit in euros.
//!
//! [`iit()`] and [`bijzondere_bijstand_beoordeling()`] give what
//! [`crate::Regels::bereken`] adds to a calculation.

pub mod bench;
pub mod bijzondere_bijstand;
pub mod casus;
pub mod draagkracht;
pub mod iit;
pub mod overzicht;
pub mod uitnodiging;
pub mod wat_als;
pub mod zorgverzekering;

pub use bijzondere_bijstand::{BbVraag, BijzondereBijstandBeoordeling, Drempeltoets};
pub use draagkracht::{BbBeleid, Draagkracht, Middelen};
pub use iit::{
    IitBeleid, IitBeoordeling, IitFeiten, IitRecht, IitReden, IitVraag, Inkomenstoets,
    MaandZonderBewijs, Maandinkomen,
};
pub use uitnodiging::{BbKosten, Casus, Uitnodiging, Uitnodigingen, Wie};
pub use wat_als::{Totalen, WatAls, WatAlsRegel};

use crate::bijstand::Feiten;
use crate::fout::RekenFout;
use crate::huishouden::{BijzondereBijstandInvoer, IitInvoer};
use crate::peil::Peil;
use crate::uitleg::Spoor;
use chrono::NaiveDate;
use serde::Serialize;

/// The short IIT outcome in a calculation. `recht` says every condition
/// the rules can check is met; what a person must still judge is in the
/// full [`IitBeoordeling`] ([`crate::Regels::beoordeel_iit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IitUitkomst {
    pub recht: bool,
    /// Yearly amount under local policy, when there is a right.
    pub bedrag_cents: i64,
    /// Why not, as a stable code; `None` when there is a right.
    pub reden: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BijzondereBijstandUitkomst {
    pub draagkracht_cents: i64,
    pub bijzondere_bijstand_cents: i64,
}

/// The facts of an IIT application from the rules' input.
pub(crate) fn iit_feiten<'m>(
    peil: &Peil<'_>,
    f: &Feiten,
    norm: i64,
    vermogen_binnen_grens: bool,
    kinderen: &'m [u8],
    maanden: &'m [Maandinkomen],
    invoer: &IitInvoer,
) -> Result<IitFeiten<'m>, RekenFout> {
    Ok(IitFeiten {
        aanvrager: f.aanvrager,
        leefvorm: f.leefvorm(),
        kinderen,
        norm_cents: norm,
        vermogen_binnen_grens,
        maanden,
        laatste_iit: invoer.laatste_iit,
        aanvraagdatum: invoer.aanvraagdatum.unwrap_or(peil.datum),
        oordeel: invoer.oordeel()?,
    })
}

/// The ages on `datum` of the children under 18 born on these dates.
pub fn kinderleeftijden(geboren: impl IntoIterator<Item = NaiveDate>, datum: NaiveDate) -> Vec<u8> {
    geboren
        .into_iter()
        .map(|g| gbi_domain::date::age_on(g, datum))
        .filter_map(|l| u8::try_from(l).ok())
        .filter(|l| *l < 18)
        .collect()
}

/// Individuele inkomenstoeslag in short (art. 36); the steps are those of
/// [`iit::beoordeel`].
#[allow(clippy::too_many_arguments)]
pub fn iit<'a, S: Spoor<'a>>(
    peil: &Peil<'a>,
    f: &Feiten,
    norm: i64,
    vermogen_binnen_grens: bool,
    kinderen: &[u8],
    invoer: &IitInvoer,
    s: &mut S,
) -> Result<IitUitkomst, RekenFout> {
    let b = IitBeleid::uit(peil)?;
    let maanden = invoer.maanden()?;
    let feiten = iit_feiten(
        peil,
        f,
        norm,
        vermogen_binnen_grens,
        kinderen,
        &maanden,
        invoer,
    )?;
    let u = iit::beoordeel(&b, &feiten, s)?;
    let voldoet = u.redenen.is_empty();
    Ok(IitUitkomst {
        recht: voldoet,
        bedrag_cents: if voldoet { u.bedrag_cents } else { 0 },
        reden: u.redenen.first().map(|r| r.code()),
    })
}

impl From<&BijzondereBijstandBeoordeling> for BijzondereBijstandUitkomst {
    /// Bijzondere bijstand in short: draagkracht and amount.
    fn from(u: &BijzondereBijstandBeoordeling) -> Self {
        Self {
            draagkracht_cents: u.draagkracht.totaal_cents,
            bijzondere_bijstand_cents: u.bedrag_cents,
        }
    }
}

/// The full assessment of a request for bijzondere bijstand.
pub fn bijzondere_bijstand_beoordeling<'a, S: Spoor<'a>>(
    peil: &Peil<'a>,
    f: &Feiten,
    norm: i64,
    vermogensgrens: i64,
    invoer: &BijzondereBijstandInvoer,
    s: &mut S,
) -> Result<BijzondereBijstandBeoordeling, RekenFout> {
    let b = BbBeleid::uit(peil)?;
    let m = Middelen {
        leefvorm: f.leefvorm(),
        norm_cents: norm,
        inkomen_cents: invoer.inkomen_cents,
        vermogen_cents: f.vermogen,
        vermogensgrens_cents: vermogensgrens,
    };
    bijzondere_bijstand::beoordeel(&b, &m, invoer, s)
}

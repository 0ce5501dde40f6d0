//! The rules engine of GBI: the Participatiewet as dated data and pure Rust.
//!
//! - `params/` (files): every amount, percentage and limit with its validity
//!   and legal source; `params/beleid/` the policy of each gemeente.
//! - [`Parameters`] loads and validates them; [`Parameters::peil`] resolves
//!   what holds on one date.
//! - [`bijstand::bereken`] is the monthly entitlement. [`Regels::bereken`]
//!   runs it for one household with a full explanation; [`batch`] runs the
//!   very same function over columns of millions of households.
//!
//! No I/O here, except reading parameter files when asked to.

pub mod batch;
pub mod bijstand;
pub mod bruto;
pub mod fout;
pub mod huishouden;
pub mod inkomen;
pub mod looplijst;
pub mod params;
pub mod peil;
pub mod regelingen;
pub mod tekst;
pub mod uitleg;

pub use bijstand::{Feiten, Klasse, Leefvorm, Uitkomst, Vorm};
pub use fout::{LaadFout, RekenFout};
pub use huishouden::Huishouden;
pub use params::Parameters;
pub use peil::Peil;
pub use regelingen::{BijzondereBijstandUitkomst, IitUitkomst};
pub use uitleg::{Grootheid, Stap, Uitleg};

use chrono::NaiveDate;
use gbi_domain::GemeenteCode;

/// The loaded rules: parameters and policies, ready to compute.
#[derive(Debug, Clone)]
pub struct Regels {
    pub parameters: Parameters,
}

/// The result for one household on one date, with its derivation.
#[derive(Debug, Clone)]
pub struct Berekening<'a> {
    pub datum: NaiveDate,
    pub gemeente: Option<GemeenteCode>,
    pub uitkomst: Uitkomst,
    pub iit: Option<IitUitkomst>,
    pub bijzondere_bijstand: Option<BijzondereBijstandUitkomst>,
    pub uitleg: Uitleg<'a>,
    /// Demo mode only: computed with national figures carried forward from
    /// an earlier period, not the official ones of `datum` ([`Peil::voorlopig`]).
    pub voorlopig: bool,
}

impl Regels {
    /// The parameter and policy files built into GBI.
    pub fn ingebouwd() -> Result<Self, LaadFout> {
        Ok(Self {
            parameters: Parameters::ingebouwd()?,
        })
    }

    /// Demo mode only: carry the last national figures forward past their
    /// end, marked provisional ([`Parameters::met_voorlopig_doortrekken`]).
    pub fn met_voorlopig_doortrekken(self) -> Self {
        Self {
            parameters: self.parameters.met_voorlopig_doortrekken(),
        }
    }

    /// Whether amounts computed for `datum` are provisional (demo mode, with
    /// figures carried forward). Always `false` outside demo mode.
    pub fn voorlopig_op(&self, datum: NaiveDate) -> bool {
        self.parameters.voorlopig_op(datum)
    }

    /// A folder of parameter files (a municipality's own copy).
    pub fn uit_map(map: &std::path::Path) -> Result<Self, LaadFout> {
        Ok(Self {
            parameters: Parameters::uit_map(map)?,
        })
    }

    /// One household on one date, with the full explanation.
    pub fn bereken(
        &self,
        huishouden: &Huishouden,
        datum: NaiveDate,
        gemeente: Option<GemeenteCode>,
    ) -> Result<Berekening<'_>, RekenFout> {
        let peil = self.parameters.peil(datum, gemeente)?;
        let mut uitleg = Uitleg::new();
        let (uitkomst, iit, bb) = bereken_met(&peil, huishouden, &mut uitleg)?;
        Ok(Berekening {
            datum,
            gemeente,
            uitkomst,
            iit,
            bijzondere_bijstand: bb,
            uitleg,
            voorlopig: peil.voorlopig,
        })
    }
}

type Resultaat = (
    Uitkomst,
    Option<IitUitkomst>,
    Option<BijzondereBijstandUitkomst>,
);

/// One household against resolved parameters, writing steps to `spoor`.
pub fn bereken_met<'a, S: uitleg::Spoor<'a>>(
    peil: &Peil<'a>,
    huishouden: &Huishouden,
    spoor: &mut S,
) -> Result<Resultaat, RekenFout> {
    let afgeleid = huishouden.feiten(peil, spoor)?;
    let f = afgeleid.feiten;
    let uitkomst = bijstand::bereken(peil, &f, spoor)?;
    let iit = match &huishouden.iit {
        Some(invoer) => Some(regelingen::iit(
            peil,
            &f,
            uitkomst.norm_cents,
            uitkomst.vermogen_binnen_grens,
            f.kinderen,
            invoer,
            spoor,
        )?),
        None => None,
    };
    let bb = match &huishouden.bijzondere_bijstand {
        Some(invoer) => Some(regelingen::bijzondere_bijstand(
            peil,
            &f,
            uitkomst.norm_cents,
            uitkomst.vermogensgrens_cents,
            invoer,
            spoor,
        )?),
        None => None,
    };
    Ok((uitkomst, iit, bb))
}

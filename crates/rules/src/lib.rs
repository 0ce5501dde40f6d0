//! The rules engine of GBI: the Participatiewet as dated data and pure Rust.
//!
//! - `params/` (files): every amount, percentage and limit with its validity
//!   and legal source; `params/beleid/` the policy of each gemeente.
//! - [`Parameters`] loads and validates them; [`Parameters::peil`] resolves
//!   what holds on one date.
//! - [`bijstand::bereken`] is the monthly entitlement. [`Regels::bereken`]
//!   runs it for one household with a full explanation; [`batch`] runs the
//!   very same function over columns of millions of households.
//! - [`regelingen`]: the schemes that rest on local policy: the IIT
//!   (art. 36) with what a person must judge, the draagkracht engine and
//!   the catalogue of kostensoorten for bijzondere bijstand (art. 35), the
//!   monthly IIT invitation, and wat-als of a draft policy on the caseload.
//!
//! No I/O here, except reading parameter files when asked to.

pub mod batch;
pub mod bijstand;
pub mod bruto;
pub mod fout;
pub mod huishouden;
pub mod inkomen;
/// Collecting claims: beslagvrije voet (Rv 475b-475dc), boete (art. 18a) and the Awb terms.
pub mod invordering;
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
pub use regelingen::{
    BijzondereBijstandBeoordeling, BijzondereBijstandUitkomst, IitBeoordeling, IitUitkomst,
};
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

/// An IIT application assessed, with its derivation.
#[derive(Debug, Clone)]
pub struct IitBerekening<'a> {
    pub beoordeling: IitBeoordeling,
    pub uitleg: Uitleg<'a>,
    pub voorlopig: bool,
}

/// A request for bijzondere bijstand assessed, with its derivation.
#[derive(Debug, Clone)]
pub struct BijzondereBijstandBerekening<'a> {
    pub beoordeling: BijzondereBijstandBeoordeling,
    pub uitleg: Uitleg<'a>,
    pub voorlopig: bool,
}

impl Regels {
    /// The IIT application of `huishouden.iit` on `datum` under the
    /// gemeente's policy: every condition, what a person must still judge,
    /// and the amount, explained step by step (the household's norm and
    /// vermogen first).
    pub fn beoordeel_iit(
        &self,
        huishouden: &Huishouden,
        datum: NaiveDate,
        gemeente: GemeenteCode,
    ) -> Result<IitBerekening<'_>, RekenFout> {
        let invoer = huishouden
            .iit
            .as_ref()
            .ok_or_else(|| RekenFout::invoer("iit", "geef de gegevens van de aanvraag"))?;
        let peil = self.parameters.peil(datum, Some(gemeente))?;
        let mut uitleg = Uitleg::new();
        let f = huishouden.feiten(&peil, &mut uitleg)?.feiten;
        let u = bijstand::bereken(&peil, &f, &mut uitleg)?;
        let b = regelingen::IitBeleid::uit(&peil)?;
        let maanden = invoer.maanden()?;
        let kinderen = huishouden.kinderleeftijden(datum);
        let feiten = regelingen::iit_feiten(
            &peil,
            &f,
            u.norm_cents,
            u.vermogen_binnen_grens,
            &kinderen,
            &maanden,
            invoer,
        )?;
        let beoordeling = regelingen::iit::beoordeel(&b, &feiten, &mut uitleg)?;
        Ok(IitBerekening {
            beoordeling,
            uitleg,
            voorlopig: peil.voorlopig,
        })
    }

    /// The request of `huishouden.bijzondere_bijstand` on `datum` under the
    /// gemeente's policy and catalogue, explained step by step.
    pub fn bereken_bijzondere_bijstand(
        &self,
        huishouden: &Huishouden,
        datum: NaiveDate,
        gemeente: GemeenteCode,
    ) -> Result<BijzondereBijstandBerekening<'_>, RekenFout> {
        let invoer = huishouden.bijzondere_bijstand.as_ref().ok_or_else(|| {
            RekenFout::invoer("bijzondere_bijstand", "geef de kosten en het inkomen")
        })?;
        let peil = self.parameters.peil(datum, Some(gemeente))?;
        let mut uitleg = Uitleg::new();
        let f = huishouden.feiten(&peil, &mut uitleg)?.feiten;
        let u = bijstand::bereken(&peil, &f, &mut uitleg)?;
        let beoordeling = regelingen::bijzondere_bijstand_beoordeling(
            &peil,
            &f,
            u.norm_cents,
            u.vermogensgrens_cents,
            invoer,
            &mut uitleg,
        )?;
        Ok(BijzondereBijstandBerekening {
            beoordeling,
            uitleg,
            voorlopig: peil.voorlopig,
        })
    }

    /// Wat-als: the draft policy `concept` (read with
    /// [`Parameters::lees_beleidsconcept`], dated after `datum`) against the
    /// gemeente's current policy on `datum`, over the caseload. Both with
    /// the national figures of `datum`.
    pub fn wat_als<'a>(
        &'a self,
        gemeente: GemeenteCode,
        datum: NaiveDate,
        concept: &'a params::ParameterSet,
        caseload: &[regelingen::Casus],
    ) -> Result<regelingen::WatAls<'a>, RekenFout> {
        if concept.gemeente_code != Some(gemeente) {
            return Err(RekenFout::invoer(
                "concept.gemeente_code",
                format!("het concept is niet van gemeente {gemeente}"),
            ));
        }
        if concept.geldig_van <= datum {
            return Err(RekenFout::invoer(
                "concept.geldig_van",
                format!(
                    "een concept gaat in na {datum}; dit concept gaat in op {}",
                    concept.geldig_van
                ),
            ));
        }
        let huidig = self.parameters.peil(datum, Some(gemeente))?;
        let nieuw = self.parameters.peil_met_beleid(datum, concept)?;
        regelingen::wat_als::wat_als(&huidig, &nieuw, caseload)
    }

    /// The gemeente's IIT and bijzondere-bijstand rules on `datum`, for
    /// residents to read before they apply.
    pub fn overzicht(
        &self,
        gemeente: GemeenteCode,
        datum: NaiveDate,
    ) -> Result<regelingen::overzicht::Overzicht, RekenFout> {
        let peil = self.parameters.peil(datum, Some(gemeente))?;
        regelingen::overzicht::overzicht(&peil)
    }

    /// The stored households of running benefits as the caseload of
    /// [`Regels::wat_als`] on `datum` ([`regelingen::casus`]), on all
    /// cores; a household whose facts cannot be computed gives its error
    /// in its place.
    pub fn caseload(
        &self,
        gemeente: GemeenteCode,
        datum: NaiveDate,
        lopend: &[regelingen::casus::Lopend],
    ) -> Result<Vec<Result<regelingen::Casus, RekenFout>>, RekenFout> {
        use rayon::prelude::*;
        let peil = self.parameters.peil(datum, Some(gemeente))?;
        Ok(lopend
            .par_iter()
            .map(|l| regelingen::casus::uit_lopend(&peil, l))
            .collect())
    }

    /// The monthly IIT invitation on `datum`: which own clients meet the
    /// conditions again ([`regelingen::uitnodiging`]).
    pub fn iit_uitnodigingen(
        &self,
        gemeente: GemeenteCode,
        datum: NaiveDate,
        clienten: &[regelingen::Casus],
        wie: regelingen::Wie,
    ) -> Result<regelingen::Uitnodigingen, RekenFout> {
        let peil = self.parameters.peil(datum, Some(gemeente))?;
        regelingen::uitnodiging::uitnodigingen(&peil, clienten, wie)
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
            &huishouden.kinderleeftijden(peil.datum),
            invoer,
            spoor,
        )?),
        None => None,
    };
    let bb = match &huishouden.bijzondere_bijstand {
        Some(invoer) => Some(BijzondereBijstandUitkomst::from(
            &regelingen::bijzondere_bijstand_beoordeling(
                peil,
                &f,
                uitkomst.norm_cents,
                uitkomst.vermogensgrens_cents,
                invoer,
                spoor,
            )?,
        )),
        None => None,
    };
    Ok((uitkomst, iit, bb))
}

//! The seam through which a regeling plugs into the lifecycle of a zaak.
//!
//! The lifecycle itself — statuses, who may do what when, four eyes, one
//! transaction per step — lives in [`crate::commando`] and is the same for
//! every regeling. What differs per regeling sits behind [`Regeling`]: its
//! catalogue entry, its form, the kinds of decision with their legal ground,
//! the obligations a toekenning carries, and the work that follows a decision.
//! Each regeling has a folder of its own (`regeling/alo/`); pages and commands
//! find it from the zaak's zaaktype with [`voor_zaaktype`].

pub mod alo;
pub mod bijzondere_bijstand;
pub mod iit;

use crate::aanvraag::{Formulier, Keuzes};
use crate::catalogus::Zaaktype;
use crate::termijnen::Termijn;
use crate::voorstel::Voorstel;
use crate::werksoort::{Bron, WerkSoort};
use chrono::NaiveDate;
use gbi_domain::Besluittype;
use gbi_store::zaken::NieuweTaak;
use serde_json::{Map, Value};

/// A regeling: what the lifecycle needs to know of it.
pub trait Regeling: Send + Sync {
    /// Its entry in the standard catalogue.
    fn zaaktype(&self) -> &'static Zaaktype;

    /// Its application form.
    fn formulier(&self) -> Formulier;

    /// The registers consulted for every application, in this order.
    fn bronnen(&self) -> &'static [Bron];

    /// The kinds of decision a zaak of this regeling can end in (or, for a
    /// voorschot, carry while it runs).
    fn besluittypen(&self) -> &'static [Besluittype];

    /// The grounds an afwijzing of this regeling can rest on.
    fn afwijzingsgronden(&self) -> &'static [crate::grond::Afwijzingsgrond];

    /// The legal ground of a kind of decision, cited in the letter.
    fn grondslag(&self, besluittype: Besluittype) -> &'static str;

    /// The obligations a toekenning carries, in plain Dutch with their article.
    fn verplichtingen(&self) -> Vec<String>;

    /// The background work an approved decision starts.
    fn vervolgwerk(&self, voorstel: &Voorstel) -> &'static [WerkSoort];

    /// The regeling code of the running benefit a toekenning starts, if any.
    fn uitkering(&self) -> Option<&'static str>;

    /// What it is, as the resident reads it in "uw aanvraag voor …".
    fn naam_voor_inwoner(&self) -> &'static str;

    /// Its name without article, as a letter says "U krijgt …"
    /// ("bijzondere bijstand").
    fn naam(&self) -> &'static str;

    /// Its code on a payment ("bijzondere_bijstand", "iit").
    fn code(&self) -> &'static str;

    /// A one-off toekenning may be a loan (art. 48-2, 51).
    fn lening_mag(&self) -> bool {
        false
    }

    /// A toekenning may be a fixed amount per month for a period, for a
    /// kostensoort the gemeente's policy marks as periodic
    /// ([`crate::periodiek`]): it runs as a benefit of this regeling's
    /// [`Regeling::code`], with a fixed amount, never computed from the
    /// household facts.
    fn periodiek_mag(&self) -> bool {
        false
    }

    /// What to send with the application, in plain Dutch.
    fn bewijs(&self) -> &'static str;

    /// The typed advice on an application, when this regeling's advice is
    /// not ALO's bijstand calculation ([`crate::beoordeling`]).
    fn advies(&self, _a: AdviesInvoer<'_>) -> Option<crate::advies::Advies> {
        None
    }

    /// What submitting an application of this regeling sets going: the
    /// deadlines, the first tasks. Called inside the one submitting
    /// transaction of [`crate::indienen`].
    fn bij_indienen(&self, c: &IndienContext<'_>) -> Indiening;
}

/// What the advice of a regeling works from.
pub struct AdviesInvoer<'a> {
    pub regels: &'a gbi_rules::Regels,
    pub gemeente: gbi_domain::GemeenteCode,
    pub aanvraag: &'a Value,
    pub snapshots: &'a [gbi_store::werk::StoredSnapshot],
    pub eigen: &'a crate::advies::EigenGegevens,
    pub datum: NaiveDate,
}

/// What a regeling knows when an application is submitted.
pub struct IndienContext<'a> {
    pub antwoorden: &'a Map<String, Value>,
    pub vandaag: NaiveDate,
    /// From the BRP, when known.
    pub geboortedatum: Option<NaiveDate>,
    /// The kinds of document handed in with the application.
    pub documenten: &'a [String],
    /// The choices of the gemeente's policy on the application date.
    pub keuzes: &'a Keuzes,
}

/// What submitting sets going, per regeling.
pub struct Indiening {
    pub termijn: Termijn,
    /// Art. 44a: the four weeks a young applicant searches for work first.
    pub zoektermijn_einde: Option<NaiveDate>,
    /// Art. 52: the date by which an advance is due.
    pub voorschot_uiterlijk: Option<NaiveDate>,
    /// The first tasks, for the resident and for staff.
    pub taken: Vec<NieuweTaak>,
}

/// The intake task every application starts with.
pub fn intake(termijn: &Termijn, vandaag: NaiveDate) -> NieuweTaak {
    NieuweTaak {
        voor: gbi_domain::TaakVoor::Medewerker,
        soort: gbi_domain::TaakSoort::Intake,
        titel: "Nieuwe aanvraag beoordelen".into(),
        toelichting: None,
        deadline: Some(termijn.uiterste_datum(vandaag).to_string()),
    }
}

/// The decisions of a regeling that grants once (no voorschot).
pub const EENMALIGE_BESLUITTYPEN: &[Besluittype] = &[
    Besluittype::Toekenning,
    Besluittype::Afwijzing,
    Besluittype::BuitenBehandeling,
];

/// The household and its income as the registers know them: the BRP (who
/// lives there, the children's ages) and UWV.
pub const BRONNEN_HUISHOUDEN: &[Bron] = &[Bron::Brp, Bron::Uwv];

/// Every regeling GBI knows.
pub fn alle() -> [&'static dyn Regeling; 3] {
    [
        &alo::Alo,
        &bijzondere_bijstand::BijzondereBijstand,
        &iit::Iit,
    ]
}

/// The regeling whose [`Regeling::code`] a payment or a running benefit
/// carries (`uitkeringen.regeling`).
pub fn voor_code(code: &str) -> Option<&'static dyn Regeling> {
    alle().into_iter().find(|r| r.code() == code)
}

/// The regeling of a zaaktype (`zaak.zaaktype`).
pub fn voor_zaaktype(identificatie: &str) -> Option<&'static dyn Regeling> {
    alle()
        .into_iter()
        .find(|r| r.zaaktype().identificatie == identificatie)
}

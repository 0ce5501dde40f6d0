//! Decision letters (beschikkingen) on a bijstand application, and the
//! letters of terug- en invordering: the decisions on a claim
//! ([`Besluit::Terugvordering`], [`Besluit::Kwijtschelding`],
//! [`Besluit::Boete`], [`Besluit::Waarschuwing`]), the mededeling of the
//! beslagvrije voet ([`BvvMededeling`]), the [`Aanmaning`], the
//! [`Dwangbevel`], the notice of [`Derdenbeslag`] to an employer or benefit
//! agency (and its opheffing), the confirmation of a [`Betalingsregeling`]
//! and the [`JaaropgaveTerugvordering`].
//!
//! The letter is built once as a list of blocks ([`inhoud`]) and then
//! rendered twice: as plain text ([`beschikking_tekst`], for the inbox,
//! snapshot tests and screen readers) and as a tagged PDF/A-2a document
//! ([`beschikking_pdf`]). Both therefore always say the same thing.
//! (PDF/A-2a is PDF/A-2b plus a logical structure and Unicode text, so
//! everything that accepts PDF/A-2b accepts it.)
//!
//! The house style of a gemeente ([`Huisstijl`]) is configuration: names,
//! addresses, signatory and an optional PNG logo. The text itself is fixed
//! and written at B1 level (short sentences, "u").
//!
//! The PDF embeds DejaVu Sans (see `fonts/LICENSE.txt`), a subset of Droid
//! Sans Fallback for Chinese, Japanese kana and Korean (see
//! `fonts/LICENSE-DroidSansFallback.txt`), and the sRGB ICC profile that
//! `krilla` brings, so nothing outside the binary is read. Arabic and Hebrew
//! are shaped and drawn right to left within a line.

mod aanmaning;
mod betalingsregeling;
mod boete;
mod bvv_mededeling;
mod datum;
mod derdenbeslag;
mod dwangbevel;
mod eenmalig;
mod iit_uitnodiging;
mod inhoud;
mod jaaropgave;
mod ontvangstbewijs;
mod opmaak;
mod pdf;
mod periodiek;
mod specificatie;
mod terugvordering;
mod voorschot;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use aanmaning::{Aanmaning, aanmaning_pdf, aanmaning_tekst};
pub use betalingsregeling::{Betalingsregeling, betalingsregeling_pdf, betalingsregeling_tekst};
pub use bvv_mededeling::{BvvMededeling, bvv_mededeling_pdf, bvv_mededeling_tekst};
pub use datum::datum_nl;
pub use derdenbeslag::{Derdenbeslag, derdenbeslag_pdf, derdenbeslag_tekst};
pub use dwangbevel::{Dwangbevel, dwangbevel_pdf, dwangbevel_tekst};
pub use iit_uitnodiging::{IitUitnodiging, iit_uitnodiging_pdf, iit_uitnodiging_tekst};
pub use jaaropgave::{
    JaaropgaveTerugvordering, jaaropgave_terugvordering_pdf, jaaropgave_terugvordering_tekst,
};
pub use ontvangstbewijs::{Ontvangstbewijs, ontvangstbewijs_pdf, ontvangstbewijs_tekst};
pub use specificatie::{
    EenmaligeRegel, Specificatie, VerrekenRegel, specificatie_pdf, specificatie_tekst,
};

/// House style of a gemeente (configuration, not code).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Huisstijl {
    /// Name as shown on the letter, e.g. "Gemeente Haarlem".
    pub gemeente_naam: String,
    /// Department, e.g. "Team Inkomen".
    pub afdeling: String,
    /// Postal address lines, e.g. `["Postbus 511", "2003 PB Haarlem"]`.
    pub postadres: Vec<String>,
    /// Phone number, e.g. "14 023".
    pub telefoon: String,
    /// Website, e.g. "www.haarlem.nl".
    pub website: String,
    /// Where the configuration keeps the PNG logo (`logo = "/etc/gbi/logo.png"`);
    /// start-up reads it into `logo_png`.
    #[serde(default)]
    pub logo: Option<std::path::PathBuf>,
    /// The PNG logo, drawn top left on letters and beside the name on the
    /// portal's pages.
    #[serde(skip)]
    pub logo_png: Option<Vec<u8>>,
    /// Name of the signatory, e.g. "A. de Vries".
    pub ondertekenaar_naam: String,
    /// Function of the signatory, e.g. "Teamleider Inkomen".
    pub ondertekenaar_functie: String,
    /// Where to send a bezwaar (address lines).
    pub bezwaar_adres: Vec<String>,
    /// When residents can call, e.g. "maandag tot en met vrijdag van 9.00
    /// tot 17.00 uur"; shown beside the phone number on every page.
    #[serde(default)]
    pub openingstijden: String,
}

/// The demo style's logo: a shield with a tower, no real gemeente's arms.
pub const DEMO_LOGO_PNG: &[u8] = include_bytes!("../assets/demo-logo.png");

impl Huisstijl {
    /// A clearly marked demo style: every line that a resident could act on
    /// says it is a demo, so a demo letter is never mistaken for a real one.
    pub fn demo(gemeente_naam: &str, plaats: &str) -> Self {
        Huisstijl {
            gemeente_naam: gemeente_naam.to_string(),
            afdeling: "Team Inkomen (DEMO - dit is geen echte brief)".to_string(),
            postadres: vec![
                "Postbus 0000 (demo)".to_string(),
                format!("0000 XX {plaats}"),
            ],
            telefoon: "14 000 (demo)".to_string(),
            website: "www.example.nl (demo)".to_string(),
            logo: None,
            logo_png: Some(DEMO_LOGO_PNG.to_vec()),
            ondertekenaar_naam: "Demo Medewerker".to_string(),
            ondertekenaar_functie: "Teamleider Inkomen (demo)".to_string(),
            bezwaar_adres: vec![
                format!("{gemeente_naam} (demo)"),
                "Afdeling Bezwaar".to_string(),
                "Postbus 0000".to_string(),
                format!("0000 XX {plaats}"),
            ],
            openingstijden: "maandag tot en met vrijdag van 9.00 tot 17.00 uur (demo)".to_string(),
        }
    }
}

/// The decision itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "soort", rename_all = "snake_case")]
pub enum Besluit {
    /// Bijstand is granted.
    Toekenning {
        ingangsdatum: NaiveDate,
        bedrag_per_maand_cents: i64,
        /// Obligations that come with the grant, in plain Dutch.
        verplichtingen: Vec<String>,
        /// The bijstand starts after the aanvraag: for the days before it
        /// the application is refused (art. 44, eerste lid). The
        /// caseworker's reason, in plain Dutch.
        #[serde(default)]
        reden_latere_ingang: Option<String>,
        /// The amount differs from the calculation: the caseworker's reason.
        #[serde(default)]
        reden_ander_bedrag: Option<String>,
        /// The applicant is younger than 27 (art. 41, vierde lid, and 44,
        /// vierde lid): the letter explains the zoektermijn and the plan van
        /// aanpak.
        #[serde(default)]
        onder_27: bool,
    },
    /// Bijstand is refused.
    Afwijzing {
        /// The grounds of the refusal, each in plain Dutch with its article.
        gronden: Vec<Regel>,
        /// The caseworker's explanation of the facts, in plain Dutch.
        #[serde(default)]
        toelichting: String,
    },
    /// The application is not considered (Awb 4:5).
    BuitenBehandeling { reden: String },
    /// An advance while the application is still being decided (art. 52).
    Voorschot {
        bedrag_cents: i64,
        /// The monthly bijstand the calculation expects (art. 19-2), when
        /// it could be computed; the voorschot is at least 95% of it.
        #[serde(default)]
        verwacht_cents: Option<i64>,
    },
    /// A one-off amount (bijzondere bijstand, art. 35; the IIT, art. 36).
    Eenmalig {
        bedrag_cents: i64,
        /// Lent (art. 48-2, 51), not given.
        lening: bool,
        /// Who is paid: the resident, or a supplier or bewindvoerder.
        betalen_aan: String,
        /// `betalen_aan` is a third party.
        derde: bool,
        /// The account paid, formatted.
        iban: String,
        /// The caseworker's reasoning, in plain Dutch.
        motivering: String,
        verplichtingen: Vec<String>,
    },
    /// A fixed amount per month for a period, as a gift (bijzondere
    /// bijstand, art. 35, eerste lid, and 48, eerste lid).
    Periodiek {
        bedrag_per_maand_cents: i64,
        /// The first day of the first month.
        ingangsdatum: NaiveDate,
        /// The last day of the last month.
        einddatum: NaiveDate,
        /// Who is paid: the resident, or a bewindvoerder.
        betalen_aan: String,
        /// `betalen_aan` is a third party.
        derde: bool,
        /// The account paid, formatted.
        iban: String,
        /// The caseworker's reasoning, in plain Dutch.
        motivering: String,
        verplichtingen: Vec<String>,
    },
    /// Bijstand that was paid too much or wrongly is reclaimed (art. 58
    /// Participatiewet). Not a decision on an aanvraag: the letter does not
    /// mention `Beschikking::aanvraagdatum`.
    Terugvordering {
        /// The legal ground in plain Dutch with its article, e.g. "artikel
        /// 58, tweede lid, onder a, van de Participatiewet".
        grond: String,
        /// Why this ground, B1 (e.g. "U kreeg te veel bijstand omdat uw
        /// inkomen later bekend werd.").
        grond_uitleg: String,
        /// Per month: "maart 2026", the net amount, and the gross amount
        /// where the claim is gross (art. 58, vijfde lid: another calendar
        /// year).
        maanden: Vec<TerugvorderingMaand>,
        /// What the resident must pay back in total.
        totaal_cents: i64,
        /// How it arose, B1.
        oorzaak: String,
        /// The gemeente itself was late in processing a change: the letter
        /// says so, and that it is not the resident's fault.
        gemeente_te_laat: bool,
        /// The caseworker's reasoning, in plain Dutch.
        motivering: String,
        /// Awb 4:87: pay within 6 weeks; the last day.
        betalen_voor: NaiveDate,
        /// The gemeente's account, formatted.
        iban_gemeente: String,
        /// The payment reference.
        betalingskenmerk: String,
        /// Offset with the running benefit (art. 60, derde en vierde lid),
        /// respecting the beslagvrije voet (Rv 475dc).
        verrekening: Option<Verrekenvoorstel>,
    },
    /// The college stops collecting the rest of a claim (art. 58, zevende
    /// of achtste lid): kwijtschelding.
    Kwijtschelding {
        /// The kenmerk of the claim, e.g. "2026-000123".
        kenmerk_vordering: String,
        /// What is waived.
        kwijtgescholden_cents: i64,
        /// What the resident paid.
        betaald_cents: i64,
        /// The ground with its article, e.g. "artikel 58, zevende lid, onder
        /// d, van de Participatiewet".
        grond: String,
        /// The caseworker's reasoning, in plain Dutch.
        motivering: String,
        /// What remains to be paid (usually 0).
        restant_cents: i64,
    },
    /// A bestuurlijke boete for breaching the inlichtingenplicht (art. 18a
    /// Participatiewet, Boetebesluit socialezekerheidswetten).
    Boete {
        /// What the resident got too much because of the breach.
        benadelingsbedrag_cents: i64,
        /// How much the resident is to blame, B1.
        verwijtbaarheid: String,
        /// The percentage of the benadelingsbedrag, e.g. "50%".
        percentage: String,
        /// The boete.
        bedrag_cents: i64,
        /// The caseworker's reasoning, in plain Dutch.
        motivering: String,
        /// What the resident said at hoor en wederhoor, summarised.
        zienswijze: String,
        /// Pay within 6 weeks (Awb 4:87); the last day.
        betalen_voor: NaiveDate,
        /// Offset with the running benefit (art. 60, vierde lid).
        verrekening: Option<Verrekenvoorstel>,
        /// The gemeente's account, formatted; empty: the letter says to
        /// name the kenmerk.
        #[serde(default)]
        iban_gemeente: String,
        /// The payment reference; empty: the kenmerk of the letter.
        #[serde(default)]
        betalingskenmerk: String,
    },
    /// A written warning instead of a boete (art. 18a, vierde lid,
    /// Participatiewet; art. 2aa Boetebesluit socialezekerheidswetten).
    Waarschuwing {
        /// The caseworker's reasoning, in plain Dutch.
        motivering: String,
        /// What the resident said at hoor en wederhoor, summarised.
        zienswijze: String,
    },
}

/// One month of a terugvordering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerugvorderingMaand {
    /// "maart 2026".
    pub maand: String,
    pub netto_cents: i64,
    /// The gross amount, where the claim is gross (art. 58, vijfde lid).
    pub bruto_cents: Option<i64>,
}

/// Offsetting a claim with the running benefit every month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verrekenvoorstel {
    /// What we keep back each month.
    pub per_maand_cents: i64,
    /// What the resident always keeps (Rv 475dc).
    pub beslagvrije_voet_cents: i64,
}

/// A decision letter on one application.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Beschikking {
    /// Zaak identification, e.g. "ALO-0392-2026-000123".
    pub kenmerk: String,
    /// Date of the letter.
    pub datum: NaiveDate,
    pub ontvanger_naam: String,
    /// May be empty.
    pub ontvanger_adres: Vec<String>,
    /// The day of the aanvraag. Not mentioned in letters that do not
    /// answer an aanvraag (terugvordering, kwijtschelding, boete,
    /// waarschuwing).
    pub aanvraagdatum: NaiveDate,
    /// What was applied for, as the letter names it ("bijzondere
    /// bijstand"); `None`: bijstand.
    #[serde(default)]
    pub regeling: Option<String>,
    pub besluit: Besluit,
    /// How the amount was calculated, in plain Dutch, each line with its legal reference.
    pub berekening: Vec<Regel>,
    /// Legal basis of each finding ("Participatiewet art. 11", ...).
    pub grondslagen: Vec<String>,
}

/// One line of the calculation, with its legal reference.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Regel {
    pub tekst: String,
    pub verwijzing: String,
}

/// Why a letter could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BriefFout {
    /// The embedded font could not be read (a build problem, not an input problem).
    #[error("het lettertype {0} kan niet worden gelezen")]
    Lettertype(&'static str),
    /// The logo in the house style is not a usable PNG image.
    #[error("het logo in de huisstijl is geen geldige PNG-afbeelding: {0}")]
    Logo(String),
    /// The PDF could not be made, or it does not meet PDF/A.
    #[error("de PDF kan niet worden gemaakt: {0}")]
    Pdf(String),
}

/// The letter as plain text (same content as the PDF; for the inbox, for
/// snapshot tests, and for screen readers).
pub fn beschikking_tekst(h: &Huisstijl, b: &Beschikking) -> String {
    inhoud::Brief::maak(h, b).als_tekst()
}

/// The letter as PDF/A-2a (bytes): A4, embedded fonts, tagged for screen
/// readers, page numbers in the footer. The same input gives the same bytes.
pub fn beschikking_pdf(h: &Huisstijl, b: &Beschikking) -> Result<Vec<u8>, BriefFout> {
    let brief = inhoud::Brief::maak(h, b);
    pdf::maak_pdf(h, &pdf::Omslag::van(h, b), &brief)
}

//! The advice of a regeling other than ALO, typed: what the rules found,
//! each step with its article, the points a person must judge, and the
//! amount and form a toekenning would have. Stored as the `beoordeling`
//! work's result; the werkplek reads it back into this type.

use chrono::NaiveDate;
use gbi_rules::Uitleg;
use gbi_rules::tekst;
use serde::{Deserialize, Serialize};

/// What the resident's own records at the gemeente add to an application:
/// the ledger's months of bijstand, the last IIT, the documents handed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EigenGegevens {
    /// Periods of algemene bijstand from this gemeente: start, end.
    pub bijstand: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// The date of the last IIT granted (art. 36-3).
    pub laatste_iit: Option<NaiveDate>,
    /// The kinds of document on the zaak.
    pub documenten: Vec<String>,
}

/// One step of the derivation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UitlegStap {
    pub tekst: String,
    /// The same step in plain Dutch, for the letter.
    #[serde(default)]
    pub b1: String,
    pub verwijzing: String,
}

/// The amount, form and ground a toekenning would have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eenmalig {
    pub bedrag_cents: i64,
    /// `om_niet` or `geldlening` (art. 48, 51).
    pub vorm: String,
    pub grondslag: String,
}

/// The advice on a one-off regeling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advies {
    pub berekend: bool,
    /// Why not computed.
    #[serde(default)]
    pub reden: String,
    pub peildatum: String,
    /// The advice in one sentence for the caseworker.
    pub advies_tekst: String,
    #[serde(default)]
    pub voorlopig: bool,
    pub uitleg: Vec<UitlegStap>,
    pub aandachtspunten: Vec<String>,
    /// What a toekenning would be, when the rules found a right.
    pub eenmalig: Option<Eenmalig>,
}

impl Advies {
    /// Not computed, with the reason in plain words.
    pub fn niet(peildatum: NaiveDate, reden: impl Into<String>, punten: Vec<String>) -> Self {
        Advies {
            berekend: false,
            reden: reden.into(),
            peildatum: peildatum.to_string(),
            advies_tekst: String::new(),
            voorlopig: false,
            uitleg: Vec::new(),
            aandachtspunten: punten,
            eenmalig: None,
        }
    }

    /// Read back a stored advice; `None` for ALO's (another shape).
    pub fn lees(v: &serde_json::Value) -> Option<Self> {
        v.get("advies_tekst")?;
        serde_json::from_value(v.clone()).ok()
    }
}

/// The steps of a derivation, each with its article.
pub fn stappen(uitleg: &Uitleg<'_>) -> Vec<UitlegStap> {
    uitleg
        .stappen
        .iter()
        .map(|s| UitlegStap {
            tekst: tekst::precies(s),
            b1: tekst::b1(s),
            verwijzing: s.verwijzing.to_string(),
        })
        .collect()
}

/// The household from the BRP for a regeling that weighs the income the
/// resident gave rather than the wage lines of ALO's form; or the advice
/// that it cannot be computed.
pub fn huishouden(
    aanvraag: &serde_json::Value,
    snapshots: &[gbi_store::werk::StoredSnapshot],
    datum: NaiveDate,
) -> Result<gbi_rules::Huishouden, Box<Advies>> {
    let mut h = crate::beoordeling::invoer(aanvraag, snapshots, datum)
        .map_err(|reden| Box::new(Advies::niet(datum, reden, Vec::new())))?
        .huishouden;
    h.inkomsten = Default::default();
    if let Some(p) = h.partner.as_mut() {
        p.inkomsten = Default::default();
    }
    Ok(h)
}

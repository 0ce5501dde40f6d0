//! Errors: a parameter file that is wrong, and input or a date the rules
//! cannot compute with. Each names where the problem is.

use chrono::NaiveDate;
use serde::Serialize;

/// A parameter or policy file is wrong. Names the file and the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{}", self.tekst())]
pub struct LaadFout {
    pub bestand: Option<String>,
    pub sleutel: Option<String>,
    pub melding: String,
}

impl LaadFout {
    pub fn algemeen(melding: impl Into<String>) -> Self {
        Self {
            bestand: None,
            sleutel: None,
            melding: melding.into(),
        }
    }

    pub fn bestand(bestand: &str, melding: impl Into<String>) -> Self {
        Self {
            bestand: Some(bestand.to_owned()),
            sleutel: None,
            melding: melding.into(),
        }
    }

    pub fn sleutel(bestand: &str, sleutel: &str, melding: impl Into<String>) -> Self {
        Self {
            bestand: Some(bestand.to_owned()),
            sleutel: Some(sleutel.to_owned()),
            melding: melding.into(),
        }
    }

    fn tekst(&self) -> String {
        match (&self.bestand, &self.sleutel) {
            (Some(b), Some(s)) => format!("{b}: sleutel `{s}`: {}", self.melding),
            (Some(b), None) => format!("{b}: {}", self.melding),
            _ => self.melding.clone(),
        }
    }
}

/// The rules cannot compute: bad input, or no parameters for the date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "soort", rename_all = "snake_case")]
pub enum RekenFout {
    /// An input field is impossible. `veld` is the JSON path or CSV column.
    #[error("{veld}: {melding}")]
    Invoer { veld: String, melding: String },
    /// No parameter file of a topic holds on the date.
    #[error(
        "geen parameters voor \"{onderwerp}\" op {datum}: er is geen bestand dat op die datum geldt"
    )]
    GeenParameters { onderwerp: String, datum: NaiveDate },
    /// A value the calculation needs is marked unknown: configuration.
    #[error(
        "{sleutel} is niet ingesteld ({bestand}): de waarde is niet bekend en moet eerst worden ingevuld"
    )]
    NietIngesteld { sleutel: String, bestand: String },
    /// The gemeente has no policy file for the date.
    #[error("gemeente {gemeente} heeft geen beleid dat op {datum} geldt")]
    GeenBeleid { gemeente: String, datum: NaiveDate },
}

impl RekenFout {
    pub fn invoer(veld: impl Into<String>, melding: impl Into<String>) -> Self {
        Self::Invoer {
            veld: veld.into(),
            melding: melding.into(),
        }
    }

    /// A stable machine code, for API errors.
    pub fn code(&self) -> &'static str {
        match self {
            RekenFout::Invoer { .. } => "invoer_ongeldig",
            RekenFout::GeenParameters { .. } => "geen_parameters",
            RekenFout::NietIngesteld { .. } => "niet_ingesteld",
            RekenFout::GeenBeleid { .. } => "geen_beleid",
        }
    }
}

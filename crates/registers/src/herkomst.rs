//! Provenance: where a piece of data came from, when, for which question and purpose.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The register a result (or an error) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Bron {
    Brp,
    Uwv,
    Duo,
    Rdw,
    Kadaster,
    Svb,
    Bijstandsregelingen,
    Belastingdienst,
    Socrates,
    /// The gemeente's own BRP extract for the looplijst.
    LooplijstBrp,
    /// Looplijst yes/no questions to the UWV (polisadministratie).
    LooplijstUwv,
    /// Looplijst yes/no questions to Bijstandsregelingen.
    LooplijstBijstandsregelingen,
    /// Looplijst yes/no questions to the Belastingdienst.
    LooplijstBelastingdienst,
}

impl Bron {
    pub fn as_str(self) -> &'static str {
        match self {
            Bron::Brp => "BRP",
            Bron::Uwv => "UWV",
            Bron::Duo => "DUO",
            Bron::Rdw => "RDW",
            Bron::Kadaster => "Kadaster",
            Bron::Svb => "SVB",
            Bron::Bijstandsregelingen => "Bijstandsregelingen",
            Bron::Belastingdienst => "Belastingdienst",
            Bron::Socrates => "Socrates",
            Bron::LooplijstBrp => "BRP (looplijst)",
            Bron::LooplijstUwv => "UWV (looplijst)",
            Bron::LooplijstBijstandsregelingen => "Bijstandsregelingen (looplijst)",
            Bron::LooplijstBelastingdienst => "Belastingdienst (looplijst)",
        }
    }
}

impl fmt::Display for Bron {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Provenance of one result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Herkomst {
    pub bron: Bron,
    pub opgevraagd_op: DateTime<Utc>,
    /// The question asked, without personal data beyond what identifies the
    /// query type, e.g. `RaadpleegMetBurgerservicenummer fields=naam.voornamen,...`.
    pub vraag: String,
    /// The legal purpose (doelbinding) the data was requested for.
    pub doelbinding: String,
}

impl Herkomst {
    pub fn nu(bron: Bron, vraag: impl Into<String>, doelbinding: &str) -> Self {
        Self {
            bron,
            opgevraagd_op: Utc::now(),
            vraag: vraag.into(),
            doelbinding: doelbinding.to_owned(),
        }
    }
}

/// A result with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bevraging<T> {
    pub herkomst: Herkomst,
    pub gegevens: T,
}

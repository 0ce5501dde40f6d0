//! The answer to a closed question, shared by the Belastingdienst toetsingen
//! and the looplijst criteria.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Antwoord {
    Ja,
    Nee,
    /// The source cannot say (e.g. no assessment yet, person unknown).
    Onbekend,
}

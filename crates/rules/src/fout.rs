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

    /// Whether the date has no parameters or policy (a file to load, or a
    /// value to fill in): work for functioneel beheer, not a fault in the
    /// resident's facts. The figures of an earlier period are never used
    /// instead (outside the demo, see `Parameters::met_voorlopig_doortrekken`).
    pub fn parameters_ontbreken(&self) -> bool {
        !matches!(self, RekenFout::Invoer { .. })
    }

    /// For a medewerker, in plain words: what is missing and what to do.
    /// The betaalrun puts this on its exceptions and tasks, the advice on
    /// the zaak page.
    pub fn voor_medewerker(&self) -> String {
        match self {
            RekenFout::GeenParameters { onderwerp, datum } => format!(
                "de bedragen uit de wet die op {} gelden (onderwerp \"{onderwerp}\") staan nog niet in GBI. GBI rekent niet met de bedragen van de vorige periode, want dan klopt het bedrag niet. Functioneel beheer laadt de nieuwe parameterbestanden (`gbi params check` laat zien wat ontbreekt); reken daarna opnieuw",
                gbi_domain::date::dutch_date(*datum)
            ),
            RekenFout::GeenBeleid { gemeente, datum } => format!(
                "het beleid van gemeente {gemeente} voor {} staat niet in GBI. Functioneel beheer laadt het beleidsbestand; reken daarna opnieuw",
                gbi_domain::date::dutch_date(*datum)
            ),
            RekenFout::NietIngesteld { sleutel, bestand } => format!(
                "de waarde {sleutel} in {bestand} is nog niet ingevuld. Functioneel beheer vult haar in; reken daarna opnieuw"
            ),
            RekenFout::Invoer { .. } => format!(
                "de gegevens van het huishouden kloppen niet ({self}). Verbeter ze en reken opnieuw"
            ),
        }
    }

    /// For the resident (B1): why a month has no amount yet.
    pub fn voor_inwoner(&self) -> String {
        match self {
            RekenFout::GeenParameters { datum, .. } | RekenFout::GeenBeleid { datum, .. } => {
                format!(
                    "De bedragen voor de bijstand van {} staan nog niet in ons systeem. Daarom rekenen wij deze maand nog niet uit. Wij gebruiken niet de bedragen van vroeger, want dan klopt uw bedrag niet. Een medewerker van de gemeente zorgt ervoor. U hoeft niets te doen.",
                    gbi_domain::date::dutch_date(*datum)
                )
            }
            RekenFout::NietIngesteld { .. } => "Een bedrag dat wij nodig hebben, staat nog niet in ons systeem. Daarom rekenen wij deze maand nog niet uit. Een medewerker van de gemeente zorgt ervoor. U hoeft niets te doen.".to_owned(),
            RekenFout::Invoer { .. } => "Wij kunnen deze maand niet uitrekenen, omdat er iets niet klopt in de gegevens van uw huishouden. Een medewerker van de gemeente kijkt ernaar.".to_owned(),
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

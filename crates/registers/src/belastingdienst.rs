//! Belastingdienst toetsingen: GBI's data-minimal proposal. Instead of
//! income and assets, GBI asks yes/no questions against a threshold
//! (`POST {endpoint}/v1/toetsingen`).

pub use crate::antwoord::Antwoord;
use crate::config::SourceConfig;
use crate::error::{ConfigError, RegisterError};
use crate::herkomst::{Bevraging, Bron, Herkomst};
use crate::http::Source;
use crate::problem::query_json;
use crate::resilience::CircuitState;
use chrono::NaiveDate;
use gbi_domain::Bsn;
use serde::{Deserialize, Serialize};

/// The allowance a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Toeslag {
    Huurtoeslag,
    Zorgtoeslag,
    KindgebondenBudget,
    Kinderopvangtoeslag,
}

/// A yes/no question for the Belastingdienst. Amounts in eurocents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "soort", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Vraag {
    /// Is the verzamelinkomen over `jaar` below `grens_cents`?
    VerzamelinkomenOnder { jaar: i32, grens_cents: i64 },
    /// Does the person receive `toeslag` in `jaar`?
    OntvangtToeslag { toeslag: Toeslag, jaar: i32 },
    /// Is the box 3 wealth over `jaar` below `grens_cents`?
    #[serde(rename = "VERMOGEN_BOX3_ONDER")]
    VermogenBox3Onder { jaar: i32, grens_cents: i64 },
}

impl Vraag {
    fn omschrijving(&self) -> String {
        match self {
            Self::VerzamelinkomenOnder { jaar, grens_cents } => {
                format!("VERZAMELINKOMEN_ONDER jaar={jaar} grens_cents={grens_cents}")
            }
            Self::OntvangtToeslag { toeslag, jaar } => {
                let t = serde_json::to_value(toeslag)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                format!("ONTVANGT_TOESLAG toeslag={t} jaar={jaar}")
            }
            Self::VermogenBox3Onder { jaar, grens_cents } => {
                format!("VERMOGEN_BOX3_ONDER jaar={jaar} grens_cents={grens_cents}")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeantwoordeVraag {
    pub vraag: Vraag,
    pub antwoord: Antwoord,
}

/// The answers, in the order the questions were asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toetsing {
    pub peildatum: NaiveDate,
    pub antwoorden: Vec<BeantwoordeVraag>,
}

#[derive(Serialize)]
struct WireVraag<'a> {
    id: String,
    #[serde(flatten)]
    vraag: &'a Vraag,
}

#[derive(Serialize)]
struct WireVerzoek<'a> {
    bsn: &'a str,
    doelbinding: &'a str,
    vragen: Vec<WireVraag<'a>>,
}

#[derive(Deserialize)]
struct WireAntwoord {
    id: String,
    antwoord: Antwoord,
}

#[derive(Deserialize)]
struct WireToetsing {
    antwoorden: Vec<WireAntwoord>,
    peildatum: NaiveDate,
}

/// Client for the Belastingdienst toetsingen API.
#[derive(Debug)]
pub struct BelastingdienstClient {
    src: Source,
}

impl BelastingdienstClient {
    pub fn new(cfg: &SourceConfig) -> Result<Self, ConfigError> {
        Ok(Self {
            src: Source::new(Bron::Belastingdienst, cfg)?,
        })
    }

    pub fn circuit(&self) -> CircuitState {
        self.src.circuit()
    }

    /// Let one request through now even if the breaker is open.
    pub fn probeer_nu(&self) {
        self.src.probeer_nu();
    }

    /// Ask `vragen` about `bsn`. `doelbinding` is sent as the API's
    /// purpose code (e.g. `PARTICIPATIEWET`). `NotFound` for an unknown BSN.
    pub async fn toets(
        &self,
        bsn: &Bsn,
        vragen: &[Vraag],
        doelbinding: &str,
    ) -> Result<Bevraging<Toetsing>, RegisterError> {
        let bron = Bron::Belastingdienst;
        if vragen.is_empty() {
            return Err(RegisterError::Rejected {
                bron,
                status: None,
                code: Some("vragen".into()),
                message: "minstens één vraag".into(),
                details: vec![],
            });
        }
        let verzoek = WireVerzoek {
            bsn: bsn.as_str(),
            doelbinding,
            vragen: vragen
                .iter()
                .enumerate()
                .map(|(i, vraag)| WireVraag {
                    id: format!("q{}", i + 1),
                    vraag,
                })
                .collect(),
        };
        let body = serde_json::to_vec(&verzoek)
            .map_err(|e| RegisterError::invalid(bron, format!("verzoek: {e}")))?;
        let herkomst = Herkomst::nu(
            bron,
            format!(
                "toetsingen {}",
                vragen
                    .iter()
                    .map(Vraag::omschrijving)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            doelbinding,
        );
        let url = format!("{}/v1/toetsingen", self.src.endpoint);
        let wire: WireToetsing = query_json(&self.src, &url, &body, true).await?;

        let mut antwoorden = Vec::with_capacity(vragen.len());
        for (i, vraag) in vragen.iter().enumerate() {
            let id = format!("q{}", i + 1);
            let mut matches = wire.antwoorden.iter().filter(|a| a.id == id);
            let (Some(a), None) = (matches.next(), matches.next()) else {
                return Err(RegisterError::invalid(
                    bron,
                    format!("vraag {id} niet precies één keer beantwoord"),
                ));
            };
            antwoorden.push(BeantwoordeVraag {
                vraag: *vraag,
                antwoord: a.antwoord,
            });
        }
        if wire.antwoorden.len() != vragen.len() {
            return Err(RegisterError::invalid(
                bron,
                "antwoord op een vraag die niet gesteld is",
            ));
        }
        Ok(Bevraging {
            herkomst,
            gegevens: Toetsing {
                peildatum: wire.peildatum,
                antwoorden,
            },
        })
    }
}

//! Socrates (Wigo4it) LO Behandeld API, release 2026.030: hand a processed
//! levensonderhoud application to Socrates (`POST {endpoint}/api/v1/LOBehandeld`).
//!
//! The spec offers no idempotency key, so a delivery is only retried when the
//! request provably never reached the server (connection failed).

mod codes;
mod inkomen;
pub mod inpassen;
mod model;
pub mod nationaliteit;
mod persoon;

pub use codes::*;
pub use inkomen::*;
pub use model::*;
pub use persoon::*;

use crate::config::SourceConfig;
use crate::error::{ConfigError, RegisterError};
use crate::herkomst::Bron;
use crate::http::Source;
use crate::resilience::{CircuitState, RetryPolicy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// API version in the path (`/api/v{version}/LOBehandeld`).
pub const API_VERSIE: &str = "1";

/// An amount in eurocents, written as the API's decimal string with a
/// decimal comma (`"1234,56"`): the amount pattern of the specification,
/// `^-?[0-9]+((;|,|\\.)[0-9]{2}|)$`, as written accepts `,` and `;` but
/// not a plain `.` (docs/socrates-afwijkingen.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bedrag(pub i64);

impl Bedrag {
    pub fn cents(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Bedrag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{},{:02}", abs / 100, abs % 100)
    }
}

impl Serialize for Bedrag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Bedrag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        crate::suwinet::xml::decimal_cents(&s.replace(';', "."))
            .map(Bedrag)
            .ok_or_else(|| serde::de::Error::custom(format!("geen bedrag: {s:?}")))
    }
}

/// Client for Socrates LO Behandeld.
#[derive(Debug)]
pub struct SocratesClient {
    src: Source,
}

impl SocratesClient {
    pub fn new(cfg: &SourceConfig) -> Result<Self, ConfigError> {
        Ok(Self {
            src: Source::new(Bron::Socrates, cfg)?,
        })
    }

    pub fn circuit(&self) -> CircuitState {
        self.src.circuit()
    }

    /// Let one request through now even if the breaker is open.
    pub fn probeer_nu(&self) {
        self.src.probeer_nu();
    }

    /// Deliver a handled case. `Ok` on 202 Accepted; 422 gives `Rejected`
    /// with the validation errors, 5xx `Unavailable`.
    pub async fn lo_behandeld(
        &self,
        zaak: &ZaakLOBehandeld,
    ) -> Result<ResponseLOBehandeld, RegisterError> {
        let bron = Bron::Socrates;
        let url = format!("{}/api/v{API_VERSIE}/LOBehandeld", self.src.endpoint);
        let body = serde_json::to_vec(zaak)
            .map_err(|e| RegisterError::invalid(bron, format!("verzoek: {e}")))?;
        self.src
            .resilience
            .run(RetryPolicy::OnlyIfNotSent, || async {
                let resp = self
                    .src
                    .post(&url)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .body(body.clone())
                    .send()
                    .await
                    .map_err(|e| self.src.transport_error(&e))?;
                let status = resp.status();
                let bytes = resp
                    .bytes()
                    .await
                    .map_err(|e| self.src.transport_error(&e))?;
                let parsed = serde_json::from_slice::<ResponseLOBehandeld>(&bytes);
                if status == reqwest::StatusCode::ACCEPTED || status.is_success() {
                    return parsed.map_err(|e| RegisterError::invalid(bron, e.to_string()));
                }
                if let Some(e) = self.src.server_error(status) {
                    return Err(e);
                }
                let r = parsed.ok();
                Err(RegisterError::Rejected {
                    bron,
                    status: Some(status.as_u16()),
                    code: r.as_ref().and_then(|r| r.foutcode.clone()),
                    message: r
                        .as_ref()
                        .and_then(|r| r.foutomschrijving.clone().or(r.details.clone()))
                        .unwrap_or_else(|| status.canonical_reason().unwrap_or("geweigerd").into()),
                    details: r.and_then(|r| r.fouten).unwrap_or_default(),
                })
            })
            .await
    }
}

//! Typed errors shared by all register clients.

use crate::herkomst::Bron;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a source could not be reached or did not answer usefully.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "soort", content = "detail", rename_all = "snake_case")]
pub enum UnavailableReason {
    /// The attempt took longer than the configured timeout.
    Timeout,
    /// No connection could be made (refused, DNS, TLS handshake). The
    /// request was never sent, so retrying is safe even for non-idempotent calls.
    Connect(String),
    /// The source answered with a server error (5xx) or 429.
    Status(u16),
    /// The circuit breaker for this source is open: failing fast.
    CircuitOpen,
    /// The source reported a technical fault (e.g. SOAP Server fault, FWI technische fout).
    Fault(String),
    /// Any other transport problem.
    Transport(String),
}

impl fmt::Display for UnavailableReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Timeout => f.write_str("timeout"),
            Self::Connect(d) => write!(f, "connection failed: {d}"),
            Self::Status(s) => write!(f, "HTTP status {s}"),
            Self::CircuitOpen => f.write_str("circuit open"),
            Self::Fault(d) => write!(f, "fault: {d}"),
            Self::Transport(d) => write!(f, "transport error: {d}"),
        }
    }
}

/// Error of a register query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum RegisterError {
    /// The register knows nothing about the subject of the query.
    #[error("{bron}: niets gevonden")]
    NotFound { bron: Bron },
    /// The register could not be reached or had a technical problem. Try again later.
    #[error("{bron}: niet beschikbaar ({reason})")]
    Unavailable {
        bron: Bron,
        reason: UnavailableReason,
    },
    /// The register refused the request: bad request, not authorised, validation errors.
    #[error("{bron}: verzoek geweigerd ({}): {message}", status.map(|s| s.to_string()).unwrap_or_else(|| "fault".into()))]
    Rejected {
        bron: Bron,
        /// HTTP status, when the refusal came as one.
        status: Option<u16>,
        /// Machine-readable code from the source (problem `code`, FWI code, faultcode).
        code: Option<String>,
        message: String,
        /// Individual validation errors, if the source listed them.
        details: Vec<String>,
    },
    /// The answer could not be parsed or does not match the specification.
    #[error("{bron}: ongeldig antwoord: {reason}")]
    InvalidResponse { bron: Bron, reason: String },
}

impl RegisterError {
    pub fn bron(&self) -> Bron {
        match self {
            Self::NotFound { bron }
            | Self::Unavailable { bron, .. }
            | Self::Rejected { bron, .. }
            | Self::InvalidResponse { bron, .. } => *bron,
        }
    }

    pub fn is_unavailable(&self) -> bool {
        matches!(self, Self::Unavailable { .. })
    }

    pub(crate) fn invalid(bron: Bron, reason: impl Into<String>) -> Self {
        Self::InvalidResponse {
            bron,
            reason: reason.into(),
        }
    }

    pub(crate) fn unavailable(bron: Bron, reason: UnavailableReason) -> Self {
        Self::Unavailable { bron, reason }
    }

    /// Turn a transport error from reqwest into a typed error.
    pub(crate) fn from_reqwest(bron: Bron, e: &reqwest::Error) -> Self {
        let reason = if e.is_timeout() {
            UnavailableReason::Timeout
        } else if e.is_connect() {
            UnavailableReason::Connect(root_cause(e))
        } else if e.is_decode() {
            return Self::invalid(bron, root_cause(e));
        } else {
            UnavailableReason::Transport(root_cause(e))
        };
        Self::Unavailable { bron, reason }
    }
}

/// The innermost error message, without the URL (which can hold query data).
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur: &(dyn std::error::Error + 'static) = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// The configuration could not be turned into working clients.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{bron}: endpoint {endpoint:?} is not a valid http(s) URL")]
    Endpoint { bron: Bron, endpoint: String },
    #[error("{bron}: cannot read {path}: {source}")]
    File {
        bron: Bron,
        path: String,
        source: std::io::Error,
    },
    #[error("{bron}: TLS settings: {reason}")]
    Tls { bron: Bron, reason: String },
    #[error("{bron}: concurrency must be at least 1")]
    Concurrency { bron: Bron },
}

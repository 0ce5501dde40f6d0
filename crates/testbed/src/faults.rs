//! Fault injection per source: latency, random errors, hanging requests and
//! a source that is down.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// The sources that can be given faults.
pub const SOURCES: &[&str] = &[
    "brp",
    "uwv",
    "duo",
    "rdw",
    "kadaster",
    "svb",
    "bijstandsregelingen",
    "belastingdienst",
    "socrates",
    // The looplijst vragen endpoints alone (docs/looplijst-criteria-api.md).
    "looplijst_uwv",
    "looplijst_bijstandsregelingen",
    "looplijst_belastingdienst",
];

/// How long a request with `timeout: true` is held before a 504.
pub const TIMEOUT_HOLD: Duration = Duration::from_secs(60);

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fault {
    /// Extra delay before every answer.
    pub latency_ms: u64,
    /// Probability (0.0–1.0) that a request fails with 503 (or a SOAP fault).
    pub error_rate: f64,
    /// Hold every request for about 60 seconds, then answer 504.
    pub timeout: bool,
    /// Refuse every request at once with 503.
    pub down: bool,
}

impl Fault {
    pub fn is_none(&self) -> bool {
        *self == Fault::default()
    }
}

/// What the fault layer decided for one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Proceed,
    Unavailable,
    Timeout,
}

/// Cloneable handle to the faults of a running testbed.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    inner: Arc<RwLock<BTreeMap<String, Fault>>>,
}

#[derive(Debug, thiserror::Error)]
#[error("onbekende bron: {0}")]
pub struct UnknownSource(pub String);

impl Faults {
    pub fn new() -> Self {
        Self::default()
    }

    /// Set the fault for one source (see `SOURCES`).
    pub fn set(&self, source: &str, fault: Fault) -> Result<(), UnknownSource> {
        if !SOURCES.contains(&source) {
            return Err(UnknownSource(source.to_string()));
        }
        let mut map = self.inner.write().unwrap_or_else(|e| e.into_inner());
        if fault.is_none() {
            map.remove(source);
        } else {
            map.insert(source.to_string(), fault);
        }
        Ok(())
    }

    pub fn get(&self, source: &str) -> Fault {
        let map = self.inner.read().unwrap_or_else(|e| e.into_inner());
        map.get(source).copied().unwrap_or_default()
    }

    /// All sources with their current fault (defaults included).
    pub fn all(&self) -> BTreeMap<String, Fault> {
        SOURCES
            .iter()
            .map(|s| (s.to_string(), self.get(s)))
            .collect()
    }

    pub fn reset(&self) {
        self.inner
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Apply the fault of `source` to one request: waits for latency or the
    /// timeout hold and says how to answer.
    pub async fn apply(&self, source: &str) -> Outcome {
        let f = self.get(source);
        if f.down {
            return Outcome::Unavailable;
        }
        if f.latency_ms > 0 {
            tokio::time::sleep(Duration::from_millis(f.latency_ms)).await;
        }
        if f.timeout {
            tokio::time::sleep(TIMEOUT_HOLD).await;
            return Outcome::Timeout;
        }
        if f.error_rate > 0.0 {
            let roll: f64 = rand::random();
            if roll < f.error_rate {
                return Outcome::Unavailable;
            }
        }
        Outcome::Proceed
    }
}

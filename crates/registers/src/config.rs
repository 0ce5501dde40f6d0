//! Per-source settings, embedded by the application as `[registers.<source>]`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// Connection and resilience settings for one register.
///
/// `Debug` never shows the API key.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    /// Base URL of the source, e.g. `http://127.0.0.1:8080/haalcentraal/api/brp`.
    pub endpoint: String,
    /// Timeout of one HTTP attempt, in milliseconds.
    #[serde(default = "defaults::timeout_ms")]
    pub timeout_ms: u64,
    /// Retries after the first attempt (idempotent queries only).
    #[serde(default = "defaults::retries")]
    pub retries: u32,
    /// Base delay of the exponential backoff, in milliseconds.
    #[serde(default = "defaults::backoff_ms")]
    pub backoff_ms: u64,
    /// Maximum number of requests in flight to this source.
    #[serde(default = "defaults::concurrency")]
    pub concurrency: usize,
    /// Consecutive failures after which the circuit breaker opens.
    #[serde(default = "defaults::breaker_failures")]
    pub breaker_failures: u32,
    /// How long the breaker stays open before a probe is let through.
    #[serde(default = "defaults::breaker_cooldown_ms")]
    pub breaker_cooldown_ms: u64,
    /// Sent as `X-Api-Key` when set. Never logged or Debug-printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    /// PEM file with the PKIoverheid client certificate (mutual TLS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_client_cert: Option<PathBuf>,
    /// PEM file with the private key belonging to `tls_client_cert`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_client_key: Option<PathBuf>,
    /// PEM file with the CA certificate(s) to trust for this source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_ca: Option<PathBuf>,
    /// Our organisation's OIN (Organisatie-identificatienummer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oin: Option<String>,
}

mod defaults {
    pub fn timeout_ms() -> u64 {
        5000
    }
    pub fn retries() -> u32 {
        3
    }
    pub fn backoff_ms() -> u64 {
        200
    }
    pub fn concurrency() -> usize {
        16
    }
    pub fn breaker_failures() -> u32 {
        5
    }
    pub fn breaker_cooldown_ms() -> u64 {
        30_000
    }
}

impl SourceConfig {
    /// Settings with the defaults for the given endpoint.
    pub fn new(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
            timeout_ms: defaults::timeout_ms(),
            retries: defaults::retries(),
            backoff_ms: defaults::backoff_ms(),
            concurrency: defaults::concurrency(),
            breaker_failures: defaults::breaker_failures(),
            breaker_cooldown_ms: defaults::breaker_cooldown_ms(),
            api_key: None,
            tls_client_cert: None,
            tls_client_key: None,
            tls_ca: None,
            oin: None,
        }
    }

    /// The endpoint without a trailing slash.
    pub(crate) fn base(&self) -> &str {
        self.endpoint.trim_end_matches('/')
    }
}

impl fmt::Debug for SourceConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceConfig")
            .field("endpoint", &self.endpoint)
            .field("timeout_ms", &self.timeout_ms)
            .field("retries", &self.retries)
            .field("backoff_ms", &self.backoff_ms)
            .field("concurrency", &self.concurrency)
            .field("breaker_failures", &self.breaker_failures)
            .field("breaker_cooldown_ms", &self.breaker_cooldown_ms)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("tls_client_cert", &self.tls_client_cert)
            .field("tls_client_key", &self.tls_client_key)
            .field("tls_ca", &self.tls_ca)
            .field("oin", &self.oin)
            .finish()
    }
}

/// Settings for every register GBI consults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistersConfig {
    pub brp: SourceConfig,
    pub uwv: SourceConfig,
    pub duo: SourceConfig,
    pub rdw: SourceConfig,
    pub kadaster: SourceConfig,
    pub svb: SourceConfig,
    pub bijstandsregelingen: SourceConfig,
    pub belastingdienst: SourceConfig,
    pub socrates: SourceConfig,
    /// Sources of the looplijst (proactive outreach); absent when the
    /// gemeente does not run one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub looplijst: Option<LooplijstConfig>,
    /// WS-Security signing of every Suwinet call (`[registers.suwinet_signing]`).
    /// Without it calls go out unsigned, which BKWI refuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suwinet_signing: Option<SigningConfig>,
}

/// The gemeente's PKIoverheid certificate and private key for signing
/// Suwinet calls (WS-Security, see `docs/adr/0013-suwinet-ws-security.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SigningConfig {
    /// PEM file with the PKIoverheid certificate (sent as BinarySecurityToken).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<PathBuf>,
    /// PEM file with its RSA private key (PKCS#8 or PKCS#1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<PathBuf>,
    /// Sign with a key and self-signed certificate generated at start.
    /// For `gbi serve --demo` and tests only; BKWI would refuse it.
    #[serde(default)]
    pub throwaway: bool,
}

impl SigningConfig {
    /// A throwaway key and self-signed certificate (demo and tests).
    pub fn throwaway() -> Self {
        Self {
            certificate: None,
            private_key: None,
            throwaway: true,
        }
    }
}

/// Sources of the looplijst: the gemeente's BRP extract and the batched
/// yes/no questions (see `docs/looplijst-criteria-api.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LooplijstConfig {
    /// Base of the extract, e.g. `{base}/looplijst/v1/brp`.
    pub brp: SourceConfig,
    /// Base of the questions, e.g. `{base}/looplijst/v1/uwv`.
    pub uwv: SourceConfig,
    pub bijstandsregelingen: SourceConfig,
    pub belastingdienst: SourceConfig,
}

impl LooplijstConfig {
    /// Endpoints for the GBI testbed running at `base_url`.
    pub fn testbed(base_url: &str) -> Self {
        let base = base_url.trim_end_matches('/');
        let bron = |naam: &str| SourceConfig::new(format!("{base}/looplijst/v1/{naam}"));
        Self {
            brp: bron("brp"),
            uwv: bron("uwv"),
            bijstandsregelingen: bron("bijstandsregelingen"),
            belastingdienst: bron("belastingdienst"),
        }
    }
}

impl RegistersConfig {
    /// Endpoints for the GBI testbed running at `base_url`
    /// (e.g. `http://127.0.0.1:8080`), with default resilience settings.
    pub fn testbed(base_url: &str) -> Self {
        let base = base_url.trim_end_matches('/');
        let suwinet = |service: &str| SourceConfig::new(format!("{base}/suwinet/{service}"));
        Self {
            brp: SourceConfig::new(format!("{base}/haalcentraal/api/brp")),
            uwv: suwinet("UWVDossierInkomstenGSD"),
            duo: suwinet("DUODossierStudiefinancieringGSD"),
            rdw: suwinet("RDWDossierGSD"),
            kadaster: suwinet("KadasterDossierGSD"),
            svb: suwinet("SVBDossierPersoonGSD"),
            bijstandsregelingen: suwinet("Bijstandsregelingen"),
            belastingdienst: SourceConfig::new(format!("{base}/belastingdienst")),
            socrates: SourceConfig::new(format!("{base}/socrates")),
            looplijst: Some(LooplijstConfig::testbed(base)),
            suwinet_signing: Some(SigningConfig::throwaway()),
        }
    }

    /// Apply `f` to every source, e.g. to shorten timeouts in tests.
    pub fn map_sources(mut self, f: impl Fn(&mut SourceConfig)) -> Self {
        for s in [
            &mut self.brp,
            &mut self.uwv,
            &mut self.duo,
            &mut self.rdw,
            &mut self.kadaster,
            &mut self.svb,
            &mut self.bijstandsregelingen,
            &mut self.belastingdienst,
            &mut self.socrates,
        ] {
            f(s);
        }
        if let Some(l) = &mut self.looplijst {
            for s in [
                &mut l.brp,
                &mut l.uwv,
                &mut l.bijstandsregelingen,
                &mut l.belastingdienst,
            ] {
                f(s);
            }
        }
        self
    }
}

//! The HTTP plumbing every client shares: one reqwest client per source
//! (timeouts, TLS), the API key header, and status classification.

use crate::config::SourceConfig;
use crate::error::{ConfigError, RegisterError, UnavailableReason};
use crate::herkomst::Bron;
use crate::resilience::{CircuitState, Resilience};
use gbi_domain::TraceContext;
use std::fmt;
use std::future::Future;
use std::time::Duration;

tokio::task_local! {
    static TRACE: TraceContext;
}

/// Run `f` with `trace` as the current trace: every register call made
/// inside carries a `traceparent` with a child span of it (W3C Trace
/// Context; the Logboek Dataverwerkingen standard requires it towards
/// Suwinet). Outside such a scope each call starts a new trace.
pub async fn with_trace<F: Future>(trace: TraceContext, f: F) -> F::Output {
    TRACE.scope(trace, f).await
}

/// The `traceparent` for one outgoing call: a child span of the current trace.
pub(crate) fn outgoing_traceparent() -> String {
    TRACE
        .try_with(TraceContext::child)
        .unwrap_or_else(|_| TraceContext::new_root())
        .traceparent()
}

/// A secret that never shows up in Debug output or logs.
#[derive(Clone)]
pub(crate) struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Everything needed to talk to one source.
#[derive(Debug)]
pub(crate) struct Source {
    pub bron: Bron,
    pub endpoint: String,
    pub client: reqwest::Client,
    api_key: Option<Secret>,
    pub resilience: Resilience,
    /// Our organisation's OIN, when configured.
    pub oin: Option<String>,
}

impl Source {
    pub fn new(bron: Bron, cfg: &SourceConfig) -> Result<Self, ConfigError> {
        let endpoint = cfg.base().to_owned();
        match reqwest::Url::parse(&endpoint) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => {}
            _ => {
                return Err(ConfigError::Endpoint {
                    bron,
                    endpoint: cfg.endpoint.clone(),
                });
            }
        }
        if cfg.concurrency == 0 {
            return Err(ConfigError::Concurrency { bron });
        }
        Ok(Self {
            bron,
            endpoint,
            client: build_client(bron, cfg)?,
            api_key: cfg.api_key.clone().map(Secret),
            resilience: Resilience::new(bron, cfg),
            oin: cfg.oin.clone(),
        })
    }

    /// A POST to `url` with `traceparent` and the API key header when configured.
    pub fn post(&self, url: &str) -> reqwest::RequestBuilder {
        let req = self
            .client
            .post(url)
            .header("traceparent", outgoing_traceparent());
        match &self.api_key {
            Some(Secret(key)) => req.header("X-Api-Key", key),
            None => req,
        }
    }

    /// A GET of `url` with `traceparent` and the API key header when configured.
    pub fn get(&self, url: &str) -> reqwest::RequestBuilder {
        let req = self
            .client
            .get(url)
            .header("traceparent", outgoing_traceparent());
        match &self.api_key {
            Some(Secret(key)) => req.header("X-Api-Key", key),
            None => req,
        }
    }

    pub fn transport_error(&self, e: &reqwest::Error) -> RegisterError {
        RegisterError::from_reqwest(self.bron, e)
    }

    /// 5xx and 429 mean "try again later"; everything else is for the caller to judge.
    pub fn server_error(&self, status: reqwest::StatusCode) -> Option<RegisterError> {
        if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
            Some(RegisterError::unavailable(
                self.bron,
                UnavailableReason::Status(status.as_u16()),
            ))
        } else {
            None
        }
    }

    pub fn probeer_nu(&self) {
        self.resilience.probeer_nu();
    }

    pub fn circuit(&self) -> CircuitState {
        self.resilience.circuit()
    }
}

fn build_client(bron: Bron, cfg: &SourceConfig) -> Result<reqwest::Client, ConfigError> {
    let timeout = Duration::from_millis(cfg.timeout_ms.max(1));
    let mut builder = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .pool_max_idle_per_host(cfg.concurrency)
        .user_agent(concat!("gbi-registers/", env!("CARGO_PKG_VERSION")));

    let read = |path: &std::path::Path| {
        std::fs::read(path).map_err(|source| ConfigError::File {
            bron,
            path: path.display().to_string(),
            source,
        })
    };
    let tls = |reason: String| ConfigError::Tls { bron, reason };

    match (&cfg.tls_client_cert, &cfg.tls_client_key) {
        (Some(cert), Some(key)) => {
            let mut pem = read(cert)?;
            pem.push(b'\n');
            pem.extend(read(key)?);
            let identity = reqwest::Identity::from_pem(&pem).map_err(|e| tls(e.to_string()))?;
            builder = builder.identity(identity);
        }
        (None, None) => {}
        _ => {
            return Err(tls(
                "tls_client_cert and tls_client_key must be set together".into(),
            ));
        }
    }
    if let Some(ca) = &cfg.tls_ca {
        let pem = read(ca)?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| tls(e.to_string()))?;
        if certs.is_empty() {
            return Err(tls(format!("no certificates in {}", ca.display())));
        }
        // Trust only the configured (PKIoverheid) roots for this source.
        builder = builder.tls_built_in_root_certs(false);
        for c in certs {
            builder = builder.add_root_certificate(c);
        }
    }
    builder.build().map_err(|e| tls(e.to_string()))
}

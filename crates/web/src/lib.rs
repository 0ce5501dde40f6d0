//! The interaction layer of GBI: one HTTP server for the caseworker
//! werkplek, the resident pages, the JSON APIs and the operations endpoints.
//!
//! Every route is declared once in [`routes::table`], with who may call it.
//! The router is built from that table, and the tenancy test walks the same
//! table, so a route added later is covered by it automatically.

pub mod api;
mod assets;
pub mod auth;
pub mod contact;
pub mod error;
pub mod identiteit;
pub mod metrics;
mod middleware;
pub mod oidc;
mod ops;
pub mod pages;
pub mod routes;
pub mod security;

use axum::Router;
use gbi_store::Db;
use std::sync::Arc;
use std::time::Instant;

/// What the web layer needs to know of the configuration.
#[derive(Debug, Clone, Default)]
pub struct WebSettings {
    /// Demo mode: demo logins are offered on the login page.
    pub demo: bool,
    /// Send cookies with `Secure` (behind HTTPS in production).
    pub secure_cookies: bool,
    /// Origins besides this site that forms may lead to (the login
    /// providers a login form redirects to), for the CSP's `form-action`.
    pub form_action: Vec<String>,
    /// The bearer token `/metrics` asks for (`metrics_token`); without one,
    /// `/metrics` answers only in demo mode.
    pub metrics_token: Option<String>,
    /// Proxies in front of GBI whose `X-Forwarded-For` is believed, for
    /// throttling logins per address (`trusted_proxies`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// Shared state of every request handler.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// BRP lookups for prefilling the form; `None` when no register is configured.
    pub prefill: Option<Arc<dyn gbi_zaken::prefill::Prefill>>,
    pub settings: Arc<WebSettings>,
    pub metrics: Arc<metrics::Metrics>,
    pub started: Instant,
    /// Progress of betaalruns being computed, by `gemeente:maand`.
    pub voortgang: Arc<std::sync::Mutex<std::collections::HashMap<String, (u64, u64)>>>,
    /// Called when a person asks to retry waiting work now: registers whose
    /// circuit breaker is open let one request through at once.
    pub probeer_nu: Option<Arc<dyn Fn() + Send + Sync>>,
    /// The register clients, for the UWV wage import before a betaalrun
    /// (`None`: no registers configured; the run computes with the reports
    /// it has).
    pub registers: Option<Arc<gbi_registers::Registers>>,
    /// Why the last betaalrun of a `gemeente:maand` was not computed (e.g.
    /// UWV was down), shown on the betaalruns page until the next attempt.
    pub betaalrun_fouten: Arc<std::sync::Mutex<std::collections::HashMap<String, String>>>,
    /// The rules, for the month ledger and specifications.
    pub regels: Option<Arc<gbi_rules::Regels>>,
    /// House style per gemeente for documents made on request (the
    /// specification PDF); in demo mode a marked demo style fills gaps.
    /// Each gemeente's staff sign-on (`[oidc_werkplek."0392"]`).
    pub oidc_werkplek:
        Arc<std::collections::HashMap<gbi_domain::GemeenteCode, Arc<oidc::Provider>>>,
    /// Each gemeente's DigiD broker (`[oidc_portaal."0392"]`).
    pub oidc_portaal: Arc<std::collections::HashMap<gbi_domain::GemeenteCode, Arc<oidc::Provider>>>,
    pub huisstijlen:
        Arc<std::collections::HashMap<gbi_domain::GemeenteCode, gbi_letters::Huisstijl>>,
    /// The published looplijst criteria (built in, dated).
    pub catalogi: Arc<gbi_rules::looplijst::Catalogi>,
    /// The looplijst sources; `None` when `[registers.looplijst]` is not set.
    pub looplijst: Option<Arc<gbi_registers::looplijst::LooplijstClient>>,
    /// Set when the instance stops (SIGTERM): `/health/ready` answers 503
    /// so a load balancer sends no new traffic while requests finish.
    pub stopping: Arc<std::sync::atomic::AtomicBool>,
}

impl AppState {
    pub fn new(db: Db, settings: WebSettings) -> Self {
        Self {
            db,
            prefill: None,
            settings: Arc::new(settings),
            metrics: Arc::new(metrics::Metrics::default()),
            started: Instant::now(),
            voortgang: Arc::default(),
            probeer_nu: None,
            registers: None,
            betaalrun_fouten: Arc::default(),
            // The built-in files are validated by the rules' own tests.
            regels: gbi_rules::Regels::ingebouwd().ok().map(Arc::new),
            huisstijlen: Arc::default(),
            oidc_portaal: Arc::default(),
            oidc_werkplek: Arc::default(),
            // The built-in catalogue is validated by the rules' own tests.
            catalogi: Arc::new(
                gbi_rules::looplijst::Catalogi::ingebouwd().unwrap_or_else(|e| {
                    tracing::error!(error = %e, "looplijst criteria not loaded");
                    gbi_rules::looplijst::Catalogi {
                        catalogi: Vec::new(),
                    }
                }),
            ),
            looplijst: None,
            stopping: Arc::default(),
        }
    }

    /// The looplijst sources (the BRP extract and the yes/no questions).
    pub fn with_looplijst(
        mut self,
        client: Arc<gbi_registers::looplijst::LooplijstClient>,
    ) -> Self {
        self.looplijst = Some(client);
        self
    }

    /// Each gemeente's DigiD broker, by its registration there.
    pub fn with_oidc_portaal(
        mut self,
        c: std::collections::HashMap<gbi_domain::GemeenteCode, oidc::ClientConfig>,
    ) -> Self {
        self.oidc_portaal = Arc::new(
            c.into_iter()
                .map(|(k, v)| (k, Arc::new(oidc::Provider::new(v))))
                .collect(),
        );
        self
    }

    /// Each gemeente's staff sign-on, by its registration there.
    pub fn with_oidc_werkplek(
        mut self,
        c: std::collections::HashMap<gbi_domain::GemeenteCode, oidc::ClientConfig>,
    ) -> Self {
        self.oidc_werkplek = Arc::new(
            c.into_iter()
                .map(|(k, v)| (k, Arc::new(oidc::Provider::new(v))))
                .collect(),
        );
        self
    }

    /// The house styles of the gemeenten (`[huisstijl."0392"]`).
    pub fn with_huisstijlen(
        mut self,
        h: std::collections::HashMap<gbi_domain::GemeenteCode, gbi_letters::Huisstijl>,
    ) -> Self {
        self.huisstijlen = Arc::new(h);
        self
    }

    /// What a manual retry should also do (reset open circuit breakers).
    pub fn with_probeer_nu(mut self, f: Arc<dyn Fn() + Send + Sync>) -> Self {
        self.probeer_nu = Some(f);
        self
    }

    /// The register clients (UWV wages before a betaalrun).
    pub fn with_registers(mut self, registers: Arc<gbi_registers::Registers>) -> Self {
        self.registers = Some(registers);
        self
    }

    /// The rules (a municipality's own parameter files).
    pub fn with_regels(mut self, regels: Arc<gbi_rules::Regels>) -> Self {
        self.regels = Some(regels);
        self
    }

    /// Prefill the form from BRP through `prefill`.
    pub fn with_prefill(mut self, prefill: Arc<dyn gbi_zaken::prefill::Prefill>) -> Self {
        self.prefill = Some(prefill);
        self
    }
}

/// The whole application: every route of the table, with the middleware
/// that gives each request its id, trace context, metrics and log line.
pub fn app(state: AppState) -> Router {
    let mut router = Router::new();
    for def in routes::table() {
        let handler = (def.handler)();
        let handler = match def.access {
            routes::Access::Staff(roles) => {
                handler.route_layer(axum::middleware::from_fn_with_state(
                    auth::Guard {
                        state: state.clone(),
                        roles,
                    },
                    auth::guard_staff,
                ))
            }
            routes::Access::Public | routes::Access::Inwoner => handler,
        };
        router = router.route(def.path, handler);
    }
    router
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::met_medewerker,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::observe,
        ))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            pages::bestand::MAX_BODY,
        ))
        .layer(axum::middleware::from_fn(error::te_groot))
        .layer(axum::middleware::from_fn(security::control_characters))
        .layer(axum::middleware::from_fn(security::same_site_changes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .with_state(state)
}

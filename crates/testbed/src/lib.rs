//! Simulated registers over real HTTP: BRP (Haal Centraal BRP Personen
//! 2.7), Suwinet Inkijk (SOAP 1.1, SuwiML), the Belastingdienst (our own
//! data-minimal proposal, see `docs/belastingdienst-toets-api.md`), Socrates
//! (LO Behandeld) and the looplijst sources (`looplijst`, see
//! `docs/looplijst-criteria-api.md`). They are backed by the BRP test data,
//! the Suwinet example responses and a synthetic population (`population`),
//! and every source can be given faults at run time (`faults`).
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! let tb = gbi_testbed::start(gbi_testbed::TestbedConfig::default()).await?;
//! let url = format!("{}/haalcentraal/api/brp/personen", tb.base_url());
//! # let _ = url;
//! tb.shutdown().await;
//! # Ok(()) }
//! ```

pub mod admin;
pub mod belastingdienst;
pub mod brp;
pub mod faults;
pub mod looplijst;
pub mod population;
pub mod problem;
pub mod s3;
pub mod schema;
pub mod socrates;
pub mod socrates_schema;
pub mod suwinet;

pub use faults::{Fault, Faults};
pub use population::Population;

use axum::Router;
use axum::routing::{get, post, put};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

#[derive(Clone, Debug)]
pub struct TestbedConfig {
    pub bind: SocketAddr,
    pub population: usize,
    pub seed: u64,
    pub gemeente_code: String,
}

impl Default for TestbedConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            population: 1000,
            seed: 1,
            gemeente_code: "0392".to_string(),
        }
    }
}

/// Shared state of all simulators.
#[derive(Clone)]
pub struct AppState {
    pub population: Arc<Population>,
    pub faults: Faults,
    pub socrates: socrates::Inbox,
    /// Every BSN the looplijst vragen endpoints received.
    pub looplijst: looplijst::Ontvangen,
    /// The looplijst BRP extract, built on first request.
    pub looplijst_extract: looplijst::ExtractCache,
    /// Certificates Suwinet trusts for WS-Security signatures (empty: any).
    pub suwinet_trust: suwinet::wss::Trust,
}

impl AppState {
    pub fn new(population: Arc<Population>, faults: Faults) -> Self {
        Self {
            population,
            faults,
            socrates: socrates::Inbox::default(),
            looplijst: looplijst::Ontvangen::default(),
            looplijst_extract: looplijst::ExtractCache::default(),
            suwinet_trust: suwinet::wss::Trust::default(),
        }
    }

    /// Generate the population for `config` and build the state.
    pub fn from_config(config: &TestbedConfig) -> Self {
        let pop = population::generate(config.population, config.seed, &config.gemeente_code);
        Self::new(Arc::new(pop), Faults::new())
    }
}

/// All routes, for mounting in-process.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/haalcentraal/api/brp/personen", post(brp::personen))
        .route("/suwinet/{service}", post(suwinet::handle))
        .route(
            "/belastingdienst/v1/toetsingen",
            post(belastingdienst::toetsingen),
        )
        .route("/looplijst/v1/brp/ingezetenen", get(looplijst::ingezetenen))
        .route(
            "/looplijst/v1/{bron}/vragen",
            post(looplijst::vragen::vragen),
        )
        .route(
            "/socrates/api/{version}/LOBehandeld",
            post(socrates::lo_behandeld),
        )
        .route(
            "/admin/faults",
            get(admin::faults_all).delete(admin::faults_reset),
        )
        .route(
            "/admin/faults/{source}",
            put(admin::fault_put).get(admin::fault_get),
        )
        .route("/admin/population/{bsn}", get(admin::population_get))
        .route("/admin/population", get(admin::population_stats))
        .route("/admin/socrates/ontvangen", get(admin::socrates_ontvangen))
        .route(
            "/admin/looplijst/ontvangen",
            get(looplijst::ontvangen).delete(looplijst::ontvangen_reset),
        )
        .route(
            "/admin/looplijst/ontvangen/{bsn}",
            get(looplijst::ontvangen_bsn),
        )
        .with_state(state)
}

pub struct RunningTestbed {
    addr: SocketAddr,
    state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl RunningTestbed {
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn population(&self) -> Arc<Population> {
        self.state.population.clone()
    }

    pub fn faults(&self) -> Faults {
        self.state.faults.clone()
    }

    /// Every BSN the looplijst vragen endpoints received.
    pub fn looplijst_ontvangen(&self) -> looplijst::Ontvangen {
        self.state.looplijst.clone()
    }

    /// Trust only these certificates (DER) for signed Suwinet calls from
    /// now on, in addition to any added before. Without any, Suwinet
    /// accepts every well-formed certificate whose key verifies the signature.
    pub fn trust_suwinet_certificate(&self, certificate_der: Vec<u8>) {
        self.state.suwinet_trust.add(certificate_der);
    }

    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // Requests held by a timeout fault would delay a graceful stop.
        if tokio::time::timeout(std::time::Duration::from_secs(5), &mut self.task)
            .await
            .is_err()
        {
            self.task.abort();
        }
    }
}

/// Generate the population and serve all simulators on `config.bind`.
pub async fn start(config: TestbedConfig) -> anyhow::Result<RunningTestbed> {
    let cfg = config.clone();
    let state = tokio::task::spawn_blocking(move || AppState::from_config(&cfg)).await?;
    // Convert the BRP test data now rather than in the first request.
    let _ = brp::test_data();
    // Compile the Socrates schema in the background for the same reason.
    tokio::task::spawn_blocking(|| socrates_schema::valideer(&serde_json::Value::Null));
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    // Build the looplijst BRP extract in the background, so that the first
    // request finds it ready (about 200 bytes a resident, kept in memory).
    let extract_state = state.clone();
    tokio::task::spawn_blocking(move || {
        let _ = extract_state
            .looplijst_extract
            .get_or_build(&extract_state.population);
    });
    let app = router(state.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let server = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = rx.await;
        });
        if let Err(e) = server.await {
            tracing::error!(error = %e, "testbed server stopped");
        }
    });
    tracing::info!(%addr, residents = state.population.len(), "testbed started");
    Ok(RunningTestbed {
        addr,
        state,
        stop: Some(tx),
        task,
    })
}

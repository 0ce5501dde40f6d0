#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Resilience against a real (tiny) HTTP server: retries through 503s, fast
//! failure on a closed port, the circuit breaker, and the concurrency limit.

mod common;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use gbi_domain::Bsn;
use gbi_registers::{BrpClient, CircuitState, RegisterError, UnavailableReason};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BSN: &str = "999993653";

#[derive(Default)]
struct Teller {
    hits: AtomicUsize,
    fail_first: AtomicUsize,
    down: AtomicBool,
    delay_ms: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

async fn brp_server(t: Arc<Teller>) -> String {
    let app = Router::new().route(
        "/personen",
        post(move || {
            let t = t.clone();
            async move {
                let n = t.hits.fetch_add(1, Ordering::SeqCst);
                let now = t.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                t.max_in_flight.fetch_max(now, Ordering::SeqCst);
                let delay = t.delay_ms.load(Ordering::SeqCst) as u64;
                if delay > 0 {
                    tokio::time::sleep(Duration::from_millis(delay)).await;
                }
                t.in_flight.fetch_sub(1, Ordering::SeqCst);
                let resp: Response =
                    if n < t.fail_first.load(Ordering::SeqCst) || t.down.load(Ordering::SeqCst) {
                        StatusCode::SERVICE_UNAVAILABLE.into_response()
                    } else {
                        Json(common::brp_antwoord(BSN)).into_response()
                    };
                resp
            }
        }),
    );
    common::serve(app).await
}

fn bsn() -> Bsn {
    Bsn::parse(BSN).unwrap()
}

#[tokio::test]
async fn retries_through_503_and_succeeds() {
    let t = Arc::new(Teller::default());
    t.fail_first.store(2, Ordering::SeqCst);
    let url = brp_server(t.clone()).await;
    let client = BrpClient::new(&common::fast(&url)).unwrap();
    let p = client.raadpleeg(&bsn(), "PARTICIPATIEWET").await.unwrap();
    assert_eq!(p.gegevens.naam.geslachtsnaam.as_deref(), Some("Jansen"));
    assert_eq!(t.hits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn gives_up_after_the_configured_retries() {
    let t = Arc::new(Teller::default());
    t.down.store(true, Ordering::SeqCst);
    let url = brp_server(t.clone()).await;
    let mut cfg = common::fast(&url);
    cfg.retries = 2;
    let client = BrpClient::new(&cfg).unwrap();
    let e = client
        .raadpleeg(&bsn(), "PARTICIPATIEWET")
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            RegisterError::Unavailable {
                reason: UnavailableReason::Status(503),
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(t.hits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn closed_port_fails_fast_and_clearly() {
    let mut cfg = common::fast(&common::closed_port_url());
    cfg.retries = 2;
    let client = BrpClient::new(&cfg).unwrap();
    let start = Instant::now();
    let e = client
        .raadpleeg(&bsn(), "PARTICIPATIEWET")
        .await
        .unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "took {:?}",
        start.elapsed()
    );
    match &e {
        RegisterError::Unavailable {
            reason: UnavailableReason::Connect(_),
            ..
        } => {}
        other => panic!("expected a connect error, got {other:?}"),
    }
    assert!(e.to_string().contains("niet beschikbaar"), "{e}");
}

#[tokio::test]
async fn timeout_is_unavailable() {
    let t = Arc::new(Teller::default());
    t.delay_ms.store(1500, Ordering::SeqCst);
    let url = brp_server(t).await;
    let mut cfg = common::fast(&url);
    cfg.timeout_ms = 100;
    cfg.retries = 0;
    let client = BrpClient::new(&cfg).unwrap();
    let e = client
        .raadpleeg(&bsn(), "PARTICIPATIEWET")
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            RegisterError::Unavailable {
                reason: UnavailableReason::Timeout,
                ..
            }
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn breaker_opens_fails_fast_and_recovers() {
    let t = Arc::new(Teller::default());
    t.down.store(true, Ordering::SeqCst);
    let url = brp_server(t.clone()).await;
    let mut cfg = common::fast(&url);
    cfg.retries = 0;
    cfg.breaker_failures = 3;
    cfg.breaker_cooldown_ms = 300;
    let client = BrpClient::new(&cfg).unwrap();

    for _ in 0..3 {
        let e = client
            .raadpleeg(&bsn(), "PARTICIPATIEWET")
            .await
            .unwrap_err();
        assert!(matches!(
            e,
            RegisterError::Unavailable {
                reason: UnavailableReason::Status(503),
                ..
            }
        ));
    }
    assert_eq!(client.circuit(), CircuitState::Open);
    let hits = t.hits.load(Ordering::SeqCst);
    for _ in 0..5 {
        let start = Instant::now();
        let e = client
            .raadpleeg(&bsn(), "PARTICIPATIEWET")
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                RegisterError::Unavailable {
                    reason: UnavailableReason::CircuitOpen,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(start.elapsed() < Duration::from_millis(50));
    }
    assert_eq!(
        t.hits.load(Ordering::SeqCst),
        hits,
        "open breaker must not hit the server"
    );

    // Server back, cooldown over: the half-open probe succeeds and closes the breaker.
    t.down.store(false, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(350)).await;
    client.raadpleeg(&bsn(), "PARTICIPATIEWET").await.unwrap();
    assert_eq!(client.circuit(), CircuitState::Closed);
    client.raadpleeg(&bsn(), "PARTICIPATIEWET").await.unwrap();
}

#[tokio::test]
async fn failed_probe_reopens_the_breaker() {
    let t = Arc::new(Teller::default());
    t.down.store(true, Ordering::SeqCst);
    let url = brp_server(t.clone()).await;
    let mut cfg = common::fast(&url);
    cfg.retries = 0;
    cfg.breaker_failures = 1;
    cfg.breaker_cooldown_ms = 100;
    let client = BrpClient::new(&cfg).unwrap();
    let _ = client.raadpleeg(&bsn(), "x").await;
    tokio::time::sleep(Duration::from_millis(120)).await;
    let e = client.raadpleeg(&bsn(), "x").await.unwrap_err();
    assert!(matches!(
        e,
        RegisterError::Unavailable {
            reason: UnavailableReason::Status(503),
            ..
        }
    ));
    assert_eq!(client.circuit(), CircuitState::Open);
}

#[tokio::test]
async fn concurrency_limit_caps_requests_in_flight() {
    let t = Arc::new(Teller::default());
    t.delay_ms.store(100, Ordering::SeqCst);
    let url = brp_server(t.clone()).await;
    let mut cfg = common::fast(&url);
    cfg.concurrency = 2;
    let client = Arc::new(BrpClient::new(&cfg).unwrap());
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let c = client.clone();
        tasks.push(tokio::spawn(async move { c.raadpleeg(&bsn(), "x").await }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(t.hits.load(Ordering::SeqCst), 8);
    assert_eq!(t.max_in_flight.load(Ordering::SeqCst), 2);
}

//! `/health/ready` tells a load balancer whether an instance may take
//! traffic: not while it stops, not when its database does not answer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use serde_json::Value;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

async fn ready(app: &TestApp) -> (u16, Value) {
    let res = app
        .client
        .get(app.url("/health/ready"))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

#[tokio::test]
async fn not_ready_while_stopping_or_without_database() {
    let stopping: Arc<AtomicBool> = Arc::default();
    let vlag = stopping.clone();
    let app = TestApp::spawn_state(move |mut state| {
        state.stopping = vlag;
        state
    })
    .await;

    let (status, body) = ready(&app).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "ok");

    // SIGTERM: the instance still answers, but says it is stopping.
    stopping.store(true, Ordering::Relaxed);
    let (status, body) = ready(&app).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["status"], "unavailable");
    assert_eq!(body["checks"]["stopping"], true);
    // Liveness is another question: the process is up.
    let live = app
        .client
        .get(app.url("/health/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), 200);
    stopping.store(false, Ordering::Relaxed);
    assert_eq!(ready(&app).await.0, 200);

    // The database does not answer any more.
    app.db.close().await;
    let started = std::time::Instant::now();
    let (status, body) = ready(&app).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["checks"]["database"], "onbereikbaar");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "the readiness check must answer quickly"
    );
}

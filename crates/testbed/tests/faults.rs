#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use serde_json::json;
use std::time::{Duration, Instant};

async fn brp(tb: &gbi_testbed::RunningTestbed) -> u16 {
    client()
        .post(format!("{}/haalcentraal/api/brp/personen", tb.base_url()))
        .json(&json!({"type": "RaadpleegMetBurgerservicenummer", "fields": ["naam"], "burgerservicenummer": ["999990019"]}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn error_rate_down_latency_and_reset_over_http() {
    let tb = start(100).await;
    let c = client();
    assert_eq!(brp(&tb).await, 200);

    let put = |source: &str, body: serde_json::Value| {
        c.put(format!("{}/admin/faults/{source}", tb.base_url()))
            .json(&body)
            .send()
    };
    assert_eq!(
        put("brp", json!({"error_rate": 1.0}))
            .await
            .unwrap()
            .status(),
        200
    );
    for _ in 0..5 {
        assert_eq!(brp(&tb).await, 503);
    }
    let all: serde_json::Value = c
        .get(format!("{}/admin/faults", tb.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all["brp"]["error_rate"], 1.0);
    assert_eq!(all["uwv"]["error_rate"], 0.0);

    put("brp", json!({"down": true, "latency_ms": 2000}))
        .await
        .unwrap();
    let t = Instant::now();
    assert_eq!(brp(&tb).await, 503);
    assert!(
        t.elapsed() < Duration::from_millis(1000),
        "down must refuse fast"
    );

    c.delete(format!("{}/admin/faults", tb.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(brp(&tb).await, 200);

    put("brp", json!({"latency_ms": 300})).await.unwrap();
    let t = Instant::now();
    assert_eq!(brp(&tb).await, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));

    assert_eq!(put("bestaatniet", json!({})).await.unwrap().status(), 404);
    assert_eq!(
        put("brp", json!({"error_rate": 2.0}))
            .await
            .unwrap()
            .status(),
        400
    );
    tb.shutdown().await;
}

#[tokio::test]
async fn suwinet_faults_are_soap_faults_and_the_handle_works() {
    let tb = start(100).await;
    tb.faults()
        .set(
            "uwv",
            gbi_testbed::Fault {
                error_rate: 1.0,
                ..Default::default()
            },
        )
        .unwrap();
    let (status, body) = suwinet(
        &tb,
        "UWVDossierInkomstenGSD",
        "UWVPersoonsIkvInfo",
        &[("Burgerservicenr", "999996769")],
    )
    .await;
    assert_eq!(status, 503);
    assert!(
        body.contains("soap:Fault") && body.contains("fwi:Fout"),
        "{body}"
    );
    // Other sources are not affected.
    let (status, _) = suwinet(
        &tb,
        "SVBDossierPersoonGSD",
        "SVBPersoonsInfo",
        &[("Burgerservicenr", "999993549")],
    )
    .await;
    assert_eq!(status, 200);
    tb.faults().reset();
    let (status, _) = suwinet(
        &tb,
        "UWVDossierInkomstenGSD",
        "UWVPersoonsIkvInfo",
        &[("Burgerservicenr", "999996769")],
    )
    .await;
    assert_eq!(status, 200);
    tb.shutdown().await;
}

#[tokio::test]
async fn timeout_holds_the_request() {
    let tb = start(100).await;
    tb.faults()
        .set(
            "belastingdienst",
            gbi_testbed::Fault {
                timeout: true,
                ..Default::default()
            },
        )
        .unwrap();
    let c = reqwest::Client::builder()
        .timeout(Duration::from_millis(800))
        .build()
        .unwrap();
    let r = c
        .post(format!("{}/belastingdienst/v1/toetsingen", tb.base_url()))
        .json(&json!({}))
        .send()
        .await;
    assert!(r.is_err_and(|e| e.is_timeout()));
    tb.shutdown().await;
}

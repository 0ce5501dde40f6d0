//! Killing the server (SIGKILL) in the middle of writes loses nothing that
//! was acknowledged and leaves nothing half-written — on the database chosen
//! by GBI_TEST_DB.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use gbi_domain::{Bsn, GemeenteCode};
use gbi_store::testing::TestDatabase;
use gbi_store::{Db, Scope, Secret, inwoners, logboek};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{Server, login};

#[test]
fn sigkill_under_write_load_loses_nothing_acknowledged() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let database = rt.block_on(TestDatabase::new());
    let secret = Secret::generate().to_hex();
    let data_dir = tempfile::tempdir().unwrap();
    let args = [
        "--demo",
        "--database-url",
        &database.url,
        "--data-dir",
        data_dir.path().to_str().unwrap(),
    ];
    let env = [("GBI_SECRET_KEY", secret.as_str())];

    let mut server = Server::start(&args, &env);
    let token = login(&server.base, "haarlem.consulent");

    let acked: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let counter = Arc::new(AtomicU32::new(0));
    let writers: Vec<_> = (0..6)
        .map(|_| {
            let (acked, stop, counter, token, url) =
                (acked.clone(), stop.clone(), counter.clone(), token.clone(), server.url("/api/v1/inwoners"));
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
                let started = Instant::now();
                while !stop.load(Ordering::Relaxed) && started.elapsed() < Duration::from_secs(30) {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let Some(bsn) = Bsn::from_prefix(20_000_000 + n * 13) else { continue };
                    let body = serde_json::json!({ "bsn": bsn.as_str(), "naam": format!("Schrijver {n}") });
                    match client.post(&url).bearer_auth(&token).json(&body).send() {
                        Ok(r) if r.status() == 201 => {
                            let v: serde_json::Value = r.json().unwrap();
                            acked.lock().unwrap().push((v["id"].as_str().unwrap().to_owned(), bsn.as_str().to_owned()));
                        }
                        Ok(r) => assert!(r.status().is_server_error() || r.status() == 409, "unexpected {}", r.status()),
                        Err(_) => break, // the server is gone
                    }
                }
            })
        })
        .collect();

    // Let writes flow, then kill mid-stream.
    let t = Instant::now();
    while acked.lock().unwrap().len() < 60 && t.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(10));
    }
    server.kill();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 20,
        "too few writes before the kill: {}",
        acked.len()
    );

    // Restart on the same database: every acknowledged write is there.
    let server = Server::start(&args, &env);
    let token = login(&server.base, "haarlem.consulent");
    let client = reqwest::blocking::Client::new();
    for (id, bsn) in &acked {
        let r = client
            .get(server.url(&format!("/api/v1/inwoners/{id}")))
            .bearer_auth(&token)
            .send()
            .unwrap();
        assert_eq!(r.status(), 200, "acknowledged inwoner {id} lost");
        let v: serde_json::Value = r.json().unwrap();
        assert_eq!(v["bsn"], *bsn);
    }
    drop(server);

    // Nothing half-written: every stored inwoner has its processing-log
    // record, and the chain is whole.
    rt.block_on(async {
        let db = Db::connect(&database.url, &Secret::from_hex(&secret).unwrap(), 2)
            .await
            .unwrap();
        let scope = Scope::system(GemeenteCode::parse("0392").unwrap(), "test");
        let stored = inwoners::count(&db, &scope).await.unwrap();
        let logged = logboek::count(&db, &scope, &logboek::INWONER_REGISTREREN)
            .await
            .unwrap();
        assert_eq!(
            stored, logged,
            "inwoners without their processing-log record"
        );
        assert!(stored >= acked.len() as i64);
        for r in logboek::verify(&db).await.unwrap() {
            assert!(r.problems.is_empty(), "{r:?}");
        }
        db.close().await;
    });
    let out = support::gbi()
        .args([
            "audit",
            "verify",
            "--database-url",
            &database.url,
            "--data-dir",
            data_dir.path().to_str().unwrap(),
        ])
        .env("GBI_SECRET_KEY", &secret)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    println!("acknowledged before SIGKILL: {}", acked.len());
}

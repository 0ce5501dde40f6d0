//! `gbi payments run` as an operator uses it: a run killed halfway (SIGKILL)
//! and run again ends with exactly the payments of an uninterrupted run, with
//! no duplicates — on the database of GBI_TEST_DB.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use gbi_domain::GemeenteCode;
use gbi_store::testing::TestDatabase;
use gbi_store::{Db, Scope, Secret, gemeenten, synthetisch};
use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

const N: u32 = 12_000;

async fn prepare(url: &str, secret: &Secret) {
    let db = Db::connect(url, secret, 4).await.unwrap();
    db.migrate().await.unwrap();
    let code = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &code, "Haarlem", false)
        .await
        .unwrap();
    synthetisch::caseload(&db, &Scope::system(code, "test"), N, "2026-01-01")
        .await
        .unwrap();
    db.close().await;
}

/// (uitkering, bedrag) of every payment of the month, sorted.
async fn payments(url: &str, secret: &Secret) -> Vec<(String, i64)> {
    let db = Db::connect(url, secret, 2).await.unwrap();
    let mut v = gbi_store::testing::betalingen_van_maand(&db, "0392", "2026-07").await;
    v.sort();
    db.close().await;
    v
}

fn run_args(url: &str, dir: &str) -> Vec<String> {
    [
        "payments",
        "run",
        "--gemeente",
        "0392",
        "--month",
        "2026-07",
        "--database-url",
        url,
        "--data-dir",
        dir,
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn a_run_killed_halfway_and_rerun_pays_exactly_once() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let secret = Secret::generate();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();

    // Reference: an uninterrupted run.
    let reference_db = rt.block_on(TestDatabase::new());
    rt.block_on(prepare(&reference_db.url, &secret));
    let out = support::gbi()
        .args(run_args(&reference_db.url, d))
        .env("GBI_SECRET_KEY", secret.to_hex())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("{N} betalingen")));
    let reference = rt.block_on(payments(&reference_db.url, &secret));
    assert_eq!(reference.len(), N as usize);

    // The same caseload, killed once the progress bar shows some progress.
    let db = rt.block_on(TestDatabase::new());
    rt.block_on(prepare(&db.url, &secret));
    let mut child = support::gbi()
        .args(run_args(&db.url, d))
        .env("GBI_SECRET_KEY", secret.to_hex())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let started = Instant::now();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    // Wait for the first batch to be reported, then kill.
    while !seen.contains('/') && started.elapsed() < Duration::from_secs(60) {
        let n = stderr.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = rt.block_on(payments(&db.url, &secret));
    assert!(
        !partial.is_empty() && partial.len() < N as usize,
        "killed halfway: {} of {N} stored",
        partial.len()
    );

    let out = support::gbi()
        .args(run_args(&db.url, d))
        .env("GBI_SECRET_KEY", secret.to_hex())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = rt.block_on(payments(&db.url, &secret));
    // Same benefits with the same amounts (the benefit ids differ between
    // the two databases, so compare the amounts per position and the count).
    assert_eq!(after.len(), reference.len(), "no duplicates, none missing");
    let sum = |v: &[(String, i64)]| v.iter().map(|(_, b)| b).sum::<i64>();
    assert_eq!(sum(&after), sum(&reference));
    let mut ids: Vec<&String> = after.iter().map(|(u, _)| u).collect();
    ids.dedup();
    assert_eq!(ids.len(), after.len());
}

/// The gemeente's bank account comes from `[gemeente."0392"]` (a wrong IBAN
/// stops with the key named); a month that cannot be computed is reported
/// and becomes one task, however often the run is repeated.
#[test]
fn the_account_comes_from_the_configuration_and_an_uncomputable_month_is_reported() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let secret = Secret::generate();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let database = rt.block_on(TestDatabase::new());
    let code = GemeenteCode::parse("0392").unwrap();
    let kapot = rt.block_on(async {
        let db = Db::connect(&database.url, &secret, 2).await.unwrap();
        db.migrate().await.unwrap();
        gemeenten::ensure(&db, &code, "Haarlem", false)
            .await
            .unwrap();
        synthetisch::caseload(&db, &Scope::system(code, "test"), 2, "2026-01-01")
            .await
            .unwrap();
        let kapot = gbi_store::testing::lopende_uitkering(
            &db,
            "0392",
            "999993653",
            "Kees Kapot",
            "2026-01-01",
            &serde_json::json!({"geen": "aanvrager"}),
        )
        .await;
        db.close().await;
        kapot
    });
    let config = dir.path().join("gbi.toml");
    let run = |config_text: &str| {
        std::fs::write(&config, config_text).unwrap();
        let mut args = run_args(&database.url, d);
        args.extend(["--config".to_owned(), config.to_str().unwrap().to_owned()]);
        support::gbi()
            .args(args)
            .env("GBI_SECRET_KEY", secret.to_hex())
            .output()
            .unwrap()
    };

    let out = run("[gemeente.\"0392\"]\nrekening_iban = \"NL00 BNGH 0285 0012 34\"\n");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[gemeente.\"0392\"] rekening_iban") && err.contains("klopt niet"),
        "{err}"
    );

    let goed = "[gemeente.\"0392\"]\nrekening_iban = \"NL14 BNGH 0285 0012 34\"\nrekening_bic = \"bnghnl2g\"\n";
    for _ in 0..2 {
        let out = run(goed);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("2 betalingen"), "{stdout}");
        assert!(
            stdout.contains("1 uitkeringen konden voor deze maand niet worden berekend"),
            "{stdout}"
        );
    }
    rt.block_on(async {
        let db = Db::connect(&database.url, &secret, 2).await.unwrap();
        let scope = Scope::system(code, "test");
        let r = gbi_store::betalingen::rekening(&db, &scope)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(r.iban.as_str(), "NL14BNGH0285001234");
        assert_eq!(r.bic.as_deref(), Some("BNGHNL2G"));
        assert_eq!(r.naam, "Gemeente Haarlem");
        let taken: Vec<_> = gbi_store::zaken::taken(&db, &scope, &kapot)
            .await
            .unwrap()
            .into_iter()
            .filter(|t| t.soort == gbi_domain::TaakSoort::BetalingNietBerekend)
            .collect();
        assert_eq!(taken.len(), 1, "{taken:?}");
        db.close().await;
    });
}

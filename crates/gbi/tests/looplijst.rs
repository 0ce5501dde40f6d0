//! `gbi looplijst run` as an operator uses it, against the testbed over
//! HTTP, on the database of GBI_TEST_DB: an opted-out resident is never
//! named in any request a source receives, every question asked has
//! exactly one processing-log record, and a source that is down fails the
//! run cleanly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use gbi_domain::{Bsn, GemeenteCode};
use gbi_store::testing::TestDatabase;
use gbi_store::{Actor, Db, Scope, Secret, gemeenten, logboek, looplijst};
use gbi_testbed::population::{Population, Rol, referentiedatum};
use gbi_testbed::{Fault, RunningTestbed, TestbedConfig};

fn gemeente() -> GemeenteCode {
    GemeenteCode::parse("0392").unwrap()
}

async fn prepare(url: &str, secret: &Secret) -> Db {
    let db = Db::connect(url, secret, 4).await.unwrap();
    db.migrate().await.unwrap();
    gemeenten::ensure(&db, &gemeente(), "Haarlem", false)
        .await
        .unwrap();
    db
}

/// Heads of household aged 30–60 whose household has a right to bijstand
/// without receiving it: every one of them is asked about income.
fn gevraagd_te_worden(p: &Population) -> Vec<(String, Vec<String>)> {
    p.huishoudens
        .iter()
        .filter(|h| h.waarheid.recht_bijstand_zonder_uitkering)
        .filter_map(|h| {
            let hoofd = p.resident(*h.leden.first()?)?;
            let leeftijd = gbi_domain::date::age_on(hoofd.geboortedatum, referentiedatum());
            (hoofd.rol == Rol::Hoofd && (30..60).contains(&leeftijd)).then(|| {
                let leden = h
                    .leden
                    .iter()
                    .filter_map(|i| p.bsn_of(*i))
                    .collect::<Vec<_>>();
                (format!("{:09}", hoofd.bsn), leden)
            })
        })
        .collect()
}

fn run_cli(tb: &RunningTestbed, url: &str, dir: &str, secret: &Secret) -> std::process::Output {
    support::gbi()
        .args([
            "looplijst",
            "run",
            "--gemeente",
            "0392",
            "--regeling",
            "all",
            "--peildatum",
            "2026-01-01",
            "--testbed",
            &tb.base_url(),
            "--database-url",
            url,
            "--data-dir",
            dir,
        ])
        .env("GBI_SECRET_KEY", secret.to_hex())
        .output()
        .unwrap()
}

#[test]
fn an_opted_out_resident_is_never_asked_and_every_question_is_logged() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let secret = Secret::generate();
    let dir = tempfile::tempdir().unwrap();
    let tdb = rt.block_on(TestDatabase::new());
    let db = rt.block_on(prepare(&tdb.url, &secret));
    let tb = rt
        .block_on(gbi_testbed::start(TestbedConfig {
            population: 3_000,
            seed: 7,
            ..TestbedConfig::default()
        }))
        .unwrap();
    let kandidaten = gevraagd_te_worden(&tb.population());
    assert!(kandidaten.len() >= 2, "population too small for the test");
    let (afgemeld, huisgenoten) = kandidaten[0].clone();
    let (controle, _) = kandidaten[1].clone();

    let bsn = Bsn::parse(&afgemeld).unwrap();
    let inwoner = Scope::new(
        gemeente(),
        Actor::Inwoner(afgemeld.clone()),
        gbi_domain::TraceContext::new_root(),
    );
    rt.block_on(looplijst::afmelden(&db, &inwoner, &bsn, true))
        .unwrap();
    assert!(
        rt.block_on(looplijst::is_afgemeld(&db, &inwoner, &bsn))
            .unwrap()
    );

    let out = run_cli(&tb, &tdb.url, dir.path().to_str().unwrap(), &secret);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("(1 afgemeld)"));

    let ontvangen = tb.looplijst_ontvangen();
    for b in &huisgenoten {
        assert_eq!(
            ontvangen.keer(b),
            0,
            "{b} (household of an opted-out resident) was sent to a source"
        );
    }
    assert!(
        ontvangen.keer(&controle) > 0,
        "the control resident was never asked: the test proves nothing"
    );

    let overzicht = ontvangen.overzicht();
    let scope = Scope::system(gemeente(), "test");
    let gelogd = rt
        .block_on(logboek::count(&db, &scope, &logboek::LOOPLIJST_VRAGEN))
        .unwrap();
    assert!(overzicht.bsns > 100, "too few questions: {overzicht:?}");
    assert_eq!(
        gelogd as u64, overzicht.bsns,
        "one log record per question asked"
    );

    // The chain of the processing log is intact after the bulk writes.
    let reports = rt.block_on(logboek::verify(&db)).unwrap();
    assert!(reports.iter().all(|r| r.problems.is_empty()), "{reports:?}");

    // A list was made, and it expires.
    let runs = rt.block_on(looplijst::runs(&db, &scope)).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].status, "klaar");
    assert!(runs[0].verloopt_op.is_some());
    rt.block_on(tb.shutdown());
}

#[test]
fn a_source_that_is_down_fails_the_run_and_keeps_no_list() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let secret = Secret::generate();
    let dir = tempfile::tempdir().unwrap();
    let tdb = rt.block_on(TestDatabase::new());
    let db = rt.block_on(prepare(&tdb.url, &secret));
    let tb = rt
        .block_on(gbi_testbed::start(TestbedConfig {
            population: 500,
            seed: 3,
            ..TestbedConfig::default()
        }))
        .unwrap();
    tb.faults()
        .set(
            "uwv",
            Fault {
                down: true,
                ..Fault::default()
            },
        )
        .unwrap();
    let out = run_cli(&tb, &tdb.url, dir.path().to_str().unwrap(), &secret);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bron"), "{err}");
    let scope = Scope::system(gemeente(), "test");
    let runs = rt.block_on(looplijst::runs(&db, &scope)).unwrap();
    assert_eq!(runs[0].status, "mislukt");
    assert!(runs[0].fout.is_some());

    // The source is back: the next run succeeds.
    tb.faults().reset();
    let out = run_cli(&tb, &tdb.url, dir.path().to_str().unwrap(), &secret);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let runs = rt.block_on(looplijst::runs(&db, &scope)).unwrap();
    assert_eq!(runs[0].status, "klaar");
    rt.block_on(tb.shutdown());
}

//! Bulk writes of the processing log: a write standing alone (PostgreSQL's
//! binary COPY on its own connection, SQLite's multi-row inserts), writes
//! inside a caller's transaction, and single records, all at once on one
//! gemeente's chain. The chain must come out whole, numbered without gaps,
//! with every record findable by its data subject. On the backend chosen by
//! GBI_TEST_DB.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gbi_domain::{Bsn, GemeenteCode};
use gbi_store::logboek::{self, Handeling};
use gbi_store::testing::fresh;
use gbi_store::{Db, Scope, gemeenten};

/// Keyed hashes as the log stores them (64 hex digits); the first is the
/// hash of a real BSN, to look it up again.
fn subjects(db: &Db, n: usize, offset: usize) -> Vec<String> {
    let mut uit: Vec<String> = (0..n).map(|i| format!("{:064x}", offset + i)).collect();
    if let Some(eerste) = uit.first_mut() {
        *eerste = db.logboek_subject(&Bsn::parse("111222333").unwrap());
    }
    uit
}

async fn in_transactie(db: &Db, scope: &Scope, betrokkenen: &[String]) {
    let mut tx = db.begin().await.unwrap();
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::UITKERING_BETALEN,
        Handeling::Lezen,
        "betaalrun",
        betrokkenen,
        &gbi_store::now_utc(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn standalone_transaction_and_single_writes_make_one_whole_chain() {
    let (db, _t) = fresh().await;
    let g = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &g, "Haarlem", false).await.unwrap();
    let anders = GemeenteCode::parse("0153").unwrap();
    gemeenten::ensure(&db, &anders, "Enschede", false)
        .await
        .unwrap();
    let scope = Scope::system(g, "test");

    // More than one COPY part (10,000 rows) and more than one JSON part
    // (5,000 rows), side by side with single records.
    let groot = subjects(&db, 23_456, 0);
    let middel = subjects(&db, 7_001, 50_000);
    let los_bsn = Bsn::parse("999993653").unwrap();
    let alleen = {
        let db = db.clone();
        let scope = scope.clone();
        let groot = groot.clone();
        tokio::spawn(async move {
            logboek::record_many_standalone(
                &db,
                &scope,
                &logboek::LOOPLIJST_VRAGEN,
                Handeling::Lezen,
                "BRP inkomen (bijstand)",
                &groot,
                &gbi_store::now_utc(),
            )
            .await
            .unwrap()
        })
    };
    let samen = {
        let db = db.clone();
        let scope = scope.clone();
        let middel = middel.clone();
        tokio::spawn(async move { in_transactie(&db, &scope, &middel).await })
    };
    for _ in 0..5 {
        let mut tx = db.begin().await.unwrap();
        logboek::note(
            &mut tx,
            &scope,
            &logboek::INWONER_RAADPLEGEN,
            Handeling::Lezen,
            &los_bsn,
            "GET",
            &gbi_store::now_utc(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    assert_eq!(alleen.await.unwrap(), 23_456);
    samen.await.unwrap();
    // Another gemeente's chain is its own.
    logboek::record_many_standalone(
        &db,
        &Scope::system(anders, "test"),
        &logboek::LOOPLIJST_VRAGEN,
        Handeling::Lezen,
        "BRP",
        &groot[..3],
        &gbi_store::now_utc(),
    )
    .await
    .unwrap();

    let rapporten = logboek::verify(&db).await.unwrap();
    let haarlem = rapporten
        .iter()
        .find(|r| r.gemeente_code == "0392")
        .unwrap();
    assert!(haarlem.problems.is_empty(), "{:?}", haarlem.problems);
    assert_eq!(haarlem.records, 23_456 + 7_001 + 5);
    let enschede = rapporten
        .iter()
        .find(|r| r.gemeente_code == "0153")
        .unwrap();
    assert!(enschede.problems.is_empty(), "{:?}", enschede.problems);
    assert_eq!(enschede.records, 3);
    assert_eq!(
        logboek::count(&db, &scope, &logboek::LOOPLIJST_VRAGEN)
            .await
            .unwrap(),
        23_456
    );

    // A record written by COPY is found by its subject like any other.
    let eerste = Bsn::parse("111222333").unwrap();
    let gevonden = logboek::list(&db, &scope, Some(&eerste), None, 10)
        .await
        .unwrap();
    assert!(
        gevonden
            .iter()
            .any(|r| r.verwerkingsactiviteit == "gbi.looplijst.vragen" && r.betrokkene == groot[0]),
        "{gevonden:?}"
    );
}

#[tokio::test]
async fn a_gemeente_without_a_log_writes_nothing() {
    let (db, _t) = fresh().await;
    let scope = Scope::system(GemeenteCode::parse("0363").unwrap(), "test");
    let fout = logboek::record_many_standalone(
        &db,
        &scope,
        &logboek::LOOPLIJST_VRAGEN,
        Handeling::Lezen,
        "BRP",
        &subjects(&db, 3, 0),
        &gbi_store::now_utc(),
    )
    .await;
    assert!(fout.is_err());
    assert!(logboek::verify(&db).await.unwrap().is_empty());
}

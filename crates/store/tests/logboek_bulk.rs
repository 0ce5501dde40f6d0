//! Many processing-log records at once (the looplijst's questions), on the
//! backend chosen by GBI_TEST_DB: the same chain as one-by-one records.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gbi_domain::{Bsn, GemeenteCode};
use gbi_store::logboek::{self, Handeling};
use gbi_store::testing::fresh;
use gbi_store::{Scope, gemeenten, looplijst};

#[tokio::test]
async fn bulk_records_continue_the_chain_and_can_be_found_per_resident() {
    let (db, _t) = fresh().await;
    let g = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &g, "Haarlem", false).await.unwrap();
    let scope = Scope::system(g, "test");
    let bsn = Bsn::parse("999993653").unwrap();
    // One record the ordinary way, then a bulk write, then one more.
    let mut tx = db.begin().await.unwrap();
    logboek::note(
        &mut tx,
        &scope,
        &logboek::INWONER_RAADPLEGEN,
        Handeling::Lezen,
        &bsn,
        "GET",
        &gbi_store::now_utc(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut hashes: Vec<String> = (0..12_345).map(|i| format!("{i:064x}")).collect();
    hashes.push(db.logboek_subject(&bsn));
    let n = looplijst::vragen_loggen(&db, &scope, "uwv inkomen (bijstand)", &hashes)
        .await
        .unwrap();
    assert_eq!(n, 12_346);
    let mut tx = db.begin().await.unwrap();
    logboek::note(
        &mut tx,
        &scope,
        &logboek::INWONER_RAADPLEGEN,
        Handeling::Lezen,
        &bsn,
        "GET",
        &gbi_store::now_utc(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(
        logboek::count(&db, &scope, &logboek::LOOPLIJST_VRAGEN)
            .await
            .unwrap(),
        12_346
    );
    let reports = logboek::verify(&db).await.unwrap();
    let haarlem = reports.iter().find(|r| r.gemeente_code == "0392").unwrap();
    assert_eq!(haarlem.records, 12_348);
    assert!(haarlem.problems.is_empty(), "{:?}", haarlem.problems);
    // The resident's own log shows the question, with a null parent span kept null.
    let eigen = logboek::list(&db, &scope, Some(&bsn), None, 10)
        .await
        .unwrap();
    assert!(
        eigen
            .iter()
            .any(|r| r.verwerkingsactiviteit == "gbi.looplijst.vragen"
                && r.naam == "uwv inkomen (bijstand)")
    );
}

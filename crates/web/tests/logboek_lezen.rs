//! Reads the security probe found unlogged: a resident opening their own
//! benefit, and a caseworker opening it, each leave a record in the
//! processing log (the SEPA file and the betaalrun are in `betaalruns.rs`,
//! searching the log by BSN in `api.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::Rol;
use gbi_store::{Scope, logboek};

#[tokio::test]
async fn opening_a_benefit_is_logged_for_the_resident() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Inkomensconsulent])
        .await;
    let scope = Scope::system(t.code, "test");
    let zaak = gbi_store::testing::lopende_uitkering(
        &app.db,
        "0392",
        "999993549",
        "Inwoner van Haarlem",
        "2026-01-01",
        &serde_json::json!({"geen": "aanvrager"}),
    )
    .await;
    // A fixed amount: the page needs no rules to show it.
    gbi_store::testing::execute(
        &app.db,
        &format!("UPDATE uitkeringen SET huishouden = NULL, bedrag_per_maand = 100000 WHERE zaak_id = '{zaak}'"),
    )
    .await;
    let tellen = || async {
        logboek::count(&app.db, &scope, &logboek::UITKERING_INZIEN)
            .await
            .unwrap()
    };
    assert_eq!(tellen().await, 0);
    let cookie = app.resident_cookie(&t).await;
    let page = app
        .inwoner_page(&cookie, &format!("/portaal/zaken/{zaak}/uitkering"))
        .await;
    assert!(page.contains("Uw uitkering"), "{page}");
    assert_eq!(tellen().await, 1);
    let token = app.login(&t.user).await;
    let page = app
        .page(&token, &format!("/werkplek/zaken/{zaak}/uitkering"))
        .await;
    assert!(page.contains("Uitkering en grootboek"), "{page}");
    assert_eq!(tellen().await, 2);
    // Only for that resident: the record names them (as a keyed hash).
    let log = logboek::list(&app.db, &scope, Some(&t.inwoner.bsn), None, 10)
        .await
        .unwrap();
    assert_eq!(
        log.iter()
            .filter(|r| r.verwerkingsactiviteit == "gbi.uitkering.inzien")
            .count(),
        2
    );
}

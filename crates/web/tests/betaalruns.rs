//! The betaalrun from the werkplek: one person computes (progress shown),
//! another approves, the SEPA file downloads.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::{Iban, Rol};
use gbi_store::{Scope, betalingen, synthetisch};
use std::time::{Duration, Instant};

#[tokio::test]
async fn compute_approve_by_another_and_download() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let scope = Scope::system(t.code, "test");
    synthetisch::caseload(&app.db, &scope, 40, "2026-01-01")
        .await
        .unwrap();
    betalingen::rekening_instellen(
        &app.db,
        &scope,
        &Iban::build("NL", "BNGH0285001234").unwrap(),
        Some("BNGHNL2G"),
    )
    .await
    .unwrap();
    let teamleider = app.login(&t.user).await;
    let (_, beheer) = app
        .medewerker(&t, "bea.beheer", &[Rol::FunctioneelBeheerder])
        .await;

    let res = app
        .client
        .post(app.url("/werkplek/betaalruns"))
        .bearer_auth(&teamleider)
        .form(&[("maand", "2026-07")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let started = Instant::now();
    let run = loop {
        let runs = betalingen::runs(&app.db, &scope).await.unwrap();
        if let Some(r) = runs.into_iter().find(|r| r.status == "berekend") {
            break r;
        }
        assert!(started.elapsed() < Duration::from_secs(30));
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(run.aantal, 40);
    // Computing the run used 40 residents' data: one record each.
    assert_eq!(
        gbi_store::logboek::count(&app.db, &scope, &gbi_store::logboek::UITKERING_BETALEN)
            .await
            .unwrap(),
        40
    );
    let page = app
        .client
        .get(app.url("/werkplek/betaalruns"))
        .bearer_auth(&teamleider)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Wacht op goedkeuring door een collega"));
    assert!(page.contains(&format!("/werkplek/betaalruns/{}", run.id)));

    let own = app
        .client
        .post(app.url(&format!("/werkplek/betaalruns/{}/goedkeuren", run.id)))
        .bearer_auth(&teamleider)
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 409);
    let ok = app
        .client
        .post(app.url(&format!("/werkplek/betaalruns/{}/goedkeuren", run.id)))
        .bearer_auth(&beheer)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    // Approving and releasing the SEPA file are two actions, each logged
    // for every resident of the run (a refused approval changed nothing).
    let log = gbi_store::logboek::list(&app.db, &scope, None, None, 500)
        .await
        .unwrap();
    for actie in ["betaalrun goedkeuren", "betaalbestand (SEPA) vrijgeven"] {
        assert_eq!(
            log.iter().filter(|r| r.naam == actie).count(),
            40,
            "{actie}"
        );
    }
    let xml = app
        .client
        .get(app.url(&format!("/werkplek/betaalruns/{}/sepa", run.id)))
        .bearer_auth(&beheer)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(xml.matches("<CdtTrfTxInf>").count(), 40);
    assert!(xml.contains("<IBAN>NL"));
    // The file holds everyone's name and IBAN: taking it is logged for each.
    assert_eq!(
        gbi_store::logboek::count(
            &app.db,
            &scope,
            &gbi_store::logboek::BETAALBESTAND_DOWNLOADEN
        )
        .await
        .unwrap(),
        40
    );
}

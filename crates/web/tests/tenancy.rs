//! A staff member of Haarlem (0392) can read or change nothing of Enschede
//! (0153), through any route of the server.
//!
//! The test walks `gbi_web::routes::table()`, the same table the router is
//! built from, so every route added later is walked too. A staff route with a
//! path parameter this test cannot fill fails the test: add a fixture below.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::Rol;
use gbi_web::routes::{Access, table};

#[tokio::test]
async fn haarlem_cannot_read_or_change_anything_of_enschede() {
    let app = TestApp::spawn().await;
    let haarlem = app.tenant("0392", "Haarlem", "999993549", &Rol::ALL).await;
    let enschede = app.tenant("0153", "Enschede", "111111110", &Rol::ALL).await;

    let dossier = app.dossier(&enschede).await;
    // A released betaalrun of Enschede.
    let e_scope = gbi_store::Scope::system(enschede.code, "test");
    gbi_store::synthetisch::caseload(&app.db, &e_scope, 3, "2026-01-01")
        .await
        .unwrap();
    let e_iban = gbi_domain::Iban::build("NL", "BNGH0285009999").unwrap();
    gbi_store::betalingen::rekening_instellen(&app.db, &e_scope, &e_iban, None)
        .await
        .unwrap();
    let maand = gbi_domain::Maand::parse("2026-07").unwrap();
    let run = gbi_zaken::betaalrun::berekenen(
        &app.db,
        &e_scope,
        &gbi_rules::Regels::ingebouwd().unwrap(),
        maand,
        "a",
        |_, _| {},
    )
    .await
    .unwrap();
    let nu = chrono::NaiveDate::from_ymd_opt(2026, 6, 20)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    gbi_zaken::betaalrun::goedkeuren(&app.db, &e_scope, &run.id, "b", nu)
        .await
        .unwrap();
    app.dossier(&haarlem).await;
    // A machtiging in Enschede, confirmed by Enschede's staff.
    gbi_store::machtigingen::verzoeken(
        &app.db,
        &e_scope,
        &enschede.inwoner.bsn,
        &gbi_domain::Bsn::parse("999990019").unwrap(),
        "Helper in Enschede",
        "buurman",
    )
    .await
    .unwrap();
    let machtiging = gbi_store::machtigingen::lijst(&app.db, &e_scope, 1)
        .await
        .unwrap()
        .remove(0);
    gbi_store::machtigingen::beoordelen(
        &app.db,
        &e_scope,
        &machtiging.id,
        gbi_store::machtigingen::Beoordeling::Bevestigen,
        &enschede.user_id,
        "gebeld",
    )
    .await
    .unwrap();
    // A finished looplijst of Enschede, with one address.
    let looplijst = gbi_store::looplijst::start(&app.db, &e_scope, &["iit"], "2026-03-01", "t")
        .await
        .unwrap();
    gbi_store::looplijst::klaar(
        &app.db,
        &e_scope,
        &looplijst.id,
        &gbi_store::looplijst::Uitslag {
            ingezetenen: 1,
            vragen: 4,
            trechter: &[],
            adressen: &[gbi_store::looplijst::NieuwAdres {
                regeling: "iit".into(),
                uitkomst: "waarschijnlijk".into(),
                postcode: "7511AA".into(),
                straat: "Oude Markt".into(),
                huisnummer: 7,
                huisletter: String::new(),
                woonplaats: "Enschede".into(),
                namen: "Looplijstbewoner Enschede".into(),
                betrokkenen: vec!["x".into()],
                criteria: "[]".into(),
            }],
            verloopt_op: "2099-01-01T00:00:00.000000Z",
        },
    )
    .await
    .unwrap();

    // A letter of Enschede waiting to be posted.
    let print_id = gbi_store::printwachtrij::toevoegen(
        &app.db,
        &e_scope,
        &dossier.zaak_id,
        &dossier.document_id,
        "beschikking",
        "Printbewoner Enschede",
    )
    .await
    .unwrap();
    gbi_store::elektronisch::vastleggen(
        &app.db,
        &e_scope,
        &enschede.inwoner.bsn,
        true,
        gbi_store::elektronisch::Bron::Portaal,
        "test",
    )
    .await
    .unwrap();

    // Everything by which Enschede's personal data could be recognised.
    let markers = [
        dossier.concept_id.clone(),
        dossier.zaak_id.clone(),
        dossier.zaak_identificatie.clone(),
        dossier.document_id.clone(),
        run.id.clone(),
        looplijst.id.clone(),
        machtiging.id.clone(),
        print_id.clone(),
        "Printbewoner Enschede".to_owned(),
        "Helper in Enschede".to_owned(),
        "Looplijstbewoner Enschede".to_owned(),
        e_iban.as_str().to_owned(),
        enschede.inwoner.id.clone(),
        enschede.inwoner.naam.clone(),
        enschede.inwoner.bsn.as_str().to_owned(),
        enschede.inwoner.email.clone().unwrap_or_default(),
        enschede.user.clone(),
        enschede.user_id.clone(),
    ];
    let before = gbi_store::testing::gemeente_fingerprint(&app.db, "0153").await;

    let fixture = common::walk::Fixture {
        concept_id: dossier.concept_id.clone(),
        staff_concept_id: dossier.concept_id.clone(),
        zaak_id: dossier.zaak_id.clone(),
        document_id: dossier.document_id.clone(),
        inwoner_id: enschede.inwoner.id.clone(),
        betaalrun_id: run.id.clone(),
        looplijst_id: looplijst.id.clone(),
        machtiging_id: machtiging.id.clone(),
        print_id: print_id.clone(),
        // Assigning a Haarlem zaak to an Enschede colleague.
        medewerker_id: enschede.user_id.clone(),
        inwoner_bsn: enschede.inwoner.bsn.as_str().to_owned(),
        // Logging in is one's own business: Haarlem's own account.
        user: haarlem.user.clone(),
    };
    let mut walked = 0;
    for route in table() {
        let path = common::walk::fill(route.path, &fixture);
        // Which routes name an object of Enschede (by path or query).
        let has_params = route.access != Access::Public
            && (route.path.contains("_id}")
                || route.path.starts_with("/werkplek/looplijst/") && route.method == "GET");
        // Bodies that would be valid if the target were Haarlem's own: a real
        // form body for a form route, so the handler runs and can fail.
        let body = common::walk::body(route.method, route.path, &fixture);
        // A fresh session per route, so logging out doesn't end the walk.
        let token = app.login(&haarlem.user).await;
        let method = reqwest::Method::from_bytes(route.method.as_bytes()).unwrap();
        // A fresh resident session too, for the portal's logout.
        let resident = app.resident_cookie(&haarlem).await;
        let req = app
            .client
            .request(method, app.url(&path))
            .bearer_auth(&token)
            .header("cookie", &resident);
        let res = common::walk::met_body(req, &body).send().await.unwrap();
        let status = res.status();
        let location = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let text = format!("{location}\n{}", res.text().await.unwrap());
        assert!(
            ![415, 422, 405].contains(&status.as_u16()),
            "{} {path}: the body was refused before the handler ran ({status}): {text}",
            route.method
        );
        if has_params {
            assert!(
                status == 404,
                "{} {path}: Haarlem reached Enschede's object ({status}): {text}",
                route.method
            );
        }
        for m in &markers {
            assert!(
                !text.contains(m.as_str()),
                "{} {path} leaked Enschede data {m:?}: {text}",
                route.method
            );
        }
        let after = gbi_store::testing::gemeente_fingerprint(&app.db, "0153").await;
        assert_eq!(
            before, after,
            "{} {path} changed Enschede's data",
            route.method
        );
        walked += 1;
    }
    assert_eq!(walked, table().len());

    // The walk was not vacuous: Haarlem does see its own resident.
    let token = app.login(&haarlem.user).await;
    let own = app
        .client
        .get(app.url(&format!("/api/v1/inwoners/{}", haarlem.inwoner.id)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
}

#[test]
fn every_route_is_declared_once() {
    let mut seen = std::collections::HashSet::new();
    for r in table() {
        assert!(
            seen.insert((r.method, r.path)),
            "{} {} declared twice",
            r.method,
            r.path
        );
    }
}

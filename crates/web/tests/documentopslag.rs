//! Document files in an S3-compatible object store, through HTTP, against
//! the testbed's S3 simulator (which checks every request's SigV4
//! signature): a resident's upload lands in the store and not in the
//! database row, and a caseworker opens it; a wrong secret or a store that
//! is down refuses the upload with a Dutch message and writes no row; a file
//! kept in the database before the switch still opens, and a switch back
//! still reads what went to the store.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Tenant, TestApp};
use gbi_domain::{GemeenteCode, Rol};
use gbi_store::opslag::{Documentopslag, S3, S3Config};
use gbi_store::testing::document_rij;
use gbi_store::{Scope, StoreError, documenten};
use gbi_testbed::s3::{RunningS3, S3SimConfig};

async fn simulator() -> RunningS3 {
    gbi_testbed::s3::start(S3SimConfig::default())
        .await
        .unwrap()
}

fn client(sim: &RunningS3, geheim: &str) -> S3 {
    let c = sim.config();
    S3::new(S3Config {
        endpoint: sim.base_url(),
        bucket: c.bucket.clone(),
        regio: c.region.clone(),
        toegangssleutel: c.access_key.clone(),
        geheim: geheim.to_owned(),
    })
    .unwrap()
}

async fn tenant(app: &TestApp) -> Tenant {
    app.tenant("0392", "Haarlem", "999993549", &[Rol::Inkomensconsulent])
        .await
}

/// The resident sends a file for their zaak: the status and the page.
async fn upload(app: &TestApp, cookie: &str, zaak: &str, inhoud: &[u8]) -> (u16, String) {
    let part = reqwest::multipart::Part::bytes(inhoud.to_vec()).file_name("loonstrook.pdf");
    let form = reqwest::multipart::Form::new()
        .text("soort", "bankafschrift")
        .part("bestand", part);
    let res = app
        .client
        .post(app.url(&format!("/portaal/zaken/{zaak}/documenten")))
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap_or_default())
}

/// A caseworker opens a document of a zaak: the status and the bytes.
async fn openen(app: &TestApp, token: &str, zaak: &str, id: &str) -> (u16, Vec<u8>) {
    let res = app
        .client
        .get(app.url(&format!("/werkplek/zaken/{zaak}/documenten/{id}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (
        res.status().as_u16(),
        res.bytes().await.unwrap_or_default().to_vec(),
    )
}

async fn documenten_van(app: &TestApp, t: &Tenant, zaak: &str) -> Vec<documenten::Document> {
    let scope = Scope::system(t.code, "test");
    documenten::list(&app.db, &scope, None, Some(zaak))
        .await
        .unwrap()
}

#[tokio::test]
async fn an_upload_goes_to_the_object_store_and_a_caseworker_opens_it() {
    let sim = simulator().await;
    let geheim = sim.config().secret.clone();
    let app = TestApp::spawn_opslag(Documentopslag::s3(client(&sim, &geheim))).await;
    let t = tenant(&app).await;
    let dossier = app.dossier(&t).await;
    let cookie = app.resident_cookie(&t).await;
    let pdf = b"%PDF-1.4\nloonstrook mei\n".to_vec();

    let (status, _) = upload(&app, &cookie, &dossier.zaak_id, &pdf).await;
    assert_eq!(status, 303);
    let doc = documenten_van(&app, &t, &dossier.zaak_id)
        .await
        .into_iter()
        .find(|d| d.bestandsnaam == "loonstrook.pdf")
        .unwrap();
    assert_eq!(doc.grootte, pdf.len() as i64);

    // The bytes are in the store under {gemeente}/{id}; the row only says where.
    let key = format!("0392/{}", doc.id);
    assert_eq!(sim.objecten().get(&key), Some(pdf.clone()));
    let (opslag, inhoud) = document_rij(&app.db, &doc.id).await.unwrap();
    assert_eq!(opslag.as_deref(), Some(key.as_str()));
    assert!(inhoud.is_empty());
    // The document sent with the application went there too.
    let (opslag, _) = document_rij(&app.db, &dossier.document_id).await.unwrap();
    assert_eq!(opslag, Some(format!("0392/{}", dossier.document_id)));

    let consulent = app.login(&t.user).await;
    assert_eq!(
        openen(&app, &consulent, &dossier.zaak_id, &doc.id).await,
        (200, pdf.clone())
    );
    let res = app
        .client
        .get(app.url(&format!("/portaal/documenten/{}", doc.id)))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), pdf.as_slice());

    // What comes back is checked against the row's SHA-256.
    sim.objecten()
        .insert(&key, b"%PDF-1.4\nvervalst\n".to_vec());
    assert_eq!(
        openen(&app, &consulent, &dossier.zaak_id, &doc.id).await.0,
        500
    );
    let scope = Scope::system(t.code, "test");
    let fout = documenten::content(&app.db, &scope, &doc.id, None, "test")
        .await
        .unwrap_err();
    assert!(
        matches!(&fout, StoreError::Corrupt(m) if m.contains("SHA-256")),
        "{fout:?}"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_wrong_secret_refuses_the_upload_with_a_dutch_message_and_no_row() {
    let sim = simulator().await;
    let app = TestApp::spawn_opslag(Documentopslag::s3(client(&sim, "niet-het-geheim"))).await;
    let t = tenant(&app).await;
    // The zaak itself made while files were kept in the database.
    let in_database = app
        .db
        .clone()
        .met_documentopslag(Documentopslag::database());
    let dossier = app.dossier_in(&in_database, &t).await;
    let cookie = app.resident_cookie(&t).await;
    let voor = documenten_van(&app, &t, &dossier.zaak_id).await.len();

    let (status, pagina) = upload(&app, &cookie, &dossier.zaak_id, b"%PDF-1.4\nx\n").await;
    assert_eq!(status, 503);
    assert!(
        pagina.contains("Wij kunnen documenten nu niet opslaan") && pagina.contains("niets"),
        "{pagina}"
    );
    assert_eq!(documenten_van(&app, &t, &dossier.zaak_id).await.len(), voor);
    assert!(sim.objecten().keys().is_empty());

    // The simulator really checked the signature.
    let scope = Scope::system(t.code, "test");
    let fout = documenten::add(
        &app.db,
        &scope,
        documenten::NewDocument {
            bsn: &t.inwoner.bsn,
            concept_id: None,
            zaak_id: Some(&dossier.zaak_id),
            informatieobjecttype: "overig",
            bestandsnaam: "a.pdf",
            mime: "application/pdf",
            inhoud: b"%PDF-1.4\n",
        },
        "test",
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&fout, StoreError::Documentopslag(m) if m.contains("HTTP 403") && m.contains("SignatureDoesNotMatch")),
        "{fout:?}"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_store_that_is_down_refuses_the_upload_and_no_row_is_written() {
    let sim = simulator().await;
    let geheim = sim.config().secret.clone();
    let app = TestApp::spawn_opslag(Documentopslag::s3(client(&sim, &geheim))).await;
    let t = tenant(&app).await;
    let dossier = app.dossier(&t).await;
    let cookie = app.resident_cookie(&t).await;
    let voor = documenten_van(&app, &t, &dossier.zaak_id).await.len();
    let consulent = app.login(&t.user).await;
    sim.shutdown().await;

    let (status, pagina) = upload(&app, &cookie, &dossier.zaak_id, b"%PDF-1.4\nx\n").await;
    assert_eq!(status, 503);
    assert!(
        pagina.contains("Probeer het over een paar minuten opnieuw"),
        "{pagina}"
    );
    assert_eq!(documenten_van(&app, &t, &dossier.zaak_id).await.len(), voor);
    // Opening a file kept there says the same, not a broken file.
    let (status, body) = openen(&app, &consulent, &dossier.zaak_id, &dossier.document_id).await;
    assert_eq!(status, 503);
    assert!(String::from_utf8_lossy(&body).contains("niet opslaan of openen"));
}

#[tokio::test]
async fn a_row_that_cannot_be_written_leaves_no_object_behind() {
    let sim = simulator().await;
    let geheim = sim.config().secret.clone();
    let app = TestApp::spawn_opslag(Documentopslag::s3(client(&sim, &geheim))).await;
    let t = tenant(&app).await;
    // A gemeente that is not in the installation: the row's foreign key fails.
    let scope = Scope::system(GemeenteCode::parse("0363").unwrap(), "test");
    let fout = documenten::add(
        &app.db,
        &scope,
        documenten::NewDocument {
            bsn: &t.inwoner.bsn,
            concept_id: None,
            zaak_id: None,
            informatieobjecttype: "overig",
            bestandsnaam: "a.pdf",
            mime: "application/pdf",
            inhoud: b"%PDF-1.4\n",
        },
        "test",
    )
    .await;
    assert!(fout.is_err());
    assert!(
        sim.objecten().keys().is_empty(),
        "{:?}",
        sim.objecten().keys()
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn files_kept_before_a_switch_still_open_in_both_directions() {
    let sim = simulator().await;
    let geheim = sim.config().secret.clone();
    let app = TestApp::spawn_opslag(Documentopslag::s3(client(&sim, &geheim))).await;
    let t = tenant(&app).await;
    let scope = Scope::system(t.code, "test");
    let consulent = app.login(&t.user).await;

    // Kept in the database before the switch to S3: opens from the row.
    let in_database = app
        .db
        .clone()
        .met_documentopslag(Documentopslag::database());
    let oud = app.dossier_in(&in_database, &t).await;
    let (opslag, inhoud) = document_rij(&app.db, &oud.document_id).await.unwrap();
    assert_eq!(
        (opslag, inhoud.as_slice()),
        (None, &b"%PDF-1.4\n% test\n"[..])
    );
    assert_eq!(
        openen(&app, &consulent, &oud.zaak_id, &oud.document_id).await,
        (200, b"%PDF-1.4\n% test\n".to_vec())
    );
    assert!(sim.objecten().keys().is_empty());

    // Kept in S3, then configured back to the database with the S3
    // settings still given: new files go to the row, the old one is read
    // from the store. Without the settings it is a clear error.
    let nieuw = app.dossier(&t).await;
    let terug = app
        .db
        .clone()
        .met_documentopslag(Documentopslag::database_en_s3_lezen(client(&sim, &geheim)));
    let (_, bytes) = documenten::content(&terug, &scope, &nieuw.document_id, None, "test")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bytes, b"%PDF-1.4\n% test\n");
    let weer_database = app.dossier_in(&terug, &t).await;
    let (opslag, _) = document_rij(&app.db, &weer_database.document_id)
        .await
        .unwrap();
    assert_eq!(opslag, None);
    let fout = documenten::content(&in_database, &scope, &nieuw.document_id, None, "test")
        .await
        .unwrap_err();
    assert!(
        matches!(&fout, StoreError::Documentopslag(m) if m.contains("[documenten]")),
        "{fout:?}"
    );
    sim.shutdown().await;
}

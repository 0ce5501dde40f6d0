//! Staff and what residents send: caseworkers open the documents of a zaak
//! (inline PDF and images, a download otherwise; only that zaak's, only with
//! a case role; every read logged with its purpose), and staff cannot open
//! or change a resident's own portal draft — they start one of their own.

use super::common::TestApp;
use super::{fill_in, get, staff_get, staff_post};
use gbi_domain::Rol;
use gbi_store::documenten::{self, NewDocument};
use gbi_store::{Scope, logboek, portaal};

async fn staff_fetch(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn caseworkers_open_the_documents_of_a_zaak_and_each_read_is_logged() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Inkomensconsulent])
        .await;
    let scope = Scope::system(t.code, "test");
    let eerste = app.dossier(&t).await;
    let tweede = app.dossier(&t).await;
    // Sent later, not a PDF or image (and with HTML inside).
    let tekst = documenten::add(
        &app.db,
        &scope,
        NewDocument {
            bsn: &t.inwoner.bsn,
            concept_id: None,
            zaak_id: Some(&eerste.zaak_id),
            informatieobjecttype: "overig",
            bestandsnaam: "notitie é.txt",
            mime: "text/html",
            inhoud: b"<script>alert(1)</script>",
        },
        "test",
    )
    .await
    .unwrap();
    let consulent = app.login(&t.user).await;

    // The zaak page links every document.
    let zaak = format!("/werkplek/zaken/{}", eerste.zaak_id);
    let pagina = staff_get(&app, &consulent, &zaak).await;
    let pdf = format!("{zaak}/documenten/{}", eerste.document_id);
    let txt = format!("{zaak}/documenten/{}", tekst.id);
    assert!(pagina.contains(&format!("href=\"{pdf}\"")), "{pagina}");
    assert!(pagina.contains(&format!("href=\"{txt}\"")));

    let res = staff_fetch(&app, &consulent, &pdf).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "application/pdf");
    assert!(header(&res, "content-disposition").starts_with("inline; filename=\"bank.pdf\""));
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"%PDF-1.4\n% test\n");

    let res = staff_fetch(&app, &consulent, &txt).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "application/octet-stream");
    let disposition = header(&res, "content-disposition");
    assert!(
        disposition.starts_with(
            "attachment; filename=\"notitie _.txt\"; filename*=UTF-8''notitie%20%C3%A9.txt"
        ),
        "{disposition}"
    );
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");

    // Another zaak's document through this zaak, or a made-up one: not found.
    for pad in [
        format!("{zaak}/documenten/{}", tweede.document_id),
        format!(
            "/werkplek/zaken/{}/documenten/{}",
            tweede.zaak_id, eerste.document_id
        ),
        format!("{zaak}/documenten/bestaat-niet"),
    ] {
        assert_eq!(
            staff_fetch(&app, &consulent, &pad).await.status(),
            404,
            "{pad}"
        );
    }

    // Roles that handle or check zaken may; the others may not.
    for (user, rol, verwacht) in [
        ("intake", Rol::Intake, 200),
        ("kwaliteit", Rol::Kwaliteitsmedewerker, 200),
        ("teamleider", Rol::Teamleider, 200),
        ("kcc", Rol::Klantcontactcentrum, 403),
        ("buurtteam", Rol::Buurtteam, 403),
        ("beheer", Rol::FunctioneelBeheerder, 403),
    ] {
        let (_, token) = app.medewerker(&t, user, &[rol]).await;
        let res = staff_fetch(&app, &token, &pdf).await;
        assert_eq!(res.status().as_u16(), verwacht, "{user}");
        if verwacht == 403 {
            assert!(!res.text().await.unwrap().contains("%PDF"));
        }
    }

    // Five reads, five records, each with the activity that names the purpose.
    let records = logboek::list(&app.db, &scope, Some(&t.inwoner.bsn), None, 500)
        .await
        .unwrap();
    let inzien: Vec<_> = records
        .iter()
        .filter(|r| r.verwerkingsactiviteit == logboek::DOCUMENT_INZIEN.id)
        .collect();
    assert_eq!(inzien.len(), 5, "{inzien:?}");
    assert!(inzien.iter().all(|r| r.handeling == "lezen"
        && r.naam == "GET /werkplek/zaken/{zaak_id}/documenten/{document_id}"
        && r.actor.starts_with("medewerker:")));
}

#[tokio::test]
async fn staff_cannot_open_or_change_a_residents_own_draft() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Klantcontactcentrum])
        .await;
    let scope = Scope::system(t.code, "test");
    // The resident's own portal draft (kanaal digitaal).
    let dossier = app.dossier(&t).await;
    let kcc = app.login(&t.user).await;

    let eigen = format!("/werkplek/aanvragen/{}", dossier.concept_id);
    let res = staff_fetch(&app, &kcc, &format!("{eigen}/bank")).await;
    assert_eq!(res.status(), 403);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("De inwoner is deze aanvraag zelf online begonnen")
    );
    let (status, body) = staff_post(
        &app,
        &kcc,
        &format!("{eigen}/bank"),
        &[
            ("iban", "NL02 ABNA 0123 4567 89"),
            ("email", "kcc@example.nl"),
            ("knop", "verder"),
        ],
    )
    .await;
    assert_eq!(status, 403, "{body}");
    let upload = app
        .client
        .post(app.url(&format!("{eigen}/documenten")))
        .bearer_auth(&kcc)
        .header("origin", &app.base)
        .multipart(
            reqwest::multipart::Form::new()
                .text("soort", "overig")
                .part(
                    "bestand",
                    reqwest::multipart::Part::bytes(b"%PDF-1.4\n".to_vec()).file_name("x.pdf"),
                ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), 403);
    let draft = portaal::get_concept(&app.db, &scope, &dossier.concept_id, "test")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(draft.antwoorden, serde_json::json!({ "reden": "anders" }));
    assert!(
        documenten::list(&app.db, &scope, Some(&dossier.concept_id), None)
            .await
            .unwrap()
            .is_empty()
    );

    // The search says the resident began one, without a way into it.
    let zoek = staff_get(&app, &kcc, "/werkplek/aanvragen?bsn=999993549").await;
    assert!(!zoek.contains(&dossier.concept_id));
    assert!(zoek.contains("zelf online een aanvraag begonnen"));

    // Staff start a draft of their own with the resident on the phone.
    let (status, stap1) = staff_post(
        &app,
        &kcc,
        "/werkplek/aanvragen",
        &[("bsn", "999993549"), ("kanaal", "telefoon")],
    )
    .await;
    assert_eq!(status, 303);
    let basis = stap1.trim_end_matches("/situatie").to_owned();
    assert!(basis.starts_with("/werkplek/aanvragen/"), "{basis}");
    let (status, _) = staff_post(
        &app,
        &kcc,
        &format!("{basis}/bank"),
        &[
            ("iban", "NL91 ABNA 0417 1643 00"),
            ("email", "inwoner@example.nl"),
            ("knop", "later"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let zoek = staff_get(&app, &kcc, "/werkplek/aanvragen?bsn=999993549").await;
    // The draft resumes at the step where it was saved for later.
    assert!(zoek.contains(&format!("{basis}/bank")), "{zoek}");
    assert!(zoek.contains("Bijstand: aanvraag van"), "{zoek}");

    // Every regeling can be applied for with the resident; each starts at
    // its own first step.
    for (zaaktype, eerste) in [("BB", "kosten"), ("IIT", "situatie")] {
        let (status, stap) = staff_post(
            &app,
            &kcc,
            "/werkplek/aanvragen",
            &[
                ("bsn", "999993549"),
                ("kanaal", "balie"),
                ("regeling", zaaktype),
            ],
        )
        .await;
        assert_eq!(status, 303);
        assert!(stap.ends_with(&format!("/{eerste}")), "{zaaktype}: {stap}");
    }
    let zoek = staff_get(&app, &kcc, "/werkplek/aanvragen?bsn=999993549").await;
    assert!(zoek.contains("Bijzondere bijstand: aanvraag van"), "{zoek}");
    assert!(
        zoek.contains("Individuele inkomenstoeslag: aanvraag van"),
        "{zoek}"
    );

    // A document uploaded at the desk goes with the staff draft.
    let upload = app
        .client
        .post(app.url(&format!("{basis}/documenten")))
        .bearer_auth(&kcc)
        .header("origin", &app.base)
        .multipart(
            reqwest::multipart::Form::new()
                .text("soort", "identiteitsbewijs")
                .part(
                    "bestand",
                    reqwest::multipart::Part::bytes(b"%PDF-1.4\n% balie\n".to_vec())
                        .file_name("paspoort.pdf"),
                ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), 303);

    // The resident keeps their own draft, and cannot open staff's.
    let cookie = app.resident_cookie(&t).await;
    let staff_concept = basis.rsplit('/').next().unwrap();
    let (status, _) = get(
        &app,
        &cookie,
        &format!("/portaal/aanvraag/{staff_concept}/bank"),
    )
    .await;
    assert_eq!(status, 404);
    let res = app
        .client
        .get(app.url("/portaal/aanvraag"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        header(&res, "location"),
        format!("/portaal/aanvraag/{}/situatie", dossier.concept_id)
    );

    // Staff send their draft; the desk upload is a document of the zaak,
    // linked on its page for a caseworker.
    let (status, zaak_url) = fill_in(&app, &format!("gbi_sessie={kcc}"), &basis).await;
    assert_eq!(status, 303, "{zaak_url}");
    let zaak = zaak_url.split('?').next().unwrap().to_owned();
    assert!(zaak.starts_with("/werkplek/zaken/"), "{zaak}");
    let (_, intake) = app.medewerker(&t, "intake", &[Rol::Intake]).await;
    let pagina = staff_get(&app, &intake, &zaak).await;
    let link = pagina
        .split("href=\"")
        .filter_map(|h| h.split('"').next())
        .find(|h| h.starts_with(&format!("{zaak}/documenten/")))
        .expect("a link to the desk upload")
        .to_owned();
    assert!(pagina.contains("paspoort.pdf"));
    let res = staff_fetch(&app, &intake, &link).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"%PDF-1.4\n% balie\n");
}

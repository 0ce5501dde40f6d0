//! A hersteltermijn item by item, through HTTP: asked for an ID, a payslip
//! and a question, the resident sends the payslip first and can still send
//! the ID; a wrong file can be removed; a file over 10 MB is a Dutch message
//! on the form; the zaak returns to the queue only when everything is in,
//! and the caseworker sees which items came in.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::{Rol, ZaakStatus};
use gbi_store::{Scope, zaken};

async fn upload(
    app: &TestApp,
    cookie: &str,
    zaak: &str,
    soort: &str,
    naam: &str,
    inhoud: Vec<u8>,
) -> (u16, String) {
    let part = reqwest::multipart::Part::bytes(inhoud).file_name(naam.to_owned());
    let form = reqwest::multipart::Form::new()
        .text("soort", soort.to_owned())
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

async fn status(app: &TestApp, scope: &Scope, zaak: &str) -> ZaakStatus {
    zaken::get(&app.db, scope, zaak, "t")
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn each_item_has_its_own_state_until_everything_is_in() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::FunctioneelBeheerder])
        .await;
    let dossier = app.dossier(&t).await;
    let scope = Scope::system(t.code, "test");
    let (_, intake) = app.medewerker(&t, "ilse.intake", &[Rol::Intake]).await;
    let zaak = dossier.zaak_id.clone();
    let zaak_path = format!("/werkplek/zaken/{zaak}");
    assert_eq!(
        app.post_form(&intake, &format!("{zaak_path}/oppakken"), &[])
            .await
            .0,
        303
    );

    // Asked: an ID, a payslip and one question; the date in Dutch order.
    let d = gbi_domain::today_amsterdam() + chrono::Days::new(14);
    let deadline = gbi_domain::date::datum_kort(d);
    let (s, body) = app
        .post_form(
            &intake,
            &format!("{zaak_path}/hersteltermijn"),
            &[
                ("document", "identiteitsbewijs"),
                ("document", "loonstrook"),
                ("vraag", "Sinds wanneer woont u op uw huidige adres?"),
                ("deadline", &deadline),
            ],
        )
        .await;
    assert_eq!(s, 303, "{body}");
    assert_eq!(
        status(&app, &scope, &zaak).await,
        ZaakStatus::Hersteltermijn
    );

    let cookie = app.resident_cookie(&t).await;
    let zaak_url = format!("/portaal/zaken/{zaak}");
    let page = app.inwoner_page(&cookie, &zaak_url).await;
    assert!(
        page.contains("Identiteitsbewijs: nog niet ontvangen"),
        "{page}"
    );
    assert!(page.contains("Loonstrook: nog niet ontvangen"), "{page}");
    assert!(
        page.contains("Sinds wanneer woont u op uw huidige adres? (nog niet beantwoord)"),
        "{page}"
    );

    // The payslip first: the zaak still waits, and the ID can still be sent.
    let (s, _) = upload(
        &app,
        &cookie,
        &zaak,
        "loonstrook",
        "loon-november.pdf",
        b"%PDF-1.4 loon".to_vec(),
    )
    .await;
    assert_eq!(s, 303);
    assert_eq!(
        status(&app, &scope, &zaak).await,
        ZaakStatus::Hersteltermijn
    );
    let page = app.inwoner_page(&cookie, &zaak_url).await;
    assert!(page.contains("Loonstrook: ontvangen"), "{page}");
    assert!(page.contains("loon-november.pdf"), "{page}");
    assert!(
        page.contains("id=\"bestand-identiteitsbewijs\""),
        "the ID can still be sent: {page}"
    );

    // A file over the 10 MB the form shows: a Dutch message on the form,
    // the focus on the field, nothing stored.
    let groot = {
        let mut b = b"%PDF-1.4 ".to_vec();
        b.resize(11 * 1024 * 1024, b'x');
        b
    };
    let (s, page) = upload(
        &app,
        &cookie,
        &zaak,
        "identiteitsbewijs",
        "paspoort.pdf",
        groot,
    )
    .await;
    assert_eq!(s, 400, "{page}");
    assert!(
        page.contains("Dit bestand is te groot. Het mag hoogstens 10 MB zijn."),
        "{page}"
    );
    assert!(
        page.contains("href=\"#bestand-identiteitsbewijs\""),
        "the summary links to the field: {page}"
    );
    assert!(
        page.contains("aria-describedby=\"bestand-identiteitsbewijs-fout\" autofocus"),
        "{page}"
    );
    assert!(!page.contains("paspoort.pdf"), "nothing stored: {page}");

    // A wrong file for the ID, removed again; the item is open again.
    let (s, _) = upload(
        &app,
        &cookie,
        &zaak,
        "identiteitsbewijs",
        "vakantiefoto.jpg",
        vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3],
    )
    .await;
    assert_eq!(s, 303);
    assert_eq!(
        status(&app, &scope, &zaak).await,
        ZaakStatus::Hersteltermijn,
        "the question is still open"
    );
    let docs = gbi_store::documenten::list(&app.db, &scope, None, Some(&zaak))
        .await
        .unwrap();
    let foto = docs
        .iter()
        .find(|d| d.bestandsnaam == "vakantiefoto.jpg")
        .unwrap();
    let (s, _) = app
        .inwoner_post(
            &cookie,
            &format!("/portaal/zaken/{zaak}/documenten/{}/verwijderen", foto.id),
            &[],
        )
        .await;
    assert_eq!(s, 303);
    let page = app.inwoner_page(&cookie, &zaak_url).await;
    assert!(
        page.contains("Identiteitsbewijs: nog niet ontvangen"),
        "{page}"
    );
    assert!(!page.contains("vakantiefoto.jpg"), "{page}");

    // An empty answer is refused at its field; a real one is kept.
    let (s, page) = app
        .inwoner_post(
            &cookie,
            &format!("/portaal/zaken/{zaak}/antwoorden"),
            &[("vraag", "0"), ("antwoord", "   ")],
        )
        .await;
    assert_eq!(s, 400, "{page}");
    assert!(page.contains("Schrijf uw antwoord op."), "{page}");
    assert!(page.contains("href=\"#antwoord-0\""), "{page}");
    let (s, _) = app
        .inwoner_post(
            &cookie,
            &format!("/portaal/zaken/{zaak}/antwoorden"),
            &[("vraag", "0"), ("antwoord", "Sinds 1 maart 2024.")],
        )
        .await;
    assert_eq!(s, 303);
    assert_eq!(
        status(&app, &scope, &zaak).await,
        ZaakStatus::Hersteltermijn,
        "the ID is still missing"
    );

    // The caseworker sees what came in and what is missing.
    let werkplek = app.page(&intake, &zaak_path).await;
    assert!(
        werkplek.contains("Loonstrook: <strong>binnen</strong> (loon-november.pdf)"),
        "{werkplek}"
    );
    assert!(
        werkplek.contains("Identiteitsbewijs: <strong>ontbreekt nog</strong>"),
        "{werkplek}"
    );
    assert!(werkplek.contains("Sinds 1 maart 2024."), "{werkplek}");

    // The last item: the hersteltermijn ends and the zaak returns to the queue.
    let (s, _) = upload(
        &app,
        &cookie,
        &zaak,
        "identiteitsbewijs",
        "paspoort.pdf",
        b"%PDF-1.4 id".to_vec(),
    )
    .await;
    assert_eq!(s, 303);
    assert_eq!(status(&app, &scope, &zaak).await, ZaakStatus::InBehandeling);
    let page = app.inwoner_page(&cookie, &zaak_url).await;
    assert!(!page.contains("nog niet ontvangen"), "{page}");
    // The caseworker still reads what came in, and the answer.
    let werkplek = app.page(&intake, &zaak_path).await;
    assert!(
        werkplek.contains("Gevraagd in de hersteltermijn (alles is binnen)"),
        "{werkplek}"
    );
    assert!(
        werkplek.contains("Identiteitsbewijs: <strong>binnen</strong> (paspoort.pdf)"),
        "{werkplek}"
    );
    assert!(werkplek.contains("Sinds 1 maart 2024."), "{werkplek}");

    // Once the caseworker has it, the resident can no longer remove it.
    let docs = gbi_store::documenten::list(&app.db, &scope, None, Some(&zaak))
        .await
        .unwrap();
    let id = docs
        .iter()
        .find(|d| d.bestandsnaam == "paspoort.pdf")
        .unwrap();
    let (s, page) = app
        .inwoner_post(
            &cookie,
            &format!("/portaal/zaken/{zaak}/documenten/{}/verwijderen", id.id),
            &[],
        )
        .await;
    assert_eq!(s, 400, "{page}");
    assert!(page.contains("kunt u niet meer weghalen"), "{page}");
    assert_eq!(
        gbi_store::documenten::list(&app.db, &scope, None, Some(&zaak))
            .await
            .unwrap()
            .len(),
        docs.len()
    );
}

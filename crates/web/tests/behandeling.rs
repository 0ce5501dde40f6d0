//! The werkplek through HTTP: intake claims a new zaak and asks for
//! information; the resident sends it; a consulent proposes a toekenning and
//! cannot approve it; a kwaliteitsmedewerker approves; the resident is told.
//! Every view and action is in the processing log with actor and purpose.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::Rol;
use gbi_store::{Scope, zaken};

#[tokio::test]
async fn intake_hersteltermijn_proposal_and_four_eyes() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::FunctioneelBeheerder])
        .await;
    let dossier = app.dossier(&t).await;
    let scope = Scope::system(t.code, "test");
    let (intake_id, intake) = app.medewerker(&t, "ilse.intake", &[Rol::Intake]).await;
    let (consulent_id, consulent) = app
        .medewerker(&t, "kees.consulent", &[Rol::Inkomensconsulent])
        .await;
    let (_, kwaliteit) = app
        .medewerker(&t, "karin.kwaliteit", &[Rol::Kwaliteitsmedewerker])
        .await;
    let zaak_path = format!("/werkplek/zaken/{}", dossier.zaak_id);

    // Intake's queue shows the new zaak; intake claims it.
    let queue = app.page(&intake, "/werkplek/werkvoorraad").await;
    assert!(queue.contains(&dossier.zaak_identificatie), "{queue}");
    assert!(
        queue.contains(&t.inwoner.naam),
        "the queue names the applicant: {queue}"
    );
    assert_eq!(
        app.post_form(&intake, &format!("{zaak_path}/oppakken"), &[])
            .await
            .0,
        303
    );
    // Someone else cannot claim it any more.
    assert_eq!(
        app.post_form(&consulent, &format!("{zaak_path}/oppakken"), &[])
            .await
            .0,
        409
    );
    let z = zaken::get(&app.db, &scope, &dossier.zaak_id, "t")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(z.behandelaar_id.as_deref(), Some(intake_id.as_str()));

    // Hersteltermijn: ask for bank statements within two weeks.
    let deadline = (gbi_domain::today_amsterdam() + chrono::Days::new(14)).to_string();
    let (status, body) = app
        .post_form(
            &intake,
            &format!("{zaak_path}/hersteltermijn"),
            &[
                ("document", "bankafschrift"),
                ("vraag", ""),
                ("deadline", &deadline),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(
        zaken::get(&app.db, &scope, &dossier.zaak_id, "t")
            .await
            .unwrap()
            .unwrap()
            .status,
        gbi_domain::ZaakStatus::Hersteltermijn
    );

    // The resident sends the statement through the portal.
    let cookie = app.resident_cookie(&t).await;
    let resident_zaak = app
        .client
        .get(app.url(&format!("/portaal/zaken/{}", dossier.zaak_id)))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(resident_zaak.contains("Stuur ons vóór"), "{resident_zaak}");
    let pdf = reqwest::multipart::Part::bytes(b"%PDF-1.4\nafschrift".to_vec())
        .file_name("afschrift-mei.pdf");
    let form = reqwest::multipart::Form::new()
        .text("soort", "bankafschrift")
        .part("bestand", pdf);
    let res = app
        .client
        .post(app.url(&format!("/portaal/zaken/{}/documenten", dossier.zaak_id)))
        .header("cookie", &cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        zaken::get(&app.db, &scope, &dossier.zaak_id, "t")
            .await
            .unwrap()
            .unwrap()
            .status,
        gbi_domain::ZaakStatus::InBehandeling
    );

    // A refused proposal in the browser (session cookie): the error page
    // keeps the werkplek menu and leads back to the zaak.
    let res = app
        .client
        .post(app.url(&format!("{zaak_path}/besluit")))
        .header("cookie", format!("gbi_sessie={consulent}"))
        .header("origin", &app.base)
        .header("referer", app.url(&zaak_path))
        .form(&[
            ("soort", "toekenning"),
            ("ingangsdatum", "31-2-2026"),
            ("bedrag", "100,00"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let fout = res.text().await.unwrap();
    assert!(
        fout.contains("Ingangsdatum: Deze datum bestaat niet"),
        "{fout}"
    );
    assert!(
        fout.contains("kees.consulent (0392)"),
        "the staff header: {fout}"
    );
    // The zaak page itself comes back, with what was typed.
    assert!(fout.contains(r#"value="31-2-2026""#), "{fout}");
    assert!(fout.contains(r#"value="100,00""#), "{fout}");

    // The consulent proposes a toekenning and cannot approve it.
    let ingang = gbi_domain::today_amsterdam().to_string();
    let (status, body) = app
        .post_form(
            &consulent,
            &format!("{zaak_path}/besluit"),
            &[
                ("soort", "toekenning"),
                ("ingangsdatum", &ingang),
                ("bedrag", "1.419,46"),
                ("toelichting", ""),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    let own = app.page(&consulent, &zaak_path).await;
    let geschiedenis = own.split("Geschiedenis").nth(1).unwrap_or_default();
    assert!(
        !geschiedenis.contains("medewerker:"),
        "names, not ids: {geschiedenis}"
    );
    assert!(geschiedenis.contains("(ilse.intake)"), "{geschiedenis}");
    // The client view: from the zaak to every zaak of this resident.
    let klant = own
        .split("href=\"/werkplek/inwoners/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a link to the resident's page");
    let klantbeeld = app
        .page(&consulent, &format!("/werkplek/inwoners/{klant}"))
        .await;
    assert!(
        klantbeeld.contains(&dossier.zaak_identificatie),
        "{klantbeeld}"
    );
    assert!(
        klantbeeld.contains("id=\"zaken-van-inwoner\""),
        "{klantbeeld}"
    );
    assert!(own.contains("Dit is uw eigen voorstel"));
    // Not even by posting the form directly (the role check comes first here:
    // a consulent is no kwaliteitsmedewerker) — give the consulent that role too.
    gbi_store::medewerkers::upsert(
        &app.db,
        &t.code,
        gbi_store::medewerkers::NewMedewerker {
            gebruikersnaam: "kees.consulent",
            naam: "kees.consulent",
            rollen: &[Rol::Inkomensconsulent, Rol::Kwaliteitsmedewerker],
            wachtwoord_hash: &gbi_store::medewerkers::hash_password(common::PASSWORD).unwrap(),
        },
    )
    .await
    .unwrap();
    let (status, body) = app
        .post_form(
            &consulent,
            &format!("{zaak_path}/beoordeling"),
            &[("oordeel", "goedkeuren"), ("opmerking", "")],
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("U kunt uw eigen voorstel niet goedkeuren"));

    // The kwaliteitsmedewerker approves.
    let (status, body) = app
        .post_form(
            &kwaliteit,
            &format!("{zaak_path}/beoordeling"),
            &[("oordeel", "goedkeuren"), ("opmerking", "")],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    let z = zaken::get(&app.db, &scope, &dossier.zaak_id, "t")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (z.status.code(), z.resultaat.as_deref()),
        ("afgehandeld", Some("toegekend"))
    );
    let inbox = app
        .client
        .get(app.url("/portaal/berichten"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(inbox.contains("Er is een besluit over uw aanvraag"));
    assert!(inbox.contains("<strong>Nieuw</strong>"), "{inbox}");
    // Read once, the start page no longer counts them as new.
    let start = app.inwoner_page(&cookie, "/portaal").await;
    assert!(start.contains("U heeft geen nieuwe berichten."), "{start}");

    // The zaak page says what was decided, and no longer what was pending.
    let zaak_pagina = app
        .inwoner_page(&cookie, &format!("/portaal/zaken/{}", dossier.zaak_id))
        .await;
    assert!(
        zaak_pagina.contains("Ons besluit: U krijgt bijstand"),
        "{zaak_pagina}"
    );
    assert!(zaak_pagina.contains("Eerste betaling"), "{zaak_pagina}");
    assert!(zaak_pagina.contains("bezwaar"), "{zaak_pagina}");
    for weg in [
        "Voorschot",
        "Wij halen gegevens op",
        "brief:",
        "koppeling:",
        "Wat wij van u vragen",
    ] {
        assert!(
            !zaak_pagina.contains(weg),
            "{weg} after the decision: {zaak_pagina}"
        );
    }

    // Every view and action is in the processing log, with who did it.
    let log = gbi_store::logboek::list(&app.db, &scope, Some(&t.inwoner.bsn), None, 500)
        .await
        .unwrap();
    let by = |actor: &str, activiteit: &str| {
        log.iter()
            .filter(|r| {
                r.actor == format!("medewerker:{actor}") && r.verwerkingsactiviteit == activiteit
            })
            .count()
    };
    assert!(
        by(&intake_id, "gbi.zaak.behandelen") >= 2,
        "claim and hersteltermijn"
    );
    assert!(
        by(&consulent_id, "gbi.zaak.raadplegen") >= 1,
        "opening the zaak"
    );
    assert!(
        by(&consulent_id, "gbi.zaak.behandelen") >= 1,
        "the proposal"
    );
}

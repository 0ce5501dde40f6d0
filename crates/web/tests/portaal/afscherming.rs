//! Residents see only their own zaken, drafts and documents; a gemachtigde
//! sees only the zaak they were authorised for.

use super::common::TestApp;
use super::*;

#[tokio::test]
async fn residents_see_only_their_own_zaken_and_a_gemachtigde_only_the_authorised_one() {
    let app = TestApp::spawn().await;
    let anna = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Inkomensconsulent])
        .await;
    let anna_dossier = app.dossier(&anna).await;
    let anna_cookie = app.resident_cookie(&anna).await;
    // A second resident of the same gemeente, who will also help someone else.
    let bram = gbi_store::inwoners::create(
        &app.db,
        &gbi_store::Scope::system(anna.code, "test"),
        gbi_store::inwoners::NewInwoner {
            bsn: gbi_domain::Bsn::parse("111111110").unwrap(),
            naam: "Bram".into(),
            email: None,
            telefoon: None,
            iban: None,
        },
        "test",
    )
    .await
    .unwrap();
    let bram_token =
        gbi_store::portaal::inwoner_login(&app.db, &anna.code, &bram.bsn, "Bram", None)
            .await
            .unwrap();
    let bram_cookie = format!("gbi_inwoner={bram_token}");

    // Bram cannot see Anna's zaak, draft or document.
    assert_eq!(
        get(
            &app,
            &bram_cookie,
            &format!("/portaal/zaken/{}", anna_dossier.zaak_id)
        )
        .await
        .0,
        404
    );
    assert_eq!(
        get(
            &app,
            &bram_cookie,
            &format!("/portaal/aanvraag/{}/situatie", anna_dossier.concept_id)
        )
        .await
        .0,
        404
    );
    assert_eq!(
        get(
            &app,
            &bram_cookie,
            &format!("/portaal/documenten/{}", anna_dossier.document_id)
        )
        .await
        .0,
        404
    );
    assert!(
        !get(&app, &bram_cookie, "/portaal/zaken")
            .await
            .1
            .contains(&anna_dossier.zaak_identificatie)
    );

    // Bram asks to act for Carla (a third person). That is only a request:
    // no draft can be started for her until staff confirm it.
    let carla = gbi_domain::Bsn::parse("999990019").unwrap();
    let (status, loc) = post(
        &app,
        &bram_cookie,
        "/portaal/machtiging",
        &[
            ("bsn", carla.as_str()),
            ("relatie", "buurman"),
            ("toestemming", "ja"),
        ],
    )
    .await;
    assert_eq!(
        (status, loc.as_str()),
        (303, "/portaal/machtiging?verstuurd=1")
    );
    let scope = gbi_store::Scope::system(anna.code, "test");
    let verzoek = gbi_store::machtigingen::van_gemachtigde(&app.db, &scope, &bram.bsn)
        .await
        .unwrap()
        .remove(0);
    let start_voor_carla = format!("/portaal/machtiging/{}/aanvraag", verzoek.id);
    assert_eq!(
        post(&app, &bram_cookie, &start_voor_carla, &[]).await.0,
        403
    );
    assert!(
        gbi_store::portaal::open_concepten_voor(&app.db, &scope, &carla)
            .await
            .unwrap()
            .is_empty(),
        "no draft for Carla before staff confirmed"
    );
    // Anna cannot use Bram's request.
    assert_eq!(
        post(&app, &anna_cookie, &start_voor_carla, &[]).await.0,
        404
    );

    // Carla is told in her inbox who asked.
    let carla_cookie = format!(
        "gbi_inwoner={}",
        gbi_store::portaal::inwoner_login(&app.db, &anna.code, &carla, "Carla", None)
            .await
            .unwrap()
    );
    let (_, inbox) = get(&app, &carla_cookie, "/portaal/berichten").await;
    assert!(
        inbox.contains("Iemand wil namens u handelen") && inbox.contains("Bram"),
        "{inbox}"
    );

    // A staff member checks it and confirms, with how they checked.
    let token = app.login(&anna.user).await;
    let werkplek = staff_get(&app, &token, "/werkplek/machtigingen").await;
    let actie = format!("/werkplek/machtigingen/{}", verzoek.id);
    assert!(werkplek.contains(&actie) && werkplek.contains("buurman"));
    let (status, _) = staff_post(
        &app,
        &token,
        &actie,
        &[("besluit", "bevestigen"), ("toelichting", "")],
    )
    .await;
    assert_eq!(status, 400, "how it was checked is required");
    let (status, _) = staff_post(
        &app,
        &token,
        &actie,
        &[
            ("besluit", "bevestigen"),
            ("toelichting", "Carla gebeld op haar bekende nummer"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let m = gbi_store::machtigingen::geldig(&app.db, &scope, &bram.bsn, &carla)
        .await
        .unwrap()
        .expect("confirmed");
    assert_eq!(m.beoordeeld_door.as_deref(), Some(anna.user_id.as_str()));

    // Now Bram applies on Carla's behalf, as her gemachtigde.
    let (status, step1) = post(&app, &bram_cookie, &start_voor_carla, &[]).await;
    assert_eq!(status, 303, "{step1}");
    let basis = step1.trim_end_matches("/situatie").to_owned();
    let (status, zaak_url) = fill_in(&app, &bram_cookie, &basis).await;
    assert_eq!(status, 303, "{zaak_url}");
    let zaak_path = zaak_url.split('?').next().unwrap().to_owned();

    // Bram sees Carla's zaak (and only that one besides his own none); Anna does not.
    let (status, page) = get(&app, &bram_cookie, &zaak_path).await;
    assert_eq!(status, 200, "{page}");
    let (_, list) = get(&app, &bram_cookie, "/portaal/zaken").await;
    assert_eq!(list.matches("Aanvraag bijstand ALO-0392-").count(), 1);
    assert_eq!(get(&app, &anna_cookie, &zaak_path).await.0, 404);
    // The authorisation is recorded on the zaak, and Carla is told who applied.
    let zaak_id = zaak_path.rsplit('/').next().unwrap();
    let rollen = gbi_store::zaken::rollen(&app.db, &scope, zaak_id)
        .await
        .unwrap();
    assert!(rollen.iter().any(|r| r.roltype == "gemachtigde"
        && r.bsn.as_deref() == Some("111111110")
        && r.toelichting.as_deref() == Some("buurman")));
    let (_, inbox) = get(&app, &carla_cookie, "/portaal/berichten").await;
    assert!(
        inbox.contains("Bram (buurman) heeft deze aanvraag namens u gedaan"),
        "{inbox}"
    );

    // Staff withdraw the machtiging: Bram no longer sees Carla's zaak.
    let (status, _) = staff_post(
        &app,
        &token,
        &actie,
        &[
            ("besluit", "weigeren"),
            ("toelichting", "Carla wil dit niet meer"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(get(&app, &bram_cookie, &zaak_path).await.0, 404);
    assert_eq!(
        post(&app, &bram_cookie, &start_voor_carla, &[]).await.0,
        403
    );

    // Carla can say no herself: Bram asks again, staff confirm, Carla withdraws.
    let (status, _) = post(
        &app,
        &bram_cookie,
        "/portaal/machtiging",
        &[
            ("bsn", carla.as_str()),
            ("relatie", "buurman"),
            ("toestemming", "ja"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let opnieuw = gbi_store::machtigingen::van_gemachtigde(&app.db, &scope, &bram.bsn)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.status == gbi_store::machtigingen::MachtigingStatus::Aangevraagd)
        .unwrap();
    let (status, _) = staff_post(
        &app,
        &token,
        &format!("/werkplek/machtigingen/{}", opnieuw.id),
        &[("besluit", "bevestigen"), ("toelichting", "gebeld")],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(get(&app, &bram_cookie, &zaak_path).await.0, 200);
    let intrekken = format!("/portaal/machtiging/{}/intrekken", opnieuw.id);
    let (_, pagina) = get(&app, &carla_cookie, "/portaal/machtiging").await;
    assert!(pagina.contains(&intrekken) && pagina.contains("Bram mag dit niet"));
    // Not Bram, not Anna: only Carla.
    assert_eq!(post(&app, &bram_cookie, &intrekken, &[]).await.0, 404);
    assert_eq!(post(&app, &anna_cookie, &intrekken, &[]).await.0, 404);
    assert_eq!(get(&app, &bram_cookie, &zaak_path).await.0, 200);
    let (status, loc) = post(&app, &carla_cookie, &intrekken, &[]).await;
    assert_eq!(
        (status, loc.as_str()),
        (303, "/portaal/machtiging?ingetrokken=1")
    );
    assert_eq!(get(&app, &bram_cookie, &zaak_path).await.0, 404);
    let (_, inbox) = get(&app, &bram_cookie, "/portaal/berichten").await;
    assert!(inbox.contains("De persoon voor wie u wilde handelen, wil dat niet"));
}

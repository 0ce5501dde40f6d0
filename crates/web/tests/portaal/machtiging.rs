//! "Iemand anders helpen" is a request that reveals nothing: 200 consecutive
//! BSNs posted by one helper show no name or address, the answer is the
//! same whether the person exists or not, and a helper whose machtiging was
//! not confirmed cannot open the other person's draft or zaak — not even one
//! made under the old self-declared machtiging.

use super::common::TestApp;
use super::{Brp, get, post};
use gbi_domain::{Bsn, Rol};
use gbi_store::{Scope, machtigingen, portaal};

/// Log in a resident (any BSN) to the portal of `gemeente`; returns the cookie.
async fn inloggen(
    app: &TestApp,
    gemeente: &gbi_domain::GemeenteCode,
    bsn: &Bsn,
    naam: &str,
) -> String {
    let token = portaal::inwoner_login(&app.db, gemeente, bsn, naam, None)
        .await
        .unwrap();
    format!("gbi_inwoner={token}")
}

/// Everything of Anna the BRP stand-in or the store knows.
const GEHEIM: [&str; 5] = [
    "Anna de Vries",
    "Grote Markt",
    "Sem de Vries",
    "Kees de Vries",
    "Inwoner van Haarlem",
];

fn niets_van_anna(wat: &str, body: &str) {
    for g in GEHEIM {
        assert!(!body.contains(g), "{wat} shows {g:?}: {body}");
    }
}

#[tokio::test]
async fn two_hundred_bsns_reveal_nothing_and_an_unconfirmed_helper_sees_nothing() {
    // BRP knows a household for every BSN: any leak of the prefill shows.
    let app = TestApp::spawn_with(Some(std::sync::Arc::new(Brp {
        down: false,
        hangt: false,
    })))
    .await;
    let anna = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Inkomensconsulent])
        .await;
    let dossier = app.dossier(&anna).await;
    let scope = Scope::system(anna.code, "test");
    let bram = Bsn::parse("111111110").unwrap();
    let bram_cookie = inloggen(&app, &anna.code, &bram, "Bram").await;

    // Bram asks for Anna first: the same answer as for anyone.
    let (status, loc) = post(
        &app,
        &bram_cookie,
        "/portaal/machtiging",
        &[
            ("bsn", "999993549"),
            ("relatie", "buurman"),
            ("toestemming", "ja"),
        ],
    )
    .await;
    assert_eq!(
        (status, loc.as_str()),
        (303, "/portaal/machtiging?verstuurd=1")
    );

    // Then 200 consecutive numbers around Anna's BSN.
    let mut geldig = 0;
    for n in 999_993_450u32..999_993_650 {
        let bsn = n.to_string();
        let res = app
            .client
            .post(app.url("/portaal/machtiging"))
            .header("cookie", &bram_cookie)
            .header("origin", &app.base)
            .form(&[
                ("bsn", bsn.as_str()),
                ("relatie", "buurman"),
                ("toestemming", "ja"),
            ])
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let location = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = res.text().await.unwrap();
        niets_van_anna(&format!("POST for {bsn}"), &body);
        if Bsn::parse(&bsn).is_ok() {
            geldig += 1;
            // Stored, or refused because too many are waiting: never about the person.
            assert!(
                (status == 303 && location == "/portaal/machtiging?verstuurd=1")
                    || (status == 400 && body.contains("verzoeken die wij nog controleren")),
                "{bsn}: {status} {location} {body}"
            );
        } else {
            assert_eq!(status, 400, "{bsn}");
        }
    }
    assert!(geldig >= 15, "the walk tried valid BSNs ({geldig})");
    let (status, page) = get(&app, &bram_cookie, "/portaal/machtiging").await;
    assert_eq!(status, 200);
    niets_van_anna("the machtiging page", &page);
    assert!(page.contains("Wij controleren dit nog"));
    let verzoeken = machtigingen::van_gemachtigde(&app.db, &scope, &bram)
        .await
        .unwrap();
    assert!(verzoeken.len() as i64 <= machtigingen::MAX_OPEN_VERZOEKEN);
    let voor_anna = verzoeken
        .iter()
        .find(|m| m.vertegenwoordigde_bsn.as_str() == "999993549")
        .expect("the request for Anna");

    // A person who exists and one who does not: the same answer.
    let mut antwoorden = Vec::new();
    for (helper, voor) in [("999990019", "999993549"), ("999990020", "123456782")] {
        let helper = Bsn::parse(helper).unwrap();
        let cookie = inloggen(&app, &anna.code, &helper, "Helper").await;
        let antwoord = post(
            &app,
            &cookie,
            "/portaal/machtiging",
            &[("bsn", voor), ("relatie", "zoon"), ("toestemming", "ja")],
        )
        .await;
        antwoorden.push(antwoord);
    }
    assert_eq!(antwoorden[0], antwoorden[1]);
    assert_eq!(antwoorden[0].0, 303);

    // Unconfirmed, Bram reaches nothing of Anna's.
    for pad in [
        format!("/portaal/aanvraag/{}/situatie", dossier.concept_id),
        format!("/portaal/zaken/{}", dossier.zaak_id),
        format!("/portaal/documenten/{}", dossier.document_id),
    ] {
        let (status, body) = get(&app, &bram_cookie, &pad).await;
        assert!(status == 403 || status == 404, "{pad}: {status}");
        niets_van_anna(&pad, &body);
    }
    let start = format!("/portaal/machtiging/{}/aanvraag", voor_anna.id);
    let (status, _) = post(&app, &bram_cookie, &start, &[]).await;
    assert_eq!(status, 403, "no draft for Anna before staff confirm");
    assert!(
        portaal::open_concept_als_gemachtigde(&app.db, &scope, &anna.inwoner.bsn, &bram, "ALO")
            .await
            .unwrap()
            .is_none()
    );

    // A draft and a zaak made for Anna under the old, self-declared
    // machtiging are closed to Bram too.
    let oud = portaal::create_concept(
        &app.db,
        &scope,
        &anna.inwoner.bsn,
        "ALO",
        "digitaal",
        Some(&bram),
        &common_antwoorden(),
    )
    .await
    .unwrap();
    let (status, body) = get(
        &app,
        &bram_cookie,
        &format!("/portaal/aanvraag/{}/situatie", oud.id),
    )
    .await;
    assert_eq!(status, 404);
    niets_van_anna("the old draft", &body);
    let wie = gbi_zaken::indienen::Indiener {
        naam_aanvrager: "Anna de Vries".into(),
        geboortedatum: None,
        gemachtigde: Some(gbi_zaken::indienen::Gemachtigde {
            bsn: Some(bram.clone()),
            naam: "Bram".into(),
            toelichting: "buurman".into(),
        }),
        medewerker: None,
    };
    let (zaak, _) =
        gbi_zaken::indienen::indienen(&app.db, &scope, &oud, wie, gbi_domain::today_amsterdam())
            .await
            .unwrap();
    let (status, body) = get(&app, &bram_cookie, &format!("/portaal/zaken/{}", zaak.id)).await;
    assert_eq!(status, 404);
    niets_van_anna("the old zaak", &body);
    let (_, lijst) = get(&app, &bram_cookie, "/portaal/zaken").await;
    assert!(!lijst.contains(&zaak.identificatie), "{lijst}");

    // Anna is told who asked to act for her.
    let anna_cookie = app.resident_cookie(&anna).await;
    let (_, inbox) = get(&app, &anna_cookie, "/portaal/berichten").await;
    assert!(
        inbox.contains("Iemand wil namens u handelen") && inbox.contains("Bram heeft ons gevraagd"),
        "{inbox}"
    );
}

fn common_antwoorden() -> serde_json::Value {
    super::common::volledige_antwoorden()
}

#[tokio::test]
async fn only_staff_who_speak_with_residents_or_handle_applications_confirm_a_machtiging() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Klantcontactcentrum])
        .await;
    let scope = Scope::system(t.code, "test");
    let bram = Bsn::parse("111111110").unwrap();
    machtigingen::verzoeken(&app.db, &scope, &t.inwoner.bsn, &bram, "Bram", "buurman")
        .await
        .unwrap();
    let id = machtigingen::van_gemachtigde(&app.db, &scope, &bram)
        .await
        .unwrap()
        .remove(0)
        .id;
    let pad = format!("/werkplek/machtigingen/{id}");
    let form = [("besluit", "bevestigen"), ("toelichting", "gebeld")];
    for (user, rol) in [
        ("buurtteam", Rol::Buurtteam),
        ("beheer", Rol::FunctioneelBeheerder),
        ("kwaliteit", Rol::Kwaliteitsmedewerker),
    ] {
        let (_, token) = app.medewerker(&t, user, &[rol]).await;
        let res = app
            .client
            .get(app.url("/werkplek/machtigingen"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{user}");
        assert!(!res.text().await.unwrap().contains("Bram"));
        assert_eq!(
            super::staff_post(&app, &token, &pad, &form).await.0,
            403,
            "{user}"
        );
    }
    assert!(
        machtigingen::geldig(&app.db, &scope, &bram, &t.inwoner.bsn)
            .await
            .unwrap()
            .is_none()
    );
    // The klantcontactcentrum may; deciding twice is refused.
    let kcc = app.login(&t.user).await;
    assert_eq!(super::staff_post(&app, &kcc, &pad, &form).await.0, 303);
    assert_eq!(super::staff_post(&app, &kcc, &pad, &form).await.0, 409);
    let m = machtigingen::geldig(&app.db, &scope, &bram, &t.inwoner.bsn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.toelichting.as_deref(), Some("gebeld"));
    let log = gbi_store::logboek::list(&app.db, &scope, Some(&t.inwoner.bsn), None, 100)
        .await
        .unwrap();
    assert!(log.iter().any(|r| r.verwerkingsactiviteit
        == gbi_store::logboek::MACHTIGING_VASTLEGGEN.id
        && r.handeling == "schrijven"
        && r.actor.starts_with("medewerker:")));
}

//! Looplijst runs in the werkplek: nothing across gemeenten, a busy and a
//! failed run, a run started against sources that are down, and teams per
//! wijk.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::Rol;
use gbi_store::Scope;
use gbi_store::looplijst as opslag;

use common::looplijst::*;

#[tokio::test]
async fn another_gemeente_cannot_see_the_run() {
    let app = TestApp::spawn().await;
    let haarlem = app.tenant("0392", "Haarlem", "999993549", &Rol::ALL).await;
    let enschede = app.tenant("0153", "Enschede", "111111110", &Rol::ALL).await;
    let run = klare_run(&app, enschede.code).await;
    let h = app.login(&haarlem.user).await;
    let e_scope = Scope::system(enschede.code, "test");
    let adressen = opslag::adressen(&app.db, &e_scope, &run, "iit", "2011", "test")
        .await
        .unwrap();
    for path in [
        format!("/werkplek/looplijst/run?id={run}"),
        format!("/werkplek/looplijst/wijk?run={run}&regeling=iit&wijk=2011"),
        format!("/werkplek/looplijst/export?run={run}&regeling=iit&wijk=2011"),
    ] {
        let (status, html) = get(&app, &h, &path).await;
        assert_eq!(status, 404, "{path}");
        assert!(!html.contains("Kerkstraat"));
    }
    let (_, html) = get(&app, &h, "/werkplek/looplijst").await;
    assert!(!html.contains(&run));
    let res = app
        .client
        .post(app.url("/werkplek/looplijst/bezoek"))
        .bearer_auth(&h)
        .form(&[
            ("adres", adressen[0].id.as_str()),
            ("run", run.as_str()),
            ("uitkomst", "aanvraag_gedaan"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let na = opslag::bezoeken_per_regeling(&app.db, &e_scope, &run)
        .await
        .unwrap();
    assert!(na.is_empty(), "{na:?}");
}

#[tokio::test]
async fn a_busy_run_shows_its_progress_and_a_failed_one_its_reason() {
    let app = TestApp::spawn_state(|s| s.with_looplijst(dode_bronnen())).await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let scope = Scope::system(t.code, "test");
    let token = app.login(&t.user).await;
    let run = opslag::start(&app.db, &scope, &["bijstand"], "2026-03-01", "t")
        .await
        .unwrap();
    opslag::voortgang(&app.db, &scope, &run.id, "Vragen aan UWV", 42, 1000, 250)
        .await
        .unwrap();
    let pad = format!("/werkplek/looplijst/run?id={}", run.id);
    let (status, html) = get(&app, &token, &pad).await;
    assert_eq!(status, 200);
    assert!(html.contains("hx-trigger=\"every"));
    assert!(html.contains("<progress max=\"100\" value=\"42\""));
    assert!(html.contains("Vragen aan UWV"));
    let (_, html) = get(&app, &token, "/werkplek/looplijst").await;
    assert!(html.contains("hx-trigger=\"every"));
    assert!(html.contains("Wordt gemaakt"));

    // A second run while one is busy is refused with a message.
    let res = app
        .client
        .post(app.url("/werkplek/looplijst/start"))
        .bearer_auth(&token)
        .form(&[("regeling", "iit")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("al een looplijst gemaakt")
    );

    opslag::mislukt(
        &app.db,
        &scope,
        &run.id,
        "een bron gaf geen antwoord: UWV is niet bereikbaar",
    )
    .await
    .unwrap();
    let (_, html) = get(&app, &token, &pad).await;
    assert!(!html.contains("hx-trigger=\"every"));
    assert!(html.contains("De looplijst is niet gemaakt."));
    assert!(html.contains("Een van de bronnen gaf geen antwoord"));
    assert!(html.contains("role=\"alert\""));
}

/// Sources that do not answer (nothing listens on the discard port).
fn dode_bronnen() -> std::sync::Arc<gbi_registers::LooplijstClient> {
    let mut cfg = gbi_registers::LooplijstConfig::testbed("http://127.0.0.1:9");
    cfg.brp.retries = 0;
    std::sync::Arc::new(gbi_registers::LooplijstClient::new(&cfg).unwrap())
}

#[tokio::test]
async fn a_run_started_in_the_werkplek_fails_plainly_when_a_source_is_down() {
    let app = TestApp::spawn_state(|s| s.with_looplijst(dode_bronnen())).await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let token = app.login(&t.user).await;
    let (status, html) = get(&app, &token, "/werkplek/looplijst").await;
    assert_eq!(status, 200);
    assert!(html.contains("Looplijst maken"));
    assert!(html.contains("id=\"regeling-bijzondere_bijstand\""));

    let start = |form: Vec<(&'static str, &'static str)>| {
        let app = &app;
        let token = token.clone();
        async move {
            let res = app
                .client
                .post(app.url("/werkplek/looplijst/start"))
                .bearer_auth(&token)
                .form(&form)
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let location = res
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_owned());
            (status, location, res.text().await.unwrap())
        }
    };
    let (status, _, html) = start(vec![("peildatum", "2026-03-01")]).await;
    assert_eq!(status, 400);
    assert!(html.contains("Kies ten minste één regeling"));
    let (status, _, html) = start(vec![("regeling", "iit"), ("peildatum", "31-02-2026")]).await;
    assert_eq!(status, 400);
    assert!(html.contains("jjjj-mm-dd"));
    let (status, _, html) = start(vec![("regeling", "iit"), ("peildatum", "2020-01-01")]).await;
    assert_eq!(status, 400);
    assert!(html.contains("geen criteria vastgesteld"));

    let (status, location, _) = start(vec![("regeling", "iit"), ("peildatum", "2026-03-01")]).await;
    assert_eq!(status, 303);
    let location = location.unwrap();
    assert!(
        location.starts_with("/werkplek/looplijst/run?id="),
        "{location}"
    );
    let begin = std::time::Instant::now();
    let html = loop {
        let (status, html) = get(&app, &token, &location).await;
        assert_eq!(status, 200);
        if !html.contains("hx-trigger=\"every") {
            break html;
        }
        assert!(begin.elapsed() < std::time::Duration::from_secs(60));
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(html.contains("De looplijst is niet gemaakt."), "{html}");
    assert!(
        html.contains("Een van de bronnen gaf geen antwoord"),
        "{html}"
    );
}

#[tokio::test]
async fn a_team_leader_assigns_wijken_to_teams_and_a_team_sees_its_own() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let run = klare_run(&app, t.code).await;
    let (_, leider) = app.medewerker(&t, "tl.leider", &[Rol::Teamleider]).await;
    let (_, buurt) = app.medewerker(&t, "bo.buurt", &[Rol::Buurtteam]).await;
    let toewijzen = |token: String, wijk: &'static str| {
        let app = &app;
        let run = run.clone();
        async move {
            app.client
                .post(app.url("/werkplek/looplijst/team"))
                .bearer_auth(token)
                .form(&[
                    ("run", run.as_str()),
                    ("wijk", wijk),
                    ("team", "Team Noord"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        toewijzen(buurt.clone(), "2011").await,
        403,
        "a buurtteam does not assign"
    );
    assert_eq!(toewijzen(leider.clone(), "20x1").await, 400);
    assert_eq!(toewijzen(leider.clone(), "2011").await, 303);

    let (_, html) = get(&app, &buurt, &format!("/werkplek/looplijst/run?id={run}")).await;
    assert!(html.contains("Team Noord"));
    assert!(html.contains("Wijk 2012"));
    let (status, html) = get(
        &app,
        &buurt,
        &format!("/werkplek/looplijst/run?id={run}&team=Team%20Noord"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Wijk 2011"));
    assert!(
        !html.contains("Wijk 2012"),
        "only the wijken of the chosen team"
    );
}

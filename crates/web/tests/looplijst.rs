//! The looplijst pages: the published criteria, the resident's opt-out, and
//! in the werkplek a finished run with its funnel, the list per wijk, the
//! visits and the CSV export; who may do what, and nothing across gemeenten.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::Rol;
use gbi_rules::looplijst::Catalogi;
use gbi_store::Scope;
use gbi_store::looplijst as opslag;

use common::looplijst::*;

#[tokio::test]
async fn the_public_criteria_page_lists_every_criterion() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .get(app.url("/looplijst/criteria"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let catalogi = Catalogi::ingebouwd().unwrap();
    let c = catalogi.op(gbi_domain::today_amsterdam()).unwrap();
    for r in &c.regelingen {
        assert!(html.contains(&r.naam), "{}", r.naam);
        for k in &r.criteria {
            let vraag = askama_escape(&k.vraag);
            assert!(html.contains(&vraag), "criterion {} missing", k.code);
            assert!(html.contains(&askama_escape(k.bron.naam())));
        }
    }
    assert!(html.contains("ja of nee"));
    assert!(html.contains("/portaal/looplijst"));
    assert!(html.contains("Een mens beslist"));
    // Linked from the home page.
    let home = app.client.get(app.url("/")).send().await.unwrap();
    assert!(home.text().await.unwrap().contains("/looplijst/criteria"));
}

fn askama_escape(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn a_resident_opts_out_and_back_in() {
    let app = TestApp::spawn().await;
    let t = app.tenant("0392", "Haarlem", "999993549", &[]).await;
    let cookie = app.resident_cookie(&t).await;
    let scope = Scope::system(t.code, "test");
    let page = |c: String| {
        let app = &app;
        async move {
            let res = app
                .client
                .get(app.url("/portaal/looplijst"))
                .header("cookie", c)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            res.text().await.unwrap()
        }
    };
    let html = page(cookie.clone()).await;
    assert!(html.contains("U bent niet afgemeld"));
    let start = app
        .client
        .get(app.url("/portaal"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert!(start.text().await.unwrap().contains("/portaal/looplijst"));

    // Opt out.
    let res = app
        .client
        .post(app.url("/portaal/looplijst"))
        .header("cookie", &cookie)
        .form(&[("keuze", "afmelden")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        opslag::is_afgemeld(&app.db, &scope, &t.inwoner.bsn)
            .await
            .unwrap()
    );
    let res = app
        .client
        .get(app.url(&location))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("U bent afgemeld."), "{html}");
    assert!(html.contains("role=\"status\""));

    // A post from another site is refused.
    let res = app
        .client
        .post(app.url("/portaal/looplijst"))
        .header("cookie", &cookie)
        .header("origin", "https://evil.example")
        .form(&[("keuze", "aanmelden")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    // Back in.
    let res = app
        .client
        .post(app.url("/portaal/looplijst"))
        .header("cookie", &cookie)
        .form(&[("keuze", "aanmelden")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        !opslag::is_afgemeld(&app.db, &scope, &t.inwoner.bsn)
            .await
            .unwrap()
    );
    assert!(page(cookie).await.contains("U bent niet afgemeld"));
}

#[tokio::test]
async fn werkplek_shows_the_run_the_list_records_visits_and_exports() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let run = klare_run(&app, t.code).await;
    let (_, buurt) = app.medewerker(&t, "bo.buurt", &[Rol::Buurtteam]).await;

    let (status, html) = get(&app, &buurt, "/werkplek/looplijst").await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("/werkplek/looplijst/run?id={run}")));
    assert!(html.contains("Individuele inkomenstoeslag"));
    assert!(!html.contains("Looplijst maken"), "buurtteam cannot start");
    assert!(html.contains("href=\"/werkplek/looplijst\""), "menu link");

    let (status, html) = get(&app, &buurt, &format!("/werkplek/looplijst/run?id={run}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<svg class=\"gbi-trechter\" role=\"img\""));
    assert!(html.contains("<title id=\"trechter-iit-titel\">"));
    assert_eq!(in_trechter(&html, "Huishoudens"), 50);
    assert_eq!(in_trechter(&html, "Op de lijst"), 3);
    assert_eq!(in_trechter(&html, "Aanvraag gedaan"), 0);
    assert!(html.contains("Wijk 2011"));
    assert!(html.contains("Wijk 2012"));
    let wijk = format!("/werkplek/looplijst/wijk?run={run}&regeling=iit&wijk=2011");
    assert!(html.contains(&wijk.replace('&', "&amp;")));

    // The list of wijk 2011, in walking order: Achterweg before Kerkstraat.
    let (status, html) = get(&app, &buurt, &wijk).await;
    assert_eq!(status, 200);
    let achter = html.find("Achterweg 3").unwrap();
    let kerk = html.find("Kerkstraat 12").unwrap();
    assert!(achter < kerk);
    assert!(!html.contains("Dorpsplein"));
    assert!(html.contains("Jan de Vries; Els de Vries"));
    assert!(html.contains("Waarschijnlijk recht"));
    assert!(html.contains("Onbekend: een bron wist het niet"));
    assert!(html.contains("21 jaar of ouder"), "criteria as questions");
    assert!(html.contains("Exporteer als CSV"));

    // Record a visit.
    let adressen = opslag::adressen(
        &app.db,
        &Scope::system(t.code, "test"),
        &run,
        "iit",
        "2011",
        "test",
    )
    .await
    .unwrap();
    let kerkstraat = adressen.iter().find(|a| a.straat == "Kerkstraat").unwrap();
    let res = app
        .client
        .post(app.url("/werkplek/looplijst/bezoek"))
        .bearer_auth(&buurt)
        .form(&[
            ("adres", kerkstraat.id.as_str()),
            ("run", run.as_str()),
            ("uitkomst", "aanvraag_gedaan"),
            ("toelichting", "Samen aangevraagd"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.starts_with(&wijk), "{back}");
    let (_, html) = get(&app, &buurt, &back).await;
    assert!(html.contains("Het bezoek is vastgelegd"));
    assert!(html.contains("Samen aangevraagd"));

    // An unknown outcome is refused.
    let res = app
        .client
        .post(app.url("/werkplek/looplijst/bezoek"))
        .bearer_auth(&buurt)
        .form(&[
            ("adres", kerkstraat.id.as_str()),
            ("run", run.as_str()),
            ("uitkomst", "gewonnen"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);

    // The funnel counts it.
    let (_, html) = get(&app, &buurt, &format!("/werkplek/looplijst/run?id={run}")).await;
    assert_eq!(in_trechter(&html, "Bezocht"), 1);
    assert_eq!(in_trechter(&html, "Aanvraag gedaan"), 1);

    // CSV export.
    let res = app
        .client
        .get(app.url(&format!(
            "/werkplek/looplijst/export?run={run}&regeling=iit&wijk=2011"
        )))
        .bearer_auth(&buurt)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        res.headers()["content-disposition"].to_str().unwrap(),
        "attachment; filename=\"looplijst-iit-2011.csv\""
    );
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        [
            "straat;huisnummer;huisletter;postcode;woonplaats;namen;uitkomst;bezoek",
            "Achterweg;3;;2011AC;Haarlem;\"Fatima \"\"Fa\"\" El Amrani\";onbekend;",
            "Kerkstraat;12;;2011AB;Haarlem;\"Jan de Vries; Els de Vries\";waarschijnlijk;Aanvraag gedaan",
        ]
    );

    // A wijk that is not on the list, or a regeling not in the run: 404.
    let (status, _) = get(
        &app,
        &buurt,
        &format!("/werkplek/looplijst/wijk?run={run}&regeling=bijstand&wijk=2011"),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = get(&app, &buurt, "/werkplek/looplijst/run?id=bestaat-niet").await;
    assert_eq!(status, 404);

    // After expiry only counts remain.
    opslag::opruimen(&app.db, "2100-01-01T00:00:00.000000Z")
        .await
        .unwrap();
    let (status, html) = get(&app, &buurt, &format!("/werkplek/looplijst/run?id={run}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("zijn verwijderd"));
    assert_eq!(in_trechter(&html, "Aanvraag gedaan"), 1);
    assert!(!html.contains("Wijk 2011"));
    let (status, html) = get(&app, &buurt, &wijk).await;
    assert_eq!(status, 200);
    assert!(!html.contains("Kerkstraat"));
}

#[tokio::test]
async fn roles_decide_who_starts_and_who_sees() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let run = klare_run(&app, t.code).await;
    let (_, buurt) = app.medewerker(&t, "bo.buurt", &[Rol::Buurtteam]).await;
    let (_, intake) = app.medewerker(&t, "ina.intake", &[Rol::Intake]).await;
    let teamleider = app.login(&t.user).await;

    // Buurtteam cannot start a run.
    let res = app
        .client
        .post(app.url("/werkplek/looplijst/start"))
        .bearer_auth(&buurt)
        .form(&[("regeling", "iit"), ("peildatum", "2026-03-01")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    // Intake sees no looplijst at all.
    for path in [
        "/werkplek/looplijst".to_owned(),
        format!("/werkplek/looplijst/run?id={run}"),
        format!("/werkplek/looplijst/wijk?run={run}&regeling=iit&wijk=2011"),
        format!("/werkplek/looplijst/export?run={run}&regeling=iit&wijk=2011"),
    ] {
        let (status, html) = get(&app, &intake, &path).await;
        assert_eq!(status, 403, "{path}");
        assert!(!html.contains("Kerkstraat"));
    }
    let (_, html) = get(&app, &intake, "/werkplek").await;
    assert!(!html.contains("href=\"/werkplek/looplijst\""));

    // The teamleider sees the form; without configured sources it says so.
    let (status, html) = get(&app, &teamleider, "/werkplek/looplijst").await;
    assert_eq!(status, 200);
    assert!(html.contains("geen bronnen voor de looplijst ingesteld"));
    let res = app
        .client
        .post(app.url("/werkplek/looplijst/start"))
        .bearer_auth(&teamleider)
        .form(&[("regeling", "iit"), ("peildatum", "2026-03-01")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

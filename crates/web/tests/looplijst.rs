//! The looplijst pages: the published criteria, the resident's opt-out, and
//! in the werkplek a finished run with its funnel, the list per wijk, the
//! visits and the CSV export; who may do what, and nothing across gemeenten.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::{GemeenteCode, Rol};
use gbi_rules::looplijst::Catalogi;
use gbi_store::Scope;
use gbi_store::looplijst::{self as opslag, NieuwAdres, TrechterStap, Uitslag};

fn stap(volgorde: i64, stap: &str, omschrijving: &str, aantal: i64) -> TrechterStap {
    TrechterStap {
        regeling: "iit".into(),
        volgorde,
        stap: stap.into(),
        omschrijving: omschrijving.into(),
        aantal,
    }
}

fn adres(uitkomst: &str, postcode: &str, straat: &str, nr: i64, namen: &str) -> NieuwAdres {
    NieuwAdres {
        regeling: "iit".into(),
        uitkomst: uitkomst.into(),
        postcode: postcode.into(),
        straat: straat.into(),
        huisnummer: nr,
        huisletter: String::new(),
        woonplaats: "Haarlem".into(),
        namen: namen.into(),
        betrokkenen: vec![format!("hash-{straat}-{nr}")],
        criteria: r#"[{"code":"leeftijd","antwoord":"ja"},{"code":"geen_iit","antwoord":"ja"},{"code":"langdurig_laag_inkomen","antwoord":"onbekend"}]"#.into(),
    }
}

/// A finished IIT run with three addresses in two wijken.
async fn klare_run(app: &TestApp, code: GemeenteCode) -> String {
    let scope = Scope::system(code, "test");
    let run = opslag::start(
        &app.db,
        &scope,
        &["iit"],
        "2026-03-01",
        "catalogus-2026.toml",
    )
    .await
    .unwrap();
    let trechter = [
        stap(0, "huishoudens", "Huishoudens in de BRP", 50),
        stap(1, "afgemeld", "Afgemeld (niets gevraagd)", 1),
        stap(10, "leeftijd", "Leeftijd", 30),
        stap(11, "geen_iit", "Geen IIT", 12),
        stap(12, "langdurig_laag_inkomen", "Laag inkomen", 5),
        stap(13, "vermogen", "Vermogen", 3),
        stap(90, "waarschijnlijk", "Waarschijnlijk recht", 2),
        stap(91, "onbekend", "Onbekend", 1),
    ];
    let adressen = [
        adres(
            "waarschijnlijk",
            "2011AB",
            "Kerkstraat",
            12,
            "Jan de Vries; Els de Vries",
        ),
        adres(
            "onbekend",
            "2011AC",
            "Achterweg",
            3,
            "Fatima \"Fa\" El Amrani",
        ),
        adres("waarschijnlijk", "2012XY", "Dorpsplein", 1, "Piet Jansen"),
    ];
    opslag::klaar(
        &app.db,
        &scope,
        &run.id,
        &Uitslag {
            ingezetenen: 120,
            vragen: 300,
            trechter: &trechter,
            adressen: &adressen,
            verloopt_op: "2099-01-01T00:00:00.000000Z",
        },
    )
    .await
    .unwrap();
    run.id
}

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, String) {
    let res = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The number in the funnel table row `label` of the run page.
fn in_trechter(html: &str, label: &str) -> i64 {
    let rij = html
        .split("<tr")
        .find(|r| r.contains(&format!("scope=\"row\">{label}</th>")))
        .unwrap_or_else(|| panic!("no funnel row {label}"));
    let start = rij.find("data-aantal=\"").unwrap() + "data-aantal=\"".len();
    rij[start..].split('"').next().unwrap().parse().unwrap()
}

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
    assert!(html.contains("<meta http-equiv=\"refresh\""));
    assert!(html.contains("<progress max=\"100\" value=\"42\""));
    assert!(html.contains("Vragen aan UWV"));
    let (_, html) = get(&app, &token, "/werkplek/looplijst").await;
    assert!(html.contains("<meta http-equiv=\"refresh\""));
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
    assert!(!html.contains("http-equiv=\"refresh\""));
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
        if !html.contains("http-equiv=\"refresh\"") {
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

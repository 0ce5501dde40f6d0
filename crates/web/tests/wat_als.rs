//! Wat-als from the werkplek: a beleidsmedewerker runs a draft policy on
//! the gemeente's running benefits and sees the totals and anonymous
//! examples; a draft of another gemeente, not in the future or unreadable
//! is refused with the key named and the text kept; other roles get 403;
//! another gemeente's beleidsmedewerker sees only their own caseload; the
//! reading is in the processing log and no benefit changes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::{Maand, Rol, today_amsterdam};
use gbi_store::logboek::{self, WAT_ALS_DOORREKENEN};
use gbi_store::{Scope, synthetisch, testing, uitkeringen};
use serde_json::json;

const VOORBEELD: &str = include_str!("../../rules/concepten/0392-2027-01.toml");

/// The example draft, taking effect on the first day of next month (so the
/// test does not depend on the day it runs).
fn concept(gemeente: &str, geldig_van: &str) -> String {
    VOORBEELD
        .replace(
            "geldig_van = \"2027-01-01\"",
            &format!("geldig_van = \"{geldig_van}\""),
        )
        .replace(
            "gemeente_code = \"0392\"",
            &format!("gemeente_code = \"{gemeente}\""),
        )
}

fn volgende_maand() -> String {
    Maand::of(today_amsterdam()).next().first_day().to_string()
}

async fn post(app: &TestApp, token: &str, tekst: &str) -> (u16, String) {
    let form = reqwest::multipart::Form::new().text("concept", tekst.to_owned());
    let res = app
        .client
        .post(app.url("/werkplek/wat-als"))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The text of the cell with this id.
fn cel<'a>(html: &'a str, id: &str) -> &'a str {
    let begin = html
        .find(&format!("id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no {id} in {html}"));
    let rest = &html[begin + id.len() + 6..];
    &rest[..rest.find('<').unwrap()]
}

fn alleenstaande(extra: serde_json::Value) -> serde_json::Value {
    let mut h = json!({ "aanvrager": { "geboortedatum": "1980-01-01" } });
    if let (Some(h), Some(e)) = (h.as_object_mut(), extra.as_object()) {
        h.extend(e.clone());
    }
    h
}

#[tokio::test]
async fn a_draft_on_the_real_caseload_totals_examples_and_refusals() {
    let app = TestApp::spawn().await;
    let haarlem = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Beleidsmedewerker])
        .await;
    let enschede = app
        .tenant("0153", "Enschede", "111111110", &[Rol::Beleidsmedewerker])
        .await;
    // Haarlem: three households with facts, one fixed amount without.
    // A: on bijstand since 2023: IIT € 300 now, € 350 with the draft.
    testing::lopende_uitkering(
        &app.db,
        "0392",
        "999990019",
        "Anna Anoniem",
        "2023-01-01",
        &alleenstaande(json!({})),
    )
    .await;
    // B: 30 months of € 1.600,00 (above 110% of the norm, not above 120%),
    // then on bijstand since June: no IIT now, € 350 with the draft.
    testing::lopende_uitkering(
        &app.db,
        "0392",
        "999990032",
        "Bert Bekend",
        "2026-06-01",
        &alleenstaande(json!({ "iit": { "perioden": [
            { "maanden": 30, "soort": "bewezen", "inkomen_cents": 160000 }
        ] } })),
    )
    .await;
    // C: on bijstand for two months, bewindvoering € 140 a month, no
    // income above the norm: the same under both (bijzondere bijstand
    // € 1.680 a year, no IIT).
    testing::lopende_uitkering(
        &app.db,
        "0392",
        "999990044",
        "Cor Cijfer",
        &Maand::of(today_amsterdam())
            .plus(-2)
            .first_day()
            .to_string(),
        &alleenstaande(json!({ "bijzondere_bijstand": {
            "kosten_cents": 14000, "inkomen_cents": 0, "kostensoort": "bewindvoering", "periodiek": true
        } })),
    )
    .await;
    let scope = Scope::system(haarlem.code, "test");
    synthetisch::caseload(&app.db, &scope, 1, "2026-01-01")
        .await
        .unwrap();
    // Enschede: one household.
    testing::lopende_uitkering(
        &app.db,
        "0153",
        "999990056",
        "Eva Enschede",
        "2024-01-01",
        &alleenstaande(json!({})),
    )
    .await;
    let voor = uitkeringen::berekend_lopend(&app.db, &scope, "0001-01-01", "9999-12-31")
        .await
        .unwrap();
    let beleid = app.login(&haarlem.user).await;

    // The form, in the menu.
    let form = app.page(&beleid, "/werkplek/wat-als").await;
    assert!(form.contains("enctype=\"multipart/form-data\""), "{form}");
    assert!(form.contains("href=\"/werkplek/wat-als\""));

    // Refusals: nothing is read, the text stays in the box.
    let logregels = || async {
        logboek::count(&app.db, &scope, &WAT_ALS_DOORREKENEN)
            .await
            .unwrap()
    };
    let verleden = concept("0392", "2026-01-01");
    let (status, html) = post(&app, &beleid, &verleden).await;
    assert_eq!(status, 400);
    assert!(html.contains("sleutel geldig_van"), "{html}");
    assert!(html.contains("niet na vandaag"), "{html}");
    assert!(html.contains("CONCEPT-DEMOBELEID"), "the text is kept");
    let (status, html) = post(&app, &beleid, &concept("0153", &volgende_maand())).await;
    assert_eq!(status, 400);
    assert!(html.contains("sleutel gemeente_code"), "{html}");
    assert!(html.contains("gemeente 0153"), "{html}");
    let kapot = concept("0392", &volgende_maand()).replace("waarde = \"36\"", "waarde = \"36");
    let (status, html) = post(&app, &beleid, &kapot).await;
    assert_eq!(status, 400);
    assert!(html.contains("geen geldige TOML (regel 15)"), "{html}");
    let dertig =
        concept("0392", &volgende_maand()).replace("waarde = \"30\"", "waarde = \"dertig\"");
    let (status, html) = post(&app, &beleid, &dertig).await;
    assert_eq!(status, 400);
    assert!(html.contains("sleutel bb_draagkracht_procent"), "{html}");
    let (status, html) = post(&app, &beleid, "  ").await;
    assert_eq!(status, 400);
    assert!(html.contains("plak de tekst"), "{html}");
    assert_eq!(logregels().await, 0, "a refused draft reads nothing");

    // The run.
    let (status, html) = post(&app, &beleid, &concept("0392", &volgende_maand())).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(cel(&html, "huishoudens"), "3");
    assert_eq!(cel(&html, "erop-vooruit"), "2");
    assert_eq!(cel(&html, "erop-achteruit"), "0");
    assert_eq!(cel(&html, "gelijk"), "1");
    assert_eq!(cel(&html, "niet-berekend"), "0");
    assert_eq!(cel(&html, "iit-erbij"), "1");
    assert_eq!(cel(&html, "iit-eraf"), "0");
    assert_eq!(cel(&html, "verschil"), "+€ 400,00");
    assert!(
        html.contains("€ 300,00") && html.contains("€ 700,00"),
        "IIT per year"
    );
    assert!(html.contains("€ 1.680,00"), "bijzondere bijstand per year");
    assert!(html.contains("1 uitkering heeft een vast bedrag"), "{html}");
    // Examples, step by step with articles, without anyone's name or BSN.
    assert!(html.contains("Voorbeeld 1: Alleenstaande"), "{html}");
    assert!(html.contains("art. 36"), "{html}");
    for geheim in [
        "999990019",
        "999990032",
        "999990044",
        "Anna",
        "Bert",
        "Cor Cijfer",
        "Inwoner 1",
        "1980-01-01",
    ] {
        assert!(!html.contains(geheim), "{geheim} on the page");
    }
    // The reading is logged, once per resident read; nothing else changed.
    assert_eq!(logregels().await, 3);
    let na = uitkeringen::berekend_lopend(&app.db, &scope, "0001-01-01", "9999-12-31")
        .await
        .unwrap();
    assert_eq!(voor, na);

    // Enschede's beleidsmedewerker: their own caseload only, and not
    // Haarlem's draft.
    let enschede_beleid = app.login(&enschede.user).await;
    let (status, html) = post(&app, &enschede_beleid, &concept("0392", &volgende_maand())).await;
    assert_eq!(status, 400);
    assert!(html.contains("gemeente 0392"), "{html}");
    let (status, html) = post(&app, &enschede_beleid, &concept("0153", &volgende_maand())).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(cel(&html, "huishoudens"), "1");
    let enschede_scope = Scope::system(enschede.code, "test");
    assert_eq!(
        logboek::count(&app.db, &enschede_scope, &WAT_ALS_DOORREKENEN)
            .await
            .unwrap(),
        1
    );
    assert_eq!(logregels().await, 3);

    // Other roles: 403, and no figures.
    for rol in Rol::ALL {
        if matches!(rol, Rol::Beleidsmedewerker | Rol::FunctioneelBeheerder) {
            continue;
        }
        let (_, token) = app
            .medewerker(&haarlem, &format!("rol.{}", rol.code()), &[rol])
            .await;
        let res = app
            .client
            .get(app.url("/werkplek/wat-als"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{rol}");
        let (status, html) = post(&app, &token, &concept("0392", &volgende_maand())).await;
        assert_eq!(status, 403, "{rol}");
        assert!(!html.contains("erop-vooruit"));
        let start = app.page(&token, "/werkplek").await;
        assert!(
            !start.contains("/werkplek/wat-als"),
            "{rol} sees the menu entry"
        );
    }
    assert_eq!(logregels().await, 3);
}

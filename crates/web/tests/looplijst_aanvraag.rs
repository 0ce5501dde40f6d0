//! A buurtteam fills in an IIT application with a resident it visits from
//! the looplijst: the resident's BSN must be on the list at that address,
//! the resident must agree, the draft is the IIT's own prefilled form, only
//! the member who started it opens it, and sending it records the visit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use common::looplijst::{adres, get, klare_run_met};
use gbi_domain::{Bsn, GemeenteCode, Rol};
use gbi_store::Scope;
use gbi_store::looplijst as opslag;

const THUIS: &str = "999993653";
const PARTNER: &str = "999990019";
const ELDERS: &str = "999991772";

/// A finished IIT run with one address where `THUIS` and `PARTNER` live.
async fn run_met_bewoners(app: &TestApp, code: GemeenteCode, uitkomst: &str) -> (String, String) {
    let mut a = adres(
        uitkomst,
        "2011AB",
        "Kerkstraat",
        12,
        "J. de Vries; E. de Vries",
    );
    a.betrokkenen = [THUIS, PARTNER]
        .iter()
        .map(|b| app.db.logboek_subject(&Bsn::parse(b).unwrap()))
        .collect();
    let run = klare_run_met(app, code, &[a]).await;
    let adressen = opslag::adressen(
        &app.db,
        &Scope::system(code, "test"),
        &run,
        "iit",
        "2011",
        "test",
    )
    .await
    .unwrap();
    (run, adressen[0].id.clone())
}

async fn post(
    app: &TestApp,
    token: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String, String) {
    let res = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let waar = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, waar, res.text().await.unwrap())
}

#[tokio::test]
async fn a_buurtteam_fills_in_the_iit_with_a_resident_on_its_list() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let (run, adres_id) = run_met_bewoners(&app, t.code, "waarschijnlijk").await;
    let (_, buurt) = app.medewerker(&t, "bo.buurt", &[Rol::Buurtteam]).await;
    let (_, ander) = app.medewerker(&t, "an.buurt", &[Rol::Buurtteam]).await;
    let wijk = format!("/werkplek/looplijst/wijk?run={run}&regeling=iit&wijk=2011");

    let (status, html) = get(&app, &buurt, &wijk).await;
    assert_eq!(status, 200);
    assert!(html.contains("Aanvraag invullen met de bewoner"));
    // A teamleider sees the list but does not start applications from it.
    let teamleider = app.login(&t.user).await;
    let (_, html) = get(&app, &teamleider, &wijk).await;
    assert!(!html.contains("Aanvraag invullen met de bewoner"));
    let (status, _, _) = post(
        &app,
        &teamleider,
        "/werkplek/looplijst/aanvraag",
        &[
            ("adres", &adres_id),
            ("run", &run),
            ("bsn", THUIS),
            ("toestemming", "ja"),
        ],
    )
    .await;
    assert_eq!(status, 403);

    // Wrong input: each says what is wrong, and nothing is started.
    for (bsn, toestemming, fout) in [
        ("", Some("ja"), "BSN:"),
        ("12345", Some("ja"), "BSN:"),
        (ELDERS, Some("ja"), "staat niet op dit adres"),
        (THUIS, None, "Toestemming:"),
    ] {
        let mut form = vec![
            ("adres", adres_id.as_str()),
            ("run", run.as_str()),
            ("bsn", bsn),
        ];
        if let Some(t) = toestemming {
            form.push(("toestemming", t));
        }
        let (status, _, html) = post(&app, &buurt, "/werkplek/looplijst/aanvraag", &form).await;
        assert_eq!(status, 400, "{bsn}");
        assert!(html.contains(fout), "{bsn}: {fout}");
        assert!(html.contains("aria-invalid=\"true\""));
    }
    let scope = Scope::system(t.code, "test");
    let thuis = Bsn::parse(THUIS).unwrap();
    assert!(
        gbi_store::portaal::open_concepten_voor(&app.db, &scope, &thuis)
            .await
            .unwrap()
            .is_empty()
    );

    // Another gemeente's address is not found.
    let (status, _, _) = post(
        &app,
        &buurt,
        "/werkplek/looplijst/aanvraag",
        &[
            ("adres", "bestaat-niet"),
            ("run", &run),
            ("bsn", THUIS),
            ("toestemming", "ja"),
        ],
    )
    .await;
    assert_eq!(status, 404);

    // The resident agrees: the IIT's own form, without income and savings.
    let start = [
        ("adres", adres_id.as_str()),
        ("run", run.as_str()),
        ("bsn", THUIS),
        ("toestemming", "ja"),
    ];
    let (status, stap, _) = post(&app, &buurt, "/werkplek/looplijst/aanvraag", &start).await;
    assert_eq!(status, 303);
    assert!(
        stap.starts_with("/werkplek/aanvragen/") && stap.ends_with("/situatie"),
        "{stap}"
    );
    let (status, html) = get(&app, &buurt, &stap).await;
    assert_eq!(status, 200);
    assert!(html.contains("inspanningen"));
    assert!(!html.contains("name=\"spaargeld\""), "the sources said yes");
    // Only the member who started it opens it; staff search stays closed.
    let (status, _) = get(&app, &ander, &stap).await;
    assert_eq!(status, 404);
    let (status, _) = get(&app, &buurt, "/werkplek/aanvragen").await;
    assert_eq!(status, 403);
    // Starting again resumes the same draft.
    let (_, opnieuw, _) = post(&app, &buurt, "/werkplek/looplijst/aanvraag", &start).await;
    assert_eq!(opnieuw, stap);

    let basis = stap.trim_end_matches("/situatie").to_owned();
    let (status, volgende, _) = post(
        &app,
        &buurt,
        &stap,
        &[
            ("inspanningen", "Ik solliciteer elke maand."),
            ("knop", "verder"),
        ],
    )
    .await;
    assert_eq!(
        (status, volgende.as_str()),
        (303, format!("{basis}/betaling").as_str())
    );
    let (status, _, html) = post(
        &app,
        &buurt,
        &volgende,
        &[
            ("iban", "NL91 ABNA 0417 1643 01"),
            ("email", ""),
            ("knop", "verder"),
        ],
    )
    .await;
    assert_eq!(status, 400, "an IBAN that fails its check");
    assert!(html.contains("aria-invalid=\"true\""));
    let (status, volgende, _) = post(
        &app,
        &buurt,
        &volgende,
        &[
            ("iban", "NL91 ABNA 0417 1643 00"),
            ("email", "j.devries@example.nl"),
            ("knop", "verder"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (status, terug, html) = post(
        &app,
        &buurt,
        &volgende,
        &[
            ("besluiten_online", "post"),
            ("verklaring", "ja"),
            ("knop", "verder"),
        ],
    )
    .await;
    assert_eq!(
        status,
        303,
        "{}",
        html.split("role=\"alert\"")
            .nth(1)
            .unwrap_or(&html[..html.len().min(3000)])
    );
    assert_eq!(
        terug,
        format!(
            "/werkplek/looplijst/wijk?run={run}&regeling=iit&wijk=2011&aanvraag=verstuurd#adres-{adres_id}"
        )
    );

    // The zaak is an IIT application that came in at a visit; the visit is recorded.
    let zaken = gbi_store::zaken::voor_inwoner(&app.db, &scope, &thuis)
        .await
        .unwrap();
    assert_eq!(zaken.len(), 1);
    assert_eq!(zaken[0].zaaktype, "IIT");
    assert_eq!(zaken[0].kanaal, "huisbezoek");
    let (_, html) = get(&app, &buurt, &terug).await;
    assert!(html.contains("De aanvraag is verstuurd"));
    assert!(html.contains("data-bezoek=\"aanvraag_gedaan\""));
    // The buurtteam does not open the zaak itself.
    let (status, _) = get(&app, &buurt, &format!("/werkplek/zaken/{}", zaken[0].id)).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn where_a_source_did_not_know_income_and_savings_are_asked() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let (run, adres_id) = run_met_bewoners(&app, t.code, "onbekend").await;
    let (_, buurt) = app.medewerker(&t, "bo.buurt", &[Rol::Buurtteam]).await;
    let (status, stap, _) = post(
        &app,
        &buurt,
        "/werkplek/looplijst/aanvraag",
        &[
            ("adres", &adres_id),
            ("run", &run),
            ("bsn", PARTNER),
            ("toestemming", "ja"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, html) = get(&app, &buurt, &stap).await;
    assert!(html.contains("name=\"spaargeld\""));
}

//! Someone logs in for a resident, against the real local provider
//! (`e2e/oidc/provider.mjs`): a gemachtigde with DigiD Machtigen, and a
//! bewindvoerder's office with eHerkenning. They see and do what the
//! resident could, except choosing helpers and how letters come; the zaak
//! shows who applied; the processing log records both people.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use common::aanvraag::invullen;
use common::oidc::{self, Op, location, start_op};
use gbi_domain::{Bsn, Rol};
use gbi_store::Scope;

const INWONER: &str = "999993549";
const GEMACHTIGDE: &str = "999990019";

async fn inloggen(
    app: &TestApp,
    op: &Op,
    start: &str,
    velden: &[(&str, &str)],
) -> reqwest::Response {
    oidc::inloggen(app, op, start, "/portaal/oidc/callback", velden).await
}

async fn get(app: &TestApp, cookie: &str, path: &str) -> (u16, String) {
    let res = app
        .client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let loc = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, loc.unwrap_or(res.text().await.unwrap()))
}

async fn als_gemachtigde(app: &TestApp, op: &Op) -> String {
    let res = inloggen(
        app,
        op,
        "/portaal/machtigen/0392",
        &[
            ("soort", "machtigen"),
            ("bsn", INWONER),
            ("gemachtigde_bsn", GEMACHTIGDE),
            ("niveau", "substantieel"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
    assert_eq!(location(&res), "/portaal");
    oidc::gezette_cookie(&res, "gbi_inwoner").expect("a portal session")
}

#[tokio::test]
async fn a_gemachtigde_applies_for_the_resident_and_the_zaak_and_log_show_both() {
    let op = start_op();
    let app = oidc::portaal_app(&op).await;
    let t = app
        .tenant("0392", "Haarlem", INWONER, &[Rol::Inkomensconsulent])
        .await;
    let login = app
        .client
        .get(app.url("/portaal/inloggen"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(login.contains(r#"href="/portaal/machtigen/0392">Inloggen met DigiD Machtigen</a>"#));
    assert!(login.contains(r#"href="/portaal/eherkenning/0392">Inloggen met eHerkenning</a>"#));

    let cookie = als_gemachtigde(&app, &op).await;
    let (_, start) = get(&app, &cookie, "/portaal").await;
    assert!(
        start.contains(
            "U regelt dit namens de inwoner met BSN 999993549. U bent ingelogd met DigiD Machtigen."
        ),
        "{start}"
    );
    // Only the resident chooses who helps and how letters come.
    assert!(!start.contains("/portaal/machtiging") && !start.contains("/portaal/elektronisch"));
    for pad in ["/portaal/machtiging", "/portaal/elektronisch"] {
        let (status, body) = get(&app, &cookie, pad).await;
        assert_eq!(status, 403, "{pad}");
        assert!(body.contains("Dit kan alleen de inwoner zelf"), "{body}");
    }
    let res = app
        .client
        .post(app.url("/portaal/elektronisch"))
        .header("cookie", &cookie)
        .header("origin", &app.base)
        .form(&[("keuze", "online")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    // The application is the resident's, filled in by the gemachtigde.
    let (status, stap) = get(&app, &cookie, "/portaal/aanvraag").await;
    assert_eq!(status, 303);
    let basis = stap.rsplit_once('/').unwrap().0.to_owned();
    let (status, zaak_url) = invullen(&app, &cookie, &basis).await;
    assert_eq!(status, 303, "{zaak_url}");
    let zaak_pad = zaak_url.split('?').next().unwrap().to_owned();
    let (_, zaak) = get(&app, &cookie, &zaak_pad).await;
    assert!(
        zaak.contains("Aangevraagd door")
            && zaak.contains("Gemachtigde met BSN 999990019 (DigiD Machtigen)"),
        "{zaak}"
    );
    let zaak_id = zaak_pad.rsplit('/').next().unwrap();
    let staf = app.login(&t.user).await;
    let werkplek = app.page(&staf, &format!("/werkplek/zaken/{zaak_id}")).await;
    assert!(
        werkplek.contains("gemachtigde: Gemachtigde met BSN 999990019 (DigiD Machtigen)"),
        "{werkplek}"
    );
    let (_, berichten) = get(&app, &cookie, "/portaal/berichten").await;
    assert!(
        berichten.contains(
            "Gemachtigde met BSN 999990019 (DigiD Machtigen) heeft deze aanvraag namens u gedaan"
        ),
        "{berichten}"
    );

    // The processing log: the resident is the subject, the gemachtigde the
    // actor; searching for either BSN finds what the gemachtigde did.
    let scope = Scope::system(t.code, "test");
    let actor = format!(
        "gemachtigde:{}",
        app.db.logboek_actor_id(&Bsn::parse(GEMACHTIGDE).unwrap())
    );
    let inwoner = Bsn::parse(INWONER).unwrap();
    let gemachtigde = Bsn::parse(GEMACHTIGDE).unwrap();
    let van_inwoner = gbi_store::logboek::list(&app.db, &scope, Some(&inwoner), None, 500)
        .await
        .unwrap();
    let door_gemachtigde: Vec<_> = van_inwoner.iter().filter(|r| r.actor == actor).collect();
    assert!(
        door_gemachtigde.len() >= 3,
        "filling in, submitting and reading are logged as the gemachtigde's: {van_inwoner:#?}"
    );
    assert!(
        door_gemachtigde
            .iter()
            .all(|r| r.betrokkene == app.db.logboek_subject(&inwoner))
    );
    assert!(!van_inwoner.iter().any(|r| r.actor.starts_with("inwoner:")));
    let als_helper = gbi_store::logboek::list(&app.db, &scope, Some(&gemachtigde), None, 500)
        .await
        .unwrap();
    assert!(als_helper.iter().filter(|r| r.actor == actor).count() >= door_gemachtigde.len());
}

#[tokio::test]
async fn digid_machtigen_is_refused_below_substantieel_for_oneself_and_where_not_offered() {
    let op = start_op();
    let app = oidc::portaal_app(&op).await;
    app.tenant("0392", "Haarlem", INWONER, &[Rol::Intake]).await;
    let velden = |niveau, helper| {
        vec![
            ("soort", "machtigen"),
            ("bsn", INWONER),
            ("gemachtigde_bsn", helper),
            ("niveau", niveau),
        ]
    };
    let res = inloggen(
        &app,
        &op,
        "/portaal/machtigen/0392",
        &velden("midden", GEMACHTIGDE),
    )
    .await;
    assert_eq!(res.status(), 403);
    assert!(oidc::gezette_cookie(&res, "gbi_inwoner").is_none());
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("niveau substantieel nodig")
    );
    // A gemeente without this means configured has no such login.
    let res = app
        .client
        .get(app.url("/portaal/machtigen/0153"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn a_bewindvoerder_logs_in_with_eherkenning_for_the_resident() {
    let op = start_op();
    let app = oidc::portaal_app(&op).await;
    app.tenant("0392", "Haarlem", INWONER, &[Rol::Intake]).await;
    let velden = |niveau, bewind: Option<&'static str>| {
        let mut v = vec![
            ("soort", "eherkenning"),
            ("kvk", "68750110"),
            ("niveau", niveau),
        ];
        if let Some(b) = bewind {
            v.push(("bewind_bsn", b));
        }
        v
    };
    let start = "/portaal/eherkenning/0392";
    let res = inloggen(&app, &op, start, &velden("loa3", Some(INWONER))).await;
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
    let cookie = oidc::gezette_cookie(&res, "gbi_inwoner").unwrap();
    let (_, page) = get(&app, &cookie, "/portaal").await;
    assert!(
        page.contains("namens de inwoner met BSN 999993549. U bent ingelogd met eHerkenning voor de organisatie met KvK-nummer 68750110."),
        "{page}"
    );
    let (status, _) = get(&app, &cookie, "/portaal/zaken").await;
    assert_eq!(status, 200);
    // "Mijn schulden" of the resident, not of the office (issue 18): the
    // bewindvoerder sees what the resident would see.
    let (status, page) = get(&app, &cookie, "/portaal/schulden").await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("namens de inwoner met BSN 999993549")
            && page.contains("Mijn schulden bij de gemeente"),
        "{page}"
    );

    // EH2+ is below substantieel; an organisation for itself is not a
    // resident's portal.
    let res = inloggen(&app, &op, start, &velden("loa2plus", Some(INWONER))).await;
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("niveau EH3 of hoger"));
    let res = inloggen(&app, &op, start, &velden("loa3", None)).await;
    assert_eq!(res.status(), 403);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("alleen inloggen als bewindvoerder")
    );
}

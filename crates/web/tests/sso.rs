//! Staff log in through the gemeente's identity provider (OpenID Connect),
//! against the real local provider: the roles come from the `groups` claim
//! as the gemeente maps them; an account without a mapped group, or a local
//! account with the same name, gets no session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use common::oidc::{self, Op, start_op};
use gbi_domain::{GemeenteCode, Rol};
use gbi_web::oidc::ClientConfig;

async fn app_met(op: &Op) -> TestApp {
    let issuer = op.issuer.clone();
    TestApp::spawn_at(|mut s, base| {
        let mut rollen = std::collections::BTreeMap::new();
        for rol in ["inkomensconsulent", "kwaliteitsmedewerker", "teamleider"] {
            rollen.insert(rol.to_owned(), format!("gbi-0392-{rol}"));
        }
        let mut m = std::collections::HashMap::new();
        m.insert(
            GemeenteCode::parse("0392").unwrap(),
            ClientConfig {
                issuer: issuer.clone(),
                client_id: "gbi-werkplek".into(),
                client_secret: "test-secret-werkplek".into(),
                redirect_uri: format!("{base}/werkplek/oidc/callback"),
                post_logout_redirect_uri: None,
                rollen,
                machtigen: None,
                eherkenning: None,
                claims: Default::default(),
            },
        );
        std::sync::Arc::make_mut(&mut s.settings).form_action = vec![issuer];
        s.with_oidc_werkplek(m)
    })
    .await
}

async fn inloggen(app: &TestApp, op: &Op, velden: &[(&str, &str)]) -> reqwest::Response {
    oidc::inloggen(
        app,
        op,
        "/werkplek/sso/0392",
        "/werkplek/oidc/callback",
        velden,
    )
    .await
}

fn sessie(res: &reqwest::Response) -> Option<String> {
    oidc::gezette_cookie(res, "gbi_sessie")
}

#[tokio::test]
async fn staff_sign_on_with_roles_from_the_groups_claim() {
    let op = start_op();
    let app = app_met(&op).await;
    app.tenant("0392", "Haarlem", "999993549", &[Rol::FunctioneelBeheerder])
        .await;
    let login = app.client.get(app.url("/inloggen")).send().await.unwrap();
    assert!(
        login
            .text()
            .await
            .unwrap()
            .contains(r#"href="/werkplek/sso/0392""#)
    );

    let res = inloggen(
        &app,
        &op,
        &[
            ("soort", "medewerker"),
            ("gebruikersnaam", "kees.consulent"),
            ("groepen", "gbi-0392-inkomensconsulent"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let cookie = sessie(&res).expect("a staff session");
    let page = |pad: &'static str| {
        let (app, cookie) = (&app, cookie.clone());
        async move {
            let res = app
                .client
                .get(app.url(pad))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (status, werkplek) = page("/werkplek").await;
    assert_eq!(status, 200);
    assert!(
        werkplek.contains("Welkom, Kees Consulent. Uw rollen: Inkomensconsulent."),
        "{werkplek}"
    );
    // The role is inkomensconsulent: the werkvoorraad yes, beheer no.
    assert_eq!(page("/werkplek/zaken").await.0, 200);
    assert_eq!(page("/werkplek/logboek").await.0, 403);
    let m = gbi_store::medewerkers::by_session(&app.db, cookie.trim_start_matches("gbi_sessie="))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.rollen, vec![Rol::Inkomensconsulent]);
    // No password logs this account in.
    let res = app
        .client
        .post(app.url("/inloggen"))
        .form(&[("gebruikersnaam", "kees.consulent"), ("wachtwoord", "!sso")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn no_mapped_group_or_a_local_account_gets_no_session() {
    let op = start_op();
    let app = app_met(&op).await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::FunctioneelBeheerder])
        .await;
    // Groups GBI does not know, or of another gemeente.
    let res = inloggen(
        &app,
        &op,
        &[
            ("soort", "medewerker"),
            ("gebruikersnaam", "nina.nieuw"),
            ("groepen", "gbi-0153-teamleider,personeel"),
        ],
    )
    .await;
    assert_eq!(res.status(), 403);
    assert!(sessie(&res).is_none());
    assert!(res.text().await.unwrap().contains("geen rol in GBI"));
    // The local (emergency) account is never taken over by sign-on.
    let res = inloggen(
        &app,
        &op,
        &[
            ("soort", "medewerker"),
            ("gebruikersnaam", t.user.as_str()),
            ("groepen", "gbi-0392-teamleider"),
        ],
    )
    .await;
    assert_eq!(res.status(), 403);
    assert!(sessie(&res).is_none());
}

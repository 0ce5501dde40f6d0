//! Residents log in with DigiD through OpenID Connect, against a real local
//! provider (`e2e/oidc/provider.mjs`, oidc-provider from npm: real
//! discovery, signed tokens and key rotation). A login at level
//! substantieel opens the portal; a lower level, a state that is not ours,
//! an expired token, a token for another client (audience) or a tampered
//! signature is refused. Logging out ends the session at the provider too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use common::oidc::{self, Op, bij_op, location, start_op};
use gbi_domain::Rol;
use gbi_web::oidc::{ClientConfig, Poging, Provider};

fn client(op: &Op, base: &str, client_id: &str, secret: &str) -> ClientConfig {
    oidc::portaal_client(op, base, client_id, secret)
}

async fn app_met(op: &Op) -> TestApp {
    oidc::portaal_app(op).await
}

async fn inloggen(app: &TestApp, op: &Op, velden: &[(&str, &str)]) -> reqwest::Response {
    oidc::inloggen(
        app,
        op,
        "/portaal/digid/0392",
        "/portaal/oidc/callback",
        velden,
    )
    .await
}

fn inwoner_cookie(res: &reqwest::Response) -> Option<String> {
    oidc::gezette_cookie(res, "gbi_inwoner")
}

#[tokio::test]
async fn a_resident_logs_in_with_digid_substantieel_and_out_again() {
    let op = start_op();
    let app = app_met(&op).await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    let login = app
        .client
        .get(app.url("/portaal/inloggen"))
        .send()
        .await
        .unwrap();
    assert!(
        login
            .text()
            .await
            .unwrap()
            .contains(r#"href="/portaal/digid/0392">Inloggen met DigiD</a>"#)
    );

    let res = inloggen(
        &app,
        &op,
        &[
            ("soort", "digid"),
            ("bsn", t.inwoner.bsn.as_str()),
            ("niveau", "substantieel"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/portaal");
    let cookie = inwoner_cookie(&res).expect("a resident session");
    let zaken = app.inwoner_page(&cookie, "/portaal/zaken").await;
    assert!(zaken.contains("Mijn aanvragen"), "{zaken}");
    // Logging out ends the session here and sends the resident to the
    // provider to end it there.
    let res = app
        .client
        .post(app.url("/portaal/uitloggen"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(location(&res).starts_with(&format!("{}/session/end", op.issuer)));
    let na = app
        .client
        .get(app.url("/portaal/zaken"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(na.status(), 303, "the session has ended");
}

#[tokio::test]
async fn a_level_below_substantieel_is_refused() {
    let op = start_op();
    let app = app_met(&op).await;
    for niveau in ["basis", "midden"] {
        let res = inloggen(
            &app,
            &op,
            &[("soort", "digid"), ("bsn", "999993653"), ("niveau", niveau)],
        )
        .await;
        assert_eq!(res.status(), 403, "{niveau}");
        assert!(inwoner_cookie(&res).is_none());
        assert!(res.text().await.unwrap().contains("niveau substantieel"));
    }
}

#[tokio::test]
async fn a_callback_without_our_state_or_with_an_expired_token_is_refused() {
    let op = start_op();
    let app = app_met(&op).await;
    // A callback out of nowhere.
    let res = app
        .client
        .get(app.url("/portaal/oidc/callback?code=abc&state=xyz"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    // A token that expired (the provider's clock set two hours back).
    let http = reqwest::Client::new();
    let skew = http
        .post(format!("{}/test/clock-skew?seconds=-7200", op.issuer))
        .send()
        .await
        .unwrap();
    assert!(skew.status().is_success());
    let res = inloggen(
        &app,
        &op,
        &[
            ("soort", "digid"),
            ("bsn", "999993653"),
            ("niveau", "substantieel"),
        ],
    )
    .await;
    assert_eq!(res.status(), 401);
    assert!(inwoner_cookie(&res).is_none());
}

/// A token obtained by one client, checked by the relying party directly.
async fn token_voor(op: &Op, base: &str, client_id: &str, secret: &str) -> (String, Poging) {
    let cfg = client(op, base, client_id, secret);
    let provider = Provider::new(cfg.clone());
    let poging = Poging::nieuw();
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let url = provider
        .authorization_url(&poging, "openid", None)
        .await
        .unwrap();
    let res = browser.get(&url).send().await.unwrap();
    let interactie = bij_op(op, &res);
    let velden: &[(&str, &str)] = if client_id == "gbi-werkplek" {
        &[
            ("soort", "medewerker"),
            ("gebruikersnaam", "kees.consulent"),
        ]
    } else {
        &[
            ("soort", "digid"),
            ("bsn", "999993653"),
            ("niveau", "substantieel"),
        ]
    };
    let res = browser.post(&interactie).form(velden).send().await.unwrap();
    let res = browser.get(bij_op(op, &res)).send().await.unwrap();
    let terug = reqwest::Url::parse(&location(&res)).unwrap();
    let code = terug
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .to_string();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", cfg.redirect_uri.as_str()),
        ("code_verifier", poging.verifier.as_str()),
    ];
    let token: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/token", op.issuer))
        .basic_auth(client_id, Some(secret))
        .form(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (token["id_token"].as_str().unwrap().to_owned(), poging)
}

#[tokio::test]
async fn wrong_audience_tampered_signature_and_rotated_keys() {
    let op = start_op();
    let base = "http://127.0.0.1:9";
    let portaal = Provider::new(client(&op, base, "gbi-portaal", "test-secret-portaal"));
    let (id_token, poging) = token_voor(&op, base, "gbi-portaal", "test-secret-portaal").await;
    let claims = portaal.valideren(&id_token, &poging.nonce).await.unwrap();
    assert_eq!(claims["bsn"], "999993653");
    // The nonce must be ours.
    assert!(
        portaal
            .valideren(&id_token, "een-andere-nonce")
            .await
            .is_err()
    );
    // A token issued to another client: wrong audience.
    let (ander, p2) = token_voor(&op, base, "gbi-werkplek", "test-secret-werkplek").await;
    let fout = portaal.valideren(&ander, &p2.nonce).await.unwrap_err();
    assert!(fout.to_string().contains("not valid"), "{fout}");
    // One character of the signature changed.
    let mut delen: Vec<String> = id_token.split('.').map(str::to_owned).collect();
    let s = &mut delen[2];
    let eerste = if s.starts_with('A') { 'B' } else { 'A' };
    s.replace_range(0..1, &eerste.to_string());
    assert!(
        portaal
            .valideren(&delen.join("."), &poging.nonce)
            .await
            .is_err()
    );
    // The provider rotates its keys: a token with the new key is accepted
    // (the key set is fetched again), the old one still checks.
    let rotate = reqwest::Client::new()
        .post(format!("{}/test/rotate", op.issuer))
        .send()
        .await
        .unwrap();
    assert!(rotate.status().is_success());
    let (nieuw, p3) = token_voor(&op, base, "gbi-portaal", "test-secret-portaal").await;
    let kid = |t: &str| jsonwebtoken::decode_header(t).unwrap().kid;
    assert_ne!(kid(&nieuw), kid(&id_token));
    assert!(portaal.valideren(&nieuw, &p3.nonce).await.is_ok());
    assert!(portaal.valideren(&id_token, &poging.nonce).await.is_ok());
}

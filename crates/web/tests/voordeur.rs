//! The front door, as the security probe of issue 16 tried it, through HTTP:
//! no redirect to another site after login, guessing passwords is throttled
//! and logged, every response carries the security headers, a login from
//! another site is refused, control characters are invalid input (never a
//! 500), `/metrics` is not public, and an idle staff session ends.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{PASSWORD, TestApp};
use gbi_domain::Rol;

async fn inloggen(
    app: &TestApp,
    user: &str,
    wachtwoord: &str,
    terug: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = app.client.post(app.url("/inloggen")).form(&[
        ("gebruikersnaam", user),
        ("wachtwoord", wachtwoord),
        ("terug", terug),
    ]);
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn after_login_only_a_path_of_this_site_is_followed() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    for terug in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\nSet-Cookie: x=1",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
    ] {
        let res = inloggen(&app, &t.user, PASSWORD, terug, &[]).await;
        assert_eq!(res.status(), 303, "{terug:?}");
        assert_eq!(res.headers()["location"], "/werkplek", "{terug:?}");
    }
    let res = inloggen(&app, &t.user, PASSWORD, "/werkplek/zaken?status=nieuw", &[]).await;
    assert_eq!(res.headers()["location"], "/werkplek/zaken?status=nieuw");
    // The form keeps only a safe path in its hidden field.
    let page = app
        .client
        .get(app.url("/inloggen?terug=/%09/evil.example"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"name="terug" value="/werkplek""#), "{page}");
}

#[tokio::test]
async fn guessing_a_password_is_throttled_and_every_failure_is_on_record() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    // Guesses in parallel: at most five are checked, the rest are refused
    // without looking at the password.
    let mut pogingen = tokio::task::JoinSet::new();
    for i in 0..20 {
        let (client, url, user) = (app.client.clone(), app.url("/inloggen"), t.user.clone());
        pogingen.spawn(async move {
            let wachtwoord = format!("fout-{i}");
            client
                .post(url)
                .form(&[
                    ("gebruikersnaam", user.as_str()),
                    ("wachtwoord", &wachtwoord),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    let statussen = pogingen.join_all().await;
    let gecontroleerd = statussen.iter().filter(|s| **s == 401).count();
    assert!(gecontroleerd <= 5, "{statussen:?}");
    assert!(
        statussen.iter().all(|s| *s == 401 || *s == 429),
        "{statussen:?}"
    );
    // Now even the right password is refused for a while, with a message.
    let res = inloggen(&app, &t.user, PASSWORD, "/werkplek", &[]).await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().get("set-cookie").is_none());
    assert!(res.text().await.unwrap().contains("Wacht 15 minuten"));
    let api = app
        .client
        .post(app.url("/api/v1/sessies"))
        .json(&serde_json::json!({ "gebruikersnaam": t.user, "wachtwoord": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 429);
    let body: serde_json::Value = api.json().await.unwrap();
    assert_eq!(body["code"], "login_locked");
    // Every failure is on record with the user name it tried.
    let mislukt = gbi_store::inlogpogingen::mislukt(&app.db, &t.user)
        .await
        .unwrap();
    assert_eq!(mislukt.len(), 22, "{mislukt:?}");
    // Another account is not locked by this one.
    let (_, _) = app
        .medewerker(&t, "kees.consulent", &[Rol::Inkomensconsulent])
        .await;
    let res = inloggen(&app, "kees.consulent", PASSWORD, "/werkplek", &[]).await;
    assert_eq!(res.status(), 303);
    // Guessing many accounts from one address locks that address.
    for i in 0..10 {
        let res = inloggen(&app, &format!("gok{i}"), "fout", "/werkplek", &[]).await;
        assert!(matches!(res.status().as_u16(), 401 | 429));
    }
    let res = inloggen(&app, "kees.consulent", PASSWORD, "/werkplek", &[]).await;
    assert_eq!(res.status(), 429);
    // Without a trusted proxy, an address written in X-Forwarded-For is
    // the client's own word and changes nothing.
    let anders = [("x-forwarded-for", "203.0.113.9")];
    let res = inloggen(&app, "kees.consulent", PASSWORD, "/werkplek", &anders).await;
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_address_is_throttled_on_its_own() {
    let app = TestApp::spawn_state(|mut s| {
        std::sync::Arc::make_mut(&mut s.settings).trusted_proxies =
            vec!["127.0.0.1".parse().unwrap(), "::1".parse().unwrap()];
        s
    })
    .await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    let gokker = [("x-forwarded-for", "198.51.100.23, 203.0.113.7")];
    let mut laatste = 0;
    for i in 0..31 {
        let res = inloggen(&app, &format!("gok{i}"), "fout", "/werkplek", &gokker).await;
        laatste = res.status().as_u16();
        assert!(matches!(laatste, 401 | 429), "{laatste}");
    }
    assert_eq!(laatste, 429, "the address the proxy saw is locked");
    let res = inloggen(&app, &t.user, PASSWORD, "/werkplek", &gokker).await;
    assert_eq!(res.status(), 429);
    // Someone else behind the same proxy logs in as usual.
    let ander = [("x-forwarded-for", "203.0.113.8")];
    let res = inloggen(&app, &t.user, PASSWORD, "/werkplek", &ander).await;
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    let token = app.login(&t.user).await;
    for (pad, bewaren) in [
        ("/", false),
        ("/inloggen", false),
        ("/werkplek", false),
        ("/bestaat-niet", false),
        ("/static/gbi.css", true),
    ] {
        let res = app
            .client
            .get(app.url(pad))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{pad}: {csp}");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{pad}: {csp}"
        );
        assert_eq!(h["x-frame-options"], "DENY", "{pad}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{pad}");
        assert_eq!(h["referrer-policy"], "same-origin", "{pad}");
        assert!(
            h.get("strict-transport-security").is_none(),
            "{pad}: plain HTTP"
        );
        let cache = h["cache-control"].to_str().unwrap();
        assert_eq!(cache == "no-store", !bewaren, "{pad}: {cache}");
    }
    // Behind a TLS proxy: HSTS.
    let res = app
        .client
        .get(app.url("/"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert!(
        res.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
}

#[tokio::test]
async fn a_login_posted_from_another_site_is_refused() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    for kop in [
        ("origin", "https://evil.example"),
        ("referer", "https://evil.example/aanval.html"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let res = inloggen(&app, &t.user, PASSWORD, "/werkplek", &[kop]).await;
        assert_eq!(res.status(), 403, "{kop:?}");
        assert!(res.headers().get("set-cookie").is_none(), "{kop:?}");
    }
    // The same form from our own page works.
    let eigen = app.base.clone();
    let res = inloggen(
        &app,
        &t.user,
        PASSWORD,
        "/werkplek",
        &[
            ("origin", eigen.as_str()),
            ("sec-fetch-site", "same-origin"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn control_characters_are_invalid_input_not_a_server_error() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    let token = app.login(&t.user).await;
    let res = app
        .client
        .post(app.url("/inloggen"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("gebruikersnaam=a%00b&wachtwoord=x")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("stuurteken"));
    let res = app
        .client
        .get(app.url("/werkplek/inwoners?zoek=a%00b"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let res = app
        .client
        .post(app.url("/api/v1/sessies"))
        .header("content-type", "application/json")
        .body(r#"{"gebruikersnaam":"a\u0000b","wachtwoord":"x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "invalid");
    // Newlines in a text are fine.
    let (status, _) = app
        .post_form(
            &token,
            "/werkplek/inwoners",
            &[("naam", "regel een\r\nregel twee")],
        )
        .await;
    assert_ne!(status, 400);
}

#[tokio::test]
async fn metrics_need_the_token_when_one_is_configured() {
    let app = TestApp::spawn_state(|mut s| {
        std::sync::Arc::make_mut(&mut s.settings).metrics_token =
            Some("geheim-voor-prometheus".into());
        s
    })
    .await;
    let zonder = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(zonder.status(), 401);
    let fout = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("raden")
        .send()
        .await
        .unwrap();
    assert_eq!(fout.status(), 401);
    let met = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("geheim-voor-prometheus")
        .send()
        .await
        .unwrap();
    assert_eq!(met.status(), 200);
    assert!(met.text().await.unwrap().contains("gbi_uptime_seconds"));
    // Outside demo mode and without a token, there are no metrics at all.
    let app = TestApp::spawn_state(|mut s| {
        std::sync::Arc::make_mut(&mut s.settings).demo = false;
        s
    })
    .await;
    let res = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn a_staff_session_ends_after_half_an_hour_without_use() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    let token = app.login(&t.user).await;
    let werkplek = |token: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url("/werkplek"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(werkplek(token.clone()).await, 200);
    // 31 minutes without use.
    let lang_geleden = (chrono::Utc::now() - chrono::Duration::minutes(31))
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    gbi_store::testing::execute(
        &app.db,
        &format!("UPDATE sessies SET laatst_gebruikt = '{lang_geleden}'"),
    )
    .await;
    assert_ne!(werkplek(token).await, 200);
}

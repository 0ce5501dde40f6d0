//! Each gemeente's own rules for the inkomenstoeslag and bijzondere bijstand
//! on a public page, read from its dated policy: the two demo gemeenten
//! differ, and an unknown gemeente has no page.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::Rol;

async fn get(app: &TestApp, pad: &str) -> (u16, String) {
    let res = app.client.get(app.url(pad)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn each_gemeente_shows_its_own_rules() {
    let app = TestApp::spawn().await;
    app.tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    app.tenant("0153", "Enschede", "999991723", &[Rol::Intake])
        .await;

    let (status, haarlem) = get(&app, "/regelingen/0392").await;
    assert_eq!(status, 200, "{haarlem}");
    for tekst in [
        "Extra geld bij een laag inkomen in Haarlem",
        "De laatste 36 maanden (3 jaar) een laag inkomen: elke maand niet meer dan 110% van de bijstandsnorm",
        "Dan telt die maand niet als maand met een laag inkomen.",
        "Dit zijn voorbeeldregels voor de demo",
        "telt 25% van wat u meer heeft als draagkracht. Wij tellen dat over 12 maanden.",
        "Dan krijgt u daarvoor geen bijzondere bijstand.",
    ] {
        assert!(
            haarlem.to_lowercase().contains(&tekst.to_lowercase()),
            "{tekst}\n{haarlem}"
        );
    }
    let (status, enschede) = get(&app, "/regelingen/0153").await;
    assert_eq!(status, 200);
    for tekst in [
        "Extra geld bij een laag inkomen in Enschede",
        "60 maanden (5 jaar) een laag inkomen: gemiddeld niet meer dan 105%",
        "Dan bekijkt een medewerker die maand.",
        "Extra per kind van 12 tot en met 17 jaar",
        "€ 150,00",
        "telt 35% van wat u meer heeft als draagkracht. Wij tellen dat over 24 maanden.",
        "<strong>Wasmachine</strong>. Lening: u betaalt het terug. U krijgt ten hoogste <span class=\"gbi-nowrap\">€ 500,00</span>.",
        "Ook kosten van minder dan € 176,00 in 12 maanden kunnen wij vergoeden.",
    ] {
        assert!(enschede.contains(tekst), "{tekst}\n{enschede}");
    }
    assert!(
        haarlem.contains("<strong>Wasmachine</strong>. Gift"),
        "{haarlem}"
    );

    // Linked from the home page, for each gemeente.
    let (_, home) = get(&app, "/").await;
    assert!(
        home.contains(r#"href="/regelingen/0153""#) && home.contains(r#"href="/regelingen/0392""#)
    );

    for pad in ["/regelingen/9999", "/regelingen/abc", "/regelingen/%00"] {
        let (status, _) = get(&app, pad).await;
        assert!(matches!(status, 400 | 404), "{pad}: {status}");
    }
}

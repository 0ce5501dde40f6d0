//! The gemeente's house style on the portal's pages: its logo, name, phone
//! number (a tel: link) and opening hours, from `[huisstijl."…"]`; the logo
//! is served for the page, and only for a gemeente that has one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::{GemeenteCode, Rol};

fn haarlem() -> gbi_letters::Huisstijl {
    let mut h = gbi_letters::Huisstijl::demo("Gemeente Haarlem", "Haarlem");
    h.telefoon = "14 023 (lokaal tarief)".into();
    h.openingstijden = "maandag tot en met vrijdag van 8.30 tot 17.00 uur".into();
    h.logo_png = Some(gbi_letters::DEMO_LOGO_PNG.to_vec());
    h
}

#[tokio::test]
async fn portal_pages_carry_the_logo_name_phone_and_hours() {
    let mut stijlen = std::collections::HashMap::new();
    stijlen.insert(GemeenteCode::parse("0392").unwrap(), haarlem());
    let app = TestApp::spawn_state(|s| s.with_huisstijlen(stijlen)).await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    let cookie = app.resident_cookie(&t).await;
    let page = app.inwoner_page(&cookie, "/portaal/zaken").await;
    for verwacht in [
        r#"<img class="gbi-brand__logo" src="/huisstijl/0392/logo.png" alt="""#,
        "Gemeente Haarlem",
        r#"href="tel:14023">14 023 (lokaal tarief)</a>"#,
        "maandag tot en met vrijdag van 8.30 tot 17.00 uur",
    ] {
        assert!(page.contains(verwacht), "{verwacht}:\n{page}");
    }
    let res = app
        .client
        .get(app.url("/huisstijl/0392/logo.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(&res.bytes().await.unwrap()[..], gbi_letters::DEMO_LOGO_PNG);
    // Nonsense is not found, and no page is made of it.
    for pad in [
        "/huisstijl/abcd/logo.png",
        "/huisstijl/..%2F..%2Fetc/logo.png",
    ] {
        let res = app.client.get(app.url(pad)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{pad}");
    }
}

#[tokio::test]
async fn a_style_without_a_logo_shows_no_image() {
    let mut h = haarlem();
    h.logo_png = None;
    let mut stijlen = std::collections::HashMap::new();
    stijlen.insert(GemeenteCode::parse("0392").unwrap(), h);
    let app = TestApp::spawn_state(|s| s.with_huisstijlen(stijlen)).await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    let cookie = app.resident_cookie(&t).await;
    let page = app.inwoner_page(&cookie, "/portaal/zaken").await;
    assert!(!page.contains("gbi-brand__logo"), "{page}");
    assert!(page.contains("Gemeente Haarlem"), "{page}");
    let res = app
        .client
        .get(app.url("/huisstijl/0392/logo.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

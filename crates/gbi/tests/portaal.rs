//! The portal through the real binary: a draft survives a server restart
//! (even a SIGKILL), on the database of GBI_TEST_DB.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use gbi_store::testing::TestDatabase;
use support::Server;

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Log in as the first demo resident; returns the cookie.
fn demo_login(base: &str) -> String {
    let page = client()
        .get(format!("{base}/portaal/inloggen"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let start = page
        .find("name=\"persoon\" value=\"")
        .expect("a demo person")
        + "name=\"persoon\" value=\"".len();
    let bsn = &page[start..start + 9];
    let res = client()
        .post(format!("{base}/portaal/inloggen"))
        .form(&[("persoon", bsn)])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

fn current_step(base: &str, cookie: &str) -> String {
    let res = client()
        .get(format!("{base}/portaal/aanvraag"))
        .header("cookie", cookie)
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    res.headers()["location"].to_str().unwrap().to_owned()
}

#[test]
fn a_draft_survives_a_server_restart() {
    let database = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(TestDatabase::new());
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--demo",
        "--database-url",
        &database.url,
        "--data-dir",
        dir.path().to_str().unwrap(),
    ];
    let mut server = Server::start(&args, &[]);
    let cookie = demo_login(&server.base);
    let step = current_step(&server.base, &cookie);
    let res = client()
        .post(server.url(&step))
        .header("cookie", &cookie)
        .form(&[
            ("reden", "scheiding"),
            ("toelichting", "Sinds mei alleen"),
            ("ingangsdatum", "2026-06-01"),
            ("knop", "later"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    server.kill();

    let server = Server::start(&args, &[]);
    let cookie = demo_login(&server.base);
    assert_eq!(
        current_step(&server.base, &cookie),
        step,
        "the same draft is resumed"
    );
    let page = client()
        .get(server.url(&step))
        .header("cookie", &cookie)
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(page.contains("Sinds mei alleen"), "{page}");
    assert!(page.contains("value=\"scheiding\" checked"));
}

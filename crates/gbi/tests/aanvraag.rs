//! An application from portal to advice, through the real binary: a demo
//! resident (a person of the testbed population) applies; the zaak opens;
//! every register is consulted over HTTP through the in-process testbed; the
//! rules compute the advice with its explanation; the caseworker sees it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use gbi_store::testing::TestDatabase;
use std::time::{Duration, Instant};
use support::Server;

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn cookie_of(res: &reqwest::blocking::Response) -> String {
    res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn an_application_is_consulted_at_every_register_and_computed() {
    let database = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(TestDatabase::new());
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(
        &[
            "--demo",
            "--database-url",
            &database.url,
            "--data-dir",
            dir.path().to_str().unwrap(),
        ],
        &[],
    );
    let base = &server.base;

    // The demo login lists testbed residents; take the first.
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
    let bsn = page[start..start + 9].to_owned();
    let res = client()
        .post(format!("{base}/portaal/inloggen"))
        .form(&[("persoon", bsn.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    let cookie = cookie_of(&res);

    // The form is prefilled from the BRP of the testbed.
    let res = client()
        .get(format!("{base}/portaal/aanvraag"))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    let mut step = res.headers()["location"].to_str().unwrap().to_owned();
    let first = client()
        .get(format!("{base}{step}"))
        .header("cookie", &cookie)
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(
        first.contains("BRP") || first.contains("Basisregistratie"),
        "no prefill shown: {first}"
    );

    let answers: [&[(&str, &str)]; 6] = [
        &[
            ("reden", "baan_kwijt"),
            ("toelichting", "Contract niet verlengd"),
            ("ingangsdatum", "2026-07-01"),
        ],
        &[
            ("heeft_werk", "ja"),
            ("verwacht_inkomen", "400,00"),
            ("ander_inkomen", "nee"),
        ],
        &[
            ("spaargeld", "1250,00"),
            ("contant_geld", "0"),
            ("schulden", "0"),
        ],
        &[
            ("woonsituatie", "huur"),
            ("woonkosten", "725,00"),
            ("commerciele_huurder", "nee"),
        ],
        &[
            ("iban", "NL91ABNA0417164300"),
            ("email", "test@example.nl"),
            ("telefoon", ""),
        ],
        &[("verklaring", "ja")],
    ];
    let mut zaak_url = String::new();
    for fields in answers {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("knop", "verder"));
        let res = client()
            .post(format!("{base}{step}"))
            .header("cookie", &cookie)
            .form(&form)
            .send()
            .unwrap();
        assert_eq!(res.status(), 303, "{step}: {}", res.text().unwrap());
        let next = res.headers()["location"].to_str().unwrap().to_owned();
        if next.contains("/portaal/zaken/") {
            zaak_url = next;
            break;
        }
        step = next;
    }
    assert!(zaak_url.contains("nieuw=1"), "not submitted: {zaak_url}");
    let zaak_id = zaak_url
        .split("/portaal/zaken/")
        .nth(1)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();

    // A caseworker of the resident's gemeente sees the advice once every register answered.
    let mut werkplek = None;
    for login in ["haarlem.consulent", "enschede.consulent"] {
        let res = client()
            .post(format!("{base}/inloggen"))
            .form(&[("gebruikersnaam", login), ("wachtwoord", "demo")])
            .send()
            .unwrap();
        let staff = cookie_of(&res);
        let res = client()
            .get(format!("{base}/werkplek/zaken/{zaak_id}"))
            .header("cookie", &staff)
            .send()
            .unwrap();
        if res.status() == 200 {
            werkplek = Some(staff);
            break;
        }
    }
    let staff = werkplek.expect("the zaak belongs to one of the demo gemeenten");
    let deadline = Instant::now() + Duration::from_secs(60);
    let page = loop {
        let page = client()
            .get(format!("{base}/werkplek/zaken/{zaak_id}"))
            .header("cookie", &staff)
            .send()
            .unwrap()
            .text()
            .unwrap();
        if page.contains("id=\"advies\"") {
            break page;
        }
        assert!(Instant::now() < deadline, "no advice after 60 s:\n{page}");
        std::thread::sleep(Duration::from_millis(300));
    };
    for bron in [
        "brp",
        "uwv",
        "duo",
        "rdw",
        "kadaster",
        "svb",
        "bijstandsregelingen",
        "belastingdienst",
    ] {
        assert!(
            page.contains(&format!("<summary>{bron}, opgehaald")),
            "no snapshot of {bron}"
        );
    }
    assert!(page.contains("recht op €"), "{page}");
    assert!(
        page.contains("Participatiewet art. 31, tweede lid, onderdeel n"),
        "the work income vrijlating is explained: {page}"
    );
    assert!(page.contains("Participatiewet art. 34"), "{page}");
}

//! An application from portal to payment, through the real binary: a demo
//! resident (a person of the testbed population) applies; the zaak opens;
//! every register is consulted over HTTP through the in-process testbed; the
//! rules compute the advice; four eyes decide; the beschikking and the LO
//! Behandeld message follow; then the benefit runs (`uitkering.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bijzondere_bijstand;
mod helpers;
mod iit_bronnen;
mod interventieladder;
mod lening;
mod periodiek;
#[path = "../support/mod.rs"]
mod support;
mod terugvordering;
mod uitkering;
mod zonder_mens;

use gbi_store::testing::TestDatabase;
use helpers::{client, cookie_of, pdf_tekst, werkplek_login_is_haarlem};
use std::time::{Duration, Instant};
use support::Server;

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
            ("partner_werk", "geen_partner"),
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
            "no snapshot of {bron}; the zaak page with its work table:\n{page}"
        );
    }
    assert!(page.contains("recht op €"), "{page}");
    assert!(
        page.contains("Participatiewet art. 31, tweede lid, onderdeel n"),
        "the work income vrijlating is explained: {page}"
    );
    assert!(page.contains("Participatiewet art. 34"), "{page}");

    // Four eyes: the consulent proposes a toekenning of the advised amount
    // and cannot approve it; a kwaliteitsmedewerker does.
    let bedrag = page
        .split("id=\"bedrag\" name=\"bedrag\" type=\"text\" inputmode=\"decimal\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the amount is prefilled from the advice")
        .to_owned();
    let post = |cookie: &str, pad: &str, form: &[(&str, &str)]| {
        client()
            .post(format!("{base}/werkplek/zaken/{zaak_id}/{pad}"))
            .header("cookie", cookie)
            .form(form)
            .send()
            .unwrap()
    };
    assert_eq!(post(&staff, "oppakken", &[]).status(), 303);
    // Granted with retroactive effect from the first whole month within the
    // three months before the melding (art. 44, vijfde lid): the ledger then
    // has three months to show.
    let eerste_maand = gbi_domain::Maand::of(gbi_domain::today_amsterdam()).plus(-2);
    let ingang = eerste_maand.first_day().to_string();
    let res = post(
        &staff,
        "besluit",
        &[
            ("soort", "toekenning"),
            ("ingangsdatum", &ingang),
            ("bedrag", &bedrag),
            ("toelichting", ""),
        ],
    );
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let res = post(
        &staff,
        "beoordeling",
        &[("oordeel", "goedkeuren"), ("opmerking", "")],
    );
    assert!(
        res.status().is_client_error(),
        "the proposer must not approve: {}",
        res.status()
    );
    // Socrates is down when the decision is approved: the delivery waits.
    let testbed = server
        .testbed
        .clone()
        .expect("the testbed runs in demo mode");
    let res = client()
        .put(format!("{testbed}/admin/faults/socrates"))
        .json(&serde_json::json!({"latency_ms": 0, "error_rate": 0.0, "timeout": false, "down": true}))
        .send()
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let gemeente = if werkplek_login_is_haarlem(base, &zaak_id) {
        "haarlem"
    } else {
        "enschede"
    };
    let res = client()
        .post(format!("{base}/inloggen"))
        .form(&[
            ("gebruikersnaam", format!("{gemeente}.kwaliteit").as_str()),
            ("wachtwoord", "demo"),
        ])
        .send()
        .unwrap();
    let kwaliteit = cookie_of(&res);
    let res = post(
        &kwaliteit,
        "beoordeling",
        &[("oordeel", "goedkeuren"), ("opmerking", "")],
    );
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());

    // The resident finds the beschikking in the portal.
    let deadline = Instant::now() + Duration::from_secs(60);
    let document = loop {
        let page = client()
            .get(format!("{base}/portaal/zaken/{zaak_id}"))
            .header("cookie", &cookie)
            .send()
            .unwrap()
            .text()
            .unwrap();
        let brief = page
            .split("href=\"/portaal/documenten/")
            .skip(1)
            .find(|r| r.contains("\">Brief met ons besluit (PDF)"))
            .and_then(|r| r.split('"').next());
        if let Some(id) = brief {
            break id.to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "no beschikking after 60 s:\n{page}"
        );
        std::thread::sleep(Duration::from_millis(300));
    };
    let pdf = client()
        .get(format!("{base}/portaal/documenten/{document}"))
        .header("cookie", &cookie)
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let tekst = pdf_tekst(&pdf);
    let bedrag_tekst = bedrag.trim_start_matches("€ ").to_owned();
    let ingang_tekst = gbi_domain::date::dutch_date(eerste_maand.first_day());
    for verwacht in [
        bedrag_tekst.as_str(),
        ingang_tekst.as_str(),
        "Participatiewet art. 11",
        "6 weken",
        "bezwaar",
    ] {
        assert!(
            tekst.contains(verwacht),
            "the letter lacks {verwacht:?}:\n{tekst}"
        );
    }

    // Functioneel beheer sees the waiting delivery and why.
    let res = client()
        .post(format!("{base}/inloggen"))
        .form(&[
            ("gebruikersnaam", format!("{gemeente}.beheer").as_str()),
            ("wachtwoord", "demo"),
        ])
        .send()
        .unwrap();
    let beheer = cookie_of(&res);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let page = client()
            .get(format!("{base}/werkplek/koppelingen"))
            .header("cookie", &beheer)
            .send()
            .unwrap()
            .text()
            .unwrap();
        if page.contains("LO Behandeld naar Socrates") && page.contains("503") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the failed delivery is not shown:\n{page}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    // Socrates comes back; a retry delivers it.
    client()
        .delete(format!("{testbed}/admin/faults"))
        .send()
        .unwrap();
    assert_eq!(post(&staff, "opnieuw", &[]).status(), 303);

    // The processed application reached Socrates through the testbed.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let ontvangen = client()
            .get(format!("{testbed}/admin/socrates/ontvangen"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        if ontvangen.contains(&zaak_id) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "Socrates received nothing: {ontvangen}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    uitkering::betalen_opgeven_wijzigen(&uitkering::Context {
        base,
        cookie: &cookie,
        staff: &staff,
        zaak_id: &zaak_id,
        gemeente,
        database_url: &database.url,
        data_dir: dir.path(),
        eerste_maand,
        kwaliteit: &kwaliteit,
    });
}

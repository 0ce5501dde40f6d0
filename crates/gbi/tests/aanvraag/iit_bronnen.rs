//! The IIT for a resident who is not the gemeente's own client, through
//! the real binary: the ledger has no months of bijstand, so the zaak's
//! sources step asks the testbed the looplijst's closed questions about
//! the household (doelbinding AANVRAAG_BEHANDELEN), and the werkplek
//! advice shows what the source said. A "nee" is said with the source and
//! stays a person's decision; a source that is down never loses the
//! application: the answer becomes onbekend and the months go to a person.

use super::bijzondere_bijstand::{demo, get, login_staff, wacht};
use super::helpers::{client, cookie_of, werkplek_login_is_haarlem};
use serde_json::{Value, json};

/// The demo residents the portal lists.
fn inwoners(base: &str) -> Vec<String> {
    get(base, "", "/portaal/inloggen")
        .split("name=\"persoon\" value=\"")
        .skip(1)
        .map(|r| r[..9].to_owned())
        .collect()
}

fn inloggen(base: &str, bsn: &str) -> String {
    let res = client()
        .post(format!("{base}/portaal/inloggen"))
        .form(&[("persoon", bsn)])
        .send()
        .unwrap();
    cookie_of(&res)
}

/// The partner the BRP extract of the testbed names, if any.
fn partner(testbed: &str, bsn: &str) -> Option<String> {
    for gemeente in ["0392", "0153"] {
        let res = client()
            .get(format!(
                "{testbed}/looplijst/v1/brp/ingezetenen?gemeente={gemeente}"
            ))
            .send()
            .unwrap();
        if !res.status().is_success() {
            continue;
        }
        for regel in res.text().unwrap().lines() {
            let v: Value = serde_json::from_str(regel).unwrap();
            if v["bsn"] == bsn {
                return v["partner"].as_str().map(str::to_owned);
            }
        }
    }
    None
}

/// The testbed's answer to "income at most `grens_cents` in each of the
/// last `maanden` months?" about the household of `bsn`.
fn uwv_antwoord(testbed: &str, bsn: &str, grens_cents: i64, maanden: u32) -> String {
    let mut bsns = vec![bsn.to_owned()];
    bsns.extend(partner(testbed, bsn));
    let res = client()
        .post(format!("{testbed}/looplijst/v1/uwv/vragen"))
        .json(&json!({
            "doelbinding": "AANVRAAG_BEHANDELEN",
            "vraag": "INKOMEN_TEN_HOOGSTE",
            "peildatum": "2026-01-01",
            "grens_cents": grens_cents,
            "maanden": maanden,
            "onderwerpen": [{ "bsns": bsns }],
        }))
        .send()
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let v: Value = res.json().unwrap();
    v["antwoorden"][0].as_str().unwrap_or_default().to_owned()
}

/// A demo resident who is not an own client (no IIT invitation) and whom
/// `past` accepts.
fn niet_klant(base: &str, past: impl Fn(&str) -> bool) -> Option<String> {
    inwoners(base).into_iter().find(|bsn| {
        let start = get(base, &inloggen(base, bsn), "/portaal");
        !start.contains("id=\"iit-uitnodiging\"") && past(bsn)
    })
}

/// Apply for the IIT in the portal; returns the zaak id and the staff
/// cookie of its gemeente.
fn aanvragen(base: &str, bsn: &str) -> (String, String) {
    let cookie = inloggen(base, bsn);
    let res = client()
        .get(format!("{base}/portaal/aanvragen/inkomenstoeslag"))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    let mut step = res.headers()["location"].to_str().unwrap().to_owned();
    let answers: [&[(&str, &str)]; 3] = [
        &[
            ("inkomen", "1.100,00"),
            ("spaargeld", "150"),
            ("inspanningen", "Ik zorg voor mijn moeder."),
        ],
        &[
            ("iban", "NL91 ABNA 0417 1643 00"),
            ("email", "iit@example.nl"),
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
    let zaak_id = zaak_url
        .split("/portaal/zaken/")
        .nth(1)
        .and_then(|r| r.split('?').next())
        .expect("submitted")
        .to_owned();
    let gemeente = if werkplek_login_is_haarlem(base, &zaak_id) {
        "haarlem"
    } else {
        "enschede"
    };
    (zaak_id, login_staff(base, &format!("{gemeente}.consulent")))
}

/// The advice on the werkplek, once computed.
fn advies(base: &str, zaak_id: &str, consulent: &str) -> String {
    wacht(
        base,
        consulent,
        &format!("/werkplek/zaken/{zaak_id}"),
        "id=\"advies\"",
    )
}

#[test]
fn a_non_client_applies_and_the_advice_shows_what_the_sources_said() {
    let (server, _database, _dir) = demo();
    let base = &server.base;
    let testbed = server
        .testbed
        .clone()
        .expect("the testbed runs in demo mode");

    // Low enough even for the lowest limit GBI may ask (100% of the norm
    // of a single person, 60 months): UWV will say yes.
    let laag = niet_klant(base, |bsn| uwv_antwoord(&testbed, bsn, 140_150, 60) == "JA")
        .expect("a demo resident with a long low income");
    let (zaak_id, consulent) = aanvragen(base, &laag);
    let page = advies(base, &zaak_id, &consulent);
    assert!(
        page.contains(
            "UWV (polisadministratie) bevestigt: het netto inkomen was in elk van de laatste"
        ),
        "the source's confirmation is a step of the advice: {page}"
    );
    assert!(
        page.contains("Participatiewet art. 36, eerste lid"),
        "{page}"
    );
    assert!(!page.contains("Niet voldaan volgens de bron"), "{page}");
    // The questions reached the testbed, for this application's purpose.
    let ontvangen: Value = client()
        .get(format!("{testbed}/admin/looplijst/ontvangen/{laag}"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert!(ontvangen["keer"].as_u64().unwrap_or(0) >= 2, "{ontvangen}");

    // No low income for 36 months, whatever the limit: UWV will say no.
    let hoog = niet_klant(base, |bsn| {
        bsn != laag && uwv_antwoord(&testbed, bsn, 100_000_000, 36) == "NEE"
    })
    .expect("a demo resident without a long low income");
    let (zaak_id, consulent) = aanvragen(base, &hoog);
    let page = advies(base, &zaak_id, &consulent);
    assert!(
        page.contains("Niet voldaan volgens de bron: volgens UWV (polisadministratie)"),
        "the advice names the source: {page}"
    );
    assert!(page.contains("Dit is geen afwijzing: u beslist"), "{page}");
    assert!(page.contains("GBI wijst niet zelf af"), "{page}");
}

#[test]
fn a_source_that_is_down_keeps_the_application_and_leaves_it_to_a_person() {
    let (server, _database, _dir) = demo();
    let base = &server.base;
    let testbed = server
        .testbed
        .clone()
        .expect("the testbed runs in demo mode");
    // The vragen endpoint of UWV alone is down; its Suwinet interface is up.
    let res = client()
        .put(format!("{testbed}/admin/faults/looplijst_uwv"))
        .json(&json!({"latency_ms": 0, "error_rate": 0.0, "timeout": false, "down": true}))
        .send()
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let bsn = niet_klant(base, |_| true).expect("a demo resident who is not a client");
    let (zaak_id, consulent) = aanvragen(base, &bsn);
    let page = advies(base, &zaak_id, &consulent);
    assert!(
        page.contains("UWV (polisadministratie) kon niet zeggen of het netto inkomen"),
        "the answer is onbekend, with the reason: {page}"
    );
    assert!(
        page.contains("Suwinet-Inkijk"),
        "a point for a person: {page}"
    );
    assert!(!page.contains("bevestigt: het netto inkomen"), "{page}");
}

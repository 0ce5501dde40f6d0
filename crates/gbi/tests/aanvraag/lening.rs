//! Bijzondere bijstand as a loan, through the real binary: a demo resident
//! applies twice; four eyes decide one as a loan (art. 48-2, 51), which
//! writes one claim (vordering) of exactly the amount lent, and one as a
//! gift, which writes none. The werkplek shows the claim on the zaak and on
//! the resident; the resident reads in plain Dutch that they pay it back.
//! Next month's betaalrun pays both; the month's specification shows each
//! payment as its own line, and to whom a third party was paid.

use super::bijzondere_bijstand::{demo, get, login_staff, volgende_betaalrun, wacht};
use super::helpers::{client, eerste_demo_inwoner, pdf_tekst, werkplek_login_is_haarlem};

const WINKEL: &str = "Witgoed Centrum B.V.";

/// The resident applies for bijzondere bijstand for `omschrijving`, paid as
/// `betaling` says; returns the zaak id.
pub(super) fn aanvragen(
    base: &str,
    cookie: &str,
    omschrijving: &str,
    betaling: &[(&str, &str)],
) -> String {
    let res = client()
        .get(format!("{base}/portaal/aanvragen/bijzondere-bijstand"))
        .header("cookie", cookie)
        .send()
        .unwrap();
    let mut step = res.headers()["location"].to_str().unwrap().to_owned();
    let answers: [&[(&str, &str)]; 4] = [
        &[
            ("kostensoort", "wasmachine"),
            ("omschrijving", omschrijving),
            ("kosten", "449,00"),
        ],
        &[("inkomen", "1.100,00"), ("spaargeld", "150")],
        betaling,
        &[("verklaring", "ja")],
    ];
    for fields in answers {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("knop", "verder"));
        let res = client()
            .post(format!("{base}{step}"))
            .header("cookie", cookie)
            .form(&form)
            .send()
            .unwrap();
        assert_eq!(res.status(), 303, "{step}: {}", res.text().unwrap());
        let next = res.headers()["location"].to_str().unwrap().to_owned();
        if let Some(rest) = next.split("/portaal/zaken/").nth(1) {
            return rest.split('?').next().unwrap().to_owned();
        }
        step = next;
    }
    panic!("the application was not submitted");
}

/// A consulent proposes the advised amount as `vorm`; a colleague approves.
/// Returns the amount as the page wrote it ("€ 449,00").
fn toekennen(base: &str, gemeente: &str, zaak_id: &str, vorm: &str) -> String {
    let consulent = login_staff(base, &format!("{gemeente}.consulent"));
    let page = wacht(
        base,
        &consulent,
        &format!("/werkplek/zaken/{zaak_id}"),
        "id=\"advies\"",
    );
    let bedrag = page
        .split("id=\"bedrag\" name=\"bedrag\" type=\"text\" inputmode=\"decimal\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the amount is prefilled from the advice")
        .to_owned();
    let post = |cookie: &str, what: &str, form: &[(&str, &str)]| {
        let res = client()
            .post(format!("{base}/werkplek/zaken/{zaak_id}/{what}"))
            .header("cookie", cookie)
            .form(form)
            .send()
            .unwrap();
        assert_eq!(res.status(), 303, "{what}: {}", res.text().unwrap());
    };
    post(&consulent, "oppakken", &[]);
    post(
        &consulent,
        "besluit",
        &[
            ("soort", "toekenning"),
            ("bedrag", &bedrag),
            ("vorm", vorm),
            ("motivering", "De wasmachine is kapot; de offerte past."),
        ],
    );
    let kwaliteit = login_staff(base, &format!("{gemeente}.kwaliteit"));
    post(
        &kwaliteit,
        "beoordeling",
        &[("oordeel", "goedkeuren"), ("opmerking", "")],
    );
    bedrag
}

/// The words of a text with single spaces: a line of the letter may wrap.
fn woorden(tekst: &str) -> String {
    tekst.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_loan_is_a_claim_a_gift_is_not_and_both_are_lines_of_the_specification() {
    let (server, _database, _dir) = demo();
    let base = &server.base;
    let cookie = eerste_demo_inwoner(base);

    let lening = aanvragen(
        base,
        &cookie,
        "Een wasmachine, te leen",
        &[
            ("aan_wie", "derde"),
            ("derde_naam", WINKEL),
            ("derde_iban", "NL02 ABNA 0123 4567 89"),
            ("email", "lening@example.nl"),
        ],
    );
    let gift = aanvragen(
        base,
        &cookie,
        "Een wasmachine, gegeven",
        &[
            ("aan_wie", "zelf"),
            ("iban", "NL91 ABNA 0417 1643 00"),
            ("email", "gift@example.nl"),
        ],
    );
    let gemeente = if werkplek_login_is_haarlem(base, &lening) {
        "haarlem"
    } else {
        "enschede"
    };
    let geleend = toekennen(base, gemeente, &lening, "geldlening");
    let gegeven = toekennen(base, gemeente, &gift, "om_niet");

    // The werkplek: the loan's zaak shows the claim, the gift's none.
    let consulent = login_staff(base, &format!("{gemeente}.consulent"));
    let zaak = get(base, &consulent, &format!("/werkplek/zaken/{lening}"));
    let regel = format!("Vordering: lening {geleend}, open {geleend}, grondslag ");
    assert!(
        zaak.contains(&regel),
        "{regel:?} on the loan's zaak:\n{zaak}"
    );
    assert!(zaak.contains("Participatiewet"), "{zaak}");
    let zaak = get(base, &consulent, &format!("/werkplek/zaken/{gift}"));
    assert!(!zaak.contains("Vordering:"), "a gift is no claim:\n{zaak}");
    // The resident's page: exactly one claim, of exactly the amount lent.
    let inwoner_id = zaak
        .split("href=\"/werkplek/inwoners/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the zaak links to the resident")
        .to_owned();
    let inwoner = get(
        base,
        &consulent,
        &format!("/werkplek/inwoners/{inwoner_id}"),
    );
    assert_eq!(
        inwoner.matches("gbi-vordering\"").count(),
        1,
        "one claim on the resident:\n{inwoner}"
    );
    assert!(inwoner.contains(&regel), "{inwoner}");

    // The resident reads it in plain Dutch on the loan's zaak only.
    let portaal = get(base, &cookie, &format!("/portaal/zaken/{lening}"));
    assert!(
        portaal.contains(&format!("U leent dit bedrag: {geleend}. U betaalt het terug. U krijgt hierover een aparte brief.")),
        "{portaal}"
    );
    let portaal = get(base, &cookie, &format!("/portaal/zaken/{gift}"));
    assert!(!portaal.contains("U leent dit bedrag"), "{portaal}");

    // Next month's run pays both; the month's specification has a line for
    // each, and says the shop was paid.
    volgende_betaalrun(base, gemeente, Some(WINKEL));
    let maand = gbi_domain::Maand::of(gbi_domain::today_amsterdam()).next();
    let portaal = wacht(
        base,
        &cookie,
        &format!("/portaal/zaken/{lening}"),
        "Specificatie van ",
    );
    assert!(
        portaal.contains(&format!(
            "/portaal/zaken/{lening}/specificatie?maand={maand}"
        )),
        "{portaal}"
    );
    let res = client()
        .get(format!(
            "{base}/portaal/zaken/{lening}/specificatie?maand={maand}"
        ))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let tekst = woorden(&pdf_tekst(&res.bytes().unwrap()));
    for verwacht in [
        "Een wasmachine, te leen".to_owned(),
        format!("betaald aan {WINKEL}"),
        geleend.clone(),
    ] {
        assert!(tekst.contains(&verwacht), "{verwacht:?} in:\n{tekst}");
    }
    let res = client()
        .get(format!(
            "{base}/portaal/zaken/{gift}/specificatie?maand={maand}"
        ))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let tekst = woorden(&pdf_tekst(&res.bytes().unwrap()));
    assert!(
        tekst.contains("Een wasmachine, gegeven") && tekst.contains(&gegeven),
        "{tekst}"
    );
    assert!(
        tekst.contains(&format!("{gegeven} (betaald aan u)")),
        "paid to the resident: {tekst}"
    );
}

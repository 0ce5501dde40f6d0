//! Bijzondere bijstand from portal to payment, through the real binary: a
//! demo resident applies for a washing machine, to be paid to the shop;
//! the registers are consulted over HTTP; the draagkracht is computed and
//! explained; four eyes decide a one-off toekenning; the letter says whom
//! we pay; the betaalrun of the next month pays the shop in the SEPA file.

use super::helpers::{
    client, cookie_of, eerste_demo_inwoner, pdf_tekst, werkplek_login_is_haarlem,
};
use super::support::Server;
use gbi_store::testing::TestDatabase;
use std::time::{Duration, Instant};

const WINKEL: &str = "Witgoed Centrum B.V.";
const WINKEL_IBAN: &str = "NL02ABNA0123456789";

pub(super) fn login_staff(base: &str, user: &str) -> String {
    let res = client()
        .post(format!("{base}/inloggen"))
        .form(&[("gebruikersnaam", user), ("wachtwoord", "demo")])
        .send()
        .unwrap();
    cookie_of(&res)
}

pub(super) fn get(base: &str, cookie: &str, pad: &str) -> String {
    client()
        .get(format!("{base}{pad}"))
        .header("cookie", cookie)
        .send()
        .unwrap()
        .text()
        .unwrap()
}

/// Wait until `pad` shows `teken`.
pub(super) fn wacht(base: &str, cookie: &str, pad: &str, teken: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let page = get(base, cookie, pad);
        if page.contains(teken) {
            return page;
        }
        assert!(
            Instant::now() < deadline,
            "no {teken:?} after 60 s:\n{page}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// The demo on a fresh database.
pub(super) fn demo() -> (Server, TestDatabase, tempfile::TempDir) {
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
    (server, database, dir)
}

/// Next month's betaalrun of `gemeente`: see [`betaalrun`].
pub(super) fn volgende_betaalrun(base: &str, gemeente: &str, zichtbaar: Option<&str>) -> String {
    let volgende = gbi_domain::Maand::of(gbi_domain::today_amsterdam()).next();
    betaalrun(base, gemeente, volgende, zichtbaar)
}

/// The betaalrun of `maand` (the latest month with a run) of `gemeente`:
/// computed by the teamleider, approved by functioneel beheer, who first
/// sees `zichtbaar` on it. Returns the SEPA file.
pub(super) fn betaalrun(
    base: &str,
    gemeente: &str,
    maand: gbi_domain::Maand,
    zichtbaar: Option<&str>,
) -> String {
    let maand = maand.to_string();
    let teamleider = login_staff(base, &format!("{gemeente}.teamleider"));
    let res = client()
        .post(format!("{base}/werkplek/betaalruns"))
        .header("cookie", &teamleider)
        .form(&[("maand", maand.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let lijst = wacht(
        base,
        &teamleider,
        "/werkplek/betaalruns",
        "Wacht op goedkeuring",
    );
    let run_id = lijst
        .split("href=\"/werkplek/betaalruns/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the run is listed")
        .to_owned();
    let beheer = login_staff(base, &format!("{gemeente}.beheer"));
    if let Some(z) = zichtbaar {
        let run = get(base, &beheer, &format!("/werkplek/betaalruns/{run_id}"));
        assert!(run.contains(z), "the approver sees the payment: {run}");
    }
    let res = client()
        .post(format!("{base}/werkplek/betaalruns/{run_id}/goedkeuren"))
        .header("cookie", &beheer)
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    get(
        base,
        &beheer,
        &format!("/werkplek/betaalruns/{run_id}/sepa"),
    )
}

/// Fill in the steps of the application from `step` on and submit it;
/// returns the zaak id.
pub(super) fn aanvragen(
    base: &str,
    cookie: &str,
    step: &str,
    answers: &[&[(&str, &str)]],
) -> String {
    let mut step = step.to_owned();
    let mut zaak_url = String::new();
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
        if next.contains("/portaal/zaken/") {
            zaak_url = next;
            break;
        }
        step = next;
    }
    zaak_url
        .split("/portaal/zaken/")
        .nth(1)
        .and_then(|r| r.split('?').next())
        .expect("submitted")
        .to_owned()
}

#[test]
fn a_washing_machine_is_granted_with_four_eyes_and_paid_to_the_shop() {
    let (server, _database, _dir) = demo();
    let base = &server.base;
    let cookie = eerste_demo_inwoner(base);

    // The form starts from the cost; the kinds of cost are the gemeente's.
    let res = client()
        .get(format!("{base}/portaal/aanvragen/bijzondere-bijstand"))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    let step = res.headers()["location"].to_str().unwrap().to_owned();
    let eerste = get(base, &cookie, &step);
    assert!(eerste.contains("value=\"wasmachine\""), "{eerste}");
    // A kind of cost the catalogue does not have is refused, naming the question.
    let res = client()
        .post(format!("{base}{step}"))
        .header("cookie", &cookie)
        .form(&[
            ("kostensoort", "jacuzzi"),
            ("omschrijving", "x"),
            ("kosten", "449"),
            ("knop", "verder"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(
        res.text()
            .unwrap()
            .contains("Waarvoor vraagt u bijzondere bijstand? Kies een van de antwoorden.")
    );

    // Answered step by step; the draft keeps its place.
    let zaak_id = super::lening::aanvragen(
        base,
        &cookie,
        "Een wasmachine, mijn oude is kapot",
        &[
            ("aan_wie", "derde"),
            ("derde_naam", WINKEL),
            ("derde_iban", "NL02 ABNA 0123 4567 89"),
            ("email", "bb@example.nl"),
        ],
    );
    // Without the quote the policy asks, the resident gets a task for it.
    let portaal = get(base, &cookie, &format!("/portaal/zaken/{zaak_id}"));
    assert!(portaal.contains("Stuur ons een offerte"), "{portaal}");

    let gemeente = if werkplek_login_is_haarlem(base, &zaak_id) {
        "haarlem"
    } else {
        "enschede"
    };
    let consulent = login_staff(base, &format!("{gemeente}.consulent"));
    let pad = format!("/werkplek/zaken/{zaak_id}");
    let page = wacht(base, &consulent, &pad, "id=\"advies\"");
    assert!(page.contains("Bijzondere bijstand van €"), "{page}");
    assert!(page.contains("draagkracht"), "{page}");
    assert!(page.contains("Participatiewet art. 35"), "{page}");
    assert!(
        page.contains("nog niet gestuurd"),
        "the missing quote is a point: {page}"
    );
    let bedrag = page
        .split("id=\"bedrag\" name=\"bedrag\" type=\"text\" inputmode=\"decimal\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the amount is prefilled from the advice")
        .to_owned();
    assert!(bedrag.starts_with("€ "), "{bedrag}");

    let post = |cookie: &str, what: &str, form: &[(&str, &str)]| {
        client()
            .post(format!("{base}/werkplek/zaken/{zaak_id}/{what}"))
            .header("cookie", cookie)
            .form(form)
            .send()
            .unwrap()
    };
    assert_eq!(post(&consulent, "oppakken", &[]).status(), 303);
    // A monthly toekenning does not fit a one-off regeling; nor does no reason.
    let res = post(
        &consulent,
        "besluit",
        &[
            ("soort", "toekenning"),
            ("bedrag", &bedrag),
            ("vorm", "om_niet"),
            ("motivering", ""),
        ],
    );
    assert_eq!(res.status(), 400);
    assert!(res.text().unwrap().contains("Schrijf op waarom"));
    let res = post(
        &consulent,
        "besluit",
        &[
            ("soort", "toekenning"),
            ("bedrag", "-5"),
            ("vorm", "om_niet"),
            ("motivering", "x"),
        ],
    );
    assert_eq!(res.status(), 400);
    // A washing machine is no periodic cost in the policy: no "per maand".
    assert!(!page.contains("id=\"frequentie-per_maand\""), "{page}");
    let res = post(
        &consulent,
        "besluit",
        &[
            ("soort", "toekenning"),
            ("frequentie", "per_maand"),
            ("bedrag_per_maand", "40,00"),
            ("ingangsdatum", "1-1-2027"),
            ("einddatum", "31-1-2027"),
            ("motivering", "x"),
        ],
    );
    assert_eq!(res.status(), 400);
    assert!(
        res.text()
            .unwrap()
            .contains("Het beleid van de gemeente kent deze kosten niet per maand")
    );
    let res = post(
        &consulent,
        "besluit",
        &[
            ("soort", "toekenning"),
            ("bedrag", &bedrag),
            ("vorm", "om_niet"),
            (
                "motivering",
                "De oude wasmachine is kapot; de offerte past binnen het beleid.",
            ),
        ],
    );
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let res = post(
        &consulent,
        "beoordeling",
        &[("oordeel", "goedkeuren"), ("opmerking", "")],
    );
    assert!(
        res.status().is_client_error(),
        "no approving one's own proposal"
    );
    let kwaliteit = login_staff(base, &format!("{gemeente}.kwaliteit"));
    let res = post(
        &kwaliteit,
        "beoordeling",
        &[("oordeel", "goedkeuren"), ("opmerking", "")],
    );
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());

    // The letter names the shop; the payment waits for next month's run.
    let portaal = wacht(
        base,
        &cookie,
        &format!("/portaal/zaken/{zaak_id}"),
        "\">Brief met ons besluit (PDF)",
    );
    assert!(
        portaal.contains("U krijgt bijzondere bijstand"),
        "{portaal}"
    );
    let document = portaal
        .split("href=\"/portaal/documenten/")
        .skip(1)
        .find(|r| r.contains("\">Brief met ons besluit (PDF)"))
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let pdf = client()
        .get(format!("{base}/portaal/documenten/{document}"))
        .header("cookie", &cookie)
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    let tekst = pdf_tekst(&pdf);
    for verwacht in [
        "bijzondere bijstand",
        bedrag.trim_start_matches("€ "),
        WINKEL,
        "artikelen 35, 48 en 51 Participatiewet",
        "bezwaar",
    ] {
        assert!(
            tekst.contains(verwacht),
            "the letter lacks {verwacht:?}:\n{tekst}"
        );
    }

    // The betaalrun of next month pays the shop: its own transaction.
    let sepa = volgende_betaalrun(base, gemeente, Some(WINKEL));
    let tx = sepa
        .split("<CdtTrfTxInf>")
        .find(|t| t.contains(WINKEL_IBAN))
        .unwrap_or_else(|| panic!("the shop is not paid:\n{sepa}"));
    assert!(tx.contains(WINKEL), "{tx}");
    let euro = bedrag
        .trim_start_matches("€ ")
        .replace('.', "")
        .replace(',', ".");
    assert!(tx.contains(&format!(">{euro}</InstdAmt>")), "{euro}: {tx}");
}

#[test]
fn an_own_client_is_invited_for_the_iit_confirms_and_is_paid() {
    let (server, _database, _dir) = demo();
    let base = &server.base;
    // The monthly run has invited the demo's long-term client: find them.
    let lijst = get(base, "", "/portaal/inloggen");
    let personen: Vec<String> = lijst
        .split("name=\"persoon\" value=\"")
        .skip(1)
        .map(|r| r[..9].to_owned())
        .collect();
    let deadline = Instant::now() + Duration::from_secs(30);
    let (cookie, start) = 'zoek: loop {
        for bsn in &personen {
            let res = client()
                .post(format!("{base}/portaal/inloggen"))
                .form(&[("persoon", bsn.as_str())])
                .send()
                .unwrap();
            let cookie = cookie_of(&res);
            let start = get(base, &cookie, "/portaal");
            if start.contains("id=\"iit-uitnodiging\"") {
                break 'zoek (cookie, start);
            }
        }
        assert!(Instant::now() < deadline, "nobody was invited");
        std::thread::sleep(Duration::from_millis(300));
    };
    assert!(start.contains("Bekijk en verstuur de aanvraag"), "{start}");
    let berichten = get(base, &cookie, "/portaal/berichten");
    assert!(
        berichten.contains("U kunt een individuele inkomenstoeslag krijgen"),
        "{berichten}"
    );

    // One step: the prefilled application, confirmed. That is the aanvraag.
    let res = client()
        .get(format!("{base}/portaal/aanvragen/inkomenstoeslag"))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    let step = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(step.ends_with("/verklaring"), "{step}");
    let overzicht = get(base, &cookie, &step);
    assert!(
        overzicht.contains("NL"),
        "the IBAN of the benefit is filled in: {overzicht}"
    );
    let res = client()
        .post(format!("{base}{step}"))
        .header("cookie", &cookie)
        .form(&[("verklaring", "ja"), ("knop", "verder")])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let zaak_url = res.headers()["location"].to_str().unwrap().to_owned();
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
    let consulent = login_staff(base, &format!("{gemeente}.consulent"));
    let page = wacht(
        base,
        &consulent,
        &format!("/werkplek/zaken/{zaak_id}"),
        "id=\"advies\"",
    );
    assert!(page.contains("Toeslag volgens het beleid: €"), "{page}");
    assert!(
        page.contains("uitzicht heeft op inkomensverbetering"),
        "36-2 is for a person: {page}"
    );
    let bedrag = page
        .split("id=\"bedrag\" name=\"bedrag\" type=\"text\" inputmode=\"decimal\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the amount is prefilled from the advice")
        .to_owned();
    let post = |cookie: &str, what: &str, form: &[(&str, &str)]| {
        client()
            .post(format!("{base}/werkplek/zaken/{zaak_id}/{what}"))
            .header("cookie", cookie)
            .form(form)
            .send()
            .unwrap()
    };
    assert_eq!(post(&consulent, "oppakken", &[]).status(), 303);
    // The IIT is never a loan.
    let res = post(
        &consulent,
        "besluit",
        &[
            ("soort", "toekenning"),
            ("bedrag", &bedrag),
            ("vorm", "geldlening"),
            ("motivering", "x"),
        ],
    );
    assert_eq!(res.status(), 400);
    let res = post(
        &consulent,
        "besluit",
        &[
            ("soort", "toekenning"),
            ("bedrag", &bedrag),
            ("vorm", "om_niet"),
            (
                "motivering",
                "Al vijf jaar bijstand; door mantelzorg geen uitzicht op meer inkomen (art. 36, tweede lid).",
            ),
        ],
    );
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let kwaliteit = login_staff(base, &format!("{gemeente}.kwaliteit"));
    let res = post(
        &kwaliteit,
        "beoordeling",
        &[("oordeel", "goedkeuren"), ("opmerking", "")],
    );
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let portaal = wacht(
        base,
        &cookie,
        &format!("/portaal/zaken/{zaak_id}"),
        "\">Brief met ons besluit (PDF)",
    );
    assert!(
        portaal.contains("U krijgt individuele inkomenstoeslag"),
        "{portaal}"
    );

    let sepa = volgende_betaalrun(base, gemeente, None);
    let euro = bedrag
        .trim_start_matches("€ ")
        .replace('.', "")
        .replace(',', ".");
    assert!(
        sepa.split("<CdtTrfTxInf>")
            .any(|t| t.contains("inkomenstoeslag") && t.contains(&format!(">{euro}</InstdAmt>"))),
        "the IIT is paid once, with its own line: {sepa}"
    );
}

//! Periodic bijzondere bijstand from portal to payment, through the real
//! binary: a demo resident under beschermingsbewind applies for the
//! bewindvoeringskosten, to be paid to the bewindvoerder; the caseworker
//! proposes a fixed amount per month for two months, a colleague approves;
//! the letter says per month and the period; two consecutive betaalruns pay
//! the bewindvoerder in the SEPA file, the run after the einddatum does not.

use super::bijzondere_bijstand::{aanvragen, betaalrun, demo, get, login_staff, wacht};
use super::helpers::{
    client, eerste_demo_inwoner as inwoner, pdf_tekst, werkplek_login_is_haarlem,
};
use gbi_domain::{Maand, today_amsterdam};

const BEWINDVOERDER: &str = "Bewindvoering Spaarne B.V.";
const BEWINDVOERDER_IBAN: &str = "NL91ABNA0417164300";

fn nl(d: chrono::NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

#[test]
fn bewindvoeringskosten_are_granted_per_month_and_paid_to_the_bewindvoerder_until_the_end() {
    let (server, _database, _dir) = demo();
    let base = &server.base;
    let cookie = inwoner(base);
    let res = client()
        .get(format!("{base}/portaal/aanvragen/bijzondere-bijstand"))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    let step = res.headers()["location"].to_str().unwrap().to_owned();
    let eerste = get(base, &cookie, &step);
    assert!(eerste.contains("value=\"bewindvoering\""), "{eerste}");
    let answers: [&[(&str, &str)]; 4] = [
        &[
            ("kostensoort", "bewindvoering"),
            ("omschrijving", "Kosten van mijn bewindvoerder"),
            ("kosten", "135,50"),
        ],
        &[("inkomen", "1.100,00"), ("spaargeld", "150")],
        &[
            ("aan_wie", "derde"),
            ("derde_naam", BEWINDVOERDER),
            ("derde_iban", "NL91 ABNA 0417 1643 00"),
            ("email", "bewind@example.nl"),
        ],
        &[("verklaring", "ja")],
    ];
    let zaak_id = aanvragen(base, &cookie, &step, &answers);
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
    assert!(
        page.contains("id=\"frequentie-per_maand\""),
        "the policy marks bewindvoering periodic: the form offers per maand"
    );
    let post = |cookie: &str, what: &str, form: &[(&str, &str)]| {
        client()
            .post(format!("{base}/werkplek/zaken/{zaak_id}/{what}"))
            .header("cookie", cookie)
            .form(form)
            .send()
            .unwrap()
    };
    assert_eq!(post(&consulent, "oppakken", &[]).status(), 303);

    // From the first of next month to the last day of the month after.
    let eerste_maand = Maand::of(today_amsterdam()).next();
    let tweede_maand = eerste_maand.next();
    let ingang = nl(eerste_maand.first_day());
    let einde = nl(tweede_maand.last_day());
    let voorstel = |bedrag: &str, ingang: &str, einde: &str, motivering: &str| {
        post(
            &consulent,
            "besluit",
            &[
                ("soort", "toekenning"),
                ("frequentie", "per_maand"),
                ("bedrag_per_maand", bedrag),
                ("ingangsdatum", ingang),
                ("einddatum", einde),
                ("motivering", motivering),
            ],
        )
    };
    // Wrong input comes back at its field, in Dutch, with what was typed.
    for (bedrag, i, e, m, melding) in [
        (
            "-5",
            ingang.as_str(),
            einde.as_str(),
            "x",
            "Bedrag per maand",
        ),
        ("", ingang.as_str(), einde.as_str(), "x", "Bedrag per maand"),
        (
            "1.000.000,00",
            ingang.as_str(),
            einde.as_str(),
            "x",
            "Bedrag per maand",
        ),
        ("135,50", "31-02-2027", einde.as_str(), "x", "Ingangsdatum"),
        ("135,50", ingang.as_str(), "", "x", "Einddatum"),
        ("135,50", ingang.as_str(), "01-01-2099", "x", "Einddatum"),
        (
            "135,50",
            ingang.as_str(),
            einde.as_str(),
            "",
            "Schrijf op waarom",
        ),
    ] {
        let res = voorstel(bedrag, i, e, m);
        assert_eq!(res.status(), 400, "{bedrag} {i} {e}");
        let html = res.text().unwrap();
        assert!(html.contains(melding), "{melding}: {html}");
    }
    let res = voorstel(
        "135,50",
        &ingang,
        &einde,
        "Beschermingsbewind volgens de beschikking van de kantonrechter; de kosten passen binnen het beleid.",
    );
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    // Nobody approves their own proposal.
    let res = post(
        &consulent,
        "beoordeling",
        &[("oordeel", "goedkeuren"), ("opmerking", "")],
    );
    assert!(res.status().is_client_error(), "own approval refused");
    let kwaliteit = login_staff(base, &format!("{gemeente}.kwaliteit"));
    let res = post(
        &kwaliteit,
        "beoordeling",
        &[("oordeel", "goedkeuren"), ("opmerking", "")],
    );
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());

    // The resident reads the amount per month and the period.
    let van = gbi_domain::date::dutch_date(eerste_maand.first_day());
    let tot = gbi_domain::date::dutch_date(tweede_maand.last_day());
    let portaal = wacht(
        base,
        &cookie,
        &format!("/portaal/zaken/{zaak_id}"),
        "\">Brief met ons besluit (PDF)",
    );
    let per_maand = format!("€ 135,50 per maand van {van} tot en met {tot}");
    assert!(portaal.contains(&per_maand), "{per_maand}: {portaal}");
    assert!(portaal.contains(BEWINDVOERDER), "{portaal}");
    assert!(
        !portaal.contains("inkomsten doorgeven"),
        "no income reports on a fixed bijzondere bijstand: {portaal}"
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
        "€ 135,50 per maand",
        van.as_str(),
        tot.as_str(),
        BEWINDVOERDER,
        "gift",
        "art. 35, eerste lid",
        "bezwaar",
    ] {
        assert!(
            tekst.contains(verwacht),
            "the letter lacks {verwacht:?}:\n{tekst}"
        );
    }

    // Two consecutive runs pay the bewindvoerder the exact amount; the run
    // after the einddatum pays nothing more.
    for maand in [eerste_maand, tweede_maand] {
        let sepa = betaalrun(base, gemeente, maand, Some(BEWINDVOERDER));
        let tx: Vec<&str> = sepa
            .split("<CdtTrfTxInf>")
            .filter(|t| t.contains(BEWINDVOERDER_IBAN))
            .collect();
        assert_eq!(
            tx.len(),
            1,
            "one payment to the bewindvoerder in {maand}:\n{sepa}"
        );
        assert!(tx[0].contains(BEWINDVOERDER), "{}", tx[0]);
        assert!(tx[0].contains(">135.50</InstdAmt>"), "{}", tx[0]);
        assert!(tx[0].contains("Bijzondere bijstand"), "{}", tx[0]);
    }
    let sepa = betaalrun(base, gemeente, tweede_maand.next(), None);
    assert!(
        !sepa.contains(BEWINDVOERDER_IBAN),
        "after the einddatum nothing is paid:\n{sepa}"
    );
}

//! Shared set-up of the looplijst tests: a finished run with a funnel and
//! addresses, and small HTTP helpers.

use super::TestApp;
use gbi_domain::GemeenteCode;
use gbi_store::Scope;
use gbi_store::looplijst::{self as opslag, NieuwAdres, TrechterStap, Uitslag};

pub fn stap(volgorde: i64, stap: &str, omschrijving: &str, aantal: i64) -> TrechterStap {
    TrechterStap {
        regeling: "iit".into(),
        volgorde,
        stap: stap.into(),
        omschrijving: omschrijving.into(),
        aantal,
    }
}

pub fn adres(uitkomst: &str, postcode: &str, straat: &str, nr: i64, namen: &str) -> NieuwAdres {
    NieuwAdres {
        regeling: "iit".into(),
        uitkomst: uitkomst.into(),
        postcode: postcode.into(),
        straat: straat.into(),
        huisnummer: nr,
        huisletter: String::new(),
        woonplaats: "Haarlem".into(),
        namen: namen.into(),
        betrokkenen: vec![format!("hash-{straat}-{nr}")],
        criteria: r#"[{"code":"leeftijd","antwoord":"ja"},{"code":"geen_iit","antwoord":"ja"},{"code":"langdurig_laag_inkomen","antwoord":"onbekend"}]"#.into(),
    }
}

/// A finished IIT run with three addresses in two wijken.
pub async fn klare_run(app: &TestApp, code: GemeenteCode) -> String {
    let adressen = [
        adres(
            "waarschijnlijk",
            "2011AB",
            "Kerkstraat",
            12,
            "Jan de Vries; Els de Vries",
        ),
        adres(
            "onbekend",
            "2011AC",
            "Achterweg",
            3,
            "Fatima \"Fa\" El Amrani",
        ),
        adres("waarschijnlijk", "2012XY", "Dorpsplein", 1, "Piet Jansen"),
    ];
    klare_run_met(app, code, &adressen).await
}

/// A finished IIT run with `adressen`.
pub async fn klare_run_met(app: &TestApp, code: GemeenteCode, adressen: &[NieuwAdres]) -> String {
    let scope = Scope::system(code, "test");
    let run = opslag::start(
        &app.db,
        &scope,
        &["iit"],
        "2026-03-01",
        "catalogus-2026.toml",
    )
    .await
    .unwrap();
    let trechter = [
        stap(0, "huishoudens", "Huishoudens in de BRP", 50),
        stap(1, "afgemeld", "Afgemeld (niets gevraagd)", 1),
        stap(10, "leeftijd", "Leeftijd", 30),
        stap(11, "geen_iit", "Geen IIT", 12),
        stap(12, "langdurig_laag_inkomen", "Laag inkomen", 5),
        stap(13, "vermogen", "Vermogen", 3),
        stap(90, "waarschijnlijk", "Waarschijnlijk recht", 2),
        stap(91, "onbekend", "Onbekend", 1),
    ];
    opslag::klaar(
        &app.db,
        &scope,
        &run.id,
        &Uitslag {
            ingezetenen: 120,
            vragen: 300,
            trechter: &trechter,
            adressen,
            verloopt_op: "2099-01-01T00:00:00.000000Z",
        },
    )
    .await
    .unwrap();
    run.id
}

pub async fn get(app: &TestApp, token: &str, path: &str) -> (u16, String) {
    let res = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The number in the funnel table row `label` of the run page.
pub fn in_trechter(html: &str, label: &str) -> i64 {
    let rij = html
        .split("<tr")
        .find(|r| r.contains(&format!("scope=\"row\">{label}</th>")))
        .unwrap_or_else(|| panic!("no funnel row {label}"));
    let start = rij.find("data-aantal=\"").unwrap() + "data-aantal=\"".len();
    rij[start..].split('"').next().unwrap().parse().unwrap()
}

//! The pre-assessment uses what the registers know: UWV's wages of ongoing
//! work count instead of a lower self-reported figure, both stand side by
//! side, and every difference is a point for the caseworker (issue 15).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_domain::GemeenteCode;
use gbi_rules::Regels;
use gbi_store::werk::StoredSnapshot;
use gbi_zaken::beoordeling::RegelBeoordelaar;
use gbi_zaken::vergelijking::Vergelijking;
use gbi_zaken::werk::Beoordelaar;
use serde_json::{Value, json};
use std::sync::Arc;

fn snap(bron: &str, gegevens: Value) -> StoredSnapshot {
    StoredSnapshot {
        bron: bron.into(),
        inhoud: json!({ "gevonden": true, "gegevens": gegevens }),
        herkomst: Value::Null,
        opgehaald_op: "2026-11-20T09:00:00Z".into(),
    }
}

fn brp() -> StoredSnapshot {
    snap(
        "brp",
        json!({
            "persoon": {
                "bsn": "999993549",
                "naam": { "voornamen": "Sanne", "voorvoegsel": null, "geslachtsnaam": "Jansen" },
                "geboortedatum": { "soort": "volledig", "datum": "1988-04-12" },
                "geslacht": "vrouw", "verblijfplaats": null, "gemeente_van_inschrijving": null,
                "partners": [], "kinderen": [], "overleden": false, "overlijdensdatum": null
            },
            "bewoners": []
        }),
    )
}

/// UWV: ongoing work at a bakery, November's wage € 2.732,83 fiscal with
/// € 545,83 loonheffing withheld: € 2.187,00 net.
fn uwv(einddatum: Option<&str>) -> StoredSnapshot {
    snap(
        "uwv",
        json!([{
            "volgnummer": 1, "werkgever": "Bakkerij De Korenschoof", "loonheffingennummer": "123456789L01",
            "begindatum": "2024-02-01", "einddatum": einddatum,
            "inkomstenperioden": [{ "van": "2024-02-01", "tot": null, "soort": "11", "aard": null,
                "type_arbeidscontract": null, "loonheffingskorting_toegepast": true }],
            "perioden": [{ "van": "2026-11-01", "tot": "2026-11-30", "loon_cents": 273283, "brutoloon_sv_cents": 273283,
                "ingehouden_loonheffing_cents": 54583, "vakantietoeslag_cents": null,
                "opgebouwd_recht_vakantietoeslag_cents": null, "extra_periodesalaris_cents": null,
                "reiskosten_onbelast_cents": null, "verloonde_uren": 120, "sv_dagen": 21 }]
        }]),
    )
}

fn aanvraag(extra: Value) -> Value {
    let mut a = json!({
        "reden": "minder_inkomen", "ingangsdatum": "2026-12-01", "heeft_werk": "ja", "verwacht_inkomen": "450,00",
        "partner_werk": "geen_partner", "ander_inkomen": "nee", "spaargeld": "0", "contant_geld": "0",
        "schulden": "0", "woonsituatie": "huur", "woonkosten": "725,00", "commerciele_huurder": "nee"
    });
    for (k, v) in extra.as_object().unwrap() {
        a[k] = v.clone();
    }
    a
}

fn advies(a: &Value, snapshots: &[StoredSnapshot]) -> Value {
    let b = RegelBeoordelaar::new(Arc::new(Regels::ingebouwd().unwrap()));
    b.beoordeel(
        &GemeenteCode::parse("0392").unwrap(),
        a,
        snapshots,
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
    )
    .unwrap()
}

fn vergelijking(v: &Value) -> Vec<Vergelijking> {
    serde_json::from_value(v["vergelijking"].clone()).unwrap()
}

#[test]
fn uwv_wages_of_ongoing_work_count_and_the_difference_is_a_point() {
    let v = advies(&aanvraag(json!({})), &[brp(), uwv(None)]);
    assert_eq!(v["berekend"], true, "{v}");
    // € 2.187,00 net is more than the norm for a single person: no right.
    assert_eq!(v["invoer"]["inkomsten"]["arbeid_cents"], 218700, "{v}");
    let loon = vergelijking(&v)
        .into_iter()
        .find(|r| r.onderwerp == "Loon per maand")
        .unwrap();
    assert!(loon.verschilt);
    assert!(loon.inwoner.contains("€ 450,00"), "{loon:?}");
    assert!(
        loon.register.contains("Bakkerij De Korenschoof"),
        "{loon:?}"
    );
    assert!(
        loon.register
            .contains("€ 2.187,00 netto (€ 2.732,83 bruto) in november 2026"),
        "{loon:?}"
    );
    let punten = v["aandachtspunten"].to_string();
    assert!(
        punten.contains("De berekening gebruikt het loon dat UWV kent (€ 2.187,00"),
        "{punten}"
    );
    assert!(
        punten.contains("Loon per maand: de aanvrager zegt"),
        "{punten}"
    );
}

#[test]
fn matching_figures_are_no_point_and_ended_work_does_not_count() {
    // The resident reports what UWV knows: no difference.
    let v = advies(
        &aanvraag(json!({ "verwacht_inkomen": "2.187,00" })),
        &[brp(), uwv(None)],
    );
    let loon = vergelijking(&v)
        .into_iter()
        .find(|r| r.onderwerp == "Loon per maand")
        .unwrap();
    assert!(!loon.verschilt, "{loon:?}");
    // The job ended before the start date: UWV's wage does not count.
    let v = advies(
        &aanvraag(json!({ "reden": "baan_kwijt", "heeft_werk": "nee" })),
        &[brp(), uwv(Some("2026-11-30"))],
    );
    assert_eq!(v["invoer"]["inkomsten"]["arbeid_cents"], 0, "{v}");
    let loon = vergelijking(&v)
        .into_iter()
        .find(|r| r.onderwerp == "Loon per maand")
        .unwrap();
    assert!(!loon.verschilt, "{loon:?}");
    assert!(
        loon.register
            .contains("eerder werk bij Bakkerij De Korenschoof tot 30 november 2026"),
        "{loon:?}"
    );
}

#[test]
fn a_partner_or_a_house_the_resident_did_not_mention_is_a_point() {
    let mut brp = brp();
    brp.inhoud["gegevens"]["persoon"]["partners"] = json!([{
        "bsn": null, "naam": { "voornamen": "Piet", "voorvoegsel": null, "geslachtsnaam": "Jansen" },
        "geboortedatum": { "soort": "volledig", "datum": "1986-01-02" }, "ontbinding": null
    }]);
    let kadaster = snap(
        "kadaster",
        json!({ "onroerende_zaken": [{ "aanduiding": "Haarlem A 1234" }] }),
    );
    let v = advies(&aanvraag(json!({ "heeft_werk": "nee" })), &[brp, kadaster]);
    let rijen = vergelijking(&v);
    let partner = rijen.iter().find(|r| r.onderwerp == "Partner").unwrap();
    assert!(
        partner.verschilt && partner.register.contains("Piet Jansen"),
        "{partner:?}"
    );
    let huis = rijen.iter().find(|r| r.onderwerp == "Eigen huis").unwrap();
    assert!(huis.verschilt, "{huis:?}");
    let punten = v["aandachtspunten"].to_string();
    assert!(
        punten.contains("Partner: de aanvrager zegt \\\"geen partner\\\""),
        "{punten}"
    );
}

//! Runs every scenario in `scenarios/*.toml` against the built-in parameter
//! files. The expected figures there are typed from the reference
//! (Normenbrief SZW), independently of the parameter files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_domain::GemeenteCode;
use gbi_rules::{Huishouden, Regels};
use serde_json::Value;

fn waarde(v: &gbi_rules::Berekening<'_>, sleutel: &str) -> Value {
    let u = serde_json::to_value(v.uitkomst).unwrap();
    match sleutel {
        "iit_recht" => Value::Bool(v.iit.unwrap().recht),
        "iit_bedrag_cents" => v.iit.unwrap().bedrag_cents.into(),
        "iit_reden" => v.iit.unwrap().reden.map_or(Value::Null, |r| r.into()),
        "bb_cents" => v
            .bijzondere_bijstand
            .unwrap()
            .bijzondere_bijstand_cents
            .into(),
        "draagkracht_cents" => v.bijzondere_bijstand.unwrap().draagkracht_cents.into(),
        _ => u
            .get(sleutel)
            .cloned()
            .unwrap_or_else(|| panic!("onbekende verwachting {sleutel}")),
    }
}

#[test]
fn alle_scenarios_kloppen() {
    let regels = Regels::ingebouwd().unwrap();
    let map = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let mut bestanden: Vec<_> = std::fs::read_dir(map)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    bestanden.sort();
    let (mut aantal, mut fouten) = (0, Vec::new());
    for pad in bestanden {
        let tekst = std::fs::read_to_string(&pad).unwrap();
        let t: toml::Table = tekst.parse().unwrap();
        let naam_bestand = pad.file_name().unwrap().to_string_lossy().to_string();
        for s in t["scenario"].as_array().unwrap() {
            aantal += 1;
            let naam = format!(
                "{naam_bestand}: {} ({})",
                s["naam"].as_str().unwrap(),
                s["datum"].as_str().unwrap()
            );
            let datum =
                NaiveDate::parse_from_str(s["datum"].as_str().unwrap(), "%Y-%m-%d").unwrap();
            let gemeente = s
                .get("gemeente")
                .map(|g| GemeenteCode::parse(g.as_str().unwrap()).unwrap());
            let json = serde_json::to_value(&s["huishouden"]).unwrap();
            let h: Huishouden =
                serde_json::from_value(json).unwrap_or_else(|e| panic!("{naam}: {e}"));
            let verwacht = s["verwacht"].as_table().unwrap();
            match regels.bereken(&h, datum, gemeente) {
                Err(e) => match verwacht.get("fout") {
                    Some(code) if code.as_str() == Some(e.code()) => {}
                    _ => fouten.push(format!("{naam}: fout {e}")),
                },
                Ok(b) => {
                    if let Some(code) = verwacht.get("fout") {
                        fouten.push(format!(
                            "{naam}: verwachtte fout {code}, kreeg {:?}",
                            b.uitkomst
                        ));
                        continue;
                    }
                    for (k, v) in verwacht {
                        let kreeg = waarde(&b, k);
                        let v = serde_json::to_value(v).unwrap();
                        if kreeg != v {
                            fouten.push(format!("{naam}: {k} verwacht {v}, kreeg {kreeg}"));
                        }
                    }
                }
            }
        }
    }
    assert!(aantal > 200, "te weinig scenario's: {aantal}");
    assert!(
        fouten.is_empty(),
        "{} van {aantal} scenario's kloppen niet:\n{}",
        fouten.len(),
        fouten.join("\n")
    );
}

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

/// The full IIT assessment or bijzondere-bijstand request as JSON, with
/// short lists for the expectations: `vragen` (what a person must judge),
/// `redenen`, `ontbrekende_documenten`.
fn regeling(
    regels: &Regels,
    h: &Huishouden,
    datum: NaiveDate,
    gemeente: Option<GemeenteCode>,
    soort: &str,
) -> Result<Value, String> {
    let g = gemeente.ok_or("een regeling heeft een gemeente")?;
    let mut v = match soort {
        "iit" => serde_json::to_value(
            regels
                .beoordeel_iit(h, datum, g)
                .map_err(|e| e.to_string())?
                .beoordeling,
        ),
        _ => serde_json::to_value(
            regels
                .bereken_bijzondere_bijstand(h, datum, g)
                .map_err(|e| e.to_string())?
                .beoordeling,
        ),
    }
    .map_err(|e| e.to_string())?;
    let vragen: Vec<Value> = v["voor_medewerker"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| match soort {
            "iit" => x["vraag"].clone(),
            _ => x["document"].clone(),
        })
        .collect();
    let naam = if soort == "iit" {
        "vragen"
    } else {
        "ontbrekende_documenten"
    };
    v[naam] = Value::Array(vragen);
    Ok(v)
}

/// A value in the JSON by a dotted path: `draagkracht.totaal_cents`.
fn bij_pad<'v>(v: &'v Value, pad: &str) -> &'v Value {
    pad.split('.')
        .fold(v, |v, k| match (v, k.parse::<usize>()) {
            (Value::Array(a), Ok(i)) => a.get(i).unwrap_or(&Value::Null),
            _ => &v[k],
        })
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
                        if (k == "iit" || k == "bb")
                            && let Some(t) = v.as_table()
                        {
                            match regeling(&regels, &h, datum, gemeente, k) {
                                Err(e) => fouten.push(format!("{naam}: {k}: fout {e}")),
                                Ok(r) => {
                                    for (sub, w) in t {
                                        let w = serde_json::to_value(w).unwrap();
                                        let kreeg = bij_pad(&r, sub);
                                        if *kreeg != w {
                                            fouten.push(format!(
                                                "{naam}: {k}.{sub} verwacht {w}, kreeg {kreeg}"
                                            ));
                                        }
                                    }
                                }
                            }
                            continue;
                        }
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

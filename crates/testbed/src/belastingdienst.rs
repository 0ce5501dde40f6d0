//! Belastingdienst toetsingen: `POST /belastingdienst/v1/toetsingen`.
//!
//! Our own proposal for a data-minimal interface (see `docs/belastingdienst-toets-api.md`):
//! the gemeente asks yes/no questions about one person and never sees an
//! amount. Answers come from the generated population; persons from the BRP
//! test data and the Suwinet examples are known but get `ONBEKEND`.

use crate::AppState;
use crate::faults::Outcome;
use crate::population::{
    Ingezetene, Population, Rol, ToeslagSoort, UitkeringSoort, referentiedatum,
};
use crate::problem::{self, InvalidParam};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};

pub const DOELBINDINGEN: &[&str] = &[
    "PARTICIPATIEWET",
    "IOAW",
    "IOAZ",
    "BBZ",
    "SCHULDHULPVERLENING",
];
pub const SOORTEN: &[&str] = &[
    "VERZAMELINKOMEN_ONDER",
    "ONTVANGT_TOESLAG",
    "VERMOGEN_BOX3_ONDER",
];
pub const TOESLAGEN: &[&str] = &[
    "HUURTOESLAG",
    "ZORGTOESLAG",
    "KINDGEBONDEN_BUDGET",
    "KINDEROPVANGTOESLAG",
];

#[derive(Debug)]
enum Vraag {
    InkomenOnder { jaar: i32, grens: u64 },
    Toeslag { soort: ToeslagSoort, jaar: i32 },
    VermogenOnder { jaar: i32, grens: u64 },
}

fn toeslag(s: &str) -> Option<ToeslagSoort> {
    Some(match s {
        "HUURTOESLAG" => ToeslagSoort::Huurtoeslag,
        "ZORGTOESLAG" => ToeslagSoort::Zorgtoeslag,
        "KINDGEBONDEN_BUDGET" => ToeslagSoort::KindgebondenBudget,
        "KINDEROPVANGTOESLAG" => ToeslagSoort::Kinderopvangtoeslag,
        _ => return None,
    })
}

/// Months of `jaar` in which a period from `begin` to `einde` ran.
fn maanden(jaar: i32, begin: NaiveDate, einde: Option<NaiveDate>) -> u64 {
    (1..=12u32)
        .filter(|m| {
            let Some(eerste) = NaiveDate::from_ymd_opt(jaar, *m, 1) else {
                return false;
            };
            begin <= eerste && einde.is_none_or(|e| e > eerste)
        })
        .count() as u64
}

/// Taxable income of a generated resident in a year (cents).
pub fn verzamelinkomen(p: &Ingezetene, jaar: i32) -> u64 {
    let loon: u64 = p
        .dienstverbanden
        .iter()
        .map(|d| maanden(jaar, d.begin, d.einde) * d.bruto_maandloon_cents * 108 / 100)
        .sum();
    let uitkering: u64 = p
        .uitkeringen
        .iter()
        .filter(|u| u.soort != UitkeringSoort::Kinderbijslag)
        .map(|u| maanden(jaar, u.begin, None) * u.bedrag_cents * 110 / 100)
        .sum();
    loon + uitkering
}

fn beantwoord(pop: &Population, p: &Ingezetene, v: &Vraag) -> &'static str {
    let ref_jaar = referentiedatum().year();
    let ja_nee = |b: bool| if b { "JA" } else { "NEE" };
    match v {
        Vraag::InkomenOnder { jaar, grens } => {
            // Only years with a final assessment (before the reference year).
            if *jaar < 2019 || *jaar >= ref_jaar || p.geboortedatum.year() > *jaar {
                return "ONBEKEND";
            }
            ja_nee(verzamelinkomen(p, *jaar) < *grens)
        }
        Vraag::VermogenOnder { jaar, grens } => {
            if *jaar < 2019 || *jaar > ref_jaar {
                return "ONBEKEND";
            }
            ja_nee(p.vermogen_box3_cents < *grens)
        }
        Vraag::Toeslag { soort, jaar } => {
            if *jaar < ref_jaar - 2 || *jaar > ref_jaar {
                return "ONBEKEND";
            }
            if p.rol == Rol::Kind {
                return "NEE";
            }
            ja_nee(
                pop.huishouden_van(p)
                    .is_some_and(|h| h.toeslagen.contains(soort)),
            )
        }
    }
}

fn lees_vragen(body: &Value, fouten: &mut Vec<InvalidParam>) -> Vec<(String, Vraag)> {
    let mut uit = Vec::new();
    let Some(lijst) = body.get("vragen").and_then(Value::as_array) else {
        fouten.push(InvalidParam::new(
            "vragen",
            "required",
            "Parameter is verplicht.",
        ));
        return uit;
    };
    if lijst.is_empty() || lijst.len() > 20 {
        fouten.push(InvalidParam::new(
            "vragen",
            "array",
            "Geef 1 tot 20 vragen.",
        ));
        return uit;
    }
    let mut ids: Vec<String> = Vec::new();
    for (i, v) in lijst.iter().enumerate() {
        let naam = |veld: &str| format!("vragen[{i}].{veld}");
        let id = v.get("id").and_then(Value::as_str).unwrap_or("");
        if id.is_empty() || id.len() > 40 {
            fouten.push(InvalidParam::new(
                naam("id"),
                "required",
                "Elke vraag heeft een id van 1 tot 40 tekens.",
            ));
        } else if ids.iter().any(|x| x == id) {
            fouten.push(InvalidParam::new(
                naam("id"),
                "unique",
                "Het id komt al eerder voor.",
            ));
        }
        ids.push(id.to_string());
        let jaar = match v.get("jaar").and_then(Value::as_i64) {
            Some(j) if (2000..=2100).contains(&j) => j as i32,
            Some(_) => {
                fouten.push(InvalidParam::new(
                    naam("jaar"),
                    "range",
                    "Jaar ligt niet tussen 2000 en 2100.",
                ));
                0
            }
            None => {
                fouten.push(InvalidParam::new(
                    naam("jaar"),
                    "required",
                    "Parameter is verplicht.",
                ));
                0
            }
        };
        let grens = || match v.get("grens_cents") {
            Some(g) => g.as_u64().ok_or("integer"),
            None => Err("required"),
        };
        let vraag = match v.get("soort").and_then(Value::as_str) {
            Some("VERZAMELINKOMEN_ONDER") | Some("VERMOGEN_BOX3_ONDER") => match grens() {
                Ok(g)
                    if v.get("soort").and_then(Value::as_str) == Some("VERZAMELINKOMEN_ONDER") =>
                {
                    Some(Vraag::InkomenOnder { jaar, grens: g })
                }
                Ok(g) => Some(Vraag::VermogenOnder { jaar, grens: g }),
                Err(code) => {
                    fouten.push(InvalidParam::new(
                        naam("grens_cents"),
                        code,
                        "Geef de grens als geheel aantal centen, 0 of meer.",
                    ));
                    None
                }
            },
            Some("ONTVANGT_TOESLAG") => {
                match v.get("toeslag").and_then(Value::as_str).and_then(toeslag) {
                    Some(soort) => Some(Vraag::Toeslag { soort, jaar }),
                    None => {
                        fouten.push(InvalidParam::new(naam("toeslag"), "enum", "Kies HUURTOESLAG, ZORGTOESLAG, KINDGEBONDEN_BUDGET of KINDEROPVANGTOESLAG."));
                        None
                    }
                }
            }
            Some(_) => {
                fouten.push(InvalidParam::new(
                    naam("soort"),
                    "enum",
                    "Onbekende soort vraag.",
                ));
                None
            }
            None => {
                fouten.push(InvalidParam::new(
                    naam("soort"),
                    "required",
                    "Parameter is verplicht.",
                ));
                None
            }
        };
        if let Some(q) = vraag {
            uit.push((id.to_string(), q));
        }
    }
    uit
}

pub async fn toetsingen(State(state): State<AppState>, body: Bytes) -> Response {
    match state.faults.apply("belastingdienst").await {
        Outcome::Proceed => {}
        Outcome::Unavailable => return problem::unavailable("Belastingdienst"),
        Outcome::Timeout => return problem::gateway_timeout("Belastingdienst"),
    }
    let Ok(body @ Value::Object(_)) = serde_json::from_slice::<Value>(&body) else {
        return problem::bad_request(
            "Het verzoek is geen geldig JSON object.",
            vec![InvalidParam::new(
                "body",
                "json",
                "Body is geen geldig JSON object.",
            )],
        );
    };
    let mut fouten = Vec::new();
    let bsn = body.get("bsn").and_then(Value::as_str).unwrap_or("");
    if bsn.is_empty() {
        fouten.push(InvalidParam::new(
            "bsn",
            "required",
            "Parameter is verplicht.",
        ));
    } else if gbi_domain::Bsn::parse(bsn).is_err() {
        fouten.push(InvalidParam::new(
            "bsn",
            "bsn",
            "Geen geldig burgerservicenummer (9 cijfers, elfproef).",
        ));
    }
    match body.get("doelbinding").and_then(Value::as_str) {
        Some(d) if DOELBINDINGEN.contains(&d) => {}
        Some(_) => fouten.push(InvalidParam::new(
            "doelbinding",
            "enum",
            "Onbekende of niet toegestane doelbinding.",
        )),
        None => fouten.push(InvalidParam::new(
            "doelbinding",
            "required",
            "Parameter is verplicht.",
        )),
    }
    let vragen = lees_vragen(&body, &mut fouten);
    if !fouten.is_empty() {
        return problem::bad_request("Een of meerdere parameters zijn niet correct.", fouten);
    }
    let pop = &state.population;
    let persoon = pop.get(bsn);
    let bekend_zonder_gegevens =
        crate::brp::test_data().get(bsn).is_some() || crate::suwinet::canned_bsn(bsn);
    if persoon.is_none() && !bekend_zonder_gegevens {
        return problem::problem(
            StatusCode::NOT_FOUND,
            "not_found",
            "Persoon niet gevonden.",
            None,
        );
    }
    let antwoorden: Vec<Value> = vragen
        .iter()
        .map(|(id, v)| {
            let a = persoon.map(|p| beantwoord(pop, p, v)).unwrap_or("ONBEKEND");
            json!({"id": id, "antwoord": a})
        })
        .collect();
    let peildatum = gbi_domain::today_amsterdam().format("%Y-%m-%d").to_string();
    problem::json_response(
        StatusCode::OK,
        &json!({"antwoorden": antwoorden, "peildatum": peildatum}),
        "application/json",
    )
}

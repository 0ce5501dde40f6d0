//! Haal Centraal BRP Personen v2 (`POST /haalcentraal/api/brp/personen`).
//!
//! Persons come from the BRP test data (mock input converted to API output)
//! and from the generated population. Supported query types:
//! `RaadpleegMetBurgerservicenummer`, `ZoekMetPostcodeEnHuisnummer`,
//! `ZoekMetAdresseerbaarObjectIdentificatie` and
//! `ZoekMetNummeraanduidingIdentificatie`; other valid types answer 400
//! with code `notSupported`.

pub mod convert;
pub mod fields;
pub mod generated;

use crate::AppState;
use crate::faults::Outcome;
use crate::problem::{self, InvalidParam};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::OnceLock;

static TEST_DATA_JSON: &str = include_str!("../../data/brp/test-data.json");

/// The BRP test persons, converted once per process.
pub struct TestData {
    pub personen: Vec<Value>,
    by_bsn: HashMap<String, usize>,
}

impl TestData {
    pub fn get(&self, bsn: &str) -> Option<&Value> {
        self.by_bsn.get(bsn).and_then(|i| self.personen.get(*i))
    }

    pub fn bsns(&self) -> impl Iterator<Item = &str> {
        self.personen
            .iter()
            .filter_map(|p| p.get("burgerservicenummer").and_then(Value::as_str))
    }
}

pub fn test_data() -> &'static TestData {
    static DATA: OnceLock<TestData> = OnceLock::new();
    DATA.get_or_init(|| {
        let vandaag = vandaag();
        let ruw: Vec<Value> = serde_json::from_str(TEST_DATA_JSON).unwrap_or_default();
        let personen: Vec<Value> = ruw
            .iter()
            .map(|p| {
                let mut v = convert::persoon(p, vandaag);
                convert::schoon_omschrijvingen(&mut v);
                v
            })
            .collect();
        let by_bsn = personen
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((p.get("burgerservicenummer")?.as_str()?.to_string(), i)))
            .collect();
        TestData { personen, by_bsn }
    })
}

/// Today (the demo's date when `gbi serve --demo --vandaag` set one).
pub fn vandaag() -> NaiveDate {
    gbi_domain::today_amsterdam()
}

const TYPES: &[&str] = &[
    "RaadpleegMetBurgerservicenummer",
    "ZoekMetGeslachtsnaamEnGeboortedatum",
    "ZoekMetNaamEnGemeenteVanInschrijving",
    "ZoekMetPostcodeEnHuisnummer",
    "ZoekMetStraatHuisnummerEnGemeenteVanInschrijving",
    "ZoekMetNummeraanduidingIdentificatie",
    "ZoekMetAdresseerbaarObjectIdentificatie",
];

/// The full `Persoon` for a BSN, from the test data or the population.
pub fn persoon(state: &AppState, bsn: &str) -> Option<Value> {
    if let Some(p) = test_data().get(bsn) {
        return Some(p.clone());
    }
    let pop = &state.population;
    pop.get(bsn).map(|p| generated::persoon(pop, p, vandaag()))
}

fn is_overleden(p: &Value) -> bool {
    p.get("overlijden").is_some()
}

fn gemeente_code(p: &Value) -> Option<&str> {
    p.pointer("/gemeenteVanInschrijving/code")
        .and_then(Value::as_str)
}

pub async fn personen(State(state): State<AppState>, body: Bytes) -> Response {
    match state.faults.apply("brp").await {
        Outcome::Proceed => {}
        Outcome::Unavailable => return problem::unavailable("BRP"),
        Outcome::Timeout => return problem::gateway_timeout("BRP"),
    }
    let Ok(Value::Object(q)) = serde_json::from_slice::<Value>(&body) else {
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
    let soort = q.get("type").and_then(Value::as_str).unwrap_or("");
    if soort.is_empty() {
        fouten.push(InvalidParam::new(
            "type",
            "required",
            "Parameter is verplicht.",
        ));
    } else if !TYPES.contains(&soort) {
        fouten.push(InvalidParam::new(
            "type",
            "value",
            "Waarde heeft geen geldige waarde uit de enumeratie.",
        ));
    }
    let raadplegen = soort == "RaadpleegMetBurgerservicenummer";
    let toegestaan = if raadplegen {
        fields::PERSOON_FIELDS
    } else {
        fields::PERSOON_BEPERKT_FIELDS
    };
    let mut velden: Vec<String> = Vec::new();
    match q.get("fields") {
        None | Some(Value::Null) => fouten.push(InvalidParam::new(
            "fields",
            "required",
            "Parameter is verplicht.",
        )),
        Some(Value::Array(list)) if (1..=130).contains(&list.len()) => {
            for (i, f) in list.iter().enumerate() {
                match f.as_str() {
                    Some(s) => match fields::check(s, toegestaan) {
                        None => velden.push(s.to_string()),
                        Some(code) => fouten.push(InvalidParam::new(
                            format!("fields.{i}"),
                            code,
                            "Parameter bevat een niet bestaande veldnaam.",
                        )),
                    },
                    None => fouten.push(InvalidParam::new(
                        format!("fields.{i}"),
                        "string",
                        "Waarde is geen geldige string.",
                    )),
                }
            }
        }
        Some(Value::Array(_)) => fouten.push(InvalidParam::new(
            "fields",
            "array",
            "Array bevat minder dan 1 of meer dan 130 items.",
        )),
        Some(_) => fouten.push(InvalidParam::new(
            "fields",
            "array",
            "Parameter is geen array.",
        )),
    }
    let gemeente = match q.get("gemeenteVanInschrijving") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => {
            Some(s.clone())
        }
        Some(_) => {
            fouten.push(InvalidParam::new(
                "gemeenteVanInschrijving",
                "pattern",
                "Waarde voldoet niet aan het patroon van een gemeentecode.",
            ));
            None
        }
    };
    let inclusief_overleden = q
        .get("inclusiefOverledenPersonen")
        .and_then(Value::as_bool)
        .unwrap_or(false);

    let gevonden: Vec<Value> = match soort {
        "RaadpleegMetBurgerservicenummer" => raadpleeg(&state, &q, &mut fouten),
        "ZoekMetPostcodeEnHuisnummer" => {
            zoek_postcode(&state, &q, &mut fouten, inclusief_overleden)
        }
        "ZoekMetAdresseerbaarObjectIdentificatie" => zoek_id(
            &state,
            &q,
            &mut fouten,
            "adresseerbaarObjectIdentificatie",
            inclusief_overleden,
        ),
        "ZoekMetNummeraanduidingIdentificatie" => zoek_id(
            &state,
            &q,
            &mut fouten,
            "nummeraanduidingIdentificatie",
            inclusief_overleden,
        ),
        _ if fouten.is_empty() => {
            return problem::problem(
                StatusCode::BAD_REQUEST,
                "notSupported",
                "Dit zoektype wordt door de testomgeving niet ondersteund.",
                None,
            );
        }
        _ => Vec::new(),
    };
    if !fouten.is_empty() {
        return problem::bad_request("Een of meerdere parameters zijn niet correct.", fouten);
    }
    let personen: Vec<Value> = gevonden
        .into_iter()
        .filter(|p| {
            gemeente
                .as_deref()
                .is_none_or(|g| gemeente_code(p) == Some(g))
        })
        .map(|p| if raadplegen { p } else { fields::beperkt(&p) })
        .map(|p| fields::apply(&p, &velden))
        .collect();
    problem::json_response(
        StatusCode::OK,
        &json!({"type": soort, "personen": personen}),
        "application/json; charset=utf-8",
    )
}

fn raadpleeg(
    state: &AppState,
    q: &serde_json::Map<String, Value>,
    fouten: &mut Vec<InvalidParam>,
) -> Vec<Value> {
    let Some(list) = q.get("burgerservicenummer").and_then(Value::as_array) else {
        fouten.push(InvalidParam::new(
            "burgerservicenummer",
            "required",
            "Parameter is verplicht.",
        ));
        return Vec::new();
    };
    if list.is_empty() || list.len() > 20 {
        fouten.push(InvalidParam::new(
            "burgerservicenummer",
            "array",
            "Array bevat minder dan 1 of meer dan 20 items.",
        ));
        return Vec::new();
    }
    let mut uit = Vec::new();
    for (i, b) in list.iter().enumerate() {
        match b.as_str() {
            Some(s) if s.len() == 9 && s.bytes().all(|c| c.is_ascii_digit()) => {
                if let Some(p) = persoon(state, s) {
                    uit.push(p);
                }
            }
            _ => fouten.push(InvalidParam::new(
                format!("burgerservicenummer.{i}"),
                "pattern",
                "Waarde is geen burgerservicenummer van 9 cijfers.",
            )),
        }
    }
    uit
}

fn adres_van(p: &Value) -> Option<&Value> {
    let v = p.get("verblijfplaats")?;
    (v.get("type").and_then(Value::as_str) == Some("Adres")).then_some(v)
}

fn zoek_postcode(
    state: &AppState,
    q: &serde_json::Map<String, Value>,
    fouten: &mut Vec<InvalidParam>,
    overleden: bool,
) -> Vec<Value> {
    let postcode = match q.get("postcode").and_then(Value::as_str) {
        Some(p) => {
            let p = p.replace(' ', "").to_uppercase();
            let ok = p.len() == 6
                && p.as_bytes()[0] != b'0'
                && p[..4].bytes().all(|b| b.is_ascii_digit())
                && p[4..].bytes().all(|b| b.is_ascii_uppercase());
            if !ok {
                fouten.push(InvalidParam::new(
                    "postcode",
                    "pattern",
                    "Waarde is geen geldige postcode.",
                ));
            }
            p
        }
        None => {
            fouten.push(InvalidParam::new(
                "postcode",
                "required",
                "Parameter is verplicht.",
            ));
            String::new()
        }
    };
    let huisnummer = match q.get("huisnummer") {
        Some(v) => match v.as_u64() {
            Some(n) if (1..=99_999).contains(&n) => n as u32,
            _ => {
                fouten.push(InvalidParam::new(
                    "huisnummer",
                    "integer",
                    "Waarde is geen geldig getal.",
                ));
                0
            }
        },
        None => {
            fouten.push(InvalidParam::new(
                "huisnummer",
                "required",
                "Parameter is verplicht.",
            ));
            0
        }
    };
    if !fouten.is_empty() {
        return Vec::new();
    }
    let huisletter = q
        .get("huisletter")
        .and_then(Value::as_str)
        .map(str::to_uppercase);
    let mut uit: Vec<Value> = test_data()
        .personen
        .iter()
        .filter(|p| {
            adres_van(p).is_some_and(|a| {
                let va = &a["verblijfadres"];
                va.get("postcode")
                    .and_then(Value::as_str)
                    .map(|s| s.to_uppercase())
                    == Some(postcode.clone())
                    && va.get("huisnummer").and_then(Value::as_u64) == Some(huisnummer as u64)
            })
        })
        .cloned()
        .collect();
    let pop = &state.population;
    for h in pop.by_postcode_huisnummer(&postcode, huisnummer) {
        for i in &h.leden {
            if let Some(r) = pop.resident(*i) {
                uit.push(generated::persoon(pop, r, vandaag()));
            }
        }
    }
    uit.retain(|p| {
        (overleden || !is_overleden(p))
            && huisletter.as_ref().is_none_or(|l| {
                p.pointer("/verblijfplaats/verblijfadres/huisletter")
                    .and_then(Value::as_str)
                    .map(str::to_uppercase)
                    .as_ref()
                    == Some(l)
            })
    });
    uit
}

fn zoek_id(
    state: &AppState,
    q: &serde_json::Map<String, Value>,
    fouten: &mut Vec<InvalidParam>,
    veld: &str,
    overleden: bool,
) -> Vec<Value> {
    let id = match q.get(veld).and_then(Value::as_str) {
        Some(s)
            if s.len() == 16
                && s.bytes().all(|b| b.is_ascii_digit())
                && s.bytes().any(|b| b != b'0') =>
        {
            s.to_string()
        }
        Some(_) => {
            fouten.push(InvalidParam::new(
                veld,
                "pattern",
                "Waarde is geen identificatie van 16 cijfers.",
            ));
            return Vec::new();
        }
        None => {
            fouten.push(InvalidParam::new(
                veld,
                "required",
                "Parameter is verplicht.",
            ));
            return Vec::new();
        }
    };
    let mut uit: Vec<Value> = test_data()
        .personen
        .iter()
        .filter(|p| {
            adres_van(p)
                .and_then(|a| a.get(veld))
                .and_then(Value::as_str)
                == Some(id.as_str())
        })
        .cloned()
        .collect();
    let pop = &state.population;
    let h = if veld == "adresseerbaarObjectIdentificatie" {
        pop.by_adresseerbaar_object(&id)
    } else {
        pop.by_nummeraanduiding(&id)
    };
    if let Some(h) = h {
        for i in &h.leden {
            if let Some(r) = pop.resident(*i) {
                uit.push(generated::persoon(pop, r, vandaag()));
            }
        }
    }
    uit.retain(|p| overleden || !is_overleden(p));
    uit
}

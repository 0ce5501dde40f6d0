//! `POST /looplijst/v1/{bron}/vragen`: one yes/no question about up to 1000
//! onderwerpen (households as the gemeente sees them, 1–6 BSNs each).
//!
//! Answers come from the population's ground truth. The population is a
//! snapshot at its reference date, so the answer is the same whatever the
//! `peildatum`. An onderwerp with a BSN the population does not know gets
//! `ONBEKEND`.

use super::{BRONNEN, bsn_getal};
use crate::AppState;
use crate::faults::Outcome;
use crate::population::{Ingezetene, Population, UitkeringSoort, netto_van, referentiedatum};
use crate::problem::{self, InvalidParam};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Months, NaiveDate};
use serde_json::Value;

pub const DOELBINDING: &str = "PROACTIEVE_DIENSTVERLENING";
/// The purpose of a question about the household of one application.
pub const DOELBINDING_AANVRAAG: &str = "AANVRAAG_BEHANDELEN";
pub const MAX_ONDERWERPEN: usize = 1000;
pub const MAX_BSNS: usize = 6;
pub const REGELINGEN: &[&str] = &["BIJSTAND", "IIT", "BIJZONDERE_BIJSTAND"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Regeling {
    Bijstand,
    Iit,
    BijzondereBijstand,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Vraag {
    /// Combined net income strictly below (`strikt`) or at most `grens`.
    Inkomen {
        grens: u64,
        strikt: bool,
        maanden: u32,
    },
    Regeling {
        regeling: Regeling,
        maanden: u32,
    },
    VermogenOnder {
        grens: u64,
    },
}

const JA: &str = "JA";
const NEE: &str = "NEE";
const ONBEKEND: &str = "ONBEKEND";

fn ja_nee(b: bool) -> &'static str {
    if b { JA } else { NEE }
}

/// Current net monthly income of one resident as the polis administration
/// sees it: running jobs and pensions (net), AOW, bijstand and AIO.
pub fn netto_inkomen(p: &Ingezetene) -> u64 {
    let loon: u64 = p
        .dienstverbanden
        .iter()
        .filter(|d| d.einde.is_none())
        .map(|d| netto_van(d.bruto_maandloon_cents))
        .sum();
    let uitkering: u64 = p
        .uitkeringen
        .iter()
        .filter(|u| {
            matches!(
                u.soort,
                UitkeringSoort::Aow | UitkeringSoort::Bijstand | UitkeringSoort::Aio
            )
        })
        .map(|u| u.bedrag_cents)
        .sum();
    loon + uitkering
}

fn beantwoord(pop: &Population, personen: &[&Ingezetene], v: Vraag) -> &'static str {
    let Some(eerste) = personen.first() else {
        return ONBEKEND;
    };
    match v {
        Vraag::Inkomen {
            grens,
            strikt,
            maanden,
        } => {
            let inkomen: u64 = personen.iter().map(|p| netto_inkomen(p)).sum();
            let onder = if strikt {
                inkomen < grens
            } else {
                inkomen <= grens
            };
            if !onder {
                return NEE;
            }
            if maanden <= 3 {
                return JA;
            }
            let sinds = pop
                .huishouden_van(eerste)
                .and_then(|h| h.waarheid.laag_inkomen_sinds);
            let uiterlijk = referentiedatum().checked_sub_months(Months::new(maanden));
            ja_nee(matches!((sinds, uiterlijk), (Some(d), Some(u)) if d <= u))
        }
        Vraag::Regeling { regeling, .. } => ja_nee(personen.iter().any(|p| {
            pop.huishouden_van(p).is_some_and(|h| match regeling {
                Regeling::Bijstand => h.waarheid.ontvangt_bijstand,
                Regeling::Iit => h.waarheid.ontvangt_iit,
                Regeling::BijzondereBijstand => h.waarheid.ontvangt_bijzondere_bijstand,
            })
        })),
        Vraag::VermogenOnder { grens } => {
            let Some(h) = pop.huishouden_van(eerste) else {
                return ONBEKEND;
            };
            let vermogen: u64 = h
                .leden
                .iter()
                .filter_map(|i| pop.resident(*i))
                .map(|p| p.vermogen_box3_cents)
                .sum();
            ja_nee(vermogen < grens)
        }
    }
}

/// The BSNs of every onderwerp as numbers, for the record; anything that is
/// not nine digits is left out.
fn onderwerpen_voor_registratie(body: &Value) -> Vec<Vec<u32>> {
    let Some(lijst) = body.get("onderwerpen").and_then(Value::as_array) else {
        return Vec::new();
    };
    lijst
        .iter()
        .map(|o| {
            o.get("bsns")
                .and_then(Value::as_array)
                .map(|b| {
                    b.iter()
                        .filter_map(Value::as_str)
                        .filter_map(bsn_getal)
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

fn lees_onderwerpen(body: &Value, fouten: &mut Vec<InvalidParam>) -> Vec<Vec<u32>> {
    let Some(lijst) = body.get("onderwerpen").and_then(Value::as_array) else {
        fouten.push(InvalidParam::new(
            "onderwerpen",
            "required",
            "Parameter is verplicht.",
        ));
        return Vec::new();
    };
    if lijst.is_empty() || lijst.len() > MAX_ONDERWERPEN {
        fouten.push(InvalidParam::new(
            "onderwerpen",
            "array",
            "Geef 1 tot 1000 onderwerpen.",
        ));
        return Vec::new();
    }
    let mut uit = Vec::with_capacity(lijst.len());
    for (i, o) in lijst.iter().enumerate() {
        let Some(bsns) = o.get("bsns").and_then(Value::as_array) else {
            fouten.push(InvalidParam::new(
                format!("onderwerpen[{i}].bsns"),
                "required",
                "Parameter is verplicht.",
            ));
            continue;
        };
        if bsns.is_empty() || bsns.len() > MAX_BSNS {
            fouten.push(InvalidParam::new(
                format!("onderwerpen[{i}].bsns"),
                "array",
                "Geef 1 tot 6 burgerservicenummers.",
            ));
            continue;
        }
        let mut nummers = Vec::with_capacity(bsns.len());
        for (j, b) in bsns.iter().enumerate() {
            let s = b.as_str().unwrap_or("");
            match gbi_domain::Bsn::parse(s).ok().and_then(|_| bsn_getal(s)) {
                Some(n) => nummers.push(n),
                None => fouten.push(InvalidParam::new(
                    format!("onderwerpen[{i}].bsns[{j}]"),
                    "bsn",
                    "Geen geldig burgerservicenummer (9 cijfers, elfproef).",
                )),
            }
        }
        uit.push(nummers);
    }
    uit
}

fn getal(body: &Value, veld: &str, bereik: (u64, u64), fouten: &mut Vec<InvalidParam>) -> u64 {
    match body.get(veld).filter(|v| !v.is_null()) {
        None => {
            fouten.push(InvalidParam::new(
                veld,
                "required",
                "Parameter is verplicht.",
            ));
            0
        }
        Some(v) => match v.as_u64() {
            Some(n) if (bereik.0..=bereik.1).contains(&n) => n,
            _ => {
                let reden = if bereik.1 == u64::MAX {
                    "Geef een geheel aantal centen, 0 of meer.".to_string()
                } else {
                    format!("Geef een geheel getal van {} tot {}.", bereik.0, bereik.1)
                };
                fouten.push(InvalidParam::new(veld, "integer", &reden));
                0
            }
        },
    }
}

fn lees_vraag(bron: &str, body: &Value, fouten: &mut Vec<InvalidParam>) -> Option<Vraag> {
    let soort = match body.get("vraag").and_then(Value::as_str) {
        Some(s) => s,
        None => {
            fouten.push(InvalidParam::new(
                "vraag",
                "required",
                "Parameter is verplicht.",
            ));
            return None;
        }
    };
    let grens = |f: &mut Vec<InvalidParam>| getal(body, "grens_cents", (0, u64::MAX), f);
    let maanden = |f: &mut Vec<InvalidParam>| getal(body, "maanden", (1, 120), f) as u32;
    match (bron, soort) {
        ("uwv", "INKOMEN_ONDER" | "INKOMEN_TEN_HOOGSTE") => Some(Vraag::Inkomen {
            grens: grens(fouten),
            strikt: soort == "INKOMEN_ONDER",
            maanden: maanden(fouten),
        }),
        ("bijstandsregelingen", "ONTVANGT_REGELING") => {
            let regeling = match body.get("regeling").and_then(Value::as_str) {
                Some("BIJSTAND") => Some(Regeling::Bijstand),
                Some("IIT") => Some(Regeling::Iit),
                Some("BIJZONDERE_BIJSTAND") => Some(Regeling::BijzondereBijstand),
                Some(_) => {
                    fouten.push(InvalidParam::new(
                        "regeling",
                        "enum",
                        "Kies BIJSTAND, IIT of BIJZONDERE_BIJSTAND.",
                    ));
                    None
                }
                None => {
                    fouten.push(InvalidParam::new(
                        "regeling",
                        "required",
                        "Parameter is verplicht.",
                    ));
                    None
                }
            };
            let maanden = maanden(fouten);
            regeling.map(|regeling| Vraag::Regeling { regeling, maanden })
        }
        ("belastingdienst", "VERMOGEN_ONDER") => Some(Vraag::VermogenOnder {
            grens: grens(fouten),
        }),
        _ => {
            fouten.push(InvalidParam::new(
                "vraag",
                "vraagNietOndersteund",
                &format!("Deze bron beantwoordt de vraag {soort} niet."),
            ));
            None
        }
    }
}

pub async fn vragen(
    State(state): State<AppState>,
    Path(bron): Path<String>,
    body: Bytes,
) -> Response {
    if !BRONNEN.contains(&bron.as_str()) {
        return problem::problem(
            StatusCode::NOT_FOUND,
            "not_found",
            "Onbekende bron.",
            Some(&bron),
        );
    }
    let parsed = serde_json::from_slice::<Value>(&body);
    // What reached the source is recorded before anything else, including
    // requests it then refuses.
    if let Ok(v) = &parsed {
        state
            .looplijst
            .registreer(&bron, &onderwerpen_voor_registratie(v));
    }
    // The source's own fault, then the one of its vragen endpoint only
    // (`looplijst_uwv`, …), so a test can take the questions down while
    // the source's other interfaces stay up.
    for fout in [bron.clone(), format!("looplijst_{bron}")] {
        match state.faults.apply(&fout).await {
            Outcome::Proceed => {}
            Outcome::Unavailable => return problem::unavailable(&bron),
            Outcome::Timeout => return problem::gateway_timeout(&bron),
        }
    }
    let Ok(body @ Value::Object(_)) = parsed else {
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
    match body.get("doelbinding").and_then(Value::as_str) {
        Some(DOELBINDING | DOELBINDING_AANVRAAG) => {}
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
    match body.get("peildatum").and_then(Value::as_str) {
        Some(d) if NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok() => {}
        Some(_) => fouten.push(InvalidParam::new(
            "peildatum",
            "date",
            "Geef een datum als JJJJ-MM-DD.",
        )),
        None => fouten.push(InvalidParam::new(
            "peildatum",
            "required",
            "Parameter is verplicht.",
        )),
    }
    let vraag = lees_vraag(&bron, &body, &mut fouten);
    let onderwerpen = lees_onderwerpen(&body, &mut fouten);
    let Some(vraag) = vraag.filter(|_| fouten.is_empty()) else {
        let code = if fouten.iter().any(|f| f.code == "vraagNietOndersteund") {
            Some("vraagNietOndersteund")
        } else {
            None
        };
        return problem::bad_request_met_code(
            "Een of meerdere parameters zijn niet correct.",
            code,
            fouten,
        );
    };
    let pop = &state.population;
    let mut personen: Vec<&Ingezetene> = Vec::with_capacity(MAX_BSNS);
    let antwoorden: Vec<&'static str> = onderwerpen
        .iter()
        .map(|bsns| {
            personen.clear();
            for n in bsns {
                match pop.by_bsn_getal(*n) {
                    Some(p) if personen.iter().all(|q| q.index != p.index) => personen.push(p),
                    Some(_) => {}
                    None => return ONBEKEND,
                }
            }
            beantwoord(pop, &personen, vraag)
        })
        .collect();
    problem::json_response(
        StatusCode::OK,
        &serde_json::json!({ "antwoorden": antwoorden }),
        "application/json",
    )
}

//! Socrates (Wigo4it) "LO Behandeld": `POST /socrates/api/v{version}/LOBehandeld`.
//!
//! The body is validated against `ZaakLOBehandeld` of the koppelvlak
//! specification (release 2026.030). Valid messages get 202 with a
//! `ResponseLOBehandeld` and are kept in memory (`GET
//! /admin/socrates/ontvangen`); invalid ones get 422 with the errors in
//! `fouten`.

use crate::AppState;
use crate::faults::Outcome;
use crate::problem;
use crate::schema::Validator;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex, OnceLock};

static SPEC: &str = include_str!("../data/socrates/oas-wigo4it-koppelvak-lo-2026.030.json");

pub fn validator() -> &'static Validator {
    static V: OnceLock<Validator> = OnceLock::new();
    V.get_or_init(|| Validator::new(serde_json::from_str(SPEC).unwrap_or(Value::Null)))
}

#[derive(Clone, Debug, Serialize)]
pub struct Ontvangen {
    pub response_id: String,
    pub ontvangen_op: String,
    pub bericht: Value,
}

/// Messages received by the Socrates simulator.
#[derive(Clone, Debug, Default)]
pub struct Inbox {
    inner: Arc<Mutex<Vec<Ontvangen>>>,
}

impl Inbox {
    pub fn all(&self) -> Vec<Ontvangen> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn push(&self, o: Ontvangen) {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).push(o);
    }
}

fn antwoord(status: StatusCode, body: Value) -> Response {
    problem::json_response(status, &body, "application/json")
}

pub async fn lo_behandeld(
    State(state): State<AppState>,
    Path(version): Path<String>,
    body: Bytes,
) -> Response {
    match state.faults.apply("socrates").await {
        Outcome::Proceed => {}
        Outcome::Unavailable => return problem::unavailable("Socrates"),
        Outcome::Timeout => return problem::gateway_timeout("Socrates"),
    }
    let nu = chrono::Utc::now().to_rfc3339();
    let response_id = uuid::Uuid::new_v4().to_string();
    if !version.starts_with('v') {
        return problem::problem(
            StatusCode::NOT_FOUND,
            "not_found",
            "Onbekende versie.",
            None,
        );
    }
    let bericht: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return antwoord(
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({
                    "berichtId": Value::Null, "responseId": response_id, "timestamp": nu,
                    "foutcode": "JSON", "foutomschrijving": "Bericht is geen geldige JSON.",
                    "details": e.to_string(), "fouten": [e.to_string()],
                }),
            );
        }
    };
    let bericht_id = bericht
        .get("identificatie")
        .and_then(Value::as_str)
        .map(str::to_string);
    let fouten = validator().validate("ZaakLOBehandeld", &bericht);
    if !fouten.is_empty() {
        return antwoord(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({
                "berichtId": bericht_id, "responseId": response_id, "timestamp": nu,
                "foutcode": "VALIDATIE", "foutomschrijving": "Bericht voldoet niet aan ZaakLOBehandeld.",
                "details": Value::Null, "fouten": fouten,
            }),
        );
    }
    state.socrates.push(Ontvangen {
        response_id: response_id.clone(),
        ontvangen_op: nu.clone(),
        bericht,
    });
    antwoord(
        StatusCode::ACCEPTED,
        json!({"berichtId": bericht_id, "responseId": response_id, "timestamp": nu}),
    )
}

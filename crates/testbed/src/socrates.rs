//! Socrates (Wigo4it) "LO Behandeld": `POST /socrates/api/v{version}/LOBehandeld`.
//!
//! The body is validated against `ZaakLOBehandeld` of the koppelvlak
//! specification (release 2026.030) with a real JSON-Schema validator
//! (`socrates_schema`: formats, patterns, lengths, enums, required). Valid
//! messages get 202 with a `ResponseLOBehandeld` and are kept in memory
//! (`GET /admin/socrates/ontvangen`); invalid ones get 422 with the errors
//! in `fouten` ("<field>: <reason>") and, problem-JSON style, in
//! `invalidParams` (`name` is the JSON pointer of the field).

use crate::AppState;
use crate::faults::Outcome;
use crate::problem;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};

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
    let fouten = crate::socrates_schema::valideer(&bericht);
    if !fouten.is_empty() {
        let velden: Vec<&str> = fouten.iter().map(|f| f.veld.as_str()).collect();
        return problem::json_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!({
                "berichtId": bericht_id, "responseId": response_id, "timestamp": nu,
                "foutcode": "VALIDATIE", "foutomschrijving": "Bericht voldoet niet aan ZaakLOBehandeld.",
                "details": format!("Ongeldige velden: {}", velden.join(", ")),
                "fouten": fouten.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "type": "https://gbi.example/problemen/validatie",
                "title": "Bericht voldoet niet aan ZaakLOBehandeld.",
                "status": 422,
                "invalidParams": fouten.iter().map(|f| json!({"name": f.veld, "reason": f.reden})).collect::<Vec<_>>(),
            }),
            "application/problem+json",
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

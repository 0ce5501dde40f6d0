//! Admin endpoints: faults, ground truth of the population, and the
//! messages Socrates received.

use crate::AppState;
use crate::faults::Fault;
use crate::problem;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub async fn faults_all(State(state): State<AppState>) -> Response {
    Json(state.faults.all()).into_response()
}

pub async fn faults_reset(State(state): State<AppState>) -> Response {
    state.faults.reset();
    Json(state.faults.all()).into_response()
}

pub async fn fault_get(State(state): State<AppState>, Path(source): Path<String>) -> Response {
    if !crate::faults::SOURCES.contains(&source.as_str()) {
        return problem::problem(
            StatusCode::NOT_FOUND,
            "not_found",
            "Onbekende bron.",
            Some(&source),
        );
    }
    Json(state.faults.get(&source)).into_response()
}

pub async fn fault_put(
    State(state): State<AppState>,
    Path(source): Path<String>,
    body: Bytes,
) -> Response {
    let fault: Fault = match serde_json::from_slice(&body) {
        Ok(f) => f,
        Err(e) => {
            return problem::bad_request(
                "Ongeldige storing.",
                vec![problem::InvalidParam::new("body", "json", &e.to_string())],
            );
        }
    };
    if !(0.0..=1.0).contains(&fault.error_rate) {
        return problem::bad_request(
            "Ongeldige storing.",
            vec![problem::InvalidParam::new(
                "error_rate",
                "range",
                "Waarde ligt niet tussen 0 en 1.",
            )],
        );
    }
    match state.faults.set(&source, fault) {
        Ok(()) => Json(state.faults.get(&source)).into_response(),
        Err(e) => problem::problem(
            StatusCode::NOT_FOUND,
            "not_found",
            "Onbekende bron.",
            Some(&e.0),
        ),
    }
}

pub async fn population_get(State(state): State<AppState>, Path(bsn): Path<String>) -> Response {
    match state.population.grondwaarheid(&bsn) {
        Some(v) => Json(v).into_response(),
        None => problem::problem(
            StatusCode::NOT_FOUND,
            "not_found",
            "Geen gegenereerde ingezetene met dit burgerservicenummer.",
            None,
        ),
    }
}

pub async fn population_stats(State(state): State<AppState>) -> Response {
    Json(state.population.statistieken()).into_response()
}

pub async fn socrates_ontvangen(State(state): State<AppState>) -> Response {
    Json(state.socrates.all()).into_response()
}

//! Operations endpoints: liveness, readiness and metrics.

use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde_json::json;

/// The process is up.
pub async fn live() -> impl IntoResponse {
    Json(json!({ "status": "ok" }))
}

/// The database answers and its schema is current.
pub async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let (db_ok, schema) = match state.db.ping().await {
        Ok(()) => match state.db.migration_status().await {
            Ok(s) => (true, Some(s)),
            Err(_) => (true, None),
        },
        Err(_) => (false, None),
    };
    let current = schema.as_ref().is_some_and(|s| s.is_current());
    let body = json!({
        "status": if db_ok && current { "ok" } else { "unavailable" },
        "checks": {
            "database": if db_ok { "ok" } else { "onbereikbaar" },
            "migrations": match &schema {
                Some(s) if s.is_current() => "ok".to_owned(),
                Some(s) => format!("versie {} van {}", s.applied, s.latest),
                None => "onbekend".to_owned(),
            },
        }
    });
    let status = if db_ok && current {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body))
}

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let uptime = state.started.elapsed().as_secs_f64();
    let body = state.metrics.render(&[(
        "gbi_uptime_seconds",
        "Seconds since the server started.",
        uptime,
    )]);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
}

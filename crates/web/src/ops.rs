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

/// Parameters or policy that will be missing within six weeks (a warning,
/// not a failure: the server works until the day itself).
pub fn ontbrekende_parameters(state: &AppState) -> Vec<String> {
    ontbrekend(state, |_| true)
}

/// The same, for one gemeente: the national topics and its own policy.
pub fn ontbrekend_voor(state: &AppState, gemeente: gbi_domain::GemeenteCode) -> Vec<String> {
    ontbrekend(state, |g| g.is_none_or(|g| g == gemeente))
}

fn ontbrekend(
    state: &AppState,
    filter: impl Fn(Option<gbi_domain::GemeenteCode>) -> bool,
) -> Vec<String> {
    let Some(regels) = &state.regels else {
        return Vec::new();
    };
    let van = gbi_domain::today_amsterdam();
    let tot = van
        .checked_add_days(chrono::Days::new(gbi_rules::params::VOORUITKIJKEN_DAGEN))
        .unwrap_or(van);
    regels
        .parameters
        .ontbrekend(van, tot)
        .iter()
        .filter(|o| filter(o.gemeente))
        .map(ToString::to_string)
        .collect()
}

/// How long `/health/ready` waits for the database before it says no.
const READY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// Whether this instance may take traffic (for a load balancer): it is not
/// stopping, the database answers within two seconds and its schema is
/// current. Cheap: one ping and one small query, nothing per gemeente.
/// Parameters that will be missing soon are reported as warnings.
pub async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let stopping = state.stopping.load(std::sync::atomic::Ordering::Relaxed);
    let check = async {
        state.db.ping().await?;
        state.db.migration_status().await
    };
    let (db_ok, schema) = if stopping {
        (false, None)
    } else {
        match tokio::time::timeout(READY_TIMEOUT, check).await {
            Ok(Ok(s)) => (true, Some(s)),
            Ok(Err(_)) | Err(_) => (false, None),
        }
    };
    let current = schema.as_ref().is_some_and(|s| s.is_current());
    let ok = !stopping && db_ok && current;
    let body = json!({
        "status": if ok { "ok" } else { "unavailable" },
        "checks": {
            "stopping": stopping,
            "database": if stopping { "niet gevraagd" } else if db_ok { "ok" } else { "onbereikbaar" },
            "migrations": match &schema {
                Some(s) if s.is_current() => "ok".to_owned(),
                Some(s) => format!("versie {} van {}", s.applied, s.latest),
                None => "onbekend".to_owned(),
            },
        },
        "warnings": ontbrekende_parameters(&state),
    });
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body))
}

/// GET /metrics: for the monitoring, not for the public. With a
/// `metrics_token` configured the request must carry it as a bearer token;
/// without one only a demo shows the figures.
pub async fn metrics(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    let gegeven = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let toegelaten = match (&state.settings.metrics_token, gegeven) {
        (Some(token), Some(gegeven)) => {
            use subtle::ConstantTimeEq;
            bool::from(token.as_bytes().ct_eq(gegeven.as_bytes()))
        }
        (Some(_), None) => false,
        (None, _) => state.settings.demo,
    };
    if !toegelaten {
        let status = if state.settings.metrics_token.is_some() {
            axum::http::StatusCode::UNAUTHORIZED
        } else {
            axum::http::StatusCode::NOT_FOUND
        };
        return (status, [(header::WWW_AUTHENTICATE, "Bearer")]).into_response();
    }
    metrics_body(&state).into_response()
}

fn metrics_body(state: &AppState) -> impl IntoResponse {
    let uptime = state.started.elapsed().as_secs_f64();
    let ontbrekend = ontbrekende_parameters(state).len() as f64;
    let body = state.metrics.render(&[
        (
            "gbi_uptime_seconds",
            "Seconds since the server started.",
            uptime,
        ),
        (
            "gbi_parameters_ontbrekend",
            "Topics of national parameters or municipal policy that will be missing within six weeks.",
            ontbrekend,
        ),
    ]);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
}

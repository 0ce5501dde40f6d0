//! The processing log of the caller's gemeente (functioneel beheer), and the
//! public register of processing activities.

use crate::AppState;
use crate::auth::ApiStaff;
use crate::error::ApiError;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use gbi_domain::Bsn;
use gbi_store::logboek::{self, LogRecord, Verwerkingsactiviteit};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogQuery {
    /// Only records about this resident.
    bsn: Option<String>,
    /// Only records older than this sequence number (paging).
    voor: Option<i64>,
    limiet: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    ApiStaff(staff): ApiStaff,
    query: Result<Query<LogQuery>, QueryRejection>,
) -> Result<Json<Vec<LogRecord>>, ApiError> {
    let Query(q) = query.map_err(super::bad_query)?;
    let bsn = match q.bsn.as_deref().filter(|b| !b.trim().is_empty()) {
        Some(b) => Some(Bsn::parse(b).map_err(|e| ApiError::field("bsn", e.code, e.message))?),
        None => None,
    };
    let records = logboek::list(
        &state.db,
        &staff.scope(),
        bsn.as_ref(),
        q.voor,
        q.limiet.unwrap_or(100),
    )
    .await?;
    Ok(Json(records))
}

pub async fn activiteiten() -> Json<&'static [&'static Verwerkingsactiviteit]> {
    Json(logboek::ACTIVITEITEN)
}

//! The processing log of the caller's gemeente (functioneel beheer), in the
//! shape of the Logboek Dataverwerkingen standard, and the public register
//! of processing activities: GBI's list, and per gemeente the register API
//! of the standard (`rvva-openapi.json`), read-only.

use crate::AppState;
use crate::auth::ApiStaff;
use crate::error::ApiError;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use gbi_domain::{Bsn, GemeenteCode};
use gbi_store::logboek::{self, Logregel, Verwerkingsactiviteit, register};
use serde::Deserialize;
use serde_json::Value;

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
) -> Result<Json<Vec<Logregel>>, ApiError> {
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
    Ok(Json(records.iter().map(|r| r.standaard()).collect()))
}

pub async fn activiteiten() -> Json<&'static [&'static Verwerkingsactiviteit]> {
    Json(logboek::ACTIVITEITEN)
}

/// The gemeente of a register path; 404 for one GBI does not serve.
async fn gemeente(
    state: &AppState,
    code: &str,
) -> Result<gbi_store::gemeenten::Gemeente, ApiError> {
    let code = GemeenteCode::parse(code).map_err(|_| ApiError::not_found())?;
    gbi_store::gemeenten::get(&state.db, &code)
        .await?
        .ok_or_else(ApiError::not_found)
}

fn activiteit(id: &str) -> Result<&'static Verwerkingsactiviteit, ApiError> {
    let uuid = uuid::Uuid::parse_str(id).map_err(|_| ApiError::not_found())?;
    register::zoek(&uuid).ok_or_else(ApiError::not_found)
}

/// `GET /processing_activities/{processingActivityId}`.
pub async fn processing_activity(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    gemeente(&state, &code).await?;
    Ok(Json(register::processing_activity(activiteit(&id)?)))
}

/// `GET /processing_activities/{processingActivityId}/versions/{processingActivityVersionNumber}`.
pub async fn processing_activity_version(
    State(state): State<AppState>,
    Path((code, id, versie)): Path<(String, String, String)>,
) -> Result<Json<Value>, ApiError> {
    let g = gemeente(&state, &code).await?;
    let a = activiteit(&id)?;
    if versie.parse::<f64>().ok() != Some(f64::from(register::VERSIE)) {
        return Err(ApiError::not_found());
    }
    Ok(Json(register::processing_activity_version(
        g.gemeente_code.as_str(),
        a,
    )))
}

/// `GET /entities/{entityId}`: the gemeente, the controller.
pub async fn entity(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let g = gemeente(&state, &code).await?;
    let gevraagd = uuid::Uuid::parse_str(&id).map_err(|_| ApiError::not_found())?;
    if gevraagd != register::gemeente_uuid(g.gemeente_code.as_str()) {
        return Err(ApiError::not_found());
    }
    Ok(Json(register::entity(g.gemeente_code.as_str(), &g.naam)))
}

/// What `dpl.core.data_subject_id_type` points to.
pub async fn data_subject_id_type(
    State(state): State<AppState>,
    Path((code, soort)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    gemeente(&state, &code).await?;
    if soort != logboek::BETROKKENE_TYPE {
        return Err(ApiError::not_found());
    }
    Ok(Json(register::betrokkene_type()))
}

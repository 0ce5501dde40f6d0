//! The staff of the caller's gemeente (functioneel beheer, teamleiders).

use crate::AppState;
use crate::auth::ApiStaff;
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use gbi_store::medewerkers::{self, Medewerker};

pub async fn list(
    State(state): State<AppState>,
    ApiStaff(staff): ApiStaff,
) -> Result<Json<Vec<Medewerker>>, ApiError> {
    Ok(Json(medewerkers::list(&state.db, &staff.scope()).await?))
}

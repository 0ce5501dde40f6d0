//! Log in and out through the API (for API clients and tests).

use crate::AppState;
use crate::auth::ApiStaff;
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use gbi_store::medewerkers;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    gebruikersnaam: String,
    wachtwoord: String,
}

pub async fn create(
    State(state): State<AppState>,
    body: Result<Json<Login>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Json(login) = body.map_err(super::bad_json)?;
    match medewerkers::login(&state.db, &login.gebruikersnaam, &login.wachtwoord).await? {
        Some(s) => Ok((
            StatusCode::CREATED,
            Json(json!({
                "token": s.token,
                "verlooptOverSeconden": medewerkers::SESSION_SECONDS,
                "medewerker": s.medewerker,
            })),
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "login_failed",
            "Inloggen mislukt.",
            "De gebruikersnaam of het wachtwoord klopt niet.",
        )),
    }
}

pub async fn delete_current(
    State(state): State<AppState>,
    ApiStaff(staff): ApiStaff,
) -> Result<StatusCode, ApiError> {
    medewerkers::logout(&state.db, &staff.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

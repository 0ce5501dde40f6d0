//! Log in and out through the API (for API clients and tests).

use crate::AppState;
use crate::auth::ApiStaff;
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use gbi_store::inlogpogingen::{self, Inlog};
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
    ext: axum::http::Extensions,
    headers: axum::http::HeaderMap,
    body: Result<Json<Login>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Json(login) = body.map_err(super::bad_json)?;
    let adres = crate::security::client_address(&state.settings, &ext, &headers);
    match inlogpogingen::inloggen(&state.db, &login.gebruikersnaam, &login.wachtwoord, &adres)
        .await?
    {
        Inlog::Gelukt(s) => Ok((
            StatusCode::CREATED,
            Json(json!({
                "token": s.token,
                "verlooptOverSeconden": medewerkers::SESSION_SECONDS,
                "medewerker": s.medewerker,
            })),
        )),
        Inlog::Mislukt => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "login_failed",
            "Inloggen mislukt.",
            "De gebruikersnaam of het wachtwoord klopt niet.",
        )),
        Inlog::Geblokkeerd => Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "login_locked",
            "Tijdelijk geblokkeerd.",
            crate::pages::inloggen::GEBLOKKEERD,
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

//! Residents log in with DigiD through the gemeente's OpenID Connect broker
//! (`[oidc_portaal."0392"]`): GBI sends them there, and on return accepts
//! only a valid ID token at level substantieel or higher with a `bsn`.
//! Logging out ends the session at GBI and at the broker.

use super::oidc_login::{Soort, Terugkomst, weigering};
use crate::AppState;
use crate::error::PageError;
use crate::oidc;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use gbi_domain::Bsn;

fn digid(state: &AppState) -> Soort<'_> {
    Soort {
        providers: &state.oidc_portaal,
        cookie: "gbi_oidc",
        pad: "/portaal",
        naam: "DigiD",
    }
}

/// GET /portaal/digid/{gemeente}: off to DigiD, asking for substantieel.
pub async fn start(
    State(state): State<AppState>,
    Path(gemeente): Path<String>,
) -> Result<Response, PageError> {
    let substantieel = oidc::DIGID_NIVEAUS[2].1;
    digid(&state)
        .vertrek(&state, &gemeente, "openid", Some(substantieel))
        .await
}

/// GET /portaal/oidc/callback: back from DigiD.
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<Terugkomst>,
) -> Result<Response, PageError> {
    let soort = digid(&state);
    let (code, _, claims) = soort.terugkomst(&headers, &q).await?;
    if !oidc::minstens_substantieel(claims["acr"].as_str()) {
        return Err(weigering(
            StatusCode::FORBIDDEN,
            "Voor uw inkomen heeft u DigiD op niveau substantieel nodig. Log in met de DigiD app met ID-check.",
        ));
    }
    let Some(bsn) = claims["bsn"].as_str().and_then(|b| Bsn::parse(b).ok()) else {
        tracing::warn!(gemeente = %code, "ID token without a usable bsn claim");
        return Err(weigering(
            StatusCode::FORBIDDEN,
            "Inloggen namens iemand anders (DigiD Machtigen) kan hier nog niet. Log in met uw eigen DigiD, of bel de gemeente.",
        ));
    };
    let token = gbi_store::portaal::inwoner_login(&state.db, &code, &bsn, "").await?;
    let cookie = crate::auth::resident_cookie(&token, state.settings.secure_cookies);
    Ok(soort.ingelogd("/portaal", cookie))
}

/// The gemeenten whose residents can log in with DigiD here: (code, name).
pub async fn gemeenten(state: &AppState) -> Vec<(String, String)> {
    digid(state).gemeenten(state).await
}

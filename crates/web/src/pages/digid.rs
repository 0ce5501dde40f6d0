//! Residents log in with DigiD through the gemeente's OpenID Connect broker
//! (`[oidc_portaal."0392"]`): GBI sends them there, and on return accepts
//! only a valid ID token at level substantieel or higher with a `bsn`.
//! Logging out ends the session at GBI and at the broker.

use crate::AppState;
use crate::error::PageError;
use crate::oidc::{self, Poging};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use gbi_domain::{Bsn, GemeenteCode};
use serde::{Deserialize, Serialize};

const COOKIE: &str = "gbi_oidc";

/// What the browser carries to the provider and back.
#[derive(Serialize, Deserialize)]
pub(crate) struct Onderweg {
    pub gemeente: String,
    pub poging: Poging,
}

impl Onderweg {
    /// The short-lived cookie `naam` (for the paths under `pad`) that
    /// carries this login attempt.
    pub(crate) fn cookie(&self, naam: &str, pad: &str, secure: bool) -> Result<String, PageError> {
        let waarde = serde_json::to_vec(self).map_err(|_| PageError::internal())?;
        Ok(format!(
            "{naam}={}; Path={pad}; HttpOnly; SameSite=Lax; Max-Age=600{}",
            URL_SAFE_NO_PAD.encode(waarde),
            if secure { "; Secure" } else { "" }
        ))
    }

    /// The attempt the browser brought back in cookie `naam`.
    pub(crate) fn lezen(headers: &HeaderMap, naam: &str) -> Option<Onderweg> {
        let waarde = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| {
                c.trim()
                    .strip_prefix(&format!("{naam}="))
                    .map(str::to_owned)
            })?;
        let bytes = URL_SAFE_NO_PAD.decode(waarde).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

pub(crate) fn weigering(status: StatusCode, message: &str) -> PageError {
    PageError {
        status,
        title: "Inloggen is niet gelukt",
        message: message.into(),
    }
}

/// GET /portaal/digid/{gemeente}: off to DigiD.
pub async fn start(
    State(state): State<AppState>,
    Path(gemeente): Path<String>,
) -> Result<Response, PageError> {
    let code = GemeenteCode::parse(&gemeente).map_err(|_| PageError::not_found())?;
    let provider = state
        .oidc_portaal
        .get(&code)
        .ok_or_else(PageError::not_found)?;
    let poging = Poging::nieuw();
    let substantieel = oidc::DIGID_NIVEAUS[2].1;
    let url = provider
        .authorization_url(&poging, "openid", Some(substantieel))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, gemeente = %code, "DigiD broker unreachable");
            weigering(
                StatusCode::SERVICE_UNAVAILABLE,
                "DigiD is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.",
            )
        })?;
    let onderweg = Onderweg {
        gemeente: code.to_string(),
        poging,
    };
    let cookie = onderweg.cookie(COOKIE, "/portaal", state.settings.secure_cookies)?;
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&url)).into_response())
}

#[derive(Deserialize)]
pub struct Terugkomst {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// GET /portaal/oidc/callback: back from DigiD.
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<Terugkomst>,
) -> Result<Response, PageError> {
    let Some(o) = Onderweg::lezen(&headers, COOKIE) else {
        return Err(weigering(
            StatusCode::BAD_REQUEST,
            "Het inloggen duurde te lang of is in een ander venster begonnen. Probeer het opnieuw.",
        ));
    };
    if q.error.is_some() {
        return Err(weigering(
            StatusCode::UNAUTHORIZED,
            "U heeft het inloggen met DigiD afgebroken. U kunt het opnieuw proberen.",
        ));
    }
    if q.state.as_deref() != Some(o.poging.state.as_str()) {
        tracing::warn!("OIDC callback with a state that is not ours");
        return Err(weigering(
            StatusCode::BAD_REQUEST,
            "Dit inloggen hoort niet bij dit venster. Begin opnieuw op de inlogpagina.",
        ));
    }
    let code = GemeenteCode::parse(&o.gemeente).map_err(|_| PageError::not_found())?;
    let provider = state
        .oidc_portaal
        .get(&code)
        .ok_or_else(PageError::not_found)?;
    let claims = provider
        .inwisselen(q.code.as_deref().unwrap_or_default(), &o.poging)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, gemeente = %code, "DigiD login refused");
            weigering(
                StatusCode::UNAUTHORIZED,
                "Wij konden uw inloggen met DigiD niet controleren. Probeer het opnieuw.",
            )
        })?;
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
    let weg = format!("{COOKIE}=; Path=/portaal; HttpOnly; SameSite=Lax; Max-Age=0");
    let mut res = Redirect::to("/portaal").into_response();
    let h = res.headers_mut();
    for c in [
        crate::auth::resident_cookie(&token, state.settings.secure_cookies),
        weg,
    ] {
        if let Ok(v) = header::HeaderValue::from_str(&c) {
            h.append(header::SET_COOKIE, v);
        }
    }
    Ok(res)
}

/// The gemeenten whose residents can log in with DigiD here: (code, name).
pub async fn gemeenten(state: &AppState) -> Vec<(String, String)> {
    let mut uit = Vec::new();
    for code in state.oidc_portaal.keys() {
        let naam = crate::contact::van(state, *code).await.naam;
        uit.push((code.to_string(), naam));
    }
    uit.sort_by(|a, b| a.1.cmp(&b.1));
    uit
}

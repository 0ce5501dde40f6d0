//! Residents log in through the gemeente's OpenID Connect broker
//! (`[oidc_portaal."0392"]`): with DigiD for themselves, and where the
//! gemeente offers it with DigiD Machtigen (a gemachtigde) or eHerkenning (a
//! bewindvoerder's office) for someone else. GBI sends them there, and on
//! return accepts only a valid ID token at level substantieel or higher;
//! `crate::identiteit` reads who logged in, and for whom.
//! Logging out ends the session at GBI and at the broker.

use super::oidc_login::{Soort, Terugkomst, weigering};
use crate::AppState;
use crate::error::PageError;
use crate::identiteit::{self, DIGID, EHERKENNING, Identiteit, MiddelConfig};
use crate::oidc::ClientConfig;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use gbi_domain::GemeenteCode;

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
    digid(&state)
        .vertrek(&state, &gemeente, "openid", Some(DIGID.substantieel()))
        .await
}

/// The scope for a means the gemeente's broker offers; 404 otherwise.
fn scope(
    state: &AppState,
    gemeente: &str,
    middel: fn(&ClientConfig) -> Option<&MiddelConfig>,
) -> Result<String, PageError> {
    GemeenteCode::parse(gemeente)
        .ok()
        .and_then(|code| state.oidc_portaal.get(&code))
        .and_then(|p| middel(&p.config))
        .map(|m| m.scope.clone())
        .ok_or_else(PageError::not_found)
}

/// GET /portaal/machtigen/{gemeente}: off to DigiD Machtigen, for a
/// gemachtigde who acts for a resident.
pub async fn machtigen(
    State(state): State<AppState>,
    Path(gemeente): Path<String>,
) -> Result<Response, PageError> {
    let scope = scope(&state, &gemeente, |c| c.machtigen.as_ref())?;
    digid(&state)
        .vertrek(&state, &gemeente, &scope, Some(DIGID.substantieel()))
        .await
}

/// GET /portaal/eherkenning/{gemeente}: off to eHerkenning, for an
/// organisation (a bewindvoerder) that acts for a resident.
pub async fn eherkenning(
    State(state): State<AppState>,
    Path(gemeente): Path<String>,
) -> Result<Response, PageError> {
    let scope = scope(&state, &gemeente, |c| c.eherkenning.as_ref())?;
    digid(&state)
        .vertrek(&state, &gemeente, &scope, Some(EHERKENNING.substantieel()))
        .await
}

/// GET /portaal/oidc/callback: back from the broker.
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<Terugkomst>,
) -> Result<Response, PageError> {
    let soort = digid(&state);
    let (code, provider, claims) = soort.terugkomst(&headers, &q).await?;
    let c = &provider.config;
    let wie = identiteit::lees(
        &claims,
        &c.claims,
        c.machtigen.as_ref(),
        c.eherkenning.as_ref(),
    )
    .map_err(|w| {
        tracing::warn!(gemeente = %code, weigering = ?w, "portal login refused");
        weigering(StatusCode::FORBIDDEN, w.tekst())
    })?;
    let (bsn, door) = match wie {
        Identiteit::Inwoner(bsn) => (bsn, None),
        Identiteit::Namens { inwoner, door } => (inwoner, Some(door)),
    };
    let token =
        gbi_store::portaal::inwoner_login(&state.db, &code, &bsn, "", door.as_ref()).await?;
    let cookie = crate::auth::resident_cookie(&token, state.settings.secure_cookies);
    Ok(soort.ingelogd("/portaal", cookie))
}

/// A gemeente whose residents can log in here, and the means it offers.
pub struct Inlogmiddelen {
    pub code: String,
    pub naam: String,
    pub machtigen: bool,
    pub eherkenning: bool,
}

/// The gemeenten whose residents can log in with DigiD here, by name.
pub async fn gemeenten(state: &AppState) -> Vec<Inlogmiddelen> {
    let mut uit = Vec::new();
    for (code, naam) in digid(state).gemeenten(state).await {
        let config = GemeenteCode::parse(&code)
            .ok()
            .and_then(|c| state.oidc_portaal.get(&c))
            .map(|p| &p.config);
        uit.push(Inlogmiddelen {
            machtigen: config.is_some_and(|c| c.machtigen.is_some()),
            eherkenning: config.is_some_and(|c| c.eherkenning.is_some()),
            code,
            naam,
        });
    }
    uit
}

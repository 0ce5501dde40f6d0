//! Staff log in through the gemeente's own identity provider (the one its
//! other systems use), with OpenID Connect (`[oidc_werkplek."0392"]`). The
//! roles come from the `groups` claim, mapped per gemeente in configuration;
//! an account without any mapped group gets no access.

use super::digid::{Onderweg, weigering};
use crate::AppState;
use crate::auth::{safe_return_path, session_cookie};
use crate::error::PageError;
use crate::oidc::Poging;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{GemeenteCode, Rol};
use serde::Deserialize;

const COOKIE: &str = "gbi_sso";

/// GET /werkplek/sso/{gemeente}: off to the gemeente's sign-on.
pub async fn start(
    State(state): State<AppState>,
    Path(gemeente): Path<String>,
) -> Result<Response, PageError> {
    let code = GemeenteCode::parse(&gemeente).map_err(|_| PageError::not_found())?;
    let provider = state
        .oidc_werkplek
        .get(&code)
        .ok_or_else(PageError::not_found)?;
    let onderweg = Onderweg {
        gemeente: code.to_string(),
        poging: Poging::nieuw(),
    };
    let url = provider
        .authorization_url(&onderweg.poging, "openid profile", None)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, gemeente = %code, "staff sign-on unreachable");
            weigering(
                StatusCode::SERVICE_UNAVAILABLE,
                "Het inloggen van de gemeente is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.",
            )
        })?;
    let cookie = onderweg.cookie(COOKIE, "/werkplek", state.settings.secure_cookies)?;
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&url)).into_response())
}

#[derive(Deserialize)]
pub struct Terugkomst {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The roles the `groups` claim gives, by the gemeente's mapping.
pub fn rollen_uit(
    groepen: &serde_json::Value,
    mapping: &std::collections::BTreeMap<String, String>,
) -> Vec<Rol> {
    let groepen: Vec<&str> = groepen
        .as_array()
        .map(|a| a.iter().filter_map(|g| g.as_str()).collect())
        .unwrap_or_default();
    mapping
        .iter()
        .filter(|(_, groep)| groepen.contains(&groep.as_str()))
        .filter_map(|(rol, _)| Rol::parse(rol))
        .collect()
}

/// GET /werkplek/oidc/callback: back from the gemeente's sign-on.
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
    if q.error.is_some() || q.state.as_deref() != Some(o.poging.state.as_str()) {
        return Err(weigering(
            StatusCode::BAD_REQUEST,
            "Het inloggen is afgebroken of hoort niet bij dit venster. Begin opnieuw op de inlogpagina.",
        ));
    }
    let code = GemeenteCode::parse(&o.gemeente).map_err(|_| PageError::not_found())?;
    let provider = state
        .oidc_werkplek
        .get(&code)
        .ok_or_else(PageError::not_found)?;
    let claims = provider
        .inwisselen(q.code.as_deref().unwrap_or_default(), &o.poging)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, gemeente = %code, "staff sign-on refused");
            weigering(
                StatusCode::UNAUTHORIZED,
                "Wij konden uw inloggen niet controleren. Probeer het opnieuw.",
            )
        })?;
    let gebruikersnaam = claims["preferred_username"]
        .as_str()
        .filter(|g| !g.trim().is_empty() && !crate::security::has_control(g))
        .unwrap_or_default()
        .trim()
        .to_owned();
    let rollen = rollen_uit(&claims["groups"], &provider.config.rollen);
    if gebruikersnaam.is_empty() || rollen.is_empty() {
        tracing::warn!(gebruikersnaam = %gebruikersnaam, gemeente = %code, "staff sign-on without a GBI role");
        return Err(weigering(
            StatusCode::FORBIDDEN,
            "Uw account heeft (nog) geen rol in GBI. Vraag het functioneel beheer van uw gemeente om u een rol te geven.",
        ));
    }
    let naam = claims["name"]
        .as_str()
        .unwrap_or(&gebruikersnaam)
        .to_owned();
    let sessie = gbi_store::medewerkers::sso_login(&state.db, &code, &gebruikersnaam, &naam, &rollen)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, gebruikersnaam = %gebruikersnaam, "staff sign-on refused by the account");
            weigering(
                StatusCode::FORBIDDEN,
                "Met dit account kunt u niet inloggen in GBI. Vraag het functioneel beheer van uw gemeente.",
            )
        })?;
    let weg = format!("{COOKIE}=; Path=/werkplek; HttpOnly; SameSite=Lax; Max-Age=0");
    let mut res = Redirect::to(&safe_return_path(None)).into_response();
    let h = res.headers_mut();
    for c in [
        session_cookie(&sessie.token, state.settings.secure_cookies),
        weg,
    ] {
        if let Ok(v) = header::HeaderValue::from_str(&c) {
            h.append(header::SET_COOKIE, v);
        }
    }
    Ok(res)
}

/// The gemeenten whose staff can sign on here: (code, name).
pub async fn gemeenten(state: &AppState) -> Vec<(String, String)> {
    let mut uit = Vec::new();
    for code in state.oidc_werkplek.keys() {
        uit.push((
            code.to_string(),
            crate::contact::van(state, *code).await.naam,
        ));
    }
    uit.sort_by(|a, b| a.1.cmp(&b.1));
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_mapped_groups_give_roles() {
        let mut m = std::collections::BTreeMap::new();
        m.insert("intake".to_owned(), "gbi-0392-intake".to_owned());
        m.insert("teamleider".to_owned(), "gbi-0392-teamleider".to_owned());
        let g = serde_json::json!(["gbi-0392-intake", "gbi-0153-teamleider", "iets-anders"]);
        assert_eq!(rollen_uit(&g, &m), vec![Rol::Intake]);
        assert!(rollen_uit(&serde_json::json!(null), &m).is_empty());
    }
}

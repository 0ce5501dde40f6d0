//! Staff log in through the gemeente's own identity provider (the one its
//! other systems use), with OpenID Connect (`[oidc_werkplek."0392"]`). The
//! roles come from the `groups` claim, mapped per gemeente in configuration;
//! an account without any mapped group gets no access.

use super::oidc_login::{Soort, Terugkomst, weigering};
use crate::AppState;
use crate::auth::{safe_return_path, session_cookie};
use crate::error::PageError;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use gbi_domain::Rol;

fn sso(state: &AppState) -> Soort<'_> {
    Soort {
        providers: &state.oidc_werkplek,
        cookie: "gbi_sso",
        pad: "/werkplek",
        naam: "het account van de gemeente",
    }
}

/// GET /werkplek/sso/{gemeente}: off to the gemeente's sign-on.
pub async fn start(
    State(state): State<AppState>,
    Path(gemeente): Path<String>,
) -> Result<Response, PageError> {
    sso(&state)
        .vertrek(&state, &gemeente, "openid profile", None)
        .await
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
    let soort = sso(&state);
    let (code, provider, claims) = soort.terugkomst(&headers, &q).await?;
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
    let cookie = session_cookie(&sessie.token, state.settings.secure_cookies);
    Ok(soort.ingelogd(&safe_return_path(None), cookie))
}

/// The gemeenten whose staff can sign on here: (code, name).
pub async fn gemeenten(state: &AppState) -> Vec<(String, String)> {
    sso(state).gemeenten(state).await
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
        // The beleidsmedewerker is mapped like any other role.
        m.insert("beleidsmedewerker".to_owned(), "gbi-0392-beleid".to_owned());
        let g = serde_json::json!(["gbi-0392-beleid"]);
        assert_eq!(rollen_uit(&g, &m), vec![Rol::Beleidsmedewerker]);
    }
}

//! The two halves of every OpenID Connect login, shared by DigiD for
//! residents (`digid.rs`) and staff sign-on (`sso.rs`): leaving for the
//! provider with a fresh state, nonce and code verifier in a short-lived
//! cookie, and coming back with a code that becomes checked claims.

use crate::AppState;
use crate::error::PageError;
use crate::oidc::{Poging, Provider};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use gbi_domain::GemeenteCode;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// One kind of login: its providers, its cookie and the words it uses.
pub struct Soort<'a> {
    pub providers: &'a HashMap<GemeenteCode, Arc<Provider>>,
    /// The cookie that carries the attempt, e.g. `gbi_oidc`.
    pub cookie: &'static str,
    /// The paths the cookie is for, e.g. `/portaal`.
    pub pad: &'static str,
    /// How the page calls the provider, e.g. "DigiD".
    pub naam: &'static str,
}

/// What the browser carries to the provider and back.
#[derive(Serialize, Deserialize)]
struct Onderweg {
    gemeente: String,
    poging: Poging,
}

pub fn weigering(status: StatusCode, message: impl Into<String>) -> PageError {
    PageError {
        status,
        title: "Inloggen is niet gelukt",
        message: message.into(),
    }
}

impl Soort<'_> {
    fn provider(&self, gemeente: &str) -> Result<(GemeenteCode, &Arc<Provider>), PageError> {
        let code = GemeenteCode::parse(gemeente).map_err(|_| PageError::not_found())?;
        let p = self.providers.get(&code).ok_or_else(PageError::not_found)?;
        Ok((code, p))
    }

    /// Send the person to the gemeente's provider.
    pub async fn vertrek(
        &self,
        state: &AppState,
        gemeente: &str,
        scope: &str,
        acr: Option<&str>,
    ) -> Result<Response, PageError> {
        let (code, provider) = self.provider(gemeente)?;
        let poging = Poging::nieuw();
        let url = provider
            .authorization_url(&poging, scope, acr)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, gemeente = %code, soort = self.naam, "login provider unreachable");
                weigering(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("{} is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.", self.naam),
                )
            })?;
        let waarde = serde_json::to_vec(&Onderweg {
            gemeente: code.to_string(),
            poging,
        })
        .map_err(|_| PageError::internal())?;
        let cookie = format!(
            "{}={}; Path={}; HttpOnly; SameSite=Lax; Max-Age=600{}",
            self.cookie,
            URL_SAFE_NO_PAD.encode(waarde),
            self.pad,
            if state.settings.secure_cookies {
                "; Secure"
            } else {
                ""
            }
        );
        Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&url)).into_response())
    }

    fn onderweg(&self, headers: &HeaderMap) -> Option<Onderweg> {
        let waarde = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| {
                c.trim()
                    .strip_prefix(&format!("{}=", self.cookie))
                    .map(str::to_owned)
            })?;
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(waarde).ok()?).ok()
    }

    /// Back from the provider: the attempt must be ours (cookie and
    /// state), and the code must give a valid ID token. Returns the
    /// gemeente, its provider and the token's claims.
    pub async fn terugkomst(
        &self,
        headers: &HeaderMap,
        q: &Terugkomst,
    ) -> Result<(GemeenteCode, &Arc<Provider>, serde_json::Value), PageError> {
        let Some(o) = self.onderweg(headers) else {
            return Err(weigering(
                StatusCode::BAD_REQUEST,
                "Het inloggen duurde te lang of is in een ander venster begonnen. Probeer het opnieuw.",
            ));
        };
        if q.error.is_some() {
            return Err(weigering(
                StatusCode::UNAUTHORIZED,
                format!(
                    "U heeft het inloggen met {} afgebroken. U kunt het opnieuw proberen.",
                    self.naam
                ),
            ));
        }
        if q.state.as_deref() != Some(o.poging.state.as_str()) {
            tracing::warn!(
                soort = self.naam,
                "OIDC callback with a state that is not ours"
            );
            return Err(weigering(
                StatusCode::BAD_REQUEST,
                "Dit inloggen hoort niet bij dit venster. Begin opnieuw op de inlogpagina.",
            ));
        }
        let (code, provider) = self.provider(&o.gemeente)?;
        let claims = provider
            .inwisselen(q.code.as_deref().unwrap_or_default(), &o.poging)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, gemeente = %code, soort = self.naam, "login refused");
                weigering(
                    StatusCode::UNAUTHORIZED,
                    format!(
                        "Wij konden uw inloggen met {} niet controleren. Probeer het opnieuw.",
                        self.naam
                    ),
                )
            })?;
        Ok((code, provider, claims))
    }

    /// Logged in: the session cookie set, the attempt's cookie gone, on
    /// to `naar`.
    pub fn ingelogd(&self, naar: &str, sessie_cookie: String) -> Response {
        let weg = format!(
            "{}=; Path={}; HttpOnly; SameSite=Lax; Max-Age=0",
            self.cookie, self.pad
        );
        let mut res = Redirect::to(naar).into_response();
        for c in [sessie_cookie, weg] {
            if let Ok(v) = HeaderValue::from_str(&c) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        res
    }

    /// The gemeenten with this login here: (code, name), by name.
    pub async fn gemeenten(&self, state: &AppState) -> Vec<(String, String)> {
        let mut uit = Vec::new();
        for code in self.providers.keys() {
            uit.push((
                code.to_string(),
                crate::contact::van(state, *code).await.naam,
            ));
        }
        uit.sort_by(|a, b| a.1.cmp(&b.1));
        uit
    }
}

/// The provider's answer on the callback URL.
#[derive(Deserialize)]
pub struct Terugkomst {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

//! Who is asking. A staff member is known by a session token, sent as the
//! `gbi_sessie` cookie (pages) or as `Authorization: Bearer` (API). The
//! gemeente of every request comes from that staff member, never from input.
//! Login itself sits behind `gbi_store::medewerkers::login`; OIDC can replace
//! it without touching the handlers.

use crate::AppState;
use crate::error::{ApiError, PageError};
use crate::middleware::RequestContext;
use axum::extract::FromRequestParts;
use axum::http::{Method, header, request::Parts};
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::Rol;
use gbi_store::medewerkers::{self, Medewerker};
use gbi_store::portaal::Vertegenwoordiger;
use gbi_store::{Actor, Scope};

pub const SESSION_COOKIE: &str = "gbi_sessie";

/// A logged-in staff member, for one request.
#[derive(Debug, Clone)]
pub struct Staff {
    pub medewerker: Medewerker,
    pub token: String,
    pub ctx: RequestContext,
}

impl Staff {
    /// The scope of everything this request may touch.
    pub fn scope(&self) -> Scope {
        Scope::new(
            self.medewerker.gemeente_code,
            Actor::Medewerker(self.medewerker.id.clone()),
            self.ctx.trace.clone(),
        )
    }

    pub fn has_any(&self, roles: &[Rol]) -> bool {
        roles.iter().any(|r| self.medewerker.has(*r))
    }
}

pub fn cookie(parts: &Parts, name: &str) -> Option<String> {
    cookie_header(&parts.headers, name)
}

/// A cookie's value from request headers.
pub fn cookie_header(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            let (k, v) = c.trim().split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
}

enum Failure {
    NoSession,
    CrossSite,
    Store(gbi_store::StoreError),
}

/// A form or API call that changes something, carried by a cookie, must come
/// from our own pages (Origin or Referer of the same host).
fn same_origin(parts: &Parts) -> bool {
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let origin = parts
        .headers
        .get(header::ORIGIN)
        .or_else(|| parts.headers.get(header::REFERER))
        .and_then(|h| h.to_str().ok());
    match (host, origin) {
        (Some(host), Some(origin)) => {
            let rest = origin.split_once("://").map(|(_, r)| r).unwrap_or(origin);
            rest.split('/').next() == Some(host)
        }
        // Without an Origin or Referer (non-browser clients), SameSite=Lax
        // cookies already keep cross-site form posts out.
        (_, None) => true,
        (None, Some(_)) => false,
    }
}

async fn authenticate(parts: &Parts, state: &AppState) -> Result<Staff, Failure> {
    // The route guard already did: the staff member travels with the request.
    if let Some(staff) = parts.extensions.get::<Staff>() {
        return Ok(staff.clone());
    }
    let ctx = parts
        .extensions
        .get::<RequestContext>()
        .cloned()
        .unwrap_or_else(RequestContext::new_root);
    let bearer = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned());
    let (token, via_cookie) = match bearer {
        Some(t) => (t, false),
        None => (
            cookie(parts, SESSION_COOKIE).ok_or(Failure::NoSession)?,
            true,
        ),
    };
    if via_cookie
        && parts.method != Method::GET
        && parts.method != Method::HEAD
        && !same_origin(parts)
    {
        return Err(Failure::CrossSite);
    }
    match medewerkers::by_session(&state.db, &token).await {
        Ok(Some(medewerker)) => Ok(Staff {
            medewerker,
            token,
            ctx,
        }),
        Ok(None) => Err(Failure::NoSession),
        Err(e) => Err(Failure::Store(e)),
    }
}

/// The state of the route guard: the app, and the roles the route allows.
#[derive(Clone)]
pub struct Guard {
    pub state: AppState,
    pub roles: &'static [Rol],
}

/// The one place where a staff route's roles are enforced, before its
/// handler runs (`routes::Access::Staff`). Without a session: 401 JSON for
/// the API, the login page for pages; without one of the roles: 403. The
/// staff member is handed on to the handler's extractor.
pub async fn guard_staff(
    axum::extract::State(guard): axum::extract::State<Guard>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let api = parts.uri.path().starts_with("/api/");
    match authenticate(&parts, &guard.state).await {
        Ok(staff) if staff.has_any(guard.roles) => {
            parts.extensions.insert(staff);
            next.run(axum::extract::Request::from_parts(parts, body))
                .await
        }
        Ok(staff) => {
            tracing::info!(
                medewerker = %staff.medewerker.id,
                path = %parts.uri.path(),
                "refused: role"
            );
            if api {
                ApiError::forbidden().into_response()
            } else {
                PageError::forbidden().into_response()
            }
        }
        Err(Failure::NoSession) if api => ApiError::unauthenticated().into_response(),
        Err(Failure::NoSession) => login_redirect(&parts),
        Err(Failure::CrossSite) if api => ApiError::forbidden().into_response(),
        Err(Failure::CrossSite) => PageError::forbidden().into_response(),
        Err(Failure::Store(e)) if api => ApiError::from(e).into_response(),
        Err(Failure::Store(e)) => PageError::from(e).into_response(),
    }
}

fn login_redirect(parts: &Parts) -> Response {
    let back = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/werkplek");
    let target = format!("/inloggen?terug={}", encode_component(back));
    Redirect::to(&target).into_response()
}

/// A staff member for an API handler; 401 JSON otherwise.
pub struct ApiStaff(pub Staff);

impl FromRequestParts<AppState> for ApiStaff {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match authenticate(parts, state).await {
            Ok(s) => Ok(ApiStaff(s)),
            Err(Failure::NoSession) => Err(ApiError::unauthenticated()),
            Err(Failure::CrossSite) => Err(ApiError::forbidden()),
            Err(Failure::Store(e)) => Err(e.into()),
        }
    }
}

/// A staff member for a page; a redirect to the login page otherwise.
pub struct PageStaff(pub Staff);

impl FromRequestParts<AppState> for PageStaff {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match authenticate(parts, state).await {
            Ok(s) => Ok(PageStaff(s)),
            Err(Failure::NoSession) => Err(login_redirect(parts)),
            Err(Failure::CrossSite) => Err(PageError::forbidden().into_response()),
            Err(Failure::Store(e)) => Err(PageError::from(e).into_response()),
        }
    }
}

/// Percent-encode a URL component (RFC 3986 unreserved characters pass).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Only local paths are followed after login, never another site.
///
/// A path of this site only: one leading `/`, then visible ASCII without a
/// backslash, at most 2000 characters. Browsers drop tabs and newlines from
/// a URL, so `/\t/evil.example` would become `//evil.example` (another
/// site); anything with a control character, a space or non-ASCII falls
/// back to the start page, as does a CR/LF that would split the header.
pub fn safe_return_path(p: Option<&str>) -> String {
    match p {
        Some(p) if is_local_path(p) => p.to_owned(),
        _ => "/werkplek".to_owned(),
    }
}

fn is_local_path(p: &str) -> bool {
    let b = p.as_bytes();
    b.len() <= 2000
        && b.first() == Some(&b'/')
        && !matches!(b.get(1), Some(b'/') | Some(b'\\'))
        && b.iter().all(|c| (0x21..=0x7e).contains(c) && *c != b'\\')
}

/// The `Set-Cookie` value for a new session.
pub fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        medewerkers::SESSION_SECONDS,
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_local() {
        assert_eq!(
            safe_return_path(Some("/werkplek/inwoners")),
            "/werkplek/inwoners"
        );
        assert_eq!(safe_return_path(Some("//evil.example")), "/werkplek");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/werkplek");
        assert_eq!(safe_return_path(None), "/werkplek");
        for kwaad in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/ /evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\u{0}",
            "/werkplek\u{7f}",
            "/ünïcode",
        ] {
            assert_eq!(safe_return_path(Some(kwaad)), "/werkplek", "{kwaad:?}");
        }
        assert_eq!(
            safe_return_path(Some("/werkplek/zaken?status=nieuw&wie=ik#x")),
            "/werkplek/zaken?status=nieuw&wie=ik#x"
        );
    }

    proptest::proptest! {
        /// Whatever comes in, what goes out is a path of this site that a
        /// browser reads the same way: it cannot reach another host.
        #[test]
        fn no_input_leads_to_another_site(p in proptest::prelude::any::<String>()) {
            let uit = safe_return_path(Some(&p));
            let b = uit.as_bytes();
            proptest::prop_assert_eq!(b[0], b'/');
            proptest::prop_assert!(b.len() == 1 || (b[1] != b'/' && b[1] != b'\\'));
            proptest::prop_assert!(b.iter().all(|c| c.is_ascii_graphic() && *c != b'\\'));
        }
    }

    #[test]
    fn encodes_components() {
        assert_eq!(
            encode_component("/werkplek?zoek=a b"),
            "/werkplek%3Fzoek%3Da%20b"
        );
    }
}

pub const RESIDENT_COOKIE: &str = "gbi_inwoner";

/// A logged-in resident (DigiD, or the demo login), for one request.
#[derive(Debug, Clone)]
pub struct Resident {
    pub sessie: gbi_store::portaal::InwonerSessie,
    pub token: String,
    pub ctx: RequestContext,
    /// Who acts, as the processing log records them: the resident, or the
    /// one acting for them (keyed hashes, never a BSN).
    pub actor: Actor,
    /// Their gemeente's name, phone number and opening hours.
    pub gemeente: crate::contact::Contact,
}

impl Resident {
    /// Everything done in this session is logged as done by whoever acts:
    /// the resident, or the gemachtigde or organisation acting for them.
    pub fn scope(&self) -> Scope {
        Scope::new(
            self.sessie.gemeente_code,
            self.actor.clone(),
            self.ctx.trace.clone(),
        )
    }

    /// For the banner on every page: for whom, and as whom, someone acts.
    /// `None` when the resident acts themselves.
    pub fn namens(&self) -> Option<String> {
        let voor = format!("de inwoner met BSN {}", self.sessie.bsn.as_str());
        self.sessie.vertegenwoordiger.as_ref().map(|v| match v {
            Vertegenwoordiger::DigidMachtigen { .. } => {
                format!("U regelt dit namens {voor}. U bent ingelogd met DigiD Machtigen.")
            }
            Vertegenwoordiger::Eherkenning { organisatie, .. } => format!(
                "U regelt dit namens {voor}. U bent ingelogd met eHerkenning voor de organisatie met KvK-nummer {organisatie}."
            ),
        })
    }

    /// Some things only the resident decides themselves: who may help
    /// them, and how the gemeente sends them decisions.
    pub fn alleen_zelf(&self) -> Result<(), PageError> {
        match self.sessie.vertegenwoordiger {
            None => Ok(()),
            Some(_) => Err(PageError {
                status: axum::http::StatusCode::FORBIDDEN,
                title: "Dit kan alleen de inwoner zelf",
                message: "U bent ingelogd namens iemand anders. Wie mag helpen en hoe de gemeente berichten stuurt, \
                          regelt de inwoner zelf met de eigen DigiD."
                    .into(),
            }),
        }
    }
}

/// A resident for a portal page; a redirect to the portal login otherwise.
pub struct PortalResident(pub Resident);

impl FromRequestParts<AppState> for PortalResident {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ctx = parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .unwrap_or_else(RequestContext::new_root);
        let Some(token) = cookie(parts, RESIDENT_COOKIE) else {
            return Err(Redirect::to("/portaal/inloggen").into_response());
        };
        if parts.method != Method::GET && parts.method != Method::HEAD && !same_origin(parts) {
            return Err(PageError::forbidden().into_response());
        }
        match gbi_store::portaal::inwoner_by_session(&state.db, &token).await {
            Ok(Some(sessie)) => {
                let actor = match &sessie.vertegenwoordiger {
                    None => Actor::Inwoner(state.db.logboek_actor_id(&sessie.bsn)),
                    Some(Vertegenwoordiger::DigidMachtigen { gemachtigde }) => {
                        Actor::Gemachtigde(state.db.logboek_actor_id(gemachtigde))
                    }
                    Some(Vertegenwoordiger::Eherkenning {
                        organisatie,
                        medewerker,
                    }) => Actor::Organisatie {
                        organisatie: organisatie.clone(),
                        medewerker: medewerker.clone(),
                    },
                };
                let gemeente = crate::contact::van(state, sessie.gemeente_code).await;
                Ok(PortalResident(Resident {
                    sessie,
                    token,
                    ctx,
                    actor,
                    gemeente,
                }))
            }
            Ok(None) => Err(Redirect::to("/portaal/inloggen").into_response()),
            Err(e) => Err(PageError::from(e).into_response()),
        }
    }
}

pub fn resident_cookie(token: &str, secure: bool) -> String {
    format!(
        "{RESIDENT_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        gbi_store::portaal::INWONER_SESSION_SECONDS,
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_resident_cookie() -> String {
    format!("{RESIDENT_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

//! Errors as people and programs see them.
//!
//! APIs answer with a ZGW-style JSON body (`type`, `code`, `title`, `status`,
//! `detail`, `instance`, `invalidParams`) whose `code` is stable. Pages answer
//! with a Dutch page at B1 level. Internal details never leave the server:
//! they are logged with the request id, which the person sees.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use gbi_store::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvalidParam {
    pub name: String,
    pub code: String,
    pub reason: String,
}

/// An error of a JSON API (boxed: errors travel in `Result`s everywhere).
#[derive(Debug, Clone)]
pub struct ApiError(pub Box<Problem>);

/// The ZGW-style error body.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub code: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub instance: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, title: &str, detail: impl Into<String>) -> Self {
        Self(Box::new(Problem {
            type_: format!("urn:gbi:fout:{code}"),
            code: code.to_owned(),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            instance: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
            invalid_params: Vec::new(),
        }))
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Niet gevonden.",
            "Dit object bestaat niet of u heeft er geen toegang toe.",
        )
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "not_authenticated",
            "Niet ingelogd.",
            "Log in om deze gegevens te zien.",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "permission_denied",
            "Geen toegang.",
            "Uw rol geeft geen toegang tot deze gegevens.",
        )
    }

    /// Bad input: one entry per field, with its own code.
    pub fn invalid(params: Vec<InvalidParam>) -> Self {
        let mut e = Self::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            "Ongeldige invoer.",
            "Een of meer velden zijn niet goed ingevuld.",
        );
        e.0.invalid_params = params;
        e
    }

    pub fn field(name: &str, code: &str, reason: impl Into<String>) -> Self {
        Self::invalid(vec![InvalidParam {
            name: name.into(),
            code: code.into(),
            reason: reason.into(),
        }])
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, axum::Json(&*self.0)).into_response();
        res.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/problem+json"),
        );
        res
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::Conflict(_) => ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                "Bestaat al.",
                "Dit object bestaat al.",
            ),
            StoreError::StaleVersion => ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "stale_version",
                "Intussen gewijzigd.",
                "Iemand anders heeft dit object intussen gewijzigd. Haal het opnieuw op.",
            ),
            StoreError::Unavailable(_) | StoreError::Documentopslag(_) => {
                tracing::error!(error = %e, code = e.code(), "database or document store unavailable");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "Tijdelijk niet beschikbaar.",
                    "Probeer het over een paar minuten opnieuw.",
                )
            }
            other => {
                tracing::error!(error = %other, code = other.code(), "store error");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "error",
                    "Er ging iets mis.",
                    "Er ging iets mis aan onze kant.",
                )
            }
        }
    }
}

/// An error on a page, shown in Dutch.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub title: &'static str,
    pub message: String,
}

impl PageError {
    pub fn not_found() -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            title: "Pagina niet gevonden",
            message: "Deze pagina bestaat niet, of u heeft er geen toegang toe.".into(),
        }
    }

    pub fn forbidden() -> Self {
        Self {
            status: StatusCode::FORBIDDEN,
            title: "Geen toegang",
            message: "Met uw rol kunt u deze pagina niet bekijken.".into(),
        }
    }

    pub fn internal() -> Self {
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            title: "Er ging iets mis",
            message: "Er ging iets mis aan onze kant. Probeer het later opnieuw. Blijft het misgaan? Bel dan de gemeente.".into(),
        }
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => PageError::not_found(),
            StoreError::Documentopslag(_) => {
                tracing::error!(error = %e, code = e.code(), "document store unavailable");
                PageError {
                    status: StatusCode::SERVICE_UNAVAILABLE,
                    title: "Document tijdelijk niet beschikbaar",
                    message: "Wij kunnen documenten nu niet opslaan of openen. Er is niets \
                              bewaard. Probeer het over een paar minuten opnieuw. Blijft het \
                              misgaan? Bel dan de gemeente."
                        .into(),
                }
            }
            other => {
                tracing::error!(error = %other, code = other.code(), "store error on page");
                PageError::internal()
            }
        }
    }
}

impl From<askama::Error> for PageError {
    fn from(e: askama::Error) -> Self {
        tracing::error!(error = %e, "template error");
        PageError::internal()
    }
}

/// A page error travels with its response, so [`met_medewerker`] can show
/// it again with the staff member's menu.
#[derive(Debug, Clone)]
pub struct Paginafout {
    pub title: &'static str,
    pub message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = crate::pages::ErrorPage {
            title: self.title,
            message: &self.message,
            user: None,
            terug: None,
        };
        let mut res = match askama::Template::render(&page) {
            Ok(html) => (self.status, Html(html)).into_response(),
            Err(_) => (self.status, self.message.clone()).into_response(),
        };
        res.extensions_mut().insert(Paginafout {
            title: self.title,
            message: self.message,
        });
        res
    }
}

/// Unknown paths: JSON for the API, a page for people.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::not_found().into_response()
    } else {
        PageError::not_found().into_response()
    }
}

/// A request refused for its size before any handler ran (over
/// `pages::bestand::MAX_BODY`) gets a Dutch page instead of the bare
/// "length limit exceeded"; API clients keep the plain status.
pub async fn te_groot(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if res.status() != StatusCode::PAYLOAD_TOO_LARGE || api {
        return res;
    }
    let is_html = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        return res;
    }
    PageError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        title: "Bestand te groot",
        message: format!(
            "{} Ga terug naar de vorige pagina en kies een ander bestand.",
            crate::pages::bestand::TE_GROOT
        ),
    }
    .into_response()
}

/// An error page in the werkplek keeps the staff member's header and menu
/// (never the logged-out one) and offers the way back to the page the form
/// was on, where the browser's back button keeps what was typed.
pub async fn met_medewerker(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let werkplek = req.uri().path().starts_with("/werkplek");
    let token = crate::auth::cookie_header(req.headers(), crate::auth::SESSION_COOKIE);
    let host = req
        .headers()
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned);
    let terug = req
        .headers()
        .get(axum::http::header::REFERER)
        .and_then(|h| h.to_str().ok())
        .and_then(|r| {
            let rest = r.split_once("://")?.1;
            let (h, pad) = rest.split_once('/')?;
            (Some(h) == host.as_deref()).then(|| format!("/{pad}"))
        })
        .filter(|p| p.starts_with("/werkplek") && crate::auth::safe_return_path(Some(p)) == *p);
    let res = next.run(req).await;
    let (Some(fout), true, Some(token)) = (
        res.extensions().get::<Paginafout>().cloned(),
        werkplek,
        token,
    ) else {
        return res;
    };
    let Ok(Some(user)) = gbi_store::medewerkers::by_session(&state.db, &token).await else {
        return res;
    };
    let page = crate::pages::ErrorPage {
        title: fout.title,
        message: &fout.message,
        user: Some(&user),
        terug: terug.as_deref(),
    };
    match askama::Template::render(&page) {
        Ok(html) => (res.status(), Html(html)).into_response(),
        Err(_) => res,
    }
}

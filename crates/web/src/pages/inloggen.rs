use super::render;
use crate::AppState;
use crate::auth::{PageStaff, clear_session_cookie, safe_return_path, session_cookie};
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gbi_store::inlogpogingen::{self, Inlog};
use gbi_store::medewerkers::{self, Medewerker};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "inloggen.html")]
struct LoginPage {
    demo: bool,
    demo_accounts: Vec<(String, String, String)>,
    fout: Option<&'static str>,
    terug: String,
    gebruikersnaam: String,
    user: Option<Medewerker>,
    /// Gemeenten whose staff sign on with their own account: (code, name).
    sso: Vec<(String, String)>,
}

async fn page(
    state: &AppState,
    fout: Option<&'static str>,
    terug: String,
    gebruikersnaam: String,
) -> Result<LoginPage, PageError> {
    let demo_accounts = if state.settings.demo {
        medewerkers::demo_accounts(&state.db).await?
    } else {
        Vec::new()
    };
    Ok(LoginPage {
        demo: state.settings.demo,
        demo_accounts,
        fout,
        terug,
        gebruikersnaam,
        user: None,
        sso: super::sso::gemeenten(state).await,
    })
}

#[derive(Deserialize)]
pub struct Terug {
    terug: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    Query(q): Query<Terug>,
) -> Result<Response, PageError> {
    let p = page(
        &state,
        None,
        safe_return_path(q.terug.as_deref()),
        String::new(),
    )
    .await?;
    Ok(render(&p)?.into_response())
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    gebruikersnaam: String,
    #[serde(default)]
    wachtwoord: String,
    terug: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    ext: axum::http::Extensions,
    headers: axum::http::HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, PageError> {
    let terug = safe_return_path(f.terug.as_deref());
    if f.gebruikersnaam.trim().is_empty() || f.wachtwoord.is_empty() {
        let p = page(
            &state,
            Some("Vul uw gebruikersnaam en wachtwoord in."),
            terug,
            f.gebruikersnaam,
        )
        .await?;
        return Ok((StatusCode::BAD_REQUEST, render(&p)?).into_response());
    }
    let adres = crate::security::client_address(&state.settings, &ext, &headers);
    let fout =
        match inlogpogingen::inloggen(&state.db, &f.gebruikersnaam, &f.wachtwoord, &adres).await? {
            Inlog::Gelukt(session) => {
                let cookie = session_cookie(&session.token, state.settings.secure_cookies);
                return Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&terug)).into_response());
            }
            Inlog::Mislukt => (
                StatusCode::UNAUTHORIZED,
                "De gebruikersnaam of het wachtwoord klopt niet.",
            ),
            Inlog::Geblokkeerd => (StatusCode::TOO_MANY_REQUESTS, GEBLOKKEERD),
        };
    let p = page(&state, Some(fout.1), terug, f.gebruikersnaam).await?;
    Ok((fout.0, render(&p)?).into_response())
}

/// Too many wrong passwords: what the person can do.
pub const GEBLOKKEERD: &str = "U heeft te vaak een verkeerd wachtwoord ingevuld. Wacht 15 minuten en probeer het dan opnieuw. Weet u uw wachtwoord niet meer? Vraag het functioneel beheer.";

pub async fn logout(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
) -> Result<Response, PageError> {
    medewerkers::logout(&state.db, &staff.token).await?;
    Ok((
        [(header::SET_COOKIE, clear_session_cookie())],
        Redirect::to("/"),
    )
        .into_response())
}

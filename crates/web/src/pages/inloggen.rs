use super::render;
use crate::AppState;
use crate::auth::{PageStaff, clear_session_cookie, safe_return_path, session_cookie};
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
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
    match medewerkers::login(&state.db, &f.gebruikersnaam, &f.wachtwoord).await? {
        Some(session) => {
            let cookie = session_cookie(&session.token, state.settings.secure_cookies);
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&terug)).into_response())
        }
        None => {
            let p = page(
                &state,
                Some("De gebruikersnaam of het wachtwoord klopt niet."),
                terug,
                f.gebruikersnaam,
            )
            .await?;
            Ok((StatusCode::UNAUTHORIZED, render(&p)?).into_response())
        }
    }
}

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

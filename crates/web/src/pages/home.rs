use super::render;
use crate::AppState;
use crate::error::PageError;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use gbi_store::gemeenten::{self, Gemeente};
use gbi_store::logboek::{self, Verwerkingsactiviteit};
use gbi_store::medewerkers::Medewerker;

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    gemeenten: Vec<Gemeente>,
    user: Option<Medewerker>,
}

pub async fn show(State(state): State<AppState>) -> Result<Html<String>, PageError> {
    render(&Home {
        gemeenten: gemeenten::list(&state.db).await?,
        user: None,
    })
}

#[derive(Template)]
#[template(path = "verwerkingsactiviteiten.html")]
struct Activiteiten {
    activiteiten: &'static [&'static Verwerkingsactiviteit],
    user: Option<Medewerker>,
}

pub async fn verwerkingsactiviteiten() -> Result<Html<String>, PageError> {
    render(&Activiteiten {
        activiteiten: logboek::ACTIVITEITEN,
        user: None,
    })
}

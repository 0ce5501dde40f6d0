//! Server-rendered pages in Dutch (B1), styled with the NL Design System.
//! They work without JavaScript.

pub mod aanvraag;
pub mod behandeling;
pub mod beheer;
pub mod betaalrun;
pub mod betaalruns;
pub mod formulier;
pub mod home;
pub mod inloggen;
pub mod looplijst;
pub mod machtiging;
pub mod portaal;
pub mod uitkering;
pub mod werkplek;
pub mod werkplek_zaken;
pub mod wijzigingen;

use crate::error::PageError;
use askama::Template;
use axum::response::Html;
use gbi_store::medewerkers::Medewerker;

#[derive(Template)]
#[template(path = "fout.html")]
pub struct ErrorPage<'a> {
    pub title: &'a str,
    pub message: &'a str,
    pub user: Option<&'a Medewerker>,
}

/// Render a template to an HTML response.
pub fn render<T: Template>(t: &T) -> Result<Html<String>, PageError> {
    Ok(Html(t.render()?))
}

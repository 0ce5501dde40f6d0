//! Werkplek, functioneel beheer: the print queue. Letters with a decision
//! for residents who did not consent to electronic delivery (Awb art. 2:14)
//! are listed here to print and post: the zaak's kenmerk, the kind of
//! letter, the date and the resident's name (never a BSN). Functioneel
//! beheer downloads the PDF and records that it was posted; the bezwaar
//! term runs from that day (Awb 6:8). Every read and write is logged
//! (`gbi_store::printwachtrij`).

use super::elektronisch::moment;
use super::render;
use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gbi_domain::Rol;
use gbi_store::medewerkers::Medewerker;
use gbi_store::printwachtrij::{self as opslag, PrintBrief};
use serde::Deserialize;

/// Who prints and posts letters.
pub const ROLLEN: &[Rol] = &[Rol::FunctioneelBeheerder];

/// The kind of letter as people say it.
pub fn soort_naam(soort: &str) -> &'static str {
    match soort {
        "beschikking" => "Beschikking (besluit op de aanvraag)",
        "voorschot" => "Besluit over een voorschot",
        "specificatie" => "Specificatie (besluit over een maand)",
        s if s.starts_with("herziening:") => "Herziening: bijstand van een maand lager (art. 54-3)",
        _ => "Brief met een besluit",
    }
}

/// One row as the page shows it.
pub struct Regel {
    pub brief: PrintBrief,
    pub soort: &'static str,
    pub gemaakt: String,
    pub verzonden: Option<String>,
}

impl From<PrintBrief> for Regel {
    fn from(brief: PrintBrief) -> Self {
        Regel {
            soort: soort_naam(&brief.soort),
            gemaakt: moment(&brief.created_at),
            verzonden: brief.verzonden_op.as_deref().map(moment),
            brief,
        }
    }
}

#[derive(Template)]
#[template(path = "werkplek/printwachtrij.html")]
struct Page {
    user: Option<Medewerker>,
    open: Vec<Regel>,
    verzonden: Vec<Regel>,
    bevestiging: bool,
}

#[derive(Deserialize)]
pub struct LijstQuery {
    verzonden: Option<String>,
}

/// GET `/werkplek/printwachtrij`: the letters to post, and the latest posted.
pub async fn lijst(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<LijstQuery>,
) -> Result<Html<String>, PageError> {
    let lijst = opslag::lijst(&state.db, &staff.scope(), "GET /werkplek/printwachtrij").await?;
    render(&Page {
        user: Some(staff.medewerker),
        open: lijst.open.into_iter().map(Regel::from).collect(),
        verzonden: lijst.verzonden.into_iter().map(Regel::from).collect(),
        bevestiging: q.verzonden.is_some(),
    })
}

/// GET `/werkplek/printwachtrij/{print_id}/brief`: the PDF to print.
pub async fn brief(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(print_id): Path<String>,
) -> Result<Response, PageError> {
    let (_, doc, bytes) = opslag::brief(
        &state.db,
        &staff.scope(),
        &print_id,
        "GET /werkplek/printwachtrij/{print_id}/brief",
    )
    .await?
    .ok_or_else(PageError::not_found)?;
    Ok(super::document_antwoord::serve_document(&doc, bytes))
}

/// POST `/werkplek/printwachtrij/{print_id}/verzonden`: record that the
/// letter was posted, by this staff member, now. Again changes nothing.
pub async fn verzonden(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(print_id): Path<String>,
) -> Result<Response, PageError> {
    let brief = opslag::verzonden(
        &state.db,
        &staff.scope(),
        &print_id,
        &staff.medewerker.id,
        "POST /werkplek/printwachtrij/{print_id}/verzonden",
    )
    .await?
    .ok_or_else(PageError::not_found)?;
    tracing::info!(
        gemeente = %staff.medewerker.gemeente_code,
        medewerker = %staff.medewerker.id,
        zaak = %brief.zaak_identificatie,
        "brief per post verstuurd"
    );
    Ok(Redirect::to("/werkplek/printwachtrij?verzonden=1").into_response())
}

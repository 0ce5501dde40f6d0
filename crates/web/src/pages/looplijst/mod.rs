//! The looplijst (proactive outreach): the published criteria, the
//! resident's opt-out in the portal, and in the werkplek the runs, their
//! funnel, the lists per neighbourhood, the visits and the CSV export.

pub mod aanvraag;
pub mod lijst;
pub mod trechter;
pub mod werkplek;

use super::render;
use crate::AppState;
use crate::auth::{PortalResident, Resident};
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gbi_domain::{Rol, today_amsterdam};
use gbi_rules::looplijst::Catalogus;
use gbi_store::looplijst as opslag;
use gbi_store::medewerkers::Medewerker;
use serde::Deserialize;

/// Who may start a run.
pub const STARTEN: &[Rol] = &[Rol::Teamleider, Rol::FunctioneelBeheerder];
/// Who may see runs and lists and record visits.
pub const ZIEN: &[Rol] = &[Rol::Buurtteam, Rol::Teamleider, Rol::FunctioneelBeheerder];

/// `2026-03-01…` as `01-03-2026`.
pub fn datum(iso: &str) -> String {
    gbi_domain::date::parse_date(&iso[..iso.len().min(10)])
        .map(|d| d.format("%d-%m-%Y").to_string())
        .unwrap_or_else(|_| iso.to_owned())
}

/// The name of a regeling as people know it.
pub fn regeling_naam(code: &str) -> &'static str {
    match code {
        "bijstand" => "Algemene bijstand",
        "iit" => "Individuele inkomenstoeslag",
        "bijzondere_bijstand" => "Bijzondere bijstand",
        _ => "Onbekende regeling",
    }
}

#[derive(Template)]
#[template(path = "looplijst/criteria.html")]
struct CriteriaPage<'a> {
    user: Option<Medewerker>,
    datum: String,
    catalogus: Option<&'a Catalogus>,
}

/// `/looplijst/criteria`: the published criteria of today, for everyone.
pub async fn criteria(State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let vandaag = today_amsterdam();
    render(&CriteriaPage {
        user: None,
        datum: vandaag.format("%d-%m-%Y").to_string(),
        catalogus: state.catalogi.op(vandaag),
    })
}

#[derive(Template)]
#[template(path = "portaal/looplijst.html")]
struct PortaalPage {
    resident: Option<Resident>,
    afgemeld: bool,
    bevestiging: Option<&'static str>,
}

#[derive(Deserialize)]
pub struct PortaalQuery {
    klaar: Option<String>,
}

/// `/portaal/looplijst`: what the looplijst is, and opting out or back in.
pub async fn portaal(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Query(q): Query<PortaalQuery>,
) -> Result<Html<String>, PageError> {
    let afgemeld = opslag::is_afgemeld(&state.db, &r.scope(), &r.sessie.bsn).await?;
    let bevestiging = match q.klaar.as_deref() {
        Some("afgemeld") => Some(
            "U bent afgemeld. Wij zetten u niet meer op een looplijst. U kunt altijd zelf hulp vragen.",
        ),
        Some("aangemeld") => Some(
            "U bent weer aangemeld. Het buurtteam kan bij u langskomen als u misschien recht heeft op geld.",
        ),
        _ => None,
    };
    render(&PortaalPage {
        resident: Some(r),
        afgemeld,
        bevestiging,
    })
}

#[derive(Deserialize)]
pub struct Keuze {
    #[serde(default)]
    keuze: String,
}

/// POST `/portaal/looplijst`: `keuze=afmelden` or `keuze=aanmelden`.
pub async fn portaal_keuze(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Form(f): Form<Keuze>,
) -> Result<Response, PageError> {
    let afmelden = match f.keuze.as_str() {
        "afmelden" => true,
        "aanmelden" => false,
        _ => return Ok(Redirect::to("/portaal/looplijst").into_response()),
    };
    opslag::afmelden(&state.db, &r.scope(), &r.sessie.bsn, afmelden).await?;
    let klaar = if afmelden { "afgemeld" } else { "aangemeld" };
    Ok(Redirect::to(&format!("/portaal/looplijst?klaar={klaar}")).into_response())
}

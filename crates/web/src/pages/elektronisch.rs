//! Portal: the resident's choice to get decisions only online (consent to
//! electronic delivery, Awb art. 2:14, eerste lid) or also on paper. The
//! page shows the current choice and its date; the choice can be changed or
//! withdrawn at any time. Without consent letters also go by post
//! (`gbi_store::printwachtrij`).

use super::render;
use crate::AppState;
use crate::auth::{PortalResident, Resident};
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gbi_store::elektronisch::{self as opslag, Bron};
use serde::Deserialize;

/// A stored UTC moment (`2026-07-01T08:30:00.000000Z`) as a Dutch date and
/// time in Europe/Amsterdam: `1 juli 2026 om 10:30`.
pub fn moment(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc)
        .map(|t| {
            let t = t.with_timezone(&chrono_tz::Europe::Amsterdam);
            format!(
                "{} om {}",
                gbi_domain::date::dutch_date(t.date_naive()),
                t.format("%H:%M")
            )
        })
        .unwrap_or_else(|_| utc.to_owned())
}

#[derive(Template)]
#[template(path = "portaal/elektronisch.html")]
struct Page {
    resident: Option<Resident>,
    /// `None`: no choice made yet (then letters go by post too).
    online: Option<bool>,
    /// When and where the current choice was made, in words.
    sinds: Option<String>,
    bevestiging: Option<&'static str>,
}

#[derive(Deserialize)]
pub struct PageQuery {
    klaar: Option<String>,
}

/// GET `/portaal/elektronisch`: the current choice and the form to change it.
pub async fn show(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Query(q): Query<PageQuery>,
) -> Result<Html<String>, PageError> {
    r.alleen_zelf()?;
    let huidig = opslag::huidig(
        &state.db,
        &r.scope(),
        &r.sessie.bsn,
        "GET /portaal/elektronisch",
    )
    .await?;
    let bevestiging = match q.klaar.as_deref() {
        Some("online") => Some(
            "Bewaard. U krijgt brieven met een besluit voortaan alleen online, in Mijn inkomen.",
        ),
        Some("post") => Some("Bewaard. U krijgt brieven met een besluit voortaan ook per post."),
        _ => None,
    };
    let sinds = huidig.as_ref().map(|t| {
        let waar = if t.bron == Bron::Aanvraag.code() {
            "in uw aanvraag"
        } else {
            "op deze pagina"
        };
        format!("U koos dit {waar} op {}.", moment(&t.vastgelegd_op))
    });
    render(&Page {
        resident: Some(r),
        online: huidig.map(|t| t.toestemming),
        sinds,
        bevestiging,
    })
}

#[derive(Deserialize)]
pub struct Keuze {
    #[serde(default)]
    keuze: String,
}

/// POST `/portaal/elektronisch`: `keuze=online` (consent) or `keuze=post`
/// (no consent, or withdrawing it).
pub async fn kiezen(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Form(f): Form<Keuze>,
) -> Result<Response, PageError> {
    r.alleen_zelf()?;
    let online = match f.keuze.as_str() {
        "online" => true,
        "post" => false,
        _ => return Ok(Redirect::to("/portaal/elektronisch").into_response()),
    };
    opslag::vastleggen(
        &state.db,
        &r.scope(),
        &r.sessie.bsn,
        online,
        Bron::Portaal,
        "POST /portaal/elektronisch",
    )
    .await?;
    let klaar = if online { "online" } else { "post" };
    Ok(Redirect::to(&format!("/portaal/elektronisch?klaar={klaar}")).into_response())
}

//! Werkplek: the sign-ups for the collective insurance of the staff
//! member's gemeente, and the file for the insurer. Seeing the list and
//! making the file are reads of personal data, logged for every insured
//! person (`gbi_store::zorgverzekering`). The gemeente is the staff
//! member's, never one the request names.

use super::{Beleidstekst, beleid, csv};
use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use crate::pages::{datum_nl, render};
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use gbi_domain::today_amsterdam;
use gbi_store::medewerkers::Medewerker;
use gbi_store::zorgverzekering::{self as opslag, Aanmelding, Doel};
use std::collections::HashMap;

/// One sign-up as the page shows it (no BSN: the file has those).
pub struct Regel {
    pub naam: String,
    pub pakket: String,
    pub partner: bool,
    pub aangemeld: String,
    pub ingang: String,
    pub einde: Option<String>,
    /// Someone in it is also insured by another active sign-up.
    pub dubbel: bool,
}

#[derive(Template)]
#[template(path = "werkplek/zorgverzekering.html")]
struct Page {
    user: Option<Medewerker>,
    beleid: Option<Beleidstekst>,
    actief: Vec<Regel>,
    gestopt: Vec<Regel>,
    verzekerden: usize,
    mag_exporteren: bool,
}

/// How many active sign-ups insure each BSN.
fn tellingen(lijst: &[Aanmelding]) -> HashMap<&str, usize> {
    let mut n: HashMap<&str, usize> = HashMap::new();
    for a in lijst.iter().filter(|a| a.actief()) {
        for b in a.verzekerden() {
            *n.entry(b.as_str()).or_default() += 1;
        }
    }
    n
}

/// GET `/werkplek/collectieve-zorgverzekering`.
pub async fn lijst(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
) -> Result<Html<String>, PageError> {
    let scope = staff.scope();
    let z = beleid(&state, scope.gemeente)?;
    let lijst = opslag::lijst(
        &state.db,
        &scope,
        Doel::Inzien,
        "GET /werkplek/collectieve-zorgverzekering",
    )
    .await?;
    let n = tellingen(&lijst);
    let regel = |a: &Aanmelding| Regel {
        naam: a.naam.clone(),
        pakket: a.pakket_naam.clone(),
        partner: a.partner_bsn.is_some(),
        aangemeld: datum_nl(&a.aangemeld_op),
        ingang: datum_nl(&a.ingangsdatum),
        einde: a.einddatum.as_deref().map(datum_nl),
        dubbel: a.actief()
            && a.verzekerden()
                .iter()
                .any(|b| n.get(b.as_str()).copied().unwrap_or(0) > 1),
    };
    let (actief, gestopt): (Vec<&Aanmelding>, Vec<&Aanmelding>) =
        lijst.iter().partition(|a| a.actief());
    let mag_exporteren = crate::routes::in_menu(
        &staff.medewerker,
        "/werkplek/collectieve-zorgverzekering/export",
    );
    render(&Page {
        beleid: z.as_ref().filter(|z| z.aangeboden()).map(Beleidstekst::uit),
        verzekerden: actief.iter().map(|a| a.verzekerden().len()).sum(),
        actief: actief.into_iter().map(regel).collect(),
        gestopt: gestopt.into_iter().rev().map(regel).collect(),
        mag_exporteren,
        user: Some(staff.medewerker),
    })
}

/// GET `/werkplek/collectieve-zorgverzekering/export`: the CSV file for the
/// insurer.
pub async fn export(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
) -> Result<Response, PageError> {
    let scope = staff.scope();
    let z = beleid(&state, scope.gemeente)?;
    let lijst = opslag::lijst(
        &state.db,
        &scope,
        Doel::Exporteren,
        "GET /werkplek/collectieve-zorgverzekering/export",
    )
    .await?;
    let bestand = csv::bestand(scope.gemeente, &lijst, z.as_ref().map(|z| &z.beleid));
    let naam = format!(
        "attachment; filename=\"collectieve-zorgverzekering-{}-{}.csv\"",
        scope.gemeente,
        today_amsterdam()
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, naam),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bestand,
    )
        .into_response())
}

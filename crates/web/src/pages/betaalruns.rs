//! Werkplek: the monthly betaalrun — compute, approve by a second person,
//! download the SEPA file. Computing shows its progress while it runs. The
//! running itself is `gbi_zaken::betaalrun`; the approval page is
//! [`super::betaalrun`].

use super::render;
use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Maand, Rol, today_amsterdam};
use gbi_store::StoreError;
use gbi_store::betalingen::{self, Betaalrun};
use gbi_store::medewerkers::Medewerker;
use gbi_zaken::betaalrun::{self, RunFout, UwvImport};
use serde::Deserialize;

/// Who computes, approves and downloads betaalruns.
pub const ROLLEN: &[Rol] = &[Rol::Teamleider, Rol::FunctioneelBeheerder];

#[derive(Template)]
#[template(path = "werkplek/betaalruns.html")]
struct Page {
    user: Option<Medewerker>,
    runs: Vec<Betaalrun>,
    mijn_id: String,
    volgende_maand: String,
    fout: Option<String>,
    /// Runs being computed now: (gemeente-month key, done, total).
    bezig: Vec<(String, u64, u64)>,
    /// Demo mode only: months whose amounts rest on figures carried forward.
    voorlopig: std::collections::HashSet<String>,
}

impl Page {
    fn is_voorlopig(&self, r: &Betaalrun) -> bool {
        self.voorlopig.contains(&r.maand)
    }
}

async fn page(
    state: &AppState,
    staff: crate::auth::Staff,
    fout: Option<String>,
) -> Result<Response, PageError> {
    let runs = betalingen::runs(&state.db, &staff.scope()).await?;
    let prefix = format!("{}:", staff.medewerker.gemeente_code);
    let bezig = state
        .voortgang
        .lock()
        .map(|m| {
            m.iter()
                .filter(|(k, _)| k.starts_with(&prefix))
                .map(|(k, (d, t))| (k[prefix.len()..].to_owned(), *d, *t))
                .collect()
        })
        .unwrap_or_default();
    let status = if fout.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    // A run that could not be computed in the background says why.
    let fout = fout.or_else(|| {
        state.betaalrun_fouten.lock().ok().and_then(|m| {
            let mut fouten: Vec<String> = m
                .iter()
                .filter(|(k, _)| k.starts_with(&prefix))
                .map(|(k, f)| format!("Betaalrun {}: {f}", &k[prefix.len()..]))
                .collect();
            fouten.sort();
            (!fouten.is_empty()).then(|| fouten.join(" "))
        })
    });
    let voorlopig = runs
        .iter()
        .filter(|r| {
            Maand::parse(&r.maand).is_ok_and(|m| {
                state
                    .regels
                    .as_ref()
                    .is_some_and(|g| g.voorlopig_op(m.first_day()))
            })
        })
        .map(|r| r.maand.clone())
        .collect();
    let p = Page {
        voorlopig,
        mijn_id: staff.medewerker.id.clone(),
        user: Some(staff.medewerker),
        runs,
        volgende_maand: Maand::of(today_amsterdam()).next().to_string(),
        fout,
        bezig,
    };
    Ok((status, render(&p)?).into_response())
}

pub async fn list(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
) -> Result<Response, PageError> {
    page(&state, staff, None).await
}

#[derive(Deserialize)]
pub struct Start {
    #[serde(default)]
    maand: String,
}

pub async fn start(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Form(f): Form<Start>,
) -> Result<Response, PageError> {
    let maand = match Maand::parse(&f.maand) {
        Ok(m) => m,
        Err(e) => return page(&state, staff, Some(e.message)).await,
    };
    // Computing a large city takes seconds: it runs in the background and
    // the page shows its progress (refreshing itself, no JavaScript needed).
    let key = format!("{}:{maand}", staff.medewerker.gemeente_code);
    let voortgang = state.voortgang.clone();
    let already = voortgang
        .lock()
        .map(|mut m| m.insert(key.clone(), (0, 0)).is_some())
        .unwrap_or(true);
    if !already {
        let (db, scope, door) = (state.db.clone(), staff.scope(), staff.medewerker.id.clone());
        let regels = state.regels.clone().ok_or_else(PageError::internal)?;
        let registers = state.registers.clone();
        let fouten = state.betaalrun_fouten.clone();
        if let Ok(mut m) = fouten.lock() {
            m.remove(&key);
        }
        tokio::spawn(async move {
            let v = voortgang.clone();
            let k = key.clone();
            // Where the gemeente's policy says so, the wages UWV knows are
            // offset first; when UWV is down the month is not computed.
            let uwv = match &registers {
                Some(r) => UwvImport::Vragen(r),
                None => UwvImport::Niet,
            };
            let result =
                betaalrun::uitvoeren(&db, &scope, &regels, maand, &door, uwv, move |d, t| {
                    if let Ok(mut m) = v.lock() {
                        m.insert(k.clone(), (d, t));
                    }
                })
                .await;
            let fout = match result {
                Ok(u) => {
                    if u.uitzonderingen > 0 {
                        tracing::warn!(
                            aantal = u.uitzonderingen,
                            "betaalrun with months not computed"
                        );
                    }
                    None
                }
                Err(RunFout::Uwv(e)) => {
                    tracing::warn!(error = %e, "UWV wages not imported; betaalrun not computed");
                    Some(format!(
                        "niet berekend. Loon van UWV: {e} Probeer het later opnieuw."
                    ))
                }
                Err(e) => {
                    tracing::error!(error = %e, "betaalrun failed");
                    Some(format!("niet berekend: {e}"))
                }
            };
            if let (Some(f), Ok(mut m)) = (fout, fouten.lock()) {
                m.insert(key.clone(), f);
            }
            if let Ok(mut m) = voortgang.lock() {
                m.remove(&key);
            }
        });
    }
    Ok(Redirect::to("/werkplek/betaalruns").into_response())
}

pub(super) fn run_fout(e: RunFout) -> PageError {
    match e {
        RunFout::Store(StoreError::Conflict(m)) => PageError {
            status: StatusCode::CONFLICT,
            title: "Dat kan niet",
            message: m,
        },
        RunFout::Store(e) => e.into(),
        other => PageError {
            status: StatusCode::CONFLICT,
            title: "Betaalbestand niet gemaakt",
            message: other.to_string(),
        },
    }
}

pub async fn goedkeuren(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let nu = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .naive_local();
    betaalrun::goedkeuren(&state.db, &staff.scope(), &id, &staff.medewerker.id, nu)
        .await
        .map_err(run_fout)?;
    Ok(Redirect::to(&format!("/werkplek/betaalruns/{id}")).into_response())
}

pub async fn sepa(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let xml = betalingen::sepa_bestand(&state.db, &staff.scope(), &id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let name = format!("attachment; filename=\"betaalrun-{id}.xml\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/xml".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        xml,
    )
        .into_response())
}

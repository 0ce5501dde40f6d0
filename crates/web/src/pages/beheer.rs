//! Werkplek, functioneel beheer: the gemeente's own bank account, from which
//! the benefits are paid (the debtor of the SEPA file). Without it no
//! betaalrun can be approved. It can also be set in the configuration
//! (`[gemeente."0392"]`, applied when `gbi serve` starts).

use super::render;
use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Iban, Rol};
use gbi_store::betalingen::{self, Rekening};
use gbi_store::medewerkers::Medewerker;
use serde::Deserialize;

/// Who sets the gemeente's bank account.
pub const ROLLEN: &[Rol] = &[Rol::FunctioneelBeheerder];

/// An error of one field: its name (the input's id) and the message.
pub struct Fout {
    pub veld: &'static str,
    pub melding: String,
}

#[derive(Template)]
#[template(path = "werkplek/beheer_rekening.html")]
struct Page {
    user: Option<Medewerker>,
    iban: String,
    bic: String,
    naam: String,
    fouten: Vec<Fout>,
    bewaard: bool,
    ingesteld: bool,
}

impl Page {
    fn fout(&self, veld: &str) -> Option<&str> {
        fout_bij(&self.fouten, veld)
    }
}

/// The message at one field of a form, if any.
pub fn fout_bij<'a>(fouten: &'a [Fout], veld: &str) -> Option<&'a str> {
    fouten
        .iter()
        .find(|f| f.veld == veld)
        .map(|f| f.melding.as_str())
}

#[derive(Deserialize, Default)]
pub struct Bewaard {
    bewaard: Option<String>,
}

pub async fn rekening(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<Bewaard>,
) -> Result<Response, PageError> {
    let huidig = betalingen::rekening(&state.db, &staff.scope()).await?;
    let gemeente = gbi_store::gemeenten::get(&state.db, &staff.scope().gemeente)
        .await?
        .map(|g| g.naam)
        .unwrap_or_default();
    let p = Page {
        user: Some(staff.medewerker),
        ingesteld: huidig.is_some(),
        iban: huidig
            .as_ref()
            .map(|r| r.iban.formatted())
            .unwrap_or_default(),
        bic: huidig
            .as_ref()
            .and_then(|r| r.bic.clone())
            .unwrap_or_default(),
        naam: huidig
            .map(|r| r.naam)
            .unwrap_or_else(|| format!("Gemeente {gemeente}")),
        fouten: Vec::new(),
        bewaard: q.bewaard.is_some(),
    };
    Ok(render(&p)?.into_response())
}

#[derive(Deserialize)]
pub struct RekeningForm {
    #[serde(default)]
    iban: String,
    #[serde(default)]
    bic: String,
    #[serde(default)]
    naam: String,
}

/// Check the form: every field that is wrong gets its own message.
pub fn controleren(f: &RekeningForm) -> Result<Rekening, Vec<Fout>> {
    let mut fouten = Vec::new();
    let iban = Iban::parse(&f.iban)
        .map_err(|e| {
            fouten.push(Fout {
                veld: "iban",
                melding: if f.iban.trim().is_empty() {
                    "IBAN: vul het rekeningnummer van de gemeente in.".into()
                } else {
                    format!("IBAN: {}", e.message)
                },
            })
        })
        .ok();
    let bic = if f.bic.trim().is_empty() {
        None
    } else {
        gbi_payments::sepa::bic(&f.bic)
            .map_err(|m| {
                fouten.push(Fout {
                    veld: "bic",
                    melding: format!("BIC: {m}"),
                })
            })
            .ok()
    };
    let naam = f.naam.trim();
    if naam.is_empty() {
        fouten.push(Fout {
            veld: "naam",
            melding: "Naam van de rekeninghouder: vul de naam in die bij de bank bekend is.".into(),
        });
    } else if naam.chars().count() > 70 {
        fouten.push(Fout {
            veld: "naam",
            melding: "Naam van de rekeninghouder: ten hoogste 70 tekens (zoveel past in het betaalbestand).".into(),
        });
    }
    match iban {
        Some(iban) if fouten.is_empty() => Ok(Rekening {
            naam: naam.to_owned(),
            iban,
            bic,
        }),
        _ => Err(fouten),
    }
}

pub async fn rekening_opslaan(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Form(f): Form<RekeningForm>,
) -> Result<Response, PageError> {
    let r = match controleren(&f) {
        Ok(r) => r,
        Err(fouten) => {
            let p = Page {
                user: Some(staff.medewerker),
                iban: f.iban,
                bic: f.bic,
                naam: f.naam,
                fouten,
                bewaard: false,
                ingesteld: false,
            };
            return Ok((StatusCode::BAD_REQUEST, render(&p)?).into_response());
        }
    };
    betalingen::rekening_opslaan(&state.db, &staff.scope(), &r).await?;
    tracing::info!(
        gemeente = %staff.medewerker.gemeente_code,
        medewerker = %staff.medewerker.id,
        iban = %r.iban.formatted(),
        bic = r.bic.as_deref().unwrap_or(""),
        "rekening van de gemeente ingesteld"
    );
    Ok(Redirect::to("/werkplek/beheer/rekening?bewaard=1").into_response())
}

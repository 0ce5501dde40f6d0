//! Portal: signing up for the gemeente's collective supplementary health
//! insurance. The page explains it in B1 Dutch with the income limit in
//! euros, and has one form: a package, optionally the partner's BSN, and
//! the declaration that the household's income is below the limit. A
//! resident already insured sees the sign-up and can stop it. A refused
//! form names the field, keeps what was typed, and stores nothing.

use super::{Beleidstekst, beleid};
use crate::AppState;
use crate::auth::{PortalResident, Resident};
use crate::error::PageError;
use crate::pages::{datum_nl, render};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Bsn, today_amsterdam};
use gbi_rules::regelingen::zorgverzekering::Zorgverzekering;
use gbi_store::StoreError;
use gbi_store::zorgverzekering::{self as opslag, Aanmelding, NieuweAanmelding};
use serde::Deserialize;

pub const PAD: &str = "/portaal/collectieve-zorgverzekering";

/// A refusal: the field (its id on the page) and the message, which starts
/// with the field's name.
pub struct Fout {
    pub veld: &'static str,
    pub tekst: String,
}

/// The resident's sign-up in words.
pub struct Huidig {
    pub pakket: String,
    pub ingang: String,
    pub met_partner: bool,
    pub partner_bsn: String,
    /// The resident is insured as someone else's partner: only that person
    /// can stop it.
    pub als_partner: bool,
}

#[derive(Template)]
#[template(path = "portaal/zorgverzekering.html")]
struct Page {
    resident: Option<Resident>,
    gemeente: String,
    /// `None`: the gemeente offers no collective insurance now.
    beleid: Option<Beleidstekst>,
    huidig: Option<Huidig>,
    fouten: Vec<Fout>,
    /// What the resident typed, shown again after a refusal.
    gekozen: String,
    partner: String,
    verklaring: bool,
    melding: Option<&'static str>,
}

impl Page {
    fn fout(&self, veld: &str) -> Option<&str> {
        self.fouten
            .iter()
            .find(|f| f.veld == veld)
            .map(|f| f.tekst.as_str())
    }
}

#[derive(Deserialize)]
pub struct PageQuery {
    klaar: Option<String>,
}

fn huidig(a: &Aanmelding, bsn: &Bsn) -> Huidig {
    Huidig {
        pakket: a.pakket_naam.clone(),
        ingang: datum_nl(&a.ingangsdatum),
        met_partner: a.partner_bsn.is_some(),
        partner_bsn: a
            .partner_bsn
            .as_ref()
            .map(|b| b.as_str().to_owned())
            .unwrap_or_default(),
        als_partner: &a.bsn != bsn,
    }
}

async fn page(
    state: &AppState,
    r: Resident,
    fouten: Vec<Fout>,
    form: &AanmeldForm,
    melding: Option<&'static str>,
) -> Result<Response, PageError> {
    let z = beleid(state, r.sessie.gemeente_code)?;
    let a = opslag::huidig(
        &state.db,
        &r.scope(),
        &r.sessie.bsn,
        "GET /portaal/collectieve-zorgverzekering",
    )
    .await?;
    let status = if fouten.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let html = render(&Page {
        gemeente: r.gemeente.naam.clone(),
        beleid: z.as_ref().filter(|z| z.aangeboden()).map(Beleidstekst::uit),
        huidig: a.as_ref().map(|a| huidig(a, &r.sessie.bsn)),
        fouten,
        gekozen: form.pakket.clone(),
        partner: form.partner_bsn.trim().chars().take(20).collect(),
        verklaring: form.verklaring.as_deref() == Some("ja"),
        melding,
        resident: Some(r),
    })?;
    Ok((status, html).into_response())
}

/// GET `/portaal/collectieve-zorgverzekering`.
pub async fn show(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let melding = match q.klaar.as_deref() {
        Some("aangemeld") => Some(
            "U bent aangemeld. Wij geven uw aanmelding door aan de verzekeraar. De verzekeraar stuurt u een brief over de premie en de start.",
        ),
        Some("afgemeld") => Some(
            "U bent afgemeld. Wij geven dit door aan de verzekeraar. De verzekering stopt aan het eind van deze maand. Was zij nog niet begonnen? Dan begint zij niet.",
        ),
        _ => None,
    };
    page(&state, r, Vec::new(), &AanmeldForm::default(), melding).await
}

#[derive(Deserialize, Default)]
pub struct AanmeldForm {
    #[serde(default)]
    pakket: String,
    #[serde(default)]
    partner_bsn: String,
    verklaring: Option<String>,
}

/// Check the form against the policy: the package, the partner's BSN and
/// the declaration, each refusal naming its field.
pub fn controleren<'z>(
    z: &'z Zorgverzekering,
    eigen: &Bsn,
    f: &AanmeldForm,
) -> Result<(&'z gbi_rules::params::Pakket, Option<Bsn>), Vec<Fout>> {
    let mut fouten = Vec::new();
    let pakket = z.beleid.pakket(f.pakket.trim());
    if pakket.is_none() {
        fouten.push(Fout {
            veld: "pakket",
            tekst: "Pakket: kies een van de pakketten.".into(),
        });
    }
    let partner = match f.partner_bsn.trim() {
        "" => None,
        p => match Bsn::parse(p) {
            Err(e) => {
                fouten.push(Fout {
                    veld: "partner_bsn",
                    tekst: format!("BSN van uw partner: {}", e.message),
                });
                None
            }
            Ok(b) if &b == eigen => {
                fouten.push(Fout {
                    veld: "partner_bsn",
                    tekst: "BSN van uw partner: dit is uw eigen BSN. Vul het BSN van uw partner in, of laat het leeg.".into(),
                });
                None
            }
            Ok(b) => Some(b),
        },
    };
    if f.verklaring.as_deref() != Some("ja") {
        fouten.push(Fout {
            veld: "verklaring",
            tekst: "Verklaring over uw inkomen: zet een vinkje als uw inkomen niet hoger is dan de grens. Is uw inkomen hoger? Dan kunt u niet meedoen.".into(),
        });
    }
    match pakket {
        Some(p) if fouten.is_empty() => Ok((p, partner)),
        _ => Err(fouten),
    }
}

/// POST `/portaal/collectieve-zorgverzekering`: sign up.
pub async fn aanmelden(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Form(f): Form<AanmeldForm>,
) -> Result<Response, PageError> {
    let Some(z) = beleid(&state, r.sessie.gemeente_code)?.filter(Zorgverzekering::aangeboden)
    else {
        return Ok(Redirect::to(PAD).into_response());
    };
    let (pakket, partner) = match controleren(&z, &r.sessie.bsn, &f) {
        Ok(v) => v,
        Err(fouten) => return page(&state, r, fouten, &f, None).await,
    };
    let nieuw = NieuweAanmelding {
        bsn: &r.sessie.bsn,
        naam: &r.sessie.naam,
        partner_bsn: partner.as_ref(),
        pakket_code: &pakket.code,
        pakket_naam: &pakket.naam,
        ingangsdatum: Zorgverzekering::ingangsdatum(today_amsterdam()),
    };
    match opslag::aanmelden(
        &state.db,
        &r.scope(),
        &nieuw,
        "POST /portaal/collectieve-zorgverzekering",
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("{PAD}?klaar=aangemeld")).into_response()),
        // Already insured: the page shows the sign-up that holds.
        Err(StoreError::Conflict(c)) if c == opslag::AL_AANGEMELD => {
            Ok(Redirect::to(PAD).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// POST `/portaal/collectieve-zorgverzekering/afmelden`: stop the
/// resident's own sign-up at the end of this month.
pub async fn afmelden(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
) -> Result<Response, PageError> {
    let einde = Zorgverzekering::einddatum(today_amsterdam());
    let gestopt = opslag::afmelden(
        &state.db,
        &r.scope(),
        &r.sessie.bsn,
        einde,
        "POST /portaal/collectieve-zorgverzekering/afmelden",
    )
    .await?;
    Ok(match gestopt {
        Some(_) => Redirect::to(&format!("{PAD}?klaar=afgemeld")),
        None => Redirect::to(PAD),
    }
    .into_response())
}

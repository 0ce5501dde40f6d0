//! Changes of circumstances (wijzigingen) for a running benefit: the
//! resident reports one in the portal; a caseworker records the new
//! household facts from a month on, after which the ledger recomputes.

use super::uitkering::eigen_uitkering;
use crate::AppState;
use crate::auth::{PageStaff, PortalResident};
use crate::error::PageError;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Maand, Money, today_amsterdam};
use gbi_store::wijzigingen;

#[derive(serde::Deserialize)]
pub struct MeldForm {
    #[serde(default)]
    soort: String,
    #[serde(default)]
    datum: String,
    #[serde(default)]
    toelichting: String,
}

/// A resident reports a change of circumstances.
pub async fn melden(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(zaak_id): Path<String>,
    axum::Form(f): axum::Form<MeldForm>,
) -> Result<Response, PageError> {
    let u = eigen_uitkering(&state, &r, &zaak_id).await?;
    let fout = |m: &str| PageError {
        status: StatusCode::BAD_REQUEST,
        title: "Wijziging niet doorgegeven",
        message: m.into(),
    };
    if !wijzigingen::SOORTEN.iter().any(|(s, _)| *s == f.soort) {
        return Err(fout("Kies wat er verandert."));
    }
    let datum = gbi_domain::date::parse_datum_nl(f.datum.trim()).map_err(|e| fout(&e.message))?;
    if f.toelichting.trim().is_empty() {
        return Err(fout("Schrijf kort op wat er verandert."));
    }
    wijzigingen::melden(
        &state.db,
        &r.scope(),
        &u,
        &f.soort,
        &datum.to_string(),
        f.toelichting.trim(),
    )
    .await?;
    Ok(Redirect::to(&format!("/portaal/zaken/{zaak_id}/uitkering?gemeld=1")).into_response())
}

/// The facts a caseworker can change when processing a wijziging.
pub struct FeitenForm {
    pub partner: String,
    pub kinderen: String,
    pub medebewoners: String,
    pub bezittingen: String,
    pub schulden: String,
}

impl FeitenForm {
    pub(crate) fn uit(h: &gbi_rules::Huishouden) -> Self {
        let regels = |v: Vec<String>| v.join("\n");
        Self {
            partner: h
                .partner
                .as_ref()
                .map(|p| p.geboortedatum.to_string())
                .unwrap_or_default(),
            kinderen: regels(
                h.kinderen
                    .iter()
                    .map(|k| k.geboortedatum.to_string())
                    .collect(),
            ),
            medebewoners: regels(
                h.medebewoners
                    .iter()
                    .map(|m| m.geboortedatum.to_string())
                    .collect(),
            ),
            bezittingen: Money::from_cents(h.vermogen.bezittingen_cents).to_string(),
            schulden: Money::from_cents(h.vermogen.schulden_cents).to_string(),
        }
    }
}

#[derive(serde::Deserialize)]
pub struct VerwerkForm {
    #[serde(default)]
    wijziging_id: String,
    #[serde(default)]
    vanaf: String,
    #[serde(default)]
    partner: String,
    #[serde(default)]
    kinderen: String,
    #[serde(default)]
    medebewoners: String,
    #[serde(default)]
    bezittingen: String,
    #[serde(default)]
    schulden: String,
}

/// A proposal of new facts, in words, for the second person.
pub struct Voorstel {
    pub wijziging_id: String,
    pub regels: Vec<(&'static str, String)>,
    pub eigen: bool,
}

/// What the person looking at a benefit may do with its changes.
pub struct Acties {
    pub mag_verwerken: bool,
    pub mag_beoordelen: bool,
    pub voorstellen: Vec<Voorstel>,
}

impl Acties {
    /// The proposal waiting for a second person for this change, if any.
    pub fn voorstel(&self, wijziging_id: &str) -> Option<&Voorstel> {
        self.voorstellen
            .iter()
            .find(|v| v.wijziging_id == wijziging_id)
    }
}

pub async fn acties(
    state: &AppState,
    staff: &crate::auth::Staff,
    u: &gbi_store::uitkeringen::Uitkering,
) -> Result<Acties, PageError> {
    let scope = staff.scope();
    let ik = scope.actor.as_log_string();
    let voorstellen = wijzigingen::voorstellen(&state.db, &scope, &u.id)
        .await?
        .into_iter()
        .map(|v| {
            let h: Option<gbi_rules::Huishouden> = serde_json::from_value(v.huishouden).ok();
            let mut regels = vec![("Vanaf", v.geldig_van.dutch_name())];
            if let Some(h) = h {
                let f = FeitenForm::uit(&h);
                let leeg = |s: String| {
                    if s.is_empty() {
                        "geen".to_owned()
                    } else {
                        s.replace('\n', ", ")
                    }
                };
                regels.push(("Partner (geboortedatum)", leeg(f.partner)));
                regels.push(("Kinderen (geboortedata)", leeg(f.kinderen)));
                regels.push(("Medebewoners (geboortedata)", leeg(f.medebewoners)));
                regels.push(("Bezittingen", f.bezittingen));
                regels.push(("Schulden", f.schulden));
            }
            Voorstel {
                eigen: v.door == ik,
                wijziging_id: v.wijziging_id,
                regels,
            }
        })
        .collect();
    Ok(Acties {
        mag_verwerken: staff.has_any(gbi_zaken::wijziging::VERWERKEN),
        mag_beoordelen: staff.has_any(gbi_zaken::wijziging::BEOORDELEN),
        voorstellen,
    })
}

/// A caseworker processes a wijziging: the household facts from a month on,
/// for a second person to approve. The form is parsed here; the process
/// layer checks role, state and the facts (`gbi_zaken::wijziging`).
pub async fn verwerken(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(zaak_id): Path<String>,
    axum::Form(f): axum::Form<VerwerkForm>,
) -> Result<Response, PageError> {
    let fout = |m: String| PageError {
        status: StatusCode::BAD_REQUEST,
        title: "Wijziging niet verwerkt",
        message: m,
    };
    let vanaf = Maand::parse(f.vanaf.trim())
        .map_err(|e| fout(format!("Vanaf welke maand: {}", e.message)))?;
    let datum = |s: &str, veld: &str| {
        gbi_domain::date::parse_datum_nl(s.trim())
            .map_err(|e| fout(format!("{veld}: {}", e.message)))
    };
    let datums = |s: &str, veld: &str| -> Result<Vec<chrono::NaiveDate>, PageError> {
        s.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| datum(l, veld))
            .collect()
    };
    let bedrag = |s: &str, veld: &str| -> Result<Money, PageError> {
        if s.trim().is_empty() {
            return Ok(Money::ZERO);
        }
        Money::parse_euros(s).map_err(|e| fout(format!("{veld}: {}", e.message)))
    };
    let feiten = gbi_zaken::wijziging::Feiten {
        wijziging_id: f.wijziging_id.trim().to_owned(),
        vanaf,
        partner: match f.partner.trim() {
            "" => None,
            p => Some(datum(p, "Partner")?),
        },
        kinderen: datums(&f.kinderen, "Kinderen")?,
        medebewoners: datums(&f.medebewoners, "Medebewoners")?,
        bezittingen: bedrag(&f.bezittingen, "Bezittingen")?,
        schulden: bedrag(&f.schulden, "Schulden")?,
    };
    let regels = state.regels.clone().ok_or_else(PageError::internal)?;
    gbi_zaken::wijziging::verwerken(
        &state.db,
        &staff.scope(),
        &super::behandeling::wie(&staff),
        &zaak_id,
        feiten,
        &regels,
        today_amsterdam(),
    )
    .await
    .map_err(super::behandeling::refused)?;
    Ok(Redirect::to(&format!("/werkplek/zaken/{zaak_id}/uitkering")).into_response())
}

#[derive(serde::Deserialize)]
pub struct BeoordeelForm {
    #[serde(default)]
    wijziging_id: String,
    #[serde(default)]
    oordeel: String,
    #[serde(default)]
    opmerking: String,
}

/// A second person approves or sends back the recorded facts of a change.
pub async fn beoordelen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(zaak_id): Path<String>,
    axum::Form(f): axum::Form<BeoordeelForm>,
) -> Result<Response, PageError> {
    let goedgekeurd = match f.oordeel.as_str() {
        "goedkeuren" => true,
        "terugsturen" => false,
        _ => {
            return Err(PageError {
                status: StatusCode::BAD_REQUEST,
                title: "Niet beoordeeld",
                message: "Kies goedkeuren of terugsturen.".into(),
            });
        }
    };
    gbi_zaken::wijziging::beoordelen(
        &state.db,
        &staff.scope(),
        &super::behandeling::wie(&staff),
        &zaak_id,
        f.wijziging_id.trim(),
        goedgekeurd,
        Some(&f.opmerking),
    )
    .await
    .map_err(super::behandeling::refused)?;
    Ok(Redirect::to(&format!("/werkplek/zaken/{zaak_id}/uitkering")).into_response())
}

#[derive(serde::Deserialize)]
pub struct InkomstenForm {
    #[serde(default)]
    maand: String,
    #[serde(default)]
    arbeid: String,
    #[serde(default)]
    overig: String,
}

/// A caseworker records the income of a month (it outranks UWV's figure,
/// and is the review a large drop from UWV wages waits for). The form is
/// parsed here; `gbi_zaken::inkomsten` checks role, state and amounts.
pub async fn inkomsten_vastleggen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(zaak_id): Path<String>,
    axum::Form(f): axum::Form<InkomstenForm>,
) -> Result<Response, PageError> {
    let fout = |m: String| PageError {
        status: StatusCode::BAD_REQUEST,
        title: "Inkomsten niet vastgelegd",
        message: m,
    };
    let maand = Maand::parse(f.maand.trim())
        .map_err(|e| fout(format!("Maand: {} Schrijf zo: 2026-08.", e.message)))?;
    let bedrag = |s: &str, veld: &str| -> Result<Money, PageError> {
        if s.trim().is_empty() {
            return Ok(Money::ZERO);
        }
        Money::parse_euros(s).map_err(|e| fout(format!("{veld}: {}", e.message)))
    };
    let opgave = gbi_zaken::inkomsten::Opgave {
        maand,
        arbeid: bedrag(&f.arbeid, "Loon")?,
        overig: bedrag(&f.overig, "Ander inkomen")?,
    };
    gbi_zaken::inkomsten::vastleggen(
        &state.db,
        &staff.scope(),
        &super::behandeling::wie(&staff),
        &zaak_id,
        opgave,
        today_amsterdam(),
    )
    .await
    .map_err(super::behandeling::refused)?;
    Ok(Redirect::to(&format!("/werkplek/zaken/{zaak_id}/uitkering#inkomsten")).into_response())
}

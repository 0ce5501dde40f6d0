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
use gbi_domain::{Maand, Money};
use gbi_store::{uitkeringen, wijzigingen, zaken};

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
    let datum = gbi_domain::date::parse_date(f.datum.trim()).map_err(|e| fout(&e.message))?;
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

/// A caseworker processes a wijziging: the household facts from a month on.
pub async fn verwerken(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(zaak_id): Path<String>,
    axum::Form(f): axum::Form<VerwerkForm>,
) -> Result<Response, PageError> {
    use gbi_rules::huishouden::{Medebewoner, Persoon, Relatie};
    let scope = staff.scope();
    let fout = |m: String| PageError {
        status: StatusCode::BAD_REQUEST,
        title: "Wijziging niet verwerkt",
        message: m,
    };
    zaken::get(&state.db, &scope, &zaak_id, "wijziging verwerken")
        .await?
        .ok_or_else(PageError::not_found)?;
    let u = uitkeringen::voor_zaak(&state.db, &scope, &zaak_id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let basis: gbi_rules::Huishouden = match &u.huishouden {
        Some(b) => serde_json::from_value(b.clone()).map_err(|_| PageError::internal())?,
        None => {
            return Err(fout(
                "Deze uitkering heeft een vast bedrag; pas het besluit aan.".into(),
            ));
        }
    };
    let vanaf = Maand::parse(f.vanaf.trim())
        .map_err(|e| fout(format!("Vanaf welke maand: {}", e.message)))?;
    let feiten = gbi_zaken::betaalrun::feiten_van(&state.db, &scope, &u.id, basis)
        .await
        .map_err(|_| PageError::internal())?;
    let mut h = feiten.voor(vanaf).clone();
    let datum = |s: &str, veld: &str| {
        gbi_domain::date::parse_date(s.trim()).map_err(|e| fout(format!("{veld}: {}", e.message)))
    };
    let datums = |s: &str, veld: &str| -> Result<Vec<chrono::NaiveDate>, PageError> {
        s.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| datum(l, veld))
            .collect()
    };
    h.partner = match f.partner.trim() {
        "" => None,
        p => Some(Persoon {
            geboortedatum: datum(p, "Partner")?,
        }),
    };
    h.kinderen = datums(&f.kinderen, "Kinderen")?
        .into_iter()
        .map(|geboortedatum| Persoon { geboortedatum })
        .collect();
    h.medebewoners = datums(&f.medebewoners, "Medebewoners")?
        .into_iter()
        .map(|geboortedatum| Medebewoner {
            geboortedatum,
            relatie: Relatie::Overig,
            commerciele_huur: false,
            studiefinanciering: false,
            bbl: false,
        })
        .collect();
    let bedrag = |s: &str, veld: &str| -> Result<i64, PageError> {
        if s.trim().is_empty() {
            return Ok(0);
        }
        let m = Money::parse_euros(s).map_err(|e| fout(format!("{veld}: {}", e.message)))?;
        if m.is_negative() {
            Err(fout(format!("{veld}: kan niet negatief zijn")))
        } else {
            Ok(m.cents())
        }
    };
    h.vermogen.bezittingen_cents = bedrag(&f.bezittingen, "Bezittingen")?;
    h.vermogen.schulden_cents = bedrag(&f.schulden, "Schulden")?;
    // The rules must be able to compute with the new facts.
    if let Some(regels) = &state.regels {
        regels
            .bereken(&h, vanaf.first_day(), Some(scope.gemeente))
            .map_err(|e| fout(e.to_string()))?;
    }
    let json = serde_json::to_value(&h).map_err(|_| PageError::internal())?;
    wijzigingen::verwerken(&state.db, &scope, &u, &f.wijziging_id, vanaf, &json)
        .await
        .map_err(|e| match e {
            gbi_store::StoreError::Conflict(m) => fout(m),
            other => other.into(),
        })?;
    Ok(Redirect::to(&format!("/werkplek/zaken/{zaak_id}/uitkering")).into_response())
}

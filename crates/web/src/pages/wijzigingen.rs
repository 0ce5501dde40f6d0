//! Changes of circumstances (wijzigingen) for a running benefit: the
//! resident reports one in the portal; a caseworker records the new
//! household facts from a month on, after which the ledger recomputes.

use super::invoer::Invoer;
use super::uitkering::eigen_uitkering;
use crate::AppState;
use crate::auth::{PageStaff, PortalResident};
use crate::error::PageError;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Maand, Money, today_amsterdam};
use gbi_store::wijzigingen;
use gbi_zaken::commando::Fout;
use gbi_zaken::voorstel::Ongeldig;

/// A resident reports a change of circumstances. Wrong input brings the
/// page back with the message at the field and what was typed.
pub async fn melden(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(zaak_id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let u = eigen_uitkering(&state, &r, &zaak_id).await?;
    let veld = |naam: &str| {
        form.iter()
            .find(|(k, _)| k == naam)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let (soort, toelichting) = (veld("soort"), veld("toelichting"));
    let gelezen = if !wijzigingen::SOORTEN.iter().any(|(s, _)| *s == soort) {
        Err(("soort", "Kies wat er verandert.".to_owned()))
    } else {
        match gbi_domain::date::parse_datum_nl(&veld("datum")) {
            Err(e) => Err((
                "wijziging-datum",
                format!("Vanaf welke datum: {}", e.message),
            )),
            Ok(_) if toelichting.is_empty() => Err((
                "toelichting",
                "Schrijf kort op wat er verandert.".to_owned(),
            )),
            Ok(_) if toelichting.chars().count() > 4000 => Err((
                "toelichting",
                "Schrijf het korter: hoogstens 4000 tekens.".to_owned(),
            )),
            Ok(d) => Ok(d),
        }
    };
    match gelezen {
        Ok(datum) => {
            let scope = r.scope();
            wijzigingen::melden(
                &state.db,
                &scope,
                &u,
                &soort,
                &datum.to_string(),
                &toelichting,
            )
            .await?;
            Ok(
                Redirect::to(&format!("/portaal/zaken/{zaak_id}/uitkering?gemeld=1"))
                    .into_response(),
            )
        }
        Err((veld, melding)) => {
            let invoer = super::invoer::Invoer::geweigerd("wijziging", veld, melding, form, &[]);
            let html = super::uitkering::portaal_pagina(
                &state,
                r,
                zaak_id,
                super::uitkering::Bewaard::default(),
                invoer,
            )
            .await?;
            Ok((StatusCode::BAD_REQUEST, html).into_response())
        }
    }
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

/// The benefit page again, with the refused form open: the message at the
/// field with id `veld_id`, and everything typed kept.
async fn terug_met_fout(
    state: &AppState,
    staff: &crate::auth::Staff,
    zaak_id: String,
    formulier: &'static str,
    veld: &str,
    melding: String,
    waarden: Vec<(String, String)>,
) -> Result<Response, PageError> {
    let sleutel = self::veld(&waarden, "wijziging_id");
    let invoer = Invoer::geweigerd(formulier, veld, melding, waarden, &[]).met_sleutel(sleutel);
    let html = super::uitkering::werkplek_pagina(state, staff, zaak_id, invoer).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

fn veld(form: &[(String, String)], naam: &str) -> String {
    form.iter()
        .find(|(k, _)| k == naam)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

/// An amount that may be left empty (then zero).
fn bedrag(form: &[(String, String)], naam: &'static str, label: &str) -> Result<Money, Ongeldig> {
    let s = veld(form, naam);
    if s.is_empty() {
        return Ok(Money::ZERO);
    }
    Money::parse_euros(&s).map_err(|e| Ongeldig {
        veld: naam,
        melding: format!("{label}: {}", e.message),
    })
}

/// Read the processing form; a refusal names the field.
fn feiten_uit(form: &[(String, String)]) -> Result<gbi_zaken::wijziging::Feiten, Ongeldig> {
    let fout = |veld: &'static str, m: String| Ongeldig { veld, melding: m };
    let vanaf = Maand::parse(&veld(form, "vanaf")).map_err(|e| {
        fout(
            "vanaf",
            format!("Vanaf welke maand: {} Schrijf zo: 2026-08.", e.message),
        )
    })?;
    let datum = |s: &str, veld: &'static str, label: &str| {
        gbi_domain::date::parse_datum_nl(s.trim())
            .map_err(|e| fout(veld, format!("{label}: {}", e.message)))
    };
    let datums = |veld: &'static str, label: &str| -> Result<Vec<chrono::NaiveDate>, Ongeldig> {
        self::veld(form, veld)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| datum(l, veld, label))
            .collect()
    };
    Ok(gbi_zaken::wijziging::Feiten {
        wijziging_id: veld(form, "wijziging_id"),
        vanaf,
        partner: match veld(form, "partner").as_str() {
            "" => None,
            p => Some(datum(p, "partner", "Partner")?),
        },
        kinderen: datums("kinderen", "Kinderen")?,
        medebewoners: datums("medebewoners", "Medebewoners")?,
        bezittingen: bedrag(form, "bezittingen", "Bezittingen")?,
        schulden: bedrag(form, "schulden", "Schulden")?,
    })
}

/// A caseworker processes a wijziging: the household facts from a month on,
/// for a second person to approve. The form is parsed here; the process
/// layer checks role, state and the facts (`gbi_zaken::wijziging`).
pub async fn verwerken(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(zaak_id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let regels = state.regels.clone().ok_or_else(PageError::internal)?;
    let gedaan = match feiten_uit(&form) {
        Err(o) => Err(o),
        Ok(feiten) => match gbi_zaken::wijziging::verwerken(
            &state.db,
            &staff.scope(),
            &super::behandeling::wie(&staff),
            &zaak_id,
            feiten,
            &regels,
            today_amsterdam(),
        )
        .await
        {
            Ok(()) => Ok(()),
            Err(Fout::Ongeldig(o)) => Err(o),
            Err(e) => return Err(super::behandeling::refused(e)),
        },
    };
    match gedaan {
        Ok(()) => Ok(Redirect::to(&format!("/werkplek/zaken/{zaak_id}/uitkering")).into_response()),
        Err(o) => {
            terug_met_fout(
                &state,
                &staff,
                zaak_id,
                "wijziging",
                o.veld,
                o.melding,
                form,
            )
            .await
        }
    }
}

/// A second person approves or sends back the recorded facts of a change.
pub async fn beoordelen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(zaak_id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let wijziging_id = veld(&form, "wijziging_id");
    let fout = match veld(&form, "oordeel").as_str() {
        o @ ("goedkeuren" | "terugsturen") => {
            let opmerking = veld(&form, "opmerking");
            match gbi_zaken::wijziging::beoordelen(
                &state.db,
                &staff.scope(),
                &super::behandeling::wie(&staff),
                &zaak_id,
                &wijziging_id,
                o == "goedkeuren",
                Some(&opmerking),
            )
            .await
            {
                Ok(()) => {
                    signaleren(&state, &staff.scope(), &zaak_id, "wijziging").await;
                    let terug = format!("/werkplek/zaken/{zaak_id}/uitkering");
                    return Ok(Redirect::to(&terug).into_response());
                }
                Err(Fout::Ongeldig(o)) => o,
                Err(e) => return Err(super::behandeling::refused(e)),
            }
        }
        _ => Ongeldig {
            veld: "oordeel",
            melding: "Kies goedkeuren of terugsturen.".into(),
        },
    };
    terug_met_fout(
        &state,
        &staff,
        zaak_id,
        "beoordeling",
        fout.veld,
        fout.melding,
        form,
    )
    .await
}

/// A caseworker records the income of a month (it outranks UWV's figure,
/// and is the review a large drop from UWV wages waits for). The form is
/// parsed here; `gbi_zaken::inkomsten` checks role, state and amounts.
pub async fn inkomsten_vastleggen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(zaak_id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let opgave = Maand::parse(&veld(&form, "maand"))
        .map_err(|e| Ongeldig {
            veld: "maand",
            melding: format!("Maand: {} Schrijf zo: 2026-08.", e.message),
        })
        .and_then(|maand| {
            Ok(gbi_zaken::inkomsten::Opgave {
                maand,
                arbeid: bedrag(&form, "arbeid", "Loon")?,
                overig: bedrag(&form, "overig", "Ander inkomen")?,
            })
        });
    let fout = match opgave {
        Err(o) => o,
        Ok(opgave) => match gbi_zaken::inkomsten::vastleggen(
            &state.db,
            &staff.scope(),
            &super::behandeling::wie(&staff),
            &zaak_id,
            opgave,
            today_amsterdam(),
        )
        .await
        {
            Ok(_) => {
                signaleren(&state, &staff.scope(), &zaak_id, "inkomsten").await;
                let terug = format!("/werkplek/zaken/{zaak_id}/uitkering#inkomsten");
                return Ok(Redirect::to(&terug).into_response());
            }
            Err(Fout::Ongeldig(o)) => o,
            Err(e) => return Err(super::behandeling::refused(e)),
        },
    };
    terug_met_fout(
        &state,
        &staff,
        zaak_id,
        "inkomsten",
        fout.veld,
        fout.melding,
        form,
    )
    .await
}

/// After income or facts of past months changed: the ledger may now show
/// an overpayment; `gbi_zaken::invordering::signaleren` turns it into a
/// terugvorderingsverzoek for a person. A failure does not undo what was
/// recorded: it is logged, and the next change tries again.
pub(crate) async fn signaleren(
    state: &AppState,
    scope: &gbi_store::Scope,
    zaak_id: &str,
    aanleiding: &str,
) {
    let Some(regels) = state.regels.as_ref() else {
        return;
    };
    if let Err(e) = gbi_zaken::invordering::signaleren(
        &state.db,
        scope,
        regels,
        zaak_id,
        aanleiding,
        today_amsterdam(),
    )
    .await
    {
        tracing::warn!(zaak = %zaak_id, error = %e, "overpayment not checked");
    }
}

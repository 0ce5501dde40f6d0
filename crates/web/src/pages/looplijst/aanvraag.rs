//! Werkplek: a buurtteam fills in an application together with a resident
//! it visits from the looplijst. The resident shows who they are and agrees;
//! the BSN must belong to someone the list has at that address. The draft is
//! the regeling's own form (kanaal `huisbezoek`), prefilled like the IIT
//! invitation: for an IIT address where every source said yes, income and
//! savings are not asked again (the sources are asked once more when the
//! zaak starts). Only the buurtteam member who started a draft opens it.

use super::lijst::{self, WijkQuery};
use crate::AppState;
use crate::auth::{PageStaff, Staff, encode_component};
use crate::error::PageError;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Bsn, Rol};
use gbi_store::looplijst::{self as opslag, Adres};
use gbi_store::portaal::{self, Concept};
use gbi_zaken::catalogus::{IIT, Kanaal};
use gbi_zaken::commando::ZAAK_ROLLEN;
use gbi_zaken::regeling::{self, Regeling};
use serde::Deserialize;
use serde_json::Value;

/// Who starts an application from the list.
pub const STARTEN: &[Rol] = &[Rol::Buurtteam];

/// Hidden answers of a draft started at a visit.
const ADRES: &str = "_looplijst_adres";
const TERUG: &str = "_looplijst_terug";
const BUURTTEAM: &str = "_buurtteam";

/// The regeling of a looplijst regeling code.
fn regeling_van(code: &str) -> Option<&'static dyn Regeling> {
    let zaaktype = match code {
        "bijstand" => gbi_zaken::catalogus::ALO.identificatie,
        "iit" => IIT.identificatie,
        "bijzondere_bijstand" => gbi_zaken::catalogus::BIJZONDERE_BIJSTAND.identificatie,
        _ => return None,
    };
    regeling::voor_zaaktype(zaaktype)
}

/// A staff member who works only in the buurtteam (no zaak roles).
pub fn alleen_buurtteam(s: &Staff) -> bool {
    !s.medewerker.rollen.iter().any(|r| ZAAK_ROLLEN.contains(r))
}

/// Whether `s` started draft `c` at a visit.
pub fn eigen_huisbezoek(s: &Staff, c: &Concept) -> bool {
    Kanaal::parse(&c.kanaal) == Some(Kanaal::Huisbezoek)
        && c.antwoorden.get(BUURTTEAM).and_then(Value::as_str) == Some(s.medewerker.id.as_str())
}

/// Where a buurtteam goes back to from a draft: the address on its list.
pub fn terug(c: &Concept, extra: &str) -> Option<String> {
    let t = c.antwoorden.get(TERUG).and_then(Value::as_str)?;
    let (pad, anker) = t.split_once('#').unwrap_or((t, ""));
    Some(format!("{pad}&{extra}#{anker}"))
}

/// After submitting: the visit is recorded as "Aanvraag gedaan". The
/// application stands on its own; when recording fails, the team records
/// the visit by hand.
pub async fn na_indienen(state: &AppState, s: &Staff, c: &Concept) {
    let Some(adres) = c.antwoorden.get(ADRES).and_then(Value::as_str) else {
        return;
    };
    let naam = regeling::voor_zaaktype(&c.zaaktype).map_or("aanvraag", |r| r.naam());
    let tekst = format!("Aanvraag {naam} samen ingevuld en verstuurd");
    if let Err(e) =
        opslag::bezoek_vastleggen(&state.db, &s.scope(), adres, "aanvraag_gedaan", &tekst).await
    {
        tracing::warn!(error = %e, "visit not recorded after an application at a visit");
    }
}

#[derive(Deserialize)]
pub struct Starten {
    #[serde(default)]
    adres: String,
    #[serde(default)]
    run: String,
    #[serde(default)]
    bsn: String,
    toestemming: Option<String>,
}

/// What is wrong with the form: the field and words for the team member.
fn controleer(state: &AppState, adres: &Adres, f: &Starten) -> Result<Bsn, (&'static str, String)> {
    let bsn = Bsn::parse(f.bsn.trim()).map_err(|e| ("bsn", format!("BSN: {}", e.message)))?;
    if !adres.woont_hier(&state.db.logboek_subject(&bsn)) {
        return Err(("bsn", "BSN: deze persoon staat niet op dit adres in de looplijst. Kijk het BSN na op het identiteitsbewijs.".into()));
    }
    if f.toestemming.is_none() {
        return Err(("toestemming", "Toestemming: vraag de bewoner of u samen de aanvraag mag invullen. Zet dan het vinkje.".into()));
    }
    Ok(bsn)
}

/// POST `/werkplek/looplijst/aanvraag`: start (or resume) the application
/// of the address's regeling with the resident.
pub async fn starten(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Form(f): Form<Starten>,
) -> Result<Response, PageError> {
    let scope = staff.scope();
    let (adres, run) = lijst::adres_en_run(&state.db, &scope, &f.adres, &f.run).await?;
    if run.status != "klaar" || !run.regelingen.contains(&adres.regeling) {
        return Err(PageError::not_found());
    }
    let regeling = regeling_van(&adres.regeling).ok_or_else(PageError::not_found)?;
    let q = WijkQuery::van(&run.id, &adres.regeling, &adres.wijk);
    let bsn = match controleer(&state, &adres, &f) {
        Ok(b) => b,
        Err((veld, fout)) => {
            let melding = lijst::Melding {
                adres: adres.id.clone(),
                veld,
                tekst: fout,
                bsn: f.bsn.chars().take(20).collect(),
            };
            let page = lijst::wijk_pagina(&state, staff, q, Some(melding)).await?;
            return Ok((StatusCode::BAD_REQUEST, page).into_response());
        }
    };
    let zaaktype = regeling.zaaktype().identificatie;
    // A draft this member started earlier with this resident is resumed.
    let open = portaal::open_concepten_voor(&state.db, &scope, &bsn)
        .await?
        .into_iter()
        .find(|c| c.zaaktype == zaaktype && eigen_huisbezoek(&staff, c));
    let concept = match open {
        Some(c) => c,
        None => {
            let mut a =
                crate::pages::brp_start::startantwoorden(&state, &bsn, &staff.ctx.trace).await;
            let terug = format!(
                "/werkplek/looplijst/wijk?run={}&regeling={}&wijk={}#adres-{}",
                encode_component(&run.id),
                encode_component(&adres.regeling),
                encode_component(&adres.wijk),
                encode_component(&adres.id),
            );
            a.insert(ADRES.into(), adres.id.clone().into());
            a.insert(TERUG.into(), terug.into());
            a.insert(BUURTTEAM.into(), staff.medewerker.id.clone().into());
            if zaaktype == IIT.identificatie && adres.uitkomst == "waarschijnlijk" {
                a.insert(
                    gbi_zaken::regeling::iit::formulier::GEGEVENS.into(),
                    "looplijst".into(),
                );
            }
            portaal::create_concept(
                &state.db,
                &scope,
                &bsn,
                zaaktype,
                Kanaal::Huisbezoek.code(),
                None,
                &Value::Object(a),
            )
            .await?
        }
    };
    let stap = crate::pages::aanvraag::hervat_stap(&concept);
    Ok(Redirect::to(&format!("/werkplek/aanvragen/{}/{stap}", concept.id)).into_response())
}

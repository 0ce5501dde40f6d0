//! The boete decision on the terugvordering page (art. 18a): the form a
//! person fills in after hoor en wederhoor, what the rules propose with
//! each step, and the second person's check. `gbi_zaken::invordering::
//! boete` checks role, state and input; this page only parses.

use super::terugvordering::pagina;
use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use crate::pages::behandeling::{refused, wie};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::today_amsterdam;
use gbi_rules::invordering::boete::{BoeteInvoer, Recidive, Verwijtbaarheid};
use gbi_store::boetes::Boete;
use gbi_zaken::commando::Fout;
use gbi_zaken::invordering::boete as proces;

/// A boete decision as the page shows it.
pub struct BoeteRegel {
    pub id: String,
    pub uitkomst: String,
    pub status: String,
    pub verwijtbaarheid: String,
    pub zienswijze: String,
    pub motivering: String,
    pub benadeling: String,
    /// This staff member may judge it now.
    pub beoordelen: bool,
}

/// The boete decisions of a terugvordering for the page.
pub fn regels(
    boetes: &[Boete],
    medewerker: &gbi_store::medewerkers::Medewerker,
) -> Vec<BoeteRegel> {
    boetes
        .iter()
        .map(|b| {
            let invoer: Option<BoeteInvoer> = serde_json::from_value(b.invoer.clone()).ok();
            BoeteRegel {
                id: b.id.clone(),
                uitkomst: match b.uitkomst.as_str() {
                    "boete" => format!("boete van {}", b.bedrag),
                    "waarschuwing" => "schriftelijke waarschuwing (art. 18a, vierde lid)".into(),
                    _ => "geen boete (dringende redenen, art. 18a, zevende lid)".into(),
                },
                status: b.status.clone(),
                verwijtbaarheid: invoer
                    .map(|i| proces::verwijtbaarheid_tekst(i.verwijtbaarheid).to_owned())
                    .unwrap_or_default(),
                zienswijze: format!(
                    "{} ({})",
                    b.zienswijze,
                    crate::pages::datum_nl(&b.zienswijze_datum)
                ),
                motivering: b.motivering.clone(),
                benadeling: b.benadelingsbedrag.to_string(),
                beoordelen: b.status == "voorgesteld"
                    && super::mag(medewerker, super::BEOORDELEN)
                    && b.voorgesteld_door != medewerker.id,
            }
        })
        .collect()
}

fn veld(form: &[(String, String)], naam: &str) -> String {
    form.iter()
        .find(|(k, _)| k == naam)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

fn datum(form: &[(String, String)], naam: &str) -> Option<chrono::NaiveDate> {
    gbi_domain::date::parse_datum_nl(&veld(form, naam)).ok()
}

/// POST /werkplek/invordering/terugvorderingen/{id}/boete.
pub async fn voorstellen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let invoer = proces::Invoer {
        verwijtbaarheid: match veld(&form, "verwijtbaarheid").as_str() {
            "opzet" => Some(Verwijtbaarheid::Opzet),
            "grove_schuld" => Some(Verwijtbaarheid::GroveSchuld),
            "geen" => Some(Verwijtbaarheid::Geen),
            "verminderd" => Some(Verwijtbaarheid::Verminderd),
            _ => None,
        },
        recidive: match veld(&form, "recidive").as_str() {
            "binnen_5_jaar" => Recidive::Binnen5Jaar,
            "binnen_10_jaar" => Recidive::Binnen10JaarNaGevangenisstraf,
            _ => Recidive::Geen,
        },
        eerder_gewaarschuwd: veld(&form, "eerder_gewaarschuwd") == "ja",
        zelf_gecorrigeerd: veld(&form, "zelf_gecorrigeerd") == "ja",
        dringende_redenen: veld(&form, "dringende_redenen") == "ja",
        datum_overtreding: datum(&form, "datum_overtreding"),
        zienswijze: veld(&form, "zienswijze"),
        zienswijze_datum: datum(&form, "zienswijze_datum"),
        motivering: veld(&form, "boete_motivering"),
    };
    let regels = state.regels.clone().ok_or_else(PageError::internal)?;
    match proces::voorstellen(
        &state.db,
        &staff.scope(),
        &regels,
        &wie(&staff),
        &id,
        &invoer,
        today_amsterdam(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/werkplek/invordering/terugvorderingen/{id}#boete"
        ))
        .into_response()),
        Err(Fout::Ongeldig(o)) => {
            pagina(&state, staff, &id, Some((o.veld, o.melding)), &form).await
        }
        Err(e) => Err(refused(e)),
    }
}

/// POST /werkplek/invordering/terugvorderingen/{id}/boete/beoordeling.
pub async fn beoordelen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let goedgekeurd = match veld(&form, "oordeel").as_str() {
        "goedkeuren" => true,
        "terugsturen" => false,
        _ => {
            return pagina(
                &state,
                staff,
                &id,
                Some(("boete_oordeel", "Kies goedkeuren of terugsturen.".into())),
                &form,
            )
            .await;
        }
    };
    let boete_id = veld(&form, "boete_id");
    let opmerking = veld(&form, "opmerking");
    match proces::beoordelen(
        &state.db,
        &staff.scope(),
        &wie(&staff),
        &id,
        &boete_id,
        goedgekeurd,
        Some(&opmerking),
        today_amsterdam(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/werkplek/invordering/terugvorderingen/{id}#boete"
        ))
        .into_response()),
        Err(Fout::Ongeldig(o)) => {
            pagina(&state, staff, &id, Some((o.veld, o.melding)), &form).await
        }
        Err(e) => Err(refused(e)),
    }
}

//! The werkvoorraad: the open zaken of the gemeente, earliest deadline
//! first, a page at a time (keyset), filtered by status, deadline and who
//! handles them.

use super::render;
use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use gbi_domain::{Rol, ZaakStatus, today_amsterdam};
use gbi_store::behandeling::Filter;
use gbi_store::medewerkers::{self, Medewerker};
use gbi_store::zaaklijst;
use gbi_zaken::catalogus::ALO;
use gbi_zaken::commando;
use gbi_zaken::indienen::uiterste_datum_van;
use serde::Deserialize;

pub struct Regel {
    id: String,
    identificatie: String,
    status: &'static str,
    uiterste: String,
    waarschuwing: Option<&'static str>,
    behandelaar: String,
    aanvrager: String,
}

#[derive(Template)]
#[template(path = "werkplek/werkvoorraad.html")]
struct Werkvoorraad {
    user: Option<Medewerker>,
    statussen: Vec<(&'static str, &'static str)>,
    status: String,
    binnen: String,
    wie: String,
    regels: Vec<Regel>,
    /// The link to the next page, when there is more.
    volgende: Option<String>,
}

/// Lines a page of the work queue shows.
const PAGINA: i64 = 50;

#[derive(Deserialize)]
pub struct WerkvoorraadQuery {
    status: Option<String>,
    binnen: Option<String>,
    wie: Option<String>,
    /// Where the previous page ended (keyset cursor).
    na: Option<String>,
}

/// The queue of a role: by default intake sees new zaken, a
/// kwaliteitsmedewerker the proposals to check; everyone can filter.
pub async fn werkvoorraad(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<WerkvoorraadQuery>,
) -> Result<Html<String>, PageError> {
    let today = today_amsterdam();
    let default_status =
        if staff.has_any(&[Rol::Intake]) && !staff.has_any(&[Rol::Inkomensconsulent]) {
            "ontvangen"
        } else if staff.has_any(&[Rol::Kwaliteitsmedewerker])
            && !staff.has_any(&[Rol::Inkomensconsulent])
        {
            "toetsen"
        } else {
            ""
        };
    let status = q.status.unwrap_or_else(|| default_status.to_owned());
    let binnen = q.binnen.unwrap_or_default();
    let wie = q.wie.unwrap_or_default();
    let filter = Filter {
        status: ZaakStatus::parse(&status).ok(),
        uiterlijk: binnen
            .parse::<u64>()
            .ok()
            .and_then(|n| today.checked_add_days(chrono::Days::new(n)))
            .map(|d| d.to_string()),
        behandelaar: match wie.as_str() {
            "mijn" => Some(staff.medewerker.id.clone()),
            "vrij" => Some(String::new()),
            _ => None,
        },
    };
    let scope = staff.scope();
    let namen: Vec<Medewerker> = medewerkers::list(&state.db, &scope).await?;
    let pagina = zaaklijst::werkvoorraad(
        &state.db,
        &scope,
        &filter,
        q.na.as_deref(),
        PAGINA,
        "GET /werkplek/werkvoorraad",
    )
    .await?;
    let volgende = pagina.volgende.map(|na| {
        super::volgende_pagina(
            "/werkplek/werkvoorraad",
            &[("status", &status), ("binnen", &binnen), ("wie", &wie)],
            &na,
        )
    });
    let regels = pagina
        .regels
        .into_iter()
        .map(|zaaklijst::WerkvoorraadRegel { zaak: z, aanvrager }| {
            let uiterste = uiterste_datum_van(&z.termijn, today);
            let waarschuwing = uiterste.and_then(|u| {
                let over = (u - today).num_days();
                if over < 0 {
                    Some("termijn verstreken")
                } else if over <= 7 {
                    Some("termijn bijna verstreken")
                } else {
                    None
                }
            });
            Regel {
                status: commando::statustype_van(&z.zaaktype, z.status)
                    .map(|s| s.omschrijving)
                    .unwrap_or("onbekend"),
                uiterste: uiterste.map(|u| u.to_string()).unwrap_or_default(),
                waarschuwing,
                behandelaar: z
                    .behandelaar_id
                    .as_deref()
                    .and_then(|b| namen.iter().find(|m| m.id == b))
                    .map(|m| m.naam.clone())
                    .unwrap_or_else(|| "–".into()),
                id: z.id,
                identificatie: z.identificatie,
                aanvrager,
            }
        })
        .collect();
    render(&Werkvoorraad {
        user: Some(staff.medewerker),
        statussen: ALO
            .statustypen
            .iter()
            .map(|s| (s.code, s.omschrijving))
            .collect(),
        status,
        binnen,
        wie,
        regels,
        volgende,
    })
}

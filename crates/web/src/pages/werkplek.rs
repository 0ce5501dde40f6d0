//! The caseworker's werkplek.

use super::render;
use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use gbi_domain::{Bsn, Rol};
use gbi_store::gemeenten;
use gbi_store::inwoners::{self, Inwoner};
use gbi_store::logboek::{self, LogRecord};
use gbi_store::medewerkers::Medewerker;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "werkplek/start.html")]
struct Start {
    user: Option<Medewerker>,
    medewerker: Medewerker,
    gemeente_naam: String,
    rollen: String,
    aantal_inwoners: i64,
    is_beheerder: bool,
    /// National parameters or own policy missing within six weeks (beheer).
    ontbrekend: Vec<String>,
}

pub async fn start(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
) -> Result<Html<String>, PageError> {
    let scope = staff.scope();
    let gemeente = gemeenten::get(&state.db, &scope.gemeente)
        .await?
        .map(|g| g.naam)
        .unwrap_or_default();
    let m = staff.medewerker;
    render(&Start {
        gemeente_naam: gemeente,
        rollen: m
            .rollen
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join(", "),
        aantal_inwoners: inwoners::count(&state.db, &scope).await?,
        ontbrekend: if m.has(Rol::FunctioneelBeheerder) {
            crate::ops::ontbrekend_voor(&state, scope.gemeente)
        } else {
            Vec::new()
        },
        is_beheerder: m.has(Rol::FunctioneelBeheerder),
        user: Some(m.clone()),
        medewerker: m,
    })
}

#[derive(Deserialize)]
pub struct Zoek {
    zoek: Option<String>,
    /// Where the previous page ended (keyset cursor).
    na: Option<String>,
}

/// Lines a page of a list shows.
const PAGINA: i64 = 50;

#[derive(Template)]
#[template(path = "werkplek/inwoners.html")]
struct InwonersPage {
    user: Option<Medewerker>,
    zoek: String,
    inwoners: Vec<Inwoner>,
    /// The link to the next page, when there is more.
    volgende: Option<String>,
}

pub async fn inwoners(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<Zoek>,
) -> Result<Html<String>, PageError> {
    let zoek = q.zoek.unwrap_or_default();
    let (found, volgende) = inwoners::pagina(
        &state.db,
        &staff.scope(),
        &zoek,
        q.na.as_deref(),
        PAGINA,
        "GET /werkplek/inwoners",
    )
    .await?;
    render(&InwonersPage {
        user: Some(staff.medewerker),
        volgende: volgende
            .map(|na| super::volgende_pagina("/werkplek/inwoners", &[("zoek", &zoek)], &na)),
        zoek,
        inwoners: found,
    })
}

#[derive(Template)]
#[template(path = "werkplek/inwoner.html")]
struct InwonerPage {
    user: Option<Medewerker>,
    inwoner: Inwoner,
    /// Every zaak of the resident in this gemeente: (id, identificatie,
    /// zaaktype, ontvangen, status, resultaat).
    zaken: Vec<(String, String, String, String, &'static str, String)>,
    /// What the resident owes the gemeente (loans), per zaak.
    vorderingen: Vec<super::vordering::Regel>,
    toon_zaak: bool,
}

pub async fn inwoner(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let found = inwoners::get(
        &state.db,
        &staff.scope(),
        &id,
        "GET /werkplek/inwoners/{inwoner_id}",
    )
    .await?;
    let inwoner = found.ok_or_else(PageError::not_found)?;
    let zaken = gbi_store::zaken::voor_inwoner(&state.db, &staff.scope(), &inwoner.bsn)
        .await?
        .into_iter()
        .map(|z| {
            let status = gbi_zaken::commando::statustype(&z)
                .map(|s| s.omschrijving)
                .unwrap_or("onbekend");
            (
                z.id.clone(),
                z.identificatie.clone(),
                z.zaaktype.clone(),
                super::datum_nl(&z.registratiedatum),
                status,
                z.resultaat
                    .clone()
                    .unwrap_or_else(|| "nog niet beslist".into()),
            )
        })
        .collect();
    let vorderingen = super::vordering::voor_inwoner(
        &state.db,
        &staff.scope(),
        &inwoner.bsn,
        "GET /werkplek/inwoners/{inwoner_id}",
    )
    .await?;
    render(&InwonerPage {
        user: Some(staff.medewerker),
        inwoner,
        zaken,
        vorderingen,
        toon_zaak: true,
    })
}

#[derive(Template)]
#[template(path = "werkplek/koppelingen.html")]
struct KoppelingenPage {
    user: Option<Medewerker>,
    items: Vec<gbi_store::werk::WerkItem>,
}

/// Letters and deliveries to other systems (LO Behandeld) that have not
/// succeeded yet, with the reason and the next attempt.
pub async fn koppelingen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
) -> Result<Html<String>, PageError> {
    let items =
        gbi_store::werk::openstaand(&state.db, &staff.scope(), &["koppeling:", "brief:"]).await?;
    render(&KoppelingenPage {
        user: Some(staff.medewerker),
        items,
    })
}

#[derive(Deserialize)]
pub struct LogFilter {
    bsn: Option<String>,
    /// The records before this number (keyset cursor).
    na: Option<i64>,
}

#[derive(Template)]
#[template(path = "werkplek/logboek.html")]
struct LogboekPage {
    user: Option<Medewerker>,
    /// "medewerker:<id>" to the staff member's name.
    namen: std::collections::HashMap<String, String>,
    /// Processing activity id to its name and purpose.
    doelen: std::collections::HashMap<String, String>,
    bsn: String,
    fout: Option<String>,
    records: Vec<LogRecord>,
    /// The link to the next (older) page, when there is more.
    volgende: Option<String>,
}

/// Records a page of the log shows.
const LOGBOEK_PAGINA: i64 = 200;

pub async fn logboek(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(f): Query<LogFilter>,
) -> Result<Html<String>, PageError> {
    let bsn_text = f.bsn.unwrap_or_default();
    let (bsn, fout) = match bsn_text.trim() {
        "" => (None, None),
        t => match Bsn::parse(t) {
            Ok(b) => (Some(b), None),
            Err(e) => (None, Some(e.message)),
        },
    };
    let mut records = if fout.is_some() {
        Vec::new()
    } else {
        logboek::list(
            &state.db,
            &staff.scope(),
            bsn.as_ref(),
            f.na,
            LOGBOEK_PAGINA + 1,
        )
        .await?
    };
    let volgende = if records.len() > LOGBOEK_PAGINA as usize {
        records.truncate(LOGBOEK_PAGINA as usize);
        records.last().map(|r| {
            super::volgende_pagina(
                "/werkplek/logboek",
                &[("bsn", bsn_text.trim())],
                &r.seq.to_string(),
            )
        })
    } else {
        None
    };
    let namen = gbi_store::medewerkers::list(&state.db, &staff.scope())
        .await?
        .into_iter()
        .map(|m| (format!("medewerker:{}", m.id), m.naam))
        .collect();
    let doelen = logboek::ACTIVITEITEN
        .iter()
        .map(|a| (a.id.to_owned(), format!("{}: {}", a.naam, a.doel)))
        .collect();
    render(&LogboekPage {
        namen,
        doelen,
        user: Some(staff.medewerker),
        bsn: bsn_text,
        fout,
        records,
        volgende,
    })
}

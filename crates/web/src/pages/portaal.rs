//! "Mijn inkomen": the resident portal. Phone first, B1 Dutch, no
//! JavaScript needed. Login sits behind one interface: in demo mode a
//! clearly marked test login; DigiD (OIDC) replaces it in production.

use super::render;
use crate::AppState;
use crate::auth::{PortalResident, Resident, clear_resident_cookie, resident_cookie};
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gbi_domain::today_amsterdam;
use gbi_store::documenten;
use gbi_store::portaal::{self, Bericht};
use gbi_store::zaken;
use gbi_store::{inwoners, mail};
use gbi_zaken::indienen::uiterste_datum;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "portaal/inloggen.html")]
struct Inloggen {
    resident: Option<Resident>,
    demo: bool,
    personen: Vec<(String, String, String)>,
    /// Gemeenten with DigiD here: (code, name).
    digid: Vec<super::digid::Inlogmiddelen>,
}

pub async fn login_form(State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let personen = if state.settings.demo {
        inwoners::demo_personen(&state.db)
            .await?
            .into_iter()
            .map(|(b, n, _, g)| (b.as_str().to_owned(), n, g))
            .collect()
    } else {
        Vec::new()
    };
    render(&Inloggen {
        resident: None,
        demo: state.settings.demo,
        personen,
        digid: super::digid::gemeenten(&state).await,
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    persoon: Option<String>,
}

/// The demo login: only in demo mode, only for residents of demo gemeenten.
pub async fn login(
    State(state): State<AppState>,
    Form(f): Form<LoginForm>,
) -> Result<Response, PageError> {
    if !state.settings.demo {
        return Err(PageError::not_found());
    }
    let personen = inwoners::demo_personen(&state.db).await?;
    let gekozen = f
        .persoon
        .as_deref()
        .and_then(|p| personen.iter().find(|(b, ..)| b.as_str() == p));
    let Some((bsn, naam, gemeente, _)) = gekozen else {
        return Ok(Redirect::to("/portaal/inloggen").into_response());
    };
    let token = portaal::inwoner_login(&state.db, gemeente, bsn, naam, None).await?;
    Ok((
        [(
            header::SET_COOKIE,
            resident_cookie(&token, state.settings.secure_cookies),
        )],
        Redirect::to("/portaal"),
    )
        .into_response())
}

pub async fn logout(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
) -> Result<Response, PageError> {
    portaal::inwoner_logout(&state.db, &r.token).await?;
    // Logged in with DigiD: log out at the broker too.
    let verder = match state.oidc_portaal.get(&r.sessie.gemeente_code) {
        Some(p) => p.logout_url().await,
        None => None,
    };
    Ok((
        [(header::SET_COOKIE, clear_resident_cookie())],
        Redirect::to(verder.as_deref().unwrap_or("/portaal/inloggen")),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "portaal/start.html")]
struct Start {
    resident: Option<Resident>,
    naam: String,
    /// The resident acts themselves (nobody on their behalf).
    zelf: bool,
    bewaard: bool,
    heeft_concept: bool,
    /// The monthly run invited the resident for the IIT: the prefilled
    /// application waits for their confirmation.
    iit_uitnodiging: bool,
    aantal_zaken: usize,
    ongelezen: usize,
}

#[derive(Deserialize)]
pub struct StartQuery {
    bewaard: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Query(q): Query<StartQuery>,
) -> Result<Html<String>, PageError> {
    let scope = r.scope();
    let iit_uitnodiging = portaal::open_concept(
        &state.db,
        &scope,
        &r.sessie.bsn,
        gbi_zaken::catalogus::IIT.identificatie,
    )
    .await?
    .is_some_and(|c| c.antwoorden.get("_uitnodiging").is_some());
    let heeft_concept = portaal::open_concept(&state.db, &scope, &r.sessie.bsn, "ALO")
        .await?
        .is_some();
    let aantal_zaken = zaken::voor_inwoner(&state.db, &scope, &r.sessie.bsn)
        .await?
        .len();
    let ongelezen = portaal::berichten(&state.db, &scope, &r.sessie.bsn)
        .await?
        .iter()
        .filter(|b| !b.gelezen)
        .count();
    render(&Start {
        naam: r.sessie.naam.clone(),
        zelf: r.sessie.vertegenwoordiger.is_none(),
        resident: Some(r),
        bewaard: q.bewaard.is_some(),
        heeft_concept,
        iit_uitnodiging,
        aantal_zaken,
        ongelezen,
    })
}

pub struct ZaakRegel {
    id: String,
    identificatie: String,
    /// "Aanvraag bijzondere bijstand".
    titel: &'static str,
    /// "bijzondere bijstand", in "of u … krijgt".
    wat: &'static str,
    status: &'static str,
    beslissing_uiterlijk: Option<String>,
    open_taken: usize,
}

#[derive(Template)]
#[template(path = "portaal/zaken.html")]
struct ZakenPage {
    resident: Option<Resident>,
    zaken: Vec<ZaakRegel>,
}

/// The zaak's title for the resident: "Aanvraag bijstand" for ALO, else
/// its zaaktype ("Aanvraag bijzondere bijstand").
pub(crate) fn titel(z: &gbi_store::zaken::Zaak) -> &'static str {
    match gbi_zaken::catalogus::zaaktype(&z.zaaktype) {
        Some(t) if t.identificatie != gbi_zaken::catalogus::ALO.identificatie => t.omschrijving,
        _ => "Aanvraag bijstand",
    }
}

/// What was applied for, in "of u … krijgt".
pub(crate) fn wat(z: &gbi_store::zaken::Zaak) -> &'static str {
    gbi_zaken::regeling::voor_zaaktype(&z.zaaktype).map_or("bijstand", |r| r.naam_voor_inwoner())
}

pub(crate) fn plain_status(z: &gbi_store::zaken::Zaak) -> &'static str {
    gbi_zaken::commando::statustype(z)
        .map(|s| s.voor_inwoner)
        .unwrap_or("In behandeling")
}

pub async fn zaken_list(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
) -> Result<Html<String>, PageError> {
    let scope = r.scope();
    let today = today_amsterdam();
    let mut regels = Vec::new();
    for z in zaken::voor_inwoner(&state.db, &scope, &r.sessie.bsn).await? {
        let open_taken = zaken::taken(&state.db, &scope, &z.id)
            .await?
            .iter()
            .filter(|t| t.voor == gbi_domain::TaakVoor::Inwoner && t.status == "open")
            .count();
        regels.push(ZaakRegel {
            beslissing_uiterlijk: if z.einddatum.is_none() {
                uiterste_datum(&z, today).map(gbi_domain::date::dutch_date)
            } else {
                None
            },
            status: plain_status(&z),
            titel: titel(&z),
            wat: wat(&z),
            id: z.id,
            identificatie: z.identificatie,
            open_taken,
        });
    }
    render(&ZakenPage {
        resident: Some(r),
        zaken: regels,
    })
}

#[derive(Template)]
#[template(path = "portaal/berichten.html")]
struct BerichtenPage {
    resident: Option<Resident>,
    berichten: Vec<Bericht>,
}

pub async fn berichten(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
) -> Result<Html<String>, PageError> {
    let berichten = portaal::berichten(&state.db, &r.scope(), &r.sessie.bsn).await?;
    // Shown once as new; the start page then counts only what came later.
    portaal::berichten_gelezen(&state.db, &r.scope(), &r.sessie.bsn).await?;
    render(&BerichtenPage {
        resident: Some(r),
        berichten,
    })
}

/// Download one of the resident's own documents.
pub async fn document(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let found = documenten::content(
        &state.db,
        &r.scope(),
        &id,
        Some(&r.sessie.bsn),
        "GET /portaal/documenten/{document_id}",
    )
    .await?;
    let (doc, bytes) = found.ok_or_else(PageError::not_found)?;
    let disposition = format!(
        "attachment; filename=\"{}\"",
        doc.bestandsnaam.replace('"', "")
    );
    Ok((
        [
            (header::CONTENT_TYPE, doc.mime),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "demo/mailbox.html")]
struct Mailbox {
    user: Option<gbi_store::medewerkers::Medewerker>,
    /// (aan, moment, status, onderwerp, tekst) as they would be sent.
    mails: Vec<(String, String, String, String, String)>,
}

/// The demo mailbox: what would have been e-mailed, exactly as it would be
/// sent (subject and text with the gemeente's name, phone and the link).
/// Only in demo mode.
pub async fn mailbox(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Result<Html<String>, PageError> {
    if !state.settings.demo {
        return Err(PageError::not_found());
    }
    let mails = mail::demo_mailbox(&state.db, 200).await?;
    let mut afzender = gbi_mail::Afzender {
        portaal_url: headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(|h| format!("http://{h}")),
        ..Default::default()
    };
    for m in &mails {
        if afzender.gemeenten.contains_key(&m.gemeente_code) {
            continue;
        }
        if let Ok(code) = gbi_domain::GemeenteCode::parse(&m.gemeente_code) {
            let c = crate::contact::van(&state, code).await;
            afzender.gemeenten.insert(
                m.gemeente_code.clone(),
                gbi_mail::AfzenderGemeente {
                    naam: c.naam,
                    telefoon: c.telefoon,
                },
            );
        }
    }
    render(&Mailbox {
        user: None,
        mails: mails
            .iter()
            .map(|m| {
                (
                    m.aan.clone(),
                    super::moment_nl(&m.created_at),
                    m.status.clone(),
                    gbi_mail::onderwerp(m, &afzender),
                    gbi_mail::tekst(m, &afzender),
                )
            })
            .collect(),
    })
}

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
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gbi_domain::today_amsterdam;
use gbi_store::documenten::{self, Document};
use gbi_store::portaal::{self, Bericht};
use gbi_store::zaken::{self, Taak};
use gbi_store::{inwoners, mail, werk};
use gbi_zaken::catalogus::ALO;
use gbi_zaken::indienen::uiterste_datum;
use serde::Deserialize;

fn datum(iso: &str) -> String {
    gbi_domain::date::parse_date(&iso[..iso.len().min(10)])
        .map(|d| d.format("%d-%m-%Y").to_string())
        .unwrap_or_else(|_| iso.to_owned())
}

#[derive(Template)]
#[template(path = "portaal/inloggen.html")]
struct Inloggen {
    resident: Option<Resident>,
    demo: bool,
    personen: Vec<(String, String, String)>,
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
    let token = portaal::inwoner_login(&state.db, gemeente, bsn, naam).await?;
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
    Ok((
        [(header::SET_COOKIE, clear_resident_cookie())],
        Redirect::to("/portaal/inloggen"),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "portaal/start.html")]
struct Start {
    resident: Option<Resident>,
    naam: String,
    bewaard: bool,
    heeft_concept: bool,
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
        resident: Some(r),
        bewaard: q.bewaard.is_some(),
        heeft_concept,
        aantal_zaken,
        ongelezen,
    })
}

pub struct ZaakRegel {
    id: String,
    identificatie: String,
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

fn plain_status(z: &gbi_store::zaken::Zaak) -> &'static str {
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
                uiterste_datum(&z, today).map(|d| d.format("%d-%m-%Y").to_string())
            } else {
                None
            },
            status: plain_status(&z),
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
#[template(path = "portaal/zaak.html")]
struct ZaakPage {
    resident: Option<Resident>,
    nieuw: bool,
    verstuurd: bool,
    zaak: zaken::Zaak,
    status: &'static str,
    ontvangen: String,
    beslissing_uiterlijk: Option<String>,
    voorschot: Option<String>,
    zoektermijn: Option<String>,
    taken: Vec<Taak>,
    bronnen: Vec<(String, String)>,
    documenten: Vec<Document>,
    /// A running benefit came of this zaak: link to its specifications.
    uitkering: bool,
}

#[derive(Deserialize)]
pub struct ZaakQuery {
    nieuw: Option<String>,
    verstuurd: Option<String>,
}

/// The name of a register as residents know it.
pub fn bron_naam(soort: &str) -> String {
    match soort.trim_start_matches("bron:") {
        "brp" => "Basisregistratie Personen (adres en gezin)".into(),
        "uwv" => "UWV (loon en uitkeringen)".into(),
        "duo" => "DUO (studiefinanciering)".into(),
        "rdw" => "RDW (auto's)".into(),
        "kadaster" => "Kadaster (huizen en grond)".into(),
        "svb" => "SVB (kinderbijslag en AOW)".into(),
        "bijstandsregelingen" => "Andere gemeenten (bijstand)".into(),
        "belastingdienst" => "Belastingdienst (toeslagen)".into(),
        "beoordeling" => "Berekening".into(),
        other => other.to_owned(),
    }
}

pub async fn zaak(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(id): Path<String>,
    Query(q): Query<ZaakQuery>,
) -> Result<Html<String>, PageError> {
    let scope = r.scope();
    let zichtbaar = zaken::voor_inwoner(&state.db, &scope, &r.sessie.bsn)
        .await?
        .into_iter()
        .any(|z| z.id == id);
    if !zichtbaar {
        return Err(PageError::not_found());
    }
    let zaak = zaken::get(&state.db, &scope, &id, "GET /portaal/zaken/{zaak_id}")
        .await?
        .ok_or_else(PageError::not_found)?;
    let taken = zaken::taken(&state.db, &scope, &id)
        .await?
        .into_iter()
        .filter(|t| t.voor == gbi_domain::TaakVoor::Inwoner && t.status == "open")
        .collect();
    let bronnen = werk::voor_zaak(&state.db, &scope, &id)
        .await?
        .into_iter()
        .map(|w| {
            let stand = match w.status.as_str() {
                "klaar" => "opgehaald".to_owned(),
                _ if w.laatste_fout.is_some() => {
                    "nog niet gelukt, wij proberen het opnieuw".to_owned()
                }
                _ => "wordt opgehaald".to_owned(),
            };
            (bron_naam(&w.soort), stand)
        })
        .collect();
    let documenten = documenten::list(&state.db, &scope, None, Some(&id)).await?;
    let today = today_amsterdam();
    let uitkering = gbi_store::uitkeringen::voor_zaak(&state.db, &scope, &id)
        .await?
        .is_some();
    render(&ZaakPage {
        uitkering,
        resident: Some(r),
        nieuw: q.nieuw.is_some(),
        verstuurd: q.verstuurd.is_some(),
        status: plain_status(&zaak),
        ontvangen: datum(&zaak.registratiedatum),
        beslissing_uiterlijk: if zaak.einddatum.is_none() {
            uiterste_datum(&zaak, today).map(|d| d.format("%d-%m-%Y").to_string())
        } else {
            None
        },
        voorschot: zaak.voorschot_uiterlijk.as_deref().map(datum),
        zoektermijn: zaak.zoektermijn_einde.as_deref().map(datum),
        zaak,
        taken,
        bronnen,
        documenten,
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
    mails: Vec<mail::Mail>,
}

/// The demo mailbox: what would have been e-mailed. Only in demo mode.
pub async fn mailbox(State(state): State<AppState>) -> Result<Html<String>, PageError> {
    if !state.settings.demo {
        return Err(PageError::not_found());
    }
    render(&Mailbox {
        user: None,
        mails: mail::demo_mailbox(&state.db, 200).await?,
    })
}

/// The resident sends documents for a zaak (e.g. asked in a hersteltermijn);
/// when a hersteltermijn is open, it ends and the zaak returns to the queue.
pub async fn zaak_upload(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(id): Path<String>,
    mut multipart: axum::extract::Multipart,
) -> Result<Response, PageError> {
    let scope = r.scope();
    let Some(zaak) = zaken::voor_inwoner(&state.db, &scope, &r.sessie.bsn)
        .await?
        .into_iter()
        .find(|z| z.id == id)
    else {
        return Err(PageError::not_found());
    };
    let mut soort = String::from("overig");
    let mut stukken: Vec<(String, Vec<u8>)> = Vec::new();
    let mut fout: Option<&str> = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("soort") => soort = field.text().await.unwrap_or_default(),
            Some("bestand") => {
                let name = super::aanvraag::clean_name(field.file_name().unwrap_or("document"));
                match field.bytes().await {
                    Ok(b) if b.len() > super::aanvraag::MAX_UPLOAD => {
                        fout = Some("Dit bestand is te groot. Het mag hoogstens 10 MB zijn.")
                    }
                    Ok(b) if super::aanvraag::sniff(&b).is_none() && !b.is_empty() => {
                        fout = Some(
                            "Dit soort bestand kunnen wij niet openen. Stuur een PDF, JPG of PNG.",
                        )
                    }
                    Ok(b) if !b.is_empty() => stukken.push((name, b.to_vec())),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if ALO.informatieobjecttype(&soort).is_none() || soort == "beschikking" {
        fout = Some("Kies wat voor document het is.");
    }
    if stukken.is_empty() && fout.is_none() {
        fout = Some("Kies een bestand om te versturen.");
    }
    if let Some(f) = fout {
        return Err(PageError {
            status: StatusCode::BAD_REQUEST,
            title: "Document niet verstuurd",
            message: f.into(),
        });
    }
    for (name, bytes) in &stukken {
        let doc = documenten::NewDocument {
            bsn: &zaak.bsn,
            concept_id: None,
            zaak_id: Some(&zaak.id),
            informatieobjecttype: &soort,
            bestandsnaam: name,
            mime: super::aanvraag::sniff(bytes).unwrap_or("application/octet-stream"),
            inhoud: bytes,
        };
        // Fulfils an open task that asked for this kind of document.
        documenten::add(
            &state.db,
            &scope,
            doc,
            "POST /portaal/zaken/{zaak_id}/documenten",
        )
        .await?;
    }
    gbi_zaken::behandeling::informatie_geleverd(&state.db, &scope, &zaak, today_amsterdam())
        .await?;
    Ok(Redirect::to(&format!("/portaal/zaken/{id}?verstuurd=1")).into_response())
}

//! Werkplek actions on a zaak: the work queue, claiming, releasing and
//! assigning, notes, hersteltermijn, extension, proposing a decision and the
//! four-eyes check. Each form posts, then redirects back to the zaak.

use super::render;
use crate::AppState;
use crate::auth::{CASE_ROLES, PageStaff, Staff};
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gbi_domain::{Money, Rol, today_amsterdam};
use gbi_store::behandeling::{self, Filter, Notitie};
use gbi_store::besluiten::{self, Besluit};
use gbi_store::medewerkers::{self, Medewerker};
use gbi_store::zaken::{self, Zaak};
use gbi_store::{StoreError, hersteltermijn};
use gbi_zaken::behandeling::{Verzoek, Voorstel};
use gbi_zaken::catalogus::ALO;
use gbi_zaken::indienen::uiterste_datum;
use serde::Deserialize;

fn require(staff: &Staff, roles: &[Rol]) -> Result<(), PageError> {
    if staff.has_any(roles) {
        Ok(())
    } else {
        Err(PageError::forbidden())
    }
}

/// A message for the person on the zaak page, after an action was refused.
fn refused(e: StoreError) -> PageError {
    match e {
        StoreError::Conflict(m) => PageError {
            status: StatusCode::CONFLICT,
            title: "Dat kan niet",
            message: format!("{}{}", m[..1].to_uppercase(), &m[1..]),
        },
        other => other.into(),
    }
}

pub struct Regel {
    id: String,
    identificatie: String,
    status: &'static str,
    uiterste: String,
    waarschuwing: Option<&'static str>,
    behandelaar: String,
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
}

#[derive(Deserialize)]
pub struct WerkvoorraadQuery {
    status: Option<String>,
    binnen: Option<String>,
    wie: Option<String>,
}

/// The queue of a role: by default intake sees new zaken, a
/// kwaliteitsmedewerker the proposals to check; everyone can filter.
pub async fn werkvoorraad(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<WerkvoorraadQuery>,
) -> Result<Html<String>, PageError> {
    require(&staff, CASE_ROLES)?;
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
        status: Some(status.clone()).filter(|s| ALO.statustype(s).is_some()),
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
    let regels = behandeling::werkvoorraad(&state.db, &scope, &filter, 500)
        .await?
        .into_iter()
        .map(|z| {
            let uiterste = uiterste_datum(&z, today);
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
                status: ALO
                    .statustype(&z.status)
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
    })
}

/// What the person looking at a zaak may do now.
pub struct Acties {
    pub kan_oppakken: bool,
    pub kan_vrijgeven: bool,
    pub medewerkers: Vec<Medewerker>,
    pub kan_vragen: bool,
    pub kan_voorstellen: bool,
    /// The proposal waiting for a second person, if any.
    pub voorstel: Option<Besluit>,
    pub eigen_voorstel: bool,
    pub mag_beoordelen: bool,
    pub besluiten: Vec<Besluit>,
    pub notities: Vec<Notitie>,
    pub behandelaar: String,
    pub hersteltermijn: Option<String>,
}

pub async fn acties(state: &AppState, staff: &Staff, zaak: &Zaak) -> Result<Acties, PageError> {
    let scope = staff.scope();
    let open = zaak.einddatum.is_none();
    let mine = zaak.behandelaar_id.as_deref() == Some(staff.medewerker.id.as_str());
    let besluiten = besluiten::voor_zaak(&state.db, &scope, &zaak.id).await?;
    let voorgesteld = besluiten
        .iter()
        .find(|b| b.status == "voorgesteld")
        .cloned();
    let alle = medewerkers::list(&state.db, &scope).await?;
    let behandelaar = zaak
        .behandelaar_id
        .as_deref()
        .and_then(|b| alle.iter().find(|m| m.id == b))
        .map(|m| m.naam.clone())
        .unwrap_or_else(|| "niemand".into());
    let h = hersteltermijn::open(&state.db, &scope, &zaak.id).await?;
    Ok(Acties {
        kan_oppakken: open
            && zaak.behandelaar_id.is_none()
            && staff.has_any(&[Rol::Intake, Rol::Inkomensconsulent]),
        kan_vrijgeven: open && mine,
        medewerkers: if open && staff.has_any(&[Rol::Teamleider]) {
            alle
        } else {
            Vec::new()
        },
        kan_vragen: open
            && h.is_none()
            && zaak.status != "toetsen"
            && staff.has_any(&[Rol::Intake, Rol::Inkomensconsulent]),
        kan_voorstellen: open
            && voorgesteld.is_none()
            && h.is_none()
            && staff.has_any(&[Rol::Inkomensconsulent]),
        eigen_voorstel: voorgesteld
            .as_ref()
            .is_some_and(|b| b.voorgesteld_door == staff.medewerker.id),
        mag_beoordelen: staff.has_any(&[Rol::Kwaliteitsmedewerker, Rol::Teamleider]),
        voorstel: voorgesteld,
        besluiten,
        notities: behandeling::notities(&state.db, &scope, &zaak.id).await?,
        behandelaar,
        hersteltermijn: h.map(|h| h.deadline),
    })
}

async fn load(
    state: &AppState,
    staff: &Staff,
    id: &str,
    operation: &str,
) -> Result<Zaak, PageError> {
    zaken::get(&state.db, &staff.scope(), id, operation)
        .await?
        .ok_or_else(PageError::not_found)
}

fn terug(id: &str) -> Response {
    Redirect::to(&format!("/werkplek/zaken/{id}")).into_response()
}

pub async fn oppakken(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    require(&staff, &[Rol::Intake, Rol::Inkomensconsulent])?;
    behandeling::set_behandelaar(
        &state.db,
        &staff.scope(),
        &id,
        Some(&staff.medewerker.id),
        true,
    )
    .await
    .map_err(refused)?;
    Ok(terug(&id))
}

pub async fn vrijgeven(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    require(&staff, CASE_ROLES)?;
    let zaak = load(&state, &staff, &id, "zaak vrijgeven").await?;
    if zaak.behandelaar_id.as_deref() != Some(staff.medewerker.id.as_str())
        && !staff.has_any(&[Rol::Teamleider])
    {
        return Err(PageError::forbidden());
    }
    behandeling::set_behandelaar(&state.db, &staff.scope(), &id, None, false)
        .await
        .map_err(refused)?;
    Ok(terug(&id))
}

#[derive(Deserialize)]
pub struct Toewijzen {
    medewerker: String,
}

pub async fn toewijzen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(f): Form<Toewijzen>,
) -> Result<Response, PageError> {
    require(&staff, &[Rol::Teamleider])?;
    behandeling::set_behandelaar(&state.db, &staff.scope(), &id, Some(&f.medewerker), false)
        .await
        .map_err(refused)?;
    Ok(terug(&id))
}

#[derive(Deserialize)]
pub struct NotitieForm {
    #[serde(default)]
    tekst: String,
}

pub async fn notitie(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(f): Form<NotitieForm>,
) -> Result<Response, PageError> {
    require(&staff, CASE_ROLES)?;
    let tekst = f.tekst.trim();
    if !tekst.is_empty() {
        behandeling::add_notitie(
            &state.db,
            &staff.scope(),
            &id,
            &staff.medewerker.id,
            &tekst.chars().take(4000).collect::<String>(),
        )
        .await?;
    }
    Ok(terug(&id))
}

/// The form posts repeated `document` fields, a question and a date.
pub async fn hersteltermijn(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    require(&staff, &[Rol::Intake, Rol::Inkomensconsulent])?;
    let zaak = load(&state, &staff, &id, "hersteltermijn").await?;
    let today = today_amsterdam();
    let documenten: Vec<String> = form
        .iter()
        .filter(|(k, v)| k == "document" && ALO.informatieobjecttype(v).is_some())
        .map(|(_, v)| v.clone())
        .collect();
    let vragen: Vec<String> = form
        .iter()
        .filter(|(k, v)| k == "vraag" && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_owned())
        .collect();
    let deadline = form
        .iter()
        .find(|(k, _)| k == "deadline")
        .and_then(|(_, v)| gbi_domain::date::parse_date(v).ok());
    let fout = match deadline {
        _ if documenten.is_empty() && vragen.is_empty() => {
            Some("Kies minstens één document of stel een vraag.")
        }
        None => Some("Vul een geldige uiterste datum in, bijvoorbeeld 2026-07-15."),
        Some(d) if d <= today => Some("De uiterste datum moet na vandaag liggen."),
        Some(_) => None,
    };
    if let Some(f) = fout {
        return Err(PageError {
            status: StatusCode::BAD_REQUEST,
            title: "Hersteltermijn niet gestart",
            message: f.into(),
        });
    }
    let verzoek = Verzoek { documenten, vragen };
    gbi_zaken::behandeling::hersteltermijn_vragen(
        &state.db,
        &staff.scope(),
        &zaak,
        &verzoek,
        deadline.unwrap_or(today),
        today,
    )
    .await
    .map_err(refused)?;
    Ok(terug(&id))
}

#[derive(Deserialize)]
pub struct VoorstelForm {
    #[serde(default)]
    soort: String,
    #[serde(default)]
    ingangsdatum: String,
    #[serde(default)]
    bedrag: String,
    #[serde(default)]
    toelichting: String,
}

pub async fn voorstellen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(f): Form<VoorstelForm>,
) -> Result<Response, PageError> {
    require(&staff, &[Rol::Inkomensconsulent])?;
    let zaak = load(&state, &staff, &id, "besluit voorstellen").await?;
    let bad = |m: &str| PageError {
        status: StatusCode::BAD_REQUEST,
        title: "Voorstel niet opgeslagen",
        message: m.into(),
    };
    let toelichting = f.toelichting.trim().to_owned();
    let voorstel = match f.soort.as_str() {
        "toekenning" => Voorstel::Toekenning {
            ingangsdatum: gbi_domain::date::parse_date(&f.ingangsdatum)
                .map_err(|e| bad(&e.message))?,
            bedrag_per_maand: Money::parse_euros(&f.bedrag).map_err(|e| bad(&e.message))?,
            verplichtingen: vec![
                "Geef wijzigingen in uw situatie direct aan ons door (artikel 17 Participatiewet)."
                    .into(),
                "Zoek naar betaald werk en neem passend werk aan (artikel 9 Participatiewet)."
                    .into(),
            ],
        },
        "afwijzing" if !toelichting.is_empty() => Voorstel::Afwijzing {
            gronden: vec![toelichting],
        },
        "buiten_behandeling" if !toelichting.is_empty() => {
            Voorstel::BuitenBehandeling { reden: toelichting }
        }
        "voorschot" => Voorstel::Voorschot {
            bedrag: Money::parse_euros(&f.bedrag).map_err(|e| bad(&e.message))?,
        },
        "afwijzing" | "buiten_behandeling" => {
            return Err(bad("Schrijf op waarom: dat komt in de brief."));
        }
        _ => return Err(bad("Kies wat u voorstelt.")),
    };
    gbi_zaken::behandeling::voorstellen(
        &state.db,
        &staff.scope(),
        &zaak,
        &voorstel,
        &staff.medewerker.id,
    )
    .await
    .map_err(refused)?;
    Ok(terug(&id))
}

#[derive(Deserialize)]
pub struct BeoordeelForm {
    #[serde(default)]
    oordeel: String,
    #[serde(default)]
    opmerking: String,
}

pub async fn beoordelen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(f): Form<BeoordeelForm>,
) -> Result<Response, PageError> {
    require(&staff, &[Rol::Kwaliteitsmedewerker, Rol::Teamleider])?;
    let zaak = load(&state, &staff, &id, "besluit beoordelen").await?;
    let scope = staff.scope();
    let besluit = besluiten::voor_zaak(&state.db, &scope, &zaak.id)
        .await?
        .into_iter()
        .find(|b| b.status == "voorgesteld")
        .ok_or_else(PageError::not_found)?;
    let goed = match f.oordeel.as_str() {
        "goedkeuren" => true,
        "terugsturen" if !f.opmerking.trim().is_empty() => false,
        "terugsturen" => {
            return Err(PageError {
                status: StatusCode::BAD_REQUEST,
                title: "Niet teruggestuurd",
                message: "Schrijf op wat er anders moet.".into(),
            });
        }
        _ => {
            return Err(PageError {
                status: StatusCode::BAD_REQUEST,
                title: "Niet beoordeeld",
                message: "Kies goedkeuren of terugsturen.".into(),
            });
        }
    };
    let opmerking = Some(f.opmerking.trim()).filter(|o| !o.is_empty());
    gbi_zaken::behandeling::beoordelen(
        &state.db,
        &scope,
        &besluit,
        &staff.medewerker.id,
        goed,
        opmerking,
        today_amsterdam(),
    )
    .await
    .map_err(refused)?;
    Ok(terug(&id))
}

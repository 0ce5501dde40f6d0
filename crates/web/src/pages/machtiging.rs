//! Machtigingen: "iemand anders helpen" in the portal is a request, which
//! staff check and confirm or refuse in the werkplek. Only a confirmed
//! machtiging lets the helper fill in an application for the other person
//! and see it; until then nothing of the other person is shown, and the
//! answer to a request is the same for every valid BSN.

use super::render;
use crate::AppState;
use crate::auth::{PageStaff, PortalResident, Resident};
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gbi_domain::Bsn;
use gbi_store::machtigingen::{self, Beoordeling, Machtiging, MachtigingStatus, Verzoek};
use gbi_store::medewerkers::Medewerker;
use serde::Deserialize;

pub use gbi_zaken::machtiging::ROLLEN;

/// How a request stands, in words a resident understands.
fn stand(s: MachtigingStatus) -> &'static str {
    match s {
        MachtigingStatus::Aangevraagd => "Wij controleren dit nog",
        MachtigingStatus::Geverifieerd => "Bevestigd: u mag helpen",
        MachtigingStatus::Geweigerd => "Niet bevestigd",
    }
}

pub struct Regel {
    id: String,
    bsn: String,
    relatie: String,
    datum: String,
    stand: &'static str,
    bevestigd: bool,
}

/// Someone who asked, or may, act for the logged-in resident.
pub struct Helper {
    id: String,
    naam: String,
    relatie: String,
    bevestigd: bool,
}

#[derive(Template)]
#[template(path = "portaal/machtiging.html")]
struct PortaalPage {
    resident: Option<Resident>,
    fout: Option<String>,
    verstuurd: bool,
    ingetrokken: bool,
    bsn: String,
    relatie: String,
    verzoeken: Vec<Regel>,
    helpers: Vec<Helper>,
}

#[derive(Deserialize)]
pub struct PortaalQuery {
    verstuurd: Option<String>,
    ingetrokken: Option<String>,
}

/// What the page shows besides the form.
#[derive(Default)]
struct Melding {
    fout: Option<String>,
    verstuurd: bool,
    ingetrokken: bool,
}

async fn portaal_page(
    state: &AppState,
    r: Resident,
    melding: Melding,
    bsn: String,
    relatie: String,
) -> Result<Response, PageError> {
    let helpers = machtigingen::voor_vertegenwoordigde(&state.db, &r.scope(), &r.sessie.bsn)
        .await?
        .into_iter()
        .map(|m| Helper {
            id: m.id,
            naam: m.gemachtigde_naam,
            relatie: m.relatie,
            bevestigd: m.status == MachtigingStatus::Geverifieerd,
        })
        .collect();
    let verzoeken = machtigingen::van_gemachtigde(&state.db, &r.scope(), &r.sessie.bsn)
        .await?
        .into_iter()
        .map(|m| Regel {
            bsn: m.vertegenwoordigde_bsn.as_str().to_owned(),
            relatie: m.relatie,
            datum: datum(&m.created_at),
            stand: stand(m.status),
            bevestigd: m.status == MachtigingStatus::Geverifieerd,
            id: m.id,
        })
        .collect();
    let status = if melding.fout.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = render(&PortaalPage {
        resident: Some(r),
        fout: melding.fout,
        verstuurd: melding.verstuurd,
        ingetrokken: melding.ingetrokken,
        bsn,
        relatie,
        verzoeken,
        helpers,
    })?;
    Ok((status, page).into_response())
}

fn datum(iso: &str) -> String {
    gbi_domain::date::parse_date(&iso[..iso.len().min(10)])
        .map(gbi_domain::date::dutch_date)
        .unwrap_or_else(|_| iso.to_owned())
}

/// GET /portaal/machtiging: the form, and the helper's own requests.
pub async fn form(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Query(q): Query<PortaalQuery>,
) -> Result<Response, PageError> {
    r.alleen_zelf()?;
    let melding = Melding {
        fout: None,
        verstuurd: q.verstuurd.is_some(),
        ingetrokken: q.ingetrokken.is_some(),
    };
    portaal_page(&state, r, melding, String::new(), String::new()).await
}

#[derive(Deserialize)]
pub struct VerzoekForm {
    #[serde(default)]
    bsn: String,
    #[serde(default)]
    relatie: String,
    toestemming: Option<String>,
}

/// POST /portaal/machtiging: store the request. Whether a person with this
/// BSN exists is never looked up, so the answer cannot tell.
pub async fn verzoek(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Form(f): Form<VerzoekForm>,
) -> Result<Response, PageError> {
    r.alleen_zelf()?;
    let relatie: String = f.relatie.trim().chars().take(80).collect();
    let bsn = match Bsn::parse(&f.bsn) {
        Err(e) => Err(e.message),
        Ok(b) if b == r.sessie.bsn => {
            Err("Dit is uw eigen BSN. Vraag dan bijstand aan voor uzelf.".to_owned())
        }
        Ok(_) if relatie.is_empty() => Err("Vul in wat u van deze persoon bent.".to_owned()),
        Ok(_) if f.toestemming.as_deref() != Some("ja") => {
            Err("Zet een vinkje als deze persoon u toestemming heeft gegeven.".to_owned())
        }
        Ok(b) => Ok(b),
    };
    let bsn = match bsn {
        Ok(b) => b,
        Err(fout) => {
            let melding = Melding {
                fout: Some(fout),
                ..Melding::default()
            };
            return portaal_page(&state, r, melding, f.bsn, relatie).await;
        }
    };
    let uitkomst = machtigingen::verzoeken(
        &state.db,
        &r.scope(),
        &bsn,
        &r.sessie.bsn,
        &r.sessie.naam,
        &relatie,
    )
    .await?;
    match uitkomst {
        Verzoek::Vastgelegd | Verzoek::AlBekend => {
            Ok(Redirect::to("/portaal/machtiging?verstuurd=1").into_response())
        }
        Verzoek::TeVeel => {
            let fout = format!(
                "U heeft al {} verzoeken die wij nog controleren. Wacht tot wij die hebben bekeken. Daarna kunt u een nieuw verzoek doen.",
                machtigingen::MAX_OPEN_VERZOEKEN
            );
            let melding = Melding {
                fout: Some(fout),
                ..Melding::default()
            };
            portaal_page(&state, r, melding, String::new(), String::new()).await
        }
    }
}

/// POST /portaal/machtiging/{machtiging_id}/aanvraag: fill in the
/// application for the other person; only under a confirmed machtiging.
pub async fn aanvraag(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    r.alleen_zelf()?;
    let m = machtigingen::van_gemachtigde_een(&state.db, &r.scope(), &id, &r.sessie.bsn)
        .await?
        .ok_or_else(PageError::not_found)?;
    if m.status != MachtigingStatus::Geverifieerd {
        return Err(PageError {
            status: StatusCode::FORBIDDEN,
            title: "U kunt nog niet helpen",
            message: "Wij hebben nog niet bevestigd dat u deze persoon mag helpen. U krijgt een bericht als dat zo is.".into(),
        });
    }
    super::aanvraag::start_als_gemachtigde(&state, r, &m).await
}

/// POST /portaal/machtiging/{machtiging_id}/intrekken: the represented
/// person says no to someone who asked, or may, act for them.
pub async fn intrekken(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    r.alleen_zelf()?;
    machtigingen::intrekken_door_vertegenwoordigde(&state.db, &r.scope(), &id, &r.sessie.bsn)
        .await?;
    Ok(Redirect::to("/portaal/machtiging?ingetrokken=1").into_response())
}

#[derive(Template)]
#[template(path = "werkplek/machtigingen.html")]
struct WerkplekPage {
    user: Option<Medewerker>,
    klaar: bool,
    open: Vec<Machtiging>,
    beslist: Vec<Machtiging>,
    medewerkers: Vec<Medewerker>,
}

impl WerkplekPage {
    fn naam_van(&self, id: &str) -> String {
        self.medewerkers
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.naam.clone())
            .unwrap_or_else(|| id.to_owned())
    }
}

#[derive(Deserialize)]
pub struct WerkplekQuery {
    klaar: Option<String>,
}

/// GET /werkplek/machtigingen: requests to check, then those decided.
pub async fn lijst(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<WerkplekQuery>,
) -> Result<Html<String>, PageError> {
    let scope = staff.scope();
    let (open, beslist) = machtigingen::lijst(&state.db, &scope, 200)
        .await?
        .into_iter()
        .partition(|m| m.status == MachtigingStatus::Aangevraagd);
    render(&WerkplekPage {
        medewerkers: gbi_store::medewerkers::list(&state.db, &scope).await?,
        user: Some(staff.medewerker),
        klaar: q.klaar.is_some(),
        open,
        beslist,
    })
}

#[derive(Deserialize)]
pub struct BeoordeelForm {
    #[serde(default)]
    besluit: String,
    #[serde(default)]
    toelichting: String,
}

/// POST /werkplek/machtigingen/{machtiging_id}: confirm or refuse after
/// checking (a refused or withdrawn machtiging ends access at once).
pub async fn beoordelen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(f): Form<BeoordeelForm>,
) -> Result<Response, PageError> {
    let besluit = match f.besluit.as_str() {
        "bevestigen" => Beoordeling::Bevestigen,
        "weigeren" => Beoordeling::Weigeren,
        _ => {
            return Err(PageError {
                status: StatusCode::BAD_REQUEST,
                title: "Kies bevestigen of weigeren",
                message: "Kies of u de machtiging bevestigt of weigert.".into(),
            });
        }
    };
    gbi_zaken::machtiging::beoordelen(
        &state.db,
        &staff.scope(),
        &super::behandeling::wie(&staff),
        &id,
        besluit,
        &f.toelichting,
    )
    .await
    .map_err(super::behandeling::refused)?;
    Ok(Redirect::to("/werkplek/machtigingen?klaar=1").into_response())
}

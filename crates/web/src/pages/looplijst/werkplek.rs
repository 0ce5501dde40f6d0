//! Werkplek: the runs of the looplijst. A teamleider or functioneel
//! beheerder starts one; it runs in the background and the page shows its
//! progress (refreshing itself, no JavaScript needed). A finished run shows
//! its funnel per regeling and the neighbourhoods of its list.

use super::trechter::{self, Trechter};
use super::{STARTEN, datum, regeling_naam};
use crate::AppState;
use crate::auth::{PageStaff, Staff};
use crate::error::PageError;
use crate::pages::render;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::today_amsterdam;
use gbi_rules::looplijst::RegelingCode;
use gbi_store::StoreError;
use gbi_store::looplijst::{self as opslag, Run, Wijk};
use gbi_store::medewerkers::Medewerker;
use gbi_zaken::looplijst::{Looplijst, LooplijstFout};
use serde::Deserialize;

/// A run as the pages show it.
pub struct RunRegel {
    pub id: String,
    pub status: &'static str,
    pub bezig: bool,
    pub stap: String,
    pub procent: i64,
    pub peildatum: String,
    pub regelingen: String,
    pub ingezetenen: i64,
    pub vragen: i64,
    /// Addresses on the list (waarschijnlijk + onbekend), all regelingen.
    pub op_lijst: i64,
    pub gestart_op: String,
    pub verloopt_op: String,
    pub fout: Option<String>,
}

fn status(s: &str) -> &'static str {
    match s {
        "bezig" => "Wordt gemaakt",
        "klaar" => "Klaar",
        "mislukt" => "Mislukt",
        "verlopen" => "Verlopen: lijst verwijderd",
        _ => "Onbekend",
    }
}

/// A failure reason in plain Dutch, for people who do not read logs.
pub fn fout_uitleg(fout: &str) -> String {
    let wat = if fout.starts_with("onderbroken") {
        "GBI is gestopt terwijl de lijst werd gemaakt. Start de looplijst opnieuw."
    } else if fout.contains("bron") {
        "Een van de bronnen gaf geen antwoord. Er is niets bewaard. Probeer het later opnieuw; blijft het misgaan, meld het dan aan de functioneel beheerder."
    } else if fout.contains("geen looplijstcriteria") {
        "Voor deze peildatum zijn geen criteria vastgesteld. Kies een andere peildatum."
    } else {
        "Er ging iets mis bij het maken van de lijst. Er is niets bewaard. Probeer het later opnieuw."
    };
    format!("{wat} (Melding: {fout})")
}

async fn regel(state: &AppState, staff: &Staff, r: Run) -> Result<RunRegel, PageError> {
    let op_lijst = if r.status == "klaar" || r.status == "verlopen" {
        opslag::trechter(&state.db, &staff.scope(), &r.id)
            .await?
            .iter()
            .filter(|t| t.volgorde == 90 || t.volgorde == 91)
            .map(|t| t.aantal)
            .sum()
    } else {
        0
    };
    Ok(RunRegel {
        status: status(&r.status),
        bezig: r.status == "bezig",
        stap: r.stap,
        procent: r.procent,
        peildatum: datum(&r.peildatum),
        regelingen: r
            .regelingen
            .iter()
            .map(|c| regeling_naam(c))
            .collect::<Vec<_>>()
            .join(", "),
        ingezetenen: r.ingezetenen,
        vragen: r.vragen,
        op_lijst,
        gestart_op: datum(&r.gestart_op),
        verloopt_op: r.verloopt_op.as_deref().map(datum).unwrap_or_default(),
        fout: r.fout.as_deref().map(fout_uitleg),
        id: r.id,
    })
}

#[derive(Template)]
#[template(path = "werkplek/looplijst.html")]
struct LijstPage {
    user: Option<Medewerker>,
    mag_starten: bool,
    bronnen: bool,
    vandaag: String,
    regelingen: Vec<(&'static str, &'static str)>,
    runs: Vec<RunRegel>,
    bezig: bool,
    fout: Option<String>,
}

async fn lijst_page(
    state: &AppState,
    staff: Staff,
    fout: Option<String>,
) -> Result<Response, PageError> {
    let mut runs = Vec::new();
    for r in opslag::runs(&state.db, &staff.scope()).await? {
        runs.push(regel(state, &staff, r).await?);
    }
    let status = if fout.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let p = LijstPage {
        mag_starten: staff.has_any(STARTEN),
        bronnen: state.looplijst.is_some(),
        vandaag: today_amsterdam().to_string(),
        regelingen: RegelingCode::ALL
            .iter()
            .map(|r| (r.code(), regeling_naam(r.code())))
            .collect(),
        bezig: runs.iter().any(|r| r.bezig),
        runs,
        fout,
        user: Some(staff.medewerker),
    };
    Ok((status, render(&p)?).into_response())
}

/// `/werkplek/looplijst`: the runs, and the form to start one.
pub async fn list(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
) -> Result<Response, PageError> {
    lijst_page(&state, staff, None).await
}

/// POST `/werkplek/looplijst/start`: `regeling` (repeated) and `peildatum`.
pub async fn start(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Form(velden): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Some(bronnen) = state.looplijst.clone() else {
        let fout = "Er zijn geen bronnen voor de looplijst ingesteld.".to_owned();
        return lijst_page(&state, staff, Some(fout)).await;
    };
    let regels = state.regels.clone().ok_or_else(PageError::internal)?;
    let mut regelingen = Vec::new();
    let mut peildatum = String::new();
    for (k, v) in &velden {
        match k.as_str() {
            "regeling" => {
                if let Some(r) = RegelingCode::parse(v)
                    && !regelingen.contains(&r)
                {
                    regelingen.push(r);
                }
            }
            "peildatum" => peildatum = v.trim().to_owned(),
            _ => {}
        }
    }
    if regelingen.is_empty() {
        let fout = "Kies ten minste één regeling.".to_owned();
        return lijst_page(&state, staff, Some(fout)).await;
    }
    let peildatum = if peildatum.is_empty() {
        today_amsterdam()
    } else {
        match gbi_domain::date::parse_date(&peildatum) {
            Ok(d) => d,
            Err(_) => {
                let fout = "Vul de peildatum in als jjjj-mm-dd, bijvoorbeeld 2026-03-01.";
                return lijst_page(&state, staff, Some(fout.to_owned())).await;
            }
        }
    };
    if state.catalogi.op(peildatum).is_none() {
        let fout = format!(
            "Voor {} zijn geen criteria vastgesteld. Kies een andere peildatum.",
            peildatum.format("%d-%m-%Y")
        );
        return lijst_page(&state, staff, Some(fout)).await;
    }
    let scope = staff.scope();
    let (db, catalogi) = (state.db.clone(), state.catalogi.clone());
    let ll = Looplijst {
        db: &db,
        regels: &regels,
        catalogi: &catalogi,
        bronnen: &bronnen,
    };
    let run = match ll.begin(&scope, &regelingen, peildatum).await {
        Ok(run) => run,
        Err(LooplijstFout::Opslag(StoreError::Conflict(_))) => {
            let fout = "Er wordt al een looplijst gemaakt. Wacht tot die klaar is.".to_owned();
            return lijst_page(&state, staff, Some(fout)).await;
        }
        Err(e) => return lijst_page(&state, staff, Some(e.to_string())).await,
    };
    let run_id = run.id.clone();
    let (db, catalogi) = (db.clone(), catalogi.clone());
    tokio::spawn(async move {
        let ll = Looplijst {
            db: &db,
            regels: &regels,
            catalogi: &catalogi,
            bronnen: &bronnen,
        };
        // The run stores its own progress on the run row.
        if let Err(e) = ll
            .voer_uit(&scope, &run_id, &regelingen, peildatum, &|_| {})
            .await
        {
            tracing::error!(error = %e, "looplijst failed");
        }
    });
    Ok(Redirect::to(&format!("/werkplek/looplijst/run?id={}", run.id)).into_response())
}

/// One regeling of a finished run: its funnel and neighbourhoods.
pub struct RegelingBlok {
    pub code: String,
    pub trechter: Trechter,
    pub wijken: Vec<Wijk>,
}

#[derive(Template)]
#[template(path = "werkplek/looplijst_run.html")]
struct RunPage {
    user: Option<Medewerker>,
    run: RunRegel,
    verlopen: bool,
    blokken: Vec<RegelingBlok>,
    /// Every team with a neighbourhood in this run, for the filter.
    teams: Vec<String>,
    /// The team filter, or empty for all neighbourhoods.
    team: String,
    /// May assign neighbourhoods to teams.
    mag_toewijzen: bool,
}

#[derive(Deserialize)]
pub struct RunQuery {
    id: Option<String>,
    #[serde(default)]
    team: String,
}

/// `/werkplek/looplijst/run?id=…`.
pub async fn run(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<RunQuery>,
) -> Result<Response, PageError> {
    let scope = staff.scope();
    let id = q.id.unwrap_or_default();
    let r = opslag::run(&state.db, &scope, &id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let verlopen = r.status == "verlopen";
    let team = q.team.trim().to_owned();
    let mut teams = std::collections::BTreeSet::new();
    let mut blokken = Vec::new();
    if r.status == "klaar" || verlopen {
        let stappen = opslag::trechter(&state.db, &scope, &r.id).await?;
        let bezoeken = opslag::bezoeken_per_regeling(&state.db, &scope, &r.id).await?;
        for code in &r.regelingen {
            let mut wijken = opslag::wijken(&state.db, &scope, &r.id, code).await?;
            teams.extend(wijken.iter().filter_map(|w| w.team.clone()));
            if !team.is_empty() {
                wijken.retain(|w| w.team.as_deref() == Some(team.as_str()));
            }
            blokken.push(RegelingBlok {
                trechter: trechter::bouw(code, regeling_naam(code), &stappen, bezoeken.get(code)),
                wijken,
                code: code.clone(),
            });
        }
    }
    let mag_toewijzen = staff.has_any(STARTEN) && !verlopen;
    let run = regel(&state, &staff, r).await?;
    Ok(render(&RunPage {
        user: Some(staff.medewerker),
        run,
        verlopen,
        blokken,
        teams: teams.into_iter().collect(),
        team,
        mag_toewijzen,
    })?
    .into_response())
}

#[derive(Deserialize)]
pub struct TeamForm {
    run: String,
    wijk: String,
    #[serde(default)]
    team: String,
}

/// `POST /werkplek/looplijst/team`: a team leader assigns a neighbourhood
/// of a run to an outreach team.
pub async fn team(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Form(f): Form<TeamForm>,
) -> Result<Response, PageError> {
    let wijk = f.wijk.trim();
    if wijk.len() != 4 || !wijk.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PageError {
            status: StatusCode::BAD_REQUEST,
            title: "Onbekende wijk",
            message: "Een wijk is de vier cijfers van de postcode.".into(),
        });
    }
    let team: String = f.team.trim().chars().take(60).collect();
    opslag::team_toewijzen(&state.db, &staff.scope(), &f.run, wijk, &team).await?;
    Ok(Redirect::to(&format!(
        "/werkplek/looplijst/run?id={}",
        crate::auth::encode_component(&f.run)
    ))
    .into_response())
}

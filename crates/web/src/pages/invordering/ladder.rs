//! The interventieladder and the aflossing of one claim in the werkplek:
//! where it stands and what the system proposes next
//! (`gbi_zaken::invordering::ladder`), and the forms a person uses to take
//! the step — a dwangbevel, a betalingsregeling with its beslagvrije voet, a
//! derdenbeslag, or ending an aflossing. The page parses and renders; the
//! process layer checks role and state and computes the beslagvrije voet.

use super::INNEN;
use super::mag;
use super::vordering::{pagina_met, veld};
use crate::AppState;
use crate::auth::{PageStaff, Staff};
use crate::error::PageError;
use crate::pages::behandeling::{refused, wie};
use crate::pages::datum_nl;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Money, today_amsterdam};
use gbi_rules::invordering::{BvvInvoer, BvvLeefsituatie};
use gbi_store::aflossingen::{self, Wijze};
use gbi_store::vorderingen::Vordering;
use gbi_zaken::commando::Fout;
use gbi_zaken::invordering::aflossing::{self, Beslag, Regeling};
use gbi_zaken::invordering::ladder::{self, Stap};

/// A betalingsregeling or derdenbeslag of the claim.
pub struct AflRegel {
    pub id: String,
    pub wat: String,
    pub per_maand: String,
    pub beslagvrije_voet: String,
    pub afloscapaciteit: String,
    pub vanaf: String,
    pub status: String,
    pub motivering: String,
    /// This staff member may end it now.
    pub beeindigen: bool,
}

/// What the claim page shows of the ladder.
#[derive(Default)]
pub struct Ladder {
    /// The next step in words, with its article.
    pub stap: String,
    pub actie_nodig: bool,
    pub aanmaning_mogelijk: bool,
    pub dwangbevel_mogelijk: bool,
    /// "Uitgevaardigd op …", when issued.
    pub dwangbevel: String,
    pub beslag_mogelijk: bool,
    pub regeling_mogelijk: bool,
    /// A betalingsregeling runs: a new one replaces it.
    pub regeling_loopt: bool,
    pub aflossingen: Vec<AflRegel>,
    pub leefsituaties: Vec<(&'static str, &'static str)>,
    /// The values of the form that was sent, to show them again.
    pub ingevuld: Vec<(String, String)>,
    /// Today, as the default first term.
    pub vandaag: String,
    /// The days a betalingsregeling was agreed (an acknowledgement of the
    /// debt, Awb 4:105) or a derdenbeslag laid (an act of enforcement, Awb
    /// 4:106): they interrupt limitation.
    pub stuitingen: Vec<chrono::NaiveDate>,
}

impl Ladder {
    /// The value sent for field `naam`, or `standaard`.
    pub fn waarde<'a>(&'a self, naam: &str, standaard: &'a str) -> &'a str {
        self.ingevuld
            .iter()
            .find(|(k, _)| k == naam)
            .map_or(standaard, |(_, v)| v.as_str())
    }
}

const LEEFSITUATIES: [BvvLeefsituatie; 4] = [
    BvvLeefsituatie::Alleenstaande,
    BvvLeefsituatie::AlleenstaandeOuder,
    BvvLeefsituatie::GehuwdenZonderKinderen,
    BvvLeefsituatie::GehuwdenMetKinderen,
];

fn code(l: BvvLeefsituatie) -> &'static str {
    match l {
        BvvLeefsituatie::Alleenstaande => "alleenstaande",
        BvvLeefsituatie::AlleenstaandeOuder => "alleenstaande_ouder",
        BvvLeefsituatie::GehuwdenZonderKinderen => "gehuwden_zonder_kinderen",
        BvvLeefsituatie::GehuwdenMetKinderen => "gehuwden_met_kinderen",
    }
}

/// The ladder part of the claim page.
pub async fn ladder(
    state: &AppState,
    staff: &Staff,
    v: &Vordering,
    vandaag: chrono::NaiveDate,
) -> Result<Ladder, PageError> {
    let scope = staff.scope();
    let alle = aflossingen::van_vordering(
        &state.db,
        &scope,
        &v.id,
        "GET /werkplek/invordering/vorderingen",
    )
    .await?;
    let lopend = alle.iter().rfind(|a| a.lopend);
    let stap = ladder::stap(v, lopend, vandaag);
    let innen = mag(&staff.medewerker, INNEN);
    let aflossingen = alle
        .iter()
        .rev()
        .map(|a| AflRegel {
            id: a.id.clone(),
            wat: match (&a.wijze, &a.derde) {
                (Wijze::Derdenbeslag, Some(d)) => format!("Derdenbeslag bij {d}"),
                (Wijze::Derdenbeslag, None) => "Derdenbeslag".into(),
                (Wijze::Betalingsregeling, _) => "Betalingsregeling".into(),
            },
            per_maand: a.bedrag_per_maand.to_string(),
            beslagvrije_voet: a.beslagvrije_voet.to_string(),
            afloscapaciteit: a.afloscapaciteit.to_string(),
            vanaf: datum_nl(&a.eerste_termijn),
            status: match (a.lopend, a.wijze, &a.beeindigd_op) {
                (true, Wijze::Betalingsregeling, _) => {
                    let achter = ladder::achterstand(a, v, vandaag);
                    if achter.cents() > 0 {
                        format!("loopt; achterstand {achter}")
                    } else {
                        format!("loopt; betaald sinds de start {}", a.betaald_sinds_start)
                    }
                }
                (true, _, _) => "loopt".into(),
                (false, _, Some(op)) => format!("beëindigd op {}", datum_nl(op)),
                (false, _, None) => "beëindigd".into(),
            },
            motivering: a.motivering.clone(),
            beeindigen: a.lopend && innen,
        })
        .collect();
    Ok(Ladder {
        stap: stap.omschrijving(),
        actie_nodig: stap.actie_nodig(),
        aanmaning_mogelijk: innen
            && matches!(
                stap,
                Stap::AanmaningMogelijk(_) | Stap::RegelingAchterstand(_)
            )
            && v.aanmaning_op.is_none(),
        dwangbevel_mogelijk: innen && matches!(stap, Stap::DwangbevelMogelijk(_)),
        dwangbevel: v
            .dwangbevel_op
            .as_deref()
            .map(|d| format!("Uitgevaardigd op {} en per post verstuurd", datum_nl(d)))
            .unwrap_or_default(),
        beslag_mogelijk: innen && matches!(stap, Stap::BeslagMogelijk(_)),
        regeling_mogelijk: innen
            && !matches!(stap, Stap::Afgesloten | Stap::Verrekend | Stap::Beslag(_)),
        regeling_loopt: lopend.is_some_and(|a| a.wijze == Wijze::Betalingsregeling),
        aflossingen,
        leefsituaties: LEEFSITUATIES
            .into_iter()
            .map(|l| (code(l), l.naam()))
            .collect(),
        ingevuld: Vec::new(),
        vandaag: gbi_domain::date::datum_kort(vandaag),
        stuitingen: alle
            .iter()
            .filter_map(|a| {
                a.created_at
                    .get(..10)
                    .and_then(|d| gbi_domain::date::parse_date(d).ok())
            })
            .collect(),
    })
}

type Fouten = (&'static str, String);

/// The facts of the beslagvrije voet from a form; field names with
/// `prefix`.
fn bvv_invoer(form: &[(String, String)], prefix: &str) -> Result<BvvInvoer, Fouten> {
    let v = |naam: &str| veld(form, &format!("{prefix}{naam}"));
    let leefsituatie = LEEFSITUATIES
        .into_iter()
        .find(|l| code(*l) == v("leefsituatie"))
        .ok_or(("leefsituatie", "Leefsituatie: kies er een.".to_owned()))?;
    let inkomen = match v("inkomen") {
        s if s.is_empty() => Err((
            "inkomen",
            "Netto inkomen per maand: vul een bedrag in, bijvoorbeeld 1.650,00.".to_owned(),
        )),
        s => Money::parse_euros(&s)
            .map_err(|e| ("inkomen", format!("Netto inkomen per maand: {}", e.message))),
    }?;
    let optioneel = |naam: &'static str, label: &str| -> Result<Option<Money>, Fouten> {
        let s = v(naam);
        if s.is_empty() {
            return Ok(None);
        }
        Money::parse_euros(&s)
            .map(Some)
            .map_err(|e| (naam, format!("{label}: {}", e.message)))
    };
    Ok(BvvInvoer {
        leefsituatie,
        inkomen_per_maand: inkomen,
        belastbaar_jaarinkomen: optioneel("jaarinkomen", "Belastbaar jaarinkomen")?,
        woonkosten_verzoek: optioneel("woonkosten", "Woonkosten per maand")?,
        geen_adres: v("geen_adres") == "ja",
        ..BvvInvoer::default()
    })
}

fn eerste_termijn(form: &[(String, String)], naam: &str) -> Result<chrono::NaiveDate, Fouten> {
    gbi_domain::date::parse_datum_nl(&veld(form, naam)).map_err(|e| {
        (
            "eerste_termijn",
            format!("Eerste termijn: {} Schrijf zo: 1-12-2026.", e.message),
        )
    })
}

/// Show the claim page again with the error at field `prefix` + `veld`, and
/// the values that were sent.
async fn opnieuw(
    state: &AppState,
    staff: Staff,
    id: &str,
    prefix: &str,
    fout: Fouten,
    form: Vec<(String, String)>,
) -> Result<Response, PageError> {
    pagina_met(
        state,
        staff,
        id,
        Some((format!("{prefix}{}", fout.0), fout.1)),
        "",
        form,
    )
    .await
}

fn terug(id: &str, klaar: &str) -> Response {
    Redirect::to(&format!(
        "/werkplek/invordering/vorderingen/{id}?klaar={klaar}"
    ))
    .into_response()
}

/// A refusal of the process layer: an input error goes back to the form;
/// a state the step does not fit shows as a conflict.
async fn fout(
    state: &AppState,
    staff: Staff,
    id: &str,
    prefix: &str,
    e: Fout,
    form: Vec<(String, String)>,
) -> Result<Response, PageError> {
    match e {
        Fout::Ongeldig(o) => opnieuw(state, staff, id, prefix, (o.veld, o.melding), form).await,
        e => Err(refused(e)),
    }
}

/// POST /werkplek/invordering/vorderingen/{id}/dwangbevel.
pub async fn dwangbevel(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    match ladder::dwangbevel(
        &state.db,
        &staff.scope(),
        &wie(&staff),
        &id,
        &veld(&form, "db_motivering"),
        today_amsterdam(),
    )
    .await
    {
        Ok(()) => Ok(terug(&id, "dwangbevel")),
        Err(e) => fout(&state, staff, &id, "db_", e, form).await,
    }
}

/// POST /werkplek/invordering/vorderingen/{id}/betalingsregeling.
pub async fn betalingsregeling(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let regels = state.regels.clone().ok_or_else(PageError::internal)?;
    let gelezen = (|| {
        let invoer = bvv_invoer(&form, "br_")?;
        let per_maand = match veld(&form, "br_per_maand") {
            s if s.is_empty() => Err((
                "per_maand",
                "Bedrag per maand: vul een bedrag in, bijvoorbeeld 50,00.".to_owned(),
            )),
            s => Money::parse_euros(&s)
                .map_err(|e| ("per_maand", format!("Bedrag per maand: {}", e.message))),
        }?;
        Ok::<_, Fouten>((
            invoer,
            per_maand,
            eerste_termijn(&form, "br_eerste_termijn")?,
        ))
    })();
    let (invoer, per_maand, eerste) = match gelezen {
        Ok(g) => g,
        Err(f) => return opnieuw(&state, staff, &id, "br_", f, form).await,
    };
    let motivering = veld(&form, "br_motivering");
    match aflossing::betalingsregeling(
        &state.db,
        &staff.scope(),
        &regels,
        &wie(&staff),
        &id,
        &Regeling {
            invoer,
            per_maand,
            eerste_termijn: eerste,
            motivering: &motivering,
        },
        today_amsterdam(),
    )
    .await
    {
        Ok(_) => Ok(terug(&id, "betalingsregeling")),
        Err(e) => fout(&state, staff, &id, "br_", e, form).await,
    }
}

/// POST /werkplek/invordering/vorderingen/{id}/derdenbeslag.
pub async fn derdenbeslag(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let regels = state.regels.clone().ok_or_else(PageError::internal)?;
    let gelezen = (|| {
        Ok::<_, Fouten>((
            bvv_invoer(&form, "bs_")?,
            eerste_termijn(&form, "bs_eerste_termijn")?,
        ))
    })();
    let (invoer, eerste) = match gelezen {
        Ok(g) => g,
        Err(f) => return opnieuw(&state, staff, &id, "bs_", f, form).await,
    };
    let derde = veld(&form, "bs_derde");
    let adres: Vec<String> = veld(&form, "bs_derde_adres")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(4)
        .map(str::to_owned)
        .collect();
    let motivering = veld(&form, "bs_motivering");
    match aflossing::derdenbeslag(
        &state.db,
        &staff.scope(),
        &regels,
        &wie(&staff),
        &id,
        &Beslag {
            derde: &derde,
            derde_adres: &adres,
            invoer,
            eerste_termijn: eerste,
            motivering: &motivering,
        },
        today_amsterdam(),
    )
    .await
    {
        Ok(_) => Ok(terug(&id, "derdenbeslag")),
        Err(e) => fout(&state, staff, &id, "bs_", e, form).await,
    }
}

/// POST /werkplek/invordering/aflossingen/{id}/beeindigen.
pub async fn beeindigen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let scope = staff.scope();
    let a = aflossingen::get(
        &state.db,
        &scope,
        &id,
        "POST /werkplek/invordering/aflossingen",
    )
    .await?
    .ok_or_else(PageError::not_found)?;
    aflossing::beeindigen(&state.db, &scope, &wie(&staff), &id, today_amsterdam())
        .await
        .map_err(refused)?;
    Ok(terug(&a.vordering_id, "beeindigd"))
}

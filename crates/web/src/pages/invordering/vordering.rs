//! A claim's account in the werkplek (the GGM's debiteur view of one
//! vordering): what it is, what was paid, offset and waived, what is open;
//! the forms to book a payment, to propose a kwijtschelding, and the second
//! person's check of a proposed kwijtschelding.

use super::{BEOORDELEN, INNEN, Keuze, mag, soort_naam};
use crate::AppState;
use crate::auth::{PageStaff, Staff};
use crate::error::PageError;
use crate::pages::behandeling::{refused, wie};
use crate::pages::{datum_nl, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Money, today_amsterdam};
use gbi_store::invordering::{self, Dossier};
use gbi_store::medewerkers::Medewerker;
use gbi_zaken::commando::Fout;
use gbi_zaken::invordering::kwijtschelding::{self as kw, Grond};

/// A line of the account.
pub struct Boeking {
    pub datum: String,
    pub wat: String,
    pub bedrag: String,
}

/// A proposed or judged kwijtschelding.
pub struct KwRegel {
    pub id: String,
    pub grond: String,
    pub bedrag: String,
    pub motivering: String,
    pub status: String,
    /// This staff member may judge it now.
    pub beoordelen: bool,
}

#[derive(Template)]
#[template(path = "werkplek/vordering_dossier.html")]
struct Page {
    user: Option<Medewerker>,
    id: String,
    bsn: String,
    soort: &'static str,
    grondslag: String,
    hoofdsom: String,
    open: String,
    status: &'static str,
    betalen_voor: String,
    kenmerk: String,
    verrekenen: bool,
    boekingen: Vec<Boeking>,
    kwijtscheldingen: Vec<KwRegel>,
    gronden: Vec<Keuze>,
    mag_innen: bool,
    is_open: bool,
    /// "Aanmaning verstuurd op …, betalen vóór …", when sent.
    aanmaning: String,
    /// The first day the claim is time-barred (Awb 4:104-4:106).
    verjaart: String,
    /// Where the claim stands on the interventieladder, and its forms.
    ladder: super::ladder::Ladder,
    fout_veld: String,
    fout: String,
    melding: &'static str,
}

impl Page {
    /// The error belongs to field `prefix` + `veld`.
    fn fout_bij(&self, prefix: &str, veld: &str) -> bool {
        self.fout_veld.strip_prefix(prefix) == Some(veld)
    }

    /// Whether `waarde` was chosen for field `prefix` + `naam` (or is the
    /// `standaard` when nothing was sent).
    fn gekozen(&self, prefix: &str, naam: &str, waarde: &str, standaard: &str) -> bool {
        self.ingevuld(prefix, naam, standaard) == waarde
    }

    /// The value sent for field `prefix` + `naam`, or `standaard`.
    fn ingevuld<'a>(&'a self, prefix: &str, naam: &str, standaard: &'a str) -> &'a str {
        self.ladder.waarde(&format!("{prefix}{naam}"), standaard)
    }
}

pub(super) async fn pagina(
    state: &AppState,
    staff: Staff,
    id: &str,
    fout: Option<(&'static str, String)>,
    melding: &'static str,
) -> Result<Response, PageError> {
    pagina_met(
        state,
        staff,
        id,
        fout.map(|(v, m)| (v.to_owned(), m)),
        melding,
        Vec::new(),
    )
    .await
}

pub(super) async fn pagina_met(
    state: &AppState,
    staff: Staff,
    id: &str,
    fout: Option<(String, String)>,
    melding: &'static str,
    ingevuld: Vec<(String, String)>,
) -> Result<Response, PageError> {
    let scope = staff.scope();
    let Dossier {
        vordering: v,
        mutaties,
        kwijtscheldingen,
    } = invordering::dossier_van_vordering(
        &state.db,
        &scope,
        id,
        "GET /werkplek/invordering/vorderingen",
    )
    .await?
    .ok_or_else(PageError::not_found)?;
    let m = &staff.medewerker;
    let boekingen = mutaties
        .iter()
        .map(|b| Boeking {
            datum: datum_nl(&b.datum),
            wat: match (b.maand, b.beslagvrije_voet) {
                (Some(maand), Some(bvv)) => format!(
                    "{} ({}; beslagvrije voet {bvv})",
                    b.soort.naam(),
                    maand.dutch_name()
                ),
                _ => b.soort.naam().to_owned(),
            },
            bedrag: b.bedrag.to_string(),
        })
        .collect();
    let kwijtscheldingen = kwijtscheldingen
        .iter()
        .map(|k| KwRegel {
            id: k.id.clone(),
            grond: Grond::parse(&k.grond)
                .map_or(k.grond.clone(), |g| g.artikel(v.soort).to_owned()),
            bedrag: k.bedrag.to_string(),
            motivering: k.motivering.clone(),
            status: k.status.clone(),
            beoordelen: k.status == "voorgesteld"
                && mag(m, BEOORDELEN)
                && k.voorgesteld_door != m.id,
        })
        .collect();
    let (fout_veld, fout) = fout.unwrap_or_default();
    let datum = |d: &Option<String>| {
        d.as_deref()
            .and_then(|d| gbi_domain::date::parse_date(d).ok())
    };
    let vandaag = today_amsterdam();
    let termijn = datum(&v.betalen_voor);
    let aanmaning_op = datum(&v.aanmaning_op);
    let aanmaning = match (aanmaning_op, datum(&v.aanmaning_betalen_voor)) {
        (Some(op), Some(voor)) => format!(
            "Aanmaning verstuurd op {}; betalen vóór {}.",
            gbi_domain::date::dutch_date(op),
            gbi_domain::date::dutch_date(voor)
        ),
        _ => String::new(),
    };
    let mut ladder = super::ladder::ladder(state, &staff, &v, vandaag).await?;
    ladder.ingevuld = ingevuld;
    // Stuitingen: the aanmaning, the dwangbevel, a betalingsregeling or
    // beslag, and every offset (Awb 4:105, 4:106).
    let stuitingen: Vec<chrono::NaiveDate> = aanmaning_op
        .into_iter()
        .chain(datum(&v.dwangbevel_op))
        .chain(ladder.stuitingen.iter().copied())
        .chain(mutaties.iter().filter_map(|m| {
            (m.soort == invordering::MutatieSoort::Verrekening)
                .then(|| gbi_domain::date::parse_date(&m.datum).ok())
                .flatten()
        }))
        .collect();
    let verjaart = termijn
        .map(|t| gbi_domain::date::dutch_date(gbi_rules::invordering::verjaring(t, &stuitingen)))
        .unwrap_or_default();
    let code = if fout_veld.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let html = render(&Page {
        id: v.id.clone(),
        bsn: v.bsn.as_str().to_owned(),
        soort: soort_naam(v.soort),
        grondslag: v.grondslag.clone(),
        hoofdsom: v.hoofdsom.to_string(),
        open: v.open_bedrag.to_string(),
        status: v.status.naam(),
        betalen_voor: v.betalen_voor.as_deref().map(datum_nl).unwrap_or_default(),
        kenmerk: v.betalingskenmerk.clone().unwrap_or_default(),
        verrekenen: v.verrekenen,
        boekingen,
        kwijtscheldingen,
        gronden: Grond::ALL
            .into_iter()
            .filter(|g| g.past_bij(v.soort))
            .map(|g| Keuze {
                code: g.code(),
                label: g.label(),
            })
            .collect(),
        mag_innen: mag(m, INNEN),
        is_open: v.status == gbi_store::vorderingen::Status::Open,
        aanmaning,
        verjaart,
        ladder,
        fout_veld,
        fout,
        melding,
        user: Some(staff.medewerker),
    })?;
    Ok((code, html).into_response())
}

/// GET /werkplek/invordering/vorderingen/{id}.
pub async fn show(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let melding = match veld(&q, "klaar").as_str() {
        "betaling" => "De betaling is geboekt.",
        "kwijtschelding" => "De kwijtschelding is voorgesteld. Een collega controleert haar.",
        "beoordeeld" => "Uw oordeel is vastgelegd.",
        "aanmaning" => "De aanmaning is verstuurd. De inwoner heeft 2 weken om te betalen.",
        "dwangbevel" => "Het dwangbevel is uitgevaardigd. Het gaat per post naar de inwoner.",
        "betalingsregeling" => {
            "De betalingsregeling is vastgelegd. De inwoner krijgt een brief met de beslagvrije voet."
        }
        "derdenbeslag" => "Het derdenbeslag is gelegd. De derde en de inwoner krijgen een brief.",
        "beeindigd" => "De aflossing is beëindigd.",
        _ => "",
    };
    pagina(&state, staff, &id, None, melding).await
}

pub(super) fn veld(form: &[(String, String)], naam: &str) -> String {
    form.iter()
        .find(|(k, _)| k == naam)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

fn bedrag(
    form: &[(String, String)],
    naam: &'static str,
    label: &str,
) -> Result<Money, (&'static str, String)> {
    let s = veld(form, naam);
    if s.is_empty() {
        return Err((
            naam,
            format!("{label}: vul een bedrag in, bijvoorbeeld 125,50."),
        ));
    }
    Money::parse_euros(&s).map_err(|e| (naam, format!("{label}: {}", e.message)))
}

/// POST /werkplek/invordering/vorderingen/{id}/betaling.
pub async fn betaling(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let b = match bedrag(&form, "bedrag", "Bedrag") {
        Ok(b) => b,
        Err(f) => return pagina(&state, staff, &id, Some(f), "").await,
    };
    let datum = match gbi_domain::date::parse_datum_nl(&veld(&form, "datum")) {
        Ok(d) => d,
        Err(e) => {
            let f = (
                "datum",
                format!(
                    "Datum van de betaling: {} Schrijf zo: 15-11-2026.",
                    e.message
                ),
            );
            return pagina(&state, staff, &id, Some(f), "").await;
        }
    };
    match kw::betaling_boeken(
        &state.db,
        &staff.scope(),
        &wie(&staff),
        &id,
        b,
        datum,
        today_amsterdam(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/werkplek/invordering/vorderingen/{id}?klaar=betaling"
        ))
        .into_response()),
        Err(Fout::Ongeldig(o)) => pagina(&state, staff, &id, Some((o.veld, o.melding)), "").await,
        Err(e) => Err(refused(e)),
    }
}

/// POST /werkplek/invordering/vorderingen/{id}/kwijtschelding.
pub async fn kwijtschelding(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let b = match bedrag(&form, "kw_bedrag", "Kwijt te schelden bedrag") {
        Ok(b) => b,
        Err(f) => return pagina(&state, staff, &id, Some(f), "").await,
    };
    let grond = Grond::parse(&veld(&form, "grond"));
    let motivering = veld(&form, "motivering");
    match kw::voorstellen(
        &state.db,
        &staff.scope(),
        &wie(&staff),
        &id,
        grond,
        b,
        &motivering,
        kw::Schuldregeling {
            deel_van_regeling: veld(&form, "schuldregeling") == "ja",
            aangifte: veld(&form, "aangifte") == "ja",
        },
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/werkplek/invordering/vorderingen/{id}?klaar=kwijtschelding"
        ))
        .into_response()),
        Err(Fout::Ongeldig(o)) => pagina(&state, staff, &id, Some((o.veld, o.melding)), "").await,
        Err(e) => Err(refused(e)),
    }
}

/// POST /werkplek/invordering/kwijtscheldingen/{id}/beoordeling.
pub async fn kwijtschelding_beoordelen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let goedgekeurd = match veld(&form, "oordeel").as_str() {
        "goedkeuren" => true,
        "terugsturen" => false,
        _ => {
            return Err(PageError {
                status: StatusCode::BAD_REQUEST,
                title: "Kies goedkeuren of terugsturen",
                message: "Kies of u de kwijtschelding goedkeurt of terugstuurt.".into(),
            });
        }
    };
    let vordering = veld(&form, "vordering");
    let opmerking = veld(&form, "opmerking");
    match kw::beoordelen(
        &state.db,
        &staff.scope(),
        &wie(&staff),
        &id,
        goedgekeurd,
        Some(&opmerking),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/werkplek/invordering/vorderingen/{vordering}?klaar=beoordeeld"
        ))
        .into_response()),
        Err(Fout::Ongeldig(o)) if !vordering.is_empty() => {
            pagina(&state, staff, &vordering, Some((o.veld, o.melding)), "").await
        }
        Err(e) => Err(refused(e)),
    }
}

/// POST /werkplek/invordering/vorderingen/{id}/aanmaning.
pub async fn aanmaning(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    gbi_zaken::invordering::aanmaning::versturen(
        &state.db,
        &staff.scope(),
        &wie(&staff),
        &id,
        today_amsterdam(),
    )
    .await
    .map_err(refused)?;
    Ok(Redirect::to(&format!(
        "/werkplek/invordering/vorderingen/{id}?klaar=aanmaning"
    ))
    .into_response())
}

//! Werkplek: applications filled in with the resident (klik, bel, kom) and
//! the zaken with everything the registers returned.

use super::formulier::{self, Overzicht};
use super::invoer::Invoer;
use super::render;
use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use crate::pages::aanvraag::{self, Invuller};
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gbi_domain::{Bsn, today_amsterdam};
use gbi_store::documenten::{self, Document};
use gbi_store::medewerkers::Medewerker;
use gbi_store::portaal::{self, Concept};
use gbi_store::werk::{self, StoredSnapshot, WerkItem};
use gbi_store::zaaklijst;
use gbi_store::zaken::{self, Rol, Taak, Zaak};
use gbi_zaken::catalogus::Kanaal;
use gbi_zaken::indienen::{uiterste_datum, uiterste_datum_van};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "werkplek/aanvragen.html")]
struct AanvragenPage {
    user: Option<Medewerker>,
    bsn: String,
    gezocht: bool,
    bewaard: bool,
    fout: Option<String>,
    concepten: Vec<Begonnen>,
    /// The resident has an open draft of their own online (not editable here).
    inwoner_zelf_begonnen: bool,
    kanalen: Vec<(&'static str, &'static str)>,
    /// (zaaktype, name) of every regeling one can apply for.
    regelingen: Vec<(&'static str, String)>,
}

/// A draft staff started, as the list shows it.
struct Begonnen {
    id: String,
    datum: String,
    kanaal: String,
    regeling: String,
    /// The step it resumes at.
    stap: &'static str,
}

impl Begonnen {
    fn van(c: &Concept) -> Begonnen {
        Begonnen {
            id: c.id.clone(),
            datum: c.created_at.chars().take(10).collect(),
            kanaal: c.kanaal.clone(),
            regeling: regeling_naam(&c.zaaktype),
            stap: aanvraag::hervat_stap(c),
        }
    }
}

/// "Bijzondere bijstand": a regeling's name as a list item starts.
fn regeling_naam(zaaktype: &str) -> String {
    let naam = gbi_zaken::regeling::voor_zaaktype(zaaktype).map_or("aanvraag", |r| r.naam());
    let mut tekens = naam.chars();
    tekens
        .next()
        .map(|c| c.to_uppercase().chain(tekens).collect())
        .unwrap_or_default()
}

const KANALEN: [(&str, &str); 3] = [
    ("telefoon", "Aan de telefoon"),
    ("balie", "Aan de balie"),
    ("papier", "Papieren formulier"),
];

#[derive(Deserialize)]
pub struct Zoek {
    bsn: Option<String>,
    bewaard: Option<String>,
}

pub async fn aanvragen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<Zoek>,
) -> Result<Response, PageError> {
    let bsn_text = q.bsn.unwrap_or_default();
    let (gezocht, fout, alle) = match bsn_text.trim() {
        "" => (false, None, Vec::new()),
        t => match Bsn::parse(t) {
            Ok(b) => (
                true,
                None,
                portaal::open_concepten_voor(&state.db, &staff.scope(), &b).await?,
            ),
            Err(e) => (false, Some(e.message), Vec::new()),
        },
    };
    // Staff open only the drafts staff started; the resident's own online
    // draft stays theirs (see `aanvraag::toegang`).
    let (concepten, eigen): (Vec<Concept>, Vec<Concept>) = alle
        .into_iter()
        .partition(|c| Kanaal::parse(&c.kanaal) != Some(Kanaal::Digitaal));
    let status = if fout.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = AanvragenPage {
        user: Some(staff.medewerker),
        bsn: bsn_text,
        gezocht,
        bewaard: q.bewaard.is_some(),
        fout,
        concepten: concepten.iter().map(Begonnen::van).collect(),
        inwoner_zelf_begonnen: !eigen.is_empty(),
        kanalen: KANALEN.to_vec(),
        regelingen: gbi_zaken::regeling::alle()
            .iter()
            .map(|r| {
                (
                    r.zaaktype().identificatie,
                    regeling_naam(r.zaaktype().identificatie),
                )
            })
            .collect(),
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(Deserialize)]
pub struct Nieuw {
    #[serde(default)]
    bsn: String,
    #[serde(default)]
    kanaal: String,
    /// The zaaktype; bijstand (ALO) when absent.
    #[serde(default)]
    regeling: String,
}

pub async fn nieuw(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Form(f): Form<Nieuw>,
) -> Result<Response, PageError> {
    let Ok(bsn) = Bsn::parse(&f.bsn) else {
        return Ok(Redirect::to("/werkplek/aanvragen").into_response());
    };
    let kanaal = Kanaal::parse(&f.kanaal)
        .filter(|k| *k != Kanaal::Digitaal)
        .unwrap_or(Kanaal::Telefoon);
    let regeling =
        gbi_zaken::regeling::voor_zaaktype(&f.regeling).unwrap_or(&gbi_zaken::regeling::alo::Alo);
    let zaaktype = regeling.zaaktype().identificatie;
    let c = portaal::create_concept(
        &state.db,
        &staff.scope(),
        &bsn,
        zaaktype,
        kanaal.code(),
        None,
        &serde_json::Value::Object(
            crate::pages::brp_start::startantwoorden(&state, &bsn, &staff.ctx.trace).await,
        ),
    )
    .await?;
    let eerste = regeling.formulier().eerste().map_or("", |s| s.code);
    Ok(Redirect::to(&format!("/werkplek/aanvragen/{}/{eerste}", c.id)).into_response())
}

pub async fn stap(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path((id, stap)): Path<(String, String)>,
) -> Result<Response, PageError> {
    aanvraag::show(&state, Invuller::Medewerker(staff), &id, &stap).await
}

pub async fn stap_opslaan(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path((id, stap)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    aanvraag::save(&state, Invuller::Medewerker(staff), &id, &stap, form).await
}

pub async fn upload(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    mp: Multipart,
) -> Result<Response, PageError> {
    aanvraag::upload(&state, Invuller::Medewerker(staff), &id, mp).await
}

#[derive(Template)]
#[template(path = "werkplek/zaken.html")]
struct ZakenPage {
    user: Option<Medewerker>,
    zaken: Vec<(String, String, &'static str, String, String)>,
    /// The link to the next page, when there is more.
    volgende: Option<String>,
}

/// Zaken a page of the list shows.
const PAGINA: i64 = 50;

#[derive(Deserialize)]
pub struct ZakenQuery {
    /// Where the previous page ended (keyset cursor).
    na: Option<String>,
}

pub async fn zaken_list(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<ZakenQuery>,
) -> Result<Html<String>, PageError> {
    let today = today_amsterdam();
    let pagina = zaaklijst::zaken(&state.db, &staff.scope(), q.na.as_deref(), PAGINA).await?;
    let zaken = pagina
        .regels
        .into_iter()
        .map(|z| {
            let status = gbi_zaken::commando::statustype_van(&z.zaaktype, z.status)
                .map(|s| s.omschrijving)
                .unwrap_or("onbekend");
            let uiterste = uiterste_datum_van(&z.termijn, today)
                .map(|d| d.to_string())
                .unwrap_or_default();
            (z.id, z.identificatie, status, z.kanaal, uiterste)
        })
        .collect();
    render(&ZakenPage {
        user: Some(staff.medewerker),
        zaken,
        volgende: pagina
            .volgende
            .map(|na| super::volgende_pagina("/werkplek/zaken", &[], &na)),
    })
}

/// Who did it, as a colleague reads it: a name, never an id.
fn wie_deed_het(actor: &str, namen: &[Medewerker]) -> String {
    match actor.split_once(':') {
        Some(("medewerker", id)) => namen
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.naam.clone())
            .unwrap_or_else(|| "een medewerker (niet meer in dienst)".into()),
        Some(("inwoner", _)) => "de inwoner".into(),
        Some(("systeem", _)) => "GBI, automatisch".into(),
        _ => actor.to_owned(),
    }
}

#[derive(Template)]
#[template(path = "werkplek/zaak.html")]
struct ZaakPage {
    user: Option<Medewerker>,
    zaak: Zaak,
    status: &'static str,
    status_inwoner: &'static str,
    uiterste: String,
    rollen: Vec<Rol>,
    werk: Vec<WerkItem>,
    wachtend: bool,
    snapshots: Vec<StoredSnapshot>,
    vooronderzoek: Option<Vooronderzoek>,
    taken: Vec<Taak>,
    documenten: Vec<Document>,
    /// The staff member's role lets them open documents (`DOCUMENT_ROLES`).
    mag_documenten: bool,
    /// Letters of the zaak that go by post (no consent to electronic
    /// delivery, Awb 2:14): `(document_id, when posted, if yet)`.
    post: Vec<(String, Option<String>)>,
    overzicht: Vec<Overzicht>,
    /// The resident's page with all their zaken, when they are registered.
    inwoner_id: Option<String>,
    /// The history: (when, status, who), in words.
    statussen: Vec<(String, String, String)>,
    acties: crate::pages::behandeling::Acties,
    vandaag_plus_14: String,
    /// A running benefit came of this zaak: link to its ledger.
    uitkering: bool,
    /// One-off payments of the zaak and where they stand.
    eenmalig: Vec<crate::pages::eenmalig::Regel>,
    /// Claims that came of the zaak (a loan), with what is still open.
    vorderingen: Vec<crate::pages::vordering::Regel>,
    toon_zaak: bool,
    /// A periodic bijzondere bijstand came of this zaak.
    periodiek: Option<crate::pages::periodiek::Regel>,
    /// The amount the proposal form suggests: the advice, when computed.
    bedrag_voorstel: String,
    /// A refused form and what was typed in it.
    invoer: Invoer,
}

pub async fn zaak(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    zaak_pagina(&state, &staff, &id, Invoer::default()).await
}

/// The zaak page; `invoer` brings back a refused form with its input.
pub(crate) async fn zaak_pagina(
    state: &AppState,
    staff: &crate::auth::Staff,
    id: &str,
    invoer: Invoer,
) -> Result<Html<String>, PageError> {
    let (state, id) = (state, id.to_owned());
    let scope = staff.scope();
    let zaak = zaken::get(&state.db, &scope, &id, "GET /werkplek/zaken/{zaak_id}")
        .await?
        .ok_or_else(PageError::not_found)?;
    let st = gbi_zaken::commando::statustype(&zaak);
    let antwoorden = zaak.aanvraag.as_object().cloned().unwrap_or_default();
    let vragen = formulier::van_zaaktype(&zaak.zaaktype);
    let werk_items = werk::voor_zaak(&state.db, &scope, &id).await?;
    let acties = crate::pages::behandeling::acties(state, staff, &zaak).await?;
    let today = today_amsterdam();
    let (bijstand, periodiek) = crate::pages::periodiek::van_zaak(&state.db, &scope, &id).await?;
    // The ledger per month serves either kind of running benefit.
    let uitkering = bijstand || periodiek.is_some();
    // The client view: every zaak of this resident.
    let inwoner_id = gbi_store::inwoners::search(
        &state.db,
        &scope,
        zaak.bsn.as_str(),
        1,
        0,
        "GET /werkplek/zaken/{zaak_id}",
    )
    .await?
    .into_iter()
    .next()
    .map(|i| i.id);
    let vooronderzoek = werk::beoordeling(&state.db, &scope, &id)
        .await?
        .map(|b| Vooronderzoek::uit(&b));
    let eenmalig = crate::pages::eenmalig::voor_zaak(&state.db, &scope, &id, today).await?;
    let vorderingen =
        crate::pages::vordering::voor_zaak(&state.db, &scope, &id, "GET /werkplek/zaken/{zaak_id}")
            .await?;
    render(&ZaakPage {
        vorderingen,
        toon_zaak: false,
        inwoner_id,
        uitkering,
        eenmalig,
        periodiek,
        acties,
        vandaag_plus_14: today
            .checked_add_days(chrono::Days::new(14))
            .unwrap_or(today)
            .to_string(),
        status: st.map(|s| s.omschrijving).unwrap_or("onbekend"),
        status_inwoner: st.map(|s| s.voor_inwoner).unwrap_or("In behandeling"),
        uiterste: uiterste_datum(&zaak, today_amsterdam())
            .map(|d| d.to_string())
            .unwrap_or_default(),
        rollen: zaken::rollen(&state.db, &scope, &id).await?,
        wachtend: werk_items.iter().any(|w| w.status == "wachtend"),
        werk: werk_items,
        snapshots: werk::snapshots(&state.db, &scope, &id).await?,
        bedrag_voorstel: vooronderzoek
            .as_ref()
            .filter(|v| v.berekend)
            .map(|v| match &v.eenmalig {
                Some(e) => e.clone(),
                None if v.advies_tekst.is_some() => String::new(),
                None => v.recht.clone(),
            })
            .unwrap_or_default(),
        vooronderzoek,
        invoer,
        taken: zaken::taken(&state.db, &scope, &id).await?,
        documenten: documenten::list(&state.db, &scope, None, Some(&id)).await?,
        mag_documenten: staff.has_any(DOCUMENT_ROLES),
        post: gbi_store::printwachtrij::voor_zaak(&state.db, &scope, &id)
            .await?
            .into_iter()
            .map(|p| {
                let op = p.verzonden_op.as_deref().map(super::elektronisch::moment);
                (p.document_id, op)
            })
            .collect(),
        overzicht: formulier::overzicht(
            vragen,
            &antwoorden,
            &formulier::keuzes(state, scope.gemeente, gbi_domain::today_amsterdam()),
        ),
        statussen: {
            let namen = gbi_store::medewerkers::list(&state.db, &scope).await?;
            zaken::statussen(&state.db, &scope, &id)
                .await?
                .into_iter()
                .map(|s| {
                    let wie = wie_deed_het(&s.actor, &namen);
                    (super::moment_nl(&s.created_at), s.statustype, wie)
                })
                .collect()
        },
        user: Some(staff.medewerker.clone()),
        zaak,
    })
}

/// Roles that may open the documents of a zaak: those who handle or check
/// it. Not Klantcontactcentrum: on the phone or at the desk it is enough to
/// say which documents came in (the zaak page lists them); the contents
/// (bank statements, ID, contracts) are only needed to decide, so KCC does
/// not read them (AVG art. 5 lid 1 c, data minimisation). Not Buurtteam or
/// FunctioneelBeheerder, who do not handle zaken.
pub const DOCUMENT_ROLES: &[gbi_domain::Rol] = &[
    gbi_domain::Rol::Intake,
    gbi_domain::Rol::Inkomensconsulent,
    gbi_domain::Rol::Kwaliteitsmedewerker,
    gbi_domain::Rol::Teamleider,
];

/// GET /werkplek/zaken/{zaak_id}/documenten/{document_id}: a document the
/// resident (or staff at the desk) sent with this zaak. PDF and images open
/// in the browser; anything else downloads. Each read is logged.
pub async fn document(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path((zaak_id, document_id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (doc, bytes) = documenten::van_zaak(
        &state.db,
        &staff.scope(),
        &zaak_id,
        &document_id,
        "GET /werkplek/zaken/{zaak_id}/documenten/{document_id}",
    )
    .await?
    .ok_or_else(PageError::not_found)?;
    Ok(super::document_antwoord::serve_document(&doc, bytes))
}

/// "Nu opnieuw proberen": consult the registers that are still pending now,
/// instead of after their pause (e.g. when a register is known to be back).
pub async fn opnieuw(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let scope = staff.scope();
    zaken::get(
        &state.db,
        &scope,
        &id,
        "POST /werkplek/zaken/{zaak_id}/opnieuw",
    )
    .await?
    .ok_or_else(PageError::not_found)?;
    werk::retry_now(&state.db, &scope, &id).await?;
    if let Some(f) = &state.probeer_nu {
        f();
    }
    Ok(Redirect::to(&format!("/werkplek/zaken/{id}")).into_response())
}

/// The pre-assessment as the caseworker reads it: the advice, every step
/// with its legal reference, and the points the rules could not judge.
struct Vooronderzoek {
    berekend: bool,
    /// Demo mode only: computed with figures carried forward.
    voorlopig: bool,
    reden: String,
    peildatum: String,
    recht: String,
    norm: String,
    uit_te_betalen: String,
    vakantietoeslag: String,
    /// (precise text, legal reference)
    stappen: Vec<(String, String)>,
    aandachtspunten: Vec<String>,
    /// The advice of a regeling other than ALO, in one sentence.
    advies_tekst: Option<String>,
    /// The one-off amount that advice found.
    eenmalig: Option<String>,
    /// The resident's answers beside the registers.
    vergelijking: Vec<gbi_zaken::vergelijking::Vergelijking>,
}

impl Vooronderzoek {
    fn uit(v: &serde_json::Value) -> Self {
        if let Some(a) = gbi_zaken::advies::Advies::lees(v) {
            return Self {
                berekend: a.berekend,
                voorlopig: a.voorlopig,
                reden: a.reden,
                peildatum: a.peildatum,
                recht: String::new(),
                norm: String::new(),
                uit_te_betalen: String::new(),
                vakantietoeslag: String::new(),
                stappen: a
                    .uitleg
                    .into_iter()
                    .map(|s| (s.tekst, s.verwijzing))
                    .collect(),
                aandachtspunten: a.aandachtspunten,
                advies_tekst: Some(a.advies_tekst),
                eenmalig: a
                    .eenmalig
                    .map(|e| gbi_domain::Money::from_cents(e.bedrag_cents).to_string()),
                vergelijking: Vec::new(),
            };
        }
        let tekst = |w: &serde_json::Value| w.as_str().unwrap_or_default().to_owned();
        let bedrag = |veld: &str| {
            gbi_domain::Money::from_cents(v["uitkomst"][veld].as_i64().unwrap_or(0)).to_string()
        };
        Self {
            berekend: v["berekend"].as_bool().unwrap_or(false),
            voorlopig: v["voorlopig"].as_bool().unwrap_or(false),
            reden: tekst(&v["reden"]),
            peildatum: tekst(v.get("datum").unwrap_or(&v["peildatum"])),
            recht: bedrag("bijstand_cents"),
            norm: bedrag("norm_cents"),
            uit_te_betalen: bedrag("uit_te_betalen_cents"),
            vakantietoeslag: bedrag("vakantietoeslag_cents"),
            stappen: v["uitleg"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|s| (tekst(&s["tekst"]), tekst(&s["verwijzing"])))
                        .collect()
                })
                .unwrap_or_default(),
            aandachtspunten: v["aandachtspunten"]
                .as_array()
                .map(|a| a.iter().map(tekst).collect())
                .unwrap_or_default(),
            vergelijking: serde_json::from_value(v["vergelijking"].clone()).unwrap_or_default(),
            advies_tekst: None,
            eenmalig: None,
        }
    }
}

//! The running benefit: the month ledger and specifications (portal and
//! werkplek), and income reports with a payslip (portal).

use super::invoer::Invoer;
use super::render;
use crate::AppState;
use crate::auth::{PageStaff, PortalResident, Resident};
use crate::error::PageError;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, Response};
use gbi_domain::{Maand, Money, today_amsterdam};
use gbi_payments::grootboek::{self, Regel};
use gbi_store::inkomsten::{self, Inkomstenopgave};
use gbi_store::medewerkers::Medewerker;
use gbi_store::uitkeringen::{self, Uitkering};
use gbi_store::wijzigingen::{self, Wijziging};
use gbi_store::{Scope, betalingen, zaken};

/// A ledger month as the page shows it.
pub struct Specificatie {
    pub maand: String,
    pub maand_code: String,
    pub norm: String,
    pub inkomsten: String,
    pub vrijgelaten: String,
    pub in_aanmerking: String,
    pub recht: String,
    pub vakantietoeslag: String,
    pub verschuldigd: String,
    /// What released betaalruns paid (€ 0,00 while none did).
    pub betaald: String,
    /// "Wij betaalden" once a released betaalrun paid the month, else
    /// "Wij gaan betalen": money of a run that was not approved is not paid.
    pub betaling: &'static str,
    /// The amount of that line: what was paid, else what a computed run
    /// will pay, else what is due.
    pub betaling_bedrag: String,
    /// What a computed run that awaits approval will pay.
    pub in_run: Option<String>,
    /// Whether a released betaalrun paid the month.
    pub vrijgegeven: bool,
    /// "te veel betaald: € …", "te weinig betaald: € …" or empty.
    pub verschil: String,
    pub te_veel: bool,
    /// Why the month has no amount, for a medewerker.
    pub fout: Option<String>,
    /// The same for the resident (B1).
    pub fout_inwoner: Option<String>,
    /// Demo mode only: computed with figures carried forward, marked
    /// "voorlopig — nog niet de officiële normen" on the page and the PDF.
    pub voorlopig: bool,
    /// The gross amount of what is due, for toeslagen; `None` while the
    /// loonheffing parameters are not set ([`BRUTO_NIET_BESCHIKBAAR`]).
    pub bruto: Option<String>,
    /// (B1 text, precise text, reference)
    pub uitleg: Vec<(String, String, String)>,
    /// What the month's payment kept back for a claim (art. 60-3/60-4),
    /// already left out of `betaling_bedrag`; `None` when nothing.
    pub ingehouden: Option<String>,
    /// When the month is lower than the toekenning gave: the herziening
    /// (art. 54-3), sentence by sentence ([`gbi_payments::herziening`]).
    pub herziening: Vec<String>,
}

/// What the specification says while GBI cannot compute the gross amount
/// (the loonheffing of the year is not set): never a made-up number.
pub const BRUTO_NIET_BESCHIKBAAR: &str = "Het bruto bedrag is nog niet beschikbaar. Heeft u het nodig voor uw toeslagen? Vraag het dan aan de afdeling Werk en Inkomen van uw gemeente.";

/// The label of the gross line, on the page and in the PDF.
pub const BRUTO_LABEL: &str = "Bruto (voor toeslagen)";

/// The gross amount of what is due in a month (`gbi_rules::bruto`), or
/// `None` when the loonheffing parameters of that month are not set.
fn bruto(parameters: &gbi_rules::Parameters, r: &Regel) -> Option<String> {
    if r.fout.is_some() {
        return None;
    }
    gbi_rules::bruto::bruto_van_netto(parameters, r.maand.first_day(), r.verschuldigd)
        .ok()
        .map(|b| b.bruto.to_string())
}

/// The label of the payment line before a released betaalrun paid the month.
pub const GAAN_BETALEN: &str = "Wij gaan betalen";
/// The label of the payment line once a released betaalrun paid the month.
pub const BETAALDEN: &str = "Wij betaalden";

/// `betaald`: whether a released betaalrun paid (anything for) this month;
/// `in_run`: what a computed run that awaits approval will pay.
fn specificatie(
    r: &Regel,
    betaald: bool,
    in_run: Option<Money>,
    verrekend: Option<Money>,
    parameters: &gbi_rules::Parameters,
) -> Specificatie {
    let ingehouden = verrekend.unwrap_or(Money::ZERO);
    let geld = |c: i64| Money::from_cents(c).to_string();
    let (norm, inkomsten, vrijgelaten, in_aanmerking, recht, vt, uitleg) = match &r.recht {
        Some(m) => (
            geld(m.uitkomst.norm_cents),
            geld(m.arbeid.cents() + m.overig.cents()),
            m.vrijgelaten.to_string(),
            geld(m.uitkomst.inkomen_cents),
            geld(m.uitkomst.bijstand_cents),
            geld(m.uitkomst.vakantietoeslag_cents),
            m.uitleg
                .iter()
                .map(|u| (u.b1.clone(), u.precies.clone(), u.verwijzing.clone()))
                .collect(),
        ),
        None => Default::default(),
    };
    let v = r.verschil.cents();
    Specificatie {
        maand: r.maand.dutch_name(),
        maand_code: r.maand.to_string(),
        norm,
        inkomsten,
        vrijgelaten,
        in_aanmerking,
        recht,
        vakantietoeslag: vt,
        verschuldigd: r.verschuldigd.to_string(),
        betaald: r.betaald.to_string(),
        betaling: if betaald { BETAALDEN } else { GAAN_BETALEN },
        // What reaches the resident's account: an amount kept back for a
        // claim is paid too, to the debt, and shown on its own line.
        betaling_bedrag: if betaald {
            r.betaald - ingehouden
        } else {
            in_run.map_or(r.verschuldigd, |b| b - ingehouden)
        }
        .to_string(),
        in_run: in_run
            .filter(|_| !betaald)
            .map(|m| (m - ingehouden).to_string()),
        ingehouden: (ingehouden.cents() > 0).then(|| ingehouden.to_string()),
        vrijgegeven: betaald,
        verschil: match v {
            0 => String::new(),
            // No betaalrun for this month yet: nothing is owed or overpaid.
            _ if !betaald => "nog niet betaald".to_owned(),
            v if v > 0 => format!("te veel betaald: {}", Money::from_cents(v)),
            v => format!("te weinig betaald: {}", Money::from_cents(-v)),
        },
        te_veel: betaald && v > 0,
        fout: r.fout.clone(),
        fout_inwoner: r.fout_inwoner.clone(),
        voorlopig: r.recht.as_ref().is_some_and(|m| m.voorlopig),
        bruto: bruto(parameters, r),
        uitleg,
        herziening: Vec::new(),
    }
}

/// The ledger of a benefit up to this month, newest first. A benefit
/// without household facts (a fixed amount) has no computed ledger.
async fn ledger(
    state: &AppState,
    scope: &Scope,
    u: &Uitkering,
) -> Result<Vec<Specificatie>, PageError> {
    let Some(basis) = &u.huishouden else {
        return Ok(Vec::new());
    };
    let basis: gbi_rules::Huishouden = serde_json::from_value(basis.clone()).map_err(|e| {
        tracing::error!(error = %e, "stored household facts do not parse");
        PageError::internal()
    })?;
    let regels = state.regels.as_ref().ok_or_else(|| {
        tracing::error!("the rules are not loaded");
        PageError::internal()
    })?;
    let opgaven = inkomsten::van_uitkering(&state.db, scope, &u.id).await?;
    // Paid is what released runs paid; a computed run awaiting approval
    // will pay, but has not.
    // An amount offset against a claim was paid too: to the debt.
    let betaald = gbi_zaken::invordering::betaald(&state.db, scope, &u.id).await?;
    let mut in_run = betalingen::te_betalen_per_maand(&state.db, scope, &u.id).await?;
    let mut verrekend =
        gbi_store::invordering::verrekend_per_maand(&state.db, scope, &u.id, true).await?;
    for (m, b) in
        gbi_store::invordering::verrekend_per_maand(&state.db, scope, &u.id, false).await?
    {
        *in_run.entry(m).or_insert(Money::ZERO) += b;
        *verrekend.entry(m).or_insert(Money::ZERO) += b;
    }
    let datum = |s: &str| {
        gbi_domain::date::parse_date(s).map_err(|e| {
            tracing::error!(error = %e.message, "stored benefit date does not parse");
            PageError::internal()
        })
    };
    let periode = grootboek::Periode {
        ingangsdatum: datum(&u.ingangsdatum)?,
        einddatum: u.einddatum.as_deref().map(datum).transpose()?,
    };
    let laatste = betaald.keys().chain(in_run.keys()).max().copied();
    let tot = Maand::of(today_amsterdam()).max(laatste.unwrap_or(periode.ingang()));
    let feiten = gbi_zaken::betaalrun::feiten_van(&state.db, scope, &u.id, basis)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "household facts do not load");
            PageError::internal()
        })?;
    let regels_uit = grootboek::grootboek(
        regels,
        scope.gemeente,
        &feiten,
        &opgaven,
        grootboek::Looptijd {
            periode,
            tot: periode.einde().map_or(tot, |e| tot.min(e)),
        },
        |m| betaald.get(&m).copied().unwrap_or(Money::ZERO),
    );
    Ok(regels_uit
        .iter()
        .rev()
        .map(|r| {
            let mut s = specificatie(
                r,
                betaald.contains_key(&r.maand),
                in_run.get(&r.maand).copied(),
                verrekend.get(&r.maand).copied(),
                &regels.parameters,
            );
            if let Some(recht) = &r.recht {
                s.herziening = gbi_payments::herziening::herziening(
                    regels,
                    scope.gemeente,
                    &feiten,
                    &opgaven,
                    periode.ingang(),
                    recht,
                )
                .map(|h| h.zinnen())
                .unwrap_or_default();
            }
            s
        })
        .collect())
}

#[derive(Template)]
#[template(path = "portaal/uitkering.html")]
struct PortaalPage {
    resident: Option<Resident>,
    soorten: &'static [(&'static str, &'static str)],
    wijzigingen: Vec<Wijziging>,
    gemeld: bool,
    zaak_id: String,
    uitkering: Uitkering,
    vast_bedrag: String,
    maanden: Vec<Specificatie>,
    opgaven: Vec<Inkomstenopgave>,
    bruto_niet_beschikbaar: &'static str,
    huidige_maand: String,
    /// The months a resident can report income for, newest first:
    /// (code `2026-12`, "december 2026").
    opgave_maanden: Vec<(String, String)>,
    bewaard: bool,
    /// A refused form (income or change) and what was typed in it.
    invoer: Invoer,
}

pub(super) async fn eigen_uitkering(
    state: &AppState,
    r: &Resident,
    zaak_id: &str,
) -> Result<Uitkering, PageError> {
    eigen_uitkering_of_geen(state, r, zaak_id)
        .await?
        .ok_or_else(PageError::not_found)
}

/// The benefit of the resident's own zaak, `None` when the zaak has none;
/// not found when the zaak is not theirs.
async fn eigen_uitkering_of_geen(
    state: &AppState,
    r: &Resident,
    zaak_id: &str,
) -> Result<Option<Uitkering>, PageError> {
    let scope = r.scope();
    let eigen = zaken::voor_inwoner(&state.db, &scope, &r.sessie.bsn)
        .await?
        .into_iter()
        .any(|z| z.id == zaak_id);
    if !eigen {
        return Err(PageError::not_found());
    }
    Ok(uitkeringen::inzien(&state.db, &scope, zaak_id, "inwoner opent eigen uitkering").await?)
}

#[derive(serde::Deserialize, Default)]
pub struct Bewaard {
    bewaard: Option<String>,
    gemeld: Option<String>,
}

pub async fn portaal(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(zaak_id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<Bewaard>,
) -> Result<Html<String>, PageError> {
    portaal_pagina(&state, r, zaak_id, q, Invoer::default()).await
}

/// The resident's benefit page; `invoer` brings back a refused form with
/// the message at its field and what was typed.
pub(super) async fn portaal_pagina(
    state: &AppState,
    r: Resident,
    zaak_id: String,
    q: Bewaard,
    invoer: Invoer,
) -> Result<Html<String>, PageError> {
    let u = eigen_uitkering(state, &r, &zaak_id).await?;
    let scope = r.scope();
    let maanden = ledger(state, &scope, &u).await?;
    let opgaven = inkomsten::van_uitkering(&state.db, &scope, &u.id).await?;
    let wijzigingen = wijzigingen::van_uitkering(&state.db, &scope, &u.id).await?;
    render(&PortaalPage {
        soorten: wijzigingen::SOORTEN,
        wijzigingen,
        gemeld: q.gemeld.is_some(),
        resident: Some(r),
        zaak_id,
        vast_bedrag: u.bedrag_per_maand.to_string(),
        opgave_maanden: {
            let nu = Maand::of(today_amsterdam());
            let ingang = gbi_domain::date::parse_date(&u.ingangsdatum)
                .map(Maand::of)
                .unwrap_or(nu);
            let mut m = nu;
            let mut lijst = Vec::new();
            while m >= ingang && lijst.len() < 24 {
                lijst.push((m.to_string(), m.dutch_name()));
                m = m.previous();
            }
            lijst
        },
        uitkering: u,
        maanden,
        opgaven,
        bruto_niet_beschikbaar: BRUTO_NIET_BESCHIKBAAR,
        huidige_maand: Maand::of(today_amsterdam()).to_string(),
        bewaard: q.bewaard.is_some(),
        invoer,
    })
}

#[derive(Template)]
#[template(path = "werkplek/uitkering.html")]
struct WerkplekPage {
    user: Option<Medewerker>,
    wijzigingen: Vec<Wijziging>,
    /// The facts that hold now, to prefill the processing form.
    nu: Option<super::wijzigingen::FeitenForm>,
    /// What this person may do with the changes (record, approve).
    wijziging_acties: super::wijzigingen::Acties,
    zaak_id: String,
    uitkering: Uitkering,
    vast_bedrag: String,
    maanden: Vec<Specificatie>,
    opgaven: Vec<Inkomstenopgave>,
    bruto_niet_beschikbaar: &'static str,
    /// Some month is provisional (demo mode only).
    voorlopig: bool,
    /// A refused form and what was typed in it.
    invoer: Invoer,
    /// The terugvorderingen of this benefit: (id, status, total).
    terugvorderingen: Vec<(String, &'static str, String)>,
}

pub async fn werkplek(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(zaak_id): Path<String>,
) -> Result<Html<String>, PageError> {
    werkplek_pagina(&state, &staff, zaak_id, Invoer::default()).await
}

/// The caseworker's benefit page; `invoer` brings back a refused form.
pub(super) async fn werkplek_pagina(
    state: &AppState,
    staff: &crate::auth::Staff,
    zaak_id: String,
    invoer: Invoer,
) -> Result<Html<String>, PageError> {
    let scope = staff.scope();
    zaken::get(
        &state.db,
        &scope,
        &zaak_id,
        "GET /werkplek/zaken/{zaak_id}/uitkering",
    )
    .await?
    .ok_or_else(PageError::not_found)?;
    let u = uitkeringen::inzien(
        &state.db,
        &scope,
        &zaak_id,
        "GET /werkplek/zaken/{zaak_id}/uitkering",
    )
    .await?
    .ok_or_else(PageError::not_found)?;
    let maanden = ledger(state, &scope, &u).await?;
    let opgaven = inkomsten::van_uitkering(&state.db, &scope, &u.id).await?;
    let wijzigingen = wijzigingen::van_uitkering(&state.db, &scope, &u.id).await?;
    let nu = match &u.huishouden {
        Some(b) => {
            let basis: gbi_rules::Huishouden =
                serde_json::from_value(b.clone()).map_err(|_| PageError::internal())?;
            let feiten = gbi_zaken::betaalrun::feiten_van(&state.db, &scope, &u.id, basis)
                .await
                .map_err(|_| PageError::internal())?;
            Some(super::wijzigingen::FeitenForm::uit(
                feiten.voor(Maand::of(today_amsterdam())),
            ))
        }
        None => None,
    };
    let wijziging_acties = super::wijzigingen::acties(state, staff, &u).await?;
    let terugvorderingen = super::invordering::van_uitkering(&state.db, &scope, &u.id).await?;
    render(&WerkplekPage {
        terugvorderingen,
        invoer,
        voorlopig: maanden.iter().any(|m| m.voorlopig),
        wijzigingen,
        nu,
        wijziging_acties,
        user: Some(staff.medewerker.clone()),
        zaak_id,
        vast_bedrag: u.bedrag_per_maand.to_string(),
        uitkering: u,
        maanden,
        opgaven,
        bruto_niet_beschikbaar: BRUTO_NIET_BESCHIKBAAR,
    })
}

#[derive(serde::Deserialize)]
pub struct MaandQuery {
    maand: Option<String>,
}

/// The specification of one month as PDF/A, for the resident.
pub async fn specificatie_pdf(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(zaak_id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<MaandQuery>,
) -> Result<Response, PageError> {
    // Another's zaak is not found, whatever the query says.
    let u = eigen_uitkering_of_geen(&state, &r, &zaak_id).await?;
    let fout = |m: &str| PageError {
        status: StatusCode::BAD_REQUEST,
        title: "Specificatie niet gevonden",
        message: m.into(),
    };
    let maand = q
        .maand
        .as_deref()
        .map(Maand::parse)
        .transpose()
        .map_err(|e| fout(&e.message))?;
    let maand = maand.ok_or_else(|| fout("Kies een maand."))?;
    let scope = r.scope();
    let zaak = zaken::get(&state.db, &scope, &zaak_id, "specificatie maken")
        .await?
        .ok_or_else(PageError::not_found)?;
    // No running benefit on this zaak: its one-off payments of the month.
    let Some(u) = u else {
        return super::eenmalig::specificatie_pdf(&state, &scope, &zaak, &r.sessie.naam, maand)
            .await;
    };
    let spec = ledger(&state, &scope, &u)
        .await?
        .into_iter()
        .find(|s| s.maand_code == maand.to_string())
        .ok_or_else(PageError::not_found)?;
    // A month without its figures has no specification: never amounts of
    // another period, and never empty ones.
    if let Some(reden) = &spec.fout_inwoner {
        return Err(PageError {
            status: StatusCode::CONFLICT,
            title: "Specificatie nog niet beschikbaar",
            message: format!("Wij kunnen {} nog niet uitrekenen. {reden}", spec.maand),
        });
    }
    // Demo mode only: every amount of a provisional month says so.
    let label = |l: &str| {
        if spec.voorlopig {
            format!("{l} ({})", super::VOORLOPIG)
        } else {
            l.to_owned()
        }
    };
    let huisstijl = super::huisstijl(&state, &scope).await?;
    let eenmalig =
        super::eenmalig::specificatie_regels(&state.db, &scope, &zaak.bsn, maand).await?;
    // What the month's payment kept back for a claim (art. 60-3/60-4),
    // each with the beslagvrije voet it respected (Rv 475dc).
    let verrekeningen =
        gbi_store::invordering::verrekeningen_van_maand(&state.db, &scope, &u.id, maand)
            .await?
            .into_iter()
            .map(|m| gbi_letters::VerrekenRegel {
                omschrijving: "Terugbetaling van te veel ontvangen bijstand".into(),
                bedrag_cents: m.bedrag.cents(),
                beslagvrije_voet_cents: m.beslagvrije_voet.map_or(0, Money::cents),
            })
            .collect();
    let s = gbi_letters::Specificatie {
        kenmerk: zaak.identificatie.clone(),
        datum: today_amsterdam(),
        ontvanger_naam: r.sessie.naam.clone(),
        ontvanger_adres: Vec::new(),
        maand: spec.maand.clone(),
        bedragen: vec![
            (label("Uw norm"), spec.norm.clone()),
            (label("Uw inkomsten"), spec.inkomsten.clone()),
            (label("Mag u houden (vrijlating)"), spec.vrijgelaten.clone()),
            (label("Telt mee"), spec.in_aanmerking.clone()),
            (label("Bijstand"), spec.recht.clone()),
            (label("Vakantiegeld gespaard"), spec.vakantietoeslag.clone()),
            (label("Wij moeten betalen"), spec.verschuldigd.clone()),
            (
                label(&if spec.ingehouden.is_some() {
                    format!("{} op uw rekening", spec.betaling)
                } else {
                    spec.betaling.to_owned()
                }),
                spec.betaling_bedrag.clone(),
            ),
            (
                label(BRUTO_LABEL),
                spec.bruto
                    .clone()
                    .unwrap_or_else(|| "nog niet beschikbaar".into()),
            ),
        ],
        bruto_toelichting: spec
            .bruto
            .is_none()
            .then(|| BRUTO_NIET_BESCHIKBAAR.to_owned()),
        herziening: spec.herziening.clone(),
        uitleg: spec
            .voorlopig
            .then(|| gbi_letters::Regel {
                tekst: format!(
                    "Let op: deze bedragen zijn {}. {}",
                    super::VOORLOPIG,
                    super::VOORLOPIG_UITLEG
                ),
                verwijzing: String::new(),
            })
            .into_iter()
            .chain(
                spec.uitleg
                    .iter()
                    .map(|(b1, _, verwijzing)| gbi_letters::Regel {
                        tekst: b1.clone(),
                        verwijzing: verwijzing.clone(),
                    }),
            )
            .collect(),
        verschil: (!spec.verschil.is_empty()).then(|| match &spec.in_run {
            Some(b) => format!("Wij hebben deze maand nog niet betaald. Wij gaan {b} betalen."),
            None => format!("Wij hebben u {}.", spec.verschil),
        }),
        eenmalig,
        verrekeningen,
    };
    super::pdf_download(
        gbi_letters::specificatie_pdf(&huisstijl, &s),
        &format!("specificatie-{maand}.pdf"),
        "specificatie",
    )
}

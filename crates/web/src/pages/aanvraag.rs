//! A regeling's application form for the resident (portal) and for staff
//! filling it in with the resident (werkplek: klik, bel, kom). One set of
//! handlers serves every regeling and both; `Invuller` says who is at the
//! keyboard, the draft's zaaktype which form it is.

use super::formulier::{self, Overzicht, Veld};
use super::looplijst::aanvraag as huisbezoek;
use super::render;
use crate::AppState;
use crate::auth::{PortalResident, Resident, Staff};
use crate::error::PageError;
use askama::Template;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::today_amsterdam;
use gbi_store::Scope;
use gbi_store::documenten::{self, Document, NewDocument};
use gbi_store::machtigingen::{self, Machtiging};
use gbi_store::medewerkers::Medewerker;
use gbi_store::portaal::{self, Concept};
use gbi_zaken::aanvraag::{self, Fout, Stap};
use gbi_zaken::catalogus::Kanaal;
use gbi_zaken::indienen::{Gemachtigde, IndienFout, Indiener, indienen_met};
use gbi_zaken::prefill::Huishouden;

/// Who fills in the form.
pub enum Invuller {
    Inwoner(Resident),
    Medewerker(Staff),
}

impl Invuller {
    fn scope(&self) -> Scope {
        match self {
            Invuller::Inwoner(r) => r.scope(),
            Invuller::Medewerker(s) => s.scope(),
        }
    }

    fn basis(&self, concept_id: &str) -> String {
        match self {
            Invuller::Inwoner(_) => format!("/portaal/aanvraag/{concept_id}"),
            Invuller::Medewerker(_) => format!("/werkplek/aanvragen/{concept_id}"),
        }
    }
}

/// Who may open a draft. Drafts of residents (portal, kanaal digitaal) and
/// drafts of staff (telefoon, balie, papier: klik-bel-kom) are kept apart:
/// - a resident opens their own portal drafts, and those they fill in as
///   gemachtigde while a machtiging confirmed by staff holds;
/// - staff open only drafts the gemeente's staff started in the werkplek,
///   never the resident's own (staff cannot change its bank account); they
///   start a draft of their own with the resident instead.
async fn toegang(state: &AppState, wie: &Invuller, c: &Concept) -> Result<(), PageError> {
    let digitaal = Kanaal::parse(&c.kanaal) == Some(Kanaal::Digitaal);
    match wie {
        Invuller::Inwoner(_) if !digitaal => Err(PageError::not_found()),
        Invuller::Inwoner(r) if c.bsn == r.sessie.bsn => Ok(()),
        Invuller::Inwoner(r) if c.gemachtigde_bsn.as_ref() == Some(&r.sessie.bsn) => {
            match machtigingen::geldig(&state.db, &r.scope(), &r.sessie.bsn, &c.bsn).await? {
                Some(_) => Ok(()),
                None => Err(PageError::not_found()),
            }
        }
        Invuller::Inwoner(_) => Err(PageError::not_found()),
        // A buurtteam opens only the drafts it started at a visit.
        Invuller::Medewerker(s) if huisbezoek::alleen_buurtteam(s) => {
            if huisbezoek::eigen_huisbezoek(s, c) {
                Ok(())
            } else {
                Err(PageError::not_found())
            }
        }
        Invuller::Medewerker(_) if digitaal => Err(PageError {
            status: StatusCode::FORBIDDEN,
            title: "Dit is de aanvraag van de inwoner zelf",
            message: "De inwoner is deze aanvraag zelf online begonnen. Alleen de inwoner kan die invullen en wijzigen, ook het rekeningnummer. \
                      Wilt u de inwoner helpen? Begin dan samen een nieuwe aanvraag bij Aanvraag met inwoner."
                .into(),
        }),
        Invuller::Medewerker(_) => Ok(()),
    }
}

#[derive(Template)]
#[template(path = "portaal/stap.html")]
struct PortaalStap<'a> {
    regeling: formulier::Regelingtekst,
    resident: Option<&'a Resident>,
    brp: Option<Huishouden>,
    brp_fout: bool,
    stap: &'static Stap,
    stapnummer: usize,
    stappen: usize,
    velden: Vec<Veld>,
    fouten: Vec<Fout>,
    actie: String,
    basis: String,
    vorige: Option<&'static Stap>,
    laatste: bool,
    overzicht: Vec<Overzicht>,
    documenten: Vec<Document>,
    uploadfout: Option<String>,
}

#[derive(Template)]
#[template(path = "werkplek/stap.html")]
struct WerkplekStap<'a> {
    regeling: formulier::Regelingtekst,
    brp: Option<Huishouden>,
    brp_fout: bool,
    user: Option<&'a Medewerker>,
    kanaal: String,
    stap: &'static Stap,
    stapnummer: usize,
    stappen: usize,
    velden: Vec<Veld>,
    fouten: Vec<Fout>,
    actie: String,
    basis: String,
    vorige: Option<&'static Stap>,
    laatste: bool,
    overzicht: Vec<Overzicht>,
    documenten: Vec<Document>,
    uploadfout: Option<String>,
}

async fn load(state: &AppState, wie: &Invuller, concept_id: &str) -> Result<Concept, PageError> {
    let c = portaal::get_concept(&state.db, &wie.scope(), concept_id, "aanvraag openen")
        .await?
        .ok_or_else(PageError::not_found)?;
    toegang(state, wie, &c).await?;
    Ok(c)
}

async fn page(
    state: &AppState,
    wie: &Invuller,
    c: &Concept,
    stap: &'static Stap,
    fouten: Vec<Fout>,
    uploadfout: Option<String>,
) -> Result<Response, PageError> {
    let a = c.antwoorden.as_object().cloned().unwrap_or_default();
    let vragen = formulier::van_zaaktype(&c.zaaktype);
    let eerste = vragen.vorige(stap.code).is_none();
    let brp: Option<Huishouden> = a
        .get("_brp")
        .filter(|_| eerste)
        .and_then(|v| serde_json::from_value(v.clone()).ok());
    let brp_fout = eerste && a.get("_brp_fout").is_some();
    let basis = wie.basis(&c.id);
    let laatste = vragen.volgende(stap.code).is_none();
    let documenten = if laatste {
        documenten::list(&state.db, &wie.scope(), Some(&c.id), None).await?
    } else {
        Vec::new()
    };
    let (stapnummer, stappen) = vragen.voortgang(stap);
    let status = if fouten.is_empty() && uploadfout.is_none() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let keuzes = formulier::keuzes(state, wie.scope().gemeente, today_amsterdam());
    let velden = formulier::velden(stap, &a, &fouten, &keuzes);
    let overzicht = if laatste {
        formulier::overzicht(vragen, &a, &keuzes)
    } else {
        Vec::new()
    };
    let actie = format!("{basis}/{}", stap.code);
    let vorige = vragen.vorige(stap.code);
    let html = match wie {
        Invuller::Inwoner(r) => render(&PortaalStap {
            regeling: formulier::Regelingtekst::van(&c.zaaktype),
            resident: Some(r),
            brp,
            brp_fout,
            stap,
            stapnummer,
            stappen,
            velden,
            fouten,
            actie,
            basis,
            vorige,
            laatste,
            overzicht,
            documenten,
            uploadfout,
        })?,
        Invuller::Medewerker(s) => render(&WerkplekStap {
            regeling: formulier::Regelingtekst::van(&c.zaaktype),
            brp,
            brp_fout,
            user: Some(&s.medewerker),
            kanaal: c.kanaal.clone(),
            stap,
            stapnummer,
            stappen,
            velden,
            fouten,
            actie,
            basis,
            vorige,
            laatste,
            overzicht,
            documenten,
            uploadfout,
        })?,
    };
    Ok((status, html).into_response())
}

/// Show a step of a draft.
pub async fn show(
    state: &AppState,
    wie: Invuller,
    concept_id: &str,
    stap_code: &str,
) -> Result<Response, PageError> {
    let c = load(state, &wie, concept_id).await?;
    if let Some(zaak_id) = &c.zaak_id {
        return Ok(Redirect::to(&zaak_url(&wie, &c, zaak_id, false)).into_response());
    }
    let stap = formulier::van_zaaktype(&c.zaaktype)
        .stap(stap_code)
        .ok_or_else(PageError::not_found)?;
    page(state, &wie, &c, stap, Vec::new(), None).await
}

/// Where the filler goes once the draft is a zaak: the zaak; for a
/// buurtteam back to the address on its list (it does not handle zaken).
/// `nieuw`: just submitted (the page says so).
fn zaak_url(wie: &Invuller, c: &Concept, zaak_id: &str, nieuw: bool) -> String {
    let nieuw = if nieuw { "?nieuw=1" } else { "" };
    match wie {
        Invuller::Inwoner(_) => format!("/portaal/zaken/{zaak_id}{nieuw}"),
        Invuller::Medewerker(s) if huisbezoek::alleen_buurtteam(s) => {
            huisbezoek::terug(c, "aanvraag=verstuurd").unwrap_or_else(|| "/werkplek".into())
        }
        Invuller::Medewerker(_) => format!("/werkplek/zaken/{zaak_id}{nieuw}"),
    }
}

/// Save a step; go on, back, or stop for later; on the last step, submit.
pub async fn save(
    state: &AppState,
    wie: Invuller,
    concept_id: &str,
    stap_code: &str,
    form: Vec<(String, String)>,
) -> Result<Response, PageError> {
    let c = load(state, &wie, concept_id).await?;
    if let Some(zaak_id) = &c.zaak_id {
        // Submitted already (a double click, or a replayed request).
        return Ok(Redirect::to(&zaak_url(&wie, &c, zaak_id, false)).into_response());
    }
    let vragen = formulier::van_zaaktype(&c.zaaktype);
    let stap = vragen.stap(stap_code).ok_or_else(PageError::not_found)?;
    let mut a = c.antwoorden.as_object().cloned().unwrap_or_default();
    formulier::neem_over(stap, &mut a, &form);
    let keuzes = formulier::keuzes(state, wie.scope().gemeente, today_amsterdam());
    // Where "Verder met mijn aanvraag" resumes: the step the resident goes to.
    let knop = form
        .iter()
        .find(|(k, _)| k == "knop")
        .map(|(_, v)| v.as_str())
        .unwrap_or("verder");
    let verder_op = match knop {
        "vorige" => vragen.vorige(stap.code).unwrap_or(stap),
        "later" => stap,
        _ if aanvraag::valideer(stap, &a, today_amsterdam(), &keuzes).is_empty() => {
            vragen.volgende(stap.code).unwrap_or(stap)
        }
        _ => stap,
    };
    a.insert(
        HERVAT_STAP.into(),
        serde_json::Value::String(verder_op.code.to_owned()),
    );
    let c = match portaal::save_concept(
        &state.db,
        &wie.scope(),
        &c.id,
        &serde_json::Value::Object(a.clone()),
        "aanvraag opslaan",
    )
    .await
    {
        Ok(c) => c,
        // A concurrent request (double click, replay) submitted it meanwhile.
        Err(gbi_store::StoreError::Conflict(_)) => {
            let c = load(state, &wie, concept_id).await?;
            return match &c.zaak_id {
                Some(zaak_id) => {
                    Ok(Redirect::to(&zaak_url(&wie, &c, zaak_id, false)).into_response())
                }
                None => Err(PageError::internal()),
            };
        }
        Err(e) => return Err(e.into()),
    };
    let basis = wie.basis(&c.id);
    let today = today_amsterdam();
    match knop {
        "vorige" => {
            let terug = vragen.vorige(stap.code).unwrap_or(stap);
            Ok(Redirect::to(&format!("{basis}/{}", terug.code)).into_response())
        }
        "later" => Ok(Redirect::to(&match &wie {
            Invuller::Inwoner(_) => "/portaal?bewaard=1".to_owned(),
            Invuller::Medewerker(s) if huisbezoek::alleen_buurtteam(s) => {
                huisbezoek::terug(&c, "aanvraag=bewaard").unwrap_or_else(|| "/werkplek".into())
            }
            Invuller::Medewerker(_) => "/werkplek/aanvragen?bewaard=1".to_owned(),
        })
        .into_response()),
        _ => {
            let fouten = aanvraag::valideer(stap, &a, today, &keuzes);
            if !fouten.is_empty() {
                return page(state, &wie, &c, stap, fouten, None).await;
            }
            match vragen.volgende(stap.code) {
                Some(next) => Ok(Redirect::to(&format!("{basis}/{}", next.code)).into_response()),
                None => submit(state, &wie, &c).await,
            }
        }
    }
}

async fn submit(state: &AppState, wie: &Invuller, c: &Concept) -> Result<Response, PageError> {
    let scope = wie.scope();
    let inwoner =
        gbi_store::inwoners::search(&state.db, &scope, c.bsn.as_str(), 1, 0, "aanvraag indienen")
            .await?;
    let naam_aanvrager = inwoner
        .first()
        .map(|i| i.naam.clone())
        .unwrap_or_else(|| match wie {
            Invuller::Inwoner(r) if r.sessie.bsn == c.bsn && !r.sessie.naam.is_empty() => {
                r.sessie.naam.clone()
            }
            _ => "Aanvrager".to_owned(),
        });
    let gemachtigde = match wie {
        // Logged in for the resident (DigiD Machtigen, eHerkenning).
        Invuller::Inwoner(r) if r.sessie.vertegenwoordiger.is_some() => r
            .sessie
            .vertegenwoordiger
            .as_ref()
            .map(Gemachtigde::uit_login),
        // A helper whose machtiging staff confirmed.
        Invuller::Inwoner(r) if c.gemachtigde_bsn.as_ref() == Some(&r.sessie.bsn) => {
            Some(Gemachtigde {
                bsn: Some(r.sessie.bsn.clone()),
                naam: r.sessie.naam.clone(),
                toelichting: c
                    .antwoorden
                    .get("_relatie")
                    .and_then(|v| v.as_str())
                    .unwrap_or("gemachtigde")
                    .to_owned(),
            })
        }
        _ => None,
    };
    let medewerker = match wie {
        Invuller::Medewerker(s) => Some((s.medewerker.id.clone(), s.medewerker.naam.clone())),
        Invuller::Inwoner(_) => None,
    };
    let geboortedatum = c
        .antwoorden
        .get("_geboortedatum")
        .and_then(|v| v.as_str())
        .and_then(|d| gbi_domain::date::parse_date(d).ok());
    let wie_dient_in = Indiener {
        naam_aanvrager,
        geboortedatum,
        gemachtigde,
        medewerker,
    };
    let vandaag = today_amsterdam();
    let keuzes = formulier::keuzes(state, scope.gemeente, vandaag);
    match indienen_met(&state.db, &scope, c, wie_dient_in, vandaag, &keuzes).await {
        Ok((zaak, _)) => {
            if let Invuller::Medewerker(s) = wie {
                huisbezoek::na_indienen(state, s, c).await;
            }
            Ok(Redirect::to(&zaak_url(wie, c, &zaak.id, true)).into_response())
        }
        Err(IndienFout::Onvolledig(fouten)) => {
            let vragen = formulier::van_zaaktype(&c.zaaktype);
            let eerste = fouten
                .first()
                .and_then(|f| vragen.stap(f.stap))
                .or(vragen.eerste())
                .ok_or_else(PageError::internal)?;
            page(state, wie, c, eerste, fouten, None).await
        }
        Err(IndienFout::Store(e)) => Err(e.into()),
    }
}

/// Add a document to a draft.
pub async fn upload(
    state: &AppState,
    wie: Invuller,
    concept_id: &str,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let c = load(state, &wie, concept_id).await?;
    let laatste = formulier::van_zaaktype(&c.zaaktype)
        .laatste()
        .ok_or_else(PageError::not_found)?;
    if c.zaak_id.is_some() {
        return Err(PageError::not_found());
    }
    let mut soort = String::from("overig");
    let mut bestand: Option<(String, Vec<u8>)> = None;
    let mut te_groot = false;
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("soort") => soort = field.text().await.unwrap_or_default(),
            Some("bestand") => match super::bestand::lees(field, "document").await {
                super::bestand::Gelezen::TeGroot => te_groot = true,
                super::bestand::Gelezen::Bestand { naam, inhoud } => bestand = Some((naam, inhoud)),
                super::bestand::Gelezen::Leeg => {}
            },
            _ => {}
        }
    }
    let fout = if te_groot {
        Some(super::bestand::TE_GROOT.to_owned())
    } else if gbi_zaken::catalogus::zaaktype(&c.zaaktype)
        .and_then(|z| z.informatieobjecttype(&soort))
        .is_none()
        || soort == "beschikking"
    {
        Some("Kies wat voor document het is.".to_owned())
    } else {
        match &bestand {
            None => Some("Kies een bestand om toe te voegen.".to_owned()),
            Some((_, b)) if super::bestand::sniff(b).is_none() => Some(
                "Dit soort bestand kunnen wij niet openen. Stuur een PDF, JPG of PNG.".to_owned(),
            ),
            Some(_) => None,
        }
    };
    if let Some(f) = fout {
        return page(state, &wie, &c, laatste, Vec::new(), Some(f)).await;
    }
    if let Some((name, bytes)) = bestand {
        let mime = super::bestand::sniff(&bytes).unwrap_or("application/octet-stream");
        let doc = NewDocument {
            bsn: &c.bsn,
            concept_id: Some(&c.id),
            zaak_id: None,
            informatieobjecttype: &soort,
            bestandsnaam: &name,
            mime,
            inhoud: &bytes,
        };
        documenten::add(&state.db, &wie.scope(), doc, "document toevoegen").await?;
    }
    Ok(Redirect::to(&format!("{}/{}", wie.basis(&c.id), laatste.code)).into_response())
}

/// The answer key that remembers the step a draft resumes at.
const HERVAT_STAP: &str = "_stap";

/// The step a draft resumes at: where the resident was going when they last
/// saved, or the first step of a new draft.
pub(crate) fn hervat_stap(c: &Concept) -> &'static str {
    let vragen = formulier::van_zaaktype(&c.zaaktype);
    c.antwoorden
        .get(HERVAT_STAP)
        .and_then(|v| v.as_str())
        .and_then(|code| vragen.stap(code))
        .or(vragen.eerste())
        .map_or("", |s| s.code)
}

/// Start a new application of `zaaktype` or resume the resident's open
/// draft of it.
pub async fn start(state: &AppState, r: Resident, zaaktype: &str) -> Result<Response, PageError> {
    let scope = r.scope();
    let c = match portaal::open_concept(&state.db, &scope, &r.sessie.bsn, zaaktype).await? {
        Some(c) => c,
        None => {
            portaal::create_concept(
                &state.db,
                &scope,
                &r.sessie.bsn,
                zaaktype,
                "digitaal",
                None,
                &serde_json::Value::Object(
                    super::brp_start::startantwoorden(state, &r.sessie.bsn, &r.ctx.trace).await,
                ),
            )
            .await?
        }
    };
    Ok(Redirect::to(&format!("/portaal/aanvraag/{}/{}", c.id, hervat_stap(&c))).into_response())
}

/// A gemachtigde starts (or resumes) the application for the person of a
/// machtiging. The caller has checked that staff confirmed it.
pub async fn start_als_gemachtigde(
    state: &AppState,
    r: Resident,
    m: &Machtiging,
) -> Result<Response, PageError> {
    let scope = r.scope();
    let voor = &m.vertegenwoordigde_bsn;
    let bestaand =
        portaal::open_concept_als_gemachtigde(&state.db, &scope, voor, &r.sessie.bsn, "ALO")
            .await?;
    let c = match bestaand {
        Some(c) => c,
        None => {
            let mut a = super::brp_start::startantwoorden(state, voor, &r.ctx.trace).await;
            a.insert(
                "_relatie".into(),
                serde_json::Value::String(m.relatie.clone()),
            );
            portaal::create_concept(
                &state.db,
                &scope,
                voor,
                "ALO",
                "digitaal",
                Some(&r.sessie.bsn),
                &serde_json::Value::Object(a),
            )
            .await?
        }
    };
    Ok(Redirect::to(&format!("/portaal/aanvraag/{}/{}", c.id, hervat_stap(&c))).into_response())
}

/// Axum handlers for the portal.
pub mod portal {
    use super::*;
    use axum::Form;
    use axum::extract::{Path, State};

    pub async fn start(
        State(state): State<AppState>,
        PortalResident(r): PortalResident,
    ) -> Result<Response, PageError> {
        super::start(&state, r, gbi_zaken::catalogus::ALO.identificatie).await
    }

    /// Apply for another regeling: `bijzondere-bijstand` or
    /// `inkomenstoeslag`.
    pub async fn start_regeling(
        State(state): State<AppState>,
        PortalResident(r): PortalResident,
        Path(regeling): Path<String>,
    ) -> Result<Response, PageError> {
        let zaaktype = match regeling.as_str() {
            "bijzondere-bijstand" => gbi_zaken::catalogus::BIJZONDERE_BIJSTAND.identificatie,
            "inkomenstoeslag" => gbi_zaken::catalogus::IIT.identificatie,
            _ => return Err(PageError::not_found()),
        };
        super::start(&state, r, zaaktype).await
    }

    pub async fn show(
        State(state): State<AppState>,
        PortalResident(r): PortalResident,
        Path((id, stap)): Path<(String, String)>,
    ) -> Result<Response, PageError> {
        super::show(&state, Invuller::Inwoner(r), &id, &stap).await
    }

    pub async fn save(
        State(state): State<AppState>,
        PortalResident(r): PortalResident,
        Path((id, stap)): Path<(String, String)>,
        Form(form): Form<Vec<(String, String)>>,
    ) -> Result<Response, PageError> {
        super::save(&state, Invuller::Inwoner(r), &id, &stap, form).await
    }

    pub async fn upload(
        State(state): State<AppState>,
        PortalResident(r): PortalResident,
        Path(id): Path<String>,
        mp: Multipart,
    ) -> Result<Response, PageError> {
        super::upload(&state, Invuller::Inwoner(r), &id, mp).await
    }
}

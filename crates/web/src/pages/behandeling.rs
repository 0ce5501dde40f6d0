//! Werkplek actions on a zaak: claiming, releasing and assigning, notes, hersteltermijn, extension, proposing a decision and the
//! four-eyes check. Each form posts, then redirects back to the zaak.

use super::invoer::Invoer;
use crate::AppState;
use crate::auth::{PageStaff, Staff};
use crate::error::PageError;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Besluittype, Money, Rol, today_amsterdam};
use gbi_store::behandeling::{self, Notitie};
use gbi_store::besluiten::{self, Besluit};
use gbi_store::medewerkers::{self, Medewerker};
use gbi_store::zaken::Zaak;
use gbi_zaken::behandeling::{Verzoek, Voorstel};
use gbi_zaken::commando::{self, Actie, Commando, Fout, Staat};
use gbi_zaken::grond::Afwijzingsgrond;
use gbi_zaken::voorstel::Ongeldig;
use serde::Deserialize;

/// A refused command as a page: 403 for a role, 409 for a state, 400 for
/// input, with the reason in Dutch.
pub(crate) fn refused(e: Fout) -> PageError {
    let hoofdletter = |m: &str| {
        let mut c = m.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    };
    match e {
        Fout::Geweigerd => PageError::forbidden(),
        Fout::KanNu(m) => PageError {
            status: StatusCode::CONFLICT,
            title: "Dat kan niet",
            message: hoofdletter(&m),
        },
        Fout::Ongeldig(o) => PageError {
            status: StatusCode::BAD_REQUEST,
            title: "Niet opgeslagen",
            message: o.melding,
        },
        Fout::Store(e) => e.into(),
    }
}

/// What the person looking at a zaak may do now, as the process layer
/// says ([`commando::acties`]), and what the page shows of it.
pub struct Acties {
    /// The proposal form offers "per maand" (a periodic kostensoort).
    pub periodiek: bool,
    pub kan_oppakken: bool,
    pub kan_vrijgeven: bool,
    pub medewerkers: Vec<Medewerker>,
    pub kan_vragen: bool,
    pub kan_voorstellen: bool,
    /// The proposal waiting for a second person, in words.
    pub voorstel: Option<Vec<(&'static str, String)>>,
    pub eigen_voorstel: bool,
    pub mag_beoordelen: bool,
    pub besluiten: Vec<Besluit>,
    pub notities: Vec<Notitie>,
    pub behandelaar: String,
    pub hersteltermijn: Option<String>,
    /// The newest hersteltermijn: its state in words and its items (what,
    /// in, what came in).
    pub herstel: Option<(&'static str, Vec<HerstelRegel>)>,
    /// The kinds of decision of the zaak's regeling (code, label).
    pub besluittypen: Vec<(&'static str, &'static str)>,
    /// The grounds an afwijzing can rest on (code, label with article).
    pub afwijzingsgronden: Vec<(&'static str, &'static str)>,
    /// The documents a hersteltermijn can ask for (code, name).
    pub documenten: Vec<(&'static str, &'static str)>,
    /// The regeling grants once (bijzondere bijstand, IIT), not monthly.
    pub eenmalig: bool,
    /// A one-off toekenning may be a loan (bijzondere bijstand).
    pub lening_mag: bool,
}

/// The person as the process layer knows them.
pub fn wie(staff: &Staff) -> commando::Medewerker<'_> {
    commando::Medewerker {
        id: &staff.medewerker.id,
        rollen: &staff.medewerker.rollen,
    }
}

fn besluittype_label(b: Besluittype) -> &'static str {
    match b {
        Besluittype::Toekenning => "Toekennen",
        Besluittype::Afwijzing => "Afwijzen",
        Besluittype::BuitenBehandeling => "Buiten behandeling stellen",
        Besluittype::Voorschot => "Voorschot (art. 52)",
    }
}

/// An item of a hersteltermijn for the caseworker: what, in, what came in.
pub type HerstelRegel = (String, bool, String);

fn herstel_stand(status: &str) -> &'static str {
    match status {
        "open" => "loopt nog",
        "geleverd" => "alles is binnen",
        "verlopen" => "verlopen zonder alles",
        _ => "afgesloten",
    }
}

fn herstel_regel(o: &gbi_zaken::herstel::Onderdeel) -> HerstelRegel {
    use gbi_zaken::herstel::Onderdeel;
    let wat = match o {
        Onderdeel::Document { ontvangen, .. } => ontvangen
            .iter()
            .map(|d| d.bestandsnaam.clone())
            .collect::<Vec<_>>()
            .join(", "),
        Onderdeel::Vraag { antwoord, .. } => antwoord.clone().unwrap_or_default(),
    };
    (o.naam().to_owned(), o.binnen(), wat)
}

pub async fn acties(state: &AppState, staff: &Staff, zaak: &Zaak) -> Result<Acties, PageError> {
    let scope = staff.scope();
    let staat = Staat::laden(&state.db, &scope, zaak.clone()).await?;
    let wie = wie(staff);
    let mag = commando::acties(&wie, &staat);
    let kan = |a: Actie| mag.contains(&a);
    let besluiten = besluiten::voor_zaak(&state.db, &scope, &zaak.id).await?;
    let alle = medewerkers::list(&state.db, &scope).await?;
    let behandelaar = zaak
        .behandelaar_id
        .as_deref()
        .and_then(|b| alle.iter().find(|m| m.id == b))
        .map(|m| m.naam.clone())
        .unwrap_or_else(|| "niemand".into());
    let regeling = commando::regeling_van(zaak)?;
    let eenmalig = regeling.uitkering().is_none();
    Ok(Acties {
        periodiek: eenmalig && super::periodiek::mag(state, zaak, regeling),
        eenmalig,
        lening_mag: eenmalig && regeling.lening_mag(),
        kan_oppakken: kan(Actie::Oppakken),
        kan_vrijgeven: kan(Actie::Vrijgeven),
        medewerkers: if kan(Actie::Toewijzen) {
            alle.into_iter()
                .filter(|m| m.has(Rol::Intake) || m.has(Rol::Inkomensconsulent))
                .collect()
        } else {
            Vec::new()
        },
        kan_vragen: kan(Actie::HerstelVragen),
        kan_voorstellen: kan(Actie::Voorstellen),
        eigen_voorstel: staat
            .voorstel
            .as_ref()
            .is_some_and(|(b, _)| b.voorgesteld_door == staff.medewerker.id),
        mag_beoordelen: kan(Actie::Beoordelen),
        voorstel: staat.voorstel.as_ref().map(|(_, v)| {
            let mut regels = v.samenvatting();
            regels.push(("Grondslag", regeling.grondslag(v.besluittype()).to_owned()));
            regels
        }),
        besluiten,
        notities: behandeling::notities(&state.db, &scope, &zaak.id).await?,
        behandelaar,
        hersteltermijn: staat.hersteltermijn,
        herstel: gbi_zaken::herstel::laatste(&state.db, &scope, &zaak.id)
            .await?
            .map(|s| {
                (
                    herstel_stand(&s.hersteltermijn.status),
                    s.onderdelen.iter().map(herstel_regel).collect(),
                )
            }),
        documenten: regeling
            .zaaktype()
            .informatieobjecttypen
            .iter()
            .filter(|d| d.code != "beschikking")
            .map(|d| (d.code, d.omschrijving))
            .collect(),
        besluittypen: regeling
            .besluittypen()
            .iter()
            .map(|b| (b.code(), besluittype_label(*b)))
            .collect(),
        afwijzingsgronden: regeling
            .afwijzingsgronden()
            .iter()
            .map(|g| (g.code(), g.label()))
            .collect(),
    })
}

fn terug(id: &str) -> Response {
    Redirect::to(&format!("/werkplek/zaken/{id}")).into_response()
}

async fn uitvoeren(state: &AppState, staff: &Staff, id: &str, c: Commando) -> Result<(), Fout> {
    commando::uitvoeren_met_beleid(
        &state.db,
        &staff.scope(),
        &wie(staff),
        id,
        c,
        today_amsterdam(),
        state.regels.as_deref(),
    )
    .await
}

/// Carry out a command as the logged-in staff member; back to the zaak.
async fn doe(
    state: &AppState,
    staff: &Staff,
    id: &str,
    commando: Commando,
) -> Result<Response, PageError> {
    uitvoeren(state, staff, id, commando)
        .await
        .map_err(refused)?;
    Ok(terug(id))
}

/// Form fields whose id on the zaak page differs from the name the
/// command gives them.
const VELD_IDS: &[(&str, &str)] = &[("besluittype", "soort"), ("tekst", "notitie")];

/// Carry out what a form of the zaak page asked. Wrong input brings the
/// zaak page back with the message at the field and everything typed kept;
/// a role or state that does not allow it stays an error page.
async fn formulier(
    state: &AppState,
    staff: &Staff,
    id: &str,
    naam: &'static str,
    waarden: Vec<(String, String)>,
    commando: Result<Commando, Ongeldig>,
) -> Result<Response, PageError> {
    let fout = match commando {
        Err(o) => o,
        Ok(c) => match uitvoeren(state, staff, id, c).await {
            Ok(()) => return Ok(terug(id)),
            Err(Fout::Ongeldig(o)) => o,
            Err(e) => return Err(refused(e)),
        },
    };
    let invoer = Invoer::geweigerd(naam, fout.veld, fout.melding, waarden, VELD_IDS);
    let html = super::werkplek_zaken::zaak_pagina(state, staff, id, invoer).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

fn ongeldig(veld: &'static str, melding: impl Into<String>) -> Ongeldig {
    Ongeldig {
        veld,
        melding: melding.into(),
    }
}

/// The non-empty, trimmed values posted under one name.
fn velden(form: &[(String, String)], naam: &str) -> Vec<String> {
    form.iter()
        .filter(|(k, v)| k == naam && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_owned())
        .collect()
}

fn veld(form: &[(String, String)], naam: &str) -> Option<String> {
    velden(form, naam).into_iter().next()
}

pub async fn oppakken(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    doe(&state, &staff, &id, Commando::Oppakken).await
}

pub async fn vrijgeven(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    doe(&state, &staff, &id, Commando::Vrijgeven).await
}

#[derive(Deserialize)]
pub struct Toewijzen {
    #[serde(default)]
    medewerker: String,
}

pub async fn toewijzen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(f): Form<Toewijzen>,
) -> Result<Response, PageError> {
    let medewerker_id = f.medewerker.trim().to_owned();
    doe(&state, &staff, &id, Commando::Toewijzen { medewerker_id }).await
}

pub async fn notitie(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tekst = veld(&form, "tekst").unwrap_or_default();
    let c = Ok(Commando::Notitie { tekst });
    formulier(&state, &staff, &id, "notitie", form, c).await
}

/// The form posts repeated `document` fields, a question and a date.
pub async fn hersteltermijn(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let c = gbi_domain::date::parse_datum_nl(&veld(&form, "deadline").unwrap_or_default())
        .map_err(|e| ongeldig("deadline", format!("Uiterste datum: {}", e.message)))
        .map(|deadline| Commando::HerstelVragen {
            verzoek: Verzoek {
                documenten: velden(&form, "document"),
                vragen: velden(&form, "vraag"),
            },
            deadline,
        });
    formulier(&state, &staff, &id, "herstel", form, c).await
}

/// The form posts one `soort`, the fields of that kind of decision, and for
/// an afwijzing repeated `grond` fields.
pub async fn voorstellen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let c = match voorstel_uit(&state, &staff, &id, &form).await? {
        Ok(v) => Ok(Commando::Voorstellen(v)),
        Err(o) => Err(o),
    };
    formulier(&state, &staff, &id, "voorstel", form, c).await
}

/// Read the proposal form; wrong input names its field.
async fn voorstel_uit(
    state: &AppState,
    staff: &Staff,
    id: &str,
    form: &[(String, String)],
) -> Result<Result<Voorstel, Ongeldig>, PageError> {
    let bedrag = || {
        Money::parse_euros(&veld(form, "bedrag").unwrap_or_default())
            .map_err(|e| ongeldig("bedrag", format!("Bedrag: {}", e.message)))
    };
    let toelichting = veld(form, "toelichting").unwrap_or_default();
    Ok(
        match Besluittype::parse(&veld(form, "soort").unwrap_or_default()) {
            Ok(Besluittype::Toekenning) => {
                // The obligations come from the regeling, not from the form.
                let zaak =
                    gbi_store::zaken::get(&state.db, &staff.scope(), id, "besluit voorstellen")
                        .await?
                        .ok_or_else(PageError::not_found)?;
                let regeling = commando::regeling_van(&zaak)?;
                if regeling.uitkering().is_none() {
                    if veld(form, "frequentie").as_deref() == Some("per_maand") {
                        return super::periodiek::voorstel_uit(state, staff, &zaak, form).await;
                    }
                    return eenmalig_uit(state, staff, &zaak, form).await;
                }
                let verplichtingen = regeling.verplichtingen();
                let ingang = gbi_domain::date::parse_datum_nl(
                    &veld(form, "ingangsdatum").unwrap_or_default(),
                )
                .map_err(|e| ongeldig("ingangsdatum", format!("Ingangsdatum: {}", e.message)));
                match (ingang, bedrag()) {
                    (Err(e), _) | (_, Err(e)) => Err(e),
                    (Ok(ingangsdatum), Ok(bedrag_per_maand)) => Ok(Voorstel::Toekenning {
                        ingangsdatum,
                        bedrag_per_maand,
                        verplichtingen,
                        reden_latere_ingang: veld(form, "reden_latere_ingang"),
                        reden_ander_bedrag: veld(form, "reden_ander_bedrag"),
                    }),
                }
            }
            Ok(Besluittype::Afwijzing) => {
                let mut gronden = Vec::new();
                for code in velden(form, "grond") {
                    match Afwijzingsgrond::parse(&code) {
                        Some(g) if !gronden.contains(&g) => gronden.push(g),
                        Some(_) => {}
                        None => {
                            return Ok(Err(ongeldig("grond", format!("Onbekende reden: {code}."))));
                        }
                    }
                }
                Ok(Voorstel::Afwijzing {
                    gronden,
                    toelichting,
                })
            }
            Ok(Besluittype::BuitenBehandeling) => {
                Ok(Voorstel::BuitenBehandeling { reden: toelichting })
            }
            Ok(Besluittype::Voorschot) => bedrag().map(|bedrag| Voorstel::Voorschot { bedrag }),
            Err(_) => Err(ongeldig("besluittype", "Kies wat u voorstelt.")),
        },
    )
}

/// Read the proposal of a one-off toekenning: amount, form, reasoning;
/// whom to pay comes from the application.
async fn eenmalig_uit(
    state: &AppState,
    staff: &Staff,
    zaak: &Zaak,
    form: &[(String, String)],
) -> Result<Result<Voorstel, Ongeldig>, PageError> {
    let bedrag = match Money::parse_euros(&veld(form, "bedrag").unwrap_or_default()) {
        Ok(b) => b,
        Err(e) => return Ok(Err(ongeldig("bedrag", format!("Bedrag: {}", e.message)))),
    };
    let vorm = match veld(form, "vorm").as_deref() {
        None | Some("om_niet") => gbi_rules::params::Vorm::OmNiet,
        Some("geldlening") => gbi_rules::params::Vorm::Geldlening,
        Some(_) => return Ok(Err(ongeldig("vorm", "Kies gift of lening."))),
    };
    Ok(super::periodiek::begunstigde(state, staff, zaak)
        .await?
        .map(|begunstigde| {
            Voorstel::Eenmalig(gbi_zaken::eenmalig::Eenmalig {
                bedrag,
                vorm,
                begunstigde,
                motivering: veld(form, "motivering").unwrap_or_default(),
            })
        }))
}

pub async fn beoordelen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let goedgekeurd = match veld(&form, "oordeel").as_deref() {
        Some("goedkeuren") => Ok(true),
        Some("terugsturen") => Ok(false),
        _ => Err(ongeldig("oordeel", "Kies goedkeuren of terugsturen.")),
    };
    let opmerking = veld(&form, "opmerking");
    let c = goedgekeurd.map(|goedgekeurd| Commando::Beoordelen {
        goedgekeurd,
        opmerking,
    });
    formulier(&state, &staff, &id, "beoordeling", form, c).await
}

//! The resident's page of one zaak: where it stands, what we ask of them
//! (a hersteltermijn item by item), and after the decision what was decided,
//! the amount, the first payment and the letter.

use super::bestand::{self, Gelezen};
use super::render;
use crate::AppState;
use crate::auth::{PortalResident, Resident};
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gbi_domain::date::dutch_date;
use gbi_domain::today_amsterdam;
use gbi_store::documenten::{self, Document};
use gbi_store::werk;
use gbi_store::zaken::{self, Taak, Zaak};
use gbi_zaken::catalogus::ALO;
use gbi_zaken::herstel::{self, HerstelFout, Onderdeel, Stand};
use gbi_zaken::indienen::uiterste_datum;
use gbi_zaken::voorstel::Voorstel;
use serde::Deserialize;

fn datum(iso: &str) -> String {
    super::datum_nl(iso)
}

/// The decision as the resident reads it.
pub struct Uitkomst {
    pub kop: String,
    pub bedrag: Option<String>,
    /// The amount is per month (a running benefit), not once.
    pub per_maand: bool,
    pub ingang: Option<String>,
    /// For a fixed period: "van … tot en met …".
    pub periode: Option<String>,
    pub eerste_betaling: Option<String>,
    pub redenen: Vec<String>,
    /// More the resident should know, in plain words.
    pub toelichting: Vec<String>,
}

/// A form on the page that was refused, with its message.
pub struct Fout {
    /// The id of the field the message is about (it gets the focus).
    pub veld: String,
    pub tekst: String,
}

#[derive(Template)]
#[template(path = "portaal/zaak.html")]
struct ZaakPage {
    resident: Option<Resident>,
    nieuw: bool,
    verstuurd: bool,
    zaak: Zaak,
    status: &'static str,
    ontvangen: String,
    open: bool,
    beslissing_uiterlijk: Option<String>,
    voorschot: Option<String>,
    zoektermijn: Option<String>,
    herstel: Option<Stand>,
    taken: Vec<Taak>,
    bronnen: Vec<(String, String)>,
    documenten: Vec<Document>,
    brief: Option<Document>,
    uitkomst: Option<Uitkomst>,
    fout: Option<Fout>,
    /// A running bijstand came of this zaak: link to its specifications.
    uitkering: bool,
    /// One-off payments of the zaak and where they stand.
    eenmalig: Vec<super::eenmalig::Regel>,
    /// Loans of the zaak: what the resident pays back.
    vorderingen: Vec<super::vordering::Regel>,
    /// A periodic bijzondere bijstand came of this zaak.
    periodiek: Option<super::periodiek::Regel>,
    /// Who applied for the resident, if someone did (a gemachtigde, an
    /// organisation).
    aangevraagd_door: Option<String>,
}

impl ZaakPage {
    fn fout_bij(&self, veld: &str) -> Option<&str> {
        self.fout
            .as_ref()
            .filter(|f| f.veld == veld)
            .map(|f| f.tekst.as_str())
    }

    /// The open hersteltermijn asks for this kind of document: its item has
    /// the upload form, so a task for the same kind gets none.
    fn herstel_vraagt(&self, code: &str) -> bool {
        self.herstel.as_ref().is_some_and(|s| {
            s.onderdelen
                .iter()
                .any(|o| matches!(o, Onderdeel::Document { code: c, .. } if c == code))
        })
    }

    fn deadline(&self) -> String {
        self.herstel
            .as_ref()
            .and_then(|s| s.deadline)
            .map(dutch_date)
            .unwrap_or_default()
    }
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
        "gesloten_vragen" => "UWV, Belastingdienst en andere gemeenten (alleen ja of nee)".into(),
        other => other.to_owned(),
    }
}

/// The resident's own zaak, or 404 (never another person's).
async fn eigen_zaak(state: &AppState, r: &Resident, id: &str) -> Result<Zaak, PageError> {
    let scope = r.scope();
    let zichtbaar = zaken::voor_inwoner(&state.db, &scope, &r.sessie.bsn)
        .await?
        .into_iter()
        .any(|z| z.id == id);
    if !zichtbaar {
        return Err(PageError::not_found());
    }
    zaken::get(&state.db, &scope, id, "GET /portaal/zaken/{zaak_id}")
        .await?
        .ok_or_else(PageError::not_found)
}

async fn uitkomst(
    state: &AppState,
    r: &Resident,
    zaak: &Zaak,
) -> Result<Option<Uitkomst>, PageError> {
    if zaak.einddatum.is_none() {
        return Ok(None);
    }
    let scope = r.scope();
    let Ok(besluit) =
        gbi_zaken::afhandeling::goedgekeurd_besluit(&state.db, &scope, &zaak.id).await
    else {
        return Ok(None);
    };
    // What was applied for, as the resident reads it ("bijzondere bijstand").
    let naam = gbi_zaken::regeling::voor_zaaktype(&zaak.zaaktype).map_or("bijstand", |r| r.naam());
    Ok(Some(match besluit {
        Voorstel::Eenmalig(e) => Uitkomst {
            kop: format!("U krijgt {naam}"),
            bedrag: Some(e.bedrag.to_string()),
            per_maand: false,
            ingang: None,
            periode: None,
            eerste_betaling: None,
            redenen: Vec::new(),
            toelichting: vec![
                if e.begunstigde.derde {
                    format!(
                        "Wij betalen het bedrag rechtstreeks aan {}. U hoeft het niet zelf te betalen.",
                        e.begunstigde.naam.trim_end_matches('.')
                    )
                } else {
                    format!(
                        "Wij betalen het bedrag op uw rekening {}.",
                        e.begunstigde.iban.formatted()
                    )
                },
                "Wij betalen in de betaling van volgende maand.".to_owned(),
            ]
            .into_iter()
            .chain((e.vorm == gbi_rules::params::Vorm::Geldlening).then(|| {
                "U krijgt dit geld als lening. U moet het terugbetalen.".to_owned()
            }))
            .collect(),
        },
        Voorstel::Periodiek(p) => super::periodiek::uitkomst(&p, naam),
        Voorstel::Toekenning {
            ingangsdatum,
            bedrag_per_maand,
            reden_latere_ingang,
            ..
        } => {
            let eerste = gbi_zaken::betaalrun::eerste_betaling(
                &state.db,
                &scope,
                ingangsdatum,
                today_amsterdam(),
            )
            .await?;
            Uitkomst {
                kop: "U krijgt bijstand".to_owned(),
                bedrag: Some(bedrag_per_maand.to_string()),
                per_maand: true,
                ingang: Some(dutch_date(ingangsdatum)),
                periode: None,
                eerste_betaling: Some(dutch_date(eerste)),
                redenen: Vec::new(),
                toelichting: reden_latere_ingang
                    .map(|r| {
                        format!(
                            "U krijgt bijstand vanaf {}. Voor de dagen daarvoor krijgt u geen bijstand. De reden: {r}",
                            dutch_date(ingangsdatum)
                        )
                    })
                    .into_iter()
                    .chain([
                        "Van dit bedrag sparen wij elke maand 5% als vakantiegeld voor u. Dat krijgt u in juni. Daarom is wat wij elke maand betalen iets lager.".to_owned(),
                    ])
                    .collect(),
            }
        }
        Voorstel::Afwijzing {
            gronden,
            toelichting,
        } => Uitkomst {
            kop: format!("U krijgt geen {naam}"),
            bedrag: None,
            per_maand: false,
            ingang: None,
            periode: None,
            eerste_betaling: None,
            toelichting: Vec::new(),
            redenen: gronden
                .iter()
                .map(|g| g.tekst().to_owned())
                .chain((!toelichting.trim().is_empty()).then(|| toelichting.clone()))
                .collect(),
        },
        Voorstel::BuitenBehandeling { reden } => Uitkomst {
            kop: "Wij behandelen uw aanvraag niet verder".to_owned(),
            bedrag: None,
            per_maand: false,
            ingang: None,
            periode: None,
            eerste_betaling: None,
            toelichting: Vec::new(),
            redenen: vec![reden],
        },
        Voorstel::Voorschot { .. } => return Ok(None),
    }))
}

async fn pagina(
    state: &AppState,
    r: Resident,
    id: &str,
    nieuw: bool,
    verstuurd: bool,
    fout: Option<Fout>,
) -> Result<Html<String>, PageError> {
    let zaak = eigen_zaak(state, &r, id).await?;
    let scope = r.scope();
    let open = zaak.einddatum.is_none();
    let herstel = herstel::stand(&state.db, &scope, id).await?;
    let taken = zaken::taken(&state.db, &scope, id)
        .await?
        .into_iter()
        .filter(|t| {
            t.voor == gbi_domain::TaakVoor::Inwoner
                && t.status == "open"
                // The hersteltermijn is shown item by item instead.
                && !(herstel.is_some() && t.soort == gbi_domain::TaakSoort::Hersteltermijn)
        })
        .collect();
    let bronnen = werk::voor_zaak(&state.db, &scope, id)
        .await?
        .into_iter()
        .filter(|w| {
            matches!(
                gbi_zaken::werksoort::WerkSoort::parse(&w.soort),
                Some(gbi_zaken::werksoort::WerkSoort::Bron(_))
            )
        })
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
    let documenten = documenten::list(&state.db, &scope, None, Some(id)).await?;
    let brief = documenten
        .iter()
        .rev()
        .find(|d| d.informatieobjecttype == "beschikking")
        .cloned();
    let (uitkering, periodiek) = super::periodiek::van_zaak(&state.db, &scope, id).await?;
    let uitkomst = uitkomst(state, &r, &zaak).await?;
    let aangevraagd_door = zaken::rollen(&state.db, &scope, id)
        .await?
        .into_iter()
        .find(|rol| rol.roltype == gbi_zaken::indienen::ROLTYPE_GEMACHTIGDE)
        .map(|rol| match rol.toelichting {
            Some(t) => format!("{} ({t})", rol.naam),
            None => rol.naam,
        });
    let today = today_amsterdam();
    let eenmalig = super::eenmalig::voor_zaak(&state.db, &scope, id, today).await?;
    let vorderingen =
        super::vordering::voor_zaak(&state.db, &scope, id, "GET /portaal/zaken/{zaak_id}").await?;
    render(&ZaakPage {
        vorderingen,
        uitkering,
        eenmalig,
        periodiek,
        aangevraagd_door,
        resident: Some(r),
        nieuw,
        verstuurd,
        status: super::portaal::plain_status(&zaak),
        ontvangen: datum(&zaak.registratiedatum),
        open,
        beslissing_uiterlijk: if open {
            uiterste_datum(&zaak, today).map(dutch_date)
        } else {
            None
        },
        voorschot: if open && !uitkering {
            zaak.voorschot_uiterlijk.as_deref().map(datum)
        } else {
            None
        },
        zoektermijn: if open {
            zaak.zoektermijn_einde.as_deref().map(datum)
        } else {
            None
        },
        zaak,
        herstel,
        taken,
        bronnen,
        documenten,
        brief,
        uitkomst,
        fout,
    })
}

pub async fn zaak(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(id): Path<String>,
    Query(q): Query<ZaakQuery>,
) -> Result<Html<String>, PageError> {
    pagina(
        &state,
        r,
        &id,
        q.nieuw.is_some(),
        q.verstuurd.is_some(),
        None,
    )
    .await
}

/// The page again with a message at the form that was refused.
async fn opnieuw(
    state: &AppState,
    r: Resident,
    id: &str,
    veld: &str,
    tekst: &str,
) -> Result<Response, PageError> {
    let fout = Fout {
        veld: veld.to_owned(),
        tekst: tekst.to_owned(),
    };
    let html = pagina(state, r, id, false, false, Some(fout)).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

/// The resident sends a document for a zaak: for an item of the open
/// hersteltermijn (the form names its type) or any other document.
pub async fn zaak_upload(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let zaak = eigen_zaak(&state, &r, &id).await?;
    let scope = r.scope();
    let mut soort = String::from("overig");
    let mut stukken: Vec<(String, Vec<u8>)> = Vec::new();
    let mut fout: Option<&str> = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("soort") => soort = field.text().await.unwrap_or_default(),
            Some("bestand") => match bestand::lees(field, "document").await {
                Gelezen::TeGroot => fout = Some(bestand::TE_GROOT),
                Gelezen::Bestand { inhoud, .. } if super::bestand::sniff(&inhoud).is_none() => {
                    fout =
                        Some("Dit soort bestand kunnen wij niet openen. Stuur een PDF, JPG of PNG.")
                }
                Gelezen::Bestand { naam, inhoud } => stukken.push((naam, inhoud)),
                Gelezen::Leeg => {}
            },
            _ => {}
        }
    }
    let veld = format!("bestand-{soort}");
    let zaaktype = gbi_zaken::catalogus::zaaktype(&zaak.zaaktype).unwrap_or(&ALO);
    if zaaktype.informatieobjecttype(&soort).is_none() || soort == "beschikking" {
        return opnieuw(
            &state,
            r,
            &id,
            "bestand-overig",
            "Kies wat voor document het is.",
        )
        .await;
    }
    if stukken.is_empty() && fout.is_none() {
        fout = Some("Kies een bestand om te versturen.");
    }
    if let Some(f) = fout {
        return opnieuw(&state, r, &id, &veld, f).await;
    }
    for (name, bytes) in &stukken {
        let doc = documenten::NewDocument {
            bsn: &zaak.bsn,
            concept_id: None,
            zaak_id: Some(&zaak.id),
            informatieobjecttype: &soort,
            bestandsnaam: name,
            mime: super::bestand::sniff(bytes).unwrap_or("application/octet-stream"),
            inhoud: bytes,
        };
        herstel::document_sturen(
            &state.db,
            &scope,
            &zaak,
            doc,
            "POST /portaal/zaken/{zaak_id}/documenten",
            today_amsterdam(),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("/portaal/zaken/{id}?verstuurd=1#gevraagd")).into_response())
}

#[derive(Deserialize)]
pub struct AntwoordForm {
    vraag: String,
    antwoord: String,
}

/// The resident answers one question of the open hersteltermijn.
pub async fn antwoord(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(id): Path<String>,
    Form(f): Form<AntwoordForm>,
) -> Result<Response, PageError> {
    let zaak = eigen_zaak(&state, &r, &id).await?;
    let nr: i64 = f.vraag.trim().parse().map_err(|_| PageError::not_found())?;
    let veld = format!("antwoord-{nr}");
    match herstel::beantwoorden(
        &state.db,
        &r.scope(),
        &zaak,
        nr,
        &f.antwoord,
        "POST /portaal/zaken/{zaak_id}/antwoorden",
        today_amsterdam(),
    )
    .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/portaal/zaken/{id}?verstuurd=1#gevraagd")).into_response())
        }
        Err(HerstelFout::Antwoord(m)) => opnieuw(&state, r, &id, &veld, m).await,
        Err(HerstelFout::NietOpen) => {
            opnieuw(
                &state,
                r,
                &id,
                "gevraagd",
                "Wij vragen op dit moment niets meer. Uw antwoord is niet bewaard.",
            )
            .await
        }
        Err(HerstelFout::Store(e)) => Err(e.into()),
    }
}

/// The resident removes a wrong document sent during the hersteltermijn.
pub async fn document_verwijderen(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path((id, document_id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let zaak = eigen_zaak(&state, &r, &id).await?;
    match herstel::document_verwijderen(
        &state.db,
        &r.scope(),
        &zaak,
        &document_id,
        "POST /portaal/zaken/{zaak_id}/documenten/{document_id}/verwijderen",
    )
    .await
    {
        Ok(true) => Ok(Redirect::to(&format!("/portaal/zaken/{id}#gevraagd")).into_response()),
        Ok(false) | Err(HerstelFout::NietOpen) | Err(HerstelFout::Antwoord(_)) => {
            opnieuw(
                &state,
                r,
                &id,
                "gevraagd",
                "Dit document kunt u niet meer weghalen. Bel ons als het niet klopt.",
            )
            .await
        }
        Err(HerstelFout::Store(e)) => Err(e.into()),
    }
}

/// A document as residents know it: our letters by what they are, their
/// own files by name.
pub fn document_naam(d: &Document) -> String {
    match d.informatieobjecttype.as_str() {
        "beschikking" => "Brief met ons besluit (PDF)".to_owned(),
        _ => d.bestandsnaam.clone(),
    }
}

/// For the template: an item's form field id.
pub fn veld_id(o: &Onderdeel) -> String {
    match o {
        Onderdeel::Document { code, .. } => format!("bestand-{code}"),
        Onderdeel::Vraag { nr, .. } => format!("antwoord-{nr}"),
    }
}

/// The ontvangstbewijs: a PDF of the application as received, for the
/// resident's own records.
pub async fn ontvangstbewijs(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let zaak = eigen_zaak(&state, &r, &id).await?;
    let scope = r.scope();
    let huisstijl = super::huisstijl(&state, &scope).await?;
    let antwoorden = zaak.aanvraag.as_object().cloned().unwrap_or_default();
    let vragen = super::formulier::van_zaaktype(&zaak.zaaktype);
    let documenten = documenten::list(&state.db, &scope, Some(&zaak.concept_id), Some(&zaak.id))
        .await?
        .into_iter()
        .filter(|d| d.informatieobjecttype != "beschikking")
        .map(|d| d.bestandsnaam)
        .collect();
    let ontvangen =
        gbi_domain::date::parse_date(&zaak.registratiedatum).map_err(|_| PageError::internal())?;
    let bewijs = gbi_letters::Ontvangstbewijs {
        kenmerk: zaak.identificatie.clone(),
        ontvangen,
        uiterlijk: uiterste_datum(&zaak, today_amsterdam()),
        ontvanger_naam: r.sessie.naam.clone(),
        antwoorden: super::formulier::overzicht(
            vragen,
            &antwoorden,
            &super::formulier::keuzes(&state, r.scope().gemeente, gbi_domain::today_amsterdam()),
        )
        .into_iter()
        .map(|o| {
            (
                o.titel.to_owned(),
                o.regels
                    .into_iter()
                    .map(|(v, a)| (v.to_owned(), a))
                    .collect(),
            )
        })
        .collect(),
        documenten,
    };
    super::pdf_download(
        gbi_letters::ontvangstbewijs_pdf(&huisstijl, &bewijs),
        &format!("ontvangstbewijs-{}.pdf", zaak.identificatie),
        "ontvangstbewijs",
    )
}

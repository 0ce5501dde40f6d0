//! Submitting an application: from a complete draft to a zaak, with its
//! deadline, rollen, first tasks, the work of consulting every register,
//! and the message to the resident — in one transaction.

use crate::aanvraag::{self, Fout, Keuzes};
use crate::catalogus::Kanaal;
use crate::regeling::{IndienContext, Indiening};
use crate::termijnen::Termijn;
use crate::werksoort::WerkSoort;
use chrono::{Datelike, NaiveDate};
use gbi_domain::Bsn;
use gbi_store::portaal::{Concept, Vertegenwoordiger};
use gbi_store::zaken::{self, Melding, NieuweRol, NieuweZaak, Zaak};
use gbi_store::{Db, Scope, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum IndienFout {
    #[error("de aanvraag is nog niet compleet")]
    Onvolledig(Vec<Fout>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Who submits, besides the resident.
pub struct Indiener {
    pub naam_aanvrager: String,
    pub geboortedatum: Option<NaiveDate>,
    pub gemachtigde: Option<Gemachtigde>,
    pub medewerker: Option<(String, String)>,
}

/// The rol of whoever applied for the resident.
pub const ROLTYPE_GEMACHTIGDE: &str = "gemachtigde";

/// Someone who applies for the resident; a rol [`ROLTYPE_GEMACHTIGDE`] on the zaak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gemachtigde {
    /// Their own BSN; none for an organisation.
    pub bsn: Option<Bsn>,
    pub naam: String,
    /// How they act: the relation they gave, or the login means.
    pub toelichting: String,
}

impl Gemachtigde {
    /// The one acting for the resident, as their login established it.
    pub fn uit_login(v: &Vertegenwoordiger) -> Self {
        match v {
            Vertegenwoordiger::DigidMachtigen { gemachtigde } => Gemachtigde {
                bsn: Some(gemachtigde.clone()),
                naam: format!("Gemachtigde met BSN {}", gemachtigde.as_str()),
                toelichting: "DigiD Machtigen".into(),
            },
            Vertegenwoordiger::Eherkenning {
                organisatie,
                medewerker,
            } => Gemachtigde {
                bsn: None,
                naam: format!("Organisatie met KvK-nummer {organisatie}"),
                toelichting: format!("eHerkenning, medewerker {medewerker}"),
            },
        }
    }
}

/// Submit `concept` on `vandaag`. Submitting twice returns the same zaak.
/// For a form without choices from policy (ALO).
pub async fn indienen(
    db: &Db,
    scope: &Scope,
    concept: &Concept,
    wie: Indiener,
    vandaag: NaiveDate,
) -> Result<(Zaak, bool), IndienFout> {
    indienen_met(db, scope, concept, wie, vandaag, &Keuzes::default()).await
}

/// Submit `concept` on `vandaag`, its answers checked against the
/// gemeente's policy choices (`keuzes`). The regeling of the concept's
/// zaaktype says what submitting sets going ([`Regeling::bij_indienen`]);
/// the rest is the same for every regeling. Submitting twice returns the
/// same zaak.
pub async fn indienen_met(
    db: &Db,
    scope: &Scope,
    concept: &Concept,
    wie: Indiener,
    vandaag: NaiveDate,
    keuzes: &Keuzes,
) -> Result<(Zaak, bool), IndienFout> {
    if let Some(z) = zaken::by_concept(db, scope, &concept.id).await? {
        return Ok((z, false));
    }
    let regeling = crate::regeling::voor_zaaktype(&concept.zaaktype).ok_or_else(|| {
        IndienFout::Store(StoreError::Corrupt(format!(
            "onbekend zaaktype {}",
            concept.zaaktype
        )))
    })?;
    let antwoorden = concept.antwoorden.as_object().cloned().unwrap_or_default();
    let fouten = regeling
        .formulier()
        .valideer_alles(&antwoorden, vandaag, keuzes);
    if !fouten.is_empty() {
        return Err(IndienFout::Onvolledig(fouten));
    }
    let mut rollen = vec![NieuweRol {
        roltype: "aanvrager",
        bsn: Some(concept.bsn.clone()),
        medewerker_id: None,
        naam: wie.naam_aanvrager.clone(),
        toelichting: None,
    }];
    if let Some(g) = &wie.gemachtigde {
        rollen.push(NieuweRol {
            roltype: ROLTYPE_GEMACHTIGDE,
            bsn: g.bsn.clone(),
            medewerker_id: None,
            naam: g.naam.clone(),
            toelichting: Some(g.toelichting.clone()),
        });
    }
    if let Some((id, naam)) = &wie.medewerker {
        rollen.push(NieuweRol {
            roltype: "klantcontact",
            bsn: None,
            medewerker_id: Some(id.clone()),
            naam: naam.clone(),
            toelichting: Some(format!("ingevuld via kanaal {}", concept.kanaal)),
        });
    }
    let documenten: Vec<String> = gbi_store::documenten::list(db, scope, Some(&concept.id), None)
        .await?
        .into_iter()
        .map(|d| d.informatieobjecttype)
        .collect();
    let Indiening {
        termijn,
        zoektermijn_einde,
        voorschot_uiterlijk,
        taken,
    } = regeling.bij_indienen(&IndienContext {
        antwoorden: &antwoorden,
        vandaag,
        geboortedatum: wie.geboortedatum,
        documenten: &documenten,
        keuzes,
    });
    let email = antwoorden
        .get("email")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    let kanaal = Kanaal::parse(&concept.kanaal).unwrap_or(Kanaal::Digitaal);
    let toestemming_elektronisch = aanvraag::besluiten_online(&antwoorden);
    let naam = regeling.naam_voor_inwoner();
    let nieuw = NieuweZaak {
        concept_id: concept.id.clone(),
        zaaktype: regeling.zaaktype().identificatie,
        kanaal: kanaal.code().to_owned(),
        status: gbi_domain::ZaakStatus::Ontvangen,
        registratiedatum: vandaag.to_string(),
        jaar: vandaag.year(),
        termijn: serde_json::to_string(&termijn).unwrap_or_default(),
        uiterste_datum: termijn.uiterste_datum(vandaag).to_string(),
        zoektermijn_einde: zoektermijn_einde.map(|d| d.to_string()),
        voorschot_uiterlijk: voorschot_uiterlijk.map(|d| d.to_string()),
        rollen,
        taken,
        werk: regeling
            .bronnen()
            .iter()
            .map(|b| WerkSoort::Bron(*b))
            .chain([WerkSoort::Beoordeling])
            .map(|w| w.code().to_owned())
            .collect(),
        melding: Some(Melding {
            onderwerp: "Wij hebben uw aanvraag ontvangen".into(),
            tekst: format!(
                "Wij hebben uw aanvraag voor {naam} ontvangen op {}. U hoort uiterlijk {} of u {naam} krijgt.{}",
                gbi_domain::date::dutch_date(vandaag),
                gbi_domain::date::dutch_date(termijn.uiterste_datum(vandaag)),
                namens(&wie)
            ),
            email,
            mail_onderwerp: "Er staat een bericht voor u klaar".into(),
            mail_tekst:
                "Beste inwoner,\n\nEr staat een nieuw bericht voor u klaar op Mijn inkomen.".into(),
        }),
        toestemming_elektronisch,
    };
    match zaken::indienen(db, scope, nieuw).await {
        Ok(r) => Ok(r),
        // A concurrent submission of the same draft won the race.
        Err(StoreError::Conflict(_)) => match zaken::by_concept(db, scope, &concept.id).await? {
            Some(z) => Ok((z, false)),
            None => Err(IndienFout::Store(StoreError::Conflict("aanvraag".into()))),
        },
        Err(e) => Err(e.into()),
    }
}

/// Who applied for the resident, told in their inbox: a gemachtigde or a
/// staff member filling in the form with them.
fn namens(wie: &Indiener) -> String {
    match (&wie.gemachtigde, &wie.medewerker) {
        (Some(g), _) => format!(
            " {} ({}) heeft deze aanvraag namens u gedaan. Klopt dit niet? Bel ons dan.",
            g.naam, g.toelichting
        ),
        (None, Some(_)) => {
            " Een medewerker van de gemeente heeft de aanvraag samen met u ingevuld.".into()
        }
        (None, None) => String::new(),
    }
}

/// The deadline of a zaak as of `today`.
pub fn uiterste_datum(zaak: &Zaak, today: NaiveDate) -> Option<NaiveDate> {
    uiterste_datum_van(&zaak.termijn, today)
}

/// The deadline as of `today` of a stored beslistermijn (JSON).
pub fn uiterste_datum_van(termijn: &str, today: NaiveDate) -> Option<NaiveDate> {
    serde_json::from_str::<Termijn>(termijn)
        .ok()
        .map(|t| t.uiterste_datum(today))
}

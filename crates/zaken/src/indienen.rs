//! Submitting an application: from a complete draft to a zaak, with its
//! deadline, rollen, first tasks, the work of consulting every register,
//! and the message to the resident — in one transaction.

use crate::aanvraag::{self, Fout};
use crate::catalogus::{ALO, Kanaal};
use crate::termijnen::{Termijn, voorschot_uiterlijk, zoektermijn_einde};
use crate::werksoort::WerkSoort;
use chrono::{Datelike, Days, NaiveDate};
use gbi_domain::Bsn;
use gbi_domain::date::age_on;
use gbi_store::portaal::{Concept, Vertegenwoordiger};
use gbi_store::zaken::{self, Melding, NieuweRol, NieuweTaak, NieuweZaak, Zaak};
use gbi_store::{Db, Scope, StoreError};

/// The registers consulted for every ALO, in this order.
pub const BRONNEN: &[crate::werksoort::Bron] = &crate::werksoort::Bron::ALL;

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
pub async fn indienen(
    db: &Db,
    scope: &Scope,
    concept: &Concept,
    wie: Indiener,
    vandaag: NaiveDate,
) -> Result<(Zaak, bool), IndienFout> {
    if let Some(z) = zaken::by_concept(db, scope, &concept.id).await? {
        return Ok((z, false));
    }
    let antwoorden = concept.antwoorden.as_object().cloned().unwrap_or_default();
    let fouten = aanvraag::ALO_FORMULIER.valideer_alles(&antwoorden, vandaag);
    if !fouten.is_empty() {
        return Err(IndienFout::Onvolledig(fouten));
    }
    let termijn = Termijn::acht_weken(vandaag);
    let onder_27 = wie.geboortedatum.is_some_and(|g| age_on(g, vandaag) < 27);
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
    let heeft_bankafschrift = gbi_store::documenten::list(db, scope, Some(&concept.id), None)
        .await?
        .iter()
        .any(|d| d.informatieobjecttype == "bankafschrift");
    let mut taken = Vec::new();
    let deadline = crate::termijnen::volgende_werkdag(
        vandaag.checked_add_days(Days::new(14)).unwrap_or(vandaag),
    );
    if !heeft_bankafschrift {
        taken.push(NieuweTaak {
            voor: gbi_domain::TaakVoor::Inwoner,
            soort: gbi_domain::TaakSoort::Bankafschrift,
            titel: format!(
                "Lever uw bankafschriften van de laatste 3 maanden aan vóór {}",
                gbi_domain::date::dutch_date(deadline)
            ),
            toelichting: Some(
                "Van al uw bankrekeningen. Zo zien wij wat u nu aan geld heeft.".into(),
            ),
            deadline: Some(deadline.to_string()),
        });
    }
    taken.push(NieuweTaak {
        voor: gbi_domain::TaakVoor::Medewerker,
        soort: gbi_domain::TaakSoort::Intake,
        titel: "Nieuwe aanvraag beoordelen".into(),
        toelichting: None,
        deadline: Some(termijn.uiterste_datum(vandaag).to_string()),
    });
    let email = antwoorden
        .get("email")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    let kanaal = Kanaal::parse(&concept.kanaal).unwrap_or(Kanaal::Digitaal);
    let toestemming_elektronisch = aanvraag::besluiten_online(&antwoorden);
    let nieuw = NieuweZaak {
        concept_id: concept.id.clone(),
        zaaktype: ALO.identificatie,
        kanaal: kanaal.code().to_owned(),
        status: gbi_domain::ZaakStatus::Ontvangen,
        registratiedatum: vandaag.to_string(),
        jaar: vandaag.year(),
        termijn: serde_json::to_string(&termijn).unwrap_or_default(),
        uiterste_datum: termijn.uiterste_datum(vandaag).to_string(),
        zoektermijn_einde: onder_27.then(|| zoektermijn_einde(vandaag).to_string()),
        voorschot_uiterlijk: Some(voorschot_uiterlijk(vandaag).to_string()),
        rollen,
        taken,
        werk: crate::regeling::voor_zaaktype(ALO.identificatie)
            .map(|r| r.bronnen())
            .unwrap_or(BRONNEN)
            .iter()
            .map(|b| WerkSoort::Bron(*b))
            .chain([WerkSoort::Beoordeling])
            .map(|w| w.code().to_owned())
            .collect(),
        melding: Some(Melding {
            onderwerp: "Wij hebben uw aanvraag ontvangen".into(),
            tekst: format!(
                "Wij hebben uw aanvraag voor bijstand ontvangen op {}. U hoort uiterlijk {} of u bijstand krijgt.{}",
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
    serde_json::from_str::<Termijn>(&zaak.termijn)
        .ok()
        .map(|t| t.uiterste_datum(today))
}

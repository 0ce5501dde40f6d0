//! Handling an application in the werkplek, within the law's deadlines and
//! the four-eyes principle: the hersteltermijn (Awb 4:5) with suspension of
//! the deadline, extension (Awb 4:14), and decisions that one person
//! proposes and another approves. The system proposes; a person decides.

use crate::termijnen::{Termijn, volgende_werkdag};
use chrono::NaiveDate;
use gbi_domain::{GemeenteCode, Money};
use gbi_store::behandeling::{self, Overgang};
use gbi_store::besluiten::{self, Besluit};
use gbi_store::hersteltermijn::{self, Hersteltermijn};
use gbi_store::uitkeringen::NieuweUitkering;
use gbi_store::zaken::{Melding, NieuweTaak, Zaak};
use gbi_store::{Db, Scope, StoreError};
use serde::{Deserialize, Serialize};

fn termijn_van(zaak: &Zaak) -> Result<Termijn, StoreError> {
    serde_json::from_str(&zaak.termijn)
        .map_err(|e| StoreError::Corrupt(format!("termijn van zaak {}: {e}", zaak.identificatie)))
}

fn met_termijn(t: &Termijn, vandaag: NaiveDate) -> (String, String) {
    (
        serde_json::to_string(t).unwrap_or_default(),
        t.uiterste_datum(vandaag).to_string(),
    )
}

fn bericht(onderwerp: &str, tekst: String, email: Option<String>) -> Melding {
    Melding {
        onderwerp: onderwerp.to_owned(),
        tekst,
        email,
        mail_onderwerp: "Er staat een bericht voor u klaar".into(),
        mail_tekst: "Beste inwoner,\n\nEr staat een nieuw bericht voor u klaar op Mijn inkomen. Log in om het te lezen.\n\nMet vriendelijke groet,\nTeam Inkomen".into(),
    }
}

fn email(zaak: &Zaak) -> Option<String> {
    zaak.aanvraag
        .get("email")
        .and_then(|v| v.as_str())
        .map(str::to_owned)
}

fn datum(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// What is asked of the resident in a hersteltermijn.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Verzoek {
    /// Informatieobjecttypen, e.g. `bankafschrift`.
    pub documenten: Vec<String>,
    /// Questions in plain Dutch.
    pub vragen: Vec<String>,
}

/// Ask the resident for information by `deadline`: a task for the resident,
/// a message and an e-mail; the legal deadline is suspended from today.
pub async fn hersteltermijn_vragen(
    db: &Db,
    scope: &Scope,
    zaak: &Zaak,
    verzoek: &Verzoek,
    deadline: NaiveDate,
    vandaag: NaiveDate,
) -> Result<Hersteltermijn, StoreError> {
    let mut termijn = termijn_van(zaak)?;
    termijn.opschorten(vandaag);
    let deadline = volgende_werkdag(deadline);
    let mut wat: Vec<String> = verzoek
        .documenten
        .iter()
        .map(|d| document_naam(d).to_owned())
        .collect();
    wat.extend(verzoek.vragen.iter().cloned());
    let lijst = wat.join("; ");
    let o = Overgang {
        toelichting: Some(format!("Gevraagd: {lijst}. Uiterlijk {}.", datum(deadline))),
        termijn: Some(met_termijn(&termijn, vandaag)),
        taak: Some(NieuweTaak {
            voor: "inwoner",
            soort: "hersteltermijn",
            titel: format!("Stuur ons vóór {} deze gegevens: {lijst}", datum(deadline)),
            toelichting: Some(
                "Zonder deze gegevens kunnen wij niet beslissen. Lukt het niet op tijd? Bel ons."
                    .into(),
            ),
            deadline: Some(deadline.to_string()),
        }),
        melding: Some(bericht(
            "Wij hebben meer gegevens nodig",
            format!(
                "Om over uw aanvraag te beslissen hebben wij nog nodig: {lijst}. Stuur dit vóór {} via Mijn inkomen. \
                 Krijgen wij het niet op tijd, dan kunnen wij uw aanvraag niet verder behandelen (artikel 4:5 Algemene wet bestuursrecht).",
                datum(deadline)
            ),
            email(zaak),
        )),
        ..Overgang::naar("hersteltermijn")
    };
    let gevraagd = serde_json::to_value(verzoek).unwrap_or_default();
    hersteltermijn::vragen(db, scope, &zaak.id, &gevraagd, &deadline.to_string(), o).await
}

/// The resident delivered: the deadline runs again and the zaak returns to
/// the work queue. Nothing happens when no hersteltermijn is open.
pub async fn informatie_geleverd(
    db: &Db,
    scope: &Scope,
    zaak: &Zaak,
    vandaag: NaiveDate,
) -> Result<bool, StoreError> {
    let Some(h) = hersteltermijn::open(db, scope, &zaak.id).await? else {
        return Ok(false);
    };
    let mut termijn = termijn_van(zaak)?;
    termijn.hervatten(vandaag);
    let o = Overgang {
        toelichting: Some("De inwoner heeft de gevraagde gegevens gestuurd.".into()),
        termijn: Some(met_termijn(&termijn, vandaag)),
        taak: Some(NieuweTaak {
            voor: "medewerker",
            soort: "verder_behandelen",
            titel: "Gevraagde gegevens ontvangen: verder behandelen".into(),
            toelichting: None,
            deadline: Some(termijn.uiterste_datum(vandaag).to_string()),
        }),
        ..Overgang::naar("in_behandeling")
    };
    hersteltermijn::afsluiten(db, scope, &h.id, "geleverd", o).await?;
    Ok(true)
}

/// Every hersteltermijn that passed without an answer returns to the queue
/// with the proposal "buiten behandeling stellen" — for a person to decide.
pub async fn verlopen_hersteltermijnen(db: &Db, vandaag: NaiveDate) -> Result<usize, StoreError> {
    let verlopen = hersteltermijn::verlopen(db, &vandaag.to_string()).await?;
    for (gemeente, h) in &verlopen {
        let scope = Scope::system(GemeenteCode::parse(gemeente)?, "hersteltermijn");
        let Some(zaak) =
            gbi_store::zaken::get(db, &scope, &h.zaak_id, "hersteltermijn verlopen").await?
        else {
            continue;
        };
        let mut termijn = termijn_van(&zaak)?;
        let einde = gbi_domain::date::parse_date(&h.deadline).unwrap_or(vandaag);
        termijn.hervatten(einde);
        let o = Overgang {
            toelichting: Some("De hersteltermijn is verlopen zonder de gevraagde gegevens.".into()),
            termijn: Some(met_termijn(&termijn, vandaag)),
            taak: Some(NieuweTaak {
                voor: "medewerker",
                soort: "voorstel_buiten_behandeling",
                titel: "Voorstel: aanvraag buiten behandeling stellen (artikel 4:5 Awb)".into(),
                toelichting: Some("De inwoner heeft de gevraagde gegevens niet op tijd gestuurd. Beslis of de aanvraag buiten behandeling wordt gesteld, of neem eerst contact op.".into()),
                deadline: Some(termijn.uiterste_datum(vandaag).to_string()),
            }),
            ..Overgang::naar("in_behandeling")
        };
        hersteltermijn::afsluiten(db, &scope, &h.id, "verlopen", o).await?;
    }
    Ok(verlopen.len())
}

/// Extend the decision period (Awb 4:14), telling the resident why.
pub async fn verlengen(
    db: &Db,
    scope: &Scope,
    zaak: &Zaak,
    dagen: u32,
    reden: &str,
    vandaag: NaiveDate,
) -> Result<Zaak, StoreError> {
    let mut termijn = termijn_van(zaak)?;
    termijn.verlengen(dagen);
    let nieuw = termijn.uiterste_datum(vandaag);
    let o = Overgang {
        status: static_status(&zaak.status),
        toelichting: Some(format!("Beslistermijn verlengd met {dagen} dagen: {reden}")),
        termijn: Some(met_termijn(&termijn, vandaag)),
        melding: Some(bericht(
            "Wij hebben meer tijd nodig",
            format!(
                "Wij hebben meer tijd nodig om over uw aanvraag te beslissen. De reden: {reden}. U hoort uiterlijk {} van ons (artikel 4:14 Algemene wet bestuursrecht).",
                datum(nieuw)
            ),
            email(zaak),
        )),
        ..Overgang::naar("in_behandeling")
    };
    behandeling::overgang(db, scope, &zaak.id, o, "beslistermijn verlengen").await
}

/// The catalogue's `&'static str` for a stored status code.
fn static_status(code: &str) -> &'static str {
    crate::catalogus::ALO
        .statustype(code)
        .map(|s| s.code)
        .unwrap_or("in_behandeling")
}

/// A proposed decision.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "soort", rename_all = "snake_case")]
pub enum Voorstel {
    Toekenning {
        ingangsdatum: NaiveDate,
        bedrag_per_maand: Money,
        verplichtingen: Vec<String>,
    },
    Afwijzing {
        gronden: Vec<String>,
    },
    BuitenBehandeling {
        reden: String,
    },
    /// Art. 52 Participatiewet: an advance while the decision is pending.
    Voorschot {
        bedrag: Money,
    },
}

impl Voorstel {
    pub fn besluittype(&self) -> &'static str {
        match self {
            Voorstel::Toekenning { .. } => "toekenning",
            Voorstel::Afwijzing { .. } => "afwijzing",
            Voorstel::BuitenBehandeling { .. } => "buiten_behandeling",
            Voorstel::Voorschot { .. } => "voorschot",
        }
    }

    fn resultaat(&self) -> Option<&'static str> {
        match self {
            Voorstel::Toekenning { .. } => Some("toegekend"),
            Voorstel::Afwijzing { .. } => Some("afgewezen"),
            Voorstel::BuitenBehandeling { .. } => Some("buiten_behandeling"),
            Voorstel::Voorschot { .. } => None,
        }
    }
}

/// Propose a decision; it goes to a second person (status toetsen).
pub async fn voorstellen(
    db: &Db,
    scope: &Scope,
    zaak: &Zaak,
    voorstel: &Voorstel,
    door: &str,
) -> Result<Besluit, StoreError> {
    let inhoud = serde_json::to_value(voorstel).unwrap_or_default();
    let o = Overgang {
        toelichting: Some(format!("Voorstel: {}", voorstel.besluittype())),
        ..Overgang::naar("toetsen")
    };
    besluiten::voorstellen(
        db,
        scope,
        &zaak.id,
        voorstel.besluittype(),
        &inhoud,
        door,
        o,
    )
    .await
}

/// Judge a proposal. Approval of a final decision ends the zaak with its
/// resultaat and tells the resident a decision waits for them; sending back
/// returns the zaak to the one who proposed, with the remark.
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    besluit: &Besluit,
    door: &str,
    goedgekeurd: bool,
    opmerking: Option<&str>,
    vandaag: NaiveDate,
) -> Result<Besluit, StoreError> {
    let voorstel: Voorstel = serde_json::from_value(besluit.inhoud.clone())
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let zaak = gbi_store::zaken::get(db, scope, &besluit.zaak_id, "besluit beoordelen")
        .await?
        .ok_or(StoreError::NotFound)?;
    let o = if !goedgekeurd {
        Overgang {
            toelichting: Some(format!(
                "Voorstel teruggestuurd: {}",
                opmerking.unwrap_or("")
            )),
            taak: Some(NieuweTaak {
                voor: "medewerker",
                soort: "voorstel_aanpassen",
                titel: format!(
                    "Voorstel aanpassen: {}",
                    opmerking.unwrap_or("zie opmerking")
                ),
                toelichting: None,
                deadline: zaak.uiterste_datum.clone(),
            }),
            ..Overgang::naar("in_behandeling")
        }
    } else if let Some(resultaat) = voorstel.resultaat() {
        Overgang {
            toelichting: Some(format!("Besluit {} goedgekeurd", voorstel.besluittype())),
            resultaat: Some(resultaat.to_owned()),
            einddatum: Some(vandaag.to_string()),
            melding: Some(bericht(
                "Er is een besluit over uw aanvraag",
                "Wij hebben een besluit genomen over uw aanvraag voor bijstand. U vindt de brief bij uw aanvraag in Mijn inkomen.".into(),
                email(&zaak),
            )),
            ..Overgang::naar("afgehandeld")
        }
    } else {
        Overgang {
            toelichting: Some("Voorschot goedgekeurd (artikel 52 Participatiewet)".into()),
            melding: Some(bericht(
                "U krijgt een voorschot",
                "Wij hebben nog niet beslist over uw aanvraag. U krijgt alvast een voorschot op uw bijstand (artikel 52 Participatiewet).".into(),
                email(&zaak),
            )),
            ..Overgang::naar("in_behandeling")
        }
    };
    // An approved toekenning starts the running benefit the payments process pays.
    let uitkering = match (&voorstel, goedgekeurd) {
        (
            Voorstel::Toekenning {
                ingangsdatum,
                bedrag_per_maand,
                ..
            },
            true,
        ) => {
            let iban = zaak
                .aanvraag
                .get("iban")
                .and_then(|v| v.as_str())
                .unwrap_or("");
            Some(NieuweUitkering {
                regeling: "algemene_bijstand",
                ingangsdatum: ingangsdatum.to_string(),
                bedrag_per_maand: *bedrag_per_maand,
                iban: gbi_domain::Iban::parse(iban).map_err(|e| {
                    StoreError::Corrupt(format!("rekeningnummer van de aanvraag: {}", e.message))
                })?,
                huishouden: berekende_feiten(db, scope, &zaak.id, *bedrag_per_maand).await?,
            })
        }
        _ => None,
    };
    let oordeel = besluiten::Oordeel {
        door,
        goedgekeurd,
        opmerking,
        overgang: o,
        // A decision (not a voorschot) gets its beschikking letter.
        werk: match &voorstel {
            Voorstel::Toekenning { .. } => vec![
                BRIEF_BESCHIKKING.to_owned(),
                crate::lo_behandeld::KOPPELING_SOCRATES.to_owned(),
            ],
            Voorstel::Afwijzing { .. } | Voorstel::BuitenBehandeling { .. } => {
                vec![BRIEF_BESCHIKKING.to_owned()]
            }
            Voorstel::Voorschot { .. } => Vec::new(),
        },
        uitkering,
    };
    besluiten::beoordelen(db, scope, &besluit.id, oordeel).await
}

/// The household facts the advice was computed from, when the decided
/// amount is the advised one: then the rules compute every month's right
/// from them (the month ledger). When the caseworker decided another amount,
/// the rules lack facts a person weighed, and the benefit keeps that fixed
/// amount.
async fn berekende_feiten(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    bedrag: gbi_domain::Money,
) -> Result<Option<serde_json::Value>, StoreError> {
    let advies = gbi_store::werk::beoordeling(db, scope, zaak_id).await?;
    Ok(advies
        .filter(|a| a["berekend"].as_bool() == Some(true))
        .filter(|a| a["uitkomst"]["bijstand_cents"].as_i64() == Some(bedrag.cents()))
        .and_then(|a| a.get("invoer").cloned()))
}

/// The background work that writes the beschikking letter of a decision.
pub const BRIEF_BESCHIKKING: &str = "brief:beschikking";

fn document_naam(code: &str) -> &str {
    crate::catalogus::ALO
        .informatieobjecttype(code)
        .map(|d| d.omschrijving)
        .unwrap_or(code)
}

/// Watch the deadlines until `stop` resolves: every ten minutes, expired
/// hersteltermijnen go back to the queue with their proposal.
pub async fn bewaak_termijnen(db: Db, stop: impl std::future::Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        match verlopen_hersteltermijnen(&db, gbi_domain::today_amsterdam()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(n, "expired hersteltermijnen returned to the work queue"),
            Err(e) => tracing::error!(error = %e, "deadline watch failed"),
        }
        tokio::select! {
            () = &mut stop => return,
            () = tokio::time::sleep(std::time::Duration::from_secs(600)) => {}
        }
    }
}

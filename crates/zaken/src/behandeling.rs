//! Handling an application in the werkplek, within the law's deadlines and
//! the four-eyes principle: the hersteltermijn (Awb 4:5) with suspension of
//! the deadline, extension (Awb 4:14), and decisions that one person
//! proposes and another approves. The system proposes; a person decides.

use crate::termijnen::{Termijn, volgende_werkdag};
use chrono::NaiveDate;
use gbi_domain::{GemeenteCode, TaakSoort, TaakVoor, ZaakStatus};
use gbi_store::behandeling::{self, Overgang};
use gbi_store::besluiten::{self, Besluit};
use gbi_store::hersteltermijn::{self, Hersteltermijn};
use gbi_store::uitkeringen::NieuweUitkering;
use gbi_store::zaken::{Melding, NieuweTaak, Zaak};
use gbi_store::{Db, Scope, StoreError};
use serde::{Deserialize, Serialize};

use crate::commando::Fout;
pub use crate::voorstel::Voorstel;
use crate::voorstel::{Context, Ongeldig};

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
        mail_tekst: "Beste inwoner,\n\nEr staat een nieuw bericht voor u klaar op Mijn inkomen."
            .into(),
    }
}

fn email(zaak: &Zaak) -> Option<String> {
    zaak.aanvraag
        .get("email")
        .and_then(|v| v.as_str())
        .map(str::to_owned)
}

fn datum(d: NaiveDate) -> String {
    gbi_domain::date::dutch_date(d)
}

/// What is asked of the resident in a hersteltermijn.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Verzoek {
    /// Informatieobjecttypen, e.g. `bankafschrift`.
    pub documenten: Vec<String>,
    /// Questions in plain Dutch.
    pub vragen: Vec<String>,
}

/// The longest hersteltermijn a caseworker can give. Awb 4:5 leaves the
/// length to the college; usual is one or two weeks. Longer than six weeks
/// leaves the decision period (eight weeks, Awb 4:13) suspended for longer
/// than it runs: then the zaak waits on nobody's decision.
pub const LANGSTE_HERSTELTERMIJN_DAGEN: u64 = 42;

impl Verzoek {
    /// What is asked must be known documents or questions, and the deadline
    /// after today and within [`LANGSTE_HERSTELTERMIJN_DAGEN`].
    pub fn controleren(
        &self,
        regeling: &dyn crate::regeling::Regeling,
        deadline: NaiveDate,
        vandaag: NaiveDate,
    ) -> Result<(), Ongeldig> {
        let fout = |veld, melding: String| Ongeldig { veld, melding };
        if self.documenten.is_empty() && self.vragen.is_empty() {
            return Err(fout(
                "document",
                "Kies minstens één document of stel een vraag.".into(),
            ));
        }
        if let Some(d) = self.documenten.iter().find(|d| {
            d.as_str() == "beschikking" || regeling.zaaktype().informatieobjecttype(d).is_none()
        }) {
            return Err(fout("document", format!("Onbekend document: {d}.")));
        }
        if self.vragen.len() > 20 || self.vragen.iter().any(|v| v.chars().count() > 1000) {
            return Err(fout(
                "vraag",
                "Stel hoogstens 20 vragen van hoogstens 1000 tekens.".into(),
            ));
        }
        let laatst = vandaag
            .checked_add_days(chrono::Days::new(LANGSTE_HERSTELTERMIJN_DAGEN))
            .unwrap_or(vandaag);
        if deadline <= vandaag {
            return Err(fout(
                "deadline",
                "De uiterste datum moet na vandaag liggen.".into(),
            ));
        }
        if deadline > laatst {
            return Err(fout(
                "deadline",
                format!(
                    "Een hersteltermijn duurt hoogstens zes weken: kies een datum tot en met {}.",
                    datum(laatst)
                ),
            ));
        }
        Ok(())
    }
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
            voor: TaakVoor::Inwoner,
            soort: TaakSoort::Hersteltermijn,
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
        vanaf: BEHANDELBAAR,
        ..Overgang::naar(ZaakStatus::Hersteltermijn)
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
            voor: TaakVoor::Medewerker,
            soort: TaakSoort::VerderBehandelen,
            titel: "Gevraagde gegevens ontvangen: verder behandelen".into(),
            toelichting: None,
            deadline: Some(termijn.uiterste_datum(vandaag).to_string()),
        }),
        ..Overgang::naar(ZaakStatus::InBehandeling)
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
                voor: TaakVoor::Medewerker,
                soort: TaakSoort::VoorstelBuitenBehandeling,
                titel: "Voorstel: aanvraag buiten behandeling stellen (artikel 4:5 Awb)".into(),
                toelichting: Some("De inwoner heeft de gevraagde gegevens niet op tijd gestuurd. Beslis of de aanvraag buiten behandeling wordt gesteld, of neem eerst contact op.".into()),
                deadline: Some(termijn.uiterste_datum(vandaag).to_string()),
            }),
            ..Overgang::naar(ZaakStatus::InBehandeling)
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
    termijn
        .verlengen(dagen, vandaag)
        .map_err(StoreError::Conflict)?;
    let nieuw = termijn.uiterste_datum(vandaag);
    let o = Overgang {
        status: zaak.status,
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
        ..Overgang::naar(ZaakStatus::InBehandeling)
    };
    behandeling::overgang(db, scope, &zaak.id, o, "beslistermijn verlengen").await
}

/// The statuses from which a decision can be proposed or information asked:
/// not while a proposal waits for a colleague or a hersteltermijn runs.
pub const BEHANDELBAAR: &[ZaakStatus] = &[
    ZaakStatus::Ontvangen,
    ZaakStatus::WachtenOpInfo,
    ZaakStatus::InBehandeling,
    ZaakStatus::Handhaven,
    ZaakStatus::Loket,
    ZaakStatus::Beschikken,
];

/// The context a proposal on this zaak is checked in: the melding, today,
/// and the monthly bijstand the pre-assessment computed, if it could.
/// `beleid` is the gemeente's policy: the kostensoorten it grants per month.
pub async fn context(
    db: &Db,
    scope: &Scope,
    zaak: &Zaak,
    vandaag: NaiveDate,
    beleid: Option<&gbi_rules::Regels>,
) -> Result<Context, StoreError> {
    let melding = gbi_domain::date::parse_date(&zaak.registratiedatum).map_err(|e| {
        StoreError::Corrupt(format!(
            "registratiedatum van zaak {}: {}",
            zaak.identificatie, e.message
        ))
    })?;
    let advies = gbi_store::werk::beoordeling(db, scope, &zaak.id)
        .await?
        .filter(|a| a["berekend"].as_bool() == Some(true));
    let verwacht = advies
        .as_ref()
        .and_then(|a| a["uitkomst"]["bijstand_cents"].as_i64())
        .map(gbi_domain::Money::from_cents);
    let svb = advies
        .as_ref()
        .is_some_and(|a| a["uitkomst"]["uitvoerder"].as_str() == Some("svb"));
    let regeling = crate::commando::regeling_van(zaak)?;
    let eenmalig = regeling
        .uitkering()
        .is_none()
        .then(|| crate::eenmalig::Regels {
            lening_mag: regeling.lening_mag(),
            advies: advies
                .as_ref()
                .and_then(crate::advies::Advies::lees)
                .and_then(|a| a.eenmalig)
                .map(|e| gbi_domain::Money::from_cents(e.bedrag_cents)),
        });
    let mut ctx = Context {
        melding,
        vandaag,
        verwacht: if eenmalig.is_some() { None } else { verwacht },
        svb: svb && eenmalig.is_none(),
        eenmalig,
        periodiek: None,
    };
    ctx.periodiek = crate::periodiek::regels(&ctx, regeling, scope.gemeente, zaak, beleid);
    Ok(ctx)
}

/// Propose a decision; it goes to a second person (status toetsen). The
/// proposal is checked first: whatever calls this, a negative, zero or
/// absurd amount or date is refused.
pub async fn voorstellen(
    db: &Db,
    scope: &Scope,
    zaak: &Zaak,
    voorstel: &Voorstel,
    door: &str,
    vandaag: NaiveDate,
    beleid: Option<&gbi_rules::Regels>,
) -> Result<Besluit, Fout> {
    voorstel.controleren(&context(db, scope, zaak, vandaag, beleid).await?)?;
    if let Voorstel::Afwijzing { gronden, .. } = voorstel {
        let regeling = crate::commando::regeling_van(zaak)?;
        if let Some(g) = gronden
            .iter()
            .find(|g| !regeling.afwijzingsgronden().contains(g))
        {
            return Err(crate::voorstel::Ongeldig {
                veld: "grond",
                melding: format!("Deze reden past niet bij deze regeling: {}.", g.label()),
            }
            .into());
        }
    }
    let inhoud = serde_json::to_value(voorstel)
        .map_err(|e| StoreError::Corrupt(format!("voorstel: {e}")))?;
    let o = Overgang {
        toelichting: Some(format!("Voorstel: {}", voorstel.besluittype())),
        vanaf: BEHANDELBAAR,
        ..Overgang::naar(ZaakStatus::Toetsen)
    };
    Ok(besluiten::voorstellen(
        db,
        scope,
        &zaak.id,
        voorstel.besluittype(),
        &inhoud,
        door,
        o,
    )
    .await?)
}

/// Judge a proposal. Approval of a final decision ends the zaak with its
/// resultaat and tells the resident a decision waits for them; sending back
/// returns the zaak to the one who proposed, with the remark.
#[allow(clippy::too_many_arguments)]
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    besluit: &Besluit,
    door: &str,
    goedgekeurd: bool,
    opmerking: Option<&str>,
    vandaag: NaiveDate,
    beleid: Option<&gbi_rules::Regels>,
) -> Result<Besluit, Fout> {
    let voorstel = crate::commando::voorstel_van(besluit)?;
    let zaak = gbi_store::zaken::get(db, scope, &besluit.zaak_id, "besluit beoordelen")
        .await?
        .ok_or(StoreError::NotFound)?;
    let regeling = crate::commando::regeling_van(&zaak)?;
    if goedgekeurd {
        // Checked again: nothing unsound is approved, however it was stored.
        voorstel.controleren(&context(db, scope, &zaak, vandaag, beleid).await?)?;
    }
    let o = if !goedgekeurd {
        Overgang {
            toelichting: Some(format!(
                "Voorstel teruggestuurd: {}",
                opmerking.unwrap_or("")
            )),
            taak: Some(NieuweTaak {
                voor: TaakVoor::Medewerker,
                soort: TaakSoort::VoorstelAanpassen,
                titel: format!(
                    "Voorstel aanpassen: {}",
                    opmerking.unwrap_or("zie opmerking")
                ),
                toelichting: None,
                deadline: zaak.uiterste_datum.clone(),
            }),
            vanaf: &[ZaakStatus::Toetsen],
            ..Overgang::naar(ZaakStatus::InBehandeling)
        }
    } else if let Some(resultaat) = voorstel.resultaat() {
        Overgang {
            toelichting: Some(format!("Besluit {} goedgekeurd", voorstel.besluittype())),
            resultaat: Some(resultaat.to_owned()),
            einddatum: Some(vandaag.to_string()),
            melding: Some(bericht(
                "Er is een besluit over uw aanvraag",
                format!(
                    "Wij hebben een besluit genomen over uw aanvraag voor {}. U vindt de brief bij uw aanvraag in Mijn inkomen.",
                    regeling.naam_voor_inwoner()
                ),
                email(&zaak),
            )),
            vanaf: &[ZaakStatus::Toetsen],
            ..Overgang::naar(ZaakStatus::Afgehandeld)
        }
    } else {
        Overgang {
            toelichting: Some("Voorschot goedgekeurd (artikel 52 Participatiewet)".into()),
            melding: Some(bericht(
                "U krijgt een voorschot",
                "Wij hebben nog niet beslist over uw aanvraag. U krijgt alvast een voorschot op uw bijstand (artikel 52 Participatiewet).".into(),
                email(&zaak),
            )),
            vanaf: &[ZaakStatus::Toetsen],
            ..Overgang::naar(ZaakStatus::InBehandeling)
        }
    };
    // An approved toekenning starts the running benefit the payments process pays.
    let uitkering = match (&voorstel, goedgekeurd, regeling.uitkering()) {
        (
            Voorstel::Toekenning {
                ingangsdatum,
                bedrag_per_maand,
                ..
            },
            true,
            Some(code),
        ) => {
            let iban = zaak
                .aanvraag
                .get("iban")
                .and_then(|v| v.as_str())
                .unwrap_or("");
            Some(NieuweUitkering {
                regeling: code,
                ingangsdatum: ingangsdatum.to_string(),
                bedrag_per_maand: *bedrag_per_maand,
                iban: gbi_domain::Iban::parse(iban).map_err(|e| {
                    StoreError::Corrupt(format!("rekeningnummer van de aanvraag: {}", e.message))
                })?,
                huishouden: berekende_feiten(db, scope, &zaak.id, *bedrag_per_maand).await?,
                einddatum: None,
                begunstigde_naam: None,
            })
        }
        (Voorstel::Periodiek(p), true, _) => Some(crate::periodiek::uitkering(regeling, p)),
        _ => None,
    };
    let oordeel = besluiten::Oordeel {
        door,
        goedgekeurd,
        opmerking,
        overgang: o,
        // What follows an approval, as the regeling says (a letter, Socrates).
        werk: regeling
            .vervolgwerk(&voorstel)
            .iter()
            .map(|w| w.code().to_owned())
            .collect(),
        uitkering,
        eenmalige_betaling: match (&voorstel, goedgekeurd) {
            (Voorstel::Eenmalig(e), true) => {
                Some(eenmalige_betaling(&zaak, regeling, &besluit.id, e, vandaag))
            }
            _ => None,
        },
        // A loan is a claim on the resident (art. 48-2, 51), in the same transaction.
        vordering: match (&voorstel, goedgekeurd) {
            (Voorstel::Eenmalig(e), true) => {
                let advies = gbi_store::werk::beoordeling(db, scope, &zaak.id)
                    .await?
                    .as_ref()
                    .and_then(crate::advies::Advies::lees)
                    .and_then(|a| a.eenmalig);
                e.vordering(&besluit.id, advies.as_ref(), vandaag)
            }
            _ => None,
        },
    };
    Ok(besluiten::beoordelen(db, scope, &besluit.id, oordeel).await?)
}

/// The one-off payment an approved toekenning starts: in the betaalrun of
/// the month after the decision, to whom the decision names.
fn eenmalige_betaling(
    zaak: &Zaak,
    regeling: &dyn crate::regeling::Regeling,
    besluit_id: &str,
    e: &crate::eenmalig::Eenmalig,
    vandaag: NaiveDate,
) -> gbi_store::eenmalige_betalingen::NieuweEenmaligeBetaling {
    let wat = zaak
        .aanvraag
        .get("omschrijving")
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|w| !w.is_empty());
    let naam = regeling.naam().to_owned();
    let mut omschrijving = match wat {
        Some(w) => format!("{naam}: {w}"),
        None => naam,
    };
    if let Some(first) = omschrijving.get(..1) {
        omschrijving = first.to_uppercase() + omschrijving.get(1..).unwrap_or("");
    }
    gbi_store::eenmalige_betalingen::NieuweEenmaligeBetaling {
        besluit_id: besluit_id.to_owned(),
        bedrag: e.bedrag,
        iban: e.begunstigde.iban.clone(),
        naam: e.begunstigde.naam.clone(),
        derde: e.begunstigde.derde,
        omschrijving: omschrijving.chars().take(100).collect(),
        regeling: regeling.code().to_owned(),
        vanaf_maand: gbi_domain::Maand::of(vandaag).next(),
    }
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

pub(crate) fn document_naam(code: &str) -> &str {
    crate::catalogus::ALO
        .informatieobjecttype(code)
        .map(|d| d.omschrijving)
        .unwrap_or(code)
}

/// Watch the deadlines until `stop` resolves: every ten minutes, expired
/// hersteltermijnen go back to the queue with their proposal. With several
/// instances on one database one of them does it each round (the lease
/// `job:bewaak_termijnen`).
pub async fn bewaak_termijnen(db: Db, stop: impl std::future::Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        // Several instances: one of them looks every ten minutes.
        let resultaat = match gbi_store::lease::per_interval(&db, "job:bewaak_termijnen", 600).await
        {
            Ok(true) => verlopen_hersteltermijnen(&db, gbi_domain::today_amsterdam()).await,
            Ok(false) => Ok(0),
            Err(e) => Err(e),
        };
        match resultaat {
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

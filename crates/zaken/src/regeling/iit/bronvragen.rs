//! The IIT of a resident who is not the gemeente's own client: for the
//! months of the reference period the ledger does not cover, GBI asks the
//! sources the closed yes/no questions the looplijst asks for the IIT
//! (docs/looplijst-criteria-api.md), about this one household (applicant
//! and partner: one onderwerp), for the purpose `AANVRAAG_BEHANDELEN`.
//!
//! Asked in the zaak's sources step (`bron:gesloten_vragen`), stored as a
//! snapshot with provenance and logged for every person asked about. A
//! source that does not answer never loses the application: the item is
//! tried again like any source (and "bronnen opnieuw" tries it at once);
//! after [`POGINGEN`] tries the answer is `onbekend` and the advice leaves
//! the months to a person.

use crate::registers::BrpHuishouden;
use crate::werk::{Antwoord, BronFout, Bronnen};
use chrono::{NaiveDate, Utc};
use gbi_domain::{Bsn, GemeenteCode};
use gbi_registers::RegisterError;
use gbi_registers::looplijst::{self, Doelbinding, LooplijstClient};
use gbi_rules::Regels;
use gbi_rules::looplijst::{BronCode, Catalogi, Leefsituatie, RegelingCode, Vraag, Vragen};
use gbi_store::logboek;
use gbi_store::werk::{self, Snapshot, StoredSnapshot, WerkItem};
use gbi_store::{Db, Scope, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The snapshot's source code (and the werk item's `bron:gesloten_vragen`).
pub const BRON: &str = "gesloten_vragen";

/// Tries before a source that does not answer counts as `onbekend`.
pub const POGINGEN: i64 = 3;

/// The grounds of asking, in the provenance.
const GRONDSLAG: &str = "Participatiewet art. 36 lid 1 (langdurig laag inkomen, vermogen), art. 36 lid 3, art. 64 en art. 67";

/// A source's answer to the question as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Uitkomst {
    Ja,
    Nee,
    Onbekend,
}

/// One question and its answer, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beantwoord {
    /// The looplijst criterion, e.g. `langdurig_laag_inkomen`.
    pub criterium: String,
    /// `uwv`, `bijstandsregelingen`, `belastingdienst`.
    pub bron: String,
    /// The source as people know it.
    pub bron_naam: String,
    /// The question on the wire, e.g. `INKOMEN_TEN_HOOGSTE`.
    pub vraag: String,
    #[serde(default)]
    pub grens_cents: Option<i64>,
    #[serde(default)]
    pub maanden: Option<u32>,
    pub antwoord: Uitkomst,
    /// Why the answer is `onbekend`, when the source gave none.
    #[serde(default)]
    pub reden: Option<String>,
}

/// What the sources said about one application's household.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bronantwoorden {
    /// Whether anything was asked.
    pub gevraagd: bool,
    /// Why nothing was asked.
    #[serde(default)]
    pub reden: String,
    #[serde(default)]
    pub vragen: Vec<Beantwoord>,
}

impl Bronantwoorden {
    /// Nothing asked, and why.
    pub fn niet(reden: impl Into<String>) -> Self {
        Self {
            gevraagd: false,
            reden: reden.into(),
            vragen: Vec::new(),
        }
    }

    /// The newest answers among a zaak's snapshots.
    pub fn uit(snapshots: &[StoredSnapshot]) -> Option<Self> {
        snapshots
            .iter()
            .rev()
            .find(|s| s.bron == BRON)
            .and_then(|s| serde_json::from_value(s.inhoud.clone()).ok())
    }

    fn vraag(&self, codes: &[&str]) -> Option<&Beantwoord> {
        self.vragen
            .iter()
            .find(|b| codes.contains(&b.vraag.as_str()))
    }

    /// The income question (UWV).
    pub fn inkomen(&self) -> Option<&Beantwoord> {
        self.vraag(&["INKOMEN_TEN_HOOGSTE", "INKOMEN_ONDER"])
    }

    /// The assets question (Belastingdienst).
    pub fn vermogen(&self) -> Option<&Beantwoord> {
        self.vraag(&["VERMOGEN_ONDER"])
    }

    /// Whether the household received a regeling (Bijstandsregelingen).
    pub fn regeling(&self) -> Option<&Beantwoord> {
        self.vraag(&["ONTVANGT_REGELING"])
    }
}

/// The household of one application, as the questions need it.
#[derive(Debug, Clone)]
pub struct Verzoek {
    pub gemeente: GemeenteCode,
    pub peildatum: NaiveDate,
    /// The applicant and the partner: one onderwerp.
    pub onderwerp: Vec<Bsn>,
    pub leefsituatie: Leefsituatie,
    /// The ledger's periods of bijstand of the applicant.
    pub bijstand: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// A source that does not answer now is `onbekend`.
    pub laatste_poging: bool,
}

/// The IIT questions of the looplijst for this household, with the
/// thresholds of the gemeente's policy on the peildatum: (criterion code,
/// source, question). Local (BRP) criteria are left out; empty when the
/// ledger covers the whole reference period.
pub fn vragen(
    regels: &Regels,
    catalogi: &Catalogi,
    v: &Verzoek,
) -> Result<Vec<(String, BronCode, Vraag)>, String> {
    let catalogus = catalogi
        .op(v.peildatum)
        .ok_or("er zijn geen looplijstcriteria voor deze datum")?;
    let regeling = catalogus
        .regeling(RegelingCode::Iit)
        .ok_or("de looplijstcriteria kennen de IIT niet")?;
    let peil = regels
        .parameters
        .peil(v.peildatum, Some(v.gemeente))
        .map_err(|e| e.voor_medewerker())?;
    let vragen = Vragen::voor(regeling, &peil, v.gemeente).map_err(|e| e.voor_medewerker())?;
    let mut uit = Vec::new();
    for (i, c) in regeling.criteria.iter().enumerate() {
        match vragen.vraag(i, &v.leefsituatie) {
            None | Some(Vraag::Lokaal(_)) => {}
            Some(q) => uit.push((c.code.clone(), c.bron, q)),
        }
    }
    let periode = uit.iter().find_map(|(_, _, q)| match q {
        Vraag::Inkomen { maanden, .. } => Some(*maanden),
        _ => None,
    });
    match periode {
        Some(m) if !super::advies::grootboek_dekt(&v.bijstand, v.peildatum, m) => Ok(uit),
        _ => Ok(Vec::new()),
    }
}

/// Ask every question of [`vragen`] of its source. A source that is down
/// fails the call (so the item is tried again), except on the last try,
/// when its answer is `onbekend` with the reason.
pub async fn vraag_alles(
    client: Option<&LooplijstClient>,
    regels: &Regels,
    catalogi: Result<&Catalogi, &str>,
    v: &Verzoek,
) -> Result<Antwoord, BronFout> {
    let antwoorden = match (client, catalogi) {
        (None, _) => Bronantwoorden::niet(
            "de bronnen voor gesloten vragen zijn niet ingesteld ([registers.looplijst])",
        ),
        (_, Err(e)) => Bronantwoorden::niet(format!("looplijstcriteria: {e}")),
        (Some(client), Ok(catalogi)) => match vragen(regels, catalogi, v) {
            Err(reden) => Bronantwoorden::niet(reden),
            Ok(q) if q.is_empty() => {
                Bronantwoorden::niet("het grootboek dekt de hele referentieperiode")
            }
            Ok(q) => stel(client, &q, v).await?,
        },
    };
    Ok(Antwoord {
        inhoud: serde_json::to_value(&antwoorden).unwrap_or(Value::Null),
        herkomst: json!({
            "bron": BRON,
            "bronnen": antwoorden.vragen.iter().map(|b| b.bron.as_str()).collect::<Vec<_>>(),
            "opgevraagd_op": Utc::now(),
            "vraag": antwoorden.vragen.iter().map(|b| b.vraag.as_str()).collect::<Vec<_>>().join(", "),
            "doelbinding": looplijst::DOELBINDING_AANVRAAG,
            "grondslag": GRONDSLAG,
        }),
    })
}

async fn stel(
    client: &LooplijstClient,
    q: &[(String, BronCode, Vraag)],
    v: &Verzoek,
) -> Result<Bronantwoorden, BronFout> {
    let onderwerpen = [v.onderwerp.clone()];
    let mut uit = Bronantwoorden {
        gevraagd: true,
        ..Default::default()
    };
    for (criterium, bron, vraag) in q {
        let Some(cv) = crate::looplijst::naar_bron(*vraag) else {
            continue;
        };
        let d = Doelbinding::AanvraagBehandelen;
        let (antwoord, reden) = match client.vraag_voor(d, &cv, v.peildatum, &onderwerpen).await {
            Ok(a) => (
                match a.first() {
                    Some(looplijst::Antwoord::Ja) => Uitkomst::Ja,
                    Some(looplijst::Antwoord::Nee) => Uitkomst::Nee,
                    _ => Uitkomst::Onbekend,
                },
                None,
            ),
            Err(e @ RegisterError::Unavailable { .. }) if !v.laatste_poging => {
                return Err(BronFout::Onbereikbaar(e.to_string()));
            }
            Err(e) => (Uitkomst::Onbekend, Some(e.to_string())),
        };
        let (grens_cents, maanden) = match *vraag {
            Vraag::Inkomen { grens, maanden, .. } => (Some(grens.cents()), Some(maanden)),
            Vraag::Vermogen { grens } => (Some(grens.cents()), None),
            Vraag::OntvangtRegeling { maanden, .. } => (None, Some(maanden)),
            Vraag::Lokaal(_) => (None, None),
        };
        uit.vragen.push(Beantwoord {
            criterium: criterium.clone(),
            bron: bron.code().to_owned(),
            bron_naam: bron.naam().to_owned(),
            vraag: cv.as_str().to_owned(),
            grens_cents,
            maanden,
            antwoord,
            reden,
        });
    }
    Ok(uit)
}

/// The household from the zaak's BRP snapshot: the onderwerp (applicant
/// and a partner of marriage or registered partnership) and its
/// leefsituatie; `None` when the BRP does not know the applicant.
fn huishouden(
    snapshots: &[StoredSnapshot],
    peildatum: NaiveDate,
) -> Option<(Vec<Bsn>, Leefsituatie)> {
    let brp: BrpHuishouden = crate::vergelijking::snapshot(snapshots, "brp")
        .cloned()
        .and_then(|v| serde_json::from_value(v).ok())?;
    let p = &brp.persoon;
    let geboren = p.geboortedatum.as_ref().and_then(|d| d.volledig())?;
    let partner = p
        .partners
        .iter()
        .find(|x| x.ontbinding.is_none())
        .and_then(|x| x.persoon.bsn.clone());
    let kinderen = p.kinderen.iter().any(|k| {
        k.geboortedatum
            .as_ref()
            .and_then(|d| d.volledig())
            .is_some_and(|d| gbi_domain::date::age_on(d, peildatum) < 18)
    });
    let mut onderwerp = vec![p.bsn.clone()];
    onderwerp.extend(partner.clone());
    Some((
        onderwerp,
        Leefsituatie {
            geboren,
            samen: partner.is_some(),
            kinderen,
        },
    ))
}

/// The `bron:gesloten_vragen` item of a zaak: wait for the BRP, then ask
/// (or record why nothing was asked), store the snapshot and log the read
/// for every person asked about.
pub async fn raadpleeg<B: Bronnen>(
    db: &Db,
    scope: &Scope,
    item: &WerkItem,
    bsn: &Bsn,
    bronnen: &B,
    vandaag: NaiveDate,
) -> Result<(), StoreError> {
    let brp_wacht = werk::voor_zaak(db, scope, &item.zaak_id)
        .await?
        .iter()
        .any(|w| w.soort == "bron:brp" && w.status != "klaar");
    if brp_wacht {
        return werk::retry_later(db, item, "wacht op bronnen: brp", 3).await;
    }
    let snapshots = werk::snapshots(db, scope, &item.zaak_id).await?;
    let start = gbi_store::now_utc();
    let uitkomst = match huishouden(&snapshots, vandaag) {
        None => Ok((
            vec![bsn.clone()],
            Antwoord {
                inhoud: serde_json::to_value(Bronantwoorden::niet(
                    "de BRP kent de aanvrager of de geboortedatum niet",
                ))
                .unwrap_or(Value::Null),
                herkomst: json!({ "bron": BRON, "opgevraagd_op": Utc::now(), "vraag": "niets gevraagd", "doelbinding": looplijst::DOELBINDING_AANVRAAG }),
            },
        )),
        Some((onderwerp, leefsituatie)) => {
            let v = Verzoek {
                gemeente: scope.gemeente,
                peildatum: vandaag,
                onderwerp,
                leefsituatie,
                bijstand: gbi_store::uitkeringen::perioden(db, scope, bsn, "algemene_bijstand")
                    .await?,
                laatste_poging: item.pogingen >= POGINGEN,
            };
            bronnen
                .gesloten_vragen(&v, &scope.trace)
                .await
                .map(|a| (v.onderwerp, a))
        }
    };
    match uitkomst {
        Ok((onderwerp, a)) => {
            // A read is logged only for the persons a source was asked about.
            let gevraagd = a.inhoud.get("gevraagd").and_then(Value::as_bool) == Some(true);
            let onderwerp = if gevraagd { onderwerp } else { Vec::new() };
            let snap = Snapshot {
                bron: BRON,
                inhoud: &a.inhoud,
                herkomst: &a.herkomst,
            };
            let activiteit = &logboek::BRON_RAADPLEGEN;
            werk::done_voor(db, scope, item, &onderwerp, activiteit, Some(snap), None).await
        }
        Err(BronFout::Onbereikbaar(reden))
        | Err(BronFout::Geweigerd(reden))
        | Err(BronFout::Onverstuurbaar(reden)) => {
            tracing::warn!(pogingen = item.pogingen, reden = %reden, "closed questions not answered; retrying later");
            // The questions about the applicant failed: status Error.
            logboek::record_fout(
                db,
                scope,
                &logboek::BRON_RAADPLEGEN,
                logboek::Handeling::Lezen,
                bsn,
                "gesloten vragen aan de bronnen",
                &start,
                &reden,
            )
            .await?;
            werk::retry_later(db, item, &reden, crate::werk::backoff(item.pogingen)).await
        }
    }
}

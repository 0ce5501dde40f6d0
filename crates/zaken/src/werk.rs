//! The background work of zaken: consult every register for a submitted
//! application, store each answer as a dated snapshot with provenance, and
//! when all are in, calculate a pre-assessment with its explanation.
//!
//! Work lives in the database (`gbi_store::werk`), so a restart loses
//! nothing. A register that is down or slow never blocks or loses an
//! application: the item is tried again with growing pauses, and the zaak
//! shows which source is pending and why.

use crate::werksoort::{Bron, WerkSoort};
use chrono::NaiveDate;
use gbi_domain::{Bsn, GemeenteCode, TraceContext};
use gbi_store::logboek;
use gbi_store::werk::{self, Snapshot, StoredSnapshot, WerkItem};
use gbi_store::{Db, Scope, StoreError};
use serde_json::Value;
use std::future::Future;
use std::time::Duration;

/// A register's answer.
pub struct Antwoord {
    pub inhoud: Value,
    /// Source, moment, query and purpose of the answer.
    pub herkomst: Value,
}

/// Why a register gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BronFout {
    /// Down, slow or erroring: try again later.
    Onbereikbaar(String),
    /// The register refused the question (e.g. not authorised): a person
    /// must look; trying again later keeps it visible.
    Geweigerd(String),
    /// What would be delivered cannot be made valid from the data (e.g. an
    /// LO Behandeld message): a task for functioneel beheer with the
    /// reason; the delivery is tried again only after a day.
    Onverstuurbaar(String),
}

/// The registers, as the process layer sees them. Implemented over the
/// real clients by `RegisterBronnen`; tests may use their own.
pub trait Bronnen: Send + Sync {
    /// Ask `bron` (brp, uwv, duo, rdw, kadaster, svb, bijstandsregelingen,
    /// belastingdienst) about `bsn`. "Not found" is an answer, not an error.
    fn raadpleeg(
        &self,
        bron: &str,
        bsn: &Bsn,
        gemeente: &GemeenteCode,
        trace: &TraceContext,
    ) -> impl Future<Output = Result<Antwoord, BronFout>> + Send;

    /// The looplijst's closed questions about the household of one IIT
    /// application (`bron:gesloten_vragen`). By default nothing is asked:
    /// the advice then works as for a resident the sources cannot say
    /// anything about.
    fn gesloten_vragen(
        &self,
        _verzoek: &crate::regeling::iit::bronvragen::Verzoek,
        _trace: &TraceContext,
    ) -> impl Future<Output = Result<Antwoord, BronFout>> + Send {
        async {
            let niet = crate::regeling::iit::bronvragen::Bronantwoorden::niet(
                "deze bronnen stellen geen gesloten vragen",
            );
            Ok(Antwoord {
                inhoud: serde_json::to_value(niet).unwrap_or(Value::Null),
                herkomst: serde_json::json!({ "bron": "gesloten_vragen", "vraag": "niets gevraagd" }),
            })
        }
    }
}

/// The rules, as the process layer sees them.
pub trait Beoordelaar: Send + Sync {
    /// A pre-assessment with its explanation, from the application and the
    /// snapshots, on `datum`.
    fn beoordeel(
        &self,
        gemeente: &GemeenteCode,
        aanvraag: &Value,
        snapshots: &[StoredSnapshot],
        datum: NaiveDate,
    ) -> Result<Value, String>;

    /// The advice on an application of `zaaktype`, with what the
    /// gemeente's own records add. By default the ALO pre-assessment.
    fn beoordeel_regeling(
        &self,
        gemeente: &GemeenteCode,
        _zaaktype: &str,
        aanvraag: &Value,
        snapshots: &[StoredSnapshot],
        _eigen: &crate::advies::EigenGegevens,
        datum: NaiveDate,
    ) -> Result<Value, String> {
        self.beoordeel(gemeente, aanvraag, snapshots, datum)
    }
}

/// A letter made for a zaak: the PDF and how it is filed.
pub struct GemaakteBrief {
    pub bestandsnaam: String,
    pub informatieobjecttype: &'static str,
    pub pdf: Vec<u8>,
    /// The addressee's name as on the letter; a letter for a resident who
    /// did not consent to electronic delivery goes to the print queue.
    pub ontvanger_naam: String,
    /// Always on paper (see `gbi_store::werk::Brief::per_post`).
    pub per_post: bool,
}

/// What follows a decision, as the process layer sees it: letters, and
/// handing the zaak to other systems.
pub trait Afhandeling: Send + Sync {
    /// Make letter `soort` (e.g. `beschikking`) for a zaak. An error is
    /// shown on the zaak and the letter is tried again later.
    fn brief(
        &self,
        db: &Db,
        scope: &Scope,
        zaak_id: &str,
        soort: &str,
    ) -> impl Future<Output = Result<GemaakteBrief, String>> + Send;

    /// Hand the zaak to another system (`koppeling`, e.g. `socrates`).
    fn lever(
        &self,
        db: &Db,
        scope: &Scope,
        zaak_id: &str,
        koppeling: &str,
    ) -> impl Future<Output = Result<(), BronFout>> + Send;
}

/// Seconds before a delivery that could not be made valid is tried again
/// (the data may have been corrected meanwhile): a day.
pub const ONVERSTUURBAAR_OPNIEUW: i64 = 24 * 3600;

/// Seconds to wait before attempt `pogingen + 1`: 2, 4, 8 … up to 5 minutes.
pub fn backoff(pogingen: i64) -> i64 {
    let exp = pogingen.clamp(1, 9) as u32;
    (2_i64.pow(exp)).min(300)
}

/// Do one item of work, if one is due. Returns whether there was one.
pub async fn run_once<B: Bronnen, R: Beoordelaar, L: Afhandeling>(
    db: &Db,
    bronnen: &B,
    beoordelaar: &R,
    afhandeling: &L,
    vandaag: NaiveDate,
) -> Result<bool, StoreError> {
    let Some(item) = werk::take_next(db).await? else {
        return Ok(false);
    };
    match doe(db, item, bronnen, beoordelaar, afhandeling, vandaag).await {
        // Taken over by another instance after this take's lease expired:
        // that one finishes it, nothing of this take was written.
        Err(StoreError::Conflict(reden)) => {
            tracing::warn!(reden = %reden, "work item not finished here");
            Ok(true)
        }
        r => r,
    }
}

/// Do the item this instance took.
async fn doe<B: Bronnen, R: Beoordelaar, L: Afhandeling>(
    db: &Db,
    item: WerkItem,
    bronnen: &B,
    beoordelaar: &R,
    afhandeling: &L,
    vandaag: NaiveDate,
) -> Result<bool, StoreError> {
    let (gemeente, bsn, aanvraag, zaaktype) = werk::zaak_context(db, &item).await?;
    let scope = Scope::system(gemeente, "werk");
    let soort = WerkSoort::parse(&item.soort);
    if soort == Some(WerkSoort::Bron(Bron::GeslotenVragen)) {
        crate::regeling::iit::bronvragen::raadpleeg(db, &scope, &item, &bsn, bronnen, vandaag)
            .await?;
    } else if let Some(WerkSoort::Bron(bron)) = soort {
        let bron = bron.code();
        let start = gbi_store::now_utc();
        match bronnen.raadpleeg(bron, &bsn, &gemeente, &scope.trace).await {
            Ok(a) => {
                let snap = Snapshot {
                    bron,
                    inhoud: &a.inhoud,
                    herkomst: &a.herkomst,
                };
                werk::done(
                    db,
                    &scope,
                    &item,
                    &bsn,
                    &logboek::BRON_RAADPLEGEN,
                    Some(snap),
                    None,
                )
                .await?;
            }
            Err(BronFout::Onbereikbaar(reden))
            | Err(BronFout::Geweigerd(reden))
            | Err(BronFout::Onverstuurbaar(reden)) => {
                tracing::warn!(bron, pogingen = item.pogingen, reden = %reden, "register not reached; retrying later");
                // The BSN went out and the lookup failed: a processing
                // with status Error.
                logboek::record_fout(
                    db,
                    &scope,
                    &logboek::BRON_RAADPLEGEN,
                    logboek::Handeling::Lezen,
                    &bsn,
                    &format!("{bron} raadplegen"),
                    &start,
                    &reden,
                )
                .await?;
                werk::retry_later(db, &item, &reden, backoff(item.pogingen)).await?;
            }
        }
    } else if soort == Some(WerkSoort::Beoordeling) {
        let zaak = Beoordeeld {
            bsn: &bsn,
            zaaktype: &zaaktype,
            aanvraag: &aanvraag,
        };
        beoordelen(db, &scope, &item, zaak, beoordelaar, vandaag).await?;
    } else if let Some(
        w @ (WerkSoort::BriefBeschikking
        | WerkSoort::BriefVoorschot
        | WerkSoort::BriefHerziening(_)
        | WerkSoort::BriefTerugvordering
        | WerkSoort::BriefKwijtschelding
        | WerkSoort::BriefBoete
        | WerkSoort::BriefBeslagvrijeVoet
        | WerkSoort::BriefAanmaning
        | WerkSoort::BriefDwangbevel
        | WerkSoort::BriefBetalingsregeling
        | WerkSoort::BriefDerdenbeslag),
    ) = soort
    {
        let soort = match w {
            WerkSoort::BriefVoorschot => "voorschot".to_owned(),
            WerkSoort::BriefTerugvordering => "terugvordering".to_owned(),
            WerkSoort::BriefKwijtschelding => "kwijtschelding".to_owned(),
            WerkSoort::BriefBoete => "boete".to_owned(),
            WerkSoort::BriefBeslagvrijeVoet => "beslagvrije_voet".to_owned(),
            WerkSoort::BriefAanmaning => "aanmaning".to_owned(),
            WerkSoort::BriefDwangbevel => "dwangbevel".to_owned(),
            WerkSoort::BriefBetalingsregeling => "betalingsregeling".to_owned(),
            WerkSoort::BriefDerdenbeslag => "derdenbeslag".to_owned(),
            WerkSoort::BriefHerziening(m) => format!("herziening:{m}"),
            _ => "beschikking".to_owned(),
        };
        let soort = soort.as_str();
        match afhandeling.brief(db, &scope, &item.zaak_id, soort).await {
            Ok(b) => {
                let brief = werk::Brief {
                    bestandsnaam: &b.bestandsnaam,
                    informatieobjecttype: b.informatieobjecttype,
                    inhoud: &b.pdf,
                    ontvanger_naam: &b.ontvanger_naam,
                    per_post: b.per_post,
                };
                match werk::done_with_letter(db, &scope, &item, &bsn, brief).await {
                    Ok(_) | Err(StoreError::Conflict(_)) => {}
                    Err(e) => return Err(e),
                }
            }
            Err(reden) => {
                tracing::warn!(soort, reden = %reden, "letter not made; retrying later");
                werk::retry_later(db, &item, &reden, backoff(item.pogingen)).await?;
            }
        }
    } else if soort == Some(WerkSoort::KoppelingSocrates) {
        let koppeling = "socrates";
        match afhandeling
            .lever(db, &scope, &item.zaak_id, koppeling)
            .await
        {
            Ok(()) => {
                werk::done(
                    db,
                    &scope,
                    &item,
                    &bsn,
                    &logboek::ZAAK_VERSTREKKEN,
                    None,
                    None,
                )
                .await?;
                let taak = WerkSoort::SocratesOnverstuurbaar.code();
                werk::sluit_taak(db, &scope, &item.zaak_id, &taak).await?;
            }
            Err(BronFout::Onbereikbaar(reden)) | Err(BronFout::Geweigerd(reden)) => {
                tracing::warn!(koppeling, pogingen = item.pogingen, reden = %reden, "delivery failed; retrying later");
                werk::retry_later(db, &item, &reden, backoff(item.pogingen)).await?;
            }
            Err(BronFout::Onverstuurbaar(reden)) => {
                tracing::warn!(koppeling, reden = %reden, "message cannot be made valid; task for functioneel beheer");
                let taak = WerkSoort::SocratesOnverstuurbaar.code();
                werk::meld_taak(db, &scope, &item.zaak_id, &taak, &reden).await?;
                werk::retry_later(db, &item, &reden, ONVERSTUURBAAR_OPNIEUW).await?;
            }
        }
    } else {
        werk::retry_later(
            db,
            &item,
            &format!("onbekend soort werk: {}", item.soort),
            3600,
        )
        .await?;
    }
    Ok(true)
}

/// The zaak whose application is assessed.
struct Beoordeeld<'a> {
    bsn: &'a Bsn,
    zaaktype: &'a str,
    aanvraag: &'a Value,
}

/// What the gemeente's own records add to an application of `bsn`.
async fn eigen_gegevens(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    bsn: &Bsn,
) -> Result<crate::advies::EigenGegevens, StoreError> {
    // Months of algemene bijstand only: a periodic bijzondere bijstand runs
    // on the same ledger but is no bijstand for the IIT's reference period.
    let alo = crate::regeling::Regeling::code(&crate::regeling::alo::Alo);
    let bijstand = gbi_store::uitkeringen::perioden(db, scope, bsn, alo).await?;
    let laatste_iit = gbi_store::besluiten::laatste_toekenning(
        db,
        scope,
        bsn,
        crate::catalogus::IIT.identificatie,
    )
    .await?;
    let documenten = gbi_store::documenten::list(db, scope, None, Some(zaak_id))
        .await?
        .into_iter()
        .map(|d| d.informatieobjecttype)
        .collect();
    Ok(crate::advies::EigenGegevens {
        bijstand,
        laatste_iit,
        documenten,
    })
}

async fn beoordelen<R: Beoordelaar>(
    db: &Db,
    scope: &Scope,
    item: &WerkItem,
    zaak: Beoordeeld<'_>,
    beoordelaar: &R,
    vandaag: NaiveDate,
) -> Result<(), StoreError> {
    let Beoordeeld {
        bsn,
        zaaktype,
        aanvraag,
    } = zaak;
    let wachtend: Vec<String> = werk::voor_zaak(db, scope, &item.zaak_id)
        .await?
        .into_iter()
        .filter(|w| w.status != "klaar")
        .filter_map(|w| match WerkSoort::parse(&w.soort) {
            Some(WerkSoort::Bron(b)) => Some(b.code().to_owned()),
            _ => None,
        })
        .collect();
    if !wachtend.is_empty() {
        // Not an error: the calculation waits for the registers.
        return werk::retry_later(
            db,
            item,
            &format!("wacht op bronnen: {}", wachtend.join(", ")),
            3,
        )
        .await;
    }
    let snapshots = werk::snapshots(db, scope, &item.zaak_id).await?;
    let eigen = if zaaktype == crate::catalogus::ALO.identificatie {
        crate::advies::EigenGegevens::default()
    } else {
        eigen_gegevens(db, scope, &item.zaak_id, bsn).await?
    };
    match beoordelaar.beoordeel_regeling(
        &scope.gemeente,
        zaaktype,
        aanvraag,
        &snapshots,
        &eigen,
        vandaag,
    ) {
        Ok(uitkomst) => {
            werk::done(
                db,
                scope,
                item,
                bsn,
                &logboek::RECHT_BEREKENEN,
                None,
                Some(&uitkomst),
            )
            .await
        }
        Err(reden) => werk::retry_later(db, item, &reden, 3600).await,
    }
}

/// Work until `stop` resolves: take items as they come, pause when idle.
pub async fn run<B: Bronnen, R: Beoordelaar, L: Afhandeling>(
    db: Db,
    bronnen: B,
    beoordelaar: R,
    afhandeling: L,
    stop: impl Future<Output = ()>,
) {
    tokio::pin!(stop);
    loop {
        let did = match run_once(
            &db,
            &bronnen,
            &beoordelaar,
            &afhandeling,
            gbi_domain::today_amsterdam(),
        )
        .await
        {
            Ok(did) => did,
            Err(e) => {
                tracing::error!(error = %e, "background work failed");
                false
            }
        };
        if !did {
            tokio::select! {
                () = &mut stop => return,
                () = tokio::time::sleep(Duration::from_millis(250)) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_five_minutes() {
        assert_eq!(backoff(1), 2);
        assert_eq!(backoff(2), 4);
        assert_eq!(backoff(5), 32);
        assert_eq!(backoff(30), 300);
    }
}

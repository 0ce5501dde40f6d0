//! Wages from UWV, offset automatically where the gemeente chooses so
//! (`uwv_loon_automatisch_verrekenen` in its policy): for a month, every
//! running benefit whose right the rules compute is asked of UWV
//! (UWVDossierInkomstenGSD, the polisadministratie) for the wages of the
//! resident and, with a partner in the household, of the partner; the net
//! wages are recorded as an inkomstenopgave by `systeem:uwv`, and the month
//! ledger offsets them with the vrijlatingen.
//!
//! - **Net from UWV.** UWV gives the fiscal wage (loon voor de loonheffing)
//!   and the loonheffing withheld per declaration period; GBI counts
//!   `loon − ingehouden loonheffing` as net wage (the same relation the
//!   testbed uses). Periods that lack either amount are not counted, so no
//!   figure is ever guessed. A relation that is not employment (CdSrtIkv
//!   other than 11, e.g. a pension or a benefit) counts as other income
//!   (`overig`), without vrijlating n.
//! - **A person's report wins.** When the resident or a caseworker reported
//!   the month, the UWV figure is not recorded; and the ledger always counts
//!   a person's report above UWV's (`grootboek::geldende_opgave`), also when
//!   the resident reports after the import.
//! - **Idempotent.** Recording the same figure again does nothing; a changed
//!   figure (a correction at UWV) is recorded as the new latest.
//! - **All or nothing against an outage.** UWV is asked for every benefit
//!   first; only when every answer is in are they recorded (each benefit in
//!   one transaction with its processing-log records). When UWV is down the
//!   import stops with an error and nothing is written; running it again
//!   retries.

use crate::registers::BrpHuishouden;
use gbi_domain::{Bsn, GemeenteCode, Maand, Money};
use gbi_registers::suwinet::Periode;
use gbi_registers::suwinet::uwv::Inkomstenverhouding;
use gbi_registers::{RegisterError, Registers};
use gbi_rules::Regels;
use gbi_store::inkomsten::{self, UwvVastlegging};
use gbi_store::logboek::{self, Handeling, Status, Verwerking};
use gbi_store::uitkeringen::{self, Uitkering};
use gbi_store::{Db, Scope, StoreError, werk};
use serde::Serialize;

/// The purpose (doelbinding) of asking UWV for wages of a running benefit.
pub const DOELBINDING_UWV_LOON: &str =
    "Participatiewet art. 17, 31, 32 en 64: verrekening van loon met de bijstand";

/// The system job that records UWV figures (`door = "systeem:uwv"`).
pub const JOB: &str = "uwv";

#[derive(Debug, thiserror::Error)]
pub enum UwvLoonFout {
    #[error(
        "UWV is niet bereikbaar ({0}); er is niets vastgelegd. Probeer het later opnieuw: dezelfde opdracht gaat verder waar nodig."
    )]
    Onbereikbaar(String),
    #[error("UWV weigert de vraag ({0}); er is niets vastgelegd.")]
    Geweigerd(String),
    #[error(
        "de registers zijn niet ingesteld ([registers] in de configuratie); zonder kan GBI UWV niet vragen"
    )]
    GeenRegisters,
    #[error("beleid: {0}")]
    Beleid(#[from] gbi_rules::RekenFout),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Net wages of one month as UWV knows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Loon {
    pub arbeid: Money,
    pub overig: Money,
}

/// What the import did for one benefit.
#[derive(Debug, Clone, Serialize)]
pub struct Regel {
    pub uitkering_id: String,
    pub zaak_id: String,
    pub loon: Loon,
    /// `None`: UWV knows no wages for the month; nothing recorded.
    pub vastlegging: Option<UwvVastlegging>,
}

/// The result of an import for a gemeente and a month.
#[derive(Debug, Clone, Serialize)]
pub struct Verslag {
    pub gemeente: GemeenteCode,
    pub maand: Maand,
    /// Whether the gemeente's policy says ja for the month.
    pub beleid: bool,
    pub regels: Vec<Regel>,
}

impl Verslag {
    pub fn aantal(&self, v: UwvVastlegging) -> usize {
        self.regels
            .iter()
            .filter(|r| r.vastlegging == Some(v))
            .count()
    }

    pub fn zonder_loon(&self) -> usize {
        self.regels
            .iter()
            .filter(|r| r.vastlegging.is_none())
            .count()
    }
}

/// The net wages of `maand` in UWV's answer: loon minus loonheffing withheld
/// of the declaration periods that start in the month.
pub fn loon_in_maand(ikvs: &[Inkomstenverhouding], maand: Maand) -> Loon {
    let mut loon = Loon::default();
    for ikv in ikvs {
        let arbeid = ikv
            .inkomstenperioden
            .iter()
            .all(|p| p.soort.as_deref().is_none_or(|s| s == "11"));
        for p in &ikv.perioden {
            let in_maand = p.van.is_some_and(|d| Maand::of(d) == maand);
            if let (true, Some(l), Some(h)) =
                (in_maand, p.loon_cents, p.ingehouden_loonheffing_cents)
            {
                let netto = Money::from_cents((l - h).max(0));
                if arbeid {
                    loon.arbeid += netto;
                } else {
                    loon.overig += netto;
                }
            }
        }
    }
    loon
}

/// The partner's BSN from the BRP snapshot of the benefit's zaak.
async fn partner_bsn(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Option<Bsn>, StoreError> {
    let snapshots = werk::snapshots(db, scope, zaak_id).await?;
    Ok(snapshots
        .iter()
        .rev()
        .find(|s| s.bron == "brp")
        .and_then(|s| {
            serde_json::from_value::<BrpHuishouden>(s.inhoud.get("gegevens")?.clone()).ok()
        })
        .and_then(|h| {
            h.persoon
                .partners
                .iter()
                .find(|p| p.ontbinding.is_none())
                .and_then(|p| p.persoon.bsn.clone())
        }))
}

async fn vraag_uwv(registers: &Registers, bsn: &Bsn, maand: Maand) -> Result<Loon, UwvLoonFout> {
    let periode = Periode {
        van: maand.first_day(),
        tot: maand.last_day(),
    };
    match registers
        .suwinet
        .inkomstenverhoudingen(bsn, Some(periode), DOELBINDING_UWV_LOON)
        .await
    {
        Ok(b) => Ok(loon_in_maand(&b.gegevens, maand)),
        Err(RegisterError::NotFound { .. }) => Ok(Loon::default()),
        Err(e @ RegisterError::Unavailable { .. }) => Err(UwvLoonFout::Onbereikbaar(e.to_string())),
        Err(e) => Err(UwvLoonFout::Geweigerd(e.to_string())),
    }
}

/// Asking UWV for one resident's wages (the BSN goes out).
fn uwv_verwerking(bsn: &Bsn, start_time: String) -> Verwerking<'_> {
    Verwerking {
        activiteit: &logboek::INKOMSTEN_UWV_VERREKENEN,
        handeling: Handeling::Lezen,
        betrokkene: bsn,
        naam: "loon opvragen bij UWV",
        start_time,
    }
}

/// [`vraag_uwv`]; a lookup that fails is logged with status Error.
async fn vraag_gelogd(
    db: &Db,
    scope: &Scope,
    registers: &Registers,
    bsn: &Bsn,
    maand: Maand,
    start: &str,
) -> Result<Loon, UwvLoonFout> {
    let antwoord = vraag_uwv(registers, bsn, maand).await;
    if let Err(UwvLoonFout::Onbereikbaar(reden) | UwvLoonFout::Geweigerd(reden)) = &antwoord {
        logboek::record_los(
            db,
            scope,
            uwv_verwerking(bsn, start.to_owned()),
            Status::Error,
            Some(reden),
        )
        .await?;
    }
    antwoord
}

/// Whether the household of a benefit has a partner in `maand` (from the
/// facts of the toekenning or a later processed change).
async fn heeft_partner(db: &Db, scope: &Scope, u: &Uitkering, maand: Maand) -> bool {
    let Some(basis) = u
        .huishouden
        .clone()
        .and_then(|h| serde_json::from_value::<gbi_rules::Huishouden>(h).ok())
    else {
        return false;
    };
    let mut versies = Vec::new();
    if let Ok(vs) = gbi_store::wijzigingen::feiten(db, scope, &u.id).await {
        for v in vs {
            if let Ok(h) = serde_json::from_value::<gbi_rules::Huishouden>(v.huishouden) {
                versies.push((v.geldig_van, h));
            }
        }
    }
    let h = versies
        .iter()
        .filter(|(van, _)| *van <= maand)
        .max_by_key(|(van, _)| *van)
        .map_or(&basis, |(_, h)| h);
    h.partner.is_some()
}

/// Import the wages of `maand` for every running benefit of `gemeente`
/// whose right the rules compute, when the gemeente's policy says ja for
/// that month. `registers` may be `None` when no benefit needs asking.
pub async fn importeren(
    db: &Db,
    registers: Option<&Registers>,
    regels: &Regels,
    gemeente: GemeenteCode,
    maand: Maand,
) -> Result<Verslag, UwvLoonFout> {
    let scope = Scope::system(gemeente, JOB);
    let beleid = regels
        .parameters
        .uwv_loon_automatisch_verrekenen(gemeente, maand.first_day())?;
    let mut verslag = Verslag {
        gemeente,
        maand,
        beleid,
        regels: Vec::new(),
    };
    if !beleid {
        return Ok(verslag);
    }
    let lopend = uitkeringen::berekend_lopend(
        db,
        &scope,
        &maand.first_day().to_string(),
        &maand.last_day().to_string(),
    )
    .await?;
    if lopend.is_empty() {
        return Ok(verslag);
    }
    let registers = registers.ok_or(UwvLoonFout::GeenRegisters)?;
    // Ask everything first: an outage halfway writes nothing.
    let mut antwoorden = Vec::with_capacity(lopend.len());
    for u in &lopend {
        let start = gbi_store::now_utc();
        let mut loon = vraag_gelogd(db, &scope, registers, &u.bsn, maand, &start).await?;
        if heeft_partner(db, &scope, u, maand).await
            && let Some(partner) = partner_bsn(db, &scope, &u.zaak_id).await?
        {
            // The partner is a data subject of their own: a record of
            // their own, whatever UWV answers.
            let p = vraag_gelogd(db, &scope, registers, &partner, maand, &start).await?;
            let status = if p == Loon::default() {
                Status::Unset
            } else {
                Status::Ok
            };
            logboek::record_los(
                db,
                &scope,
                uwv_verwerking(&partner, start.clone()),
                status,
                None,
            )
            .await?;
            loon.arbeid += p.arbeid;
            loon.overig += p.overig;
        }
        antwoorden.push((loon, start));
    }
    for (u, (loon, start)) in lopend.iter().zip(antwoorden) {
        let vastlegging = if loon == Loon::default() {
            // Asked and found nothing: logged (status Unset), nothing to
            // offset.
            logboek::record_los(
                db,
                &scope,
                uwv_verwerking(&u.bsn, start),
                Status::Unset,
                None,
            )
            .await?;
            None
        } else {
            Some(inkomsten::uwv_vastleggen(db, &scope, u, maand, loon.arbeid, loon.overig).await?)
        };
        verslag.regels.push(Regel {
            uitkering_id: u.id.clone(),
            zaak_id: u.zaak_id.clone(),
            loon,
            vastlegging,
        });
    }
    tracing::info!(
        gemeente = %gemeente,
        maand = %maand,
        vastgelegd = verslag.aantal(UwvVastlegging::Vastgelegd),
        "UWV wages imported"
    );
    Ok(verslag)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use chrono::NaiveDate;
    use gbi_registers::suwinet::uwv::{Inkomstenperiode, Loonperiode};

    fn periode(van: &str, loon: Option<i64>, heffing: Option<i64>) -> Loonperiode {
        Loonperiode {
            van: NaiveDate::parse_from_str(van, "%Y-%m-%d").ok(),
            tot: None,
            loon_cents: loon,
            brutoloon_sv_cents: loon,
            ingehouden_loonheffing_cents: heffing,
            vakantietoeslag_cents: None,
            opgebouwd_recht_vakantietoeslag_cents: None,
            extra_periodesalaris_cents: None,
            reiskosten_onbelast_cents: None,
            verloonde_uren: None,
            sv_dagen: None,
        }
    }

    fn ikv(soort: &str, perioden: Vec<Loonperiode>) -> Inkomstenverhouding {
        Inkomstenverhouding {
            volgnummer: Some(1),
            werkgever: Some("Werkgever".into()),
            loonheffingennummer: None,
            begindatum: None,
            einddatum: None,
            inkomstenperioden: vec![Inkomstenperiode {
                van: None,
                tot: None,
                soort: Some(soort.into()),
                aard: None,
                type_arbeidscontract: None,
                loonheffingskorting_toegepast: Some(true),
            }],
            perioden,
        }
    }

    #[test]
    fn net_wage_of_the_month_is_loon_minus_loonheffing() {
        let m = Maand::parse("2026-07").unwrap();
        let l = loon_in_maand(
            &[
                ikv(
                    "11",
                    vec![
                        periode("2026-06-01", Some(100_000), Some(10_000)),
                        periode("2026-07-01", Some(120_000), Some(15_000)),
                        // No loonheffing known: not counted, never guessed.
                        periode("2026-07-15", Some(50_000), None),
                    ],
                ),
                // A pension counts as other income.
                ikv("18", vec![periode("2026-07-01", Some(30_000), Some(3_000))]),
            ],
            m,
        );
        assert_eq!(l.arbeid, Money::from_cents(105_000));
        assert_eq!(l.overig, Money::from_cents(27_000));
    }
}

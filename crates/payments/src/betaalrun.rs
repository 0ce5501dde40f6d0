//! The monthly betaalrun of a gemeente: compute every running benefit's
//! payment for the month, store the payments in batches (restartable: a
//! payment exists at most once per benefit per month), and — after a second
//! person approves — release the SEPA file.

use crate::grootboek;
use crate::sepa::{self, Debiteur, Overboeking};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use gbi_domain::{GemeenteCode, Maand, Money, Rounding, RoundingMode};
use gbi_rules::{Huishouden, Regels};
use gbi_store::betalingen::{self, Betaalrun, NieuweBetaling, TeBetalen};
use gbi_store::{Db, Scope, StoreError};

/// A part of a month is paid for its calendar days. The Participatiewet does
/// not prescribe the rounding; GBI rounds to the nearest cent.
pub const DEELMAAND: Rounding = Rounding::new(
    "betaling deel van de maand (kalenderdagen)",
    RoundingMode::HalfAwayFromZero,
);

#[derive(Debug, thiserror::Error)]
pub enum RunFout {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "de gemeente heeft geen eigen rekeningnummer ingesteld; zonder kan er geen betaalbestand worden gemaakt"
    )]
    GeenRekening,
    #[error(transparent)]
    Sepa(#[from] sepa::SepaFout),
}

/// The payment for `maand`: the monthly amount, for the days of the month
/// the benefit runs.
pub fn maandbedrag(u: &TeBetalen, maand: Maand) -> Money {
    deel_van_maand(u.bedrag_per_maand, u, maand)
}

/// The amount of a benefit with household facts: the right the rules compute
/// for the month (with the income reported for it), minus the reserved
/// vakantietoeslag, for the days the benefit runs; in the betaalmaand (June)
/// plus the vakantietoeslag of the twelve months before.
pub async fn berekend_bedrag(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    u: &TeBetalen,
    huishouden: &str,
    maand: Maand,
) -> Result<Money, String> {
    let basis: Huishouden =
        serde_json::from_str(huishouden).map_err(|e| format!("feiten van het huishouden: {e}"))?;
    let feiten = feiten_van(db, scope, &u.uitkering_id, basis).await?;
    let opgaven = gbi_store::inkomsten::van_uitkering(db, scope, &u.uitkering_id)
        .await
        .map_err(|e| e.to_string())?;
    let gemeente = GemeenteCode::parse(&u.gemeente_code).map_err(|e| e.message)?;
    let ingang = gbi_domain::date::parse_date(&u.ingangsdatum)
        .map(Maand::of)
        .unwrap_or(maand);
    let recht = grootboek::maandrecht(regels, gemeente, &feiten, &opgaven, ingang, maand)
        .map_err(|e| e.to_string())?;
    let mut bedrag = deel_van_maand(
        Money::from_cents(recht.uitkomst.uit_te_betalen_cents),
        u,
        maand,
    );
    let einde = u
        .einddatum
        .as_deref()
        .and_then(|e| gbi_domain::date::parse_date(e).ok())
        .map(Maand::of);
    bedrag +=
        grootboek::vakantietoeslag_uit(regels, gemeente, &feiten, &opgaven, maand, ingang, einde)
            .map_err(|e| e.to_string())?;
    Ok(bedrag)
}

/// The household facts of a benefit: those of the toekenning and the dated
/// versions processed changes made.
pub async fn feiten_van(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
    basis: Huishouden,
) -> Result<grootboek::Feiten, String> {
    let mut versies = Vec::new();
    for v in gbi_store::wijzigingen::feiten(db, scope, uitkering_id)
        .await
        .map_err(|e| e.to_string())?
    {
        let h: Huishouden = serde_json::from_value(v.huishouden)
            .map_err(|e| format!("feiten van {}: {e}", v.geldig_van))?;
        versies.push((v.geldig_van, h));
    }
    Ok(grootboek::Feiten { basis, versies })
}

fn deel_van_maand(bedrag_per_maand: Money, u: &TeBetalen, maand: Maand) -> Money {
    let begin = gbi_domain::date::parse_date(&u.ingangsdatum)
        .unwrap_or(maand.first_day())
        .max(maand.first_day());
    let eind = u
        .einddatum
        .as_deref()
        .and_then(|e| gbi_domain::date::parse_date(e).ok())
        .unwrap_or(maand.last_day())
        .min(maand.last_day());
    if eind < begin {
        return Money::ZERO;
    }
    let dagen = (eind - begin).num_days() + 1;
    let totaal = i64::from(maand.days());
    if dagen == totaal {
        bedrag_per_maand
    } else {
        bedrag_per_maand.mul_ratio(dagen, totaal, DEELMAAND)
    }
}

/// Compute and store the run of `maand`. `voortgang(gedaan, totaal)` is
/// called after every batch. Running it again changes nothing that was
/// stored; after a crash it continues where it stopped.
pub async fn berekenen(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    maand: Maand,
    door: &str,
    mut voortgang: impl FnMut(u64, u64),
) -> Result<Betaalrun, RunFout> {
    let run = betalingen::run_voor_maand(db, scope, &maand.to_string(), door).await?;
    if run.status == "vrijgegeven" {
        return Ok(run);
    }
    let (eerste, laatste) = (maand.first_day().to_string(), maand.last_day().to_string());
    let totaal = betalingen::aantal_te_betalen(db, scope, &eerste, &laatste).await? as u64;
    let mut gedaan = 0u64;
    let mut na = String::new();
    loop {
        let batch = betalingen::te_betalen(db, scope, &eerste, &laatste, &na, 2000).await?;
        let Some(last) = batch.last() else { break };
        na = last.uitkering_id.clone();
        let mut nieuw: Vec<NieuweBetaling> = Vec::with_capacity(batch.len());
        for u in &batch {
            let bedrag = match &u.huishouden {
                None => maandbedrag(u, maand),
                Some(h) => match berekend_bedrag(db, scope, regels, u, h, maand).await {
                    Ok(b) => b,
                    Err(reden) => {
                        // Not paid by this run; the ledger shows why, and a
                        // rerun after the fix pays it.
                        tracing::error!(uitkering = %u.uitkering_id, %reden, "monthly right not computed; not paid");
                        continue;
                    }
                },
            };
            if bedrag.cents() > 0 {
                nieuw.push(NieuweBetaling {
                    end_to_end_id: end_to_end_id(&u.uitkering_id, maand),
                    uitkering_id: u.uitkering_id.clone(),
                    bedrag,
                    iban: u.iban.clone(),
                    naam: u.naam.clone(),
                    omschrijving: format!("Uitkering Participatiewet {}", maand.dutch_name()),
                });
            }
        }
        betalingen::betalingen_opslaan(db, scope, &run, &nieuw).await?;
        gedaan += batch.len() as u64;
        voortgang(gedaan, totaal);
    }
    Ok(betalingen::afronden(db, scope, &run.id).await?)
}

/// Deterministic, so a repeated run produces the same file: the month and
/// the first 28 characters of the benefit's id (without dashes).
fn end_to_end_id(uitkering_id: &str, maand: Maand) -> String {
    let id: String = uitkering_id
        .chars()
        .filter(|c| *c != '-')
        .take(28)
        .collect();
    format!("{:04}{:02}-{id}", maand.year(), maand.month())
}

/// A second person approves: the SEPA file is made and released.
pub async fn goedkeuren(
    db: &Db,
    scope: &Scope,
    run_id: &str,
    door: &str,
    nu: NaiveDateTime,
) -> Result<(Betaalrun, String), RunFout> {
    let run = betalingen::run(db, scope, run_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if run.aangemaakt_door == door {
        return Err(StoreError::Conflict(betalingen::EIGEN_RUN.into()).into());
    }
    let (naam, iban, bic) = betalingen::rekening(db, scope).await?;
    let iban = iban.ok_or(RunFout::GeenRekening)?;
    let betalingen = betalingen::van_run(db, scope, run_id).await?;
    let overboekingen: Vec<Overboeking<'_>> = betalingen
        .iter()
        .map(|b| Overboeking {
            end_to_end_id: &b.end_to_end_id,
            bedrag: b.bedrag,
            naam: &b.naam,
            iban: &b.iban,
            omschrijving: &b.omschrijving,
        })
        .collect();
    let maand = Maand::parse(&run.maand).map_err(StoreError::from)?;
    let uitvoerdatum = uitvoerdatum(maand, nu.date());
    let msg_id = format!("GBI-{}-{}", scope.gemeente, run.maand);
    let debiteur = Debiteur {
        naam: &format!("Gemeente {naam}"),
        iban: &iban,
        bic: bic.as_deref(),
    };
    let xml = sepa::pain_001_001_09(&msg_id, nu, uitvoerdatum, &debiteur, &overboekingen)?;
    let run = betalingen::goedkeuren(db, scope, run_id, door, &msg_id, &xml).await?;
    Ok((run, xml))
}

/// Benefits are paid before the month starts where possible: on the last
/// working day of the month before, or as soon as possible when that passed.
fn uitvoerdatum(maand: Maand, vandaag: NaiveDate) -> NaiveDate {
    let mut d = maand.previous().last_day();
    while matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
        d = d.pred_opt().unwrap_or(d);
    }
    d.max(vandaag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(bedrag: i64, begin: &str, eind: Option<&str>) -> TeBetalen {
        TeBetalen {
            uitkering_id: "u".into(),
            bedrag_per_maand: Money::from_cents(bedrag),
            ingangsdatum: begin.into(),
            einddatum: eind.map(str::to_owned),
            iban: "NL91ABNA0417164300".into(),
            naam: "A".into(),
            gemeente_code: "0392".into(),
            huishouden: None,
        }
    }

    #[test]
    fn a_whole_month_pays_the_monthly_amount() {
        let m = Maand::parse("2026-07").unwrap();
        assert_eq!(
            maandbedrag(&u(141_946, "2026-01-01", None), m).cents(),
            141_946
        );
    }

    #[test]
    fn a_part_of_the_month_pays_its_calendar_days() {
        let m = Maand::parse("2026-07").unwrap();
        // From 16 July: 16 of 31 days of € 1.419,46 = € 732,624… → € 732,62
        assert_eq!(
            maandbedrag(&u(141_946, "2026-07-16", None), m).cents(),
            73_262
        );
        // Ending 10 July: 10 of 31 days.
        assert_eq!(
            maandbedrag(&u(141_946, "2026-01-01", Some("2026-07-10")), m).cents(),
            45_789
        );
        assert_eq!(maandbedrag(&u(141_946, "2026-08-01", None), m).cents(), 0);
    }

    #[test]
    fn payment_is_due_on_the_last_working_day_before_the_month() {
        let m = Maand::parse("2026-08").unwrap(); // 31 July 2026 is a Friday
        assert_eq!(
            uitvoerdatum(m, NaiveDate::from_ymd_opt(2026, 7, 20).unwrap()),
            NaiveDate::from_ymd_opt(2026, 7, 31).unwrap()
        );
        let m = Maand::parse("2026-02").unwrap(); // 31 January 2026 is a Saturday
        assert_eq!(
            uitvoerdatum(m, NaiveDate::from_ymd_opt(2026, 1, 20).unwrap()),
            NaiveDate::from_ymd_opt(2026, 1, 30).unwrap()
        );
        assert_eq!(
            uitvoerdatum(m, NaiveDate::from_ymd_opt(2026, 2, 3).unwrap()),
            NaiveDate::from_ymd_opt(2026, 2, 3).unwrap()
        );
    }

    #[test]
    fn end_to_end_ids_fit_sepa() {
        let id = end_to_end_id(
            "2c6f8a4e-1b2d-4c3e-9f8a-7b6c5d4e3f2a",
            Maand::parse("2026-07").unwrap(),
        );
        assert!(id.len() <= 35, "{id}");
        assert!(id.starts_with("202607-"));
    }
}

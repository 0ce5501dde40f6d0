//! The pure parts of a betaalrun: the identifiers and dates of its payments
//! and its SEPA file. Running it — fetching what the database holds, the UWV
//! import, batches, exceptions, approval — is the process layer's
//! (`gbi_zaken::betaalrun`).

use crate::sepa::{self, Debiteur, Overboeking};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use gbi_domain::{GemeenteCode, Maand};
use gbi_store::betalingen::{Betaling, Rekening};

/// Deterministic, so a repeated run produces the same file: the month and
/// the first 28 characters of the benefit's id (without dashes).
pub fn end_to_end_id(uitkering_id: &str, maand: Maand) -> String {
    let id: String = uitkering_id
        .chars()
        .filter(|c| *c != '-')
        .take(28)
        .collect();
    format!("{:04}{:02}-{id}", maand.year(), maand.month())
}

/// The description on the resident's bank statement.
pub fn omschrijving(maand: Maand) -> String {
    format!("Uitkering Participatiewet {}", maand.dutch_name())
}

/// Benefits are paid before the month starts where possible: on the last
/// working day of the month before, or as soon as possible when that passed.
pub fn uitvoerdatum(maand: Maand, vandaag: NaiveDate) -> NaiveDate {
    let mut d = maand.previous().last_day();
    while matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
        d = d.pred_opt().unwrap_or(d);
    }
    d.max(vandaag)
}

/// The message id of a run's SEPA file: one per gemeente and month.
pub fn msg_id(gemeente: GemeenteCode, maand: Maand) -> String {
    format!("GBI-{gemeente}-{maand}")
}

/// The SEPA file (pain.001.001.09) of a run's payments, paid from the
/// gemeente's own account.
pub fn sepa_bestand(
    gemeente: GemeenteCode,
    maand: Maand,
    rekening: &Rekening,
    betalingen: &[Betaling],
    nu: NaiveDateTime,
) -> Result<String, sepa::SepaFout> {
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
    let debiteur = Debiteur {
        naam: &rekening.naam,
        iban: &rekening.iban,
        bic: rekening.bic.as_deref(),
    };
    sepa::pain_001_001_09(
        &msg_id(gemeente, maand),
        nu,
        uitvoerdatum(maand, nu.date()),
        &debiteur,
        &overboekingen,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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

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

/// The end-to-end id of a one-off payment (eenmalige betaling):
/// deterministic, so a repeated run produces the same file, and apart from
/// the benefits' ids (which start with the month): `EB-` and the first 32
/// letters and digits of its id.
pub fn end_to_end_id_eenmalig(id: &str) -> String {
    let id: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(32)
        .collect();
    format!("EB-{id}")
}

/// At most this many characters of unstructured remittance (SEPA).
const OMSCHRIJVING_MAX: usize = 140;

/// The text on the bank statement of a one-off payment: what it is for and
/// the zaak, e.g. `Bijzondere bijstand wasmachine, zaak ZAAK-0392-2026-000123`.
/// A long description is cut so the zaak always fits.
pub fn omschrijving_eenmalig(omschrijving: &str, zaak: &str) -> String {
    let zaak: String = zaak.chars().take(OMSCHRIJVING_MAX / 2).collect();
    let achter = format!(", zaak {zaak}");
    let ruimte = OMSCHRIJVING_MAX.saturating_sub(achter.chars().count());
    let voor: String = omschrijving.trim().chars().take(ruimte).collect();
    format!("{}{achter}", voor.trim_end())
}

/// The description on the resident's bank statement.
pub fn omschrijving(maand: Maand) -> String {
    format!("Uitkering Participatiewet {}", maand.dutch_name())
}

/// The description of a month's payment of a regeling other than
/// bijstand, such as a periodic bijzondere bijstand: its name and the month
/// ("Bijzondere bijstand december 2026").
pub fn omschrijving_regeling(naam: &str, maand: Maand) -> String {
    let naam = naam.trim();
    let mut tekens = naam.chars();
    let naam = match tekens.next() {
        Some(eerste) => eerste.to_uppercase().chain(tekens).collect::<String>(),
        None => String::new(),
    };
    let tekst = format!("{naam} {}", maand.dutch_name());
    tekst.trim().chars().take(OMSCHRIJVING_MAX).collect()
}

/// Whether banks execute a SEPA credit transfer on `d`: a TARGET2
/// business day. TARGET2 is closed on Saturdays and Sundays, New Year's
/// Day, Good Friday, Easter Monday, 1 May, Christmas Day and 26 December
/// (ECB, TARGET2 calendar; Dutch holidays such as Koningsdag are not
/// among them).
pub fn target_werkdag(d: NaiveDate) -> bool {
    if matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
        return false;
    }
    let pasen = gbi_domain::date::pasen(d.year());
    let gesloten = [
        NaiveDate::from_ymd_opt(d.year(), 1, 1),
        pasen.checked_sub_days(chrono::Days::new(2)),
        pasen.checked_add_days(chrono::Days::new(1)),
        NaiveDate::from_ymd_opt(d.year(), 5, 1),
        NaiveDate::from_ymd_opt(d.year(), 12, 25),
        NaiveDate::from_ymd_opt(d.year(), 12, 26),
    ];
    !gesloten.contains(&Some(d))
}

/// Benefits are paid before the month starts where possible: on the last
/// TARGET2 business day of the month before, or on the first business day
/// from `vandaag` on when that passed (never a weekend or bank holiday,
/// which a bank would refuse or move).
pub fn uitvoerdatum(maand: Maand, vandaag: NaiveDate) -> NaiveDate {
    let mut d = maand.previous().last_day();
    while !target_werkdag(d) {
        d = d.pred_opt().unwrap_or(d);
    }
    let mut d = d.max(vandaag);
    while !target_werkdag(d) {
        d = d.succ_opt().unwrap_or(d);
    }
    d
}

/// The message id of a run's SEPA file: the gemeente, the month and the
/// moment the file is made (at most 31 characters), so a file made again
/// never repeats the id of one a bank has seen.
pub fn msg_id(gemeente: GemeenteCode, maand: Maand, nu: NaiveDateTime) -> String {
    format!("GBI-{gemeente}-{maand}-{}", nu.format("%Y%m%d%H%M%S"))
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
        &msg_id(gemeente, maand, nu),
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
    fn a_periodic_regeling_names_itself_and_the_month_on_the_statement() {
        let m = Maand::parse("2027-01").unwrap();
        assert_eq!(
            omschrijving_regeling("bijzondere bijstand", m),
            "Bijzondere bijstand januari 2027"
        );
        assert_eq!(omschrijving_regeling("", m), "januari 2027");
        assert!(omschrijving_regeling(&"x".repeat(300), m).chars().count() <= OMSCHRIJVING_MAX);
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
    fn never_on_a_weekend_or_a_target2_holiday() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // Approved on Saturday 7 February 2026: paid on Monday the 9th.
        let feb = Maand::parse("2026-02").unwrap();
        assert_eq!(uitvoerdatum(feb, d(2026, 2, 7)), d(2026, 2, 9));
        // 30 March 2029 is Good Friday: April is paid on Thursday the 29th.
        let apr = Maand::parse("2029-04").unwrap();
        assert_eq!(uitvoerdatum(apr, d(2029, 3, 1)), d(2029, 3, 29));
        // Approved on Easter Monday 2026 (6 April) for April: Tuesday.
        let apr = Maand::parse("2026-04").unwrap();
        assert_eq!(uitvoerdatum(apr, d(2026, 4, 6)), d(2026, 4, 7));
        // December approved late, on Christmas Day: 25 and 26 December
        // are closed, then the weekend: Monday the 28th.
        let dec = Maand::parse("2026-12").unwrap();
        assert_eq!(uitvoerdatum(dec, d(2026, 12, 25)), d(2026, 12, 28));
        // January approved then is still paid before it starts.
        let jan = Maand::parse("2027-01").unwrap();
        assert_eq!(uitvoerdatum(jan, d(2026, 12, 25)), d(2026, 12, 31));
        // 1 May 2026 is a Friday and closed; Koningsdag is not a TARGET2 holiday.
        assert!(!target_werkdag(d(2026, 5, 1)));
        assert!(target_werkdag(d(2026, 4, 27)));
        assert!(!target_werkdag(d(2027, 1, 1)));
    }

    #[test]
    fn a_file_made_again_has_a_new_message_id() {
        let g = GemeenteCode::parse("0392").unwrap();
        let m = Maand::parse("2026-07").unwrap();
        let t = NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
        let a = msg_id(g, m, t.and_hms_opt(9, 0, 0).unwrap());
        let b = msg_id(g, m, t.and_hms_opt(9, 0, 1).unwrap());
        assert_eq!(a, "GBI-0392-2026-07-20260620090000");
        assert_ne!(a, b);
        assert!(a.len() <= 35);
    }

    #[test]
    fn a_one_off_payment_has_its_own_end_to_end_id() {
        let id = "2c6f8a4e-1b2d-4c3e-9f8a-7b6c5d4e3f2a";
        let e = end_to_end_id_eenmalig(id);
        assert_eq!(e, "EB-2c6f8a4e1b2d4c3e9f8a7b6c5d4e3f2a");
        assert_eq!(e.len(), 35);
        assert_ne!(e, end_to_end_id(id, Maand::parse("2026-07").unwrap()));
    }

    #[test]
    fn the_remittance_of_a_one_off_payment_keeps_the_zaak() {
        assert_eq!(
            omschrijving_eenmalig("Bijzondere bijstand wasmachine ", "ZAAK-1"),
            "Bijzondere bijstand wasmachine, zaak ZAAK-1"
        );
        let lang = omschrijving_eenmalig(&"x".repeat(300), "ZAAK-0392-2026-000123");
        assert_eq!(lang.chars().count(), 140);
        assert!(lang.ends_with(", zaak ZAAK-0392-2026-000123"));
    }

    proptest::proptest! {
        /// Any id gives a SEPA-safe end-to-end id of at most 35 characters,
        /// and different uuids give different ids.
        #[test]
        fn end_to_end_ids_of_one_off_payments_fit_sepa_and_differ(
            id in ".{0,80}",
            a in proptest::prelude::any::<u128>(),
            b in proptest::prelude::any::<u128>(),
        ) {
            let e = end_to_end_id_eenmalig(&id);
            proptest::prop_assert!(e.len() <= 35);
            proptest::prop_assert!(e.starts_with("EB-"));
            proptest::prop_assert!(e[3..].chars().all(|c| c.is_ascii_alphanumeric()));
            let (ua, ub) = (uuid_of(a), uuid_of(b));
            proptest::prop_assert_eq!(
                end_to_end_id_eenmalig(&ua) == end_to_end_id_eenmalig(&ub),
                ua == ub
            );
        }

        #[test]
        fn the_remittance_fits_sepa(o in ".{0,300}", z in "[A-Z0-9-]{1,40}") {
            let t = omschrijving_eenmalig(&o, &z);
            proptest::prop_assert!(t.chars().count() <= 140);
            let achter = format!(", zaak {z}");
            proptest::prop_assert!(t.ends_with(&achter));
        }
    }

    /// A uuid in its usual form, from 128 bits.
    fn uuid_of(n: u128) -> String {
        let h = format!("{n:032x}");
        format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
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

//! Legal deadlines.
//!
//! - Beslistermijn: 8 weeks after the aanvraag is received (Awb 4:13 with
//!   the Participatiewet), suspended while the applicant is asked to supply
//!   information (Awb 4:15 lid 1 sub a, art. 54 Pw), extendable (Awb 4:14).
//! - A deadline that ends on a Saturday, Sunday or general holiday moves to
//!   the next working day (Algemene termijnenwet art. 1 and 3, with Goede
//!   Vrijdag by art. 3 lid 2).
//! - A suspension runs from the day after the request for information until
//!   the day the information arrives (Awb 4:15 lid 1, onder a).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

pub use gbi_domain::date::pasen;

/// The general holidays of the Algemene termijnenwet that can fall on a
/// weekday: those of art. 3 lid 1 (Nieuwjaarsdag, Tweede Paasdag,
/// Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag, de dag
/// waarop de verjaardag van de Koning wordt gevierd, 5 mei — every year) and
/// Goede Vrijdag, which art. 3 lid 2 makes equal to them. Days the Crown
/// adds by decree (art. 3 lid 3) are in [`GELIJKGESTELDE_DAGEN`].
pub fn feestdagen(year: i32) -> Vec<NaiveDate> {
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(year, m, day).unwrap_or(NaiveDate::MIN);
    let easter = pasen(year);
    let plus = |n: u64| {
        easter
            .checked_add_days(Days::new(n))
            .unwrap_or(NaiveDate::MIN)
    };
    let goede_vrijdag = easter
        .checked_sub_days(Days::new(2))
        .unwrap_or(NaiveDate::MIN);
    // Koningsdag: 27 April, or 26 April when the 27th is a Sunday.
    let koningsdag = if d(4, 27).weekday() == Weekday::Sun {
        d(4, 26)
    } else {
        d(4, 27)
    };
    let mut dagen = vec![
        d(1, 1),
        goede_vrijdag,
        plus(1),
        koningsdag,
        d(5, 5),
        plus(39),
        plus(50),
        d(12, 25),
        d(12, 26),
    ];
    dagen.extend(
        GELIJKGESTELDE_DAGEN
            .iter()
            .filter_map(|(datum, _)| NaiveDate::parse_from_str(datum, "%Y-%m-%d").ok())
            .filter(|d| d.year() == year),
    );
    dagen
}

/// Days the Crown made equal to a general holiday (Algemene termijnenwet
/// art. 3 lid 3), each with the decree in the Staatscourant that did so.
/// Such a decree is taken about once every three years; add its days here
/// when it is published. No decree for 2026 or 2027 has been added yet.
pub const GELIJKGESTELDE_DAGEN: &[(&str, &str)] = &[];

pub fn is_werkdag(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        && !feestdagen(date.year()).contains(&date)
}

/// `date` itself when it is a working day, otherwise the next one.
pub fn volgende_werkdag(date: NaiveDate) -> NaiveDate {
    let mut d = date;
    while !is_werkdag(d) {
        d = d.succ_opt().unwrap_or(NaiveDate::MAX);
    }
    d
}

/// The beslistermijn of a zaak: its start, its length, and the days it was
/// suspended or extended. The end date is derived, never stored on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Termijn {
    pub start: NaiveDate,
    pub doorlooptijd_dagen: u32,
    /// Days of completed suspensions (opschorting, e.g. a hersteltermijn).
    pub opgeschorte_dagen: u32,
    /// A suspension that is still running, since this date.
    pub opgeschort_sinds: Option<NaiveDate>,
    /// Days of extension (verlenging, Awb 4:14).
    pub verlengd_dagen: u32,
}

impl Termijn {
    /// Eight weeks from the day the aanvraag was received.
    pub fn acht_weken(start: NaiveDate) -> Self {
        Self {
            start,
            doorlooptijd_dagen: 56,
            opgeschorte_dagen: 0,
            opgeschort_sinds: None,
            verlengd_dagen: 0,
        }
    }

    /// The last day on which the decision must be taken, as of `today`:
    /// the calendar end moved past every suspended day (a running suspension
    /// counts up to `today`) and extension, then to a working day.
    pub fn uiterste_datum(&self, today: NaiveDate) -> NaiveDate {
        let running = self
            .opgeschort_sinds
            .map(|s| (today - s).num_days().max(0) as u64)
            .unwrap_or(0);
        let days = u64::from(self.doorlooptijd_dagen)
            + u64::from(self.opgeschorte_dagen)
            + running
            + u64::from(self.verlengd_dagen);
        volgende_werkdag(
            self.start
                .checked_add_days(Days::new(days))
                .unwrap_or(NaiveDate::MAX),
        )
    }

    pub fn is_opgeschort(&self) -> bool {
        self.opgeschort_sinds.is_some()
    }

    /// Suspend because the applicant was asked for information on
    /// `gevraagd`: the term stands still from the day after (Awb 4:15 lid 1,
    /// onder a).
    pub fn opschorten(&mut self, gevraagd: NaiveDate) {
        if self.opgeschort_sinds.is_none() {
            self.opgeschort_sinds = Some(gevraagd.succ_opt().unwrap_or(gevraagd));
        }
    }

    /// End the suspension on `date` (the day the information arrived).
    pub fn hervatten(&mut self, date: NaiveDate) {
        if let Some(since) = self.opgeschort_sinds.take() {
            self.opgeschorte_dagen += (date - since).num_days().max(0) as u32;
        }
    }

    /// Extend by `dagen` (Awb 4:14). The extension must be announced within
    /// the term as it stands (4:14 lid 3): on or before its last day.
    pub fn verlengen(&mut self, dagen: u32, vandaag: NaiveDate) -> Result<(), String> {
        let einde = self.uiterste_datum(vandaag);
        if vandaag > einde {
            return Err(format!(
                "de beslistermijn is al verstreken op {}: verlengen kan alleen binnen de termijn (artikel 4:14 Awb)",
                gbi_domain::date::dutch_date(einde)
            ));
        }
        self.verlengd_dagen += dagen;
        Ok(())
    }

    /// Calendar days left until the deadline (negative when past).
    pub fn kalenderdagen_over(&self, today: NaiveDate) -> i64 {
        (self.uiterste_datum(today) - today).num_days()
    }
}

/// The 4-week zoektermijn for applicants under 27 (art. 41-4 Pw): bijstand
/// is not granted before four weeks after the melding.
pub fn zoektermijn_einde(melding: NaiveDate) -> NaiveDate {
    melding
        .checked_add_days(Days::new(28))
        .unwrap_or(NaiveDate::MAX)
}

/// The voorschot is due within four weeks of the aanvraag (art. 52 Pw) when
/// no decision has been taken by then.
pub fn voorschot_uiterlijk(aanvraag: NaiveDate) -> NaiveDate {
    volgende_werkdag(
        aanvraag
            .checked_add_days(Days::new(28))
            .unwrap_or(NaiveDate::MAX),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates() {
        assert_eq!(pasen(2025), d(2025, 4, 20));
        assert_eq!(pasen(2026), d(2026, 4, 5));
        assert_eq!(pasen(2027), d(2027, 3, 28));
    }

    #[test]
    fn holidays_2026() {
        let h = feestdagen(2026);
        for day in [
            d(2026, 1, 1),
            d(2026, 4, 6),
            d(2026, 4, 27),
            d(2026, 5, 5),
            d(2026, 5, 14),
            d(2026, 5, 25),
            d(2026, 12, 25),
            d(2026, 12, 26),
        ] {
            assert!(h.contains(&day), "{day}");
        }
        // Koningsdag 2025 fell on a Sunday: celebrated on Saturday 26 April.
        assert!(feestdagen(2025).contains(&d(2025, 4, 26)));
    }

    #[test]
    fn eight_weeks_plain() {
        // Monday 2 March 2026 + 56 days = Monday 27 April 2026 = Koningsdag → Tuesday 28 April.
        let t = Termijn::acht_weken(d(2026, 3, 2));
        assert_eq!(t.uiterste_datum(d(2026, 3, 2)), d(2026, 4, 28));
        // Tuesday 3 March + 56 = Tuesday 28 April: a working day.
        assert_eq!(
            Termijn::acht_weken(d(2026, 3, 3)).uiterste_datum(d(2026, 3, 3)),
            d(2026, 4, 28)
        );
    }

    #[test]
    fn deadline_on_a_weekend_moves_to_monday() {
        // Saturday 7 Nov 2026 + 56 = Saturday 2 Jan 2027 → Monday 4 Jan 2027.
        let t = Termijn::acht_weken(d(2026, 11, 7));
        assert_eq!(t.uiterste_datum(d(2026, 11, 7)), d(2027, 1, 4));
    }

    #[test]
    fn deadline_on_christmas_moves_past_both_days() {
        // Friday 30 Oct 2026 + 56 = Friday 25 Dec 2026 → (26th Sat, 27th Sun) → Monday 28 Dec.
        assert_eq!(
            Termijn::acht_weken(d(2026, 10, 30)).uiterste_datum(d(2026, 10, 30)),
            d(2026, 12, 28)
        );
    }

    #[test]
    fn suspension_during_a_hersteltermijn_adds_its_days() {
        let mut t = Termijn::acht_weken(d(2026, 1, 5)); // end: Monday 2 March 2026
        assert_eq!(t.uiterste_datum(d(2026, 1, 5)), d(2026, 3, 2));
        // Asked on the 12th: suspended from the 13th (Awb 4:15 lid 1).
        t.opschorten(d(2026, 1, 12));
        // While suspended, the end moves day by day.
        assert_eq!(t.uiterste_datum(d(2026, 1, 19)), d(2026, 3, 9));
        t.hervatten(d(2026, 1, 26)); // 13 days suspended (13th up to the 26th)
        assert_eq!(t.opgeschorte_dagen, 13);
        assert_eq!(t.uiterste_datum(d(2026, 2, 1)), d(2026, 3, 16));
        // Suspending twice from the same start counts once.
        t.opschorten(d(2026, 2, 2));
        t.opschorten(d(2026, 2, 5));
        t.hervatten(d(2026, 2, 9));
        assert_eq!(t.opgeschorte_dagen, 19);
    }

    #[test]
    fn suspension_runs_from_the_day_after_the_request() {
        // Received 6-1, asked 14-1, delivered 21-1: six days, Monday 9-3-2026.
        let mut t = Termijn::acht_weken(d(2026, 1, 6));
        t.opschorten(d(2026, 1, 14));
        t.hervatten(d(2026, 1, 21));
        assert_eq!(t.opgeschorte_dagen, 6);
        assert_eq!(t.uiterste_datum(d(2026, 1, 21)), d(2026, 3, 9));
        // Delivered the same day it was asked: nothing stood still.
        let mut t = Termijn::acht_weken(d(2026, 1, 6));
        t.opschorten(d(2026, 1, 14));
        t.hervatten(d(2026, 1, 14));
        assert_eq!(t.opgeschorte_dagen, 0);
    }

    #[test]
    fn goede_vrijdag_counts_and_so_do_the_other_holidays() {
        // Received 6-2-2026: 8 weeks end on Goede Vrijdag 3-4; then the
        // weekend and Tweede Paasdag: Tuesday 7-4-2026.
        assert_eq!(
            Termijn::acht_weken(d(2026, 2, 6)).uiterste_datum(d(2026, 2, 6)),
            d(2026, 4, 7)
        );
        // Ending on Tweede Paasdag (Monday 6-4-2026) → Tuesday 7-4.
        assert_eq!(volgende_werkdag(d(2026, 4, 6)), d(2026, 4, 7));
        // Koningsdag (Monday 27-4-2026) → Tuesday 28-4.
        assert_eq!(volgende_werkdag(d(2026, 4, 27)), d(2026, 4, 28));
        // 5 May counts every year, not only every fifth: Wednesday 5-5-2027,
        // and Hemelvaartsdag is the 6th: Friday 7-5-2027.
        assert_eq!(volgende_werkdag(d(2027, 5, 5)), d(2027, 5, 7));
        assert_eq!(volgende_werkdag(d(2026, 5, 5)), d(2026, 5, 6));
        // Goede Vrijdag 2027 is 26 March.
        assert!(!is_werkdag(d(2027, 3, 26)));
    }

    #[test]
    fn an_extension_must_come_within_the_term() {
        let mut t = Termijn::acht_weken(d(2026, 1, 5)); // end: Monday 2 March 2026
        assert!(t.verlengen(56, d(2026, 3, 2)).is_ok());
        let mut late = Termijn::acht_weken(d(2026, 1, 5));
        assert!(late.verlengen(56, d(2026, 3, 3)).is_err());
        assert_eq!(late.verlengd_dagen, 0);
        // 2 March + 56 days is Koningsdag (27 April 2026): Tuesday 28 April.
        assert_eq!(t.kalenderdagen_over(d(2026, 3, 2)), 57);
    }

    #[test]
    fn extension_adds_its_days() {
        let mut t = Termijn::acht_weken(d(2026, 1, 5));
        assert!(t.verlengen(28, d(2026, 1, 5)).is_ok());
        assert_eq!(t.uiterste_datum(d(2026, 1, 5)), d(2026, 3, 30));
    }

    #[test]
    fn zoektermijn_and_voorschot() {
        assert_eq!(zoektermijn_einde(d(2026, 3, 2)), d(2026, 3, 30));
        // 2 April 2026 + 28 = 30 April (Thursday): a working day.
        assert_eq!(voorschot_uiterlijk(d(2026, 4, 2)), d(2026, 4, 30));
        // 29 March 2026 (Sunday) + 28 = 26 April (Sunday) → Tuesday 28 April (27th is Koningsdag).
        assert_eq!(voorschot_uiterlijk(d(2026, 3, 29)), d(2026, 4, 28));
    }

    proptest! {
        #[test]
        fn the_deadline_is_a_working_day_at_least_eight_weeks_out(offset in 0u64..3650, susp in 0u32..60, ext in 0u32..60) {
            let start = d(2025, 1, 1).checked_add_days(Days::new(offset)).unwrap();
            let mut t = Termijn::acht_weken(start);
            t.opgeschorte_dagen = susp;
            t.verlengd_dagen = ext;
            let end = t.uiterste_datum(start);
            prop_assert!(is_werkdag(end));
            let min = start.checked_add_days(Days::new(56 + u64::from(susp) + u64::from(ext))).unwrap();
            prop_assert!(end >= min);
            prop_assert!((end - min).num_days() <= 4, "at most a long weekend of holidays");
        }
    }
}

//! Dates in Europe/Amsterdam, and calendar months as benefit periods.

use crate::ParseError;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Today's date in the Netherlands (Europe/Amsterdam), whatever the server's
/// own time zone is — or the demo's date ([`crate::klok`]).
pub fn today_amsterdam() -> NaiveDate {
    crate::klok::vandaag()
}

/// Parse an ISO date (`2026-07-01`) with a Dutch error message.
pub fn parse_date(input: &str) -> Result<NaiveDate, ParseError> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| {
        ParseError::new(
            "datum.format",
            "Vul een geldige datum in, bijvoorbeeld 2026-07-01.",
        )
    })
}

/// Parse a date as a person types it in the Netherlands: day, month, year
/// (`1-7-2026`, `01-07-2026`, `1/7/2026`, `1.7.2026`), or ISO (`2026-07-01`).
/// The year has four digits, so `1-7-26` is refused rather than guessed.
pub fn parse_datum_nl(input: &str) -> Result<NaiveDate, ParseError> {
    let err = || {
        ParseError::new(
            "datum.format",
            "Vul een datum in als dag-maand-jaar, zo: 1-7-2026.",
        )
    };
    let s: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.find('-') == Some(4)
        && let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d")
    {
        return Ok(d);
    }
    let delen: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [dag, maand, jaar] = delen.as_slice() else {
        return Err(err());
    };
    if jaar.len() != 4 || dag.is_empty() || dag.len() > 2 || maand.is_empty() || maand.len() > 2 {
        return Err(err());
    }
    let getal = |t: &str| t.parse::<u32>().map_err(|_| err());
    let jaar = i32::try_from(getal(jaar)?).map_err(|_| err())?;
    NaiveDate::from_ymd_opt(jaar, getal(maand)?, getal(dag)?).ok_or_else(|| {
        ParseError::new(
            "datum.bestaat_niet",
            "Deze datum bestaat niet. Vul een datum in als dag-maand-jaar, zo: 1-7-2026.",
        )
    })
}

/// A date the way Dutch people write it: `1-7-2026`.
pub fn datum_kort(d: NaiveDate) -> String {
    format!("{}-{}-{}", d.day(), d.month(), d.year())
}

/// Whole years of age on `on` for someone born on `born` (a person born on
/// 29 February turns a year older on 1 March in non-leap years).
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

/// Dutch month names, January first.
pub const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// A date as written in Dutch: `1 juli 2026`.
pub fn dutch_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MAANDEN[d.month0() as usize], d.year())
}

/// A stored moment (RFC 3339, UTC) as people in the Netherlands read it:
/// `3 december 2026, 04:12` in Dutch local time. Anything else is shown as
/// it is.
pub fn moment_nl(stored: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stored.trim()) {
        Ok(t) => {
            let lokaal = t.with_timezone(&chrono_tz::Europe::Amsterdam);
            format!(
                "{}, {}",
                dutch_date(lokaal.date_naive()),
                lokaal.format("%H:%M")
            )
        }
        Err(_) => stored.to_owned(),
    }
}

/// A calendar month, the period of a benefit payment (`2026-07`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Maand {
    year: i32,
    month: u32,
}

impl Maand {
    pub fn new(year: i32, month: u32) -> Result<Self, ParseError> {
        if !(1..=12).contains(&month) || !(1900..=2200).contains(&year) {
            return Err(maand_error());
        }
        Ok(Self { year, month })
    }

    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let (y, m) = input.trim().split_once('-').ok_or_else(maand_error)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(maand_error());
        }
        Self::new(
            y.parse().map_err(|_| maand_error())?,
            m.parse().map_err(|_| maand_error())?,
        )
    }

    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn days(self) -> u32 {
        self.last_day().day()
    }

    pub fn next(self) -> Self {
        self.plus(1)
    }

    pub fn previous(self) -> Self {
        self.plus(-1)
    }

    /// This month moved by `n` months (negative goes back).
    pub fn plus(self, n: i32) -> Self {
        let index = self.year * 12 + self.month as i32 - 1 + n;
        Self {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// Months from `self` to `other` (positive when `other` is later).
    pub fn months_until(self, other: Maand) -> i32 {
        (other.year * 12 + other.month as i32) - (self.year * 12 + self.month as i32)
    }

    /// Dutch name, e.g. "juli 2026".
    pub fn dutch_name(self) -> String {
        format!("{} {}", MAANDEN[(self.month - 1) as usize], self.year)
    }
}

/// Easter Sunday (Gregorian; anonymous algorithm of Meeus/Jones/Butcher).
pub fn pasen(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or(NaiveDate::MIN)
}

/// Add calendar months to a date, clamping to the month's last day.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

fn maand_error() -> ParseError {
    ParseError::new(
        "maand.format",
        "Vul een maand in als jaar-maand, bijvoorbeeld 2026-07.",
    )
}

impl fmt::Display for Maand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for Maand {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Maand> for String {
    fn from(value: Maand) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_have_their_days() {
        assert_eq!(Maand::parse("2026-02").unwrap().days(), 28);
        assert_eq!(Maand::parse("2028-02").unwrap().days(), 29);
        assert_eq!(
            Maand::parse("2026-12").unwrap().next().to_string(),
            "2027-01"
        );
        assert_eq!(
            Maand::parse("2026-01").unwrap().previous().to_string(),
            "2025-12"
        );
        assert_eq!(Maand::parse("2026-07").unwrap().dutch_name(), "juli 2026");
        assert!(Maand::parse("2026-13").is_err());
        assert!(Maand::parse("2026-7").is_err());
    }

    #[test]
    fn age_on_birthdays() {
        assert_eq!(age_on(d(2005, 7, 1), d(2026, 7, 1)), 21);
        assert_eq!(age_on(d(2005, 7, 2), d(2026, 7, 1)), 20);
        assert_eq!(age_on(d(2004, 2, 29), d(2026, 2, 28)), 21);
        assert_eq!(age_on(d(2004, 2, 29), d(2026, 3, 1)), 22);
    }

    #[test]
    fn add_months_clamps() {
        assert_eq!(add_months(d(2026, 1, 31), 1), d(2026, 2, 28));
    }

    proptest! {
        #[test]
        fn plus_and_months_until_agree(y in 1950i32..2100, m in 1u32..=12, n in -600i32..600) {
            let a = Maand::new(y, m).unwrap();
            prop_assert_eq!(a.months_until(a.plus(n)), n);
            prop_assert_eq!(a.plus(n).plus(-n), a);
        }

        #[test]
        fn first_and_last_day_bound_the_month(y in 1950i32..2100, m in 1u32..=12) {
            let a = Maand::new(y, m).unwrap();
            prop_assert_eq!(Maand::of(a.first_day()), a);
            prop_assert_eq!(Maand::of(a.last_day()), a);
            prop_assert_eq!(a.last_day().succ_opt().map(Maand::of), Some(a.next()));
        }
    }
}

#[cfg(test)]
mod datum_nl_tests {
    use super::*;

    #[test]
    fn dutch_and_iso_dates_are_read_and_nonsense_is_refused() {
        let d = NaiveDate::from_ymd_opt(2026, 7, 1);
        for tekst in [
            "1-7-2026",
            "01-07-2026",
            "2026-07-01",
            " 1 / 7 / 2026 ",
            "1.7.2026",
        ] {
            assert_eq!(parse_datum_nl(tekst).ok(), d, "{tekst}");
        }
        for fout in [
            "",
            "1-7-26",
            "31-2-2026",
            "2026/07/01",
            "gisteren",
            "1-7",
            "1-13-2026",
        ] {
            assert!(parse_datum_nl(fout).is_err(), "{fout}");
        }
        assert_eq!(
            parse_datum_nl("31-2-2026").map_err(|e| e.code),
            Err("datum.bestaat_niet")
        );
        assert_eq!(
            datum_kort(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default()),
            "1-7-2026"
        );
    }
}

#[cfg(test)]
mod moment_tests {
    use super::moment_nl;

    #[test]
    fn a_stored_moment_in_dutch_local_time() {
        assert_eq!(
            moment_nl("2026-12-03T03:40:12.123456Z"),
            "3 december 2026, 04:40"
        );
        assert_eq!(moment_nl("2026-07-01T22:30:00Z"), "2 juli 2026, 00:30");
        assert_eq!(moment_nl("onzin"), "onzin");
    }
}

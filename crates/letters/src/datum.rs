//! Dates in Dutch, as written in a letter: "1 juli 2026".

use chrono::{Datelike, NaiveDate};

const MAANDEN: [&str; 12] = [
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

/// A date as written in a Dutch letter: `1 juli 2026`.
pub fn datum_nl(d: NaiveDate) -> String {
    let maand = MAANDEN
        .get(d.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {} {}", d.day(), maand, d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maanden() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(datum_nl(d(2026, 7, 1)), "1 juli 2026");
        assert_eq!(datum_nl(d(2026, 1, 31)), "31 januari 2026");
        assert_eq!(datum_nl(d(2025, 12, 9)), "9 december 2025");
    }
}

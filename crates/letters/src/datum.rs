//! Dates in Dutch, as written in a letter: "1 juli 2026".

use chrono::NaiveDate;

/// A date as written in a Dutch letter: `1 juli 2026`.
pub fn datum_nl(d: NaiveDate) -> String {
    gbi_domain::date::dutch_date(d)
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

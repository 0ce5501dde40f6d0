//! Money as whole eurocents, with rounding that names the rule demanding it.
//!
//! There are no floats anywhere: amounts are `i64` cents, and every division
//! goes through [`Money::mul_ratio`], which takes a [`Rounding`]: a mode plus
//! the name of the legal rule (or policy) that requires it. See
//! `docs/adr/0001-money-and-rounding.md`.

use crate::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// An amount in eurocents. Negative amounts are allowed (claims, corrections).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

/// How to round a quotient to whole cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Half a cent or more goes away from zero (commercial rounding).
    HalfAwayFromZero,
    /// Half a cent goes to the even cent (banker's rounding).
    HalfEven,
    /// Drop the fraction (towards zero).
    TowardZero,
    /// Any fraction goes away from zero.
    AwayFromZero,
}

/// A rounding mode together with the rule that requires it. Code that rounds
/// money must say why: `Rounding::new("kostendelersnorm", RoundingMode::HalfAwayFromZero)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rounding {
    pub rule: &'static str,
    pub mode: RoundingMode,
}

impl Rounding {
    pub const fn new(rule: &'static str, mode: RoundingMode) -> Self {
        Self { rule, mode }
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Self {
        Self(cents)
    }

    pub const fn from_euros(euros: i64) -> Self {
        Self(euros * 100)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn max(self, other: Money) -> Money {
        if self >= other { self } else { other }
    }

    pub fn min(self, other: Money) -> Money {
        if self <= other { self } else { other }
    }

    /// `self × numerator / denominator`, rounded to whole cents by `rounding`.
    /// Computed in 128 bits, so no intermediate overflow. A zero denominator
    /// gives zero (callers validate their parameters before this point).
    pub fn mul_ratio(self, numerator: i64, denominator: i64, rounding: Rounding) -> Money {
        // Fast path in 64 bits; 128 bits only when the product overflows.
        match self.0.checked_mul(numerator) {
            Some(product) if denominator.unsigned_abs() < 1 << 62 && product != i64::MIN => {
                Money(div_round_i64(product, denominator, rounding.mode))
            }
            _ => Money(div_round(
                i128::from(self.0) * i128::from(numerator),
                i128::from(denominator),
                rounding.mode,
            )),
        }
    }

    /// A percentage given in basis points (1% = 100): `percentage(2500)` is 25%.
    pub fn percentage(self, basis_points: i64, rounding: Rounding) -> Money {
        self.mul_ratio(basis_points, 10_000, rounding)
    }

    /// The largest amount [`Money::parse_euros`] accepts: € 100 miljoen.
    /// Anything larger is a typing error in every form GBI has.
    pub const MAX_INVOER: Money = Money(10_000_000_000);

    /// Parse an amount as a person types it in the Netherlands: `450`,
    /// `450,00`, `1.234,56`, `€ 450`, `1401,5`, `,05`. A comma is the decimal
    /// separator; dots group thousands (`1.234.567`). One dot followed by
    /// exactly two digits (`450.00`) is read as a decimal point, because
    /// that is how phones and copied amounts often write it. Anything else
    /// that could be read two ways (`450.5`, `1,234.56`, `12.34,5`) is
    /// refused with an example, as is more than € 100 miljoen.
    pub fn parse_euros(input: &str) -> Result<Money, ParseError> {
        let err = || {
            ParseError::new(
                "bedrag.format",
                "Vul een bedrag in euro's in, zo: 1250,00 of 1.250,00.",
            )
        };
        let mut s: String = input
            .trim()
            .trim_start_matches('€')
            .trim_start_matches("EUR")
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let negative = s.starts_with('-');
        if negative {
            s.remove(0);
        }
        let s = s.trim_start_matches('€');
        // "450.5": most likely 450,50 typed with a dot; say so, and refuse.
        if let Some((w, f)) = s.split_once('.')
            && !s.contains(',')
            && f.len() == 1
            && !w.is_empty()
            && w.len() <= 9
            && (w.bytes().chain(f.bytes())).all(|b| b.is_ascii_digit())
        {
            return Err(ParseError::new(
                "bedrag.format",
                format!("Bedoelt u {w},{f}0? Schrijf een bedrag met een komma, zo: {w},{f}0."),
            ));
        }
        let (whole, frac) = match (s.rfind(','), s.rfind('.')) {
            // A comma after the last dot: Dutch "1.234,56".
            (Some(c), d) if d.is_none_or(|d| d < c) => (&s[..c], &s[c + 1..]),
            // A dot after a comma ("1,234.56"): English, ambiguous here.
            (Some(_), Some(_)) => return Err(err()),
            // Only dots: one dot and exactly two decimals is a decimal point.
            (None, Some(d)) if s.matches('.').count() == 1 && s.len() - d - 1 == 2 => {
                (&s[..d], &s[d + 1..])
            }
            _ => (s, ""),
        };
        // Dots left in the whole part must group thousands.
        if whole.contains('.') {
            let mut groepen = whole.split('.');
            let eerste = groepen.next().unwrap_or("");
            if eerste.is_empty() || eerste.len() > 3 || groepen.any(|g| g.len() != 3) {
                return Err(err());
            }
        }
        let whole: String = whole.replace('.', "");
        if whole.is_empty() && frac.is_empty() {
            return Err(err());
        }
        if !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
        {
            return Err(err());
        }
        if whole.len() > 9 {
            return Err(te_hoog());
        }
        let euros: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| err())?
        };
        let cents: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| err())? * 10,
            _ => frac.parse().map_err(|_| err())?,
        };
        let total = euros * 100 + cents;
        if total > Self::MAX_INVOER.0 {
            return Err(te_hoog());
        }
        Ok(Money(if negative { -total } else { total }))
    }
}

fn te_hoog() -> ParseError {
    ParseError::new(
        "bedrag.te_hoog",
        "Dit bedrag is te hoog om te kloppen. Controleer het bedrag; schrijf zo: 1250,00.",
    )
}

/// Integer division rounded by `mode`, for one integer width. Generated for
/// i64 (the fast path) and i128 (when the product would overflow i64).
macro_rules! div_round_for {
    ($name:ident, $t:ty) => {
        fn $name(n: $t, d: $t, mode: RoundingMode) -> $t {
            if d == 0 {
                return 0;
            }
            let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
            let q = n / d; // truncates towards zero
            let r = n % d; // same sign as n
            let adjust = match mode {
                RoundingMode::TowardZero => 0,
                RoundingMode::AwayFromZero => <$t>::from(r != 0),
                RoundingMode::HalfAwayFromZero => <$t>::from(2 * r.abs() >= d),
                RoundingMode::HalfEven => {
                    let twice = 2 * r.abs();
                    <$t>::from(twice > d || (twice == d && q % 2 != 0))
                }
            };
            if n < 0 { q - adjust } else { q + adjust }
        }
    };
}
div_round_for!(div_round_i64, i64);
div_round_for!(div_round_i128, i128);

fn div_round(n: i128, d: i128, mode: RoundingMode) -> i64 {
    let result = div_round_i128(n, d, mode);
    i64::try_from(result).unwrap_or(if result < 0 { i64::MIN } else { i64::MAX })
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// Dutch notation: `€ 1.401,50`, `-€ 12,00`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        let euros = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in euros.chars().enumerate() {
            if i > 0 && (euros.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(c);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}€ {grouped},{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HALF_UP: Rounding = Rounding::new("test", RoundingMode::HalfAwayFromZero);
    const EVEN: Rounding = Rounding::new("test", RoundingMode::HalfEven);
    const DOWN: Rounding = Rounding::new("test", RoundingMode::TowardZero);
    const UP: Rounding = Rounding::new("test", RoundingMode::AwayFromZero);

    #[test]
    fn rounding_modes_at_the_half() {
        // 5 cents × 1/2 = 2.5 cents
        let m = Money::from_cents(5);
        assert_eq!(m.mul_ratio(1, 2, HALF_UP).cents(), 3);
        assert_eq!(m.mul_ratio(1, 2, EVEN).cents(), 2);
        assert_eq!(m.mul_ratio(1, 2, DOWN).cents(), 2);
        assert_eq!(m.mul_ratio(1, 2, UP).cents(), 3);
        assert_eq!((-m).mul_ratio(1, 2, HALF_UP).cents(), -3);
        assert_eq!((-m).mul_ratio(1, 2, DOWN).cents(), -2);
        assert_eq!(Money::from_cents(7).mul_ratio(1, 2, EVEN).cents(), 4);
    }

    #[test]
    fn kostendelersnorm_worked_value() {
        // ((40 + 2×30) / 2)% × 2.002,13 = 50% = 1.001,065 → 1.001,07 (Normenbrief 1-1-2026)
        let b = Money::from_cents(200_213);
        assert_eq!(b.mul_ratio(40 + 2 * 30, 2 * 100, HALF_UP).cents(), 100_107);
    }

    #[test]
    fn dutch_display() {
        assert_eq!(Money::from_cents(140_150).to_string(), "€ 1.401,50");
        assert_eq!(Money::from_cents(5).to_string(), "€ 0,05");
        assert_eq!(Money::from_cents(-120_000).to_string(), "-€ 1.200,00");
        assert_eq!(Money::from_cents(123_456_789).to_string(), "€ 1.234.567,89");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Money::parse_euros("1.401,50").unwrap().cents(), 140_150);
        assert_eq!(Money::parse_euros("€ 12").unwrap().cents(), 1200);
        assert_eq!(Money::parse_euros("0,5").unwrap().cents(), 50);
        assert_eq!(Money::parse_euros(",05").unwrap().cents(), 5);
        assert!(Money::parse_euros("12,345").is_err());
        // Issue 15: what residents typed.
        assert_eq!(Money::parse_euros("450").unwrap().cents(), 45_000);
        assert_eq!(Money::parse_euros("450,00").unwrap().cents(), 45_000);
        assert_eq!(Money::parse_euros("450.00").unwrap().cents(), 45_000);
        assert_eq!(Money::parse_euros("€ 450").unwrap().cents(), 45_000);
        assert_eq!(Money::parse_euros("€450,-").map(|m| m.cents()).ok(), None);
        assert_eq!(Money::parse_euros("1.234,56").unwrap().cents(), 123_456);
        assert_eq!(Money::parse_euros("1.234").unwrap().cents(), 123_400);
        assert_eq!(
            Money::parse_euros("1.234.567").unwrap().cents(),
            123_456_700
        );
        assert_eq!(Money::parse_euros("EUR 12,50").unwrap().cents(), 1250);
        assert_eq!(Money::parse_euros("-12,50").unwrap().cents(), -1250);
        assert_eq!(Money::parse_euros("1.23").unwrap().cents(), 123);
        for dubbelzinnig in [
            "450.5", "1,234.56", "12.34,5", "4.50.00", "1..234", "12.3456",
        ] {
            assert!(Money::parse_euros(dubbelzinnig).is_err(), "{dubbelzinnig}");
        }
        // A dot and one decimal: the message suggests what was meant.
        let e = Money::parse_euros("450.5").unwrap_err();
        assert!(e.message.starts_with("Bedoelt u 450,50?"), "{}", e.message);
        let e = Money::parse_euros("99999999999").unwrap_err();
        assert_eq!(e.code, "bedrag.te_hoog");
        assert!(Money::parse_euros("100.000.000").is_ok());
        assert!(Money::parse_euros("100.000.000,01").is_err());
        assert!(Money::parse_euros("abc").is_err());
        assert!(Money::parse_euros("").is_err());
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(c in -10_000_000_000i64..=10_000_000_000) {
            let m = Money::from_cents(c);
            let shown = m.to_string().replace('€', "");
            prop_assert_eq!(Money::parse_euros(&shown).unwrap(), m);
        }

        #[test]
        fn rounding_error_is_below_one_cent(c in -10_000_000i64..10_000_000, num in 1i64..10_000, den in 1i64..10_000) {
            for mode in [RoundingMode::HalfAwayFromZero, RoundingMode::HalfEven, RoundingMode::TowardZero, RoundingMode::AwayFromZero] {
                let r = Money::from_cents(c).mul_ratio(num, den, Rounding::new("t", mode)).cents();
                let exact = i128::from(c) * i128::from(num);
                let diff = (i128::from(r) * i128::from(den) - exact).abs();
                prop_assert!(diff < i128::from(den), "{mode:?}");
            }
        }

        #[test]
        fn the_64_bit_path_rounds_like_the_128_bit_path(c in any::<i32>(), num in -100_000i64..100_000, den in -100_000i64..100_000) {
            for mode in [RoundingMode::HalfAwayFromZero, RoundingMode::HalfEven, RoundingMode::TowardZero, RoundingMode::AwayFromZero] {
                let fast = Money::from_cents(i64::from(c)).mul_ratio(num, den, Rounding::new("t", mode)).cents();
                let wide = div_round(i128::from(c) * i128::from(num), i128::from(den), mode);
                prop_assert_eq!(fast, wide, "{:?}", mode);
            }
        }

        #[test]
        fn toward_zero_never_exceeds_exact(c in 0i64..10_000_000, num in 0i64..10_000, den in 1i64..10_000) {
            let r = Money::from_cents(c).mul_ratio(num, den, DOWN).cents();
            prop_assert!(i128::from(r) * i128::from(den) <= i128::from(c) * i128::from(num));
        }

        #[test]
        fn addition_is_exact(a in -1_000_000_000i64..1_000_000_000, b in -1_000_000_000i64..1_000_000_000) {
            prop_assert_eq!((Money::from_cents(a) + Money::from_cents(b) - Money::from_cents(b)).cents(), a);
        }
    }
}

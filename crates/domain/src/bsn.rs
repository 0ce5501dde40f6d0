//! Burgerservicenummer: nine digits that pass the elfproef.

use crate::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A burgerservicenummer. Always nine digits and passes the elfproef.
///
/// `Debug` masks all but the last three digits, so a BSN never ends up in a
/// log line by accident; `as_str` gives the full number where it is needed.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bsn(String);

impl Bsn {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let s = input.trim();
        if s.len() != 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError::new(
                "bsn.format",
                "Een burgerservicenummer heeft precies 9 cijfers.",
            ));
        }
        if !elfproef(s.as_bytes()) {
            return Err(ParseError::new(
                "bsn.elfproef",
                "Dit burgerservicenummer bestaat niet. Controleer de cijfers.",
            ));
        }
        Ok(Self(s.to_owned()))
    }

    /// Build a valid BSN from its first eight digits by choosing the check
    /// digit. Returns `None` when no check digit makes the number valid.
    /// Used by the synthetic population generator.
    pub fn from_prefix(prefix: u32) -> Option<Self> {
        let digits = format!("{:08}", prefix % 100_000_000);
        for last in 0..=9u8 {
            let candidate = format!("{digits}{last}");
            if elfproef(candidate.as_bytes()) {
                return Some(Self(candidate));
            }
        }
        None
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The elfproef for BSNs: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11,
/// and the number is not all zeros.
fn elfproef(digits: &[u8]) -> bool {
    let mut sum: i64 = 0;
    for (i, d) in digits.iter().enumerate() {
        let v = i64::from(d - b'0');
        let weight = if i == 8 { -1 } else { 9 - i as i64 };
        sum += weight * v;
    }
    sum % 11 == 0 && digits.iter().any(|d| *d != b'0')
}

impl fmt::Debug for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bsn(******{})", &self.0[6..])
    }
}

impl fmt::Display for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Bsn {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Bsn> for String {
    fn from(value: Bsn) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_test_bsns_pass() {
        // From the BRP test data and the Suwinet examples.
        for s in ["999993549", "111111110", "999990019"] {
            assert!(Bsn::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn rejects_wrong_length_letters_and_zero() {
        assert_eq!(Bsn::parse("12345678").unwrap_err().code, "bsn.format");
        assert_eq!(Bsn::parse("12345678a").unwrap_err().code, "bsn.format");
        assert_eq!(Bsn::parse("000000000").unwrap_err().code, "bsn.elfproef");
        assert_eq!(Bsn::parse("111111111").unwrap_err().code, "bsn.elfproef");
    }

    #[test]
    fn debug_masks_the_number() {
        let b = Bsn::parse("999993549").unwrap();
        assert_eq!(format!("{b:?}"), "Bsn(******549)");
    }

    proptest! {
        #[test]
        fn from_prefix_always_parses(p in 0u32..100_000_000) {
            if let Some(b) = Bsn::from_prefix(p) {
                prop_assert_eq!(Bsn::parse(b.as_str()).unwrap(), b);
            }
        }

        #[test]
        fn changing_one_digit_breaks_the_elfproef(p in 1u32..100_000_000, pos in 0usize..9, delta in 1u8..10) {
            if let Some(b) = Bsn::from_prefix(p) {
                let mut bytes = b.as_str().as_bytes().to_vec();
                bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
                let changed = String::from_utf8(bytes).unwrap();
                prop_assert!(Bsn::parse(&changed).is_err());
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,12}") {
            let _ = Bsn::parse(&s);
        }
    }
}

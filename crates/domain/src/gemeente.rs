//! Gemeentecode: the four-digit CBS code of a municipality.

use crate::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// CBS municipality code, four digits (e.g. `0392` Haarlem, `0153` Enschede).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct GemeenteCode([u8; 4]);

impl GemeenteCode {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let s = input.trim();
        let bytes = s.as_bytes();
        if bytes.len() != 4 || !bytes.iter().all(u8::is_ascii_digit) || s == "0000" {
            return Err(ParseError::new(
                "gemeentecode.format",
                "Een gemeentecode heeft precies 4 cijfers, bijvoorbeeld 0392.",
            ));
        }
        Ok(Self([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    pub fn as_str(&self) -> &str {
        // The bytes are ASCII digits by construction.
        std::str::from_utf8(&self.0).unwrap_or("0000")
    }
}

impl fmt::Display for GemeenteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for GemeenteCode {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<GemeenteCode> for String {
    fn from(value: GemeenteCode) -> Self {
        value.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_cbs_codes() {
        assert_eq!(GemeenteCode::parse("0392").unwrap().as_str(), "0392");
        assert_eq!(GemeenteCode::parse(" 0153 ").unwrap().to_string(), "0153");
        assert!(GemeenteCode::parse("392").is_err());
        assert!(GemeenteCode::parse("03921").is_err());
        assert!(GemeenteCode::parse("0000").is_err());
        assert!(GemeenteCode::parse("gm03").is_err());
    }

    proptest! {
        #[test]
        fn four_digits_round_trip(n in 1u16..10000) {
            let s = format!("{n:04}");
            prop_assert_eq!(GemeenteCode::parse(&s).unwrap().to_string(), s);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,8}") {
            let _ = GemeenteCode::parse(&s);
        }
    }
}

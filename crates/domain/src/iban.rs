//! IBAN: country code, check digits (mod 97) and the country's length.

use crate::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An International Bank Account Number, stored without spaces in upper case.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(String);

/// Lengths of the SEPA countries' IBANs (ISO 13616 registry).
const LENGTHS: &[(&str, usize)] = &[
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GI", 23),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("VA", 22),
];

impl Iban {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if s.len() < 4 || !s.is_ascii() {
            return Err(format_error());
        }
        let country = &s[..2];
        let Some(&(_, len)) = LENGTHS.iter().find(|(c, _)| *c == country) else {
            return Err(ParseError::new(
                "iban.land",
                "Dit rekeningnummer komt uit een land waar wij niet naar kunnen betalen.",
            ));
        };
        let well_formed = s.len() == len
            && s[2..4].bytes().all(|b| b.is_ascii_digit())
            && s[4..].bytes().all(|b| b.is_ascii_alphanumeric());
        if !well_formed {
            return Err(format_error());
        }
        if country == "NL"
            && !(s[4..8].bytes().all(|b| b.is_ascii_uppercase())
                && s[8..].bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format_error());
        }
        if mod97(&s) != 1 {
            return Err(ParseError::new(
                "iban.controle",
                "Dit rekeningnummer klopt niet. Controleer de letters en cijfers.",
            ));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn country(&self) -> &str {
        &self.0[..2]
    }

    /// Groups of four characters, as printed on letters and pages.
    pub fn formatted(&self) -> String {
        let mut out = String::with_capacity(self.0.len() + self.0.len() / 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i.is_multiple_of(4) {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    /// Make a valid IBAN from a country, a bank code and an account number by
    /// computing the check digits. Used for test data generation.
    pub fn build(country: &str, bban: &str) -> Result<Self, ParseError> {
        let provisional = format!("{country}00{bban}");
        let check = 98 - mod97(&provisional);
        Self::parse(&format!("{country}{check:02}{bban}"))
    }
}

fn format_error() -> ParseError {
    ParseError::new(
        "iban.format",
        "Vul een geldig rekeningnummer (IBAN) in, bijvoorbeeld NL91 ABNA 0417 1643 00.",
    )
}

/// ISO 7064 mod 97-10 over the rearranged IBAN (letters as 10..35).
fn mod97(s: &str) -> u32 {
    let rearranged = s[4..].bytes().chain(s[..4].bytes());
    let mut rem: u32 = 0;
    for b in rearranged {
        let v = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem
}

impl fmt::Debug for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iban({}…{})", &self.0[..4], &self.0[self.0.len() - 4..])
    }
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Iban {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Iban> for String {
    fn from(value: Iban) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_valid_ibans_with_spaces_and_lower_case() {
        let i = Iban::parse("nl91 abna 0417 1643 00").unwrap();
        assert_eq!(i.as_str(), "NL91ABNA0417164300");
        assert_eq!(i.formatted(), "NL91 ABNA 0417 1643 00");
        assert!(Iban::parse("DE89370400440532013000").is_ok());
        assert!(Iban::parse("BE68539007547034").is_ok());
    }

    #[test]
    fn rejects_bad_check_digits_length_and_country() {
        assert_eq!(
            Iban::parse("NL92ABNA0417164300").unwrap_err().code,
            "iban.controle"
        );
        assert_eq!(
            Iban::parse("NL91ABNA041716430").unwrap_err().code,
            "iban.format"
        );
        assert_eq!(
            Iban::parse("US91ABNA0417164300").unwrap_err().code,
            "iban.land"
        );
        assert_eq!(Iban::parse("").unwrap_err().code, "iban.format");
    }

    proptest! {
        #[test]
        fn built_ibans_parse(n in 0u64..10_000_000_000) {
            let i = Iban::build("NL", &format!("INGB{n:010}")).unwrap();
            prop_assert_eq!(Iban::parse(&i.formatted()).unwrap(), i);
        }

        #[test]
        fn one_changed_digit_is_caught(n in 0u64..10_000_000_000, pos in 8usize..18, delta in 1u8..10) {
            let i = Iban::build("NL", &format!("INGB{n:010}")).unwrap();
            let mut b = i.as_str().as_bytes().to_vec();
            b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
            prop_assert!(Iban::parse(&String::from_utf8(b).unwrap()).is_err());
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = Iban::parse(&s);
        }
    }
}

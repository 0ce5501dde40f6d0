//! Explanations: every result carries its derivation. The rules write steps
//! to a [`Spoor`]; the batch run passes [`GeenSpoor`], which compiles the
//! steps away, and the per-person run passes an [`Uitleg`], so both run the
//! same code. Steps hold numbers and static names only; the text is made when
//! it is shown (see `tekst.rs`).

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::SerializeMap;

/// One value in a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grootheid {
    /// Money in cents.
    Bedrag(i64),
    Aantal(i64),
    /// A number of months, written "1 maand" or "5 maanden".
    Maanden(i64),
    /// Basis points (1% = 100).
    Procent(i64),
    JaNee(bool),
    Datum(NaiveDate),
    Tekst(&'static str),
}

impl Grootheid {
    /// How a caseworker reads the value: "€ 1.401,50", "25%", "ja".
    pub fn tekst(self) -> String {
        match self {
            Grootheid::Bedrag(c) => gbi_domain::Money::from_cents(c).to_string(),
            Grootheid::Aantal(n) => n.to_string(),
            Grootheid::Maanden(1) => "1 maand".into(),
            Grootheid::Maanden(n) => format!("{n} maanden"),
            Grootheid::Procent(bp) if bp % 100 == 0 => format!("{}%", bp / 100),
            Grootheid::Procent(bp) => format!("{},{:02}%", bp / 100, bp % 100).replace("0%", "%"),
            Grootheid::JaNee(true) => "ja".into(),
            Grootheid::JaNee(false) => "nee".into(),
            Grootheid::Datum(d) => d.format("%d-%m-%Y").to_string(),
            Grootheid::Tekst(t) => t.into(),
        }
    }
}

impl Serialize for Grootheid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Grootheid::Bedrag(c) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("bedrag_cents", &c)?;
                m.end()
            }
            Grootheid::Aantal(n) | Grootheid::Maanden(n) => s.serialize_i64(n),
            Grootheid::Procent(bp) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("procent_basispunten", &bp)?;
                m.end()
            }
            Grootheid::JaNee(b) => s.serialize_bool(b),
            Grootheid::Datum(d) => s.serialize_str(&d.to_string()),
            Grootheid::Tekst(t) => s.serialize_str(t),
        }
    }
}

pub const MAX_INVOER: usize = 8;

/// One step of a derivation.
#[derive(Debug, Clone, Copy)]
pub struct Stap<'a> {
    /// Stable identifier of the rule step, e.g. `norm.21_alleenstaande`.
    pub code: &'static str,
    /// The legal reference, from the parameter file or the rule.
    pub verwijzing: &'a str,
    pub invoer: [(&'static str, Grootheid); MAX_INVOER],
    pub aantal_invoer: u8,
    pub uitkomst: Grootheid,
}

impl<'a> Stap<'a> {
    pub fn invoer(&self) -> &[(&'static str, Grootheid)] {
        &self.invoer[..usize::from(self.aantal_invoer)]
    }

    pub fn waarde(&self, naam: &str) -> Option<Grootheid> {
        self.invoer()
            .iter()
            .find(|(n, _)| *n == naam)
            .map(|(_, g)| *g)
    }
}

/// Where the rules write their steps.
pub trait Spoor<'a> {
    /// False for the batch run: steps are not even built.
    const AAN: bool;
    fn stap(&mut self, stap: Stap<'a>);
    #[inline(always)]
    fn aan(&self) -> bool {
        Self::AAN
    }
}

/// No explanation (batch runs).
pub struct GeenSpoor;

impl<'a> Spoor<'a> for GeenSpoor {
    const AAN: bool = false;
    #[inline(always)]
    fn stap(&mut self, _: Stap<'a>) {}
}

/// The explanation of one calculation: its steps in order.
#[derive(Debug, Clone, Default)]
pub struct Uitleg<'a> {
    pub stappen: Vec<Stap<'a>>,
}

impl<'a> Uitleg<'a> {
    pub fn new() -> Self {
        Self {
            stappen: Vec::with_capacity(24),
        }
    }

    pub fn zoek(&self, code: &str) -> Option<&Stap<'a>> {
        self.stappen.iter().find(|s| s.code == code)
    }
}

impl<'a> Spoor<'a> for Uitleg<'a> {
    const AAN: bool = true;
    #[inline]
    fn stap(&mut self, stap: Stap<'a>) {
        self.stappen.push(stap);
    }
}

/// Write a step when the spoor records them. Usage:
/// `stap!(spoor, "norm.21", verwijzing, Bedrag(x), ["leeftijd" => Aantal(30)])`.
#[macro_export]
macro_rules! stap {
    ($spoor:expr, $code:expr, $verwijzing:expr, $uitkomst:expr $(, [$($naam:literal => $waarde:expr),* $(,)?])?) => {
        if $crate::uitleg::Spoor::aan(&*$spoor) {
            #[allow(unused_mut)]
            let mut invoer = [("", $crate::uitleg::Grootheid::Aantal(0)); $crate::uitleg::MAX_INVOER];
            #[allow(unused_mut)]
            let mut n: usize = 0;
            $($( invoer[n] = ($naam, $waarde); n += 1; )*)?
            $spoor.stap($crate::uitleg::Stap {
                code: $code,
                verwijzing: $verwijzing,
                invoer,
                aantal_invoer: n as u8,
                uitkomst: $uitkomst,
            });
        }
    };
}

//! One value of a parameter file: its unit, how sure we are of it, and the
//! article it comes from.

use crate::fout::LaadFout;
use gbi_domain::{Money, RoundingMode};
use serde::Serialize;

/// The unit a key must be given in. Money is written in euros with a comma
/// (`"1401,50"`) and held as whole cents; percentages may have decimals
/// (`"12,5"`) and are held in basis points (1% = 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Eenheid {
    EuroPerMaand,
    EuroPerJaar,
    Euro,
    Procent,
    Jaren,
    Maanden,
    Maand,
    Weken,
    Dagen,
    Afronding,
    /// A yes/no choice of policy: `"ja"` or `"nee"` (held as 1 or 0).
    JaNee,
    /// How the IIT income test runs over the reference period:
    /// `"elke_maand"` (0) or `"gemiddeld"` (1); see [`crate::regelingen::iit::Inkomenstoets`].
    IitToets,
    /// What a month without proven income counts as for the IIT:
    /// `"telt_niet_als_laag"` (0) or `"medewerker_beoordeelt"` (1); see
    /// [`crate::regelingen::iit::MaandZonderBewijs`].
    IitMaandZonderBewijs,
}

impl Eenheid {
    pub fn naam(self) -> &'static str {
        match self {
            Eenheid::EuroPerMaand => "euro_per_maand",
            Eenheid::EuroPerJaar => "euro_per_jaar",
            Eenheid::Euro => "euro",
            Eenheid::Procent => "procent",
            Eenheid::Jaren => "jaren",
            Eenheid::Maanden => "maanden",
            Eenheid::Maand => "maand",
            Eenheid::Weken => "weken",
            Eenheid::Dagen => "dagen",
            Eenheid::Afronding => "afronding",
            Eenheid::JaNee => "ja_nee",
            Eenheid::IitToets => "iit_toets",
            Eenheid::IitMaandZonderBewijs => "iit_maand_zonder_bewijs",
        }
    }

    fn is_geld(self) -> bool {
        matches!(
            self,
            Eenheid::EuroPerMaand | Eenheid::EuroPerJaar | Eenheid::Euro
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Markering {
    /// Read in an official text.
    Off,
    /// Only in secondary material; verify.
    Sec,
    /// Not found: configuration that must be filled before use.
    Unknown,
    /// The rule is not in force in this period.
    NietVanKracht,
    /// Municipal policy (the municipality's own choice).
    Beleid,
}

/// A parsed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Waarde {
    /// Money in cents, a percentage in basis points, or a count.
    Getal(i64),
    Afronding(RoundingMode),
    /// `markering = "unknown"`: must be configured before use.
    NietIngesteld,
    /// `markering = "niet_van_kracht"`: the rule does not exist on this date.
    NietVanKracht,
}

/// One key of one parameter file.
#[derive(Debug, Clone, Serialize)]
pub struct Param {
    pub sleutel: &'static str,
    pub waarde: Waarde,
    pub eenheid: Eenheid,
    pub markering: Markering,
    /// Full legal reference: "Participatiewet art. 21, onderdeel a (BWBR0015703)".
    pub verwijzing: String,
    pub bestand: String,
}

pub(super) fn lees_waarde(
    bestand: &str,
    sleutel: &str,
    eenheid: Eenheid,
    markering: Markering,
    waarde: Option<&toml::Value>,
) -> Result<Waarde, LaadFout> {
    let fout = |m: String| LaadFout::sleutel(bestand, sleutel, m);
    match (markering, waarde) {
        (Markering::Unknown, None) => return Ok(Waarde::NietIngesteld),
        (Markering::NietVanKracht, None) => return Ok(Waarde::NietVanKracht),
        (Markering::Unknown | Markering::NietVanKracht, Some(_)) => {
            return Err(fout(
                "heeft een waarde maar is gemarkeerd als unknown of niet_van_kracht; kies één van beide".into(),
            ));
        }
        (_, None) => return Err(fout("waarde ontbreekt".into())),
        (_, Some(_)) => {}
    }
    let tekst = match waarde {
        Some(toml::Value::String(s)) => s.clone(),
        Some(toml::Value::Integer(i)) => i.to_string(),
        _ => {
            return Err(fout(
                "waarde moet tekst zijn, bijvoorbeeld \"1401,50\" of \"25\"".into(),
            ));
        }
    };
    if eenheid == Eenheid::Afronding {
        let mode = match tekst.as_str() {
            "half_naar_boven" => RoundingMode::HalfAwayFromZero,
            "half_naar_even" => RoundingMode::HalfEven,
            "naar_beneden" => RoundingMode::TowardZero,
            "naar_boven" => RoundingMode::AwayFromZero,
            _ => {
                return Err(fout(format!(
                    "onbekende afronding \"{tekst}\"; kies half_naar_boven, half_naar_even, naar_beneden of naar_boven"
                )));
            }
        };
        return Ok(Waarde::Afronding(mode));
    }
    if eenheid == Eenheid::JaNee {
        return match tekst.as_str() {
            "ja" => Ok(Waarde::Getal(1)),
            "nee" => Ok(Waarde::Getal(0)),
            _ => Err(fout(format!(
                "\"{tekst}\" is geen keuze; schrijf \"ja\" of \"nee\""
            ))),
        };
    }
    if let Some(keuzes) = keuzes(eenheid) {
        return match keuzes.iter().position(|k| *k == tekst) {
            Some(i) => Ok(Waarde::Getal(i as i64)),
            None => Err(fout(format!(
                "\"{tekst}\" is geen keuze; kies {}",
                keuzes.join(" of ")
            ))),
        };
    }
    let getal = if eenheid.is_geld() {
        Money::parse_euros(&tekst)
            .map_err(|_| {
                fout(format!(
                    "\"{tekst}\" is geen bedrag in euro's (schrijf bijvoorbeeld \"1401,50\")"
                ))
            })?
            .cents()
    } else if eenheid == Eenheid::Procent {
        parse_procent(&tekst).ok_or_else(|| {
            fout(format!(
                "\"{tekst}\" is geen percentage (schrijf bijvoorbeeld \"25\" of \"12,5\")"
            ))
        })?
    } else {
        tekst.parse::<i64>().map_err(|_| {
            fout(format!(
                "\"{tekst}\" is geen heel getal ({})",
                eenheid.naam()
            ))
        })?
    };
    if getal < 0 {
        return Err(fout(format!("\"{tekst}\" is negatief")));
    }
    if eenheid == Eenheid::Maand && !(1..=12).contains(&getal) {
        return Err(fout(format!(
            "maand {getal} bestaat niet (1 tot en met 12)"
        )));
    }
    Ok(Waarde::Getal(getal))
}

/// The choices of a unit that is a choice of policy, in the order of the
/// number they are held as.
fn keuzes(eenheid: Eenheid) -> Option<&'static [&'static str]> {
    match eenheid {
        Eenheid::IitToets => Some(&["elke_maand", "gemiddeld"]),
        Eenheid::IitMaandZonderBewijs => Some(&["telt_niet_als_laag", "medewerker_beoordeelt"]),
        _ => None,
    }
}

/// "12,5" → 1250 basis points. At most two decimals.
pub(crate) fn parse_procent(s: &str) -> Option<i64> {
    let (heel, deel) = s.split_once(',').unwrap_or((s, ""));
    if heel.is_empty()
        || deel.len() > 2
        || !heel.bytes().chain(deel.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let heel: i64 = heel.parse().ok()?;
    let mut deel_bp: i64 = if deel.is_empty() {
        0
    } else {
        deel.parse().ok()?
    };
    if deel.len() == 1 {
        deel_bp *= 10;
    }
    Some(heel * 100 + deel_bp)
}

#[cfg(test)]
mod tests {
    use super::parse_procent;

    #[test]
    fn procent() {
        assert_eq!(parse_procent("25"), Some(2500));
        assert_eq!(parse_procent("12,5"), Some(1250));
        assert_eq!(parse_procent("12,05"), Some(1205));
        assert_eq!(parse_procent("12,555"), None);
        assert_eq!(parse_procent("x"), None);
        assert_eq!(parse_procent(",5"), None);
    }
}

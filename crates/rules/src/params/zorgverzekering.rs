//! The collective supplementary health insurance in a gemeente's policy
//! file (`[collectieve_zorgverzekering]`, Participatiewet art. 35, derde
//! lid): whether the gemeente offers it, with which insurer, the packages
//! and the gemeente's contribution to each, and the income limit. Dated
//! with the file it is in (`geldig_van`, `geldig_tot`); a policy file
//! without the table offers no collective insurance.
//!
//! ```toml
//! [collectieve_zorgverzekering]
//! aangeboden = true
//! verzekeraar = "Zorgverzekeraar Kennemerland (demo)"
//! inkomensgrens_procent = "130"
//! artikel = "Participatiewet art. 35, derde lid; beleidsregels (demo)"
//!
//! [[collectieve_zorgverzekering.pakket]]
//! code = "basis"
//! naam = "GemeentePolis Basis"
//! omschrijving = "Tandarts tot € 250 per jaar en een bril"
//! bijdrage_per_maand = "9,50"
//! ```

use super::value::parse_procent;
use crate::fout::LaadFout;
use gbi_domain::Money;
use serde::Serialize;

/// The key of the table in a policy file.
pub const SLEUTEL: &str = "collectieve_zorgverzekering";

const VELDEN: &[&str] = &[
    "aangeboden",
    "verzekeraar",
    "inkomensgrens_procent",
    "artikel",
    "pakket",
];
const PAKKET_VELDEN: &[&str] = &["code", "naam", "omschrijving", "bijdrage_per_maand"];

/// The highest income limit a file may set, in basis points: far above
/// any real policy (the usual range is 110% to 150%), so a typo such as
/// "1300" is caught.
const HOOGSTE_GRENS_BP: i64 = 30_000;

/// The gemeente's collective supplementary health insurance (art. 35-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CollectieveZorgverzekering {
    /// Whether residents can sign up now. `false`: the gemeente says so
    /// explicitly (e.g. the contract ended); the other fields may be empty.
    pub aangeboden: bool,
    /// The insurer's name.
    pub verzekeraar: String,
    /// The income limit as basis points of the applicable bijstandsnorm
    /// (13000 = 130%).
    pub inkomensgrens_bp: i64,
    /// The packages residents choose from, in the order of the file.
    pub pakketten: Vec<Pakket>,
    /// "artikel (beleid gemeente)".
    pub verwijzing: String,
}

/// One package of the collective insurance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pakket {
    /// The gemeente's own code, e.g. `basis`; unique in the file, and what
    /// a sign-up and the insurer's file hold.
    pub code: String,
    /// The name as the insurer sells it.
    pub naam: String,
    /// What it covers, in a sentence for residents (may be empty).
    pub omschrijving: String,
    /// The gemeente's contribution per insured person per month, in cents.
    pub bijdrage_cents: i64,
}

impl CollectieveZorgverzekering {
    /// The package with this code, if the policy has it.
    pub fn pakket(&self, code: &str) -> Option<&Pakket> {
        self.pakketten.iter().find(|p| p.code == code)
    }
}

fn fout(bestand: &str, sleutel: &str, m: impl Into<String>) -> LaadFout {
    LaadFout::sleutel(bestand, sleutel, m)
}

fn tekst<'t>(
    bestand: &str,
    sleutel: &str,
    t: &'t toml::Table,
    veld: &str,
) -> Result<&'t str, LaadFout> {
    t.get(veld)
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            fout(
                bestand,
                sleutel,
                format!("{veld} ontbreekt of is geen tekst"),
            )
        })
}

fn onbekend(
    bestand: &str,
    sleutel: &str,
    t: &toml::Table,
    bekend: &[&str],
) -> Result<(), LaadFout> {
    match t.keys().find(|k| !bekend.contains(&k.as_str())) {
        Some(k) => Err(fout(
            bestand,
            sleutel,
            format!("onbekend veld \"{k}\"; bekend zijn: {}", bekend.join(", ")),
        )),
        None => Ok(()),
    }
}

/// Read the table from a policy file; `None` when the file has none. `wie`
/// is the gemeente's name for the reference.
pub(super) fn lees(
    bestand: &str,
    t: &toml::Table,
    wie: &str,
) -> Result<Option<CollectieveZorgverzekering>, LaadFout> {
    let Some(waarde) = t.get(SLEUTEL) else {
        return Ok(None);
    };
    let tabel = waarde
        .as_table()
        .ok_or_else(|| fout(bestand, SLEUTEL, format!("schrijf een tabel [{SLEUTEL}]")))?;
    onbekend(bestand, SLEUTEL, tabel, VELDEN)?;
    let aangeboden = match tabel.get("aangeboden") {
        Some(toml::Value::Boolean(b)) => *b,
        _ => return Err(fout(bestand, SLEUTEL, "aangeboden moet true of false zijn")),
    };
    let artikel = tekst(bestand, SLEUTEL, tabel, "artikel").map_err(|_| {
        fout(
            bestand,
            SLEUTEL,
            "artikel ontbreekt: elke waarde noemt haar wettelijke bron",
        )
    })?;
    let pakket_tabellen = match tabel.get("pakket") {
        None => Vec::new(),
        Some(toml::Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_table().ok_or_else(|| {
                    fout(
                        bestand,
                        SLEUTEL,
                        format!("schrijf [[{SLEUTEL}.pakket]]-tabellen"),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => {
            return Err(fout(
                bestand,
                SLEUTEL,
                format!("schrijf [[{SLEUTEL}.pakket]]-tabellen"),
            ));
        }
    };
    let mut pakketten: Vec<Pakket> = Vec::new();
    for (i, p) in pakket_tabellen.into_iter().enumerate() {
        let sleutel = format!("{SLEUTEL}.pakket[{i}]");
        onbekend(bestand, &sleutel, p, PAKKET_VELDEN)?;
        let code = tekst(bestand, &sleutel, p, "code")?;
        if !code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(fout(
                bestand,
                &sleutel,
                format!("code \"{code}\": alleen kleine letters, cijfers en _"),
            ));
        }
        if pakketten.iter().any(|x| x.code == code) {
            return Err(fout(
                bestand,
                &sleutel,
                format!("code \"{code}\" staat twee keer in de lijst"),
            ));
        }
        let bedrag = tekst(bestand, &sleutel, p, "bijdrage_per_maand")?;
        let bijdrage_cents = Money::parse_euros(bedrag)
            .map_err(|_| {
                fout(
                    bestand,
                    &sleutel,
                    format!("bijdrage_per_maand: \"{bedrag}\" is geen bedrag in euro's"),
                )
            })?
            .cents();
        if bijdrage_cents < 0 {
            return Err(fout(
                bestand,
                &sleutel,
                format!("bijdrage_per_maand: \"{bedrag}\" is negatief"),
            ));
        }
        let omschrijving = match p.get("omschrijving") {
            None => String::new(),
            Some(v) => v
                .as_str()
                .map(|s| s.trim().to_owned())
                .ok_or_else(|| fout(bestand, &sleutel, "omschrijving moet tekst zijn"))?,
        };
        pakketten.push(Pakket {
            code: code.to_owned(),
            naam: tekst(bestand, &sleutel, p, "naam")?.to_owned(),
            omschrijving,
            bijdrage_cents,
        });
    }
    let (verzekeraar, inkomensgrens_bp) = if aangeboden {
        let grens = tekst(bestand, SLEUTEL, tabel, "inkomensgrens_procent")?;
        let bp = parse_procent(grens)
            .filter(|bp| (10_000..=HOOGSTE_GRENS_BP).contains(bp))
            .ok_or_else(|| {
                fout(
                    bestand,
                    SLEUTEL,
                    format!(
                        "inkomensgrens_procent: \"{grens}\" is geen percentage van 100 tot en met 300 (van de bijstandsnorm)"
                    ),
                )
            })?;
        if pakketten.is_empty() {
            return Err(fout(
                bestand,
                SLEUTEL,
                format!("aangeboden = true, maar er is geen [[{SLEUTEL}.pakket]]"),
            ));
        }
        (
            tekst(bestand, SLEUTEL, tabel, "verzekeraar")?.to_owned(),
            bp,
        )
    } else {
        let verzekeraar = tabel
            .get("verzekeraar")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .trim()
            .to_owned();
        let bp = tabel
            .get("inkomensgrens_procent")
            .and_then(|v| v.as_str())
            .and_then(parse_procent)
            .unwrap_or(0);
        (verzekeraar, bp)
    };
    Ok(Some(CollectieveZorgverzekering {
        aangeboden,
        verzekeraar,
        inkomensgrens_bp,
        pakketten,
        verwijzing: format!("{artikel} (beleid {wie})"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lees_tekst(s: &str) -> Result<Option<CollectieveZorgverzekering>, LaadFout> {
        let t: toml::Table = s.parse().unwrap_or_else(|e| panic!("{e}"));
        lees("test.toml", &t, "Teststad")
    }

    const GOED: &str = r#"
[collectieve_zorgverzekering]
aangeboden = true
verzekeraar = "Verzekeraar"
inkomensgrens_procent = "120"
artikel = "Participatiewet art. 35, derde lid"

[[collectieve_zorgverzekering.pakket]]
code = "basis"
naam = "Polis Basis"
bijdrage_per_maand = "9,50"

[[collectieve_zorgverzekering.pakket]]
code = "top"
naam = "Polis Top"
omschrijving = "Alles"
bijdrage_per_maand = "21"
"#;

    #[test]
    fn reads_the_packages_in_cents() {
        let z = lees_tekst(GOED)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("present"));
        assert!(z.aangeboden);
        assert_eq!(z.inkomensgrens_bp, 12_000);
        assert_eq!(z.pakketten.len(), 2);
        assert_eq!(z.pakket("basis").map(|p| p.bijdrage_cents), Some(950));
        assert_eq!(
            z.pakket("top").map(|p| p.omschrijving.as_str()),
            Some("Alles")
        );
        assert_eq!(z.pakket("geen"), None);
        assert_eq!(
            z.verwijzing,
            "Participatiewet art. 35, derde lid (beleid Teststad)"
        );
    }

    #[test]
    fn absent_is_not_offered() {
        assert_eq!(lees_tekst("x = 1").unwrap_or_else(|e| panic!("{e}")), None);
    }

    #[test]
    fn mistakes_name_the_key() {
        for (fout, verwacht) in [
            (GOED.replace("\"120\"", "\"1200\""), "inkomensgrens_procent"),
            (GOED.replace("\"9,50\"", "\"negen\""), "bijdrage_per_maand"),
            (
                GOED.replace("code = \"top\"", "code = \"basis\""),
                "twee keer",
            ),
            (
                GOED.replace("code = \"top\"", "code = \"Top!\""),
                "kleine letters",
            ),
            (
                GOED.replace("omschrijving", "dekking"),
                "onbekend veld \"dekking\"",
            ),
            (
                GOED.replace("aangeboden = true", "aangeboden = \"ja\""),
                "true of false",
            ),
            (
                GOED.replace("artikel = ", "bron = "),
                "onbekend veld \"bron\"",
            ),
        ] {
            let e = lees_tekst(&fout)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(e.contains(verwacht), "{verwacht}: {e}");
            assert!(e.contains("collectieve_zorgverzekering"), "{e}");
        }
        let zonder_pakket = "[collectieve_zorgverzekering]\naangeboden = true\nverzekeraar = \"V\"\ninkomensgrens_procent = \"120\"\nartikel = \"a\"\n";
        let e = lees_tekst(zonder_pakket)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("geen [[collectieve_zorgverzekering.pakket]]"),
            "{e}"
        );
    }

    #[test]
    fn a_gemeente_may_say_it_does_not_offer_it() {
        let z = lees_tekst(
            "[collectieve_zorgverzekering]\naangeboden = false\nartikel = \"art. 35-3\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("present"));
        assert!(!z.aangeboden);
        assert!(z.pakketten.is_empty());
    }
}

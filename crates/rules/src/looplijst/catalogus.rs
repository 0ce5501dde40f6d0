//! Reading and checking the criteria files (`crates/rules/looplijst/*.toml`).

use super::{BronCode, Criterium, Getal, Regeling, RegelingCode, Toets};
use crate::fout::LaadFout;
use chrono::NaiveDate;
use serde::Serialize;

/// One criteria file: the criteria of every regeling for one period.
#[derive(Debug, Clone, Serialize)]
pub struct Catalogus {
    pub bestand: String,
    pub geldig_van: NaiveDate,
    pub geldig_tot: Option<NaiveDate>,
    pub bron: String,
    pub grondslag_algemeen: String,
    pub doel: String,
    pub regelingen: Vec<Regeling>,
}

impl Catalogus {
    pub fn geldt_op(&self, datum: NaiveDate) -> bool {
        self.geldig_van <= datum && self.geldig_tot.is_none_or(|tot| datum <= tot)
    }

    pub fn regeling(&self, code: RegelingCode) -> Option<&Regeling> {
        self.regelingen.iter().find(|r| r.code == code)
    }
}

/// The beleid keys a criterion may take a number from, with their unit.
const BELEID_PROCENT: &[&str] = &[
    "iit_inkomensgrens_procent",
    "bb_looplijst_inkomensgrens_procent",
];
const BELEID_MAANDEN: &[&str] = &["iit_referentieperiode_maanden"];

pub(super) fn lees(naam: &str, tekst: &str) -> Result<Catalogus, LaadFout> {
    let t: toml::Table = tekst.parse().map_err(|e: toml::de::Error| {
        LaadFout::bestand(naam, format!("geen geldige TOML: {}", e.message()))
    })?;
    if t.get("onderwerp").and_then(|v| v.as_str()) != Some("looplijst") {
        return Err(LaadFout::sleutel(
            naam,
            "onderwerp",
            "moet \"looplijst\" zijn",
        ));
    }
    let regelingen = t
        .get("regeling")
        .and_then(|v| v.as_array())
        .ok_or_else(|| LaadFout::sleutel(naam, "regeling", "ontbreekt ([[regeling]])"))?
        .iter()
        .enumerate()
        .map(|(i, r)| lees_regeling(naam, i, r))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, r) in regelingen.iter().enumerate() {
        if regelingen[..i].iter().any(|o| o.code == r.code) {
            return Err(LaadFout::sleutel(
                naam,
                "regeling",
                format!("{} staat er twee keer in", r.code.code()),
            ));
        }
    }
    Ok(Catalogus {
        bestand: naam.to_owned(),
        geldig_van: datum(naam, &t, "geldig_van")?
            .ok_or_else(|| LaadFout::sleutel(naam, "geldig_van", "ontbreekt"))?,
        geldig_tot: datum(naam, &t, "geldig_tot")?,
        bron: tekst_verplicht(naam, &t, "bron")?,
        grondslag_algemeen: tekst_verplicht(naam, &t, "grondslag_algemeen")?,
        doel: tekst_verplicht(naam, &t, "doel")?,
        regelingen,
    })
}

fn lees_regeling(naam: &str, i: usize, v: &toml::Value) -> Result<Regeling, LaadFout> {
    let waar = format!("regeling[{i}]");
    let t = v
        .as_table()
        .ok_or_else(|| LaadFout::sleutel(naam, &waar, "moet een tabel zijn"))?;
    let code_tekst =
        tekst_verplicht(naam, t, "code").map_err(|e| LaadFout::sleutel(naam, &waar, e.melding))?;
    let code = RegelingCode::parse(&code_tekst).ok_or_else(|| {
        LaadFout::sleutel(
            naam,
            &format!("{waar}.code"),
            format!("onbekende regeling \"{code_tekst}\" (bijstand, iit, bijzondere_bijstand)"),
        )
    })?;
    let criteria = t
        .get("criterium")
        .and_then(|v| v.as_array())
        .ok_or_else(|| LaadFout::sleutel(naam, &waar, "heeft geen [[regeling.criterium]]"))?
        .iter()
        .enumerate()
        .map(|(j, c)| lees_criterium(naam, &format!("{waar}.criterium[{j}]"), c))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Regeling {
        code,
        naam: tekst_verplicht(naam, t, "naam")?,
        uitleg: tekst_verplicht(naam, t, "uitleg")?,
        grondslag: tekst_verplicht(naam, t, "grondslag")?,
        criteria,
    })
}

fn lees_criterium(naam: &str, waar: &str, v: &toml::Value) -> Result<Criterium, LaadFout> {
    let fout = |sleutel: &str, melding: String| {
        LaadFout::sleutel(naam, &format!("{waar}.{sleutel}"), melding)
    };
    let t = v
        .as_table()
        .ok_or_else(|| LaadFout::sleutel(naam, waar, "moet een tabel zijn"))?;
    let veld = |sleutel: &str| -> Result<String, LaadFout> {
        t.get(sleutel)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| fout(sleutel, "ontbreekt of is leeg".into()))
    };
    let getal = |sleutel: &str| t.get(sleutel).and_then(|v| v.as_integer());
    let bron_tekst = veld("bron")?;
    let bron = BronCode::parse(&bron_tekst).ok_or_else(|| {
        fout(
            "bron",
            format!(
                "onbekende bron \"{bron_tekst}\" (brp, uwv, bijstandsregelingen, belastingdienst)"
            ),
        )
    })?;
    let toets_tekst = veld("toets")?;
    let toets = match toets_tekst.as_str() {
        "leeftijd" => Toets::Leeftijd {
            van_jaar: getal("van_jaar")
                .and_then(|g| u32::try_from(g).ok())
                .filter(|g| *g <= 120)
                .ok_or_else(|| fout("van_jaar", "verwacht een leeftijd in jaren".into()))?,
            tot_aow: t.get("tot_aow").and_then(|v| v.as_bool()).unwrap_or(false),
        },
        "kinderen_of_aow" => Toets::KinderenOfAow,
        "geen_regeling" => {
            let r = veld("regeling")?;
            Toets::GeenRegeling {
                regeling: RegelingCode::parse(&r)
                    .ok_or_else(|| fout("regeling", format!("onbekende regeling \"{r}\"")))?,
                maanden: maanden(getal("maanden"))
                    .ok_or_else(|| fout("maanden", "verwacht 1 tot en met 120".into()))?,
            }
        }
        "inkomen_onder_norm" => Toets::InkomenOnderNorm {
            procent: vast_of_beleid(t, "procent", BELEID_PROCENT, 1..=1000)
                .map_err(|m| fout("procent", m))?,
            maanden: vast_of_beleid(t, "maanden", BELEID_MAANDEN, 1..=120)
                .map_err(|m| fout("maanden", m))?,
            ten_hoogste: t
                .get("ten_hoogste")
                .and_then(|v| v.as_bool())
                .ok_or_else(|| fout("ten_hoogste", "verwacht true of false".into()))?,
        },
        "vermogen_onder_grens" => Toets::VermogenOnderGrens,
        anders => return Err(fout("toets", format!("onbekende toets \"{anders}\""))),
    };
    if toets.bron() != bron {
        return Err(fout(
            "bron",
            format!(
                "toets \"{toets_tekst}\" wordt beantwoord door {}, niet door {}",
                toets.bron().code(),
                bron.code()
            ),
        ));
    }
    Ok(Criterium {
        code: veld("code")?,
        vraag: veld("vraag")?,
        bron,
        toets,
        grondslag: veld("grondslag")?,
        doel: veld("doel")?,
    })
}

fn maanden(g: Option<i64>) -> Option<u32> {
    g.and_then(|g| u32::try_from(g).ok())
        .filter(|g| (1..=120).contains(g))
}

/// `sleutel = 100` or `sleutel_beleid = "iit_inkomensgrens_procent"`.
fn vast_of_beleid(
    t: &toml::Table,
    sleutel: &str,
    toegestaan: &[&'static str],
    bereik: std::ops::RangeInclusive<i64>,
) -> Result<Getal, String> {
    let beleid_sleutel = format!("{sleutel}_beleid");
    match (t.get(sleutel), t.get(&beleid_sleutel)) {
        (Some(v), None) => v
            .as_integer()
            .filter(|g| bereik.contains(g))
            .map(Getal::Vast)
            .ok_or_else(|| {
                format!(
                    "verwacht een getal van {} tot en met {}",
                    bereik.start(),
                    bereik.end()
                )
            }),
        (None, Some(v)) => {
            let s = v.as_str().unwrap_or_default();
            toegestaan
                .iter()
                .find(|k| **k == s)
                .map(|k| Getal::Beleid(k))
                .ok_or_else(|| format!("{beleid_sleutel}: kies uit {}", toegestaan.join(", ")))
        }
        _ => Err(format!(
            "geef {sleutel} of {beleid_sleutel}, precies één van beide"
        )),
    }
}

fn tekst_verplicht(naam: &str, t: &toml::Table, sleutel: &str) -> Result<String, LaadFout> {
    t.get(sleutel)
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| LaadFout::sleutel(naam, sleutel, "ontbreekt of is leeg"))
}

fn datum(naam: &str, t: &toml::Table, sleutel: &str) -> Result<Option<NaiveDate>, LaadFout> {
    match t.get(sleutel) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .map(Some)
            .ok_or_else(|| LaadFout::sleutel(naam, sleutel, "verwacht een datum JJJJ-MM-DD")),
    }
}

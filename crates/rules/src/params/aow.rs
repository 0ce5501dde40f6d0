//! The AOW age (pensioengerechtigde leeftijd) per birth cohort.

use super::schema::datum;
use super::value::Markering;
use crate::fout::LaadFout;
use chrono::{Months, NaiveDate};
use serde::Serialize;

/// By law (AOW art. 7a) the AOW age is never below 67 for anyone born after
/// 1956, so a person younger than that has certainly not reached it, even in
/// a cohort whose AOW age has not been set yet.
pub const NOOIT_LAGER_DAN_JAREN: i32 = 67;

#[derive(Debug, Clone, Serialize)]
pub struct Cohort {
    pub geboren_van: NaiveDate,
    pub geboren_tot: NaiveDate,
    /// Years and months; `None` when not set yet for this cohort.
    pub leeftijd: Option<(u32, u32)>,
    pub markering: Markering,
}

#[derive(Debug, Clone, Serialize)]
pub struct AowLeeftijd {
    pub bestand: String,
    pub verwijzing: String,
    pub cohorten: Vec<Cohort>,
}

/// Whether someone has reached the AOW age on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AowStatus {
    Bereikt(NaiveDate),
    NietBereikt(Option<NaiveDate>),
    /// The cohort's AOW age is not set and the person is 67 or older.
    NietIngesteld,
}

impl AowLeeftijd {
    pub(super) fn lees(naam: &str, t: &toml::Table) -> Result<Self, LaadFout> {
        for k in t.keys() {
            if !["onderwerp", "regeling", "bwb", "bron", "cohort"].contains(&k.as_str()) {
                return Err(LaadFout::sleutel(
                    naam,
                    k,
                    "onbekende sleutel voor onderwerp \"aow_leeftijd\"",
                ));
            }
        }
        let veld = |k: &str| t.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let verwijzing = format!("{} art. 7a ({})", veld("regeling"), veld("bwb"));
        let Some(toml::Value::Array(lijst)) = t.get("cohort") else {
            return Err(LaadFout::sleutel(
                naam,
                "cohort",
                "ontbreekt: geef de cohorten als [[cohort]]",
            ));
        };
        let mut cohorten = Vec::new();
        for (i, c) in lijst.iter().enumerate() {
            let sleutel = format!("cohort[{}]", i + 1);
            let fout = |m: &str| LaadFout::sleutel(naam, &sleutel, m.to_owned());
            let c = c.as_table().ok_or_else(|| fout("moet een tabel zijn"))?;
            let tekst = |k: &str| {
                c.get(k)
                    .and_then(|v| v.as_str())
                    .ok_or_else(|| fout(&format!("{k} ontbreekt")))
            };
            let geboren_van = datum(naam, &sleutel, tekst("geboren_van")?)?;
            let geboren_tot = datum(naam, &sleutel, tekst("geboren_tot")?)?;
            let markering = match tekst("markering")? {
                "off" => Markering::Off,
                "sec" => Markering::Sec,
                "unknown" => Markering::Unknown,
                _ => return Err(fout("markering moet off, sec of unknown zijn")),
            };
            let getal = |k: &str| c.get(k).and_then(|v| v.as_integer());
            let leeftijd = match (markering, getal("jaren"), getal("maanden")) {
                (Markering::Unknown, None, None) => None,
                (Markering::Unknown, _, _) => {
                    return Err(fout("unknown mag geen jaren of maanden hebben"));
                }
                (_, Some(j), Some(m)) if (60..=80).contains(&j) && (0..12).contains(&m) => {
                    Some((j as u32, m as u32))
                }
                _ => {
                    return Err(fout(
                        "jaren (60-80) en maanden (0-11) ontbreken of kloppen niet",
                    ));
                }
            };
            if let Some(vorige) = cohorten.last().map(|v: &Cohort| v.geboren_tot)
                && vorige.succ_opt() != Some(geboren_van)
            {
                return Err(fout("sluit niet aan op het vorige cohort (gat of overlap)"));
            }
            if geboren_tot < geboren_van {
                return Err(fout("geboren_tot ligt vóór geboren_van"));
            }
            cohorten.push(Cohort {
                geboren_van,
                geboren_tot,
                leeftijd,
                markering,
            });
        }
        Ok(Self {
            bestand: naam.to_owned(),
            verwijzing,
            cohorten,
        })
    }

    /// The date on which someone born on `geboren` reaches the AOW age, if set.
    pub fn datum(&self, geboren: NaiveDate) -> Option<NaiveDate> {
        let c = self
            .cohorten
            .iter()
            .find(|c| c.geboren_van <= geboren && geboren <= c.geboren_tot)?;
        let (j, m) = c.leeftijd?;
        geboren.checked_add_months(Months::new(j * 12 + m))
    }

    pub fn status(&self, geboren: NaiveDate, op: NaiveDate) -> AowStatus {
        match self.datum(geboren) {
            Some(d) if d <= op => AowStatus::Bereikt(d),
            Some(d) => AowStatus::NietBereikt(Some(d)),
            None if gbi_domain::date::age_on(geboren, op) < NOOIT_LAGER_DAN_JAREN => {
                AowStatus::NietBereikt(None)
            }
            None => AowStatus::NietIngesteld,
        }
    }
}

//! Law as dated data: the parameter files.
//!
//! Every file covers one *onderwerp* (topic) of one regeling for one period
//! (`geldig_van` up to and including `geldig_tot`; the last file of a topic
//! may leave `geldig_tot` open). Every value names its unit, its article and
//! how sure we are of it (`markering`): `off` (read in an official text),
//! `sec` (secondary source), `unknown` (not found: no value, and using it is a
//! clear "not set" error), `niet_van_kracht` (the rule does not exist yet in
//! that period). Municipal policy files (`onderwerp = "beleid"`) have the same
//! shape plus `gemeente_code`.
//!
//! Loading checks everything: known topics and keys, units, values, and that
//! the periods of a topic neither overlap nor leave a gap. Errors name the
//! file, the key and what is wrong.

pub mod aow;
pub mod lijsten;
mod schema;
mod value;
pub mod zorgverzekering;

pub use aow::{AowLeeftijd, Cohort};
pub use lijsten::{Document, Kindbedrag, Kostensoort, Lijsten, Soort, Vorm};
pub use value::{Eenheid, Markering, Param, Waarde};
pub use zorgverzekering::{CollectieveZorgverzekering, Pakket};

use crate::fout::LaadFout;
use chrono::NaiveDate;
use gbi_domain::GemeenteCode;
use std::collections::BTreeMap;
use std::path::Path;

/// One parameter file, parsed and checked.
#[derive(Debug, Clone)]
pub struct ParameterSet {
    pub bestand: String,
    pub onderwerp: String,
    pub regeling: String,
    pub bwb: String,
    pub bron: String,
    pub geldig_van: NaiveDate,
    pub geldig_tot: Option<NaiveDate>,
    pub gemeente_code: Option<GemeenteCode>,
    pub gemeente: Option<String>,
    pub demo: bool,
    pub waarden: BTreeMap<&'static str, Param>,
    /// Policy files only: the catalogue of kostensoorten and the IIT
    /// amounts per child's age band.
    pub lijsten: Lijsten,
    /// Policy files only: the collective supplementary health insurance
    /// (art. 35-3), if the file has it.
    pub collectieve_zorgverzekering: Option<CollectieveZorgverzekering>,
}

impl ParameterSet {
    pub fn geldt_op(&self, datum: NaiveDate) -> bool {
        self.geldig_van <= datum && self.geldig_tot.is_none_or(|tot| datum <= tot)
    }

    pub fn param(&self, sleutel: &str) -> Option<&Param> {
        self.waarden.get(sleutel)
    }
}

/// All parameter and policy files, validated together.
#[derive(Debug, Clone)]
pub struct Parameters {
    /// Per topic (and gemeente for policy), the sets sorted by start date.
    sets: BTreeMap<(String, Option<GemeenteCode>), Vec<ParameterSet>>,
    pub aow: AowLeeftijd,
    /// Demo mode only: after the last national set of a topic, carry it
    /// forward instead of failing, and say the result is provisional
    /// ([`Parameters::voorlopig_op`]). Off unless
    /// [`Parameters::met_voorlopig_doortrekken`] is called.
    voorlopig_doortrekken: bool,
}

/// The files built into the binary: `params/` of this crate.
pub const INGEBOUWD: &[(&str, &str)] = &include!(concat!(env!("OUT_DIR"), "/ingebouwd.rs"));

impl Parameters {
    /// The parameter and policy files that ship with GBI.
    pub fn ingebouwd() -> Result<Self, LaadFout> {
        Self::laden(
            INGEBOUWD
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned())),
        )
    }

    /// All `*.toml` files under a folder (recursively): a municipality's own
    /// copy of the parameters, changed without rebuilding GBI.
    pub fn uit_map(map: &Path) -> Result<Self, LaadFout> {
        let mut bestanden = Vec::new();
        verzamel(map, map, &mut bestanden)?;
        Self::laden(bestanden)
    }

    /// Parse and validate a set of files given as (name, contents).
    pub fn laden(bestanden: impl IntoIterator<Item = (String, String)>) -> Result<Self, LaadFout> {
        let mut sets: BTreeMap<(String, Option<GemeenteCode>), Vec<ParameterSet>> = BTreeMap::new();
        let mut aow = None;
        for (naam, tekst) in bestanden {
            let tabel: toml::Table = tekst.parse().map_err(|e: toml::de::Error| {
                LaadFout::bestand(&naam, format!("geen geldige TOML: {}", e.message()))
            })?;
            if tabel.get("onderwerp").and_then(|v| v.as_str()) == Some("aow_leeftijd") {
                if aow.is_some() {
                    return Err(LaadFout::bestand(
                        &naam,
                        "er is al een bestand met de AOW-leeftijd",
                    ));
                }
                aow = Some(AowLeeftijd::lees(&naam, &tabel)?);
                continue;
            }
            let set = schema::lees_set(&naam, &tabel)?;
            sets.entry((set.onderwerp.clone(), set.gemeente_code))
                .or_default()
                .push(set);
        }
        let aow = aow.ok_or_else(|| {
            LaadFout::algemeen(
                "het bestand met de AOW-leeftijd (onderwerp = \"aow_leeftijd\") ontbreekt",
            )
        })?;
        for ((onderwerp, _), lijst) in sets.iter_mut() {
            lijst.sort_by_key(|s| s.geldig_van);
            controleer_aansluiting(onderwerp, lijst)?;
        }
        for onderwerp in schema::VERPLICHT {
            if !sets.keys().any(|(o, _)| o == onderwerp) {
                return Err(LaadFout::algemeen(format!(
                    "er is geen enkel bestand voor onderwerp \"{onderwerp}\""
                )));
            }
        }
        Ok(Self {
            sets,
            aow,
            voorlopig_doortrekken: false,
        })
    }

    /// For `gbi serve --demo` only: where no national set holds on a date
    /// after the last one of a topic, use that last one, marked provisional.
    /// The demo keeps working after an indexation date whose official
    /// figures are not loaded yet; every amount computed this way says
    /// "voorlopig — nog niet de officiële normen". Never in production:
    /// there a missing set stays an error that a person must resolve.
    pub fn met_voorlopig_doortrekken(mut self) -> Self {
        self.voorlopig_doortrekken = true;
        self
    }

    /// Whether this set of parameters carries the last figures forward (demo).
    pub fn voorlopig_doortrekken(&self) -> bool {
        self.voorlopig_doortrekken
    }

    /// Read one policy file on its own, checked like any other, without
    /// loading it: a draft (concept) policy dated in the future, to see its
    /// effect on the caseload before it takes effect
    /// ([`crate::regelingen::wat_als`]).
    pub fn lees_beleidsconcept(naam: &str, tekst: &str) -> Result<ParameterSet, LaadFout> {
        let tabel: toml::Table = tekst.parse().map_err(|e: toml::de::Error| {
            // The line, so a person finds the mistake in a file they pasted.
            let regel = e
                .span()
                .map(|s| tekst[..s.start.min(tekst.len())].matches('\n').count() + 1);
            let waar = regel.map(|r| format!(" (regel {r})")).unwrap_or_default();
            LaadFout::bestand(
                naam,
                format!("geen geldige TOML{waar}: {}", e.message().trim()),
            )
        })?;
        let set = schema::lees_set(naam, &tabel)?;
        if set.onderwerp != "beleid" {
            return Err(LaadFout::sleutel(
                naam,
                "onderwerp",
                "een concept is een beleidsbestand (onderwerp = \"beleid\")",
            ));
        }
        Ok(set)
    }

    /// The set of a national topic that holds on `datum`, if any. In demo
    /// mode with [`Parameters::met_voorlopig_doortrekken`], after the last
    /// set the last set (see [`Parameters::voorlopig_op`]).
    pub fn landelijk(&self, onderwerp: &str, datum: NaiveDate) -> Option<&ParameterSet> {
        self.landelijk_met_status(onderwerp, datum).map(|(s, _)| s)
    }

    /// [`Parameters::landelijk`], and whether the set is carried forward
    /// (provisional) rather than one that holds on `datum`.
    pub fn landelijk_met_status(
        &self,
        onderwerp: &str,
        datum: NaiveDate,
    ) -> Option<(&ParameterSet, bool)> {
        let lijst = self.sets.get(&(onderwerp.to_owned(), None))?;
        if let Some(s) = lijst.iter().find(|s| s.geldt_op(datum)) {
            return Some((s, false));
        }
        if !self.voorlopig_doortrekken {
            return None;
        }
        lijst
            .last()
            .filter(|s| s.geldig_tot.is_some_and(|tot| tot < datum))
            .map(|s| (s, true))
    }

    /// Whether an amount computed for `datum` rests on figures carried
    /// forward (demo mode only): some national topic has no set of its own
    /// on that date. Pages and letters then mark the amount "voorlopig".
    pub fn voorlopig_op(&self, datum: NaiveDate) -> bool {
        self.voorlopig_doortrekken
            && self
                .sets
                .keys()
                .filter(|(_, g)| g.is_none())
                .any(|(o, _)| matches!(self.landelijk_met_status(o, datum), Some((_, true))))
    }

    /// The policy of a gemeente that holds on `datum`, if any.
    pub fn beleid(&self, gemeente: GemeenteCode, datum: NaiveDate) -> Option<&ParameterSet> {
        self.sets
            .get(&("beleid".to_owned(), Some(gemeente)))
            .and_then(|l| l.iter().find(|s| s.geldt_op(datum)))
    }

    /// Gemeenten with a policy file.
    pub fn gemeenten(&self) -> Vec<GemeenteCode> {
        self.sets.keys().filter_map(|(_, g)| *g).collect()
    }

    /// Every set, for listing (`gbi calc params`) and documentation.
    pub fn alle(&self) -> impl Iterator<Item = &ParameterSet> {
        self.sets.values().flatten()
    }

    /// What will be missing between `van` and `tot` (inclusive): for every
    /// topic, and every gemeente's policy, the first day in that window on
    /// which no file holds. National amounts change on 1 January and 1 July
    /// (indexation); a topic whose last file ends before `tot` is seen
    /// coming, so an operator can load the new figures before they are
    /// needed instead of finding out on the first payment day.
    pub fn ontbrekend(&self, van: NaiveDate, tot: NaiveDate) -> Vec<Ontbrekend> {
        let mut uit = Vec::new();
        for ((onderwerp, gemeente), lijst) in &self.sets {
            let Some(laatste) = lijst.last() else {
                continue;
            };
            let Some(einde) = laatste.geldig_tot else {
                continue;
            };
            if einde >= tot {
                continue;
            }
            let vanaf = einde.succ_opt().unwrap_or(einde).max(van);
            uit.push(Ontbrekend {
                onderwerp: onderwerp.clone(),
                gemeente: *gemeente,
                vanaf,
                laatste_bestand: laatste.bestand.clone(),
            });
        }
        uit.sort_by(|a, b| (a.vanaf, &a.onderwerp).cmp(&(b.vanaf, &b.onderwerp)));
        uit
    }
}

/// Parameters that will be missing: from `vanaf` on, no file of
/// `onderwerp` (for `gemeente`, if it is policy) holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ontbrekend {
    pub onderwerp: String,
    pub gemeente: Option<GemeenteCode>,
    pub vanaf: NaiveDate,
    pub laatste_bestand: String,
}

impl std::fmt::Display for Ontbrekend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.gemeente {
            Some(g) => write!(
                f,
                "gemeente {g} heeft geen beleid dat op {} geldt (laatste bestand: {})",
                self.vanaf, self.laatste_bestand
            ),
            None => write!(
                f,
                "geen parameters voor \"{}\" vanaf {} (laatste bestand: {})",
                self.onderwerp, self.vanaf, self.laatste_bestand
            ),
        }
    }
}

/// How a page or letter marks an amount computed with figures carried
/// forward ([`Parameters::met_voorlopig_doortrekken`], demo mode only).
pub const VOORLOPIG: &str = "voorlopig — nog niet de officiële normen";

/// The sentence that explains [`VOORLOPIG`] to anyone who reads it (B1).
pub const VOORLOPIG_UITLEG: &str = "Dit is een demo. De officiële bedragen voor deze periode staan nog niet in GBI. Daarom rekent de demo met de bedragen van de periode ervoor. Het echte bedrag kan anders zijn.";

/// How far ahead missing parameters are reported: six weeks before an
/// indexation date (1 January, 1 July) is when the Normenbrief is out.
pub const VOORUITKIJKEN_DAGEN: u64 = 42;

fn controleer_aansluiting(onderwerp: &str, lijst: &[ParameterSet]) -> Result<(), LaadFout> {
    for paar in lijst.windows(2) {
        let (a, b) = (&paar[0], &paar[1]);
        let Some(tot) = a.geldig_tot else {
            return Err(LaadFout::bestand(
                &a.bestand,
                format!(
                    "geldig_tot ontbreekt, maar {} (onderwerp \"{onderwerp}\") begint later; alleen het laatste bestand mag open eindigen",
                    b.bestand
                ),
            ));
        };
        if b.geldig_van <= tot {
            return Err(LaadFout::bestand(
                &b.bestand,
                format!(
                    "geldig_van {} overlapt met {} (geldig tot en met {tot})",
                    b.geldig_van, a.bestand
                ),
            ));
        }
        if tot.succ_opt() != Some(b.geldig_van) {
            return Err(LaadFout::bestand(
                &b.bestand,
                format!(
                    "gat in de geldigheid van onderwerp \"{onderwerp}\": {} eindigt op {tot}, dit bestand begint op {}",
                    a.bestand, b.geldig_van
                ),
            ));
        }
    }
    Ok(())
}

fn verzamel(basis: &Path, map: &Path, uit: &mut Vec<(String, String)>) -> Result<(), LaadFout> {
    let lees_fout =
        |p: &Path, e: std::io::Error| LaadFout::bestand(&p.display().to_string(), e.to_string());
    let mut paden: Vec<_> = std::fs::read_dir(map)
        .map_err(|e| lees_fout(map, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paden.sort();
    for pad in paden {
        if pad.is_dir() {
            verzamel(basis, &pad, uit)?;
        } else if pad.extension().is_some_and(|e| e == "toml") {
            let tekst = std::fs::read_to_string(&pad).map_err(|e| lees_fout(&pad, e))?;
            let naam = pad
                .strip_prefix(basis)
                .unwrap_or(&pad)
                .display()
                .to_string();
            uit.push((naam, tekst));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn missing_parameters_are_seen_before_the_indexation_date() {
        let p = Parameters::ingebouwd().unwrap_or_else(|e| panic!("{e}"));
        assert!(p.ontbrekend(d("2026-07-01"), d("2026-12-31")).is_empty());
        let o = p.ontbrekend(d("2026-12-02"), d("2027-01-13"));
        assert!(
            o.iter()
                .any(|o| o.onderwerp == "bijstandsnormen" && o.vanaf == d("2027-01-01"))
        );
        // A gemeente's policy holds until it is changed.
        assert!(o.iter().all(|o| o.gemeente.is_none()));
    }

    #[test]
    fn only_the_demo_carries_the_last_figures_forward_and_says_so() {
        let p = Parameters::ingebouwd().unwrap_or_else(|e| panic!("{e}"));
        let jan = d("2027-01-15");
        assert!(p.landelijk("bijstandsnormen", jan).is_none());
        assert!(!p.voorlopig_op(jan));
        let demo = p.clone().met_voorlopig_doortrekken();
        let (set, voorlopig) = demo
            .landelijk_met_status("bijstandsnormen", jan)
            .unwrap_or_else(|| panic!("carried forward"));
        assert!(voorlopig);
        assert_eq!(
            Some(set.bestand.as_str()),
            p.landelijk("bijstandsnormen", d("2026-12-31"))
                .map(|s| s.bestand.as_str())
        );
        assert!(demo.voorlopig_op(jan));
        // Before the end of the last set nothing is provisional, and a date
        // before the first set is still missing.
        assert!(!demo.voorlopig_op(d("2026-12-31")));
        assert!(demo.landelijk("bijstandsnormen", d("1990-01-01")).is_none());
        // What is missing is still reported: the operator must load it.
        assert!(!demo.ontbrekend(jan, jan).is_empty());
    }
}

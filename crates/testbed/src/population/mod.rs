//! Synthetic population of one gemeente, the same people in every register.
//!
//! `generate(n, seed, gemeente_code)` builds `n` residents in households at
//! addresses, with jobs (UWV), study finance (DUO), cars (RDW), homes
//! (Kadaster), child benefit and AOW (SVB), bijstand (Bijstandsregelingen),
//! toeslagen, taxable income and box-3 assets (Belastingdienst). It is
//! deterministic per seed: every household draws from its own ChaCha8 stream
//! seeded from `(seed, household index)`, so generating in parallel gives the
//! same result as generating serially. Nothing depends on hash-map order.
//!
//! # Distributions (approximations, measured by `Population::statistieken`)
//!
//! * Households: 45% single adults, 25% couples without children, 22%
//!   couples with children (1–4, mostly 1–2), 8% single parents. About 30% of
//!   couples are cohabiting without marriage or registered partnership, so
//!   the BRP shows no partner although they share the address.
//! * Ages follow a rough Dutch pyramid: about 21% under 20, 58% 20–64, 21%
//!   65 and over. Children at home are 0–23; those 18–23 mostly study.
//! * Working-age adults (18–66, not a child at home): heads of household
//!   8% no income of their own and 12% low income (part-time, €500–€2,000
//!   gross a month); partners 30% and 14%. The rest is middle
//!   (€2,200–€4,200) or high (€4,200–€9,000) in a 42:22 ratio. About 40% of
//!   people without income had a job that ended in the last five years.
//! * 67 and over: AOW at the SVB (10% with an incomplete AOW of 40–98%),
//!   70% also a pension paid through the polis administration (UWV).
//! * Children: kinderbijslag at the SVB for every child under 18.
//! * Students: 60% of children 18–23 at home have studiefinanciering (DUO).
//! * Cars (RDW): 15% / 35% / 70% / 85% of households by income class of the
//!   head (none / low / middle / high); high-income households may have two.
//! * Homes (Kadaster): owner-occupied for 10% / 25% / 60% / 80% by class and
//!   55% for households 67+; WOZ €220,000–€650,000. Others rent.
//! * Bijstand: a household has a right to bijstand when its net income is
//!   below the norm (single €1,401.50, couple €2,002.14 a month, approx.
//!   2026) and its assets are below the limit (€7,995 single, €15,990
//!   couple). 55% of those with a right receive it (take-up). The others
//!   are the ground-truth cases `recht_bijstand_zonder_uitkering`.
//! * IIT (individuele inkomenstoeslag): head 21–66, net income at most 120%
//!   of the norm for at least three years, not a student; 40% take-up.
//! * Bijzondere bijstand: net income at most 130% of the norm with children,
//!   age 67+ or (20%) special costs; 30% take-up.
//! * Toeslagen: huurtoeslag (renters under the income and asset limits, 80%
//!   take-up), zorgtoeslag (adults with gross income under €40,000, 85%),
//!   kindgebonden budget (children, income under €45,000 single / €60,000
//!   couple, 90%), kinderopvangtoeslag (children under 12, all adults
//!   working, 50%).
//!
//! Net income is approximated from gross income (80% under €2,500 a month,
//! 72% under €4,500, 62% above); cars and the own home are not counted as
//! assets for bijstand. These are simplifications for testing, not law.
//!
//! Measured for 1,000,000 residents, seed 1 (`examples/generate.rs`):
//! 497,399 households; 45.1% single, 25.0% couples without and 21.9% with
//! children, 8.0% single parents; 25.6% under 20, 55.6% 20–64, 18.8% 65+;
//! of working-age adults 15.3% no income and 12.7% low income; 5.9% of
//! households on bijstand, 4.9% with a right to bijstand but no benefit,
//! 4.4% IIT without, 12.5% bijzondere bijstand without; 50% owner-occupied,
//! 60% with a car. Generation takes about 4–5 s on 2 cores (release).

mod economie;
mod households;
mod names;
mod stats;

use chrono::{Datelike, NaiveDate};
use gbi_domain::Bsn;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

pub use stats::Statistieken;

/// The date the population describes; ages and periods are relative to it.
pub fn referentiedatum() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
}

/// First BSN prefix of generated residents: far from the test-data ranges
/// (0000…, 9999…, 1111…) so they never collide.
pub const BSN_PREFIX_START: u32 = 70_000_000;

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Geslacht {
    Man,
    Vrouw,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum HuishoudenSoort {
    Alleenstaand,
    PaarZonderKinderen,
    PaarMetKinderen,
    Eenoudergezin,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Rol {
    Hoofd,
    Partner,
    Kind,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Inkomensklasse {
    Geen,
    Laag,
    Midden,
    Hoog,
    Pensioen,
    Student,
    Kind,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub struct Adres {
    pub straat: String,
    pub huisnummer: u32,
    pub huisletter: Option<char>,
    pub postcode: String,
    pub woonplaats: String,
    /// BAG verblijfsobject: gemeentecode + "01" + 10 digits.
    pub adresseerbaar_object_identificatie: String,
    /// BAG nummeraanduiding: gemeentecode + "20" + 10 digits.
    pub nummeraanduiding_identificatie: String,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub struct Woning {
    pub kadastrale_gemeente_code: String,
    pub kadastrale_gemeente: String,
    pub sectie: String,
    pub perceelnummer: u32,
    pub woz_waarde_cents: u64,
    pub sinds: NaiveDate,
    /// Resident indices of the owners.
    pub eigenaren: Vec<u32>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub struct Dienstverband {
    pub werkgever: String,
    /// Fiscal number of the employer (loonheffingennummer is this + "L01").
    pub werkgever_finr: String,
    pub pensioen: bool,
    pub begin: NaiveDate,
    pub einde: Option<NaiveDate>,
    pub bruto_maandloon_cents: u64,
    pub uren_per_maand: u32,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum UitkeringSoort {
    /// Participatiewet, paid by the gemeente.
    Bijstand,
    /// AOW, SVB.
    Aow,
    /// Aanvullende inkomensvoorziening ouderen, SVB.
    Aio,
    /// Kinderbijslag, SVB (amount per quarter in `bedrag_cents`).
    Kinderbijslag,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub struct Uitkering {
    pub soort: UitkeringSoort,
    pub begin: NaiveDate,
    /// Net amount per month (kinderbijslag: per quarter).
    pub bedrag_cents: u64,
    /// AOW only: percentage of the full AOW.
    pub percentage: Option<u32>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub struct Studiefinanciering {
    pub begin: NaiveDate,
    pub einde: NaiveDate,
    pub basisbeurs: bool,
    pub aanvullende_beurs: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub struct Auto {
    pub kenteken: String,
    pub merk: String,
    pub waarde_cents: u64,
    pub sinds: NaiveDate,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ToeslagSoort {
    Huurtoeslag,
    Zorgtoeslag,
    KindgebondenBudget,
    Kinderopvangtoeslag,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub struct Ingezetene {
    pub index: u32,
    #[serde(serialize_with = "ser_bsn")]
    pub bsn: u32,
    pub huishouden: u32,
    pub rol: Rol,
    pub geslacht: Geslacht,
    pub voornamen: String,
    pub voorvoegsel: Option<String>,
    pub geslachtsnaam: String,
    pub geboortedatum: NaiveDate,
    pub geboorteplaats: String,
    pub inkomensklasse: Inkomensklasse,
    /// Resident index of the partner in the BRP (married or registered).
    pub partner: Option<u32>,
    pub ouders: Vec<u32>,
    pub kinderen: Vec<u32>,
    pub dienstverbanden: Vec<Dienstverband>,
    pub uitkeringen: Vec<Uitkering>,
    pub studiefinanciering: Option<Studiefinanciering>,
    pub autos: Vec<Auto>,
    pub vermogen_box3_cents: u64,
}

/// Ground truth kept by the generator: what a perfect caseworker would know.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq, Hash)]
pub struct Waarheid {
    pub netto_inkomen_cents: u64,
    pub bijstandsnorm_cents: u64,
    pub vermogen_cents: u64,
    pub vermogensgrens_cents: u64,
    pub laag_inkomen_sinds: Option<NaiveDate>,
    pub recht_bijstand: bool,
    pub ontvangt_bijstand: bool,
    pub recht_bijstand_zonder_uitkering: bool,
    pub recht_iit: bool,
    pub ontvangt_iit: bool,
    pub recht_iit_zonder_uitkering: bool,
    pub recht_bijzondere_bijstand: bool,
    pub ontvangt_bijzondere_bijstand: bool,
    pub recht_bijzondere_bijstand_zonder_uitkering: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub struct Huishouden {
    pub index: u32,
    pub soort: HuishoudenSoort,
    /// Resident indices; the head first.
    pub leden: Vec<u32>,
    pub gehuwd: bool,
    pub adres: Adres,
    pub woning: Option<Woning>,
    pub toeslagen: Vec<ToeslagSoort>,
    pub waarheid: Waarheid,
}

fn ser_bsn<S: serde::Serializer>(v: &u32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{v:09}"))
}

/// The generated population with lookup indices.
#[derive(Debug)]
pub struct Population {
    pub gemeente_code: String,
    pub gemeente_naam: String,
    pub seed: u64,
    pub ingezetenen: Vec<Ingezetene>,
    pub huishoudens: Vec<Huishouden>,
    by_bsn: HashMap<u32, u32>,
    by_postcode: HashMap<(String, u32), Vec<u32>>,
    by_kenteken: HashMap<String, u32>,
}

impl Population {
    pub fn len(&self) -> usize {
        self.ingezetenen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ingezetenen.is_empty()
    }

    pub fn get(&self, bsn: &str) -> Option<&Ingezetene> {
        let n: u32 = bsn.parse().ok()?;
        let idx = self.by_bsn.get(&n)?;
        self.ingezetenen.get(*idx as usize)
    }

    /// The resident with this BSN, given as a number.
    pub fn by_bsn_getal(&self, bsn: u32) -> Option<&Ingezetene> {
        let idx = self.by_bsn.get(&bsn)?;
        self.ingezetenen.get(*idx as usize)
    }

    pub fn resident(&self, index: u32) -> Option<&Ingezetene> {
        self.ingezetenen.get(index as usize)
    }

    pub fn huishouden_van(&self, p: &Ingezetene) -> Option<&Huishouden> {
        self.huishoudens.get(p.huishouden as usize)
    }

    pub fn bsn_of(&self, index: u32) -> Option<String> {
        self.resident(index).map(|p| format!("{:09}", p.bsn))
    }

    /// Households at an adresseerbaar object (at most one here).
    pub fn by_adresseerbaar_object(&self, aoid: &str) -> Option<&Huishouden> {
        if aoid.len() != 16 || !aoid.starts_with(&self.gemeente_code) || &aoid[4..6] != "01" {
            return None;
        }
        let serial: usize = aoid[6..].parse().ok()?;
        let h = self.huishoudens.get(serial.checked_sub(1)?)?;
        (h.adres.adresseerbaar_object_identificatie == aoid).then_some(h)
    }

    pub fn by_nummeraanduiding(&self, id: &str) -> Option<&Huishouden> {
        if id.len() != 16 || &id[4..6] != "20" {
            return None;
        }
        let serial: usize = id[6..].parse().ok()?;
        let h = self.huishoudens.get(serial.checked_sub(1)?)?;
        (h.adres.nummeraanduiding_identificatie == id).then_some(h)
    }

    /// Households at a postcode and house number (postcode without space,
    /// upper case).
    pub fn by_postcode_huisnummer(&self, postcode: &str, huisnummer: u32) -> Vec<&Huishouden> {
        let key = (postcode.replace(' ', "").to_uppercase(), huisnummer);
        self.by_postcode
            .get(&key)
            .map(|v| {
                v.iter()
                    .filter_map(|i| self.huishoudens.get(*i as usize))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The owner (resident index) and the car for a kenteken.
    pub fn by_kenteken(&self, kenteken: &str) -> Option<(&Ingezetene, &Auto)> {
        let idx = self.by_kenteken.get(&kenteken.to_uppercase())?;
        let p = self.ingezetenen.get(*idx as usize)?;
        let auto = p
            .autos
            .iter()
            .find(|a| a.kenteken.eq_ignore_ascii_case(kenteken))?;
        Some((p, auto))
    }

    /// A stable fingerprint of the whole population (for determinism tests).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        // DefaultHasher with fixed keys (SipHash 1-3, zero keys) is stable
        // within one build, which is all a determinism test needs.
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.ingezetenen.hash(&mut h);
        self.huishoudens.hash(&mut h);
        h.finish()
    }

    pub fn statistieken(&self) -> Statistieken {
        stats::bereken(self)
    }

    /// Ground truth for one resident as JSON (admin endpoint).
    pub fn grondwaarheid(&self, bsn: &str) -> Option<serde_json::Value> {
        let p = self.get(bsn)?;
        let h = self.huishouden_van(p)?;
        let leden: Vec<serde_json::Value> = h
            .leden
            .iter()
            .filter_map(|i| self.resident(*i))
            .map(|l| {
                serde_json::json!({
                    "bsn": format!("{:09}", l.bsn),
                    "rol": l.rol,
                    "naam": volledige_naam(l),
                    "geboortedatum": l.geboortedatum,
                })
            })
            .collect();
        Some(serde_json::json!({
            "ingezetene": p,
            "huishouden": {
                "index": h.index,
                "soort": h.soort,
                "gehuwd": h.gehuwd,
                "adres": h.adres,
                "woning": h.woning,
                "toeslagen": h.toeslagen,
                "leden": leden,
            },
            "waarheid": h.waarheid,
        }))
    }
}

pub fn volledige_naam(p: &Ingezetene) -> String {
    match &p.voorvoegsel {
        Some(v) => format!("{} {} {}", p.voornamen, v, p.geslachtsnaam),
        None => format!("{} {}", p.voornamen, p.geslachtsnaam),
    }
}

pub fn voorletters(voornamen: &str) -> String {
    voornamen
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join("")
}

/// The check digit that makes `prefix` (8 digits) pass the elfproef, if any.
pub(crate) fn bsn_from_prefix(prefix: u32) -> Option<u32> {
    let mut sum = 0u32;
    let mut rest = prefix;
    for weight in 2..=9u32 {
        sum += weight * (rest % 10);
        rest /= 10;
    }
    let check = sum % 11;
    (check < 10).then_some(prefix * 10 + check)
}

pub(crate) fn household_rng(seed: u64, index: u64) -> ChaCha8Rng {
    // SplitMix64 of (seed, index) for well-spread stream seeds.
    let mut z = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ChaCha8Rng::seed_from_u64(z ^ (z >> 31))
}

/// Generate `n` residents of gemeente `gemeente_code`, deterministically.
pub fn generate(n: usize, seed: u64, gemeente_code: &str) -> Population {
    let (gemeente_naam, postcode_start) = names::gemeente(gemeente_code);

    // 1. Household compositions, serially from one stream (cheap).
    let mut rng = household_rng(seed, u64::MAX);
    let mut samenstellingen: Vec<(HuishoudenSoort, u32)> = Vec::with_capacity(n / 2 + 1);
    let mut totaal = 0usize;
    while totaal < n {
        let r: f64 = rng.r#gen();
        let (soort, mut kinderen) = if r < 0.45 {
            (HuishoudenSoort::Alleenstaand, 0)
        } else if r < 0.70 {
            (HuishoudenSoort::PaarZonderKinderen, 0)
        } else if r < 0.92 {
            (HuishoudenSoort::PaarMetKinderen, aantal_kinderen(&mut rng))
        } else {
            (
                HuishoudenSoort::Eenoudergezin,
                aantal_kinderen(&mut rng).min(3),
            )
        };
        let volwassenen = match soort {
            HuishoudenSoort::Alleenstaand | HuishoudenSoort::Eenoudergezin => 1,
            _ => 2,
        };
        let mut soort = soort;
        let over = n - totaal;
        if volwassenen + kinderen as usize > over {
            // Trim the last household to fit exactly.
            soort = HuishoudenSoort::Alleenstaand;
            kinderen = 0;
        }
        let grootte = match soort {
            HuishoudenSoort::Alleenstaand => 1,
            HuishoudenSoort::Eenoudergezin => 1 + kinderen as usize,
            _ => 2 + kinderen as usize,
        };
        totaal += grootte;
        samenstellingen.push((soort, kinderen));
    }

    // 2. BSNs: the i-th valid prefix from BSN_PREFIX_START.
    let mut bsns = Vec::with_capacity(n);
    let mut prefix = BSN_PREFIX_START;
    while bsns.len() < n {
        if let Some(b) = bsn_from_prefix(prefix) {
            bsns.push(b);
        }
        prefix += 1;
    }

    // 3. Start index per household.
    let mut starts = Vec::with_capacity(samenstellingen.len());
    let mut s = 0u32;
    for (soort, kinderen) in &samenstellingen {
        starts.push(s);
        s += match soort {
            HuishoudenSoort::Alleenstaand => 1,
            HuishoudenSoort::Eenoudergezin => 1 + kinderen,
            _ => 2 + kinderen,
        };
    }

    let ctx = households::Context {
        seed,
        gemeente_code: gemeente_code.to_string(),
        gemeente_naam: gemeente_naam.clone(),
        postcode_start,
        aantal_huishoudens: samenstellingen.len() as u32,
        referentiedatum: referentiedatum(),
    };

    // 4. Households in parallel, each from its own stream.
    let (huishoudens, leden): (Vec<Huishouden>, Vec<Vec<Ingezetene>>) = samenstellingen
        .par_iter()
        .enumerate()
        .map(|(i, (soort, kinderen))| {
            let start = starts[i];
            households::genereer(&ctx, i as u32, *soort, *kinderen, start, &bsns)
        })
        .unzip();
    let ingezetenen: Vec<Ingezetene> = leden.into_par_iter().flatten().collect();
    let mut by_bsn = HashMap::with_capacity(n);
    let mut by_kenteken = HashMap::new();
    for p in &ingezetenen {
        by_bsn.insert(p.bsn, p.index);
        for a in &p.autos {
            by_kenteken.insert(a.kenteken.clone(), p.index);
        }
    }
    let mut by_postcode: HashMap<(String, u32), Vec<u32>> =
        HashMap::with_capacity(huishoudens.len());
    for h in &huishoudens {
        by_postcode
            .entry((h.adres.postcode.clone(), h.adres.huisnummer))
            .or_default()
            .push(h.index);
    }
    Population {
        gemeente_code: gemeente_code.to_string(),
        gemeente_naam,
        seed,
        ingezetenen,
        huishoudens,
        by_bsn,
        by_postcode,
        by_kenteken,
    }
}

fn aantal_kinderen(rng: &mut ChaCha8Rng) -> u32 {
    let r: f64 = rng.r#gen();
    if r < 0.40 {
        1
    } else if r < 0.82 {
        2
    } else if r < 0.96 {
        3
    } else {
        4
    }
}

/// Approximate net monthly income for a gross monthly income (cents).
pub fn netto_van(bruto_cents: u64) -> u64 {
    households::netto(bruto_cents)
}

/// A `Bsn` for a generated resident (always valid by construction).
pub fn bsn(p: &Ingezetene) -> Option<Bsn> {
    Bsn::parse(&format!("{:09}", p.bsn)).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn own_check_digit_matches_domain() {
        for prefix in BSN_PREFIX_START..BSN_PREFIX_START + 5000 {
            let ours = bsn_from_prefix(prefix).map(|b| format!("{b:09}"));
            let theirs = Bsn::from_prefix(prefix).map(|b| b.as_str().to_string());
            assert_eq!(ours, theirs, "{prefix}");
        }
    }

    #[test]
    fn exact_size_and_unique_bsns() {
        let p = generate(5000, 7, "0392");
        assert_eq!(p.len(), 5000);
        let mut b: Vec<u32> = p.ingezetenen.iter().map(|i| i.bsn).collect();
        b.sort_unstable();
        b.dedup();
        assert_eq!(b.len(), 5000);
        for (i, r) in p.ingezetenen.iter().enumerate() {
            assert_eq!(r.index as usize, i);
            assert!(bsn(r).is_some());
        }
    }
}

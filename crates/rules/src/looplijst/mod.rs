//! The looplijst criteria: which closed questions identify a household that
//! probably has a right to a regeling it does not receive.
//!
//! The criteria are dated data (`crates/rules/looplijst/*.toml`), published
//! as they are. Each names its legal ground, its purpose, the source that
//! answers it and the question. Thresholds are not in the criteria files: a
//! criterion says "below 100% of the norm" or "below the gemeente's IIT
//! income limit", and [`Vragen::voor`] turns that into an amount with the
//! parameters and policy of the date ([`Peil`]). The questions are asked
//! in the order of the file: first what the gemeente's own BRP says, then
//! the question most households fail (income), so as few people as
//! possible are asked about at all; nobody is asked further once a
//! criterion excludes them (the run in `gbi-zaken` does that).

mod catalogus;

pub use catalogus::Catalogus;

use crate::fout::{LaadFout, RekenFout};
use crate::peil::Peil;
use chrono::NaiveDate;
use gbi_domain::money::{Rounding, RoundingMode};
use gbi_domain::{GemeenteCode, Money};
use serde::Serialize;

/// The criteria files built into GBI.
pub const INGEBOUWD: &[(&str, &str)] = &[(
    "looplijst/catalogus-2026.toml",
    include_str!("../../looplijst/catalogus-2026.toml"),
)];

/// A regeling the looplijst looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegelingCode {
    Bijstand,
    Iit,
    BijzondereBijstand,
}

impl RegelingCode {
    pub const ALL: [RegelingCode; 3] = [
        RegelingCode::Bijstand,
        RegelingCode::Iit,
        RegelingCode::BijzondereBijstand,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RegelingCode::Bijstand => "bijstand",
            RegelingCode::Iit => "iit",
            RegelingCode::BijzondereBijstand => "bijzondere_bijstand",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == s.trim())
    }
}

/// Who answers a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BronCode {
    /// The gemeente's own BRP: nothing leaves the gemeente.
    Brp,
    Uwv,
    Bijstandsregelingen,
    Belastingdienst,
}

impl BronCode {
    pub fn code(self) -> &'static str {
        match self {
            BronCode::Brp => "brp",
            BronCode::Uwv => "uwv",
            BronCode::Bijstandsregelingen => "bijstandsregelingen",
            BronCode::Belastingdienst => "belastingdienst",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            BronCode::Brp,
            BronCode::Uwv,
            BronCode::Bijstandsregelingen,
            BronCode::Belastingdienst,
        ]
        .into_iter()
        .find(|b| b.code() == s.trim())
    }

    /// The name shown to people.
    pub fn naam(self) -> &'static str {
        match self {
            BronCode::Brp => "BRP (gegevens die de gemeente zelf heeft)",
            BronCode::Uwv => "UWV (polisadministratie)",
            BronCode::Bijstandsregelingen => "Suwinet Bijstandsregelingen (alle gemeenten)",
            BronCode::Belastingdienst => "Belastingdienst",
        }
    }
}

/// A number in a criterion: fixed in the file, or the gemeente's policy.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Getal {
    Vast(i64),
    Beleid(&'static str),
}

/// What a criterion checks.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "toets", rename_all = "snake_case")]
pub enum Toets {
    /// The oldest applicant is at least `van_jaar` and, with `tot_aow`,
    /// below the AOW age.
    Leeftijd { van_jaar: u32, tot_aow: bool },
    /// Children under 18 at the address, or the applicant has the AOW age.
    KinderenOfAow,
    /// The household did not receive `regeling` in the last `maanden`.
    GeenRegeling {
        regeling: RegelingCode,
        maanden: u32,
    },
    /// Net income stayed below (or at most) `procent` of the norm for
    /// `maanden` months.
    InkomenOnderNorm {
        procent: Getal,
        maanden: Getal,
        ten_hoogste: bool,
    },
    /// Assets below the vermogensgrens of the household.
    VermogenOnderGrens,
}

impl Toets {
    pub fn bron(&self) -> BronCode {
        match self {
            Toets::Leeftijd { .. } | Toets::KinderenOfAow => BronCode::Brp,
            Toets::GeenRegeling { .. } => BronCode::Bijstandsregelingen,
            Toets::InkomenOnderNorm { .. } => BronCode::Uwv,
            Toets::VermogenOnderGrens => BronCode::Belastingdienst,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Criterium {
    pub code: String,
    pub vraag: String,
    pub bron: BronCode,
    pub toets: Toets,
    pub grondslag: String,
    pub doel: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Regeling {
    pub code: RegelingCode,
    pub naam: String,
    pub uitleg: String,
    pub grondslag: String,
    pub criteria: Vec<Criterium>,
}

/// Every criteria file, by period.
#[derive(Debug, Clone)]
pub struct Catalogi {
    pub catalogi: Vec<Catalogus>,
}

impl Catalogi {
    pub fn ingebouwd() -> Result<Self, LaadFout> {
        Self::laden(INGEBOUWD.iter().map(|(n, t)| (*n, *t)))
    }

    pub fn laden<'a>(
        bestanden: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, LaadFout> {
        let mut catalogi = bestanden
            .into_iter()
            .map(|(n, t)| catalogus::lees(n, t))
            .collect::<Result<Vec<_>, _>>()?;
        catalogi.sort_by_key(|c| c.geldig_van);
        for paar in catalogi.windows(2) {
            if paar[0]
                .geldig_tot
                .is_none_or(|tot| tot >= paar[1].geldig_van)
            {
                return Err(LaadFout::bestand(
                    &paar[1].bestand,
                    format!("overlapt met {}", paar[0].bestand),
                ));
            }
        }
        Ok(Self { catalogi })
    }

    /// The criteria that hold on `datum`.
    pub fn op(&self, datum: NaiveDate) -> Option<&Catalogus> {
        self.catalogi.iter().find(|c| c.geldt_op(datum))
    }
}

/// A household as the gemeente sees it in its BRP: the applicants (the
/// oldest adult and a partner or second adult) and the children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leefsituatie {
    /// Born on (the oldest applicant).
    pub geboren: NaiveDate,
    /// Two applicants: the gehuwden norm and limit apply.
    pub samen: bool,
    /// Children under 18 at the address.
    pub kinderen: bool,
}

impl Leefsituatie {
    fn soort(self) -> usize {
        match (self.samen, self.kinderen) {
            (true, _) => 2,
            (false, true) => 1,
            (false, false) => 0,
        }
    }
}

/// A criterion made concrete for one household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vraag {
    /// Decided from the gemeente's own BRP data: holds or not.
    Lokaal(bool),
    /// Ask UWV: net income below (or at most) `grens` for `maanden` months.
    Inkomen {
        grens: Money,
        maanden: u32,
        ten_hoogste: bool,
    },
    /// Ask Bijstandsregelingen: did the household receive `regeling`? The
    /// criterion holds when the answer is no.
    OntvangtRegeling {
        regeling: RegelingCode,
        maanden: u32,
    },
    /// Ask the Belastingdienst: assets below `grens`?
    Vermogen { grens: Money },
}

/// Rounding of an income limit that is a percentage of the norm: down to
/// the cent, so the limit never exceeds what the policy says.
pub const INKOMENSGRENS: Rounding =
    Rounding::new("looplijst_inkomensgrens", RoundingMode::TowardZero);

/// The criteria of one regeling resolved against the parameters and
/// policy of one date: amounts per kind of household, computed once.
#[derive(Debug, Clone)]
pub struct Vragen<'c> {
    pub regeling: &'c Regeling,
    pub peildatum: NaiveDate,
    /// Per criterion, per kind of household (alleenstaand, alleenstaande
    /// ouder, samen): the question, or `None` for a BRP criterion.
    per_soort: Vec<[Option<Vraag>; 3]>,
    aow: &'c crate::params::AowLeeftijd,
}

impl<'c> Vragen<'c> {
    pub fn voor(
        regeling: &'c Regeling,
        peil: &Peil<'c>,
        gemeente: GemeenteCode,
    ) -> Result<Self, RekenFout> {
        let beleid = peil
            .beleid
            .as_ref()
            .map(|(_, set, _)| *set)
            .ok_or(RekenFout::GeenBeleid {
                gemeente: gemeente.to_string(),
                datum: peil.datum,
            })?;
        let getal = |g: &Getal| -> Result<i64, RekenFout> {
            match g {
                Getal::Vast(v) => Ok(*v),
                Getal::Beleid(sleutel) => crate::peil::W {
                    param: beleid
                        .param(sleutel)
                        .ok_or_else(|| RekenFout::NietIngesteld {
                            sleutel: (*sleutel).to_owned(),
                            bestand: beleid.bestand.clone(),
                        })?,
                }
                .get(),
            }
        };
        // Percentages in policy files are held in basis points (1% = 100);
        // in the criteria file they are whole percentages.
        let basispunten = |g: &Getal| match g {
            Getal::Vast(v) => Ok(v * 100),
            Getal::Beleid(_) => getal(g),
        };
        let norm = [
            peil.normen.norm_21_alleenstaande.get()?,
            peil.normen.norm_21_alleenstaande.get()?,
            peil.normen.norm_21_gehuwden.get()?,
        ];
        let vermogen = [
            peil.vermogen.grens_alleenstaande.get()?,
            peil.vermogen.grens_alleenstaande_ouder.get()?,
            peil.vermogen.grens_gehuwden.get()?,
        ];
        let mut per_soort = Vec::with_capacity(regeling.criteria.len());
        for c in &regeling.criteria {
            let mut rij = [None; 3];
            for (soort, plek) in rij.iter_mut().enumerate() {
                *plek = match &c.toets {
                    Toets::Leeftijd { .. } | Toets::KinderenOfAow => None,
                    Toets::GeenRegeling { regeling, maanden } => Some(Vraag::OntvangtRegeling {
                        regeling: *regeling,
                        maanden: *maanden,
                    }),
                    Toets::InkomenOnderNorm {
                        procent,
                        maanden,
                        ten_hoogste,
                    } => Some(Vraag::Inkomen {
                        grens: Money::from_cents(norm[soort])
                            .percentage(basispunten(procent)?, INKOMENSGRENS),
                        maanden: u32::try_from(getal(maanden)?).unwrap_or(0),
                        ten_hoogste: *ten_hoogste,
                    }),
                    Toets::VermogenOnderGrens => Some(Vraag::Vermogen {
                        grens: Money::from_cents(vermogen[soort]),
                    }),
                };
            }
            per_soort.push(rij);
        }
        Ok(Self {
            regeling,
            peildatum: peil.datum,
            per_soort,
            aow: peil.aow,
        })
    }

    /// Criterion `i` for a household.
    pub fn vraag(&self, i: usize, l: &Leefsituatie) -> Option<Vraag> {
        let c = self.regeling.criteria.get(i)?;
        Some(match &c.toets {
            Toets::Leeftijd { van_jaar, tot_aow } => {
                let leeftijd = gbi_domain::date::age_on(l.geboren, self.peildatum);
                let oud_genoeg = i64::from(leeftijd) >= i64::from(*van_jaar);
                Vraag::Lokaal(oud_genoeg && (!tot_aow || !self.heeft_aow(l.geboren)))
            }
            Toets::KinderenOfAow => Vraag::Lokaal(l.kinderen || self.heeft_aow(l.geboren)),
            _ => self.per_soort.get(i)?[l.soort()]?,
        })
    }

    /// Number of criteria.
    pub fn len(&self) -> usize {
        self.regeling.criteria.len()
    }

    pub fn is_empty(&self) -> bool {
        self.regeling.criteria.is_empty()
    }

    fn heeft_aow(&self, geboren: NaiveDate) -> bool {
        // Without a set AOW age the person is treated as having reached it
        // when 67 or older: never asked about as a working-age resident.
        match self.aow.datum(geboren) {
            Some(d) => d <= self.peildatum,
            None => gbi_domain::date::age_on(geboren, self.peildatum) >= 67,
        }
    }
}

#[cfg(test)]
mod tests;

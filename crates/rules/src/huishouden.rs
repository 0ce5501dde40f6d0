//! One household as a caseworker or `gbi calc` gives it (JSON), turned into
//! the facts the rules use, step by step.

use crate::bijstand::{self, Feiten, Klasse};
use crate::fout::RekenFout;
use crate::inkomen::{Inkomsten, Persoon as InkomenPersoon, Wie};
use crate::params::Document;
use crate::peil::Peil;
use crate::regelingen::iit::{Maandinkomen, Oordeel};
use crate::stap;
use crate::uitleg::{Grootheid::*, Spoor};
use chrono::NaiveDate;
use gbi_domain::date::age_on;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persoon {
    pub geboortedatum: NaiveDate,
}

/// The applicant's spouse or partner (art. 3: gehuwden).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub geboortedatum: NaiveDate,
    /// Whether the partner stays in an inrichting (art. 23). Not given: the
    /// same as the applicant (`in_inrichting`).
    #[serde(default)]
    pub in_inrichting: Option<bool>,
    /// The partner's own income this month; the vrijlatingen of art. 31-2
    /// apply per person.
    #[serde(default)]
    pub inkomsten: Inkomsten,
}

/// Family relation of a medebewoner to the applicant (or partner).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relatie {
    Ouder,
    Kind,
    BroerZus,
    Grootouder,
    Kleinkind,
    #[default]
    Overig,
}

impl Relatie {
    /// First or second degree relative (art. 19a-1 onder b).
    pub fn eerste_of_tweede_graad(self) -> bool {
        !matches!(self, Relatie::Overig)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Medebewoner {
    pub geboortedatum: NaiveDate,
    #[serde(default)]
    pub relatie: Relatie,
    /// Rents on a written, commercial agreement (kamerhuur, kostganger).
    #[serde(default)]
    pub commerciele_huur: bool,
    /// Entitled to studiefinanciering or WTOS.
    #[serde(default)]
    pub studiefinanciering: bool,
    /// Follows a BBL (beroepsbegeleidende leerweg) course.
    #[serde(default)]
    pub bbl: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VermogenInvoer {
    /// Possessions at market value (savings, car, …), not household goods.
    pub bezittingen_cents: i64,
    pub schulden_cents: i64,
    /// Equity of the owner-occupied home (value minus mortgage).
    pub overwaarde_woning_cents: i64,
    /// Bijstand already lent against the home under art. 50-2 (cents): the
    /// loan runs only up to the equity above the exemption.
    pub eerder_geleend_woning_cents: i64,
}

/// Input for individuele inkomenstoeslag (art. 36).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IitInvoer {
    /// Net monthly income of the last months, oldest first, all proven.
    /// Shorthand for `perioden` of proven income; give one or the other.
    pub inkomen_per_maand_cents: Vec<i64>,
    /// The months before the application, oldest first, as runs of equal
    /// months: on bijstand (from the ledger), proven income, or no proven
    /// income. Only the last months of the reference period count.
    pub perioden: Vec<IitPeriode>,
    /// Date of the last IIT granted, if any.
    pub laatste_iit: Option<NaiveDate>,
    /// The day the IIT was applied for; the 12 months of art. 36-3 count
    /// back from it. Without it, the calculation date stands in.
    pub aanvraagdatum: Option<NaiveDate>,
    /// Kept for old input: `true` is a recorded judgement that there is a
    /// prospect of income improvement. Use `oordeel_inkomensverbetering`.
    pub uitzicht_op_inkomensverbetering: bool,
    /// The caseworker's weighing of art. 36-1 with 36-2 (abilities and
    /// efforts), with its reason. Without it the rules do not decide: the
    /// outcome says a person must judge.
    pub oordeel_inkomensverbetering: Option<OordeelInkomensverbetering>,
}

/// What a run of months of the reference period was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaandSoort {
    /// Bijstand in the ledger that month: a low income (art. 36-1).
    Bijstand,
    /// Income known from a source or a proof (`inkomen_cents`).
    Bewezen,
    /// Income not proven or unknown: the gemeente's policy says what it
    /// counts as (`iit_maand_zonder_bewijs`).
    ZonderBewijs,
    /// A source (`bron`) answered a closed question: the income of the
    /// household was at most `grens_cents` in each of these months, without
    /// giving the amount (docs/looplijst-criteria-api.md).
    OnderGrensVolgensBron,
}

/// A source that answers closed questions about income.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IitBron {
    /// UWV's polisadministratie: wages, benefits and bijstand.
    Uwv,
}

impl IitBron {
    /// The name shown to people.
    pub fn naam(self) -> &'static str {
        match self {
            IitBron::Uwv => "UWV (polisadministratie)",
        }
    }
}

/// A run of months with the same income.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IitPeriode {
    pub maanden: u32,
    pub soort: MaandSoort,
    /// Net income per month; only with `soort = "bewezen"`.
    #[serde(default)]
    pub inkomen_cents: Option<i64>,
    /// The limit the source confirmed; only with
    /// `soort = "onder_grens_volgens_bron"`.
    #[serde(default)]
    pub grens_cents: Option<i64>,
    /// Who confirmed it; only with `soort = "onder_grens_volgens_bron"`.
    #[serde(default)]
    pub bron: Option<IitBron>,
}

/// A caseworker's judgement of the prospect of income improvement
/// (art. 36-1), weighing abilities and efforts (art. 36-2 a and b).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OordeelInkomensverbetering {
    pub uitzicht: bool,
    /// Why: a judgement without a reason is refused.
    pub motivering: String,
}

/// Longest reference period the input may describe (20 years).
const MAX_MAANDEN: u32 = 240;

impl IitInvoer {
    /// The months as the rules read them, oldest first.
    pub fn maanden(&self) -> Result<Vec<Maandinkomen>, RekenFout> {
        if !self.perioden.is_empty() && !self.inkomen_per_maand_cents.is_empty() {
            return Err(RekenFout::invoer(
                "iit.perioden",
                "geef perioden of inkomen_per_maand_cents, niet allebei",
            ));
        }
        if let Some(i) = self.inkomen_per_maand_cents.iter().position(|c| *c < 0) {
            return Err(RekenFout::invoer(
                format!("iit.inkomen_per_maand_cents[{i}]"),
                "mag niet negatief zijn",
            ));
        }
        let mut uit: Vec<Maandinkomen> = self
            .inkomen_per_maand_cents
            .iter()
            .map(|c| Maandinkomen::Bewezen(*c))
            .collect();
        let mut totaal = 0u32;
        for (i, p) in self.perioden.iter().enumerate() {
            let veld = |v: &str| format!("iit.perioden[{i}].{v}");
            totaal = totaal.saturating_add(p.maanden);
            if p.maanden == 0 || totaal > MAX_MAANDEN {
                return Err(RekenFout::invoer(
                    veld("maanden"),
                    format!("moet 1 of meer zijn, samen ten hoogste {MAX_MAANDEN}"),
                ));
            }
            let volgens_bron = p.soort == MaandSoort::OnderGrensVolgensBron;
            if !volgens_bron && (p.grens_cents.is_some() || p.bron.is_some()) {
                return Err(RekenFout::invoer(
                    veld("grens_cents"),
                    "grens_cents en bron alleen bij soort \"onder_grens_volgens_bron\"",
                ));
            }
            let m = match (p.soort, p.inkomen_cents) {
                (MaandSoort::OnderGrensVolgensBron, None) => match (p.grens_cents, p.bron) {
                    (Some(g), Some(bron)) if g >= 0 => Maandinkomen::OnderGrensVolgensBron {
                        grens_cents: g,
                        bron,
                    },
                    _ => {
                        return Err(RekenFout::invoer(
                            veld("grens_cents"),
                            "een maand onder de grens volgens een bron heeft een grens van 0 of meer en een bron",
                        ));
                    }
                },
                (MaandSoort::Bewezen, Some(c)) if c >= 0 => Maandinkomen::Bewezen(c),
                (MaandSoort::Bewezen, _) => {
                    return Err(RekenFout::invoer(
                        veld("inkomen_cents"),
                        "een bewezen maand heeft een inkomen van 0 of meer",
                    ));
                }
                (_, Some(_)) => {
                    return Err(RekenFout::invoer(
                        veld("inkomen_cents"),
                        "alleen bij soort \"bewezen\"",
                    ));
                }
                (MaandSoort::Bijstand, None) => Maandinkomen::Bijstand,
                (MaandSoort::ZonderBewijs, None) => Maandinkomen::ZonderBewijs,
            };
            uit.extend(std::iter::repeat_n(m, p.maanden as usize));
        }
        Ok(uit)
    }

    /// The recorded judgement of art. 36-1/36-2, if any.
    pub fn oordeel(&self) -> Result<Option<Oordeel>, RekenFout> {
        match &self.oordeel_inkomensverbetering {
            Some(o) if o.motivering.trim().is_empty() => Err(RekenFout::invoer(
                "iit.oordeel_inkomensverbetering.motivering",
                "een oordeel over uitzicht op inkomensverbetering heeft een reden",
            )),
            Some(o) => Ok(Some(Oordeel {
                uitzicht: o.uitzicht,
            })),
            None if self.uitzicht_op_inkomensverbetering => Ok(Some(Oordeel { uitzicht: true })),
            None => Ok(None),
        }
    }
}

/// Input for bijzondere bijstand (art. 35).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BijzondereBijstandInvoer {
    /// The costs asked for, in cents; per month when `periodiek`.
    pub kosten_cents: i64,
    /// All costs of this kind within twelve months, this one included
    /// (art. 35-2 drempel). Not given: these costs (for periodic costs,
    /// twelve months of them).
    pub kosten_binnen_12_maanden_cents: Option<i64>,
    /// Net monthly income of the household, in cents.
    pub inkomen_cents: i64,
    /// The code of the cost in the gemeente's catalogue (`[[kostensoort]]`
    /// in its policy file), e.g. `wasmachine`. Without it: a one-off cost
    /// outside the catalogue, as a gift.
    pub kostensoort: Option<String>,
    /// Asked for per month (only for a periodic kostensoort).
    pub periodiek: bool,
    /// Documents handed in.
    pub documenten: Vec<Document>,
}

/// One household on one date: the input of `gbi calc`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Huishouden {
    pub aanvrager: Persoon,
    #[serde(default)]
    pub partner: Option<Partner>,
    #[serde(default)]
    pub kinderen: Vec<Persoon>,
    #[serde(default)]
    pub medebewoners: Vec<Medebewoner>,
    /// Temporary stay elsewhere to give mantelzorg (art. 22a-4).
    #[serde(default)]
    pub mantelzorg_elders: bool,
    /// For an applicant of 18–20: the parents cannot contribute (art. 20-3).
    #[serde(default)]
    pub ouders_kunnen_niet_bijdragen: bool,
    /// The applicant stays in an inrichting (art. 23); with a partner, the
    /// partner too unless `partner.in_inrichting` says otherwise.
    #[serde(default)]
    pub in_inrichting: bool,
    #[serde(default)]
    pub vermogen: VermogenInvoer,
    /// The applicant's income this month (the partner's is in `partner`).
    #[serde(default)]
    pub inkomsten: Inkomsten,
    #[serde(default)]
    pub iit: Option<IitInvoer>,
    #[serde(default)]
    pub bijzondere_bijstand: Option<BijzondereBijstandInvoer>,
}

/// Facts derived from the input, besides [`Feiten`].
#[derive(Debug, Clone, Copy)]
pub struct Afgeleid {
    pub feiten: Feiten,
    pub aanvrager_leeftijd: i32,
    pub partner_leeftijd: Option<i32>,
    pub jongste_kind: Option<i32>,
}

const ART_19A: &str = "Participatiewet art. 19a, eerste lid (BWBR0015703)";
const ART_34: &str = "Participatiewet art. 34, eerste lid (BWBR0015703)";

impl Huishouden {
    /// The ages on `datum` of the children under 18.
    pub fn kinderleeftijden(&self, datum: NaiveDate) -> Vec<u8> {
        crate::regelingen::kinderleeftijden(self.kinderen.iter().map(|k| k.geboortedatum), datum)
    }

    /// Derive the facts, writing each finding as a step.
    pub fn feiten<'a, S: Spoor<'a>>(
        &self,
        peil: &Peil<'a>,
        s: &mut S,
    ) -> Result<Afgeleid, RekenFout> {
        let d = peil.datum;
        let aanvrager = bijstand::klasse(
            peil,
            self.aanvrager.geboortedatum,
            "aanvrager.geboortedatum",
        )?;
        let aanvrager_leeftijd = age_on(self.aanvrager.geboortedatum, d);
        stap!(s, "persoon.aanvrager", aanvrager.artikel(), Tekst(klasse_naam(aanvrager)), [
            "geboortedatum" => Datum(self.aanvrager.geboortedatum), "leeftijd" => Aantal(i64::from(aanvrager_leeftijd)),
        ]);
        let partner = match &self.partner {
            None => None,
            Some(p) => {
                let k = bijstand::klasse(peil, p.geboortedatum, "partner.geboortedatum")?;
                stap!(s, "persoon.partner", k.artikel(), Tekst(klasse_naam(k)), [
                    "geboortedatum" => Datum(p.geboortedatum), "leeftijd" => Aantal(i64::from(age_on(p.geboortedatum, d))),
                ]);
                Some(k)
            }
        };
        let mut kinderen = 0;
        let mut jongste = None::<i32>;
        let mut kostendelers = 0u32;
        let grens = peil.kostendelers.leeftijd_kostendeler.get()?;
        for (i, kind) in self.kinderen.iter().enumerate() {
            if kind.geboortedatum > d {
                return Err(RekenFout::invoer(
                    format!("kinderen[{i}].geboortedatum"),
                    "ligt na de peildatum",
                ));
            }
            let leeftijd = age_on(kind.geboortedatum, d);
            if leeftijd < 18 {
                kinderen += 1;
                jongste = Some(jongste.map_or(leeftijd, |j| j.min(leeftijd)));
            } else if i64::from(leeftijd) >= grens {
                // An adult child at home is a medebewoner.
                kostendelers += 1;
                stap!(s, "kostendeler.kind_27_plus", ART_19A, JaNee(true), ["leeftijd" => Aantal(i64::from(leeftijd))]);
            }
        }
        if !self.kinderen.is_empty() {
            stap!(s, "persoon.kinderen", "Participatiewet art. 4, eerste lid, onderdeel e (BWBR0015703)", Aantal(kinderen), [
                "jongste" => Aantal(i64::from(jongste.unwrap_or(0))),
            ]);
        }
        for (i, m) in self.medebewoners.iter().enumerate() {
            if m.geboortedatum > d {
                return Err(RekenFout::invoer(
                    format!("medebewoners[{i}].geboortedatum"),
                    "ligt na de peildatum",
                ));
            }
            let leeftijd = i64::from(age_on(m.geboortedatum, d));
            let (telt, reden) = if leeftijd < grens {
                (false, "jonger_dan_27")
            } else if m.commerciele_huur && !m.relatie.eerste_of_tweede_graad() {
                (false, "commerciele_huur")
            } else if m.studiefinanciering {
                (false, "studiefinanciering")
            } else if m.bbl {
                (false, "bbl")
            } else {
                (true, "telt_mee")
            };
            stap!(s, "kostendeler.medebewoner", ART_19A, JaNee(telt), ["leeftijd" => Aantal(leeftijd), "reden" => Tekst(reden)]);
            kostendelers += u32::from(telt);
        }
        let v = &self.vermogen;
        for (veld, w) in [
            ("vermogen.bezittingen_cents", v.bezittingen_cents),
            ("vermogen.schulden_cents", v.schulden_cents),
            (
                "vermogen.overwaarde_woning_cents",
                v.overwaarde_woning_cents,
            ),
            (
                "vermogen.eerder_geleend_woning_cents",
                v.eerder_geleend_woning_cents,
            ),
        ] {
            if w < 0 {
                return Err(RekenFout::invoer(veld, "mag niet negatief zijn"));
            }
        }
        let vrijlating = peil.vermogen.vrijlating_eigen_woning;
        // Art. 50-2-b: a loan only insofar as the equity exceeds the
        // exemption of art. 34-2-d, less what was already lent against it.
        let woning_boven = (v.overwaarde_woning_cents - vrijlating.get()?).max(0);
        let leenruimte = (woning_boven - v.eerder_geleend_woning_cents).max(0);
        if v.overwaarde_woning_cents > 0 {
            stap!(s, "vermogen.eigen_woning", vrijlating.verwijzing(), Bedrag(leenruimte), [
                "overwaarde" => Bedrag(v.overwaarde_woning_cents), "vrijlating" => Bedrag(vrijlating.get()?),
                "boven_vrijlating" => Bedrag(woning_boven), "eerder_geleend" => Bedrag(v.eerder_geleend_woning_cents),
            ]);
        }
        let vermogen = (v.bezittingen_cents - v.schulden_cents).max(0);
        stap!(s, "vermogen.berekend", ART_34, Bedrag(vermogen), [
            "bezittingen" => Bedrag(v.bezittingen_cents), "schulden" => Bedrag(v.schulden_cents),
        ]);
        self.inkomsten.controleer("inkomsten")?;
        let alleenstaande_ouder_kind_onder_12 = self.partner.is_none()
            && jongste.is_some_and(|j| {
                i64::from(j) < peil.vrijlatingen.r_kind_leeftijd.get().unwrap_or(12)
            });
        let mut inkomen = self.inkomsten.in_aanmerking(
            peil,
            InkomenPersoon {
                wie: Wie::Aanvrager,
                leeftijd: aanvrager_leeftijd,
                aow: aanvrager == Klasse::Aow,
                alleenstaande_ouder_kind_onder_12,
            },
            s,
        )?;
        if let (Some(p), Some(k)) = (&self.partner, partner) {
            p.inkomsten.controleer("partner.inkomsten")?;
            inkomen += p.inkomsten.in_aanmerking(
                peil,
                InkomenPersoon {
                    wie: Wie::Partner,
                    leeftijd: age_on(p.geboortedatum, d),
                    aow: k == Klasse::Aow,
                    alleenstaande_ouder_kind_onder_12: false,
                },
                s,
            )?;
        }
        let inrichting_partner = self
            .partner
            .as_ref()
            .is_some_and(|p| p.in_inrichting.unwrap_or(self.in_inrichting));
        Ok(Afgeleid {
            feiten: Feiten {
                aanvrager,
                partner,
                kinderen: kinderen > 0,
                kostendelers,
                mantelzorg: self.mantelzorg_elders,
                toeslag_20_3: self.ouders_kunnen_niet_bijdragen,
                vermogen,
                woning_leenruimte: leenruimte,
                inkomen,
                inrichting_aanvrager: self.in_inrichting,
                inrichting_partner,
            },
            aanvrager_leeftijd,
            partner_leeftijd: self.partner.as_ref().map(|p| age_on(p.geboortedatum, d)),
            jongste_kind: jongste,
        })
    }
}

pub fn klasse_naam(k: Klasse) -> &'static str {
    match k {
        Klasse::Jong => "18 tot 21 jaar",
        Klasse::Volwassen => "21 jaar tot de AOW-leeftijd",
        Klasse::Aow => "AOW-leeftijd bereikt",
    }
}

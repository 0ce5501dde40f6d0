//! A proposed decision as a typed value, checked when it is made: amounts as
//! `Money`, dates as dates, each within the limits of the law or of sense.
//! Whatever surface makes a proposal (page, CLI, API, a test), it passes
//! through [`Voorstel::controleren`] in the command that stores it.

use chrono::{Months, NaiveDate};
use gbi_domain::{Besluittype, Money, Rounding, RoundingMode};
use serde::{Deserialize, Serialize};

/// A proposed decision.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "soort", rename_all = "snake_case")]
pub enum Voorstel {
    Toekenning {
        ingangsdatum: NaiveDate,
        bedrag_per_maand: Money,
        verplichtingen: Vec<String>,
    },
    Afwijzing {
        gronden: Vec<String>,
    },
    BuitenBehandeling {
        reden: String,
    },
    /// Art. 52 Participatiewet: an advance while the decision is pending.
    Voorschot {
        bedrag: Money,
    },
}

/// The highest monthly amount a proposal may name. The highest bijstand
/// norm (gehuwden at AOW age, art. 22c: € 2.176,10 on 1-7-2026) plus every
/// increase the law knows stays far below it; an amount above it is a typing
/// error, not a decision.
pub const HOOGSTE_BEDRAG_PER_MAAND: Money = Money::from_cents(500_000);

/// Art. 44, vijfde lid, Participatiewet (since 1-1-2026): the college may
/// grant bijstand from a day at most three months before the melding.
pub const TERUGWERKENDE_KRACHT_MAANDEN: u32 = 3;

/// How far after today (or the melding, if later) a toekenning may start.
/// The right starts the day it arises (art. 44, eerste lid); a start further
/// away than this is not a decision on this application but a typing error.
pub const LATERE_INGANG_MAANDEN: u32 = 3;

/// Why a proposal cannot be made: the field, and a Dutch message for the
/// person who filled it in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{veld}: {melding}")]
pub struct Ongeldig {
    pub veld: &'static str,
    pub melding: String,
}

fn ongeldig(veld: &'static str, melding: impl Into<String>) -> Ongeldig {
    Ongeldig {
        veld,
        melding: melding.into(),
    }
}

fn datum(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// What a proposal is checked against.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The day the resident reported (art. 44, tweede lid): the zaak's
    /// registratiedatum.
    pub melding: NaiveDate,
    pub vandaag: NaiveDate,
    /// The monthly bijstand the pre-assessment computed (art. 19-2), when
    /// it could: a voorschot is at least 95% of it (art. 52-2).
    pub verwacht: Option<Money>,
}

/// Art. 52, tweede lid, Participatiewet: a voorschot is "in ieder geval 95%"
/// of the bijstand of art. 19-2. The minimum is rounded up to the cent, so
/// rounding never works against the resident.
pub const VOORSCHOT_MINIMUM: Rounding =
    Rounding::new("voorschot_95_procent_art_52_2", RoundingMode::AwayFromZero);

impl Context {
    /// The lowest voorschot the law allows, when the bijstand is known.
    pub fn laagste_voorschot(&self) -> Option<Money> {
        self.verwacht
            .filter(|v| v.cents() > 0)
            .map(|v| v.mul_ratio(95, 100, VOORSCHOT_MINIMUM))
    }
}

impl Context {
    /// The earliest and latest start of a toekenning.
    pub fn ingangsdatum_grenzen(&self) -> (NaiveDate, NaiveDate) {
        let vroegst = self
            .melding
            .checked_sub_months(Months::new(TERUGWERKENDE_KRACHT_MAANDEN))
            .unwrap_or(self.melding);
        let basis = self.vandaag.max(self.melding);
        let laatst = basis
            .checked_add_months(Months::new(LATERE_INGANG_MAANDEN))
            .unwrap_or(basis);
        (vroegst, laatst)
    }
}

fn bedrag(veld: &'static str, m: Money) -> Result<(), Ongeldig> {
    if m.cents() <= 0 {
        return Err(ongeldig(
            veld,
            "Vul een bedrag in dat groter is dan € 0,00.",
        ));
    }
    if m > HOOGSTE_BEDRAG_PER_MAAND {
        return Err(ongeldig(
            veld,
            format!(
                "{m} per maand is te hoog voor bijstand. Controleer het bedrag (het hoogste bedrag dat kan is {HOOGSTE_BEDRAG_PER_MAAND})."
            ),
        ));
    }
    Ok(())
}

fn tekst(veld: &'static str, t: &str) -> Result<(), Ongeldig> {
    if t.trim().is_empty() {
        return Err(ongeldig(veld, "Schrijf op waarom: dat komt in de brief."));
    }
    if t.chars().count() > 4000 {
        return Err(ongeldig(
            veld,
            "Maak de tekst korter: hoogstens 4000 tekens.",
        ));
    }
    Ok(())
}

impl Voorstel {
    pub fn besluittype(&self) -> Besluittype {
        match self {
            Voorstel::Toekenning { .. } => Besluittype::Toekenning,
            Voorstel::Afwijzing { .. } => Besluittype::Afwijzing,
            Voorstel::BuitenBehandeling { .. } => Besluittype::BuitenBehandeling,
            Voorstel::Voorschot { .. } => Besluittype::Voorschot,
        }
    }

    /// The resultaat of the zaak when this decision is approved; `None` for
    /// a voorschot, which leaves the zaak open.
    pub fn resultaat(&self) -> Option<&'static str> {
        match self {
            Voorstel::Toekenning { .. } => Some("toegekend"),
            Voorstel::Afwijzing { .. } => Some("afgewezen"),
            Voorstel::BuitenBehandeling { .. } => Some("buiten_behandeling"),
            Voorstel::Voorschot { .. } => None,
        }
    }

    /// Check the proposal against the law's limits and sense.
    pub fn controleren(&self, ctx: &Context) -> Result<(), Ongeldig> {
        match self {
            Voorstel::Toekenning {
                ingangsdatum,
                bedrag_per_maand,
                ..
            } => {
                bedrag("bedrag", *bedrag_per_maand)?;
                let (vroegst, laatst) = ctx.ingangsdatum_grenzen();
                if *ingangsdatum < vroegst {
                    return Err(ongeldig(
                        "ingangsdatum",
                        format!(
                            "De bijstand kan niet eerder ingaan dan {} (drie maanden voor de melding op {}, artikel 44 Participatiewet).",
                            datum(vroegst),
                            datum(ctx.melding)
                        ),
                    ));
                }
                if *ingangsdatum > laatst {
                    return Err(ongeldig(
                        "ingangsdatum",
                        format!(
                            "{} ligt te ver in de toekomst. Kies een datum tot en met {}.",
                            datum(*ingangsdatum),
                            datum(laatst)
                        ),
                    ));
                }
                Ok(())
            }
            Voorstel::Voorschot { bedrag: b } => {
                bedrag("bedrag", *b)?;
                match ctx.laagste_voorschot() {
                    Some(min) if *b < min => Err(ongeldig(
                        "bedrag",
                        format!(
                            "Een voorschot is ten minste 95% van de bijstand die wij verwachten: ten minste {min} (artikel 52, tweede lid, Participatiewet)."
                        ),
                    )),
                    _ => Ok(()),
                }
            }
            Voorstel::Afwijzing { gronden } => {
                if gronden.is_empty() {
                    return Err(ongeldig(
                        "toelichting",
                        "Schrijf op waarom: dat komt in de brief.",
                    ));
                }
                gronden.iter().try_for_each(|g| tekst("toelichting", g))
            }
            Voorstel::BuitenBehandeling { reden } => tekst("toelichting", reden),
        }
    }

    /// The proposal in words, for the person who checks it.
    pub fn samenvatting(&self) -> Vec<(&'static str, String)> {
        match self {
            Voorstel::Toekenning {
                ingangsdatum,
                bedrag_per_maand,
                verplichtingen,
            } => {
                let mut r = vec![
                    ("Besluit", "Toekenning van bijstand".to_owned()),
                    ("Bedrag per maand", bedrag_per_maand.to_string()),
                    ("Ingangsdatum", datum(*ingangsdatum)),
                ];
                r.extend(verplichtingen.iter().map(|v| ("Verplichting", v.clone())));
                r
            }
            Voorstel::Afwijzing { gronden } => {
                let mut r = vec![("Besluit", "Afwijzing".to_owned())];
                r.extend(gronden.iter().map(|g| ("Reden", g.clone())));
                r
            }
            Voorstel::BuitenBehandeling { reden } => vec![
                (
                    "Besluit",
                    "Aanvraag buiten behandeling stellen (artikel 4:5 Awb)".to_owned(),
                ),
                ("Reden", reden.clone()),
            ],
            Voorstel::Voorschot { bedrag } => vec![
                (
                    "Besluit",
                    "Voorschot (artikel 52 Participatiewet)".to_owned(),
                ),
                ("Bedrag", bedrag.to_string()),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn ctx() -> Context {
        Context {
            melding: d("2026-07-10"),
            vandaag: d("2026-07-20"),
            verwacht: None,
        }
    }

    #[test]
    fn a_voorschot_is_at_least_95_percent_of_the_expected_bijstand() {
        let met_advies = Context {
            verwacht: Some(Money::from_cents(141_946)),
            ..ctx()
        };
        // 95% of € 1.419,46 is € 1.348,487: at least € 1.348,49.
        assert_eq!(
            met_advies.laagste_voorschot(),
            Some(Money::from_cents(134_849))
        );
        let v = |c| Voorstel::Voorschot {
            bedrag: Money::from_cents(c),
        };
        assert!(v(134_849).controleren(&met_advies).is_ok());
        assert_eq!(
            v(134_848).controleren(&met_advies).map_err(|e| e.veld),
            Err("bedrag")
        );
        // Without a computed advice the caseworker judges the amount.
        assert!(v(50_000).controleren(&ctx()).is_ok());
    }

    fn toekenning(ingang: &str, cents: i64) -> Voorstel {
        Voorstel::Toekenning {
            ingangsdatum: d(ingang),
            bedrag_per_maand: Money::from_cents(cents),
            verplichtingen: vec![],
        }
    }

    #[test]
    fn negative_zero_and_absurd_amounts_are_refused() {
        for cents in [-500, 0, 500_001, i64::MAX] {
            let e = toekenning("2026-07-10", cents).controleren(&ctx());
            assert_eq!(e.map_err(|e| e.veld), Err("bedrag"), "{cents}");
        }
        assert!(
            toekenning("2026-07-10", 108_805)
                .controleren(&ctx())
                .is_ok()
        );
        assert!(
            Voorstel::Voorschot {
                bedrag: Money::from_cents(-1)
            }
            .controleren(&ctx())
            .is_err()
        );
    }

    #[test]
    fn the_start_stays_within_article_44() {
        // Three months before the melding is the earliest (44-5).
        assert!(
            toekenning("2026-04-10", 100_000)
                .controleren(&ctx())
                .is_ok()
        );
        assert!(
            toekenning("2026-04-09", 100_000)
                .controleren(&ctx())
                .is_err()
        );
        assert!(
            toekenning("0001-01-01", 100_000)
                .controleren(&ctx())
                .is_err()
        );
        assert!(
            toekenning("2026-10-20", 100_000)
                .controleren(&ctx())
                .is_ok()
        );
        assert!(
            toekenning("9999-12-31", 100_000)
                .controleren(&ctx())
                .is_err()
        );
    }

    proptest! {
        #[test]
        fn an_accepted_toekenning_always_pays_something_sane(cents in -1_000_000i64..1_000_000, dagen in -400i64..400) {
            let ingang = ctx().melding + chrono::Duration::days(dagen);
            let v = Voorstel::Toekenning { ingangsdatum: ingang, bedrag_per_maand: Money::from_cents(cents), verplichtingen: vec![] };
            if v.controleren(&ctx()).is_ok() {
                prop_assert!(cents > 0 && cents <= HOOGSTE_BEDRAG_PER_MAAND.cents());
                let (vroegst, laatst) = ctx().ingangsdatum_grenzen();
                prop_assert!(ingang >= vroegst && ingang <= laatst);
            }
        }
    }
}

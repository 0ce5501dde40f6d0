//! A proposed decision as a typed value, checked when it is made: amounts as
//! `Money`, dates as dates, each within the limits of the law or of sense.
//! Whatever surface makes a proposal (page, CLI, API, a test), it passes
//! through [`Voorstel::controleren`] in the command that stores it.

pub use crate::grond::Afwijzingsgrond;
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
        /// Why the bijstand starts after the melding: for the days before it
        /// the application is refused (art. 44, eerste lid). Required then;
        /// it comes in the letter.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reden_latere_ingang: Option<String>,
        /// Why the amount differs from the calculation. Required then; it
        /// comes in the letter.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reden_ander_bedrag: Option<String>,
    },
    Afwijzing {
        /// The legal grounds (at least one), cited in the letter.
        gronden: Vec<Afwijzingsgrond>,
        /// The caseworker's explanation of the facts; it comes in the letter.
        #[serde(default)]
        toelichting: String,
    },
    BuitenBehandeling {
        reden: String,
    },
    /// Art. 52 Participatiewet: an advance while the decision is pending.
    Voorschot {
        bedrag: Money,
    },
    /// A one-off toekenning (bijzondere bijstand, the IIT).
    Eenmalig(crate::eenmalig::Eenmalig),
    /// A monthly toekenning of bijzondere bijstand for a fixed period.
    Periodiek(crate::periodiek::Periodiek),
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
    gbi_domain::date::dutch_date(d)
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
    /// The pre-assessment found a household at the AOW age: its algemene
    /// bijstand is the SVB's (AIO, art. 47a-1), not the gemeente's.
    pub svb: bool,
    /// The regeling grants once, not monthly: its rules; `None` for ALO.
    pub eenmalig: Option<crate::eenmalig::Regels>,
    /// The regeling may grant a fixed amount per month for a period
    /// (bijzondere bijstand): its rules; `None` for ALO and the IIT.
    pub periodiek: Option<crate::periodiek::Regels>,
}

/// A monthly toekenning or a voorschot on a regeling that grants once, or
/// the other way round.
fn past_bij_regeling(v: &Voorstel, ctx: &Context) -> Result<(), Ongeldig> {
    match (v, ctx.eenmalig.is_some()) {
        (Voorstel::Toekenning { .. } | Voorstel::Voorschot { .. }, true) => Err(ongeldig(
            "besluittype",
            "Deze regeling kent geen uitkering per maand en geen voorschot: stel een eenmalige toekenning voor.",
        )),
        (Voorstel::Eenmalig(_), false) => Err(ongeldig(
            "besluittype",
            "Deze regeling kent geen eenmalige toekenning: stel een toekenning per maand voor.",
        )),
        (Voorstel::Periodiek(_), _) if ctx.periodiek.is_none() => Err(ongeldig(
            "besluittype",
            "Deze regeling kent geen toekenning per maand voor een vaste periode.",
        )),
        _ => Ok(()),
    }
}

/// Art. 47a-1: the SVB, not the gemeente, grants algemene bijstand to a
/// household at the AOW age; the gemeente may not grant it.
fn svb(ctx: &Context) -> Result<(), Ongeldig> {
    if ctx.svb {
        return Err(ongeldig(
            "besluittype",
            "Dit huishouden heeft de AOW-leeftijd. De SVB verleent dan de bijstand (AIO, artikel 47a Participatiewet), niet de gemeente. Stuur de aanvraag door naar de SVB (artikel 2:3 Awb) en laat de aanvrager dat weten.",
        ));
    }
    Ok(())
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

/// A reason the letter needs: present, and not too long.
fn reden(veld: &'static str, r: &Option<String>, waarom: String) -> Result<(), Ongeldig> {
    match r.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        None => Err(ongeldig(veld, waarom)),
        Some(r) => tekst(veld, r),
    }
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
            Voorstel::Eenmalig(_) | Voorstel::Periodiek(_) => Besluittype::Toekenning,
        }
    }

    /// The resultaat of the zaak when this decision is approved; `None` for
    /// a voorschot, which leaves the zaak open.
    pub fn resultaat(&self) -> Option<&'static str> {
        match self {
            Voorstel::Toekenning { .. } | Voorstel::Eenmalig(_) | Voorstel::Periodiek(_) => {
                Some("toegekend")
            }
            Voorstel::Afwijzing { .. } => Some("afgewezen"),
            Voorstel::BuitenBehandeling { .. } => Some("buiten_behandeling"),
            Voorstel::Voorschot { .. } => None,
        }
    }

    /// Check the proposal against the law's limits and sense.
    pub fn controleren(&self, ctx: &Context) -> Result<(), Ongeldig> {
        past_bij_regeling(self, ctx)?;
        match self {
            Voorstel::Eenmalig(e) => match &ctx.eenmalig {
                Some(r) => e.controleren(r),
                None => Ok(()),
            },
            Voorstel::Periodiek(p) => match &ctx.periodiek {
                Some(r) => p.controleren(r),
                None => Ok(()),
            },
            Voorstel::Toekenning {
                ingangsdatum,
                bedrag_per_maand,
                reden_latere_ingang,
                reden_ander_bedrag,
                ..
            } => {
                svb(ctx)?;
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
                if *ingangsdatum > ctx.melding {
                    reden(
                        "reden_latere_ingang",
                        reden_latere_ingang,
                        format!(
                            "De bijstand gaat later in dan de melding op {}. Voor de dagen daarvoor wijst u de aanvraag af (artikel 44, eerste lid, Participatiewet). Schrijf op waarom: dat komt in de brief.",
                            datum(ctx.melding)
                        ),
                    )?;
                }
                if let Some(verwacht) = ctx.verwacht.filter(|v| v != bedrag_per_maand) {
                    reden(
                        "reden_ander_bedrag",
                        reden_ander_bedrag,
                        format!(
                            "Het bedrag is anders dan de berekening ({verwacht} per maand). Schrijf op waarom: dat komt in de brief."
                        ),
                    )?;
                }
                Ok(())
            }
            Voorstel::Voorschot { bedrag: b } => {
                svb(ctx)?;
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
            Voorstel::Afwijzing {
                gronden,
                toelichting,
            } => {
                if gronden.is_empty() {
                    return Err(ongeldig(
                        "grond",
                        "Kies de reden van de afwijzing: die komt met het wetsartikel in de brief.",
                    ));
                }
                tekst("toelichting", toelichting)
            }
            Voorstel::BuitenBehandeling { reden } => tekst("toelichting", reden),
        }
    }

    /// The proposal in words, for the person who checks it.
    pub fn samenvatting(&self) -> Vec<(&'static str, String)> {
        match self {
            Voorstel::Eenmalig(e) => e.samenvatting(),
            Voorstel::Periodiek(p) => p.samenvatting(),
            Voorstel::Toekenning {
                ingangsdatum,
                bedrag_per_maand,
                verplichtingen,
                reden_latere_ingang,
                reden_ander_bedrag,
            } => {
                let mut r = vec![
                    ("Besluit", "Toekenning van bijstand".to_owned()),
                    ("Bedrag per maand", bedrag_per_maand.to_string()),
                    ("Ingangsdatum", datum(*ingangsdatum)),
                ];
                if let Some(t) = reden_latere_ingang {
                    r.push((
                        "Waarom later (gedeeltelijke afwijzing, art. 44-1)",
                        t.clone(),
                    ));
                }
                if let Some(t) = reden_ander_bedrag {
                    r.push(("Waarom een ander bedrag dan de berekening", t.clone()));
                }
                r.extend(verplichtingen.iter().map(|v| ("Verplichting", v.clone())));
                r
            }
            Voorstel::Afwijzing {
                gronden,
                toelichting,
            } => {
                let mut r = vec![("Besluit", "Afwijzing".to_owned())];
                r.extend(
                    gronden
                        .iter()
                        .map(|g| ("Reden", format!("{} ({})", g.tekst(), g.verwijzing()))),
                );
                r.push(("Toelichting", toelichting.clone()));
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
            svb: false,
            eenmalig: None,
            periodiek: None,
        }
    }

    #[test]
    fn the_gemeente_grants_no_bijstand_to_a_household_at_aow_age() {
        let svb = Context { svb: true, ..ctx() };
        let toekenning = Voorstel::Toekenning {
            ingangsdatum: d("2026-07-10"),
            bedrag_per_maand: Money::from_cents(50_000),
            verplichtingen: Vec::new(),
            reden_latere_ingang: None,
            reden_ander_bedrag: None,
        };
        let fout = toekenning.controleren(&svb).err().map(|o| o.melding);
        assert!(fout.is_some_and(|m| m.contains("SVB")));
        assert!(toekenning.controleren(&ctx()).is_ok());
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
            reden_latere_ingang: Some("Loon tot de ingangsdatum.".into()),
            reden_ander_bedrag: None,
        }
    }

    #[test]
    fn a_later_start_or_another_amount_needs_its_reason() {
        let met_advies = Context {
            verwacht: Some(Money::from_cents(141_946)),
            ..ctx()
        };
        let v = |ingang: &str, cents: i64, later: Option<&str>, ander: Option<&str>| {
            Voorstel::Toekenning {
                ingangsdatum: d(ingang),
                bedrag_per_maand: Money::from_cents(cents),
                verplichtingen: vec![],
                reden_latere_ingang: later.map(str::to_owned),
                reden_ander_bedrag: ander.map(str::to_owned),
            }
            .controleren(&met_advies)
            .map_err(|e| e.veld)
        };
        // On the melding, at the advised amount: nothing to explain.
        assert_eq!(v("2026-07-10", 141_946, None, None), Ok(()));
        // Earlier (44-5) is no refusal either.
        assert_eq!(v("2026-05-01", 141_946, None, None), Ok(()));
        // A later start is a partial refusal: its reason is required.
        assert_eq!(
            v("2026-07-11", 141_946, None, None),
            Err("reden_latere_ingang")
        );
        assert_eq!(
            v("2026-07-11", 141_946, Some("  "), None),
            Err("reden_latere_ingang")
        );
        assert_eq!(v("2026-07-11", 141_946, Some("Loon"), None), Ok(()));
        // Another amount than the calculation: its reason is required.
        assert_eq!(
            v("2026-07-10", 120_000, None, None),
            Err("reden_ander_bedrag")
        );
        assert_eq!(v("2026-07-10", 120_000, None, Some("Alimentatie")), Ok(()));
        // Without a computed advice there is nothing to differ from.
        assert!(
            toekenning("2026-07-10", 120_000)
                .controleren(&ctx())
                .is_ok()
        );
    }

    #[test]
    fn an_afwijzing_needs_a_ground_and_an_explanation() {
        let v = |gronden: Vec<Afwijzingsgrond>, toelichting: &str| {
            Voorstel::Afwijzing {
                gronden,
                toelichting: toelichting.into(),
            }
            .controleren(&ctx())
            .map_err(|e| e.veld)
        };
        assert_eq!(v(vec![], "Te veel spaargeld"), Err("grond"));
        assert_eq!(
            v(vec![Afwijzingsgrond::VermogenBovenGrens], " "),
            Err("toelichting")
        );
        assert_eq!(
            v(
                vec![Afwijzingsgrond::VermogenBovenGrens],
                "€ 12.000 spaargeld"
            ),
            Ok(())
        );
        // A proposal stored before the grounds were typed still reads.
        let oud: Voorstel = serde_json::from_value(serde_json::json!(
            {"soort": "afwijzing", "gronden": ["Geen recht"]}
        ))
        .unwrap_or(Voorstel::BuitenBehandeling {
            reden: String::new(),
        });
        assert_eq!(
            oud,
            Voorstel::Afwijzing {
                gronden: vec![Afwijzingsgrond::Anders],
                toelichting: String::new()
            }
        );
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
            let v = Voorstel::Toekenning { ingangsdatum: ingang, bedrag_per_maand: Money::from_cents(cents), verplichtingen: vec![], reden_latere_ingang: Some("Reden".into()), reden_ander_bedrag: None };
            if v.controleren(&ctx()).is_ok() {
                prop_assert!(cents > 0 && cents <= HOOGSTE_BEDRAG_PER_MAAND.cents());
                let (vroegst, laatst) = ctx().ingangsdatum_grenzen();
                prop_assert!(ingang >= vroegst && ingang <= laatst);
            }
        }
    }
}

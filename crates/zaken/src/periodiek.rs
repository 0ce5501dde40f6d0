//! A periodic toekenning of bijzondere bijstand (art. 35, eerste lid,
//! Participatiewet): a fixed amount per month for a cost that recurs (such
//! as bewindvoeringskosten), from the first day of a month up to and
//! including the last day of a later month, always as a gift, paid to the
//! resident or straight to a third party (the bewindvoerder). On approval
//! it becomes a running benefit (`uitkeringen`) of its own regeling, with a
//! fixed amount and an end date: the betaalrun pays it every month it runs.

use crate::eenmalig::Begunstigde;
use crate::voorstel::Ongeldig;
use chrono::{Datelike, Months, NaiveDate};
use gbi_domain::Money;
use serde::{Deserialize, Serialize};

/// A proposed periodic toekenning.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Periodiek {
    pub bedrag_per_maand: Money,
    /// The first day of a month.
    pub ingangsdatum: NaiveDate,
    /// The last day of a month, after the ingangsdatum.
    pub einddatum: NaiveDate,
    pub begunstigde: Begunstigde,
    /// Why this decision; it comes in the letter.
    pub motivering: String,
}

/// The longest period one periodic toekenning may cover. Article 35 sets no
/// term, but a recurring cost and the draagkracht it is weighed against
/// change: GBI has a periodic toekenning reviewed at least once a year, as
/// a new decision after its einddatum (a choice of GBI, not of the law).
pub const LANGSTE_PERIODE_MAANDEN: u32 = 12;

/// The highest monthly amount; above it is a typing error, not a decision
/// (bewindvoeringskosten are some € 150 a month; the highest catalogue
/// maximum per month is far below this).
pub const HOOGSTE_BEDRAG_PER_MAAND: Money = Money::from_cents(250_000);

/// What a periodic proposal is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regels {
    /// The gemeente's policy on the application date marks the kostensoort
    /// of the application as periodic.
    pub kostensoort_periodiek: bool,
    /// The earliest and latest ingangsdatum (art. 44, as for bijstand).
    pub vroegst: NaiveDate,
    pub laatst: NaiveDate,
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

/// The last day of the month of `d`.
pub fn laatste_dag_van_maand(d: NaiveDate) -> NaiveDate {
    gbi_domain::Maand::of(d).last_day()
}

impl Periodiek {
    /// The last day the period may end, from its ingangsdatum.
    pub fn uiterste_einddatum(&self) -> NaiveDate {
        self.ingangsdatum
            .checked_add_months(Months::new(LANGSTE_PERIODE_MAANDEN))
            .and_then(|d| d.pred_opt())
            .unwrap_or(self.ingangsdatum)
    }

    /// The number of months the period covers.
    pub fn maanden(&self) -> u32 {
        let m = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        u32::try_from(m(self.einddatum) - m(self.ingangsdatum) + 1).unwrap_or(0)
    }

    pub fn controleren(&self, r: &Regels) -> Result<(), Ongeldig> {
        if !r.kostensoort_periodiek {
            return Err(ongeldig(
                "besluittype",
                "Het beleid van de gemeente kent deze kosten niet per maand. Stel een eenmalige toekenning voor.",
            ));
        }
        if self.bedrag_per_maand.cents() <= 0 {
            return Err(ongeldig(
                "bedrag_per_maand",
                "Bedrag per maand: vul een bedrag in dat groter is dan € 0,00.",
            ));
        }
        if self.bedrag_per_maand > HOOGSTE_BEDRAG_PER_MAAND {
            return Err(ongeldig(
                "bedrag_per_maand",
                format!(
                    "Bedrag per maand: {} is te hoog. Controleer het bedrag (het hoogste bedrag dat kan is {HOOGSTE_BEDRAG_PER_MAAND}).",
                    self.bedrag_per_maand
                ),
            ));
        }
        let ingang = self.ingangsdatum;
        if ingang.day() != 1 {
            return Err(ongeldig(
                "ingangsdatum",
                format!(
                    "Ingangsdatum: kies de eerste dag van een maand, bijvoorbeeld {}.",
                    datum(ingang.with_day(1).unwrap_or(ingang))
                ),
            ));
        }
        if ingang < r.vroegst {
            return Err(ongeldig(
                "ingangsdatum",
                format!(
                    "Ingangsdatum: de bijstand kan niet eerder ingaan dan {} (artikel 44 Participatiewet).",
                    datum(r.vroegst)
                ),
            ));
        }
        if ingang > r.laatst {
            return Err(ongeldig(
                "ingangsdatum",
                format!(
                    "Ingangsdatum: {} ligt te ver in de toekomst. Kies een datum tot en met {}.",
                    datum(ingang),
                    datum(r.laatst)
                ),
            ));
        }
        let einde = self.einddatum;
        if einde <= ingang {
            return Err(ongeldig(
                "einddatum",
                "Einddatum: kies een datum na de ingangsdatum.",
            ));
        }
        if einde != laatste_dag_van_maand(einde) {
            return Err(ongeldig(
                "einddatum",
                format!(
                    "Einddatum: kies de laatste dag van een maand, bijvoorbeeld {}.",
                    datum(laatste_dag_van_maand(einde))
                ),
            ));
        }
        if einde > self.uiterste_einddatum() {
            return Err(ongeldig(
                "einddatum",
                format!(
                    "Einddatum: een toekenning per maand duurt hoogstens {LANGSTE_PERIODE_MAANDEN} maanden. Kies een datum tot en met {}. Daarna beslist u opnieuw.",
                    datum(self.uiterste_einddatum())
                ),
            ));
        }
        let m = self.motivering.trim();
        if m.is_empty() {
            return Err(ongeldig(
                "motivering",
                "Schrijf op waarom u dit voorstelt: dat komt in de brief.",
            ));
        }
        if m.chars().count() > 4000 {
            return Err(ongeldig(
                "motivering",
                "Maak de tekst korter: hoogstens 4000 tekens.",
            ));
        }
        if self.begunstigde.naam.trim().is_empty() {
            return Err(ongeldig(
                "begunstigde",
                "De aanvraag noemt niet aan wie wij betalen.",
            ));
        }
        Ok(())
    }

    /// "van 1 januari 2027 tot en met 30 juni 2027".
    pub fn periode(&self) -> String {
        format!(
            "van {} tot en met {}",
            datum(self.ingangsdatum),
            datum(self.einddatum)
        )
    }

    /// The proposal in words, for the person who checks it.
    pub fn samenvatting(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Besluit", "Toekenning per maand (gift)".to_owned()),
            ("Bedrag per maand", self.bedrag_per_maand.to_string()),
            (
                "Periode",
                format!("{} ({} maanden)", self.periode(), self.maanden()),
            ),
            (
                "Betalen aan",
                format!(
                    "{}{} ({})",
                    self.begunstigde.naam,
                    if self.begunstigde.derde {
                        ", rechtstreeks"
                    } else {
                        ""
                    },
                    self.begunstigde.iban.formatted()
                ),
            ),
            ("Motivering", self.motivering.clone()),
        ]
    }
}

/// The rules a periodic proposal on `zaak` is checked against, when its
/// regeling may grant per month: the kostensoort of the application must be
/// periodic in the gemeente's policy on the application date, and the
/// ingangsdatum within the limits of art. 44 (as for bijstand).
pub fn regels(
    ctx: &crate::voorstel::Context,
    regeling: &dyn crate::regeling::Regeling,
    gemeente: gbi_domain::GemeenteCode,
    zaak: &gbi_store::zaken::Zaak,
    beleid: Option<&gbi_rules::Regels>,
) -> Option<Regels> {
    if !regeling.periodiek_mag() {
        return None;
    }
    let aanvraag = zaak.aanvraag.as_object().cloned().unwrap_or_default();
    let code = crate::aanvraag::antwoord(&aanvraag, "kostensoort");
    let kostensoort_periodiek = beleid.is_some_and(|b| {
        crate::aanvraag::Keuzes::van(b, gemeente, ctx.melding)
            .kostensoort(code)
            .is_some_and(|k| k.periodiek)
    });
    let (vroegst, laatst) = ctx.ingangsdatum_grenzen();
    Some(Regels {
        kostensoort_periodiek,
        vroegst,
        laatst,
    })
}

/// The running benefit an approved periodic toekenning starts: the fixed
/// amount, from ingang to einde, paid to the begunstigde; without household
/// facts, so nothing recomputes it.
pub fn uitkering(
    regeling: &dyn crate::regeling::Regeling,
    p: &Periodiek,
) -> gbi_store::uitkeringen::NieuweUitkering {
    gbi_store::uitkeringen::NieuweUitkering {
        regeling: regeling.code(),
        ingangsdatum: p.ingangsdatum.to_string(),
        einddatum: Some(p.einddatum.to_string()),
        bedrag_per_maand: p.bedrag_per_maand,
        iban: p.begunstigde.iban.clone(),
        huishouden: None,
        begunstigde_naam: Some(p.begunstigde.naam.trim().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gbi_domain::Iban;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn voorstel(cents: i64, ingang: &str, einde: &str) -> Periodiek {
        Periodiek {
            bedrag_per_maand: Money::from_cents(cents),
            ingangsdatum: d(ingang),
            einddatum: d(einde),
            begunstigde: Begunstigde {
                naam: "Bewind B.V.".into(),
                iban: Iban::parse("NL91ABNA0417164300").unwrap_or_else(|_| unreachable!()),
                derde: true,
            },
            motivering: "Beschermingsbewind; kosten volgens de beschikking.".into(),
        }
    }

    const REGELS: Regels = Regels {
        kostensoort_periodiek: true,
        vroegst: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        laatst: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
    };

    fn veld(p: &Periodiek, r: &Regels) -> Result<(), &'static str> {
        p.controleren(r).map_err(|e| e.veld)
    }

    #[test]
    fn a_sound_proposal_passes_and_counts_its_months() {
        let p = voorstel(14_000, "2027-01-01", "2027-02-28");
        assert_eq!(veld(&p, &REGELS), Ok(()));
        assert_eq!(p.maanden(), 2);
        assert_eq!(
            p.periode(),
            "van 1 januari 2027 tot en met 28 februari 2027"
        );
    }

    #[test]
    fn only_a_kostensoort_the_policy_marks_periodic() {
        let r = Regels {
            kostensoort_periodiek: false,
            ..REGELS
        };
        let p = voorstel(14_000, "2027-01-01", "2027-02-28");
        assert_eq!(veld(&p, &r), Err("besluittype"));
    }

    #[test]
    fn negative_zero_and_absurd_amounts_are_refused() {
        for c in [-500, 0, 250_001, i64::MAX] {
            let p = voorstel(c, "2027-01-01", "2027-02-28");
            assert_eq!(veld(&p, &REGELS), Err("bedrag_per_maand"), "{c}");
        }
        let p = voorstel(250_000, "2027-01-01", "2027-02-28");
        assert_eq!(veld(&p, &REGELS), Ok(()));
    }

    #[test]
    fn the_period_runs_from_a_first_to_a_last_day_within_a_year() {
        let v = |i, e| veld(&voorstel(14_000, i, e), &REGELS);
        assert_eq!(v("2027-01-02", "2027-02-28"), Err("ingangsdatum"));
        assert_eq!(v("2026-08-01", "2026-12-31"), Err("ingangsdatum"));
        assert_eq!(v("2027-04-01", "2027-12-31"), Err("ingangsdatum"));
        assert_eq!(v("2027-01-01", "2027-02-27"), Err("einddatum"));
        assert_eq!(v("2027-01-01", "2026-12-31"), Err("einddatum"));
        assert_eq!(v("2027-01-01", "2027-12-31"), Ok(()));
        assert_eq!(v("2027-01-01", "2028-01-31"), Err("einddatum"));
        assert_eq!(v("2027-01-01", "2027-01-31"), Ok(()));
    }

    #[test]
    fn a_reason_and_a_payee_are_required() {
        let mut p = voorstel(14_000, "2027-01-01", "2027-02-28");
        p.motivering = "  ".into();
        assert_eq!(veld(&p, &REGELS), Err("motivering"));
        let mut p = voorstel(14_000, "2027-01-01", "2027-02-28");
        p.begunstigde.naam = String::new();
        assert_eq!(veld(&p, &REGELS), Err("begunstigde"));
    }

    #[test]
    fn the_iit_and_alo_know_no_periodic_toekenning_nor_a_loan() {
        use crate::voorstel::{Context, Voorstel};
        let v = Voorstel::Periodiek(voorstel(14_000, "2027-01-01", "2027-02-28"));
        let ctx = |eenmalig, periodiek| Context {
            melding: d("2026-12-03"),
            vandaag: d("2026-12-03"),
            verwacht: None,
            svb: false,
            eenmalig,
            periodiek,
        };
        let iit = Some(crate::eenmalig::Regels {
            lening_mag: false,
            advies: None,
        });
        let veld = |c: Context| v.controleren(&c).map_err(|e| e.veld);
        // ALO: no eenmalig, no periodiek rules; the IIT: one-off only.
        assert_eq!(veld(ctx(None, None)), Err("besluittype"));
        assert_eq!(veld(ctx(iit, None)), Err("besluittype"));
        // Bijzondere bijstand with a periodic kostensoort.
        let bb = Some(crate::eenmalig::Regels {
            lening_mag: true,
            advies: None,
        });
        assert_eq!(veld(ctx(bb, Some(REGELS))), Ok(()));
        assert_eq!(v.besluittype(), gbi_domain::Besluittype::Toekenning);
        assert_eq!(v.resultaat(), Some("toegekend"));
        // A periodic toekenning has no form field: it is always a gift.
        let tekst = serde_json::to_string(&v).unwrap_or_default();
        assert!(!tekst.contains("vorm"), "{tekst}");
    }

    #[test]
    fn the_running_benefit_is_fixed_and_pays_the_begunstigde() {
        let p = voorstel(13_550, "2027-01-01", "2027-02-28");
        let u = uitkering(
            &crate::regeling::bijzondere_bijstand::BijzondereBijstand,
            &p,
        );
        assert_eq!(u.regeling, "bijzondere_bijstand");
        assert_eq!(u.einddatum.as_deref(), Some("2027-02-28"));
        assert_eq!(u.bedrag_per_maand, Money::from_cents(13_550));
        assert!(
            u.huishouden.is_none(),
            "never recomputed from household facts"
        );
        assert_eq!(u.begunstigde_naam.as_deref(), Some("Bewind B.V."));
        assert_eq!(u.iban, p.begunstigde.iban);
    }

    proptest! {
        #[test]
        fn an_accepted_proposal_covers_whole_months_within_the_limit(
            cents in -10_000i64..300_000, start in 0u32..12, lengte in 0u32..20, dag in 1u32..29,
        ) {
            let ingang = d("2026-09-01").checked_add_months(Months::new(start)).unwrap_or_default();
            let einde = ingang.checked_add_months(Months::new(lengte)).unwrap_or_default().with_day(dag).unwrap_or_default();
            let mut p = voorstel(cents, "2026-09-01", "2026-09-30");
            p.ingangsdatum = ingang;
            p.einddatum = laatste_dag_van_maand(einde).min(einde.max(ingang));
            if p.controleren(&REGELS).is_ok() {
                prop_assert!(cents > 0 && cents <= HOOGSTE_BEDRAG_PER_MAAND.cents());
                prop_assert_eq!(p.ingangsdatum.day(), 1);
                prop_assert_eq!(p.einddatum, laatste_dag_van_maand(p.einddatum));
                prop_assert!(p.maanden() >= 1 && p.maanden() <= LANGSTE_PERIODE_MAANDEN);
            }
        }
    }
}

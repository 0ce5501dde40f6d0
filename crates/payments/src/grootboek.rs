//! The month ledger of a running benefit: for every month, the right as the
//! rules compute it with that month's parameters and the household's facts
//! (including the income reported for that month), what was paid, and the
//! difference. Computed, not stored: a late report or a correction of an
//! earlier month changes that month's right at once, and the difference
//! shows as an over- or underpayment — never silently.

use chrono::NaiveDate;
use gbi_domain::{GemeenteCode, Maand, Money, Rounding, RoundingMode};
use gbi_rules::{Huishouden, Regels, RekenFout, Uitkomst, tekst};
use gbi_store::inkomsten::Inkomstenopgave;
use serde::Serialize;

/// One line of the explanation, for the resident (B1) and the caseworker.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Uitlegregel {
    pub b1: String,
    pub precies: String,
    pub verwijzing: String,
}

/// The right of one month, with its explanation.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Maandrecht {
    pub maand: Maand,
    pub uitkomst: Uitkomst,
    /// Net work income and other income counted in, as reported.
    pub arbeid: Money,
    pub overig: Money,
    /// Income left out by the vrijlatingen.
    pub vrijgelaten: Money,
    pub uitleg: Vec<Uitlegregel>,
    /// Demo mode only: computed with national figures carried forward, not
    /// the official ones of this month; every page and letter marks it.
    pub voorlopig: bool,
}

/// The household facts of a benefit: those of the toekenning, and the
/// versions processed changes made, each valid from a month on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feiten {
    pub basis: Huishouden,
    /// (valid from, facts), in any order.
    pub versies: Vec<(Maand, Huishouden)>,
}

impl Feiten {
    pub fn alleen(basis: Huishouden) -> Self {
        Self {
            basis,
            versies: Vec::new(),
        }
    }

    /// The facts that hold in `maand`: the latest version valid from that
    /// month or earlier, else those of the toekenning.
    pub fn voor(&self, maand: Maand) -> &Huishouden {
        self.versies
            .iter()
            .filter(|(van, _)| *van <= maand)
            .max_by_key(|(van, _)| *van)
            .map_or(&self.basis, |(_, h)| h)
    }
}

/// The report that counts for a month: the latest report by a person (the
/// resident or a caseworker) when there is one — a person's own figure always
/// outranks UWV's — else the latest figure the UWV import recorded.
pub fn geldende_opgave(opgaven: &[Inkomstenopgave], maand: Maand) -> Option<&Inkomstenopgave> {
    let van_maand = || opgaven.iter().filter(move |o| o.maand == maand);
    van_maand()
        .filter(|o| !o.van_uwv())
        .max_by(|a, b| a.created_at.cmp(&b.created_at))
        .or_else(|| van_maand().max_by(|a, b| a.created_at.cmp(&b.created_at)))
}

/// The household of `maand`: the facts of the toekenning, with the income
/// reported for that month where there is a report ([`geldende_opgave`]),
/// and the income of the toekenning where there is none. Vrijlating n runs
/// from the first month with work income.
pub fn huishouden_voor_maand(
    basis: &Huishouden,
    opgaven: &[Inkomstenopgave],
    ingang: Maand,
    maand: Maand,
) -> Huishouden {
    let mut h = basis.clone();
    if let Some(o) = geldende_opgave(opgaven, maand) {
        h.inkomsten.arbeid_cents = o.arbeid.cents();
        h.inkomsten.overig_cents = o.overig.cents();
    }
    let vanaf_toekenning = (basis.inkomsten.arbeid_cents > 0).then_some(ingang);
    h.inkomsten.vrijlating_n_sinds = opgaven
        .iter()
        .filter(|o| o.maand <= maand)
        .filter(|o| {
            geldende_opgave(opgaven, o.maand).is_some_and(|g| g.id == o.id && o.arbeid.cents() > 0)
        })
        .map(|o| o.maand)
        .chain(vanaf_toekenning)
        .min();
    h
}

/// The right of one month.
pub fn maandrecht(
    regels: &Regels,
    gemeente: GemeenteCode,
    feiten: &Feiten,
    opgaven: &[Inkomstenopgave],
    ingang: Maand,
    maand: Maand,
) -> Result<Maandrecht, RekenFout> {
    let h = huishouden_voor_maand(feiten.voor(maand), opgaven, ingang, maand);
    let b = regels.bereken(&h, maand.first_day(), Some(gemeente))?;
    let inkomsten = h.inkomsten.arbeid_cents + h.inkomsten.overig_cents;
    let uitleg = b
        .uitleg
        .stappen
        .iter()
        .map(|s| Uitlegregel {
            b1: tekst::b1(s),
            precies: tekst::precies(s),
            verwijzing: s.verwijzing.to_owned(),
        })
        .collect();
    Ok(Maandrecht {
        maand,
        uitkomst: b.uitkomst,
        arbeid: Money::from_cents(h.inkomsten.arbeid_cents),
        overig: Money::from_cents(h.inkomsten.overig_cents),
        vrijgelaten: Money::from_cents(inkomsten - b.uitkomst.inkomen_cents),
        uitleg,
        voorlopig: b.voorlopig,
    })
}

/// The vakantietoeslag paid in the betaalmaand (June): what was reserved in the twelve months
/// before (June of last year up to May), for the months the benefit ran.
pub fn vakantietoeslag_juni(
    regels: &Regels,
    gemeente: GemeenteCode,
    feiten: &Feiten,
    opgaven: &[Inkomstenopgave],
    juni: Maand,
    ingang: Maand,
) -> Result<Money, RekenFout> {
    let mut totaal = 0;
    for terug in 1..=12 {
        let m = juni.plus(-terug);
        if m < ingang {
            continue;
        }
        totaal += maandrecht(regels, gemeente, feiten, opgaven, ingang, m)?
            .uitkomst
            .vakantietoeslag_cents;
    }
    Ok(Money::from_cents(totaal))
}

/// The vakantietoeslag paid out in `maand` (art. 45-1): in the betaalmaand
/// what was reserved in the twelve months before; in the last month of a
/// benefit what was reserved since the last betaalmaand, that month included.
pub fn vakantietoeslag_uit(
    regels: &Regels,
    gemeente: GemeenteCode,
    feiten: &Feiten,
    opgaven: &[Inkomstenopgave],
    maand: Maand,
    ingang: Maand,
    einde: Option<Maand>,
) -> Result<Money, RekenFout> {
    let mut totaal = Money::ZERO;
    if is_betaalmaand(regels, maand) {
        totaal += vakantietoeslag_juni(regels, gemeente, feiten, opgaven, maand, ingang)?;
    }
    if einde == Some(maand) {
        // From the last betaalmaand (or the start) up to this month.
        let mut m = maand;
        loop {
            totaal += Money::from_cents(
                maandrecht(regels, gemeente, feiten, opgaven, ingang, m)?
                    .uitkomst
                    .vakantietoeslag_cents,
            );
            if m <= ingang || is_betaalmaand(regels, m) {
                break;
            }
            m = m.previous();
        }
    }
    Ok(totaal)
}

/// Whether the vakantietoeslag is paid in `m` (art. 45-1; the month is the
/// parameter `betaalmaand` of `vakantietoeslag.toml`).
pub fn is_betaalmaand(regels: &Regels, m: Maand) -> bool {
    regels
        .parameters
        .peil(m.first_day(), None)
        .ok()
        .and_then(|p| p.vakantietoeslag.betaalmaand.get().ok())
        == Some(i64::from(m.month()))
}

/// A part of a month is paid for its calendar days. The Participatiewet does
/// not prescribe the rounding; GBI rounds to the nearest cent.
pub const DEELMAAND: Rounding = Rounding::new(
    "betaling deel van de maand (kalenderdagen)",
    RoundingMode::HalfAwayFromZero,
);

/// The days a benefit runs: from its ingangsdatum, until its einddatum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periode {
    pub ingangsdatum: NaiveDate,
    pub einddatum: Option<NaiveDate>,
}

impl Periode {
    pub fn ingang(&self) -> Maand {
        Maand::of(self.ingangsdatum)
    }

    pub fn einde(&self) -> Option<Maand> {
        self.einddatum.map(Maand::of)
    }
}

/// A monthly amount for the calendar days of `maand` the benefit runs: the
/// whole amount for a whole month, nothing outside the period. The one
/// rule for the first and last month, for the ledger and the payment alike.
pub fn deel_van_maand(bedrag_per_maand: Money, periode: Periode, maand: Maand) -> Money {
    let begin = periode.ingangsdatum.max(maand.first_day());
    let eind = periode
        .einddatum
        .unwrap_or(maand.last_day())
        .min(maand.last_day());
    if eind < begin {
        return Money::ZERO;
    }
    let dagen = (eind - begin).num_days() + 1;
    let totaal = i64::from(maand.days());
    if dagen == totaal {
        bedrag_per_maand
    } else {
        bedrag_per_maand.mul_ratio(dagen, totaal, DEELMAAND)
    }
}

/// What the right of a month pays out before the vakantietoeslag: the right
/// minus the reserved vakantietoeslag, for the days the benefit runs.
pub fn te_betalen(recht: &Maandrecht, periode: Periode) -> Money {
    deel_van_maand(
        Money::from_cents(recht.uitkomst.uit_te_betalen_cents),
        periode,
        recht.maand,
    )
}

/// What is due for `maand`: [`te_betalen`] plus the vakantietoeslag paid
/// out in that month ([`vakantietoeslag_uit`]). The betaalrun pays this;
/// the ledger shows it as "verschuldigd".
pub fn verschuldigd(
    regels: &Regels,
    gemeente: GemeenteCode,
    feiten: &Feiten,
    opgaven: &[Inkomstenopgave],
    periode: Periode,
    maand: Maand,
) -> Result<Money, RekenFout> {
    let ingang = periode.ingang();
    let recht = maandrecht(regels, gemeente, feiten, opgaven, ingang, maand)?;
    let vt = vakantietoeslag_uit(
        regels,
        gemeente,
        feiten,
        opgaven,
        maand,
        ingang,
        periode.einde(),
    )?;
    Ok(te_betalen(&recht, periode) + vt)
}

/// One month of the ledger.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Regel {
    pub maand: Maand,
    /// `None` when the month cannot be computed (the error says why).
    pub recht: Option<Maandrecht>,
    /// Why not, for a medewerker ([`RekenFout::voor_medewerker`]).
    pub fout: Option<String>,
    /// Why not, for the resident in B1 ([`RekenFout::voor_inwoner`]).
    pub fout_inwoner: Option<String>,
    /// Due this month ([`verschuldigd`]): the right minus the reserved
    /// vakantietoeslag for the days the benefit runs, plus in June the
    /// vakantietoeslag of the twelve months before.
    pub verschuldigd: Money,
    pub betaald: Money,
    /// Paid minus due: positive is an overpayment, negative an underpayment.
    pub verschil: Money,
}

/// The months a ledger covers: from the first month of the benefit up to
/// `tot`, and the last month of the benefit if it has ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Looptijd {
    pub periode: Periode,
    pub tot: Maand,
}

/// The ledger from the first month of the benefit up to `tot`.
/// `betaald(maand)` gives what was paid for a month.
pub fn grootboek(
    regels: &Regels,
    gemeente: GemeenteCode,
    feiten: &Feiten,
    opgaven: &[Inkomstenopgave],
    looptijd: Looptijd,
    betaald: impl Fn(Maand) -> Money,
) -> Vec<Regel> {
    let Looptijd { periode, tot } = looptijd;
    let (ingang, einde) = (periode.ingang(), periode.einde());
    let mut regels_uit = Vec::new();
    let mut m = ingang;
    while m <= tot {
        let paid = betaald(m);
        let (recht, mut fout) = match maandrecht(regels, gemeente, feiten, opgaven, ingang, m) {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e)),
        };
        let mut verschuldigd = recht
            .as_ref()
            .map_or(Money::ZERO, |r| te_betalen(r, periode));
        match vakantietoeslag_uit(regels, gemeente, feiten, opgaven, m, ingang, einde) {
            Ok(vt) => verschuldigd += vt,
            Err(e) => fout = Some(e),
        }
        regels_uit.push(Regel {
            maand: m,
            verschil: Money::from_cents(paid.cents() - verschuldigd.cents()),
            recht,
            fout_inwoner: fout.as_ref().map(RekenFout::voor_inwoner),
            fout: fout.as_ref().map(RekenFout::voor_medewerker),
            verschuldigd,
            betaald: paid,
        });
        m = m.next();
    }
    regels_uit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regels() -> Regels {
        Regels::ingebouwd().unwrap()
    }

    fn alleenstaande() -> Huishouden {
        serde_json::from_value(serde_json::json!({"aanvrager": {"geboortedatum": "1985-03-01"}}))
            .unwrap()
    }

    fn opgave(maand: &str, arbeid: i64, wanneer: &str) -> Inkomstenopgave {
        Inkomstenopgave {
            id: wanneer.into(),
            uitkering_id: "u".into(),
            maand: Maand::parse(maand).unwrap(),
            arbeid: Money::from_cents(arbeid),
            overig: Money::ZERO,
            document_id: None,
            door: "t".into(),
            created_at: wanneer.into(),
        }
    }

    fn m(s: &str) -> Maand {
        Maand::parse(s).unwrap()
    }

    fn periode(van: &str, tot: Option<&str>) -> Periode {
        let d = |s: &str| gbi_domain::date::parse_date(s).unwrap();
        Periode {
            ingangsdatum: d(van),
            einddatum: tot.map(d),
        }
    }

    #[test]
    fn a_part_of_the_month_pays_its_calendar_days() {
        let jul = m("2026-07");
        let b = Money::from_cents(141_946);
        assert_eq!(deel_van_maand(b, periode("2026-01-01", None), jul), b);
        // From 16 July: 16 of 31 days of € 1.419,46 = € 732,624… → € 732,62
        assert_eq!(
            deel_van_maand(b, periode("2026-07-16", None), jul).cents(),
            73_262
        );
        // Ending 10 July: 10 of 31 days.
        assert_eq!(
            deel_van_maand(b, periode("2026-01-01", Some("2026-07-10")), jul).cents(),
            45_789
        );
        assert_eq!(
            deel_van_maand(b, periode("2026-08-01", None), jul),
            Money::ZERO
        );
    }

    #[test]
    fn the_ledger_owes_for_the_first_month_what_the_payment_pays() {
        let g = GemeenteCode::parse("0392").unwrap();
        let r = regels();
        let f = Feiten::alleen(alleenstaande());
        let p = periode("2026-07-16", None);
        let due = verschuldigd(&r, g, &f, &[], p, m("2026-07")).unwrap();
        let ledger = grootboek(
            &r,
            g,
            &f,
            &[],
            Looptijd {
                periode: p,
                tot: m("2026-07"),
            },
            |_| due,
        );
        assert_eq!(ledger[0].verschuldigd, due);
        assert_eq!(ledger[0].verschil, Money::ZERO, "{:?}", ledger[0]);
        // 16 of 31 days of € 1.348,49 (the right minus 5% reserved).
        assert_eq!(due.cents(), 69_599);
    }

    #[test]
    fn a_persons_report_outranks_uwv_even_when_older() {
        let h = alleenstaande();
        let mut uwv = opgave("2026-07", 90_000, "2");
        uwv.door = gbi_store::inkomsten::DOOR_UWV.into();
        let eigen = opgave("2026-07", 40_000, "1");
        let x = huishouden_voor_maand(
            &h,
            &[eigen.clone(), uwv.clone()],
            m("2026-07"),
            m("2026-07"),
        );
        assert_eq!(
            x.inkomsten.arbeid_cents, 40_000,
            "the resident's own report counts"
        );
        let alleen_uwv = huishouden_voor_maand(&h, &[uwv], m("2026-07"), m("2026-07"));
        assert_eq!(
            alleen_uwv.inkomsten.arbeid_cents, 90_000,
            "else UWV's figure"
        );
        assert_eq!(alleen_uwv.inkomsten.vrijlating_n_sinds, Some(m("2026-07")));
    }

    #[test]
    fn a_late_report_turns_a_paid_month_into_an_overpayment() {
        let g = GemeenteCode::parse("0392").unwrap();
        let r = regels();
        let h = alleenstaande();
        // July paid in full (1.419,46 minus 5% reserved: 1.348,49).
        let betaald = |maand: Maand| {
            if maand == m("2026-07") {
                Money::from_cents(134_849)
            } else {
                Money::ZERO
            }
        };
        let voor = grootboek(
            &r,
            g,
            &Feiten::alleen(h.clone()),
            &[],
            Looptijd {
                periode: periode("2026-07-01", None),
                tot: m("2026-07"),
            },
            betaald,
        );
        assert_eq!(voor[0].verschil, Money::ZERO, "{voor:?}");
        // € 800 reported afterwards: 25% (€ 200) is left out, € 600 counts.
        let na = grootboek(
            &r,
            g,
            &Feiten::alleen(h),
            &[opgave("2026-07", 80_000, "1")],
            Looptijd {
                periode: periode("2026-07-01", None),
                tot: m("2026-07"),
            },
            betaald,
        );
        let juli = na[0].recht.as_ref().unwrap();
        assert_eq!(juli.vrijgelaten, Money::from_cents(20_000));
        assert_eq!(juli.uitkomst.inkomen_cents, 60_000);
        assert_eq!(juli.uitkomst.bijstand_cents, 141_946 - 60_000);
        assert!(na[0].verschil.cents() > 0, "overpayment: {:?}", na[0]);
    }

    #[test]
    fn the_latest_report_of_a_month_counts() {
        let h = alleenstaande();
        let o = [
            opgave("2026-07", 80_000, "1"),
            opgave("2026-07", 10_000, "2"),
        ];
        let x = huishouden_voor_maand(&h, &o, m("2026-07"), m("2026-07"));
        assert_eq!(x.inkomsten.arbeid_cents, 10_000);
        assert_eq!(x.inkomsten.vrijlating_n_sinds, Some(m("2026-07")));
    }

    #[test]
    fn june_pays_the_vakantietoeslag_of_the_months_before() {
        let g = GemeenteCode::parse("0392").unwrap();
        let r = regels();
        assert!(is_betaalmaand(&r, m("2026-06")));
        assert!(!is_betaalmaand(&r, m("2026-07")));
        // Benefit since January 2026: January to May reserved 5% each month.
        let vt = vakantietoeslag_juni(
            &r,
            g,
            &Feiten::alleen(alleenstaande()),
            &[],
            m("2026-06"),
            m("2026-01"),
        )
        .unwrap();
        assert_eq!(vt.cents(), 5 * 7_008, "5% of 1.401,50 is 70,08 a month");
    }

    #[test]
    fn the_facts_of_a_month_are_the_latest_version_valid_then() {
        let basis = alleenstaande();
        let mut met_partner = alleenstaande();
        met_partner.partner = Some(gbi_rules::huishouden::Partner {
            geboortedatum: chrono::NaiveDate::from_ymd_opt(1984, 1, 1).unwrap(),
            in_inrichting: None,
            inkomsten: Default::default(),
        });
        let f = Feiten {
            basis: basis.clone(),
            versies: vec![(m("2026-09"), met_partner.clone())],
        };
        assert_eq!(f.voor(m("2026-08")), &basis);
        assert_eq!(f.voor(m("2026-09")), &met_partner);
        assert_eq!(f.voor(m("2027-01")), &met_partner);
    }

    #[test]
    fn the_last_month_pays_the_vakantietoeslag_reserved_since_june() {
        let g = GemeenteCode::parse("0392").unwrap();
        let r = regels();
        let f = Feiten::alleen(alleenstaande());
        // Benefit from March to September 2026: June pays March to May; the
        // last month (September) pays June to September (4 months).
        let juni = vakantietoeslag_uit(
            &r,
            g,
            &f,
            &[],
            m("2026-06"),
            m("2026-03"),
            Some(m("2026-09")),
        )
        .unwrap();
        assert_eq!(juni.cents(), 3 * 7_008);
        let einde = vakantietoeslag_uit(
            &r,
            g,
            &f,
            &[],
            m("2026-09"),
            m("2026-03"),
            Some(m("2026-09")),
        )
        .unwrap();
        assert_eq!(
            einde.cents(),
            7_008 + 3 * 7_097,
            "June at the 1-1-2026 norm, July to September at 1-7-2026"
        );
        let gewoon = vakantietoeslag_uit(
            &r,
            g,
            &f,
            &[],
            m("2026-08"),
            m("2026-03"),
            Some(m("2026-09")),
        )
        .unwrap();
        assert_eq!(gewoon, Money::ZERO);
    }
}

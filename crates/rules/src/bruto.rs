//! The gross (fiscal) amount of a bijstand payment, for the Dienst Toeslagen,
//! which counts fiscal income. Bijstand is paid net; the gemeente withholds
//! loonheffing and pays it to the Belastingdienst, so gross = net +
//! loonheffing withheld. GBI finds the gross amount by *bruteren*: the
//! amount whose loonheffing leaves exactly the net amount.
//!
//! Method (tijdvak maand, as if the month's amount were paid every month of
//! the year, the way the monthly table is built from the yearly rates):
//! yearly net N = 12 × net; loonheffing(G) = t1 × min(G, grens) + t2 ×
//! max(0, G − grens) − algemene heffingskorting, not below zero; solve
//! G − loonheffing(G) = N piecewise (no tax, first bracket, second bracket)
//! and divide by 12, rounding up to whole cents ([`BRUTEREN`]). The
//! loonheffingskorting is applied (the usual case in bijstand); the phase-out
//! of the heffingskorting above the income of bijstand and the arbeidskorting
//! (no work income) are left out.
//!
//! The rates live in `params/landelijk/loonheffing-<jaar>.toml`; a value
//! marked `unknown` gives the rules' "niet ingesteld" error, and the
//! specification then says that the gross amount is not available yet.

use crate::fout::RekenFout;
use crate::params::Parameters;
use crate::peil::neem;
use chrono::NaiveDate;
use gbi_domain::{Money, Rounding, RoundingMode};
use serde::Serialize;

/// Gross from net is rounded up to whole cents: never below what was withheld.
pub const BRUTEREN: Rounding =
    Rounding::new("bruto uit netto (bruteren)", RoundingMode::AwayFromZero);

/// The gross amount of a net payment, with the loonheffing in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bruto {
    pub netto: Money,
    pub loonheffing: Money,
    pub bruto: Money,
    /// The legal source of the rates.
    pub verwijzing: String,
}

/// The gross amount of a monthly net payment paid on `datum`.
pub fn bruto_van_netto(
    parameters: &Parameters,
    datum: NaiveDate,
    netto: Money,
) -> Result<Bruto, RekenFout> {
    if netto.is_negative() {
        return Err(RekenFout::invoer(
            "netto",
            "een netto bedrag kan niet negatief zijn",
        ));
    }
    let set =
        parameters
            .landelijk("loonheffing", datum)
            .ok_or_else(|| RekenFout::GeenParameters {
                onderwerp: "loonheffing".into(),
                datum,
            })?;
    let schijf_1 = neem(set, "tarief_schijf_1")?;
    let (t1, verwijzing) = (schijf_1.get()?, schijf_1.verwijzing().to_owned());
    let grens = neem(set, "grens_schijf_1")?.get()?;
    let t2 = neem(set, "tarief_schijf_2")?.get()?;
    let korting = neem(set, "algemene_heffingskorting")?.get()?;
    if !(0..10_000).contains(&t1) || !(0..10_000).contains(&t2) {
        return Err(RekenFout::invoer(
            "loonheffing",
            "een tarief moet onder 100% liggen",
        ));
    }
    let n = netto.cents() * 12;
    let bruto = if t1 * n <= korting * 10_000 {
        // The heffingskorting covers the loonheffing: gross is net.
        netto
    } else if (n - korting) * 10_000 <= grens * (10_000 - t1) {
        // G − (t1·G − K) = N  ⇒  G = (N − K) / (1 − t1)
        Money::from_cents(n - korting).mul_ratio(10_000, (10_000 - t1) * 12, BRUTEREN)
    } else {
        // G − (t1·grens + t2·(G − grens) − K) = N  ⇒  G = (N − K + (t1 − t2)·grens) / (1 − t2)
        Money::from_cents((n - korting) * 10_000 + (t1 - t2) * grens).mul_ratio(
            1,
            (10_000 - t2) * 12,
            BRUTEREN,
        )
    };
    Ok(Bruto {
        netto,
        loonheffing: Money::from_cents(bruto.cents() - netto.cents()),
        bruto,
        verwijzing,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::params::INGEBOUWD;

    /// The built-in files, with the loonheffing of 2026 set to test values
    /// (illustrative, not the official 2026 figures).
    fn met_testwaarden() -> Parameters {
        let bestanden = INGEBOUWD.iter().map(|(n, t)| {
            let t = if n.ends_with("loonheffing-2026.toml") {
                t.replace(
                    "[tarief_schijf_1]\n# Loonbelasting plus premie volksverzekeringen in de eerste schijf.\nmarkering = \"unknown\"",
                    "[tarief_schijf_1]\nmarkering = \"off\"\nwaarde = \"35,82\"",
                )
                .replace(
                    "[grens_schijf_1]\nmarkering = \"unknown\"",
                    "[grens_schijf_1]\nmarkering = \"off\"\nwaarde = \"38441\"",
                )
                .replace(
                    "[tarief_schijf_2]\nmarkering = \"unknown\"",
                    "[tarief_schijf_2]\nmarkering = \"off\"\nwaarde = \"37,48\"",
                )
                .replace(
                    "# De gemeente past de loonheffingskorting toe (de gewone situatie in de bijstand).\nmarkering = \"unknown\"",
                    "markering = \"off\"\nwaarde = \"3068\"",
                )
            } else {
                (*t).to_owned()
            };
            ((*n).to_owned(), t)
        });
        Parameters::laden(bestanden).unwrap()
    }

    fn datum() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
    }

    /// Loonheffing per month of a monthly gross amount, by the same rates.
    fn heffing(bruto_maand: i64) -> f64 {
        let g = bruto_maand as f64 * 12.0;
        let h = 0.3582 * g.min(3_844_100.0) + 0.3748 * (g - 3_844_100.0).max(0.0) - 306_800.0;
        h.max(0.0) / 12.0
    }

    #[test]
    fn gross_is_net_plus_the_loonheffing_that_leaves_the_net_amount() {
        let p = met_testwaarden();
        let b = bruto_van_netto(&p, datum(), Money::from_cents(134_849)).unwrap();
        // (12 × 1.348,49 − 3.068) / (1 − 35,82%) / 12 = 1.702,7475… → € 1.702,75
        assert_eq!(b.bruto.cents(), 170_275);
        assert_eq!(b.loonheffing.cents(), 170_275 - 134_849);
        let terug = b.bruto.cents() as f64 - heffing(b.bruto.cents());
        assert!((terug - 134_849.0).abs() < 1.0, "net again: {terug}");
        assert!(
            b.verwijzing.contains("Wet op de loonbelasting 1964"),
            "{b:?}"
        );
    }

    #[test]
    fn the_second_bracket_and_the_untaxed_part() {
        let p = met_testwaarden();
        let hoog = bruto_van_netto(&p, datum(), Money::from_cents(300_000)).unwrap();
        assert!(hoog.bruto.cents() * 12 > 3_844_100, "{hoog:?}");
        let terug = hoog.bruto.cents() as f64 - heffing(hoog.bruto.cents());
        assert!((terug - 300_000.0).abs() < 1.0, "net again: {terug}");
        // € 50 a month stays under the heffingskorting: no loonheffing.
        let laag = bruto_van_netto(&p, datum(), Money::from_cents(5_000)).unwrap();
        assert_eq!(laag.bruto.cents(), 5_000);
        assert_eq!(laag.loonheffing, Money::ZERO);
    }

    #[test]
    fn the_shipped_rates_are_not_set_so_there_is_no_gross_amount() {
        let p = Parameters::ingebouwd().unwrap();
        let e = bruto_van_netto(&p, datum(), Money::from_cents(134_849)).unwrap_err();
        assert_eq!(e.code(), "niet_ingesteld", "{e}");
        let e = bruto_van_netto(
            &p,
            NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
            Money::from_cents(1),
        )
        .unwrap_err();
        assert_eq!(e.code(), "geen_parameters", "{e}");
    }
}

//! The collective supplementary health insurance (gemeentepolis,
//! Participatiewet art. 35, derde lid): bijzondere bijstand given
//! categorically, as the gemeente's contribution to the premium, to
//! residents whose income is at most a percentage of the bijstandsnorm.
//! No individual need test: the resident signs up and declares that the
//! household's income is below the limit.
//!
//! What the gemeente's policy says on a date, with the limit worked out in
//! euros per household type from the national norms of that date, and the
//! dates a sign-up starts and ends.

use crate::Regels;
use crate::fout::RekenFout;
use crate::params::CollectieveZorgverzekering;
use chrono::{Datelike, Months, NaiveDate};
use gbi_domain::{GemeenteCode, Money, Rounding, RoundingMode};
use serde::Serialize;

/// The income limit in euros: a percentage of the norm, whole cents
/// dropped (a limit is never rounded up past what the policy says).
const GRENS: Rounding = Rounding::new(
    "collectieve_zorgverzekering_inkomensgrens",
    RoundingMode::TowardZero,
);

/// The gemeente's collective insurance on one date.
#[derive(Debug, Clone, Serialize)]
pub struct Zorgverzekering {
    pub datum: NaiveDate,
    pub beleid: CollectieveZorgverzekering,
    /// The income limit per household type, net per month.
    pub grenzen: Vec<Grens>,
    /// Computed with national figures carried forward (demo only).
    pub voorlopig: bool,
}

/// The income limit of one household type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grens {
    /// For whom, in plain Dutch.
    pub wie: &'static str,
    /// The bijstandsnorm (cents per month).
    pub norm_cents: i64,
    /// The limit: the norm times the policy's percentage (cents per month).
    pub grens_cents: i64,
}

impl Zorgverzekering {
    /// Whether residents can sign up on this date.
    pub fn aangeboden(&self) -> bool {
        self.beleid.aangeboden && !self.beleid.pakketten.is_empty()
    }

    /// The first day of cover for a sign-up made on `aangemeld`: the first
    /// day of the next month (the insurer needs time to process it).
    pub fn ingangsdatum(aangemeld: NaiveDate) -> NaiveDate {
        let eerste = aangemeld.with_day(1).unwrap_or(aangemeld);
        eerste.checked_add_months(Months::new(1)).unwrap_or(eerste)
    }

    /// The last day of cover after stopping on `afgemeld`: the last day of
    /// that month. When the sign-up had not started yet this lies before
    /// its ingangsdatum: then it never started.
    pub fn einddatum(afgemeld: NaiveDate) -> NaiveDate {
        Self::ingangsdatum(afgemeld).pred_opt().unwrap_or(afgemeld)
    }
}

impl Regels {
    /// The gemeente's collective supplementary health insurance on `datum`:
    /// `None` when its policy has none; an error when the gemeente has no
    /// policy on that date or the national norms are missing.
    pub fn collectieve_zorgverzekering(
        &self,
        gemeente: GemeenteCode,
        datum: NaiveDate,
    ) -> Result<Option<Zorgverzekering>, RekenFout> {
        let peil = self.parameters.peil(datum, Some(gemeente))?;
        let Some(beleid) = peil
            .beleid
            .as_ref()
            .and_then(|(_, set, _)| set.collectieve_zorgverzekering.clone())
        else {
            return Ok(None);
        };
        let n = &peil.normen;
        let mut grenzen = Vec::new();
        if beleid.aangeboden {
            for (wie, norm) in [
                (
                    "Alleenstaand of alleenstaande ouder",
                    n.norm_21_alleenstaande,
                ),
                ("Getrouwd of samenwonend", n.norm_21_gehuwden),
                (
                    "Alleenstaand, met de AOW-leeftijd",
                    n.norm_aow_alleenstaande,
                ),
                (
                    "Getrouwd of samenwonend, allebei met de AOW-leeftijd",
                    n.norm_aow_gehuwden,
                ),
            ] {
                let norm_cents = norm.get()?;
                grenzen.push(Grens {
                    wie,
                    norm_cents,
                    grens_cents: Money::from_cents(norm_cents)
                        .percentage(beleid.inkomensgrens_bp, GRENS)
                        .cents(),
                });
            }
        }
        Ok(Some(Zorgverzekering {
            datum,
            beleid,
            grenzen,
            voorlopig: peil.voorlopig,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn cover_starts_next_month_and_ends_at_the_end_of_the_month() {
        assert_eq!(
            Zorgverzekering::ingangsdatum(d("2026-03-15")),
            d("2026-04-01")
        );
        assert_eq!(
            Zorgverzekering::ingangsdatum(d("2026-12-31")),
            d("2027-01-01")
        );
        assert_eq!(
            Zorgverzekering::ingangsdatum(d("2026-01-01")),
            d("2026-02-01")
        );
        assert_eq!(Zorgverzekering::einddatum(d("2026-02-10")), d("2026-02-28"));
        assert_eq!(Zorgverzekering::einddatum(d("2028-02-29")), d("2028-02-29"));
        assert_eq!(Zorgverzekering::einddatum(d("2026-12-01")), d("2026-12-31"));
        // Signed up and stopped in the same month: it never started.
        let aan = d("2026-05-03");
        assert!(Zorgverzekering::einddatum(d("2026-05-20")) < Zorgverzekering::ingangsdatum(aan));
    }
}

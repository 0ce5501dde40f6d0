//! The collection terms of the Algemene wet bestuursrecht (titel 4.4) and
//! the reminder fee of art. 4:113.
//!
//! The terms here are calendar terms as the Awb states them. The Algemene
//! termijnenwet (a term ending on a Saturday, Sunday or public holiday runs
//! to the next working day) is not applied: that is for the caller.

use super::{BvvStap, set, stap, waarde};
use crate::Regels;
use crate::fout::RekenFout;
use chrono::{Days, Months, NaiveDate};
use gbi_domain::Money;

const AWB: &str = "Algemene wet bestuursrecht";

/// Art. 4:87, eerste lid: pay within six weeks after the decision was made
/// known. The last day to pay.
pub fn betaaltermijn(bekendmaking: NaiveDate) -> NaiveDate {
    bekendmaking
        .checked_add_days(Days::new(42))
        .unwrap_or(NaiveDate::MAX)
}

/// Art. 4:112, eerste lid: after a reminder, pay within two weeks after the
/// day it was sent. The last day to pay.
pub fn aanmaning_termijn(verzending: NaiveDate) -> NaiveDate {
    verzending
        .checked_add_days(Days::new(14))
        .unwrap_or(NaiveDate::MAX)
}

fn vijf_jaar_na_de_dag_na(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1))
        .and_then(|d| d.checked_add_months(Months::new(60)))
        .unwrap_or(NaiveDate::MAX)
}

/// Art. 4:104, eerste lid: the claim is time-barred five years after the
/// start of the day after the payment term ended; every stuiting (4:105: a
/// reminder, an offsetting decision, a dwangbevel, an acknowledgement …)
/// before that moment starts a new term of five years from the day after
/// (4:106, eerste en tweede lid). Returns the first day on which the claim is
/// time-barred. Stuitingen after that day do nothing. Extensions of 4:110
/// and 4:111 (uitstel, surseance, faillissement, schuldsanering) are not
/// applied: the caller adds them.
pub fn verjaring(einde_betaaltermijn: NaiveDate, stuitingen: &[NaiveDate]) -> NaiveDate {
    let mut s: Vec<NaiveDate> = stuitingen.to_vec();
    s.sort();
    let mut verjaard = vijf_jaar_na_de_dag_na(einde_betaaltermijn);
    for d in s {
        if d >= einde_betaaltermijn && d < verjaard {
            verjaard = verjaard.max(vijf_jaar_na_de_dag_na(d));
        }
    }
    verjaard
}

impl Regels {
    /// The reminder fee of art. 4:113 for a debt of `openstaand` on `datum`:
    /// the low amount below the limit, the high amount from it. The fee is a
    /// power of the college ("kan"), not a duty.
    pub fn aanmaningskosten(
        &self,
        openstaand: Money,
        datum: NaiveDate,
    ) -> Result<(Money, BvvStap), RekenFout> {
        if openstaand.is_negative() {
            return Err(RekenFout::invoer("openstaand", "mag niet negatief zijn"));
        }
        let p = set(&self.parameters, "awb_invordering", datum)?;
        let (grens, wg) = waarde(p, "aanmaning_grens")?;
        let (sleutel, woord) = if openstaand.cents() < grens {
            ("aanmaning_laag", "minder dan")
        } else {
            ("aanmaning_hoog", "ten minste")
        };
        let (bedrag, _) = waarde(p, sleutel)?;
        let bedrag = Money::from_cents(bedrag);
        Ok((
            bedrag,
            stap(
                format!(
                    "U moet nog {openstaand} betalen. Dat is {woord} {}. Voor de aanmaning betaalt u {bedrag}.",
                    Money::from_cents(grens)
                ),
                format!(
                    "openstaand {openstaand} {woord} {}: vergoeding {bedrag}",
                    Money::from_cents(grens)
                ),
                format!(
                    "{}; {AWB} art. 4:113, tweede lid (de aanmaning noemt de vergoeding)",
                    wg.verwijzing()
                ),
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn termijnen() {
        assert_eq!(betaaltermijn(d("2026-01-15")), d("2026-02-26"));
        assert_eq!(aanmaning_termijn(d("2026-03-02")), d("2026-03-16"));
    }

    #[test]
    fn verjaring_zonder_en_met_stuiting() {
        // Term ends 15-3-2026; five years from the start of 16-3-2026.
        assert_eq!(verjaring(d("2026-03-15"), &[]), d("2031-03-16"));
        // A reminder on 1-6-2028 starts a new term from 2-6-2028.
        assert_eq!(
            verjaring(d("2026-03-15"), &[d("2028-06-01")]),
            d("2033-06-02")
        );
        // Two stuitingen, given out of order.
        assert_eq!(
            verjaring(d("2026-03-15"), &[d("2032-01-10"), d("2028-06-01")]),
            d("2037-01-11")
        );
        // A stuiting after the claim was time-barred does nothing.
        assert_eq!(
            verjaring(d("2026-03-15"), &[d("2031-03-16")]),
            d("2031-03-16")
        );
        // 29 February: five years later is 1 March (chrono clamps to 28 Feb,
        // the day after the term is 1 March 2028 → 1 March 2033).
        assert_eq!(verjaring(d("2028-02-29"), &[]), d("2033-03-01"));
    }
}

//! The advice on an application for the IIT: the months of the reference
//! period from the ledger (bijstand) or, where the gemeente has no record,
//! as months without proven income for a person to check; the household
//! from the BRP; the gemeente's policy (`Regels::beoordeel_iit`). The
//! weighing of art. 36-2 is always left to a person.

use crate::aanvraag::antwoord;
use crate::advies::{Advies, Eenmalig, stappen};
use chrono::{Datelike, Months, NaiveDate};
use gbi_domain::Money;
use gbi_rules::huishouden::{IitInvoer, IitPeriode, MaandSoort};
use gbi_rules::regelingen::{IitRecht, IitReden, IitVraag};

/// The longest reference period any policy may set (five years).
pub const MAANDEN_TERUG: u32 = 60;

/// The months before `aanvraag`, oldest first, as runs: bijstand where a
/// period of `bijstand` covers the month, else without proven income.
pub fn perioden(
    bijstand: &[(NaiveDate, Option<NaiveDate>)],
    aanvraag: NaiveDate,
) -> Vec<IitPeriode> {
    let eerste = aanvraag.with_day(1).unwrap_or(aanvraag);
    let mut uit: Vec<IitPeriode> = Vec::new();
    for terug in (1..=MAANDEN_TERUG).rev() {
        let Some(begin) = eerste.checked_sub_months(Months::new(terug)) else {
            continue;
        };
        let eind = begin
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(begin);
        let soort = if bijstand
            .iter()
            .any(|(van, tot)| *van <= eind && tot.is_none_or(|t| t >= begin))
        {
            MaandSoort::Bijstand
        } else {
            MaandSoort::ZonderBewijs
        };
        match uit.last_mut() {
            Some(p) if p.soort == soort => p.maanden += 1,
            _ => uit.push(IitPeriode {
                maanden: 1,
                soort,
                inkomen_cents: None,
            }),
        }
    }
    uit
}

fn reden(r: &IitReden) -> &'static str {
    match r {
        IitReden::LeeftijdNiet21TotAow => {
            "de aanvrager is jonger dan 21 of heeft de AOW-leeftijd (artikel 36, eerste lid)"
        }
        IitReden::VermogenBovenGrens => {
            "het vermogen is hoger dan de grens (artikel 36, eerste lid, met artikel 34)"
        }
        IitReden::GeenLangdurigLaagInkomen => {
            "er is geen langdurig laag inkomen in de referentieperiode (artikel 36, eerste lid)"
        }
        IitReden::UitzichtOpInkomensverbetering => {
            "er is uitzicht op inkomensverbetering (artikel 36, eerste lid)"
        }
        IitReden::IitInAfgelopen12Maanden => {
            "de vorige toeslag is minder dan twaalf maanden geleden verleend (artikel 36, derde lid)"
        }
    }
}

/// The advice on `aanvraag` on `datum`.
pub fn advies(a: crate::regeling::AdviesInvoer<'_>) -> Advies {
    let crate::regeling::AdviesInvoer {
        regels,
        gemeente,
        aanvraag,
        snapshots,
        eigen,
        datum,
    } = a;
    let mut huishouden = match crate::advies::huishouden(aanvraag, snapshots, datum) {
        Ok(h) => h,
        Err(a) => return *a,
    };
    huishouden.iit = Some(IitInvoer {
        perioden: perioden(&eigen.bijstand, datum),
        laatste_iit: eigen.laatste_iit,
        aanvraagdatum: Some(datum),
        ..Default::default()
    });
    let mut punten = Vec::new();
    let b = match regels.beoordeel_iit(&huishouden, datum, gemeente) {
        Ok(b) => b,
        Err(e) => return Advies::niet(datum, e.voor_medewerker(), punten),
    };
    let o = &b.beoordeling;
    let a = aanvraag.as_object().cloned().unwrap_or_default();
    for v in &o.voor_medewerker {
        match v {
            IitVraag::UitzichtOpInkomensverbetering => {
                let inspanningen = antwoord(&a, "inspanningen");
                punten.push(format!(
                    "Weeg af of de aanvrager uitzicht heeft op inkomensverbetering, gelet op de mogelijkheden en de inspanningen (artikel 36, eerste en tweede lid). Schrijf uw afweging in het voorstel. De aanvrager schreef: {}",
                    if inspanningen.is_empty() { "(niets)" } else { inspanningen }
                ));
            }
            IitVraag::MaandenZonderBewijs { aantal, .. } => punten.push(format!(
                "In {aantal} maanden van de referentieperiode had de aanvrager geen bijstand van deze gemeente. Ga in Suwinet-Inkijk na welk inkomen de aanvrager toen had (artikel 36, eerste lid)."
            )),
            #[allow(unreachable_patterns)]
            _ => punten.push(format!("Beoordeel: {}.", v.code())),
        }
    }
    let bedrag = Money::from_cents(o.bedrag_cents);
    let advies_tekst = match o.recht {
        IitRecht::Ja => format!("Recht op een individuele inkomenstoeslag van {bedrag}."),
        IitRecht::MedewerkerBeoordeelt => format!(
            "Aan de voorwaarden die GBI kan nagaan is voldaan. Toeslag volgens het beleid: {bedrag}. U beslist over de punten hieronder."
        ),
        IitRecht::Nee => format!(
            "Geen individuele inkomenstoeslag: {}.",
            o.redenen.iter().map(reden).collect::<Vec<_>>().join("; ")
        ),
    };
    Advies {
        berekend: true,
        reden: String::new(),
        peildatum: datum.to_string(),
        advies_tekst,
        voorlopig: b.voorlopig,
        uitleg: stappen(&b.uitleg),
        aandachtspunten: punten,
        eenmalig: (o.recht != IitRecht::Nee && o.bedrag_cents > 0).then(|| Eenmalig {
            bedrag_cents: o.bedrag_cents,
            vorm: "om_niet".into(),
            grondslag: "Participatiewet art. 36, eerste lid, en art. 48, eerste lid".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dag: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dag).unwrap()
    }

    #[test]
    fn months_of_bijstand_come_from_the_periods_and_the_rest_is_unproven() {
        let p = perioden(&[(d(2024, 3, 15), None)], d(2026, 12, 3));
        let totaal: u32 = p.iter().map(|x| x.maanden).sum();
        assert_eq!(totaal, MAANDEN_TERUG);
        // December 2021 .. February 2024 without, March 2024 .. November 2026 bijstand.
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].soort, MaandSoort::ZonderBewijs);
        assert_eq!(p[1].soort, MaandSoort::Bijstand);
        assert_eq!(p[1].maanden, 33);
    }

    #[test]
    fn an_ended_benefit_stops_counting() {
        let p = perioden(&[(d(2021, 1, 1), Some(d(2026, 5, 31)))], d(2026, 12, 3));
        assert_eq!(
            p.last().map(|x| (x.soort, x.maanden)),
            Some((MaandSoort::ZonderBewijs, 6))
        );
    }
}

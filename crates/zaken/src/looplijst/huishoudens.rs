//! From the gemeente's BRP to households as the looplijst sees them.
//!
//! Everyone registered at one address (postcode, huisnummer, huisletter)
//! is one household. The applicants are the oldest adult whose parents do
//! not live at the address, and their BRP partner; without a registered
//! partner, a second adult who is not a child of someone there counts as
//! partner (the BRP does not know cohabiting couples; two unrelated adults
//! at one address are treated as a couple, the gehuwden norm applies).
//! Adults living with their parents are children of the household, as for
//! bijstand. Only the applicants are ever named in a question to a source.

use chrono::NaiveDate;
use gbi_domain::Bsn;
use gbi_domain::date::age_on;
use gbi_registers::looplijst::BrpIngezetene;
use gbi_rules::looplijst::Leefsituatie;
use std::collections::HashMap;

/// One address with its residents.
#[derive(Debug, Clone)]
pub struct Huishouden {
    /// Indexes into the BRP extract: everyone registered here.
    pub leden: Vec<usize>,
    /// The applicants (one or two), oldest first.
    pub aanvragers: Vec<Bsn>,
    pub leefsituatie: Leefsituatie,
    /// `J. de Vries en A. Bakker`.
    pub namen: String,
}

/// Group the extract by address. Addresses where nobody is 18 or older
/// yield no household. The order is the extract's (stable per run).
pub fn huishoudens(ingezetenen: &[BrpIngezetene], peildatum: NaiveDate) -> Vec<Huishouden> {
    let mut per_adres: HashMap<(&str, u32, &str), usize> = HashMap::new();
    let mut adressen: Vec<Vec<usize>> = Vec::new();
    for (i, p) in ingezetenen.iter().enumerate() {
        let sleutel = (
            p.postcode.as_str(),
            p.huisnummer,
            p.huisletter.as_deref().unwrap_or(""),
        );
        let plek = *per_adres.entry(sleutel).or_insert_with(|| {
            adressen.push(Vec::new());
            adressen.len() - 1
        });
        if let Some(a) = adressen.get_mut(plek) {
            a.push(i);
        }
    }
    adressen
        .into_iter()
        .filter_map(|leden| huishouden(ingezetenen, leden, peildatum))
        .collect()
}

fn huishouden(
    alle: &[BrpIngezetene],
    mut leden: Vec<usize>,
    peildatum: NaiveDate,
) -> Option<Huishouden> {
    leden.sort_by_key(|i| alle.get(*i).map(|p| p.geboortedatum));
    let persoon = |i: &usize| alle.get(*i);
    let volwassen = |p: &BrpIngezetene| age_on(p.geboortedatum, peildatum) >= 18;
    let hier: Vec<&Bsn> = leden.iter().filter_map(persoon).map(|p| &p.bsn).collect();
    // Adults whose parent lives here are children of the household.
    let kandidaten: Vec<&BrpIngezetene> = leden
        .iter()
        .filter_map(persoon)
        .filter(|p| volwassen(p) && !p.ouders.iter().any(|o| hier.contains(&o)))
        .collect();
    let eerste = *kandidaten.first()?;
    let tweede = eerste
        .partner
        .as_ref()
        .and_then(|partner| kandidaten.iter().find(|p| &p.bsn == partner))
        .or_else(|| kandidaten.get(1))
        .copied();
    let kinderen = leden
        .iter()
        .filter_map(persoon)
        .any(|p| age_on(p.geboortedatum, peildatum) < 18);
    let mut aanvragers = vec![eerste.bsn.clone()];
    let mut namen = eerste.naam.clone();
    if let Some(t) = tweede {
        aanvragers.push(t.bsn.clone());
        namen = format!("{namen} en {}", t.naam);
    }
    Some(Huishouden {
        leefsituatie: Leefsituatie {
            geboren: eerste.geboortedatum,
            samen: tweede.is_some(),
            kinderen,
        },
        leden,
        aanvragers,
        namen,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn p(bsn: &str, geboren: &str, huisnummer: u32) -> BrpIngezetene {
        BrpIngezetene {
            bsn: Bsn::parse(bsn).unwrap(),
            geboortedatum: NaiveDate::parse_from_str(geboren, "%Y-%m-%d").unwrap(),
            naam: format!("P. {bsn}"),
            straat: "Kerkstraat".into(),
            huisnummer,
            huisletter: None,
            postcode: "2011AB".into(),
            woonplaats: "Haarlem".into(),
            partner: None,
            ouders: vec![],
        }
    }

    #[test]
    fn parents_with_an_adult_child_and_a_minor() {
        let peil = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let vader = p("111222333", "1970-01-01", 1);
        let mut moeder = p("123456782", "1972-01-01", 1);
        moeder.partner = Some(vader.bsn.clone());
        let mut zoon = p("999993653", "2004-01-01", 1);
        zoon.ouders = vec![vader.bsn.clone(), moeder.bsn.clone()];
        let mut dochter = p("999990019", "2015-01-01", 1);
        dochter.ouders = zoon.ouders.clone();
        let buurman = p("999991723", "1990-01-01", 2);
        let kind_alleen = p("999992570", "2012-01-01", 3);
        let lijst = vec![
            zoon,
            vader.clone(),
            dochter,
            moeder.clone(),
            buurman.clone(),
            kind_alleen,
        ];
        let h = huishoudens(&lijst, peil);
        assert_eq!(h.len(), 2, "the address with only a child has no household");
        assert_eq!(h[0].aanvragers, vec![vader.bsn.clone(), moeder.bsn.clone()]);
        assert!(h[0].leefsituatie.samen && h[0].leefsituatie.kinderen);
        assert_eq!(h[0].leden.len(), 4);
        assert_eq!(h[1].aanvragers, vec![buurman.bsn]);
        assert!(!h[1].leefsituatie.samen && !h[1].leefsituatie.kinderen);
    }
}

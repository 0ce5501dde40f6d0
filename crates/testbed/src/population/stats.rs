//! Measured distributions of a generated population.

use super::*;
use serde::Serialize;

/// Shares are fractions (0.0–1.0).
#[derive(Clone, Debug, Serialize)]
pub struct Statistieken {
    pub ingezetenen: usize,
    pub huishoudens: usize,
    pub aandeel_alleenstaand: f64,
    pub aandeel_paar_zonder_kinderen: f64,
    pub aandeel_paar_met_kinderen: f64,
    pub aandeel_eenoudergezin: f64,
    pub aandeel_onder_20: f64,
    pub aandeel_20_tot_65: f64,
    pub aandeel_65_plus: f64,
    /// Of working-age adults (18–66, not a child at home).
    pub aandeel_geen_inkomen: f64,
    pub aandeel_laag_inkomen: f64,
    /// Of households.
    pub aandeel_bijstand: f64,
    pub aandeel_recht_bijstand_zonder_uitkering: f64,
    pub aandeel_recht_iit_zonder_uitkering: f64,
    pub aandeel_recht_bijzondere_bijstand_zonder_uitkering: f64,
    pub aandeel_koopwoning: f64,
    pub aandeel_met_auto: f64,
    /// Of residents.
    pub aandeel_studiefinanciering: f64,
}

pub(super) fn bereken(p: &Population) -> Statistieken {
    let refd = referentiedatum();
    let nh = p.huishoudens.len().max(1) as f64;
    let np = p.ingezetenen.len().max(1) as f64;
    let telh =
        |f: &dyn Fn(&Huishouden) -> bool| p.huishoudens.iter().filter(|h| f(h)).count() as f64 / nh;
    let leeftijd = |i: &Ingezetene| {
        let mut l = refd.year() - i.geboortedatum.year();
        if (refd.month(), refd.day()) < (i.geboortedatum.month(), i.geboortedatum.day()) {
            l -= 1;
        }
        l
    };
    let telp =
        |f: &dyn Fn(&Ingezetene) -> bool| p.ingezetenen.iter().filter(|i| f(i)).count() as f64 / np;
    let werkend: Vec<&Ingezetene> = p
        .ingezetenen
        .iter()
        .filter(|i| i.rol != Rol::Kind && (18..67).contains(&leeftijd(i)))
        .collect();
    let nw = werkend.len().max(1) as f64;
    let klasse =
        |k: Inkomensklasse| werkend.iter().filter(|i| i.inkomensklasse == k).count() as f64 / nw;
    Statistieken {
        ingezetenen: p.ingezetenen.len(),
        huishoudens: p.huishoudens.len(),
        aandeel_alleenstaand: telh(&|h| h.soort == HuishoudenSoort::Alleenstaand),
        aandeel_paar_zonder_kinderen: telh(&|h| h.soort == HuishoudenSoort::PaarZonderKinderen),
        aandeel_paar_met_kinderen: telh(&|h| h.soort == HuishoudenSoort::PaarMetKinderen),
        aandeel_eenoudergezin: telh(&|h| h.soort == HuishoudenSoort::Eenoudergezin),
        aandeel_onder_20: telp(&|i| leeftijd(i) < 20),
        aandeel_20_tot_65: telp(&|i| (20..65).contains(&leeftijd(i))),
        aandeel_65_plus: telp(&|i| leeftijd(i) >= 65),
        aandeel_geen_inkomen: klasse(Inkomensklasse::Geen),
        aandeel_laag_inkomen: klasse(Inkomensklasse::Laag),
        aandeel_bijstand: telh(&|h| h.waarheid.ontvangt_bijstand),
        aandeel_recht_bijstand_zonder_uitkering: telh(&|h| {
            h.waarheid.recht_bijstand_zonder_uitkering
        }),
        aandeel_recht_iit_zonder_uitkering: telh(&|h| h.waarheid.recht_iit_zonder_uitkering),
        aandeel_recht_bijzondere_bijstand_zonder_uitkering: telh(&|h| {
            h.waarheid.recht_bijzondere_bijstand_zonder_uitkering
        }),
        aandeel_koopwoning: telh(&|h| h.woning.is_some()),
        aandeel_met_auto: telh(&|h| {
            h.leden
                .iter()
                .any(|i| p.resident(*i).is_some_and(|r| !r.autos.is_empty()))
        }),
        aandeel_studiefinanciering: telp(&|i| i.studiefinanciering.is_some()),
    }
}

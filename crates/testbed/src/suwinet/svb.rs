//! SVBDossierPersoonGSD: SVBPersoonsInfo (AOW, AIO, kinderbijslag).

use super::xml::{datum, el, geslacht, response, wrap};
use crate::population::{Ingezetene, Population, UitkeringSoort};

const NS: &str = "http://bkwi.nl/SuwiML/Diensten/SVBDossierPersoonGSD/v0200";

fn persoon(p: &Ingezetene) -> String {
    let mut s = el("Burgerservicenr", format!("{:09}", p.bsn));
    s.push_str(&el("Voornamen", &p.voornamen));
    if let Some(v) = &p.voorvoegsel {
        s.push_str(&el("Voorvoegsel", v));
    }
    s.push_str(&el("SignificantDeelVanDeAchternaam", &p.geslachtsnaam));
    s.push_str(&el("Geslacht", geslacht(p.geslacht)));
    s.push_str(&el("Geboortedat", datum(p.geboortedatum)));
    s
}

pub fn build(pop: &Population, p: &Ingezetene) -> Option<String> {
    let svb: Vec<_> = p
        .uitkeringen
        .iter()
        .filter(|u| {
            matches!(
                u.soort,
                UitkeringSoort::Aow | UitkeringSoort::Aio | UitkeringSoort::Kinderbijslag
            )
        })
        .collect();
    if svb.is_empty() {
        return None;
    }
    let mut inner = persoon(p);
    if svb.iter().any(|u| u.soort == UitkeringSoort::Kinderbijslag) {
        for k in p.kinderen.iter().filter_map(|i| pop.resident(*i)) {
            let mut kind = persoon(k);
            kind.push_str(&el("IndKinderbijslag", "1"));
            inner.push_str(&wrap("Kind", kind));
        }
    }
    for u in svb {
        let (wet, periode) = match u.soort {
            UitkeringSoort::Aow => ("AOW", "6"),
            UitkeringSoort::Aio => ("AIO", "6"),
            _ => ("AKW", "3"),
        };
        let mut per = el("DatBUitkeringsperiode", datum(u.begin));
        if let Some(pct) = u.percentage {
            per.push_str(&wrap(
                "SpecifiekeGegevensAow",
                [
                    el("IndPartnertoeslagAow", "2"),
                    el("PercToegekendeAow", format!("{:05}", pct * 100)),
                ]
                .concat(),
            ));
        }
        let bruto = if u.soort == UitkeringSoort::Kinderbijslag {
            u.bedrag_cents
        } else {
            u.bedrag_cents * 110 / 100
        };
        per.push_str(&wrap(
            "BrutoUitkeringsbedr",
            [
                el("CdMunteenheid", "EUR"),
                el("WaardeBedr", bruto.to_string()),
                el("CdUitkeringsperiode", periode),
            ]
            .concat(),
        ));
        per.push_str(&wrap(
            "NettoUitkeringsbedr",
            [
                el("CdMunteenheid", "EUR"),
                el("WaardeBedr", u.bedrag_cents.to_string()),
                el("CdUitkeringsperiode", periode),
            ]
            .concat(),
        ));
        inner.push_str(&wrap(
            "Uitkeringsverhouding",
            [
                el("DatBUitkeringsverhouding", datum(u.begin)),
                wrap("SzWet", el("CdSzWet", wet)),
                wrap("Uitkeringsperiode", per),
            ]
            .concat(),
        ));
    }
    Some(response(NS, "SVBPersoonsInfo", &wrap("ClientSuwi", inner)))
}

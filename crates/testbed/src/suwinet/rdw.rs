//! RDWDossierGSD: VoertuigbezitInfoPersoon and KentekenInfo.

use super::xml::{datum, el, response, voorletters, wrap};
use crate::population::{Auto, Ingezetene, Population};

const NS: &str = "http://bkwi.nl/SuwiML/Diensten/RDWDossierGSD/v0200";

fn persoon(pop: &Population, p: &Ingezetene) -> String {
    let mut s = el("Burgerservicenr", format!("{:09}", p.bsn));
    let vl = voorletters(&p.voornamen);
    if !vl.is_empty() {
        s.push_str(&el("Voorletters", vl));
    }
    if let Some(v) = &p.voorvoegsel {
        s.push_str(&el("Voorvoegsel", v));
    }
    s.push_str(&el("SignificantDeelVanDeAchternaam", &p.geslachtsnaam));
    s.push_str(&el("Geboortedat", datum(p.geboortedatum)));
    if let Some(h) = pop.huishouden_van(p) {
        let a = &h.adres;
        let mut adres = [
            el("Postcd", &a.postcode),
            el("Woonplaatsnaam", &a.woonplaats),
            el("Straatnaam", a.straat.chars().take(24).collect::<String>()),
            el("Huisnr", a.huisnummer.to_string()),
        ]
        .concat();
        if let Some(l) = a.huisletter {
            adres.push_str(&el("Huisnrtoevoeging", l.to_string()));
        }
        s.push_str(&wrap(
            "RdwAdres",
            wrap("FeitelijkAdres", wrap("Straatadres", adres)),
        ));
    }
    s
}

fn aansprakelijke(a: &Auto) -> String {
    wrap(
        "Aansprakelijke",
        [
            el("DatRegistratieAansprakelijkheid", datum(a.sinds)),
            wrap(
                "Voertuig",
                [
                    el("KentekenVoertuig", &a.kenteken),
                    wrap(
                        "StatusVoertuig",
                        [
                            el("CdStatusVoertuig", "87"),
                            el("DatBStatusVoertuig", datum(a.sinds)),
                        ]
                        .concat(),
                    ),
                ]
                .concat(),
            ),
        ]
        .concat(),
    )
}

pub fn voertuigbezit(pop: &Population, p: &Ingezetene) -> Option<String> {
    if p.autos.is_empty() {
        return None;
    }
    let mut inner = persoon(pop, p);
    for a in &p.autos {
        inner.push_str(&aansprakelijke(a));
    }
    Some(response(
        NS,
        "VoertuigbezitInfoPersoon",
        &wrap("ClientSuwi", inner),
    ))
}

pub fn kenteken_info(pop: &Population, p: &Ingezetene, a: &Auto) -> String {
    let inner = [persoon(pop, p), aansprakelijke(a)].concat();
    response(NS, "KentekenInfo", &wrap("ClientSuwi", inner))
}

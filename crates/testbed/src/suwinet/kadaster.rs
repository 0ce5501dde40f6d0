//! KadasterDossierGSD: PersoonsInfo (owned real estate).

use super::xml::{datum, el, geslacht, response, wrap};
use crate::population::{Ingezetene, Population};

const NS: &str = "http://bkwi.nl/SuwiML/Diensten/KadasterDossierGSD/v0300";

pub fn build(pop: &Population, p: &Ingezetene) -> Option<String> {
    let h = pop.huishouden_van(p)?;
    let w = h
        .woning
        .as_ref()
        .filter(|w| w.eigenaren.contains(&p.index))?;
    let a = &h.adres;
    let mut inner = el("Burgerservicenr", format!("{:09}", p.bsn));
    inner.push_str(&el("Voornamen", &p.voornamen));
    if let Some(v) = &p.voorvoegsel {
        inner.push_str(&el("Voorvoegsel", v));
    }
    inner.push_str(&el("SignificantDeelVanDeAchternaam", &p.geslachtsnaam));
    inner.push_str(&el("Geslacht", geslacht(p.geslacht)));
    inner.push_str(&el("Geboortedat", datum(p.geboortedatum)));
    let mut adres = [
        el("Postcd", &a.postcode),
        el("Woonplaatsnaam", a.woonplaats.to_uppercase()),
        el("Straatnaam", &a.straat),
        el("Huisnr", a.huisnummer.to_string()),
    ]
    .concat();
    if let Some(l) = a.huisletter {
        adres.push_str(&el("Huisletter", l.to_string()));
    }
    inner.push_str(&wrap("DomicilieAdres", wrap("StraatadresBag", &adres)));
    inner.push_str(&el(
        "DatToestandKadaster",
        datum(crate::population::referentiedatum()),
    ));
    let zaak = [
        el("CdTypeOnroerendeZaak", "P"),
        el("DatOntstaan", datum(w.sinds)),
        wrap(
            "KadastraleAanduiding",
            [
                el("CdKadastraleGemeente", &w.kadastrale_gemeente_code),
                el("KadastraleGemeentenaam", &w.kadastrale_gemeente),
                el("KadastraleSectie", &w.sectie),
                el("KadastraalPerceelnr", w.perceelnummer.to_string()),
            ]
            .concat(),
        ),
        el("OmsKadastraalObject", "Bebouwd: Wonen"),
        wrap(
            "ZakelijkRecht",
            el("OmsZakelijkRecht", "Eigendom (recht van)"),
        ),
        wrap("LocatieOZ", wrap("StraatadresBag", &adres)),
        el(
            "IndMeerGerechtigden",
            if w.eigenaren.len() > 1 { "1" } else { "2" },
        ),
    ]
    .concat();
    inner.push_str(&wrap("Eigendom", wrap("OnroerendeZaak", zaak)));
    Some(response(NS, "PersoonsInfo", &wrap("ClientSuwi", inner)))
}

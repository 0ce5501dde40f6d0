//! Bijstandsregelingen: BijstandsregelingenInfo (bijstand and bijzondere
//! bijstand paid by the gemeente).

use super::xml::{datum, el, geslacht, response, voorletters, wrap};
use crate::population::{Ingezetene, Population, Rol, UitkeringSoort};

const NS: &str = "http://bkwi.nl/SuwiML/Diensten/Bijstandsregelingen/v0500";

fn bron(pop: &Population) -> String {
    // CdPartijSuwi: four digits, the gemeentecode.
    wrap(
        "Bron",
        [
            el("CdKolomSuwi", "4"),
            el("CdPartijSuwi", &pop.gemeente_code),
        ]
        .concat(),
    )
}

pub fn build(pop: &Population, p: &Ingezetene) -> Option<String> {
    let h = pop.huishouden_van(p)?;
    let bijstand = p
        .uitkeringen
        .iter()
        .find(|u| u.soort == UitkeringSoort::Bijstand);
    let bijzonder = h.waarheid.ontvangt_bijzondere_bijstand && p.rol == Rol::Hoofd;
    if bijstand.is_none() && !bijzonder {
        return None;
    }
    let mut inner = el("Burgerservicenr", format!("{:09}", p.bsn));
    inner.push_str(&el("Voornamen", &p.voornamen));
    let vl = voorletters(&p.voornamen);
    if !vl.is_empty() {
        inner.push_str(&el("Voorletters", vl));
    }
    if let Some(v) = &p.voorvoegsel {
        inner.push_str(&el("Voorvoegsel", v));
    }
    inner.push_str(&el("SignificantDeelVanDeAchternaam", &p.geslachtsnaam));
    inner.push_str(&el("Geslacht", geslacht(p.geslacht)));
    inner.push_str(&el("Geboortedat", datum(p.geboortedatum)));
    if bijzonder {
        let dat = crate::population::referentiedatum()
            .pred_opt()
            .unwrap_or_default();
        inner.push_str(&wrap(
            "SpecifiekeGegevensBijzBijstand",
            [
                el("OmsSrtKostenBijzBijstand", "Duurzame gebruiksgoederen"),
                el("DatBetaalbaarBijzBijstand", datum(dat)),
                wrap("SzWet", el("CdSzWet", "PW")),
                bron(pop),
            ]
            .concat(),
        ));
    }
    if let Some(u) = bijstand {
        let periode = [
            el("DatBUitkeringsperiode", datum(u.begin)),
            wrap(
                "InkomstenBijstandUitkering",
                wrap(
                    "BedrBetaalbaarGesteldeUitkering",
                    [
                        el("CdMunteenheid", "EUR"),
                        el("CdPositiefNegatief", "+"),
                        el("WaardeBedr", u.bedrag_cents.to_string()),
                    ]
                    .concat(),
                ),
            ),
        ]
        .concat();
        inner.push_str(&wrap(
            "Uitkeringsverhouding",
            [
                el("DatBUitkeringsverhouding", datum(u.begin)),
                wrap("SzWet", el("CdSzWet", "PW")),
                wrap("Uitkeringsperiode", periode),
                bron(pop),
            ]
            .concat(),
        ));
    }
    Some(response(
        NS,
        "BijstandsregelingenInfo",
        &wrap("ClientSuwi", inner),
    ))
}

//! The mededeling of the beslagvrije voet (art. 475i Wetboek van
//! Burgerlijke Rechtsvordering): when we keep back money for a claim, we
//! tell the debtor in writing how high the beslagvrije voet is, which data
//! we used and how we calculated it. The debtor has 4 weeks to tell us about
//! other circumstances; a higher beslagvrije voet then applies from the
//! start. Not a decision; the offsetting itself was decided in the
//! terugvordering or boete.

use crate::inhoud::{Blok, Brief, aanhef, afzender, groet, ontvanger};
use crate::pdf::{self, Omslag};
use crate::{BriefFout, Huisstijl, Regel, datum_nl};
use chrono::NaiveDate;
use gbi_domain::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BvvMededeling {
    /// The kenmerk of the claim or of the letter.
    pub kenmerk: String,
    /// The day of the letter.
    pub datum: NaiveDate,
    pub ontvanger_naam: String,
    /// May be empty.
    pub ontvanger_adres: Vec<String>,
    /// What the resident always keeps each month.
    pub beslagvrije_voet_cents: i64,
    /// The part of the income above the beslagvrije voet.
    pub afloscapaciteit_cents: i64,
    /// What we keep back each month.
    pub per_maand_cents: i64,
    /// The data used: label and value ("Uw leefsituatie", "alleenstaande").
    pub gegevens: Vec<(String, String)>,
    /// Each step of the calculation with its article.
    pub berekening: Vec<Regel>,
    /// The last day to tell us about other circumstances (4 weeks).
    pub reageren_voor: NaiveDate,
}

const ONDERWERP: &str = "Uw beslagvrije voet";

fn brief(h: &Huisstijl, m: &BvvMededeling) -> Brief {
    let mut romp = vec![
        aanhef(&m.ontvanger_naam),
        Blok::Alinea(
            "U heeft een schuld bij de gemeente. Daarvoor houden wij elke maand geld in. Maar \
             een deel van uw inkomen mag u altijd houden. Dat deel heet de beslagvrije voet. In \
             deze brief leest u hoe hoog uw beslagvrije voet is, welke gegevens wij gebruikten \
             en hoe wij hem hebben berekend. Dit moet van de wet: artikel 475i van het Wetboek \
             van Burgerlijke Rechtsvordering."
                .to_string(),
        ),
        Blok::Kop("Uw beslagvrije voet".to_string()),
        Blok::Regels(vec![
            format!(
                "Uw beslagvrije voet: {} per maand",
                Money::from_cents(m.beslagvrije_voet_cents)
            ),
            format!(
                "Wat u kunt aflossen (afloscapaciteit): {} per maand",
                Money::from_cents(m.afloscapaciteit_cents)
            ),
            format!(
                "Wat wij inhouden: {} per maand",
                Money::from_cents(m.per_maand_cents)
            ),
        ]),
        Blok::Alinea(format!(
            "U houdt elke maand altijd ten minste {} over. De afloscapaciteit is het deel van uw \
             inkomen boven de beslagvrije voet. Wij houden nooit meer in dan dat.",
            Money::from_cents(m.beslagvrije_voet_cents)
        )),
    ];
    let gegevens: Vec<String> = m
        .gegevens
        .iter()
        .filter(|(label, _)| !label.trim().is_empty())
        .map(|(label, waarde)| format!("{}: {}", label.trim(), waarde.trim()))
        .collect();
    if !gegevens.is_empty() {
        romp.push(Blok::Kop("Welke gegevens hebben wij gebruikt?".to_string()));
        romp.push(Blok::Regels(gegevens));
    }
    if !m.berekening.is_empty() {
        romp.push(Blok::Kop("Hoe hebben wij dit berekend?".to_string()));
        romp.push(Blok::Alinea(
            "Bij elke stap staat welke regel wij hebben gebruikt.".to_string(),
        ));
        romp.push(Blok::Berekening(m.berekening.clone()));
    }
    romp.push(Blok::Kop("Klopt er iets niet?".to_string()));
    romp.push(Blok::Alinea(format!(
        "Kijk goed of de gegevens kloppen. Is uw situatie anders? Bijvoorbeeld omdat uw inkomen \
         anders is, u samenwoont of kinderen heeft, of omdat u hoge woonkosten heeft? Laat het \
         ons dan binnen 4 weken weten, uiterlijk op {}. Stuur bewijs mee, zoals een loonstrook \
         of een huurcontract.",
        datum_nl(m.reageren_voor)
    )));
    romp.push(Blok::Alinea(
        "Wij rekenen de beslagvrije voet dan opnieuw uit. Wordt hij hoger? Dan geldt de nieuwe \
         beslagvrije voet vanaf het begin. Houden wij te veel in? Dan betalen wij dat terug. Dit \
         staat in artikel 475i van het Wetboek van Burgerlijke Rechtsvordering."
            .to_string(),
    ));
    romp.push(Blok::Alinea(
        "Verandert uw situatie later? Geef dat dan ook meteen aan ons door.".to_string(),
    ));
    romp.push(Blok::Kop("Heeft u vragen?".to_string()));
    romp.push(Blok::Alinea(format!(
        "Bel ons dan op {}. Of kijk op {}. Noem altijd ons kenmerk: {}.",
        h.telefoon.trim(),
        h.website.trim(),
        m.kenmerk
    )));
    romp.push(groet(h));
    Brief {
        afzender: afzender(h),
        ontvanger: ontvanger(&m.ontvanger_naam, &m.ontvanger_adres),
        kenmerken: vec![
            ("Datum".into(), datum_nl(m.datum)),
            ("Ons kenmerk".into(), m.kenmerk.clone()),
            ("Onderwerp".into(), ONDERWERP.into()),
        ],
        romp,
    }
}

/// The mededeling as plain text (same content as the PDF).
pub fn bvv_mededeling_tekst(h: &Huisstijl, m: &BvvMededeling) -> String {
    brief(h, m).als_tekst()
}

/// The mededeling as PDF/A-2a.
pub fn bvv_mededeling_pdf(h: &Huisstijl, m: &BvvMededeling) -> Result<Vec<u8>, BriefFout> {
    let omslag = Omslag {
        titel: format!("{ONDERWERP} - {}", m.kenmerk),
        beschrijving: format!(
            "Mededeling beslagvrije voet van {} ({})",
            h.gemeente_naam, m.kenmerk
        ),
        kenmerk: m.kenmerk.clone(),
        datum: m.datum,
    };
    pdf::maak_pdf(h, &omslag, &brief(h, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn mededeling() -> BvvMededeling {
        BvvMededeling {
            kenmerk: "VOR-0392-2026-000123".into(),
            datum: NaiveDate::from_ymd_opt(2026, 8, 3).unwrap(),
            ontvanger_naam: "J. Jansen".into(),
            ontvanger_adres: vec!["Grote Markt 2".into(), "2011 RD Haarlem".into()],
            beslagvrije_voet_cents: 133_143,
            afloscapaciteit_cents: 7_007,
            per_maand_cents: 7_007,
            gegevens: vec![
                ("Uw leefsituatie".into(), "alleenstaande".into()),
                ("Uw inkomen".into(), "bijstand, € 1.401,50 per maand".into()),
                ("Bron".into(), "onze eigen gegevens over uw bijstand".into()),
            ],
            berekening: vec![
                Regel {
                    tekst: "Uw bijstandsnorm met vakantietoeslag is € 1.401,50 per maand.".into(),
                    verwijzing: "Participatiewet art. 21, onderdeel a".into(),
                },
                Regel {
                    tekst: "U krijgt bijstand. Uw beslagvrije voet is 95% daarvan: € 1.331,43."
                        .into(),
                    verwijzing: "Wetboek van Burgerlijke Rechtsvordering art. 475dc, tweede lid"
                        .into(),
                },
            ],
            reageren_voor: NaiveDate::from_ymd_opt(2026, 8, 31).unwrap(),
        }
    }

    #[test]
    fn the_letter_shows_the_bvv_the_data_the_calculation_and_the_4_weeks() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let t = bvv_mededeling_tekst(&h, &mededeling());
        for verwacht in [
            "Uw beslagvrije voet: € 1.331,43 per maand",
            "Wat wij inhouden: € 70,07 per maand",
            "Uw leefsituatie: alleenstaande",
            "art. 475dc, tweede lid",
            "binnen 4 weken weten, uiterlijk op 31 augustus 2026",
            "artikel 475i",
        ] {
            assert!(t.contains(verwacht), "{verwacht:?} in:\n{t}");
        }
        insta::assert_snapshot!("bvv_mededeling", t);
        let pdf = bvv_mededeling_pdf(&h, &mededeling()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

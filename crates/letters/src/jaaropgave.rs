//! The jaaropgave terugvordering: what we reclaimed gross in one calendar
//! year (art. 58, vijfde lid, Participatiewet), for the resident's tax
//! return. Not a decision. The letter does not name a field of the aangifte:
//! it says to use the overview with the aangifte and where to ask.

use crate::inhoud::{Blok, Brief, aanhef, afzender, groet, ontvanger};
use crate::pdf::{self, Omslag};
use crate::{BriefFout, Huisstijl, datum_nl};
use chrono::NaiveDate;
use gbi_domain::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JaaropgaveTerugvordering {
    /// The kenmerk of the claim or of the resident's bijstand.
    pub kenmerk: String,
    /// The day of the letter.
    pub datum: NaiveDate,
    pub ontvanger_naam: String,
    /// May be empty.
    pub ontvanger_adres: Vec<String>,
    /// The calendar year.
    pub jaar: i32,
    /// Month or description, and the gross amount.
    pub regels: Vec<(String, i64)>,
    /// The gross total of the year.
    pub totaal_bruto_cents: i64,
}

fn onderwerp(j: &JaaropgaveTerugvordering) -> String {
    format!("Jaaropgave {}: bijstand die u bruto terugbetaalt", j.jaar)
}

fn brief(h: &Huisstijl, j: &JaaropgaveTerugvordering) -> Brief {
    let mut regels: Vec<String> = j
        .regels
        .iter()
        .map(|(omschrijving, bruto)| {
            format!("{}: {}", omschrijving.trim(), Money::from_cents(*bruto))
        })
        .collect();
    regels.push(format!(
        "Totaal bruto in {}: {}",
        j.jaar,
        Money::from_cents(j.totaal_bruto_cents)
    ));
    let romp = vec![
        aanhef(&j.ontvanger_naam),
        Blok::Alinea(format!(
            "U betaalt bijstand aan ons terug. Voor een deel daarvan vragen wij het bruto \
             bedrag terug. In dit overzicht ziet u welke bruto bedragen wij in {} van u hebben \
             teruggevorderd. U heeft dit overzicht nodig voor uw belastingaangifte.",
            j.jaar
        )),
        Blok::Kop("De bedragen".to_string()),
        Blok::Regels(regels),
        Blok::Kop("Wat betekent bruto?".to_string()),
        Blok::Alinea(
            "Bruto is het bedrag vóór belasting en premies. Over de bijstand die u te veel kreeg, \
             hebben wij al belasting en premies betaald aan de Belastingdienst. Die kregen wij \
             niet meer terug, omdat het kalenderjaar voorbij was. Daarom vragen wij het bruto \
             bedrag terug. Dit staat in artikel 58, vijfde lid, van de Participatiewet."
                .to_string(),
        ),
        Blok::Kop("Wat doet u met dit overzicht?".to_string()),
        Blok::Alinea(format!(
            "Bewaar dit overzicht goed. Gebruik het bij uw belastingaangifte over {}. Misschien \
             hoeft u dan minder belasting te betalen, of krijgt u belasting terug.",
            j.jaar
        )),
        Blok::Alinea(
            "Weet u niet hoe u dit in uw aangifte zet? Bel dan de BelastingTelefoon: 0800 - \
             0543. Dat is gratis. U kunt ook hulp vragen bij het invullen van uw aangifte, \
             bijvoorbeeld bij een vrijwilliger of een sociaal raadsman."
                .to_string(),
        ),
        Blok::Kop("Klopt er iets niet?".to_string()),
        Blok::Alinea(format!(
            "Bel ons dan op {}. Of kijk op {}. Noem altijd ons kenmerk: {}.",
            h.telefoon.trim(),
            h.website.trim(),
            j.kenmerk
        )),
        groet(h),
    ];
    Brief {
        afzender: afzender(h),
        ontvanger: ontvanger(&j.ontvanger_naam, &j.ontvanger_adres),
        kenmerken: vec![
            ("Datum".into(), datum_nl(j.datum)),
            ("Ons kenmerk".into(), j.kenmerk.clone()),
            ("Onderwerp".into(), onderwerp(j)),
        ],
        romp,
    }
}

/// The jaaropgave as plain text (same content as the PDF).
pub fn jaaropgave_terugvordering_tekst(h: &Huisstijl, j: &JaaropgaveTerugvordering) -> String {
    brief(h, j).als_tekst()
}

/// The jaaropgave as PDF/A-2a.
pub fn jaaropgave_terugvordering_pdf(
    h: &Huisstijl,
    j: &JaaropgaveTerugvordering,
) -> Result<Vec<u8>, BriefFout> {
    let omslag = Omslag {
        titel: format!("{} - {}", onderwerp(j), j.kenmerk),
        beschrijving: format!(
            "Jaaropgave terugvordering {} van {} ({})",
            j.jaar, h.gemeente_naam, j.kenmerk
        ),
        kenmerk: j.kenmerk.clone(),
        datum: j.datum,
    };
    pdf::maak_pdf(h, &omslag, &brief(h, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jaaropgave() -> JaaropgaveTerugvordering {
        JaaropgaveTerugvordering {
            kenmerk: "VOR-0392-2026-000123".into(),
            datum: NaiveDate::from_ymd_opt(2027, 1, 25).unwrap(),
            ontvanger_naam: "J. Jansen".into(),
            ontvanger_adres: vec!["Grote Markt 2".into(), "2011 RD Haarlem".into()],
            jaar: 2026,
            regels: vec![
                ("november 2025".into(), 38_000),
                ("december 2025".into(), 38_000),
            ],
            totaal_bruto_cents: 76_000,
        }
    }

    #[test]
    fn the_jaaropgave_lists_the_gross_amounts_and_points_to_the_tax_return() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let t = jaaropgave_terugvordering_tekst(&h, &jaaropgave());
        for verwacht in [
            "Jaaropgave 2026",
            "november 2025: € 380,00",
            "Totaal bruto in 2026: € 760,00",
            "artikel 58, vijfde lid",
            "belastingaangifte over 2026",
            "BelastingTelefoon",
        ] {
            assert!(t.contains(verwacht), "{verwacht:?} in:\n{t}");
        }
        insta::assert_snapshot!("jaaropgave_terugvordering", t);
        assert!(
            jaaropgave_terugvordering_pdf(&h, &jaaropgave())
                .unwrap()
                .starts_with(b"%PDF-")
        );
    }
}

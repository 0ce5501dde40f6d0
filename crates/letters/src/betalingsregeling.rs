//! The confirmation of a betalingsregeling (aflossingsafspraak) for a claim
//! that is not offset with a benefit: pay a fixed amount each month from the
//! first term, about N times, to the gemeente's account. Shows what the
//! resident can pay: the beslagvrije voet, the data used and the calculation,
//! as art. 475i Rv asks, with 4 weeks to report other circumstances. Says
//! what happens when a payment is missed (an aanmaning, Awb 4:112; the
//! arrangement may end), that paying more is always allowed, and that
//! paying at least half of the rest at once may open kwijtschelding of the
//! rest (no promise). Not a decision (no bezwaar).

use crate::inhoud::{Blok, Brief, aanhef, afzender, groet, ontvanger};
use crate::pdf::{self, Omslag};
use crate::{BriefFout, Huisstijl, Regel, datum_nl};
use chrono::NaiveDate;
use gbi_domain::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Betalingsregeling {
    /// The kenmerk of the claim.
    pub kenmerk: String,
    /// The day of the letter.
    pub datum: NaiveDate,
    pub ontvanger_naam: String,
    /// May be empty.
    pub ontvanger_adres: Vec<String>,
    /// What is still unpaid.
    pub openstaand_cents: i64,
    /// What the resident pays each month.
    pub per_maand_cents: i64,
    /// The last day of the first payment.
    pub eerste_termijn: NaiveDate,
    /// About how many payments (computed by the caller).
    pub aantal_termijnen: u32,
    /// The gemeente's account, formatted.
    pub iban_gemeente: String,
    /// The payment reference.
    pub betalingskenmerk: String,
    /// What the resident always keeps each month.
    pub beslagvrije_voet_cents: i64,
    /// The part of the income above the beslagvrije voet.
    pub afloscapaciteit_cents: i64,
    /// The data used: label and value ("Uw leefsituatie", "alleenstaande").
    pub gegevens: Vec<(String, String)>,
    /// Each step of the calculation with its article.
    pub berekening: Vec<Regel>,
    /// The last day to tell us about other circumstances (4 weeks).
    pub reageren_voor: NaiveDate,
}

const ONDERWERP: &str = "Uw betalingsregeling";

fn brief(h: &Huisstijl, b: &Betalingsregeling) -> Brief {
    let openstaand = Money::from_cents(b.openstaand_cents);
    let per_maand = Money::from_cents(b.per_maand_cents);
    let kenmerk = match b.betalingskenmerk.trim() {
        "" => b.kenmerk.trim(),
        k => k,
    };
    let rekening = match b.iban_gemeente.trim() {
        "" => h.gemeente_naam.trim().to_string(),
        iban => format!("rekening {iban} van {}", h.gemeente_naam.trim()),
    };
    let mut romp = vec![
        aanhef(&b.ontvanger_naam),
        Blok::Alinea(format!(
            "U heeft een schuld bij de gemeente met kenmerk {}. U heeft met ons afgesproken dat \
             u deze schuld in delen betaalt. Dit heet een betalingsregeling. In deze brief \
             leest u wat wij hebben afgesproken.",
            b.kenmerk.trim()
        )),
        Blok::Kop("Wat hebben wij afgesproken?".to_string()),
        Blok::Regels(vec![
            format!("Nog te betalen: {openstaand}"),
            format!("Elke maand betaalt u: {per_maand}"),
            format!(
                "Eerste betaling: uiterlijk op {}",
                datum_nl(b.eerste_termijn)
            ),
            format!("Aantal betalingen: ongeveer {}", b.aantal_termijnen),
        ]),
        Blok::Alinea(format!(
            "Betaal elke maand {per_maand}. De eerste keer betaalt u uiterlijk op {}. Daarna \
             betaalt u elke maand op dezelfde dag. Dat doet u ongeveer {} keer. Dan is {openstaand} \
             betaald.",
            datum_nl(b.eerste_termijn),
            b.aantal_termijnen
        )),
        Blok::Alinea(format!(
            "Maak het geld over naar {rekening}. Zet bij elke betaling dit kenmerk: {kenmerk}. \
             Tip: zet bij uw bank een vaste maandelijkse overboeking klaar. Dan vergeet u het \
             niet."
        )),
        Blok::Kop("Hoe hebben wij gekeken wat u kunt betalen?".to_string()),
        Blok::Regels(vec![
            format!(
                "Uw beslagvrije voet: {} per maand",
                Money::from_cents(b.beslagvrije_voet_cents)
            ),
            format!(
                "Wat u kunt aflossen (afloscapaciteit): {} per maand",
                Money::from_cents(b.afloscapaciteit_cents)
            ),
            format!("Wat u elke maand betaalt: {per_maand} per maand"),
        ]),
        Blok::Alinea(format!(
            "Een deel van uw inkomen mag u altijd houden. Dat deel heet de beslagvrije voet. U \
             houdt elke maand altijd ten minste {} over. Wij vragen nooit meer dan het deel van \
             uw inkomen daarboven. Daarom laten wij u zien welke gegevens wij gebruikten en hoe \
             wij rekenden. Dat doen wij zoals artikel 475i van het Wetboek van Burgerlijke \
             Rechtsvordering het vraagt.",
            Money::from_cents(b.beslagvrije_voet_cents)
        )),
    ];
    let gegevens: Vec<String> = b
        .gegevens
        .iter()
        .filter(|(label, _)| !label.trim().is_empty())
        .map(|(label, waarde)| format!("{}: {}", label.trim(), waarde.trim()))
        .collect();
    if !gegevens.is_empty() {
        romp.push(Blok::Kop("Welke gegevens hebben wij gebruikt?".to_string()));
        romp.push(Blok::Regels(gegevens));
    }
    if !b.berekening.is_empty() {
        romp.push(Blok::Kop("Hoe hebben wij dit berekend?".to_string()));
        romp.push(Blok::Alinea(
            "Bij elke stap staat welke regel wij hebben gebruikt.".to_string(),
        ));
        romp.push(Blok::Berekening(b.berekening.clone()));
    }
    romp.extend([
        Blok::Kop("Klopt er iets niet?".to_string()),
        Blok::Alinea(format!(
            "Kijk goed of de gegevens kloppen. Is uw situatie anders? Bijvoorbeeld omdat uw \
             inkomen anders is, u samenwoont of kinderen heeft, of omdat u hoge woonkosten \
             heeft? Laat het ons dan binnen 4 weken weten, uiterlijk op {}. Stuur bewijs mee, \
             zoals een loonstrook of een huurcontract. Wij rekenen dan opnieuw. Is het bedrag \
             per maand te hoog? Dan passen wij de betalingsregeling aan.",
            datum_nl(b.reageren_voor)
        )),
        Blok::Kop("Verandert uw situatie?".to_string()),
        Blok::Alinea(
            "Gaat u meer of minder verdienen? Gaat u samenwonen of verhuizen? Geef dat dan \
             meteen aan ons door. Wij kijken dan opnieuw naar het bedrag per maand."
                .to_string(),
        ),
        Blok::Kop("Wat gebeurt er als u een keer niet betaalt?".to_string()),
        Blok::Alinea(
            "Dan sturen wij u een aanmaning. Dit staat in artikel 4:112 van de Algemene wet \
             bestuursrecht. Betaalt u dan nog niet? Dan kunnen wij de betalingsregeling \
             stoppen. Wij kunnen het geld dan op een andere manier bij u ophalen."
                .to_string(),
        ),
        Blok::Alinea(format!(
            "Kunt u een keer niet betalen? Bel ons dan vóór de dag van de betaling op {}. Dan \
             zoeken wij samen een oplossing.",
            h.telefoon.trim()
        )),
        Blok::Kop("Wilt u sneller betalen?".to_string()),
        Blok::Alinea(
            "Dat mag altijd. U mag elke maand meer betalen. U mag ook alles in één keer \
             betalen."
                .to_string(),
        ),
        Blok::Alinea(
            "Betaalt u in één keer ten minste de helft van wat u nog moet betalen? Dan kunt u \
             ons vragen om de rest kwijt te schelden. Kwijtschelden betekent dat u de rest niet \
             meer hoeft te betalen. Vraag ons wat dat voor u betekent."
                .to_string(),
        ),
        Blok::Alinea(
            "Heeft u ook andere schulden? Of maakt u zich zorgen over geld? Vraag ons dan om \
             hulp bij uw schulden. Die hulp is gratis."
                .to_string(),
        ),
        Blok::Kop("Heeft u vragen?".to_string()),
        Blok::Alinea(format!(
            "Bel ons dan op {}. Of kijk op {}. Noem altijd ons kenmerk: {}.",
            h.telefoon.trim(),
            h.website.trim(),
            b.kenmerk
        )),
        groet(h),
    ]);
    Brief {
        afzender: afzender(h),
        ontvanger: ontvanger(&b.ontvanger_naam, &b.ontvanger_adres),
        kenmerken: vec![
            ("Datum".into(), datum_nl(b.datum)),
            ("Ons kenmerk".into(), b.kenmerk.clone()),
            ("Onderwerp".into(), ONDERWERP.into()),
        ],
        romp,
    }
}

/// The confirmation as plain text (same content as the PDF).
pub fn betalingsregeling_tekst(h: &Huisstijl, b: &Betalingsregeling) -> String {
    brief(h, b).als_tekst()
}

/// The confirmation as PDF/A-2a.
pub fn betalingsregeling_pdf(h: &Huisstijl, b: &Betalingsregeling) -> Result<Vec<u8>, BriefFout> {
    let omslag = Omslag {
        titel: format!("{ONDERWERP} - {}", b.kenmerk),
        beschrijving: format!("Betalingsregeling van {} ({})", h.gemeente_naam, b.kenmerk),
        kenmerk: b.kenmerk.clone(),
        datum: b.datum,
    };
    pdf::maak_pdf(h, &omslag, &brief(h, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regeling() -> Betalingsregeling {
        Betalingsregeling {
            kenmerk: "VOR-0392-2026-000123".into(),
            datum: NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
            ontvanger_naam: "J. Jansen".into(),
            ontvanger_adres: vec!["Grote Markt 2".into(), "2011 RD Haarlem".into()],
            openstaand_cents: 86_250,
            per_maand_cents: 7_500,
            eerste_termijn: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            aantal_termijnen: 12,
            iban_gemeente: "NL12 BNGH 0285 0000 00".into(),
            betalingskenmerk: "7000 0001 2345 6789".into(),
            beslagvrije_voet_cents: 142_000,
            afloscapaciteit_cents: 8_000,
            gegevens: vec![
                ("Uw leefsituatie".into(), "alleenstaande".into()),
                (
                    "Uw inkomen".into(),
                    "loon, € 1.500,00 netto per maand".into(),
                ),
            ],
            berekening: vec![
                Regel {
                    tekst: "Uw netto inkomen is € 1.500,00 per maand.".into(),
                    verwijzing: "Wetboek van Burgerlijke Rechtsvordering art. 475c".into(),
                },
                Regel {
                    tekst: "Uw beslagvrije voet is € 1.420,00. U kunt dus € 80,00 per maand \
                            missen."
                        .into(),
                    verwijzing: "Wetboek van Burgerlijke Rechtsvordering art. 475da".into(),
                },
            ],
            reageren_voor: NaiveDate::from_ymd_opt(2026, 11, 9).unwrap(),
        }
    }

    #[test]
    fn the_letter_confirms_the_arrangement_with_the_bvv_and_the_next_steps() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let t = betalingsregeling_tekst(&h, &regeling());
        for verwacht in [
            "Onderwerp: Uw betalingsregeling",
            "Nog te betalen: € 862,50",
            "Elke maand betaalt u: € 75,00",
            "Eerste betaling: uiterlijk op 1 november 2026",
            "ongeveer 12 keer",
            "rekening NL12 BNGH 0285 0000 00",
            "kenmerk: 7000 0001 2345 6789",
            "Uw beslagvrije voet: € 1.420,00 per maand",
            "Wat u kunt aflossen (afloscapaciteit): € 80,00 per maand",
            "artikel 475i",
            "Uw leefsituatie: alleenstaande",
            "art. 475da",
            "binnen 4 weken weten, uiterlijk op 9 november 2026",
            "aanmaning",
            "artikel 4:112",
            "Dan kunnen wij de betalingsregeling stoppen.",
            "alles in één keer",
            "ten minste de helft",
            "Vraag ons wat dat voor u betekent.",
        ] {
            assert!(t.contains(verwacht), "{verwacht:?} in:\n{t}");
        }
        assert!(
            !t.contains("bezwaar"),
            "a betalingsregeling is not a decision: {t}"
        );
        insta::assert_snapshot!("betalingsregeling", t);
        assert!(
            betalingsregeling_pdf(&h, &regeling())
                .unwrap()
                .starts_with(b"%PDF-")
        );
    }
}

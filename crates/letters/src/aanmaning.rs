//! The aanmaning (Awb 4:112, 4:113): the resident did not pay a claim in
//! time; pay within 2 weeks, with the costs of the aanmaning. Says what
//! happens next when they do not pay (a dwangbevel, Awb 4:114 and art. 60,
//! tweede lid, Participatiewet) and where to get help with debts. Not a
//! decision (no bezwaar); the claim itself was decided earlier.

use crate::inhoud::{Blok, Brief, aanhef, afzender, groet, ontvanger};
use crate::pdf::{self, Omslag};
use crate::{BriefFout, Huisstijl, datum_nl};
use chrono::NaiveDate;
use gbi_domain::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Aanmaning {
    /// The kenmerk of the claim.
    pub kenmerk: String,
    /// The day of the letter.
    pub datum: NaiveDate,
    pub ontvanger_naam: String,
    /// May be empty.
    pub ontvanger_adres: Vec<String>,
    /// What is still unpaid.
    pub openstaand_cents: i64,
    /// The costs of the aanmaning (Awb 4:113).
    pub aanmaningskosten_cents: i64,
    /// The last day to pay (2 weeks, Awb 4:112).
    pub betalen_voor: NaiveDate,
    /// The gemeente's account, formatted.
    pub iban_gemeente: String,
    /// The payment reference.
    pub betalingskenmerk: String,
}

const ONDERWERP: &str = "Aanmaning: betaal uw schuld binnen 2 weken";

fn brief(h: &Huisstijl, a: &Aanmaning) -> Brief {
    let totaal = Money::from_cents(a.openstaand_cents.saturating_add(a.aanmaningskosten_cents));
    let kenmerk = match a.betalingskenmerk.trim() {
        "" => a.kenmerk.trim(),
        k => k,
    };
    let rekening = match a.iban_gemeente.trim() {
        "" => h.gemeente_naam.trim().to_string(),
        iban => format!("rekening {iban} van {}", h.gemeente_naam.trim()),
    };
    let mut romp = vec![
        aanhef(&a.ontvanger_naam),
        Blok::Alinea(format!(
            "U heeft een schuld bij de gemeente met kenmerk {}. U moest deze schuld al betalen. \
             Maar wij hebben nog niet alles ontvangen. Daarom sturen wij u deze herinnering. Dit \
             heet een aanmaning.",
            a.kenmerk.trim()
        )),
        Blok::Kop("Wat moet u betalen?".to_string()),
    ];
    // Art. 4:113: a fee the college may charge ("kan"); without one the
    // letter does not mention it.
    if a.aanmaningskosten_cents > 0 {
        romp.push(Blok::Regels(vec![
            format!("Nog te betalen: {}", Money::from_cents(a.openstaand_cents)),
            format!(
                "Kosten van deze aanmaning: {}",
                Money::from_cents(a.aanmaningskosten_cents)
            ),
            format!("Totaal: {totaal}"),
        ]));
        romp.push(Blok::Alinea(
            "Voor een aanmaning mogen wij kosten rekenen. Dit staat in artikel 4:113 van de \
             Algemene wet bestuursrecht."
                .to_string(),
        ));
    } else {
        romp.push(Blok::Regels(vec![format!("Nog te betalen: {totaal}")]));
    }
    romp.extend([
        Blok::Kop("Wat moet u doen?".to_string()),
        Blok::Alinea(format!(
            "Betaal {totaal} uiterlijk op {}. U heeft daarvoor 2 weken. Dit staat in artikel \
             4:112 van de Algemene wet bestuursrecht.",
            datum_nl(a.betalen_voor)
        )),
        Blok::Alinea(format!(
            "Maak het geld over naar {rekening}. Zet bij de betaling dit kenmerk: {kenmerk}."
        )),
        Blok::Alinea("Heeft u net betaald? Dan hoeft u niets te doen.".to_string()),
        Blok::Kop("Wat gebeurt er als u niet betaalt?".to_string()),
        Blok::Alinea(
            "Dan sturen wij u een dwangbevel. Met een dwangbevel mogen wij het geld bij u \
             ophalen zonder naar de rechter te gaan. Bijvoorbeeld door beslag te leggen op uw \
             loon, uitkering of bankrekening. Dat kost u nog meer geld. Dit staat in artikel \
             4:114 van de Algemene wet bestuursrecht en artikel 60, tweede lid, van de \
             Participatiewet."
                .to_string(),
        ),
        Blok::Alinea(
            "Ook dan houdt u een deel van uw inkomen om van te leven. Dit heet de \
             beslagvrije voet."
                .to_string(),
        ),
        Blok::Kop("Kunt u niet betalen?".to_string()),
        Blok::Alinea(format!(
            "Bel ons dan vóór {} op {}. Wij kijken samen met u wat u wel kunt betalen. U kunt \
             dan in delen betalen. Dit heet een betalingsregeling.",
            datum_nl(a.betalen_voor),
            h.telefoon.trim()
        )),
        Blok::Alinea(
            "Heeft u ook andere schulden? Of maakt u zich zorgen over geld? Vraag ons dan om \
             hulp bij uw schulden. Die hulp is gratis. Hoe eerder u hulp vraagt, hoe beter."
                .to_string(),
        ),
        Blok::Kop("Heeft u vragen?".to_string()),
        Blok::Alinea(format!(
            "Bel ons dan op {}. Of kijk op {}. Noem altijd ons kenmerk: {}.",
            h.telefoon.trim(),
            h.website.trim(),
            a.kenmerk
        )),
        groet(h),
    ]);
    Brief {
        afzender: afzender(h),
        ontvanger: ontvanger(&a.ontvanger_naam, &a.ontvanger_adres),
        kenmerken: vec![
            ("Datum".into(), datum_nl(a.datum)),
            ("Ons kenmerk".into(), a.kenmerk.clone()),
            ("Onderwerp".into(), ONDERWERP.into()),
        ],
        romp,
    }
}

/// The aanmaning as plain text (same content as the PDF).
pub fn aanmaning_tekst(h: &Huisstijl, a: &Aanmaning) -> String {
    brief(h, a).als_tekst()
}

/// The aanmaning as PDF/A-2a.
pub fn aanmaning_pdf(h: &Huisstijl, a: &Aanmaning) -> Result<Vec<u8>, BriefFout> {
    let omslag = Omslag {
        titel: format!("{ONDERWERP} - {}", a.kenmerk),
        beschrijving: format!("Aanmaning van {} ({})", h.gemeente_naam, a.kenmerk),
        kenmerk: a.kenmerk.clone(),
        datum: a.datum,
    };
    pdf::maak_pdf(h, &omslag, &brief(h, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aanmaning() -> Aanmaning {
        Aanmaning {
            kenmerk: "VOR-0392-2026-000123".into(),
            datum: NaiveDate::from_ymd_opt(2026, 9, 14).unwrap(),
            ontvanger_naam: "J. Jansen".into(),
            ontvanger_adres: vec!["Grote Markt 2".into(), "2011 RD Haarlem".into()],
            openstaand_cents: 84_250,
            aanmaningskosten_cents: 2_000,
            betalen_voor: NaiveDate::from_ymd_opt(2026, 9, 28).unwrap(),
            iban_gemeente: "NL12 BNGH 0285 0000 00".into(),
            betalingskenmerk: "7000 0001 2345 6789".into(),
        }
    }

    #[test]
    fn the_aanmaning_says_what_to_pay_by_when_and_what_follows() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let t = aanmaning_tekst(&h, &aanmaning());
        for verwacht in [
            "Nog te betalen: € 842,50",
            "Kosten van deze aanmaning: € 20,00",
            "Totaal: € 862,50",
            "uiterlijk op 28 september 2026",
            "artikel 4:112",
            "artikel 4:113",
            "dwangbevel",
            "artikel 4:114",
            "artikel 60, tweede lid, van de Participatiewet",
            "rekening NL12 BNGH 0285 0000 00",
            "kenmerk: 7000 0001 2345 6789",
            "betalingsregeling",
            "hulp bij uw schulden",
        ] {
            assert!(t.contains(verwacht), "{verwacht:?} in:\n{t}");
        }
        assert!(
            !t.contains("bezwaar"),
            "an aanmaning is not a decision: {t}"
        );
        insta::assert_snapshot!("aanmaning", t);
        assert!(
            aanmaning_pdf(&h, &aanmaning())
                .unwrap()
                .starts_with(b"%PDF-")
        );
    }
}

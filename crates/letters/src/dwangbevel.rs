//! The dwangbevel (Awb 4:114; art. 60, tweede lid, Participatiewet): the
//! resident did not pay a claim after the aanmaning; the college orders
//! payment within 2 days, with the costs of the dwangbevel (Awb 4:119) when
//! there are any. Headed with the word "dwangbevel" and the claim's ground
//! (Awb 4:122). Sent by post (art. 60, vijfde lid, Participatiewet, in
//! afwijking van Awb 4:123, eerste lid). Says what follows when they do not
//! pay (derdenbeslag, Rv 479g, always above the beslagvrije voet), how to go
//! in verzet at the court within 6 weeks (Awb 4:118), and where to get help.
//! Not a decision that can be challenged with a bezwaar: verzet instead.

use crate::inhoud::{Blok, Brief, aanhef, afzender, groet, ontvanger};
use crate::pdf::{self, Omslag};
use crate::{BriefFout, Huisstijl, datum_nl};
use chrono::{Days, NaiveDate};
use gbi_domain::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dwangbevel {
    /// The kenmerk of the claim.
    pub kenmerk: String,
    /// The day of the letter (and of sending it).
    pub datum: NaiveDate,
    pub ontvanger_naam: String,
    /// May be empty.
    pub ontvanger_adres: Vec<String>,
    /// The article of the claim, e.g. "artikel 58, tweede lid, onder a, van
    /// de Participatiewet".
    pub grondslag: String,
    /// The day of the decision that set the claim, when there was one.
    pub besluit_datum: Option<NaiveDate>,
    /// The day the aanmaning was sent.
    pub aanmaning_datum: NaiveDate,
    /// What is still unpaid.
    pub openstaand_cents: i64,
    /// The costs of the dwangbevel (Awb 4:119); 0: not mentioned.
    pub kosten_cents: i64,
    /// The gemeente's account, formatted.
    pub iban_gemeente: String,
    /// The payment reference.
    pub betalingskenmerk: String,
    /// Pay within this many days (usually 2).
    pub betalen_binnen_dagen: u32,
}

const ONDERWERP: &str = "Dwangbevel: betaal uw schuld nu";

/// Awb 4:118: verzet within 6 weeks after the day the dwangbevel was served
/// (here: sent by post on the day of the letter).
fn verzet_voor(d: &Dwangbevel) -> NaiveDate {
    d.datum
        .checked_add_days(Days::new(42))
        .unwrap_or(NaiveDate::MAX)
}

fn brief(h: &Huisstijl, d: &Dwangbevel) -> Brief {
    let totaal = Money::from_cents(d.openstaand_cents.saturating_add(d.kosten_cents.max(0)));
    let kenmerk = match d.betalingskenmerk.trim() {
        "" => d.kenmerk.trim(),
        k => k,
    };
    let rekening = match d.iban_gemeente.trim() {
        "" => h.gemeente_naam.trim().to_string(),
        iban => format!("rekening {iban} van {}", h.gemeente_naam.trim()),
    };
    let dagen = match d.betalen_binnen_dagen {
        1 => "1 dag".to_string(),
        n => format!("{n} dagen"),
    };
    // Awb 4:122, eerste lid, onder c: the decision or the rule the debt
    // comes from.
    let mut herkomst: Vec<String> = Vec::new();
    if let Some(b) = d.besluit_datum {
        herkomst.push(format!(
            "Uw schuld komt uit ons besluit van {}.",
            datum_nl(b)
        ));
    }
    match (d.grondslag.trim(), herkomst.is_empty()) {
        ("", _) => {}
        (g, false) => herkomst.push(format!("De regel daarvoor staat in {g}.")),
        (g, true) => herkomst.push(format!("De regel voor uw schuld staat in {g}.")),
    }
    let mut romp = vec![
        Blok::Regels(vec![
            "Dwangbevel".to_string(),
            "In naam van de Koning".to_string(),
        ]),
        aanhef(&d.ontvanger_naam),
        Blok::Alinea(format!(
            "U heeft een schuld bij de gemeente met kenmerk {}. U heeft deze schuld nog niet \
             betaald. Daarom krijgt u nu dit dwangbevel. Met een dwangbevel mogen wij het geld \
             bij u ophalen zonder naar de rechter te gaan. Dit staat in artikel 4:114 van de \
             Algemene wet bestuursrecht en artikel 60, tweede lid, van de Participatiewet.",
            d.kenmerk.trim()
        )),
        Blok::Alinea(
            "Meestal brengt een deurwaarder een dwangbevel. Wij mogen het ook met de post \
             sturen. Dit staat in artikel 60, vijfde lid, van de Participatiewet. Dat is een \
             uitzondering op artikel 4:123, eerste lid, van de Algemene wet bestuursrecht."
                .to_string(),
        ),
        Blok::Kop("Waar komt uw schuld vandaan?".to_string()),
    ];
    if !herkomst.is_empty() {
        romp.push(Blok::Alinea(herkomst.join(" ")));
    }
    romp.extend([
        Blok::Alinea(format!(
            "Op {} stuurden wij u een aanmaning. Daarin vroegen wij u om binnen 2 weken te \
             betalen. Wij hebben het geld niet op tijd ontvangen.",
            datum_nl(d.aanmaning_datum)
        )),
        Blok::Kop("Wat moet u betalen?".to_string()),
    ]);
    if d.kosten_cents > 0 {
        romp.push(Blok::Regels(vec![
            format!("Nog te betalen: {}", Money::from_cents(d.openstaand_cents)),
            format!(
                "Kosten van dit dwangbevel: {}",
                Money::from_cents(d.kosten_cents)
            ),
            format!("Totaal: {totaal}"),
        ]));
        romp.push(Blok::Alinea(
            "Wij mogen de kosten van het dwangbevel bij u in rekening brengen. Dit staat in \
             artikel 4:119 van de Algemene wet bestuursrecht."
                .to_string(),
        ));
    } else {
        romp.push(Blok::Regels(vec![format!("Nog te betalen: {totaal}")]));
    }
    romp.extend([
        Blok::Kop("Wat moet u doen?".to_string()),
        Blok::Alinea(format!(
            "Betaal {totaal} binnen {dagen}. Maak het geld over naar {rekening}. Zet bij de \
             betaling dit kenmerk: {kenmerk}."
        )),
        Blok::Alinea("Heeft u net alles betaald? Dan hoeft u niets te doen.".to_string()),
        Blok::Kop("Wat gebeurt er als u niet betaalt?".to_string()),
        Blok::Alinea(
            "Dan halen wij het geld bij u op. Bijvoorbeeld door beslag te leggen op uw loon, \
             uw uitkering of uw bankrekening. Wij sturen dan een brief aan uw werkgever, \
             uitkeringsinstantie of bank. Die betaalt dan elke maand een deel van uw geld aan \
             ons. Dit heet derdenbeslag. Dit staat in artikel 479g van het Wetboek van \
             Burgerlijke Rechtsvordering en artikel 60, vijfde lid, van de Participatiewet."
                .to_string(),
        ),
        Blok::Alinea(
            "De kosten van het ophalen betaalt u. Dit staat in artikel 4:120 van de Algemene \
             wet bestuursrecht."
                .to_string(),
        ),
        Blok::Alinea(
            "U houdt altijd een deel van uw inkomen om van te leven. Dit heet de beslagvrije \
             voet. Wij laten u weten hoe hoog die is."
                .to_string(),
        ),
        Blok::Kop("Bent u het niet eens met dit dwangbevel?".to_string()),
        Blok::Alinea(format!(
            "Bent u het niet eens met dit dwangbevel? Dan kunt u in verzet gaan bij de rechter \
             binnen 6 weken. Dat is uiterlijk op {}. Dit staat in artikel 4:118 van de \
             Algemene wet bestuursrecht.",
            datum_nl(verzet_voor(d))
        )),
        Blok::Alinea(
            "U gaat in verzet met een dagvaarding van de gemeente. Dat is een brief waarmee u \
             de gemeente oproept om bij de rechter te komen. Een dagvaarding moet aan regels \
             voldoen. Vraag daarom hulp aan een advocaat of aan het Juridisch Loket. Het \
             Juridisch Loket geeft gratis advies."
                .to_string(),
        ),
        Blok::Kop("Kunt u niet betalen?".to_string()),
        Blok::Alinea(format!(
            "Bel ons dan meteen op {}. Wij kijken samen met u wat u wel kunt betalen. U kunt \
             dan misschien in delen betalen. Dit heet een betalingsregeling.",
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
            d.kenmerk
        )),
        groet(h),
    ]);
    Brief {
        afzender: afzender(h),
        ontvanger: ontvanger(&d.ontvanger_naam, &d.ontvanger_adres),
        kenmerken: vec![
            ("Datum".into(), datum_nl(d.datum)),
            ("Ons kenmerk".into(), d.kenmerk.clone()),
            ("Onderwerp".into(), ONDERWERP.into()),
        ],
        romp,
    }
}

/// The dwangbevel as plain text (same content as the PDF).
pub fn dwangbevel_tekst(h: &Huisstijl, d: &Dwangbevel) -> String {
    brief(h, d).als_tekst()
}

/// The dwangbevel as PDF/A-2a.
pub fn dwangbevel_pdf(h: &Huisstijl, d: &Dwangbevel) -> Result<Vec<u8>, BriefFout> {
    let omslag = Omslag {
        titel: format!("{ONDERWERP} - {}", d.kenmerk),
        beschrijving: format!("Dwangbevel van {} ({})", h.gemeente_naam, d.kenmerk),
        kenmerk: d.kenmerk.clone(),
        datum: d.datum,
    };
    pdf::maak_pdf(h, &omslag, &brief(h, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dwangbevel() -> Dwangbevel {
        Dwangbevel {
            kenmerk: "VOR-0392-2026-000123".into(),
            datum: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
            ontvanger_naam: "J. Jansen".into(),
            ontvanger_adres: vec!["Grote Markt 2".into(), "2011 RD Haarlem".into()],
            grondslag: "artikel 58, tweede lid, onder a, van de Participatiewet".into(),
            besluit_datum: Some(NaiveDate::from_ymd_opt(2026, 6, 3).unwrap()),
            aanmaning_datum: NaiveDate::from_ymd_opt(2026, 9, 14).unwrap(),
            openstaand_cents: 86_250,
            kosten_cents: 4_100,
            iban_gemeente: "NL12 BNGH 0285 0000 00".into(),
            betalingskenmerk: "7000 0001 2345 6789".into(),
            betalen_binnen_dagen: 2,
        }
    }

    #[test]
    fn the_dwangbevel_says_what_to_pay_how_to_object_and_what_follows() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let t = dwangbevel_tekst(&h, &dwangbevel());
        for verwacht in [
            "Dwangbevel\nIn naam van de Koning",
            "artikel 4:114",
            "artikel 60, tweede lid, van de Participatiewet",
            "ons besluit van 3 juni 2026",
            "artikel 58, tweede lid, onder a, van de Participatiewet",
            "Op 14 september 2026 stuurden wij u een aanmaning",
            "Nog te betalen: € 862,50",
            "Kosten van dit dwangbevel: € 41,00",
            "Totaal: € 903,50",
            "artikel 4:119",
            "Betaal € 903,50 binnen 2 dagen",
            "rekening NL12 BNGH 0285 0000 00",
            "kenmerk: 7000 0001 2345 6789",
            "artikel 60, vijfde lid, van de Participatiewet",
            "artikel 4:123, eerste lid",
            "artikel 479g",
            "beslagvrije voet",
            "Bent u het niet eens met dit dwangbevel? Dan kunt u in verzet gaan bij de rechter \
             binnen 6 weken",
            "uiterlijk op 16 november 2026",
            "artikel 4:118",
            "dagvaarding",
            "Juridisch Loket",
            "betalingsregeling",
            "hulp bij uw schulden",
        ] {
            assert!(t.contains(verwacht), "{verwacht:?} in:\n{t}");
        }
        assert!(!t.contains("bezwaar"), "verzet, not bezwaar: {t}");
        insta::assert_snapshot!("dwangbevel", t);
        assert!(
            dwangbevel_pdf(&h, &dwangbevel())
                .unwrap()
                .starts_with(b"%PDF-")
        );
    }

    #[test]
    fn without_costs_or_decision_the_letter_does_not_mention_them() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let mut d = dwangbevel();
        d.kosten_cents = 0;
        d.besluit_datum = None;
        let t = dwangbevel_tekst(&h, &d);
        assert!(t.contains("Nog te betalen: € 862,50"), "{t}");
        assert!(t.contains("Betaal € 862,50 binnen 2 dagen"), "{t}");
        assert!(!t.contains("Kosten van dit dwangbevel"), "{t}");
        assert!(!t.contains("4:119"), "{t}");
        assert!(!t.contains("ons besluit van"), "{t}");
        assert!(
            t.contains("De regel voor uw schuld staat in artikel 58"),
            "{t}"
        );
    }
}

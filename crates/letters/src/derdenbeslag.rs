//! The mededeling derdenbeslag, to a THIRD PARTY (an employer or a benefit
//! agency), not to the debtor: after a dwangbevel the gemeente lays beslag
//! on what the third party owes the debtor (wages or a benefit) by a simple
//! written notice (Rv 479g, eerste lid, with art. 60, vijfde lid,
//! Participatiewet). The third party pays the gemeente a fixed amount each
//! month and the debtor the rest; the debtor always keeps the beslagvrije
//! voet (Rv 475c-475e), which the gemeente calculated. The same letter, with
//! `opheffing`, lifts the beslag. The letter names the debtor's BSN only when
//! it is given.

use crate::inhoud::{Blok, Brief, aanhef, afzender, groet, ontvanger};
use crate::pdf::{self, Omslag};
use crate::{BriefFout, Huisstijl, datum_nl};
use chrono::{Days, NaiveDate};
use gbi_domain::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Derdenbeslag {
    /// The kenmerk of the claim.
    pub kenmerk: String,
    /// The day of the letter.
    pub datum: NaiveDate,
    /// The employer or benefit agency.
    pub derde_naam: String,
    /// May be empty.
    pub derde_adres: Vec<String>,
    pub schuldenaar_naam: String,
    pub schuldenaar_geboortedatum: Option<NaiveDate>,
    /// Printed only when given.
    pub schuldenaar_bsn: Option<String>,
    /// What the debtor still owes in total.
    pub openstaand_cents: i64,
    /// What the third party pays the gemeente each month.
    pub per_maand_cents: i64,
    /// What the debtor always keeps each month (Rv 475c-475e).
    pub beslagvrije_voet_cents: i64,
    /// The first day of the first month of the beslag (or, with
    /// `opheffing`, the day it ends).
    pub ingang: NaiveDate,
    /// The gemeente's account, formatted.
    pub iban_gemeente: String,
    /// The payment reference.
    pub betalingskenmerk: String,
    /// The beslag is lifted.
    pub opheffing: bool,
}

const ONDERWERP_BESLAG: &str = "Mededeling derdenbeslag";
const ONDERWERP_OPHEFFING: &str = "Opheffing derdenbeslag";

fn onderwerp(d: &Derdenbeslag) -> &'static str {
    if d.opheffing {
        ONDERWERP_OPHEFFING
    } else {
        ONDERWERP_BESLAG
    }
}

/// The third party is asked to answer within 2 weeks.
fn antwoord_voor(d: &Derdenbeslag) -> NaiveDate {
    d.datum
        .checked_add_days(Days::new(14))
        .unwrap_or(NaiveDate::MAX)
}

/// Who the beslag is about: name, and birth date and BSN when given.
fn schuldenaar(d: &Derdenbeslag) -> Blok {
    let mut regels = vec![format!("Naam: {}", d.schuldenaar_naam.trim())];
    if let Some(g) = d.schuldenaar_geboortedatum {
        regels.push(format!("Geboortedatum: {}", datum_nl(g)));
    }
    if let Some(bsn) = d.schuldenaar_bsn.as_deref().map(str::trim)
        && !bsn.is_empty()
    {
        regels.push(format!("BSN: {bsn}"));
    }
    Blok::Regels(regels)
}

fn beslag(romp: &mut Vec<Blok>, h: &Huisstijl, d: &Derdenbeslag) {
    let naam = d.schuldenaar_naam.trim();
    let kenmerk = match d.betalingskenmerk.trim() {
        "" => d.kenmerk.trim(),
        k => k,
    };
    let rekening = match d.iban_gemeente.trim() {
        "" => h.gemeente_naam.trim().to_string(),
        iban => format!("rekening {iban} van {}", h.gemeente_naam.trim()),
    };
    let per_maand = Money::from_cents(d.per_maand_cents);
    let bvv = Money::from_cents(d.beslagvrije_voet_cents);
    romp.extend([
        Blok::Alinea(format!(
            "{naam} heeft een schuld bij de gemeente die nog niet is betaald. Daarom leggen wij \
             beslag op het geld dat u aan {naam} betaalt, zoals loon of een uitkering. Dit heet \
             derdenbeslag."
        )),
        Blok::Alinea(
            "Wij leggen dit beslag met deze brief. Daarvoor is geen deurwaarder nodig. Dit \
             staat in artikel 479g, eerste lid, van het Wetboek van Burgerlijke \
             Rechtsvordering en artikel 60, vijfde lid, van de Participatiewet."
                .to_string(),
        ),
        Blok::Kop("Over wie gaat het?".to_string()),
        schuldenaar(d),
        Blok::Kop("Wat moet u doen?".to_string()),
        Blok::Regels(vec![
            format!("Vanaf: {}", datum_nl(d.ingang)),
            format!("Elke maand aan ons betalen: {per_maand}"),
            format!("Beslagvrije voet van {naam}: {bvv} per maand"),
            format!(
                "Totaal nog te betalen: {}",
                Money::from_cents(d.openstaand_cents)
            ),
        ]),
        Blok::Alinea(format!(
            "Houd vanaf {} elke maand {per_maand} in op wat u aan {naam} betaalt. Betaal dat \
             bedrag aan ons. Betaal {naam} de rest.",
            datum_nl(d.ingang)
        )),
        Blok::Alinea(format!(
            "{naam} houdt altijd ten minste {bvv} per maand. Dit heet de beslagvrije voet. Wij \
             hebben die voor u berekend. Moet u {naam} in een maand minder betalen dan {}? \
             Dan betaalt u ons alleen wat boven {bvv} uitkomt. Dit staat in de artikelen 475c tot en \
             met 475e van het Wetboek van Burgerlijke Rechtsvordering.",
            Money::from_cents(d.beslagvrije_voet_cents.saturating_add(d.per_maand_cents))
        )),
        Blok::Alinea(format!(
            "Doe dit tot u ons in totaal {} heeft betaald. Of tot wij u laten weten dat u \
             mag stoppen.",
            Money::from_cents(d.openstaand_cents)
        )),
        Blok::Alinea(format!(
            "Maak het geld over naar {rekening}. Zet bij elke betaling dit kenmerk: {kenmerk}."
        )),
        Blok::Kop(format!("Betaalt u {naam} niets?")),
        Blok::Alinea(format!(
            "Werkt {naam} niet (meer) bij u? Of krijgt {naam} geen geld van u? Of ligt er al \
             ander beslag op dit geld? Laat het ons dan binnen 2 weken weten, uiterlijk op {}.",
            datum_nl(antwoord_voor(d))
        )),
        Blok::Alinea(format!(
            "Gaat {naam} later uit dienst, of stopt de uitkering? Laat het ons dan ook meteen \
             weten."
        )),
    ]);
}

fn opheffing(romp: &mut Vec<Blok>, d: &Derdenbeslag) {
    let naam = d.schuldenaar_naam.trim();
    romp.extend([
        Blok::Alinea(format!(
            "Eerder vroegen wij u om elke maand een deel van het geld van {naam} aan ons te \
             betalen. Dit heet derdenbeslag. Wij stoppen dit beslag nu. Dit heet opheffing van \
             het beslag."
        )),
        Blok::Kop("Over wie gaat het?".to_string()),
        schuldenaar(d),
        Blok::Kop("Wat moet u doen?".to_string()),
        Blok::Alinea(format!(
            "Stop met inhouden vanaf {}. Betaal {naam} vanaf dan weer het hele bedrag.",
            datum_nl(d.ingang)
        )),
        Blok::Alinea(format!(
            "Heeft u na {} toch nog geld aan ons betaald? Laat het ons dan weten. Wij regelen \
             dat dan.",
            datum_nl(d.ingang)
        )),
        Blok::Alinea("Bedankt voor uw hulp.".to_string()),
    ]);
}

fn brief(h: &Huisstijl, d: &Derdenbeslag) -> Brief {
    // The letter goes to an organisation: no personal salutation.
    let mut romp = vec![aanhef("")];
    if d.opheffing {
        opheffing(&mut romp, d);
    } else {
        beslag(&mut romp, h, d);
    }
    romp.push(Blok::Kop("Heeft u vragen?".to_string()));
    romp.push(Blok::Alinea(format!(
        "Bel ons dan op {}. Of kijk op {}. Noem altijd ons kenmerk: {}.",
        h.telefoon.trim(),
        h.website.trim(),
        d.kenmerk
    )));
    romp.push(groet(h));
    Brief {
        afzender: afzender(h),
        ontvanger: ontvanger(&d.derde_naam, &d.derde_adres),
        kenmerken: vec![
            ("Datum".into(), datum_nl(d.datum)),
            ("Ons kenmerk".into(), d.kenmerk.clone()),
            ("Onderwerp".into(), onderwerp(d).into()),
        ],
        romp,
    }
}

/// The notice as plain text (same content as the PDF).
pub fn derdenbeslag_tekst(h: &Huisstijl, d: &Derdenbeslag) -> String {
    brief(h, d).als_tekst()
}

/// The notice as PDF/A-2a.
pub fn derdenbeslag_pdf(h: &Huisstijl, d: &Derdenbeslag) -> Result<Vec<u8>, BriefFout> {
    let omslag = Omslag {
        titel: format!("{} - {}", onderwerp(d), d.kenmerk),
        beschrijving: format!("{} van {} ({})", onderwerp(d), h.gemeente_naam, d.kenmerk),
        kenmerk: d.kenmerk.clone(),
        datum: d.datum,
    };
    pdf::maak_pdf(h, &omslag, &brief(h, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derdenbeslag() -> Derdenbeslag {
        Derdenbeslag {
            kenmerk: "VOR-0392-2026-000123".into(),
            datum: NaiveDate::from_ymd_opt(2026, 10, 26).unwrap(),
            derde_naam: "Bakkerij De Korenbloem B.V.".into(),
            derde_adres: vec![
                "t.a.v. de salarisadministratie".into(),
                "Postbus 1234".into(),
                "2000 AA Haarlem".into(),
            ],
            schuldenaar_naam: "J. Jansen".into(),
            schuldenaar_geboortedatum: Some(NaiveDate::from_ymd_opt(1988, 4, 12).unwrap()),
            schuldenaar_bsn: None,
            openstaand_cents: 90_350,
            per_maand_cents: 15_000,
            beslagvrije_voet_cents: 142_000,
            ingang: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            iban_gemeente: "NL12 BNGH 0285 0000 00".into(),
            betalingskenmerk: "7000 0001 2345 6789".into(),
            opheffing: false,
        }
    }

    #[test]
    fn the_notice_tells_the_third_party_what_to_pay_and_what_the_debtor_keeps() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let t = derdenbeslag_tekst(&h, &derdenbeslag());
        for verwacht in [
            "Onderwerp: Mededeling derdenbeslag",
            "Bakkerij De Korenbloem B.V.",
            "Beste heer of mevrouw,",
            "artikel 479g, eerste lid, van het Wetboek van Burgerlijke Rechtsvordering",
            "artikel 60, vijfde lid, van de Participatiewet",
            "Naam: J. Jansen",
            "Geboortedatum: 12 april 1988",
            "Vanaf: 1 december 2026",
            "Elke maand aan ons betalen: € 150,00",
            "Beslagvrije voet van J. Jansen: € 1.420,00 per maand",
            "Totaal nog te betalen: € 903,50",
            "minder betalen dan € 1.570,00",
            "artikelen 475c tot en met 475e",
            "Betaal J. Jansen de rest",
            "rekening NL12 BNGH 0285 0000 00",
            "kenmerk: 7000 0001 2345 6789",
            "binnen 2 weken weten, uiterlijk op 9 november 2026",
        ] {
            assert!(t.contains(verwacht), "{verwacht:?} in:\n{t}");
        }
        assert!(!t.contains("BSN"), "no BSN unless given: {t}");
        assert!(!t.contains("bezwaar"), "{t}");
        insta::assert_snapshot!("derdenbeslag", t);
        assert!(
            derdenbeslag_pdf(&h, &derdenbeslag())
                .unwrap()
                .starts_with(b"%PDF-")
        );

        let mut met_bsn = derdenbeslag();
        met_bsn.schuldenaar_bsn = Some("999993653".into());
        assert!(derdenbeslag_tekst(&h, &met_bsn).contains("BSN: 999993653"));
    }

    #[test]
    fn the_opheffing_tells_the_third_party_to_stop() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let mut d = derdenbeslag();
        d.opheffing = true;
        d.ingang = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let t = derdenbeslag_tekst(&h, &d);
        for verwacht in [
            "Onderwerp: Opheffing derdenbeslag",
            "Wij stoppen dit beslag nu",
            "Stop met inhouden vanaf 1 maart 2027",
            "Betaal J. Jansen vanaf dan weer het hele bedrag",
            "Bedankt voor uw hulp.",
        ] {
            assert!(t.contains(verwacht), "{verwacht:?} in:\n{t}");
        }
        assert!(!t.contains("Elke maand aan ons betalen"), "{t}");
        insta::assert_snapshot!("derdenbeslag_opheffing", t);
        assert!(derdenbeslag_pdf(&h, &d).unwrap().starts_with(b"%PDF-"));
    }
}

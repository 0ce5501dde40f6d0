//! Example letters shared by the tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use gbi_letters::{Beschikking, Besluit, Huisstijl, Regel};

pub fn datum(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn haarlem() -> Huisstijl {
    Huisstijl {
        gemeente_naam: "Gemeente Haarlem".to_string(),
        afdeling: "Team Inkomen".to_string(),
        postadres: vec!["Postbus 511".to_string(), "2003 PB Haarlem".to_string()],
        telefoon: "14 023".to_string(),
        website: "www.haarlem.nl".to_string(),
        logo_png: None,
        ondertekenaar_naam: "A. de Vries".to_string(),
        ondertekenaar_functie: "Teamleider Inkomen".to_string(),
        bezwaar_adres: vec![
            "Gemeente Haarlem".to_string(),
            "t.a.v. Bezwaarschriftencommissie".to_string(),
            "Postbus 511".to_string(),
            "2003 PB Haarlem".to_string(),
        ],
    }
}

fn basis(besluit: Besluit, berekening: Vec<Regel>, grondslagen: &[&str]) -> Beschikking {
    Beschikking {
        kenmerk: "ALO-0392-2026-000123".to_string(),
        datum: datum(2026, 7, 14),
        ontvanger_naam: "J. Jansen".to_string(),
        ontvanger_adres: vec!["Grote Markt 2".to_string(), "2011 RD Haarlem".to_string()],
        aanvraagdatum: datum(2026, 6, 3),
        besluit,
        berekening,
        grondslagen: grondslagen.iter().map(|s| s.to_string()).collect(),
    }
}

pub fn regel(tekst: &str, verwijzing: &str) -> Regel {
    Regel {
        tekst: tekst.to_string(),
        verwijzing: verwijzing.to_string(),
    }
}

pub fn toekenning() -> Beschikking {
    basis(
        Besluit::Toekenning {
            ingangsdatum: datum(2026, 7, 1),
            bedrag_per_maand_cents: 140150,
            verplichtingen: vec![
                "U zoekt werk en neemt werk aan dat u kunt doen.".to_string(),
                "U schrijft zich in bij het UWV als werkzoekende.".to_string(),
            ],
        },
        vec![
            regel(
                "U bent alleenstaand. De norm voor u is € 1.401,50 per maand.",
                "Participatiewet art. 21 onder a",
            ),
            regel(
                "U heeft geen inkomen. Wij trekken daarom niets af.",
                "Participatiewet art. 32",
            ),
            regel(
                "Uw vermogen is lager dan de grens. U mag dit houden.",
                "Participatiewet art. 34",
            ),
        ],
        &[
            "Participatiewet art. 11",
            "Participatiewet art. 21",
            "Participatiewet art. 43",
        ],
    )
}

pub fn afwijzing() -> Beschikking {
    basis(
        Besluit::Afwijzing {
            gronden: vec![
                "Uw vermogen is hoger dan de grens voor bijstand.".to_string(),
                "U woont niet in onze gemeente.".to_string(),
            ],
        },
        vec![regel(
            "Uw vermogen is € 12.000,00. De grens voor u is € 7.995,00.",
            "Participatiewet art. 34 lid 3",
        )],
        &[
            "Participatiewet art. 11",
            "Participatiewet art. 34",
            "Participatiewet art. 40",
        ],
    )
}

pub fn buiten_behandeling() -> Beschikking {
    basis(
        Besluit::BuitenBehandeling {
            reden: "U heeft de bankafschriften die wij vroegen niet op tijd gestuurd.".to_string(),
        },
        vec![],
        &[
            "Algemene wet bestuursrecht art. 4:5",
            "Participatiewet art. 17",
        ],
    )
}

/// A toekenning with a long calculation, to force more than one page.
pub fn lange_toekenning() -> Beschikking {
    let mut b = toekenning();
    b.berekening = (1..=60)
        .map(|i| {
            regel(
                &format!("Stap {i}: wij tellen dit bedrag mee voor de maand. Het is € {i},00."),
                &format!("Participatiewet art. {i}"),
            )
        })
        .collect();
    b
}

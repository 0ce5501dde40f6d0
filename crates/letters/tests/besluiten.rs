#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! What each kind of decision letter says, read back from the PDF with
//! `pdftotext` (as a resident or a bezwaar committee reads it): the
//! toekenning with a partial refusal (art. 44-1), a deviating amount and the
//! plan van aanpak for under-27s; the afwijzing with its calculation and its
//! actual ground (Awb 3:46); the voorschot (art. 52); and names in Chinese
//! and Arabic script.

mod common;

use common::*;
use gbi_letters::{Beschikking, beschikking_pdf, beschikking_tekst};

fn pdf_tekst(b: &Beschikking) -> Option<String> {
    let pdf = beschikking_pdf(&haarlem(), b).unwrap();
    pdftotext(&pdf)
}

fn bevat_alles(tekst: &str, verwacht: &[&str]) {
    for v in verwacht {
        assert!(tekst.contains(v), "de brief mist {v:?}:\n{tekst}");
    }
}

#[test]
fn toekenning_in_de_pdf() {
    let Some(tekst) = pdf_tekst(&toekenning()) else {
        return;
    };
    bevat_alles(
        &tekst,
        &[
            "Besluit op uw aanvraag bijstand",
            "U krijgt bijstand vanaf 3 juni 2026. U krijgt € 1.401,50 per maand.",
            "Hoe hebben wij dit berekend?",
            "De norm voor u is € 1.401,50 per maand.",
            "Participatiewet art. 21 onder a",
            "Uw plichten",
            "Doe dit binnen 6 weken na de dag waarop wij deze brief hebben",
        ],
    );
    // Starting on the day of the aanvraag refuses nothing.
    assert!(!tekst.contains("geen bijstand"), "{tekst}");
}

#[test]
fn latere_ingang_is_een_gedeeltelijke_afwijzing() {
    let Some(tekst) = pdf_tekst(&latere_toekenning()) else {
        return;
    };
    bevat_alles(
        &tekst,
        &[
            "U krijgt bijstand vanaf 1 juli 2026. U krijgt € 1.200,00 per maand.",
            "Voor een deel van de tijd krijgt u geen bijstand",
            "Daarom krijgt u van 3 juni 2026 tot en met 30 juni 2026 geen bijstand.",
            "Voor die dagen wijzen wij uw aanvraag af.",
            "De reden is: U had tot 30 juni 2026 loon van uw werkgever.",
            "artikel 44, eerste lid, van de Participatiewet",
            // The caseworker's reason for another amount than the calculation.
            "Wij geven u een ander bedrag dan de berekening. De reden is: U krijgt elke maand",
            // Under 27: zoektermijn and plan van aanpak.
            "U bent jonger dan 27 jaar",
            "artikel 41, vierde lid, en artikel 44, vierde lid",
            "plan van aanpak",
            "artikel 44a van de Participatiewet",
        ],
    );
}

#[test]
fn afwijzing_met_berekening_en_echte_grond() {
    let Some(tekst) = pdf_tekst(&afwijzing()) else {
        return;
    };
    bevat_alles(
        &tekst,
        &[
            "U krijgt geen bijstand.",
            "Dit is de reden:",
            "Uw vermogen is hoger dan de vermogensgrens.",
            "Participatiewet art. 19, eerste lid, onderdeel b, en art. 34",
            "Dit is onze uitleg bij uw situatie:",
            "U heeft € 12.000,00 op uw spaarrekening.",
            // The calculation that supports it (Awb 3:46).
            "Hoe hebben wij dit berekend?",
            "Uw norm is € 1.401,50 per maand.",
            "Participatiewet art. 21, onderdeel b",
            "Uw bezit min uw schulden is € 12.000,00.",
            "U mag tot € 7.995,00 aan spaargeld en bezit hebben.",
            "Participatiewet art. 34, derde lid, onderdeel a",
            "Bent u het niet eens met dit besluit?",
        ],
    );
    // No obligations of a grant in a refusal.
    assert!(!tekst.contains("Uw plichten"), "{tekst}");
}

#[test]
fn voorschot_in_de_pdf() {
    let Some(tekst) = pdf_tekst(&voorschot()) else {
        return;
    };
    bevat_alles(
        &tekst,
        &[
            "Besluit over een voorschot op uw bijstand",
            "Wij hebben nog niet beslist over uw aanvraag. U krijgt wel alvast een voorschot van € 1.348,49 per maand",
            "renteloze geldlening",
            "artikel 52, eerste lid",
            "Wij verwachten dat u € 1.419,46 bijstand per maand krijgt.",
            "ten minste 95%",
            "artikel 52, tweede lid",
            "verrekenen wij het voorschot met uw bijstand",
            "artikel 52, vierde lid",
            "Dan kunt u bezwaar maken.",
            "Participatiewet art. 52",
        ],
    );
}

#[test]
fn voorschot_zonder_berekening_zegt_dat_het_geschat_is() {
    let mut b = voorschot();
    b.besluit = gbi_letters::Besluit::Voorschot {
        bedrag_cents: 100000,
        verwacht_cents: None,
    };
    b.berekening.clear();
    let tekst = beschikking_tekst(&haarlem(), &b);
    assert!(
        tekst.contains("Daarom hebben wij het voorschot geschat op € 1.000,00 per maand."),
        "{tekst}"
    );
    assert!(!tekst.contains("Hoe hebben wij dit berekend?"), "{tekst}");
}

#[test]
fn chinese_en_arabische_namen_staan_goed_in_de_pdf() {
    let mut b = toekenning();
    b.ontvanger_naam = "王小明".to_string();
    b.ontvanger_adres = vec!["محمد العلي".to_string(), "2011 RD Haarlem".to_string()];
    let pdf = beschikking_pdf(&haarlem(), &b).unwrap();
    let Some(tekst) = pdftotext(&pdf) else {
        return;
    };
    bevat_alles(&tekst, &["王小明", "Beste 王小明,"]);
    // pdftotext gives a right-to-left stretch in the order the letters stand
    // on paper, from left to right (between the marks U+202B and U+202C): the
    // last letter of "العلي" leftmost, the first letter of "محمد" rightmost.
    // That is the name, written right to left, in shaped Arabic script.
    let op_papier: String = "محمد العلي".chars().rev().collect();
    bevat_alles(&tekst, &[&format!("\u{202B}{op_papier}\u{202C}")]);
}

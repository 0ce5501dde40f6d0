#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The decisions on claims: terugvordering, kwijtschelding, boete and
//! waarschuwing, as text snapshots and as PDF. None of them answers an
//! aanvraag, so none names one.

mod common;

use common::*;
use gbi_letters::{Beschikking, Besluit, beschikking_pdf, beschikking_tekst};

fn bevat_alles(tekst: &str, verwacht: &[&str]) {
    for v in verwacht {
        assert!(tekst.contains(v), "de brief mist {v:?}:\n{tekst}");
    }
}

/// Every decision on a claim: no aanvraag, a bezwaar section, a PDF.
fn gemeenschappelijk(b: &Beschikking) -> String {
    let tekst = beschikking_tekst(&haarlem(), b);
    assert!(!tekst.contains("aanvraag"), "geen aanvraag:\n{tekst}");
    assert!(!tekst.contains("Uw plichten"), "{tekst}");
    bevat_alles(
        &tekst,
        &[
            "Bent u het niet eens met dit besluit?",
            "Doe dit binnen 6 weken na de dag waarop wij deze brief hebben verstuurd.",
            "artikelen 6:7 en 6:8",
        ],
    );
    let pdf = beschikking_pdf(&haarlem(), b).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some(pdf_tekst) = pdftotext(&pdf) {
        assert!(pdf_tekst.contains("Besluit over"), "{pdf_tekst}");
    }
    tekst
}

#[test]
fn terugvordering_met_overmaken() {
    let tekst = gemeenschappelijk(&terugvordering());
    bevat_alles(
        &tekst,
        &[
            "Onderwerp: Besluit over het terugbetalen van bijstand",
            "U moet € 725,00 aan bijstand terugbetalen.",
            "Dit staat in artikel 58, eerste lid, van de Participatiewet.",
            "maart 2026: € 300,00",
            "april 2026: € 425,00",
            "U moet in totaal € 725,00 terugbetalen.",
            "Hoe hebben wij dit berekend?",
            "Betaal € 725,00 uiterlijk op 25 augustus 2026.",
            "artikel 4:87",
            "rekening NL12 BNGH 0285 0000 00",
            "7000 0001 2345 6789",
            "betalingsregeling",
            "aanmaning",
        ],
    );
    assert!(!tekst.contains("bruto"), "{tekst}");
    assert!(!tekst.contains("niet uw schuld"), "{tekst}");
    insta::assert_snapshot!(tekst);
}

#[test]
fn terugvordering_door_de_gemeente_verrekend_en_bruto() {
    let tekst = gemeenschappelijk(&terugvordering_verrekend());
    bevat_alles(
        &tekst,
        &[
            "Het is niet uw schuld.",
            "december 2025: € 150,00 netto, € 190,00 bruto",
            "januari 2026: € 150,00",
            "artikel 58, vijfde lid",
            "Wij halen elke maand € 70,07 van uw bijstand af",
            "artikel 60, derde en vierde lid",
            "ongeveer 5 maanden",
            "ten minste € 1.331,43 over",
            "artikel 475dc",
            "Wilt u sneller terugbetalen?",
        ],
    );
    assert!(!tekst.contains("aanmaning"), "{tekst}");
    assert!(!tekst.contains("Hoe hebben wij dit berekend?"), "{tekst}");
    insta::assert_snapshot!(tekst);
}

#[test]
fn kwijtschelding_van_de_rest() {
    let tekst = gemeenschappelijk(&kwijtschelding());
    bevat_alles(
        &tekst,
        &[
            "Onderwerp: Besluit over kwijtschelding van uw schuld",
            "Wij schelden € 2.100,00 kwijt.",
            "U heeft daarvan al € 2.400,00 betaald.",
            "artikel 58, zevende lid, onder d",
            "U hoeft niets meer te betalen: € 0,00.",
        ],
    );
    insta::assert_snapshot!(tekst);

    let mut deels = kwijtschelding();
    if let Besluit::Kwijtschelding { restant_cents, .. } = &mut deels.besluit {
        *restant_cents = 5_000;
    }
    let tekst = beschikking_tekst(&haarlem(), &deels);
    assert!(tekst.contains("U moet nog € 50,00 betalen."), "{tekst}");
}

#[test]
fn boete_met_zienswijze() {
    let tekst = gemeenschappelijk(&boete());
    bevat_alles(
        &tekst,
        &[
            "Onderwerp: Besluit over een boete",
            "U krijgt een boete van € 362,50.",
            "artikel 17, eerste lid",
            "kreeg u € 725,00 te veel bijstand. Dit heet het benadelingsbedrag.",
            "artikel 18a, eerste lid",
            "Daarom is de boete 50% van het benadelingsbedrag van € 725,00.",
            "artikel 2 van het Boetebesluit socialezekerheidswetten",
            "U zei dat u dacht dat het UWV uw loon aan ons doorgaf.",
            "artikel 18a, vijfde lid",
            "Betaal € 362,50 uiterlijk op 25 augustus 2026.",
            "7000 0001 2345 6791",
        ],
    );
    insta::assert_snapshot!(tekst);
}

#[test]
fn boete_zonder_rekening_noemt_het_kenmerk() {
    let mut b = boete();
    if let Besluit::Boete {
        iban_gemeente,
        betalingskenmerk,
        ..
    } = &mut b.besluit
    {
        iban_gemeente.clear();
        betalingskenmerk.clear();
    }
    let tekst = beschikking_tekst(&haarlem(), &b);
    assert!(
        tekst.contains(
            "Maak het geld over naar Gemeente Haarlem. Zet bij de betaling dit kenmerk: \
             BOE-0392-2026-000004."
        ),
        "{tekst}"
    );
}

#[test]
fn waarschuwing_zonder_boete() {
    let tekst = gemeenschappelijk(&waarschuwing());
    bevat_alles(
        &tekst,
        &[
            "Onderwerp: Besluit over een waarschuwing",
            "U krijgt een schriftelijke waarschuwing. U krijgt geen boete.",
            "artikel 18a, vierde lid",
            "artikel 2aa",
            "U heeft daar niet op gereageerd.",
            "binnen 2 jaar opnieuw",
        ],
    );
    assert!(!tekst.contains("Betaal"), "{tekst}");
    insta::assert_snapshot!(tekst);
}

#[test]
fn een_besluit_over_een_vordering_leest_terug_uit_json() {
    let b = terugvordering_verrekend();
    let json = serde_json::to_string(&b).unwrap();
    assert!(json.contains("\"soort\":\"terugvordering\""), "{json}");
    let terug: Beschikking = serde_json::from_str(&json).unwrap();
    assert_eq!(
        beschikking_tekst(&haarlem(), &terug),
        beschikking_tekst(&haarlem(), &b)
    );
    // A boete stored without the (later) account fields still reads.
    let zonder = json_zonder_rekening(&boete());
    let terug: Beschikking = serde_json::from_str(&zonder).unwrap();
    assert!(matches!(terug.besluit, Besluit::Boete { .. }));
}

fn json_zonder_rekening(b: &Beschikking) -> String {
    let mut waarde = serde_json::to_value(b).unwrap();
    let besluit = waarde["besluit"].as_object_mut().unwrap();
    besluit.remove("iban_gemeente");
    besluit.remove("betalingskenmerk");
    waarde.to_string()
}

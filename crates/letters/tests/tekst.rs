#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The plain-text letter, as snapshots.

mod common;

use common::*;
use gbi_letters::{Huisstijl, beschikking_tekst};

#[test]
fn toekenning_als_tekst() {
    insta::assert_snapshot!(beschikking_tekst(&haarlem(), &toekenning()));
}

#[test]
fn afwijzing_als_tekst() {
    insta::assert_snapshot!(beschikking_tekst(&haarlem(), &afwijzing()));
}

#[test]
fn voorschot_als_tekst() {
    insta::assert_snapshot!(beschikking_tekst(&haarlem(), &voorschot()));
}

#[test]
fn latere_toekenning_als_tekst() {
    insta::assert_snapshot!(beschikking_tekst(&haarlem(), &latere_toekenning()));
}

#[test]
fn periodiek_als_tekst() {
    let b = periodiek();
    let tekst = beschikking_tekst(&haarlem(), &b);
    for verwacht in [
        "U krijgt bijzondere bijstand: € 140,00 per maand, van 1 augustus 2026 tot en met 31 januari 2027.",
        "Wij betalen elke maand € 140,00 rechtstreeks aan Bewindvoering Spaarne B.V.",
        "U krijgt dit geld als gift. U hoeft het niet terug te betalen.",
        "artikel 35, eerste lid, en artikel 48, eerste lid, van de Participatiewet",
        "Na 31 januari 2027",
        "Participatiewet art. 35, eerste lid (bijzondere bijstand)",
    ] {
        assert!(tekst.contains(verwacht), "{verwacht:?} ontbreekt:\n{tekst}");
    }
    assert!(
        !tekst.contains("lening"),
        "a periodic grant is a gift: {tekst}"
    );
    insta::assert_snapshot!(tekst);
}

#[test]
fn buiten_behandeling_als_tekst() {
    insta::assert_snapshot!(beschikking_tekst(&haarlem(), &buiten_behandeling()));
}

#[test]
fn demo_huisstijl_is_herkenbaar() {
    let tekst = beschikking_tekst(
        &Huisstijl::demo("Gemeente Voorbeeld", "Voorbeeld"),
        &toekenning(),
    );
    assert!(tekst.contains("DEMO"));
    assert!(tekst.contains("van burgemeester en wethouders van Voorbeeld,"));
}

#[test]
fn bedrag_en_datum_in_het_nederlands() {
    let tekst = beschikking_tekst(&haarlem(), &toekenning());
    assert!(tekst.contains("U krijgt bijstand vanaf 3 juni 2026. U krijgt € 1.401,50 per maand."));
    assert!(tekst.contains("Op 3 juni 2026 vroeg u bijstand aan."));
    assert!(tekst.contains("Datum: 14 juli 2026"));
}

#[test]
fn ontvanger_zonder_adres() {
    let mut b = afwijzing();
    b.ontvanger_adres.clear();
    let tekst = beschikking_tekst(&haarlem(), &b);
    assert!(tekst.contains("J. Jansen\n\nDatum:"));
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The PDF/A letter: structure, fonts, pages, text, determinism, bad input.

mod common;

use common::*;
use gbi_letters::{BriefFout, beschikking_pdf};

fn bevat(pdf: &[u8], naald: &str) -> bool {
    pdf.windows(naald.len()).any(|w| w == naald.as_bytes())
}

/// Number of pages, from the page tree root (`/Type/Pages/Count N`).
fn paginas(pdf: &[u8]) -> usize {
    let tekst = String::from_utf8_lossy(pdf);
    let na = tekst
        .split("/Type/Pages/Count ")
        .nth(1)
        .expect("geen paginaboom gevonden");
    na.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

#[test]
fn pdf_a_kenmerken() {
    let pdf = beschikking_pdf(&haarlem(), &toekenning()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "geen PDF-kop");
    assert!(bevat(&pdf, "pdfaid:part"), "geen PDF/A-deel in XMP");
    assert!(
        bevat(&pdf, "pdfaid:conformance"),
        "geen PDF/A-conformance in XMP"
    );
    assert!(bevat(&pdf, "<pdfaid:part>2</pdfaid:part>"));
    assert!(bevat(&pdf, "<pdfaid:conformance>A</pdfaid:conformance>"));
    assert!(bevat(&pdf, "/FontFile2"), "lettertype niet ingebed");
    assert!(bevat(&pdf, "/ToUnicode"), "geen ToUnicode-tabel");
    assert!(bevat(&pdf, "GTS_PDFA1"), "geen PDF/A OutputIntent");
    assert!(bevat(&pdf, "/DestOutputProfile"), "geen ICC-profiel");
    assert!(bevat(&pdf, "/StructTreeRoot"), "geen tagstructuur");
    assert!(bevat(&pdf, "/Lang(nl-NL)"), "geen taal");
    let eind = String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(64)..]).to_string();
    assert!(eind.contains("%%EOF"));
}

#[test]
fn lange_berekening_loopt_door_op_volgende_pagina() {
    let pdf = beschikking_pdf(&haarlem(), &lange_toekenning()).unwrap();
    assert!(
        paginas(&pdf) > 1,
        "60 regels berekening horen op meer dan 1 pagina"
    );
}

#[test]
fn alle_soorten_besluit_geven_een_pdf() {
    for b in [
        toekenning(),
        afwijzing(),
        buiten_behandeling(),
        voorschot(),
        latere_toekenning(),
    ] {
        let pdf = beschikking_pdf(&haarlem(), &b).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
    let demo = gbi_letters::Huisstijl::demo("Gemeente Voorbeeld", "Voorbeeld");
    assert!(beschikking_pdf(&demo, &toekenning()).is_ok());
}

#[test]
fn zelfde_invoer_geeft_zelfde_pdf() {
    let a = beschikking_pdf(&haarlem(), &lange_toekenning()).unwrap();
    let b = beschikking_pdf(&haarlem(), &lange_toekenning()).unwrap();
    assert!(a == b, "PDF is niet deterministisch");
}

#[test]
fn ongeldig_logo_geeft_nette_fout() {
    let mut h = haarlem();
    h.logo_png = Some(b"dit is geen png".to_vec());
    let fout = beschikking_pdf(&h, &toekenning()).unwrap_err();
    assert!(matches!(fout, BriefFout::Logo(_)), "{fout:?}");
    assert!(fout.to_string().contains("logo"), "{fout}");

    // A PNG header followed by rubbish must not panic either.
    let mut kapot = b"\x89PNG\r\n\x1a\n".to_vec();
    kapot.extend_from_slice(&[0u8; 40]);
    h.logo_png = Some(kapot);
    let fout = beschikking_pdf(&h, &toekenning()).unwrap_err();
    assert!(matches!(fout, BriefFout::Logo(_)), "{fout:?}");
}

/// A 2x1 RGBA PNG, written by hand (stored deflate block, no compression).
fn kleine_png() -> Vec<u8> {
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn adler(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &x in data {
            a = (a + u32::from(x)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    fn chunk(out: &mut Vec<u8>, soort: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut c = soort.to_vec();
        c.extend_from_slice(data);
        out.extend_from_slice(&c);
        out.extend_from_slice(&crc(&c).to_be_bytes());
    }
    let ruw = [0u8, 200, 0, 0, 255, 0, 0, 200, 128]; // filter byte + 2 RGBA pixels
    let mut z = vec![0x78, 0x01, 1, ruw.len() as u8, 0, !(ruw.len() as u8), 0xff];
    z.extend_from_slice(&ruw);
    z.extend_from_slice(&adler(&ruw).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &[0, 0, 0, 2, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    chunk(&mut png, b"IDAT", &z);
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn geldig_logo_wordt_getekend() {
    let mut h = haarlem();
    h.logo_png = Some(kleine_png());
    let pdf = beschikking_pdf(&h, &toekenning()).unwrap();
    assert!(bevat(&pdf, "/Subtype/Image"), "logo niet in de PDF");
    assert!(bevat(&pdf, "/Figure"), "logo niet getagd als figuur");
}

#[test]
fn tekst_uit_pdf_met_pdftotext() {
    let pdf = beschikking_pdf(&haarlem(), &lange_toekenning()).unwrap();
    let Some(tekst) = pdftotext(&pdf) else { return };
    assert!(
        tekst.contains("U krijgt bijstand vanaf 3 juni 2026. U krijgt € 1.401,50 per maand."),
        "{tekst}"
    );
    assert!(
        tekst.contains("Doe dit binnen 6 weken na de dag waarop wij deze brief hebben"),
        "{tekst}"
    );
    let n = paginas(&pdf);
    assert!(tekst.contains(&format!("Pagina 1 van {n}")), "{tekst}");
    assert!(tekst.contains(&format!("Pagina {n} van {n}")), "{tekst}");
}

#[test]
fn tekens_buiten_het_lettertype_geven_geen_paniek() {
    let mut b = afwijzing();
    b.ontvanger_naam = "Zoë Çelik-Nguyễn 李 🙂".to_string();
    b.ontvanger_adres = vec!["Ĳsselmeerstraat 1\u{00AD}a".to_string()];
    let pdf = beschikking_pdf(&haarlem(), &b).unwrap();
    let Some(tekst) = pdftotext(&pdf) else { return };
    // Characters the font has are drawn as they are.
    assert!(tekst.contains("Zoë Çelik-Nguy"), "{tekst}");
}

#[test]
fn lege_en_extreme_invoer() {
    let mut h = haarlem();
    h.postadres.clear();
    h.bezwaar_adres.clear();
    h.telefoon.clear();
    h.afdeling =
        "Team Inkomen en een heel lange afdelingsnaam die zeker niet op één regel past".into();
    let mut b = afwijzing();
    b.ontvanger_naam = String::new();
    b.ontvanger_adres = vec![String::new(), "   ".into()];
    b.kenmerk = "X".repeat(300);
    b.grondslagen.clear();
    b.berekening.clear();
    b.besluit = gbi_letters::Besluit::Afwijzing {
        gronden: vec![],
        toelichting: String::new(),
    };
    let pdf = beschikking_pdf(&h, &b).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let tekst = gbi_letters::beschikking_tekst(&h, &b);
    assert!(tekst.contains("U krijgt geen bijstand."));
}

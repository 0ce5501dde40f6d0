//! The collective supplementary health insurance (art. 35-3) in the demo
//! gemeenten's policy files: each its own insurer, packages and income
//! limit, dated with the file; the limit in euros follows the norms of the
//! date; a mistake in the table names the file and the key.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_domain::GemeenteCode;
use gbi_rules::params::INGEBOUWD;
use gbi_rules::{Parameters, Regels};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn g(code: &str) -> GemeenteCode {
    GemeenteCode::parse(code).unwrap()
}

#[test]
fn haarlem_and_enschede_differ() {
    let r = Regels::ingebouwd().unwrap();
    let haarlem = r
        .collectieve_zorgverzekering(g("0392"), d("2026-03-01"))
        .unwrap()
        .unwrap();
    let enschede = r
        .collectieve_zorgverzekering(g("0153"), d("2026-03-01"))
        .unwrap()
        .unwrap();
    assert!(haarlem.aangeboden() && enschede.aangeboden());
    assert_eq!(haarlem.beleid.inkomensgrens_bp, 13_000);
    assert_eq!(enschede.beleid.inkomensgrens_bp, 12_000);
    assert_ne!(haarlem.beleid.verzekeraar, enschede.beleid.verzekeraar);
    let codes = |z: &gbi_rules::regelingen::zorgverzekering::Zorgverzekering| {
        z.beleid
            .pakketten
            .iter()
            .map(|p| p.code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&haarlem), ["basis", "extra", "top"]);
    assert_eq!(codes(&enschede), ["compact", "uitgebreid"]);
    assert_eq!(
        haarlem.beleid.pakket("basis").map(|p| p.bijdrage_cents),
        Some(950)
    );
    assert!(haarlem.beleid.verwijzing.contains("art. 35, derde lid"));
    assert!(haarlem.beleid.verwijzing.ends_with("(beleid Haarlem)"));

    // The limit in euros: the norm of the date times the percentage, whole
    // cents dropped. 2026: € 1.401,50 alone → 130% = € 1.821,95.
    let alleen = &haarlem.grenzen[0];
    assert_eq!(alleen.norm_cents, 140_150);
    assert_eq!(alleen.grens_cents, 182_195);
    assert_eq!(enschede.grenzen[0].grens_cents, 168_180);
    assert_eq!(haarlem.grenzen.len(), 4);
}

#[test]
fn dated_with_the_policy_file() {
    let r = Regels::ingebouwd().unwrap();
    // Enschede's 2025 file has lower contributions than its 2026 file.
    let bijdrage = |datum: &str| {
        r.collectieve_zorgverzekering(g("0153"), d(datum))
            .unwrap()
            .unwrap()
            .beleid
            .pakket("compact")
            .map(|p| p.bijdrage_cents)
    };
    assert_eq!(bijdrage("2025-12-31"), Some(750));
    assert_eq!(bijdrage("2026-01-01"), Some(800));
    // No policy before the first file: an error, not "not offered".
    assert!(
        r.collectieve_zorgverzekering(g("0392"), d("2020-01-01"))
            .is_err()
    );
}

fn laden_met(wijzig: impl Fn(&str) -> String) -> Result<Parameters, String> {
    let b = INGEBOUWD
        .iter()
        .map(|(n, t)| {
            let t = if n.ends_with("0392.toml") {
                wijzig(t)
            } else {
                (*t).to_owned()
            };
            ((*n).to_owned(), t)
        })
        .collect::<Vec<_>>();
    Parameters::laden(b).map_err(|e| e.to_string())
}

#[test]
fn without_the_table_the_gemeente_offers_none() {
    let p = laden_met(|t| {
        t.split("\n# Collectieve aanvullende zorgverzekering")
            .next()
            .unwrap()
            .to_owned()
    })
    .unwrap();
    let r = Regels { parameters: p };
    assert!(
        r.collectieve_zorgverzekering(g("0392"), d("2026-07-01"))
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_mistake_names_the_file_and_the_key() {
    let e = laden_met(|t| {
        t.replace(
            "inkomensgrens_procent = \"130\"",
            "inkomensgrens_procent = \"13\"",
        )
    })
    .unwrap_err();
    assert!(e.contains("0392.toml"), "{e}");
    assert!(e.contains("collectieve_zorgverzekering"), "{e}");
    assert!(e.contains("inkomensgrens_procent"), "{e}");
    let e = laden_met(|t| {
        t.replace(
            "bijdrage_per_maand = \"9,50\"",
            "bijdrage_per_maand = \"9.5\"",
        )
    })
    .unwrap_err();
    assert!(e.contains("collectieve_zorgverzekering.pakket[0]"), "{e}");
    // Only policy files may have it.
    let b = INGEBOUWD.iter().map(|(n, t)| {
        let t = if n.ends_with("vakantietoeslag.toml") {
            format!("{t}\n[collectieve_zorgverzekering]\naangeboden = false\nartikel = \"x\"\n")
        } else {
            (*t).to_owned()
        };
        ((*n).to_owned(), t)
    });
    let e = Parameters::laden(b.collect::<Vec<_>>())
        .unwrap_err()
        .to_string();
    assert!(e.contains("collectieve_zorgverzekering"), "{e}");
}

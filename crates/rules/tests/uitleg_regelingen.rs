//! Every step of the IIT and bijzondere bijstand has a text for the
//! caseworker and the resident, with every name filled in and an article.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_domain::GemeenteCode;
use gbi_rules::{Huishouden, Regels, Uitleg, tekst};
use serde_json::json;

fn controleer(u: &Uitleg<'_>, codes: &mut Vec<&'static str>) {
    for s in &u.stappen {
        for t in [tekst::precies(s), tekst::b1(s)] {
            assert!(!t.contains('{'), "{}: {t}", s.code);
            assert_ne!(t, s.uitkomst.tekst(), "{} heeft geen sjabloon", s.code);
        }
        assert!(
            s.verwijzing.contains("art."),
            "{}: {}",
            s.code,
            s.verwijzing
        );
        codes.push(s.code);
    }
}

#[test]
fn every_step_reads_as_text_with_its_article() {
    let r = Regels::ingebouwd().unwrap();
    let mut codes = Vec::new();
    for (g, datum) in [("0392", "2026-07-01"), ("0153", "2026-07-01")] {
        let g = GemeenteCode::parse(g).unwrap();
        let datum = NaiveDate::parse_from_str(datum, "%Y-%m-%d").unwrap();
        let h: Huishouden = serde_json::from_value(json!({
            "aanvrager": {"geboortedatum": "1980-05-05"},
            "partner": {"geboortedatum": "1981-05-05"},
            "kinderen": [{"geboortedatum": "2013-01-01"}, {"geboortedatum": "2019-01-01"}],
            "vermogen": {"bezittingen_cents": 1_000_000},
            "iit": {"laatste_iit": "2025-01-01", "perioden": [
                {"maanden": 50, "soort": "bijstand"}, {"maanden": 5, "soort": "zonder_bewijs"},
                {"maanden": 5, "soort": "bewezen", "inkomen_cents": 150_000}]},
            "bijzondere_bijstand": {"kostensoort": "bewindvoering", "periodiek": true,
                "kosten_cents": 20_000, "inkomen_cents": 260_000},
        }))
        .unwrap();
        controleer(&r.beoordeel_iit(&h, datum, g).unwrap().uitleg, &mut codes);
        controleer(
            &r.bereken_bijzondere_bijstand(&h, datum, g).unwrap().uitleg,
            &mut codes,
        );
        let klein: Huishouden = serde_json::from_value(json!({
            "aanvrager": {"geboortedatum": "1980-05-05"},
            "bijzondere_bijstand": {"kostensoort": "wasmachine", "kosten_cents": 17_000, "inkomen_cents": 0},
        }))
        .unwrap();
        controleer(
            &r.bereken_bijzondere_bijstand(&klein, datum, g)
                .unwrap()
                .uitleg,
            &mut codes,
        );
    }
    for code in [
        "iit.leeftijd",
        "iit.vermogen",
        "iit.inkomensgrens",
        "iit.langdurig_laag_inkomen",
        "iit.langdurig_laag_inkomen_gemiddeld",
        "iit.uitzicht_op_inkomensverbetering",
        "iit.eerder_verleend",
        "iit.recht",
        "iit.bedrag_kind",
        "iit.bedrag_totaal",
        "bb.kostensoort",
        "bb.maximum",
        "bb.kosten_periode",
        "bb.draagkrachtvrije_ruimte",
        "bb.draagkracht_inkomen",
        "bb.draagkracht_vermogen",
        "bb.draagkracht",
        "bb.drempel_geweigerd",
        "bb.drempel_niet_toegepast",
        "bb.bedrag",
        "bb.per_maand",
        "bb.vorm",
        "bb.document_ontbreekt",
    ] {
        assert!(codes.contains(&code), "{code} niet gezien");
    }
}

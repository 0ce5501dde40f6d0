//! Property tests of the draagkracht engine and the IIT: draagkracht is
//! never negative, bijzondere bijstand never more than the costs, and both
//! move the right way when income or vermogen grows.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_domain::GemeenteCode;
use gbi_rules::regelingen::IitRecht;
use gbi_rules::{Huishouden, Regels};
use proptest::prelude::*;
use serde_json::json;
use std::sync::OnceLock;

fn regels() -> &'static Regels {
    static R: OnceLock<Regels> = OnceLock::new();
    R.get_or_init(|| Regels::ingebouwd().unwrap())
}

const GEMEENTEN: [&str; 2] = ["0392", "0153"];
const DATA: [&str; 2] = ["2026-01-01", "2026-07-01"];
/// (code, periodic) of kinds both demo catalogues have.
const SOORTEN: [(&str, bool); 5] = [
    ("wasmachine", false),
    ("medische_kosten", false),
    ("rechtsbijstand", false),
    ("uitvaart", false),
    ("bewindvoering", true),
];

#[derive(Debug, Clone)]
struct Aanvraag {
    gemeente: usize,
    datum: usize,
    partner: bool,
    kind: bool,
    soort: usize,
    kosten: i64,
    inkomen: i64,
    vermogen: i64,
}

fn aanvraag() -> impl Strategy<Value = Aanvraag> {
    (
        0..2usize,
        0..2usize,
        any::<bool>(),
        any::<bool>(),
        0..SOORTEN.len(),
        0..2_000_000i64,
        0..600_000i64,
        0..4_000_000i64,
    )
        .prop_map(
            |(gemeente, datum, partner, kind, soort, kosten, inkomen, vermogen)| Aanvraag {
                gemeente,
                datum,
                partner,
                kind,
                soort,
                kosten,
                inkomen,
                vermogen,
            },
        )
}

fn huishouden(a: &Aanvraag) -> Huishouden {
    let (code, periodiek) = SOORTEN[a.soort];
    serde_json::from_value(json!({
        "aanvrager": {"geboortedatum": "1980-05-05"},
        "partner": a.partner.then(|| json!({"geboortedatum": "1982-05-05"})),
        "kinderen": if a.kind { vec![json!({"geboortedatum": "2016-03-03"})] } else { vec![] },
        "vermogen": {"bezittingen_cents": a.vermogen},
        "bijzondere_bijstand": {
            "kostensoort": code, "periodiek": periodiek, "kosten_cents": a.kosten,
            "inkomen_cents": a.inkomen,
        },
    }))
    .unwrap()
}

fn bereken(a: &Aanvraag) -> gbi_rules::BijzondereBijstandBeoordeling {
    regels()
        .bereken_bijzondere_bijstand(
            &huishouden(a),
            NaiveDate::parse_from_str(DATA[a.datum], "%Y-%m-%d").unwrap(),
            GemeenteCode::parse(GEMEENTEN[a.gemeente]).unwrap(),
        )
        .unwrap()
        .beoordeling
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn draagkracht_is_nooit_negatief_en_bb_nooit_meer_dan_de_kosten(a in aanvraag()) {
        let b = bereken(&a);
        let d = b.draagkracht;
        prop_assert!(d.per_maand_cents >= 0 && d.uit_vermogen_cents >= 0 && d.totaal_cents >= 0);
        prop_assert_eq!(d.totaal_cents, d.uit_inkomen_cents + d.uit_vermogen_cents);
        prop_assert!(b.bedrag_cents >= 0);
        prop_assert!(b.bedrag_cents <= b.kosten_in_aanmerking_cents);
        let maanden = if b.periodiek { d.maanden } else { 1 };
        prop_assert!(b.kosten_in_aanmerking_cents <= b.kosten_cents * maanden);
        if let (Some(pm), Some(eerste)) = (b.per_maand_cents, b.eerste_maand_cents) {
            prop_assert_eq!(pm * (maanden - 1) + eerste, b.bedrag_cents);
            prop_assert!(eerste >= pm && eerste - pm < maanden);
        }
    }

    #[test]
    fn meer_inkomen_of_vermogen_geeft_nooit_minder_draagkracht_of_meer_bb(
        a in aanvraag(), extra in 1..2_000_000i64, vermogen in any::<bool>(),
    ) {
        let b = bereken(&a);
        let meer = if vermogen {
            Aanvraag { vermogen: a.vermogen + extra, ..a.clone() }
        } else {
            Aanvraag { inkomen: a.inkomen + extra / 4, ..a.clone() }
        };
        let meer = bereken(&meer);
        prop_assert!(meer.draagkracht.totaal_cents >= b.draagkracht.totaal_cents);
        prop_assert!(meer.bedrag_cents <= b.bedrag_cents);
    }

    #[test]
    fn meer_kosten_geeft_nooit_minder_bb(a in aanvraag(), extra in 1..200_000i64) {
        let b = bereken(&a);
        let meer = bereken(&Aanvraag { kosten: a.kosten + extra, ..a.clone() });
        prop_assert!(meer.bedrag_cents >= b.bedrag_cents);
    }

    #[test]
    fn meer_inkomen_in_een_maand_geeft_nooit_een_iit(
        gemeente in 0..2usize,
        maanden in prop::collection::vec(0..250_000i64, 60),
        welke in 0..60usize,
        extra in 1..100_000i64,
    ) {
        let datum = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let recht = |m: &[i64]| {
            let h: Huishouden = serde_json::from_value(json!({
                "aanvrager": {"geboortedatum": "1980-05-05"},
                "iit": {"inkomen_per_maand_cents": m},
            })).unwrap();
            regels().beoordeel_iit(&h, datum, GemeenteCode::parse(GEMEENTEN[gemeente]).unwrap()).unwrap().beoordeling.recht
        };
        let a = recht(&maanden);
        let mut meer = maanden.clone();
        meer[welke] += extra;
        let b = recht(&meer);
        // Without a judgement there is never a plain yes; more income can
        // only turn "a person judges" into "no".
        prop_assert!(a != IitRecht::Ja && b != IitRecht::Ja);
        prop_assert!(!(a == IitRecht::Nee && b != IitRecht::Nee));
    }
}

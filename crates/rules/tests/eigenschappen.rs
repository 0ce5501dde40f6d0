//! Property tests: more income never raises the entitlement; the entitlement
//! never exceeds the norm; the batch run and the per-person run agree.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Datelike, NaiveDate};
use gbi_rules::batch::Batch;
use gbi_rules::{Huishouden, Regels};
use proptest::prelude::*;
use serde_json::json;
use std::sync::OnceLock;

fn regels() -> &'static Regels {
    static R: OnceLock<Regels> = OnceLock::new();
    R.get_or_init(|| Regels::ingebouwd().unwrap())
}

const DATA: [&str; 3] = ["2025-07-01", "2026-01-01", "2026-07-01"];

#[derive(Debug, Clone)]
struct Rij {
    leeftijd: i32,
    partner: Option<i32>,
    kinderen: u32,
    kostendelers: u32,
    inkomen: i64,
    vermogen: i64,
    /// Net work income of the applicant and the partner (own vrijlating n).
    arbeid: i64,
    arbeid_partner: i64,
}

fn rij() -> impl Strategy<Value = Rij> {
    (
        18..100i32,
        prop::option::of(18..100i32),
        0..4u32,
        0..5u32,
        0..400_000i64,
        0..2_500_000i64,
        prop_oneof![Just(0i64), 0..250_000i64],
        prop_oneof![Just(0i64), 0..250_000i64],
    )
        .prop_map(
            |(leeftijd, partner, kinderen, kostendelers, inkomen, vermogen, arbeid, ap)| Rij {
                leeftijd,
                partner,
                kinderen,
                kostendelers,
                inkomen,
                vermogen,
                arbeid,
                arbeid_partner: if partner.is_some() { ap } else { 0 },
            },
        )
}

fn geboren(d: NaiveDate, jaren: i32) -> String {
    d.with_year(d.year() - jaren).unwrap().to_string()
}

/// The same household in the JSON form of `gbi calc`.
fn huishouden(r: &Rij, d: NaiveDate) -> Huishouden {
    let kinderen: Vec<_> = (0..r.kinderen)
        .map(|_| json!({"geboortedatum": geboren(d, 5)}))
        .collect();
    let medebewoners: Vec<_> = (0..r.kostendelers)
        .map(|i| json!({"geboortedatum": geboren(d, 30 + i as i32)}))
        .collect();
    serde_json::from_value(json!({
        "aanvrager": {"geboortedatum": geboren(d, r.leeftijd)},
        "partner": r.partner.map(|p| json!({"geboortedatum": geboren(d, p), "inkomsten": {"arbeid_cents": r.arbeid_partner}})),
        "kinderen": kinderen,
        "medebewoners": medebewoners,
        "vermogen": {"bezittingen_cents": r.vermogen},
        "inkomsten": {"overig_cents": r.inkomen, "arbeid_cents": r.arbeid},
    }))
    .unwrap()
}

fn csv(rijen: &[Rij]) -> String {
    let mut s = String::from(
        "household_id,applicant_age,has_partner,partner_age,children_under_18,kostendelers_27plus,income_cents,assets_cents,applicant_work_income_cents,partner_work_income_cents\n",
    );
    for (i, r) in rijen.iter().enumerate() {
        s.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{}\n",
            i + 1,
            r.leeftijd,
            u8::from(r.partner.is_some()),
            r.partner.unwrap_or(0),
            r.kinderen,
            r.kostendelers,
            r.inkomen,
            r.vermogen,
            r.arbeid,
            r.arbeid_partner
        ));
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn meer_inkomen_geeft_nooit_meer_bijstand(r in rij(), extra in 1..200_000i64, d in 0..3usize) {
        let datum = NaiveDate::parse_from_str(DATA[d], "%Y-%m-%d").unwrap();
        let a = regels().bereken(&huishouden(&r, datum), datum, None);
        let mut meer = r.clone();
        meer.inkomen += extra;
        let b = regels().bereken(&huishouden(&meer, datum), datum, None);
        if let (Ok(a), Ok(b)) = (a, b) {
            prop_assert!(b.uitkomst.bijstand_cents <= a.uitkomst.bijstand_cents);
        }
    }

    #[test]
    fn meer_arbeidsinkomen_met_vrijlating_geeft_nooit_meer_bijstand(leeftijd in 18..66i32, arbeid in 0..300_000i64, extra in 1..100_000i64) {
        let datum = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let maak = |w: i64| -> Huishouden {
            serde_json::from_value(json!({
                "aanvrager": {"geboortedatum": geboren(datum, leeftijd)},
                "inkomsten": {"arbeid_cents": w, "medisch_urenbeperkt": true},
            })).unwrap()
        };
        let a = regels().bereken(&maak(arbeid), datum, None).unwrap();
        let b = regels().bereken(&maak(arbeid + extra), datum, None).unwrap();
        prop_assert!(b.uitkomst.bijstand_cents <= a.uitkomst.bijstand_cents);
        prop_assert!(b.uitkomst.inkomen_cents >= a.uitkomst.inkomen_cents);
    }

    #[test]
    fn een_vrijlating_rondt_af_in_het_voordeel_van_de_inwoner(arbeid in 0..400_000i64, d in 0..3usize) {
        // Art. 31-2-n: 25% of work income, up to the cap; a fraction of a
        // cent is left out of the income, never counted.
        let datum = NaiveDate::parse_from_str(DATA[d], "%Y-%m-%d").unwrap();
        let h: Huishouden = serde_json::from_value(json!({
            "aanvrager": {"geboortedatum": geboren(datum, 40)},
            "inkomsten": {"arbeid_cents": arbeid},
        })).unwrap();
        let b = regels().bereken(&h, datum, None).unwrap();
        let cap = [27_800i64, 28_500, 28_900][d];
        let vrij = ((arbeid + 3) / 4).min(cap);
        prop_assert_eq!(b.uitkomst.inkomen_cents, arbeid - vrij);
    }

    #[test]
    fn vrijlating_n_is_per_persoon(a in 0..250_000i64, p in 0..250_000i64, d in 0..3usize) {
        // Swapping the work income of two spouses of the same age changes
        // nothing, and each keeps their own cap.
        let datum = NaiveDate::parse_from_str(DATA[d], "%Y-%m-%d").unwrap();
        let maak = |x: i64, y: i64| -> Huishouden {
            serde_json::from_value(json!({
                "aanvrager": {"geboortedatum": geboren(datum, 40)},
                "partner": {"geboortedatum": geboren(datum, 40), "inkomsten": {"arbeid_cents": y}},
                "inkomsten": {"arbeid_cents": x},
            })).unwrap()
        };
        let ab = regels().bereken(&maak(a, p), datum, None).unwrap();
        let ba = regels().bereken(&maak(p, a), datum, None).unwrap();
        prop_assert_eq!(ab.uitkomst.inkomen_cents, ba.uitkomst.inkomen_cents);
        let cap = [27_800i64, 28_500, 28_900][d];
        let verwacht = a - ((a + 3) / 4).min(cap) + p - ((p + 3) / 4).min(cap);
        prop_assert_eq!(ab.uitkomst.inkomen_cents, verwacht);
    }

    #[test]
    fn een_lening_voor_de_woning_is_nooit_meer_dan_de_overwaarde_boven_de_vrijlating(overwaarde in 0..20_000_000i64, inkomen in 0..150_000i64, d in 0..3usize) {
        let datum = NaiveDate::parse_from_str(DATA[d], "%Y-%m-%d").unwrap();
        let maak = |o: i64| -> Huishouden {
            serde_json::from_value(json!({
                "aanvrager": {"geboortedatum": geboren(datum, 40)},
                "vermogen": {"overwaarde_woning_cents": o},
                "inkomsten": {"overig_cents": inkomen},
            })).unwrap()
        };
        let met = regels().bereken(&maak(overwaarde), datum, None).unwrap().uitkomst;
        let zonder = regels().bereken(&maak(0), datum, None).unwrap().uitkomst;
        let vrijlating = [6_550_000i64, 6_750_000, 6_750_000][d];
        prop_assert_eq!(met.bijstand_cents, zonder.bijstand_cents);
        prop_assert!(met.geldlening_cents <= met.bijstand_cents);
        prop_assert!(met.geldlening_cents <= (overwaarde - vrijlating).max(0));
    }

    #[test]
    fn bijstand_is_nooit_hoger_dan_de_norm(r in rij(), d in 0..3usize) {
        let datum = NaiveDate::parse_from_str(DATA[d], "%Y-%m-%d").unwrap();
        if let Ok(b) = regels().bereken(&huishouden(&r, datum), datum, None) {
            prop_assert!(b.uitkomst.bijstand_cents <= b.uitkomst.norm_cents);
            prop_assert!(b.uitkomst.bijstand_cents >= 0);
            prop_assert_eq!(b.uitkomst.uit_te_betalen_cents + b.uitkomst.vakantietoeslag_cents, b.uitkomst.bijstand_cents);
        }
    }

    #[test]
    fn batch_en_enkel_huishouden_geven_hetzelfde(rijen in prop::collection::vec(rij(), 1..40), d in 0..3usize) {
        let datum = NaiveDate::parse_from_str(DATA[d], "%Y-%m-%d").unwrap();
        let peil = regels().parameters.peil(datum, None).unwrap();
        let batch = Batch::new(&peil);
        // Keep only rows the rules can compute; errors are tested elsewhere.
        let goed: Vec<Rij> = rijen.into_iter().filter(|r| regels().bereken(&huishouden(r, datum), datum, None).is_ok()).collect();
        let (uit, sam) = batch.csv(csv(&goed).as_bytes()).unwrap();
        let uit = String::from_utf8(uit).unwrap();
        let regels_uit: Vec<&str> = uit.lines().skip(1).collect();
        prop_assert_eq!(regels_uit.len(), goed.len());
        prop_assert_eq!(sam.huishoudens as usize, goed.len());
        for (i, r) in goed.iter().enumerate() {
            let enkel = regels().bereken(&huishouden(r, datum), datum, None).unwrap();
            prop_assert_eq!(regels_uit[i].to_owned(), format!("{},{}", i + 1, enkel.uitkomst.bijstand_cents));
        }
    }
}

#[test]
fn onmogelijke_rijen_noemen_regel_en_kolom() {
    let regels = regels();
    let peil = regels
        .parameters
        .peil(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), None)
        .unwrap();
    let batch = Batch::new(&peil);
    let kop = "household_id,applicant_age,has_partner,partner_age,children_under_18,kostendelers_27plus,income_cents,assets_cents\n";
    for (rij, kolom, tekst) in [
        (
            "1,30,0,0,0,0,0,0\n2,30,0,25,0,0,0,0\n",
            "partner_age",
            "has_partner is 0",
        ),
        ("1,30,0,0,0,0,-5,0\n", "income_cents", "negatief"),
        ("1,30,0,0,0,0,0,-1\n", "assets_cents", "negatief"),
        ("1,17,0,0,0,0,0,0\n", "applicant_age", "18 jaar"),
        ("1,30,1,16,0,0,0,0\n", "partner_age", "18 jaar"),
        ("1,30,2,30,0,0,0,0\n", "has_partner", "0 of 1"),
        ("1,30,0,0,0,0,abc,0\n", "income_cents", "geen heel getal"),
        ("1,30,0,0,0\n", "alle", "kolommen"),
    ] {
        let e = batch.csv(format!("{kop}{rij}").as_bytes()).unwrap_err();
        let verwacht_regel = rij.lines().count() + 1;
        assert_eq!(e.kolom, kolom, "{e}");
        assert_eq!(e.regel, verwacht_regel, "{e}");
        assert!(e.to_string().contains(tekst), "{e}");
    }
    let e = batch
        .csv(b"household_id,applicant_age\n1,30\n")
        .unwrap_err();
    assert!(e.to_string().contains("has_partner") && e.regel == 1, "{e}");
}

#[test]
fn extra_kolommen_werken_en_onbekende_worden_gemeld() {
    let regels = regels();
    let peil = regels
        .parameters
        .peil(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), None)
        .unwrap();
    let batch = Batch::new(&peil);
    let invoer = "postcode,household_id,applicant_age,has_partner,partner_age,children_under_18,kostendelers_27plus,income_cents,assets_cents,mantelzorg\n\
                  2011AB,7,30,0,0,0,1,0,0,1\n2011AB,8,30,0,0,0,1,0,0,0\n";
    let (uit, sam) = batch.csv(invoer.as_bytes()).unwrap();
    assert_eq!(
        String::from_utf8(uit).unwrap(),
        "household_id,entitled_cents\n7,140150\n8,100107\n"
    );
    assert_eq!(sam.genegeerde_kolommen, vec!["postcode".to_owned()]);
    assert_eq!(
        (sam.huishoudens, sam.met_recht, sam.totaal_cents),
        (2, 2, 240257)
    );
}

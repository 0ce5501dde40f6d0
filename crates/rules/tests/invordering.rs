//! Beslagvrije voet, boete and Awb terms: the hand-computed scenarios in
//! `scenarios-invordering/`, the published maxima, cases with the toeslag
//! figures filled in (test fixtures, not law), and properties.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_domain::Money;
use gbi_rules::invordering::{
    BoeteInvoer, BoeteUitkomst, BvvInvoer, BvvLeefsituatie, Recidive, Verwijtbaarheid,
};
use gbi_rules::params::INGEBOUWD;
use gbi_rules::{Parameters, Regels};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn lees(naam: &str) -> toml::Table {
    let pad = format!(
        "{}/scenarios-invordering/{naam}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(pad).unwrap().parse().unwrap()
}

#[test]
fn bvv_scenarios() {
    let r = Regels::ingebouwd().unwrap();
    let t = lees("bvv.toml");
    let mut fouten = Vec::new();
    for s in t["bvv"].as_array().unwrap() {
        let naam = s["naam"].as_str().unwrap();
        let invoer: BvvInvoer = s["invoer"].clone().try_into().unwrap();
        match (
            r.beslagvrije_voet(d(s["datum"].as_str().unwrap()), &invoer),
            s.get("fout"),
        ) {
            (Err(e), Some(f)) if f.as_str() == Some(e.code()) => {}
            (Err(e), _) => fouten.push(format!("{naam}: fout {e}")),
            (Ok(b), Some(f)) => fouten.push(format!("{naam}: verwachtte {f}, kreeg {b:?}")),
            (Ok(b), None) => {
                let bvv = s["beslagvrije_voet"].as_integer().unwrap();
                let afl = s["afloscapaciteit"].as_integer().unwrap();
                if b.beslagvrije_voet.cents() != bvv || b.afloscapaciteit.cents() != afl {
                    fouten.push(format!(
                        "{naam}: verwacht {bvv}/{afl}, kreeg {}/{}",
                        b.beslagvrije_voet.cents(),
                        b.afloscapaciteit.cents()
                    ));
                }
                assert!(
                    b.stappen
                        .iter()
                        .all(|s| !s.b1.is_empty() && s.verwijzing.contains("art.")),
                    "{naam}: {:?}",
                    b.stappen
                );
            }
        }
    }
    assert!(fouten.is_empty(), "{}", fouten.join("\n"));
}

#[test]
fn boete_scenarios() {
    let r = Regels::ingebouwd().unwrap();
    let t = lees("boete.toml");
    let mut fouten = Vec::new();
    for s in t["boete"].as_array().unwrap() {
        let naam = s["naam"].as_str().unwrap();
        let invoer: BoeteInvoer = s["invoer"].clone().try_into().unwrap();
        let uit = r.boete(d(s["datum"].as_str().unwrap()), &invoer);
        match (uit, s.get("fout")) {
            (Err(e), Some(f)) if f.as_str() == Some(e.code()) => {}
            (Err(e), _) => fouten.push(format!("{naam}: fout {e}")),
            (Ok(b), Some(f)) => fouten.push(format!("{naam}: verwachtte {f}, kreeg {b:?}")),
            (Ok(b), None) => {
                let ok = match (
                    b.uitkomst,
                    s.get("bedrag"),
                    s.get("uitkomst").and_then(|u| u.as_str()),
                ) {
                    (BoeteUitkomst::Boete { bedrag }, Some(v), _) => {
                        Some(bedrag.cents()) == v.as_integer()
                    }
                    (BoeteUitkomst::Waarschuwing, None, Some("waarschuwing")) => true,
                    (BoeteUitkomst::GeenBoete, None, Some("geen_boete")) => true,
                    _ => false,
                };
                if !ok {
                    fouten.push(format!("{naam}: kreeg {:?}", b.uitkomst));
                }
            }
        }
    }
    assert!(fouten.is_empty(), "{}", fouten.join("\n"));
}

/// The maxima of 475da-1 are stored as the law text states them, per period.
#[test]
fn de_gepubliceerde_maxima() {
    let p = Parameters::ingebouwd().unwrap();
    for (datum, verwacht) in [
        ("2026-01-01", [219142, 252669, 288141, 315531]),
        ("2026-07-01", [220848, 254375, 290579, 317968]),
        ("2026-06-30", [219142, 252669, 288141, 315531]),
        ("2026-12-31", [220848, 254375, 290579, 317968]),
    ] {
        let set = p.landelijk("beslagvrije_voet", d(datum)).unwrap();
        for (k, v) in [
            "maximum_alleenstaande",
            "maximum_alleenstaande_ouder",
            "maximum_gehuwden_zonder_kinderen",
            "maximum_gehuwden_met_kinderen",
        ]
        .iter()
        .zip(verwacht)
        {
            assert_eq!(
                set.param(k).unwrap().waarde,
                gbi_rules::params::Waarde::Getal(v),
                "{datum} {k}"
            );
        }
    }
}

/// The built-in files with the unknown Awb amounts filled in with
/// ILLUSTRATIVE numbers (not the law), to test the code paths.
fn fixture() -> Regels {
    let vul = |t: &str, sleutel: &str, waarde: &str| {
        let kop = format!("[{sleutel}]\n");
        let i = t.find(&kop).unwrap_or_else(|| panic!("{sleutel}"));
        let rest = &t[i..];
        let einde = rest.find("markering = \"unknown\"").unwrap() + i;
        format!(
            "{}waarde = \"{waarde}\"\n{}markering = \"off\"{}",
            &t[..i + kop.len()],
            &t[i + kop.len()..einde],
            &t[einde + "markering = \"unknown\"".len()..]
        )
    };
    let bestanden = INGEBOUWD.iter().map(|(n, t)| {
        let mut t = (*t).to_owned();
        if n.contains("awb-invordering") {
            t = vul(&t, "aanmaning_grens", "454");
            t = vul(&t, "aanmaning_laag", "9");
            t = vul(&t, "aanmaning_hoog", "20");
        }
        ((*n).to_owned(), t)
    });
    Regels {
        parameters: Parameters::laden(bestanden).unwrap(),
    }
}

fn bvv(r: &Regels, l: BvvLeefsituatie, c: i64, inkomen: i64) -> (i64, i64) {
    let i = BvvInvoer {
        leefsituatie: l,
        inkomen_per_maand: Money::from_cents(inkomen),
        belastbaar_jaarinkomen: Some(Money::from_cents(c)),
        ..Default::default()
    };
    let b = r.beslagvrije_voet(d("2026-01-01"), &i).unwrap();
    (b.beslagvrije_voet.cents(), b.afloscapaciteit.cents())
}

/// The acceptance check of the 2026 toeslag figures: Rv 475da-8 says the
/// maxima of lid 1 are the bvv of lid 2 and 3 when I x F/12 (I x G/12)
/// equals the amount of Wht 13-1-a (H). So C = ijkpunt + 12 x H / F (or G).
/// For the leefsituaties without children any higher C gives the same sum
/// (zorg and housing terms are capped); with children the kgb term keeps
/// rising, so C must be exactly that point. The formula is computed
/// WITHOUT the cap of lid 1 (`beslagvrije_voet_formule`) and must equal the
/// published maxima to the cent, for both periods of 2026.
///
/// What it took (see the params files): D unrounded (29.735,42; Dienst
/// Toeslagen's 29.736 gives 3.155,30 for gehuwden met kinderen on 1-1);
/// twice the standaardpremie for gehuwden in the zorg cap of lid 3 (Wzt
/// 2-1); J the flat basishuur of 2026 (202,52 / 200,71); and the sum of
/// the terms rounded once (rounding each term gives 3.179,69 for gehuwden
/// met kinderen on 1-7).
#[test]
fn de_maxima_volgen_uit_de_formule() {
    let r = Regels::ingebouwd().unwrap();
    // H = 932,93, G = 22%: I = 12 x 932,93 / 0,22 = 50.887,0909...; C = 31.500 + I,
    // to the cent 82.387,09 (I x G / 12 = 932,9300 - 0,0000 -> still >= H - J).
    let c_kind = 8_238_709;
    // F = 27%: C = 23.425 + 12 x 932,93 / 0,27 = 64.888,56; any C above it too.
    for (datum, l, c, max) in [
        (
            "2026-01-01",
            BvvLeefsituatie::Alleenstaande,
            6_488_856,
            219_142,
        ),
        (
            "2026-01-01",
            BvvLeefsituatie::AlleenstaandeOuder,
            c_kind,
            252_669,
        ),
        (
            "2026-01-01",
            BvvLeefsituatie::GehuwdenZonderKinderen,
            8_238_709,
            288_141,
        ),
        (
            "2026-01-01",
            BvvLeefsituatie::GehuwdenMetKinderen,
            c_kind,
            315_531,
        ),
        (
            "2026-07-01",
            BvvLeefsituatie::Alleenstaande,
            6_488_856,
            220_848,
        ),
        (
            "2026-07-01",
            BvvLeefsituatie::AlleenstaandeOuder,
            c_kind,
            254_375,
        ),
        (
            "2026-07-01",
            BvvLeefsituatie::GehuwdenZonderKinderen,
            8_238_709,
            290_579,
        ),
        (
            "2026-07-01",
            BvvLeefsituatie::GehuwdenMetKinderen,
            c_kind,
            317_968,
        ),
    ] {
        let som = r
            .beslagvrije_voet_formule(d(datum), l, Money::from_cents(c))
            .unwrap();
        assert_eq!(som.cents(), max, "{datum} {l:?}");
        // The capped path gives the same amount (the cap does not bind).
        let b = r
            .beslagvrije_voet(
                d(datum),
                &BvvInvoer {
                    leefsituatie: l,
                    inkomen_per_maand: Money::from_cents(1_000_000),
                    belastbaar_jaarinkomen: Some(Money::from_cents(c)),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(b.beslagvrije_voet.cents(), max, "{datum} {l:?}");
    }
    // Without children the terms are capped: a much higher C gives the same sum.
    for (l, max) in [
        (BvvLeefsituatie::Alleenstaande, 219_142),
        (BvvLeefsituatie::GehuwdenZonderKinderen, 288_141),
    ] {
        let som = r
            .beslagvrije_voet_formule(d("2026-01-01"), l, Money::from_cents(100_000_000))
            .unwrap();
        assert_eq!(som.cents(), max, "{l:?}");
    }
    // With children the uncapped formula keeps rising above the maximum, and
    // then lid 1 applies.
    let hoog = r
        .beslagvrije_voet_formule(
            d("2026-01-01"),
            BvvLeefsituatie::GehuwdenMetKinderen,
            Money::from_cents(100_000_000),
        )
        .unwrap();
    assert!(hoog.cents() > 315_531);
    assert_eq!(
        bvv(
            &r,
            BvvLeefsituatie::GehuwdenMetKinderen,
            100_000_000,
            900_000
        )
        .0,
        315_531
    );
}

#[test]
fn formule_met_de_toeslagcijfers_van_2026() {
    let r = Regels::ingebouwd().unwrap();
    // Alleenstaande, C = 35.000 (1-1-2026): 95% x 1.401,50 = 1.331,425;
    // zorg (35.000 - 29.735,42)/12 x 13,73% = 60,2356 (cap 2.119/12 - 47 = 129,5833);
    // huur (35.000 - 23.425) x 27%/12 = 260,4375 (cap H - J = 932,93 - 202,52 = 730,41);
    // sum 1.652,0981 -> 1.652,10; income 2.000 -> 95% = 1.900,00 does not bind;
    // afloscapaciteit 347,90.
    assert_eq!(
        bvv(&r, BvvLeefsituatie::Alleenstaande, 3_500_000, 200_000),
        (165_210, 34_790)
    );
    // Alleenstaande ouder, C = 35.000: 1.331,425 + 60,2356 + (35.000 - 31.500) x 22%/12
    // (= 64,1667) + (35.000 - 29.735,42)/12 x 7,6% (= 33,3423) = 1.489,1696 -> 1.489,17.
    assert_eq!(
        bvv(&r, BvvLeefsituatie::AlleenstaandeOuder, 3_500_000, 300_000).0,
        148_917
    );
    // Below every threshold (C = 20.000): only 95% x A = 1.331,425 -> 1.331,43.
    assert_eq!(
        bvv(&r, BvvLeefsituatie::Alleenstaande, 2_000_000, 200_000).0,
        133_143
    );
    // Gehuwden met kinderen, C = 45.000: 95% x 2.002,13 = 1.902,0235;
    // zorg 15.264,58 x 13,73%/12 = 174,6529 (cap 2 x 2.119/12 - 106 = 247,1667);
    // huur 13.500 x 22%/12 = 247,50; kgb (45.000 - 39.140,42) x 7,6%/12 = 37,1107;
    // sum 2.361,2864 -> 2.361,29. Partner 500 (half = 1.180,64) -> 1.861,29;
    // own 100 -> 1.761,29; income 1.800 -> 95% = 1.710,00 binds; afloscapaciteit 90,00.
    let i = BvvInvoer {
        leefsituatie: BvvLeefsituatie::GehuwdenMetKinderen,
        inkomen_per_maand: Money::from_cents(180_000),
        belastbaar_jaarinkomen: Some(Money::from_cents(4_500_000)),
        partner_inkomen_niet_onder_beslag: Money::from_cents(50_000),
        eigen_inkomen_niet_onder_beslag: Money::from_cents(10_000),
        ..Default::default()
    };
    let b = r.beslagvrije_voet(d("2026-01-01"), &i).unwrap();
    assert_eq!(
        (b.beslagvrije_voet.cents(), b.afloscapaciteit.cents()),
        (171_000, 9_000),
        "{:#?}",
        b.stappen
    );
    let zonder = BvvInvoer {
        partner_inkomen_niet_onder_beslag: Money::ZERO,
        eigen_inkomen_niet_onder_beslag: Money::ZERO,
        inkomen_per_maand: Money::from_cents(900_000),
        ..i
    };
    assert_eq!(
        r.beslagvrije_voet(d("2026-01-01"), &zonder)
            .unwrap()
            .beslagvrije_voet
            .cents(),
        236_129
    );
    // Woonkosten 1.200 on request (475da-5): above 932,93 + 10% = 1.026,22 -> +173,78.
    let i = BvvInvoer {
        woonkosten_verzoek: Some(Money::from_cents(120_000)),
        ..BvvInvoer {
            leefsituatie: BvvLeefsituatie::Alleenstaande,
            inkomen_per_maand: Money::from_cents(300_000),
            belastbaar_jaarinkomen: Some(Money::from_cents(3_500_000)),
            ..Default::default()
        }
    };
    assert_eq!(
        r.beslagvrije_voet(d("2026-01-01"), &i)
            .unwrap()
            .beslagvrije_voet
            .cents(),
        165_210 + 17_378
    );
}

#[test]
fn boete_met_de_categorieen_van_2026() {
    let r = fixture();
    let b = |bedrag: i64, v| {
        let i = BoeteInvoer {
            benadelingsbedrag: Money::from_cents(bedrag),
            verwijtbaarheid: v,
            recidive: Recidive::Geen,
            eerder_gewaarschuwd_binnen_2_jaar: true,
            zelf_gecorrigeerd_binnen_60_dagen: false,
            dringende_redenen: false,
            datum_overtreding: d("2026-03-01"),
        };
        r.boete(d("2026-05-01"), &i).unwrap().uitkomst
    };
    // 50% of 20.000 = 10.000, but 20.000 > 100/75 x 11.000 (cat. 3 in
    // 2026): 50/75 x 11.000 = 7.333,33.
    assert_eq!(
        b(2_000_000, Verwijtbaarheid::Geen),
        BoeteUitkomst::Boete {
            bedrag: Money::from_cents(733_333)
        }
    );
    assert_eq!(
        b(100_000, Verwijtbaarheid::Verminderd),
        BoeteUitkomst::Boete {
            bedrag: Money::from_cents(25_000)
        }
    );
    assert_eq!(
        b(100_000, Verwijtbaarheid::Geen),
        BoeteUitkomst::Boete {
            bedrag: Money::from_cents(50_000)
        }
    );
    // No benadeling, warned before: € 150 (Boetebesluit 2-11), below cat. 2.
    assert_eq!(
        b(0, Verwijtbaarheid::Opzet),
        BoeteUitkomst::Boete {
            bedrag: Money::from_cents(15_000)
        }
    );
    // Awb 4:113 with the illustrative figures.
    assert_eq!(
        r.aanmaningskosten(Money::from_cents(45_399), d("2026-02-01"))
            .unwrap()
            .0
            .cents(),
        900
    );
    assert_eq!(
        r.aanmaningskosten(Money::from_cents(45_400), d("2026-02-01"))
            .unwrap()
            .0
            .cents(),
        2000
    );
}

#[test]
fn aanmaningskosten_niet_ingesteld() {
    let r = Regels::ingebouwd().unwrap();
    let e = r
        .aanmaningskosten(Money::from_cents(10_000), d("2026-02-01"))
        .unwrap_err();
    assert_eq!(e.code(), "niet_ingesteld");
}

#[test]
fn leefsituatie_zonder_gegevens() {
    assert_eq!(
        BvvLeefsituatie::volgens_brp(false, true),
        BvvLeefsituatie::Alleenstaande
    );
    assert_eq!(
        BvvLeefsituatie::volgens_brp(true, true),
        BvvLeefsituatie::GehuwdenMetKinderen
    );
    assert_eq!(
        BvvLeefsituatie::volgens_brp(true, false),
        BvvLeefsituatie::GehuwdenZonderKinderen
    );
    assert_eq!(
        BvvInvoer::default().leefsituatie,
        BvvLeefsituatie::Alleenstaande
    );
}

fn leefsituatie() -> impl Strategy<Value = BvvLeefsituatie> {
    prop_oneof![
        Just(BvvLeefsituatie::Alleenstaande),
        Just(BvvLeefsituatie::AlleenstaandeOuder),
        Just(BvvLeefsituatie::GehuwdenZonderKinderen),
        Just(BvvLeefsituatie::GehuwdenMetKinderen),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// 475dc-1: never more than 95% of the monthly income; never negative;
    /// the afloscapaciteit is never negative and adds up.
    #[test]
    fn bvv_nooit_meer_dan_95_procent(
        l in leefsituatie(),
        pad in 0u8..3,
        inkomen in 0i64..2_000_000,
        c in 0i64..20_000_000,
        norm in 0i64..300_000,
        art32 in 0i64..300_000,
        partner in 0i64..300_000,
        eigen in 0i64..300_000,
        juli in any::<bool>(),
    ) {
        let r = fixture();
        let i = BvvInvoer {
            leefsituatie: l,
            inkomen_per_maand: Money::from_cents(inkomen),
            bijstand: (pad == 0).then(|| gbi_rules::invordering::BvvBijstand { norm_incl_vakantietoeslag: Money::from_cents(norm), inkomen_art_32: Money::from_cents(art32) }),
            belastbaar_jaarinkomen: Some(Money::from_cents(c)),
            geen_adres: pad == 1,
            partner_inkomen_niet_onder_beslag: Money::from_cents(partner),
            eigen_inkomen_niet_onder_beslag: Money::from_cents(eigen),
            woonkosten_verzoek: None,
        };
        let datum = if juli { d("2026-07-01") } else { d("2026-01-01") };
        let b = r.beslagvrije_voet(datum, &i).unwrap();
        let grens = Money::from_cents(inkomen).percentage(9500, gbi_rules::invordering::bvv::BVV_INKOMEN);
        prop_assert!(b.beslagvrije_voet <= grens);
        prop_assert!(!b.beslagvrije_voet.is_negative());
        prop_assert!(!b.afloscapaciteit.is_negative());
        prop_assert_eq!(b.afloscapaciteit, (Money::from_cents(inkomen) - b.beslagvrije_voet).max(Money::ZERO));
    }

    /// A boete is never negative and never more than its cap: the
    /// benadelingsbedrag (150% on recidive), or the second category
    /// without benadeling.
    #[test]
    fn boete_nooit_boven_maximum(
        bedrag in 0i64..10_000_000,
        v in prop_oneof![Just(Verwijtbaarheid::Opzet), Just(Verwijtbaarheid::GroveSchuld), Just(Verwijtbaarheid::Geen), Just(Verwijtbaarheid::Verminderd)],
        rec in prop_oneof![Just(Recidive::Geen), Just(Recidive::Binnen5Jaar), Just(Recidive::Binnen10JaarNaGevangenisstraf)],
        gewaarschuwd in any::<bool>(),
        zelf in any::<bool>(),
        dringend in any::<bool>(),
    ) {
        let r = fixture();
        let i = BoeteInvoer { benadelingsbedrag: Money::from_cents(bedrag), verwijtbaarheid: v, recidive: rec, eerder_gewaarschuwd_binnen_2_jaar: gewaarschuwd, zelf_gecorrigeerd_binnen_60_dagen: zelf, dringende_redenen: dringend, datum_overtreding: d("2026-02-01") };
        if let BoeteUitkomst::Boete { bedrag: b } = r.boete(d("2026-04-01"), &i).unwrap().uitkomst {
            let max = if bedrag == 0 { 550_000 } else if rec == Recidive::Geen { bedrag } else { bedrag * 3 / 2 };
            prop_assert!(b.cents() >= 0 && b.cents() <= max, "{} > {}", b.cents(), max);
        }
    }
}

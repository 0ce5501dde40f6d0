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

/// The built-in files with the unknown toeslag figures and fine categories
/// filled in with ILLUSTRATIVE numbers (not the law), to test the formula.
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
        if n.contains("beslagvrije-voet") {
            for (k, w) in [
                ("zorgtoeslag_drempelinkomen", "30000"),
                ("zorgtoeslag_standaardpremie", "2400"),
                ("huurtoeslag_maximale_huurgrens", "950"),
                ("huurtoeslag_basishuur_eenpersoons", "200"),
                ("huurtoeslag_basishuur_meerpersoons", "200"),
                ("huurtoeslag_ijkpunt_eenpersoons", "20000"),
                ("huurtoeslag_ijkpunt_meerpersoons", "27000"),
                ("kgb_afbouw_procent", "7"),
                ("kgb_drempel_verhoging_partners", "10000"),
            ] {
                t = vul(&t, k, w);
            }
        }
        if n.contains("boete") {
            t = vul(&t, "categorie_2", "5000");
            t = vul(&t, "categorie_3", "10000");
        }
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

#[test]
fn formule_met_ingevulde_toeslagcijfers() {
    let r = fixture();
    // Alleenstaande, C = 35.000: 95% x 1.401,50 = 1.331,43;
    // zorg (35.000 - 30.000)/12 x 13,73% = 57,2083 -> 57,21 (cap 2.400/12 - 47 = 153,00);
    // huur (35.000 - 20.000) x 27%/12 = 337,50 (cap H - J = 750,00);
    // total 1.726,14; income 2.000 -> 95% = 1.900,00 does not bind; afloscapaciteit 273,86.
    assert_eq!(
        bvv(&r, BvvLeefsituatie::Alleenstaande, 3_500_000, 200_000),
        (172_614, 27_386)
    );
    // Alleenstaande ouder, C = 35.000: 1.331,43 + 57,21 + (8.000 x 22%/12 = 146,67)
    // + (5.000 x 7%/12 = 29,1667 -> 29,17) = 1.564,48.
    assert_eq!(
        bvv(&r, BvvLeefsituatie::AlleenstaandeOuder, 3_500_000, 300_000).0,
        156_448
    );
    // High income: the sum (1.331,43 + 153,00 + 750,00 = 2.234,43) exceeds the
    // published maximum, which then applies (475da-1-a): 2.191,42.
    assert_eq!(
        bvv(&r, BvvLeefsituatie::Alleenstaande, 10_000_000, 500_000).0,
        219_142
    );
    // With children the kgb term keeps rising with C, so the maximum applies.
    for (l, max) in [
        (BvvLeefsituatie::AlleenstaandeOuder, 252_669),
        (BvvLeefsituatie::GehuwdenMetKinderen, 315_531),
    ] {
        assert_eq!(bvv(&r, l, 100_000_000, 900_000).0, max, "{l:?}");
    }
    // Gehuwden zonder kinderen, high C, with these illustrative figures the sum
    // stays below the maximum: 1.902,02 + 94,00 + 750,00 = 2.746,02 < 2.881,41.
    assert_eq!(
        bvv(
            &r,
            BvvLeefsituatie::GehuwdenZonderKinderen,
            100_000_000,
            900_000
        )
        .0,
        274_602
    );
    // Gehuwden met kinderen, C = 45.000: 95% x 2.002,13 = 1.902,02;
    // zorg 15.000 x 13,73%/12 = 171,625 -> 171,63, cap 200,00 - 106,00 = 94,00;
    // huur 18.000 x 22%/12 = 330,00; kgb (45.000 - 40.000) x 7%/12 = 29,17;
    // total 2.355,19. Partner 500 (half = 1.177,59) -> 1.855,19; own 100 -> 1.755,19;
    // income 1.800 -> 95% = 1.710,00 binds; afloscapaciteit 90,00.
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
    // Woonkosten 1.200 on request (475da-5): above 950 + 10% = 1.045,00 -> +155,00.
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
        172_614 + 15_500
    );
}

#[test]
fn boete_met_ingevulde_categorieen() {
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
    // 50% of 20.000 = 10.000, but 20.000 > 100/75 x 10.000 (cat. 3): 50/75 x 10.000 = 6.666,66.
    assert_eq!(
        b(2_000_000, Verwijtbaarheid::Geen),
        BoeteUitkomst::Boete {
            bedrag: Money::from_cents(666_666)
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
            let max = if bedrag == 0 { 500_000 } else if rec == Recidive::Geen { bedrag } else { bedrag * 3 / 2 };
            prop_assert!(b.cents() >= 0 && b.cents() <= max, "{} > {}", b.cents(), max);
        }
    }
}

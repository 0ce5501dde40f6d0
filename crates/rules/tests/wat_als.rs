//! Wat-als and the monthly IIT invitation: hand-computed caseloads, the
//! checks on a draft policy, and (ignored) the timing over 100.000
//! households.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_domain::GemeenteCode;
use gbi_rules::bijstand::{Feiten, Klasse};
use gbi_rules::regelingen::bench::{DEMO_CONCEPT_HAARLEM, bench_iit_uitnodiging, bench_wat_als};
use gbi_rules::regelingen::{BbKosten, Casus, Maandinkomen, Wie};
use gbi_rules::{Parameters, Regels};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn haarlem() -> GemeenteCode {
    GemeenteCode::parse("0392").unwrap()
}

fn alleenstaande(netto: i64, maanden: Vec<Maandinkomen>) -> Casus {
    Casus {
        feiten: Feiten {
            aanvrager: Klasse::Volwassen,
            partner: None,
            kinderen: false,
            kostendelers: 0,
            mantelzorg: false,
            toeslag_20_3: false,
            vermogen: 0,
            woning_leenruimte: 0,
            inkomen: 0,
            inrichting_aanvrager: false,
            inrichting_partner: false,
        },
        kinderen: vec![],
        netto_inkomen_cents: netto,
        iit_maanden: maanden,
        laatste_iit: None,
        bb: None,
    }
}

fn concept() -> gbi_rules::params::ParameterSet {
    Parameters::lees_beleidsconcept("0392-2027-01.toml", DEMO_CONCEPT_HAARLEM).unwrap()
}

#[test]
fn de_demo_draft_on_a_hand_computed_caseload() {
    // Haarlem on 1-7-2026, norm alleenstaande 1.419,46. The draft: IIT
    // € 350 (was € 300), threshold 120% (was 110%), draagkracht 30% (was 25%).
    let regels = Regels::ingebouwd().unwrap();
    let c = concept();
    let caseload = vec![
        // A: 36 months on bijstand: IIT € 300 → € 350: +50,00.
        alleenstaande(141_946, vec![Maandinkomen::Bijstand; 36]),
        // B: 36 months of 1.600,00: above 110% (1.561,40) but not above
        // 120% (1.703,35): a new right of € 350.
        alleenstaande(141_946, vec![Maandinkomen::Bewezen(160_000); 36]),
        // C: bewindvoering 140,00 a month; income 1.619,46: 100,00 above
        // norm + € 100. 25%: 25,00 × 12 = 300,00, bb 1.680,00 − 300,00 =
        // 1.380,00 a year; 30%: 30,00 × 12 = 360,00, bb 1.320,00: −60,00.
        Casus {
            bb: Some(BbKosten {
                kostensoort: "bewindvoering".into(),
                kosten_cents: 14_000,
                periodiek: true,
            }),
            ..alleenstaande(161_946, vec![])
        },
    ];
    let w = regels
        .wat_als(haarlem(), d("2026-07-01"), &c, &caseload)
        .unwrap();
    let verschil: Vec<i64> = w.regels.iter().map(|r| r.verschil_per_jaar_cents).collect();
    assert_eq!(verschil, vec![5_000, 35_000, -6_000]);
    let t = w.totalen;
    assert_eq!(
        (t.huishoudens, t.erop_vooruit, t.erop_achteruit, t.gelijk),
        (3, 2, 1, 0)
    );
    assert_eq!(t.verschil_per_jaar_cents, 34_000);
    assert_eq!(
        (t.iit_huidig_per_jaar_cents, t.iit_concept_per_jaar_cents),
        (30_000, 70_000)
    );
    assert_eq!(
        (t.bb_huidig_per_jaar_cents, t.bb_concept_per_jaar_cents),
        (138_000, 132_000)
    );
    assert_eq!((t.iit_recht_erbij, t.iit_recht_eraf), (1, 0));
    assert_eq!(
        (t.grootste_winst_cents, t.grootste_verlies_cents),
        (35_000, -6_000)
    );
    assert_eq!(w.regels[2].huidig.draagkracht_cents, 30_000);
    assert_eq!(w.regels[2].concept.draagkracht_cents, 36_000);
    // The examples: the biggest gain and the biggest loss, explained under
    // both policies, with their articles.
    let idx: Vec<usize> = w.voorbeelden.iter().map(|v| v.regel.index).collect();
    assert_eq!(idx, vec![1, 2]);
    let v = &w.voorbeelden[0];
    let grens = |u: &gbi_rules::Uitleg<'_>| u.zoek("iit.inkomensgrens").map(|s| s.uitkomst);
    assert_eq!(
        grens(&v.huidig),
        Some(gbi_rules::Grootheid::Bedrag(156_140))
    );
    assert_eq!(
        grens(&v.concept),
        Some(gbi_rules::Grootheid::Bedrag(170_335))
    );
    assert!(
        v.concept
            .stappen
            .iter()
            .any(|s| s.verwijzing.contains("art. 36"))
    );
}

#[test]
fn the_same_policy_changes_nothing() {
    let regels = Regels::ingebouwd().unwrap();
    let datum = d("2026-07-01");
    let huidig = regels.parameters.beleid(haarlem(), datum).unwrap().clone();
    let mut zelfde = huidig.clone();
    zelfde.geldig_van = d("2027-01-01");
    let caseload = gbi_rules::regelingen::bench::caseload(500, datum, 3);
    let w = regels
        .wat_als(haarlem(), datum, &zelfde, &caseload)
        .unwrap();
    assert_eq!(w.totalen.gelijk + w.totalen.niet_berekend, 500);
    assert_eq!(w.totalen.verschil_per_jaar_cents, 0);
    assert!(w.niet_berekend.is_empty(), "{:?}", w.niet_berekend.first());
}

#[test]
fn a_draft_must_be_dated_in_the_future_and_of_the_gemeente() {
    let regels = Regels::ingebouwd().unwrap();
    let c = concept();
    let e = regels
        .wat_als(haarlem(), d("2027-01-01"), &c, &[])
        .unwrap_err();
    assert!(e.to_string().contains("concept.geldig_van"), "{e}");
    let e = regels
        .wat_als(
            GemeenteCode::parse("0153").unwrap(),
            d("2026-07-01"),
            &c,
            &[],
        )
        .unwrap_err();
    assert!(e.to_string().contains("niet van gemeente"), "{e}");
    let fout = Parameters::lees_beleidsconcept(
        "x.toml",
        &DEMO_CONCEPT_HAARLEM.replace("[iit_inkomenstoets]", "[iit_toets_x]"),
    )
    .unwrap_err();
    assert!(fout.to_string().contains("iit_toets_x"), "{fout}");
}

#[test]
fn an_own_client_is_invited_again_twelve_months_after_the_last_iit() {
    // 36-3 counted back from the run date 1-7-2026: an IIT on 1-7-2025 still
    // bars, one on 30-6-2025 no longer does.
    let regels = Regels::ingebouwd().unwrap();
    let maanden = vec![Maandinkomen::Bijstand; 36];
    let met = |laatste: Option<&str>| Casus {
        laatste_iit: laatste.map(d),
        ..alleenstaande(141_946, maanden.clone())
    };
    let clienten = vec![
        met(Some("2025-07-01")),
        met(Some("2025-06-30")),
        met(None),
        Casus {
            iit_maanden: vec![Maandinkomen::Bewezen(200_000); 36],
            ..met(Some("2024-01-01"))
        },
    ];
    let run = |wie| {
        regels
            .iit_uitnodigingen(haarlem(), d("2026-07-01"), &clienten, wie)
            .unwrap()
    };
    let u = run(Wie::NaEerdereIit);
    let idx: Vec<usize> = u.uitnodigen.iter().map(|x| x.index).collect();
    assert_eq!(idx, vec![1]);
    assert_eq!(u.uitnodigen[0].bedrag_cents, 30_000);
    assert_eq!(u.niet, 3);
    // Nobody has judged the prospect of income improvement: the invitation
    // says a person will.
    assert!(!u.uitnodigen[0].beoordeling.voor_medewerker.is_empty());
    let u = run(Wie::Iedereen);
    let idx: Vec<usize> = u.uitnodigen.iter().map(|x| x.index).collect();
    assert_eq!(idx, vec![1, 2]);
}

/// The timing over 100.000 households; prints, never fails on a slow
/// machine. `cargo nextest run -p gbi-rules --run-ignored only --release`
/// or the example `regelingen_bench`.
#[test]
#[ignore = "timing; run by hand in release mode"]
fn timing_over_100000_households() {
    let regels = Regels::ingebouwd().unwrap();
    let datum = d("2026-07-01");
    let (m, t) = bench_wat_als(&regels, datum, 100_000).unwrap();
    println!(
        "wat-als: {} households in {:?}: {t:?}",
        m.huishoudens, m.duur
    );
    let (m, u) = bench_iit_uitnodiging(&regels, datum, 100_000).unwrap();
    println!(
        "IIT invitation: {} clients in {:?}, {} invited",
        m.huishoudens,
        m.duur,
        u.uitnodigen.len()
    );
}

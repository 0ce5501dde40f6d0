#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::Parameters;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn haarlem() -> GemeenteCode {
    GemeenteCode::parse("0392").unwrap()
}

#[test]
fn shipped_catalogue_loads_with_every_regeling() {
    let c = Catalogi::ingebouwd().unwrap();
    let cat = c.op(d("2026-11-01")).unwrap();
    for r in RegelingCode::ALL {
        let regeling = cat.regeling(r).unwrap();
        assert!(!regeling.criteria.is_empty());
        // The cheapest criterion comes first: what the gemeente knows itself.
        assert_eq!(regeling.criteria[0].bron, BronCode::Brp, "{r:?}");
    }
    assert!(c.op(d("2025-12-31")).is_none());
}

#[test]
fn thresholds_follow_norms_and_policy() {
    let params = Parameters::ingebouwd().unwrap();
    let peil = params.peil(d("2026-11-01"), Some(haarlem())).unwrap();
    let c = Catalogi::ingebouwd().unwrap();
    let cat = c.op(d("2026-11-01")).unwrap();
    let alleen = Leefsituatie {
        geboren: d("1980-03-01"),
        samen: false,
        kinderen: false,
    };
    let samen = Leefsituatie {
        samen: true,
        ..alleen
    };
    let ouder = Leefsituatie {
        kinderen: true,
        ..alleen
    };

    let bijstand = Vragen::voor(
        cat.regeling(RegelingCode::Bijstand).unwrap(),
        &peil,
        haarlem(),
    )
    .unwrap();
    // Norms of 1-7-2026: 1.419,46 alleenstaande, 2.027,79 gehuwden (art. 21).
    assert_eq!(
        bijstand.vraag(1, &alleen),
        Some(Vraag::Inkomen {
            grens: Money::from_cents(141_946),
            maanden: 3,
            ten_hoogste: false
        })
    );
    assert_eq!(
        bijstand.vraag(1, &samen),
        Some(Vraag::Inkomen {
            grens: Money::from_cents(202_779),
            maanden: 3,
            ten_hoogste: false
        })
    );
    // Vermogensgrens 2026: 8.000 / 16.000 / 16.000 (art. 34).
    assert_eq!(
        bijstand.vraag(3, &alleen),
        Some(Vraag::Vermogen {
            grens: Money::from_euros(8_000)
        })
    );
    assert_eq!(
        bijstand.vraag(3, &ouder),
        Some(Vraag::Vermogen {
            grens: Money::from_euros(16_000)
        })
    );
    assert_eq!(
        bijstand.vraag(2, &alleen),
        Some(Vraag::OntvangtRegeling {
            regeling: RegelingCode::Bijstand,
            maanden: 1
        })
    );

    // IIT in the Haarlem demo policy: 110% over 36 months.
    // 1.419,46 × 1,10 = 1.561,406 → 1.561,40 (rounded down).
    let iit = Vragen::voor(cat.regeling(RegelingCode::Iit).unwrap(), &peil, haarlem()).unwrap();
    assert_eq!(
        iit.vraag(1, &alleen),
        Some(Vraag::Inkomen {
            grens: Money::from_cents(156_140),
            maanden: 36,
            ten_hoogste: true
        })
    );
    // Enschede's demo policy says 105% over 60 months (from 2026):
    // 2.027,79 × 1,05 = 2.129,1795 → 2.129,17.
    let enschede = GemeenteCode::parse("0153").unwrap();
    let peil_e = params.peil(d("2026-11-01"), Some(enschede)).unwrap();
    let iit_e = Vragen::voor(cat.regeling(RegelingCode::Iit).unwrap(), &peil_e, enschede).unwrap();
    assert_eq!(
        iit_e.vraag(1, &samen),
        Some(Vraag::Inkomen {
            grens: Money::from_cents(212_917),
            maanden: 60,
            ten_hoogste: true
        })
    );
}

#[test]
fn age_criteria_are_decided_locally() {
    let params = Parameters::ingebouwd().unwrap();
    let peil = params.peil(d("2026-11-01"), Some(haarlem())).unwrap();
    let c = Catalogi::ingebouwd().unwrap();
    let cat = c.op(d("2026-11-01")).unwrap();
    let iit = Vragen::voor(cat.regeling(RegelingCode::Iit).unwrap(), &peil, haarlem()).unwrap();
    let bb = Vragen::voor(
        cat.regeling(RegelingCode::BijzondereBijstand).unwrap(),
        &peil,
        haarlem(),
    )
    .unwrap();
    let op = |geboren: &str, kinderen: bool| Leefsituatie {
        geboren: d(geboren),
        samen: false,
        kinderen,
    };
    // 21 on 2 November 2026: not yet on the peildatum.
    assert_eq!(
        iit.vraag(0, &op("2005-11-02", false)),
        Some(Vraag::Lokaal(false))
    );
    assert_eq!(
        iit.vraag(0, &op("2005-11-01", false)),
        Some(Vraag::Lokaal(true))
    );
    // Born 1950: long past the AOW age.
    assert_eq!(
        iit.vraag(0, &op("1950-01-01", false)),
        Some(Vraag::Lokaal(false))
    );
    assert_eq!(
        bb.vraag(0, &op("1950-01-01", false)),
        Some(Vraag::Lokaal(true))
    );
    assert_eq!(
        bb.vraag(0, &op("1990-01-01", false)),
        Some(Vraag::Lokaal(false))
    );
    assert_eq!(
        bb.vraag(0, &op("1990-01-01", true)),
        Some(Vraag::Lokaal(true))
    );
}

#[test]
fn bad_files_name_the_problem() {
    let goed = INGEBOUWD[0].1;
    let fout = Catalogi::laden([(
        "x.toml",
        goed.replacen("bron = \"uwv\"", "bron = \"belastingdienst\"", 1)
            .as_str(),
    )])
    .unwrap_err();
    assert!(
        fout.to_string().contains("wordt beantwoord door uwv"),
        "{fout}"
    );
    let fout = Catalogi::laden([(
        "x.toml",
        goed.replacen("procent = 100", "procent = 0", 1).as_str(),
    )])
    .unwrap_err();
    assert!(fout.to_string().contains("procent"), "{fout}");
    let fout = Catalogi::laden([(
        "x.toml",
        goed.replacen(
            "procent_beleid = \"iit_inkomensgrens_procent\"",
            "procent_beleid = \"iit_bedrag_gehuwden\"",
            1,
        )
        .as_str(),
    )])
    .unwrap_err();
    assert!(fout.to_string().contains("procent_beleid"), "{fout}");
    let fout = Catalogi::laden([("a.toml", goed), ("b.toml", goed)]).unwrap_err();
    assert!(fout.to_string().contains("overlapt"), "{fout}");
}

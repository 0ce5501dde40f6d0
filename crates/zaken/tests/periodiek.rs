//! A periodic bijzondere bijstand on the running benefit's ledger, on the
//! database of GBI_TEST_DB: the approval starts a benefit of its own
//! regeling with a fixed amount and an end date; the betaalrun pays the
//! bewindvoerder each month it runs and nothing after; the machinery of
//! algemene bijstand (wat-als, the IIT's months and invitations) never
//! takes it for bijstand.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use gbi_domain::{Besluittype, Bsn, Iban, Maand, Money, ZaakStatus};
use gbi_store::behandeling::Overgang;
use gbi_store::besluiten::{self, Oordeel};
use gbi_store::{betalingen, iit_uitnodigingen, synthetisch, uitkeringen};
use gbi_zaken::betaalrun;
use gbi_zaken::eenmalig::Begunstigde;
use gbi_zaken::periodiek::{self, Periodiek};
use gbi_zaken::regeling::Regeling;
use gbi_zaken::regeling::alo::Alo;
use gbi_zaken::regeling::bijzondere_bijstand::BijzondereBijstand;
use serde_json::json;

const BSN: &str = "999993653";
const BEWINDVOERDER: &str = "Bewindvoering Spaarne B.V.";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn maand(m: &str) -> Maand {
    Maand::parse(m).unwrap()
}

#[tokio::test]
async fn a_periodic_grant_is_paid_to_the_bewindvoerder_each_month_it_runs_and_is_no_bijstand() {
    let (db, _t, scope) = common::haarlem().await;
    synthetisch::caseload(&db, &scope, 3, "2026-01-01")
        .await
        .unwrap();
    let voor = uitkeringen::caseload_lezen(&db, &scope, Alo.code(), "2026-08-15", "t")
        .await
        .unwrap();

    // € 135,50 a month for August and September, approved by a second person.
    let zaak = common::zaak_met(&db, &scope, BSN, "0", d("2026-07-01")).await;
    let p = Periodiek {
        bedrag_per_maand: Money::from_cents(13_550),
        ingangsdatum: d("2026-08-01"),
        einddatum: d("2026-09-30"),
        begunstigde: Begunstigde {
            naam: BEWINDVOERDER.into(),
            iban: Iban::parse("NL91ABNA0417164300").unwrap(),
            derde: true,
        },
        motivering: "Beschermingsbewind.".into(),
    };
    let besluit = besluiten::voorstellen(
        &db,
        &scope,
        &zaak.id,
        Besluittype::Toekenning,
        &json!({ "soort": "periodiek" }),
        "medewerker-a",
        Overgang::naar(ZaakStatus::Toetsen),
    )
    .await
    .unwrap();
    let oordeel = Oordeel {
        door: "medewerker-b",
        goedgekeurd: true,
        opmerking: None,
        overgang: Overgang {
            resultaat: Some("toegekend".into()),
            einddatum: Some("2026-07-10".into()),
            ..Overgang::naar(ZaakStatus::Afgehandeld)
        },
        uitkering: Some(periodiek::uitkering(&BijzondereBijstand, &p)),
        eenmalige_betaling: None,
        vordering: None,
        werk: vec![],
    };
    besluiten::beoordelen(&db, &scope, &besluit.id, oordeel)
        .await
        .unwrap();
    let u = uitkeringen::voor_zaak(&db, &scope, &zaak.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            u.regeling.as_str(),
            u.einddatum.as_deref(),
            u.begunstigde_naam.as_deref()
        ),
        (
            "bijzondere_bijstand",
            Some("2026-09-30"),
            Some(BEWINDVOERDER)
        )
    );

    // Wat-als, the IIT's months of bijstand and its invitations read
    // algemene bijstand only.
    let na = uitkeringen::caseload_lezen(&db, &scope, Alo.code(), "2026-08-15", "t")
        .await
        .unwrap();
    assert_eq!(
        (na.uitkeringen.len(), na.zonder_feiten),
        (voor.uitkeringen.len(), voor.zonder_feiten)
    );
    let bsn = Bsn::parse(BSN).unwrap();
    assert!(
        uitkeringen::perioden(&db, &scope, &bsn, Alo.code())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        iit_uitnodigingen::kandidaten(&db, &scope, "2026-08-15")
            .await
            .unwrap()
            .iter()
            .all(|k| k.bsn != bsn)
    );

    // August and September pay the bewindvoerder the exact amount; October
    // pays the benefits of bijstand only.
    let regels = gbi_rules::Regels::ingebouwd().unwrap();
    for m in ["2026-08", "2026-09", "2026-10"] {
        let run = betaalrun::berekenen(&db, &scope, &regels, maand(m), "a", |_, _| {})
            .await
            .unwrap();
        let van_run = betalingen::van_run(&db, &scope, &run.id).await.unwrap();
        let aan_bewind: Vec<_> = van_run
            .iter()
            .filter(|b| b.iban.as_str() == "NL91ABNA0417164300")
            .collect();
        if m == "2026-10" {
            assert!(aan_bewind.is_empty(), "{m}: {aan_bewind:?}");
            continue;
        }
        assert_eq!(aan_bewind.len(), 1, "{m}");
        let b = aan_bewind[0];
        assert_eq!(b.bedrag, Money::from_cents(13_550), "{m}");
        assert_eq!(b.naam, BEWINDVOERDER);
        assert_eq!(
            b.omschrijving,
            format!("Bijzondere bijstand {}", maand(m).dutch_name())
        );
    }
}

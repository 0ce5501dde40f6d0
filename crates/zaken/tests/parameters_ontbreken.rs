//! Issue 14: a month whose national parameters are missing (January 2027,
//! after the last files end), on the database of GBI_TEST_DB. Outside the
//! demo the betaalrun pays nothing for it, says why in plain words and
//! leaves a task for a medewerker; the ledger gives the resident a B1
//! sentence and no amounts — never the figures of December. Only the demo's
//! rules carry the figures forward, and then every amount says it is
//! provisional.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use gbi_domain::{Maand, Money, TaakSoort};
use gbi_payments::grootboek::{self, Feiten, Looptijd, Periode};
use gbi_rules::{Huishouden, Regels};
use gbi_store::{betaalrun_overzicht, betalingen};
use gbi_zaken::betaalrun;

fn huishouden() -> serde_json::Value {
    serde_json::json!({ "aanvrager": { "geboortedatum": "1985-03-01" } })
}

#[tokio::test]
async fn outside_the_demo_a_month_without_parameters_is_work_for_a_person() {
    let (db, _t, scope, zaak) = common::haarlem_met_uitkering("2026-11-01").await;
    let code = scope.gemeente;
    let januari = Maand::parse("2027-01").unwrap();
    let regels = Regels::ingebouwd().unwrap();

    let run = betaalrun::berekenen(&db, &scope, &regels, januari, "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(run.aantal, 0, "nothing is paid with last period's figures");
    let x = betaalrun_overzicht::uitzonderingen(&db, &scope, &run.id)
        .await
        .unwrap();
    assert_eq!(x.len(), 1);
    assert!(
        x[0].reden.contains("staan nog niet in GBI")
            && x[0].reden.contains("gbi params check")
            && x[0].reden.contains("1 januari 2027"),
        "{}",
        x[0].reden
    );
    let taken = gbi_store::zaken::taken(&db, &scope, &zaak).await.unwrap();
    let taak = taken
        .iter()
        .find(|t| t.soort == TaakSoort::BetalingNietBerekend && t.status == "open")
        .expect("a task for a medewerker");
    assert!(
        taak.toelichting
            .as_deref()
            .is_some_and(|t| t.contains("staan nog niet in GBI")),
        "{taak:?}"
    );

    // The ledger: December has its amounts, January none and a B1 reason.
    let basis: Huishouden = serde_json::from_value(huishouden()).unwrap();
    let feiten = Feiten::alleen(basis);
    let looptijd = Looptijd {
        periode: Periode {
            ingangsdatum: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            einddatum: None,
        },
        tot: januari,
    };
    let boek = grootboek::grootboek(&regels, code, &feiten, &[], looptijd, |_| Money::ZERO);
    let (dec, jan) = (&boek[1], &boek[2]);
    assert!(dec.fout.is_none() && dec.recht.as_ref().is_some_and(|r| !r.voorlopig));
    assert!(jan.recht.is_none());
    assert_eq!(jan.verschuldigd, Money::ZERO);
    let b1 = jan.fout_inwoner.as_deref().unwrap();
    assert!(
        b1.contains("U hoeft niets te doen") && !b1.contains("bijstandsnormen"),
        "{b1}"
    );

    // The demo's rules carry December's figures forward, marked provisional.
    let demo = regels.met_voorlopig_doortrekken();
    let boek = grootboek::grootboek(&demo, code, &feiten, &[], looptijd, |_| Money::ZERO);
    let jan = boek[2].recht.as_ref().expect("carried forward in the demo");
    assert!(jan.voorlopig);
    assert_eq!(
        jan.uitkomst.bijstand_cents,
        boek[1].recht.as_ref().unwrap().uitkomst.bijstand_cents
    );
    let run = betaalrun::berekenen(&db, &scope, &demo, januari, "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(run.aantal, 1);
    assert!(
        betalingen::runs(&db, &scope)
            .await
            .unwrap()
            .iter()
            .any(|r| r.maand == "2027-01")
    );
}

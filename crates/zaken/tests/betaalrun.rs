//! The betaalrun process on the database of GBI_TEST_DB: a run twice pays
//! once; a second person approves; the SEPA file validates against the
//! pain.001.001.09 XSD (vendored in gbi-payments); a month that cannot be
//! computed is an exception and a task, once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

fn regels() -> gbi_rules::Regels {
    gbi_rules::Regels::ingebouwd().unwrap()
}

mod common;

use chrono::NaiveDate;
use common::xmllint_valid;
use gbi_domain::Maand;
use gbi_store::{StoreError, betalingen, synthetisch};
use gbi_zaken::betaalrun::{self, RunFout};

#[tokio::test]
async fn a_run_twice_pays_once_and_the_sepa_file_validates() {
    let (db, _t, scope) = common::haarlem().await;
    synthetisch::caseload(&db, &scope, 250, "2026-07-16")
        .await
        .unwrap();
    let maand = Maand::parse("2026-07").unwrap();

    let mut seen = Vec::new();
    let run = betaalrun::berekenen(&db, &scope, &regels(), maand, "medewerker-a", |d, t| {
        seen.push((d, t))
    })
    .await
    .unwrap();
    assert_eq!(run.aantal, 250);
    assert_eq!(seen.last(), Some(&(250, 250)));
    let again = betaalrun::berekenen(&db, &scope, &regels(), maand, "medewerker-a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(
        (again.id.as_str(), again.aantal, again.totaal),
        (run.id.as_str(), run.aantal, run.totaal),
        "nobody paid twice"
    );

    // Without the gemeente's own account no file can be made.
    let no_account = betaalrun::goedkeuren(
        &db,
        &scope,
        &run.id,
        "medewerker-b",
        NaiveDate::from_ymd_opt(2026, 7, 20)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    )
    .await;
    assert!(matches!(no_account, Err(RunFout::GeenRekening)));
    common::eigen_rekening(&db, &scope).await;

    // The one who made the run cannot approve it.
    let nu = common::om_negen(2026, 7, 20);
    let own = betaalrun::goedkeuren(&db, &scope, &run.id, "medewerker-a", nu).await;
    assert!(
        matches!(own, Err(RunFout::Store(StoreError::Conflict(m))) if m == betalingen::EIGEN_RUN)
    );
    let (released, xml) = betaalrun::goedkeuren(&db, &scope, &run.id, "medewerker-b", nu)
        .await
        .unwrap();
    assert_eq!(released.status, "vrijgegeven");
    xmllint_valid(&xml).unwrap();
    assert_eq!(xml.matches("<CdtTrfTxInf>").count(), 250);
    assert!(xml.contains("<CtrlSum>"));
    // Once released, a new run for the month changes nothing.
    let after = betaalrun::berekenen(&db, &scope, &regels(), maand, "medewerker-a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(after.status, "vrijgegeven");
    assert_eq!(
        betalingen::sepa_bestand(&db, &scope, &run.id)
            .await
            .unwrap()
            .as_deref(),
        Some(xml.as_str())
    );
}

#[tokio::test]
async fn a_month_that_cannot_be_computed_is_an_exception_and_one_task() {
    let (db, _t, scope) = common::haarlem().await;
    synthetisch::caseload(&db, &scope, 3, "2026-01-01")
        .await
        .unwrap();
    // Household facts the rules cannot use.
    let zaak = gbi_store::testing::lopende_uitkering(
        &db,
        "0392",
        "999993653",
        "Kapot Huishouden",
        "2026-01-01",
        &serde_json::json!({"geen": "aanvrager"}),
    )
    .await;
    let maand = Maand::parse("2026-07").unwrap();
    for _ in 0..2 {
        let run = betaalrun::berekenen(&db, &scope, &regels(), maand, "a", |_, _| {})
            .await
            .unwrap();
        assert_eq!(run.aantal, 3, "the other benefits are paid");
        let x = gbi_store::betaalrun_overzicht::uitzonderingen(&db, &scope, &run.id)
            .await
            .unwrap();
        assert_eq!(x.len(), 1, "{x:?}");
        assert_eq!(x[0].zaak_id, zaak);
        assert!(x[0].reden.contains("aanvrager"), "{}", x[0].reden);
    }
    let taken = gbi_store::zaken::taken(&db, &scope, &zaak).await.unwrap();
    let open: Vec<_> = taken
        .iter()
        .filter(|t| t.soort == gbi_store::betaalrun_overzicht::TAAK_SOORT)
        .collect();
    assert_eq!(open.len(), 1, "one task, however often the run is repeated");
    assert_eq!(open[0].voor, gbi_domain::TaakVoor::Medewerker);
    assert_eq!(open[0].titel, "Betaling juli 2026 niet berekend");
    assert_eq!(open[0].status, "open");

    // Fixed, the run computed again pays the month; the task is done.
    gbi_store::testing::execute(
        &db,
        &format!(
            "UPDATE uitkeringen SET huishouden = '{{\"aanvrager\": {{\"geboortedatum\": \"1985-03-01\"}}}}' WHERE zaak_id = '{zaak}'"
        ),
    )
    .await;
    let run = betaalrun::berekenen(&db, &scope, &regels(), maand, "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(run.aantal, 4);
    assert!(
        gbi_store::betaalrun_overzicht::uitzonderingen(&db, &scope, &run.id)
            .await
            .unwrap()
            .is_empty()
    );
    let taken = gbi_store::zaken::taken(&db, &scope, &zaak).await.unwrap();
    assert!(
        taken
            .iter()
            .filter(|t| t.soort == gbi_store::betaalrun_overzicht::TAAK_SOORT)
            .all(|t| t.status == "afgerond"),
        "{taken:?}"
    );
}

#[tokio::test]
async fn names_keep_their_letters_in_the_sepa_file_and_one_without_latin_letters_waits_for_a_person()
 {
    let (db, _t, scope) = common::haarlem().await;
    let huishouden = serde_json::json!({"aanvrager": {"geboortedatum": "1985-03-01"}});
    for (bsn, naam) in [
        ("999990007", "Iñes María Núria de Velázquez"),
        ("999990019", "Олександр Шевченко"),
        ("999990032", "王秀英"),
        ("999990044", "Νίκος Παπαδόπουλος"),
    ] {
        gbi_store::testing::lopende_uitkering(&db, "0392", bsn, naam, "2026-01-01", &huishouden)
            .await;
    }
    let zonder_letters = gbi_store::testing::lopende_uitkering(
        &db,
        "0392",
        "999990020",
        // A name lost in an import: no letter left to pay to.
        "??? ★",
        "2026-01-01",
        &huishouden,
    )
    .await;
    let maand = Maand::parse("2026-07").unwrap();
    let run = betaalrun::berekenen(&db, &scope, &regels(), maand, "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(run.aantal, 4, "the others are paid");
    let x = gbi_store::betaalrun_overzicht::uitzonderingen(&db, &scope, &run.id)
        .await
        .unwrap();
    assert_eq!(x.len(), 1, "{x:?}");
    assert_eq!(x[0].zaak_id, zonder_letters);
    assert!(x[0].reden.contains("Latijnse letters"), "{}", x[0].reden);

    common::eigen_rekening(&db, &scope).await;
    // Approved on a Saturday: the bank executes on Monday.
    let zaterdag = common::om_negen(2026, 7, 4);
    let voor = gbi_store::logboek::count(&db, &scope, &gbi_store::logboek::UITKERING_BETALEN)
        .await
        .unwrap();
    let (_, xml) = betaalrun::goedkeuren(&db, &scope, &run.id, "b", zaterdag)
        .await
        .unwrap();
    // Approving and releasing the file to the bank are on record for each
    // resident paid: two actions, a record each.
    let na = gbi_store::logboek::count(&db, &scope, &gbi_store::logboek::UITKERING_BETALEN)
        .await
        .unwrap();
    assert_eq!(na - voor, 2 * 4);
    xmllint_valid(&xml).unwrap();
    assert!(
        xml.contains("<Nm>Ines Maria Nuria de Velazquez</Nm>"),
        "{xml}"
    );
    assert!(xml.contains("<Nm>Oleksandr Shevchenko</Nm>"), "{xml}");
    assert!(xml.contains("<Nm>Wang Xiu Ying</Nm>"), "{xml}");
    assert!(xml.contains("<Nm>Nikos Papadopoulos</Nm>"), "{xml}");
    assert!(
        xml.contains("<ReqdExctnDt><Dt>2026-07-06</Dt></ReqdExctnDt>"),
        "{xml}"
    );
    assert!(
        xml.contains("<MsgId>GBI-0392-2026-07-20260704090000</MsgId>"),
        "{xml}"
    );
}

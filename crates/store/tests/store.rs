//! The data layer on the backend chosen by GBI_TEST_DB (sqlite or postgres).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gbi_domain::{Bsn, GemeenteCode, Iban};
use gbi_store::inwoners::{self, Changes, NewInwoner};
use gbi_store::testing::{self, fresh};
use gbi_store::{Scope, StoreError, gemeenten, logboek};
use sqlx::Executor;

fn code(s: &str) -> GemeenteCode {
    GemeenteCode::parse(s).unwrap()
}

async fn two_gemeenten(db: &gbi_store::Db) {
    gemeenten::ensure(db, &code("0392"), "Haarlem", true)
        .await
        .unwrap();
    gemeenten::ensure(db, &code("0153"), "Enschede", true)
        .await
        .unwrap();
}

fn new(bsn: &str, naam: &str) -> NewInwoner {
    NewInwoner {
        bsn: Bsn::parse(bsn).unwrap(),
        naam: naam.into(),
        email: None,
        telefoon: None,
        iban: None,
    }
}

#[tokio::test]
async fn migrations_are_current_and_idempotent() {
    let (db, _t) = fresh().await;
    assert!(db.migration_status().await.unwrap().is_current());
    assert_eq!(db.migrate().await.unwrap(), 0);
}

#[tokio::test]
async fn every_table_belongs_to_a_gemeente() {
    let (db, _t) = fresh().await;
    let tables = testing::tables(&db).await;
    assert!(tables.len() >= 5, "{tables:?}");
    for t in tables {
        assert!(
            testing::has_gemeente_code(&db, &t).await,
            "table {t} has no gemeente_code"
        );
    }
}

#[tokio::test]
async fn inwoner_round_trip_with_processing_log() {
    let (db, _t) = fresh().await;
    two_gemeenten(&db).await;
    let haarlem = Scope::system(code("0392"), "test");
    let created = inwoners::create(&db, &haarlem, new("999993549", "Jan Jansen"), "test create")
        .await
        .unwrap();
    let got = inwoners::get(&db, &haarlem, &created.id, "test get")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(got, created);
    let changed = inwoners::update(
        &db,
        &haarlem,
        &created.id,
        Some(1),
        Changes {
            iban: Some(Some(Iban::parse("NL91ABNA0417164300").unwrap())),
            ..Default::default()
        },
        "test update",
    )
    .await
    .unwrap();
    assert_eq!(changed.versie, 2);
    assert_eq!(changed.iban.unwrap().as_str(), "NL91ABNA0417164300");
    // A stale version is refused.
    let stale =
        inwoners::update(&db, &haarlem, &created.id, Some(1), Changes::default(), "t").await;
    assert!(matches!(stale, Err(StoreError::StaleVersion)));
    // Three processings logged, newest first, about this resident only.
    let log = logboek::list(&db, &haarlem, Some(&created.bsn), None, 10)
        .await
        .unwrap();
    let activities: Vec<_> = log
        .iter()
        .map(|r| r.verwerkingsactiviteit.as_str())
        .collect();
    assert_eq!(
        activities,
        [
            "gbi.inwoner.wijzigen",
            "gbi.inwoner.raadplegen",
            "gbi.inwoner.registreren"
        ]
    );
    assert!(log.iter().all(|r| !r.betrokkene.contains("999993549")));
}

#[tokio::test]
async fn another_gemeente_sees_nothing() {
    let (db, _t) = fresh().await;
    two_gemeenten(&db).await;
    let haarlem = Scope::system(code("0392"), "test");
    let enschede = Scope::system(code("0153"), "test");
    let i = inwoners::create(&db, &enschede, new("999993549", "Jan Jansen"), "t")
        .await
        .unwrap();
    assert!(
        inwoners::get(&db, &haarlem, &i.id, "t")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        inwoners::search(&db, &haarlem, "Jan", 50, 0, "t")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        inwoners::update(&db, &haarlem, &i.id, None, Changes::default(), "t").await,
        Err(StoreError::NotFound)
    ));
    assert!(
        logboek::list(&db, &haarlem, None, None, 50)
            .await
            .unwrap()
            .is_empty()
    );
    // The same BSN may be a resident of both (after a move), once per gemeente.
    inwoners::create(&db, &haarlem, new("999993549", "Jan Jansen"), "t")
        .await
        .unwrap();
    assert!(matches!(
        inwoners::create(&db, &haarlem, new("999993549", "J"), "t").await,
        Err(StoreError::Conflict(_))
    ));
}

#[tokio::test]
async fn audit_chain_detects_a_changed_record() {
    let (db, _t) = fresh().await;
    two_gemeenten(&db).await;
    let s = Scope::system(code("0392"), "test");
    let i = inwoners::create(&db, &s, new("999993549", "Jan Jansen"), "t")
        .await
        .unwrap();
    for _ in 0..3 {
        inwoners::get(&db, &s, &i.id, "t").await.unwrap();
    }
    let reports = logboek::verify(&db).await.unwrap();
    assert!(reports.iter().all(|r| r.problems.is_empty()), "{reports:?}");
    assert_eq!(
        reports
            .iter()
            .find(|r| r.gemeente_code == "0392")
            .unwrap()
            .records,
        4
    );

    db.pool()
        .execute("UPDATE verwerkingen SET actor = 'medewerker:iemand-anders' WHERE seq = 2")
        .await
        .unwrap();
    let reports = logboek::verify(&db).await.unwrap();
    let haarlem = reports.iter().find(|r| r.gemeente_code == "0392").unwrap();
    assert!(
        haarlem
            .problems
            .iter()
            .any(|p| p.contains("record 2 is gewijzigd")),
        "{haarlem:?}"
    );
}

#[tokio::test]
async fn audit_chain_detects_a_deleted_record() {
    let (db, _t) = fresh().await;
    two_gemeenten(&db).await;
    let s = Scope::system(code("0153"), "test");
    let i = inwoners::create(&db, &s, new("999993549", "Jan Jansen"), "t")
        .await
        .unwrap();
    inwoners::get(&db, &s, &i.id, "t").await.unwrap();
    inwoners::get(&db, &s, &i.id, "t").await.unwrap();
    db.pool()
        .execute("DELETE FROM verwerkingen WHERE seq = 2")
        .await
        .unwrap();
    let reports = logboek::verify(&db).await.unwrap();
    let r = reports.iter().find(|r| r.gemeente_code == "0153").unwrap();
    assert!(!r.problems.is_empty());
}

#[tokio::test]
async fn concurrent_writes_keep_the_chain_whole() {
    let (db, _t) = fresh().await;
    two_gemeenten(&db).await;
    let mut handles = Vec::new();
    for n in 0..40u32 {
        let db = db.clone();
        handles.push(tokio::spawn(async move {
            let g = if n % 2 == 0 { "0392" } else { "0153" };
            let s = Scope::system(code(g), "test");
            let bsn = Bsn::from_prefix(10_000_000 + n * 7).unwrap();
            inwoners::create(
                &db,
                &s,
                NewInwoner {
                    bsn,
                    naam: format!("Inwoner {n}"),
                    email: None,
                    telefoon: None,
                    iban: None,
                },
                "t",
            )
            .await
            .unwrap();
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let reports = logboek::verify(&db).await.unwrap();
    for r in reports {
        assert!(r.problems.is_empty(), "{r:?}");
        assert_eq!(r.records, 20);
    }
}

//! The anchor file of the processing log: what is written, what a line cut
//! off by a crash or a line signed with another key does. On the backend
//! chosen by GBI_TEST_DB.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gbi_domain::{Bsn, GemeenteCode};
use gbi_store::logboek::anker::{Ankeraar, lees};
use gbi_store::logboek::{self, Handeling};
use gbi_store::testing::fresh;
use gbi_store::{Db, Scope, Secret, gemeenten};

async fn schrijf(db: &Db, scope: &Scope, n: usize) {
    let bsn = Bsn::parse("999993653").unwrap();
    for _ in 0..n {
        let mut tx = db.begin().await.unwrap();
        logboek::note(
            &mut tx,
            scope,
            &logboek::INWONER_RAADPLEGEN,
            Handeling::Lezen,
            &bsn,
            "GET",
            &gbi_store::now_utc(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
}

#[tokio::test]
async fn only_moved_heads_are_anchored_and_a_cut_off_line_stays_on_its_own() {
    let (db, _t) = fresh().await;
    let g = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &g, "Haarlem", false).await.unwrap();
    let leeg = GemeenteCode::parse("0153").unwrap();
    gemeenten::ensure(&db, &leeg, "Enschede", false)
        .await
        .unwrap();
    let scope = Scope::system(g, "test");
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("ankers").join("logboek-ankers.jsonl");

    assert!(lees(&db, &pad).unwrap().is_none());
    schrijf(&db, &scope, 3).await;
    let mut a = Ankeraar::open(&db, &pad).unwrap();
    // A gemeente without records gets no anchor; an unchanged head no new line.
    assert_eq!(a.bij(&db).await.unwrap(), 1);
    assert_eq!(a.bij(&db).await.unwrap(), 0);
    let stand = lees(&db, &pad).unwrap().unwrap();
    assert!(stand.problemen.is_empty(), "{:?}", stand.problemen);
    let anker = &stand.per_gemeente["0392"];
    assert_eq!((anker.seq, anker.records), (3, 3));
    assert!(!stand.per_gemeente.contains_key("0153"));

    // A crash in the middle of a line: the next anchor starts a new line.
    let mut tekst = std::fs::read_to_string(&pad).unwrap();
    tekst.push_str("{\"gemeente_code\":\"0392\",\"seq\":4");
    std::fs::write(&pad, &tekst).unwrap();
    schrijf(&db, &scope, 2).await;
    let mut a = Ankeraar::open(&db, &pad).unwrap();
    assert_eq!(a.bij(&db).await.unwrap(), 1);
    let stand = lees(&db, &pad).unwrap().unwrap();
    assert_eq!(stand.problemen, ["regel 2 is geen geldig anker"]);
    assert_eq!(stand.per_gemeente["0392"].seq, 5);
    let reports = logboek::verify_against(&db, &stand.per_gemeente)
        .await
        .unwrap();
    assert!(reports.iter().all(|r| r.problems.is_empty()), "{reports:?}");
}

#[tokio::test]
async fn anchors_signed_with_another_key_are_not_trusted() {
    let (db, t) = fresh().await;
    let g = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &g, "Haarlem", false).await.unwrap();
    schrijf(&db, &Scope::system(g, "test"), 1).await;
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("logboek-ankers.jsonl");
    let ander = Db::connect(&t.url, &Secret::generate(), 1).await.unwrap();
    Ankeraar::open(&ander, &pad)
        .unwrap()
        .bij(&ander)
        .await
        .unwrap();
    let stand = lees(&db, &pad).unwrap().unwrap();
    assert_eq!(
        stand.problemen,
        ["regel 1 (gemeente 0392) heeft een ongeldige handtekening"]
    );
    assert!(stand.per_gemeente.is_empty());
}

//! Leases for several instances on one database, on the backend chosen by
//! GBI_TEST_DB: a lease has one holder until it expires; a work item taken
//! over from a slow or dead instance is finished once; a mail is taken by
//! one sender; a looplijst is only called interrupted when its instance is
//! gone.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gbi_domain::GemeenteCode;
use gbi_store::testing::fresh;
use gbi_store::{Scope, StoreError, gemeenten, lease, logboek, looplijst, mail, synthetisch, werk};
use sqlx::Row;

#[tokio::test]
async fn a_lease_has_one_holder_until_it_expires() {
    let (db, _t) = fresh().await;
    assert!(lease::take_for(&db, "job:x", "a", 60).await.unwrap());
    assert!(!lease::take_for(&db, "job:x", "b", 60).await.unwrap());
    // The holder renews.
    assert!(lease::take_for(&db, "job:x", "a", 60).await.unwrap());
    assert_eq!(
        lease::holder(&db, "job:x").await.unwrap().as_deref(),
        Some("a")
    );
    // Expired (a holder that died): another takes it.
    assert!(lease::take_for(&db, "job:y", "a", -1).await.unwrap());
    assert_eq!(lease::holder(&db, "job:y").await.unwrap(), None);
    assert!(lease::take_for(&db, "job:y", "b", 60).await.unwrap());
    assert_eq!(
        lease::holder(&db, "job:y").await.unwrap().as_deref(),
        Some("b")
    );
    // Given back only by its holder.
    lease::release_for(&db, "job:y", "a").await.unwrap();
    assert!(lease::holder(&db, "job:y").await.unwrap().is_some());
    lease::release_for(&db, "job:y", "b").await.unwrap();
    assert!(lease::take_for(&db, "job:y", "c", 60).await.unwrap());
}

#[tokio::test]
async fn a_work_item_taken_over_is_finished_once() {
    let (db, _t) = fresh().await;
    let code = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &code, "Haarlem", false)
        .await
        .unwrap();
    let scope = Scope::system(code, "test");
    synthetisch::caseload(&db, &scope, 1, "2026-01-01")
        .await
        .unwrap();
    let zaak_id: String = sqlx::query("SELECT id FROM zaken")
        .fetch_one(db.pool())
        .await
        .unwrap()
        .get("id");
    assert!(
        werk::plan_eenmalig(&db, &scope, &zaak_id, "bron:brp")
            .await
            .unwrap()
    );

    // A slow instance took it long ago (longer than a lease)...
    let mut traag = werk::take_next(&db).await.unwrap().unwrap();
    sqlx::query("UPDATE werk SET updated_at = '2000-01-01T00:00:00.000000Z' WHERE id = $1")
        .bind(&traag.id)
        .execute(db.pool())
        .await
        .unwrap();
    traag.updated_at = "2000-01-01T00:00:00.000000Z".into();
    // ...so another takes it over.
    let over = werk::take_next(&db).await.unwrap().unwrap();
    assert_eq!(over.id, traag.id);
    assert!(
        werk::take_next(&db).await.unwrap().is_none(),
        "taken by two"
    );
    let (_, bsn, _, _) = werk::zaak_context(&db, &over).await.unwrap();
    let voor = logboek::count(&db, &scope, &logboek::BRON_RAADPLEGEN)
        .await
        .unwrap();
    werk::done(
        &db,
        &scope,
        &over,
        &bsn,
        &logboek::BRON_RAADPLEGEN,
        None,
        None,
    )
    .await
    .unwrap();
    // The slow one finishes later: nothing of it is written.
    let laat = werk::done(
        &db,
        &scope,
        &traag,
        &bsn,
        &logboek::BRON_RAADPLEGEN,
        None,
        None,
    )
    .await;
    assert!(matches!(laat, Err(StoreError::Conflict(_))), "{laat:?}");
    let opnieuw = werk::retry_later(&db, &traag, "fout", 10).await;
    assert!(
        matches!(opnieuw, Err(StoreError::Conflict(_))),
        "{opnieuw:?}"
    );
    let na = logboek::count(&db, &scope, &logboek::BRON_RAADPLEGEN)
        .await
        .unwrap();
    assert_eq!(na - voor, 1, "logged once");
    let items = werk::voor_zaak(&db, &scope, &zaak_id).await.unwrap();
    let brp: Vec<_> = items.iter().filter(|w| w.soort == "bron:brp").collect();
    assert_eq!(brp.len(), 1);
    assert_eq!(brp[0].status, "klaar");
}

#[tokio::test]
async fn a_mail_is_taken_by_one_sender_and_taken_over_after_its_lease() {
    let (db, _t) = fresh().await;
    let code = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &code, "Haarlem", false)
        .await
        .unwrap();
    for (id, status, holder, tot) in [
        ("m1", "wachtend", None, None),
        // A sender that died with it.
        (
            "m2",
            "bezig",
            Some("dood"),
            Some("2000-01-01T00:00:00.000000Z"),
        ),
        // A sender that is still at it.
        (
            "m3",
            "bezig",
            Some("levend"),
            Some("2999-01-01T00:00:00.000000Z"),
        ),
    ] {
        sqlx::query(
            "INSERT INTO mails (id, gemeente_code, aan, onderwerp, tekst, status, pogingen, created_at, holder, lease_expires_at) \
             VALUES ($1, '0392', 'a@example.nl', 'o', 't', $2, 0, '2026-01-01T00:00:00.000000Z', $3, $4)",
        )
        .bind(id)
        .bind(status)
        .bind(holder)
        .bind(tot)
        .execute(db.pool())
        .await
        .unwrap();
    }
    let mut genomen: Vec<String> = mail::claim(&db, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    genomen.sort();
    assert_eq!(genomen, ["m1", "m2"]);
    // Taken: nobody else gets them now.
    assert!(mail::claim(&db, 10).await.unwrap().is_empty());
    assert!(mail::mark_sent(&db, "m1").await.unwrap());
    // Not ours: not marked by us.
    assert!(!mail::mark_sent(&db, "m3").await.unwrap());
    mail::mark_failed(&db, "m2", "smtp weg").await.unwrap();
    let per_status = mail::per_status(&db).await.unwrap();
    assert_eq!(
        per_status,
        [
            ("bezig".to_owned(), 1),
            ("verzonden".to_owned(), 1),
            ("wachtend".to_owned(), 1)
        ]
    );
}

#[tokio::test]
async fn a_looplijst_is_interrupted_only_when_its_instance_is_gone() {
    let (db, _t) = fresh().await;
    let code = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &code, "Haarlem", false)
        .await
        .unwrap();
    let scope = Scope::system(code, "test");
    let run = looplijst::start(&db, &scope, &["iit"], "2026-03-01", "t")
        .await
        .unwrap();
    // This instance runs (its lease is renewed while it works).
    assert_eq!(looplijst::onderbroken(&db).await.unwrap(), 0);
    // Its lease expired: it died.
    lease::take_for(
        &db,
        &lease::instance_lease(lease::instance()),
        lease::instance(),
        -1,
    )
    .await
    .unwrap();
    assert_eq!(looplijst::onderbroken(&db).await.unwrap(), 1);
    let run = looplijst::run(&db, &scope, &run.id).await.unwrap().unwrap();
    assert_eq!(run.status, "mislukt");
}

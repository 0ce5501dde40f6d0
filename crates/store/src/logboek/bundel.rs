//! Group commit of read records: pages that show residents (the work
//! queue, the residents list) log each one shown before the page goes
//! out. Every such write takes the gemeente's chain head until its commit,
//! so at 50 concurrent clients they queue behind one another, one commit
//! (one fsync) each. Here the requests that arrive while a write is busy
//! wait together and go in the next transaction: the same records, in the
//! same chain, written before each page is sent, with one commit for many.

use super::{Handeling, Verwerkingsactiviteit, bulk};
use crate::db::Db;
use crate::{Result, Scope, StoreError};
use tokio::sync::oneshot;

/// A request for records, waiting for the next write.
pub(crate) struct Verzoek {
    scope: Scope,
    activiteit: &'static Verwerkingsactiviteit,
    handeling: Handeling,
    naam: String,
    betrokkenen: Vec<String>,
    start_time: String,
    klaar: oneshot::Sender<std::result::Result<(), String>>,
}

/// The queue and the right to write it.
#[derive(Default)]
pub(crate) struct Bundel {
    wachtrij: std::sync::Mutex<Vec<Verzoek>>,
    schrijver: tokio::sync::Mutex<()>,
}

/// [`super::record_many`] in a transaction of its own, shared with the
/// requests that arrive at the same time. Returns once the records are
/// committed.
pub async fn record_gebundeld(
    db: &Db,
    scope: &Scope,
    activiteit: &'static Verwerkingsactiviteit,
    handeling: Handeling,
    naam: &str,
    betrokkenen: Vec<String>,
    start_time: &str,
) -> Result<()> {
    if betrokkenen.is_empty() {
        return Ok(());
    }
    let (klaar, ontvanger) = oneshot::channel();
    db.bundel
        .wachtrij
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(Verzoek {
            scope: scope.clone(),
            activiteit,
            handeling,
            naam: naam.to_owned(),
            betrokkenen,
            start_time: start_time.to_owned(),
            klaar,
        });
    // Whoever holds the writer's lock writes everything queued, ours
    // included unless an earlier writer took it already. It runs as a task
    // of its own: a page whose visitor leaves cancels its own future, never
    // the write that carries the records of other pages.
    let db = db.clone();
    let schrijver = tokio::spawn(async move {
        let _schrijver = db.bundel.schrijver.lock().await;
        // A queue is a list of requests, whole even after a panic.
        let mut verzoeken = std::mem::take(
            &mut *db
                .bundel
                .wachtrij
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        if verzoeken.is_empty() {
            return;
        }
        // One order of the chain heads for every writer: no deadlock.
        verzoeken.sort_by(|a, b| a.scope.gemeente.as_str().cmp(b.scope.gemeente.as_str()));
        let uitkomst = schrijven(&db, &verzoeken).await.map_err(|e| e.to_string());
        for v in verzoeken {
            // A page that gave up no longer listens; nothing to do.
            let _ = v.klaar.send(uitkomst.clone());
        }
    });
    if let Err(e) = schrijver.await {
        return Err(StoreError::Unavailable(format!("logboek schrijven: {e}")));
    }
    match ontvanger.await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(StoreError::Unavailable(format!("logboek schrijven: {e}"))),
        Err(_) => Err(StoreError::Corrupt("logboekverzoek verloren".into())),
    }
}

async fn schrijven(db: &Db, verzoeken: &[Verzoek]) -> Result<()> {
    let mut tx = db.begin().await?;
    for v in verzoeken {
        let soort = bulk::Soort {
            activiteit: v.activiteit,
            handeling: v.handeling,
            naam: &v.naam,
            start_time: &v.start_time,
            status: super::Status::Ok,
            fout: None,
        };
        bulk::schrijf(&mut tx, &v.scope, &soort, &v.betrokkenen).await?;
    }
    tx.commit().await
}

//! Leases: several instances of GBI on one database (PostgreSQL) and each
//! piece of installation-wide work done by one of them at a time.
//!
//! A lease is a row in `leases`: a name (`job:bewaak_termijnen`), the
//! instance that holds it and until when. Taking it succeeds when nobody
//! holds it, when it expired, or when the taker already holds it (renewing).
//! An instance that dies stops renewing: after [`seconds`] another instance
//! takes the work over. The same length is used for the items of the work
//! queue (`werk`) and the mail outbox (`mail`) a dead instance had taken.
//!
//! Every running instance also holds `instance:<id>` (see [`heartbeat`]):
//! work it started and cannot hand over (a looplijst) is marked as cut off
//! when that lease is gone.

use crate::db::Db;
use crate::time::utc_in;
use crate::{Result, now_utc};
use sqlx::Row;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicI64, Ordering};

/// How long a lease lasts unless renewed, in seconds: 300 unless the
/// process sets it (`gbi serve`: `lease_seconds` in the configuration or
/// `GBI_LEASE_SECONDS`).
static SECONDS: AtomicI64 = AtomicI64::new(300);

/// The length of a lease, in seconds.
pub fn seconds() -> i64 {
    SECONDS.load(Ordering::Relaxed)
}

/// Set the length of a lease (at least 2 seconds).
pub fn set_seconds(s: i64) {
    SECONDS.store(s.max(2), Ordering::Relaxed);
}

/// This running process: a fresh id per start, with the host name and the
/// process id so an operator recognises it.
pub fn instance() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let host = std::env::var("HOSTNAME")
            .ok()
            .filter(|h| !h.trim().is_empty())
            .unwrap_or_else(|| "gbi".into());
        let uuid = uuid::Uuid::new_v4().simple().to_string();
        format!("{host}:{}:{}", std::process::id(), &uuid[..8])
    })
}

/// Take or renew the lease `name` for this instance for [`seconds`].
/// Whether this instance holds it now.
pub async fn take(db: &Db, name: &str) -> Result<bool> {
    take_for(db, name, instance(), seconds()).await
}

/// [`take`] for a given holder and length (tests, the CLI).
pub async fn take_for(db: &Db, name: &str, holder: &str, seconds: i64) -> Result<bool> {
    let now = now_utc();
    let mut tx = db.begin().await?;
    // One statement on both databases: insert, or take over an expired
    // lease, or renew our own; a lease held by another stays theirs.
    let n = sqlx::query(
        "INSERT INTO leases (name, holder, expires_at, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at, updated_at = excluded.updated_at \
         WHERE leases.holder = excluded.holder OR leases.expires_at < excluded.updated_at",
    )
    .bind(name)
    .bind(holder)
    .bind(utc_in(seconds))
    .bind(&now)
    .execute(tx.conn())
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(n == 1)
}

/// A job that runs every `interval_seconds` on one instance only: whether
/// this instance runs it now. The lease is held for the interval (less a
/// few seconds for the timers' drift) and not given back, so the others
/// skip it until the next round; the holder takes it again at its next
/// tick, and when it died another one does.
pub async fn per_interval(db: &Db, name: &str, interval_seconds: i64) -> Result<bool> {
    take_for(db, name, instance(), (interval_seconds - 5).max(1)).await
}

/// Give the lease back (a clean stop), so another instance need not wait.
pub async fn release(db: &Db, name: &str) -> Result<()> {
    release_for(db, name, instance()).await
}

pub async fn release_for(db: &Db, name: &str, holder: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
        .bind(name)
        .bind(holder)
        .execute(tx.conn())
        .await?;
    tx.commit().await
}

/// The name of an instance's own lease.
pub fn instance_lease(id: &str) -> String {
    format!("instance:{id}")
}

/// Renew this instance's own lease (every [`seconds`] / 3 while it runs).
pub async fn heartbeat(db: &Db) -> Result<bool> {
    take(db, &instance_lease(instance())).await
}

/// Whether `holder` still runs (holds its own lease).
pub async fn alive(db: &Db, holder: &str) -> Result<bool> {
    Ok(self::holder(db, &instance_lease(holder)).await?.is_some())
}

/// Who holds `name` now (an unexpired lease), for tests and beheer.
pub async fn holder(db: &Db, name: &str) -> Result<Option<String>> {
    let row = sqlx::query("SELECT holder FROM leases WHERE name = $1 AND expires_at >= $2")
        .bind(name)
        .bind(now_utc())
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|r| r.try_get("holder")).transpose()?)
}

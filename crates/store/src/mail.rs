//! Outgoing e-mail: notifications that something waits for the resident in
//! the portal. They never contain personal data. Stored first (in the same
//! transaction as the change they announce), sent afterwards.

use crate::db::Db;
use crate::time::utc_in;
use crate::{Result, now_utc};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Mail {
    pub id: String,
    pub gemeente_code: String,
    pub aan: String,
    pub onderwerp: String,
    pub tekst: String,
    pub status: String,
    pub pogingen: i64,
    pub created_at: String,
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<Mail> {
    Ok(Mail {
        id: r.try_get("id")?,
        gemeente_code: r.try_get("gemeente_code")?,
        aan: r.try_get("aan")?,
        onderwerp: r.try_get("onderwerp")?,
        tekst: r.try_get("tekst")?,
        status: r.try_get("status")?,
        pogingen: r.try_get("pogingen")?,
        created_at: r.try_get("created_at")?,
    })
}

const COLUMNS: &str = "id, gemeente_code, aan, onderwerp, tekst, status, pogingen, created_at";

/// Mails waiting to be sent, oldest first.
pub async fn waiting(db: &Db, limit: i64) -> Result<Vec<Mail>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM mails WHERE status = 'wachtend' AND (verzonden_at IS NULL OR verzonden_at <= $1) ORDER BY created_at LIMIT $2"
    ))
    .bind(now_utc())
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

pub async fn mark_sent(db: &Db, id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE mails SET status = 'verzonden', pogingen = pogingen + 1, verzonden_at = $1 WHERE id = $2")
        .bind(now_utc())
        .bind(id)
        .execute(tx.conn())
        .await?;
    tx.commit().await
}

/// A failed attempt: try again later (the time is kept in `verzonden_at`
/// until it is sent); after 10 attempts it stays `mislukt` for beheer.
pub async fn mark_failed(db: &Db, id: &str, fout: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE mails SET pogingen = pogingen + 1, laatste_fout = $1, verzonden_at = $2, \
         status = CASE WHEN pogingen + 1 >= 10 THEN 'mislukt' ELSE 'wachtend' END WHERE id = $3",
    )
    .bind(fout)
    .bind(utc_in(60))
    .bind(id)
    .execute(tx.conn())
    .await?;
    tx.commit().await
}

/// Every mail of demo gemeenten, newest first: the demo mailbox page.
pub async fn demo_mailbox(db: &Db, limit: i64) -> Result<Vec<Mail>> {
    let rows = sqlx::query(&format!(
        "SELECT {} FROM mails m JOIN gemeenten g ON g.gemeente_code = m.gemeente_code WHERE g.demo = 1 ORDER BY m.created_at DESC LIMIT $1",
        COLUMNS.split(", ").map(|c| format!("m.{c}")).collect::<Vec<_>>().join(", ")
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

//! Outgoing e-mail: notifications that something waits for the resident in
//! the portal. They never contain personal data. Stored first (in the same
//! transaction as the change they announce), sent afterwards.

use crate::db::{Backend, Db};
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

/// Take up to `limit` mails to send, oldest first, for this instance
/// ([`crate::lease::instance`]) for a lease ([`crate::lease::seconds`]):
/// mails waiting, and mails another sender took but did not finish within
/// its lease (it died). Several instances never take the same mail; on
/// PostgreSQL they skip each other's rows.
///
/// A sender that dies between handing a mail to the SMTP server and
/// [`mark_sent`] leaves it taken: after the lease it is sent again. That
/// is the one case of a mail sent twice (at least once, never lost).
pub async fn claim(db: &Db, limit: i64) -> Result<Vec<Mail>> {
    let now = now_utc();
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&format!(
        "UPDATE mails SET status = 'bezig', holder = $1, lease_expires_at = $2 WHERE id IN \
         (SELECT id FROM mails WHERE (status = 'wachtend' AND (verzonden_at IS NULL OR verzonden_at <= $3)) \
         OR (status = 'bezig' AND lease_expires_at < $3) ORDER BY created_at LIMIT $4{lock}) \
         RETURNING {COLUMNS}"
    ))
    .bind(crate::lease::instance())
    .bind(utc_in(crate::lease::seconds()))
    .bind(&now)
    .bind(limit)
    .fetch_all(tx.conn())
    .await?;
    tx.commit().await?;
    let mut mails = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    mails.sort_by(|a, b| a.created_at.cmp(&b.created_at));
    Ok(mails)
}

/// Sent. Whether this instance still held it (else another took it over
/// after the lease and it may have been sent twice).
pub async fn mark_sent(db: &Db, id: &str) -> Result<bool> {
    let mut tx = db.begin().await?;
    let n = sqlx::query(
        "UPDATE mails SET status = 'verzonden', pogingen = pogingen + 1, verzonden_at = $1, holder = NULL, lease_expires_at = NULL \
         WHERE id = $2 AND status = 'bezig' AND holder = $3",
    )
    .bind(now_utc())
    .bind(id)
    .bind(crate::lease::instance())
    .execute(tx.conn())
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(n == 1)
}

/// A failed attempt: try again later (the time is kept in `verzonden_at`
/// until it is sent); after 10 attempts it stays `mislukt` for beheer.
pub async fn mark_failed(db: &Db, id: &str, fout: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE mails SET pogingen = pogingen + 1, laatste_fout = $1, verzonden_at = $2, holder = NULL, lease_expires_at = NULL, \
         status = CASE WHEN pogingen + 1 >= 10 THEN 'mislukt' ELSE 'wachtend' END \
         WHERE id = $3 AND status = 'bezig' AND holder = $4",
    )
    .bind(fout)
    .bind(utc_in(60))
    .bind(id)
    .bind(crate::lease::instance())
    .execute(tx.conn())
    .await?;
    tx.commit().await
}

/// How many mails have each status (`wachtend`, `bezig`, `verzonden`,
/// `mislukt`), over all gemeenten: for tests and beheer.
pub async fn per_status(db: &Db) -> Result<Vec<(String, i64)>> {
    let rows =
        sqlx::query("SELECT status, COUNT(*) AS n FROM mails GROUP BY status ORDER BY status")
            .fetch_all(db.pool())
            .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("status")?, r.try_get("n")?)))
        .collect()
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

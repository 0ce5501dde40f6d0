//! What the OTLP exporter reads: per gemeente the records after the last
//! one that went out, and where it stands. The export reads the database
//! (an outbox), so a record is written whether or not the Logboek that
//! receives it is up, and goes out once it is.

use super::{COLUMNS, LogRecord, from_row};
use crate::Result;
use crate::db::Db;
use sqlx::Row;

/// The gemeenten with a log.
pub async fn gemeenten(db: &Db) -> Result<Vec<String>> {
    let rows = sqlx::query("SELECT gemeente_code FROM verwerkingen_kop ORDER BY gemeente_code")
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| Ok(r.try_get("gemeente_code")?))
        .collect()
}

/// The number of the gemeente's last record that went out (0: none).
pub async fn stand(db: &Db, gemeente: &str) -> Result<i64> {
    let row = sqlx::query("SELECT seq FROM logboek_export WHERE gemeente_code = $1")
        .bind(gemeente)
        .fetch_optional(db.pool())
        .await?;
    Ok(match row {
        Some(r) => r.try_get("seq")?,
        None => 0,
    })
}

/// Up to `limit` of the gemeente's records after `na`, oldest first.
pub async fn volgende(db: &Db, gemeente: &str, na: i64, limit: i64) -> Result<Vec<LogRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM verwerkingen WHERE gemeente_code = $1 AND seq > $2 ORDER BY seq LIMIT $3"
    );
    let rows = sqlx::query(&sql)
        .bind(gemeente)
        .bind(na)
        .bind(limit.clamp(1, 10_000))
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(from_row).collect()
}

/// The Logboek confirmed the gemeente's records up to `seq`.
pub async fn bevestigd(db: &Db, gemeente: &str, seq: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO logboek_export (gemeente_code, seq) VALUES ($1, $2) \
         ON CONFLICT (gemeente_code) DO UPDATE SET seq = excluded.seq \
         WHERE logboek_export.seq < excluded.seq",
    )
    .bind(gemeente)
    .bind(seq)
    .execute(db.pool())
    .await?;
    Ok(())
}

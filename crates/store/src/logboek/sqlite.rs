//! SQLite's prepared multi-row inserts: one statement of [`RIJEN`] rows,
//! prepared once and cached by the connection, bound and run again for
//! every part.

use super::LogRecord;
use super::bulk::kolommen;
use crate::Result;
use crate::db::Db;
use std::time::{Duration, Instant};

/// Rows per statement: 20 parameters each, far below SQLite's limit of
/// 32,766 and few enough that binding stays cheap.
pub(super) const RIJEN: usize = 64;

fn insert_sql(tabel: &str, rijen: usize) -> String {
    let rij = format!("({})", vec!["?"; 20].join(", "));
    format!(
        "INSERT INTO {tabel} ({}) VALUES {}",
        kolommen!(),
        vec![rij.as_str(); rijen].join(", ")
    )
}

/// Insert the rows on `conn` (inside the caller's transaction).
pub(super) async fn invoegen(
    conn: &mut sqlx::AnyConnection,
    tabel: &str,
    rijen: &[LogRecord],
) -> Result<()> {
    let vol = insert_sql(tabel, RIJEN);
    for deel in rijen.chunks(RIJEN) {
        let rest;
        let sql = if deel.len() == RIJEN {
            vol.as_str()
        } else {
            rest = insert_sql(tabel, deel.len());
            rest.as_str()
        };
        let mut q = sqlx::query(sql);
        for r in deel {
            q = q
                .bind(r.gemeente_code.as_str())
                .bind(r.seq)
                .bind(r.trace_id.as_str())
                .bind(r.span_id.as_str())
                .bind(r.parent_span_id.as_deref())
                .bind(r.naam.as_str())
                .bind(r.verwerkingsactiviteit.as_str())
                .bind(r.handeling.as_str())
                .bind(r.actor.as_str())
                .bind(r.betrokkene.as_str())
                .bind(r.betrokkene_type.as_str())
                .bind(r.status.as_str())
                .bind(r.start_time.as_str())
                .bind(r.end_time.as_str())
                .bind(r.vorige_hash.as_str())
                .bind(r.hash.as_str())
                .bind(r.resource_version.as_deref())
                .bind(r.foreign_processor.as_deref())
                .bind(r.foreign_span_id.as_deref())
                .bind(r.fout.as_deref());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The yardstick on SQLite: the rows into `tabel` in one transaction.
pub(super) async fn laad_kaal(db: &Db, tabel: &str, delen: &[Vec<LogRecord>]) -> Result<Duration> {
    let t = Instant::now();
    let mut tx = db.begin().await?;
    for d in delen {
        invoegen(tx.conn(), tabel, d).await?;
    }
    tx.commit().await?;
    Ok(t.elapsed())
}

//! Many records at once: the looplijst asks hundreds of thousands of
//! questions in one run, and each is a record of its own. The chain is
//! computed in memory and written with multi-row inserts, in the caller's
//! transaction, exactly as [`super::record`] would write them one by one.

use super::{Handeling, LogRecord, Verwerkingsactiviteit, chain_hash, subject_hash};
use crate::db::Tx;
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::Bsn;
use sqlx::Row;

/// Rows per INSERT: 16 columns each, well under the parameter limits of
/// SQLite (32,766) and PostgreSQL (65,535).
const RIJEN_PER_INSERT: usize = 1_000;

/// The keyed hashes of BSNs, as stored in the log (and in the looplijst,
/// which keeps no BSN).
pub fn vooraf_gehasht(tx: &Tx, bsns: &[Bsn]) -> Vec<String> {
    bsns.iter()
        .map(|b| subject_hash(&tx.keys.subject, b))
        .collect()
}

/// Append one record per data subject (given as keyed hash, see
/// [`vooraf_gehasht`]) to the gemeente's chain. Returns how many were written.
pub async fn record_many(
    tx: &mut Tx,
    scope: &Scope,
    activiteit: &'static Verwerkingsactiviteit,
    handeling: Handeling,
    naam: &str,
    betrokkenen: &[String],
    start_time: &str,
) -> Result<u64> {
    if betrokkenen.is_empty() {
        return Ok(0);
    }
    let n = i64::try_from(betrokkenen.len())
        .map_err(|_| StoreError::Corrupt("te veel logregels in één keer".into()))?;
    let gemeente = scope.gemeente.as_str();
    let head = sqlx::query(
        "UPDATE verwerkingen_kop SET seq = seq + $1 WHERE gemeente_code = $2 RETURNING seq, hash",
    )
    .bind(n)
    .bind(gemeente)
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| StoreError::Corrupt(format!("gemeente {gemeente} heeft geen logboek")))?;
    let laatste: i64 = head.try_get("seq")?;
    let mut vorige_hash: String = head.try_get("hash")?;
    let eind = now_utc();
    let actor = scope.actor.as_log_string();
    let mut records = Vec::with_capacity(betrokkenen.len());
    for (i, betrokkene) in betrokkenen.iter().enumerate() {
        let span = scope.trace.child();
        let mut r = LogRecord {
            gemeente_code: gemeente.to_owned(),
            seq: laatste - n + 1 + i as i64,
            trace_id: span.trace_id,
            span_id: span.span_id,
            parent_span_id: span.parent_span_id,
            naam: naam.to_owned(),
            verwerkingsactiviteit: activiteit.id.to_owned(),
            handeling: handeling.code().to_owned(),
            actor: actor.clone(),
            betrokkene: betrokkene.clone(),
            betrokkene_type: "BSN".to_owned(),
            status: "ok".to_owned(),
            start_time: start_time.to_owned(),
            end_time: eind.clone(),
            vorige_hash,
            hash: String::new(),
        };
        r.hash = chain_hash(&tx.keys.chain, &r);
        vorige_hash = r.hash.clone();
        records.push(r);
    }
    for deel in records.chunks(RIJEN_PER_INSERT) {
        let mut sql = String::with_capacity(300 + deel.len() * 90);
        sql.push_str(
            "INSERT INTO verwerkingen (gemeente_code, seq, trace_id, span_id, parent_span_id, naam, \
             verwerkingsactiviteit, handeling, actor, betrokkene, betrokkene_type, status, start_time, \
             end_time, vorige_hash, hash) VALUES ",
        );
        for i in 0..deel.len() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for k in 1..=16 {
                if k > 1 {
                    sql.push(',');
                }
                sql.push('$');
                sql.push_str(&(i * 16 + k).to_string());
            }
            sql.push(')');
        }
        let mut q = sqlx::query(&sql);
        for r in deel {
            q = q
                .bind(&r.gemeente_code)
                .bind(r.seq)
                .bind(&r.trace_id)
                .bind(&r.span_id)
                .bind(&r.parent_span_id)
                .bind(&r.naam)
                .bind(&r.verwerkingsactiviteit)
                .bind(&r.handeling)
                .bind(&r.actor)
                .bind(&r.betrokkene)
                .bind(&r.betrokkene_type)
                .bind(&r.status)
                .bind(&r.start_time)
                .bind(&r.end_time)
                .bind(&r.vorige_hash)
                .bind(&r.hash);
        }
        q.execute(tx.conn()).await?;
    }
    sqlx::query("UPDATE verwerkingen_kop SET hash = $1 WHERE gemeente_code = $2")
        .bind(&vorige_hash)
        .bind(gemeente)
        .execute(tx.conn())
        .await?;
    Ok(betrokkenen.len() as u64)
}

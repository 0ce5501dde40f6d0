//! Writing records: one ([`super::record`]) or many at once (the looplijst
//! asks hundreds of thousands of questions in one run, each a record of its
//! own). The chain is computed in memory and the rows are written as JSON,
//! in the caller's transaction; large writes make the next rows on another
//! thread while the database writes the previous ones.

use super::{Handeling, LogRecord, Verwerkingsactiviteit, chain_hash};
use crate::db::Tx;
use crate::{Result, Scope, StoreError, now_utc};
use sqlx::Row;

/// Rows per INSERT. The rows go as one JSON parameter that the database
/// unpacks itself: binding thousands of parameters is slow in SQLite
/// (measured: 10,000 records took 6.9 s with 1,000-row statements, 0.2 s
/// with one-row statements).
const RIJEN_PER_INSERT: usize = 5_000;

macro_rules! kolommen {
    () => {
        "gemeente_code, seq, trace_id, span_id, parent_span_id, naam, verwerkingsactiviteit, \
     handeling, actor, betrokkene, betrokkene_type, status, start_time, end_time, vorige_hash, hash"
    };
}

const INSERT_SQLITE: &str = concat!(
    "INSERT INTO verwerkingen (",
    kolommen!(),
    ") SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, \
     value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12, value ->> 13, \
     value ->> 14, value ->> 15 FROM json_each(jsonb($1))"
);

const INSERT_POSTGRES: &str = concat!(
    "INSERT INTO verwerkingen (",
    kolommen!(),
    ") SELECT r->>0, (r->>1)::bigint, r->>2, r->>3, r->>4, r->>5, r->>6, r->>7, r->>8, r->>9, r->>10, \
     r->>11, r->>12, r->>13, r->>14, r->>15 FROM json_array_elements($1::json) AS r"
);

/// Append one record per data subject (given as keyed hash, see
/// [`crate::Db::logboek_subject`]) to the gemeente's chain. Returns how
/// many were written.
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
    schrijf(
        tx,
        scope,
        activiteit,
        handeling,
        naam,
        betrokkenen,
        start_time,
    )
    .await?;
    Ok(betrokkenen.len() as u64)
}

/// Write the records and return the sequence number of the first.
pub(super) async fn schrijf(
    tx: &mut Tx,
    scope: &Scope,
    activiteit: &'static Verwerkingsactiviteit,
    handeling: Handeling,
    naam: &str,
    betrokkenen: &[String],
    start_time: &str,
) -> Result<i64> {
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
    let postgres = tx.conn().backend_name().eq_ignore_ascii_case("postgresql");
    let sql = if postgres {
        INSERT_POSTGRES
    } else {
        INSERT_SQLITE
    };
    // The chain and the JSON of the next rows are made on another thread
    // while the database writes the previous ones.
    let maker = Maker {
        gemeente: gemeente.to_owned(),
        eerste_seq: laatste - n + 1,
        vorige_hash: head.try_get("hash")?,
        naam: naam.to_owned(),
        activiteit: activiteit.id,
        handeling: handeling.code(),
        actor: scope.actor.as_log_string(),
        trace: scope.trace.clone(),
        start_time: start_time.to_owned(),
        eind: now_utc(),
        sleutel: tx.keys.clone(),
        betrokkenen: betrokkenen.to_vec(),
    };
    let vorige_hash = if betrokkenen.len() <= RIJEN_PER_INSERT {
        // One insert: made here, no thread needed.
        let mut json = String::new();
        let hash = maker.maak(|deel| {
            json = deel;
            true
        });
        sqlx::query(sql).bind(json).execute(tx.conn()).await?;
        hash
    } else {
        let (zender, mut ontvanger) = tokio::sync::mpsc::channel::<String>(2);
        let maken = tokio::task::spawn_blocking(move || {
            // The receiver is gone only when the write failed; that error
            // is what the caller reports.
            maker.maak(|deel| zender.blocking_send(deel).is_ok())
        });
        while let Some(json) = ontvanger.recv().await {
            sqlx::query(sql).bind(json).execute(tx.conn()).await?;
        }
        maken
            .await
            .map_err(|e| StoreError::Corrupt(format!("logregels maken mislukt: {e}")))?
    };
    sqlx::query("UPDATE verwerkingen_kop SET hash = $1 WHERE gemeente_code = $2")
        .bind(&vorige_hash)
        .bind(gemeente)
        .execute(tx.conn())
        .await?;
    Ok(laatste - n + 1)
}

/// Makes the records of one bulk write: the hash chain, and the rows as
/// JSON text per insert.
struct Maker {
    gemeente: String,
    eerste_seq: i64,
    vorige_hash: String,
    naam: String,
    activiteit: &'static str,
    handeling: &'static str,
    actor: String,
    trace: gbi_domain::TraceContext,
    start_time: String,
    eind: String,
    sleutel: std::sync::Arc<crate::db::Keys>,
    betrokkenen: Vec<String>,
}

impl Maker {
    /// Hand the rows to `verder` in parts (it returns false to stop);
    /// returns the hash of the last record.
    fn maak(mut self, mut verder: impl FnMut(String) -> bool) -> String {
        let mut seq = self.eerste_seq;
        let betrokkenen = std::mem::take(&mut self.betrokkenen);
        for deel in betrokkenen.chunks(RIJEN_PER_INSERT) {
            let mut rijen = Vec::with_capacity(deel.len());
            for betrokkene in deel {
                let span = self.trace.child();
                let mut r = LogRecord {
                    gemeente_code: self.gemeente.clone(),
                    seq,
                    trace_id: span.trace_id,
                    span_id: span.span_id,
                    parent_span_id: span.parent_span_id,
                    naam: self.naam.clone(),
                    verwerkingsactiviteit: self.activiteit.to_owned(),
                    handeling: self.handeling.to_owned(),
                    actor: self.actor.clone(),
                    betrokkene: betrokkene.clone(),
                    betrokkene_type: "BSN".to_owned(),
                    status: "ok".to_owned(),
                    start_time: self.start_time.clone(),
                    end_time: self.eind.clone(),
                    vorige_hash: std::mem::take(&mut self.vorige_hash),
                    hash: String::new(),
                };
                r.hash = chain_hash(&self.sleutel.chain, &r);
                self.vorige_hash = r.hash.clone();
                seq += 1;
                rijen.push(serde_json::json!([
                    r.gemeente_code,
                    r.seq,
                    r.trace_id,
                    r.span_id,
                    r.parent_span_id,
                    r.naam,
                    r.verwerkingsactiviteit,
                    r.handeling,
                    r.actor,
                    r.betrokkene,
                    r.betrokkene_type,
                    r.status,
                    r.start_time,
                    r.end_time,
                    r.vorige_hash,
                    r.hash
                ]));
            }
            if !verder(serde_json::Value::Array(rijen).to_string()) {
                break;
            }
        }
        self.vorige_hash
    }
}

//! Writing records: one ([`super::record`]) or many at once (the looplijst
//! asks a million questions in one run, the betaalrun pays 400,000 people,
//! each a record of its own).
//!
//! The chain is computed on a blocking thread while the database writes the
//! previous part, so hashing never waits for the disk or the disk for
//! hashing. Inside a caller's transaction the rows go as one JSON parameter
//! per part (what the database-independent driver can carry); a write that
//! stands alone goes through PostgreSQL's binary `COPY` on a native
//! connection ([`record_many_standalone`]), or SQLite's prepared multi-row
//! inserts in one transaction. The records and their chain are the same
//! whichever way they are written; `gbi audit verify` cannot tell.

use super::copy;
use super::{Handeling, LogRecord, Verwerkingsactiviteit, chain_hash};
use crate::db::{Db, Keys, Tx};
use crate::{Result, Scope, StoreError, now_utc};
use sqlx::Row;
use std::sync::Arc;

/// Rows per part. The JSON path: binding thousands of parameters through
/// the database-independent driver is slow (measured: 10,000 records took
/// 6.9 s with 1,000-row statements, 0.2 s as one JSON parameter).
const RIJEN_PER_DEEL: usize = 5_000;

/// Rows per `COPY` message: about 4 MB.
const RIJEN_PER_COPY_DEEL: usize = 10_000;

macro_rules! kolommen {
    () => {
        "gemeente_code, seq, trace_id, span_id, parent_span_id, naam, verwerkingsactiviteit, \
     handeling, actor, betrokkene, betrokkene_type, status, start_time, end_time, vorige_hash, hash, \
     resource_version, foreign_processor, foreign_span_id, fout"
    };
}
pub(super) use kolommen;

/// `jsonb`, not `json`: a `json` value is parsed again by every `->>`.
const INSERT_POSTGRES: &str = concat!(
    "INSERT INTO verwerkingen (",
    kolommen!(),
    ") SELECT r->>0, (r->>1)::bigint, r->>2, r->>3, r->>4, r->>5, r->>6, r->>7, r->>8, r->>9, r->>10, \
     r->>11, r->>12, r->>13, r->>14, r->>15, r->>16, r->>17, r->>18, r->>19 FROM jsonb_array_elements($1::jsonb) AS r"
);

pub(super) const RESERVEREN: &str =
    "UPDATE verwerkingen_kop SET seq = seq + $1 WHERE gemeente_code = $2 RETURNING seq, hash";
pub(super) const KOP_BIJWERKEN: &str =
    "UPDATE verwerkingen_kop SET hash = $1 WHERE gemeente_code = $2";

/// Append one record per data subject (given as keyed hash, see
/// [`crate::Db::logboek_subject`]) to the gemeente's chain, in the caller's
/// transaction: stored if and only if what they describe is. Returns how
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
    let soort = Soort {
        activiteit,
        handeling,
        naam,
        start_time,
        status: super::Status::Ok,
        fout: None,
    };
    schrijf(tx, scope, &soort, betrokkenen).await?;
    Ok(betrokkenen.len() as u64)
}

/// The same as [`record_many`] for records that belong to no other change
/// (the looplijst logs each question before it is sent): written in a
/// transaction of their own, on PostgreSQL with binary `COPY`.
pub async fn record_many_standalone(
    db: &Db,
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
    let soort = Soort {
        activiteit,
        handeling,
        naam,
        start_time,
        status: super::Status::Ok,
        fout: None,
    };
    match db.pg_bulk() {
        Some(pool) => {
            copy::schrijf(pool, db.keys.clone(), scope, &soort, betrokkenen).await?;
        }
        None => {
            let mut tx = db.begin().await?;
            schrijf(&mut tx, scope, &soort, betrokkenen).await?;
            tx.commit().await?;
        }
    }
    Ok(betrokkenen.len() as u64)
}

/// What every record of one bulk write shares.
pub(super) struct Soort<'a> {
    pub activiteit: &'static Verwerkingsactiviteit,
    pub handeling: Handeling,
    pub naam: &'a str,
    pub start_time: &'a str,
    pub status: super::Status,
    pub fout: Option<&'a str>,
}

/// Write the records and return the sequence number of the first.
pub(super) async fn schrijf(
    tx: &mut Tx,
    scope: &Scope,
    soort: &Soort<'_>,
    betrokkenen: &[String],
) -> Result<i64> {
    let n = aantal(betrokkenen)?;
    let gemeente = scope.gemeente.as_str();
    // The chain head is locked until commit (row lock on PostgreSQL, the
    // single writer on SQLite), so records get consecutive numbers.
    let head = sqlx::query(RESERVEREN)
        .bind(n)
        .bind(gemeente)
        .fetch_optional(tx.conn())
        .await?
        .ok_or_else(|| geen_logboek(gemeente))?;
    let laatste: i64 = head.try_get("seq")?;
    let postgres = tx.conn().backend_name().eq_ignore_ascii_case("postgresql");
    let maker = Maker::new(
        scope,
        soort,
        tx.keys.clone(),
        laatste - n + 1,
        head.try_get("hash")?,
        betrokkenen,
    );
    let vorige_hash = if betrokkenen.len() <= RIJEN_PER_DEEL {
        // One part: made here, no thread needed.
        let mut rijen = Vec::new();
        let hash = maker.maak(RIJEN_PER_DEEL, |deel| {
            rijen = deel;
            true
        });
        deel_schrijven(tx, postgres, Deel::maak(postgres, rijen)).await?;
        hash
    } else {
        let (zender, mut ontvanger) = tokio::sync::mpsc::channel::<Deel>(2);
        let maken = tokio::task::spawn_blocking(move || {
            // The receiver is gone only when the write failed; that error
            // is what the caller reports.
            maker.maak(RIJEN_PER_DEEL, |deel| {
                zender.blocking_send(Deel::maak(postgres, deel)).is_ok()
            })
        });
        while let Some(deel) = ontvanger.recv().await {
            deel_schrijven(tx, postgres, deel).await?;
        }
        maken.await.map_err(maken_mislukt)?
    };
    sqlx::query(KOP_BIJWERKEN)
        .bind(&vorige_hash)
        .bind(gemeente)
        .execute(tx.conn())
        .await?;
    Ok(laatste - n + 1)
}

/// One part of a write, ready for its database: JSON for PostgreSQL (made
/// on the hashing thread), the rows themselves for SQLite's prepared
/// multi-row inserts.
enum Deel {
    Json(String),
    Rijen(Vec<LogRecord>),
}

impl Deel {
    fn maak(postgres: bool, rijen: Vec<LogRecord>) -> Self {
        if postgres {
            Deel::Json(json_rijen(&rijen))
        } else {
            Deel::Rijen(rijen)
        }
    }
}

async fn deel_schrijven(tx: &mut Tx, postgres: bool, deel: Deel) -> Result<()> {
    match deel {
        Deel::Json(json) => {
            debug_assert!(postgres);
            sqlx::query(INSERT_POSTGRES)
                .bind(json)
                .execute(tx.conn())
                .await?;
        }
        Deel::Rijen(rijen) => super::sqlite::invoegen(tx.conn(), "verwerkingen", &rijen).await?,
    }
    Ok(())
}

pub(super) fn aantal(betrokkenen: &[String]) -> Result<i64> {
    i64::try_from(betrokkenen.len())
        .map_err(|_| StoreError::Corrupt("te veel logregels in één keer".into()))
}

pub(super) fn geen_logboek(gemeente: &str) -> StoreError {
    StoreError::Corrupt(format!("gemeente {gemeente} heeft geen logboek"))
}

pub(super) fn maken_mislukt(e: tokio::task::JoinError) -> StoreError {
    StoreError::Corrupt(format!("logregels maken mislukt: {e}"))
}

pub(super) const RIJEN_PER_COPY: usize = RIJEN_PER_COPY_DEEL;

/// The rows of one part as a JSON array of arrays, in column order.
fn json_rijen(deel: &[LogRecord]) -> String {
    let rijen: Vec<serde_json::Value> = deel
        .iter()
        .map(|r| {
            serde_json::json!([
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
                r.hash,
                r.resource_version,
                r.foreign_processor,
                r.foreign_span_id,
                r.fout
            ])
        })
        .collect();
    serde_json::Value::Array(rijen).to_string()
}

/// Makes the records of one bulk write with their hash chain.
pub(super) struct Maker {
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
    status: &'static str,
    fout: Option<String>,
    sleutel: Arc<Keys>,
    betrokkenen: Vec<String>,
}

impl Maker {
    pub(super) fn new(
        scope: &Scope,
        soort: &Soort<'_>,
        sleutel: Arc<Keys>,
        eerste_seq: i64,
        vorige_hash: String,
        betrokkenen: &[String],
    ) -> Self {
        Self {
            gemeente: scope.gemeente.as_str().to_owned(),
            eerste_seq,
            vorige_hash,
            naam: soort.naam.to_owned(),
            activiteit: soort.activiteit.id,
            handeling: soort.handeling.code(),
            actor: scope.actor.as_log_string(),
            trace: scope.trace.clone(),
            start_time: soort.start_time.to_owned(),
            eind: now_utc(),
            status: soort.status.as_str(),
            fout: soort.fout.map(|f| f.chars().take(1000).collect()),
            sleutel,
            betrokkenen: betrokkenen.to_vec(),
        }
    }

    /// Hand the records to `verder` in parts of `per` (it returns false to
    /// stop); returns the hash of the last record.
    pub(super) fn maak(
        mut self,
        per: usize,
        mut verder: impl FnMut(Vec<LogRecord>) -> bool,
    ) -> String {
        let mut seq = self.eerste_seq;
        let betrokkenen = std::mem::take(&mut self.betrokkenen);
        for deel in betrokkenen.chunks(per.max(1)) {
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
                    betrokkene_type: super::BETROKKENE_TYPE.to_owned(),
                    status: self.status.to_owned(),
                    start_time: self.start_time.clone(),
                    end_time: self.eind.clone(),
                    vorige_hash: std::mem::take(&mut self.vorige_hash),
                    hash: String::new(),
                    resource_version: Some(super::GBI_VERSIE.to_owned()),
                    foreign_processor: self.trace.foreign_processor.clone(),
                    foreign_span_id: self.trace.foreign_span_id.clone(),
                    fout: self.fout.clone(),
                };
                r.hash = chain_hash(&self.sleutel.chain, &r);
                self.vorige_hash = r.hash.clone();
                seq += 1;
                rijen.push(r);
            }
            if !verder(rijen) {
                break;
            }
        }
        self.vorige_hash
    }
}

//! PostgreSQL's binary `COPY` for the log, and the benchmark's yardstick: a
//! plain bulk load of the same rows into the same database.
//!
//! The binary format (PostgreSQL documentation, "COPY", section "Binary
//! Format"): a signature, flags and header-extension length; per row the
//! number of fields and per field its length (-1 for NULL) and bytes; a
//! trailer of -1.

use super::bulk::{Maker, RIJEN_PER_COPY, Soort, aantal, geen_logboek, kolommen, maken_mislukt};
use super::{Handeling, LogRecord, Verwerkingsactiviteit};
use crate::db::{Backend, Db, Keys};
use crate::{Result, Scope, StoreError};
use sqlx::Row;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SIGNATUUR: &[u8; 11] = b"PGCOPY\n\xff\r\n\0";
const VELDEN: i16 = 20;

fn kop(buf: &mut Vec<u8>) {
    buf.extend_from_slice(SIGNATUUR);
    buf.extend_from_slice(&0i32.to_be_bytes()); // flags
    buf.extend_from_slice(&0i32.to_be_bytes()); // header extension
}

fn tekst(buf: &mut Vec<u8>, s: &str) {
    // A field longer than 2 GiB cannot occur: every field is a short text.
    buf.extend_from_slice(&i32::try_from(s.len()).unwrap_or(i32::MAX).to_be_bytes());
    buf.extend_from_slice(s.as_bytes());
}

/// The rows in COPY's binary format, in the order of [`kolommen`].
fn rijen(buf: &mut Vec<u8>, deel: &[LogRecord]) {
    for r in deel {
        buf.extend_from_slice(&VELDEN.to_be_bytes());
        tekst(buf, &r.gemeente_code);
        buf.extend_from_slice(&8i32.to_be_bytes());
        buf.extend_from_slice(&r.seq.to_be_bytes());
        tekst(buf, &r.trace_id);
        tekst(buf, &r.span_id);
        match &r.parent_span_id {
            Some(p) => tekst(buf, p),
            None => buf.extend_from_slice(&(-1i32).to_be_bytes()),
        }
        for s in r
            .inhoud()
            .into_iter()
            .chain([r.vorige_hash.as_str(), &r.hash])
        {
            tekst(buf, s);
        }
        for f in [
            &r.resource_version,
            &r.foreign_processor,
            &r.foreign_span_id,
            &r.fout,
        ] {
            match f {
                Some(v) => tekst(buf, v),
                None => buf.extend_from_slice(&(-1i32).to_be_bytes()),
            }
        }
    }
}

const TRAILER: [u8; 2] = (-1i16).to_be_bytes();

fn copy_sql(tabel: &str) -> String {
    format!(
        "COPY {tabel} ({}) FROM STDIN WITH (FORMAT binary)",
        kolommen!()
    )
}

/// Write the records in a transaction of their own on a native PostgreSQL
/// connection; the chain is made and encoded on another thread while the
/// previous part is sent. Returns the sequence number of the first.
pub(super) async fn schrijf(
    pool: &sqlx::PgPool,
    sleutels: Arc<Keys>,
    scope: &Scope,
    soort: &Soort<'_>,
    betrokkenen: &[String],
) -> Result<i64> {
    let n = aantal(betrokkenen)?;
    let gemeente = scope.gemeente.as_str();
    let mut tx = pool.begin().await?;
    // The row lock on the chain head holds until commit, for every writer
    // of this gemeente's log, through either driver.
    let head = sqlx::query(super::bulk::RESERVEREN)
        .bind(n)
        .bind(gemeente)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| geen_logboek(gemeente))?;
    let laatste: i64 = head.try_get("seq")?;
    let eerste = laatste - n + 1;
    let maker = Maker::new(
        scope,
        soort,
        sleutels,
        eerste,
        head.try_get("hash")?,
        betrokkenen,
    );
    let (zender, mut ontvanger) = tokio::sync::mpsc::channel::<Vec<u8>>(2);
    let maken = tokio::task::spawn_blocking(move || {
        let mut eerste_deel = true;
        maker.maak(RIJEN_PER_COPY, |deel| {
            let mut buf = Vec::with_capacity(deel.len() * 480 + 19);
            if std::mem::take(&mut eerste_deel) {
                kop(&mut buf);
            }
            rijen(&mut buf, &deel);
            zender.blocking_send(buf).is_ok()
        })
    });
    let mut copy = tx.copy_in_raw(&copy_sql("verwerkingen")).await?;
    while let Some(buf) = ontvanger.recv().await {
        copy.send(buf).await?;
    }
    let vorige_hash = maken.await.map_err(maken_mislukt)?;
    copy.send(TRAILER.as_slice()).await?;
    let geschreven = copy.finish().await?;
    if geschreven != betrokkenen.len() as u64 {
        return Err(StoreError::Corrupt(format!(
            "COPY schreef {geschreven} van {n} logregels"
        )));
    }
    sqlx::query(super::bulk::KOP_BIJWERKEN)
        .bind(&vorige_hash)
        .bind(gemeente)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(eerste)
}

/// The yardstick of the log writer: how fast the same database takes the
/// same rows without a chain.
#[derive(Debug, Clone, Copy)]
pub struct BulkVergelijking {
    pub rijen: u64,
    /// Into a table with the log's keys and indexes.
    pub met_indexen: Duration,
    /// Into a table without keys or indexes: the disk's limit.
    pub zonder_indexen: Duration,
}

/// Load `rijen` rows of the log's width and content (a real chain made
/// beforehand, not timed) into two scratch tables and time only the load:
/// binary `COPY` on PostgreSQL, multi-row inserts in one transaction on
/// SQLite. The scratch tables are dropped afterwards.
pub async fn bulk_vergelijken(db: &Db, scope: &Scope, rijen: usize) -> Result<BulkVergelijking> {
    // Keyed hashes like the log's: random, as its index sees them.
    let betrokkenen: Vec<String> = (0..rijen)
        .map(|i| {
            let mut m = crate::db::mac(&db.keys.subject);
            hmac::Mac::update(&mut m, &(i as u64).to_be_bytes());
            hex::encode(hmac::Mac::finalize(m).into_bytes())
        })
        .collect();
    let soort = Soort {
        activiteit: &VERGELIJKING,
        handeling: Handeling::Lezen,
        naam: "bulk-vergelijking",
        start_time: &crate::now_utc(),
        status: super::Status::Ok,
        fout: None,
    };
    let maker = Maker::new(
        scope,
        &soort,
        db.keys.clone(),
        1,
        String::new(),
        &betrokkenen,
    );
    let mut delen = Vec::new();
    maker.maak(RIJEN_PER_COPY, |d| {
        delen.push(d);
        true
    });
    let met = laad(db, &delen, true).await?;
    let zonder = laad(db, &delen, false).await?;
    Ok(BulkVergelijking {
        rijen: rijen as u64,
        met_indexen: met,
        zonder_indexen: zonder,
    })
}

/// Only for the yardstick's rows; never stored in the log itself.
const VERGELIJKING: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.bench.vergelijking",
    naam: "Benchmark",
    doel: "Meten hoe snel de database rijen opneemt",
    grondslag: "geen: de rijen gaan naar een tijdelijke tabel",
};

const TABEL: &str = "logboek_bulk_vergelijking";

async fn laad(db: &Db, delen: &[Vec<LogRecord>], indexen: bool) -> Result<Duration> {
    sqlx::query(&format!("DROP TABLE IF EXISTS {TABEL}"))
        .execute(db.pool())
        .await?;
    let maak = match (db.backend(), indexen) {
        (Backend::Postgres, true) => format!(
            "CREATE TABLE {TABEL} (LIKE verwerkingen INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)"
        ),
        (Backend::Postgres, false) => format!("CREATE TABLE {TABEL} (LIKE verwerkingen)"),
        (Backend::Sqlite, _) => format!(
            "CREATE TABLE {TABEL} (gemeente_code TEXT NOT NULL, seq BIGINT NOT NULL, trace_id TEXT NOT NULL, \
             span_id TEXT NOT NULL, parent_span_id TEXT, naam TEXT NOT NULL, verwerkingsactiviteit TEXT NOT NULL, \
             handeling TEXT NOT NULL, actor TEXT NOT NULL, betrokkene TEXT NOT NULL, betrokkene_type TEXT NOT NULL, \
             status TEXT NOT NULL, start_time TEXT NOT NULL, end_time TEXT NOT NULL, vorige_hash TEXT NOT NULL, \
             hash TEXT NOT NULL, resource_version TEXT, foreign_processor TEXT, foreign_span_id TEXT, fout TEXT{})",
            if indexen {
                ", PRIMARY KEY (gemeente_code, seq)"
            } else {
                ""
            }
        ),
    };
    sqlx::query(&maak).execute(db.pool()).await?;
    if indexen && db.backend() == Backend::Sqlite {
        sqlx::query(&format!(
            "CREATE INDEX {TABEL}_betrokkene ON {TABEL} (betrokkene)"
        ))
        .execute(db.pool())
        .await?;
    }
    let duur = match db.pg_bulk() {
        Some(pool) => {
            let mut bufs = Vec::with_capacity(delen.len());
            for (i, d) in delen.iter().enumerate() {
                let mut buf = Vec::with_capacity(d.len() * 480 + 19);
                if i == 0 {
                    kop(&mut buf);
                }
                rijen(&mut buf, d);
                bufs.push(buf);
            }
            let t = Instant::now();
            let mut tx = pool.begin().await?;
            let mut copy = tx.copy_in_raw(&copy_sql(TABEL)).await?;
            for b in bufs {
                copy.send(b).await?;
            }
            copy.send(TRAILER.as_slice()).await?;
            copy.finish().await?;
            tx.commit().await?;
            t.elapsed()
        }
        None => super::sqlite::laad_kaal(db, TABEL, delen).await?,
    };
    sqlx::query(&format!("DROP TABLE {TABEL}"))
        .execute(db.pool())
        .await?;
    Ok(duur)
}

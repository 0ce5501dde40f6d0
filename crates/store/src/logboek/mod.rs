//! Logboek Dataverwerkingen: a record of every read or write of a resident's
//! data, after the Logius standard (`shared/specs/logboek-dataverwerkingen`).
//!
//! Each record carries the trace and span ids, the processing activity, the
//! actor, the data subject as a keyed hash (HMAC-SHA256; a dump of the table
//! does not reveal BSNs) and the outcome. Records of one gemeente form a hash
//! chain sealed with a key only the installation has; `gbi audit verify`
//! checks it. Records are only ever appended.

use crate::db::{Db, Tx, mac};
use crate::{Result, Scope};
use gbi_domain::{Bsn, GemeenteCode};
use hmac::Mac;
use serde::Serialize;
use sqlx::Row;

/// Read or write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Handeling {
    Lezen,
    Schrijven,
}

impl Handeling {
    fn code(self) -> &'static str {
        match self {
            Handeling::Lezen => "lezen",
            Handeling::Schrijven => "schrijven",
        }
    }
}

/// What `dpl.core.data_subject_id_type` says of the stored subject id: a
/// keyed pseudonym of the BSN (HMAC-SHA256), never the BSN itself. The
/// register describes it (see [`register`]).
pub const BETROKKENE_TYPE: &str = "bsn-pseudoniem";

/// The version of GBI that writes records (`resource` in the standard).
pub const GBI_VERSIE: &str = env!("CARGO_PKG_VERSION");

/// One processing to be logged.
pub struct Verwerking<'a> {
    pub activiteit: &'static Verwerkingsactiviteit,
    pub handeling: Handeling,
    pub betrokkene: &'a Bsn,
    /// The operation, e.g. `GET /api/v1/inwoners/{id}`.
    pub naam: &'a str,
    /// When the operation started (stored format, see [`crate::now_utc`]).
    pub start_time: String,
}

/// A stored log record, as shown to functioneel beheer.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LogRecord {
    pub gemeente_code: String,
    pub seq: i64,
    pub trace_id: String,
    pub span_id: String,
    pub parent_span_id: Option<String>,
    pub naam: String,
    pub verwerkingsactiviteit: String,
    pub handeling: String,
    pub actor: String,
    pub betrokkene: String,
    pub betrokkene_type: String,
    pub status: String,
    pub start_time: String,
    pub end_time: String,
    pub vorige_hash: String,
    pub hash: String,
    /// The version of GBI that wrote the record (none before 0029).
    pub resource_version: Option<String>,
    /// The application whose request started the processing.
    pub foreign_processor: Option<String>,
    /// The span of that application's operation.
    pub foreign_span_id: Option<String>,
    /// What went wrong, for a record with status `Error`.
    pub fout: Option<String>,
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The keyed hash that stands for a BSN in the log.
pub fn subject_hash(keys_subject: &[u8; 32], bsn: &Bsn) -> String {
    let mut m = mac(keys_subject);
    m.update(b"bsn:");
    m.update(bsn.as_str().as_bytes());
    hex::encode(m.finalize().into_bytes())
}

impl Db {
    /// The keyed hash of a BSN, to search the log for one resident.
    pub fn logboek_subject(&self, bsn: &Bsn) -> String {
        subject_hash(&self.keys.subject, bsn)
    }

    /// How a resident appears as the actor of a record (their own portal,
    /// or as gemachtigde): the start of the same keyed hash, never the BSN.
    pub fn logboek_actor_id(&self, bsn: &Bsn) -> String {
        self.logboek_subject(bsn)
            .chars()
            .take(ACTOR_ID_LEN)
            .collect()
    }
}

/// The length of a resident's id as actor: 64 bits of the keyed hash.
const ACTOR_ID_LEN: usize = 16;

fn chain_hash(key: &[u8; 32], r: &LogRecord) -> String {
    let mut m = mac(key);
    let parent = r.parent_span_id.as_deref().unwrap_or("");
    let kop = [
        r.vorige_hash.as_str(),
        r.gemeente_code.as_str(),
        &r.seq.to_string(),
        &r.trace_id,
        &r.span_id,
        parent,
    ];
    for part in kop.into_iter().chain(r.inhoud()) {
        m.update(&(part.len() as u64).to_be_bytes());
        m.update(part.as_bytes());
    }
    // The fields of the standard added in 0029 are sealed too; a record
    // without any (every record written before) keeps its seal.
    let extra = [
        &r.resource_version,
        &r.foreign_processor,
        &r.foreign_span_id,
        &r.fout,
    ];
    if extra.iter().any(|f| f.is_some()) {
        m.update(b"dpl-v2");
        for f in extra {
            match f {
                Some(v) => {
                    m.update(&[1]);
                    m.update(&(v.len() as u64).to_be_bytes());
                    m.update(v.as_bytes());
                }
                None => m.update(&[0]),
            }
        }
    }
    hex::encode(m.finalize().into_bytes())
}

impl LogRecord {
    /// What was done, by whom, to whom and when: the fields from `naam` to
    /// `end_time`, in the order of the table and of the chain's seal.
    fn inhoud(&self) -> [&str; 9] {
        [
            &self.naam,
            &self.verwerkingsactiviteit,
            &self.handeling,
            &self.actor,
            &self.betrokkene,
            &self.betrokkene_type,
            &self.status,
            &self.start_time,
            &self.end_time,
        ]
    }
}

/// Append a record to the gemeente's chain, inside the caller's transaction,
/// so it is stored if and only if the change it describes is.
pub async fn record(tx: &mut Tx, scope: &Scope, v: Verwerking<'_>) -> Result<i64> {
    // The chain head is locked until commit (row lock on PostgreSQL, the
    // single writer on SQLite), so records get consecutive numbers.
    let betrokkene = subject_hash(&tx.keys.subject, v.betrokkene);
    let soort = bulk::Soort {
        activiteit: v.activiteit,
        handeling: v.handeling,
        naam: v.naam,
        start_time: &v.start_time,
        status: Status::Ok,
        fout: None,
    };
    bulk::schrijf(tx, scope, &soort, &[betrokkene]).await
}

/// Shorthand for [`record`] with the start time given as stored text.
pub async fn note(
    tx: &mut Tx,
    scope: &Scope,
    activiteit: &'static Verwerkingsactiviteit,
    handeling: Handeling,
    betrokkene: &Bsn,
    naam: &str,
    start_time: &str,
) -> Result<()> {
    record(
        tx,
        scope,
        Verwerking {
            activiteit,
            handeling,
            betrokkene,
            naam,
            start_time: start_time.to_owned(),
        },
    )
    .await?;
    Ok(())
}

/// Start a gemeente's chain. Called when a gemeente is created.
pub(crate) async fn start_chain(tx: &mut Tx, gemeente: &GemeenteCode) -> Result<()> {
    sqlx::query("INSERT INTO verwerkingen_kop (gemeente_code, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (gemeente_code) DO NOTHING")
        .bind(gemeente.as_str())
        .bind(GENESIS)
        .execute(tx.conn())
        .await?;
    Ok(())
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<LogRecord> {
    Ok(LogRecord {
        gemeente_code: row.try_get("gemeente_code")?,
        seq: row.try_get("seq")?,
        trace_id: row.try_get("trace_id")?,
        span_id: row.try_get("span_id")?,
        parent_span_id: row.try_get("parent_span_id")?,
        naam: row.try_get("naam")?,
        verwerkingsactiviteit: row.try_get("verwerkingsactiviteit")?,
        handeling: row.try_get("handeling")?,
        actor: row.try_get("actor")?,
        betrokkene: row.try_get("betrokkene")?,
        betrokkene_type: row.try_get("betrokkene_type")?,
        status: row.try_get("status")?,
        start_time: row.try_get("start_time")?,
        end_time: row.try_get("end_time")?,
        vorige_hash: row.try_get("vorige_hash")?,
        hash: row.try_get("hash")?,
        resource_version: row.try_get("resource_version")?,
        foreign_processor: row.try_get("foreign_processor")?,
        foreign_span_id: row.try_get("foreign_span_id")?,
        fout: row.try_get("fout")?,
    })
}

const COLUMNS: &str = "gemeente_code, seq, trace_id, span_id, parent_span_id, naam, verwerkingsactiviteit, \
    handeling, actor, betrokkene, betrokkene_type, status, start_time, end_time, vorige_hash, hash, \
    resource_version, foreign_processor, foreign_span_id, fout";

/// The newest records of the scope's gemeente, newest first; optionally only
/// those about one resident, and only those older than `before_seq`.
pub async fn list(
    db: &Db,
    scope: &Scope,
    betrokkene: Option<&Bsn>,
    before_seq: Option<i64>,
    limit: i64,
) -> Result<Vec<LogRecord>> {
    let subject = betrokkene.map(|b| db.logboek_subject(b));
    // A resident is found as the subject, and as the gemachtigde who acted
    // for someone else (DigiD Machtigen; the actor holds the same hash).
    let als_gemachtigde = subject
        .as_ref()
        .map(|s| crate::Actor::Gemachtigde(s.chars().take(ACTOR_ID_LEN).collect()).as_log_string());
    // Two statements, so each can use its index: the subject's (hash) and
    // the gemachtigden's (partial, on `actor`); one with `$2 IS NULL OR …`
    // would scan the gemeente's whole log.
    let sql = if subject.is_some() {
        format!(
            "SELECT {COLUMNS} FROM verwerkingen WHERE gemeente_code = $1 \
             AND (betrokkene = $2 OR (actor = $5 AND actor LIKE 'gemachtigde:%')) \
             AND seq < $3 ORDER BY seq DESC LIMIT $4"
        )
    } else {
        format!(
            "SELECT {COLUMNS} FROM verwerkingen WHERE gemeente_code = $1 AND $2 IS NULL AND $5 IS NULL \
             AND seq < $3 ORDER BY seq DESC LIMIT $4"
        )
    };
    let start = crate::now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&sql)
        .bind(scope.gemeente.as_str())
        .bind(subject)
        .bind(before_seq.unwrap_or(i64::MAX))
        .bind(limit.clamp(1, 500))
        .bind(als_gemachtigde)
        .fetch_all(tx.conn())
        .await?;
    let records = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    // Searching the log for one resident is itself a processing of that
    // resident's data, and is logged.
    if let Some(bsn) = betrokkene {
        note(
            &mut tx,
            scope,
            &LOGBOEK_DOORZOEKEN,
            Handeling::Lezen,
            bsn,
            "logboek doorzoeken op inwoner",
            &start,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(records)
}

/// How many records of one processing activity the scope's gemeente has.
pub async fn count(db: &Db, scope: &Scope, activiteit: &Verwerkingsactiviteit) -> Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM verwerkingen WHERE gemeente_code = $1 AND verwerkingsactiviteit = $2")
        .bind(scope.gemeente.as_str())
        .bind(activiteit.id)
        .fetch_one(db.pool())
        .await?;
    Ok(row.try_get("n")?)
}

mod activiteiten;
pub mod anker;
mod bulk;
pub(crate) mod bundel;
mod controle;
mod copy;
pub mod export;
pub mod register;
mod sqlite;
mod standaard;
mod status;
pub use activiteiten::*;
pub use bulk::{record_many, record_many_standalone};
pub use bundel::record_gebundeld;
pub use controle::{ChainReport, verify, verify_against};
pub use copy::{BulkVergelijking, bulk_vergelijken};
pub use standaard::{GbiVelden, Logregel, SERVICE_NAME, millis, nanos};
pub use status::{Status, record_fout, record_los, record_status};

#[cfg(test)]
mod tests;

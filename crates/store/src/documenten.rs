//! Documents (ZGW: enkelvoudige informatieobjecten): uploads of residents
//! and letters, with their SHA-256. The rows are in the database; the files
//! in the row or in the configured object store ([`crate::opslag`]).

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, now_utc};
use gbi_domain::Bsn;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub concept_id: Option<String>,
    pub zaak_id: Option<String>,
    pub informatieobjecttype: String,
    pub bestandsnaam: String,
    pub mime: String,
    pub grootte: i64,
    pub sha256: String,
    pub created_at: String,
}

pub struct NewDocument<'a> {
    pub bsn: &'a Bsn,
    pub concept_id: Option<&'a str>,
    pub zaak_id: Option<&'a str>,
    pub informatieobjecttype: &'a str,
    pub bestandsnaam: &'a str,
    pub mime: &'a str,
    pub inhoud: &'a [u8],
}

const COLUMNS: &str = "id, concept_id, zaak_id, informatieobjecttype, bestandsnaam, mime, grootte, sha256, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Document> {
    Ok(Document {
        id: r.try_get("id")?,
        concept_id: r.try_get("concept_id")?,
        zaak_id: r.try_get("zaak_id")?,
        informatieobjecttype: r.try_get("informatieobjecttype")?,
        bestandsnaam: r.try_get("bestandsnaam")?,
        mime: r.try_get("mime")?,
        grootte: r.try_get("grootte")?,
        sha256: r.try_get("sha256")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Add a document. With an object store configured the file is stored
/// there first; when the row cannot be written after that, the object is
/// removed again (best effort). When the store refuses or does not answer,
/// nothing is written.
pub async fn add(db: &Db, scope: &Scope, d: NewDocument<'_>, operation: &str) -> Result<Document> {
    let id = uuid::Uuid::new_v4().to_string();
    let opslag = db
        .documentopslag()
        .bewaar(scope.gemeente.as_str(), &id, d.inhoud)
        .await?;
    let gedaan = async {
        let mut tx = db.begin().await?;
        let doc = insert(&mut tx, scope, &id, &d, opslag.as_deref(), operation).await?;
        tx.commit().await?;
        Ok(doc)
    }
    .await;
    if gedaan.is_err()
        && let Some(key) = opslag
    {
        db.documentopslag().verwijder(&[key]).await;
    }
    gedaan
}

/// Add a document inside a caller's transaction (with its log record). A
/// document for a zaak fulfils the resident's open tasks that ask for that
/// kind of document (task soort `document:<informatieobjecttype>`). With an
/// object store configured the file is stored there first, and removed
/// again when the transaction does not commit.
pub async fn add_in(
    tx: &mut crate::db::Tx,
    scope: &Scope,
    d: NewDocument<'_>,
    operation: &str,
) -> Result<Document> {
    let id = uuid::Uuid::new_v4().to_string();
    let opslag = tx
        .opruimen
        .opslag
        .bewaar(scope.gemeente.as_str(), &id, d.inhoud)
        .await?;
    if let Some(key) = &opslag {
        tx.opruimen.keys.push(key.clone());
    }
    insert(tx, scope, &id, &d, opslag.as_deref(), operation).await
}

/// The row of a new document; its file is in `opslag` (an object key) or,
/// when that is `None`, in the row.
async fn insert(
    tx: &mut crate::db::Tx,
    scope: &Scope,
    id: &str,
    d: &NewDocument<'_>,
    opslag: Option<&str>,
    operation: &str,
) -> Result<Document> {
    let start = now_utc();
    let inhoud = match opslag {
        Some(_) => Vec::new(),
        None => d.inhoud.to_vec(),
    };
    sqlx::query(
        "INSERT INTO documenten (id, gemeente_code, bsn, concept_id, zaak_id, informatieobjecttype, bestandsnaam, mime, grootte, sha256, inhoud, opslag, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(id)
    .bind(scope.gemeente.as_str())
    .bind(d.bsn.as_str())
    .bind(d.concept_id)
    .bind(d.zaak_id)
    .bind(d.informatieobjecttype)
    .bind(d.bestandsnaam)
    .bind(d.mime)
    .bind(d.inhoud.len() as i64)
    .bind(hex::encode(Sha256::digest(d.inhoud)))
    .bind(inhoud)
    .bind(opslag)
    .bind(&start)
    .execute(tx.conn())
    .await?;
    logboek::note(
        tx,
        scope,
        &logboek::DOCUMENT_TOEVOEGEN,
        Handeling::Schrijven,
        d.bsn,
        operation,
        &start,
    )
    .await?;
    if let Some(zaak_id) = d.zaak_id {
        sqlx::query(
            "UPDATE taken SET status = 'afgerond', afgerond_at = $1 WHERE zaak_id = $2 AND gemeente_code = $3 \
             AND voor = 'inwoner' AND soort = $4 AND status = 'open'",
        )
        .bind(&start)
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .bind(format!("document:{}", d.informatieobjecttype))
        .execute(tx.conn())
        .await?;
    }
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM documenten WHERE id = $1"))
        .bind(id)
        .fetch_one(tx.conn())
        .await?;
    from_row(&row)
}

/// The documents of a draft or of a zaak (metadata only).
pub async fn list(
    db: &Db,
    scope: &Scope,
    concept_id: Option<&str>,
    zaak_id: Option<&str>,
) -> Result<Vec<Document>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM documenten WHERE gemeente_code = $1 AND (concept_id = $2 OR zaak_id = $3) ORDER BY created_at"
    ))
    .bind(scope.gemeente.as_str())
    .bind(concept_id)
    .bind(zaak_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// A row with `bsn`, `inhoud` and `opslag`: the document, its owner and its
/// content (from the row or the object store). Read before the transaction
/// that logs the read, so no write waits on the object store.
async fn met_inhoud(db: &Db, row: &sqlx::any::AnyRow) -> Result<(Document, Bsn, Vec<u8>)> {
    let doc = from_row(row)?;
    let owner = Bsn::parse(&row.try_get::<String, _>("bsn")?)?;
    let opslag: Option<String> = row.try_get("opslag")?;
    let inhoud: Vec<u8> = row.try_get("inhoud")?;
    let inhoud = db
        .documentopslag()
        .lees(opslag.as_deref(), inhoud, &doc.sha256)
        .await?;
    Ok((doc, owner, inhoud))
}

/// One document with its content, when it belongs to `bsn` (a resident
/// downloading their own) or to any resident (staff: `bsn` = None).
pub async fn content(
    db: &Db,
    scope: &Scope,
    id: &str,
    bsn: Option<&Bsn>,
    operation: &str,
) -> Result<Option<(Document, Vec<u8>)>> {
    let start = now_utc();
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, bsn, inhoud, opslag FROM documenten WHERE id = $1 AND gemeente_code = $2 AND ($3 IS NULL OR bsn = $3)"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .bind(bsn.map(|b| b.as_str().to_owned()))
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let (doc, owner, inhoud) = met_inhoud(db, &row).await?;
    let mut tx = db.begin().await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::ZAAK_RAADPLEGEN,
        Handeling::Lezen,
        &owner,
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some((doc, inhoud)))
}

/// One document of a zaak with its content, for staff: only when it belongs
/// to that zaak (sent with the application, uploaded at the desk, or sent
/// later) in the scope's gemeente. Logged as read, with the purpose.
pub async fn van_zaak(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    id: &str,
    operation: &str,
) -> Result<Option<(Document, Vec<u8>)>> {
    let start = now_utc();
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, bsn, inhoud, opslag FROM documenten WHERE id = $1 AND gemeente_code = $2 AND (zaak_id = $3 \
         OR concept_id IN (SELECT concept_id FROM zaken WHERE id = $3 AND gemeente_code = $2))"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let (doc, owner, inhoud) = met_inhoud(db, &row).await?;
    let mut tx = db.begin().await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::DOCUMENT_INZIEN,
        Handeling::Lezen,
        &owner,
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some((doc, inhoud)))
}

/// Remove a document the resident sent for a zaak after `sinds` (the start
/// of the open hersteltermijn). Letters of the gemeente are never removed.
/// Returns whether a document was removed; the removal is logged.
pub async fn verwijderen_door_inwoner(
    db: &Db,
    scope: &Scope,
    id: &str,
    zaak_id: &str,
    bsn: &Bsn,
    sinds: &str,
    operation: &str,
) -> Result<bool> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let opslag: Option<String> =
        sqlx::query("SELECT opslag FROM documenten WHERE id = $1 AND gemeente_code = $2")
            .bind(id)
            .bind(scope.gemeente.as_str())
            .fetch_optional(tx.conn())
            .await?
            .map(|r| r.try_get("opslag"))
            .transpose()?
            .flatten();
    let n = sqlx::query(
        "DELETE FROM documenten WHERE id = $1 AND gemeente_code = $2 AND zaak_id = $3 AND bsn = $4 \
         AND created_at >= $5 AND informatieobjecttype <> 'beschikking' \
         AND id NOT IN (SELECT document_id FROM printwachtrij)",
    )
    .bind(id)
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .bind(bsn.as_str())
    .bind(sinds)
    .execute(tx.conn())
    .await?
    .rows_affected();
    if n == 0 {
        return Ok(false);
    }
    logboek::note(
        &mut tx,
        scope,
        &logboek::DOCUMENT_VERWIJDEREN,
        Handeling::Schrijven,
        bsn,
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    if let Some(key) = opslag {
        db.documentopslag().verwijder(&[key]).await;
    }
    Ok(true)
}

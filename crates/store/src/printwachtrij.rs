//! The print queue (printwachtrij): letters that must also go on paper,
//! because the resident did not consent to electronic delivery (Awb art.
//! 2:14; see [`crate::elektronisch`]). Functioneel beheer prints and posts
//! them and records who did and when; the bezwaar term runs from that day.
//!
//! The list shows the zaak, the kind of letter, the date and the resident's
//! name, never a BSN. Listing, downloading and marking as sent are logged
//! for every resident concerned.

use crate::db::{Db, Tx};
use crate::documenten::Document;
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::Bsn;
use serde::Serialize;
use sqlx::Row;

/// How many letters already sent the list shows.
pub const VERZONDEN_OP_LIJST: i64 = 50;

/// One letter in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintBrief {
    pub id: String,
    pub zaak_id: String,
    /// The zaak's kenmerk, e.g. `ALO-0392-2026-000001`.
    pub zaak_identificatie: String,
    pub document_id: String,
    /// The kind of letter: `beschikking`, `voorschot`, …
    pub soort: String,
    /// The resident's name, as on the letter.
    pub naam: String,
    pub created_at: String,
    pub verzonden_op: Option<String>,
    /// The name of the staff member who posted it.
    pub verzonden_door: Option<String>,
}

/// The letters still to post, oldest first, and the latest ones posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Printlijst {
    pub open: Vec<PrintBrief>,
    pub verzonden: Vec<PrintBrief>,
}

const SELECT: &str = "SELECT p.id, p.zaak_id, z.identificatie, p.document_id, p.soort, p.naam, p.created_at, \
     p.verzonden_op, m.naam AS door_naam, d.bsn \
     FROM printwachtrij p \
     JOIN zaken z ON z.id = p.zaak_id AND z.gemeente_code = p.gemeente_code \
     JOIN documenten d ON d.id = p.document_id AND d.gemeente_code = p.gemeente_code \
     LEFT JOIN medewerkers m ON m.id = p.verzonden_door AND m.gemeente_code = p.gemeente_code";

fn from_row(r: &sqlx::any::AnyRow) -> Result<(PrintBrief, Bsn)> {
    let brief = PrintBrief {
        id: r.try_get("id")?,
        zaak_id: r.try_get("zaak_id")?,
        zaak_identificatie: r.try_get("identificatie")?,
        document_id: r.try_get("document_id")?,
        soort: r.try_get("soort")?,
        naam: r.try_get("naam")?,
        created_at: r.try_get("created_at")?,
        verzonden_op: r.try_get("verzonden_op")?,
        verzonden_door: r.try_get("door_naam")?,
    };
    let bsn = Bsn::parse(&r.try_get::<String, _>("bsn")?)?;
    Ok((brief, bsn))
}

/// Put a letter (a document of the zaak) in the queue, inside the caller's
/// transaction, with its log record. Once per document.
pub(crate) async fn toevoegen_in(
    tx: &mut Tx,
    scope: &Scope,
    zaak_id: &str,
    document_id: &str,
    betrokkene: &Bsn,
    soort: &str,
    naam: &str,
) -> Result<String> {
    let start = now_utc();
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO printwachtrij (id, gemeente_code, zaak_id, document_id, soort, naam, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .bind(document_id)
    .bind(soort)
    .bind(naam)
    .bind(&start)
    .execute(tx.conn())
    .await?;
    logboek::note(
        tx,
        scope,
        &logboek::BRIEF_VERSTUREN,
        Handeling::Schrijven,
        betrokkene,
        "brief in de printwachtrij",
        &start,
    )
    .await?;
    Ok(id)
}

/// Put a letter in the queue when its addressee has not consented to
/// electronic delivery, inside the caller's transaction. Returns the id of
/// the queue entry, or `None` when the letter may stay online only.
pub(crate) async fn zonder_toestemming_in(
    tx: &mut Tx,
    scope: &Scope,
    zaak_id: &str,
    document_id: &str,
    betrokkene: &Bsn,
    soort: &str,
    naam: &str,
) -> Result<Option<String>> {
    let toestemming = crate::elektronisch::huidig_in(tx, scope, betrokkene)
        .await?
        .is_some_and(|t| t.toestemming);
    if toestemming {
        return Ok(None);
    }
    toevoegen_in(tx, scope, zaak_id, document_id, betrokkene, soort, naam)
        .await
        .map(Some)
}

/// Put a document of a zaak in the queue (for a letter made outside the
/// background work). The addressee is the document's resident.
pub async fn toevoegen(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    document_id: &str,
    soort: &str,
    naam: &str,
) -> Result<String> {
    let mut tx = db.begin().await?;
    let row = sqlx::query("SELECT bsn FROM documenten WHERE id = $1 AND gemeente_code = $2")
        .bind(document_id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(tx.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let bsn = Bsn::parse(&row.try_get::<String, _>("bsn")?)?;
    let id = toevoegen_in(&mut tx, scope, zaak_id, document_id, &bsn, soort, naam).await?;
    tx.commit().await?;
    Ok(id)
}

/// The queue of the scope's gemeente. Logged: one read per resident shown.
pub async fn lijst(db: &Db, scope: &Scope, operation: &str) -> Result<Printlijst> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let open = sqlx::query(&format!(
        "{SELECT} WHERE p.gemeente_code = $1 AND p.verzonden_op IS NULL ORDER BY p.created_at, p.id"
    ))
    .bind(scope.gemeente.as_str())
    .fetch_all(tx.conn())
    .await?;
    let verzonden = sqlx::query(&format!(
        "{SELECT} WHERE p.gemeente_code = $1 AND p.verzonden_op IS NOT NULL \
         ORDER BY p.verzonden_op DESC, p.id LIMIT $2"
    ))
    .bind(scope.gemeente.as_str())
    .bind(VERZONDEN_OP_LIJST)
    .fetch_all(tx.conn())
    .await?;
    let mut lijst = Printlijst::default();
    let mut betrokkenen: Vec<String> = Vec::new();
    for (rows, doel) in [(&open, &mut lijst.open), (&verzonden, &mut lijst.verzonden)] {
        for r in rows {
            let (brief, bsn) = from_row(r)?;
            let hash = crate::logboek::subject_hash(&tx.keys.subject, &bsn);
            if !betrokkenen.contains(&hash) {
                betrokkenen.push(hash);
            }
            doel.push(brief);
        }
    }
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::BRIEF_VERSTUREN,
        Handeling::Lezen,
        operation,
        &betrokkenen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(lijst)
}

async fn een_in(tx: &mut Tx, scope: &Scope, id: &str) -> Result<Option<(PrintBrief, Bsn)>> {
    let row = sqlx::query(&format!(
        "{SELECT} WHERE p.id = $1 AND p.gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// A letter of the queue with its PDF, to print. Logged as a read.
pub async fn brief(
    db: &Db,
    scope: &Scope,
    id: &str,
    operation: &str,
) -> Result<Option<(PrintBrief, Document, Vec<u8>)>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let Some((brief, bsn)) = een_in(&mut tx, scope, id).await? else {
        return Ok(None);
    };
    let row = sqlx::query(
        "SELECT id, concept_id, zaak_id, informatieobjecttype, bestandsnaam, mime, grootte, sha256, created_at, inhoud, opslag \
         FROM documenten WHERE id = $1 AND gemeente_code = $2",
    )
    .bind(&brief.document_id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let doc = Document {
        id: row.try_get("id")?,
        concept_id: row.try_get("concept_id")?,
        zaak_id: row.try_get("zaak_id")?,
        informatieobjecttype: row.try_get("informatieobjecttype")?,
        bestandsnaam: row.try_get("bestandsnaam")?,
        mime: row.try_get("mime")?,
        grootte: row.try_get("grootte")?,
        sha256: row.try_get("sha256")?,
        created_at: row.try_get("created_at")?,
    };
    let inhoud: Vec<u8> = row.try_get("inhoud")?;
    let opslag: Option<String> = row.try_get("opslag")?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::BRIEF_VERSTUREN,
        Handeling::Lezen,
        &bsn,
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    // From the object store after the commit: no write waits on it.
    let inhoud = db
        .documentopslag()
        .lees(opslag.as_deref(), inhoud, &doc.sha256)
        .await?;
    Ok(Some((brief, doc, inhoud)))
}

/// Record that a letter was posted, by staff member `medewerker_id`, now.
/// Posting it again changes nothing (the first date counts: the bezwaar
/// term runs from it). `None` when the letter is not in the gemeente's
/// queue. Logged as a write.
pub async fn verzonden(
    db: &Db,
    scope: &Scope,
    id: &str,
    medewerker_id: &str,
    operation: &str,
) -> Result<Option<PrintBrief>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let Some((brief, bsn)) = een_in(&mut tx, scope, id).await? else {
        return Ok(None);
    };
    if brief.verzonden_op.is_some() {
        return Ok(Some(brief));
    }
    sqlx::query(
        "UPDATE printwachtrij SET verzonden_op = $1, verzonden_door = $2 \
         WHERE id = $3 AND gemeente_code = $4 AND verzonden_op IS NULL",
    )
    .bind(&start)
    .bind(medewerker_id)
    .bind(id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::BRIEF_VERSTUREN,
        Handeling::Schrijven,
        &bsn,
        operation,
        &start,
    )
    .await?;
    let bijgewerkt = een_in(&mut tx, scope, id).await?.map(|(b, _)| b);
    tx.commit().await?;
    Ok(bijgewerkt)
}

/// The queue entries of one zaak (e.g. to tell when its letter was posted).
pub async fn voor_zaak(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Vec<PrintBrief>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE p.zaak_id = $1 AND p.gemeente_code = $2 ORDER BY p.created_at, p.id"
    ))
    .bind(zaak_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|r| from_row(r).map(|(b, _)| b)).collect()
}

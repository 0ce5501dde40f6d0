//! Income reported per month for a running benefit (inkomstenopgave), with
//! the payslip as a document, in one transaction.

use crate::db::Db;
use crate::documenten::{self, NewDocument};
use crate::logboek::{self, Handeling};
use crate::uitkeringen::Uitkering;
use crate::{Result, Scope, now_utc};
use gbi_domain::{Maand, Money};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Inkomstenopgave {
    pub id: String,
    pub uitkering_id: String,
    pub maand: Maand,
    pub arbeid: Money,
    pub overig: Money,
    pub document_id: Option<String>,
    pub door: String,
    pub created_at: String,
}

/// `door` of a report the UWV wage import recorded (the system job `uwv`).
pub const DOOR_UWV: &str = "systeem:uwv";

impl Inkomstenopgave {
    /// Whether UWV's wage data gave this report (not a person).
    pub fn van_uwv(&self) -> bool {
        self.door == DOOR_UWV
    }

    /// Where the figure comes from, as pages show it: "UWV", "inwoner" or
    /// "medewerker".
    pub fn bron(&self) -> &'static str {
        if self.van_uwv() {
            "UWV"
        } else if self.door.starts_with("medewerker:") {
            "medewerker"
        } else {
            "inwoner"
        }
    }
}

/// What recording a UWV figure did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UwvVastlegging {
    /// Recorded as a new report.
    Vastgelegd,
    /// The latest UWV report of the month has these amounts already.
    AlBekend,
    /// A resident or caseworker reported this month: their report counts,
    /// the UWV figure is not recorded.
    EigenOpgave,
}

/// Record the wages UWV knows for `maand` as a report by [`DOOR_UWV`], in one
/// transaction with the processing-log records of asking UWV (read) and, if
/// recorded, of offsetting (write). Never overwrites or outranks a person's
/// report; recording the same figure again does nothing.
pub async fn uwv_vastleggen(
    db: &Db,
    scope: &Scope,
    u: &Uitkering,
    maand: Maand,
    arbeid: Money,
    overig: Money,
) -> Result<UwvVastlegging> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    if db.backend() == crate::db::Backend::Postgres {
        // Two imports at once wait for each other per benefit (SQLite has
        // one writer already).
        sqlx::query("SELECT id FROM uitkeringen WHERE id = $1 AND gemeente_code = $2 FOR UPDATE")
            .bind(&u.id)
            .bind(scope.gemeente.as_str())
            .fetch_optional(tx.conn())
            .await?;
    }
    let rows = sqlx::query(
        "SELECT arbeid_cents, overig_cents, door FROM inkomstenopgaven \
         WHERE uitkering_id = $1 AND gemeente_code = $2 AND maand = $3 ORDER BY created_at",
    )
    .bind(&u.id)
    .bind(scope.gemeente.as_str())
    .bind(maand.to_string())
    .fetch_all(tx.conn())
    .await?;
    let mut laatste_uwv = None;
    let mut eigen = false;
    for r in &rows {
        let door: String = r.try_get("door")?;
        if door == DOOR_UWV {
            laatste_uwv = Some((
                r.try_get::<i64, _>("arbeid_cents")?,
                r.try_get::<i64, _>("overig_cents")?,
            ));
        } else {
            eigen = true;
        }
    }
    let uitkomst = if eigen {
        UwvVastlegging::EigenOpgave
    } else if laatste_uwv == Some((arbeid.cents(), overig.cents())) {
        UwvVastlegging::AlBekend
    } else {
        UwvVastlegging::Vastgelegd
    };
    logboek::note(
        &mut tx,
        scope,
        &logboek::BRON_RAADPLEGEN,
        Handeling::Lezen,
        &u.bsn,
        "loon opvragen bij UWV",
        &start,
    )
    .await?;
    if uitkomst == UwvVastlegging::Vastgelegd {
        sqlx::query(
            "INSERT INTO inkomstenopgaven (id, gemeente_code, uitkering_id, maand, arbeid_cents, overig_cents, document_id, door, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(scope.gemeente.as_str())
        .bind(&u.id)
        .bind(maand.to_string())
        .bind(arbeid.cents())
        .bind(overig.cents())
        .bind(DOOR_UWV)
        .bind(&start)
        .execute(tx.conn())
        .await?;
        logboek::note(
            &mut tx,
            scope,
            &logboek::INKOMSTEN_UWV_VERREKENEN,
            Handeling::Schrijven,
            &u.bsn,
            "loon van UWV vastleggen",
            &start,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(uitkomst)
}

/// A payslip or other proof sent with the report.
pub struct Bewijs<'a> {
    pub bestandsnaam: &'a str,
    pub mime: &'a str,
    pub inhoud: &'a [u8],
}

/// Store a report for `maand` (a later report of the same month replaces
/// the earlier one in the ledger; both are kept).
pub async fn opgeven(
    db: &Db,
    scope: &Scope,
    u: &Uitkering,
    maand: Maand,
    arbeid: Money,
    overig: Money,
    bewijs: Option<Bewijs<'_>>,
) -> Result<Inkomstenopgave> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let document_id = match bewijs {
        Some(b) => Some(
            documenten::add_in(
                &mut tx,
                scope,
                NewDocument {
                    bsn: &u.bsn,
                    concept_id: None,
                    zaak_id: Some(&u.zaak_id),
                    informatieobjecttype: "loonstrook",
                    bestandsnaam: b.bestandsnaam,
                    mime: b.mime,
                    inhoud: b.inhoud,
                },
                "inkomsten opgeven",
            )
            .await?
            .id,
        ),
        None => None,
    };
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO inkomstenopgaven (id, gemeente_code, uitkering_id, maand, arbeid_cents, overig_cents, document_id, door, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(&u.id)
    .bind(maand.to_string())
    .bind(arbeid.cents())
    .bind(overig.cents())
    .bind(&document_id)
    .bind(scope.actor.as_log_string())
    .bind(&start)
    .execute(tx.conn())
    .await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::INKOMSTEN_VERWERKEN,
        Handeling::Schrijven,
        &u.bsn,
        "inkomsten opgeven",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Inkomstenopgave {
        id,
        uitkering_id: u.id.clone(),
        maand,
        arbeid,
        overig,
        document_id,
        door: scope.actor.as_log_string(),
        created_at: start,
    })
}

/// Every report of a benefit, oldest first.
pub async fn van_uitkering(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
) -> Result<Vec<Inkomstenopgave>> {
    let rows = sqlx::query(&format!(
        "SELECT {OPGAVE} FROM inkomstenopgaven \
         WHERE uitkering_id = $1 AND gemeente_code = $2 ORDER BY maand, created_at"
    ))
    .bind(uitkering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(opgave).collect()
}

/// [`van_uitkering`] of every benefit whose id lies from `van` to `tot`
/// (inclusive), by benefit, in one statement (the betaalrun's batches).
pub async fn van_uitkeringen_tussen(
    db: &Db,
    scope: &Scope,
    van: &str,
    tot: &str,
) -> Result<std::collections::HashMap<String, Vec<Inkomstenopgave>>> {
    let rows = sqlx::query(&format!(
        "SELECT {OPGAVE} FROM inkomstenopgaven \
         WHERE uitkering_id >= $1 AND uitkering_id <= $2 AND gemeente_code = $3 \
         ORDER BY uitkering_id, maand, created_at"
    ))
    .bind(van)
    .bind(tot)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    let mut per_uitkering = std::collections::HashMap::<String, Vec<Inkomstenopgave>>::new();
    for r in &rows {
        let o = opgave(r)?;
        per_uitkering
            .entry(o.uitkering_id.clone())
            .or_default()
            .push(o);
    }
    Ok(per_uitkering)
}

const OPGAVE: &str =
    "id, uitkering_id, maand, arbeid_cents, overig_cents, document_id, door, created_at";

fn opgave(r: &sqlx::any::AnyRow) -> Result<Inkomstenopgave> {
    Ok(Inkomstenopgave {
        id: r.try_get("id")?,
        uitkering_id: r.try_get("uitkering_id")?,
        maand: Maand::parse(&r.try_get::<String, _>("maand")?)?,
        arbeid: Money::from_cents(r.try_get("arbeid_cents")?),
        overig: Money::from_cents(r.try_get("overig_cents")?),
        document_id: r.try_get("document_id")?,
        door: r.try_get("door")?,
        created_at: r.try_get("created_at")?,
    })
}

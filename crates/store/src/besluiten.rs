//! Decisions (besluiten) with four eyes: one person proposes, another
//! approves or sends back. Nobody approves their own proposal — enforced
//! here, in the data layer, as well as in the werkplek.

use crate::behandeling::{Overgang, overgang_in};
use crate::db::Db;
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{BesluitStatus, Besluittype};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Besluit {
    pub id: String,
    pub zaak_id: String,
    pub besluittype: Besluittype,
    pub status: BesluitStatus,
    pub inhoud: serde_json::Value,
    pub voorgesteld_door: String,
    pub voorgesteld_op: String,
    pub beoordeeld_door: Option<String>,
    pub beoordeeld_op: Option<String>,
    pub opmerking: Option<String>,
}

const COLUMNS: &str = "id, zaak_id, besluittype, status, inhoud, voorgesteld_door, voorgesteld_op, beoordeeld_door, beoordeeld_op, opmerking";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Besluit> {
    let inhoud: String = r.try_get("inhoud")?;
    Ok(Besluit {
        id: r.try_get("id")?,
        zaak_id: r.try_get("zaak_id")?,
        besluittype: Besluittype::parse(&r.try_get::<String, _>("besluittype")?)?,
        status: BesluitStatus::parse(&r.try_get::<String, _>("status")?)?,
        inhoud: serde_json::from_str(&inhoud).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        voorgesteld_door: r.try_get("voorgesteld_door")?,
        voorgesteld_op: r.try_get("voorgesteld_op")?,
        beoordeeld_door: r.try_get("beoordeeld_door")?,
        beoordeeld_op: r.try_get("beoordeeld_op")?,
        opmerking: r.try_get("opmerking")?,
    })
}

/// Propose a decision; the zaak goes to `overgang` (e.g. status toetsen).
/// An earlier proposal that was not yet judged is replaced.
pub async fn voorstellen(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    besluittype: Besluittype,
    inhoud: &serde_json::Value,
    door: &str,
    overgang: Overgang,
) -> Result<Besluit> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    overgang_in(&mut tx, scope, zaak_id, overgang, "besluit voorstellen").await?;
    sqlx::query("UPDATE besluiten SET status = 'vervallen' WHERE zaak_id = $1 AND gemeente_code = $2 AND status = 'voorgesteld'")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .execute(tx.conn())
        .await?;
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO besluiten (id, gemeente_code, zaak_id, besluittype, status, inhoud, voorgesteld_door, voorgesteld_op, versie) \
         VALUES ($1, $2, $3, $4, 'voorgesteld', $5, $6, $7, 1)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .bind(besluittype.code())
    .bind(inhoud.to_string())
    .bind(door)
    .bind(&start)
    .execute(tx.conn())
    .await?;
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM besluiten WHERE id = $1"))
        .bind(&id)
        .fetch_one(tx.conn())
        .await?;
    let b = from_row(&row)?;
    tx.commit().await?;
    Ok(b)
}

/// Why a judgement was refused.
pub const EIGEN_VOORSTEL: &str =
    "u kunt uw eigen voorstel niet goedkeuren: een collega moet het controleren";

/// Approve (`true`) or send back (`false`) a proposal; the zaak goes to
/// `overgang`. The person who proposed can never judge it.
/// A judgement of a proposal.
pub struct Oordeel<'a> {
    /// The staff member who judges.
    pub door: &'a str,
    pub goedgekeurd: bool,
    pub opmerking: Option<&'a str>,
    /// Where the zaak goes.
    pub overgang: Overgang,
    /// The running benefit an approved toekenning starts.
    pub uitkering: Option<crate::uitkeringen::NieuweUitkering>,
    /// What an approved besluit pays once (bijzondere bijstand, IIT): paid
    /// by the betaalrun of its first month or a later one. Its `besluit_id`
    /// is the besluit judged.
    pub eenmalige_betaling: Option<crate::eenmalige_betalingen::NieuweEenmaligeBetaling>,
    /// The claim an approved loan writes (art. 48-2, 51). Its `besluit_id`
    /// is the besluit judged.
    pub vordering: Option<crate::vorderingen::NieuweVordering>,
    /// Background work an approval starts (e.g. the beschikking letter).
    pub werk: Vec<String>,
}

pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    besluit_id: &str,
    oordeel: Oordeel<'_>,
) -> Result<Besluit> {
    let Oordeel {
        door,
        goedgekeurd,
        opmerking,
        overgang,
        uitkering,
        eenmalige_betaling,
        vordering,
        werk,
    } = oordeel;
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM besluiten WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(besluit_id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    let b = from_row(&row)?;
    if b.voorgesteld_door == door {
        return Err(StoreError::Conflict(EIGEN_VOORSTEL.into()));
    }
    if b.status != BesluitStatus::Voorgesteld {
        return Err(StoreError::Conflict("dit voorstel is al beoordeeld".into()));
    }
    let n = sqlx::query(
        "UPDATE besluiten SET status = $1, beoordeeld_door = $2, beoordeeld_op = $3, opmerking = $4, versie = versie + 1 \
         WHERE id = $5 AND gemeente_code = $6 AND status = 'voorgesteld' AND voorgesteld_door <> $2",
    )
    .bind(if goedgekeurd {
        BesluitStatus::Goedgekeurd.code()
    } else {
        BesluitStatus::Teruggestuurd.code()
    })
    .bind(door)
    .bind(&start)
    .bind(opmerking)
    .bind(besluit_id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?
    .rows_affected();
    if n != 1 {
        return Err(StoreError::Conflict(
            "dit voorstel is intussen gewijzigd".into(),
        ));
    }
    let zaak = overgang_in(
        &mut tx,
        scope,
        &b.zaak_id,
        overgang,
        if goedgekeurd {
            "besluit goedkeuren"
        } else {
            "besluit terugsturen"
        },
    )
    .await?;
    if let (true, Some(u)) = (goedgekeurd, &uitkering) {
        crate::uitkeringen::create_in(&mut tx, scope, &zaak.id, &zaak.bsn, u).await?;
    }
    if let (true, Some(e)) = (goedgekeurd, &eenmalige_betaling) {
        if e.besluit_id != besluit_id {
            return Err(StoreError::Conflict(
                "de eenmalige betaling hoort bij een ander besluit".into(),
            ));
        }
        crate::eenmalige_betalingen::create_in(&mut tx, scope, &zaak.id, &zaak.bsn, e).await?;
    }
    if let (true, Some(v)) = (goedgekeurd, &vordering) {
        if v.besluit_id != besluit_id {
            return Err(StoreError::Conflict(
                "de vordering hoort bij een ander besluit".into(),
            ));
        }
        crate::vorderingen::create_in(&mut tx, scope, &zaak.id, &zaak.bsn, v).await?;
    }
    if goedgekeurd {
        crate::werk::plan_in(&mut tx, scope, &zaak.id, &werk).await?;
    }
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM besluiten WHERE id = $1"))
        .bind(besluit_id)
        .fetch_one(tx.conn())
        .await?;
    let b = from_row(&row)?;
    tx.commit().await?;
    Ok(b)
}

/// The decisions of a zaak, newest first.
pub async fn voor_zaak(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Vec<Besluit>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM besluiten WHERE zaak_id = $1 AND gemeente_code = $2 ORDER BY voorgesteld_op DESC"))
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(from_row).collect()
}

/// Proposals waiting for a second person, oldest first (kwaliteitsmedewerker).
pub async fn te_beoordelen(db: &Db, scope: &Scope) -> Result<Vec<Besluit>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM besluiten WHERE gemeente_code = $1 AND status = 'voorgesteld' ORDER BY voorgesteld_op"))
        .bind(scope.gemeente.as_str())
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(from_row).collect()
}

/// The day the last toekenning on a zaak of `zaaktype` of `bsn` was
/// approved, if any (e.g. the last IIT, art. 36-3).
pub async fn laatste_toekenning(
    db: &Db,
    scope: &Scope,
    bsn: &gbi_domain::Bsn,
    zaaktype: &str,
) -> Result<Option<chrono::NaiveDate>> {
    let row = sqlx::query(
        "SELECT MAX(b.beoordeeld_op) AS op FROM besluiten b JOIN zaken z ON z.id = b.zaak_id \
         WHERE b.gemeente_code = $1 AND z.bsn = $2 AND z.zaaktype = $3 AND b.besluittype = 'toekenning' AND b.status = 'goedgekeurd'",
    )
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .bind(zaaktype)
    .fetch_one(db.pool())
    .await?;
    let op: Option<String> = row.try_get("op")?;
    Ok(op.and_then(|o| {
        o.get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }))
}

/// The day of the last approved toekenning on a zaak of `zaaktype`, per
/// BSN, for the scope's gemeente (the monthly IIT run, art. 36-3).
pub async fn laatste_toekenningen(
    db: &Db,
    scope: &Scope,
    zaaktype: &str,
) -> Result<std::collections::HashMap<String, chrono::NaiveDate>> {
    let rows = sqlx::query(
        "SELECT z.bsn AS bsn, MAX(b.beoordeeld_op) AS op FROM besluiten b JOIN zaken z ON z.id = b.zaak_id \
         WHERE b.gemeente_code = $1 AND z.zaaktype = $2 AND b.besluittype = 'toekenning' AND b.status = 'goedgekeurd' GROUP BY z.bsn",
    )
    .bind(scope.gemeente.as_str())
    .bind(zaaktype)
    .fetch_all(db.pool())
    .await?;
    let mut uit = std::collections::HashMap::new();
    for r in &rows {
        let op: Option<String> = r.try_get("op")?;
        if let Some(d) = op
            .as_deref()
            .and_then(|o| o.get(..10))
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            uit.insert(r.try_get("bsn")?, d);
        }
    }
    Ok(uit)
}

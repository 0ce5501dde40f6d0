//! Hersteltermijn (Awb 4:5): the resident is asked for missing information
//! by a date. The legal deadline is suspended meanwhile (the process layer
//! computes it; this module stores it with the request, in one transaction).

use crate::behandeling::Overgang;
use crate::db::Db;
use crate::zaken::{COLUMNS, from_row};
use crate::{Result, Scope, StoreError, now_utc};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hersteltermijn {
    pub id: String,
    pub zaak_id: String,
    pub gevraagd: serde_json::Value,
    pub deadline: String,
    pub status: String,
    pub gevraagd_door: String,
    pub created_at: String,
}

fn from_hrow(r: &sqlx::any::AnyRow) -> Result<Hersteltermijn> {
    let gevraagd: String = r.try_get("gevraagd")?;
    Ok(Hersteltermijn {
        id: r.try_get("id")?,
        zaak_id: r.try_get("zaak_id")?,
        gevraagd: serde_json::from_str(&gevraagd).unwrap_or(serde_json::Value::Null),
        deadline: r.try_get("deadline")?,
        status: r.try_get("status")?,
        gevraagd_door: r.try_get("gevraagd_door")?,
        created_at: r.try_get("created_at")?,
    })
}

const HCOLUMNS: &str = "id, zaak_id, gevraagd, deadline, status, gevraagd_door, created_at";

/// Ask for information: store the request and apply `overgang` (status
/// hersteltermijn, suspended deadline, resident task, message) at once.
pub async fn vragen(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    gevraagd: &serde_json::Value,
    deadline: &str,
    overgang: Overgang,
) -> Result<Hersteltermijn> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let open = sqlx::query("SELECT id FROM hersteltermijnen WHERE zaak_id = $1 AND gemeente_code = $2 AND status = 'open'")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(tx.conn())
        .await?;
    if open.is_some() {
        return Err(StoreError::Conflict(
            "er loopt al een hersteltermijn".into(),
        ));
    }
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO hersteltermijnen (id, gemeente_code, zaak_id, gevraagd, deadline, status, gevraagd_door, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .bind(gevraagd.to_string())
    .bind(deadline)
    .bind(scope.actor.as_log_string())
    .bind(&start)
    .execute(tx.conn())
    .await?;
    crate::behandeling::overgang_in(&mut tx, scope, zaak_id, overgang, "hersteltermijn").await?;
    let row = sqlx::query(&format!(
        "SELECT {HCOLUMNS} FROM hersteltermijnen WHERE id = $1"
    ))
    .bind(&id)
    .fetch_one(tx.conn())
    .await?;
    let h = from_hrow(&row)?;
    tx.commit().await?;
    Ok(h)
}

pub async fn get(db: &Db, scope: &Scope, id: &str) -> Result<Option<Hersteltermijn>> {
    let row = sqlx::query(&format!(
        "SELECT {HCOLUMNS} FROM hersteltermijnen WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| from_hrow(&r)).transpose()
}

/// The open hersteltermijn of a zaak, if any.
pub async fn open(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Option<Hersteltermijn>> {
    nieuwste(db, scope, zaak_id, "AND status = 'open'").await
}

/// The newest hersteltermijn of a zaak, open or closed.
pub async fn laatste(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Option<Hersteltermijn>> {
    nieuwste(db, scope, zaak_id, "").await
}

async fn nieuwste(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    voorwaarde: &'static str,
) -> Result<Option<Hersteltermijn>> {
    let row = sqlx::query(&format!("SELECT {HCOLUMNS} FROM hersteltermijnen WHERE zaak_id = $1 AND gemeente_code = $2 {voorwaarde} ORDER BY created_at DESC LIMIT 1"))
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(db.pool())
        .await?;
    row.map(|r| from_hrow(&r)).transpose()
}

/// Close the open hersteltermijn with `status` (`geleverd` or `verlopen`)
/// and apply `overgang` to its zaak, in one transaction.
pub async fn afsluiten(
    db: &Db,
    scope: &Scope,
    id: &str,
    status: &str,
    overgang: Overgang,
) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let n = sqlx::query("UPDATE hersteltermijnen SET status = $1, afgerond_at = $2 WHERE id = $3 AND gemeente_code = $4 AND status = 'open'")
        .bind(status)
        .bind(&start)
        .bind(id)
        .bind(scope.gemeente.as_str())
        .execute(tx.conn())
        .await?
        .rows_affected();
    if n == 0 {
        return Err(StoreError::Conflict(
            "deze hersteltermijn is al afgesloten".into(),
        ));
    }
    let zaak = sqlx::query(&format!("SELECT {COLUMNS} FROM zaken WHERE id = (SELECT zaak_id FROM hersteltermijnen WHERE id = $1)"))
        .bind(id)
        .fetch_one(tx.conn())
        .await?;
    let zaak = from_row(&zaak)?;
    sqlx::query("UPDATE taken SET status = 'afgerond', afgerond_at = $1 WHERE zaak_id = $2 AND soort = 'hersteltermijn' AND status = 'open'")
        .bind(&start)
        .bind(&zaak.id)
        .execute(tx.conn())
        .await?;
    crate::behandeling::overgang_in(
        &mut tx,
        scope,
        &zaak.id,
        overgang,
        "hersteltermijn afsluiten",
    )
    .await?;
    tx.commit().await
}

/// Open hersteltermijnen of every gemeente whose deadline is before `today`
/// (system work: the caller handles each in its gemeente's scope).
pub async fn verlopen(db: &Db, today: &str) -> Result<Vec<(String, Hersteltermijn)>> {
    let rows = sqlx::query(&format!("SELECT gemeente_code, {HCOLUMNS} FROM hersteltermijnen WHERE status = 'open' AND deadline < $1 ORDER BY deadline"))
        .bind(today)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("gemeente_code")?, from_hrow(r)?)))
        .collect()
}

/// The resident's current answer to one question of a hersteltermijn.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Antwoord {
    /// The question's position in the request, from 0.
    pub vraag: i64,
    pub antwoord: String,
    pub created_at: String,
}

/// The answers given so far in a hersteltermijn.
pub async fn antwoorden(db: &Db, scope: &Scope, id: &str) -> Result<Vec<Antwoord>> {
    let rows = sqlx::query(
        "SELECT vraag, antwoord, created_at FROM hersteltermijn_antwoorden \
         WHERE hersteltermijn_id = $1 AND gemeente_code = $2 ORDER BY vraag",
    )
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Antwoord {
                vraag: r.try_get("vraag")?,
                antwoord: r.try_get("antwoord")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}

/// Store the answer to question `vraag` (replacing an earlier one), only
/// while the hersteltermijn is open; logged as a write for `bsn`.
pub async fn beantwoorden(
    db: &Db,
    scope: &Scope,
    id: &str,
    bsn: &gbi_domain::Bsn,
    vraag: i64,
    antwoord: &str,
    operation: &str,
) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let open = sqlx::query(
        "SELECT id FROM hersteltermijnen WHERE id = $1 AND gemeente_code = $2 AND status = 'open'",
    )
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?;
    if open.is_none() {
        return Err(StoreError::Conflict(
            "deze hersteltermijn is al afgesloten".into(),
        ));
    }
    sqlx::query("DELETE FROM hersteltermijn_antwoorden WHERE hersteltermijn_id = $1 AND gemeente_code = $2 AND vraag = $3")
        .bind(id)
        .bind(scope.gemeente.as_str())
        .bind(vraag)
        .execute(tx.conn())
        .await?;
    sqlx::query(
        "INSERT INTO hersteltermijn_antwoorden (id, gemeente_code, hersteltermijn_id, vraag, antwoord, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(id)
    .bind(vraag)
    .bind(antwoord)
    .bind(&start)
    .execute(tx.conn())
    .await?;
    crate::logboek::note(
        &mut tx,
        scope,
        &crate::logboek::HERSTEL_BEANTWOORDEN,
        crate::logboek::Handeling::Schrijven,
        bsn,
        operation,
        &start,
    )
    .await?;
    tx.commit().await
}

//! The gemeente's client register: residents known to the income department,
//! with the contact and payment details they gave. Every read and write is
//! logged in the processing log, in the same transaction.

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, Iban};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Inwoner {
    pub id: String,
    pub gemeente_code: String,
    pub bsn: Bsn,
    pub naam: String,
    pub email: Option<String>,
    pub telefoon: Option<String>,
    pub iban: Option<Iban>,
    pub versie: i64,
    pub created_at: String,
    pub updated_at: String,
}

pub struct NewInwoner {
    pub bsn: Bsn,
    pub naam: String,
    pub email: Option<String>,
    pub telefoon: Option<String>,
    pub iban: Option<Iban>,
}

/// Changes to an inwoner; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Default)]
pub struct Changes {
    pub naam: Option<String>,
    pub email: Option<Option<String>>,
    pub telefoon: Option<Option<String>>,
    pub iban: Option<Option<Iban>>,
}

const COLUMNS: &str =
    "id, gemeente_code, bsn, naam, email, telefoon, iban, versie, created_at, updated_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Inwoner> {
    let iban: Option<String> = r.try_get("iban")?;
    Ok(Inwoner {
        id: r.try_get("id")?,
        gemeente_code: r.try_get("gemeente_code")?,
        bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
        naam: r.try_get("naam")?,
        email: r.try_get("email")?,
        telefoon: r.try_get("telefoon")?,
        iban: iban.map(|i| Iban::parse(&i)).transpose()?,
        versie: r.try_get("versie")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Register a resident in the scope's gemeente. A BSN can be registered once
/// per gemeente (`StoreError::Conflict` otherwise).
pub async fn create(db: &Db, scope: &Scope, new: NewInwoner, operation: &str) -> Result<Inwoner> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO inwoners (id, gemeente_code, bsn, naam, email, telefoon, iban, versie, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(new.bsn.as_str())
    .bind(&new.naam)
    .bind(&new.email)
    .bind(&new.telefoon)
    .bind(new.iban.as_ref().map(|i| i.as_str().to_owned()))
    .bind(&start)
    .execute(tx.conn())
    .await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::INWONER_REGISTREREN,
        Handeling::Schrijven,
        &new.bsn,
        operation,
        &start,
    )
    .await?;
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM inwoners WHERE id = $1"))
        .bind(&id)
        .fetch_one(tx.conn())
        .await?;
    let inwoner = from_row(&row)?;
    tx.commit().await?;
    Ok(inwoner)
}

/// One resident of the scope's gemeente, by id. Another gemeente's resident
/// is simply not found.
pub async fn get(db: &Db, scope: &Scope, id: &str, operation: &str) -> Result<Option<Inwoner>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM inwoners WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let inwoner = from_row(&row)?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::INWONER_RAADPLEGEN,
        Handeling::Lezen,
        &inwoner.bsn,
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(inwoner))
}

/// Search the scope's gemeente: by exact BSN, or by part of the name.
/// Every resident returned is logged as read.
pub async fn search(
    db: &Db,
    scope: &Scope,
    query: &str,
    limit: i64,
    offset: i64,
    operation: &str,
) -> Result<Vec<Inwoner>> {
    if offset > 0 {
        // Only the first page is asked for by offset; later pages come by
        // cursor ([`pagina`]).
        let rows = zoek(db, scope, query, None, limit + offset).await?;
        let rest: Vec<Inwoner> = rows
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(0))
            .collect();
        log_shown(db, scope, &rest, operation).await?;
        return Ok(rest);
    }
    let found = zoek(db, scope, query, None, limit).await?;
    log_shown(db, scope, &found, operation).await?;
    Ok(found)
}

/// One page of residents by name (and id), after `na` (the cursor of the
/// previous page: `naam~id`); the cursor of the next page when there is
/// more. Each resident shown is logged (in one statement).
pub async fn pagina(
    db: &Db,
    scope: &Scope,
    query: &str,
    na: Option<&str>,
    limit: i64,
    operation: &str,
) -> Result<(Vec<Inwoner>, Option<String>)> {
    let limit = limit.clamp(1, 200);
    let na = na.and_then(|c| c.rsplit_once('~'));
    let mut found = zoek(db, scope, query, na, limit + 1).await?;
    let volgende = if found.len() > usize::try_from(limit).unwrap_or(usize::MAX) {
        found.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        found.last().map(|i| format!("{}~{}", i.naam, i.id))
    } else {
        None
    };
    log_shown(db, scope, &found, operation).await?;
    Ok((found, volgende))
}

/// Residents whose BSN is `query`, or whose name holds it, by name; after
/// the (naam, id) of `na`.
async fn zoek(
    db: &Db,
    scope: &Scope,
    query: &str,
    na: Option<(&str, &str)>,
    limit: i64,
) -> Result<Vec<Inwoner>> {
    let query = query.trim();
    let (waar, waarde) = match Bsn::parse(query) {
        // A BSN finds its resident by the unique index.
        Ok(b) => ("bsn = $2", b.as_str().to_owned()),
        Err(_) => (
            "LOWER(naam) LIKE $2",
            format!("%{}%", query.to_lowercase().replace(['%', '_'], "")),
        ),
    };
    let keyset = if na.is_some() {
        " AND (naam, id) > ($4, $5)"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM inwoners WHERE gemeente_code = $1 AND {waar}{keyset} ORDER BY naam, id LIMIT $3"
    );
    let mut q = sqlx::query(&sql)
        .bind(scope.gemeente.as_str())
        .bind(waarde)
        .bind(limit.clamp(1, 1000));
    if let Some((naam, id)) = na {
        q = q.bind(naam).bind(id);
    }
    let rows = q.fetch_all(db.pool()).await?;
    rows.iter().map(from_row).collect()
}

/// Log that these residents were shown, one record each.
async fn log_shown(db: &Db, scope: &Scope, shown: &[Inwoner], operation: &str) -> Result<()> {
    if shown.is_empty() {
        return Ok(());
    }
    let start = now_utc();
    let betrokkenen: Vec<String> = shown.iter().map(|i| db.logboek_subject(&i.bsn)).collect();
    logboek::record_gebundeld(
        db,
        scope,
        &logboek::INWONER_RAADPLEGEN,
        Handeling::Lezen,
        operation,
        betrokkenen,
        &start,
    )
    .await
}

/// Change a resident. With `expected_versie`, the change is refused when
/// someone else changed the record in between (`StoreError::StaleVersion`).
pub async fn update(
    db: &Db,
    scope: &Scope,
    id: &str,
    expected_versie: Option<i64>,
    changes: Changes,
    operation: &str,
) -> Result<Inwoner> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM inwoners WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    let current = from_row(&row)?;
    if expected_versie.is_some_and(|v| v != current.versie) {
        return Err(StoreError::StaleVersion);
    }
    let naam = changes.naam.unwrap_or(current.naam);
    let email = changes.email.unwrap_or(current.email);
    let telefoon = changes.telefoon.unwrap_or(current.telefoon);
    let iban = changes.iban.unwrap_or(current.iban);
    let updated = sqlx::query(
        "UPDATE inwoners SET naam = $1, email = $2, telefoon = $3, iban = $4, versie = versie + 1, updated_at = $5 \
         WHERE id = $6 AND gemeente_code = $7 AND versie = $8",
    )
    .bind(&naam)
    .bind(&email)
    .bind(&telefoon)
    .bind(iban.as_ref().map(|i| i.as_str().to_owned()))
    .bind(now_utc())
    .bind(id)
    .bind(scope.gemeente.as_str())
    .bind(current.versie)
    .execute(tx.conn())
    .await?;
    if updated.rows_affected() != 1 {
        return Err(StoreError::StaleVersion);
    }
    logboek::note(
        &mut tx,
        scope,
        &logboek::INWONER_WIJZIGEN,
        Handeling::Schrijven,
        &current.bsn,
        operation,
        &start,
    )
    .await?;
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM inwoners WHERE id = $1"))
        .bind(id)
        .fetch_one(tx.conn())
        .await?;
    let inwoner = from_row(&row)?;
    tx.commit().await?;
    Ok(inwoner)
}

/// How many residents the scope's gemeente has registered (no personal data).
pub async fn count(db: &Db, scope: &Scope) -> Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM inwoners WHERE gemeente_code = $1")
        .bind(scope.gemeente.as_str())
        .fetch_one(db.pool())
        .await?;
    Ok(row.try_get("n")?)
}

/// The residents of demo gemeenten (BSN, name, gemeente code and name), for
/// the demo login. Real gemeenten never appear here.
pub async fn demo_personen(
    db: &Db,
) -> Result<Vec<(Bsn, String, gbi_domain::GemeenteCode, String)>> {
    let rows = sqlx::query(
        "SELECT i.bsn, i.naam, g.gemeente_code, g.naam AS gemeente FROM inwoners i JOIN gemeenten g ON g.gemeente_code = i.gemeente_code \
         WHERE g.demo = 1 ORDER BY g.naam, i.naam",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
                r.try_get("naam")?,
                gbi_domain::GemeenteCode::parse(&r.try_get::<String, _>("gemeente_code")?)?,
                r.try_get("gemeente")?,
            ))
        })
        .collect()
}

//! The municipalities of this installation.

use crate::db::Db;
use crate::{Result, logboek, now_utc};
use gbi_domain::GemeenteCode;
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Gemeente {
    pub gemeente_code: GemeenteCode,
    pub naam: String,
    pub demo: bool,
}

/// Add a gemeente (or leave it as it is when it exists) and start its
/// processing-log chain.
pub async fn ensure(db: &Db, code: &GemeenteCode, naam: &str, demo: bool) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO gemeenten (gemeente_code, naam, demo, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (gemeente_code) DO NOTHING",
    )
    .bind(code.as_str())
    .bind(naam)
    .bind(i64::from(demo))
    .bind(now_utc())
    .execute(tx.conn())
    .await?;
    logboek::start_chain(&mut tx, code).await?;
    tx.commit().await
}

pub async fn get(db: &Db, code: &GemeenteCode) -> Result<Option<Gemeente>> {
    let row =
        sqlx::query("SELECT gemeente_code, naam, demo FROM gemeenten WHERE gemeente_code = $1")
            .bind(code.as_str())
            .fetch_optional(db.pool())
            .await?;
    row.map(|r| from_row(&r)).transpose()
}

pub async fn list(db: &Db) -> Result<Vec<Gemeente>> {
    let rows = sqlx::query("SELECT gemeente_code, naam, demo FROM gemeenten ORDER BY naam")
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(from_row).collect()
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<Gemeente> {
    Ok(Gemeente {
        gemeente_code: GemeenteCode::parse(&r.try_get::<String, _>("gemeente_code")?)?,
        naam: r.try_get("naam")?,
        demo: r.try_get::<i64, _>("demo")? != 0,
    })
}

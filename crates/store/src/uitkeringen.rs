//! Running benefits (uitkeringen): created when a toekenning is approved,
//! paid monthly by the payments process.

use crate::db::Db;
use crate::{Result, Scope, StoreError};
use gbi_domain::{Bsn, Iban, Maand, Money};
use serde::Serialize;
use sqlx::Row;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Uitkering {
    pub id: String,
    pub zaak_id: String,
    pub bsn: Bsn,
    pub regeling: String,
    pub ingangsdatum: String,
    pub einddatum: Option<String>,
    pub bedrag_per_maand: Money,
    pub iban: Iban,
    pub status: String,
    /// The household the rules compute the monthly right from (JSON of
    /// `gbi_rules::Huishouden`); `None` for a fixed monthly amount.
    pub huishouden: Option<serde_json::Value>,
    /// Whom the payments go to when not the applicant (a bewindvoerder).
    pub begunstigde_naam: Option<String>,
}

pub struct NieuweUitkering {
    /// The regeling's code (`Regeling::code`): `algemene_bijstand`, or
    /// `bijzondere_bijstand` for a periodic toekenning.
    pub regeling: &'static str,
    pub ingangsdatum: String,
    /// The last day it runs; `None`: until a decision ends it.
    pub einddatum: Option<String>,
    pub bedrag_per_maand: Money,
    pub iban: Iban,
    /// See [`Uitkering::huishouden`].
    pub huishouden: Option<serde_json::Value>,
    /// See [`Uitkering::begunstigde_naam`].
    pub begunstigde_naam: Option<String>,
}

/// Inside the approving transaction.
pub(crate) async fn create_in(
    tx: &mut crate::Tx,
    scope: &Scope,
    zaak_id: &str,
    bsn: &Bsn,
    u: &NieuweUitkering,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO uitkeringen (id, gemeente_code, zaak_id, bsn, regeling, ingangsdatum, bedrag_per_maand, iban, status, created_at, huishouden, einddatum, begunstigde_naam) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'lopend', $9, $10, $11, $12)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .bind(bsn.as_str())
    .bind(u.regeling)
    .bind(&u.ingangsdatum)
    .bind(u.bedrag_per_maand.cents())
    .bind(u.iban.as_str())
    .bind(crate::now_utc())
    .bind(u.huishouden.as_ref().map(|h| h.to_string()))
    .bind(u.einddatum.as_deref())
    .bind(u.begunstigde_naam.as_deref())
    .execute(tx.conn())
    .await?;
    Ok(())
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<Uitkering> {
    Ok(Uitkering {
        id: r.try_get("id")?,
        zaak_id: r.try_get("zaak_id")?,
        bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
        regeling: r.try_get("regeling")?,
        ingangsdatum: r.try_get("ingangsdatum")?,
        einddatum: r.try_get("einddatum")?,
        bedrag_per_maand: Money::from_cents(r.try_get("bedrag_per_maand")?),
        iban: Iban::parse(&r.try_get::<String, _>("iban")?).map_err(StoreError::from)?,
        status: r.try_get("status")?,
        huishouden: r
            .try_get::<Option<String>, _>("huishouden")?
            .map(|h| serde_json::from_str(&h))
            .transpose()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        begunstigde_naam: r.try_get("begunstigde_naam")?,
    })
}

/// The benefit a zaak created, if any.
pub async fn voor_zaak(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Option<Uitkering>> {
    let row = sqlx::query("SELECT * FROM uitkeringen WHERE zaak_id = $1 AND gemeente_code = $2")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(db.pool())
        .await?;
    row.map(|r| from_row(&r)).transpose()
}

/// The benefit of a zaak as a person reads it (the resident their own, a
/// caseworker to handle it): the reading is logged for the resident.
pub async fn inzien(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    naam: &str,
) -> Result<Option<Uitkering>> {
    let start = crate::now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query("SELECT * FROM uitkeringen WHERE zaak_id = $1 AND gemeente_code = $2")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(tx.conn())
        .await?;
    let Some(u) = row.map(|r| from_row(&r)).transpose()? else {
        return Ok(None);
    };
    crate::logboek::note(
        &mut tx,
        scope,
        &crate::logboek::UITKERING_INZIEN,
        crate::logboek::Handeling::Lezen,
        &u.bsn,
        naam,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(u))
}

/// Benefits of the gemeente running in a month (started on or before its
/// last day, not ended before its first) whose right the rules compute (with
/// household facts), in id order.
pub async fn berekend_lopend(
    db: &Db,
    scope: &Scope,
    eerste_dag: &str,
    laatste_dag: &str,
) -> Result<Vec<Uitkering>> {
    let rows = sqlx::query(
        "SELECT * FROM uitkeringen WHERE gemeente_code = $1 AND status = 'lopend' AND huishouden IS NOT NULL \
         AND ingangsdatum <= $2 AND (einddatum IS NULL OR einddatum >= $3) ORDER BY id",
    )
    .bind(scope.gemeente.as_str())
    .bind(laatste_dag)
    .bind(eerste_dag)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// One running benefit as the wat-als run reads it: the household facts
/// and dates, without name or BSN.
#[derive(Debug, Clone)]
pub struct CaseloadUitkering {
    pub ingangsdatum: String,
    /// The facts of the toekenning (JSON of `gbi_rules::Huishouden`).
    pub huishouden: serde_json::Value,
    /// The approved later versions of the facts: (valid from, facts),
    /// oldest first.
    pub versies: Vec<(Maand, serde_json::Value)>,
}

/// The gemeente's running benefits on one day, for the wat-als run.
#[derive(Debug, Clone, Default)]
pub struct Caseload {
    pub uitkeringen: Vec<CaseloadUitkering>,
    /// Running benefits of a fixed amount, without household facts: the
    /// rules cannot compute them.
    pub zonder_feiten: u64,
}

/// Read every benefit of `regeling` (the code of algemene bijstand: a
/// periodic bijzondere bijstand is no bijstand to recompute) of the scope's
/// gemeente running on `datum` (ISO) with its household facts, in one
/// transaction, and log the reading: one record per resident
/// (`WAT_ALS_DOORREKENEN`), stored if and only if the reading is. Names and
/// BSNs stay here.
pub async fn caseload_lezen(
    db: &Db,
    scope: &Scope,
    regeling: &str,
    datum: &str,
    naam: &str,
) -> Result<Caseload> {
    let start = crate::now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(
        "SELECT id, bsn, ingangsdatum, huishouden FROM uitkeringen WHERE gemeente_code = $1 AND status = 'lopend' \
         AND regeling = $3 AND ingangsdatum <= $2 AND (einddatum IS NULL OR einddatum >= $2) ORDER BY id",
    )
    .bind(scope.gemeente.as_str())
    .bind(datum)
    .bind(regeling)
    .fetch_all(tx.conn())
    .await?;
    let versies = sqlx::query(
        "SELECT uitkering_id, geldig_van, huishouden FROM uitkering_feiten \
         WHERE gemeente_code = $1 AND status = 'goedgekeurd' ORDER BY uitkering_id, geldig_van, created_at",
    )
    .bind(scope.gemeente.as_str())
    .fetch_all(tx.conn())
    .await?;
    let mut per_uitkering: HashMap<String, Vec<(Maand, serde_json::Value)>> = HashMap::new();
    for r in &versies {
        let h: String = r.try_get("huishouden")?;
        per_uitkering
            .entry(r.try_get("uitkering_id")?)
            .or_default()
            .push((
                Maand::parse(&r.try_get::<String, _>("geldig_van")?)?,
                serde_json::from_str(&h).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            ));
    }
    let mut uit = Caseload::default();
    let mut gelezen: Vec<String> = Vec::with_capacity(rows.len());
    for r in &rows {
        let Some(h) = r.try_get::<Option<String>, _>("huishouden")? else {
            uit.zonder_feiten += 1;
            continue;
        };
        let id: String = r.try_get("id")?;
        let bsn = Bsn::parse(&r.try_get::<String, _>("bsn")?)?;
        gelezen.push(db.logboek_subject(&bsn));
        uit.uitkeringen.push(CaseloadUitkering {
            ingangsdatum: r.try_get("ingangsdatum")?,
            huishouden: serde_json::from_str(&h).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            versies: per_uitkering.remove(&id).unwrap_or_default(),
        });
    }
    // One record per resident, however many benefits they have.
    gelezen.sort_unstable();
    gelezen.dedup();
    crate::logboek::record_many(
        &mut tx,
        scope,
        &crate::logboek::WAT_ALS_DOORREKENEN,
        crate::logboek::Handeling::Lezen,
        naam,
        &gelezen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(uit)
}

/// The periods of `regeling` benefits of `bsn` at the scope's gemeente
/// (start, end), oldest first: the ledger's months for the IIT (art. 36).
pub async fn perioden(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    regeling: &str,
) -> Result<Vec<(chrono::NaiveDate, Option<chrono::NaiveDate>)>> {
    let rows = sqlx::query(
        "SELECT ingangsdatum, einddatum FROM uitkeringen WHERE gemeente_code = $1 AND bsn = $2 AND regeling = $3 ORDER BY ingangsdatum",
    )
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .bind(regeling)
    .fetch_all(db.pool())
    .await?;
    let datum = |s: &str| {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|e| StoreError::Corrupt(format!("uitkering datum {s}: {e}")))
    };
    rows.iter()
        .map(|r| {
            let van: String = r.try_get("ingangsdatum")?;
            let tot: Option<String> = r.try_get("einddatum")?;
            Ok((datum(&van)?, tot.as_deref().map(datum).transpose()?))
        })
        .collect()
}

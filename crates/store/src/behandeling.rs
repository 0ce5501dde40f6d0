//! Handling zaken in the werkplek: the work queue, claiming and assigning,
//! notes, status changes, hersteltermijnen and decisions with four eyes.
//! Every change is one transaction, with its processing-log record.

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::zaken::{
    self, COLUMNS, Melding, NieuweTaak, Zaak, add_melding, add_status, add_taak, from_row,
};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::ZaakStatus;
use serde::Serialize;
use sqlx::Row;

/// Which zaken of the queue.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<ZaakStatus>,
    /// Only zaken whose deadline is on or before this date (ISO).
    pub uiterlijk: Option<String>,
    /// `Some(id)`: claimed by this staff member; `Some("")`: unclaimed.
    pub behandelaar: Option<String>,
}

async fn locked_zaak(tx: &mut crate::Tx, scope: &Scope, zaak_id: &str) -> Result<Zaak> {
    // Touching the row first takes its write lock (PostgreSQL) before we read.
    sqlx::query("UPDATE zaken SET versie = versie WHERE id = $1 AND gemeente_code = $2")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .execute(tx.conn())
        .await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM zaken WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(zaak_id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// Set who handles a zaak. `only_if_free`: claiming fails when someone else
/// has it (`Conflict`); assigning by a teamleider does not check.
pub async fn set_behandelaar(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    medewerker_id: Option<&str>,
    only_if_free: bool,
) -> Result<Zaak> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let zaak = locked_zaak(&mut tx, scope, zaak_id).await?;
    if only_if_free
        && zaak
            .behandelaar_id
            .as_deref()
            .is_some_and(|b| Some(b) != medewerker_id)
    {
        return Err(StoreError::Conflict(
            "deze zaak is al opgepakt door een collega".into(),
        ));
    }
    if let Some(id) = medewerker_id {
        let same_gemeente = sqlx::query(
            "SELECT 1 AS x FROM medewerkers WHERE id = $1 AND gemeente_code = $2 AND actief = 1",
        )
        .bind(id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(tx.conn())
        .await?;
        if same_gemeente.is_none() {
            return Err(StoreError::NotFound);
        }
    }
    sqlx::query("UPDATE zaken SET behandelaar_id = $1, versie = versie + 1, updated_at = $2 WHERE id = $3 AND gemeente_code = $4")
        .bind(medewerker_id)
        .bind(&start)
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .execute(tx.conn())
        .await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::ZAAK_BEHANDELEN,
        Handeling::Schrijven,
        &zaak.bsn,
        "behandelaar",
        &start,
    )
    .await?;
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM zaken WHERE id = $1"))
        .bind(zaak_id)
        .fetch_one(tx.conn())
        .await?;
    let z = from_row(&row)?;
    tx.commit().await?;
    Ok(z)
}

/// A change of status, with optionally a new deadline, a task and a message
/// to the resident — in one transaction.
pub struct Overgang {
    pub status: ZaakStatus,
    /// The statuses the zaak may be in for this change (empty: any open
    /// status). Checked under the row lock, so the lifecycle's rules hold
    /// even when two people act at once.
    pub vanaf: &'static [ZaakStatus],
    pub toelichting: Option<String>,
    pub termijn: Option<(String, String)>,
    pub taak: Option<NieuweTaak>,
    pub melding: Option<Melding>,
    pub resultaat: Option<String>,
    pub einddatum: Option<String>,
}

impl Overgang {
    pub fn naar(status: ZaakStatus) -> Self {
        Self {
            status,
            vanaf: &[],
            toelichting: None,
            termijn: None,
            taak: None,
            melding: None,
            resultaat: None,
            einddatum: None,
        }
    }
}

pub async fn overgang(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    o: Overgang,
    operation: &str,
) -> Result<Zaak> {
    let mut tx = db.begin().await?;
    let z = overgang_in(&mut tx, scope, zaak_id, o, operation).await?;
    tx.commit().await?;
    Ok(z)
}

/// [`overgang`] inside the caller's transaction.
pub(crate) async fn overgang_in(
    tx: &mut crate::Tx,
    scope: &Scope,
    zaak_id: &str,
    o: Overgang,
    operation: &str,
) -> Result<Zaak> {
    let start = now_utc();
    let zaak = locked_zaak(tx, scope, zaak_id).await?;
    if zaak.einddatum.is_some() {
        return Err(StoreError::Conflict("deze zaak is al afgehandeld".into()));
    }
    if !o.vanaf.is_empty() && !o.vanaf.contains(&zaak.status) {
        return Err(StoreError::Conflict(format!(
            "dat kan niet nu de zaak de status {} heeft",
            zaak.status
        )));
    }
    let (termijn, uiterste) = o.termijn.clone().unwrap_or((
        zaak.termijn.clone(),
        zaak.uiterste_datum.clone().unwrap_or_default(),
    ));
    sqlx::query(
        "UPDATE zaken SET status = $1, termijn = $2, uiterste_datum = $3, resultaat = COALESCE($4, resultaat), \
         einddatum = COALESCE($5, einddatum), versie = versie + 1, updated_at = $6 WHERE id = $7 AND gemeente_code = $8",
    )
    .bind(o.status.code())
    .bind(&termijn)
    .bind(&uiterste)
    .bind(&o.resultaat)
    .bind(&o.einddatum)
    .bind(&start)
    .bind(zaak_id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    add_status(tx, scope, zaak_id, o.status, o.toelichting.as_deref()).await?;
    if let Some(t) = &o.taak {
        add_taak(tx, scope, zaak_id, t).await?;
    }
    if let Some(m) = &o.melding {
        add_melding(tx, scope, &zaak.bsn, Some(zaak_id), m).await?;
    }
    logboek::note(
        tx,
        scope,
        &logboek::ZAAK_BEHANDELEN,
        Handeling::Schrijven,
        &zaak.bsn,
        operation,
        &start,
    )
    .await?;
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM zaken WHERE id = $1"))
        .bind(zaak_id)
        .fetch_one(tx.conn())
        .await?;
    from_row(&row)
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Notitie {
    pub medewerker_id: String,
    pub tekst: String,
    pub created_at: String,
}

pub async fn add_notitie(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    medewerker_id: &str,
    tekst: &str,
) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let zaak = locked_zaak(&mut tx, scope, zaak_id).await?;
    sqlx::query("INSERT INTO notities (id, gemeente_code, zaak_id, medewerker_id, tekst, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(scope.gemeente.as_str())
        .bind(zaak_id)
        .bind(medewerker_id)
        .bind(tekst)
        .bind(&start)
        .execute(tx.conn())
        .await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::ZAAK_BEHANDELEN,
        Handeling::Schrijven,
        &zaak.bsn,
        "notitie",
        &start,
    )
    .await?;
    tx.commit().await
}

pub async fn notities(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Vec<Notitie>> {
    let rows = sqlx::query("SELECT medewerker_id, tekst, created_at FROM notities WHERE zaak_id = $1 AND gemeente_code = $2 ORDER BY created_at")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Notitie {
                medewerker_id: r.try_get("medewerker_id")?,
                tekst: r.try_get("tekst")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}

/// Mark the open tasks of a kind done (e.g. the resident delivered).
pub async fn taken_afronden(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    voor: gbi_domain::TaakVoor,
) -> Result<u64> {
    let mut tx = db.begin().await?;
    let n = sqlx::query("UPDATE taken SET status = 'afgerond', afgerond_at = $1 WHERE zaak_id = $2 AND gemeente_code = $3 AND voor = $4 AND status = 'open'")
        .bind(now_utc())
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .bind(voor.code())
        .execute(tx.conn())
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(n)
}

/// Whether a zaak exists in the scope (without logging a read).
pub async fn exists(db: &Db, scope: &Scope, zaak_id: &str) -> Result<bool> {
    Ok(zaken::by_id_unlogged(db, scope, zaak_id).await?.is_some())
}

//! Payment runs and payments. One run per gemeente per month; one payment
//! per benefit per month (a unique key), so a run can be repeated or
//! restarted after a crash and ends with exactly the same payments.

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, Iban, Money};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Betaalrun {
    pub id: String,
    pub maand: String,
    pub status: String,
    pub aantal: i64,
    pub totaal: Money,
    pub aangemaakt_door: String,
    pub goedgekeurd_door: Option<String>,
    pub sepa_msg_id: Option<String>,
    pub created_at: String,
}

const RUN_COLUMNS: &str =
    "id, maand, status, aantal, totaal, aangemaakt_door, goedgekeurd_door, sepa_msg_id, created_at";

fn run_from_row(r: &sqlx::any::AnyRow) -> Result<Betaalrun> {
    Ok(Betaalrun {
        id: r.try_get("id")?,
        maand: r.try_get("maand")?,
        status: r.try_get("status")?,
        aantal: r.try_get("aantal")?,
        totaal: Money::from_cents(r.try_get("totaal")?),
        aangemaakt_door: r.try_get("aangemaakt_door")?,
        goedgekeurd_door: r.try_get("goedgekeurd_door")?,
        sepa_msg_id: r.try_get("sepa_msg_id")?,
        created_at: r.try_get("created_at")?,
    })
}

/// The run of a month, created when it does not exist yet.
pub async fn run_voor_maand(db: &Db, scope: &Scope, maand: &str, door: &str) -> Result<Betaalrun> {
    let now = now_utc();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO betaalruns (id, gemeente_code, maand, status, aantal, totaal, aangemaakt_door, created_at, updated_at) \
         VALUES ($1, $2, $3, 'berekenen', 0, 0, $4, $5, $5) ON CONFLICT (gemeente_code, maand) DO NOTHING",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(maand)
    .bind(door)
    .bind(&now)
    .execute(tx.conn())
    .await?;
    let row = sqlx::query(&format!(
        "SELECT {RUN_COLUMNS} FROM betaalruns WHERE gemeente_code = $1 AND maand = $2"
    ))
    .bind(scope.gemeente.as_str())
    .bind(maand)
    .fetch_one(tx.conn())
    .await?;
    let run = run_from_row(&row)?;
    tx.commit().await?;
    Ok(run)
}

pub async fn run(db: &Db, scope: &Scope, id: &str) -> Result<Option<Betaalrun>> {
    let row = sqlx::query(&format!(
        "SELECT {RUN_COLUMNS} FROM betaalruns WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| run_from_row(&r)).transpose()
}

pub async fn runs(db: &Db, scope: &Scope) -> Result<Vec<Betaalrun>> {
    let rows = sqlx::query(&format!(
        "SELECT {RUN_COLUMNS} FROM betaalruns WHERE gemeente_code = $1 ORDER BY maand DESC"
    ))
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(run_from_row).collect()
}

/// A running benefit as the run needs it.
#[derive(Debug, Clone)]
pub struct TeBetalen {
    pub uitkering_id: String,
    pub bedrag_per_maand: Money,
    pub ingangsdatum: String,
    pub einddatum: Option<String>,
    pub iban: String,
    /// Whom the payment goes to: the begunstigde the decision names (a
    /// bewindvoerder), else the applicant.
    pub naam: String,
    pub gemeente_code: String,
    pub zaak_id: String,
    pub bsn: String,
    /// The regeling's code (`uitkeringen.regeling`).
    pub regeling: String,
    /// See [`crate::uitkeringen::Uitkering::huishouden`].
    pub huishouden: Option<String>,
}

/// Benefits running in a month (started on or before its last day, not
/// ended before its first), in id order after `na`, `limit` at a time.
pub async fn te_betalen(
    db: &Db,
    scope: &Scope,
    eerste_dag: &str,
    laatste_dag: &str,
    na: &str,
    limit: i64,
) -> Result<Vec<TeBetalen>> {
    let rows = sqlx::query(
        "SELECT u.id, u.bedrag_per_maand, u.ingangsdatum, u.einddatum, u.iban, u.gemeente_code, u.huishouden, u.zaak_id, u.bsn, u.regeling, \
         COALESCE(u.begunstigde_naam, (SELECT r.naam FROM zaak_rollen r WHERE r.zaak_id = u.zaak_id AND r.roltype = 'aanvrager' LIMIT 1), 'Onbekend') AS naam \
         FROM uitkeringen u WHERE u.gemeente_code = $1 AND u.status = 'lopend' AND u.ingangsdatum <= $2 \
         AND (u.einddatum IS NULL OR u.einddatum >= $3) AND u.id > $4 ORDER BY u.id LIMIT $5",
    )
    .bind(scope.gemeente.as_str())
    .bind(laatste_dag)
    .bind(eerste_dag)
    .bind(na)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TeBetalen {
                uitkering_id: r.try_get("id")?,
                bedrag_per_maand: Money::from_cents(r.try_get("bedrag_per_maand")?),
                ingangsdatum: r.try_get("ingangsdatum")?,
                einddatum: r.try_get("einddatum")?,
                iban: r.try_get("iban")?,
                naam: r.try_get("naam")?,
                gemeente_code: r.try_get("gemeente_code")?,
                zaak_id: r.try_get("zaak_id")?,
                bsn: r.try_get("bsn")?,
                regeling: r.try_get("regeling")?,
                huishouden: r.try_get("huishouden")?,
            })
        })
        .collect()
}

pub async fn aantal_te_betalen(
    db: &Db,
    scope: &Scope,
    eerste_dag: &str,
    laatste_dag: &str,
) -> Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM uitkeringen WHERE gemeente_code = $1 AND status = 'lopend' AND ingangsdatum <= $2 \
         AND (einddatum IS NULL OR einddatum >= $3)",
    )
    .bind(scope.gemeente.as_str())
    .bind(laatste_dag)
    .bind(eerste_dag)
    .fetch_one(db.pool())
    .await?;
    Ok(row.try_get("n")?)
}

pub struct NieuweBetaling {
    pub uitkering_id: String,
    /// The resident paid, for the processing log.
    pub bsn: String,
    pub bedrag: Money,
    pub iban: String,
    pub naam: String,
    pub omschrijving: String,
    pub end_to_end_id: String,
}

/// Store a batch of payments of a run in one transaction; a payment that
/// exists (same benefit, same month) is left as it is.
pub async fn betalingen_opslaan(
    db: &Db,
    scope: &Scope,
    run: &Betaalrun,
    batch: &[NieuweBetaling],
) -> Result<u64> {
    if batch.is_empty() {
        return Ok(0);
    }
    let now = now_utc();
    let mut tx = db.begin().await?;
    // The rows go in as one JSON text per statement (one parameter, any
    // number of rows), unpacked by the database itself.
    let postgres = tx.conn().backend_name().eq_ignore_ascii_case("postgresql");
    let sql = if postgres {
        "INSERT INTO betalingen (id, gemeente_code, betaalrun_id, uitkering_id, maand, bedrag, iban, naam, omschrijving, end_to_end_id, created_at) \
         SELECT r->>0, r->>1, r->>2, r->>3, r->>4, (r->>5)::bigint, r->>6, r->>7, r->>8, r->>9, r->>10 \
         FROM jsonb_array_elements($1::jsonb) AS r WHERE true ON CONFLICT (uitkering_id, maand) DO NOTHING \
         RETURNING uitkering_id"
    } else {
        "INSERT INTO betalingen (id, gemeente_code, betaalrun_id, uitkering_id, maand, bedrag, iban, naam, omschrijving, end_to_end_id, created_at) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, \
         value ->> 7, value ->> 8, value ->> 9, value ->> 10 FROM json_each(jsonb($1)) WHERE true \
         ON CONFLICT (uitkering_id, maand) DO NOTHING RETURNING uitkering_id"
    };
    let mut opgeslagen = std::collections::HashSet::new();
    for chunk in batch.chunks(1000) {
        let rijen: Vec<serde_json::Value> = chunk
            .iter()
            .map(|p| {
                serde_json::json!([
                    uuid::Uuid::new_v4().to_string(),
                    scope.gemeente.as_str(),
                    run.id,
                    p.uitkering_id,
                    run.maand,
                    p.bedrag.cents(),
                    p.iban,
                    p.naam,
                    p.omschrijving,
                    p.end_to_end_id,
                    now
                ])
            })
            .collect();
        for r in sqlx::query(sql)
            .bind(serde_json::Value::Array(rijen).to_string())
            .fetch_all(tx.conn())
            .await?
        {
            opgeslagen.insert(r.try_get::<String, _>("uitkering_id")?);
        }
    }
    // Computing a payment uses the resident's household, income and bank
    // account: one record per payment stored now.
    // A payment that existed already was logged when it was stored.
    let betrokkenen = batch
        .iter()
        .filter(|p| opgeslagen.contains(&p.uitkering_id))
        .map(|p| Ok(db.logboek_subject(&Bsn::parse(&p.bsn)?)))
        .collect::<Result<Vec<_>>>()?;
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::UITKERING_BETALEN,
        Handeling::Schrijven,
        "betaalrun berekenen",
        &betrokkenen,
        &now,
    )
    .await?;
    tx.commit().await?;
    Ok(opgeslagen.len() as u64)
}

/// Count and total the run's payments, of running benefits and one-off
/// payments (`eenmalige_betalingen`) alike; it is ready to be approved.
pub async fn afronden(db: &Db, scope: &Scope, run_id: &str) -> Result<Betaalrun> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE betaalruns SET status = 'berekend', updated_at = $1, \
         aantal = (SELECT COUNT(*) FROM betalingen WHERE betaalrun_id = $2) \
           + (SELECT COUNT(*) FROM eenmalige_betalingen WHERE betaalrun_id = $2), \
         totaal = (SELECT COALESCE(SUM(bedrag), 0) FROM betalingen WHERE betaalrun_id = $2) \
           + (SELECT COALESCE(SUM(bedrag), 0) FROM eenmalige_betalingen WHERE betaalrun_id = $2) \
         WHERE id = $2 AND gemeente_code = $3 AND status IN ('berekenen', 'berekend')",
    )
    .bind(now_utc())
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    let row = sqlx::query(&format!(
        "SELECT {RUN_COLUMNS} FROM betaalruns WHERE id = $1"
    ))
    .bind(run_id)
    .fetch_one(tx.conn())
    .await?;
    let r = run_from_row(&row)?;
    tx.commit().await?;
    Ok(r)
}

#[derive(Debug, Clone)]
pub struct Betaling {
    pub end_to_end_id: String,
    pub bedrag: Money,
    pub iban: Iban,
    pub naam: String,
    pub omschrijving: String,
}

/// The payments of a run, of running benefits and one-off payments (each
/// with its own end-to-end id and text), in a stable order.
pub async fn van_run(db: &Db, scope: &Scope, run_id: &str) -> Result<Vec<Betaling>> {
    let rows = sqlx::query(
        "SELECT end_to_end_id, bedrag, iban, naam, omschrijving FROM betalingen WHERE betaalrun_id = $1 AND gemeente_code = $2 \
         UNION ALL SELECT COALESCE(end_to_end_id, id) AS end_to_end_id, bedrag, iban, naam, COALESCE(sepa_omschrijving, omschrijving) AS omschrijving \
         FROM eenmalige_betalingen WHERE betaalrun_id = $1 AND gemeente_code = $2 ORDER BY end_to_end_id",
    )
        .bind(run_id)
        .bind(scope.gemeente.as_str())
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Betaling {
                end_to_end_id: r.try_get("end_to_end_id")?,
                bedrag: Money::from_cents(r.try_get("bedrag")?),
                iban: Iban::parse(&r.try_get::<String, _>("iban")?)?,
                naam: r.try_get("naam")?,
                omschrijving: r.try_get("omschrijving")?,
            })
        })
        .collect()
}

/// Why an approval was refused.
pub const EIGEN_RUN: &str =
    "u kunt uw eigen betaalrun niet goedkeuren: een collega moet hem controleren";

/// A second person approves the run; the SEPA file is released with it.
pub async fn goedkeuren(
    db: &Db,
    scope: &Scope,
    run_id: &str,
    door: &str,
    msg_id: &str,
    sepa: &str,
) -> Result<Betaalrun> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {RUN_COLUMNS} FROM betaalruns WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    let run = run_from_row(&row)?;
    if run.aangemaakt_door == door {
        return Err(StoreError::Conflict(EIGEN_RUN.into()));
    }
    if run.status != "berekend" {
        return Err(StoreError::Conflict(format!(
            "deze betaalrun kan niet worden goedgekeurd (status {})",
            run.status
        )));
    }
    sqlx::query("UPDATE betaalruns SET status = 'vrijgegeven', goedgekeurd_door = $1, sepa_msg_id = $2, sepa = $3, updated_at = $4 WHERE id = $5 AND status = 'berekend'")
        .bind(door)
        .bind(msg_id)
        .bind(sepa)
        .bind(now_utc())
        .bind(run_id)
        .execute(tx.conn())
        .await?;
    let row = sqlx::query(&format!(
        "SELECT {RUN_COLUMNS} FROM betaalruns WHERE id = $1"
    ))
    .bind(run_id)
    .fetch_one(tx.conn())
    .await?;
    let r = run_from_row(&row)?;
    // Two actions of one processing, each a record per resident of the
    // run, in the same transaction: approving the payments, and releasing
    // the SEPA file that carries each resident's name, account and amount
    // to the bank.
    let betrokkenen = bsns_van_run(&mut tx, db, scope, run_id).await?;
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::UITKERING_BETALEN,
        Handeling::Schrijven,
        "betaalrun goedkeuren",
        &betrokkenen,
        &start,
    )
    .await?;
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::UITKERING_BETALEN,
        Handeling::Schrijven,
        "betaalbestand (SEPA) vrijgeven",
        &betrokkenen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(r)
}

/// The released SEPA file of a run.
/// The SEPA file of an approved run. It holds the name, IBAN and amount of
/// everyone paid: taking it is logged for each of them.
pub async fn sepa_bestand(db: &Db, scope: &Scope, run_id: &str) -> Result<Option<String>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query("SELECT sepa FROM betaalruns WHERE id = $1 AND gemeente_code = $2")
        .bind(run_id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(tx.conn())
        .await?;
    let Some(sepa) = row
        .map(|r| r.try_get::<Option<String>, _>("sepa"))
        .transpose()?
        .flatten()
    else {
        return Ok(None);
    };
    let betrokkenen = bsns_van_run(&mut tx, db, scope, run_id).await?;
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::BETAALBESTAND_DOWNLOADEN,
        Handeling::Lezen,
        "betaalbestand (SEPA) downloaden",
        &betrokkenen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(sepa))
}

/// The residents paid in a run, one-off payments included, as they stand
/// in the log.
async fn bsns_van_run(
    tx: &mut crate::db::Tx,
    db: &Db,
    scope: &Scope,
    run_id: &str,
) -> Result<Vec<String>> {
    let mut rows = sqlx::query(
        "SELECT u.bsn FROM betalingen b JOIN uitkeringen u ON u.id = b.uitkering_id \
         WHERE b.betaalrun_id = $1 AND b.gemeente_code = $2 ORDER BY b.id",
    )
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(tx.conn())
    .await?;
    // The whole run also pays its one-off payments (those taken up now are
    // logged by `eenmalige_betalingen::opnemen`).
    rows.extend(
            sqlx::query(
                "SELECT bsn FROM eenmalige_betalingen WHERE betaalrun_id = $1 AND gemeente_code = $2 ORDER BY id",
            )
            .bind(run_id)
            .bind(scope.gemeente.as_str())
            .fetch_all(tx.conn())
            .await?,
        );
    rows.iter()
        .map(|r| Ok(db.logboek_subject(&Bsn::parse(&r.try_get::<String, _>("bsn")?)?)))
        .collect()
}

/// The gemeente's own account, from which the benefits are paid: the
/// debtor of the SEPA file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rekening {
    /// The name on the account (`Gemeente Haarlem` when none was set).
    pub naam: String,
    pub iban: Iban,
    pub bic: Option<String>,
}

/// The gemeente's own account, or `None` while it has not been set.
pub async fn rekening(db: &Db, scope: &Scope) -> Result<Option<Rekening>> {
    let row = sqlx::query(
        "SELECT naam, iban, bic, rekening_naam FROM gemeenten WHERE gemeente_code = $1",
    )
    .bind(scope.gemeente.as_str())
    .fetch_one(db.pool())
    .await?;
    let Some(iban) = row.try_get::<Option<String>, _>("iban")? else {
        return Ok(None);
    };
    let gemeente: String = row.try_get("naam")?;
    let naam = row
        .try_get::<Option<String>, _>("rekening_naam")?
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| format!("Gemeente {gemeente}"));
    Ok(Some(Rekening {
        naam,
        iban: Iban::parse(&iban)?,
        bic: row.try_get("bic")?,
    }))
}

/// Set the gemeente's paying account (functioneel beheer, configuration,
/// demo set-up). The caller has checked the BIC's format.
pub async fn rekening_opslaan(db: &Db, scope: &Scope, r: &Rekening) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE gemeenten SET iban = $1, bic = $2, rekening_naam = $3 WHERE gemeente_code = $4",
    )
    .bind(r.iban.as_str())
    .bind(r.bic.as_deref())
    .bind(r.naam.trim())
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    tx.commit().await
}

/// Set the gemeente's paying account with the default name (tests, bench).
pub async fn rekening_instellen(
    db: &Db,
    scope: &Scope,
    iban: &Iban,
    bic: Option<&str>,
) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE gemeenten SET iban = $1, bic = $2 WHERE gemeente_code = $3")
        .bind(iban.as_str())
        .bind(bic)
        .bind(scope.gemeente.as_str())
        .execute(tx.conn())
        .await?;
    tx.commit().await
}

/// What was paid for each month of a benefit: payments of released runs
/// only. Money of a run that was computed but not approved is not paid
/// (see [`te_betalen_per_maand`]).
pub async fn betaald_per_maand(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
) -> Result<std::collections::BTreeMap<gbi_domain::Maand, Money>> {
    per_maand(db, scope, uitkering_id, true).await
}

/// What runs that were computed but not yet approved will pay, per month.
pub async fn te_betalen_per_maand(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
) -> Result<std::collections::BTreeMap<gbi_domain::Maand, Money>> {
    per_maand(db, scope, uitkering_id, false).await
}

async fn per_maand(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
    vrijgegeven: bool,
) -> Result<std::collections::BTreeMap<gbi_domain::Maand, Money>> {
    let op = if vrijgegeven { "=" } else { "<>" };
    let rows = sqlx::query(&format!(
        "SELECT b.maand, CAST(SUM(b.bedrag) AS BIGINT) AS bedrag FROM betalingen b \
         JOIN betaalruns r ON r.id = b.betaalrun_id AND r.gemeente_code = b.gemeente_code \
         WHERE b.uitkering_id = $1 AND b.gemeente_code = $2 AND r.status {op} 'vrijgegeven' GROUP BY b.maand"
    ))
    .bind(uitkering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                gbi_domain::Maand::parse(&r.try_get::<String, _>("maand")?)?,
                Money::from_cents(r.try_get("bedrag")?),
            ))
        })
        .collect()
}

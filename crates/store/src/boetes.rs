//! Boetes (art. 18a Participatiewet): the decision on a breach of the
//! inlichtingenplicht — boete, waarschuwing or none — proposed by a person
//! after hoor en wederhoor and approved by a second person. Nobody approves
//! their own proposal (checked here too). An approved boete writes its
//! claim in the same transaction. Every read and write is logged.

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, Money};
use serde::Serialize;
use sqlx::Row;

/// A stored boete decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Boete {
    pub id: String,
    pub zaak_id: String,
    pub terugvordering_id: String,
    pub bsn: Bsn,
    /// The facts a person judged, as the rules read them (JSON of
    /// `gbi_rules::invordering::boete::BoeteInvoer`).
    pub invoer: serde_json::Value,
    pub benadelingsbedrag: Money,
    /// `boete`, `waarschuwing`, `geen`.
    pub uitkomst: String,
    pub bedrag: Money,
    pub zienswijze: String,
    pub zienswijze_datum: String,
    pub motivering: String,
    /// `voorgesteld`, `goedgekeurd`, `teruggestuurd`.
    pub status: String,
    pub voorgesteld_door: String,
    pub voorgesteld_op: String,
    pub beoordeeld_door: Option<String>,
    pub opmerking: Option<String>,
}

const SELECT: &str = "SELECT id, zaak_id, terugvordering_id, bsn, invoer, benadelingsbedrag, uitkomst, bedrag, zienswijze, \
     zienswijze_datum, motivering, status, voorgesteld_door, voorgesteld_op, beoordeeld_door, opmerking FROM boetes";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Boete> {
    let invoer: String = r.try_get("invoer")?;
    Ok(Boete {
        id: r.try_get("id")?,
        zaak_id: r.try_get("zaak_id")?,
        terugvordering_id: r.try_get("terugvordering_id")?,
        bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
        invoer: serde_json::from_str(&invoer).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        benadelingsbedrag: Money::from_cents(r.try_get("benadelingsbedrag")?),
        uitkomst: r.try_get("uitkomst")?,
        bedrag: Money::from_cents(r.try_get("bedrag")?),
        zienswijze: r.try_get("zienswijze")?,
        zienswijze_datum: r.try_get("zienswijze_datum")?,
        motivering: r.try_get("motivering")?,
        status: r.try_get("status")?,
        voorgesteld_door: r.try_get("voorgesteld_door")?,
        voorgesteld_op: r.try_get("voorgesteld_op")?,
        beoordeeld_door: r.try_get("beoordeeld_door")?,
        opmerking: r.try_get("opmerking")?,
    })
}

/// The boete decisions on one terugvordering, oldest first. Logged.
pub async fn voor_terugvordering(
    db: &Db,
    scope: &Scope,
    terugvordering_id: &str,
    operation: &str,
) -> Result<Vec<Boete>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let uit = sqlx::query(&format!(
        "{SELECT} WHERE terugvordering_id = $1 AND gemeente_code = $2 ORDER BY voorgesteld_op, id"
    ))
    .bind(terugvordering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(tx.conn())
    .await?
    .iter()
    .map(from_row)
    .collect::<Result<Vec<_>>>()?;
    if let Some(b) = uit.first() {
        logboek::note(
            &mut tx,
            scope,
            &logboek::TERUGVORDERING_BEHANDELEN,
            Handeling::Lezen,
            &b.bsn,
            operation,
            &start,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(uit)
}

/// A proposal.
pub struct NieuweBoete<'a> {
    pub zaak_id: &'a str,
    pub terugvordering_id: &'a str,
    pub bsn: &'a Bsn,
    pub invoer: &'a serde_json::Value,
    pub benadelingsbedrag: Money,
    pub uitkomst: &'a str,
    pub bedrag: Money,
    pub zienswijze: &'a str,
    pub zienswijze_datum: chrono::NaiveDate,
    pub motivering: &'a str,
    pub door: &'a str,
}

/// Propose a boete decision. Refused while another proposal waits or one
/// was approved for the same terugvordering.
pub async fn voorstellen(db: &Db, scope: &Scope, b: &NieuweBoete<'_>) -> Result<String> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let n: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM boetes WHERE terugvordering_id = $1 AND gemeente_code = $2 AND status IN ('voorgesteld', 'goedgekeurd')",
    )
    .bind(b.terugvordering_id)
    .bind(scope.gemeente.as_str())
    .fetch_one(tx.conn())
    .await?
    .try_get("n")?;
    if n > 0 {
        return Err(StoreError::Conflict(
            "over een boete voor deze overtreding is al een voorstel gedaan of besloten".into(),
        ));
    }
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO boetes (id, gemeente_code, bsn, zaak_id, terugvordering_id, invoer, benadelingsbedrag, uitkomst, bedrag, \
         zienswijze, zienswijze_datum, motivering, status, voorgesteld_door, voorgesteld_op) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'voorgesteld', $13, $14)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(b.bsn.as_str())
    .bind(b.zaak_id)
    .bind(b.terugvordering_id)
    .bind(b.invoer.to_string())
    .bind(b.benadelingsbedrag.cents())
    .bind(b.uitkomst)
    .bind(b.bedrag.cents())
    .bind(b.zienswijze.trim())
    .bind(b.zienswijze_datum.to_string())
    .bind(b.motivering.trim())
    .bind(b.door)
    .bind(&start)
    .execute(tx.conn())
    .await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::TERUGVORDERING_BEHANDELEN,
        Handeling::Schrijven,
        b.bsn,
        "boete voorstellen",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The claim an approved boete writes.
pub struct BoeteVordering<'a> {
    pub grondslag: &'a str,
    pub ingangsdatum: chrono::NaiveDate,
    pub betalen_voor: chrono::NaiveDate,
    pub betalingskenmerk: &'a str,
}

/// A second person's judgement.
pub struct Oordeel<'a> {
    pub door: &'a str,
    pub goedgekeurd: bool,
    pub opmerking: Option<&'a str>,
    /// The claim of an approved boete (none for a warning).
    pub vordering: Option<BoeteVordering<'a>>,
    /// The letter, on the zaak.
    pub werk: Vec<String>,
    pub melding: Option<crate::zaken::Melding>,
}

/// Approve or send back a proposal; the proposer can never judge it.
pub async fn beoordelen(db: &Db, scope: &Scope, id: &str, o: Oordeel<'_>) -> Result<Boete> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let b = sqlx::query(&format!("{SELECT} WHERE id = $1 AND gemeente_code = $2"))
        .bind(id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(tx.conn())
        .await?
        .ok_or(StoreError::NotFound)
        .and_then(|r| from_row(&r))?;
    if b.voorgesteld_door == o.door {
        return Err(StoreError::Conflict(
            crate::besluiten::EIGEN_VOORSTEL.into(),
        ));
    }
    if b.status != "voorgesteld" {
        return Err(StoreError::Conflict("dit voorstel is al beoordeeld".into()));
    }
    let status = if o.goedgekeurd {
        "goedgekeurd"
    } else {
        "teruggestuurd"
    };
    let n = sqlx::query(
        "UPDATE boetes SET status = $1, beoordeeld_door = $2, beoordeeld_op = $3, opmerking = $4 \
         WHERE id = $5 AND gemeente_code = $6 AND status = 'voorgesteld' AND voorgesteld_door <> $2",
    )
    .bind(status)
    .bind(o.door)
    .bind(&start)
    .bind(o.opmerking)
    .bind(id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?
    .rows_affected();
    if n != 1 {
        return Err(StoreError::Conflict(
            "dit voorstel is intussen gewijzigd".into(),
        ));
    }
    if o.goedgekeurd {
        if let (Some(v), true) = (&o.vordering, b.uitkomst == "boete" && b.bedrag.cents() > 0) {
            sqlx::query(
                "INSERT INTO vorderingen (id, gemeente_code, bsn, zaak_id, boete_id, soort, grondslag, hoofdsom, open_bedrag, \
                 status, ingangsdatum, verrekenen, betalen_voor, betalingskenmerk, created_at) \
                 VALUES ($1, $2, $3, $4, $5, 'boete', $6, $7, $7, 'open', $8, 1, $9, $10, $11)",
            )
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(scope.gemeente.as_str())
            .bind(b.bsn.as_str())
            .bind(&b.zaak_id)
            .bind(id)
            .bind(v.grondslag)
            .bind(b.bedrag.cents())
            .bind(v.ingangsdatum.to_string())
            .bind(v.betalen_voor.to_string())
            .bind(v.betalingskenmerk)
            .bind(&start)
            .execute(tx.conn())
            .await?;
        }
        crate::werk::plan_in(&mut tx, scope, &b.zaak_id, &o.werk).await?;
        if let Some(m) = &o.melding {
            crate::zaken::add_melding(&mut tx, scope, &b.bsn, Some(&b.zaak_id), m).await?;
        }
    }
    logboek::note(
        &mut tx,
        scope,
        &logboek::TERUGVORDERING_BEHANDELEN,
        Handeling::Schrijven,
        &b.bsn,
        if o.goedgekeurd {
            "boete goedkeuren"
        } else {
            "boete terugsturen"
        },
        &start,
    )
    .await?;
    tx.commit().await?;
    let mut b = b;
    b.status = status.into();
    Ok(b)
}

/// The latest approved boete decision of a zaak without a letter yet is
/// found by the letter maker through [`voor_zaak`].
pub async fn voor_zaak(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Vec<Boete>> {
    sqlx::query(&format!(
        "{SELECT} WHERE zaak_id = $1 AND gemeente_code = $2 ORDER BY voorgesteld_op, id"
    ))
    .bind(zaak_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(from_row)
    .collect()
}

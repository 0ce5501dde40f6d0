//! Claims (vorderingen) of the gemeente on a resident. A loan of
//! bijzondere bijstand (art. 48, tweede lid, and art. 51 Participatiewet)
//! is one: the approval of its besluit writes it in the same transaction
//! ([`crate::besluiten::Oordeel::vordering`]), with the amount lent as the
//! hoofdsom and as what is still open. Terugvordering (art. 58) and verhaal
//! (art. 61-62) come later as other [`Soort`]s of the same row. A
//! terugvordering (art. 58) writes one when its decision is approved
//! ([`crate::terugvorderingen`]); what lowers the open amount is in
//! [`crate::invordering`].
//!
//! Writing and reading are logged per resident.

use crate::db::{Db, Tx};
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use chrono::NaiveDate;
use gbi_domain::{Bsn, Money};
use serde::Serialize;
use sqlx::Row;

/// What kind of claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    /// Bijzondere bijstand as a loan (art. 48-2, 51).
    Lening,
    /// Terugvordering after a breach of the inlichtingenplicht (art. 58-1,
    /// "verwijtbaar" in the GGM).
    TerugvorderingVerwijtbaar,
    /// Terugvordering of bijstand otherwise paid too much (art. 58-2,
    /// "niet-verwijtbaar").
    Terugvordering,
    /// A bestuurlijke boete (art. 18a).
    Boete,
}

impl Soort {
    pub fn code(self) -> &'static str {
        match self {
            Soort::Lening => "lening",
            Soort::TerugvorderingVerwijtbaar => "terugvordering_verwijtbaar",
            Soort::Terugvordering => "terugvordering",
            Soort::Boete => "boete",
        }
    }

    pub fn parse(code: &str) -> Result<Self> {
        match code {
            "lening" => Ok(Soort::Lening),
            "terugvordering_verwijtbaar" => Ok(Soort::TerugvorderingVerwijtbaar),
            "terugvordering" => Ok(Soort::Terugvordering),
            "boete" => Ok(Soort::Boete),
            _ => Err(StoreError::Corrupt(format!(
                "onbekende soort vordering: {code}"
            ))),
        }
    }

    /// In plain Dutch, for the werkplek.
    pub fn naam(self) -> &'static str {
        match self {
            Soort::Lening => "lening",
            Soort::TerugvorderingVerwijtbaar | Soort::Terugvordering => "terugvordering",
            Soort::Boete => "boete",
        }
    }

    /// Whether art. 60-4 makes offsetting against a running benefit
    /// mandatory (58-1 claims; boetes).
    pub fn verrekenen_verplicht(self) -> bool {
        matches!(self, Soort::TerugvorderingVerwijtbaar | Soort::Boete)
    }
}

/// Where a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Something is still to be paid back.
    Open,
    /// Paid back in full (by payments and offsets).
    Afgelost,
    /// Nothing is open any more because the rest was waived
    /// (kwijtschelding).
    Kwijtgescholden,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Afgelost => "afgelost",
            Status::Kwijtgescholden => "kwijtgescholden",
        }
    }

    /// In plain Dutch.
    pub fn naam(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Afgelost => "betaald",
            Status::Kwijtgescholden => "kwijtgescholden",
        }
    }

    pub fn parse(code: &str) -> Result<Self> {
        match code {
            "open" => Ok(Status::Open),
            "afgelost" => Ok(Status::Afgelost),
            "kwijtgescholden" => Ok(Status::Kwijtgescholden),
            _ => Err(StoreError::Corrupt(format!(
                "onbekende status van een vordering: {code}"
            ))),
        }
    }
}

/// The claim an approved besluit writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuweVordering {
    /// The besluit it comes of; one claim per besluit.
    pub besluit_id: String,
    pub soort: Soort,
    /// The article, as the letter cites it, e.g. "artikel 48, tweede lid,
    /// Participatiewet".
    pub grondslag: String,
    /// More than zero.
    pub hoofdsom: Money,
    /// The day the claim starts: the day of the decision.
    pub ingangsdatum: NaiveDate,
}

/// A stored claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vordering {
    pub id: String,
    pub zaak_id: String,
    /// The zaak's identificatie, e.g. `BB-0392-2026-000001`.
    pub zaak_identificatie: String,
    /// The besluit it comes of (a loan), or none (a terugvordering).
    pub besluit_id: Option<String>,
    /// The terugvordering it comes of, if any.
    pub terugvordering_id: Option<String>,
    /// The boete decision it comes of, if any.
    pub boete_id: Option<String>,
    pub bsn: Bsn,
    pub soort: Soort,
    pub grondslag: String,
    pub hoofdsom: Money,
    /// What is still to be paid back.
    pub open_bedrag: Money,
    pub status: Status,
    pub ingangsdatum: String,
    /// Offset against the running benefit (art. 60-3/60-4).
    pub verrekenen: bool,
    /// The payment term (Awb 4:87), ISO date.
    pub betalen_voor: Option<String>,
    pub betalingskenmerk: Option<String>,
    /// The day a person sent the aanmaning (Awb 4:112), if any.
    pub aanmaning_op: Option<String>,
    /// The last day to pay after the aanmaning.
    pub aanmaning_betalen_voor: Option<String>,
    /// The day a person issued the dwangbevel (Awb 4:114), if any.
    pub dwangbevel_op: Option<String>,
    pub created_at: String,
}

/// Why a claim was refused.
pub const GEEN_POSITIEVE_HOOFDSOM: &str = "een vordering moet meer dan € 0,00 zijn";

/// Store the claim of an approved besluit, inside the approving
/// transaction, with its log record. Returns its id.
pub async fn create_in(
    tx: &mut Tx,
    scope: &Scope,
    zaak_id: &str,
    bsn: &Bsn,
    v: &NieuweVordering,
) -> Result<String> {
    if v.hoofdsom.cents() <= 0 {
        return Err(StoreError::Conflict(GEEN_POSITIEVE_HOOFDSOM.into()));
    }
    if v.grondslag.trim().is_empty() {
        return Err(StoreError::Conflict(
            "een vordering noemt het artikel waarop zij berust".into(),
        ));
    }
    let start = now_utc();
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO vorderingen (id, gemeente_code, bsn, zaak_id, besluit_id, soort, grondslag, hoofdsom, open_bedrag, status, ingangsdatum, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .bind(zaak_id)
    .bind(&v.besluit_id)
    .bind(v.soort.code())
    .bind(v.grondslag.trim())
    .bind(v.hoofdsom.cents())
    .bind(Status::Open.code())
    .bind(v.ingangsdatum.to_string())
    .bind(&start)
    .execute(tx.conn())
    .await?;
    logboek::note(
        tx,
        scope,
        &logboek::VORDERING_VASTLEGGEN,
        Handeling::Schrijven,
        bsn,
        "vordering vastleggen",
        &start,
    )
    .await?;
    Ok(id)
}

pub(crate) const SELECT: &str = "SELECT v.id, v.zaak_id, z.identificatie, v.besluit_id, v.terugvordering_id, v.boete_id, v.bsn, v.soort, v.grondslag, \
     v.hoofdsom, v.open_bedrag, v.status, v.ingangsdatum, v.verrekenen, v.betalen_voor, v.betalingskenmerk, v.aanmaning_op, v.aanmaning_betalen_voor, v.dwangbevel_op, v.created_at \
     FROM vorderingen v JOIN zaken z ON z.id = v.zaak_id AND z.gemeente_code = v.gemeente_code";

pub(crate) fn from_row(r: &sqlx::any::AnyRow) -> Result<Vordering> {
    Ok(Vordering {
        id: r.try_get("id")?,
        zaak_id: r.try_get("zaak_id")?,
        zaak_identificatie: r.try_get("identificatie")?,
        besluit_id: r.try_get("besluit_id")?,
        terugvordering_id: r.try_get("terugvordering_id")?,
        boete_id: r.try_get("boete_id")?,
        bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
        soort: Soort::parse(&r.try_get::<String, _>("soort")?)?,
        grondslag: r.try_get("grondslag")?,
        hoofdsom: Money::from_cents(r.try_get("hoofdsom")?),
        open_bedrag: Money::from_cents(r.try_get("open_bedrag")?),
        status: Status::parse(&r.try_get::<String, _>("status")?)?,
        ingangsdatum: r.try_get("ingangsdatum")?,
        verrekenen: r.try_get::<i64, _>("verrekenen")? != 0,
        betalen_voor: r.try_get("betalen_voor")?,
        betalingskenmerk: r.try_get("betalingskenmerk")?,
        aanmaning_op: r.try_get("aanmaning_op")?,
        aanmaning_betalen_voor: r.try_get("aanmaning_betalen_voor")?,
        dwangbevel_op: r.try_get("dwangbevel_op")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Read claims matching `filter` (bound to `$2`) in the scope's gemeente,
/// logged once per resident concerned.
pub(crate) async fn lezen(
    db: &Db,
    scope: &Scope,
    filter: &str,
    waarde: &str,
    operation: &str,
) -> Result<Vec<Vordering>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE v.gemeente_code = $1 AND {filter} = $2 ORDER BY v.created_at, v.id"
    ))
    .bind(scope.gemeente.as_str())
    .bind(waarde)
    .fetch_all(tx.conn())
    .await?;
    let uit = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    let mut betrokkenen: Vec<String> = Vec::new();
    for v in &uit {
        let h = db.logboek_subject(&v.bsn);
        if !betrokkenen.contains(&h) {
            betrokkenen.push(h);
        }
    }
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::VORDERING_INZIEN,
        Handeling::Lezen,
        operation,
        &betrokkenen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(uit)
}

/// The claims of one zaak, oldest first. Logged as a read.
pub async fn voor_zaak(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    operation: &str,
) -> Result<Vec<Vordering>> {
    lezen(db, scope, "v.zaak_id", zaak_id, operation).await
}

/// Every claim on one resident in the scope's gemeente, oldest first.
/// Logged as a read.
pub async fn voor_inwoner(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    operation: &str,
) -> Result<Vec<Vordering>> {
    lezen(db, scope, "v.bsn", bsn.as_str(), operation).await
}

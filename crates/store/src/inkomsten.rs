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
    let rows = sqlx::query(
        "SELECT id, uitkering_id, maand, arbeid_cents, overig_cents, document_id, door, created_at FROM inkomstenopgaven \
         WHERE uitkering_id = $1 AND gemeente_code = $2 ORDER BY maand, created_at",
    )
    .bind(uitkering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
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
        })
        .collect()
}

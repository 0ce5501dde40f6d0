//! Kwijtschelding (art. 58-7, 58-8 Participatiewet; Awb 4:94a): waiving
//! (the rest of) a claim, proposed by one person and approved by another —
//! never the same, checked here too. Approval lowers the claim through a
//! vorderingsmutatie in the same transaction ([`crate::invordering`]).

use crate::db::Db;
use crate::invordering::{MutatieSoort, NieuweMutatie, boeken_in, open_voor};
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, Money};
use serde::Serialize;
use sqlx::Row;

/// A kwijtschelding, proposed or judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kwijtschelding {
    pub id: String,
    pub vordering_id: String,
    /// `58-7-a` … `58-7-d`, `58-8`, `awb-4:94a`.
    pub grond: String,
    pub bedrag: Money,
    pub motivering: String,
    /// Part of a schuldregeling (art. 60c, art. 18a-13 Participatiewet).
    pub schuldregeling: bool,
    /// `voorgesteld`, `goedgekeurd`, `teruggestuurd`.
    pub status: String,
    pub voorgesteld_door: String,
    pub voorgesteld_op: String,
    pub beoordeeld_door: Option<String>,
    pub opmerking: Option<String>,
}

const KW: &str = "SELECT id, vordering_id, grond, bedrag, motivering, schuldregeling, status, voorgesteld_door, voorgesteld_op, beoordeeld_door, opmerking FROM kwijtscheldingen";

fn kwijtschelding(r: &sqlx::any::AnyRow) -> Result<Kwijtschelding> {
    Ok(Kwijtschelding {
        id: r.try_get("id")?,
        vordering_id: r.try_get("vordering_id")?,
        grond: r.try_get("grond")?,
        bedrag: Money::from_cents(r.try_get("bedrag")?),
        motivering: r.try_get("motivering")?,
        schuldregeling: r.try_get::<i64, _>("schuldregeling")? != 0,
        status: r.try_get("status")?,
        voorgesteld_door: r.try_get("voorgesteld_door")?,
        voorgesteld_op: r.try_get("voorgesteld_op")?,
        beoordeeld_door: r.try_get("beoordeeld_door")?,
        opmerking: r.try_get("opmerking")?,
    })
}

pub(crate) async fn van_vordering(
    db: &Db,
    scope: &Scope,
    vordering_id: &str,
) -> Result<Vec<Kwijtschelding>> {
    sqlx::query(&format!(
        "{KW} WHERE vordering_id = $1 AND gemeente_code = $2 ORDER BY voorgesteld_op, id"
    ))
    .bind(vordering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(kwijtschelding)
    .collect()
}

/// Every kwijtschelding waiting for a second person in the gemeente.
pub async fn te_beoordelen(db: &Db, scope: &Scope) -> Result<Vec<Kwijtschelding>> {
    sqlx::query(&format!(
        "{KW} WHERE gemeente_code = $1 AND status = 'voorgesteld' ORDER BY voorgesteld_op, id"
    ))
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(kwijtschelding)
    .collect()
}

/// Propose to waive `bedrag` of a claim. An earlier proposal on the same
/// claim that was not yet judged lapses.
#[allow(clippy::too_many_arguments)]
pub async fn voorstellen(
    db: &Db,
    scope: &Scope,
    vordering_id: &str,
    grond: &str,
    bedrag: Money,
    motivering: &str,
    schuldregeling: bool,
    door: &str,
) -> Result<String> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let (bsn, _) = open_voor(&mut tx, scope, vordering_id, bedrag).await?;
    sqlx::query("UPDATE kwijtscheldingen SET status = 'vervallen' WHERE vordering_id = $1 AND gemeente_code = $2 AND status = 'voorgesteld'")
        .bind(vordering_id)
        .bind(scope.gemeente.as_str())
        .execute(tx.conn())
        .await?;
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO kwijtscheldingen (id, gemeente_code, vordering_id, grond, bedrag, motivering, schuldregeling, status, voorgesteld_door, voorgesteld_op) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'voorgesteld', $8, $9)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(vordering_id)
    .bind(grond)
    .bind(bedrag.cents())
    .bind(motivering.trim())
    .bind(i64::from(schuldregeling))
    .bind(door)
    .bind(&start)
    .execute(tx.conn())
    .await?;

    logboek::note(
        &mut tx,
        scope,
        &logboek::VORDERING_INNEN,
        Handeling::Schrijven,
        &bsn,
        "kwijtschelding voorstellen",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A second person's judgement of a proposed kwijtschelding.
pub struct Oordeel<'a> {
    pub door: &'a str,
    pub goedgekeurd: bool,
    pub opmerking: Option<&'a str>,
    /// Background work on the claim's zaak (the letter).
    pub werk: &'a [String],
    /// The message for the resident's inbox.
    pub melding: Option<&'a crate::zaken::Melding>,
}

/// Approve or send back a proposed kwijtschelding. The proposer can never
/// judge it. Approval lowers the claim in the same transaction and plans
/// `werk` (the letter) on the claim's zaak. Returns the claim.
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    id: &str,
    o: Oordeel<'_>,
) -> Result<Kwijtschelding> {
    let Oordeel {
        door,
        goedgekeurd,
        opmerking,
        werk,
        melding,
    } = o;
    let start = now_utc();
    let mut tx = db.begin().await?;
    let k = sqlx::query(&format!("{KW} WHERE id = $1 AND gemeente_code = $2"))
        .bind(id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(tx.conn())
        .await?
        .ok_or(StoreError::NotFound)
        .and_then(|r| kwijtschelding(&r))?;
    if k.voorgesteld_door == door {
        return Err(StoreError::Conflict(
            crate::besluiten::EIGEN_VOORSTEL.into(),
        ));
    }
    if k.status != "voorgesteld" {
        return Err(StoreError::Conflict("dit voorstel is al beoordeeld".into()));
    }
    let n = sqlx::query(
        "UPDATE kwijtscheldingen SET status = $1, beoordeeld_door = $2, beoordeeld_op = $3, opmerking = $4 \
         WHERE id = $5 AND gemeente_code = $6 AND status = 'voorgesteld' AND voorgesteld_door <> $2",
    )
    .bind(if goedgekeurd { "goedgekeurd" } else { "teruggestuurd" })
    .bind(door)
    .bind(&start)
    .bind(opmerking)
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
    if goedgekeurd {
        boeken_in(
            &mut tx,
            scope,
            &NieuweMutatie {
                vordering_id: &k.vordering_id,
                soort: MutatieSoort::Kwijtschelding,
                bedrag: k.bedrag,
                datum: gbi_domain::today_amsterdam(),
                maand: None,
                uitkering_id: None,
                betaalrun_id: None,
                kwijtschelding_id: Some(id),
                beslagvrije_voet: None,
                door,
            },
        )
        .await?;
        let zaak: String =
            sqlx::query("SELECT zaak_id FROM vorderingen WHERE id = $1 AND gemeente_code = $2")
                .bind(&k.vordering_id)
                .bind(scope.gemeente.as_str())
                .fetch_one(tx.conn())
                .await?
                .try_get("zaak_id")?;
        crate::werk::plan_in(&mut tx, scope, &zaak, werk).await?;
        if let Some(m) = melding {
            let bsn: String =
                sqlx::query("SELECT bsn FROM vorderingen WHERE id = $1 AND gemeente_code = $2")
                    .bind(&k.vordering_id)
                    .bind(scope.gemeente.as_str())
                    .fetch_one(tx.conn())
                    .await?
                    .try_get("bsn")?;
            crate::zaken::add_melding(&mut tx, scope, &Bsn::parse(&bsn)?, Some(&zaak), m).await?;
        }
    }
    tx.commit().await?;
    let mut k = k;
    k.status = if goedgekeurd {
        "goedgekeurd"
    } else {
        "teruggestuurd"
    }
    .into();
    k.beoordeeld_door = Some(door.to_owned());
    Ok(k)
}

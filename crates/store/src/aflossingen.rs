//! Aflossingen: how a claim that is not offset against a benefit is paid
//! off each month — by a betalingsregeling (aflossingsafspraak) with the
//! debtor, or by a derdenbeslag after a dwangbevel (art. 60, vijfde lid,
//! Participatiewet with Rv 479g). Both respect the beslagvrije voet; the
//! facts it was computed from are kept as the rules read them (`invoer`).
//! A person records each one; at most one runs per claim, and a new one
//! ends the running one in the same transaction. Writing and reading are
//! logged per resident.

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, Money};
use serde::Serialize;
use sqlx::Row;

/// How the claim is paid off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Wijze {
    /// An aflossingsafspraak: the debtor pays each month.
    Betalingsregeling,
    /// A third party (werkgever, uitkeringsinstantie) pays part of what it
    /// owes the debtor to the gemeente.
    Derdenbeslag,
}

impl Wijze {
    pub fn code(self) -> &'static str {
        match self {
            Wijze::Betalingsregeling => "betalingsregeling",
            Wijze::Derdenbeslag => "derdenbeslag",
        }
    }

    fn parse(code: &str) -> Result<Self> {
        match code {
            "betalingsregeling" => Ok(Wijze::Betalingsregeling),
            "derdenbeslag" => Ok(Wijze::Derdenbeslag),
            _ => Err(StoreError::Corrupt(format!(
                "onbekende wijze van aflossing: {code}"
            ))),
        }
    }
}

/// A recorded aflossing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aflossing {
    pub id: String,
    pub vordering_id: String,
    pub bsn: Bsn,
    pub wijze: Wijze,
    /// The third party of a derdenbeslag, and its address lines.
    pub derde: Option<String>,
    pub derde_adres: Vec<String>,
    pub bedrag_per_maand: Money,
    /// ISO date of the first monthly term.
    pub eerste_termijn: String,
    /// The facts of the beslagvrije voet, as the rules read them (JSON of
    /// `gbi_rules::invordering::BvvInvoer`).
    pub invoer: String,
    pub beslagvrije_voet: Money,
    pub afloscapaciteit: Money,
    pub motivering: String,
    /// Still running (not ended by a person or by a newer aflossing).
    pub lopend: bool,
    pub door: String,
    pub created_at: String,
    pub beeindigd_op: Option<String>,
    /// What the debtor paid since the first term (payments booked on or
    /// after it).
    pub betaald_sinds_start: Money,
}

/// A new aflossing.
pub struct NieuweAflossing<'a> {
    pub vordering_id: &'a str,
    pub wijze: Wijze,
    pub derde: Option<(&'a str, &'a [String])>,
    pub bedrag_per_maand: Money,
    pub eerste_termijn: chrono::NaiveDate,
    pub invoer: &'a str,
    pub beslagvrije_voet: Money,
    pub afloscapaciteit: Money,
    pub motivering: &'a str,
    pub door: &'a str,
    /// Background work on the claim's zaak (the letters): the codes
    /// without an object; each is planned as `<code>:<id of the new
    /// aflossing>`, so every aflossing gets its own letters.
    pub werk: &'a [&'a str],
}

const SELECT: &str = "SELECT a.id, a.vordering_id, a.bsn, a.wijze, a.derde, a.derde_adres, a.bedrag_per_maand, a.eerste_termijn, \
     a.invoer, a.beslagvrije_voet, a.afloscapaciteit, a.motivering, a.status, a.door, a.created_at, a.beeindigd_op, \
     (SELECT CAST(COALESCE(SUM(m.bedrag), 0) AS BIGINT) FROM vorderingsmutaties m WHERE m.vordering_id = a.vordering_id \
      AND m.gemeente_code = a.gemeente_code AND m.soort = 'betaling' AND m.datum >= a.eerste_termijn) AS betaald \
     FROM aflossingen a";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Aflossing> {
    let adres: Option<String> = r.try_get("derde_adres")?;
    Ok(Aflossing {
        id: r.try_get("id")?,
        vordering_id: r.try_get("vordering_id")?,
        bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
        wijze: Wijze::parse(&r.try_get::<String, _>("wijze")?)?,
        derde: r.try_get("derde")?,
        derde_adres: adres
            .map(|a| a.lines().map(str::to_owned).collect())
            .unwrap_or_default(),
        bedrag_per_maand: Money::from_cents(r.try_get("bedrag_per_maand")?),
        eerste_termijn: r.try_get("eerste_termijn")?,
        invoer: r.try_get("invoer")?,
        beslagvrije_voet: Money::from_cents(r.try_get("beslagvrije_voet")?),
        afloscapaciteit: Money::from_cents(r.try_get("afloscapaciteit")?),
        motivering: r.try_get("motivering")?,
        lopend: r.try_get::<String, _>("status")? == "lopend",
        door: r.try_get("door")?,
        created_at: r.try_get("created_at")?,
        beeindigd_op: r.try_get("beeindigd_op")?,
        betaald_sinds_start: Money::from_cents(r.try_get("betaald")?),
    })
}

/// Record an aflossing on an open claim that is not offset. A running one
/// on the same claim ends. Plans `werk` on the claim's zaak.
pub async fn vastleggen(db: &Db, scope: &Scope, n: &NieuweAflossing<'_>) -> Result<String> {
    if n.bedrag_per_maand.cents() <= 0 || n.bedrag_per_maand > n.afloscapaciteit {
        return Err(StoreError::Conflict(format!(
            "het bedrag per maand moet meer dan € 0,00 zijn en ten hoogste de afloscapaciteit ({})",
            n.afloscapaciteit
        )));
    }
    if n.motivering.trim().is_empty() {
        return Err(StoreError::Conflict(
            "een aflossing heeft een toelichting".into(),
        ));
    }
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(
        "SELECT bsn, zaak_id, status, verrekenen, dwangbevel_op FROM vorderingen WHERE id = $1 AND gemeente_code = $2",
    )
    .bind(n.vordering_id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    if row.try_get::<String, _>("status")? != "open" || row.try_get::<i64, _>("verrekenen")? != 0 {
        return Err(StoreError::Conflict(
            "deze vordering staat niet meer open of wordt verrekend met de uitkering".into(),
        ));
    }
    if n.wijze == Wijze::Derdenbeslag
        && row.try_get::<Option<String>, _>("dwangbevel_op")?.is_none()
    {
        return Err(StoreError::Conflict(
            "derdenbeslag kan pas na een dwangbevel (art. 60, vijfde lid, Participatiewet)".into(),
        ));
    }
    let bsn = Bsn::parse(&row.try_get::<String, _>("bsn")?)?;
    let zaak: String = row.try_get("zaak_id")?;
    sqlx::query(
        "UPDATE aflossingen SET status = 'beeindigd', beeindigd_op = $1, beeindigd_door = $2 \
         WHERE vordering_id = $3 AND gemeente_code = $4 AND status = 'lopend'",
    )
    .bind(n.eerste_termijn.to_string())
    .bind(n.door)
    .bind(n.vordering_id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO aflossingen (id, gemeente_code, vordering_id, bsn, wijze, derde, derde_adres, bedrag_per_maand, eerste_termijn, \
         invoer, beslagvrije_voet, afloscapaciteit, motivering, status, door, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'lopend', $14, $15)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(n.vordering_id)
    .bind(bsn.as_str())
    .bind(n.wijze.code())
    .bind(n.derde.map(|(naam, _)| naam.trim().to_owned()))
    .bind(n.derde.map(|(_, adres)| adres.join("\n")))
    .bind(n.bedrag_per_maand.cents())
    .bind(n.eerste_termijn.to_string())
    .bind(n.invoer)
    .bind(n.beslagvrije_voet.cents())
    .bind(n.afloscapaciteit.cents())
    .bind(n.motivering.trim())
    .bind(n.door)
    .bind(&start)
    .execute(tx.conn())
    .await?;
    let werk: Vec<String> = n.werk.iter().map(|w| format!("{w}:{id}")).collect();
    crate::werk::plan_in(&mut tx, scope, &zaak, &werk).await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::VORDERING_INNEN,
        Handeling::Schrijven,
        &bsn,
        match n.wijze {
            Wijze::Betalingsregeling => "betalingsregeling vastleggen",
            Wijze::Derdenbeslag => "derdenbeslag leggen",
        },
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// End running aflossing `id` on `op` (a person's decision; for a
/// derdenbeslag `werk` holds the letter of its opheffing).
pub async fn beeindigen(
    db: &Db,
    scope: &Scope,
    id: &str,
    op: chrono::NaiveDate,
    door: &str,
    werk: &[String],
) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(
        "UPDATE aflossingen SET status = 'beeindigd', beeindigd_op = $1, beeindigd_door = $2 \
         WHERE id = $3 AND gemeente_code = $4 AND status = 'lopend' RETURNING bsn, vordering_id",
    )
    .bind(op.to_string())
    .bind(door)
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| StoreError::Conflict("deze aflossing loopt niet meer".into()))?;
    let bsn = Bsn::parse(&row.try_get::<String, _>("bsn")?)?;
    let vordering: String = row.try_get("vordering_id")?;
    let zaak: String =
        sqlx::query("SELECT zaak_id FROM vorderingen WHERE id = $1 AND gemeente_code = $2")
            .bind(&vordering)
            .bind(scope.gemeente.as_str())
            .fetch_one(tx.conn())
            .await?
            .try_get("zaak_id")?;
    crate::werk::plan_in(&mut tx, scope, &zaak, werk).await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::VORDERING_INNEN,
        Handeling::Schrijven,
        &bsn,
        "aflossing beëindigen",
        &start,
    )
    .await?;
    tx.commit().await
}

async fn lezen(
    db: &Db,
    scope: &Scope,
    filter: &str,
    waarde: &str,
    operation: &str,
) -> Result<Vec<Aflossing>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE a.gemeente_code = $1 AND {filter} ORDER BY a.created_at, a.id"
    ))
    .bind(scope.gemeente.as_str())
    .bind(waarde)
    .fetch_all(tx.conn())
    .await?;
    let uit = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    let mut betrokkenen: Vec<String> = Vec::new();
    for a in &uit {
        let h = db.logboek_subject(&a.bsn);
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

/// Every aflossing of one claim, oldest first (logged read).
pub async fn van_vordering(
    db: &Db,
    scope: &Scope,
    vordering_id: &str,
    operation: &str,
) -> Result<Vec<Aflossing>> {
    lezen(db, scope, "a.vordering_id = $2", vordering_id, operation).await
}

/// Every running aflossing in the gemeente, for the worklist (logged read).
pub async fn lopend(db: &Db, scope: &Scope, operation: &str) -> Result<Vec<Aflossing>> {
    lezen(db, scope, "a.status = $2", "lopend", operation).await
}

/// The aflossing with `id` (logged read).
pub async fn get(db: &Db, scope: &Scope, id: &str, operation: &str) -> Result<Option<Aflossing>> {
    Ok(lezen(db, scope, "a.id = $2", id, operation)
        .await?
        .into_iter()
        .next())
}

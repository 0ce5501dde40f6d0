//! What a betaalrun pays and what it could not compute, as the approver
//! sees it. A month that cannot be computed is never skipped silently (that
//! would be a suspension without a decision, art. 54 Participatiewet): it is
//! an exception on the run, with its reason, and a task for a medewerker on
//! the zaak of the benefit.

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::zaken::{NieuweTaak, add_taak};
use crate::{Result, Scope, now_utc};
use gbi_domain::{Bsn, Maand, Money};
use sqlx::Row;

/// The kind of task an exception makes.
pub const TAAK_SOORT: gbi_domain::TaakSoort = gbi_domain::TaakSoort::BetalingNietBerekend;

/// A month a run could not compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uitzondering {
    pub uitkering_id: String,
    pub zaak_id: String,
    pub zaak_identificatie: String,
    pub naam: String,
    pub maand: String,
    pub reden: String,
}

/// What the run could not compute for one benefit.
pub struct NieuweUitzondering<'a> {
    pub uitkering_id: &'a str,
    pub zaak_id: &'a str,
    pub bsn: &'a str,
    pub naam: &'a str,
    pub reden: &'a str,
}

/// The title of the task for a month; one open task per zaak and month.
pub fn taak_titel(maand: Maand) -> String {
    format!("Betaling {} niet berekend", maand.dutch_name())
}

/// Forget the exceptions of a run before it is computed again: every
/// benefit is computed anew, and those that still fail are recorded again.
/// Returns the zaken that had an exception (see [`opgelost`]).
pub async fn wissen(db: &Db, scope: &Scope, run_id: &str) -> Result<Vec<String>> {
    let mut tx = db.begin().await?;
    let zaken = sqlx::query(
        "SELECT zaak_id FROM betaalrun_uitzonderingen WHERE betaalrun_id = $1 AND gemeente_code = $2",
    )
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(tx.conn())
    .await?
    .iter()
    .map(|r| r.try_get("zaak_id"))
    .collect::<std::result::Result<Vec<String>, _>>()?;
    sqlx::query(
        "DELETE FROM betaalrun_uitzonderingen WHERE betaalrun_id = $1 AND gemeente_code = $2",
    )
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    tx.commit().await?;
    Ok(zaken)
}

/// The month of a zaak was computed after all: its open task for that month
/// is done.
pub async fn opgelost(db: &Db, scope: &Scope, zaak_id: &str, maand: Maand) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE taken SET status = 'afgerond', afgerond_at = $1 WHERE zaak_id = $2 AND gemeente_code = $3 \
         AND soort = $4 AND titel = $5 AND status = 'open'",
    )
    .bind(now_utc())
    .bind(zaak_id)
    .bind(scope.gemeente.as_str())
    .bind(TAAK_SOORT.code())
    .bind(taak_titel(maand))
    .execute(tx.conn())
    .await?;
    tx.commit().await
}

/// Record an exception on the run (its reason updated when it exists) and,
/// when the zaak has no open task for this month yet, a task for a
/// medewerker; in one transaction with its log record. Returns whether a
/// task was made.
pub async fn vastleggen(
    db: &Db,
    scope: &Scope,
    run_id: &str,
    maand: Maand,
    u: &NieuweUitzondering<'_>,
) -> Result<bool> {
    let bsn = Bsn::parse(u.bsn)?;
    let start = now_utc();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO betaalrun_uitzonderingen (id, gemeente_code, betaalrun_id, uitkering_id, zaak_id, maand, naam, reden, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (betaalrun_id, uitkering_id) DO UPDATE SET reden = excluded.reden",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(run_id)
    .bind(u.uitkering_id)
    .bind(u.zaak_id)
    .bind(maand.to_string())
    .bind(u.naam)
    .bind(u.reden)
    .bind(&start)
    .execute(tx.conn())
    .await?;
    let titel = taak_titel(maand);
    let open = sqlx::query(
        "SELECT COUNT(*) AS n FROM taken WHERE zaak_id = $1 AND gemeente_code = $2 AND soort = $3 AND titel = $4 AND status = 'open'",
    )
    .bind(u.zaak_id)
    .bind(scope.gemeente.as_str())
    .bind(TAAK_SOORT.code())
    .bind(&titel)
    .fetch_one(tx.conn())
    .await?
    .try_get::<i64, _>("n")?;
    if open == 0 {
        add_taak(
            &mut tx,
            scope,
            u.zaak_id,
            &NieuweTaak {
                voor: gbi_domain::TaakVoor::Medewerker,
                soort: TAAK_SOORT,
                titel,
                toelichting: Some(format!(
                    "De betaalrun van {} kon de uitkering niet berekenen: {}. Zoek uit waarom en herstel het; bereken de betaalrun daarna opnieuw. De uitkering stopt niet zonder besluit (artikel 54 Participatiewet).",
                    maand.dutch_name(),
                    u.reden
                )),
                deadline: None,
            },
        )
        .await?;
    }
    logboek::note(
        &mut tx,
        scope,
        &logboek::UITKERING_BETALEN,
        Handeling::Schrijven,
        &bsn,
        "betaling niet berekend",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(open == 0)
}

/// The exceptions of a run, by name; reading them is logged per resident.
pub async fn uitzonderingen(db: &Db, scope: &Scope, run_id: &str) -> Result<Vec<Uitzondering>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(
        "SELECT x.uitkering_id, x.zaak_id, z.identificatie, x.naam, x.maand, x.reden, u.bsn \
         FROM betaalrun_uitzonderingen x JOIN zaken z ON z.id = x.zaak_id JOIN uitkeringen u ON u.id = x.uitkering_id \
         WHERE x.betaalrun_id = $1 AND x.gemeente_code = $2 ORDER BY x.naam, x.uitkering_id",
    )
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(tx.conn())
    .await?;
    let mut uit = Vec::with_capacity(rows.len());
    let mut betrokkenen = Vec::with_capacity(rows.len());
    for r in &rows {
        betrokkenen.push(db.logboek_subject(&Bsn::parse(&r.try_get::<String, _>("bsn")?)?));
        uit.push(Uitzondering {
            uitkering_id: r.try_get("uitkering_id")?,
            zaak_id: r.try_get("zaak_id")?,
            zaak_identificatie: r.try_get("identificatie")?,
            naam: r.try_get("naam")?,
            maand: r.try_get("maand")?,
            reden: r.try_get("reden")?,
        });
    }
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::UITKERING_BETALEN,
        Handeling::Lezen,
        "uitzonderingen betaalrun inzien",
        &betrokkenen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(uit)
}

/// One payment of a run as the approver sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Betaalregel {
    pub naam: String,
    pub zaak_id: String,
    pub zaak_identificatie: String,
    pub maand: String,
    pub bedrag: Money,
    pub iban: String,
}

/// `limit` payments of a run, by name, after the payment `na` (the cursor
/// of the previous page, `naam~end_to_end_id`); the cursor of the next page
/// when there is more. Reading them is logged per resident shown.
pub async fn betalingen(
    db: &Db,
    scope: &Scope,
    run_id: &str,
    na: Option<&str>,
    limit: i64,
) -> Result<(Vec<Betaalregel>, Option<String>)> {
    let start = now_utc();
    let na = na.and_then(|c| c.rsplit_once('~'));
    let keyset = if na.is_some() {
        " AND (b.naam, b.end_to_end_id) > ($4, $5)"
    } else {
        ""
    };
    let mut tx = db.begin().await?;
    let sql = format!(
        "SELECT b.naam, b.maand, b.bedrag, b.iban, b.end_to_end_id, u.zaak_id, u.bsn, z.identificatie \
         FROM betalingen b JOIN uitkeringen u ON u.id = b.uitkering_id JOIN zaken z ON z.id = u.zaak_id \
         WHERE b.betaalrun_id = $1 AND b.gemeente_code = $2{keyset} ORDER BY b.naam, b.end_to_end_id LIMIT $3"
    );
    let mut q = sqlx::query(&sql)
        .bind(run_id)
        .bind(scope.gemeente.as_str())
        .bind(limit.clamp(1, 1000) + 1);
    if let Some((naam, e2e)) = na {
        q = q.bind(naam).bind(e2e);
    }
    let rows = q.fetch_all(tx.conn()).await?;
    let toon = usize::try_from(limit.clamp(1, 1000)).unwrap_or(1);
    let volgende = if rows.len() > toon {
        let r = &rows[toon - 1];
        Some(format!(
            "{}~{}",
            r.try_get::<String, _>("naam")?,
            r.try_get::<String, _>("end_to_end_id")?
        ))
    } else {
        None
    };
    let mut uit = Vec::with_capacity(rows.len());
    let mut betrokkenen = Vec::with_capacity(rows.len());
    for r in rows.iter().take(toon) {
        betrokkenen.push(db.logboek_subject(&Bsn::parse(&r.try_get::<String, _>("bsn")?)?));
        uit.push(Betaalregel {
            naam: r.try_get("naam")?,
            zaak_id: r.try_get("zaak_id")?,
            zaak_identificatie: r.try_get("identificatie")?,
            maand: r.try_get("maand")?,
            bedrag: Money::from_cents(r.try_get("bedrag")?),
            iban: r.try_get("iban")?,
        });
    }
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::UITKERING_BETALEN,
        Handeling::Lezen,
        "betalingen betaalrun inzien",
        &betrokkenen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok((uit, volgende))
}

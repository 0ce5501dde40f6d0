//! The looplijst: the opt-out register, runs, their funnel and the
//! addresses they found, and what outreach teams record after a visit.
//!
//! Privacy by construction: an opted-out resident is kept as the keyed hash
//! the processing log uses (no BSN); addresses keep names, the address and
//! hashes, never a BSN or an amount; every question asked, every list shown
//! and every visit recorded writes processing-log records in the same
//! transaction; an expired list is deleted and only counts remain.

mod lijst;

pub use lijst::{
    Adres, BEZOEK_UITKOMSTEN, NieuwAdres, Wijk, adres_voor_bezoek, adressen, bezoek_vastleggen,
    bezoeken_per_regeling, team_toewijzen, wijken,
};

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::Bsn;
use serde::Serialize;
use sqlx::Row;
use std::collections::HashSet;

/// A resident opts out of (or back into) the looplijst. Logged.
pub async fn afmelden(db: &Db, scope: &Scope, bsn: &Bsn, afgemeld: bool) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let betrokkene = db.logboek_subject(bsn);
    let hash = [betrokkene.clone()];
    if afgemeld {
        sqlx::query(
            "INSERT INTO looplijst_afmeldingen (gemeente_code, betrokkene, afgemeld_op) VALUES ($1, $2, $3) \
             ON CONFLICT (gemeente_code, betrokkene) DO NOTHING",
        )
        .bind(scope.gemeente.as_str())
        .bind(&betrokkene)
        .bind(&start)
        .execute(tx.conn())
        .await?;
    } else {
        sqlx::query(
            "DELETE FROM looplijst_afmeldingen WHERE gemeente_code = $1 AND betrokkene = $2",
        )
        .bind(scope.gemeente.as_str())
        .bind(&betrokkene)
        .execute(tx.conn())
        .await?;
    }
    let naam = if afgemeld {
        "afmelden"
    } else {
        "weer aanmelden"
    };
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::LOOPLIJST_AFMELDEN,
        Handeling::Schrijven,
        naam,
        &hash,
        &start,
    )
    .await?;
    tx.commit().await
}

/// Whether the resident has opted out. Reading one's own status needs no
/// log record beyond the page that shows it.
pub async fn is_afgemeld(db: &Db, scope: &Scope, bsn: &Bsn) -> Result<bool> {
    let hash = db.logboek_subject(bsn);
    let row = sqlx::query(
        "SELECT 1 AS x FROM looplijst_afmeldingen WHERE gemeente_code = $1 AND betrokkene = $2",
    )
    .bind(scope.gemeente.as_str())
    .bind(&hash)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.is_some())
}

/// The opted-out residents of the gemeente, as keyed hashes.
pub async fn afgemelden(db: &Db, scope: &Scope) -> Result<HashSet<String>> {
    let rows = sqlx::query("SELECT betrokkene FROM looplijst_afmeldingen WHERE gemeente_code = $1")
        .bind(scope.gemeente.as_str())
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            r.try_get::<String, _>("betrokkene")
                .map_err(StoreError::from)
        })
        .collect()
}

/// Log one question per data subject before it is sent: every question a
/// source receives has a record (a retried request is a new question).
pub async fn vragen_loggen(
    db: &Db,
    scope: &Scope,
    naam: &str,
    betrokkenen: &[String],
) -> Result<u64> {
    logboek::record_many_standalone(
        db,
        scope,
        &logboek::LOOPLIJST_VRAGEN,
        Handeling::Lezen,
        naam,
        betrokkenen,
        &now_utc(),
    )
    .await
}

/// One run: a looplijst for some regelingen on a peildatum.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Run {
    pub id: String,
    pub regelingen: Vec<String>,
    pub peildatum: String,
    pub catalogus: String,
    /// `bezig`, `klaar`, `mislukt` or `verlopen`.
    pub status: String,
    pub stap: String,
    pub procent: i64,
    pub ingezetenen: i64,
    pub vragen: i64,
    pub fout: Option<String>,
    pub gestart_door: String,
    pub gestart_op: String,
    pub klaar_op: Option<String>,
    pub verloopt_op: Option<String>,
}

const RUN_KOLOMMEN: &str = "id, regelingen, peildatum, catalogus, status, stap, procent, ingezetenen, vragen, \
     fout, gestart_door, gestart_op, klaar_op, verloopt_op";

fn run_uit(r: &sqlx::any::AnyRow) -> Result<Run> {
    let regelingen: String = r.try_get("regelingen")?;
    Ok(Run {
        id: r.try_get("id")?,
        regelingen: regelingen.split(',').map(str::to_owned).collect(),
        peildatum: r.try_get("peildatum")?,
        catalogus: r.try_get("catalogus")?,
        status: r.try_get("status")?,
        stap: r.try_get("stap")?,
        procent: r.try_get("procent")?,
        ingezetenen: r.try_get("ingezetenen")?,
        vragen: r.try_get("vragen")?,
        fout: r.try_get("fout")?,
        gestart_door: r.try_get("gestart_door")?,
        gestart_op: r.try_get("gestart_op")?,
        klaar_op: r.try_get("klaar_op")?,
        verloopt_op: r.try_get("verloopt_op")?,
    })
}

/// Start a run. Only one run per gemeente at a time (a unique index): a
/// second start while one is busy is a conflict.
pub async fn start(
    db: &Db,
    scope: &Scope,
    regelingen: &[&str],
    peildatum: &str,
    catalogus: &str,
) -> Result<Run> {
    let id = uuid::Uuid::new_v4().to_string();
    let nu = now_utc();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO looplijst_runs (id, gemeente_code, regelingen, peildatum, catalogus, status, stap, procent, \
         ingezetenen, vragen, gestart_door, gestart_op, holder) VALUES ($1, $2, $3, $4, $5, 'bezig', $6, 0, 0, 0, $7, $8, $9)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(regelingen.join(","))
    .bind(peildatum)
    .bind(catalogus)
    .bind("Inwoners ophalen uit de BRP")
    .bind(scope.actor.as_log_string())
    .bind(&nu)
    .bind(crate::lease::instance())
    .execute(tx.conn())
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Conflict(_) => StoreError::Conflict(
            "er wordt al een looplijst gemaakt; wacht tot die klaar is".into(),
        ),
        e => e,
    })?;
    tx.commit().await?;
    // The run is this instance's: it shows it still runs (see `onderbroken`).
    crate::lease::heartbeat(db).await?;
    run(db, scope, &id).await?.ok_or(StoreError::NotFound)
}

/// Progress of a busy run, for the werkplek and the CLI.
pub async fn voortgang(
    db: &Db,
    scope: &Scope,
    id: &str,
    stap: &str,
    procent: i64,
    ingezetenen: i64,
    vragen: i64,
) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE looplijst_runs SET stap = $1, procent = $2, ingezetenen = $3, vragen = $4 \
         WHERE id = $5 AND gemeente_code = $6 AND status = 'bezig'",
    )
    .bind(stap)
    .bind(procent.clamp(0, 100))
    .bind(ingezetenen)
    .bind(vragen)
    .bind(id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    tx.commit().await?;
    // Still working (also when the CLI makes the list, without `gbi serve`).
    crate::lease::heartbeat(db).await.map(|_| ())
}

/// One bar of the funnel: how many households were still in after a step.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TrechterStap {
    pub regeling: String,
    pub volgorde: i64,
    pub stap: String,
    pub omschrijving: String,
    pub aantal: i64,
}

/// A finished run: its funnel and addresses, stored in one transaction.
pub struct Uitslag<'a> {
    pub ingezetenen: i64,
    pub vragen: i64,
    pub trechter: &'a [TrechterStap],
    pub adressen: &'a [NieuwAdres],
    pub verloopt_op: &'a str,
}

pub async fn klaar(db: &Db, scope: &Scope, id: &str, u: &Uitslag<'_>) -> Result<()> {
    let mut tx = db.begin().await?;
    let g = scope.gemeente.as_str();
    for t in u.trechter {
        sqlx::query(
            "INSERT INTO looplijst_trechter (run_id, gemeente_code, regeling, volgorde, stap, omschrijving, aantal) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(g)
        .bind(&t.regeling)
        .bind(t.volgorde)
        .bind(&t.stap)
        .bind(&t.omschrijving)
        .bind(t.aantal)
        .execute(tx.conn())
        .await?;
    }
    lijst::invoegen(&mut tx, g, id, u.adressen).await?;
    let n = sqlx::query(
        "UPDATE looplijst_runs SET status = 'klaar', stap = 'Klaar', procent = 100, ingezetenen = $1, vragen = $2, \
         klaar_op = $3, verloopt_op = $4 WHERE id = $5 AND gemeente_code = $6 AND status = 'bezig'",
    )
    .bind(u.ingezetenen)
    .bind(u.vragen)
    .bind(now_utc())
    .bind(u.verloopt_op)
    .bind(id)
    .bind(g)
    .execute(tx.conn())
    .await?
    .rows_affected();
    if n != 1 {
        return Err(StoreError::StaleVersion);
    }
    tx.commit().await
}

/// A run that could not finish (a source stayed down): nothing of it is
/// kept but the reason.
pub async fn mislukt(db: &Db, scope: &Scope, id: &str, fout: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE looplijst_runs SET status = 'mislukt', fout = $1, klaar_op = $2 \
         WHERE id = $3 AND gemeente_code = $4 AND status = 'bezig'",
    )
    .bind(fout)
    .bind(now_utc())
    .bind(id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    tx.commit().await
}

/// Runs still marked busy whose instance stopped (it no longer holds its
/// lease, see [`crate::lease::heartbeat`]) were interrupted. Run at the
/// start of `gbi serve` and then regularly: with several instances on one
/// database a run of another, living instance is left alone.
pub async fn onderbroken(db: &Db) -> Result<u64> {
    let nu = now_utc();
    let mut tx = db.begin().await?;
    let n = sqlx::query(
        "UPDATE looplijst_runs SET status = 'mislukt', fout = 'onderbroken: GBI is gestopt tijdens het maken', \
         klaar_op = $1 WHERE status = 'bezig' AND (holder IS NULL OR NOT EXISTS \
         (SELECT 1 FROM leases l WHERE l.name = 'instance:' || looplijst_runs.holder AND l.expires_at >= $1))",
    )
    .bind(&nu)
    .execute(tx.conn())
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(n)
}

pub async fn run(db: &Db, scope: &Scope, id: &str) -> Result<Option<Run>> {
    let row = sqlx::query(&format!(
        "SELECT {RUN_KOLOMMEN} FROM looplijst_runs WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(run_uit).transpose()
}

/// The gemeente's runs, newest first.
pub async fn runs(db: &Db, scope: &Scope) -> Result<Vec<Run>> {
    let rows = sqlx::query(&format!(
        "SELECT {RUN_KOLOMMEN} FROM looplijst_runs WHERE gemeente_code = $1 ORDER BY gestart_op DESC LIMIT 50"
    ))
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(run_uit).collect()
}

pub async fn trechter(db: &Db, scope: &Scope, run_id: &str) -> Result<Vec<TrechterStap>> {
    let rows = sqlx::query(
        "SELECT regeling, volgorde, stap, omschrijving, aantal FROM looplijst_trechter \
         WHERE run_id = $1 AND gemeente_code = $2 ORDER BY regeling, volgorde",
    )
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TrechterStap {
                regeling: r.try_get("regeling")?,
                volgorde: r.try_get("volgorde")?,
                stap: r.try_get("stap")?,
                omschrijving: r.try_get("omschrijving")?,
                aantal: r.try_get("aantal")?,
            })
        })
        .collect()
}

/// Delete the addresses of every list whose time is up (all gemeenten):
/// the visit outcomes are first counted into the funnel, so the figures
/// remain and the personal data goes. Returns the number of lists.
pub async fn opruimen(db: &Db, nu: &str) -> Result<u64> {
    let rows = sqlx::query(
        "SELECT id, gemeente_code FROM looplijst_runs WHERE status = 'klaar' AND verloopt_op <= $1",
    )
    .bind(nu)
    .fetch_all(db.pool())
    .await?;
    let mut n = 0;
    for r in &rows {
        let id: String = r.try_get("id")?;
        let gemeente: String = r.try_get("gemeente_code")?;
        let mut tx = db.begin().await?;
        lijst::uitkomsten_bewaren_en_wissen(&mut tx, &gemeente, &id).await?;
        sqlx::query(
            "UPDATE looplijst_runs SET status = 'verlopen' WHERE id = $1 AND status = 'klaar'",
        )
        .bind(&id)
        .execute(tx.conn())
        .await?;
        tx.commit().await?;
        n += 1;
    }
    Ok(n)
}

//! Background work of zaken (consulting a register, calculating), kept in
//! the database so it survives restarts and never gets lost: an item waits,
//! is taken, and is either done (with its result, in one transaction) or
//! scheduled again with its error visible on the zaak.

use crate::db::{Backend, Db};
use crate::logboek::{self, Handeling, Verwerkingsactiviteit};
use crate::time::utc_in;
use crate::{Result, Scope, now_utc};
use gbi_domain::{Bsn, GemeenteCode};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct WerkItem {
    pub id: String,
    pub gemeente_code: String,
    pub zaak_id: String,
    pub soort: String,
    pub status: String,
    pub pogingen: i64,
    pub volgende_poging: String,
    pub laatste_fout: Option<String>,
    pub updated_at: String,
}

const COLUMNS: &str = "id, gemeente_code, zaak_id, soort, status, pogingen, volgende_poging, laatste_fout, updated_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<WerkItem> {
    Ok(WerkItem {
        id: r.try_get("id")?,
        gemeente_code: r.try_get("gemeente_code")?,
        zaak_id: r.try_get("zaak_id")?,
        soort: r.try_get("soort")?,
        status: r.try_get("status")?,
        pogingen: r.try_get("pogingen")?,
        volgende_poging: r.try_get("volgende_poging")?,
        laatste_fout: r.try_get("laatste_fout")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Take the next item that is due (any gemeente: this is system work), or
/// `None`. On PostgreSQL concurrent workers (several instances) skip each
/// other's items. An item taken longer than a lease ago
/// ([`crate::lease::seconds`]) by an instance that died is taken again.
///
/// The item's `updated_at` is the token of this take: finishing it
/// ([`done`], [`done_with_letter`], [`retry_later`]) only counts while the
/// item is still taken by this take, so an item taken over from a slow
/// instance is finished once ([`crate::StoreError::Conflict`] for the other).
pub async fn take_next(db: &Db) -> Result<Option<WerkItem>> {
    let now = now_utc();
    let stale = utc_in(-crate::lease::seconds());
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT id FROM werk WHERE (status = 'wachtend' AND volgende_poging <= $1) OR (status = 'bezig' AND updated_at < $2) \
         ORDER BY volgende_poging LIMIT 1{lock}"
    ))
    .bind(&now)
    .bind(&stale)
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: String = row.try_get("id")?;
    let row = sqlx::query(&format!("UPDATE werk SET status = 'bezig', pogingen = pogingen + 1, updated_at = $1, holder = $3 WHERE id = $2 RETURNING {COLUMNS}"))
        .bind(&now)
        .bind(&id)
        .bind(crate::lease::instance())
        .fetch_one(tx.conn())
        .await?;
    let item = from_row(&row)?;
    tx.commit().await?;
    Ok(Some(item))
}

/// Plan work for a zaak inside a caller's transaction, so the work exists
/// exactly when the change that needs it does.
pub async fn plan_in(
    tx: &mut crate::db::Tx,
    scope: &Scope,
    zaak_id: &str,
    soorten: &[String],
) -> Result<()> {
    let start = now_utc();
    for soort in soorten {
        sqlx::query(
            "INSERT INTO werk (id, gemeente_code, zaak_id, soort, status, pogingen, volgende_poging, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'wachtend', 0, $5, $5, $5)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(scope.gemeente.as_str())
        .bind(zaak_id)
        .bind(soort)
        .bind(&start)
        .execute(tx.conn())
        .await?;
    }
    Ok(())
}

/// Plan `soort` for a zaak unless it was planned before (whatever became of
/// it): work that must happen once, like the letter of a month's
/// herziening. Whether it was planned now.
pub async fn plan_eenmalig(db: &Db, scope: &Scope, zaak_id: &str, soort: &str) -> Result<bool> {
    let start = now_utc();
    let n = sqlx::query(
        "INSERT INTO werk (id, gemeente_code, zaak_id, soort, status, pogingen, volgende_poging, created_at, updated_at) \
         SELECT $1, $2, $3, $4, 'wachtend', 0, $5, $5, $5 \
         WHERE NOT EXISTS (SELECT 1 FROM werk WHERE gemeente_code = $2 AND zaak_id = $3 AND soort = $4)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .bind(soort)
    .bind(&start)
    .execute(db.pool())
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// The answer of a register, as stored on the zaak.
pub struct Snapshot<'a> {
    pub bron: &'a str,
    pub inhoud: &'a serde_json::Value,
    pub herkomst: &'a serde_json::Value,
}

/// Finish an item: store its snapshot (if any) and log the processing, all
/// in one transaction with marking it done.
pub async fn done(
    db: &Db,
    scope: &Scope,
    item: &WerkItem,
    betrokkene: &Bsn,
    activiteit: &'static Verwerkingsactiviteit,
    snapshot: Option<Snapshot<'_>>,
    beoordeling: Option<&serde_json::Value>,
) -> Result<()> {
    let betrokkenen = std::slice::from_ref(betrokkene);
    done_voor(
        db,
        scope,
        item,
        betrokkenen,
        activiteit,
        snapshot,
        beoordeling,
    )
    .await
}

/// [`done`] with one line in the processing log per person the work was
/// about (e.g. the applicant and the partner of one question).
pub async fn done_voor(
    db: &Db,
    scope: &Scope,
    item: &WerkItem,
    betrokkenen: &[Bsn],
    activiteit: &'static Verwerkingsactiviteit,
    snapshot: Option<Snapshot<'_>>,
    beoordeling: Option<&serde_json::Value>,
) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    nog_van_mij(&mut tx, scope, item, "klaar", None).await?;
    if let Some(s) = snapshot {
        sqlx::query(
            "INSERT INTO bron_snapshots (id, gemeente_code, zaak_id, bron, inhoud, herkomst, opgehaald_op) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(scope.gemeente.as_str())
        .bind(&item.zaak_id)
        .bind(s.bron)
        .bind(s.inhoud.to_string())
        .bind(s.herkomst.to_string())
        .bind(&start)
        .execute(tx.conn())
        .await?;
    }
    if let Some(b) = beoordeling {
        sqlx::query("INSERT INTO beoordelingen (id, gemeente_code, zaak_id, uitkomst, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(scope.gemeente.as_str())
            .bind(&item.zaak_id)
            .bind(b.to_string())
            .bind(&start)
            .execute(tx.conn())
            .await?;
    }
    for betrokkene in betrokkenen {
        logboek::note(
            &mut tx,
            scope,
            activiteit,
            Handeling::Lezen,
            betrokkene,
            &item.soort,
            &start,
        )
        .await?;
    }
    tx.commit().await
}

/// A letter made by background work, stored with the item marked done in
/// one transaction (so a crash never leaves two letters or none).
pub struct Brief<'a> {
    pub bestandsnaam: &'a str,
    pub informatieobjecttype: &'a str,
    pub inhoud: &'a [u8],
    /// The addressee's name as on the letter (for the print queue).
    pub ontvanger_naam: &'a str,
    /// Always on paper, whatever the resident consented to: the law
    /// prescribes post (a dwangbevel, art. 60, vijfde lid, Participatiewet)
    /// or the addressee is a third party (a derdenbeslag).
    pub per_post: bool,
}

pub async fn done_with_letter(
    db: &Db,
    scope: &Scope,
    item: &WerkItem,
    betrokkene: &Bsn,
    brief: Brief<'_>,
) -> Result<crate::documenten::Document> {
    let mut tx = db.begin().await?;
    let doc = crate::documenten::add_in(
        &mut tx,
        scope,
        crate::documenten::NewDocument {
            bsn: betrokkene,
            concept_id: None,
            zaak_id: Some(&item.zaak_id),
            informatieobjecttype: brief.informatieobjecttype,
            bestandsnaam: brief.bestandsnaam,
            mime: "application/pdf",
            inhoud: brief.inhoud,
        },
        &item.soort,
    )
    .await?;
    // Only online with the addressee's consent (Awb 2:14); else on paper
    // too. Some letters always go by post.
    let soort = item.soort.strip_prefix("brief:").unwrap_or(&item.soort);
    if brief.per_post {
        crate::printwachtrij::toevoegen_in(
            &mut tx,
            scope,
            &item.zaak_id,
            &doc.id,
            betrokkene,
            soort,
            brief.ontvanger_naam,
        )
        .await?;
    } else {
        crate::printwachtrij::zonder_toestemming_in(
            &mut tx,
            scope,
            &item.zaak_id,
            &doc.id,
            betrokkene,
            soort,
            brief.ontvanger_naam,
        )
        .await?;
    }
    // Someone else finished it (a stale take): keep theirs.
    nog_van_mij(&mut tx, scope, item, "klaar", None).await?;
    tx.commit().await?;
    Ok(doc)
}

/// Schedule an item again after `retry_in_seconds`, keeping the reason
/// visible on the zaak.
pub async fn retry_later(
    db: &Db,
    item: &WerkItem,
    fout: &str,
    retry_in_seconds: i64,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let scope = Scope::system(GemeenteCode::parse(&item.gemeente_code)?, "werk");
    nog_van_mij(
        &mut tx,
        &scope,
        item,
        "wachtend",
        Some((fout, &utc_in(retry_in_seconds))),
    )
    .await?;
    tx.commit().await
}

/// Set the status of an item this take still holds (status `bezig`, its
/// `updated_at` the take's); else it was taken over after its lease
/// expired and the other take finishes it: a conflict, nothing written.
async fn nog_van_mij(
    tx: &mut crate::db::Tx,
    scope: &Scope,
    item: &WerkItem,
    status: &str,
    opnieuw: Option<(&str, &str)>,
) -> Result<()> {
    let n = match opnieuw {
        None => sqlx::query(
            "UPDATE werk SET status = $1, laatste_fout = NULL, updated_at = $2 \
             WHERE id = $3 AND gemeente_code = $4 AND status = 'bezig' AND updated_at = $5",
        )
        .bind(status)
        .bind(now_utc())
        .bind(&item.id)
        .bind(scope.gemeente.as_str())
        .bind(&item.updated_at)
        .execute(tx.conn())
        .await?
        .rows_affected(),
        Some((fout, volgende)) => sqlx::query(
            "UPDATE werk SET status = $1, laatste_fout = $2, volgende_poging = $3, updated_at = $4 \
             WHERE id = $5 AND gemeente_code = $6 AND status = 'bezig' AND updated_at = $7",
        )
        .bind(status)
        .bind(fout)
        .bind(volgende)
        .bind(now_utc())
        .bind(&item.id)
        .bind(scope.gemeente.as_str())
        .bind(&item.updated_at)
        .execute(tx.conn())
        .await?
        .rows_affected(),
    };
    if n == 1 {
        Ok(())
    } else {
        Err(crate::StoreError::Conflict(
            "dit werk is overgenomen door een andere instantie".into(),
        ))
    }
}

/// Work of the gemeente that is not done yet, of the kinds that start with
/// one of `prefixen` (e.g. `koppeling:`, `brief:`), oldest first: what
/// functioneel beheer watches.
pub async fn openstaand(db: &Db, scope: &Scope, prefixen: &[&str]) -> Result<Vec<WerkItem>> {
    if prefixen.is_empty() {
        return Ok(Vec::new());
    }
    let soorten: Vec<String> = (0..prefixen.len())
        .map(|i| format!("soort LIKE ${}", i + 2))
        .collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM werk WHERE gemeente_code = $1 AND status <> 'klaar' AND ({}) ORDER BY volgende_poging LIMIT 500",
        soorten.join(" OR ")
    );
    let mut q = sqlx::query(&sql).bind(scope.gemeente.as_str());
    for p in prefixen {
        q = q.bind(format!("{p}%"));
    }
    let rows = q.fetch_all(db.pool()).await?;
    rows.iter().map(from_row).collect()
}

/// The work of one zaak, to show what is pending and why.
pub async fn voor_zaak(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Vec<WerkItem>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM werk WHERE zaak_id = $1 AND gemeente_code = $2 ORDER BY soort"
    ))
    .bind(zaak_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StoredSnapshot {
    pub bron: String,
    pub inhoud: serde_json::Value,
    pub herkomst: serde_json::Value,
    pub opgehaald_op: String,
}

pub async fn snapshots(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Vec<StoredSnapshot>> {
    let rows = sqlx::query("SELECT bron, inhoud, herkomst, opgehaald_op FROM bron_snapshots WHERE zaak_id = $1 AND gemeente_code = $2 ORDER BY bron, opgehaald_op")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            let inhoud: String = r.try_get("inhoud")?;
            let herkomst: String = r.try_get("herkomst")?;
            Ok(StoredSnapshot {
                bron: r.try_get("bron")?,
                inhoud: serde_json::from_str(&inhoud).unwrap_or(serde_json::Value::Null),
                herkomst: serde_json::from_str(&herkomst).unwrap_or(serde_json::Value::Null),
                opgehaald_op: r.try_get("opgehaald_op")?,
            })
        })
        .collect()
}

/// The newest pre-assessment of a zaak.
pub async fn beoordeling(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
) -> Result<Option<serde_json::Value>> {
    let row = sqlx::query("SELECT uitkomst FROM beoordelingen WHERE zaak_id = $1 AND gemeente_code = $2 ORDER BY created_at DESC LIMIT 1")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(db.pool())
        .await?;
    Ok(row
        .map(|r| r.try_get::<String, _>("uitkomst"))
        .transpose()?
        .and_then(|s| serde_json::from_str(&s).ok()))
}

/// For the worker: the gemeente and resident of an item's zaak.
pub async fn zaak_context(
    db: &Db,
    item: &WerkItem,
) -> Result<(GemeenteCode, Bsn, serde_json::Value, String)> {
    let row = sqlx::query("SELECT gemeente_code, bsn, aanvraag, zaaktype FROM zaken WHERE id = $1")
        .bind(&item.zaak_id)
        .fetch_one(db.pool())
        .await?;
    let aanvraag: String = row.try_get("aanvraag")?;
    Ok((
        GemeenteCode::parse(&row.try_get::<String, _>("gemeente_code")?)?,
        Bsn::parse(&row.try_get::<String, _>("bsn")?)?,
        serde_json::from_str(&aanvraag).unwrap_or(serde_json::Value::Null),
        row.try_get("zaaktype")?,
    ))
}

/// Try the waiting work of a zaak now instead of after its pause (a staff
/// member who knows a register is back).
pub async fn retry_now(db: &Db, scope: &Scope, zaak_id: &str) -> Result<u64> {
    let mut tx = db.begin().await?;
    let n = sqlx::query("UPDATE werk SET volgende_poging = $1 WHERE zaak_id = $2 AND gemeente_code = $3 AND status = 'wachtend'")
        .bind(now_utc())
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .execute(tx.conn())
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(n)
}

/// Put a task for a person (functioneel beheer) on a zaak: an item of kind
/// `soort` with status `taak` and the reason, which the background worker
/// never takes; shown with the open work ([`openstaand`]) until
/// [`sluit_taak`]. A task that is there already gets the new reason.
pub async fn meld_taak(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    soort: &str,
    reden: &str,
) -> Result<()> {
    let nu = now_utc();
    sqlx::query(
        "INSERT INTO werk (id, gemeente_code, zaak_id, soort, status, pogingen, volgende_poging, laatste_fout, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'taak', 0, $5, $6, $5, $5) \
         ON CONFLICT (zaak_id, soort) DO UPDATE SET status = 'taak', laatste_fout = $6, updated_at = $5",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .bind(soort)
    .bind(&nu)
    .bind(reden)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The task of kind `soort` on a zaak is resolved. Whether there was one.
pub async fn sluit_taak(db: &Db, scope: &Scope, zaak_id: &str, soort: &str) -> Result<bool> {
    let n = sqlx::query(
        "UPDATE werk SET status = 'klaar', updated_at = $1 \
         WHERE zaak_id = $2 AND gemeente_code = $3 AND soort = $4 AND status = 'taak'",
    )
    .bind(now_utc())
    .bind(zaak_id)
    .bind(scope.gemeente.as_str())
    .bind(soort)
    .execute(db.pool())
    .await?
    .rows_affected();
    Ok(n == 1)
}

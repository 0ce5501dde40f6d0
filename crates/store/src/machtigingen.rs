//! Machtigingen: who may act for another resident in the portal.
//!
//! A helper (gemachtigde) asks in the portal to act for someone (the
//! vertegenwoordigde). That is only a request: nothing of the other person is
//! shown, and the answer is the same whether the BSN exists or not. Staff
//! check it outside GBI (a signed machtiging, a call to the person) and
//! confirm or refuse it; only a confirmed (geverifieerd) machtiging gives the
//! helper access. The represented person is told in their inbox at every
//! step. Awb art. 2:1.

use crate::db::{Db, Tx};
use crate::logboek::{self, Handeling, MACHTIGING_VASTLEGGEN};
use crate::zaken::{Melding, add_melding};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::Bsn;
use serde::Serialize;
use sqlx::Row;

/// How many requests one helper may have waiting at a time: enough for a
/// family, too few to try out BSNs.
pub const MAX_OPEN_VERZOEKEN: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MachtigingStatus {
    /// Asked by the helper; not checked yet. Gives no access.
    Aangevraagd,
    /// Checked and confirmed by staff. Gives access.
    Geverifieerd,
    /// Refused (or withdrawn) by staff. Gives no access.
    Geweigerd,
}

impl MachtigingStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Aangevraagd => "aangevraagd",
            Self::Geverifieerd => "geverifieerd",
            Self::Geweigerd => "geweigerd",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "aangevraagd" => Ok(Self::Aangevraagd),
            "geverifieerd" => Ok(Self::Geverifieerd),
            "geweigerd" => Ok(Self::Geweigerd),
            other => Err(StoreError::Corrupt(format!(
                "onbekende machtigingstatus {other}"
            ))),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Machtiging {
    pub id: String,
    pub vertegenwoordigde_bsn: Bsn,
    pub gemachtigde_bsn: Bsn,
    pub gemachtigde_naam: String,
    pub relatie: String,
    pub status: MachtigingStatus,
    /// The staff member who confirmed or refused it.
    pub beoordeeld_door: Option<String>,
    pub beoordeeld_at: Option<String>,
    /// How staff checked it, or why they refused.
    pub toelichting: Option<String>,
    pub created_at: String,
}

const COLUMNS: &str = "id, vertegenwoordigde_bsn, gemachtigde_bsn, gemachtigde_naam, relatie, status, \
    beoordeeld_door, beoordeeld_at, toelichting, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Machtiging> {
    Ok(Machtiging {
        id: r.try_get("id")?,
        vertegenwoordigde_bsn: Bsn::parse(&r.try_get::<String, _>("vertegenwoordigde_bsn")?)?,
        gemachtigde_bsn: Bsn::parse(&r.try_get::<String, _>("gemachtigde_bsn")?)?,
        gemachtigde_naam: r.try_get("gemachtigde_naam")?,
        relatie: r.try_get("relatie")?,
        status: MachtigingStatus::parse(&r.try_get::<String, _>("status")?)?,
        beoordeeld_door: r.try_get("beoordeeld_door")?,
        beoordeeld_at: r.try_get("beoordeeld_at")?,
        toelichting: r.try_get("toelichting")?,
        created_at: r.try_get("created_at")?,
    })
}

/// What became of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verzoek {
    /// Stored; the represented person was told.
    Vastgelegd,
    /// The helper asked for this person before (waiting or confirmed).
    AlBekend,
    /// The helper has too many requests waiting.
    TeVeel,
}

/// A helper asks to act for `voor`. Stores the request and tells `voor` in
/// their inbox; shows nothing about `voor`, and answers the same whether
/// anyone with that BSN exists.
pub async fn verzoeken(
    db: &Db,
    scope: &Scope,
    voor: &Bsn,
    gemachtigde: &Bsn,
    gemachtigde_naam: &str,
    relatie: &str,
) -> Result<Verzoek> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let bekend: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM machtigingen WHERE gemeente_code = $1 AND gemachtigde_bsn = $2 \
         AND vertegenwoordigde_bsn = $3 AND status IN ('aangevraagd', 'geverifieerd')",
    )
    .bind(scope.gemeente.as_str())
    .bind(gemachtigde.as_str())
    .bind(voor.as_str())
    .fetch_one(tx.conn())
    .await?
    .try_get("n")?;
    if bekend > 0 {
        return Ok(Verzoek::AlBekend);
    }
    let open: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM machtigingen WHERE gemeente_code = $1 AND gemachtigde_bsn = $2 \
         AND status = 'aangevraagd'",
    )
    .bind(scope.gemeente.as_str())
    .bind(gemachtigde.as_str())
    .fetch_one(tx.conn())
    .await?
    .try_get("n")?;
    if open >= MAX_OPEN_VERZOEKEN {
        return Ok(Verzoek::TeVeel);
    }
    sqlx::query(&format!(
        "INSERT INTO machtigingen (gemeente_code, updated_at, {COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'aangevraagd', NULL, NULL, NULL, $2)"
    ))
    .bind(scope.gemeente.as_str())
    .bind(&start)
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(voor.as_str())
    .bind(gemachtigde.as_str())
    .bind(gemachtigde_naam)
    .bind(relatie)
    .execute(tx.conn())
    .await?;
    let melding = Melding {
        onderwerp: "Iemand wil namens u handelen".into(),
        tekst: format!(
            "{gemachtigde_naam} heeft ons gevraagd om namens u te mogen handelen, bijvoorbeeld om bijstand voor u aan te vragen. \
             {gemachtigde_naam} schreef dat hij of zij uw {relatie} is. Wij controleren dit eerst. Tot dan ziet {gemachtigde_naam} niets van u. \
             Kent u deze persoon niet, of wilt u dit niet? Bel ons dan."
        ),
        email: None,
        mail_onderwerp: String::new(),
        mail_tekst: String::new(),
    };
    add_melding(&mut tx, scope, voor, None, &melding).await?;
    log_both(
        &mut tx,
        scope,
        Handeling::Schrijven,
        voor,
        gemachtigde,
        "machtiging verzoeken",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Verzoek::Vastgelegd)
}

async fn log_both(
    tx: &mut Tx,
    scope: &Scope,
    handeling: Handeling,
    voor: &Bsn,
    gemachtigde: &Bsn,
    operation: &str,
    start: &str,
) -> Result<()> {
    let betrokkenen = [
        logboek::subject_hash(&tx.keys.subject, voor),
        logboek::subject_hash(&tx.keys.subject, gemachtigde),
    ];
    logboek::record_many(
        tx,
        scope,
        &MACHTIGING_VASTLEGGEN,
        handeling,
        operation,
        &betrokkenen,
        start,
    )
    .await?;
    Ok(())
}

/// The requests of one helper, newest first (their own portal page), logged
/// as read for each person they are about.
pub async fn van_gemachtigde(db: &Db, scope: &Scope, gemachtigde: &Bsn) -> Result<Vec<Machtiging>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM machtigingen WHERE gemeente_code = $1 AND gemachtigde_bsn = $2 \
         ORDER BY created_at DESC LIMIT 50"
    ))
    .bind(scope.gemeente.as_str())
    .bind(gemachtigde.as_str())
    .fetch_all(tx.conn())
    .await?;
    let lijst = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    log_read(
        &mut tx,
        scope,
        &lijst,
        "machtigingen van gemachtigde",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(lijst)
}

async fn log_read(
    tx: &mut Tx,
    scope: &Scope,
    lijst: &[Machtiging],
    operation: &str,
    start: &str,
) -> Result<()> {
    let mut betrokkenen: Vec<String> = lijst
        .iter()
        .flat_map(|m| [&m.vertegenwoordigde_bsn, &m.gemachtigde_bsn])
        .map(|b| logboek::subject_hash(&tx.keys.subject, b))
        .collect();
    betrokkenen.sort();
    betrokkenen.dedup();
    logboek::record_many(
        tx,
        scope,
        &MACHTIGING_VASTLEGGEN,
        Handeling::Lezen,
        operation,
        &betrokkenen,
        start,
    )
    .await?;
    Ok(())
}

/// One request of this helper (any status), if it is theirs; logged as read.
pub async fn van_gemachtigde_een(
    db: &Db,
    scope: &Scope,
    id: &str,
    gemachtigde: &Bsn,
) -> Result<Option<Machtiging>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM machtigingen WHERE id = $1 AND gemeente_code = $2 AND gemachtigde_bsn = $3"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .bind(gemachtigde.as_str())
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let m = from_row(&row)?;
    log_read(
        &mut tx,
        scope,
        std::slice::from_ref(&m),
        "machtiging van gemachtigde",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(m))
}

/// The confirmed machtiging under which `gemachtigde` may act for `voor`, if
/// there is one. Only this gives access to the other person's data.
pub async fn geldig(
    db: &Db,
    scope: &Scope,
    gemachtigde: &Bsn,
    voor: &Bsn,
) -> Result<Option<Machtiging>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM machtigingen WHERE gemeente_code = $1 AND gemachtigde_bsn = $2 \
         AND vertegenwoordigde_bsn = $3 AND status = 'geverifieerd' ORDER BY beoordeeld_at DESC LIMIT 1"
    ))
    .bind(scope.gemeente.as_str())
    .bind(gemachtigde.as_str())
    .bind(voor.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| from_row(&r)).transpose()
}

/// The requests of the gemeente for staff: waiting ones first (oldest
/// first), then the most recently decided. Logged as read.
pub async fn lijst(db: &Db, scope: &Scope, limit: i64) -> Result<Vec<Machtiging>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM machtigingen WHERE gemeente_code = $1 \
         ORDER BY CASE WHEN status = 'aangevraagd' THEN 0 ELSE 1 END, \
         CASE WHEN status = 'aangevraagd' THEN created_at END, updated_at DESC LIMIT $2"
    ))
    .bind(scope.gemeente.as_str())
    .bind(limit.clamp(1, 500))
    .fetch_all(tx.conn())
    .await?;
    let lijst = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    log_read(&mut tx, scope, &lijst, "GET /werkplek/machtigingen", &start).await?;
    tx.commit().await?;
    Ok(lijst)
}

/// What staff decide after checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beoordeling {
    Bevestigen,
    /// Refuse a waiting request, or withdraw a confirmed one.
    Weigeren,
}

/// Staff confirm or refuse a request (or withdraw a confirmed machtiging),
/// with how they checked it; both persons are told in their inbox.
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    id: &str,
    besluit: Beoordeling,
    medewerker_id: &str,
    toelichting: &str,
) -> Result<Machtiging> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM machtigingen WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    let m = from_row(&row)?;
    let nieuw = match (m.status, besluit) {
        (MachtigingStatus::Aangevraagd, Beoordeling::Bevestigen) => MachtigingStatus::Geverifieerd,
        (MachtigingStatus::Aangevraagd | MachtigingStatus::Geverifieerd, Beoordeling::Weigeren) => {
            MachtigingStatus::Geweigerd
        }
        _ => {
            return Err(StoreError::Conflict(
                "over dit verzoek is al beslist".into(),
            ));
        }
    };
    sqlx::query(
        "UPDATE machtigingen SET status = $1, beoordeeld_door = $2, beoordeeld_at = $3, toelichting = $4, updated_at = $3 \
         WHERE id = $5 AND gemeente_code = $6 AND status = $7",
    )
    .bind(nieuw.code())
    .bind(medewerker_id)
    .bind(&start)
    .bind(toelichting)
    .bind(id)
    .bind(scope.gemeente.as_str())
    .bind(m.status.code())
    .execute(tx.conn())
    .await?;
    let naam = &m.gemachtigde_naam;
    let (voor, helper) = match (m.status, nieuw) {
        (_, MachtigingStatus::Geverifieerd) => (
            format!(
                "Wij hebben gecontroleerd dat {naam} namens u mag handelen. {naam} kan nu een aanvraag voor u invullen en ziet de aanvragen die hij of zij voor u doet. \
                 Wilt u dit niet meer? Bel ons dan."
            ),
            "Wij hebben uw verzoek bevestigd. U kunt nu de aanvraag invullen. Ga naar Iemand anders helpen."
                .to_owned(),
        ),
        (MachtigingStatus::Geverifieerd, _) => (
            format!(
                "{naam} mag niet meer namens u handelen. {naam} ziet vanaf nu geen gegevens meer van u."
            ),
            "U mag niet meer namens de persoon handelen voor wie u dat had gevraagd. Heeft u vragen? Bel ons."
                .to_owned(),
        ),
        _ => (
            format!(
                "{naam} vroeg of hij of zij namens u mocht handelen. Dat hebben wij niet bevestigd. {naam} ziet geen gegevens van u."
            ),
            "Wij hebben uw verzoek om iemand anders te helpen niet bevestigd. Heeft u vragen? Bel ons."
                .to_owned(),
        ),
    };
    for (bsn, tekst) in [
        (&m.vertegenwoordigde_bsn, voor),
        (&m.gemachtigde_bsn, helper),
    ] {
        let melding = Melding {
            onderwerp: "Machtiging".into(),
            tekst,
            email: None,
            mail_onderwerp: String::new(),
            mail_tekst: String::new(),
        };
        add_melding(&mut tx, scope, bsn, None, &melding).await?;
    }
    log_both(
        &mut tx,
        scope,
        Handeling::Schrijven,
        &m.vertegenwoordigde_bsn,
        &m.gemachtigde_bsn,
        "POST /werkplek/machtigingen/{machtiging_id}",
        &start,
    )
    .await?;
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM machtigingen WHERE id = $1"))
        .bind(id)
        .fetch_one(tx.conn())
        .await?;
    let m = from_row(&row)?;
    tx.commit().await?;
    Ok(m)
}

/// Who asked, or may, act for `voor`: the requests waiting and the
/// confirmed machtigingen, for the person's own portal page. Logged as read.
pub async fn voor_vertegenwoordigde(db: &Db, scope: &Scope, voor: &Bsn) -> Result<Vec<Machtiging>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM machtigingen WHERE gemeente_code = $1 AND vertegenwoordigde_bsn = $2 \
         AND status IN ('aangevraagd', 'geverifieerd') ORDER BY created_at DESC LIMIT 50"
    ))
    .bind(scope.gemeente.as_str())
    .bind(voor.as_str())
    .fetch_all(tx.conn())
    .await?;
    let lijst = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    log_read(
        &mut tx,
        scope,
        &lijst,
        "machtigingen voor vertegenwoordigde",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(lijst)
}

/// The represented person says no: a waiting request is refused, a
/// confirmed machtiging withdrawn, at once. The helper is told.
pub async fn intrekken_door_vertegenwoordigde(
    db: &Db,
    scope: &Scope,
    id: &str,
    voor: &Bsn,
) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM machtigingen WHERE id = $1 AND gemeente_code = $2 AND vertegenwoordigde_bsn = $3 \
         AND status IN ('aangevraagd', 'geverifieerd')"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .bind(voor.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    let m = from_row(&row)?;
    sqlx::query(
        "UPDATE machtigingen SET status = 'geweigerd', beoordeeld_door = 'inwoner', beoordeeld_at = $1, \
         toelichting = 'De inwoner wil dit zelf niet', updated_at = $1 WHERE id = $2 AND gemeente_code = $3",
    )
    .bind(&start)
    .bind(id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    let melding = Melding {
        onderwerp: "Machtiging".into(),
        tekst: "De persoon voor wie u wilde handelen, wil dat niet. U kunt niets meer voor deze persoon doen en ziet geen gegevens van hem of haar."
            .into(),
        email: None,
        mail_onderwerp: String::new(),
        mail_tekst: String::new(),
    };
    add_melding(&mut tx, scope, &m.gemachtigde_bsn, None, &melding).await?;
    log_both(
        &mut tx,
        scope,
        Handeling::Schrijven,
        &m.vertegenwoordigde_bsn,
        &m.gemachtigde_bsn,
        "POST /portaal/machtiging/{machtiging_id}/intrekken",
        &start,
    )
    .await?;
    tx.commit().await
}

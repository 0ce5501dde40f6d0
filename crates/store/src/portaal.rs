//! The resident portal's data: resident sessions, drafts (concepten) of
//! applications, and the inbox (berichten).

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::time::utc_in;
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, GemeenteCode};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// How long a resident stays logged in: 30 minutes, as DigiD sessions.
pub const INWONER_SESSION_SECONDS: i64 = 30 * 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InwonerSessie {
    pub gemeente_code: GemeenteCode,
    /// The resident whose portal this is (the one represented, when
    /// someone acts for them).
    pub bsn: Bsn,
    pub naam: String,
    /// Who acts for the resident, if not the resident themselves.
    pub vertegenwoordiger: Option<Vertegenwoordiger>,
}

/// Someone acting for a resident, as their login established it (never on
/// their own word): a gemachtigde with DigiD Machtigen, or an organisation
/// such as a bewindvoerder's office with eHerkenning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vertegenwoordiger {
    /// DigiD Machtigen: the gemachtigde's own BSN.
    DigidMachtigen { gemachtigde: Bsn },
    /// eHerkenning: the organisation (KvK number or RSIN) and the opaque
    /// id of the employee who acts.
    Eherkenning {
        organisatie: String,
        medewerker: String,
    },
}

impl Vertegenwoordiger {
    /// (soort, id, organisatie) as stored with the session.
    fn kolommen(&self) -> (&'static str, &str, Option<&str>) {
        match self {
            Vertegenwoordiger::DigidMachtigen { gemachtigde } => {
                ("digid_machtigen", gemachtigde.as_str(), None)
            }
            Vertegenwoordiger::Eherkenning {
                organisatie,
                medewerker,
            } => ("eherkenning", medewerker, Some(organisatie)),
        }
    }

    fn uit_kolommen(
        soort: Option<String>,
        id: Option<String>,
        organisatie: Option<String>,
    ) -> Result<Option<Self>> {
        match (soort.as_deref(), id, organisatie) {
            (None, ..) => Ok(None),
            (Some("digid_machtigen"), Some(id), _) => Ok(Some(Vertegenwoordiger::DigidMachtigen {
                gemachtigde: Bsn::parse(&id)?,
            })),
            (Some("eherkenning"), Some(medewerker), Some(organisatie)) => {
                Ok(Some(Vertegenwoordiger::Eherkenning {
                    organisatie,
                    medewerker,
                }))
            }
            (Some(s), ..) => Err(StoreError::Corrupt(format!(
                "inwoner_sessies: vertegenwoordiger {s} onvolledig of onbekend"
            ))),
        }
    }
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    use rand::RngCore;
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// Open a session for a resident whose identity was established by the
/// login (DigiD, or the demo login), and for `door` when someone else acts
/// for them. Returns the token for the cookie.
pub async fn inwoner_login(
    db: &Db,
    gemeente: &GemeenteCode,
    bsn: &Bsn,
    naam: &str,
    door: Option<&Vertegenwoordiger>,
) -> Result<String> {
    let (soort, id, organisatie) = match door.map(Vertegenwoordiger::kolommen) {
        Some((s, i, o)) => (Some(s), Some(i), o),
        None => (None, None, None),
    };
    let token = new_token();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM inwoner_sessies WHERE expires_at < $1")
        .bind(now_utc())
        .execute(tx.conn())
        .await?;
    sqlx::query("INSERT INTO inwoner_sessies (token_hash, gemeente_code, bsn, naam, created_at, expires_at, \
                 vertegenwoordiger_soort, vertegenwoordiger_id, vertegenwoordiger_organisatie) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(token_hash(&token))
        .bind(gemeente.as_str())
        .bind(bsn.as_str())
        .bind(naam)
        .bind(now_utc())
        .bind(utc_in(INWONER_SESSION_SECONDS))
        .bind(soort)
        .bind(id)
        .bind(organisatie)
        .execute(tx.conn())
        .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn inwoner_by_session(db: &Db, token: &str) -> Result<Option<InwonerSessie>> {
    let row = sqlx::query("SELECT gemeente_code, bsn, naam, vertegenwoordiger_soort, vertegenwoordiger_id, vertegenwoordiger_organisatie \
                           FROM inwoner_sessies WHERE token_hash = $1 AND expires_at > $2")
        .bind(token_hash(token))
        .bind(now_utc())
        .fetch_optional(db.pool())
        .await?;
    row.map(|r| {
        Ok(InwonerSessie {
            gemeente_code: GemeenteCode::parse(&r.try_get::<String, _>("gemeente_code")?)?,
            bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
            naam: r.try_get("naam")?,
            vertegenwoordiger: Vertegenwoordiger::uit_kolommen(
                r.try_get("vertegenwoordiger_soort")?,
                r.try_get("vertegenwoordiger_id")?,
                r.try_get("vertegenwoordiger_organisatie")?,
            )?,
        })
    })
    .transpose()
}

pub async fn inwoner_logout(db: &Db, token: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM inwoner_sessies WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(tx.conn())
        .await?;
    tx.commit().await
}

/// A draft application: the answers so far, kept across visits and restarts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Concept {
    pub id: String,
    pub gemeente_code: String,
    pub bsn: Bsn,
    pub zaaktype: String,
    pub antwoorden: serde_json::Value,
    pub kanaal: String,
    pub gemachtigde_bsn: Option<Bsn>,
    pub zaak_id: Option<String>,
    pub versie: i64,
    pub created_at: String,
    pub updated_at: String,
}

const CONCEPT_COLUMNS: &str = "id, gemeente_code, bsn, zaaktype, antwoorden, kanaal, gemachtigde_bsn, zaak_id, versie, created_at, updated_at";

fn concept_from_row(r: &sqlx::any::AnyRow) -> Result<Concept> {
    let antwoorden: String = r.try_get("antwoorden")?;
    let gemachtigde: Option<String> = r.try_get("gemachtigde_bsn")?;
    Ok(Concept {
        id: r.try_get("id")?,
        gemeente_code: r.try_get("gemeente_code")?,
        bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
        zaaktype: r.try_get("zaaktype")?,
        antwoorden: serde_json::from_str(&antwoorden)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        kanaal: r.try_get("kanaal")?,
        gemachtigde_bsn: gemachtigde.map(|g| Bsn::parse(&g)).transpose()?,
        zaak_id: r.try_get("zaak_id")?,
        versie: r.try_get("versie")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// The resident's own open (not yet submitted) portal draft of a zaaktype,
/// if any: not one staff started (telefoon, balie, papier), not one a
/// gemachtigde fills in for them.
pub async fn open_concept(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    zaaktype: &str,
) -> Result<Option<Concept>> {
    let row = sqlx::query(&format!(
        "SELECT {CONCEPT_COLUMNS} FROM concepten WHERE gemeente_code = $1 AND bsn = $2 AND zaaktype = $3 AND zaak_id IS NULL \
         AND kanaal = 'digitaal' AND gemachtigde_bsn IS NULL ORDER BY created_at DESC LIMIT 1"
    ))
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .bind(zaaktype)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| concept_from_row(&r)).transpose()
}

/// The open portal draft a gemachtigde fills in for `voor`, if any.
pub async fn open_concept_als_gemachtigde(
    db: &Db,
    scope: &Scope,
    voor: &Bsn,
    gemachtigde: &Bsn,
    zaaktype: &str,
) -> Result<Option<Concept>> {
    let row = sqlx::query(&format!(
        "SELECT {CONCEPT_COLUMNS} FROM concepten WHERE gemeente_code = $1 AND bsn = $2 AND zaaktype = $3 AND zaak_id IS NULL \
         AND kanaal = 'digitaal' AND gemachtigde_bsn = $4 ORDER BY created_at DESC LIMIT 1"
    ))
    .bind(scope.gemeente.as_str())
    .bind(voor.as_str())
    .bind(zaaktype)
    .bind(gemachtigde.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| concept_from_row(&r)).transpose()
}

/// Start a draft. `gemachtigde` is the helper who fills it in for the
/// resident, if any.
pub async fn create_concept(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    zaaktype: &str,
    kanaal: &str,
    gemachtigde: Option<&Bsn>,
    antwoorden: &serde_json::Value,
) -> Result<Concept> {
    let start = now_utc();
    let id = uuid::Uuid::new_v4().to_string();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO concepten (id, gemeente_code, bsn, zaaktype, antwoorden, kanaal, gemachtigde_bsn, versie, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .bind(zaaktype)
    .bind(antwoorden.to_string())
    .bind(kanaal)
    .bind(gemachtigde.map(|g| g.as_str().to_owned()))
    .bind(&start)
    .execute(tx.conn())
    .await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::AANVRAAG_INVULLEN,
        Handeling::Schrijven,
        bsn,
        "concept aanmaken",
        &start,
    )
    .await?;
    let row = sqlx::query(&format!(
        "SELECT {CONCEPT_COLUMNS} FROM concepten WHERE id = $1"
    ))
    .bind(&id)
    .fetch_one(tx.conn())
    .await?;
    let c = concept_from_row(&row)?;
    tx.commit().await?;
    Ok(c)
}

/// A draft of the scope's gemeente, logged as read.
pub async fn get_concept(
    db: &Db,
    scope: &Scope,
    id: &str,
    operation: &str,
) -> Result<Option<Concept>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {CONCEPT_COLUMNS} FROM concepten WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let c = concept_from_row(&row)?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::AANVRAAG_INVULLEN,
        Handeling::Lezen,
        &c.bsn,
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(c))
}

/// Store the answers of a draft that is not yet submitted.
pub async fn save_concept(
    db: &Db,
    scope: &Scope,
    id: &str,
    antwoorden: &serde_json::Value,
    operation: &str,
) -> Result<Concept> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {CONCEPT_COLUMNS} FROM concepten WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    let current = concept_from_row(&row)?;
    if current.zaak_id.is_some() {
        return Err(StoreError::Conflict("deze aanvraag is al ingediend".into()));
    }
    sqlx::query("UPDATE concepten SET antwoorden = $1, versie = versie + 1, updated_at = $2 WHERE id = $3 AND gemeente_code = $4")
        .bind(antwoorden.to_string())
        .bind(now_utc())
        .bind(id)
        .bind(scope.gemeente.as_str())
        .execute(tx.conn())
        .await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::AANVRAAG_INVULLEN,
        Handeling::Schrijven,
        &current.bsn,
        operation,
        &start,
    )
    .await?;
    let row = sqlx::query(&format!(
        "SELECT {CONCEPT_COLUMNS} FROM concepten WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(tx.conn())
    .await?;
    let c = concept_from_row(&row)?;
    tx.commit().await?;
    Ok(c)
}

/// Open drafts of a resident, by BSN, of every channel: the werkplek opens
/// only those staff started (telefoon, balie, papier) and says that the
/// others exist.
pub async fn open_concepten_voor(db: &Db, scope: &Scope, bsn: &Bsn) -> Result<Vec<Concept>> {
    let rows = sqlx::query(&format!(
        "SELECT {CONCEPT_COLUMNS} FROM concepten WHERE gemeente_code = $1 AND bsn = $2 AND zaak_id IS NULL ORDER BY created_at DESC"
    ))
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(concept_from_row).collect()
}

/// A message in the resident's inbox.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Bericht {
    pub id: String,
    pub zaak_id: Option<String>,
    pub onderwerp: String,
    pub tekst: String,
    pub document_id: Option<String>,
    pub gelezen: bool,
    pub created_at: String,
}

/// The inbox of a resident, newest first.
pub async fn berichten(db: &Db, scope: &Scope, bsn: &Bsn) -> Result<Vec<Bericht>> {
    let rows = sqlx::query(
        "SELECT id, zaak_id, onderwerp, tekst, document_id, gelezen, created_at FROM berichten \
         WHERE gemeente_code = $1 AND bsn = $2 ORDER BY created_at DESC",
    )
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Bericht {
                id: r.try_get("id")?,
                zaak_id: r.try_get("zaak_id")?,
                onderwerp: r.try_get("onderwerp")?,
                tekst: r.try_get("tekst")?,
                document_id: r.try_get("document_id")?,
                gelezen: r.try_get::<i64, _>("gelezen")? != 0,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}

/// Mark the resident's messages as read, once they have seen the inbox.
pub async fn berichten_gelezen(db: &Db, scope: &Scope, bsn: &Bsn) -> Result<()> {
    sqlx::query(
        "UPDATE berichten SET gelezen = 1 WHERE gemeente_code = $1 AND bsn = $2 AND gelezen = 0",
    )
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .execute(db.pool())
    .await?;
    Ok(())
}

//! Zaken: applications from submission to archive, with their status
//! history, rollen, tasks, and what is sent to the resident.

use crate::db::{Db, Tx};
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, TaakSoort, TaakVoor, ZaakStatus};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Zaak {
    pub id: String,
    pub gemeente_code: String,
    pub identificatie: String,
    pub zaaktype: String,
    pub bsn: Bsn,
    pub kanaal: String,
    pub status: ZaakStatus,
    pub registratiedatum: String,
    /// The beslistermijn as JSON (`gbi_zaken::Termijn`).
    pub termijn: String,
    pub zoektermijn_einde: Option<String>,
    pub voorschot_uiterlijk: Option<String>,
    pub aanvraag: serde_json::Value,
    pub concept_id: String,
    pub resultaat: Option<String>,
    pub einddatum: Option<String>,
    pub versie: i64,
    pub created_at: String,
    pub updated_at: String,
    /// The staff member who has claimed the zaak.
    pub behandelaar_id: Option<String>,
    /// The deadline as last computed, for ordering the work queue.
    pub uiterste_datum: Option<String>,
}

pub(crate) const COLUMNS: &str = "id, gemeente_code, identificatie, zaaktype, bsn, kanaal, status, registratiedatum, termijn, \
    zoektermijn_einde, voorschot_uiterlijk, aanvraag, concept_id, resultaat, einddatum, versie, created_at, updated_at, \
    behandelaar_id, uiterste_datum";

pub(crate) fn from_row(r: &sqlx::any::AnyRow) -> Result<Zaak> {
    let aanvraag: String = r.try_get("aanvraag")?;
    Ok(Zaak {
        id: r.try_get("id")?,
        gemeente_code: r.try_get("gemeente_code")?,
        identificatie: r.try_get("identificatie")?,
        zaaktype: r.try_get("zaaktype")?,
        bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
        kanaal: r.try_get("kanaal")?,
        status: ZaakStatus::parse(&r.try_get::<String, _>("status")?)?,
        registratiedatum: r.try_get("registratiedatum")?,
        termijn: r.try_get("termijn")?,
        zoektermijn_einde: r.try_get("zoektermijn_einde")?,
        voorschot_uiterlijk: r.try_get("voorschot_uiterlijk")?,
        aanvraag: serde_json::from_str(&aanvraag)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        concept_id: r.try_get("concept_id")?,
        resultaat: r.try_get("resultaat")?,
        einddatum: r.try_get("einddatum")?,
        versie: r.try_get("versie")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        behandelaar_id: r.try_get("behandelaar_id")?,
        uiterste_datum: r.try_get("uiterste_datum")?,
    })
}

pub struct NieuweRol {
    pub roltype: &'static str,
    pub bsn: Option<Bsn>,
    pub medewerker_id: Option<String>,
    pub naam: String,
    pub toelichting: Option<String>,
}

pub struct NieuweTaak {
    pub voor: TaakVoor,
    pub soort: TaakSoort,
    pub titel: String,
    pub toelichting: Option<String>,
    pub deadline: Option<String>,
}

/// A message for the resident's inbox and, when `email` is set, a
/// notification e-mail (the e-mail carries no personal data).
pub struct Melding {
    pub onderwerp: String,
    pub tekst: String,
    pub email: Option<String>,
    pub mail_onderwerp: String,
    pub mail_tekst: String,
}

pub struct NieuweZaak {
    pub concept_id: String,
    pub zaaktype: &'static str,
    pub kanaal: String,
    pub status: ZaakStatus,
    pub registratiedatum: String,
    pub jaar: i32,
    pub termijn: String,
    /// The deadline as of submission, kept for ordering the work queue.
    pub uiterste_datum: String,
    pub zoektermijn_einde: Option<String>,
    pub voorschot_uiterlijk: Option<String>,
    pub rollen: Vec<NieuweRol>,
    pub taken: Vec<NieuweTaak>,
    /// Background work to do, by kind (e.g. `bron:brp`).
    pub werk: Vec<String>,
    pub melding: Option<Melding>,
    /// The choice made at the end of the application: decisions only
    /// online (consent, Awb art. 2:14) or also on paper; `None`: no choice.
    pub toestemming_elektronisch: Option<bool>,
}

/// Submit a draft: in one transaction the zaak, its first status, rollen,
/// tasks, the documents of the draft, the background work and the message
/// to the resident. Submitting the same draft again returns the zaak that
/// exists (`false` as second value) and changes nothing.
pub async fn indienen(db: &Db, scope: &Scope, n: NieuweZaak) -> Result<(Zaak, bool)> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let concept = sqlx::query(
        "SELECT bsn, antwoorden, zaak_id FROM concepten WHERE id = $1 AND gemeente_code = $2",
    )
    .bind(&n.concept_id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    if let Some(existing) = concept.try_get::<Option<String>, _>("zaak_id")? {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM zaken WHERE id = $1"))
            .bind(existing)
            .fetch_one(tx.conn())
            .await?;
        return Ok((from_row(&row)?, false));
    }
    let bsn = Bsn::parse(&concept.try_get::<String, _>("bsn")?)?;
    let antwoorden: String = concept.try_get("antwoorden")?;
    let nummer: i64 = sqlx::query(
        "INSERT INTO zaaknummers (gemeente_code, jaar, laatste) VALUES ($1, $2, 1) \
         ON CONFLICT (gemeente_code, jaar) DO UPDATE SET laatste = zaaknummers.laatste + 1 RETURNING laatste",
    )
    .bind(scope.gemeente.as_str())
    .bind(i64::from(n.jaar))
    .fetch_one(tx.conn())
    .await?
    .try_get("laatste")?;
    let identificatie = format!("{}-{}-{}-{nummer:06}", n.zaaktype, scope.gemeente, n.jaar);
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(&format!(
        "INSERT INTO zaken ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, NULL, 1, $14, $14, NULL, $15)"
    ))
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(&identificatie)
    .bind(n.zaaktype)
    .bind(bsn.as_str())
    .bind(&n.kanaal)
    .bind(n.status.code())
    .bind(&n.registratiedatum)
    .bind(&n.termijn)
    .bind(&n.zoektermijn_einde)
    .bind(&n.voorschot_uiterlijk)
    .bind(&antwoorden)
    .bind(&n.concept_id)
    .bind(&start)
    .bind(&n.uiterste_datum)
    .execute(tx.conn())
    .await?;
    add_status(&mut tx, scope, &id, n.status, None).await?;
    for r in &n.rollen {
        sqlx::query(
            "INSERT INTO zaak_rollen (id, gemeente_code, zaak_id, roltype, bsn, medewerker_id, naam, toelichting, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(scope.gemeente.as_str())
        .bind(&id)
        .bind(r.roltype)
        .bind(r.bsn.as_ref().map(|b| b.as_str().to_owned()))
        .bind(&r.medewerker_id)
        .bind(&r.naam)
        .bind(&r.toelichting)
        .bind(&start)
        .execute(tx.conn())
        .await?;
    }
    for t in &n.taken {
        add_taak(&mut tx, scope, &id, t).await?;
    }
    sqlx::query("UPDATE documenten SET zaak_id = $1 WHERE concept_id = $2 AND gemeente_code = $3")
        .bind(&id)
        .bind(&n.concept_id)
        .bind(scope.gemeente.as_str())
        .execute(tx.conn())
        .await?;
    sqlx::query("UPDATE concepten SET zaak_id = $1, updated_at = $2 WHERE id = $3")
        .bind(&id)
        .bind(&start)
        .bind(&n.concept_id)
        .execute(tx.conn())
        .await?;
    crate::werk::plan_in(&mut tx, scope, &id, &n.werk).await?;
    if let Some(m) = &n.melding {
        add_melding(&mut tx, scope, &bsn, Some(&id), m).await?;
    }
    if let Some(keuze) = n.toestemming_elektronisch {
        crate::elektronisch::vastleggen_in(
            &mut tx,
            scope,
            &bsn,
            keuze,
            crate::elektronisch::Bron::Aanvraag,
            "aanvraag indienen",
        )
        .await?;
    }
    logboek::note(
        &mut tx,
        scope,
        &logboek::AANVRAAG_INDIENEN,
        Handeling::Schrijven,
        &bsn,
        "aanvraag indienen",
        &start,
    )
    .await?;
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM zaken WHERE id = $1"))
        .bind(&id)
        .fetch_one(tx.conn())
        .await?;
    let zaak = from_row(&row)?;
    tx.commit().await?;
    Ok((zaak, true))
}

pub(crate) async fn add_status(
    tx: &mut Tx,
    scope: &Scope,
    zaak_id: &str,
    statustype: ZaakStatus,
    toelichting: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO zaak_statussen (id, gemeente_code, zaak_id, statustype, toelichting, actor, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .bind(statustype.code())
    .bind(toelichting)
    .bind(scope.actor.as_log_string())
    .bind(now_utc())
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Add a task to a zaak unless an open task of the same kind and title is
/// there already. Whether it was added.
pub async fn taak_eenmalig(db: &Db, scope: &Scope, zaak_id: &str, t: &NieuweTaak) -> Result<bool> {
    let mut tx = db.begin().await?;
    let n: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM taken WHERE zaak_id = $1 AND gemeente_code = $2 AND soort = $3 AND titel = $4 AND status = 'open'",
    )
    .bind(zaak_id)
    .bind(scope.gemeente.as_str())
    .bind(t.soort.code())
    .bind(&t.titel)
    .fetch_one(tx.conn())
    .await?
    .try_get("n")?;
    if n > 0 {
        return Ok(false);
    }
    add_taak(&mut tx, scope, zaak_id, t).await?;
    tx.commit().await?;
    Ok(true)
}

pub(crate) async fn add_taak(
    tx: &mut Tx,
    scope: &Scope,
    zaak_id: &str,
    t: &NieuweTaak,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO taken (id, gemeente_code, zaak_id, voor, soort, titel, toelichting, deadline, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .bind(t.voor.code())
    .bind(t.soort.code())
    .bind(&t.titel)
    .bind(&t.toelichting)
    .bind(&t.deadline)
    .bind(now_utc())
    .execute(tx.conn())
    .await?;
    Ok(())
}

pub(crate) async fn add_melding(
    tx: &mut Tx,
    scope: &Scope,
    bsn: &Bsn,
    zaak_id: Option<&str>,
    m: &Melding,
) -> Result<()> {
    let now = now_utc();
    sqlx::query("INSERT INTO berichten (id, gemeente_code, bsn, zaak_id, onderwerp, tekst, gelezen, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7)")
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(scope.gemeente.as_str())
        .bind(bsn.as_str())
        .bind(zaak_id)
        .bind(&m.onderwerp)
        .bind(&m.tekst)
        .bind(&now)
        .execute(tx.conn())
        .await?;
    if let Some(aan) = &m.email {
        sqlx::query("INSERT INTO mails (id, gemeente_code, aan, onderwerp, tekst, status, pogingen, created_at) VALUES ($1, $2, $3, $4, $5, 'wachtend', 0, $6)")
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(scope.gemeente.as_str())
            .bind(aan)
            .bind(&m.mail_onderwerp)
            .bind(&m.mail_tekst)
            .bind(&now)
            .execute(tx.conn())
            .await?;
    }
    Ok(())
}

/// A zaak of the scope's gemeente, logged as read.
pub async fn get(db: &Db, scope: &Scope, id: &str, operation: &str) -> Result<Option<Zaak>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM zaken WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let zaak = from_row(&row)?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::ZAAK_RAADPLEGEN,
        Handeling::Lezen,
        &zaak.bsn,
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(zaak))
}

/// The zaak made from a draft, if it was submitted.
pub async fn by_concept(db: &Db, scope: &Scope, concept_id: &str) -> Result<Option<Zaak>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM zaken WHERE concept_id = $1 AND gemeente_code = $2"
    ))
    .bind(concept_id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| from_row(&r)).transpose()
}

/// The zaken a person may see in the portal: their own, and those they
/// applied for as gemachtigde while a machtiging confirmed by staff holds
/// (a refused or withdrawn machtiging ends access).
pub async fn voor_inwoner(db: &Db, scope: &Scope, bsn: &Bsn) -> Result<Vec<Zaak>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM zaken WHERE gemeente_code = $1 AND (bsn = $2 OR (id IN \
         (SELECT zaak_id FROM zaak_rollen WHERE gemeente_code = $1 AND roltype = 'gemachtigde' AND bsn = $2) \
         AND bsn IN (SELECT vertegenwoordigde_bsn FROM machtigingen WHERE gemeente_code = $1 \
         AND gemachtigde_bsn = $2 AND status = 'geverifieerd'))) \
         ORDER BY created_at DESC"
    ))
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Status {
    pub statustype: String,
    pub toelichting: Option<String>,
    pub actor: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Rol {
    pub roltype: String,
    pub bsn: Option<String>,
    pub medewerker_id: Option<String>,
    pub naam: String,
    pub toelichting: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Taak {
    pub id: String,
    pub voor: TaakVoor,
    pub soort: TaakSoort,
    pub titel: String,
    pub toelichting: Option<String>,
    pub deadline: Option<String>,
    pub status: String,
}

pub async fn statussen(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Vec<Status>> {
    let rows = sqlx::query("SELECT statustype, toelichting, actor, created_at FROM zaak_statussen WHERE zaak_id = $1 AND gemeente_code = $2 ORDER BY created_at")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Status {
                statustype: r.try_get("statustype")?,
                toelichting: r.try_get("toelichting")?,
                actor: r.try_get("actor")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}

pub async fn rollen(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Vec<Rol>> {
    let rows = sqlx::query("SELECT roltype, bsn, medewerker_id, naam, toelichting FROM zaak_rollen WHERE zaak_id = $1 AND gemeente_code = $2 ORDER BY created_at")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Rol {
                roltype: r.try_get("roltype")?,
                bsn: r.try_get("bsn")?,
                medewerker_id: r.try_get("medewerker_id")?,
                naam: r.try_get("naam")?,
                toelichting: r.try_get("toelichting")?,
            })
        })
        .collect()
}

pub async fn taken(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Vec<Taak>> {
    let rows = sqlx::query("SELECT id, voor, soort, titel, toelichting, deadline, status FROM taken WHERE zaak_id = $1 AND gemeente_code = $2 ORDER BY created_at")
        .bind(zaak_id)
        .bind(scope.gemeente.as_str())
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Taak {
                id: r.try_get("id")?,
                voor: TaakVoor::parse(&r.try_get::<String, _>("voor")?)?,
                soort: TaakSoort::parse(&r.try_get::<String, _>("soort")?)?,
                titel: r.try_get("titel")?,
                toelichting: r.try_get("toelichting")?,
                deadline: r.try_get("deadline")?,
                status: r.try_get("status")?,
            })
        })
        .collect()
}

/// A zaak without writing a log record: only for checks that show nothing
/// of the zaak to anyone (existence, ownership).
pub(crate) async fn by_id_unlogged(db: &Db, scope: &Scope, id: &str) -> Result<Option<Zaak>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM zaken WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| from_row(&r)).transpose()
}

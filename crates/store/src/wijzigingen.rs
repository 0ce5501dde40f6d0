//! Changes of circumstances (wijzigingen) for a running benefit, and the
//! dated versions of the household facts they lead to. Reporting one makes
//! a task for a caseworker; processing it stores the new facts from the date
//! of the change, so the ledger recomputes every month from then on.

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::uitkeringen::Uitkering;
use crate::zaken::{Melding, NieuweTaak, add_melding, add_taak};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::Maand;
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Wijziging {
    pub id: String,
    pub uitkering_id: String,
    pub soort: String,
    pub datum: String,
    pub toelichting: String,
    pub status: String,
    pub created_at: String,
}

/// The kinds a resident can report, with the words the pages use.
pub const SOORTEN: &[(&str, &str)] = &[
    ("verhuizing", "Ik ga verhuizen of ben verhuisd"),
    ("partner", "Ik ga samenwonen, trouwen of uit elkaar"),
    (
        "medebewoner",
        "Er komt iemand bij mij wonen of iemand gaat weg",
    ),
    (
        "vermogen",
        "Mijn geld of bezit verandert (bijvoorbeeld een erfenis)",
    ),
    ("anders", "Iets anders"),
];

/// A resident reports a change: stored with a task for a caseworker and a
/// confirmation in the inbox, in one transaction.
pub async fn melden(
    db: &Db,
    scope: &Scope,
    u: &Uitkering,
    soort: &str,
    datum: &str,
    toelichting: &str,
) -> Result<Wijziging> {
    let start = now_utc();
    let id = uuid::Uuid::new_v4().to_string();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO wijzigingen (id, gemeente_code, uitkering_id, soort, datum, toelichting, status, gemeld_door, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(&u.id)
    .bind(soort)
    .bind(datum)
    .bind(toelichting)
    .bind(scope.actor.as_log_string())
    .bind(&start)
    .execute(tx.conn())
    .await?;
    let omschrijving = SOORTEN
        .iter()
        .find(|(s, _)| *s == soort)
        .map_or(soort, |(_, o)| o);
    add_taak(
        &mut tx,
        scope,
        &u.zaak_id,
        &NieuweTaak {
            voor: gbi_domain::TaakVoor::Medewerker,
            soort: gbi_domain::TaakSoort::WijzigingVerwerken,
            titel: format!("Wijziging verwerken: {omschrijving} (per {datum})"),
            toelichting: Some(toelichting.to_owned()),
            deadline: None,
        },
    )
    .await?;
    add_melding(
        &mut tx,
        scope,
        &u.bsn,
        Some(&u.zaak_id),
        &Melding {
            onderwerp: "Wij hebben uw wijziging ontvangen".into(),
            tekst: format!(
                "U gaf een wijziging door per {datum}. Een medewerker rekent uw uitkering opnieuw uit vanaf die datum. Moet u iets terugbetalen of krijgt u geld bij? Dan hoort u dat van ons."
            ),
            email: None,
            mail_onderwerp: String::new(),
            mail_tekst: String::new(),
        },
    )
    .await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::INKOMSTEN_VERWERKEN,
        Handeling::Schrijven,
        &u.bsn,
        "wijziging melden",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Wijziging {
        id,
        uitkering_id: u.id.clone(),
        soort: soort.to_owned(),
        datum: datum.to_owned(),
        toelichting: toelichting.to_owned(),
        status: "open".into(),
        created_at: start,
    })
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<Wijziging> {
    Ok(Wijziging {
        id: r.try_get("id")?,
        uitkering_id: r.try_get("uitkering_id")?,
        soort: r.try_get("soort")?,
        datum: r.try_get("datum")?,
        toelichting: r.try_get("toelichting")?,
        status: r.try_get("status")?,
        created_at: r.try_get("created_at")?,
    })
}

pub async fn van_uitkering(db: &Db, scope: &Scope, uitkering_id: &str) -> Result<Vec<Wijziging>> {
    let rows = sqlx::query(
        "SELECT id, uitkering_id, soort, datum, toelichting, status, created_at FROM wijzigingen \
         WHERE uitkering_id = $1 AND gemeente_code = $2 ORDER BY created_at",
    )
    .bind(uitkering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// A version of the household facts, valid from a month on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Feitenversie {
    pub geldig_van: Maand,
    pub huishouden: serde_json::Value,
    pub door: String,
    pub created_at: String,
}

/// The approved versions of the facts after the toekenning, oldest first
/// (a proposal waiting for a second person does not count yet).
pub async fn feiten(db: &Db, scope: &Scope, uitkering_id: &str) -> Result<Vec<Feitenversie>> {
    let rows = sqlx::query(
        "SELECT uitkering_id, geldig_van, huishouden, door, created_at FROM uitkering_feiten \
         WHERE uitkering_id = $1 AND gemeente_code = $2 AND status = 'goedgekeurd' ORDER BY geldig_van, created_at",
    )
    .bind(uitkering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|r| Ok(feitenversie(r)?.1)).collect()
}

/// [`feiten`] of every benefit whose id lies from `van` to `tot`
/// (inclusive), by benefit, in one statement: the betaalrun reads a batch
/// at a time instead of asking once per benefit.
pub async fn feiten_tussen(
    db: &Db,
    scope: &Scope,
    van: &str,
    tot: &str,
) -> Result<std::collections::HashMap<String, Vec<Feitenversie>>> {
    let rows = sqlx::query(
        "SELECT uitkering_id, geldig_van, huishouden, door, created_at FROM uitkering_feiten \
         WHERE uitkering_id >= $1 AND uitkering_id <= $2 AND gemeente_code = $3 AND status = 'goedgekeurd' \
         ORDER BY uitkering_id, geldig_van, created_at",
    )
    .bind(van)
    .bind(tot)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    let mut per_uitkering = std::collections::HashMap::<String, Vec<Feitenversie>>::new();
    for r in &rows {
        let (id, versie) = feitenversie(r)?;
        per_uitkering.entry(id).or_default().push(versie);
    }
    Ok(per_uitkering)
}

fn feitenversie(r: &sqlx::any::AnyRow) -> Result<(String, Feitenversie)> {
    Ok((
        r.try_get("uitkering_id")?,
        Feitenversie {
            geldig_van: Maand::parse(&r.try_get::<String, _>("geldig_van")?)?,
            huishouden: serde_json::from_str(&r.try_get::<String, _>("huishouden")?)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            door: r.try_get("door")?,
            created_at: r.try_get("created_at")?,
        },
    ))
}

/// A caseworker processes a change: the new facts from `geldig_van` on,
/// as a proposal for a second person (four eyes); the change waits
/// (`voorgesteld`) and its task is closed, in one transaction.
pub async fn verwerken(
    db: &Db,
    scope: &Scope,
    u: &Uitkering,
    wijziging_id: &str,
    geldig_van: Maand,
    huishouden: &serde_json::Value,
) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let n = sqlx::query(
        "UPDATE wijzigingen SET status = 'voorgesteld', verwerkt_door = $1, verwerkt_at = $2 \
         WHERE id = $3 AND uitkering_id = $4 AND gemeente_code = $5 AND status = 'open'",
    )
    .bind(scope.actor.as_log_string())
    .bind(&start)
    .bind(wijziging_id)
    .bind(&u.id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?
    .rows_affected();
    if n != 1 {
        return Err(StoreError::Conflict(
            "deze wijziging is al verwerkt of wacht op een collega".into(),
        ));
    }
    sqlx::query(
        "INSERT INTO uitkering_feiten (id, gemeente_code, uitkering_id, geldig_van, huishouden, wijziging_id, door, created_at, status) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'voorgesteld')",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(&u.id)
    .bind(geldig_van.to_string())
    .bind(huishouden.to_string())
    .bind(wijziging_id)
    .bind(scope.actor.as_log_string())
    .bind(&start)
    .execute(tx.conn())
    .await?;
    // One open change task per report; close the oldest still open.
    sqlx::query(
        "UPDATE taken SET status = 'afgerond', afgerond_at = $1 WHERE id = (SELECT id FROM taken WHERE zaak_id = $2 \
         AND gemeente_code = $3 AND soort = 'wijziging_verwerken' AND status = 'open' ORDER BY created_at LIMIT 1)",
    )
    .bind(&start)
    .bind(&u.zaak_id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::ZAAK_BEHANDELEN,
        Handeling::Schrijven,
        &u.bsn,
        "wijziging verwerken",
        &start,
    )
    .await?;
    tx.commit().await
}

/// The facts proposed for a change, waiting for a second person.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Voorstel {
    pub wijziging_id: String,
    pub geldig_van: Maand,
    pub huishouden: serde_json::Value,
    /// Who proposed it (`medewerker:<id>`).
    pub door: String,
}

/// The proposals of a benefit's changes that wait for a second person.
pub async fn voorstellen(db: &Db, scope: &Scope, uitkering_id: &str) -> Result<Vec<Voorstel>> {
    let rows = sqlx::query(
        "SELECT wijziging_id, geldig_van, huishouden, door FROM uitkering_feiten \
         WHERE uitkering_id = $1 AND gemeente_code = $2 AND status = 'voorgesteld' ORDER BY created_at",
    )
    .bind(uitkering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Voorstel {
                wijziging_id: r
                    .try_get::<Option<String>, _>("wijziging_id")?
                    .unwrap_or_default(),
                geldig_van: Maand::parse(&r.try_get::<String, _>("geldig_van")?)?,
                huishouden: serde_json::from_str(&r.try_get::<String, _>("huishouden")?)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                door: r.try_get("door")?,
            })
        })
        .collect()
}

/// A second person approves the proposed facts (they count from their month
/// on, the change is processed) or sends them back (the change is open
/// again, with a task for the caseworker). The proposer can never judge
/// their own proposal; checked here, under the row lock.
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    u: &Uitkering,
    wijziging_id: &str,
    goedgekeurd: bool,
    opmerking: Option<&str>,
) -> Result<()> {
    let start = now_utc();
    let door = scope.actor.as_log_string();
    let mut tx = db.begin().await?;
    let n = sqlx::query(
        "UPDATE uitkering_feiten SET status = $1, beoordeeld_door = $2, beoordeeld_at = $3, opmerking = $4 \
         WHERE wijziging_id = $5 AND uitkering_id = $6 AND gemeente_code = $7 AND status = 'voorgesteld' AND door <> $2",
    )
    .bind(if goedgekeurd { "goedgekeurd" } else { "teruggestuurd" })
    .bind(&door)
    .bind(&start)
    .bind(opmerking)
    .bind(wijziging_id)
    .bind(&u.id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?
    .rows_affected();
    if n != 1 {
        return Err(StoreError::Conflict(
            "u kunt uw eigen verwerking niet goedkeuren, of er wacht niets op een oordeel".into(),
        ));
    }
    sqlx::query(
        "UPDATE wijzigingen SET status = $1 WHERE id = $2 AND uitkering_id = $3 AND gemeente_code = $4 AND status = 'voorgesteld'",
    )
    .bind(if goedgekeurd { "verwerkt" } else { "open" })
    .bind(wijziging_id)
    .bind(&u.id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    if !goedgekeurd {
        add_taak(
            &mut tx,
            scope,
            &u.zaak_id,
            &NieuweTaak {
                voor: gbi_domain::TaakVoor::Medewerker,
                soort: gbi_domain::TaakSoort::WijzigingVerwerken,
                titel: format!(
                    "Wijziging opnieuw verwerken: {}",
                    opmerking.unwrap_or("zie opmerking")
                ),
                toelichting: None,
                deadline: None,
            },
        )
        .await?;
    }
    logboek::note(
        &mut tx,
        scope,
        &logboek::ZAAK_BEHANDELEN,
        Handeling::Schrijven,
        &u.bsn,
        if goedgekeurd {
            "wijziging goedkeuren"
        } else {
            "wijziging terugsturen"
        },
        &start,
    )
    .await?;
    tx.commit().await
}

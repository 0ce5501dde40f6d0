//! Invordering: what lowers the open amount of a claim (vordering) — a
//! payment received, an amount offset by a betaalrun (verrekening, art.
//! 60-3/60-4 Participatiewet, within the beslagvrije voet), a kwijtschelding
//! (art. 58-7/58-8; Awb 4:94a) — each a vorderingsmutatie, and the
//! kwijtschelding itself with four eyes. The open amount on the claim is
//! kept equal to the hoofdsom minus its mutations, in the same transaction.
//!
//! Every read and write is logged per resident.

use crate::db::{Db, Tx};
use crate::logboek::{self, Handeling};
use crate::vorderingen::{self, Status, Vordering};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, Maand, Money};
use serde::Serialize;
use sqlx::Row;

/// What lowered a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MutatieSoort {
    /// A payment the resident made.
    Betaling,
    /// Offset against the running benefit by a betaalrun.
    Verrekening,
    /// Waived by an approved kwijtschelding.
    Kwijtschelding,
}

impl MutatieSoort {
    pub fn code(self) -> &'static str {
        match self {
            MutatieSoort::Betaling => "betaling",
            MutatieSoort::Verrekening => "verrekening",
            MutatieSoort::Kwijtschelding => "kwijtschelding",
        }
    }

    fn parse(code: &str) -> Result<Self> {
        Ok(match code {
            "betaling" => MutatieSoort::Betaling,
            "verrekening" => MutatieSoort::Verrekening,
            "kwijtschelding" => MutatieSoort::Kwijtschelding,
            _ => {
                return Err(StoreError::Corrupt(format!(
                    "onbekende soort mutatie: {code}"
                )));
            }
        })
    }

    /// In plain Dutch.
    pub fn naam(self) -> &'static str {
        match self {
            MutatieSoort::Betaling => "Betaald",
            MutatieSoort::Verrekening => "Ingehouden op uw uitkering",
            MutatieSoort::Kwijtschelding => "Kwijtgescholden",
        }
    }
}

/// One stored mutation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mutatie {
    pub id: String,
    pub vordering_id: String,
    pub soort: MutatieSoort,
    pub bedrag: Money,
    pub datum: String,
    pub maand: Option<Maand>,
    /// For a verrekening: the beslagvrije voet it respected.
    pub beslagvrije_voet: Option<Money>,
    pub door: String,
}

fn mutatie(r: &sqlx::any::AnyRow) -> Result<Mutatie> {
    Ok(Mutatie {
        id: r.try_get("id")?,
        vordering_id: r.try_get("vordering_id")?,
        soort: MutatieSoort::parse(&r.try_get::<String, _>("soort")?)?,
        bedrag: Money::from_cents(r.try_get("bedrag")?),
        datum: r.try_get("datum")?,
        maand: r
            .try_get::<Option<String>, _>("maand")?
            .map(|m| Maand::parse(&m))
            .transpose()?,
        beslagvrije_voet: r
            .try_get::<Option<i64>, _>("beslagvrije_voet")?
            .map(Money::from_cents),
        door: r.try_get("door")?,
    })
}

/// A claim with everything that lowered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dossier {
    pub vordering: Vordering,
    pub mutaties: Vec<Mutatie>,
    pub kwijtscheldingen: Vec<crate::kwijtscheldingen::Kwijtschelding>,
}

/// Every claim on a resident with its mutations and kwijtscheldingen (the
/// debtor's account), oldest first. Logged as one read.
pub async fn dossiers(db: &Db, scope: &Scope, bsn: &Bsn, operation: &str) -> Result<Vec<Dossier>> {
    let vorderingen = vorderingen::voor_inwoner(db, scope, bsn, operation).await?;
    let mut uit = Vec::with_capacity(vorderingen.len());
    for v in vorderingen {
        let mutaties = mutaties_van(db, scope, &v.id).await?;
        let kwijtscheldingen = crate::kwijtscheldingen::van_vordering(db, scope, &v.id).await?;
        uit.push(Dossier {
            vordering: v,
            mutaties,
            kwijtscheldingen,
        });
    }
    Ok(uit)
}

/// One claim with its mutations and kwijtscheldingen. Logged as a read.
pub async fn dossier_van_vordering(
    db: &Db,
    scope: &Scope,
    vordering_id: &str,
    operation: &str,
) -> Result<Option<Dossier>> {
    let Some(v) = vordering(db, scope, vordering_id, operation).await? else {
        return Ok(None);
    };
    let mutaties = mutaties_van(db, scope, &v.id).await?;
    let kwijtscheldingen = crate::kwijtscheldingen::van_vordering(db, scope, &v.id).await?;
    Ok(Some(Dossier {
        vordering: v,
        mutaties,
        kwijtscheldingen,
    }))
}

async fn mutaties_van(db: &Db, scope: &Scope, vordering_id: &str) -> Result<Vec<Mutatie>> {
    sqlx::query(
        "SELECT id, vordering_id, soort, bedrag, datum, maand, beslagvrije_voet, door FROM vorderingsmutaties \
         WHERE vordering_id = $1 AND gemeente_code = $2 ORDER BY created_at, id",
    )
    .bind(vordering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(mutatie)
    .collect()
}

/// One claim of the scope's gemeente. Logged as a read.
pub async fn vordering(
    db: &Db,
    scope: &Scope,
    id: &str,
    operation: &str,
) -> Result<Option<Vordering>> {
    Ok(vorderingen::lezen(db, scope, "v.id", id, operation)
        .await?
        .into_iter()
        .next())
}

/// Every open claim of the gemeente (the debiteurenbeheer worklist),
/// oldest first. Logged once per resident concerned.
pub async fn open_vorderingen(db: &Db, scope: &Scope, operation: &str) -> Result<Vec<Vordering>> {
    vorderingen::lezen(db, scope, "v.status", Status::Open.code(), operation).await
}

/// Lower the open amount of a claim by `bedrag` inside `tx`, and record
/// the mutation. Refused when it would go below zero.
/// The resident and open amount of an open claim, inside `tx`; refused
/// when the claim is not open or `bedrag` is not within (0, open].
pub(crate) async fn open_voor(
    tx: &mut Tx,
    scope: &Scope,
    vordering_id: &str,
    bedrag: Money,
) -> Result<(Bsn, Money)> {
    let row = sqlx::query(
        "SELECT bsn, open_bedrag, status FROM vorderingen WHERE id = $1 AND gemeente_code = $2",
    )
    .bind(vordering_id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    let open = Money::from_cents(row.try_get("open_bedrag")?);
    if Status::parse(&row.try_get::<String, _>("status")?)? != Status::Open {
        return Err(StoreError::Conflict(
            "deze vordering staat niet meer open".into(),
        ));
    }
    if bedrag.cents() <= 0 || bedrag > open {
        return Err(StoreError::Conflict(format!(
            "het bedrag moet meer dan € 0,00 zijn en ten hoogste wat nog open staat ({open})"
        )));
    }
    Ok((Bsn::parse(&row.try_get::<String, _>("bsn")?)?, open))
}

async fn verlagen(
    tx: &mut Tx,
    scope: &Scope,
    vordering_id: &str,
    bedrag: Money,
    eind: Status,
) -> Result<Bsn> {
    let (bsn, open) = open_voor(tx, scope, vordering_id, bedrag).await?;
    let rest = open - bedrag;
    let status = if rest.cents() == 0 {
        eind
    } else {
        Status::Open
    };
    sqlx::query(
        "UPDATE vorderingen SET open_bedrag = $1, status = $2 WHERE id = $3 AND gemeente_code = $4 AND open_bedrag = $5",
    )
    .bind(rest.cents())
    .bind(status.code())
    .bind(vordering_id)
    .bind(scope.gemeente.as_str())
    .bind(open.cents())
    .execute(tx.conn())
    .await?;
    Ok(bsn)
}

/// A mutation to record.
pub struct NieuweMutatie<'a> {
    pub vordering_id: &'a str,
    pub soort: MutatieSoort,
    pub bedrag: Money,
    pub datum: chrono::NaiveDate,
    pub maand: Option<Maand>,
    pub uitkering_id: Option<&'a str>,
    pub betaalrun_id: Option<&'a str>,
    pub kwijtschelding_id: Option<&'a str>,
    pub beslagvrije_voet: Option<Money>,
    pub door: &'a str,
}

/// Record a mutation and lower the claim, inside `tx`. A verrekening is
/// recorded once per claim and month: a second one for the same month is
/// ignored (returns `false`).
pub async fn boeken_in(tx: &mut Tx, scope: &Scope, m: &NieuweMutatie<'_>) -> Result<bool> {
    let start = now_utc();
    let n = sqlx::query(
        "INSERT INTO vorderingsmutaties (id, gemeente_code, vordering_id, soort, bedrag, datum, maand, uitkering_id, \
         betaalrun_id, kwijtschelding_id, beslagvrije_voet, door, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (vordering_id, maand, soort) DO NOTHING",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(m.vordering_id)
    .bind(m.soort.code())
    .bind(m.bedrag.cents())
    .bind(m.datum.to_string())
    .bind(m.maand.map(|x| x.to_string()))
    .bind(m.uitkering_id)
    .bind(m.betaalrun_id)
    .bind(m.kwijtschelding_id)
    .bind(m.beslagvrije_voet.map(Money::cents))
    .bind(m.door)
    .bind(&start)
    .execute(tx.conn())
    .await?
    .rows_affected();
    if n == 0 {
        return Ok(false);
    }
    let eind = match m.soort {
        MutatieSoort::Kwijtschelding => Status::Kwijtgescholden,
        _ => Status::Afgelost,
    };
    let bsn = verlagen(tx, scope, m.vordering_id, m.bedrag, eind).await?;
    logboek::note(
        tx,
        scope,
        &logboek::VORDERING_INNEN,
        Handeling::Schrijven,
        &bsn,
        match m.soort {
            MutatieSoort::Betaling => "betaling boeken",
            MutatieSoort::Verrekening => "verrekenen met de uitkering",
            MutatieSoort::Kwijtschelding => "kwijtschelden",
        },
        &start,
    )
    .await?;
    Ok(true)
}

/// Record a payment the resident made on a claim.
pub async fn betaling_boeken(
    db: &Db,
    scope: &Scope,
    vordering_id: &str,
    bedrag: Money,
    datum: chrono::NaiveDate,
    door: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    boeken_in(
        &mut tx,
        scope,
        &NieuweMutatie {
            vordering_id,
            soort: MutatieSoort::Betaling,
            bedrag,
            datum,
            maand: None,
            uitkering_id: None,
            betaalrun_id: None,
            kwijtschelding_id: None,
            beslagvrije_voet: None,
            door,
        },
    )
    .await?;
    tx.commit().await
}

/// The open claims to offset against a running benefit, of every resident
/// of the gemeente, oldest first. Unlogged: the betaalrun logs each
/// offset it writes.
pub async fn te_verrekenen(db: &Db, scope: &Scope) -> Result<Vec<Vordering>> {
    let rows = sqlx::query(&format!(
        "{} WHERE v.gemeente_code = $1 AND v.status = 'open' AND v.verrekenen = 1 AND v.open_bedrag > 0 \
         ORDER BY v.created_at, v.id",
        vorderingen::SELECT
    ))
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(vorderingen::from_row).collect()
}

/// What betaalruns offset per month for a benefit, released runs only
/// (`vrijgegeven`) or runs still to be approved.
pub async fn verrekend_per_maand(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
    vrijgegeven: bool,
) -> Result<std::collections::BTreeMap<Maand, Money>> {
    let op = if vrijgegeven { "=" } else { "<>" };
    let rows = sqlx::query(&format!(
        "SELECT m.maand, CAST(SUM(m.bedrag) AS BIGINT) AS bedrag FROM vorderingsmutaties m \
         JOIN betaalruns r ON r.id = m.betaalrun_id AND r.gemeente_code = m.gemeente_code \
         WHERE m.uitkering_id = $1 AND m.gemeente_code = $2 AND m.soort = 'verrekening' AND r.status {op} 'vrijgegeven' \
         GROUP BY m.maand"
    ))
    .bind(uitkering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                Maand::parse(&r.try_get::<String, _>("maand")?)?,
                Money::from_cents(r.try_get("bedrag")?),
            ))
        })
        .collect()
}

/// Store one payment of a betaalrun together with what it offsets against
/// claims, in one transaction. When the benefit already has a payment for
/// the run's month, nothing is written (the run is being repeated: its
/// offset, if any, was booked with that payment). A payment of € 0,00 (all
/// of it offset) is not stored; its offsets are. Returns whether anything
/// was written.
pub async fn betalen_met_verrekening(
    db: &Db,
    scope: &Scope,
    run: &crate::betalingen::Betaalrun,
    betaling: &crate::betalingen::NieuweBetaling,
    bsn: &Bsn,
    verrekeningen: &[NieuweMutatie<'_>],
) -> Result<bool> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let bestaat: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM betalingen WHERE uitkering_id = $1 AND maand = $2 AND gemeente_code = $3",
    )
    .bind(&betaling.uitkering_id)
    .bind(&run.maand)
    .bind(scope.gemeente.as_str())
    .fetch_one(tx.conn())
    .await?
    .try_get("n")?;
    if bestaat > 0 {
        return Ok(false);
    }
    for m in verrekeningen {
        if m.soort != MutatieSoort::Verrekening {
            return Err(StoreError::Conflict(
                "een betaalrun boekt alleen verrekeningen".into(),
            ));
        }
        boeken_in(&mut tx, scope, m).await?;
    }
    if betaling.bedrag.cents() > 0 {
        sqlx::query(
            "INSERT INTO betalingen (id, gemeente_code, betaalrun_id, uitkering_id, maand, bedrag, iban, naam, omschrijving, end_to_end_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(scope.gemeente.as_str())
        .bind(&run.id)
        .bind(&betaling.uitkering_id)
        .bind(&run.maand)
        .bind(betaling.bedrag.cents())
        .bind(&betaling.iban)
        .bind(&betaling.naam)
        .bind(&betaling.omschrijving)
        .bind(&betaling.end_to_end_id)
        .bind(&start)
        .execute(tx.conn())
        .await?;
    }
    logboek::note(
        &mut tx,
        scope,
        &logboek::UITKERING_BETALEN,
        Handeling::Schrijven,
        bsn,
        "betaalrun berekenen",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The offsets of one benefit's month, for the specification.
pub async fn verrekeningen_van_maand(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
    maand: Maand,
) -> Result<Vec<Mutatie>> {
    sqlx::query(
        "SELECT id, vordering_id, soort, bedrag, datum, maand, beslagvrije_voet, door FROM vorderingsmutaties \
         WHERE uitkering_id = $1 AND gemeente_code = $2 AND maand = $3 AND soort = 'verrekening' ORDER BY created_at, id",
    )
    .bind(uitkering_id)
    .bind(scope.gemeente.as_str())
    .bind(maand.to_string())
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(mutatie)
    .collect()
}

/// Record that a person sent the aanmaning of an open claim that is not
/// offset (Awb 4:112), with its term, and plan its letter — once per claim.
pub async fn aanmanen(
    db: &Db,
    scope: &Scope,
    vordering_id: &str,
    verzonden: chrono::NaiveDate,
    betalen_voor: chrono::NaiveDate,
    werk: &[String],
) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(
        "UPDATE vorderingen SET aanmaning_op = $1, aanmaning_betalen_voor = $2 \
         WHERE id = $3 AND gemeente_code = $4 AND status = 'open' AND verrekenen = 0 AND aanmaning_op IS NULL \
         RETURNING bsn, zaak_id",
    )
    .bind(verzonden.to_string())
    .bind(betalen_voor.to_string())
    .bind(vordering_id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| {
        StoreError::Conflict(
            "voor deze vordering kan geen aanmaning worden verstuurd: zij is al aangemaand, wordt verrekend of staat niet meer open".into(),
        )
    })?;
    let bsn = Bsn::parse(&row.try_get::<String, _>("bsn")?)?;
    let zaak: String = row.try_get("zaak_id")?;
    crate::werk::plan_in(&mut tx, scope, &zaak, werk).await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::VORDERING_INNEN,
        Handeling::Schrijven,
        &bsn,
        "aanmaning versturen",
        &start,
    )
    .await?;
    tx.commit().await
}

/// Record that a person issued the dwangbevel of an open claim that is not
/// offset, after its aanmaning (Awb 4:114, art. 60, tweede lid,
/// Participatiewet), with why, and plan its letter — once per claim.
pub async fn dwangbevel_uitvaardigen(
    db: &Db,
    scope: &Scope,
    vordering_id: &str,
    op: chrono::NaiveDate,
    door: &str,
    motivering: &str,
    werk: &[String],
) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(
        "UPDATE vorderingen SET dwangbevel_op = $1, dwangbevel_door = $2, dwangbevel_motivering = $3 \
         WHERE id = $4 AND gemeente_code = $5 AND status = 'open' AND verrekenen = 0 \
         AND aanmaning_op IS NOT NULL AND dwangbevel_op IS NULL \
         RETURNING bsn, zaak_id",
    )
    .bind(op.to_string())
    .bind(door)
    .bind(motivering.trim())
    .bind(vordering_id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| {
        StoreError::Conflict(
            "voor deze vordering kan geen dwangbevel worden uitgevaardigd: er is nog geen aanmaning, er is al een dwangbevel, zij wordt verrekend of staat niet meer open".into(),
        )
    })?;
    let bsn = Bsn::parse(&row.try_get::<String, _>("bsn")?)?;
    let zaak: String = row.try_get("zaak_id")?;
    crate::werk::plan_in(&mut tx, scope, &zaak, werk).await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::VORDERING_INNEN,
        Handeling::Schrijven,
        &bsn,
        "dwangbevel uitvaardigen",
        &start,
    )
    .await?;
    tx.commit().await
}

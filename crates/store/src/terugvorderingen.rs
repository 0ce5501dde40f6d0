//! Terugvorderingen (art. 58 Participatiewet): the terugvorderingsverzoek
//! the ledger hands over when it finds an overpayment, the decision a
//! person proposes on it (a ground and the months, or not to reclaim, with
//! a reason), and the second person who approves it. Nobody approves their
//! own proposal — enforced here as well as in the process layer. Approving
//! a claim writes the vordering in the same transaction.
//!
//! Every read and write is logged per resident.

use crate::db::{Db, Tx};
use crate::logboek::{self, Handeling};
use crate::zaken::NieuweTaak;
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, Maand, Money};
use serde::Serialize;
use sqlx::Row;

/// Where a terugvordering stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Found by the ledger; a person must decide.
    Verzoek,
    /// Proposed; waits for a second person.
    Voorgesteld,
    /// Sent back by the second person.
    Teruggestuurd,
    /// Approved: a claim was made.
    Besloten,
    /// Approved: not reclaimed, with a reason.
    Afgezien,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Verzoek => "verzoek",
            Status::Voorgesteld => "voorgesteld",
            Status::Teruggestuurd => "teruggestuurd",
            Status::Besloten => "besloten",
            Status::Afgezien => "afgezien",
        }
    }

    pub fn parse(code: &str) -> Result<Self> {
        Ok(match code {
            "verzoek" => Status::Verzoek,
            "voorgesteld" => Status::Voorgesteld,
            "teruggestuurd" => Status::Teruggestuurd,
            "besloten" => Status::Besloten,
            "afgezien" => Status::Afgezien,
            _ => {
                return Err(StoreError::Corrupt(format!(
                    "onbekende status van een terugvordering: {code}"
                )));
            }
        })
    }

    /// Still open: a person or a second person must act.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Verzoek | Status::Voorgesteld | Status::Teruggestuurd
        )
    }

    /// In plain Dutch, for the werkplek.
    pub fn naam(self) -> &'static str {
        match self {
            Status::Verzoek => "te beoordelen",
            Status::Voorgesteld => "wacht op controle",
            Status::Teruggestuurd => "teruggestuurd",
            Status::Besloten => "teruggevorderd",
            Status::Afgezien => "niet teruggevorderd",
        }
    }
}

/// The overpayment of one month (a vorderingscomponent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Component {
    pub rechtmaand: Maand,
    pub netto: Money,
    /// Gross, when the month lies in a calendar year before the decision's
    /// (art. 58-5).
    pub bruto: Option<Money>,
}

/// A stored terugvordering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Terugvordering {
    pub id: String,
    pub zaak_id: String,
    pub zaak_identificatie: String,
    pub uitkering_id: String,
    pub bsn: Bsn,
    pub status: Status,
    /// How it came to light: `inkomsten`, `wijziging`, `handhaving`.
    pub aanleiding: String,
    /// `58-1`, `58-2-a` … `58-2-f`; `None` until proposed or when not
    /// reclaimed.
    pub grond: Option<String>,
    pub motivering: Option<String>,
    pub gemeente_te_laat: bool,
    pub verrekenen: bool,
    pub totaal: Money,
    pub voorgesteld_door: Option<String>,
    pub voorgesteld_op: Option<String>,
    pub beoordeeld_door: Option<String>,
    pub beoordeeld_op: Option<String>,
    pub opmerking: Option<String>,
    pub besluitdatum: Option<String>,
    pub created_at: String,
    pub componenten: Vec<Component>,
}

const SELECT: &str = "SELECT t.id, t.zaak_id, z.identificatie, t.uitkering_id, t.bsn, t.status, t.aanleiding, t.grond, \
     t.motivering, t.gemeente_te_laat, t.verrekenen, t.totaal, t.voorgesteld_door, t.voorgesteld_op, t.beoordeeld_door, \
     t.beoordeeld_op, t.opmerking, t.besluitdatum, t.created_at \
     FROM terugvorderingen t JOIN zaken z ON z.id = t.zaak_id AND z.gemeente_code = t.gemeente_code";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Terugvordering> {
    Ok(Terugvordering {
        id: r.try_get("id")?,
        zaak_id: r.try_get("zaak_id")?,
        zaak_identificatie: r.try_get("identificatie")?,
        uitkering_id: r.try_get("uitkering_id")?,
        bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
        status: Status::parse(&r.try_get::<String, _>("status")?)?,
        aanleiding: r.try_get("aanleiding")?,
        grond: r.try_get("grond")?,
        motivering: r.try_get("motivering")?,
        gemeente_te_laat: r.try_get::<i64, _>("gemeente_te_laat")? != 0,
        verrekenen: r.try_get::<i64, _>("verrekenen")? != 0,
        totaal: Money::from_cents(r.try_get("totaal")?),
        voorgesteld_door: r.try_get("voorgesteld_door")?,
        voorgesteld_op: r.try_get("voorgesteld_op")?,
        beoordeeld_door: r.try_get("beoordeeld_door")?,
        beoordeeld_op: r.try_get("beoordeeld_op")?,
        opmerking: r.try_get("opmerking")?,
        besluitdatum: r.try_get("besluitdatum")?,
        created_at: r.try_get("created_at")?,
        componenten: Vec::new(),
    })
}

async fn componenten(tx: &mut Tx, scope: &Scope, id: &str) -> Result<Vec<Component>> {
    let rows = sqlx::query(
        "SELECT rechtmaand, netto, bruto FROM vorderingscomponenten WHERE terugvordering_id = $1 AND gemeente_code = $2 ORDER BY rechtmaand",
    )
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_all(tx.conn())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Component {
                rechtmaand: Maand::parse(&r.try_get::<String, _>("rechtmaand")?)?,
                netto: Money::from_cents(r.try_get("netto")?),
                bruto: r.try_get::<Option<i64>, _>("bruto")?.map(Money::from_cents),
            })
        })
        .collect()
}

async fn lees_in(
    tx: &mut Tx,
    scope: &Scope,
    filter: &str,
    waarde: &str,
) -> Result<Vec<Terugvordering>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE t.gemeente_code = $1 AND {filter} ORDER BY t.created_at, t.id"
    ))
    .bind(scope.gemeente.as_str())
    .bind(waarde)
    .fetch_all(tx.conn())
    .await?;
    let mut uit = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    for t in &mut uit {
        t.componenten = componenten(tx, scope, &t.id).await?;
    }
    Ok(uit)
}

/// Read terugvorderingen matching `filter` (with `$2`), logged once per
/// resident concerned.
async fn lezen(
    db: &Db,
    scope: &Scope,
    filter: &str,
    waarde: &str,
    operation: &str,
) -> Result<Vec<Terugvordering>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let uit = lees_in(&mut tx, scope, filter, waarde).await?;
    let mut betrokkenen: Vec<String> = Vec::new();
    for t in &uit {
        let h = db.logboek_subject(&t.bsn);
        if !betrokkenen.contains(&h) {
            betrokkenen.push(h);
        }
    }
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::TERUGVORDERING_BEHANDELEN,
        Handeling::Lezen,
        operation,
        &betrokkenen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(uit)
}

/// One terugvordering of the scope's gemeente. Logged as a read.
pub async fn get(
    db: &Db,
    scope: &Scope,
    id: &str,
    operation: &str,
) -> Result<Option<Terugvordering>> {
    Ok(lezen(db, scope, "t.id = $2", id, operation)
        .await?
        .into_iter()
        .next())
}

/// The terugvorderingen of one benefit, oldest first. Logged as a read.
pub async fn voor_uitkering(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
    operation: &str,
) -> Result<Vec<Terugvordering>> {
    lezen(db, scope, "t.uitkering_id = $2", uitkering_id, operation).await
}

/// Every terugvordering of one resident, oldest first. Logged as a read.
pub async fn voor_inwoner(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    operation: &str,
) -> Result<Vec<Terugvordering>> {
    lezen(db, scope, "t.bsn = $2", bsn.as_str(), operation).await
}

/// The terugvorderingen of the benefit of one zaak, oldest first. Logged
/// as a read.
pub async fn voor_zaak(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    operation: &str,
) -> Result<Vec<Terugvordering>> {
    lezen(db, scope, "t.zaak_id = $2", zaak_id, operation).await
}

/// Every terugvordering of the gemeente in `status`, oldest first (the
/// worklist). Logged as a read of each resident concerned.
pub async fn in_status(
    db: &Db,
    scope: &Scope,
    status: Status,
    operation: &str,
) -> Result<Vec<Terugvordering>> {
    lezen(db, scope, "t.status = $2", status.code(), operation).await
}

/// A new terugvorderingsverzoek.
pub struct NieuwVerzoek<'a> {
    pub zaak_id: &'a str,
    pub uitkering_id: &'a str,
    pub bsn: &'a Bsn,
    pub aanleiding: &'a str,
    /// The task for a person, on the benefit's zaak.
    pub taak: NieuweTaak,
}

/// Open a terugvorderingsverzoek for a benefit, with its task, unless one
/// is still open for it. Returns the new id, or `None` when one was open.
pub async fn verzoek_openen(
    db: &Db,
    scope: &Scope,
    v: &NieuwVerzoek<'_>,
) -> Result<Option<String>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let open: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM terugvorderingen WHERE uitkering_id = $1 AND gemeente_code = $2 \
         AND status IN ('verzoek', 'voorgesteld', 'teruggestuurd')",
    )
    .bind(v.uitkering_id)
    .bind(scope.gemeente.as_str())
    .fetch_one(tx.conn())
    .await?
    .try_get("n")?;
    if open > 0 {
        return Ok(None);
    }
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO terugvorderingen (id, gemeente_code, bsn, zaak_id, uitkering_id, status, aanleiding, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'verzoek', $6, $7)",
    )
    .bind(&id)
    .bind(scope.gemeente.as_str())
    .bind(v.bsn.as_str())
    .bind(v.zaak_id)
    .bind(v.uitkering_id)
    .bind(v.aanleiding)
    .bind(&start)
    .execute(tx.conn())
    .await?;
    crate::zaken::add_taak(&mut tx, scope, v.zaak_id, &v.taak).await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::TERUGVORDERING_BEHANDELEN,
        Handeling::Schrijven,
        v.bsn,
        "terugvorderingsverzoek openen",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Per month, what earlier decisions already dealt with (claimed, or
/// decided not to reclaim): such a month's overpayment needs no new
/// verzoek.
pub async fn behandelde_maanden(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
) -> Result<std::collections::BTreeMap<Maand, Money>> {
    let rows = sqlx::query(
        "SELECT c.rechtmaand, CAST(SUM(c.netto) AS BIGINT) AS netto FROM vorderingscomponenten c \
         JOIN terugvorderingen t ON t.id = c.terugvordering_id AND t.gemeente_code = c.gemeente_code \
         WHERE t.uitkering_id = $1 AND t.gemeente_code = $2 AND t.status IN ('besloten', 'afgezien') \
         GROUP BY c.rechtmaand",
    )
    .bind(uitkering_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                Maand::parse(&r.try_get::<String, _>("rechtmaand")?)?,
                Money::from_cents(r.try_get("netto")?),
            ))
        })
        .collect()
}

/// A proposal on a verzoek.
pub struct Voorstel<'a> {
    /// `None`: not reclaimed (the motivering says why).
    pub grond: Option<&'a str>,
    pub motivering: &'a str,
    pub gemeente_te_laat: bool,
    pub verrekenen: bool,
    pub componenten: &'a [Component],
    pub door: &'a str,
}

/// Propose a decision on a verzoek (or one that was sent back). The
/// months and amounts replace those of an earlier proposal.
pub async fn voorstellen(db: &Db, scope: &Scope, id: &str, v: &Voorstel<'_>) -> Result<()> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let totaal: i64 = v.componenten.iter().map(|c| c.netto.cents()).sum();
    let n = sqlx::query(
        "UPDATE terugvorderingen SET status = 'voorgesteld', grond = $1, motivering = $2, gemeente_te_laat = $3, \
         verrekenen = $4, totaal = $5, voorgesteld_door = $6, voorgesteld_op = $7, beoordeeld_door = NULL, \
         beoordeeld_op = NULL, versie = versie + 1 \
         WHERE id = $8 AND gemeente_code = $9 AND status IN ('verzoek', 'teruggestuurd')",
    )
    .bind(v.grond)
    .bind(v.motivering.trim())
    .bind(i64::from(v.gemeente_te_laat))
    .bind(i64::from(v.verrekenen))
    .bind(totaal)
    .bind(v.door)
    .bind(&start)
    .bind(id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?
    .rows_affected();
    if n != 1 {
        return Err(StoreError::Conflict(
            "deze terugvordering kan nu niet worden voorgesteld: zij is al voorgesteld of besloten"
                .into(),
        ));
    }
    sqlx::query(
        "DELETE FROM vorderingscomponenten WHERE terugvordering_id = $1 AND gemeente_code = $2",
    )
    .bind(id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    for c in v.componenten {
        sqlx::query(
            "INSERT INTO vorderingscomponenten (terugvordering_id, gemeente_code, rechtmaand, netto, bruto) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(scope.gemeente.as_str())
        .bind(c.rechtmaand.to_string())
        .bind(c.netto.cents())
        .bind(c.bruto.map(Money::cents))
        .execute(tx.conn())
        .await?;
    }
    let bsn = bsn_van(&mut tx, scope, id).await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::TERUGVORDERING_BEHANDELEN,
        Handeling::Schrijven,
        &bsn,
        "terugvordering voorstellen",
        &start,
    )
    .await?;
    tx.commit().await
}

async fn bsn_van(tx: &mut Tx, scope: &Scope, id: &str) -> Result<Bsn> {
    let bsn: String =
        sqlx::query("SELECT bsn FROM terugvorderingen WHERE id = $1 AND gemeente_code = $2")
            .bind(id)
            .bind(scope.gemeente.as_str())
            .fetch_optional(tx.conn())
            .await?
            .ok_or(StoreError::NotFound)?
            .try_get("bsn")?;
    Ok(Bsn::parse(&bsn)?)
}

/// The claim an approved terugvordering writes.
pub struct NieuweVordering<'a> {
    pub soort: crate::vorderingen::Soort,
    pub grondslag: &'a str,
    pub ingangsdatum: chrono::NaiveDate,
    pub betalen_voor: chrono::NaiveDate,
    pub betalingskenmerk: &'a str,
}

/// A second person's judgement.
pub struct Oordeel<'a> {
    pub door: &'a str,
    pub goedgekeurd: bool,
    pub opmerking: Option<&'a str>,
    /// The claim, for an approved proposal to reclaim.
    pub vordering: Option<NieuweVordering<'a>>,
    /// Background work on the benefit's zaak (the letter).
    pub werk: Vec<String>,
    /// The message for the resident's inbox when a claim is made.
    pub melding: Option<crate::zaken::Melding>,
}

/// Approve or send back a proposal. The proposer can never judge it. An
/// approved proposal to reclaim writes its claim (hoofdsom: the total of
/// the months) in the same transaction; the verzoek's task is done.
/// Returns the claim's id, if one was written.
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    id: &str,
    o: Oordeel<'_>,
) -> Result<Option<String>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let t = lees_in(&mut tx, scope, "t.id = $2", id)
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)?;
    if t.voorgesteld_door.as_deref() == Some(o.door) {
        return Err(StoreError::Conflict(
            crate::besluiten::EIGEN_VOORSTEL.into(),
        ));
    }
    if t.status != Status::Voorgesteld {
        return Err(StoreError::Conflict("dit voorstel is al beoordeeld".into()));
    }
    let nieuw = match (o.goedgekeurd, t.grond.is_some()) {
        (false, _) => Status::Teruggestuurd,
        (true, true) => Status::Besloten,
        (true, false) => Status::Afgezien,
    };
    if nieuw == Status::Besloten && o.vordering.is_none() {
        return Err(StoreError::Conflict(
            "een goedgekeurde terugvordering schrijft een vordering".into(),
        ));
    }
    let n = sqlx::query(
        "UPDATE terugvorderingen SET status = $1, beoordeeld_door = $2, beoordeeld_op = $3, opmerking = $4, \
         besluitdatum = $5, versie = versie + 1 \
         WHERE id = $6 AND gemeente_code = $7 AND status = 'voorgesteld' AND voorgesteld_door <> $2",
    )
    .bind(nieuw.code())
    .bind(o.door)
    .bind(&start)
    .bind(o.opmerking)
    .bind(o.vordering.as_ref().map(|v| v.ingangsdatum.to_string()))
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
    let mut vordering_id = None;
    if let (Status::Besloten, Some(v)) = (nieuw, &o.vordering) {
        if t.totaal.cents() <= 0 {
            return Err(StoreError::Conflict(
                crate::vorderingen::GEEN_POSITIEVE_HOOFDSOM.into(),
            ));
        }
        let vid = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO vorderingen (id, gemeente_code, bsn, zaak_id, terugvordering_id, soort, grondslag, hoofdsom, open_bedrag, \
             status, ingangsdatum, verrekenen, betalen_voor, betalingskenmerk, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 'open', $9, $10, $11, $12, $13)",
        )
        .bind(&vid)
        .bind(scope.gemeente.as_str())
        .bind(t.bsn.as_str())
        .bind(&t.zaak_id)
        .bind(id)
        .bind(v.soort.code())
        .bind(v.grondslag)
        .bind(t.totaal.cents())
        .bind(v.ingangsdatum.to_string())
        .bind(i64::from(t.verrekenen))
        .bind(v.betalen_voor.to_string())
        .bind(v.betalingskenmerk)
        .bind(&start)
        .execute(tx.conn())
        .await?;
        logboek::note(
            &mut tx,
            scope,
            &logboek::VORDERING_VASTLEGGEN,
            Handeling::Schrijven,
            &t.bsn,
            "vordering vastleggen",
            &start,
        )
        .await?;
        vordering_id = Some(vid);
        if let Some(m) = &o.melding {
            crate::zaken::add_melding(&mut tx, scope, &t.bsn, Some(&t.zaak_id), m).await?;
        }
    }
    if nieuw != Status::Teruggestuurd {
        sqlx::query(
            "UPDATE taken SET status = 'afgerond', afgerond_at = $1 WHERE zaak_id = $2 AND gemeente_code = $3 \
             AND soort = $4 AND status = 'open'",
        )
        .bind(&start)
        .bind(&t.zaak_id)
        .bind(scope.gemeente.as_str())
        .bind(gbi_domain::TaakSoort::Terugvorderingsverzoek.code())
        .execute(tx.conn())
        .await?;
        crate::werk::plan_in(&mut tx, scope, &t.zaak_id, &o.werk).await?;
    }
    logboek::note(
        &mut tx,
        scope,
        &logboek::TERUGVORDERING_BEHANDELEN,
        Handeling::Schrijven,
        &t.bsn,
        if o.goedgekeurd {
            "terugvordering goedkeuren"
        } else {
            "terugvordering terugsturen"
        },
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(vordering_id)
}

//! One-off payments (eenmalige betalingen): bijzondere bijstand (art. 35
//! Participatiewet) and the individuele inkomenstoeslag (art. 36) are
//! decided once and paid once. The approval of the besluit creates one, in
//! its own transaction (see [`crate::besluiten::Oordeel`]); the betaalrun of
//! its first month ([`NieuweEenmaligeBetaling::vanaf_maand`]) or a later one
//! takes it up, once: a run only takes those no run has taken, so a rerun
//! or a run restarted after a crash pays nobody twice. It is paid when that
//! run is released (vrijgegeven).

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, Iban, Maand, Money};
use serde::{Deserialize, Serialize};
use sqlx::Row;

/// What an approved besluit pays once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NieuweEenmaligeBetaling {
    /// The besluit that grants it; one payment per besluit.
    pub besluit_id: String,
    /// More than zero.
    pub bedrag: Money,
    /// The creditor's account.
    pub iban: Iban,
    /// The creditor: the resident, or a third party the besluit names (a
    /// supplier, a bewindvoerder).
    pub naam: String,
    /// The creditor is a third party, not the resident.
    pub derde: bool,
    /// What it is for, e.g. "Bijzondere bijstand wasmachine"; on the bank
    /// statement with the zaak.
    pub omschrijving: String,
    /// The regeling's code: `bijzondere_bijstand`, `iit`.
    pub regeling: String,
    /// The first month whose betaalrun may pay it: the month after the
    /// decision.
    pub vanaf_maand: Maand,
}

/// Why a one-off payment was refused.
pub const GEEN_POSITIEF_BEDRAG: &str =
    "een eenmalige betaling moet meer dan € 0,00 zijn: de bank betaalt alleen positieve bedragen";

/// Store the payment of an approved besluit, inside the approving
/// transaction (the processing log records the approval itself).
pub async fn create_in(
    tx: &mut crate::Tx,
    scope: &Scope,
    zaak_id: &str,
    bsn: &Bsn,
    b: &NieuweEenmaligeBetaling,
) -> Result<()> {
    if b.bedrag.cents() <= 0 {
        return Err(StoreError::Conflict(GEEN_POSITIEF_BEDRAG.into()));
    }
    if b.naam.trim().is_empty() || b.omschrijving.trim().is_empty() {
        return Err(StoreError::Conflict(
            "een eenmalige betaling heeft een naam van de ontvanger en een omschrijving".into(),
        ));
    }
    sqlx::query(
        "INSERT INTO eenmalige_betalingen (id, gemeente_code, zaak_id, besluit_id, bsn, bedrag, iban, naam, omschrijving, regeling, vanaf_maand, created_at, derde) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(zaak_id)
    .bind(&b.besluit_id)
    .bind(bsn.as_str())
    .bind(b.bedrag.cents())
    .bind(b.iban.as_str())
    .bind(b.naam.trim())
    .bind(b.omschrijving.trim())
    .bind(&b.regeling)
    .bind(b.vanaf_maand.to_string())
    .bind(now_utc())
    .bind(i64::from(b.derde))
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Where a one-off payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "maand", rename_all = "snake_case")]
pub enum Stand {
    /// Waiting for the betaalrun of its first month (or a later one).
    Gepland,
    /// In the betaalrun of this month, not yet approved.
    InBetaalrun(Maand),
    /// In the released betaalrun of this month: paid.
    Betaald(Maand),
}

/// A stored one-off payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EenmaligeBetaling {
    pub id: String,
    pub zaak_id: String,
    /// The zaak's identificatie, the reference on the bank statement.
    pub zaak_identificatie: String,
    pub besluit_id: String,
    pub bsn: Bsn,
    pub bedrag: Money,
    pub iban: Iban,
    pub naam: String,
    /// Paid to a third party, not the resident.
    pub derde: bool,
    pub omschrijving: String,
    pub regeling: String,
    pub vanaf_maand: Maand,
    pub stand: Stand,
    /// Set when a betaalrun takes it up.
    pub betaalrun_id: Option<String>,
    pub end_to_end_id: Option<String>,
    pub created_at: String,
}

const SELECT: &str = "SELECT e.id, e.zaak_id, z.identificatie, e.besluit_id, e.bsn, e.bedrag, e.iban, e.naam, e.derde, \
     e.omschrijving, e.regeling, e.vanaf_maand, e.betaalrun_id, e.end_to_end_id, e.created_at, r.maand AS run_maand, r.status AS run_status \
     FROM eenmalige_betalingen e JOIN zaken z ON z.id = e.zaak_id \
     LEFT JOIN betaalruns r ON r.id = e.betaalrun_id AND r.gemeente_code = e.gemeente_code";

fn from_row(r: &sqlx::any::AnyRow) -> Result<EenmaligeBetaling> {
    let run_maand: Option<String> = r.try_get("run_maand")?;
    let run_status: Option<String> = r.try_get("run_status")?;
    let stand = match (run_maand, run_status.as_deref()) {
        (Some(m), Some("vrijgegeven")) => Stand::Betaald(Maand::parse(&m)?),
        (Some(m), _) => Stand::InBetaalrun(Maand::parse(&m)?),
        (None, _) => Stand::Gepland,
    };
    Ok(EenmaligeBetaling {
        id: r.try_get("id")?,
        zaak_id: r.try_get("zaak_id")?,
        zaak_identificatie: r.try_get("identificatie")?,
        besluit_id: r.try_get("besluit_id")?,
        bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
        bedrag: Money::from_cents(r.try_get("bedrag")?),
        iban: Iban::parse(&r.try_get::<String, _>("iban")?)?,
        naam: r.try_get("naam")?,
        derde: r.try_get::<i64, _>("derde")? != 0,
        omschrijving: r.try_get("omschrijving")?,
        regeling: r.try_get("regeling")?,
        vanaf_maand: Maand::parse(&r.try_get::<String, _>("vanaf_maand")?)?,
        stand,
        betaalrun_id: r.try_get("betaalrun_id")?,
        end_to_end_id: r.try_get("end_to_end_id")?,
        created_at: r.try_get("created_at")?,
    })
}

/// The one-off payments of a zaak, oldest first, with where each stands,
/// for the zaak page. Not logged: the page reads the zaak itself through
/// a logged path ([`crate::zaken::get`]).
pub async fn voor_zaak(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Vec<EenmaligeBetaling>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE e.zaak_id = $1 AND e.gemeente_code = $2 ORDER BY e.created_at, e.id"
    ))
    .bind(zaak_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// The one-off payments of a resident that the betaalrun of `maand` took
/// up, oldest first: the lines of that month's specification. Not logged:
/// the caller reads the zaak or benefit through a logged path.
pub async fn in_maand(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    maand: Maand,
) -> Result<Vec<EenmaligeBetaling>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE e.gemeente_code = $1 AND e.bsn = $2 AND r.maand = $3 ORDER BY e.created_at, e.id"
    ))
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .bind(maand.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// The payments of the gemeente no run has taken up yet whose first month
/// is `maand` or earlier, in id order: what the betaalrun of `maand` takes
/// up ([`opnemen`]).
pub async fn open_tot(db: &Db, scope: &Scope, maand: Maand) -> Result<Vec<EenmaligeBetaling>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE e.gemeente_code = $1 AND e.betaalrun_id IS NULL AND e.vanaf_maand <= $2 ORDER BY e.id"
    ))
    .bind(scope.gemeente.as_str())
    .bind(maand.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// One payment a run takes up, with what the bank file says of it.
#[derive(Debug, Clone)]
pub struct Opname {
    pub id: String,
    pub end_to_end_id: String,
    /// The text on the bank statement.
    pub sepa_omschrijving: String,
}

/// Payments per transaction when a run takes them up.
const PER_TX: usize = 500;

/// Take payments up in the run `run_id`, in transactions of a few hundred,
/// each with one log record per resident. A payment another run took up
/// meanwhile is left alone, and nothing is taken up in a released run.
/// Returns how many this call took up.
pub async fn opnemen(db: &Db, scope: &Scope, run_id: &str, opnames: &[Opname]) -> Result<u64> {
    let mut opgenomen = 0;
    for deel in opnames.chunks(PER_TX) {
        let now = now_utc();
        let mut tx = db.begin().await?;
        let mut betrokkenen = Vec::with_capacity(deel.len());
        for o in deel {
            let n = sqlx::query(
                "UPDATE eenmalige_betalingen SET betaalrun_id = $1, end_to_end_id = $2, sepa_omschrijving = $3 \
                 WHERE id = $4 AND gemeente_code = $5 AND betaalrun_id IS NULL \
                 AND EXISTS (SELECT 1 FROM betaalruns r WHERE r.id = $1 AND r.gemeente_code = $5 AND r.status <> 'vrijgegeven')",
            )
            .bind(run_id)
            .bind(&o.end_to_end_id)
            .bind(&o.sepa_omschrijving)
            .bind(&o.id)
            .bind(scope.gemeente.as_str())
            .execute(tx.conn())
            .await?
            .rows_affected();
            if n == 1 {
                let bsn: String = sqlx::query("SELECT bsn FROM eenmalige_betalingen WHERE id = $1")
                    .bind(&o.id)
                    .fetch_one(tx.conn())
                    .await?
                    .try_get("bsn")?;
                betrokkenen.push(db.logboek_subject(&Bsn::parse(&bsn)?));
                opgenomen += 1;
            }
        }
        // Paying uses the resident's data (the besluit, the account): one
        // record per payment taken up now.
        logboek::record_many(
            &mut tx,
            scope,
            &logboek::EENMALIG_BETALEN,
            Handeling::Schrijven,
            "betaalrun berekenen",
            &betrokkenen,
            &now,
        )
        .await?;
        tx.commit().await?;
    }
    Ok(opgenomen)
}

/// The one-off payments of a run, by name, as the approver checks them;
/// reading them is logged per resident.
pub async fn in_run(db: &Db, scope: &Scope, run_id: &str) -> Result<Vec<EenmaligeBetaling>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE e.betaalrun_id = $1 AND e.gemeente_code = $2 ORDER BY e.naam, e.id"
    ))
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(tx.conn())
    .await?;
    let uit = rows
        .iter()
        .map(from_row)
        .collect::<Result<Vec<EenmaligeBetaling>>>()?;
    let betrokkenen: Vec<String> = uit.iter().map(|e| db.logboek_subject(&e.bsn)).collect();
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::EENMALIG_BETALEN,
        Handeling::Lezen,
        "eenmalige betalingen betaalrun inzien",
        &betrokkenen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(uit)
}

//! The standard's `status` of a record, and writing records with another
//! status than `Ok`: a lookup that found nothing (`Unset`), a processing
//! that failed (`Error`, with `exception.message`).

use super::{Handeling, Verwerking, Verwerkingsactiviteit, bulk, subject_hash};
use crate::db::{Db, Tx};
use crate::{Result, Scope};
use gbi_domain::Bsn;
use serde::Serialize;

/// The outcome of a processing (`status` in the standard): `Unset` when it
/// ran without an internal error (also when it found nothing or the input
/// was refused), `Ok` when it is explicitly marked a success, `Error` when
/// it failed inside GBI or a register it asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    Unset,
    Ok,
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unset => "Unset",
            Status::Ok => "Ok",
            Status::Error => "Error",
        }
    }

    /// The status of a stored record; records from before the standard's
    /// statuses say `ok`.
    pub fn parse(stored: &str) -> Status {
        match stored {
            "Error" | "error" => Status::Error,
            "Unset" | "unset" => Status::Unset,
            _ => Status::Ok,
        }
    }
}

/// Append a record with another status than `Ok`: `Unset` for a
/// processing that ran but found nothing, `Error` (with what went wrong,
/// `exception.message`) for one that failed. A failed processing's own
/// transaction is rolled back, so call this in a transaction of its own.
pub async fn record_status(
    tx: &mut Tx,
    scope: &Scope,
    v: Verwerking<'_>,
    status: Status,
    fout: Option<&str>,
) -> Result<i64> {
    let betrokkene = subject_hash(&tx.keys.subject, v.betrokkene);
    let soort = bulk::Soort {
        activiteit: v.activiteit,
        handeling: v.handeling,
        naam: v.naam,
        start_time: &v.start_time,
        status,
        fout,
    };
    bulk::schrijf(tx, scope, &soort, &[betrokkene]).await
}

/// A failed processing of one resident, logged as `Error` in a transaction
/// of its own (the failed work's transaction is gone).
#[allow(clippy::too_many_arguments)]
pub async fn record_fout(
    db: &Db,
    scope: &Scope,
    activiteit: &'static Verwerkingsactiviteit,
    handeling: Handeling,
    betrokkene: &Bsn,
    naam: &str,
    start_time: &str,
    fout: &str,
) -> Result<()> {
    let v = Verwerking {
        activiteit,
        handeling,
        betrokkene,
        naam,
        start_time: start_time.to_owned(),
    };
    record_los(db, scope, v, Status::Error, Some(fout)).await
}

/// [`record_status`] in a transaction of its own: for a processing that
/// changes nothing else (a lookup that found nothing, a failure).
pub async fn record_los(
    db: &Db,
    scope: &Scope,
    v: Verwerking<'_>,
    status: Status,
    fout: Option<&str>,
) -> Result<()> {
    let mut tx = db.begin().await?;
    record_status(&mut tx, scope, v, status, fout).await?;
    tx.commit().await
}

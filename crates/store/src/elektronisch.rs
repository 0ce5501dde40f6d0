//! Consent to electronic delivery (Awb art. 2:14, eerste lid): a decision
//! only placed in the resident's online inbox counts as sent only when the
//! resident made known that they can be reached that way. Without it a
//! letter also goes on paper (see [`crate::printwachtrij`]).
//!
//! Every choice is a new row, never an update: what held when a letter was
//! made can always be shown. The newest row counts; no row means no
//! consent. Reading and recording are logged.

use crate::db::{Db, Tx};
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, now_utc};
use gbi_domain::Bsn;
use serde::Serialize;
use sqlx::Row;

/// Where a choice was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bron {
    /// On the portal page for this choice.
    Portaal,
    /// At the end of an application.
    Aanvraag,
}

impl Bron {
    pub fn code(self) -> &'static str {
        match self {
            Bron::Portaal => "portaal",
            Bron::Aanvraag => "aanvraag",
        }
    }
}

/// The resident's choice that counts now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Toestemming {
    /// Yes: decisions only online. No: on paper too.
    pub toestemming: bool,
    /// `portaal` or `aanvraag`.
    pub bron: String,
    /// When it was recorded (stored format, see [`crate::now_utc`]).
    pub vastgelegd_op: String,
}

/// Record the resident's choice. Logged as a write.
pub async fn vastleggen(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    toestemming: bool,
    bron: Bron,
    operation: &str,
) -> Result<Toestemming> {
    let mut tx = db.begin().await?;
    let t = vastleggen_in(&mut tx, scope, bsn, toestemming, bron, operation).await?;
    tx.commit().await?;
    Ok(t)
}

/// [`vastleggen`] inside a caller's transaction (e.g. submitting an
/// application).
pub(crate) async fn vastleggen_in(
    tx: &mut Tx,
    scope: &Scope,
    bsn: &Bsn,
    toestemming: bool,
    bron: Bron,
    operation: &str,
) -> Result<Toestemming> {
    let start = now_utc();
    sqlx::query(
        "INSERT INTO toestemmingen_elektronisch (id, gemeente_code, bsn, toestemming, bron, vastgelegd_op) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .bind(i64::from(toestemming))
    .bind(bron.code())
    .bind(&start)
    .execute(tx.conn())
    .await?;
    logboek::note(
        tx,
        scope,
        &logboek::TOESTEMMING_ELEKTRONISCH,
        Handeling::Schrijven,
        bsn,
        operation,
        &start,
    )
    .await?;
    Ok(Toestemming {
        toestemming,
        bron: bron.code().to_owned(),
        vastgelegd_op: start,
    })
}

/// The choice that counts now, if the resident made one. Logged as a read.
pub async fn huidig(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    operation: &str,
) -> Result<Option<Toestemming>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let t = huidig_in(&mut tx, scope, bsn).await?;
    logboek::note(
        &mut tx,
        scope,
        &logboek::TOESTEMMING_ELEKTRONISCH,
        Handeling::Lezen,
        bsn,
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(t)
}

/// The choice that counts now, inside a caller's transaction (which logs).
pub(crate) async fn huidig_in(
    tx: &mut Tx,
    scope: &Scope,
    bsn: &Bsn,
) -> Result<Option<Toestemming>> {
    let row = sqlx::query(
        "SELECT toestemming, bron, vastgelegd_op FROM toestemmingen_elektronisch \
         WHERE gemeente_code = $1 AND bsn = $2 ORDER BY vastgelegd_op DESC, id DESC LIMIT 1",
    )
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .fetch_optional(tx.conn())
    .await?;
    row.map(|r| {
        Ok(Toestemming {
            toestemming: r.try_get::<i64, _>("toestemming")? != 0,
            bron: r.try_get("bron")?,
            vastgelegd_op: r.try_get("vastgelegd_op")?,
        })
    })
    .transpose()
}

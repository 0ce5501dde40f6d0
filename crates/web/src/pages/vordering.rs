//! The claims (vorderingen) of a zaak or a resident as the werkplek shows
//! them ("Vordering: lening € X, open € X, grondslag …", `vordering.html`)
//! and the resident sees them on their zaak page in plain Dutch. Reading
//! them is logged by `gbi_store::vorderingen`.

use gbi_store::vorderingen::{self, Vordering};
use gbi_store::{Db, Scope, StoreError};

/// One claim, in words.
pub struct Regel {
    pub zaak_id: String,
    pub zaak_identificatie: String,
    /// "lening".
    pub soort: &'static str,
    pub hoofdsom: String,
    pub open: String,
    pub grondslag: String,
}

fn regel(v: Vordering) -> Regel {
    Regel {
        zaak_id: v.zaak_id,
        zaak_identificatie: v.zaak_identificatie,
        soort: v.soort.naam(),
        hoofdsom: v.hoofdsom.to_string(),
        open: v.open_bedrag.to_string(),
        grondslag: v.grondslag,
    }
}

/// The claims of a zaak, oldest first.
pub async fn voor_zaak(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    operation: &str,
) -> Result<Vec<Regel>, StoreError> {
    Ok(vorderingen::voor_zaak(db, scope, zaak_id, operation)
        .await?
        .into_iter()
        .map(regel)
        .collect())
}

/// Every claim on a resident in the scope's gemeente, oldest first.
pub async fn voor_inwoner(
    db: &Db,
    scope: &Scope,
    bsn: &gbi_domain::Bsn,
    operation: &str,
) -> Result<Vec<Regel>, StoreError> {
    Ok(vorderingen::voor_inwoner(db, scope, bsn, operation)
        .await?
        .into_iter()
        .map(regel)
        .collect())
}

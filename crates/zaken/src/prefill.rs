//! What BRP knows of an applicant and their household, shown at the start of
//! the form so the resident only answers what no register knows.

use chrono::NaiveDate;
use gbi_domain::{Bsn, TraceContext};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;

/// A person as the form shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Persoon {
    pub naam: String,
    pub geboortedatum: Option<NaiveDate>,
}

/// The household from BRP: the applicant, their address, partner, children
/// and the others registered at the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Huishouden {
    pub aanvrager: Persoon,
    pub adres: Vec<String>,
    pub partner: Option<Persoon>,
    pub kinderen: Vec<Persoon>,
    pub medebewoners: Vec<Persoon>,
}

pub type PrefillFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Option<Huishouden>, String>> + Send + 'a>>;

/// Looks up the household of a BSN in BRP (with a minimal field list, for
/// the purpose "aanvraag levensonderhoud"). `Ok(None)`: not registered.
pub trait Prefill: Send + Sync {
    fn huishouden<'a>(&'a self, bsn: &'a Bsn, trace: &'a TraceContext) -> PrefillFuture<'a>;
}

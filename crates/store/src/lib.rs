//! The data layer of GBI: the only crate that contains SQL.
//!
//! One code base serves SQLite (embedded, the default for `gbi serve`) and
//! PostgreSQL (production), through sqlx's `Any` driver and SQL that both
//! dialects share (see `docs/adr/0003-sqlite-and-postgresql.md`).
//!
//! Tenancy: every repository function takes a [`Scope`], which carries the
//! gemeente of the authenticated user; every query filters on it.
//! Processing log: every read or write of a resident's data writes a
//! [`logboek`] record in the same transaction.

pub mod aflossingen;
pub mod behandeling;
pub mod besluiten;
pub mod betaalrun_overzicht;
pub mod betalingen;
pub mod boetes;
mod db;
pub mod documenten;
pub mod eenmalige_betalingen;
pub mod elektronisch;
pub mod gemeenten;
pub mod hersteltermijn;
pub mod iit_uitnodigingen;
pub mod inkomsten;
pub mod inlogpogingen;
pub mod invordering;
pub mod inwoners;
pub mod kwijtscheldingen;
pub mod landelijk;
pub mod lease;
pub mod logboek;
pub mod looplijst;
pub mod machtigingen;
pub mod mail;
pub mod medewerkers;
mod migrate;
pub mod opslag;
pub mod portaal;
pub mod printwachtrij;
mod scope;
pub mod synthetisch;
pub mod terugvorderingen;
#[cfg(feature = "testing")]
pub mod testing;
mod time;
pub mod uitkeringen;
pub mod vorderingen;
pub mod werk;
pub mod wijzigingen;
pub mod zaaklijst;
pub mod zaken;
pub mod zorgverzekering;

pub use db::{Backend, Db, Secret, Tx};
pub use migrate::MigrationStatus;
pub use scope::{Actor, Scope};
pub use time::now_utc;

/// What went wrong in the data layer. `code()` is stable and machine-readable.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("de database is niet bereikbaar: {0}")]
    Unavailable(String),
    #[error("migratie {version} ({name}) is mislukt: {reason}")]
    Migration {
        version: i64,
        name: String,
        reason: String,
    },
    #[error("niet gevonden")]
    NotFound,
    #[error("bestaat al: {0}")]
    Conflict(String),
    #[error("gegevens zijn intussen door iemand anders gewijzigd")]
    StaleVersion,
    #[error("ongeldige gegevens in de database: {0}")]
    Corrupt(String),
    #[error("databasefout: {0}")]
    Database(String),
    #[error("ankerbestand van het logboek: {0}")]
    Ankerbestand(String),
    /// The object store of the document files refused or did not answer.
    #[error("documentopslag: {0}")]
    Documentopslag(String),
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Unavailable(_) => "database.onbereikbaar",
            StoreError::Migration { .. } => "database.migratie",
            StoreError::NotFound => "niet_gevonden",
            StoreError::Conflict(_) => "bestaat_al",
            StoreError::StaleVersion => "versie_verouderd",
            StoreError::Corrupt(_) => "database.corrupt",
            StoreError::Database(_) => "database.fout",
            StoreError::Ankerbestand(_) => "logboek.ankerbestand",
            StoreError::Documentopslag(_) => "documentopslag.fout",
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                StoreError::Conflict(d.message().to_owned())
            }
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Tls(_) => StoreError::Unavailable(e.to_string()),
            sqlx::Error::ColumnDecode { .. }
            | sqlx::Error::Decode(_)
            | sqlx::Error::ColumnNotFound(_) => StoreError::Corrupt(e.to_string()),
            _ => StoreError::Database(e.to_string()),
        }
    }
}

impl From<gbi_domain::ParseError> for StoreError {
    fn from(e: gbi_domain::ParseError) -> Self {
        StoreError::Corrupt(format!("{}: {}", e.code, e.message))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

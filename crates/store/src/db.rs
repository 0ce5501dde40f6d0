use crate::{Result, StoreError};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::sync::{Arc, Once};
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// Which database engine is behind a [`Db`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The installation secret. Keys for the processing log are derived from it:
/// one to hash data subjects (BSNs), one to seal the hash chain, one to sign
/// the anchors of the chain heads. Its `Debug`
/// never shows the bytes.
#[derive(Clone)]
pub struct Secret(Arc<[u8]>);

impl Secret {
    /// At least 32 bytes.
    pub fn new(bytes: Vec<u8>) -> Result<Self, String> {
        if bytes.len() < 32 {
            return Err(
                "de geheime sleutel moet minstens 32 bytes (64 hexadecimale tekens) lang zijn"
                    .into(),
            );
        }
        Ok(Self(bytes.into()))
    }

    pub fn from_hex(s: &str) -> Result<Self, String> {
        let bytes = hex::decode(s.trim())
            .map_err(|_| "de geheime sleutel is geen geldige hexadecimale tekst".to_owned())?;
        Self::new(bytes)
    }

    pub fn generate() -> Self {
        use rand::RngCore;
        let mut b = vec![0u8; 32];
        rand::thread_rng().fill_bytes(&mut b);
        Self(b.into())
    }

    pub fn to_hex(&self) -> String {
        hex::encode(&self.0)
    }

    pub(crate) fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut m = mac(&self.0);
        m.update(purpose.as_bytes());
        m.finalize().into_bytes().into()
    }
}

/// HMAC-SHA256 keyed with `key`. HMAC takes keys of any length, so the
/// fallible constructor cannot fail; the fallback only satisfies the type.
pub(crate) fn mac(key: &[u8]) -> Hmac<Sha256> {
    <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| <Hmac<Sha256> as hmac::digest::KeyInit>::new(&Default::default()))
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

pub(crate) struct Keys {
    pub subject: [u8; 32],
    pub chain: [u8; 32],
    /// Signs the anchors of the chain heads outside the database.
    pub anchor: [u8; 32],
}

/// A connection pool to SQLite or PostgreSQL, with the keys of the
/// processing log.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time; taking this lock before `BEGIN` keeps
    /// write transactions from failing with SQLITE_BUSY on lock upgrade.
    sqlite_writer: Arc<Mutex<()>>,
    /// PostgreSQL only: native connections for bulk writes with `COPY`,
    /// which the database-independent driver cannot do (see
    /// [`crate::logboek::record_many_standalone`]).
    pg_bulk: Option<sqlx::PgPool>,
    pub(crate) keys: Arc<Keys>,
    /// Read records of pages, committed together ([`crate::logboek::record_gebundeld`]).
    pub(crate) bundel: Arc<crate::logboek::bundel::Bundel>,
    /// Where the files of documents are kept (default: the database).
    documentopslag: crate::opslag::Documentopslag,
}

static DRIVERS: Once = Once::new();

impl Db {
    /// Connect to `url` (`sqlite:///path/gbi.sqlite3` or `postgres://…`).
    pub async fn connect(url: &str, secret: &Secret, max_connections: u32) -> Result<Db> {
        DRIVERS.call_once(install_default_drivers);
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::Unavailable(
                "de database-URL moet beginnen met sqlite: of postgres://".into(),
            ));
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_owned(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 15000; \
                             PRAGMA cache_size = -65536;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|e| StoreError::Unavailable(redact(&e.to_string())))?;
        let keys = Keys {
            subject: secret.derive("gbi/logboek/betrokkene"),
            chain: secret.derive("gbi/logboek/keten"),
            anchor: secret.derive("gbi/logboek/anker"),
        };
        // Connected on first use: most processes never write in bulk.
        let pg_bulk = match backend {
            Backend::Postgres => Some(
                sqlx::postgres::PgPoolOptions::new()
                    .max_connections(2)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_lazy(&url)
                    .map_err(|e| StoreError::Unavailable(redact(&e.to_string())))?,
            ),
            Backend::Sqlite => None,
        };
        Ok(Db {
            pool,
            backend,
            sqlite_writer: Arc::new(Mutex::new(())),
            pg_bulk,
            keys: Arc::new(keys),
            bundel: Arc::default(),
            documentopslag: crate::opslag::Documentopslag::default(),
        })
    }

    /// The same database, with document files kept in `opslag`.
    pub fn met_documentopslag(mut self, opslag: crate::opslag::Documentopslag) -> Db {
        self.documentopslag = opslag;
        self
    }

    /// Where the files of documents are kept.
    pub fn documentopslag(&self) -> &crate::opslag::Documentopslag {
        &self.documentopslag
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A cheap round trip, for readiness checks.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Start a transaction that will write. Everything that belongs to one
    /// state change, including its processing-log records, goes in one.
    pub async fn begin(&self) -> Result<Tx> {
        let guard = match self.backend {
            Backend::Sqlite => Some(self.sqlite_writer.clone().lock_owned().await),
            Backend::Postgres => None,
        };
        let tx = self.pool.begin().await?;
        Ok(Tx {
            tx,
            _guard: guard,
            keys: self.keys.clone(),
            opruimen: crate::opslag::Opruimen {
                opslag: self.documentopslag.clone(),
                keys: Vec::new(),
            },
        })
    }

    /// The native PostgreSQL pool for `COPY`; `None` on SQLite.
    pub(crate) fn pg_bulk(&self) -> Option<&sqlx::PgPool> {
        self.pg_bulk.as_ref()
    }

    pub async fn close(&self) {
        if let Some(p) = &self.pg_bulk {
            p.close().await;
        }
        self.pool.close().await;
    }
}

/// Never let a password from a database URL reach a log line or an error.
pub(crate) fn redact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_inclusive(char::is_whitespace) {
        if let (Some(scheme), Some(at)) = (word.find("://"), word.rfind('@'))
            && at > scheme
        {
            out.push_str(&word[..scheme + 3]);
            out.push_str("***");
            out.push_str(&word[at..]);
            continue;
        }
        out.push_str(word);
    }
    out
}

/// A write transaction. Dropping it without `commit` rolls back, and
/// removes the objects it wrote to the document store.
pub struct Tx {
    tx: Transaction<'static, Any>,
    _guard: Option<OwnedMutexGuard<()>>,
    pub(crate) keys: Arc<Keys>,
    /// Objects written to the document store in this transaction.
    pub(crate) opruimen: crate::opslag::Opruimen,
}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        let Tx {
            tx, mut opruimen, ..
        } = self;
        tx.commit().await?;
        opruimen.keys.clear();
        Ok(())
    }

    pub(crate) fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_in_urls() {
        assert_eq!(
            redact("error connecting to postgres://gbi:geheim@db:5432/gbi failed"),
            "error connecting to postgres://***@db:5432/gbi failed"
        );
        assert_eq!(redact("no url here"), "no url here");
    }

    #[test]
    fn secret_needs_32_bytes_and_hides_itself() {
        assert!(Secret::from_hex("abcd").is_err());
        let s = Secret::generate();
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(Secret::from_hex(&s.to_hex()).unwrap().to_hex(), s.to_hex());
    }
}

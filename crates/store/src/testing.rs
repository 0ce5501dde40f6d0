//! Test support (feature `testing`): a fresh, migrated database per test, on
//! the backend chosen by the environment:
//!
//! - `GBI_TEST_DB=sqlite` (default): a new SQLite file in a temporary folder;
//! - `GBI_TEST_DB=postgres`: a new database on the server of
//!   `GBI_TEST_DATABASE_URL` (default `postgres://postgres@localhost:5432/postgres`),
//!   dropped again when the test ends.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use crate::db::{Backend, Db, Secret};
use sqlx::any::install_default_drivers;
use sqlx::{Connection, Executor, Row};

pub fn backend() -> Backend {
    match std::env::var("GBI_TEST_DB").as_deref() {
        Ok("postgres") | Ok("postgresql") | Ok("pg") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

fn admin_url() -> String {
    std::env::var("GBI_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@localhost:5432/postgres".into())
}

/// An empty database (not migrated) that lives as long as this value.
pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl TestDatabase {
    pub async fn new() -> TestDatabase {
        install_default_drivers();
        match backend() {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("gbi.sqlite3").display());
                TestDatabase {
                    url,
                    backend: Backend::Sqlite,
                    _dir: Some(dir),
                    pg_name: None,
                }
            }
            Backend::Postgres => {
                let admin = admin_url();
                let name = format!("gbi_t_{}", uuid::Uuid::new_v4().simple());
                let mut conn = sqlx::AnyConnection::connect(&admin)
                    .await
                    .expect("connect to PostgreSQL (GBI_TEST_DATABASE_URL)");
                conn.execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("create test database");
                let _ = conn.close().await;
                TestDatabase {
                    url: with_database(&admin, &name),
                    backend: Backend::Postgres,
                    _dir: None,
                    pg_name: Some(name),
                }
            }
        }
    }

    /// Connect and migrate, with a fresh secret.
    pub async fn connect(&self) -> Db {
        let db = Db::connect(&self.url, &Secret::generate(), 8)
            .await
            .expect("connect to test database");
        db.migrate().await.expect("migrate test database");
        db
    }
}

/// Replace the database name in a PostgreSQL URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{host_part}/{name}{query}")
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = self.pg_name.take() {
            let admin = admin_url();
            // Drop runs outside async context; use a small runtime of its own.
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    rt.block_on(async {
                        if let Ok(mut conn) = sqlx::AnyConnection::connect(&admin).await {
                            let _ = conn
                                .execute(
                                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                                )
                                .await;
                            let _ = conn.close().await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

/// A fresh migrated database and its keeper.
pub async fn fresh() -> (Db, TestDatabase) {
    let t = TestDatabase::new().await;
    let db = t.connect().await;
    (db, t)
}

/// The tables of the schema (excluding bookkeeping), for tests that check
/// every table. Installation-wide bookkeeping is left out: the migrations,
/// the leases of several instances (`lease`), and login attempts (made before anyone is known to belong to a gemeente:
/// a user name and an address, to throttle guessing).
pub async fn tables(db: &Db) -> Vec<String> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
        }
    };
    let rows = sqlx::query(sql).fetch_all(db.pool()).await.unwrap();
    rows.iter()
        .map(|r| r.get::<String, _>("t"))
        .filter(|t| t != "schema_migrations" && t != "inlogpogingen" && t != "leases")
        .collect()
}

/// Whether `table` has a `gemeente_code` column.
pub async fn has_gemeente_code(db: &Db, table: &str) -> bool {
    let sql = match db.backend() {
        Backend::Sqlite => format!(
            "SELECT COUNT(*) AS n FROM pragma_table_info('{table}') WHERE name = 'gemeente_code'"
        ),
        Backend::Postgres => format!(
            "SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' AND column_name = 'gemeente_code'"
        ),
    };
    let n: i64 = sqlx::query(&sql)
        .fetch_one(db.pool())
        .await
        .unwrap()
        .get("n");
    n == 1
}

/// Every row of every table that belongs to `gemeente`, as text, in a stable
/// order: compare before and after to prove nothing of it changed.
pub async fn gemeente_fingerprint(db: &Db, gemeente: &str) -> String {
    let mut out = String::new();
    for table in tables(db).await {
        let rows = sqlx::query(&format!("SELECT * FROM {table} WHERE gemeente_code = $1"))
            .bind(gemeente)
            .fetch_all(db.pool())
            .await
            .unwrap();
        let mut lines: Vec<String> = rows
            .iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| {
                        r.try_get::<Option<String>, _>(i)
                            .map(|v| v.unwrap_or_default())
                            .or_else(|_| {
                                r.try_get::<Option<i64>, _>(i)
                                    .map(|v| v.map(|n| n.to_string()).unwrap_or_default())
                            })
                            .unwrap_or_else(|_| "?".into())
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        lines.sort();
        out.push_str(&format!(
            "## {table} ({})\n{}\n",
            lines.len(),
            lines.join("\n")
        ));
    }
    out
}

/// Run raw SQL, e.g. to tamper with data the way an attacker with database
/// access would, and check that GBI notices.
pub async fn execute(db: &Db, sql: &str) {
    db.pool().execute(sql).await.unwrap();
}

/// Every payment of a gemeente's month: (uitkering, bedrag in cents).
pub async fn betalingen_van_maand(db: &Db, gemeente: &str, maand: &str) -> Vec<(String, i64)> {
    let rows = sqlx::query(
        "SELECT uitkering_id, bedrag FROM betalingen WHERE gemeente_code = $1 AND maand = $2",
    )
    .bind(gemeente)
    .bind(maand)
    .fetch_all(db.pool())
    .await
    .unwrap();
    rows.iter()
        .map(|r| {
            (
                r.get::<String, _>("uitkering_id"),
                r.get::<i64, _>("bedrag"),
            )
        })
        .collect()
}

/// A decided zaak of `gemeente` with a running benefit from `ingangsdatum`
/// whose right the rules compute from `huishouden` (JSON of
/// `gbi_rules::Huishouden`), for tests of the month ledger. Returns the zaak id.
pub async fn lopende_uitkering(
    db: &Db,
    gemeente: &str,
    bsn: &str,
    naam: &str,
    ingangsdatum: &str,
    huishouden: &serde_json::Value,
) -> String {
    let now = crate::now_utc();
    let zaak_id = uuid::Uuid::new_v4().to_string();
    let mut tx = db.begin().await.unwrap();
    sqlx::query(
        "INSERT INTO zaken (id, gemeente_code, identificatie, zaaktype, bsn, kanaal, status, registratiedatum, termijn, aanvraag, \
         concept_id, resultaat, einddatum, versie, created_at, updated_at) \
         VALUES ($1, $2, $3, 'ALO', $4, 'synthetisch', 'afgehandeld', $5, '{}', '{}', $6, 'toegekend', $5, 1, $7, $7)",
    )
    .bind(&zaak_id)
    .bind(gemeente)
    .bind(format!("TEST-{gemeente}-{}", &zaak_id[..8]))
    .bind(bsn)
    .bind(ingangsdatum)
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&now)
    .execute(tx.conn())
    .await
    .unwrap();
    sqlx::query("INSERT INTO zaak_rollen (id, gemeente_code, zaak_id, roltype, bsn, naam, created_at) VALUES ($1, $2, $3, 'aanvrager', $4, $5, $6)")
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(gemeente)
        .bind(&zaak_id)
        .bind(bsn)
        .bind(naam)
        .bind(&now)
        .execute(tx.conn())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO uitkeringen (id, gemeente_code, zaak_id, bsn, regeling, ingangsdatum, bedrag_per_maand, iban, status, created_at, huishouden) \
         VALUES ($1, $2, $3, $4, 'algemene_bijstand', $5, 0, 'NL91ABNA0417164300', 'lopend', $6, $7)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(gemeente)
    .bind(&zaak_id)
    .bind(bsn)
    .bind(ingangsdatum)
    .bind(&now)
    .bind(huishouden.to_string())
    .execute(tx.conn())
    .await
    .unwrap();
    tx.commit().await.unwrap();
    zaak_id
}

/// Where a document's file is, as its row says: the `opslag` column (the
/// object key, or `None` when the file is in the row) and the `inhoud` column.
pub async fn document_rij(db: &Db, id: &str) -> Option<(Option<String>, Vec<u8>)> {
    let row = sqlx::query("SELECT opslag, inhoud FROM documenten WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .unwrap()?;
    Some((row.get("opslag"), row.get("inhoud")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_database_name() {
        assert_eq!(
            super::with_database("postgres://u:p@h:5432/postgres", "x"),
            "postgres://u:p@h:5432/x"
        );
        assert_eq!(
            super::with_database("postgres://h/postgres?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
        assert_eq!(super::with_database("postgres://h", "x"), "postgres://h/x");
    }
}

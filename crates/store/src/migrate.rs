//! Schema migrations, embedded in the binary and run on start (`gbi serve`)
//! or on demand (`gbi migrate`). Each migration runs in its own transaction
//! and is recorded with a checksum, so an edited migration is detected.

use crate::db::{Backend, Db};
use crate::{Result, StoreError, now_utc};
use sha2::{Digest, Sha256};
use sqlx::{Executor, Row};

struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sql: include_str!("../migrations/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "zaken",
        sql: include_str!("../migrations/0002_zaken.sql"),
    },
    Migration {
        version: 3,
        name: "behandeling",
        sql: include_str!("../migrations/0003_behandeling.sql"),
    },
    Migration {
        version: 4,
        name: "uitkeringen",
        sql: include_str!("../migrations/0004_uitkeringen.sql"),
    },
    Migration {
        version: 5,
        name: "betalingen",
        sql: include_str!("../migrations/0005_betalingen.sql"),
    },
    Migration {
        version: 6,
        name: "grootboek",
        sql: include_str!("../migrations/0006_grootboek.sql"),
    },
    Migration {
        version: 7,
        name: "wijzigingen",
        sql: include_str!("../migrations/0007_wijzigingen.sql"),
    },
    Migration {
        version: 8,
        name: "looplijst",
        sql: include_str!("../migrations/0008_looplijst.sql"),
    },
    Migration {
        version: 9,
        name: "machtigingen",
        sql: include_str!("../migrations/0009_machtigingen.sql"),
    },
    Migration {
        version: 10,
        name: "wijziging_vier_ogen",
        sql: include_str!("../migrations/0010_wijziging_vier_ogen.sql"),
    },
    Migration {
        version: 11,
        name: "betaalrun_uitzonderingen",
        sql: include_str!("../migrations/0011_betaalrun_uitzonderingen.sql"),
    },
    Migration {
        version: 12,
        name: "elektronisch_bericht",
        sql: include_str!("../migrations/0012_elektronisch_bericht.sql"),
    },
    Migration {
        version: 13,
        name: "hersteltermijn_antwoorden",
        sql: include_str!("../migrations/0013_hersteltermijn_antwoorden.sql"),
    },
    Migration {
        version: 14,
        name: "inloggen_beveiligd",
        sql: include_str!("../migrations/0014_inloggen_beveiligd.sql"),
    },
    Migration {
        version: 15,
        name: "vertegenwoordiging",
        sql: include_str!("../migrations/0015_vertegenwoordiging.sql"),
    },
    Migration {
        version: 16,
        name: "eenmalige_betalingen",
        sql: include_str!("../migrations/0016_eenmalige_betalingen.sql"),
    },
    Migration {
        version: 17,
        name: "collectieve_zorgverzekering",
        sql: include_str!("../migrations/0017_collectieve_zorgverzekering.sql"),
    },
    Migration {
        version: 18,
        name: "iit_uitnodigingen",
        sql: include_str!("../migrations/0018_iit_uitnodigingen.sql"),
    },
    Migration {
        version: 19,
        name: "periodieke_bijzondere_bijstand",
        sql: include_str!("../migrations/0019_periodieke_bijzondere_bijstand.sql"),
    },
    Migration {
        version: 20,
        name: "vorderingen",
        sql: include_str!("../migrations/0020_vorderingen.sql"),
    },
    Migration {
        version: 21,
        name: "invordering",
        sql: include_str!("../migrations/0021_invordering.sql"),
    },
    Migration {
        version: 22,
        name: "boetes",
        sql: include_str!("../migrations/0022_boetes.sql"),
    },
    Migration {
        version: 23,
        name: "aanmaning",
        sql: include_str!("../migrations/0023_aanmaning.sql"),
    },
    Migration {
        version: 24,
        name: "interventieladder",
        sql: include_str!("../migrations/0024_interventieladder.sql"),
    },
    Migration {
        version: 25,
        name: "leases",
        sql: include_str!("../migrations/0025_leases.sql"),
    },
    Migration {
        version: 26,
        name: "lijst_indexen",
        sql: include_str!("../migrations/0026_lijst_indexen.sql"),
    },
    Migration {
        version: 27,
        name: "logboek_index",
        sql: include_str!("../migrations/0027_logboek_index.sql"),
    },
    Migration {
        version: 28,
        name: "document_opslag",
        sql: include_str!("../migrations/0028_document_opslag.sql"),
    },
    Migration {
        version: 29,
        name: "logboek_standaard",
        sql: include_str!("../migrations/0029_logboek_standaard.sql"),
    },
];

/// Where the schema stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    pub applied: i64,
    pub latest: i64,
}

impl MigrationStatus {
    pub fn is_current(&self) -> bool {
        self.applied == self.latest
    }
}

const ALLEEN_POSTGRES: &str = "{{POSTGRES}}";

fn dialect(sql: &str, backend: Backend) -> String {
    match backend {
        Backend::Sqlite => sql
            .replace("{{BLOB}}", "BLOB")
            .replace("{{SERIAL}}", "INTEGER PRIMARY KEY AUTOINCREMENT")
            .replace("{{USING_HASH}} ", ""),
        Backend::Postgres => sql
            .replace("{{BLOB}}", "BYTEA")
            .replace("{{SERIAL}}", "BIGSERIAL PRIMARY KEY")
            .replace("{{USING_HASH}}", "USING hash"),
    }
}

fn checksum(sql: &str) -> String {
    hex::encode(Sha256::digest(sql.as_bytes()))
}

impl Db {
    /// Apply every migration that has not run yet. Returns how many ran.
    pub async fn migrate(&self) -> Result<usize> {
        let mut setup = self.begin().await?;
        setup
            .conn()
            .execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, \
                 name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )
            .await?;
        setup.commit().await?;

        let mut ran = 0;
        for m in MIGRATIONS {
            let mut tx = self.begin().await?;
            let existing = sqlx::query("SELECT checksum FROM schema_migrations WHERE version = $1")
                .bind(m.version)
                .fetch_optional(tx.conn())
                .await?;
            if let Some(row) = existing {
                let stored: String = row.try_get("checksum")?;
                if stored != checksum(m.sql) {
                    return Err(StoreError::Migration {
                        version: m.version,
                        name: m.name.into(),
                        reason: "deze migratie is gewijzigd nadat ze is uitgevoerd".into(),
                    });
                }
                continue;
            }
            let sql = dialect(m.sql, self.backend());
            for statement in split_statements(&sql) {
                // `{{POSTGRES}}` marks a statement only PostgreSQL runs.
                let statement = match statement.strip_prefix(ALLEEN_POSTGRES) {
                    Some(rest) if self.backend() == Backend::Postgres => rest,
                    Some(_) => continue,
                    None => statement,
                };
                tx.conn()
                    .execute(statement)
                    .await
                    .map_err(|e| StoreError::Migration {
                        version: m.version,
                        name: m.name.into(),
                        reason: e.to_string(),
                    })?;
            }
            sqlx::query("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)")
                .bind(m.version)
                .bind(m.name)
                .bind(checksum(m.sql))
                .bind(now_utc())
                .execute(tx.conn())
                .await?;
            tx.commit().await?;
            ran += 1;
        }
        Ok(ran)
    }

    /// How far the schema is migrated; for `/health/ready`.
    pub async fn migration_status(&self) -> Result<MigrationStatus> {
        let latest = MIGRATIONS.last().map(|m| m.version).unwrap_or(0);
        let applied = match sqlx::query("SELECT MAX(version) AS v FROM schema_migrations")
            .fetch_one(self.pool())
            .await
        {
            Ok(row) => row.try_get::<Option<i64>, _>("v")?.unwrap_or(0),
            Err(sqlx::Error::Database(_)) => 0, // table does not exist yet
            Err(e) => return Err(e.into()),
        };
        Ok(MigrationStatus { applied, latest })
    }
}

/// Split a migration file into statements at semicolons that end a line,
/// leaving out comment lines.
fn split_statements(sql: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, line) in sql.split_inclusive('\n').scan(0, |pos, l| {
        let s = *pos;
        *pos += l.len();
        Some((s, l))
    }) {
        if line.trim_end().ends_with(';') && !line.trim_start().starts_with("--") {
            let end = i + line.trim_end().len() - 1;
            let stmt = strip_comments(&sql[start..end]);
            if !stmt.is_empty() {
                out.push(stmt);
            }
            start = i + line.len();
        }
    }
    out
}

fn strip_comments(s: &str) -> &str {
    let mut t = s.trim();
    while t.starts_with("--") {
        t = t
            .split_once('\n')
            .map(|(_, rest)| rest.trim())
            .unwrap_or("");
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_statements_and_skips_comments() {
        let sql = "-- a comment;\nCREATE TABLE a (x TEXT);\n\n-- more\nCREATE INDEX i ON a (x);\n";
        assert_eq!(
            split_statements(sql),
            vec!["CREATE TABLE a (x TEXT)", "CREATE INDEX i ON a (x)"]
        );
    }

    #[test]
    fn versions_increase() {
        for pair in MIGRATIONS.windows(2) {
            assert!(pair[0].version < pair[1].version);
        }
    }
}

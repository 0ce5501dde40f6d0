//! Staff members (medewerkers) and their login sessions.

use crate::db::Db;
use crate::time::utc_in;
use crate::{Result, Scope, StoreError, now_utc};
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use gbi_domain::{GemeenteCode, Rol};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// How long a session lasts: one working day.
pub const SESSION_SECONDS: i64 = 9 * 3600;
/// A session not used for this long ends (idle timeout): a workplace left
/// open does not stay logged in.
pub const IDLE_SECONDS: i64 = 30 * 60;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Medewerker {
    pub id: String,
    pub gemeente_code: GemeenteCode,
    pub gebruikersnaam: String,
    pub naam: String,
    pub rollen: Vec<Rol>,
}

impl Medewerker {
    pub fn has(&self, rol: Rol) -> bool {
        self.rollen.contains(&rol)
    }
}

/// A new staff member.
pub struct NewMedewerker<'a> {
    pub gebruikersnaam: &'a str,
    pub naam: &'a str,
    pub rollen: &'a [Rol],
    /// An Argon2 PHC string, from [`hash_password`].
    pub wachtwoord_hash: &'a str,
}

/// Hash a password with Argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Database(format!("wachtwoord hashen mislukt: {e}")))
}

fn rollen_to_text(rollen: &[Rol]) -> String {
    rollen
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(",")
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<Medewerker> {
    let rollen: String = r.try_get("rollen")?;
    Ok(Medewerker {
        id: r.try_get("id")?,
        gemeente_code: GemeenteCode::parse(&r.try_get::<String, _>("gemeente_code")?)?,
        gebruikersnaam: r.try_get("gebruikersnaam")?,
        naam: r.try_get("naam")?,
        rollen: rollen.split(',').filter_map(Rol::parse).collect(),
    })
}

const COLUMNS: &str = "id, gemeente_code, gebruikersnaam, naam, rollen";

/// Add a staff member to a gemeente, or update name, roles and password of
/// the one with the same user name in that gemeente (used by demo seeding).
pub async fn upsert(db: &Db, gemeente: &GemeenteCode, m: NewMedewerker<'_>) -> Result<String> {
    let mut tx = db.begin().await?;
    let existing =
        sqlx::query("SELECT id, gemeente_code FROM medewerkers WHERE gebruikersnaam = $1")
            .bind(m.gebruikersnaam)
            .fetch_optional(tx.conn())
            .await?;
    let id = match existing {
        Some(row) => {
            let id: String = row.try_get("id")?;
            let code: String = row.try_get("gemeente_code")?;
            if code != gemeente.as_str() {
                return Err(StoreError::Conflict(format!(
                    "gebruikersnaam {} is al in gebruik",
                    m.gebruikersnaam
                )));
            }
            sqlx::query(
                "UPDATE medewerkers SET naam = $1, rollen = $2, wachtwoord_hash = $3 WHERE id = $4",
            )
            .bind(m.naam)
            .bind(rollen_to_text(m.rollen))
            .bind(m.wachtwoord_hash)
            .bind(&id)
            .execute(tx.conn())
            .await?;
            id
        }
        None => {
            let id = uuid::Uuid::new_v4().to_string();
            sqlx::query(
                "INSERT INTO medewerkers (id, gemeente_code, gebruikersnaam, naam, rollen, wachtwoord_hash, actief, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 1, $7)",
            )
            .bind(&id)
            .bind(gemeente.as_str())
            .bind(m.gebruikersnaam)
            .bind(m.naam)
            .bind(rollen_to_text(m.rollen))
            .bind(m.wachtwoord_hash)
            .bind(now_utc())
            .execute(tx.conn())
            .await?;
            id
        }
    };
    tx.commit().await?;
    Ok(id)
}

/// The staff of the scope's gemeente.
pub async fn list(db: &Db, scope: &Scope) -> Result<Vec<Medewerker>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM medewerkers WHERE gemeente_code = $1 AND actief = 1 ORDER BY naam"
    ))
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// A newly created session: the token goes to the client once; only its
/// hash is stored.
pub struct NewSession {
    pub token: String,
    pub medewerker: Medewerker,
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Check a user name and password; on success open a session. A wrong user
/// name and a wrong password give the same answer (`None`), and take the
/// same time.
pub async fn login(db: &Db, gebruikersnaam: &str, wachtwoord: &str) -> Result<Option<NewSession>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, wachtwoord_hash FROM medewerkers WHERE gebruikersnaam = $1 AND actief = 1"
    ))
    .bind(gebruikersnaam.trim())
    .fetch_optional(db.pool())
    .await?;
    let (medewerker, stored) = match &row {
        Some(r) => (
            Some(from_row(r)?),
            r.try_get::<String, _>("wachtwoord_hash")?,
        ),
        None => (None, DUMMY_HASH.to_owned()),
    };
    let password = wachtwoord.to_owned();
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| StoreError::Database(e.to_string()))?;
    let Some(medewerker) = medewerker.filter(|_| ok) else {
        return Ok(None);
    };
    open_session(db, medewerker).await.map(Some)
}

/// A new session for a staff member who proved who they are.
async fn open_session(db: &Db, medewerker: Medewerker) -> Result<NewSession> {
    let token = {
        use rand::RngCore;
        let mut b = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut b);
        hex::encode(b)
    };
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM sessies WHERE expires_at < $1")
        .bind(now_utc())
        .execute(tx.conn())
        .await?;
    sqlx::query(
        "INSERT INTO sessies (token_hash, gemeente_code, medewerker_id, created_at, expires_at, laatst_gebruikt) VALUES ($1, $2, $3, $4, $5, $4)",
    )
    .bind(token_hash(&token))
    .bind(medewerker.gemeente_code.as_str())
    .bind(&medewerker.id)
    .bind(now_utc())
    .bind(utc_in(SESSION_SECONDS))
    .execute(tx.conn())
    .await?;
    tx.commit().await?;
    Ok(NewSession { token, medewerker })
}

/// A valid hash of a random password, checked when the user name does not
/// exist so that both failures cost the same.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3yP5o2VY3GTr4ZqQfRR0J5bZnHqW6pWvO7g1Qm9cV9A";

/// The staff member behind a session token, if the session is valid.
pub async fn by_session(db: &Db, token: &str) -> Result<Option<Medewerker>> {
    let row = sqlx::query(
        "SELECT m.id, m.gemeente_code, m.gebruikersnaam, m.naam, m.rollen FROM sessies s \
         JOIN medewerkers m ON m.id = s.medewerker_id AND m.gemeente_code = s.gemeente_code \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.laatst_gebruikt > $3 AND m.actief = 1",
    )
    .bind(token_hash(token))
    .bind(now_utc())
    .bind(utc_in(-IDLE_SECONDS))
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    // Used now: the idle time starts again (written at most once a minute).
    sqlx::query(
        "UPDATE sessies SET laatst_gebruikt = $1 WHERE token_hash = $2 AND laatst_gebruikt < $3",
    )
    .bind(now_utc())
    .bind(token_hash(token))
    .bind(utc_in(-60))
    .execute(db.pool())
    .await?;
    from_row(&row).map(Some)
}

/// The password hash of an account that logs in only through the
/// gemeente's single sign-on: no password matches it.
pub const ALLEEN_SSO: &str = "!sso";

/// A staff member the gemeente's identity provider vouched for: the account
/// is made or brought up to date (name, and the roles the provider's groups
/// give: a group taken away there is a role taken away here), then a session
/// opens. A local account with the same user name (with a password, such as
/// the emergency account) is never taken over; a deactivated account stays
/// out.
pub async fn sso_login(
    db: &Db,
    gemeente: &GemeenteCode,
    gebruikersnaam: &str,
    naam: &str,
    rollen: &[Rol],
) -> Result<NewSession> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, wachtwoord_hash, actief FROM medewerkers WHERE gebruikersnaam = $1"
    ))
    .bind(gebruikersnaam)
    .fetch_optional(db.pool())
    .await?;
    if let Some(r) = &row {
        let bestaand = from_row(r)?;
        let hash: String = r.try_get("wachtwoord_hash")?;
        let actief: i64 = r.try_get("actief")?;
        if bestaand.gemeente_code != *gemeente || hash != ALLEEN_SSO {
            return Err(StoreError::Conflict(format!(
                "gebruikersnaam {gebruikersnaam} is al in gebruik voor een ander account"
            )));
        }
        if actief != 1 {
            return Err(StoreError::Conflict(format!(
                "het account {gebruikersnaam} is uitgeschakeld"
            )));
        }
    }
    let id = upsert(
        db,
        gemeente,
        NewMedewerker {
            gebruikersnaam,
            naam,
            rollen,
            wachtwoord_hash: ALLEEN_SSO,
        },
    )
    .await?;
    let medewerker = Medewerker {
        id,
        gemeente_code: *gemeente,
        gebruikersnaam: gebruikersnaam.to_owned(),
        naam: naam.to_owned(),
        rollen: rollen.to_vec(),
    };
    open_session(db, medewerker).await
}

/// End a session.
pub async fn logout(db: &Db, token: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM sessies WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(tx.conn())
        .await?;
    tx.commit().await
}

/// The accounts of demo gemeenten (user name, gemeente, roles), for the
/// login page in demo mode. Real gemeenten never appear here.
pub async fn demo_accounts(db: &Db) -> Result<Vec<(String, String, String)>> {
    let rows = sqlx::query(
        "SELECT m.gebruikersnaam, g.naam, m.rollen FROM medewerkers m JOIN gemeenten g ON g.gemeente_code = m.gemeente_code \
         WHERE g.demo = 1 AND m.actief = 1 ORDER BY g.naam, m.gebruikersnaam",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let rollen: String = r.try_get("rollen")?;
            let labels: Vec<&str> = rollen
                .split(',')
                .filter_map(Rol::parse)
                .map(Rol::label)
                .collect();
            Ok((
                r.try_get("gebruikersnaam")?,
                r.try_get("naam")?,
                labels.join(", "),
            ))
        })
        .collect()
}

//! Login attempts with a password: each is recorded before the password is
//! checked, so guesses in parallel count too; too many failures for one
//! account or from one address lock further attempts for a while. Failed
//! attempts stay on record with the user name they tried.

use crate::db::Db;
use crate::{Result, now_utc};
use sqlx::Row;

/// Failures in [`VENSTER_SECONDEN`] after which an account is locked.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failures in [`VENSTER_SECONDEN`] after which an address is locked.
pub const MAX_PER_ADRES: i64 = 30;
/// The window, and so the lock: 15 minutes after the failures.
pub const VENSTER_SECONDEN: i64 = 15 * 60;

/// May this attempt check its password?
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Toegang {
    /// Yes; report the outcome with [`uitkomst`].
    Open(i64),
    /// No: too many failures lately, for this account or this address.
    Geblokkeerd,
}

fn sinds() -> String {
    (chrono::Utc::now() - chrono::Duration::seconds(VENSTER_SECONDEN))
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Record an attempt and decide whether it may go on. Attempts still
/// running count as failures, so a burst in parallel cannot slip through
/// before the first failures are written.
pub async fn poging(db: &Db, gebruikersnaam: &str, adres: &str) -> Result<Toegang> {
    let naam = gebruikersnaam.trim().to_lowercase();
    let row = sqlx::query(
        "INSERT INTO inlogpogingen (gebruikersnaam, adres, uitkomst, created_at) \
         VALUES ($1, $2, 'bezig', $3) RETURNING id",
    )
    .bind(&naam)
    .bind(adres)
    .bind(now_utc())
    .fetch_one(db.pool())
    .await?;
    let id: i64 = row.try_get("id")?;
    // For an account, refused attempts do not count: its lock ends 15
    // minutes after the failures. For an address they do: whoever keeps
    // guessing from it stays locked out.
    let tel = |kolom: &'static str, waarde: String, uitkomsten: &'static str| async move {
        let r = sqlx::query(&format!(
            "SELECT COUNT(*) AS n FROM inlogpogingen WHERE {kolom} = $1 AND id < $2 \
             AND created_at > $3 AND uitkomst IN ({uitkomsten})"
        ))
        .bind(waarde)
        .bind(id)
        .bind(sinds())
        .fetch_one(db.pool())
        .await?;
        r.try_get::<i64, _>("n").map_err(crate::StoreError::from)
    };
    let account = tel("gebruikersnaam", naam, "'bezig', 'mislukt'").await?;
    let vanaf_adres = tel(
        "adres",
        adres.to_owned(),
        "'bezig', 'mislukt', 'geblokkeerd'",
    )
    .await?;
    if account >= MAX_PER_ACCOUNT || vanaf_adres >= MAX_PER_ADRES {
        zet(db, id, "geblokkeerd").await?;
        return Ok(Toegang::Geblokkeerd);
    }
    Ok(Toegang::Open(id))
}

/// How a login with a password went.
pub enum Inlog {
    Gelukt(crate::medewerkers::NewSession),
    /// Wrong user name or password (the same answer for both).
    Mislukt,
    /// Too many failures lately; the password was not checked.
    Geblokkeerd,
}

/// Log in with a password, throttled per account and per address; every
/// failure is on record (and in the log) with the user name it tried.
pub async fn inloggen(
    db: &Db,
    gebruikersnaam: &str,
    wachtwoord: &str,
    adres: &str,
) -> Result<Inlog> {
    let naam = gebruikersnaam.trim();
    let id = match poging(db, naam, adres).await? {
        Toegang::Open(id) => id,
        Toegang::Geblokkeerd => {
            tracing::warn!(gebruikersnaam = %naam, adres = %adres, "login refused: too many failed attempts");
            return Ok(Inlog::Geblokkeerd);
        }
    };
    let sessie = crate::medewerkers::login(db, naam, wachtwoord).await?;
    uitkomst(db, id, sessie.is_some()).await?;
    Ok(match sessie {
        Some(s) => Inlog::Gelukt(s),
        None => {
            tracing::warn!(gebruikersnaam = %naam, adres = %adres, "failed login");
            Inlog::Mislukt
        }
    })
}

/// The outcome of an attempt that was let through.
pub async fn uitkomst(db: &Db, id: i64, gelukt: bool) -> Result<()> {
    zet(db, id, if gelukt { "gelukt" } else { "mislukt" }).await
}

async fn zet(db: &Db, id: i64, uitkomst: &str) -> Result<()> {
    sqlx::query("UPDATE inlogpogingen SET uitkomst = $1 WHERE id = $2")
        .bind(uitkomst)
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The failed and refused attempts for a user name, newest first:
/// (moment, address, outcome).
pub async fn mislukt(db: &Db, gebruikersnaam: &str) -> Result<Vec<(String, String, String)>> {
    let rows = sqlx::query(
        "SELECT created_at, adres, uitkomst FROM inlogpogingen WHERE gebruikersnaam = $1 \
         AND uitkomst IN ('mislukt', 'geblokkeerd') ORDER BY id DESC",
    )
    .bind(gebruikersnaam.trim().to_lowercase())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("created_at")?,
                r.try_get("adres")?,
                r.try_get("uitkomst")?,
            ))
        })
        .collect()
}

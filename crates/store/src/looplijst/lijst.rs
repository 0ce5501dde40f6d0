//! The addresses of a looplijst, per regeling and neighbourhood (wijk: the
//! four digits of the postcode), and the outcome of each visit.

use crate::db::{Db, Tx};
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, StoreError, now_utc};
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// The outcomes a team can record, with the words the pages use.
pub const BEZOEK_UITKOMSTEN: &[(&str, &str)] = &[
    ("niet_bereikt", "Niet bereikt"),
    ("geen_interesse", "Geen interesse"),
    ("aanvraag_gedaan", "Aanvraag gedaan"),
    ("al_geholpen", "Al geholpen"),
];

/// An address a run found, to be stored.
#[derive(Debug, Clone)]
pub struct NieuwAdres {
    pub regeling: String,
    /// `waarschijnlijk` (every criterion held) or `onbekend` (a source
    /// could not say, none said no).
    pub uitkomst: String,
    pub postcode: String,
    pub straat: String,
    pub huisnummer: i64,
    pub huisletter: String,
    pub woonplaats: String,
    pub namen: String,
    /// Keyed hashes of the residents at the address (for the log).
    pub betrokkenen: Vec<String>,
    /// JSON: `[{"code": "inkomen", "antwoord": "ja"}, …]`.
    pub criteria: String,
}

/// A stored address, as a team sees it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Adres {
    pub id: String,
    pub regeling: String,
    pub uitkomst: String,
    pub wijk: String,
    pub postcode: String,
    pub straat: String,
    pub huisnummer: i64,
    pub huisletter: String,
    pub woonplaats: String,
    pub namen: String,
    pub criteria: String,
    pub bezoek: Option<String>,
    pub bezoek_toelichting: Option<String>,
    pub bezoek_op: Option<String>,
    #[serde(skip)]
    betrokkenen: String,
}

impl Adres {
    /// Whether the resident with the keyed hash `subject` (see
    /// `Db::logboek_subject`) lives at this address on the list.
    pub fn woont_hier(&self, subject: &str) -> bool {
        !subject.is_empty() && self.betrokkenen.split(',').any(|s| s == subject)
    }

    /// `Kerkstraat 12a`.
    pub fn adresregel(&self) -> String {
        format!("{} {}{}", self.straat, self.huisnummer, self.huisletter)
    }
}

/// Addresses per statement. They go as one JSON parameter that the database
/// unpacks itself: binding many parameters is slow through the
/// database-independent driver, and one statement per few rows costs a
/// round trip each (100,000 addresses took 4 s in 20-row statements).
const RIJEN_PER_INSERT: usize = 5_000;

const KOLOMMEN: &str = "id, run_id, gemeente_code, regeling, uitkomst, wijk, postcode, straat, \
     huisnummer, huisletter, woonplaats, namen, betrokkenen, criteria";

pub(super) async fn invoegen(
    tx: &mut Tx,
    gemeente: &str,
    run_id: &str,
    adressen: &[NieuwAdres],
) -> Result<()> {
    let postgres = tx.conn().backend_name().eq_ignore_ascii_case("postgresql");
    let sql = if postgres {
        format!(
            "INSERT INTO looplijst_adressen ({KOLOMMEN}) SELECT r->>0, r->>1, r->>2, r->>3, r->>4, r->>5, \
             r->>6, r->>7, (r->>8)::bigint, r->>9, r->>10, r->>11, r->>12, r->>13 \
             FROM jsonb_array_elements($1::jsonb) AS r"
        )
    } else {
        format!(
            "INSERT INTO looplijst_adressen ({KOLOMMEN}) SELECT value ->> 0, value ->> 1, value ->> 2, \
             value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, \
             value ->> 10, value ->> 11, value ->> 12, value ->> 13 FROM json_each(jsonb($1))"
        )
    };
    for deel in adressen.chunks(RIJEN_PER_INSERT) {
        let rijen: Vec<serde_json::Value> = deel
            .iter()
            .map(|a| {
                serde_json::json!([
                    uuid::Uuid::new_v4().to_string(),
                    run_id,
                    gemeente,
                    a.regeling,
                    a.uitkomst,
                    a.postcode.chars().take(4).collect::<String>(),
                    a.postcode,
                    a.straat,
                    a.huisnummer,
                    a.huisletter,
                    a.woonplaats,
                    a.namen,
                    a.betrokkenen.join(","),
                    a.criteria
                ])
            })
            .collect();
        sqlx::query(&sql)
            .bind(serde_json::Value::Array(rijen).to_string())
            .execute(tx.conn())
            .await?;
    }
    Ok(())
}

/// A neighbourhood of a list: how many addresses, how many visited.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Wijk {
    pub wijk: String,
    pub adressen: i64,
    pub bezocht: i64,
    /// The outreach team that walks this neighbourhood, once assigned.
    pub team: Option<String>,
}

/// The neighbourhoods of one regeling in a run, in postcode order. Counts
/// only: no personal data, so no log record.
pub async fn wijken(db: &Db, scope: &Scope, run_id: &str, regeling: &str) -> Result<Vec<Wijk>> {
    let rows = sqlx::query(
        "SELECT a.wijk, COUNT(*) AS adressen, COUNT(a.bezoek) AS bezocht, MAX(t.team) AS team \
         FROM looplijst_adressen a LEFT JOIN looplijst_teams t ON t.run_id = a.run_id AND t.wijk = a.wijk \
         WHERE a.run_id = $1 AND a.gemeente_code = $2 AND a.regeling = $3 GROUP BY a.wijk ORDER BY a.wijk",
    )
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .bind(regeling)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Wijk {
                wijk: r.try_get("wijk")?,
                adressen: r.try_get("adressen")?,
                bezocht: r.try_get("bezocht")?,
                team: r.try_get("team")?,
            })
        })
        .collect()
}

/// Assign a neighbourhood of a run to an outreach team (an empty name
/// removes the assignment). Team names are not personal data.
pub async fn team_toewijzen(
    db: &Db,
    scope: &Scope,
    run_id: &str,
    wijk: &str,
    team: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let bestaat = sqlx::query("SELECT id FROM looplijst_runs WHERE id = $1 AND gemeente_code = $2")
        .bind(run_id)
        .bind(scope.gemeente.as_str())
        .fetch_optional(tx.conn())
        .await?;
    if bestaat.is_none() {
        return Err(StoreError::NotFound);
    }
    sqlx::query(
        "DELETE FROM looplijst_teams WHERE run_id = $1 AND gemeente_code = $2 AND wijk = $3",
    )
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .bind(wijk)
    .execute(tx.conn())
    .await?;
    let team = team.trim();
    if !team.is_empty() {
        sqlx::query(
            "INSERT INTO looplijst_teams (run_id, gemeente_code, wijk, team) VALUES ($1, $2, $3, $4)",
        )
        .bind(run_id)
        .bind(scope.gemeente.as_str())
        .bind(wijk)
        .bind(team)
        .execute(tx.conn())
        .await?;
    }
    tx.commit().await
}

const ADRES_KOLOMMEN: &str = "id, regeling, uitkomst, wijk, postcode, straat, huisnummer, huisletter, woonplaats, \
     namen, criteria, bezoek, bezoek_toelichting, bezoek_op, betrokkenen";

fn adres_uit(r: &sqlx::any::AnyRow) -> Result<Adres> {
    Ok(Adres {
        id: r.try_get("id")?,
        regeling: r.try_get("regeling")?,
        uitkomst: r.try_get("uitkomst")?,
        wijk: r.try_get("wijk")?,
        postcode: r.try_get("postcode")?,
        straat: r.try_get("straat")?,
        huisnummer: r.try_get("huisnummer")?,
        huisletter: r.try_get("huisletter")?,
        woonplaats: r.try_get("woonplaats")?,
        namen: r.try_get("namen")?,
        criteria: r.try_get("criteria")?,
        bezoek: r.try_get("bezoek")?,
        bezoek_toelichting: r.try_get("bezoek_toelichting")?,
        bezoek_op: r.try_get("bezoek_op")?,
        betrokkenen: r.try_get("betrokkenen")?,
    })
}

/// The addresses of one neighbourhood, in walking order (street, number).
/// Showing or exporting them is a read of each resident's data: logged,
/// with `naam` saying how (`lijst` or `export`).
pub async fn adressen(
    db: &Db,
    scope: &Scope,
    run_id: &str,
    regeling: &str,
    wijk: &str,
    naam: &str,
) -> Result<Vec<Adres>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&format!(
        "SELECT {ADRES_KOLOMMEN} FROM looplijst_adressen WHERE run_id = $1 AND gemeente_code = $2 \
         AND regeling = $3 AND wijk = $4 ORDER BY woonplaats, straat, huisnummer, huisletter"
    ))
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .bind(regeling)
    .bind(wijk)
    .fetch_all(tx.conn())
    .await?;
    let lijst = rows.iter().map(adres_uit).collect::<Result<Vec<_>>>()?;
    let betrokkenen: Vec<String> = lijst
        .iter()
        .flat_map(|a| a.betrokkenen.split(',').filter(|s| !s.is_empty()))
        .map(str::to_owned)
        .collect();
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::LOOPLIJST_INZIEN,
        Handeling::Lezen,
        naam,
        &betrokkenen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(lijst)
}

/// One address, to record a visit (its run and regeling come with it).
pub async fn adres_voor_bezoek(db: &Db, scope: &Scope, id: &str) -> Result<Option<Adres>> {
    let row = sqlx::query(&format!(
        "SELECT {ADRES_KOLOMMEN} FROM looplijst_adressen WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(adres_uit).transpose()
}

/// Record the outcome of a visit. Logged for every resident at the address.
pub async fn bezoek_vastleggen(
    db: &Db,
    scope: &Scope,
    id: &str,
    uitkomst: &str,
    toelichting: &str,
) -> Result<()> {
    if !BEZOEK_UITKOMSTEN.iter().any(|(c, _)| *c == uitkomst) {
        return Err(StoreError::Conflict(format!(
            "onbekende uitkomst {uitkomst}"
        )));
    }
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(
        "SELECT betrokkenen FROM looplijst_adressen WHERE id = $1 AND gemeente_code = $2",
    )
    .bind(id)
    .bind(scope.gemeente.as_str())
    .fetch_optional(tx.conn())
    .await?
    .ok_or(StoreError::NotFound)?;
    let betrokkenen: String = row.try_get("betrokkenen")?;
    sqlx::query(
        "UPDATE looplijst_adressen SET bezoek = $1, bezoek_toelichting = $2, bezoek_door = $3, bezoek_op = $4 \
         WHERE id = $5 AND gemeente_code = $6",
    )
    .bind(uitkomst)
    .bind(Some(toelichting.trim()).filter(|t| !t.is_empty()))
    .bind(scope.actor.as_log_string())
    .bind(&start)
    .bind(id)
    .bind(scope.gemeente.as_str())
    .execute(tx.conn())
    .await?;
    let lijst: Vec<String> = betrokkenen
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::LOOPLIJST_BEZOEK,
        Handeling::Schrijven,
        uitkomst,
        &lijst,
        &start,
    )
    .await?;
    tx.commit().await
}

/// Per regeling, how many addresses got each visit outcome: counted from
/// the addresses while the list lives, from the funnel once it expired.
pub async fn bezoeken_per_regeling(
    db: &Db,
    scope: &Scope,
    run_id: &str,
) -> Result<BTreeMap<String, BTreeMap<String, i64>>> {
    let mut uit: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    let live = sqlx::query(
        "SELECT regeling, bezoek, COUNT(*) AS n FROM looplijst_adressen WHERE run_id = $1 AND gemeente_code = $2 \
         AND bezoek IS NOT NULL GROUP BY regeling, bezoek",
    )
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    for r in &live {
        let n: i64 = r.try_get("n")?;
        *uit.entry(r.try_get("regeling")?)
            .or_default()
            .entry(r.try_get("bezoek")?)
            .or_default() += n;
    }
    let bewaard = sqlx::query(
        "SELECT regeling, stap, aantal FROM looplijst_trechter WHERE run_id = $1 AND gemeente_code = $2 \
         AND stap LIKE 'bezoek:%'",
    )
    .bind(run_id)
    .bind(scope.gemeente.as_str())
    .fetch_all(db.pool())
    .await?;
    for r in &bewaard {
        let stap: String = r.try_get("stap")?;
        let n: i64 = r.try_get("aantal")?;
        *uit.entry(r.try_get("regeling")?)
            .or_default()
            .entry(stap.trim_start_matches("bezoek:").to_owned())
            .or_default() += n;
    }
    Ok(uit)
}

pub(super) async fn uitkomsten_bewaren_en_wissen(
    tx: &mut Tx,
    gemeente: &str,
    run_id: &str,
) -> Result<()> {
    let rows = sqlx::query(
        "SELECT regeling, bezoek, COUNT(*) AS n FROM looplijst_adressen WHERE run_id = $1 AND gemeente_code = $2 \
         AND bezoek IS NOT NULL GROUP BY regeling, bezoek ORDER BY regeling, bezoek",
    )
    .bind(run_id)
    .bind(gemeente)
    .fetch_all(tx.conn())
    .await?;
    for (i, r) in rows.iter().enumerate() {
        let regeling: String = r.try_get("regeling")?;
        let bezoek: String = r.try_get("bezoek")?;
        let n: i64 = r.try_get("n")?;
        let label = BEZOEK_UITKOMSTEN
            .iter()
            .find(|(c, _)| *c == bezoek)
            .map_or(bezoek.as_str(), |(_, l)| l);
        sqlx::query(
            "INSERT INTO looplijst_trechter (run_id, gemeente_code, regeling, volgorde, stap, omschrijving, aantal) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(run_id)
        .bind(gemeente)
        .bind(&regeling)
        .bind(1000 + i as i64)
        .bind(format!("bezoek:{bezoek}"))
        .bind(label)
        .bind(n)
        .execute(tx.conn())
        .await?;
    }
    sqlx::query("DELETE FROM looplijst_adressen WHERE run_id = $1 AND gemeente_code = $2")
        .bind(run_id)
        .bind(gemeente)
        .execute(tx.conn())
        .await?;
    Ok(())
}

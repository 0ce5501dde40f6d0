//! The werkplek's lists of zaken, a page at a time: keyset pagination on
//! indexed columns (never OFFSET, never COUNT), filters in SQL, and only
//! the columns a list shows (not the application's answers).

use crate::behandeling::Filter;
use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::{Result, Scope, now_utc};
use gbi_domain::{Bsn, ZaakStatus};
use sqlx::Row;

/// A zaak as a list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ZaakRegel {
    pub id: String,
    pub identificatie: String,
    pub zaaktype: String,
    pub kanaal: String,
    pub status: ZaakStatus,
    /// The beslistermijn as JSON (`gbi_zaken::Termijn`).
    pub termijn: String,
    pub behandelaar_id: Option<String>,
    pub uiterste_datum: Option<String>,
    pub created_at: String,
}

/// One page of a list and the cursor of the next, when there is more.
#[derive(Debug, Clone)]
pub struct Pagina<T> {
    pub regels: Vec<T>,
    /// Give this as `na` to get the page after this one.
    pub volgende: Option<String>,
}

/// A line of the work queue: the zaak and the applicant's name.
#[derive(Debug, Clone)]
pub struct WerkvoorraadRegel {
    pub zaak: ZaakRegel,
    pub aanvrager: String,
}

const COLUMNS: &str = "id, identificatie, zaaktype, kanaal, status, termijn, behandelaar_id, uiterste_datum, created_at";

/// The separator of the parts of a cursor: unreserved in a URL, and in
/// none of the parts (dates, RFC 3339 moments, ids).
const SEP: char = '~';

fn regel(r: &sqlx::any::AnyRow) -> Result<ZaakRegel> {
    Ok(ZaakRegel {
        id: r.try_get("id")?,
        identificatie: r.try_get("identificatie")?,
        zaaktype: r.try_get("zaaktype")?,
        kanaal: r.try_get("kanaal")?,
        status: ZaakStatus::parse(&r.try_get::<String, _>("status")?)?,
        termijn: r.try_get("termijn")?,
        behandelaar_id: r.try_get("behandelaar_id")?,
        uiterste_datum: r.try_get("uiterste_datum")?,
        created_at: r.try_get("created_at")?,
    })
}

/// A cursor's parts, when it has exactly `n` (anything else: the start).
fn delen(na: Option<&str>, n: usize) -> Option<Vec<String>> {
    let d: Vec<String> = na?.split(SEP).map(str::to_owned).collect();
    (d.len() == n && d.iter().all(|p| !p.is_empty() || n == 3)).then_some(d)
}

/// Add a bound value; its placeholder.
fn param(waarde: String, binds: &mut Vec<String>) -> String {
    binds.push(waarde);
    format!("${}", binds.len())
}

fn cursor(delen: &[&str]) -> String {
    delen.join(&SEP.to_string())
}

/// The zaken of the gemeente, newest first, `limit` a page. Lists only
/// the case numbers (no personal data), so nothing is logged.
pub async fn zaken(
    db: &Db,
    scope: &Scope,
    na: Option<&str>,
    limit: i64,
) -> Result<Pagina<ZaakRegel>> {
    let limit = limit.clamp(1, 500);
    let na = delen(na, 2);
    let keyset = if na.is_some() {
        " AND (created_at, id) < ($2, $3)"
    } else {
        ""
    };
    let limit_param = if na.is_some() { "$4" } else { "$2" };
    let sql = format!(
        "SELECT {COLUMNS} FROM zaken WHERE gemeente_code = $1{keyset} \
         ORDER BY created_at DESC, id DESC LIMIT {limit_param}"
    );
    let mut q = sqlx::query(&sql).bind(scope.gemeente.as_str());
    if let Some(d) = &na {
        q = q.bind(&d[0]).bind(&d[1]);
    }
    let rows = q.bind(limit + 1).fetch_all(db.pool()).await?;
    let mut regels = rows.iter().map(regel).collect::<Result<Vec<_>>>()?;
    let volgende = volgende(&mut regels, limit, |z| {
        cursor(&[z.created_at.as_str(), z.id.as_str()])
    });
    Ok(Pagina { regels, volgende })
}

/// Keep `limit` rows; the cursor of the last one when there was more.
fn volgende<T>(regels: &mut Vec<T>, limit: i64, c: impl Fn(&T) -> String) -> Option<String> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if regels.len() <= limit {
        return None;
    }
    regels.truncate(limit);
    regels.last().map(c)
}

/// The open zaken of the gemeente, earliest deadline first, with the name
/// of each applicant, `limit` a page. Showing the names is logged, one
/// record per resident shown, committed together with the records of
/// the pages asked at the same time (`logboek::record_gebundeld`).
pub async fn werkvoorraad(
    db: &Db,
    scope: &Scope,
    f: &Filter,
    na: Option<&str>,
    limit: i64,
    operation: &str,
) -> Result<Pagina<WerkvoorraadRegel>> {
    let start = now_utc();
    let limit = limit.clamp(1, 500);
    // Only the conditions that apply, so the planner can use the index
    // that matches (`x IS NULL OR …` would hide it).
    let mut waar = vec!["gemeente_code = $1".to_owned(), "einddatum IS NULL".into()];
    let mut binds: Vec<String> = vec![scope.gemeente.as_str().to_owned()];
    if let Some(s) = f.status {
        let p = param(s.code().to_owned(), &mut binds);
        waar.push(format!("status = {p}"));
    }
    if let Some(u) = &f.uiterlijk {
        let p = param(u.clone(), &mut binds);
        waar.push(format!("uiterste_datum <= {p}"));
    }
    match f.behandelaar.as_deref() {
        Some("") => waar.push("behandelaar_id IS NULL".into()),
        Some(b) => {
            let p = param(b.to_owned(), &mut binds);
            waar.push(format!("behandelaar_id = {p}"));
        }
        None => {}
    }
    if let Some(d) = delen(na, 3) {
        let (a, b, c) = (
            param(d[0].clone(), &mut binds),
            param(d[1].clone(), &mut binds),
            param(d[2].clone(), &mut binds),
        );
        waar.push(format!(
            "(uiterste_datum, created_at, id) > ({a}, {b}, {c})"
        ));
    }
    let sql = format!(
        "SELECT {COLUMNS}, bsn, (SELECT r.naam FROM zaak_rollen r WHERE r.zaak_id = zaken.id AND r.roltype = 'aanvrager' \
         ORDER BY r.created_at LIMIT 1) AS aanvrager_naam \
         FROM zaken WHERE {} ORDER BY uiterste_datum, created_at, id LIMIT {}",
        waar.join(" AND "),
        limit + 1
    );
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    let rows = q.fetch_all(db.pool()).await?;
    let mut regels = Vec::with_capacity(rows.len());
    let mut betrokkenen = Vec::with_capacity(rows.len());
    for r in rows
        .iter()
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
    {
        betrokkenen.push(db.logboek_subject(&Bsn::parse(&r.try_get::<String, _>("bsn")?)?));
        regels.push(WerkvoorraadRegel {
            zaak: regel(r)?,
            aanvrager: r
                .try_get::<Option<String>, _>("aanvrager_naam")?
                .unwrap_or_default(),
        });
    }
    let volgende = (rows.len() > regels.len())
        .then(|| {
            regels.last().map(|r| {
                let z = &r.zaak;
                cursor(&[
                    z.uiterste_datum.as_deref().unwrap_or_default(),
                    z.created_at.as_str(),
                    z.id.as_str(),
                ])
            })
        })
        .flatten();
    logboek::record_gebundeld(
        db,
        scope,
        &logboek::ZAAK_RAADPLEGEN,
        Handeling::Lezen,
        operation,
        betrokkenen,
        &start,
    )
    .await?;
    Ok(Pagina { regels, volgende })
}

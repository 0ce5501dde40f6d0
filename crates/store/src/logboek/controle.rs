//! `gbi audit verify`: check every gemeente's chain, and hold it against the
//! anchors outside the database ([`super::anker`]).

use super::anker::Anker;
use super::{COLUMNS, GENESIS, chain_hash, from_row};
use crate::Result;
use crate::db::Db;
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// What `gbi audit verify` found for one gemeente.
#[derive(Debug, Clone, Serialize)]
pub struct ChainReport {
    pub gemeente_code: String,
    pub records: i64,
    /// The record number of the gemeente's latest anchor, when it has one.
    pub verankerd: Option<i64>,
    pub problems: Vec<String>,
}

/// Check every gemeente's chain: consecutive numbers, each record's link to
/// the one before, each record's seal, and the head. Reads in pages, so it
/// works on logs of any size.
pub async fn verify(db: &Db) -> Result<Vec<ChainReport>> {
    verify_against(db, &BTreeMap::new()).await
}

/// [`verify`], and hold each chain against its gemeente's latest anchor
/// (by gemeente code): the anchored record must still be there with the
/// anchored hash, and a gemeente with an anchor or with records must still
/// have its chain head.
pub async fn verify_against(db: &Db, ankers: &BTreeMap<String, Anker>) -> Result<Vec<ChainReport>> {
    let heads =
        sqlx::query("SELECT gemeente_code, seq, hash FROM verwerkingen_kop ORDER BY gemeente_code")
            .fetch_all(db.pool())
            .await?;
    let mut reports = BTreeMap::new();
    for head in heads {
        let gemeente: String = head.try_get("gemeente_code")?;
        let anker = ankers.get(&gemeente);
        let r = verify_chain(
            db,
            &gemeente,
            head.try_get("seq")?,
            head.try_get("hash")?,
            anker,
        )
        .await?;
        reports.insert(gemeente, r);
    }
    // Records or an anchor of a gemeente whose head is gone.
    let counts =
        sqlx::query("SELECT gemeente_code, COUNT(*) AS n FROM verwerkingen GROUP BY gemeente_code")
            .fetch_all(db.pool())
            .await?;
    let mut headless = BTreeMap::new();
    for row in counts {
        let gemeente: String = row.try_get("gemeente_code")?;
        if !reports.contains_key(&gemeente) {
            headless.insert(gemeente, row.try_get::<i64, _>("n")?);
        }
    }
    for gemeente in ankers.keys() {
        if !reports.contains_key(gemeente) {
            headless.entry(gemeente.clone()).or_insert(0);
        }
    }
    for (gemeente, records) in headless {
        let anker = ankers.get(&gemeente);
        let mut problems = vec![if records == 0 {
            "de kop van de keten ontbreekt in de database, en er zijn geen records meer".to_owned()
        } else {
            format!("de kop van de keten ontbreekt in de database (er zijn nog {records} records)")
        }];
        if let Some(a) = anker {
            problems.push(ontbreken(0, a));
        }
        reports.insert(
            gemeente.clone(),
            ChainReport {
                gemeente_code: gemeente,
                records,
                verankerd: anker.map(|a| a.seq),
                problems,
            },
        );
    }
    Ok(reports.into_values().collect())
}

/// The message for records missing up to the anchored one, after `laatste`.
fn ontbreken(laatste: i64, a: &Anker) -> String {
    let welke = if laatste + 1 == a.seq {
        format!("record {} ontbreekt", a.seq)
    } else {
        format!("records {} tot en met {} ontbreken", laatste + 1, a.seq)
    };
    format!(
        "{welke}: het anker van {} zegt {} records",
        a.tijd, a.records
    )
}

async fn verify_chain(
    db: &Db,
    gemeente: &str,
    head_seq: i64,
    head_hash: String,
    anker: Option<&Anker>,
) -> Result<ChainReport> {
    let mut problems = Vec::new();
    let mut expected_seq = 1;
    let mut previous = GENESIS.to_owned();
    let mut anchored_hash = None;
    let sql = format!(
        "SELECT {COLUMNS} FROM verwerkingen WHERE gemeente_code = $1 AND seq >= $2 ORDER BY seq LIMIT 5000"
    );
    loop {
        let rows = sqlx::query(&sql)
            .bind(gemeente)
            .bind(expected_seq)
            .fetch_all(db.pool())
            .await?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            let r = from_row(row)?;
            if r.seq != expected_seq {
                problems.push(format!(
                    "record {expected_seq} ontbreekt (volgende is {})",
                    r.seq
                ));
            }
            if r.vorige_hash != previous {
                problems.push(format!(
                    "record {} verwijst niet naar het record ervoor",
                    r.seq
                ));
            }
            if chain_hash(&db.keys.chain, &r) != r.hash {
                problems.push(format!("record {} is gewijzigd na het vastleggen", r.seq));
            }
            if anker.is_some_and(|a| a.seq == r.seq) {
                anchored_hash = Some(r.hash.clone());
            }
            previous = r.hash;
            expected_seq = r.seq + 1;
        }
        if problems.len() > 100 {
            problems.push("meer dan 100 problemen; controle gestopt".into());
            break;
        }
    }
    let records = expected_seq - 1;
    if records != head_seq {
        problems.push(format!(
            "het logboek heeft {records} records, maar de kop zegt {head_seq}"
        ));
    } else if previous != head_hash {
        problems.push("het laatste record past niet bij de kop van de keten".into());
    }
    if let Some(a) = anker {
        if records < a.seq {
            problems.push(ontbreken(records, a));
        } else if anchored_hash.as_deref() != Some(a.hash.as_str()) {
            problems.push(format!(
                "record {} heeft niet meer de hash uit het anker van {}: de keten is vervangen",
                a.seq, a.tijd
            ));
        }
    }
    Ok(ChainReport {
        gemeente_code: gemeente.to_owned(),
        records,
        verankerd: anker.map(|a| a.seq),
        problems,
    })
}

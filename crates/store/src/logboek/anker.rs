//! Anchors of the processing log outside the database.
//!
//! The hash chain shows a record changed or removed in the middle, but not
//! the newest records removed with the chain head re-pointed, nor a whole
//! gemeente's records removed with its head. So the heads are also written,
//! signed, to an append-only file of JSON lines (an anchor file): one line
//! per gemeente whose head changed since the line before. `gbi audit verify`
//! holds the database against the anchors (see [`super::controle`]).
//!
//! A new anchor is only written when the previous one is still part of the
//! chain (its record still has its hash), so the anchor with the highest
//! record number stands for all earlier ones.

use crate::db::{Db, Keys, mac};
use crate::{Result, StoreError, now_utc};
use hmac::Mac;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// One line of the anchor file: a gemeente's chain head at one moment.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Anker {
    pub gemeente_code: String,
    /// The number of the last record of the chain.
    pub seq: i64,
    /// That record's hash.
    pub hash: String,
    /// How many records the chain has (numbers run from 1 without gaps).
    pub records: i64,
    /// When the anchor was made (stored format, see [`crate::now_utc`]).
    pub tijd: String,
    /// HMAC-SHA256 of the fields above, with a key derived from the
    /// installation secret for this purpose only.
    pub handtekening: String,
}

fn handtekening(keys: &Keys, a: &Anker) -> String {
    let mut m = mac(&keys.anchor);
    for part in [
        "gbi/logboek/anker/v1",
        a.gemeente_code.as_str(),
        &a.seq.to_string(),
        &a.hash,
        &a.records.to_string(),
        &a.tijd,
    ] {
        m.update(&(part.len() as u64).to_be_bytes());
        m.update(part.as_bytes());
    }
    hex::encode(m.finalize().into_bytes())
}

/// What an anchor file holds, as read by [`lees`].
#[derive(Debug, Default)]
pub struct AnkerStand {
    /// Per gemeente, the anchor with the highest record number among the
    /// lines with a valid signature.
    pub per_gemeente: BTreeMap<String, Anker>,
    /// Lines that are not an anchor or whose signature is wrong.
    pub problemen: Vec<String>,
    /// Whether the last line ends without a line break (cut off).
    onaf: bool,
}

fn bestandsfout(pad: &Path, e: std::io::Error) -> StoreError {
    StoreError::Ankerbestand(format!("{}: {e}", pad.display()))
}

/// Read the anchor file; `None` when it does not exist. Reads line by line,
/// so a file of any size fits in memory.
pub fn lees(db: &Db, pad: &Path) -> Result<Option<AnkerStand>> {
    let file = match std::fs::File::open(pad) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(bestandsfout(pad, e)),
    };
    let mut reader = std::io::BufReader::new(file);
    let mut stand = AnkerStand::default();
    let mut regel = String::new();
    let mut nummer = 0;
    loop {
        regel.clear();
        if reader
            .read_line(&mut regel)
            .map_err(|e| bestandsfout(pad, e))?
            == 0
        {
            break;
        }
        nummer += 1;
        stand.onaf = !regel.ends_with('\n');
        let tekst = regel.trim();
        if tekst.is_empty() {
            continue;
        }
        let anker = match serde_json::from_str::<Anker>(tekst) {
            Ok(a) => a,
            Err(_) => {
                stand
                    .problemen
                    .push(format!("regel {nummer} is geen geldig anker"));
                continue;
            }
        };
        if handtekening(&db.keys, &anker) != anker.handtekening {
            stand.problemen.push(format!(
                "regel {nummer} (gemeente {}) heeft een ongeldige handtekening",
                anker.gemeente_code
            ));
            continue;
        }
        match stand.per_gemeente.get(&anker.gemeente_code) {
            Some(hoger) if hoger.seq >= anker.seq => {}
            _ => {
                stand
                    .per_gemeente
                    .insert(anker.gemeente_code.clone(), anker);
            }
        }
    }
    Ok(Some(stand))
}

/// Writes anchors to one file. Remembers the last anchor of each gemeente,
/// so a line is written only when a head changed.
pub struct Ankeraar {
    pad: PathBuf,
    laatste: BTreeMap<String, Anker>,
    /// The file's last line was cut off: start on a new line.
    nieuwe_regel: bool,
    /// Gemeenten whose chain no longer holds their last anchor: they get no
    /// new anchor (that would hide the damage); reported once.
    aangetast: BTreeSet<String>,
}

impl Ankeraar {
    /// Continue from the anchors already in the file at `pad`.
    pub fn open(db: &Db, pad: &Path) -> Result<Ankeraar> {
        let stand = lees(db, pad)?.unwrap_or_default();
        if !stand.problemen.is_empty() {
            tracing::warn!(
                file = %pad.display(),
                lines = stand.problemen.len(),
                "anchor file has lines that are not valid anchors; run `gbi audit verify`"
            );
        }
        Ok(Ankeraar {
            pad: pad.to_path_buf(),
            laatste: stand.per_gemeente,
            nieuwe_regel: stand.onaf,
            aangetast: BTreeSet::new(),
        })
    }

    pub fn pad(&self) -> &Path {
        &self.pad
    }

    /// Append an anchor for every gemeente whose chain head moved since its
    /// last anchor, and fsync. Returns how many lines were written.
    pub async fn bij(&mut self, db: &Db) -> Result<usize> {
        let koppen =
            sqlx::query("SELECT gemeente_code, seq, hash FROM verwerkingen_kop WHERE seq > 0")
                .fetch_all(db.pool())
                .await?;
        let tijd = now_utc();
        let mut nieuw = Vec::new();
        for kop in koppen {
            let gemeente: String = kop.try_get("gemeente_code")?;
            let seq: i64 = kop.try_get("seq")?;
            let hash: String = kop.try_get("hash")?;
            if self.aangetast.contains(&gemeente) {
                continue;
            }
            if let Some(vorig) = self.laatste.get(&gemeente) {
                if vorig.seq == seq && vorig.hash == hash {
                    continue;
                }
                if !nog_in_keten(db, vorig, seq).await? {
                    tracing::error!(
                        gemeente = %gemeente,
                        anchored_seq = vorig.seq,
                        head_seq = seq,
                        "processing log no longer holds its anchored record: not anchored again; run `gbi audit verify`"
                    );
                    self.aangetast.insert(gemeente);
                    continue;
                }
            }
            let mut anker = Anker {
                gemeente_code: gemeente,
                seq,
                hash,
                records: seq,
                tijd: tijd.clone(),
                handtekening: String::new(),
            };
            anker.handtekening = handtekening(&db.keys, &anker);
            nieuw.push(anker);
        }
        if nieuw.is_empty() {
            return Ok(0);
        }
        let mut tekst = String::new();
        if self.nieuwe_regel {
            tekst.push('\n');
        }
        for a in &nieuw {
            let regel = serde_json::to_string(a)
                .map_err(|e| StoreError::Ankerbestand(format!("anker maken: {e}")))?;
            tekst.push_str(&regel);
            tekst.push('\n');
        }
        let pad = self.pad.clone();
        tokio::task::spawn_blocking(move || toevoegen(&pad, tekst.as_bytes()))
            .await
            .map_err(|e| StoreError::Ankerbestand(format!("schrijven afgebroken: {e}")))?
            .map_err(|e| bestandsfout(&self.pad, e))?;
        self.nieuwe_regel = false;
        let n = nieuw.len();
        for a in nieuw {
            self.laatste.insert(a.gemeente_code.clone(), a);
        }
        Ok(n)
    }
}

/// Whether the chain, whose head is now at `head_seq`, still holds the
/// anchored record with its hash.
async fn nog_in_keten(db: &Db, anker: &Anker, head_seq: i64) -> Result<bool> {
    if head_seq < anker.seq {
        return Ok(false);
    }
    let hash: Option<String> =
        sqlx::query("SELECT hash FROM verwerkingen WHERE gemeente_code = $1 AND seq = $2")
            .bind(&anker.gemeente_code)
            .bind(anker.seq)
            .fetch_optional(db.pool())
            .await?
            .map(|r| r.try_get("hash"))
            .transpose()?;
    Ok(hash.as_deref() == Some(anker.hash.as_str()))
}

/// Append `bytes` in one write and fsync; a new file's folder is made and
/// fsynced too, so the file survives a crash.
fn toevoegen(pad: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let map = pad
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(map)?;
    let bestond = pad.exists();
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(pad)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    if !bestond {
        #[cfg(unix)]
        std::fs::File::open(map)?.sync_all()?;
    }
    Ok(())
}

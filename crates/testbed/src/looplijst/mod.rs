//! Looplijst sources (issue 8): the gemeente's own BRP extract and the
//! batched yes/no questions of GBI's data-minimal proposal
//! (`docs/looplijst-criteria-api.md`).
//!
//! * `GET /looplijst/v1/brp/ingezetenen?gemeente=0392`: every resident as one
//!   NDJSON line, in resident order.
//! * `POST /looplijst/v1/{bron}/vragen` for `uwv`, `bijstandsregelingen` and
//!   `belastingdienst`: one `JA`/`NEE`/`ONBEKEND` per onderwerp ([`vragen`]).
//!
//! Every BSN the vragen endpoints receive is counted ([`Ontvangen`]), so a
//! test can prove that a BSN never left the gemeente.

pub mod vragen;

use crate::AppState;
use crate::faults::Outcome;
use crate::population::{Ingezetene, Population};
use crate::problem::{self, InvalidParam};
use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// The sources that answer looplijst questions (also their fault names).
pub const BRONNEN: &[&str] = &["uwv", "bijstandsregelingen", "belastingdienst"];

/// Counts of what one source (or all together) received.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Telling {
    pub verzoeken: u64,
    pub onderwerpen: u64,
    /// BSN occurrences (a BSN asked about twice counts twice).
    pub bsns: u64,
}

/// Everything the vragen endpoints received, as the admin API shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OntvangenOverzicht {
    pub verzoeken: u64,
    pub onderwerpen: u64,
    /// BSN occurrences over all sources.
    pub bsns: u64,
    /// Distinct BSNs over all sources.
    pub verschillende_bsns: u64,
    pub per_bron: BTreeMap<String, Telling>,
}

#[derive(Debug, Default)]
struct OntvangenInner {
    per_bsn: HashMap<u32, u32>,
    per_bron: BTreeMap<String, Telling>,
}

/// Record of every BSN the looplijst vragen endpoints received. Cloneable
/// handle; updated once per request under one lock.
#[derive(Clone, Debug, Default)]
pub struct Ontvangen {
    inner: Arc<Mutex<OntvangenInner>>,
}

impl Ontvangen {
    fn lock(&self) -> std::sync::MutexGuard<'_, OntvangenInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Record one request to `bron` with its onderwerpen (BSNs as numbers).
    pub fn registreer(&self, bron: &str, onderwerpen: &[Vec<u32>]) {
        let aantal: u64 = onderwerpen.iter().map(|o| o.len() as u64).sum();
        let mut g = self.lock();
        let t = g.per_bron.entry(bron.to_string()).or_default();
        t.verzoeken += 1;
        t.onderwerpen += onderwerpen.len() as u64;
        t.bsns += aantal;
        for bsn in onderwerpen.iter().flatten() {
            *g.per_bsn.entry(*bsn).or_default() += 1;
        }
    }

    /// How many times `bsn` appeared in any received onderwerp (0 for
    /// anything that is not nine digits).
    pub fn keer(&self, bsn: &str) -> u32 {
        match bsn_getal(bsn) {
            Some(n) => self.lock().per_bsn.get(&n).copied().unwrap_or(0),
            None => 0,
        }
    }

    pub fn overzicht(&self) -> OntvangenOverzicht {
        let g = self.lock();
        let mut o = OntvangenOverzicht {
            verschillende_bsns: g.per_bsn.len() as u64,
            per_bron: g.per_bron.clone(),
            ..Default::default()
        };
        for t in g.per_bron.values() {
            o.verzoeken += t.verzoeken;
            o.onderwerpen += t.onderwerpen;
            o.bsns += t.bsns;
        }
        o
    }

    pub fn reset(&self) {
        let mut g = self.lock();
        g.per_bsn.clear();
        g.per_bron.clear();
    }
}

/// Nine ASCII digits as a number.
pub(crate) fn bsn_getal(s: &str) -> Option<u32> {
    if s.len() != 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub async fn ontvangen(State(state): State<AppState>) -> Response {
    Json(state.looplijst.overzicht()).into_response()
}

pub async fn ontvangen_bsn(State(state): State<AppState>, Path(bsn): Path<String>) -> Response {
    let keer = state.looplijst.keer(&bsn);
    Json(serde_json::json!({"bsn": bsn, "keer": keer})).into_response()
}

pub async fn ontvangen_reset(State(state): State<AppState>) -> Response {
    state.looplijst.reset();
    Json(state.looplijst.overzicht()).into_response()
}

// ---------------------------------------------------------------------------
// BRP extract

/// Residents per chunk when the extract is built in parallel.
const CHUNK: usize = 16_384;

fn json_str(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    for c in s.chars() {
        match c {
            '"' => buf.extend_from_slice(b"\\\""),
            '\\' => buf.extend_from_slice(b"\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(buf, "\\u{:04x}", c as u32);
            }
            c => {
                let mut tmp = [0u8; 4];
                buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
            }
        }
    }
    buf.push(b'"');
}

fn bsn_str(buf: &mut Vec<u8>, bsn: u32) {
    let mut digits = [b'0'; 9];
    let mut rest = bsn;
    for d in digits.iter_mut().rev() {
        *d = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    buf.push(b'"');
    buf.extend_from_slice(&digits);
    buf.push(b'"');
}

fn getal(buf: &mut Vec<u8>, n: u32, breedte: usize) {
    let mut digits = [b'0'; 10];
    let mut rest = n;
    let mut i = digits.len();
    while i > 0 && (rest > 0 || digits.len() - i < breedte) {
        i -= 1;
        digits[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    if i == digits.len() {
        buf.push(b'0');
    } else {
        buf.extend_from_slice(&digits[i..]);
    }
}

/// `J.P. de Vries` as a JSON string, without intermediate allocations.
fn naam(buf: &mut Vec<u8>, p: &Ingezetene) {
    let mut s = String::with_capacity(48);
    for w in p.voornamen.split_whitespace() {
        if let Some(c) = w.chars().next() {
            s.extend(c.to_uppercase());
            s.push('.');
        }
    }
    if let Some(v) = &p.voorvoegsel {
        s.push(' ');
        s.push_str(v);
    }
    s.push(' ');
    s.push_str(&p.geslachtsnaam);
    json_str(buf, &s);
}

/// One NDJSON line for resident `p`, newline included.
fn regel(pop: &Population, p: &Ingezetene, buf: &mut Vec<u8>) {
    let Some(h) = pop.huishouden_van(p) else {
        return;
    };
    let a = &h.adres;
    buf.extend_from_slice(b"{\"bsn\":");
    bsn_str(buf, p.bsn);
    let d = p.geboortedatum;
    buf.extend_from_slice(b",\"geboortedatum\":\"");
    getal(buf, d.year().max(0) as u32, 4);
    buf.push(b'-');
    getal(buf, d.month(), 2);
    buf.push(b'-');
    getal(buf, d.day(), 2);
    buf.extend_from_slice(b"\",\"naam\":");
    naam(buf, p);
    buf.extend_from_slice(b",\"straat\":");
    json_str(buf, &a.straat);
    buf.extend_from_slice(b",\"huisnummer\":");
    getal(buf, a.huisnummer, 1);
    buf.extend_from_slice(b",\"huisletter\":");
    match a.huisletter {
        Some(l) => json_str(buf, l.encode_utf8(&mut [0u8; 4])),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"postcode\":");
    json_str(buf, &a.postcode);
    buf.extend_from_slice(b",\"woonplaats\":");
    json_str(buf, &a.woonplaats);
    buf.extend_from_slice(b",\"partner\":");
    match p.partner.filter(|_| h.gehuwd).and_then(|i| pop.resident(i)) {
        Some(partner) => bsn_str(buf, partner.bsn),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"ouders\":[");
    for (n, ouder) in p.ouders.iter().filter_map(|i| pop.resident(*i)).enumerate() {
        if n > 0 {
            buf.push(b',');
        }
        bsn_str(buf, ouder.bsn);
    }
    buf.extend_from_slice(b"]}\n");
}

/// The extract, built once (in the background by `start`, else on first
/// use) and then served from memory: the population never changes.
/// Cloneable handle.
#[derive(Clone, Debug, Default)]
pub struct ExtractCache {
    inner: Arc<OnceLock<Bytes>>,
}

impl ExtractCache {
    /// The extract of `pop`; builds it on the first call (blocking).
    pub fn get_or_build(&self, pop: &Population) -> Bytes {
        self.inner.get_or_init(|| Bytes::from(extract(pop))).clone()
    }
}

/// The whole extract as NDJSON, built in parallel chunks.
pub fn extract(pop: &Population) -> Vec<u8> {
    let delen: Vec<Vec<u8>> = pop
        .ingezetenen
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut buf = Vec::with_capacity(chunk.len() * 200);
            for p in chunk {
                regel(pop, p, &mut buf);
            }
            buf
        })
        .collect();
    let mut uit = Vec::with_capacity(delen.iter().map(Vec::len).sum());
    for d in delen {
        uit.extend_from_slice(&d);
    }
    uit
}

#[derive(serde::Deserialize)]
pub struct IngezetenenQuery {
    gemeente: Option<String>,
}

pub async fn ingezetenen(
    State(state): State<AppState>,
    Query(q): Query<IngezetenenQuery>,
) -> Response {
    match state.faults.apply("brp").await {
        Outcome::Proceed => {}
        Outcome::Unavailable => return problem::unavailable("BRP"),
        Outcome::Timeout => return problem::gateway_timeout("BRP"),
    }
    let Some(gemeente) = q.gemeente.filter(|g| !g.is_empty()) else {
        return problem::bad_request(
            "Een of meerdere parameters zijn niet correct.",
            vec![InvalidParam::new(
                "gemeente",
                "required",
                "Parameter is verplicht.",
            )],
        );
    };
    if gbi_domain::GemeenteCode::parse(&gemeente).is_err() {
        return problem::bad_request(
            "Een of meerdere parameters zijn niet correct.",
            vec![InvalidParam::new(
                "gemeente",
                "pattern",
                "Een gemeentecode heeft 4 cijfers.",
            )],
        );
    }
    let pop = state.population.clone();
    if gemeente != pop.gemeente_code {
        return problem::problem(
            StatusCode::NOT_FOUND,
            "not_found",
            "Geen ingezetenen van deze gemeente.",
            Some(&gemeente),
        );
    }
    let cache = state.looplijst_extract.clone();
    let body = match tokio::task::spawn_blocking(move || cache.get_or_build(&pop)).await {
        Ok(b) => b,
        Err(_) => return problem::unavailable("BRP"),
    };
    let mut resp = (StatusCode::OK, Body::from(body)).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-ndjson"),
    );
    resp
}

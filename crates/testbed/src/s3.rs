//! A simulated S3-compatible object store over real HTTP, for GBI's
//! document files: path-style PUT, GET and DELETE of objects
//! (`/{bucket}/{key}`), kept in memory. Every request must carry a valid
//! AWS Signature Version 4 (`Authorization: AWS4-HMAC-SHA256 …`): the
//! simulator recomputes it from the request with the configured secret, on
//! its own (it shares no code with GBI's signer), and answers as S3 does:
//! 403 `SignatureDoesNotMatch`, `InvalidAccessKeyId`, `AccessDenied`,
//! `RequestTimeTooSkewed`; 404 `NoSuchKey`, `NoSuchBucket`.
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! let s3 = gbi_testbed::s3::start(gbi_testbed::s3::S3SimConfig::default()).await?;
//! let endpoint = s3.base_url();
//! # let _ = endpoint;
//! s3.shutdown().await;
//! # Ok(()) }
//! ```

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The simulator's one bucket and the one key pair it accepts.
#[derive(Clone, Debug)]
pub struct S3SimConfig {
    pub bind: SocketAddr,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret: String,
}

impl Default for S3SimConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            bucket: "gbi-documenten".into(),
            region: "us-east-1".into(),
            access_key: "GBITESTBEDSLEUTEL".into(),
            secret: "testbed-geheim/met+tekens".into(),
        }
    }
}

/// The objects of the bucket, by key.
#[derive(Clone, Default)]
pub struct Objecten(Arc<Mutex<BTreeMap<String, Vec<u8>>>>);

impl Objecten {
    pub fn get(&self, key: &str) -> Option<Vec<u8>> {
        self.lock().get(key).cloned()
    }

    /// Put an object without a request (a test changing what is stored).
    pub fn insert(&self, key: &str, bytes: Vec<u8>) {
        self.lock().insert(key.to_owned(), bytes);
    }

    pub fn keys(&self) -> Vec<String> {
        self.lock().keys().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Vec<u8>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[derive(Clone)]
struct SimState {
    config: Arc<S3SimConfig>,
    objecten: Objecten,
}

/// The routes, for mounting in-process.
pub fn router(config: S3SimConfig, objecten: Objecten) -> Router {
    Router::new()
        .route("/{bucket}/{*key}", axum::routing::any(handle))
        .with_state(SimState {
            config: Arc::new(config),
            objecten,
        })
}

fn fout(status: StatusCode, code: &str, message: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    );
    (status, [("content-type", "application/xml")], body).into_response()
}

async fn handle(
    State(s): State<SimState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(w) = verify(&s.config, &method, &uri, &headers, &body) {
        return fout(w.status, w.code, w.message);
    }
    let path = percent_decode(uri.path());
    let Some((bucket, key)) = path.trim_start_matches('/').split_once('/') else {
        return fout(StatusCode::BAD_REQUEST, "InvalidURI", "No key in the path.");
    };
    if bucket != s.config.bucket {
        return fout(
            StatusCode::NOT_FOUND,
            "NoSuchBucket",
            "The specified bucket does not exist.",
        );
    }
    match method {
        Method::PUT => {
            let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..16]));
            s.objecten.lock().insert(key.to_owned(), body.to_vec());
            (StatusCode::OK, [("etag", etag)]).into_response()
        }
        Method::GET => match s.objecten.get(key) {
            Some(b) => (
                StatusCode::OK,
                [("content-type", "application/octet-stream")],
                b,
            )
                .into_response(),
            None => fout(
                StatusCode::NOT_FOUND,
                "NoSuchKey",
                "The specified key does not exist.",
            ),
        },
        Method::DELETE => {
            s.objecten.lock().remove(key);
            StatusCode::NO_CONTENT.into_response()
        }
        _ => fout(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            "The specified method is not allowed against this resource.",
        ),
    }
}

/// Why a request's authentication was refused.
#[derive(Debug)]
struct Weigering {
    status: StatusCode,
    code: &'static str,
    message: &'static str,
}

fn geweigerd(code: &'static str, message: &'static str) -> Weigering {
    Weigering {
        status: StatusCode::FORBIDDEN,
        code,
        message,
    }
}

/// Check the request's SigV4 signature by recomputing it.
fn verify(
    c: &S3SimConfig,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), Weigering> {
    let header = |name: &str| -> Option<String> {
        let values: Vec<&str> = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| {
            values
                .iter()
                .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join(",")
        })
    };
    let denied = || geweigerd("AccessDenied", "Access Denied");
    let auth = header("authorization").ok_or_else(denied)?;
    let rest = auth.strip_prefix("AWS4-HMAC-SHA256 ").ok_or_else(denied)?;
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("Credential", v)) => credential = Some(v.to_owned()),
            Some(("SignedHeaders", v)) => signed_headers = Some(v.to_owned()),
            Some(("Signature", v)) => signature = Some(v.to_owned()),
            _ => {}
        }
    }
    let (credential, signed_headers, signature) = match (credential, signed_headers, signature) {
        (Some(c), Some(h), Some(s)) => (c, h, s),
        _ => return Err(denied()),
    };
    let cred: Vec<&str> = credential.split('/').collect();
    let [access_key, date, region, service, terminal] = cred[..] else {
        return Err(denied());
    };
    if access_key != c.access_key {
        return Err(geweigerd(
            "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.",
        ));
    }
    if region != c.region || service != "s3" || terminal != "aws4_request" {
        return Err(denied());
    }
    let amz_date = header("x-amz-date").ok_or_else(denied)?;
    let moment =
        chrono::NaiveDateTime::parse_from_str(&amz_date, "%Y%m%dT%H%M%SZ").map_err(|_| denied())?;
    if !amz_date.starts_with(date) {
        return Err(denied());
    }
    let skew = (chrono::Utc::now().naive_utc() - moment)
        .num_seconds()
        .abs();
    if skew > 15 * 60 {
        return Err(geweigerd(
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
        ));
    }
    let payload = header("x-amz-content-sha256").ok_or_else(denied)?;
    if payload != "UNSIGNED-PAYLOAD" && payload != hex::encode(Sha256::digest(body)) {
        return Err(Weigering {
            status: StatusCode::BAD_REQUEST,
            code: "XAmzContentSHA256Mismatch",
            message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
        });
    }
    let names: Vec<&str> = signed_headers.split(';').collect();
    if !names.contains(&"host") || !names.contains(&"x-amz-date") {
        return Err(denied());
    }
    let expected = bereken(
        &c.secret, region, &amz_date, method, uri, &names, &header, &payload,
    );
    let same = expected.len() == signature.len()
        && expected
            .bytes()
            .zip(signature.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !same {
        return Err(geweigerd(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. \
             Check your key and signing method.",
        ));
    }
    Ok(())
}

/// The signature the request should carry, recomputed from its parts.
#[allow(clippy::too_many_arguments)]
fn bereken(
    secret: &str,
    region: &str,
    amz_date: &str,
    method: &Method,
    uri: &Uri,
    signed: &[&str],
    header: &dyn Fn(&str) -> Option<String>,
    payload: &str,
) -> String {
    let date = amz_date.get(..8).unwrap_or(amz_date);
    let mut canonical_headers = String::new();
    for name in signed {
        let value = header(name).unwrap_or_default();
        canonical_headers.push_str(&format!("{name}:{value}\n"));
    }
    let canonical = format!(
        "{method}\n{}\n{}\n{canonical_headers}\n{}\n{payload}",
        encode(&percent_decode(uri.path()), true),
        canonical_query(uri.query().unwrap_or("")),
        signed.join(";"),
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{date}/{region}/s3/aws4_request\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let mut key = hmac(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    for part in [region, "s3", "aws4_request"] {
        key = hmac(&key, part.as_bytes());
    }
    hex::encode(hmac(&key, string_to_sign.as_bytes()))
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mut m) => {
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

fn encode(s: &str, keep_slash: bool) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || (keep_slash && b == b'/') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn canonical_query(q: &str) -> String {
    let mut pairs: Vec<(String, String)> = q
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                encode(&percent_decode(k), false),
                encode(&percent_decode(v), false),
            )
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// A running simulator.
pub struct RunningS3 {
    addr: SocketAddr,
    config: S3SimConfig,
    objecten: Objecten,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl RunningS3 {
    /// The endpoint: `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn config(&self) -> &S3SimConfig {
        &self.config
    }

    /// The objects in the bucket.
    pub fn objecten(&self) -> Objecten {
        self.objecten.clone()
    }

    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if tokio::time::timeout(std::time::Duration::from_secs(5), &mut self.task)
            .await
            .is_err()
        {
            self.task.abort();
        }
    }
}

/// Serve the simulator on `config.bind`.
pub async fn start(config: S3SimConfig) -> anyhow::Result<RunningS3> {
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let objecten = Objecten::default();
    let app = router(config.clone(), objecten.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let server = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = rx.await;
        });
        if let Err(e) = server.await {
            tracing::error!(error = %e, "S3 simulator stopped");
        }
    });
    Ok(RunningS3 {
        addr,
        config,
        objecten,
        stop: Some(tx),
        task,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The simulator's own check of the AWS documentation example's
    /// canonical parts (its signature is pinned in GBI's signer test).
    #[test]
    fn canonical_parts_follow_sigv4() {
        assert_eq!(
            encode("/examplebucket/a b+é", true),
            "/examplebucket/a%20b%2B%C3%A9"
        );
        assert_eq!(percent_decode("/b/a%20b%2B%C3%A9"), "/b/a b+é");
        assert_eq!(canonical_query("b=2&a=x%20y&c"), "a=x%20y&b=2&c=");
    }

    #[test]
    fn recomputes_the_aws_documentation_example() {
        let c = S3SimConfig {
            access_key: "AKIAIOSFODNN7EXAMPLE".into(),
            secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            ..S3SimConfig::default()
        };
        let mut headers = HeaderMap::new();
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        headers.insert("host", "examplebucket.s3.amazonaws.com".parse().unwrap());
        headers.insert("range", "bytes=0-9".parse().unwrap());
        headers.insert("x-amz-content-sha256", empty.parse().unwrap());
        headers.insert("x-amz-date", "20130524T000000Z".parse().unwrap());
        headers.insert(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
             SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,\
             Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
                .parse()
                .unwrap(),
        );
        let uri: Uri = "/test.txt".parse().unwrap();
        let header = |n: &str| headers.get(n).map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(
            bereken(
                &c.secret,
                "us-east-1",
                "20130524T000000Z",
                &Method::GET,
                &uri,
                &["host", "range", "x-amz-content-sha256", "x-amz-date"],
                &header,
                empty,
            ),
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
        // The example is from 2013: refused for the clock now.
        let r = verify(&c, &Method::GET, &uri, &headers, b"").unwrap_err();
        assert_eq!(
            (r.status, r.code),
            (StatusCode::FORBIDDEN, "RequestTimeTooSkewed")
        );
    }
}

//! AWS Signature Version 4 for S3 requests (header-based, `AWS4-HMAC-SHA256`).
//! See the AWS documentation "Authenticating Requests: Using the
//! Authorization Header"; the test below is its published GET-object example.

use crate::db::mac;
use hmac::Mac;
use sha2::{Digest, Sha256};

/// The hash of an empty payload, as S3 wants it in `x-amz-content-sha256`.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Who signs, and for which region.
pub struct Credentials<'a> {
    pub access_key: &'a str,
    pub secret: &'a str,
    pub region: &'a str,
}

/// One request to sign. `path` is the path as sent (not yet encoded);
/// `headers` are the headers to sign besides `host` (lower- or mixed-case
/// names), and must include `x-amz-date` and `x-amz-content-sha256`.
pub struct Request<'a> {
    pub method: &'a str,
    pub host: &'a str,
    pub path: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub payload_sha256: &'a str,
    /// `YYYYMMDD'T'HHMMSS'Z'`, the value of `x-amz-date`.
    pub amz_date: &'a str,
}

/// Percent-encode as SigV4 asks: everything but `A-Z a-z 0-9 - _ . ~`, and
/// `/` too unless `keep_slash`.
pub fn uri_encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b'/' if keep_slash => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut m = mac(key);
    m.update(data.as_bytes());
    m.finalize().into_bytes().to_vec()
}

/// The signed header names (sorted, `;`-separated) and the canonical
/// request.
fn canonical_request(r: &Request<'_>) -> (String, String) {
    let mut headers: Vec<(String, String)> = r
        .headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), collapse(v)))
        .collect();
    headers.push(("host".into(), r.host.to_owned()));
    headers.sort();
    let signed = headers
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical_headers: String = headers.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let canonical = format!(
        "{}\n{}\n\n{canonical_headers}\n{signed}\n{}",
        r.method,
        uri_encode(r.path, true),
        r.payload_sha256
    );
    (signed, canonical)
}

/// Trim a header value and collapse runs of spaces, as SigV4 asks.
fn collapse(v: &str) -> String {
    v.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of the `Authorization` header for `r`.
pub fn authorization(c: &Credentials<'_>, r: &Request<'_>) -> String {
    let date = r.amz_date.get(..8).unwrap_or(r.amz_date);
    let scope = format!("{date}/{}/s3/aws4_request", c.region);
    let (signed, canonical) = canonical_request(r);
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{}\n{scope}\n{}",
        r.amz_date,
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let k_date = hmac(format!("AWS4{}", c.secret).as_bytes(), date);
    let k_region = hmac(&k_date, c.region);
    let k_service = hmac(&k_region, "s3");
    let k_signing = hmac(&k_service, "aws4_request");
    let signature = hex::encode(hmac(&k_signing, &string_to_sign));
    format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope},SignedHeaders={signed},Signature={signature}",
        c.access_key
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The GET-object example of the AWS S3 documentation ("Example: GET
    /// Object", Signature Version 4, header-based authentication).
    #[test]
    fn signs_the_aws_documentation_example() {
        let c = Credentials {
            access_key: "AKIAIOSFODNN7EXAMPLE",
            secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            region: "us-east-1",
        };
        let r = Request {
            method: "GET",
            host: "examplebucket.s3.amazonaws.com",
            path: "/test.txt",
            headers: &[
                ("Range", "bytes=0-9"),
                ("x-amz-content-sha256", EMPTY_SHA256),
                ("x-amz-date", "20130524T000000Z"),
            ],
            payload_sha256: EMPTY_SHA256,
            amz_date: "20130524T000000Z",
        };
        let (_, canonical) = canonical_request(&r);
        assert_eq!(
            canonical,
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n\
             x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\
             x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            authorization(&c, &r),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
             SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,\
             Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
    }

    #[test]
    fn encodes_keys_but_keeps_slashes_in_paths() {
        assert_eq!(uri_encode("/b/0392/a b+é", true), "/b/0392/a%20b%2B%C3%A9");
        assert_eq!(uri_encode("a/b", false), "a%2Fb");
    }
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The verifier against a request signed by another implementation
//! (`testdata/foreign-signed.xml`: libxml2's exclusive c14n through lxml and
//! Python `cryptography`), laid out unlike GBI's own output: namespaces
//! declared on the Envelope, a default-namespace `Signature`, indentation,
//! empty-element tags, an entity reference in a signed header.

use super::*;

const FOREIGN: &str = include_str!("testdata/foreign-signed.xml");

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn check(xml: &str, now: &str) -> Result<Verified, Refusal> {
    verify(
        &c14n::parse(xml.as_bytes()).unwrap(),
        &Trust::default(),
        at(now),
    )
}

#[test]
fn accepts_a_request_signed_elsewhere() {
    let v = check(FOREIGN, "2026-01-15T10:02:00Z").unwrap();
    assert_eq!(v.oin.as_deref(), Some("00000001823288444000"));
    assert!(v.action.ends_with("/SVBPersoonsInfo"));
}

#[test]
fn refuses_it_when_changed_or_late() {
    let r = check(
        &FOREIGN.replace("999993549", "999998493"),
        "2026-01-15T10:02:00Z",
    )
    .unwrap_err();
    assert_eq!(r.faultcode, "wsse:FailedCheck");
    assert!(r.reason.contains("S:Body"), "{r:?}");

    let r = check(
        &FOREIGN.replace("10:05:00Z", "23:05:00Z"),
        "2026-01-15T10:02:00Z",
    )
    .unwrap_err();
    assert!(r.reason.contains("u:Timestamp"), "{r:?}");

    let r = check(FOREIGN, "2026-01-15T11:00:00Z").unwrap_err();
    assert_eq!(r.faultcode, "wsu:MessageExpired");

    // Whitespace inside SignedInfo is signed too.
    let r = check(
        &FOREIGN.replacen("<SignatureMethod", " <SignatureMethod", 1),
        "2026-01-15T10:02:00Z",
    )
    .unwrap_err();
    assert!(r.reason.contains("handtekening"), "{r:?}");
}

#[test]
fn trusts_only_listed_certificates_once_told() {
    let doc = c14n::parse(FOREIGN.as_bytes()).unwrap();
    let now = at("2026-01-15T10:02:00Z");
    let trust = Trust::default();
    trust.add(vec![1, 2, 3]);
    let r = verify(&doc, &trust, now).unwrap_err();
    assert_eq!(r.faultcode, "wsse:FailedAuthentication");
    let der = verify(&doc, &Trust::default(), now)
        .unwrap()
        .certificate_der;
    trust.add(der);
    assert!(verify(&doc, &trust, now).is_ok());
    // A certificate outside its validity period is refused.
    let r = verify(&doc, &Trust::default(), at("2027-06-01T10:02:00Z")).unwrap_err();
    assert_eq!(r.faultcode, "wsse:InvalidSecurityToken");
}

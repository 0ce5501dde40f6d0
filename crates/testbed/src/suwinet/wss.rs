//! Verifying WS-Security on incoming Suwinet calls, as BKWI does: the
//! WSDL policies demand an X.509v3 BinarySecurityToken, a Timestamp and a
//! signature over every SOAP header and the Body. Anything else is refused
//! with a WS-Security SOAP Fault that names the reason.

use super::c14n::{self, Elem};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chrono::{DateTime, Utc};
use rsa::RsaPublicKey;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use sha2::{Digest, Sha256};
use std::sync::{Arc, RwLock};
use x509_cert::der::{Decode, Encode};

pub const SOAP_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub const WSA: &str = "http://www.w3.org/2005/08/addressing";
pub const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
pub const WSU: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
pub const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
pub const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
pub const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
pub const X509V3: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
pub const BASE64_BINARY: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";

/// Allowed clock difference between sender and testbed.
const SKEW_SECONDS: i64 = 300;
/// Maximum age of a message whose Timestamp has no Expires.
const MAX_AGE_SECONDS: i64 = 300;

/// Certificates (DER) the testbed trusts. Empty: any well-formed X.509v3
/// RSA certificate whose key verifies the signature (the throwaway
/// certificates of tests and the demo); otherwise only the listed ones.
#[derive(Clone, Default, Debug)]
pub struct Trust(Arc<RwLock<Vec<Vec<u8>>>>);

impl Trust {
    pub fn add(&self, certificate_der: Vec<u8>) {
        if let Ok(mut v) = self.0.write() {
            v.push(certificate_der);
        }
    }

    pub fn clear(&self) {
        if let Ok(mut v) = self.0.write() {
            v.clear();
        }
    }

    fn allows(&self, der: &[u8]) -> bool {
        self.0
            .read()
            .map(|v| v.is_empty() || v.iter().any(|c| c == der))
            .unwrap_or(false)
    }
}

/// Why a call was refused: a WS-Security faultcode and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// `wsse:InvalidSecurity`, `wsse:FailedCheck`, `wsu:MessageExpired`, …
    pub faultcode: &'static str,
    pub reason: String,
}

fn refuse<T>(faultcode: &'static str, reason: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal {
        faultcode,
        reason: reason.into(),
    })
}

/// What a verified call tells about its sender.
#[derive(Debug, Clone)]
pub struct Verified {
    pub certificate_der: Vec<u8>,
    /// The OIN in `wsa:From` (Digikoppeling WUS), when sent.
    pub oin: Option<String>,
    /// `wsa:Action` (signed).
    pub action: String,
}

fn b64(s: &str) -> Result<Vec<u8>, String> {
    let clean: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    B64.decode(clean).map_err(|e| e.to_string())
}

fn utc(s: &str, what: &str) -> Result<DateTime<Utc>, Refusal> {
    let s = s.trim();
    if !s.ends_with('Z') {
        return refuse(
            "wsse:InvalidSecurity",
            format!("{what} {s:?} is niet in UTC (eindigt niet op Z)"),
        );
    }
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| {
            refuse(
                "wsse:InvalidSecurity",
                format!("{what} {s:?} is geen xs:dateTime"),
            )
        })
}

fn id_of(e: &Elem) -> Option<&str> {
    e.attr(WSU, "Id").or_else(|| e.attr("", "Id"))
}

fn only<'a>(parent: &'a Elem, ns: &str, local: &str, what: &str) -> Result<&'a Elem, Refusal> {
    let mut it = parent.elements().filter(|e| e.is(ns, local));
    match (it.next(), it.next()) {
        (Some(e), None) => Ok(e),
        (None, _) => refuse("wsse:InvalidSecurity", format!("{what} ontbreekt")),
        (Some(_), Some(_)) => refuse(
            "wsse:InvalidSecurity",
            format!("{what} komt meer dan eens voor"),
        ),
    }
}

fn prefix_list(method: &Elem) -> Vec<String> {
    method
        .child(EXC_C14N, "InclusiveNamespaces")
        .and_then(|i| i.attr("", "PrefixList"))
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn certificate(
    bst: &Elem,
    trust: &Trust,
    now: DateTime<Utc>,
) -> Result<(Vec<u8>, RsaPublicKey), Refusal> {
    if bst.attr("", "ValueType") != Some(X509V3) {
        return refuse(
            "wsse:UnsupportedSecurityToken",
            "BinarySecurityToken heeft niet ValueType X509v3",
        );
    }
    if bst.attr("", "EncodingType") != Some(BASE64_BINARY) {
        return refuse(
            "wsse:UnsupportedSecurityToken",
            "BinarySecurityToken heeft niet EncodingType Base64Binary",
        );
    }
    let der = b64(&bst.text()).or_else(|e| {
        refuse(
            "wsse:InvalidSecurityToken",
            format!("BinarySecurityToken is geen base64: {e}"),
        )
    })?;
    let cert = x509_cert::Certificate::from_der(&der).or_else(|e| {
        refuse(
            "wsse:InvalidSecurityToken",
            format!("BinarySecurityToken is geen X.509-certificaat: {e}"),
        )
    })?;
    let validity = &cert.tbs_certificate.validity;
    let secs = now.timestamp();
    let from = validity.not_before.to_unix_duration().as_secs() as i64;
    let to = validity.not_after.to_unix_duration().as_secs() as i64;
    if secs < from || secs > to {
        return refuse(
            "wsse:InvalidSecurityToken",
            "certificaat is niet (meer) geldig",
        );
    }
    if !trust.allows(&der) {
        return refuse(
            "wsse:FailedAuthentication",
            "certificaat wordt niet vertrouwd (geen bekende afnemer)",
        );
    }
    let spki = &cert.tbs_certificate.subject_public_key_info;
    if spki.algorithm.oid.to_string() != RSA_ENCRYPTION {
        return refuse(
            "wsse:UnsupportedSecurityToken",
            "certificaat heeft geen RSA-sleutel",
        );
    }
    let spki_der = spki
        .to_der()
        .or_else(|e| refuse("wsse:InvalidSecurityToken", e.to_string()))?;
    let key = RsaPublicKey::from_public_key_der(&spki_der)
        .or_else(|e| refuse("wsse:InvalidSecurityToken", format!("RSA-sleutel: {e}")))?;
    Ok((der, key))
}

fn timestamp(ts: &Elem, now: DateTime<Utc>) -> Result<(), Refusal> {
    let created = utc(
        &only(ts, WSU, "Created", "wsu:Created")?.text(),
        "wsu:Created",
    )?;
    if created > now + chrono::Duration::seconds(SKEW_SECONDS) {
        return refuse("wsse:InvalidSecurity", "wsu:Created ligt in de toekomst");
    }
    match ts.child(WSU, "Expires") {
        Some(e) => {
            let expires = utc(&e.text(), "wsu:Expires")?;
            if expires <= created {
                return refuse(
                    "wsse:InvalidSecurity",
                    "wsu:Expires ligt niet na wsu:Created",
                );
            }
            if expires + chrono::Duration::seconds(SKEW_SECONDS) < now {
                return refuse(
                    "wsu:MessageExpired",
                    "bericht is verlopen (wsu:Expires is voorbij)",
                );
            }
        }
        None if created + chrono::Duration::seconds(MAX_AGE_SECONDS + SKEW_SECONDS) < now => {
            return refuse(
                "wsu:MessageExpired",
                "bericht is verlopen (wsu:Created te oud)",
            );
        }
        None => {}
    }
    Ok(())
}

/// Check the WS-Security header of a parsed SOAP envelope.
pub fn verify(envelope: &Elem, trust: &Trust, now: DateTime<Utc>) -> Result<Verified, Refusal> {
    if !envelope.is(SOAP_ENV, "Envelope") {
        return refuse("wsse:InvalidSecurity", "geen SOAP 1.1 Envelope");
    }
    let Some(header) = envelope.child(SOAP_ENV, "Header") else {
        return refuse(
            "wsse:InvalidSecurity",
            "SOAP Header ontbreekt: het bericht is niet ondertekend",
        );
    };
    let body = only(envelope, SOAP_ENV, "Body", "SOAP Body")?;
    let security = match only(header, WSSE, "Security", "wsse:Security") {
        Ok(s) => s,
        Err(mut r) => {
            r.reason
                .push_str(": het bericht is niet ondertekend (WS-Security vereist)");
            return Err(r);
        }
    };
    let bst = only(
        security,
        WSSE,
        "BinarySecurityToken",
        "wsse:BinarySecurityToken",
    )?;
    let (certificate_der, key) = certificate(bst, trust, now)?;
    let ts = only(security, WSU, "Timestamp", "wsu:Timestamp")?;
    timestamp(ts, now)?;
    let signature = only(security, DS, "Signature", "ds:Signature")?;
    let signed_info = only(signature, DS, "SignedInfo", "ds:SignedInfo")?;
    let c14n_method = only(
        signed_info,
        DS,
        "CanonicalizationMethod",
        "ds:CanonicalizationMethod",
    )?;
    if c14n_method.attr("", "Algorithm") != Some(EXC_C14N) {
        return refuse(
            "wsse:UnsupportedAlgorithm",
            "CanonicalizationMethod is niet exclusive c14n",
        );
    }
    let method = only(signed_info, DS, "SignatureMethod", "ds:SignatureMethod")?;
    if method.attr("", "Algorithm") != Some(RSA_SHA256) {
        return refuse(
            "wsse:UnsupportedAlgorithm",
            "SignatureMethod is niet RSA-SHA256",
        );
    }

    // Every element carrying an Id, for resolving references (and refusing
    // duplicate Ids, a signature-wrapping trick).
    let all = envelope.descendants();
    let mut signed: Vec<&Elem> = Vec::new();
    for r in signed_info.elements().filter(|e| e.is(DS, "Reference")) {
        let uri = r.attr("", "URI").unwrap_or_default();
        let Some(id) = uri.strip_prefix('#').filter(|i| !i.is_empty()) else {
            return refuse(
                "wsse:FailedCheck",
                format!("Reference URI {uri:?} is geen wsu:Id-verwijzing"),
            );
        };
        let targets: Vec<&&Elem> = all.iter().filter(|e| id_of(e) == Some(id)).collect();
        let target = match targets.as_slice() {
            [t] => **t,
            [] => {
                return refuse(
                    "wsse:FailedCheck",
                    format!("Reference #{id} wijst naar niets"),
                );
            }
            _ => {
                return refuse(
                    "wsse:FailedCheck",
                    format!("wsu:Id {id} komt meer dan eens voor"),
                );
            }
        };
        let transforms: Vec<&Elem> = r
            .child(DS, "Transforms")
            .map(|t| t.elements().filter(|e| e.is(DS, "Transform")).collect())
            .unwrap_or_default();
        let [transform] = transforms.as_slice() else {
            return refuse(
                "wsse:UnsupportedAlgorithm",
                format!("Reference #{id}: verwacht precies één Transform (exclusive c14n)"),
            );
        };
        if transform.attr("", "Algorithm") != Some(EXC_C14N) {
            return refuse(
                "wsse:UnsupportedAlgorithm",
                format!("Reference #{id}: Transform is niet exclusive c14n"),
            );
        }
        let dm = only(r, DS, "DigestMethod", "ds:DigestMethod")?;
        if dm.attr("", "Algorithm") != Some(SHA256) {
            return refuse(
                "wsse:UnsupportedAlgorithm",
                format!("Reference #{id}: DigestMethod is niet SHA-256"),
            );
        }
        let expected = b64(&only(r, DS, "DigestValue", "ds:DigestValue")?.text())
            .or_else(|e| refuse("wsse:FailedCheck", format!("DigestValue: {e}")))?;
        let canonical = c14n::exc_c14n(target, &prefix_list(transform));
        if Sha256::digest(canonical.as_bytes()).as_slice() != expected.as_slice() {
            return refuse(
                "wsse:FailedCheck",
                format!(
                    "digest van {} klopt niet: het bericht is na ondertekening gewijzigd",
                    target.qname
                ),
            );
        }
        signed.push(target);
    }
    let is_signed = |e: &Elem| signed.iter().any(|s| std::ptr::eq(*s, e));
    if !is_signed(body) {
        return refuse("wsse:FailedCheck", "SOAP Body is niet ondertekend");
    }
    if !is_signed(ts) {
        return refuse("wsse:FailedCheck", "wsu:Timestamp is niet ondertekend");
    }
    for h in header.elements().filter(|h| !std::ptr::eq(*h, security)) {
        if !is_signed(h) {
            return refuse(
                "wsse:FailedCheck",
                format!("header {} is niet ondertekend", h.qname),
            );
        }
    }

    // WB010: the key through a direct reference to the BinarySecurityToken.
    let str_ref = signature
        .child(DS, "KeyInfo")
        .and_then(|k| k.child(WSSE, "SecurityTokenReference"))
        .and_then(|s| s.child(WSSE, "Reference"));
    let Some(str_ref) = str_ref else {
        return refuse(
            "wsse:InvalidSecurityToken",
            "KeyInfo zonder SecurityTokenReference/Reference",
        );
    };
    let bst_id = id_of(bst).unwrap_or_default();
    if bst_id.is_empty() || str_ref.attr("", "URI") != Some(&format!("#{bst_id}")) {
        return refuse(
            "wsse:InvalidSecurityToken",
            "SecurityTokenReference verwijst niet naar de BinarySecurityToken",
        );
    }
    if str_ref.attr("", "ValueType").is_some_and(|v| v != X509V3) {
        return refuse(
            "wsse:UnsupportedSecurityToken",
            "SecurityTokenReference ValueType is niet X509v3",
        );
    }

    let value = b64(&only(signature, DS, "SignatureValue", "ds:SignatureValue")?.text())
        .or_else(|e| refuse("wsse:FailedCheck", format!("SignatureValue: {e}")))?;
    let sig = Signature::try_from(value.as_slice())
        .or_else(|e| refuse("wsse:FailedCheck", format!("SignatureValue: {e}")))?;
    let canonical = c14n::exc_c14n(signed_info, &prefix_list(c14n_method));
    VerifyingKey::<Sha256>::new(key)
        .verify(canonical.as_bytes(), &sig)
        .or_else(|_| {
            refuse(
                "wsse:FailedCheck",
                "handtekening klopt niet bij SignedInfo en certificaat",
            )
        })?;

    for (local, what) in [("Action", "wsa:Action"), ("MessageID", "wsa:MessageID")] {
        if header.child(WSA, local).is_none() {
            return refuse(
                "wsse:InvalidSecurity",
                format!("{what} ontbreekt (WS-Addressing is verplicht)"),
            );
        }
    }
    let oin = header
        .child(WSA, "From")
        .and_then(|f| f.child(WSA, "Address"))
        .and_then(|a| {
            let t = a.text();
            t.split_once("OIN=")
                .map(|(_, o)| o.split('&').next().unwrap_or_default().to_owned())
        });
    let action = header
        .child(WSA, "Action")
        .map(|a| a.text().trim().to_owned())
        .unwrap_or_default();
    Ok(Verified {
        certificate_der,
        oin,
        action,
    })
}

#[cfg(test)]
#[path = "wss_tests.rs"]
mod tests;

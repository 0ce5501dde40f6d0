//! WS-Security for Suwinet (WSS 1.0 X.509 Token Profile, as the SuwiML
//! WSDL policies and the Digikoppeling WUS profile demand): a
//! `wsse:BinarySecurityToken` with the gemeente's PKIoverheid certificate,
//! a `wsu:Timestamp`, and an XML signature (exclusive c14n, RSA-SHA256,
//! SHA-256 digests) over the Body, the Timestamp and every WS-Addressing
//! header, referenced by `wsu:Id`; the key is referenced directly through a
//! `wsse:SecurityTokenReference` (WB010).
//!
//! We control the serializer: every signed element is written in its
//! exclusive canonical form (namespace declarations it uses on itself,
//! sorted; attributes sorted; no empty-element tags; canonical escaping),
//! so its digest is the SHA-256 of exactly the bytes we put on the wire.
//! The testbed verifies with a canonicalizer over the parsed tree.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chrono::{DateTime, Utc};
use rsa::RsaPrivateKey;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::signature::{SignatureEncoding, Signer as _};
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use x509_cert::der::{Decode, DecodePem, Encode, EncodePem};

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
/// Digikoppeling WUS: the sender's OIN as a parameter of the `wsa:From` address.
pub const ANONYMOUS: &str = "http://www.w3.org/2005/08/addressing/anonymous";

/// The gemeente's signing key and PKIoverheid certificate. `Debug` never
/// shows the key.
pub struct Signer {
    key: SigningKey<Sha256>,
    certificate_der: Vec<u8>,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("certificate_bytes", &self.certificate_der.len())
            .field("key", &"<redacted>")
            .finish()
    }
}

/// A key + self-signed certificate pair in PEM, as [`Signer::generate`] makes.
#[derive(Debug)]
pub struct GeneratedIdentity {
    pub signer: Signer,
    pub certificate_pem: String,
    pub private_key_pem: String,
}

impl Signer {
    /// From a PEM certificate and a PEM private key (PKCS#8 or PKCS#1 RSA).
    /// The key must belong to the certificate.
    pub fn from_pem(certificate_pem: &str, private_key_pem: &str) -> Result<Self, String> {
        let cert = x509_cert::Certificate::from_pem(certificate_pem.as_bytes())
            .map_err(|e| format!("certificaat: {e}"))?;
        let key = RsaPrivateKey::from_pkcs8_pem(private_key_pem)
            .or_else(|_| RsaPrivateKey::from_pkcs1_pem(private_key_pem))
            .map_err(|e| format!("private key (RSA, PKCS#8 of PKCS#1 PEM): {e}"))?;
        let spki = cert
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| format!("certificaat: {e}"))?;
        let ours = key
            .to_public_key()
            .to_public_key_der()
            .map_err(|e| format!("publieke sleutel: {e}"))?;
        if spki != ours.as_bytes() {
            return Err("de private key hoort niet bij het certificaat".into());
        }
        Ok(Self {
            key: SigningKey::new(key),
            certificate_der: cert.to_der().map_err(|e| format!("certificaat: {e}"))?,
        })
    }

    /// From PEM files (configuration).
    pub fn from_files(certificate: &Path, private_key: &Path) -> Result<Self, String> {
        let read =
            |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        Self::from_pem(&read(certificate)?, &read(private_key)?)
    }

    /// A fresh RSA-2048 key with a self-signed certificate valid for a day,
    /// for demos and tests. `subject` is an RFC 4514 name, e.g.
    /// `CN=GBI demo,O=Gemeente Demo`.
    pub fn generate(subject: &str) -> Result<GeneratedIdentity, String> {
        use std::str::FromStr;
        use x509_cert::certificate::{TbsCertificate, Version};
        use x509_cert::der::asn1::BitString;
        use x509_cert::name::Name;
        use x509_cert::serial_number::SerialNumber;
        use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

        let mut rng = rand::thread_rng();
        let key = RsaPrivateKey::new(&mut rng, 2048).map_err(|e| e.to_string())?;
        let spki_der = key
            .to_public_key()
            .to_public_key_der()
            .map_err(|e| e.to_string())?;
        let spki =
            SubjectPublicKeyInfoOwned::from_der(spki_der.as_bytes()).map_err(|e| e.to_string())?;
        let name = Name::from_str(subject).map_err(|e| format!("subject: {e}"))?;
        let algorithm = AlgorithmIdentifierOwned {
            // sha256WithRSAEncryption
            oid: x509_cert::der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11"),
            parameters: Some(x509_cert::der::asn1::Null.into()),
        };
        let serial: [u8; 8] = rand::random();
        let serial = [&[0x01u8][..], &serial[..]].concat();
        let tbs = TbsCertificate {
            version: Version::V3,
            serial_number: SerialNumber::new(&serial).map_err(|e| e.to_string())?,
            signature: algorithm.clone(),
            issuer: name.clone(),
            validity: validity_one_day()?,
            subject: name,
            subject_public_key_info: spki,
            issuer_unique_id: None,
            subject_unique_id: None,
            extensions: None,
        };
        let signing = SigningKey::<Sha256>::new(key.clone());
        let sig = signing.sign(&tbs.to_der().map_err(|e| e.to_string())?);
        let cert = x509_cert::Certificate {
            tbs_certificate: tbs,
            signature_algorithm: algorithm,
            signature: BitString::from_bytes(&sig.to_bytes()).map_err(|e| e.to_string())?,
        };
        let certificate_pem = cert.to_pem(LineEnding::LF).map_err(|e| e.to_string())?;
        let private_key_pem = key
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| e.to_string())?
            .to_string();
        Ok(GeneratedIdentity {
            signer: Self {
                key: signing,
                certificate_der: cert.to_der().map_err(|e| e.to_string())?,
            },
            certificate_pem,
            private_key_pem,
        })
    }

    /// The process-wide throwaway identity of `gbi serve --demo` and tests
    /// (generated once; RSA key generation takes a moment).
    pub fn throwaway() -> Result<Arc<Signer>, String> {
        static THROWAWAY: OnceLock<Result<Arc<Signer>, String>> = OnceLock::new();
        THROWAWAY
            .get_or_init(|| {
                Self::generate("CN=GBI demo gemeente,O=Gemeente Demo,C=NL")
                    .map(|g| Arc::new(g.signer))
            })
            .clone()
    }

    /// The certificate (DER) that goes into the BinarySecurityToken.
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    fn sign(&self, data: &[u8]) -> Vec<u8> {
        self.key.sign(data).to_vec()
    }
}

/// From an hour ago (clock skew) to a day from now, as UTCTime (RFC 5280
/// wants UTCTime for dates before 2050).
fn validity_one_day() -> Result<x509_cert::time::Validity, String> {
    use x509_cert::der::asn1::UtcTime;
    use x509_cert::time::{Time, Validity};
    let now = std::time::SystemTime::now();
    let at = |t: std::time::SystemTime| {
        UtcTime::from_system_time(t)
            .map(Time::UtcTime)
            .map_err(|e| e.to_string())
    };
    Ok(Validity {
        not_before: at(now - std::time::Duration::from_secs(3600))?,
        not_after: at(now + std::time::Duration::from_secs(24 * 3600))?,
    })
}

/// Text content in canonical form (`&`, `<`, `>` and CR escaped).
pub fn c14n_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            _ => out.push(c),
        }
    }
    out
}

/// An attribute value in canonical form.
pub fn c14n_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            _ => out.push(c),
        }
    }
    out
}

/// The WS-Addressing headers of one call.
#[derive(Debug, Clone)]
pub struct Adressering<'a> {
    pub action: &'a str,
    pub message_id: uuid::Uuid,
    pub to: &'a str,
    /// The gemeente's (sub)OIN, sent in `wsa:From` (Digikoppeling WUS).
    pub from_oin: Option<&'a str>,
}

/// `xs:dateTime` in UTC with `Z`, millisecond precision.
pub fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn digest(canonical: &str) -> String {
    B64.encode(Sha256::digest(canonical.as_bytes()))
}

fn wsa_header(name: &str, id: &str, inner: &str) -> String {
    format!(
        "<wsa:{name} xmlns:wsa=\"{wsa}\" xmlns:wsu=\"{WSU}\" wsu:Id=\"{id}\">{inner}</wsa:{name}>",
        wsa = super::envelope::WSA,
    )
}

/// A complete signed SOAP 1.1 envelope around `body_child` (which must be
/// in canonical form, as [`super::envelope::body_xml`] writes it).
pub fn signed_envelope(
    body_child: &str,
    a: &Adressering<'_>,
    signer: &Signer,
    created: DateTime<Utc>,
    ttl: chrono::Duration,
) -> String {
    let n = a.message_id.simple();
    let soap = super::envelope::SOAP_ENV;
    let mut signed: Vec<(String, String)> = Vec::new();

    let body_id = format!("Body-{n}");
    let body = format!(
        "<soapenv:Body xmlns:soapenv=\"{soap}\" xmlns:wsu=\"{WSU}\" wsu:Id=\"{body_id}\">{body_child}</soapenv:Body>"
    );
    let ts_id = format!("TS-{n}");
    let timestamp = format!(
        "<wsu:Timestamp xmlns:wsu=\"{WSU}\" wsu:Id=\"{ts_id}\"><wsu:Created>{}</wsu:Created><wsu:Expires>{}</wsu:Expires></wsu:Timestamp>",
        utc(created),
        utc(created + ttl),
    );
    let mut headers = String::new();
    let mut add_header = |name: &str, inner: String, signed: &mut Vec<(String, String)>| {
        let id = format!("{name}-{n}");
        let h = wsa_header(name, &id, &inner);
        headers.push_str(&h);
        signed.push((id, h));
    };
    add_header("Action", c14n_text(a.action), &mut signed);
    add_header(
        "MessageID",
        format!("urn:uuid:{}", a.message_id),
        &mut signed,
    );
    add_header("To", c14n_text(a.to), &mut signed);
    if let Some(oin) = a.from_oin {
        add_header(
            "From",
            format!(
                "<wsa:Address>{}</wsa:Address>",
                c14n_text(&format!("{ANONYMOUS}?OIN={oin}"))
            ),
            &mut signed,
        );
    }
    signed.push((ts_id, timestamp.clone()));
    signed.push((body_id, body.clone()));

    let mut signed_info = format!(
        "<ds:SignedInfo xmlns:ds=\"{DS}\"><ds:CanonicalizationMethod Algorithm=\"{EXC_C14N}\"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm=\"{RSA_SHA256}\"></ds:SignatureMethod>"
    );
    for (id, canonical) in &signed {
        signed_info.push_str(&format!(
            "<ds:Reference URI=\"#{id}\"><ds:Transforms><ds:Transform Algorithm=\"{EXC_C14N}\"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm=\"{SHA256}\"></ds:DigestMethod><ds:DigestValue>{}</ds:DigestValue></ds:Reference>",
            digest(canonical)
        ));
    }
    signed_info.push_str("</ds:SignedInfo>");
    let signature_value = B64.encode(signer.sign(signed_info.as_bytes()));
    let bst_id = format!("X509-{n}");
    let security = format!(
        concat!(
            "<wsse:Security xmlns:wsse=\"{wsse}\" xmlns:wsu=\"{wsu}\" soapenv:mustUnderstand=\"1\">",
            "<wsse:BinarySecurityToken EncodingType=\"{enc}\" ValueType=\"{vt}\" wsu:Id=\"{bst_id}\">{cert}</wsse:BinarySecurityToken>",
            "{timestamp}",
            "<ds:Signature xmlns:ds=\"{ds}\" Id=\"SIG-{n}\">{signed_info}",
            "<ds:SignatureValue>{sv}</ds:SignatureValue>",
            "<ds:KeyInfo Id=\"KI-{n}\"><wsse:SecurityTokenReference wsu:Id=\"STR-{n}\">",
            "<wsse:Reference URI=\"#{bst_id}\" ValueType=\"{vt}\"/>",
            "</wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature>",
            "</wsse:Security>"
        ),
        wsse = WSSE,
        wsu = WSU,
        enc = BASE64_BINARY,
        vt = X509V3,
        bst_id = bst_id,
        cert = B64.encode(signer.certificate_der()),
        timestamp = timestamp,
        ds = DS,
        n = n,
        signed_info = signed_info,
        sv = signature_value,
    );
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<soapenv:Envelope xmlns:soapenv=\"{soap}\" xmlns:wsa=\"{wsa}\" xmlns:wsu=\"{wsu}\">",
            "<soapenv:Header>{security}{headers}</soapenv:Header>",
            "{body}",
            "</soapenv:Envelope>"
        ),
        soap = soap,
        wsa = super::envelope::WSA,
        wsu = WSU,
        security = security,
        headers = headers,
        body = body,
    )
}

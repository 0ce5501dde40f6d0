//! Helpers shared by the integration tests: fixture paths and XSD validation with xmllint.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    crate_dir().join("tests/fixtures")
}

/// Root of the copied Suwinet WSDL/XSD trees.
pub fn suwinet_xsd_root() -> PathBuf {
    crate_dir().join("tests/xsd/suwinet")
}

/// The XSD a request body child must satisfy.
pub fn body_action_xsd(xsd_dir: &str) -> PathBuf {
    suwinet_xsd_root().join(xsd_dir).join("BodyAction.xsd")
}

/// The XSD a response body child must satisfy.
pub fn body_reaction_xsd(xsd_dir: &str) -> PathBuf {
    suwinet_xsd_root().join(xsd_dir).join("BodyReaction.xsd")
}

/// Validate `xml` against `xsd` with xmllint. `Err` carries xmllint's complaint.
/// Panics with a clear message when xmllint is not installed.
pub fn xmllint(xsd: &Path, xml: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("doc.xml");
    std::fs::write(&file, xml).expect("write temp xml");
    let out = match Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .arg(&file)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!(
            "xmllint is needed for the XSD tests but could not be run ({e}). \
             Install it with `apt-get install libxml2-utils`."
        ),
    };
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The first element child of the SOAP Body in one of our envelopes. Our
/// envelopes put the body child right inside `<soapenv:Body …>` (signed ones
/// carry a `wsu:Id`) and the child declares its own namespace, so a text cut
/// is exact.
pub fn body_child(envelope: &str) -> String {
    let start = envelope
        .find("<soapenv:Body")
        .and_then(|i| envelope[i..].find('>').map(|j| i + j + 1));
    let end = envelope.rfind("</soapenv:Body>");
    match (start, end) {
        (Some(s), Some(e)) if s <= e => envelope[s..e].to_owned(),
        _ => panic!("no soapenv:Body in envelope"),
    }
}

/// A signed envelope, as the client sends it, with the process's throwaway identity.
pub fn signed(op: &gbi_registers::suwinet::envelope::Operatie, body: &str, to: &str) -> String {
    use gbi_registers::suwinet::wss;
    let signer = wss::Signer::throwaway().unwrap();
    wss::signed_envelope(
        body,
        &wss::Adressering {
            action: op.action,
            message_id: uuid::Uuid::new_v4(),
            to,
            from_oin: Some("00000001823288444000"),
        },
        &signer,
        chrono::Utc::now(),
        chrono::Duration::minutes(5),
    )
}

/// The first element child of the SOAP Body of any envelope (any prefix).
pub fn body_child_any(envelope: &str) -> String {
    let open = envelope
        .match_indices(":Body")
        .find(|(i, _)| {
            envelope[..*i]
                .rfind('<')
                .is_some_and(|lt| !envelope[lt..*i].contains(['>', '/', ' ']))
        })
        .map(|(i, _)| i)
        .expect("no SOAP Body");
    let start = open + envelope[open..].find('>').expect("Body start tag") + 1;
    let lt = envelope[..open].rfind('<').expect("Body tag");
    let prefix = &envelope[lt + 1..open];
    let end = envelope
        .rfind(&format!("</{prefix}:Body>"))
        .expect("Body end tag");
    envelope[start..end].to_owned()
}

/// Serve `app` on a free loopback port; returns the base URL. The server
/// lives as long as the test's runtime.
pub async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

/// A loopback URL where nothing listens.
pub fn closed_port_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = l.local_addr().expect("addr");
    drop(l);
    format!("http://{addr}")
}

/// Test settings: short timeouts and backoff so tests stay fast.
pub fn fast(endpoint: &str) -> gbi_registers::SourceConfig {
    let mut c = gbi_registers::SourceConfig::new(endpoint);
    c.timeout_ms = 2000;
    c.retries = 3;
    c.backoff_ms = 10;
    c.breaker_failures = 5;
    c.breaker_cooldown_ms = 300;
    c
}

pub fn brp_antwoord(bsn: &str) -> serde_json::Value {
    serde_json::json!({
        "type": "RaadpleegMetBurgerservicenummer",
        "personen": [{
            "burgerservicenummer": bsn,
            "naam": {"voornamen": "Henk", "voorvoegsel": "de", "geslachtsnaam": "Jansen"},
            "geboorte": {"datum": {"type": "Datum", "datum": "1985-03-15", "langFormaat": "15 maart 1985"}},
            "geslacht": {"code": "M", "omschrijving": "man"},
            "verblijfplaats": {
                "type": "Adres",
                "adresseerbaarObjectIdentificatie": "0363010000000001",
                "verblijfadres": {"officieleStraatnaam": "Damstraat", "huisnummer": 1, "postcode": "1012JS", "woonplaats": "Amsterdam"}
            },
            "gemeenteVanInschrijving": {"code": "0363", "omschrijving": "Amsterdam"},
            "partners": [{"burgerservicenummer": "999991954", "naam": {"geslachtsnaam": "Kooyman"},
                          "geboorte": {"datum": {"type": "JaarDatum", "jaar": 1990, "langFormaat": "1990"}}}],
            "kinderen": [{"burgerservicenummer": "123456789", "naam": {"voornamen": "Kees"}}]
        }]
    })
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use gbi_testbed::{RunningTestbed, TestbedConfig};
use std::path::{Path, PathBuf};
use std::process::Command;

pub async fn start(population: usize) -> RunningTestbed {
    gbi_testbed::start(TestbedConfig {
        population,
        ..TestbedConfig::default()
    })
    .await
    .expect("testbed starts")
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .unwrap()
}

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// `data/xsd/<Service>/Diensten/<Service>/<version>/BodyReaction.xsd`
pub fn body_reaction_xsd(service: &str) -> PathBuf {
    let dir = data_dir()
        .join("xsd")
        .join(service)
        .join("Diensten")
        .join(service);
    let version = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .find(|e| e.path().join("BodyReaction.xsd").exists())
        .unwrap_or_else(|| panic!("no BodyReaction.xsd under {}", dir.display()));
    version.path().join("BodyReaction.xsd")
}

/// The first child element of the SOAP Body, as text.
pub fn soap_body_child(envelope: &str) -> String {
    let open = regex::Regex::new(r"<([A-Za-z0-9_]+:)?Body[^>]*>").unwrap();
    let close = regex::Regex::new(r"</([A-Za-z0-9_]+:)?Body>").unwrap();
    let start = open
        .find(envelope)
        .unwrap_or_else(|| panic!("no Body in {envelope}"))
        .end();
    let end = close
        .find_iter(envelope)
        .last()
        .expect("no </Body>")
        .start();
    envelope[start..end].trim().to_string()
}

/// Validate an XML document with xmllint against an XSD. Returns the errors.
pub fn xmllint(xml: &str, xsd: &Path) -> Result<(), String> {
    if Command::new("xmllint").arg("--version").output().is_err() {
        panic!(
            "xmllint is niet geïnstalleerd: installeer libxml2-utils (apt-get install libxml2-utils)"
        );
    }
    let mut f = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut f, xml.as_bytes()).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(xsd)
        .arg(f.path())
        .output()
        .unwrap();
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

pub fn soap_request(ns: &str, operation: &str, fields: &[(&str, &str)]) -> String {
    let inner: String = fields
        .iter()
        .map(|(k, v)| format!("<{k}>{v}</{k}>"))
        .collect();
    format!(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:s=\"{ns}\"><soapenv:Header/><soapenv:Body><s:{operation}>{inner}</s:{operation}></soapenv:Body></soapenv:Envelope>"
    )
}

/// A request as GBI sends it: WS-Security signed with the throwaway identity
/// (the testbed refuses unsigned Suwinet calls, as BKWI does).
pub fn signed_request(
    ns: &str,
    operation: &str,
    fields: &[(&str, &str)],
    base: &str,
    service: &str,
) -> String {
    use gbi_registers::suwinet::wss;
    let inner: String = fields
        .iter()
        .map(|(k, v)| format!("<{k}>{}</{k}>", wss::c14n_text(v)))
        .collect();
    let body = format!("<s:{operation} xmlns:s=\"{ns}\">{inner}</s:{operation}>");
    wss::signed_envelope(
        &body,
        &wss::Adressering {
            action: &format!("http://bkwi.nl/SuwiML/Diensten/{service}/{operation}"),
            message_id: uuid::Uuid::new_v4(),
            to: &format!("{base}/suwinet/{service}"),
            from_oin: Some("00000001823288444000"),
        },
        &wss::Signer::throwaway().unwrap(),
        chrono::Utc::now(),
        chrono::Duration::minutes(5),
    )
}

pub async fn suwinet(
    tb: &RunningTestbed,
    service: &str,
    operation: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let ns = gbi_testbed::suwinet::namespace(service).unwrap();
    let resp = client()
        .post(format!("{}/suwinet/{service}", tb.base_url()))
        .header("Content-Type", "text/xml; charset=utf-8")
        .header("SOAPAction", "\"\"")
        .body(signed_request(
            ns,
            operation,
            fields,
            &tb.base_url(),
            service,
        ))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

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
/// envelopes put the body child between `<soapenv:Body>` and `</soapenv:Body>`
/// and the child declares its own namespace, so a text cut is exact.
pub fn body_child(envelope: &str) -> String {
    let start = envelope
        .find("<soapenv:Body>")
        .map(|i| i + "<soapenv:Body>".len());
    let end = envelope.rfind("</soapenv:Body>");
    match (start, end) {
        (Some(s), Some(e)) if s <= e => envelope[s..e].to_owned(),
        _ => panic!("no soapenv:Body in envelope"),
    }
}

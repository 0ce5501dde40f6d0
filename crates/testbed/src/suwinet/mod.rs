//! Suwinet Inkijk GSD services over SOAP 1.1: `POST /suwinet/{Service}`.
//!
//! A request for a key (BSN or kenteken) with a canned example response
//! (`data/suwinet/Responses/<Service>_<Operation>_<key>.xml`) gets that
//! body verbatim. Otherwise generated residents get a response built from
//! the population, and anyone else the `fwi:NietsGevonden` answer the XSDs
//! foresee. `BRPDossierPersoonGSD` and `DUODossierPersoonGSD` serve canned
//! responses only.

mod bijstand;
pub mod c14n;
mod duo;
mod kadaster;
mod rdw;
mod svb;
mod uwv;
pub mod wss;
pub mod xml;

use crate::AppState;
use crate::faults::Outcome;
use crate::population::{Ingezetene, Population};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use quick_xml::events::Event;
use std::collections::HashMap;

include!(concat!(env!("OUT_DIR"), "/canned.rs"));

pub const FWI_NS: &str = "http://bkwi.nl/SuwiML/FWI/v0205";

/// (service, fault source, namespace, operations)
pub const SERVICES: &[(&str, &str, &str, &[&str])] = &[
    (
        "UWVDossierInkomstenGSD",
        "uwv",
        "http://bkwi.nl/SuwiML/Diensten/UWVDossierInkomstenGSD/v0200",
        &["UWVPersoonsIkvInfo"],
    ),
    (
        "DUODossierStudiefinancieringGSD",
        "duo",
        "http://bkwi.nl/SuwiML/Diensten/DUODossierStudiefinancieringGSD/v0200",
        &["DUOStudiefinancieringInfo"],
    ),
    (
        "DUODossierPersoonGSD",
        "duo",
        "http://bkwi.nl/SuwiML/Diensten/DUODossierPersoonGSD/v0300",
        &["DUOPersoonsInfo"],
    ),
    (
        "RDWDossierGSD",
        "rdw",
        "http://bkwi.nl/SuwiML/Diensten/RDWDossierGSD/v0200",
        &["VoertuigbezitInfoPersoon", "KentekenInfo"],
    ),
    (
        "KadasterDossierGSD",
        "kadaster",
        "http://bkwi.nl/SuwiML/Diensten/KadasterDossierGSD/v0300",
        &["PersoonsInfo"],
    ),
    (
        "SVBDossierPersoonGSD",
        "svb",
        "http://bkwi.nl/SuwiML/Diensten/SVBDossierPersoonGSD/v0200",
        &["SVBPersoonsInfo"],
    ),
    (
        "Bijstandsregelingen",
        "bijstandsregelingen",
        "http://bkwi.nl/SuwiML/Diensten/Bijstandsregelingen/v0500",
        &["BijstandsregelingenInfo"],
    ),
    (
        "BRPDossierPersoonGSD",
        "brp",
        "http://bkwi.nl/SuwiML/Diensten/BRPDossierPersoonGSD/v0200",
        &["AanvraagPersoon"],
    ),
];

/// A canned response body, by file name without `.xml`.
pub fn canned(name: &str) -> Option<&'static str> {
    CANNED
        .iter()
        .find(|(n, _)| n.strip_suffix(".xml") == Some(name))
        .map(|(_, body)| *body)
}

/// Whether any canned Suwinet response exists for this BSN.
pub fn canned_bsn(bsn: &str) -> bool {
    CANNED.iter().any(|(n, _)| {
        n.strip_suffix(".xml")
            .is_some_and(|s| s.ends_with(&format!("_{bsn}")))
    })
}

/// Names of all embedded canned responses.
pub fn canned_names() -> impl Iterator<Item = &'static str> {
    CANNED.iter().map(|(n, _)| *n)
}

/// The operation and the text of its (first-level and deeper) elements.
#[derive(Debug, Default)]
pub struct Request {
    pub operation: String,
    pub values: HashMap<String, String>,
}

impl Request {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    s.rsplit(':').next().unwrap_or_default().to_string()
}

/// Parse a SOAP 1.1 envelope: the first child of Body is the operation.
pub fn parse(body: &[u8]) -> Result<Request, String> {
    let mut reader = quick_xml::Reader::from_reader(body);
    reader.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut in_body = false;
    let mut req = Request::default();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let name = local(e.name().as_ref());
                if !in_body {
                    in_body = name == "Body";
                } else if req.operation.is_empty() {
                    req.operation = name;
                } else {
                    current = Some(name);
                }
            }
            Ok(Event::Empty(e)) => {
                let name = local(e.name().as_ref());
                if in_body && req.operation.is_empty() {
                    req.operation = name;
                }
            }
            Ok(Event::Text(t)) => {
                if let Some(c) = current.take() {
                    let text = t.unescape().map(|s| s.into_owned()).unwrap_or_default();
                    req.values.entry(c).or_insert(text);
                }
            }
            Ok(Event::End(_)) => current = None,
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("ongeldige XML: {e}")),
            _ => {}
        }
        buf.clear();
    }
    if req.operation.is_empty() {
        return Err("geen SOAP Body met een operatie".into());
    }
    Ok(req)
}

fn soap_response(status: StatusCode, body: &str) -> Response {
    let envelope = if body.contains(":Envelope") {
        body.to_string()
    } else {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header/><soap:Body>{body}</soap:Body></soap:Envelope>"
        )
    };
    let mut resp = (status, envelope).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/xml; charset=utf-8"),
    );
    resp
}

/// A SOAP fault with an `fwi:Fout` detail.
pub fn soap_fault(status: StatusCode, client: bool, code: &str, tekst: &str) -> Response {
    let faultcode = if client { "soap:Client" } else { "soap:Server" };
    let body = format!(
        "<soap:Fault><faultcode>{faultcode}</faultcode><faultstring>{t}</faultstring><detail><fwi:Fout xmlns:fwi=\"{FWI_NS}\"><Code>{c}</Code><Tekst>{t}</Tekst><Bron><DN>CN=GBI testbed</DN></Bron></fwi:Fout></detail></soap:Fault>",
        t = xml::esc(tekst),
        c = xml::esc(code),
    );
    soap_response(status, &body)
}

/// A WS-Security SOAP Fault (WSS 1.0, section 12) naming why the call was refused.
pub fn wss_fault(r: &wss::Refusal) -> Response {
    let body = format!(
        "<soap:Fault><faultcode xmlns:wsse=\"{wsse}\" xmlns:wsu=\"{wsu}\">{code}</faultcode><faultstring>{t}</faultstring><detail><fwi:Fout xmlns:fwi=\"{FWI_NS}\"><Code>{code}</Code><Tekst>{t}</Tekst><Bron><DN>CN=GBI testbed</DN></Bron></fwi:Fout></detail></soap:Fault>",
        wsse = wss::WSSE,
        wsu = wss::WSU,
        code = r.faultcode,
        t = xml::esc(&r.reason),
    );
    soap_response(StatusCode::INTERNAL_SERVER_ERROR, &body)
}

fn niets_gevonden(ns: &str, operation: &str) -> String {
    format!(
        "<smls:{operation}Response xmlns:smls=\"{ns}\" xmlns:fwi=\"{FWI_NS}\"><fwi:NietsGevonden/></smls:{operation}Response>"
    )
}

fn generate(pop: &Population, service: &str, req: &Request) -> Option<String> {
    if service == "RDWDossierGSD" && req.operation == "KentekenInfo" {
        let (p, auto) = pop.by_kenteken(req.get("KentekenVoertuig")?)?;
        return Some(rdw::kenteken_info(pop, p, auto));
    }
    let p: &Ingezetene = pop.get(req.get("Burgerservicenr")?)?;
    match service {
        "UWVDossierInkomstenGSD" => uwv::build(pop, p, req),
        "DUODossierStudiefinancieringGSD" => duo::build(p),
        "RDWDossierGSD" => rdw::voertuigbezit(pop, p),
        "KadasterDossierGSD" => kadaster::build(pop, p),
        "SVBDossierPersoonGSD" => svb::build(pop, p),
        "Bijstandsregelingen" => bijstand::build(pop, p),
        _ => None,
    }
}

pub async fn handle(
    State(state): State<AppState>,
    Path(service): Path<String>,
    body: Bytes,
) -> Response {
    let Some((service, source, ns, ops)) = SERVICES.iter().find(|s| s.0 == service).copied() else {
        return soap_fault(StatusCode::NOT_FOUND, true, "SUWI-404", "Onbekende dienst.");
    };
    match state.faults.apply(source).await {
        Outcome::Proceed => {}
        Outcome::Unavailable => {
            return soap_fault(
                StatusCode::SERVICE_UNAVAILABLE,
                false,
                "SUWI-503",
                "Bron is tijdelijk niet beschikbaar.",
            );
        }
        Outcome::Timeout => {
            return soap_fault(
                StatusCode::GATEWAY_TIMEOUT,
                false,
                "SUWI-504",
                "Bron reageert niet.",
            );
        }
    }
    // WS-Security first, as the BKWI broker does: unsigned, tampered or
    // expired calls never reach a source.
    let tree = match c14n::parse(&body) {
        Ok(t) => t,
        Err(e) => return soap_fault(StatusCode::INTERNAL_SERVER_ERROR, true, "SUWI-400", &e),
    };
    let verified = match wss::verify(&tree, &state.suwinet_trust, chrono::Utc::now()) {
        Ok(v) => v,
        Err(r) => {
            tracing::info!(service, faultcode = r.faultcode, reden = %r.reason, "Suwinet-bericht geweigerd");
            return wss_fault(&r);
        }
    };
    let req = match parse(&body) {
        Ok(r) => r,
        Err(e) => return soap_fault(StatusCode::INTERNAL_SERVER_ERROR, true, "SUWI-400", &e),
    };
    if !ops.contains(&req.operation.as_str()) {
        return soap_fault(
            StatusCode::INTERNAL_SERVER_ERROR,
            true,
            "SUWI-400",
            "Onbekende operatie voor deze dienst.",
        );
    }
    // The WSDLs' wsaw:Action is `…/{Service}-v{nnnn}/{Operation}`.
    if !verified.action.ends_with(&format!("/{}", req.operation)) {
        return soap_fault(
            StatusCode::INTERNAL_SERVER_ERROR,
            true,
            "SUWI-400",
            "wsa:Action past niet bij de operatie in de Body.",
        );
    }
    let key = if req.operation == "KentekenInfo" {
        req.get("KentekenVoertuig")
    } else {
        req.get("Burgerservicenr")
    };
    let Some(key) = key.map(str::trim).filter(|k| !k.is_empty()) else {
        return soap_fault(
            StatusCode::INTERNAL_SERVER_ERROR,
            true,
            "SUWI-400",
            "Verplicht zoekgegeven ontbreekt.",
        );
    };
    if let Some(body) = canned(&format!("{service}_{}_{key}", req.operation)) {
        return soap_response(StatusCode::OK, xml::strip_declaration(body));
    }
    let body = generate(&state.population, service, &req)
        .unwrap_or_else(|| niets_gevonden(ns, &req.operation));
    soap_response(StatusCode::OK, &body)
}

/// Find the namespace of a service (for tests and clients).
pub fn namespace(service: &str) -> Option<&'static str> {
    SERVICES.iter().find(|s| s.0 == service).map(|s| s.2)
}

//! SOAP 1.1 envelopes for SuwiML: building requests exactly as the WSDL/XSD
//! define them, and unwrapping answers (Fault, FWI, NietsGevonden).

use super::xml::{self, Element};
use crate::error::{RegisterError, UnavailableReason};
use crate::herkomst::Bron;

pub const SOAP_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub const WSA: &str = "http://www.w3.org/2005/08/addressing";

/// One Suwinet operation as its WSDL defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operatie {
    pub bron: Bron,
    /// Service name, also the last path segment of the testbed endpoint.
    pub dienst: &'static str,
    /// Target namespace of BodyAction.xsd.
    pub namespace: &'static str,
    /// Folder of the service's XSDs, relative to the suwinet spec root.
    pub xsd_dir: &'static str,
    /// Request element (BodyAction.xsd).
    pub element: &'static str,
    /// WS-Addressing action (`wsaw:Action` of the input in the portType).
    pub action: &'static str,
    /// Value of the HTTP `SOAPAction` header (`soap:operation/@soapAction`, empty in all SuwiML WSDLs).
    pub soap_action: &'static str,
}

impl Operatie {
    /// Response element name (`<element>Response`).
    pub fn response_element(&self) -> String {
        format!("{}Response", self.element)
    }
}

/// A request element's content: leaves with text and groups with children,
/// in the order the XSD sequence prescribes. Children are unqualified
/// (`elementFormDefault="unqualified"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Leaf(&'static str, String),
    Group(&'static str, Vec<Node>),
}

fn write_nodes(out: &mut String, nodes: &[Node]) {
    for n in nodes {
        match n {
            Node::Leaf(name, text) => {
                out.push_str(&format!("<{name}>{}</{name}>", super::wss::c14n_text(text)));
            }
            Node::Group(name, children) => {
                out.push_str(&format!("<{name}>"));
                write_nodes(out, children);
                out.push_str(&format!("</{name}>"));
            }
        }
    }
}

/// The Body child: `<smls:Element xmlns:smls="…">…</smls:Element>`, in
/// exclusive canonical form (it is signed as part of the Body).
pub fn body_xml(op: &Operatie, nodes: &[Node]) -> String {
    let mut out = format!("<smls:{} xmlns:smls=\"{}\">", op.element, op.namespace);
    write_nodes(&mut out, nodes);
    out.push_str(&format!("</smls:{}>", op.element));
    out
}

/// An unsigned SOAP 1.1 envelope with only the WS-Addressing headers. BKWI
/// refuses it (the WSDL policies demand WS-Security); the client sends
/// [`super::wss::signed_envelope`]. Kept for tests of that refusal.
pub fn envelope(op: &Operatie, body: &str, message_id: &uuid::Uuid, to: &str) -> String {
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<soapenv:Envelope xmlns:soapenv=\"{env}\" xmlns:wsa=\"{wsa}\">",
            "<soapenv:Header>",
            "<wsa:Action>{action}</wsa:Action>",
            "<wsa:MessageID>urn:uuid:{id}</wsa:MessageID>",
            "<wsa:To>{to}</wsa:To>",
            "</soapenv:Header>",
            "<soapenv:Body>{body}</soapenv:Body>",
            "</soapenv:Envelope>"
        ),
        env = SOAP_ENV,
        wsa = WSA,
        action = xml::escape(op.action),
        id = message_id,
        to = xml::escape(to),
        body = body,
    )
}

/// Find the response element in an answer (a SOAP envelope or a bare body
/// child) and turn Faults, FWI errors and NietsGevonden into typed errors.
/// On success returns the `ClientSuwi` elements (may be empty).
pub fn unwrap_answer(op: &Operatie, root: &Element) -> Result<Vec<Element>, RegisterError> {
    let bron = op.bron;
    let payload = if root.name == "Envelope" {
        let body = root
            .child("Body")
            .ok_or_else(|| RegisterError::invalid(bron, "SOAP envelope zonder Body"))?;
        if let Some(fault) = body.child("Fault") {
            return Err(fault_error(bron, fault));
        }
        body.children
            .first()
            .ok_or_else(|| RegisterError::invalid(bron, "lege SOAP Body"))?
    } else {
        root
    };
    if payload.name == "Fault" {
        return Err(fault_error(bron, payload));
    }
    let expected = op.response_element();
    if payload.name == "Fout" || payload.name == "FWI" {
        return Err(fwi_error(bron, payload));
    }
    if payload.name != expected {
        return Err(RegisterError::invalid(
            bron,
            format!("antwoord {:?}, verwacht {expected:?}", payload.name),
        ));
    }
    if payload.child("NietsGevonden").is_some() {
        return Err(RegisterError::NotFound { bron });
    }
    if payload.child("NietGerechtigd").is_some() {
        return Err(RegisterError::Rejected {
            bron,
            status: None,
            code: Some("NietGerechtigd".into()),
            message: "niet gerechtigd voor deze gegevens".into(),
            details: vec![],
        });
    }
    let clients: Vec<Element> = payload.all("ClientSuwi").cloned().collect();
    if let Some(fwi) = payload.child("FWI") {
        if clients.is_empty() {
            return Err(fwi_error(bron, fwi));
        }
        // Partial answer: data plus warnings (e.g. one sub-source did not answer).
        for m in meldingen(fwi) {
            tracing::warn!(bron = %bron, melding = %m, "Suwinet leverde gegevens met een melding");
        }
    }
    if clients.is_empty() && payload.child("NietVanToepassing").is_none() {
        return Err(RegisterError::invalid(bron, "antwoord zonder ClientSuwi"));
    }
    Ok(clients)
}

fn meldingen(fwi: &Element) -> Vec<String> {
    let items: Vec<&Element> = if fwi.name == "Fout" {
        vec![fwi]
    } else {
        fwi.children.iter().collect()
    };
    items
        .iter()
        .map(|m| {
            format!(
                "{} {}: {}",
                m.name,
                m.text_at(&["Code"]).unwrap_or_default(),
                m.text_at(&["Tekst"]).unwrap_or_default()
            )
        })
        .collect()
}

/// An FWI block without data. FWI0001 and "technische fout" mean the source
/// had a problem (try later); anything else is a refusal of this request.
fn fwi_error(bron: Bron, fwi: &Element) -> RegisterError {
    let fout = if fwi.name == "Fout" {
        Some(fwi)
    } else {
        fwi.child("Fout")
            .or_else(|| fwi.child("Waarschuwing"))
            .or_else(|| fwi.child("Informatie"))
    };
    let code = fout.and_then(|f| f.text_at(&["Code"]));
    let tekst = fout.and_then(|f| f.text_at(&["Tekst"])).unwrap_or_default();
    let technisch =
        code.as_deref() == Some("FWI0001") || tekst.to_lowercase().contains("technische fout");
    if technisch {
        RegisterError::unavailable(
            bron,
            UnavailableReason::Fault(format!("{} {tekst}", code.unwrap_or_default())),
        )
    } else {
        RegisterError::Rejected {
            bron,
            status: None,
            code,
            message: tekst,
            details: meldingen(fwi),
        }
    }
}

/// WS-Security faultcodes (WSS 1.0 SOAP Message Security, section 12):
/// the message was refused, retrying the same message will not help.
const WSS_FAULTS: &[&str] = &[
    "UnsupportedSecurityToken",
    "UnsupportedAlgorithm",
    "InvalidSecurity",
    "InvalidSecurityToken",
    "FailedAuthentication",
    "FailedCheck",
    "SecurityTokenUnavailable",
    "MessageExpired",
];

/// A SOAP Fault: `Client…` and WS-Security faultcodes are refusals, `Server…` ones are outages.
fn fault_error(bron: Bron, fault: &Element) -> RegisterError {
    let faultcode = fault.text_at(&["faultcode"]).unwrap_or_default();
    let faultstring = fault.text_at(&["faultstring"]).unwrap_or_default();
    let local = faultcode.rsplit(':').next().unwrap_or_default();
    let fout = fault.at(&["detail"]).and_then(|d| d.find("Fout"));
    if local.starts_with("Client") || WSS_FAULTS.contains(&local) {
        RegisterError::Rejected {
            bron,
            status: None,
            code: fout
                .and_then(|f| f.text_at(&["Code"]))
                .or(Some(faultcode.clone())),
            message: fout
                .and_then(|f| f.text_at(&["Tekst"]))
                .unwrap_or(faultstring),
            details: fout.map(meldingen).unwrap_or_default(),
        }
    } else {
        RegisterError::unavailable(
            bron,
            UnavailableReason::Fault(format!("{faultcode}: {faultstring}")),
        )
    }
}

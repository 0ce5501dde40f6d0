//! Problem JSON (RFC 7807) answers shared by the REST simulators.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Clone, Debug, Serialize)]
pub struct InvalidParam {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub code: String,
    pub reason: String,
}

impl InvalidParam {
    pub fn new(name: impl Into<String>, code: &str, reason: &str) -> Self {
        Self {
            kind: format!("https://www.vng.nl/realisatie/api/validaties/{code}"),
            name: name.into(),
            code: code.to_string(),
            reason: reason.to_string(),
        }
    }
}

pub fn json_response(status: StatusCode, body: &Value, content_type: &'static str) -> Response {
    let mut resp = (status, body.to_string()).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

pub fn problem(status: StatusCode, code: &str, title: &str, detail: Option<&str>) -> Response {
    let mut body = json!({
        "type": type_uri(status),
        "title": title,
        "status": status.as_u16(),
        "code": code,
    });
    if let (Some(d), Some(o)) = (detail, body.as_object_mut()) {
        o.insert("detail".into(), Value::String(d.to_string()));
    }
    json_response(status, &body, "application/problem+json")
}

pub fn bad_request(title: &str, params: Vec<InvalidParam>) -> Response {
    bad_request_met_code(title, None, params)
}

/// A 400 with `code` instead of the usual `paramsRequired`/`paramsValidation`.
pub fn bad_request_met_code(
    title: &str,
    code: Option<&str>,
    params: Vec<InvalidParam>,
) -> Response {
    let status = StatusCode::BAD_REQUEST;
    let code = match code {
        Some(c) => c,
        None if params.iter().any(|p| p.code == "required") => "paramsRequired",
        None => "paramsValidation",
    };
    let body = json!({
        "type": type_uri(status),
        "title": title,
        "status": 400,
        "code": code,
        "invalidParams": params,
    });
    json_response(status, &body, "application/problem+json")
}

pub fn unavailable(source: &str) -> Response {
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "notAvailable",
        &format!("Bronservice {source} is tijdelijk niet beschikbaar."),
        None,
    )
}

pub fn gateway_timeout(source: &str) -> Response {
    problem(
        StatusCode::GATEWAY_TIMEOUT,
        "timeout",
        &format!("Bronservice {source} reageert niet."),
        None,
    )
}

fn type_uri(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1",
        404 => "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5",
        415 => "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.16",
        422 => "https://www.rfc-editor.org/rfc/rfc4918#section-11.2",
        503 => "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.4",
        504 => "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.5",
        _ => "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1",
    }
}

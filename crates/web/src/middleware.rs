//! Per request: an id, the W3C trace context, a JSON log line and metrics.

use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use gbi_domain::TraceContext;
use std::time::Instant;

/// Known about every request; handlers and the processing log use it.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub request_id: String,
    pub trace: TraceContext,
}

impl RequestContext {
    pub fn new_root() -> Self {
        Self {
            request_id: uuid::Uuid::new_v4().to_string(),
            trace: TraceContext::new_root(),
        }
    }
}

fn incoming_request_id(req: &Request) -> Option<String> {
    let v = req.headers().get("x-request-id")?.to_str().ok()?;
    let ok = !v.is_empty()
        && v.len() <= 128
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| v.to_owned())
}

/// A link to the application that sent a `traceparent`
/// (`dpl.core.foreign_operation.processor`): its `Origin`, else the origin
/// of its `Referer`, else a URN that says it is unknown.
fn foreign_processor(req: &Request) -> String {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|h| h.to_str().ok())
            .filter(|v| v.starts_with("https://") || v.starts_with("http://"))
    };
    if let Some(origin) = header("origin") {
        return origin.chars().take(256).collect();
    }
    if let Some(referer) = header("referer") {
        let rest = referer.split_once("://").map(|(_, r)| r).unwrap_or("");
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let scheme = referer.split("://").next().unwrap_or("https");
        return format!("{scheme}://{host}").chars().take(256).collect();
    }
    "urn:gbi:aanroeper:onbekend".to_owned()
}

pub async fn observe(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let start = Instant::now();
    let trace = req
        .headers()
        .get("traceparent")
        .and_then(|h| h.to_str().ok())
        .map(TraceContext::from_traceparent)
        .unwrap_or_else(TraceContext::new_root);
    let mut trace = trace;
    if trace.foreign_span_id.is_some() {
        trace.foreign_processor = Some(foreign_processor(&req));
    }
    let ctx = RequestContext {
        request_id: incoming_request_id(&req).unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
        trace,
    };
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(geen route)".into());
    req.extensions_mut().insert(ctx.clone());
    state.metrics.in_flight(1);
    let mut res = next.run(req).await;
    state.metrics.in_flight(-1);
    let elapsed = start.elapsed();
    let status = res.status().as_u16();
    state
        .metrics
        .observe(method.as_str(), &route, status, elapsed);
    // Paths are logged as their route template, so ids and BSNs in a URL
    // never reach the log.
    tracing::info!(
        request_id = %ctx.request_id,
        trace_id = %ctx.trace.trace_id,
        method = %method,
        route = %route,
        status,
        duration_ms = elapsed.as_secs_f64() * 1000.0,
        "request"
    );
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&ctx.request_id) {
        headers.insert("x-request-id", v);
    }
    if let Ok(v) = HeaderValue::from_str(&ctx.trace.traceparent()) {
        headers.insert("traceparent", v);
    }
    res
}

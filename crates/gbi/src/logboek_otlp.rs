//! The Logboek Dataverwerkingen over OTLP (HTTP/protobuf): every record of
//! every gemeente, as a span with the standard's fields, to the Logboek
//! component the gemeente runs (`GBI_LOGBOEK_OTLP_ENDPOINT`; off by default).
//!
//! The database stays the record of truth: a record is written there
//! whether or not the Logboek is up (and `gbi audit verify` checks that
//! copy). The export reads the database after each gemeente's last
//! confirmed record, so what was written while the Logboek was down goes
//! out once it is back; a record may go out twice (a crash between the
//! Logboek's confirmation and ours), never not at all. See ADR 0014.

use anyhow::{Context, Result};
use gbi_store::Db;
use gbi_store::logboek::{self, LogRecord, Status, export};
use opentelemetry::trace::{
    SpanContext, SpanId, SpanKind, Status as OtelStatus, TraceFlags, TraceId, TraceState,
};
use opentelemetry::{InstrumentationScope, KeyValue};
use opentelemetry_otlp::{Protocol, WithExportConfig, WithHttpConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::{SpanData, SpanEvents, SpanExporter as _, SpanLinks};
use std::borrow::Cow;
use std::time::{Duration, SystemTime};

/// Where and how often.
#[derive(Debug, Clone)]
pub struct Instellingen {
    /// The Logboek's OTLP/HTTP traces endpoint, e.g.
    /// `https://logboek.gemeente.nl/v1/traces`.
    pub endpoint: String,
    pub interval: Duration,
}

impl Instellingen {
    /// `GBI_LOGBOEK_OTLP_ENDPOINT` (off when unset or empty) and
    /// `GBI_LOGBOEK_OTLP_INTERVAL_MS` (default 1000).
    pub fn from_env() -> Option<Instellingen> {
        let endpoint = std::env::var("GBI_LOGBOEK_OTLP_ENDPOINT")
            .ok()
            .filter(|e| !e.trim().is_empty())?;
        let interval = std::env::var("GBI_LOGBOEK_OTLP_INTERVAL_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1000);
        Some(Instellingen {
            endpoint: traces_endpoint(endpoint.trim()),
            interval: Duration::from_millis(interval),
        })
    }
}

/// A bare collector address gets OTLP's path for traces.
fn traces_endpoint(endpoint: &str) -> String {
    let zonder_schema = endpoint.split_once("://").map_or(endpoint, |(_, r)| r);
    if zonder_schema.trim_end_matches('/').contains('/') {
        endpoint.to_owned()
    } else {
        format!("{}/v1/traces", endpoint.trim_end_matches('/'))
    }
}

/// Records per export request.
const PER_VERZOEK: i64 = 500;

/// The exporter: the OpenTelemetry SDK's OTLP span exporter over the
/// workspace's HTTP client (rustls).
pub struct Exporteur {
    exporter: opentelemetry_otlp::SpanExporter,
}

impl Exporteur {
    pub fn new(i: &Instellingen) -> Result<Exporteur> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .context("HTTP-client voor OTLP")?;
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .with_http_client(Http(client))
            .with_protocol(Protocol::HttpBinary)
            .with_endpoint(i.endpoint.clone())
            .with_timeout(Duration::from_secs(10))
            .build()
            .context("OTLP-exporter voor het logboek")?;
        Ok(Exporteur { exporter })
    }

    /// Send every record not yet confirmed, per gemeente in order. Returns
    /// how many went out; stops at the first refusal (the rest goes next
    /// time).
    pub async fn ronde(&mut self, db: &Db) -> Result<u64> {
        let mut verstuurd = 0;
        for gemeente in export::gemeenten(db).await? {
            loop {
                let na = export::stand(db, &gemeente).await?;
                let records = export::volgende(db, &gemeente, na, PER_VERZOEK).await?;
                let Some(laatste) = records.last().map(|r| r.seq) else {
                    break;
                };
                // One resource per request: the version that wrote them.
                for groep in records.chunk_by(|a, b| a.resource_version == b.resource_version) {
                    self.exporter.set_resource(&resource(&groep[0]));
                    let spans = groep.iter().map(span).collect::<Vec<_>>();
                    self.exporter
                        .export(spans)
                        .await
                        .map_err(|e| anyhow::anyhow!("het logboek weigerde: {e}"))?;
                    verstuurd += groep.len() as u64;
                }
                export::bevestigd(db, &gemeente, laatste).await?;
            }
        }
        Ok(verstuurd)
    }
}

/// Run until `stop`: a round every interval; a failed round is logged and
/// tried again the next time.
pub async fn run(db: Db, instellingen: Instellingen, stop: impl std::future::Future<Output = ()>) {
    let mut exporteur = match Exporteur::new(&instellingen) {
        Ok(e) => e,
        Err(e) => {
            tracing::error!(error = %e, "the processing log's OTLP export could not start");
            return;
        }
    };
    tokio::pin!(stop);
    let mut tik = tokio::time::interval(instellingen.interval);
    tik.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = &mut stop => break,
            _ = tik.tick() => {
                if let Err(e) = exporteur.ronde(&db).await {
                    tracing::warn!(error = %e, endpoint = %instellingen.endpoint,
                        "exporting the processing log over OTLP failed; retrying");
                }
            }
        }
    }
    // What was written up to the stop still goes out, if the Logboek is up.
    if let Err(e) = exporteur.ronde(&db).await {
        tracing::warn!(error = %e, "last OTLP export of the processing log failed");
    }
}

fn resource(r: &LogRecord) -> Resource {
    Resource::builder_empty()
        .with_attributes(
            r.resource_attributes()
                .into_iter()
                .map(|(k, v)| KeyValue::new(k, v)),
        )
        .build()
}

fn tijd(stored: &str) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_nanos(logboek::nanos(stored))
}

/// A record as an OTLP span: the standard's fields one to one.
fn span(r: &LogRecord) -> SpanData {
    let s = r.standaard();
    let status = match s.status {
        Status::Unset => OtelStatus::Unset,
        Status::Ok => OtelStatus::Ok,
        Status::Error => OtelStatus::error(r.fout.clone().unwrap_or_default()),
    };
    SpanData {
        span_context: SpanContext::new(
            TraceId::from_hex(&r.trace_id).unwrap_or(TraceId::INVALID),
            SpanId::from_hex(&r.span_id).unwrap_or(SpanId::INVALID),
            TraceFlags::SAMPLED,
            false,
            TraceState::default(),
        ),
        parent_span_id: r
            .parent_span_id
            .as_deref()
            .and_then(|p| SpanId::from_hex(p).ok())
            .unwrap_or(SpanId::INVALID),
        parent_span_is_remote: false,
        span_kind: SpanKind::Internal,
        name: Cow::Owned(s.name),
        start_time: tijd(&r.start_time),
        end_time: tijd(&r.end_time),
        attributes: s
            .attributes
            .into_iter()
            .map(|(k, v)| KeyValue::new(k, v))
            .collect(),
        dropped_attributes_count: 0,
        events: SpanEvents::default(),
        links: SpanLinks::default(),
        status,
        instrumentation_scope: InstrumentationScope::builder("gbi.logboek")
            .with_version(logboek::GBI_VERSIE)
            .build(),
    }
}

/// The workspace's reqwest (rustls) as the exporter's HTTP client.
#[derive(Debug)]
struct Http(reqwest::Client);

#[async_trait::async_trait]
impl opentelemetry_http::HttpClient for Http {
    async fn send_bytes(
        &self,
        request: http::Request<bytes::Bytes>,
    ) -> std::result::Result<http::Response<bytes::Bytes>, opentelemetry_http::HttpError> {
        let (parts, body) = request.into_parts();
        let res = self
            .0
            .request(parts.method, parts.uri.to_string())
            .headers(parts.headers)
            .body(body)
            .send()
            .await?;
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.bytes().await?;
        let mut out = http::Response::builder().status(status).body(body)?;
        *out.headers_mut() = headers;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_address_gets_the_traces_path() {
        assert_eq!(
            traces_endpoint("http://127.0.0.1:4318"),
            "http://127.0.0.1:4318/v1/traces"
        );
        assert_eq!(
            traces_endpoint("https://logboek.example/otlp/v1/traces"),
            "https://logboek.example/otlp/v1/traces"
        );
    }
}

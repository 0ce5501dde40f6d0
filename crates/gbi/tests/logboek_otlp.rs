//! The processing log over OTLP (HTTP/protobuf) to a Logboek: `gbi serve`
//! with `GBI_LOGBOEK_OTLP_ENDPOINT` sends every record to a local
//! collector built on the OTLP protobuf definitions, with the fields the
//! Logboek Dataverwerkingen standard requires. While the collector is down
//! nothing is lost: the records are in the database (and verify), and go
//! out when it is back. On the database chosen by GBI_TEST_DB.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use gbi_domain::{Bsn, GemeenteCode, TraceContext};
use gbi_store::logboek::{self, Handeling, Status, Verwerking};
use gbi_store::testing::TestDatabase;
use gbi_store::{Actor, Db, Scope, Secret, gemeenten, inwoners};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue, any_value};
use opentelemetry_proto::tonic::trace::v1::Span;
use prost::Message;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{Server, gbi};

/// A span as received, with its resource's attributes.
#[derive(Clone, Debug)]
struct Ontvangen {
    span: Span,
    resource: BTreeMap<String, String>,
}

#[derive(Clone, Default)]
struct Collector {
    spans: Arc<Mutex<Vec<Ontvangen>>>,
    /// Refuse this many requests first (the Logboek is down).
    weigeren: Arc<AtomicU32>,
    verzoeken: Arc<AtomicU32>,
}

fn tekst(kv: &[KeyValue]) -> BTreeMap<String, String> {
    kv.iter()
        .map(|k| {
            let v = match k.value.as_ref().and_then(|v: &AnyValue| v.value.clone()) {
                Some(any_value::Value::StringValue(s)) => s,
                Some(any_value::Value::IntValue(i)) => i.to_string(),
                other => format!("{other:?}"),
            };
            (k.key.clone(), v)
        })
        .collect()
}

async fn traces(State(c): State<Collector>, body: Bytes) -> (StatusCode, Vec<u8>) {
    c.verzoeken.fetch_add(1, Ordering::SeqCst);
    if c.weigeren
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
    {
        return (StatusCode::SERVICE_UNAVAILABLE, Vec::new());
    }
    let Ok(req) = ExportTraceServiceRequest::decode(body) else {
        return (StatusCode::BAD_REQUEST, Vec::new());
    };
    let mut spans = c.spans.lock().unwrap();
    for rs in req.resource_spans {
        let resource = tekst(&rs.resource.map(|r| r.attributes).unwrap_or_default());
        for ss in rs.scope_spans {
            for span in ss.spans {
                spans.push(Ontvangen {
                    span,
                    resource: resource.clone(),
                });
            }
        }
    }
    (
        StatusCode::OK,
        ExportTraceServiceResponse::default().encode_to_vec(),
    )
}

const HAARLEM: &str = "0392";
const ANDERE_APPLICATIE: &str = "https://andere-applicatie.example";
const PUBLIEK: &str = "https://gbi.haarlem.example";

#[test]
fn records_go_to_the_logboek_over_otlp_with_the_standards_fields() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let database = rt.block_on(TestDatabase::new());
    let secret = Secret::generate();
    let data = tempfile::tempdir().unwrap();

    // The collector, down for its first two requests.
    let collector = Collector::default();
    collector.weigeren.store(2, Ordering::SeqCst);
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let adres = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/v1/traces", post(traces))
        .with_state(collector.clone());
    rt.spawn(async move { axum::serve(listener, app).await.unwrap() });

    // Records of every status, and one started by another application.
    let bsn = Bsn::parse("111111110").unwrap();
    let gemeente = GemeenteCode::parse(HAARLEM).unwrap();
    let with_db = |f: &dyn Fn(Db) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>| {
        rt.block_on(async {
            let db = Db::connect(&database.url, &secret, 2).await.unwrap();
            f(db.clone()).await;
            db.close().await;
        })
    };
    with_db(&|db| {
        let bsn = bsn.clone();
        Box::pin(async move {
            db.migrate().await.unwrap();
            gemeenten::ensure(&db, &gemeente, "Haarlem", false)
                .await
                .unwrap();
            let scope = Scope::system(gemeente, "test");
            let new = inwoners::NewInwoner {
                bsn: bsn.clone(),
                naam: "Jan Jansen".into(),
                email: None,
                telefoon: None,
                iban: None,
            };
            inwoners::create(&db, &scope, new, "t").await.unwrap();
            logboek::record_fout(
                &db,
                &scope,
                &logboek::BRON_RAADPLEGEN,
                Handeling::Lezen,
                &bsn,
                "BRP raadplegen",
                &gbi_store::now_utc(),
                "BRP niet bereikbaar: time-out",
            )
            .await
            .unwrap();
            let mut tx = db.begin().await.unwrap();
            logboek::record_status(
                &mut tx,
                &scope,
                Verwerking {
                    activiteit: &logboek::INKOMSTEN_UWV_VERREKENEN,
                    handeling: Handeling::Lezen,
                    betrokkene: &bsn,
                    naam: "loon bij UWV opvragen: niets gevonden",
                    start_time: gbi_store::now_utc(),
                },
                Status::Unset,
                None,
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            let mut trace = TraceContext::from_traceparent(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            );
            trace.foreign_processor = Some(ANDERE_APPLICATIE.into());
            let extern_scope = Scope::new(gemeente, Actor::Systeem("api"), trace);
            let mut tx = db.begin().await.unwrap();
            logboek::note(
                &mut tx,
                &extern_scope,
                &logboek::INWONER_RAADPLEGEN,
                Handeling::Lezen,
                &bsn,
                "GET /api/v1/inwoners/{id}",
                &gbi_store::now_utc(),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        })
    });

    let key = secret.to_hex();
    let endpoint = format!("http://{adres}");
    let server = Server::start(
        &[
            "--database-url",
            &database.url,
            "--data-dir",
            data.path().to_str().unwrap(),
        ],
        &[
            ("GBI_SECRET_KEY", key.as_str()),
            ("GBI_LOGBOEK_OTLP_ENDPOINT", endpoint.as_str()),
            ("GBI_LOGBOEK_OTLP_INTERVAL_MS", "100"),
            ("GBI_PUBLIC_URL", PUBLIEK),
        ],
    );

    // The stored records, as the database has them.
    let opgeslagen = rt.block_on(async {
        let db = Db::connect(&database.url, &secret, 2).await.unwrap();
        let r = logboek::list(&db, &Scope::system(gemeente, "t"), None, None, 100)
            .await
            .unwrap();
        db.close().await;
        r
    });
    assert_eq!(opgeslagen.len(), 4, "{opgeslagen:?}");

    let t = Instant::now();
    while collector.spans.lock().unwrap().len() < opgeslagen.len() {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "the collector got {} of {} records",
            collector.spans.lock().unwrap().len(),
            opgeslagen.len()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // It was down at first; the records waited in the database.
    assert!(collector.verzoeken.load(Ordering::SeqCst) >= 3);
    drop(server);

    let ontvangen = collector.spans.lock().unwrap().clone();
    for r in &opgeslagen {
        let o = ontvangen
            .iter()
            .find(|o| hex(&o.span.span_id) == r.span_id)
            .unwrap_or_else(|| panic!("record {} did not arrive", r.seq));
        let s = &o.span;
        assert_eq!(s.trace_id.len(), 16);
        assert_eq!(hex(&s.trace_id), r.trace_id);
        assert_eq!(s.span_id.len(), 8);
        assert_eq!(
            s.parent_span_id.len(),
            8,
            "every record is an action under the request"
        );
        assert_eq!(Some(hex(&s.parent_span_id)), r.parent_span_id);
        assert!(!s.name.is_empty());
        assert_eq!(s.name, r.naam);
        assert!(s.start_time_unix_nano > 1_700_000_000_000_000_000);
        assert!(s.end_time_unix_nano >= s.start_time_unix_nano);
        assert_eq!(
            s.start_time_unix_nano / 1_000_000,
            logboek::millis(&r.start_time)
        );
        assert_eq!(o.resource["service.name"], "gbi");
        assert!(!o.resource["service.version"].is_empty());
        let a = tekst(&s.attributes);
        let activiteit = &a["dpl.core.processing_activity_id"];
        assert!(
            activiteit.starts_with(&format!(
                "{PUBLIEK}/api/v1/gemeenten/{HAARLEM}/verwerkingsregister/processing_activities/"
            )),
            "{activiteit}"
        );
        let uuid = activiteit.rsplit('/').next().unwrap();
        assert_eq!(
            logboek::register::zoek(&uuid.parse().unwrap()).map(|z| z.id),
            Some(r.verwerkingsactiviteit.as_str())
        );
        assert_eq!(a["dpl.core.data_subject_id"], r.betrokkene);
        assert_eq!(a["dpl.core.data_subject_id"].len(), 64);
        assert!(!a["dpl.core.data_subject_id"].contains("111111110"));
        assert!(
            a["dpl.core.data_subject_id_type"].ends_with("/data_subject_id_types/bsn-pseudoniem"),
            "{a:?}"
        );
        let status = s.status.clone().unwrap_or_default();
        match r.verwerkingsactiviteit.as_str() {
            "gbi.bron.raadplegen" => {
                assert_eq!(status.code, 2, "Error");
                assert_eq!(status.message, "BRP niet bereikbaar: time-out");
                assert_eq!(a["exception.message"], "BRP niet bereikbaar: time-out");
            }
            "gbi.inkomsten.uwv" => assert_eq!(status.code, 0, "Unset"),
            _ => assert_eq!(status.code, 1, "Ok"),
        }
        if r.verwerkingsactiviteit == "gbi.inwoner.raadplegen" {
            assert_eq!(s.trace_id, hex_bytes("4bf92f3577b34da6a3ce929d0e0e4736"));
            assert_eq!(a["dpl.core.foreign_operation.processor"], ANDERE_APPLICATIE);
            assert_eq!(a["dpl.core.foreign_operation.span_id"], "00f067aa0ba902b7");
        } else {
            assert!(!a.contains_key("dpl.core.foreign_operation.processor"));
        }
    }

    // The database copy still verifies.
    let verify = gbi()
        .args(["audit", "verify", "--database-url", &database.url])
        .args(["--data-dir", data.path().to_str().unwrap()])
        .env("GBI_SECRET_KEY", secret.to_hex())
        .output()
        .unwrap();
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&verify.stdout),
        String::from_utf8_lossy(&verify.stderr)
    );
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn hex_bytes(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

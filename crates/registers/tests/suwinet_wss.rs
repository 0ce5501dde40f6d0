#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! WS-Security on Suwinet calls, end to end: every request kind goes out
//! signed as the WSDL policies demand (X.509v3 BinarySecurityToken,
//! Timestamp in UTC, exclusive c14n, RSA-SHA256, SHA-256 digests over Body,
//! Timestamp and every WS-Addressing header), its Body validates against
//! the XSD, and the testbed — which verifies signatures like BKWI — answers
//! with a response that validates against the XSD. Unsigned, tampered,
//! expired or untrusted calls are refused with a SOAP Fault naming why.

mod common;

use axum::Router;
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::routing::post;
use chrono::NaiveDate;
use gbi_domain::{Bsn, TraceContext};
use gbi_registers::suwinet::envelope::{self, Node, Operatie};
use gbi_registers::suwinet::{Periode, bijstand, duo, kadaster, rdw, svb, uwv, wss};
use gbi_registers::{RegisterError, RegistersConfig, SuwinetClient};
use gbi_testbed::suwinet::c14n::{self, Elem};
use gbi_testbed::suwinet::wss as verifier;
use std::sync::{Arc, Mutex};

const OIN: &str = "00000001823288444000";

fn bsn(s: &str) -> Bsn {
    Bsn::parse(s).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn testbed() -> gbi_testbed::RunningTestbed {
    gbi_testbed::start(gbi_testbed::TestbedConfig {
        bind: "127.0.0.1:0".parse().unwrap(),
        population: 50,
        seed: 3,
        gemeente_code: "0392".into(),
    })
    .await
    .unwrap()
}

/// Every request kind the client sends, for keys the testbed has answers for.
fn all_requests() -> Vec<(&'static str, Operatie, Vec<Node>)> {
    let periode = Periode {
        van: d(2020, 7, 20),
        tot: d(2023, 9, 20),
    };
    vec![
        (
            "uwv",
            uwv::OPERATIE,
            uwv::verzoek(&bsn("999996769"), Some(&periode)),
        ),
        (
            "uwv-zonder-periode",
            uwv::OPERATIE,
            uwv::verzoek(&bsn("111111110"), None),
        ),
        ("duo", duo::OPERATIE, duo::verzoek(&bsn("111111110"))),
        (
            "rdw-bezit",
            rdw::OPERATIE_VOERTUIGBEZIT,
            rdw::verzoek_voertuigbezit(&bsn("123456782"), d(2023, 1, 1), Some(d(2023, 12, 31))),
        ),
        (
            "rdw-kenteken",
            rdw::OPERATIE_KENTEKEN,
            rdw::verzoek_kenteken("16-ZD-LX").unwrap(),
        ),
        (
            "kadaster",
            kadaster::OPERATIE,
            kadaster::verzoek(&bsn("111111110")),
        ),
        ("svb", svb::OPERATIE, svb::verzoek(&bsn("111111110"))),
        (
            "bijstand",
            bijstand::OPERATIE,
            bijstand::verzoek(&bsn("111111110")),
        ),
    ]
}

/// Canned testbed answers known to deviate from BodyReaction.xsd (see testbed_roundtrip.rs).
const KNOWN_INVALID: &[&str] = &["SVBPersoonsInfo", "BijstandsregelingenInfo"];

fn url(base: &str, op: &Operatie) -> String {
    format!("{base}/suwinet/{}", op.dienst)
}

async fn send(url: &str, env: String) -> (u16, String) {
    let resp = reqwest::Client::new()
        .post(url)
        .header("Content-Type", "text/xml; charset=utf-8")
        .header("SOAPAction", "\"\"")
        .body(env)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

fn child<'a>(e: &'a Elem, ns: &str, local: &str) -> &'a Elem {
    e.child(ns, local)
        .unwrap_or_else(|| panic!("{} has no {local}", e.qname))
}

/// The checks an independent WS-Security conformance check makes, on the
/// envelope as it goes over the wire.
fn assert_conforms(env: &str) {
    let doc = c14n::parse(env.as_bytes()).unwrap();
    let header = child(&doc, verifier::SOAP_ENV, "Header");
    let sec = child(header, verifier::WSSE, "Security");
    let bst = child(sec, verifier::WSSE, "BinarySecurityToken");
    assert_eq!(bst.attr("", "ValueType"), Some(verifier::X509V3));
    assert_eq!(bst.attr("", "EncodingType"), Some(verifier::BASE64_BINARY));
    let bst_id = bst.attr(verifier::WSU, "Id").unwrap();
    let ts = child(sec, verifier::WSU, "Timestamp");
    for part in ["Created", "Expires"] {
        let t = child(ts, verifier::WSU, part).text();
        assert!(t.ends_with('Z'), "{part} {t} in UTC Z form");
        chrono::DateTime::parse_from_rfc3339(&t).unwrap();
    }
    let sig = child(sec, verifier::DS, "Signature");
    let si = child(sig, verifier::DS, "SignedInfo");
    assert_eq!(
        child(si, verifier::DS, "CanonicalizationMethod").attr("", "Algorithm"),
        Some(verifier::EXC_C14N)
    );
    assert_eq!(
        child(si, verifier::DS, "SignatureMethod").attr("", "Algorithm"),
        Some(verifier::RSA_SHA256)
    );
    let uris: Vec<String> = si
        .elements()
        .filter(|r| r.is(verifier::DS, "Reference"))
        .map(|r| {
            assert_eq!(
                child(r, verifier::DS, "DigestMethod").attr("", "Algorithm"),
                Some(verifier::SHA256)
            );
            r.attr("", "URI").unwrap().to_owned()
        })
        .collect();
    // Signed: the Body, the Timestamp and every header besides Security itself.
    let mut must: Vec<&Elem> = header
        .elements()
        .filter(|h| !h.is(verifier::WSSE, "Security"))
        .collect();
    must.push(ts);
    must.push(child(&doc, verifier::SOAP_ENV, "Body"));
    for e in must {
        let id = e
            .attr(verifier::WSU, "Id")
            .unwrap_or_else(|| panic!("{} has no wsu:Id", e.qname));
        assert!(uris.contains(&format!("#{id}")), "{} not signed", e.qname);
    }
    for h in ["Action", "MessageID", "To", "From"] {
        assert!(header.child(verifier::WSA, h).is_some(), "wsa:{h}");
    }
    let r = child(
        child(
            child(sig, verifier::DS, "KeyInfo"),
            verifier::WSSE,
            "SecurityTokenReference",
        ),
        verifier::WSSE,
        "Reference",
    );
    assert_eq!(r.attr("", "URI"), Some(format!("#{bst_id}").as_str()));
    assert_eq!(r.attr("", "ValueType"), Some(verifier::X509V3));
}

#[tokio::test]
async fn every_request_kind_is_signed_valid_and_answered() {
    let tb = testbed().await;
    let base = tb.base_url();
    for (name, op, nodes) in all_requests() {
        let body = envelope::body_xml(&op, &nodes);
        let env = common::signed(&op, &body, &url(&base, &op));
        assert_conforms(&env);
        let sent_body = common::body_child(&env);
        if let Err(e) = common::xmllint(&common::body_action_xsd(op.xsd_dir), &sent_body) {
            panic!("{name}: signed request body does not validate:\n{e}");
        }
        // The testbed's verifier accepts it.
        let doc = c14n::parse(env.as_bytes()).unwrap();
        let v = verifier::verify(&doc, &verifier::Trust::default(), chrono::Utc::now())
            .unwrap_or_else(|r| panic!("{name}: {r:?}"));
        assert_eq!(v.oin.as_deref(), Some(OIN));

        let (status, answer) = send(&url(&base, &op), env).await;
        assert_eq!(status, 200, "{name}: {answer}");
        let child = common::body_child_any(&answer);
        if let Err(e) = common::xmllint(&common::body_reaction_xsd(op.xsd_dir), &child) {
            assert!(
                KNOWN_INVALID.contains(&op.element),
                "{name}: answer does not validate:\n{e}"
            );
        }
        assert!(!answer.contains("Fault"), "{name}: {answer}");
    }
}

/// (status, faultcode, faultstring) of a refused call.
fn fault(answer: &str) -> (String, String) {
    let doc = c14n::parse(answer.as_bytes()).unwrap();
    let f = child(
        child(&doc, verifier::SOAP_ENV, "Body"),
        verifier::SOAP_ENV,
        "Fault",
    );
    let code = f
        .elements()
        .find(|e| e.local == "faultcode")
        .unwrap()
        .text();
    let text = f
        .elements()
        .find(|e| e.local == "faultstring")
        .unwrap()
        .text();
    (code, text)
}

async fn refused(base: &str, env: String) -> (String, String) {
    let (status, answer) = send(&format!("{base}/suwinet/SVBDossierPersoonGSD"), env).await;
    assert_eq!(status, 500, "{answer}");
    fault(&answer)
}

fn svb_body() -> String {
    envelope::body_xml(&svb::OPERATIE, &svb::verzoek(&bsn("111111110")))
}

fn signed_at(created: chrono::DateTime<chrono::Utc>, ttl_minutes: i64, to: &str) -> String {
    wss::signed_envelope(
        &svb_body(),
        &wss::Adressering {
            action: svb::OPERATIE.action,
            message_id: uuid::Uuid::new_v4(),
            to,
            from_oin: Some(OIN),
        },
        &wss::Signer::throwaway().unwrap(),
        created,
        chrono::Duration::minutes(ttl_minutes),
    )
}

#[tokio::test]
async fn unsigned_tampered_expired_and_untrusted_calls_are_refused_with_reason() {
    let tb = testbed().await;
    let base = tb.base_url();
    let to = format!("{base}/suwinet/SVBDossierPersoonGSD");

    // A genuine call passes (so the refusals below are about what was changed).
    let good = signed_at(chrono::Utc::now(), 5, &to);
    assert_eq!(send(&to, good.clone()).await.0, 200);

    // Unsigned: only WS-Addressing headers, as GBI used to send.
    let unsigned = envelope::envelope(&svb::OPERATIE, &svb_body(), &uuid::Uuid::new_v4(), &to);
    let (code, text) = refused(&base, unsigned).await;
    assert_eq!(code, "wsse:InvalidSecurity");
    assert!(text.contains("niet ondertekend"), "{text}");

    // Tampered Body: another BSN after signing.
    let (code, text) = refused(&base, good.replace("111111110", "999993549")).await;
    assert_eq!(code, "wsse:FailedCheck");
    assert!(
        text.contains("soapenv:Body") && text.contains("gewijzigd"),
        "{text}"
    );

    // Tampered signed header.
    let (code, text) = refused(&base, good.replace(&to, "http://elders.example/")).await;
    assert_eq!(code, "wsse:FailedCheck");
    assert!(text.contains("wsa:To"), "{text}");

    // An extra header nobody signed.
    let extra = good.replace(
        "</soapenv:Header>",
        "<wsa:ReplyTo><wsa:Address>http://evil.example/</wsa:Address></wsa:ReplyTo></soapenv:Header>",
    );
    let (code, text) = refused(&base, extra).await;
    assert_eq!(code, "wsse:FailedCheck");
    assert!(
        text.contains("wsa:ReplyTo") && text.contains("niet ondertekend"),
        "{text}"
    );

    // A broken signature value.
    let sv_start = good.find("<ds:SignatureValue>").unwrap() + "<ds:SignatureValue>".len();
    let mut broken = good.clone();
    let flipped = if &good[sv_start..sv_start + 1] == "A" {
        "B"
    } else {
        "A"
    };
    broken.replace_range(sv_start..sv_start + 1, flipped);
    let (code, text) = refused(&base, broken).await;
    assert_eq!(code, "wsse:FailedCheck");
    assert!(text.contains("handtekening"), "{text}");

    // Expired: created an hour ago, valid for five minutes.
    let old = signed_at(chrono::Utc::now() - chrono::Duration::hours(1), 5, &to);
    let (code, text) = refused(&base, old).await;
    assert_eq!(code, "wsu:MessageExpired");
    assert!(text.contains("verlopen"), "{text}");

    // Signature wrapping: a second element with the Body's wsu:Id.
    let body_id = good.split("soapenv:Body xmlns:soapenv").nth(1).unwrap();
    let body_id = body_id
        .split("wsu:Id=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let wrapped = good.replace(
        "</wsse:Security>",
        &format!("<wsse:Extra wsu:Id=\"{body_id}\"/></wsse:Security>"),
    );
    let (code, text) = refused(&base, wrapped).await;
    assert_eq!(code, "wsse:FailedCheck");
    assert!(text.contains("meer dan eens"), "{text}");

    // A signed call whose wsa:Action belongs to another operation.
    let wrong_action = wss::signed_envelope(
        &svb_body(),
        &wss::Adressering {
            action: uwv::OPERATIE.action,
            message_id: uuid::Uuid::new_v4(),
            to: &to,
            from_oin: Some(OIN),
        },
        &wss::Signer::throwaway().unwrap(),
        chrono::Utc::now(),
        chrono::Duration::minutes(5),
    );
    let (code, text) = refused(&base, wrong_action).await;
    assert_eq!(code, "soap:Client");
    assert!(text.contains("wsa:Action"), "{text}");

    // Once the testbed is told whom to trust, other certificates are refused.
    let other = wss::Signer::generate("CN=Andere afnemer,O=Elders,C=NL").unwrap();
    tb.trust_suwinet_certificate(other.signer.certificate_der().to_vec());
    let (code, text) = refused(&base, signed_at(chrono::Utc::now(), 5, &to)).await;
    assert_eq!(code, "wsse:FailedAuthentication");
    assert!(text.contains("niet vertrouwd"), "{text}");
    tb.trust_suwinet_certificate(wss::Signer::throwaway().unwrap().certificate_der().to_vec());
    assert_eq!(
        send(&to, signed_at(chrono::Utc::now(), 5, &to)).await.0,
        200
    );
}

#[tokio::test]
async fn the_client_signs_and_an_unsigned_client_is_refused_once() {
    let tb = testbed().await;
    let mut cfg = RegistersConfig::testbed(&tb.base_url()).map_sources(|s| {
        s.retries = 3;
        s.backoff_ms = 5;
        s.oin = Some(OIN.into());
    });
    let client = SuwinetClient::new(&cfg).unwrap();
    let b = client
        .svb_uitkeringen(&bsn("111111110"), "PARTICIPATIEWET")
        .await
        .unwrap();
    assert!(!b.gegevens.is_empty());
    let k = client
        .voertuig("16-ZD-LX", "PARTICIPATIEWET")
        .await
        .unwrap();
    assert_eq!(k.gegevens.kenteken, "16ZDLX");

    cfg.suwinet_signing = None;
    let unsigned = SuwinetClient::new(&cfg).unwrap();
    let e = unsigned
        .svb_uitkeringen(&bsn("111111110"), "PARTICIPATIEWET")
        .await
        .unwrap_err();
    match e {
        RegisterError::Rejected { code, message, .. } => {
            assert_eq!(code.as_deref(), Some("wsse:InvalidSecurity"));
            assert!(message.contains("niet ondertekend"), "{message}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

type Log = Arc<Mutex<Vec<(HeaderMap, String)>>>;

/// A Suwinet stand-in that records what it receives and answers SVB's canned body.
async fn recorder() -> (String, Log) {
    let log: Log = Arc::default();
    let l = log.clone();
    let answer = gbi_testbed::suwinet::canned("SVBDossierPersoonGSD_SVBPersoonsInfo_111111110")
        .unwrap()
        .to_owned();
    let app = Router::new().route(
        "/suwinet/{service}",
        post(move |headers: HeaderMap, req: Bytes| {
            let l = l.clone();
            let answer = answer.clone();
            async move {
                l.lock()
                    .unwrap()
                    .push((headers, String::from_utf8_lossy(&req).into_owned()));
                ([("content-type", "text/xml")], answer)
            }
        }),
    );
    (common::serve(app).await, log)
}

#[tokio::test]
async fn every_call_carries_traceparent_and_the_oin() {
    let (base, log) = recorder().await;
    let cfg = RegistersConfig::testbed(&base).map_sources(|s| s.oin = Some(OIN.into()));
    let client = SuwinetClient::new(&cfg).unwrap();
    let _ = client.svb_uitkeringen(&bsn("111111110"), "x").await;
    let trace = TraceContext::new_root();
    let _ = gbi_registers::with_trace(
        trace.clone(),
        client.svb_uitkeringen(&bsn("111111110"), "x"),
    )
    .await;
    let log = log.lock().unwrap().clone();
    assert_eq!(log.len(), 2);
    for (headers, body) in &log {
        let tp = headers["traceparent"].to_str().unwrap();
        let parts: Vec<&str> = tp.split('-').collect();
        assert_eq!(parts.len(), 4, "{tp}");
        assert_eq!((parts[0], parts[1].len(), parts[2].len()), ("00", 32, 16));
        assert!(
            body.contains(&format!("?OIN={OIN}</wsa:Address>")),
            "{body}"
        );
        assert_conforms(body);
    }
    let tp = log[1].0["traceparent"].to_str().unwrap().to_owned();
    assert!(tp.contains(&trace.trace_id), "same trace: {tp}");
    assert!(!tp.contains(&trace.span_id), "a child span: {tp}");
}

#[tokio::test]
async fn a_kenteken_that_does_not_fit_the_xsd_is_refused_without_a_call() {
    let (base, log) = recorder().await;
    let client = SuwinetClient::new(&RegistersConfig::testbed(&base)).unwrap();
    for k in ["853-PML-2", "ABCDEFG", "--", ""] {
        let e = client.voertuig(k, "x").await.unwrap_err();
        assert!(
            matches!(&e, RegisterError::Rejected { code: Some(c), .. } if c == "KentekenOngeldig"),
            "{k}: {e:?}"
        );
    }
    assert!(log.lock().unwrap().is_empty(), "nothing was sent");
    assert!(rdw::verzoek_kenteken("16-zd-lx").is_ok());
}

#[tokio::test]
async fn the_gemeentes_certificate_comes_from_pem_files() {
    let tb = testbed().await;
    let ours = wss::Signer::generate("CN=Gemeente Test,O=Gemeente Test,C=NL").unwrap();
    let other = wss::Signer::generate("CN=Iemand anders,C=NL").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let cert = write("cert.pem", &ours.certificate_pem);
    let key = write("key.pem", &ours.private_key_pem);
    let wrong_key = write("other-key.pem", &other.private_key_pem);
    tb.trust_suwinet_certificate(ours.signer.certificate_der().to_vec());

    let mut cfg = RegistersConfig::testbed(&tb.base_url());
    cfg.suwinet_signing = Some(gbi_registers::SigningConfig {
        certificate: Some(cert.clone()),
        private_key: Some(key),
        throwaway: false,
    });
    let client = SuwinetClient::new(&cfg).unwrap();
    let b = client
        .svb_uitkeringen(&bsn("111111110"), "x")
        .await
        .unwrap();
    assert!(!b.gegevens.is_empty());

    // The throwaway identity is not trusted by this testbed.
    let throwaway = SuwinetClient::new(&RegistersConfig::testbed(&tb.base_url())).unwrap();
    let e = throwaway
        .svb_uitkeringen(&bsn("111111110"), "x")
        .await
        .unwrap_err();
    assert!(
        matches!(&e, RegisterError::Rejected { code: Some(c), .. } if c == "wsse:FailedAuthentication"),
        "{e:?}"
    );

    // A key that does not belong to the certificate stops start-up.
    cfg.suwinet_signing = Some(gbi_registers::SigningConfig {
        certificate: Some(cert),
        private_key: Some(wrong_key),
        throwaway: false,
    });
    let e = SuwinetClient::new(&cfg).unwrap_err();
    assert!(
        e.to_string().contains("hoort niet bij het certificaat"),
        "{e}"
    );
}

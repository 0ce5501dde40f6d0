#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Request shapes, answer mapping and error mapping of every client, against
//! small local servers.

mod common;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use gbi_domain::Bsn;
use gbi_registers::belastingdienst::{Antwoord, Toeslag, Vraag};
use gbi_registers::brp::BrpDatum;
use gbi_registers::suwinet::envelope::Operatie;
use gbi_registers::suwinet::{svb, xml};
use gbi_registers::{
    BelastingdienstClient, BrpClient, RegisterError, RegistersConfig, SocratesClient, SourceConfig,
    SuwinetClient, UnavailableReason,
};
use std::sync::{Arc, Mutex};

type Log = Arc<Mutex<Vec<(HeaderMap, String)>>>;

/// A server answering every POST on `path` with `status` and `body`, logging requests.
async fn canned(
    path: &str,
    status: u16,
    content_type: &'static str,
    body: String,
) -> (String, Log) {
    let log: Log = Arc::default();
    let l = log.clone();
    let app = Router::new().route(
        path,
        post(move |headers: HeaderMap, req: Bytes| {
            let l = l.clone();
            let body = body.clone();
            async move {
                l.lock()
                    .unwrap()
                    .push((headers, String::from_utf8_lossy(&req).into_owned()));
                (
                    StatusCode::from_u16(status).unwrap(),
                    [("content-type", content_type)],
                    body,
                )
                    .into_response()
            }
        }),
    );
    (common::serve(app).await, log)
}

fn bsn(s: &str) -> Bsn {
    Bsn::parse(s).unwrap()
}

const JSON: &str = "application/json";

#[tokio::test]
async fn brp_sends_minimal_fields_and_maps_the_person() {
    let (url, log) = canned(
        "/personen",
        200,
        JSON,
        common::brp_antwoord("999993653").to_string(),
    )
    .await;
    let mut cfg = common::fast(&url);
    cfg.api_key = Some("geheim-123".into());
    let client = BrpClient::new(&cfg).unwrap();
    let b = client
        .raadpleeg(&bsn("999993653"), "PARTICIPATIEWET")
        .await
        .unwrap();

    let (headers, body) = log.lock().unwrap()[0].clone();
    assert_eq!(headers["x-api-key"], "geheim-123");
    let req: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(req["type"], "RaadpleegMetBurgerservicenummer");
    assert_eq!(req["burgerservicenummer"], serde_json::json!(["999993653"]));
    let fields = req["fields"].as_array().unwrap();
    assert!(fields.len() <= 34 && fields.iter().all(|f| f.as_str().unwrap().len() < 60));
    assert!(
        !fields
            .iter()
            .any(|f| f == "nationaliteiten" || f == "ouders")
    );

    let p = b.gegevens;
    assert_eq!(p.bsn.as_str(), "999993653");
    assert_eq!(p.naam.voorvoegsel.as_deref(), Some("de"));
    assert_eq!(
        p.geboortedatum.as_ref().unwrap().volledig(),
        chrono::NaiveDate::from_ymd_opt(1985, 3, 15)
    );
    let adres = p.verblijfplaats.as_ref().unwrap().adres().unwrap();
    assert_eq!(
        adres.adresseerbaar_object_identificatie.as_deref(),
        Some("0363010000000001")
    );
    assert_eq!(adres.huisnummer, Some(1));
    assert_eq!(p.gemeente_van_inschrijving.as_ref().unwrap().code, "0363");
    assert_eq!(
        p.partners[0].persoon.bsn.as_ref().unwrap().as_str(),
        "999991954"
    );
    assert_eq!(
        p.partners[0].persoon.geboortedatum,
        Some(BrpDatum::Jaar { jaar: 1990 })
    );
    // A child whose BSN fails the elfproef keeps its place, without a BSN.
    assert_eq!(p.kinderen.len(), 1);
    assert!(p.kinderen[0].bsn.is_none());
    assert!(!p.overleden);

    // Provenance: what was asked and why, without the BSN.
    assert_eq!(b.herkomst.doelbinding, "PARTICIPATIEWET");
    assert!(
        b.herkomst
            .vraag
            .starts_with("RaadpleegMetBurgerservicenummer fields=")
    );
    assert!(!b.herkomst.vraag.contains("999993653"));
    // Results serialise for snapshots and come back the same.
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(
        serde_json::from_str::<gbi_registers::brp::Persoon>(&json).unwrap(),
        p
    );
}

#[tokio::test]
async fn brp_unknown_bsn_is_not_found_and_problem_is_rejected() {
    let empty = serde_json::json!({"type": "RaadpleegMetBurgerservicenummer", "personen": []});
    let (url, _) = canned("/personen", 200, JSON, empty.to_string()).await;
    let client = BrpClient::new(&common::fast(&url)).unwrap();
    let e = client.raadpleeg(&bsn("999993653"), "x").await.unwrap_err();
    assert!(matches!(e, RegisterError::NotFound { .. }));

    let problem = serde_json::json!({"title": "Een of meerdere parameters zijn niet correct.", "status": 400,
        "code": "paramsValidation", "invalidParams": [{"name": "fields[0]", "code": "fields", "reason": "Parameter bevat een niet bestaande veldnaam."}]});
    let (url, _) = canned(
        "/personen",
        400,
        "application/problem+json",
        problem.to_string(),
    )
    .await;
    let client = BrpClient::new(&common::fast(&url)).unwrap();
    match client.raadpleeg(&bsn("999993653"), "x").await.unwrap_err() {
        RegisterError::Rejected {
            status,
            code,
            details,
            ..
        } => {
            assert_eq!(status, Some(400));
            assert_eq!(code.as_deref(), Some("paramsValidation"));
            assert!(details[0].starts_with("fields[0]"));
        }
        other => panic!("{other:?}"),
    }

    let (url, _) = canned("/personen", 200, JSON, "{\"geen\": \"brp\"}".into()).await;
    let client = BrpClient::new(&common::fast(&url)).unwrap();
    let e = client.raadpleeg(&bsn("999993653"), "x").await.unwrap_err();
    assert!(matches!(e, RegisterError::InvalidResponse { .. }));
}

#[tokio::test]
async fn brp_bewoners_by_address() {
    let answer = serde_json::json!({"type": "ZoekMetAdresseerbaarObjectIdentificatie", "personen": [
        {"burgerservicenummer": "999993653", "naam": {"geslachtsnaam": "Jansen"}},
        {"burgerservicenummer": "999991954", "geboorte": {"datum": {"type": "Datum", "datum": "1990-05-20"}}}]});
    let (url, log) = canned("/personen", 200, JSON, answer.to_string()).await;
    let client = BrpClient::new(&common::fast(&url)).unwrap();
    let b = client
        .bewoners("0363010000000001", "PARTICIPATIEWET")
        .await
        .unwrap();
    assert_eq!(b.gegevens.len(), 2);
    let req: serde_json::Value = serde_json::from_str(&log.lock().unwrap()[0].1).unwrap();
    assert_eq!(req["type"], "ZoekMetAdresseerbaarObjectIdentificatie");
    assert_eq!(req["adresseerbaarObjectIdentificatie"], "0363010000000001");
    assert_eq!(req["fields"].as_array().unwrap().len(), 5);
    assert!(client.bewoners("123", "x").await.is_err());
}

#[tokio::test]
async fn belastingdienst_asks_typed_questions() {
    let answer = serde_json::json!({"antwoorden": [
        {"id": "q1", "antwoord": "JA"}, {"id": "q2", "antwoord": "NEE"}, {"id": "q3", "antwoord": "ONBEKEND"}],
        "peildatum": "2026-01-15"});
    let (url, log) = canned("/v1/toetsingen", 200, JSON, answer.to_string()).await;
    let client = BelastingdienstClient::new(&common::fast(&url)).unwrap();
    let vragen = [
        Vraag::VerzamelinkomenOnder {
            jaar: 2025,
            grens_cents: 2_500_000,
        },
        Vraag::OntvangtToeslag {
            toeslag: Toeslag::Huurtoeslag,
            jaar: 2026,
        },
        Vraag::VermogenBox3Onder {
            jaar: 2025,
            grens_cents: 3_800_000,
        },
    ];
    let t = client
        .toets(&bsn("123456782"), &vragen, "PARTICIPATIEWET")
        .await
        .unwrap();
    let req: serde_json::Value = serde_json::from_str(&log.lock().unwrap()[0].1).unwrap();
    assert_eq!(
        req,
        serde_json::json!({"bsn": "123456782", "doelbinding": "PARTICIPATIEWET", "vragen": [
            {"id": "q1", "soort": "VERZAMELINKOMEN_ONDER", "jaar": 2025, "grens_cents": 2500000},
            {"id": "q2", "soort": "ONTVANGT_TOESLAG", "toeslag": "HUURTOESLAG", "jaar": 2026},
            {"id": "q3", "soort": "VERMOGEN_BOX3_ONDER", "jaar": 2025, "grens_cents": 3800000}]})
    );
    let a: Vec<Antwoord> = t.gegevens.antwoorden.iter().map(|a| a.antwoord).collect();
    assert_eq!(a, [Antwoord::Ja, Antwoord::Nee, Antwoord::Onbekend]);
    assert_eq!(t.gegevens.antwoorden[1].vraag, vragen[1]);
    assert_eq!(
        t.gegevens.peildatum,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
    );
    assert!(!t.herkomst.vraag.contains("123456782"));
}

#[tokio::test]
async fn belastingdienst_errors() {
    let (url, _) = canned(
        "/v1/toetsingen",
        404,
        "application/problem+json",
        "{\"title\":\"Onbekend\"}".into(),
    )
    .await;
    let client = BelastingdienstClient::new(&common::fast(&url)).unwrap();
    let vraag = [Vraag::OntvangtToeslag {
        toeslag: Toeslag::Zorgtoeslag,
        jaar: 2026,
    }];
    assert!(matches!(
        client
            .toets(&bsn("123456782"), &vraag, "P")
            .await
            .unwrap_err(),
        RegisterError::NotFound { .. }
    ));

    let problem = serde_json::json!({"title": "Ongeldige vraag", "status": 400, "code": "ongeldigeVraag",
        "invalidParams": [{"name": "vragen[0].jaar", "code": "range", "reason": "Jaar buiten bereik"}]});
    let (url, _) = canned(
        "/v1/toetsingen",
        400,
        "application/problem+json",
        problem.to_string(),
    )
    .await;
    let client = BelastingdienstClient::new(&common::fast(&url)).unwrap();
    match client
        .toets(&bsn("123456782"), &vraag, "P")
        .await
        .unwrap_err()
    {
        RegisterError::Rejected { code, details, .. } => {
            assert_eq!(code.as_deref(), Some("ongeldigeVraag"));
            assert_eq!(details.len(), 1);
        }
        other => panic!("{other:?}"),
    }

    // An answer to a question that was not asked.
    let bad = serde_json::json!({"antwoorden": [{"id": "q9", "antwoord": "JA"}], "peildatum": "2026-01-15"});
    let (url, _) = canned("/v1/toetsingen", 200, JSON, bad.to_string()).await;
    let client = BelastingdienstClient::new(&common::fast(&url)).unwrap();
    assert!(matches!(
        client
            .toets(&bsn("123456782"), &vraag, "P")
            .await
            .unwrap_err(),
        RegisterError::InvalidResponse { .. }
    ));
}

fn zaak() -> gbi_registers::socrates::ZaakLOBehandeld {
    serde_json::from_value(serde_json::json!({
        "identificatie": "ZAAK-2026-0001",
        "loBehandeld": {
            "aanvraagdatum": "2026-01-10",
            "aanvraagid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "codeOntvangendeGemeente": "0363",
            "huishouding": {
                "aanvrager": {
                    "burgerservicenummer": "999993653", "codeBrpGegevensGeheim": "0", "geboortedatum": "1985-03-15",
                    "geslachtsaanduiding": "1", "geslachtsnaamstam": "Jansen", "naamgebruik": "1",
                    "nationaliteit": ["1"], "voorlettersAanschrijving": "H.",
                    "adreshouding": [{"adres": {"soortAdres": "1", "huisnummer": 1, "postcode": "1012JS",
                        "straatnaam": "Damstraat", "woonplaatsnaam": "Amsterdam"}, "begindatum": "2020-01-01", "codeFunctieAdres": "W"}]
                },
                "inAanmerkingTeNemenVermogen": "1234.50",
                "uitbetalingUitkering": {"soortUitbetaling": "01", "bankrekening": "NL91ABNA0417164300"}
            },
            "ingangBijstandsuitkering": {"datumMeldingBijGemeente": "2026-01-05"},
            "redenAanvraagLevensonderhoud": {"onvoldoendeInkomen": "1"}
        }
    }))
    .unwrap()
}

#[tokio::test]
async fn socrates_202_and_422_and_no_retry_after_send() {
    let ok = serde_json::json!({"berichtId": "b1", "responseId": "r1", "timestamp": "2026-01-10T10:00:00Z"});
    let (url, log) = canned("/api/v1/LOBehandeld", 202, JSON, ok.to_string()).await;
    let client = SocratesClient::new(&common::fast(&url)).unwrap();
    let z = zaak();
    let r = client.lo_behandeld(&z).await.unwrap();
    assert_eq!(r.response_id.as_deref(), Some("r1"));
    let sent: serde_json::Value = serde_json::from_str(&log.lock().unwrap()[0].1).unwrap();
    assert_eq!(
        sent["loBehandeld"]["huishouding"]["inAanmerkingTeNemenVermogen"], "1234,50",
        "a decimal comma: the amount pattern as written refuses a plain dot"
    );
    assert_eq!(
        sent["loBehandeld"]["huishouding"]["aanvrager"]["adreshouding"][0]["adres"]["soortAdres"],
        "1"
    );
    assert!(
        sent["loBehandeld"].get("besluit").is_none(),
        "absent optionals are left out"
    );
    assert_eq!(
        serde_json::from_value::<gbi_registers::socrates::ZaakLOBehandeld>(sent).unwrap(),
        z
    );

    let fout = serde_json::json!({"berichtId": "b1", "responseId": null, "foutcode": "VAL001",
        "foutomschrijving": "Validatie mislukt", "fouten": ["aanvrager.geslachtsnaamstam is verplicht"]});
    let (url, _) = canned("/api/v1/LOBehandeld", 422, JSON, fout.to_string()).await;
    let client = SocratesClient::new(&common::fast(&url)).unwrap();
    match client.lo_behandeld(&z).await.unwrap_err() {
        RegisterError::Rejected {
            status,
            code,
            details,
            ..
        } => {
            assert_eq!(status, Some(422));
            assert_eq!(code.as_deref(), Some("VAL001"));
            assert_eq!(details, ["aanvrager.geslachtsnaamstam is verplicht"]);
        }
        other => panic!("{other:?}"),
    }

    let (url, log) = canned("/api/v1/LOBehandeld", 500, JSON, "{}".into()).await;
    let client = SocratesClient::new(&common::fast(&url)).unwrap();
    let e = client.lo_behandeld(&z).await.unwrap_err();
    assert!(matches!(
        e,
        RegisterError::Unavailable {
            reason: UnavailableReason::Status(500),
            ..
        }
    ));
    assert_eq!(
        log.lock().unwrap().len(),
        1,
        "not idempotent: no retry once sent"
    );
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(common::fixtures().join("suwinet/Responses").join(name)).unwrap()
}

fn soap(body: &str) -> String {
    let body = body.trim_start_matches(|c| c != '<');
    format!(
        r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>"#
    )
}

fn suwinet_cfg(url: &str) -> RegistersConfig {
    RegistersConfig::testbed(url).map_sources(|s| *s = common::fast(&s.endpoint.clone()))
}

#[tokio::test]
async fn suwinet_over_http_sends_valid_soap_and_maps_faults() {
    let (url, log) = canned(
        "/suwinet/SVBDossierPersoonGSD",
        200,
        "text/xml; charset=utf-8",
        soap(&fixture(
            "SVBDossierPersoonGSD_SVBPersoonsInfo_111111110.xml",
        )),
    )
    .await;
    let client = SuwinetClient::new(&suwinet_cfg(&url)).unwrap();
    let b = client
        .svb_uitkeringen(&bsn("111111110"), "PARTICIPATIEWET")
        .await
        .unwrap();
    assert!(!b.gegevens.is_empty());
    assert_eq!(b.herkomst.vraag, "SVBDossierPersoonGSD/SVBPersoonsInfo");

    let (headers, body) = log.lock().unwrap()[0].clone();
    assert_eq!(headers["soapaction"], "\"\"");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/xml")
    );
    let op: Operatie = svb::OPERATIE;
    let child = common::body_child(&body);
    common::xmllint(&common::body_action_xsd(op.xsd_dir), &child).unwrap();
    let env = xml::parse(body.as_bytes()).unwrap();
    assert_eq!(env.text_at(&["Header", "Action"]).unwrap(), op.action);

    let fault = r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault>
        <faultcode>soapenv:Client</faultcode><faultstring>Bericht voldoet niet aan het schema</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>"#;
    let (url, log) = canned(
        "/suwinet/SVBDossierPersoonGSD",
        500,
        "text/xml",
        fault.into(),
    )
    .await;
    let client = SuwinetClient::new(&suwinet_cfg(&url)).unwrap();
    let e = client
        .svb_uitkeringen(&bsn("111111110"), "x")
        .await
        .unwrap_err();
    assert!(matches!(e, RegisterError::Rejected { .. }), "{e:?}");
    assert_eq!(log.lock().unwrap().len(), 1, "a refusal is not retried");

    let (url, log) = canned(
        "/suwinet/SVBDossierPersoonGSD",
        503,
        "text/plain",
        "busy".into(),
    )
    .await;
    let client = SuwinetClient::new(&suwinet_cfg(&url)).unwrap();
    let e = client
        .svb_uitkeringen(&bsn("111111110"), "x")
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        RegisterError::Unavailable {
            reason: UnavailableReason::Status(503),
            ..
        }
    ));
    assert_eq!(log.lock().unwrap().len(), 4, "first try and three retries");
}

#[test]
fn config_from_toml_with_defaults_and_secret_hidden() {
    let cfg: SourceConfig = toml::from_str(
        r#"endpoint = "https://brp.example/haalcentraal/api/brp"
           api_key = "super-geheim"
           timeout_ms = 2500"#,
    )
    .unwrap();
    assert_eq!(cfg.timeout_ms, 2500);
    assert_eq!(cfg.retries, 3);
    assert_eq!(cfg.backoff_ms, 200);
    assert_eq!(cfg.concurrency, 16);
    assert_eq!(cfg.breaker_failures, 5);
    assert_eq!(cfg.breaker_cooldown_ms, 30_000);
    let dbg = format!("{cfg:?}");
    assert!(!dbg.contains("super-geheim"), "{dbg}");
    let client = BrpClient::new(&cfg).unwrap();
    assert!(!format!("{client:?}").contains("super-geheim"));

    assert!(toml::from_str::<SourceConfig>("endpoint = \"http://x\"\ntimeout = 1").is_err());

    let all = RegistersConfig::testbed("http://127.0.0.1:8080/");
    assert_eq!(
        all.brp.endpoint,
        "http://127.0.0.1:8080/haalcentraal/api/brp"
    );
    assert_eq!(
        all.uwv.endpoint,
        "http://127.0.0.1:8080/suwinet/UWVDossierInkomstenGSD"
    );
    assert_eq!(all.socrates.endpoint, "http://127.0.0.1:8080/socrates");
    let text = toml::to_string(&all).unwrap();
    assert_eq!(toml::from_str::<RegistersConfig>(&text).unwrap(), all);
    assert!(gbi_registers::Registers::new(&all).is_ok());

    let mut bad = all.clone();
    bad.svb.endpoint = "niet-een-url".into();
    assert!(gbi_registers::Registers::new(&bad).is_err());
    let mut bad = all;
    bad.brp.tls_client_cert = Some("/nonexistent/cert.pem".into());
    assert!(gbi_registers::Registers::new(&bad).is_err());
}

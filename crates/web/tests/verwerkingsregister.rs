//! The register of processing activities that records point to
//! (`dpl.core.processing_activity_id`), served per gemeente in the shape of
//! the standard's register API: every response is validated against the
//! schemas of `rvva-openapi.json` (docs/formats), with undeclared
//! properties refused, and every reference a record carries resolves.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::Rol;
use gbi_store::logboek::{self, register};
use serde_json::{Value, json};

fn openapi() -> Value {
    let pad = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/formats/rvva-openapi.json"
    );
    serde_json::from_str(&std::fs::read_to_string(pad).unwrap()).unwrap()
}

/// A schema of the OpenAPI as JSON Schema: `$ref`s to the components
/// resolved, and every object closed (`additionalProperties: false`), so
/// a property the API does not declare fails.
fn schema(api: &Value, naam: &str) -> Value {
    fn sluit(v: &mut Value, api: &Value) {
        if let Some(r) = v.get("$ref").and_then(Value::as_str) {
            let naam = r.rsplit('/').next().unwrap();
            *v = api["components"]["schemas"][naam].clone();
        }
        if let Some(o) = v.as_object_mut() {
            if o.contains_key("properties") {
                o.insert("additionalProperties".into(), json!(false));
                o.insert("type".into(), json!("object"));
            }
            for (_, w) in o.iter_mut() {
                sluit(w, api);
            }
        } else if let Some(a) = v.as_array_mut() {
            for w in a {
                sluit(w, api);
            }
        }
    }
    let mut s = api["components"]["schemas"][naam].clone();
    assert!(s.is_object(), "{naam} is in the OpenAPI");
    sluit(&mut s, api);
    s
}

fn valideer(api: &Value, naam: &str, antwoord: &Value) {
    let s = schema(api, naam);
    let v = jsonschema::options()
        .should_validate_formats(true)
        .build(&s)
        .unwrap();
    let fouten: Vec<String> = v.iter_errors(antwoord).map(|e| e.to_string()).collect();
    assert!(fouten.is_empty(), "{naam}: {fouten:?}\n{antwoord}");
}

/// The path of an operation in the OpenAPI, with its parameters filled.
fn pad(api: &Value, sjabloon: &str, waarden: &[(&str, &str)]) -> String {
    assert!(api["paths"].get(sjabloon).is_some(), "{sjabloon}");
    let mut p = sjabloon.to_owned();
    for (k, v) in waarden {
        p = p.replace(&format!("{{{k}}}"), v);
    }
    p
}

async fn get(app: &TestApp, path: &str) -> (u16, Value) {
    let res = app.client.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_register_answers_in_the_shape_of_the_register_api() {
    let app = TestApp::spawn().await;
    app.tenant("0392", "Haarlem", "999993549", &[Rol::FunctioneelBeheerder])
        .await;
    let api = openapi();
    let basis = register::pad("0392");
    for a in logboek::ACTIVITEITEN {
        let id = register::activiteit_uuid(a.id).to_string();
        let p = pad(
            &api,
            "/processing_activities/{processingActivityId}",
            &[("processingActivityId", &id)],
        );
        let (status, activiteit) = get(&app, &format!("{basis}{p}")).await;
        assert_eq!(status, 200, "{}", a.id);
        valideer(&api, "ProcessingActivity", &activiteit);
        assert_eq!(activiteit["id"], id.as_str());
        assert_eq!(activiteit["active"], true);
        let laatste = activiteit["latestVersion"].as_u64().unwrap().to_string();
        let p = pad(
            &api,
            "/processing_activities/{processingActivityId}/versions/{processingActivityVersionNumber}",
            &[
                ("processingActivityId", &id),
                ("processingActivityVersionNumber", &laatste),
            ],
        );
        let (status, versie) = get(&app, &format!("{basis}{p}")).await;
        assert_eq!(status, 200, "{}", a.id);
        valideer(&api, "ProcessingActivityVersion", &versie);
        assert_eq!(versie["name"], a.naam);
        assert!(!versie["legalBasis"].as_array().unwrap().is_empty());
        // The controller is an entity of the register.
        let entity = versie["recipients"]["entityId"].as_str().unwrap();
        let p = pad(&api, "/entities/{entityId}", &[("entityId", entity)]);
        let (status, e) = get(&app, &format!("{basis}{p}")).await;
        assert_eq!(status, 200);
        valideer(&api, "Entity", &e);
        assert_eq!(e["name"], "Gemeente Haarlem");
    }
    // What is not in the register is not found.
    let onbekend = uuid::Uuid::new_v4();
    for p in [
        format!("{basis}/processing_activities/{onbekend}"),
        format!("{basis}/processing_activities/geen-uuid"),
        format!(
            "{basis}/processing_activities/{}/versions/2",
            register::activiteit_uuid(logboek::ACTIVITEITEN[0].id)
        ),
        format!("{basis}/entities/{onbekend}"),
        format!(
            "{}/processing_activities/{}",
            register::pad("0153"),
            register::activiteit_uuid(logboek::ACTIVITEITEN[0].id)
        ),
    ] {
        assert_eq!(get(&app, &p).await.0, 404, "{p}");
    }
}

#[tokio::test]
async fn every_reference_in_the_log_resolves_in_the_register() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant(
            "0392",
            "Haarlem",
            "999993549",
            &[Rol::Inkomensconsulent, Rol::FunctioneelBeheerder],
        )
        .await;
    let token = app.login(&t.user).await;
    let res = app
        .client
        .post(app.url("/api/v1/inwoners"))
        .bearer_auth(&token)
        .json(&json!({ "bsn": "111111110", "naam": "Jan Jansen" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let log: Value = app
        .client
        .get(app.url("/api/v1/logboek"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let records = log.as_array().unwrap();
    assert!(!records.is_empty());
    let api = openapi();
    for r in records {
        for veld in [
            "dpl.core.processing_activity_id",
            "dpl.core.data_subject_id_type",
        ] {
            let uri = r["attributes"][veld].as_str().unwrap();
            assert!(uri.starts_with("http"), "{veld}: {uri}");
            let (status, antwoord) = get(&app, &uri[uri.find("/api/").unwrap()..]).await;
            assert_eq!(status, 200, "{uri}");
            if veld == "dpl.core.processing_activity_id" {
                valideer(&api, "ProcessingActivity", &antwoord);
            }
        }
    }
}

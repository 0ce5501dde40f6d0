//! The JSON API and the pages, through HTTP, as a client uses them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::Rol;
use serde_json::{Value, json};

/// Fields that differ per run.
fn redact(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        for k in ["id", "instance", "created_at", "updated_at"] {
            if o.contains_key(k) {
                o.insert(k.into(), json!(format!("[{k}]")));
            }
        }
    }
    v
}

#[tokio::test]
async fn errors_are_zgw_problem_bodies_with_stable_codes() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Inkomensconsulent])
        .await;

    let res = app
        .client
        .get(app.url("/api/v1/inwoners"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    insta::assert_json_snapshot!("unauthenticated", redact(&res.json().await.unwrap()));

    let token = app.login(&t.user).await;
    let res = app
        .client
        .post(app.url("/api/v1/inwoners"))
        .bearer_auth(&token)
        .json(&json!({ "bsn": "123456789", "naam": " ", "email": "geen-adres", "iban": "NL00BANK0123456789" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    insta::assert_json_snapshot!("invalid_inwoner", redact(&res.json().await.unwrap()));

    let res = app
        .client
        .post(app.url("/api/v1/inwoners"))
        .bearer_auth(&token)
        .body("{niet: json")
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["invalidParams"][0]["code"], "invalid_json");

    let res = app
        .client
        .get(app.url("/api/v1/bestaat-niet"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "not_found");

    // A role without access to the log.
    let res = app
        .client
        .get(app.url("/api/v1/logboek"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        res.json::<Value>().await.unwrap()["code"],
        "permission_denied"
    );
}

#[tokio::test]
async fn a_caseworker_registers_reads_and_changes_a_resident_and_each_step_is_logged() {
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
        .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .json(&json!({ "bsn": "111111110", "naam": "Jan Jansen", "email": "jan@example.nl", "telefoon": "06 1234 5678", "iban": "nl91 abna 0417 1643 00" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert!(
        res.headers()["traceparent"]
            .to_str()
            .unwrap()
            .starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-")
    );
    assert!(res.headers().contains_key("x-request-id"));
    let created: Value = res.json().await.unwrap();
    insta::assert_json_snapshot!("created_inwoner", redact(&created));
    let id = created["id"].as_str().unwrap();

    // The same BSN twice in one gemeente is a conflict.
    let res = app
        .client
        .post(app.url("/api/v1/inwoners"))
        .bearer_auth(&token)
        .json(&json!({ "bsn": "111111110", "naam": "Dubbel" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);

    let res = app
        .client
        .patch(app.url(&format!("/api/v1/inwoners/{id}")))
        .bearer_auth(&token)
        .json(&json!({ "email": null, "versie": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let changed: Value = res.json().await.unwrap();
    assert_eq!(changed["email"], Value::Null);
    assert_eq!(changed["versie"], 2);

    // A change based on an old version is refused.
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/inwoners/{id}")))
        .bearer_auth(&token)
        .json(&json!({ "naam": "X", "versie": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 412);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "stale_version");

    let res = app
        .client
        .get(app.url(&format!("/api/v1/inwoners/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let log: Value = app
        .client
        .get(app.url("/api/v1/logboek?bsn=111111110"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let records = log.as_array().unwrap();
    let activities: Vec<&str> = records
        .iter()
        .map(|r| r["gbi"]["verwerkingsactiviteit"].as_str().unwrap())
        .collect();
    assert_eq!(
        activities,
        [
            "gbi.inwoner.raadplegen",
            "gbi.inwoner.wijzigen",
            "gbi.inwoner.registreren"
        ]
    );
    assert!(
        records
            .iter()
            .all(|r| r["gbi"]["actor"] == format!("medewerker:{}", t.user_id))
    );
    // The standard's fields: times in milliseconds since the epoch, a
    // status of its enumeration, the pseudonym's type and a reference into
    // the gemeente's register that the register resolves.
    for r in records {
        assert!(r["start_time"].as_u64().unwrap() > 1_700_000_000_000, "{r}");
        assert!(r["end_time"].as_u64() >= r["start_time"].as_u64(), "{r}");
        assert_eq!(r["status"], "Ok", "{r}");
        assert_eq!(r["resource"]["attributes"]["service.name"], "gbi");
        let a = &r["attributes"];
        assert_eq!(a["dpl.core.data_subject_id"].as_str().unwrap().len(), 64);
        assert_ne!(a["dpl.core.data_subject_id_type"], "BSN");
        let uri = a["dpl.core.processing_activity_id"].as_str().unwrap();
        let path = &uri[uri.find("/api/").unwrap()..];
        let activiteit: Value = app
            .client
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(activiteit["latestVersion"], 1, "{uri}: {activiteit}");
        assert!(uri.ends_with(activiteit["id"].as_str().unwrap()));
    }
    // The call came from another application with a traceparent.
    assert_eq!(
        records[2]["attributes"]["dpl.core.foreign_operation.span_id"],
        "00f067aa0ba902b7"
    );
    assert!(
        records[2]["attributes"]["dpl.core.foreign_operation.processor"]
            .as_str()
            .is_some()
    );
    assert!(records[0]["attributes"]["dpl.core.foreign_operation.processor"].is_null());
    // The first record belongs to the trace the client started.
    assert_eq!(records[2]["trace_id"], "4bf92f3577b34da6a3ce929d0e0e4736");
    assert!(
        !log.to_string().contains("111111110"),
        "the BSN itself is never in the log"
    );
    // Searching the log for this resident was itself logged.
    let again: Value = app
        .client
        .get(app.url("/api/v1/logboek?bsn=111111110"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        again[0]["gbi"]["verwerkingsactiviteit"], "gbi.logboek.doorzoeken",
        "{again}"
    );
}

#[tokio::test]
async fn operations_endpoints() {
    let app = TestApp::spawn().await;
    let ready: Value = app
        .client
        .get(app.url("/health/ready"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["status"], "ok");
    assert_eq!(
        ready["checks"],
        json!({ "stopping": false, "database": "ok", "migrations": "ok" })
    );
    // Parameters that will be missing soon are warnings, not failures.
    assert!(ready["warnings"].is_array(), "{ready}");
    let live = app
        .client
        .get(app.url("/health/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), 200);
    let metrics = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains(
            "gbi_http_requests_total{method=\"GET\",route=\"/health/ready\",status=\"200\"} 1"
        ),
        "{metrics}"
    );
    assert!(metrics.contains("# TYPE gbi_http_request_duration_seconds histogram"));
}

#[tokio::test]
async fn pages_log_in_and_out_without_javascript() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Inkomensconsulent])
        .await;

    // Not logged in: to the login page, remembering where to go back to.
    let res = app
        .client
        .get(app.url("/werkplek/inwoners?zoek=Haarlem"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/inloggen?terug=/werkplek/inwoners%3Fzoek%3DHaarlem"
    );

    let page = app
        .client
        .get(app.url("/inloggen"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<html lang=\"nl\""));
    assert!(page.contains("<label class=\"utrecht-form-label\" for=\"gebruikersnaam\">"));

    let wrong = app
        .client
        .post(app.url("/inloggen"))
        .form(&[("gebruikersnaam", t.user.as_str()), ("wachtwoord", "fout")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("De gebruikersnaam of het wachtwoord klopt niet.")
    );

    let ok = app
        .client
        .post(app.url("/inloggen"))
        .form(&[
            ("gebruikersnaam", t.user.as_str()),
            ("wachtwoord", common::PASSWORD),
            ("terug", "/werkplek/inwoners"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    assert_eq!(ok.headers()["location"], "/werkplek/inwoners");
    let cookie = ok.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let session = cookie.split(';').next().unwrap().to_owned();

    let list = app
        .client
        .get(app.url("/werkplek/inwoners"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("Inwoner van Haarlem"), "{list}");

    // A form post from another site is refused.
    let cross = app
        .client
        .post(app.url("/uitloggen"))
        .header("cookie", &session)
        .header("origin", "https://kwaadwillend.example")
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), 403);

    let out = app
        .client
        .post(app.url("/uitloggen"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let after = app
        .client
        .get(app.url("/werkplek"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 303, "the session ended");
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use gbi_testbed::belastingdienst::verzamelinkomen;
use gbi_testbed::population::ToeslagSoort;
use serde_json::{Value, json};

async fn toets(tb: &gbi_testbed::RunningTestbed, body: Value) -> (u16, Value) {
    let r = client()
        .post(format!("{}/belastingdienst/v1/toetsingen", tb.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn belastingdienst_answers_yes_no_from_the_ground_truth() {
    let tb = start(2000).await;
    let pop = tb.population();
    let p = pop
        .ingezetenen
        .iter()
        .find(|p| {
            verzamelinkomen(p, 2025) > 0
                && pop
                    .huishouden_van(p)
                    .unwrap()
                    .toeslagen
                    .contains(&ToeslagSoort::Zorgtoeslag)
        })
        .unwrap();
    let inkomen = verzamelinkomen(p, 2025);
    let bsn = format!("{:09}", p.bsn);
    let (status, body) = toets(&tb, json!({"bsn": bsn, "doelbinding": "PARTICIPATIEWET", "vragen": [
        {"id": "q1", "soort": "VERZAMELINKOMEN_ONDER", "jaar": 2025, "grens_cents": inkomen + 1},
        {"id": "q2", "soort": "VERZAMELINKOMEN_ONDER", "jaar": 2025, "grens_cents": inkomen},
        {"id": "q3", "soort": "ONTVANGT_TOESLAG", "toeslag": "ZORGTOESLAG", "jaar": 2026},
        {"id": "q4", "soort": "VERMOGEN_BOX3_ONDER", "jaar": 2025, "grens_cents": p.vermogen_box3_cents + 1},
        {"id": "q5", "soort": "VERZAMELINKOMEN_ONDER", "jaar": 2030, "grens_cents": 1},
    ]})).await;
    assert_eq!(status, 200, "{body}");
    let a: Vec<&str> = body["antwoorden"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["antwoord"].as_str().unwrap())
        .collect();
    assert_eq!(a, ["JA", "NEE", "JA", "JA", "ONBEKEND"]);
    assert_eq!(body["peildatum"].as_str().unwrap().len(), 10);
    // Only yes/no: no amounts leak.
    assert!(!body.to_string().contains(&inkomen.to_string()));

    let (status, body) = toets(
        &tb,
        json!({"bsn": "699999911", "doelbinding": "PARTICIPATIEWET", "vragen": [
        {"id": "q1", "soort": "ONTVANGT_TOESLAG", "toeslag": "HUURTOESLAG", "jaar": 2026}]}),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));

    let (status, body) = toets(&tb, json!({"bsn": "123456789", "doelbinding": "NIEUWSGIER", "vragen": [
        {"id": "q1", "soort": "ONTVANGT_TOESLAG", "toeslag": "FIETS", "jaar": 2026}, {"id": "q1", "soort": "X", "jaar": 1}]})).await;
    assert_eq!(status, 400);
    let names: Vec<&str> = body["invalidParams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for n in [
        "bsn",
        "doelbinding",
        "vragen[0].toeslag",
        "vragen[1].id",
        "vragen[1].soort",
        "vragen[1].jaar",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    assert!(body["code"].is_string());

    // A BRP test person is known but has no tax data.
    let (status, body) = toets(
        &tb,
        json!({"bsn": "999990019", "doelbinding": "PARTICIPATIEWET", "vragen": [
        {"id": "q1", "soort": "VERMOGEN_BOX3_ONDER", "jaar": 2025, "grens_cents": 100}]}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["antwoorden"][0]["antwoord"], "ONBEKEND");
    tb.shutdown().await;
}

fn geldig_bericht() -> Value {
    json!({"identificatie": "ZAAK-2026-0001", "loBehandeld": {
        "aanvraagdatum": "2026-01-15",
        "aanvraagid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "codeOntvangendeGemeente": "0392",
        "huishouding": {"aanvrager": {
            "burgerservicenummer": "999990019",
            "codeBrpGegevensGeheim": "0",
            "geboortedatum": "2000-04-01",
            "geslachtsaanduiding": "1",
            "geslachtsnaamstam": "Bultenaar",
            "naamgebruik": "1",
            "nationaliteit": ["1"],
            "voorlettersAanschrijving": "E.",
        }},
        "ingangBijstandsuitkering": {"datumMeldingBijGemeente": "2026-01-10"},
        "redenAanvraagLevensonderhoud": {},
    }})
}

#[tokio::test]
async fn socrates_validates_and_keeps_messages() {
    let tb = start(100).await;
    let c = client();
    let url = format!("{}/socrates/api/v1/LOBehandeld", tb.base_url());
    let r = c.post(&url).json(&geldig_bericht()).send().await.unwrap();
    let status = r.status().as_u16();
    let body: Value = r.json().await.unwrap();
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["berichtId"], "ZAAK-2026-0001");
    let antwoord = gbi_testbed::socrates_schema::validator_voor("ResponseLOBehandeld").unwrap();
    assert!(antwoord.is_valid(&body), "{body}");

    for kapot in [
        json!({"loBehandeld": {}}),
        json!({"identificatie": 12, "loBehandeld": {}}),
        json!({"identificatie": "x", "loBehandeld": {}, "onbekend": 1}),
    ] {
        let r = c.post(&url).json(&kapot).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 422);
        let body: Value = r.json().await.unwrap();
        assert!(!body["fouten"].as_array().unwrap().is_empty(), "{body}");
    }

    // A message that is valid but for one field: refused, naming the field.
    for (pad, waarde) in [
        ("/loBehandeld/aanvraagdatum", json!("2026-13-45")),
        (
            "/loBehandeld/huishouding/aanvrager/geslachtsnaamstam",
            json!("Jan\"sen"),
        ),
        (
            "/loBehandeld/huishouding/aanvrager/nationaliteit",
            json!(["1", "52", "57"]),
        ),
        ("/uuid", json!("ZAAK-2026-0001")),
    ] {
        let mut m = geldig_bericht();
        let (ouder, veld) = pad.rsplit_once('/').unwrap();
        m.pointer_mut(ouder).unwrap()[veld] = waarde;
        let r = c.post(&url).json(&m).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 422, "{pad}");
        assert_eq!(
            r.headers()["content-type"].to_str().unwrap(),
            "application/problem+json"
        );
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["invalidParams"][0]["name"], pad, "{body}");
        assert!(
            body["fouten"][0].as_str().unwrap().starts_with(pad),
            "{body}"
        );
        assert!(antwoord.is_valid(&json!({
            "berichtId": body["berichtId"], "responseId": body["responseId"],
            "fouten": body["fouten"],
        })));
    }
    // The braces the uuid pattern allows, without backslashes.
    let mut m = geldig_bericht();
    m["uuid"] = json!("{3f2504e0-4f89-11d3-9a0c-0305e82c3301}");
    let r = c.post(&url).json(&m).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 202);
    let ontvangen: Value = c
        .get(format!("{}/admin/socrates/ontvangen", tb.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ontvangen.as_array().unwrap().len(), 2);
    assert_eq!(ontvangen[0]["bericht"]["identificatie"], "ZAAK-2026-0001");
    tb.shutdown().await;
}

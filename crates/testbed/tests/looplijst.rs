#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Looplijst sources over real HTTP: the BRP extract, the yes/no questions
//! against the ground truth, validation, the record of received BSNs and faults.

mod common;

use chrono::Months;
use gbi_testbed::looplijst::vragen::netto_inkomen;
use gbi_testbed::population::{Population, referentiedatum};
use serde_json::{Value, json};

const N: usize = 2000;

fn bsn(pop: &Population, i: u32) -> String {
    pop.bsn_of(i).unwrap()
}

async fn vraag(base: &str, bron: &str, body: &Value) -> (u16, Value) {
    let r = common::client()
        .post(format!("{base}/looplijst/v1/{bron}/vragen"))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

fn verzoek(vraag: &str, extra: Value, onderwerpen: &[Vec<String>]) -> Value {
    let mut v = json!({
        "doelbinding": "PROACTIEVE_DIENSTVERLENING",
        "vraag": vraag,
        "peildatum": "2026-11-01",
        "onderwerpen": onderwerpen.iter().map(|b| json!({"bsns": b})).collect::<Vec<_>>(),
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

/// Every household as the gemeente would see it: all adults' BSNs.
fn huishoudens(pop: &Population) -> Vec<Vec<String>> {
    pop.huishoudens
        .iter()
        .map(|h| {
            h.leden
                .iter()
                .filter(|i| pop.resident(**i).unwrap().rol != gbi_testbed::population::Rol::Kind)
                .map(|i| bsn(pop, *i))
                .collect()
        })
        .collect()
}

fn antwoorden(v: &Value) -> Vec<String> {
    v["antwoorden"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn extract_has_every_resident_with_the_right_fields() {
    let tb = common::start(N).await;
    let pop = tb.population();
    let r = common::client()
        .get(format!(
            "{}/looplijst/v1/brp/ingezetenen?gemeente=0392",
            tb.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/x-ndjson");
    let text = r.text().await.unwrap();
    let regels: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(regels.len(), pop.len());
    let mut met_partner = 0;
    for (p, r) in pop.ingezetenen.iter().zip(&regels) {
        let h = pop.huishouden_van(p).unwrap();
        assert_eq!(r["bsn"], format!("{:09}", p.bsn));
        assert_eq!(r["geboortedatum"], p.geboortedatum.to_string());
        assert!(r["naam"].as_str().unwrap().ends_with(&p.geslachtsnaam));
        assert!(
            r["naam"]
                .as_str()
                .unwrap()
                .starts_with(&gbi_testbed::population::voorletters(&p.voornamen))
        );
        assert_eq!(r["straat"], h.adres.straat.as_str());
        assert_eq!(r["huisnummer"], h.adres.huisnummer);
        assert_eq!(
            r["huisletter"],
            h.adres
                .huisletter
                .map(|c| json!(c.to_string()))
                .unwrap_or(Value::Null)
        );
        assert_eq!(r["postcode"], h.adres.postcode.as_str());
        assert_eq!(r["woonplaats"], h.adres.woonplaats.as_str());
        if let (true, Some(partner)) = (h.gehuwd, p.partner) {
            met_partner += 1;
            assert_eq!(r["partner"], bsn(&pop, partner));
        } else {
            assert!(r["partner"].is_null(), "{r}");
        }
        let ouders: Vec<String> = p.ouders.iter().map(|i| bsn(&pop, *i)).collect();
        assert_eq!(r["ouders"], json!(ouders));
    }
    assert!(met_partner > 0);

    let r = common::client()
        .get(format!(
            "{}/looplijst/v1/brp/ingezetenen?gemeente=0363",
            tb.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    tb.shutdown().await;
}

#[tokio::test]
async fn answers_follow_the_ground_truth() {
    let tb = common::start(N).await;
    let pop = tb.population();
    let base = tb.base_url();
    let hh = huishoudens(&pop);
    let grens = 168_180u64;

    // INKOMEN_TEN_HOOGSTE over 3 months: only the income counts.
    let (s, v) = vraag(
        &base,
        "uwv",
        &verzoek(
            "INKOMEN_TEN_HOOGSTE",
            json!({"grens_cents": grens, "maanden": 3}),
            &hh,
        ),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let a = antwoorden(&v);
    assert_eq!(a.len(), hh.len());
    let mut ja = 0;
    for (h, a) in pop.huishoudens.iter().zip(&a) {
        let inkomen: u64 = h
            .leden
            .iter()
            .map(|i| pop.resident(*i).unwrap())
            .filter(|p| p.rol != gbi_testbed::population::Rol::Kind)
            .map(netto_inkomen)
            .sum();
        // The polis administration sees the same income as the generator.
        assert_eq!(
            inkomen, h.waarheid.netto_inkomen_cents,
            "huishouden {}",
            h.index
        );
        let verwacht = if inkomen <= grens { "JA" } else { "NEE" };
        ja += usize::from(verwacht == "JA");
        assert_eq!(a, verwacht, "huishouden {}", h.index);
    }
    assert!(ja > 0 && ja < hh.len());

    // INKOMEN_ONDER over 36 months also needs a low income for 36 months.
    let (_, v) = vraag(
        &base,
        "uwv",
        &verzoek(
            "INKOMEN_ONDER",
            json!({"grens_cents": grens, "maanden": 36}),
            &hh,
        ),
    )
    .await;
    let uiterlijk = referentiedatum() - Months::new(36);
    for (h, a) in pop.huishoudens.iter().zip(antwoorden(&v)) {
        let inkomen: u64 = h
            .leden
            .iter()
            .map(|i| pop.resident(*i).unwrap())
            .filter(|p| p.rol != gbi_testbed::population::Rol::Kind)
            .map(netto_inkomen)
            .sum();
        let lang = h
            .waarheid
            .laag_inkomen_sinds
            .is_some_and(|d| d <= uiterlijk);
        assert_eq!(a == "JA", inkomen < grens && lang, "huishouden {}", h.index);
    }

    // Regelingen and vermogen.
    for (regeling, veld) in [("BIJSTAND", 0), ("IIT", 1), ("BIJZONDERE_BIJSTAND", 2)] {
        let (s, v) = vraag(
            &base,
            "bijstandsregelingen",
            &verzoek(
                "ONTVANGT_REGELING",
                json!({"regeling": regeling, "maanden": 12}),
                &hh,
            ),
        )
        .await;
        assert_eq!(s, 200, "{v}");
        for (h, a) in pop.huishoudens.iter().zip(antwoorden(&v)) {
            let w = &h.waarheid;
            let verwacht = [
                w.ontvangt_bijstand,
                w.ontvangt_iit,
                w.ontvangt_bijzondere_bijstand,
            ][veld];
            assert_eq!(a == "JA", verwacht, "{regeling} huishouden {}", h.index);
        }
    }
    let (s, v) = vraag(
        &base,
        "belastingdienst",
        &verzoek("VERMOGEN_ONDER", json!({"grens_cents": 799_500}), &hh),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    for (h, a) in pop.huishoudens.iter().zip(antwoorden(&v)) {
        assert_eq!(a == "JA", h.waarheid.vermogen_cents < 799_500);
    }

    // Unknown (but valid) BSN: ONBEKEND for that onderwerp only.
    let onbekend = "999999990".to_string();
    assert!(gbi_domain::Bsn::parse(&onbekend).is_ok());
    let (_, v) = vraag(
        &base,
        "belastingdienst",
        &verzoek(
            "VERMOGEN_ONDER",
            json!({"grens_cents": 1}),
            &[vec![onbekend], hh[0].clone()],
        ),
    )
    .await;
    assert_eq!(antwoorden(&v)[0], "ONBEKEND");
    assert_ne!(antwoorden(&v)[1], "ONBEKEND");
    tb.shutdown().await;
}

#[tokio::test]
async fn invalid_requests_get_all_problems_at_once() {
    let tb = common::start(200).await;
    let base = tb.base_url();
    let (s, v) = vraag(
        &base,
        "uwv",
        &json!({
            "doelbinding": "NIEUWSGIERIGHEID",
            "vraag": "INKOMEN_ONDER",
            "peildatum": "gisteren",
            "grens_cents": -5,
            "maanden": 121,
            "onderwerpen": [{"bsns": ["123456789"]}, {"bsns": []}, {"bsns": ["1","2","3","4","5","6","7"]}],
        }),
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(v["code"], "paramsValidation");
    let namen: Vec<&str> = v["invalidParams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for n in [
        "doelbinding",
        "peildatum",
        "grens_cents",
        "maanden",
        "onderwerpen[0].bsns[0]",
        "onderwerpen[1].bsns",
        "onderwerpen[2].bsns",
    ] {
        assert!(namen.contains(&n), "{n} missing in {namen:?}");
    }

    // A question the source does not answer.
    let (s, v) = vraag(
        &base,
        "belastingdienst",
        &verzoek(
            "INKOMEN_ONDER",
            json!({"grens_cents": 1, "maanden": 1}),
            &[vec!["999999990".into()]],
        ),
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(v["code"], "vraagNietOndersteund");

    // Missing fields, too many onderwerpen, unknown source.
    let (s, v) = vraag(&base, "uwv", &json!({"vraag": "INKOMEN_ONDER"})).await;
    assert_eq!(s, 400);
    assert_eq!(v["code"], "paramsRequired");
    let veel: Vec<Vec<String>> = (0..1001).map(|_| vec!["999999990".to_string()]).collect();
    let (s, _) = vraag(
        &base,
        "belastingdienst",
        &verzoek("VERMOGEN_ONDER", json!({"grens_cents": 1}), &veel),
    )
    .await;
    assert_eq!(s, 400);
    let (s, v) = vraag(&base, "duo", &json!({})).await;
    assert_eq!(s, 404, "{v}");
    tb.shutdown().await;
}

#[tokio::test]
async fn received_bsns_are_recorded_and_faults_give_503() {
    let tb = common::start(200).await;
    let pop = tb.population();
    let base = tb.base_url();
    let a = bsn(&pop, 0);
    let b = bsn(&pop, 1);
    let body = verzoek(
        "ONTVANGT_REGELING",
        json!({"regeling": "IIT", "maanden": 1}),
        &[vec![a.clone(), b.clone()], vec![a.clone()]],
    );
    let (s, _) = vraag(&base, "bijstandsregelingen", &body).await;
    assert_eq!(s, 200);
    let (s, _) = vraag(
        &base,
        "belastingdienst",
        &verzoek(
            "VERMOGEN_ONDER",
            json!({"grens_cents": 1}),
            &[vec![a.clone()]],
        ),
    )
    .await;
    assert_eq!(s, 200);

    let c = common::client();
    let o: Value = c
        .get(format!("{base}/admin/looplijst/ontvangen"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(o["verzoeken"], 2);
    assert_eq!(o["onderwerpen"], 3);
    assert_eq!(o["bsns"], 4);
    assert_eq!(o["per_bron"]["bijstandsregelingen"]["bsns"], 3);
    assert_eq!(o["per_bron"]["belastingdienst"]["onderwerpen"], 1);
    let k: Value = c
        .get(format!("{base}/admin/looplijst/ontvangen/{a}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(k, json!({"bsn": a, "keer": 3}));
    assert_eq!(tb.looplijst_ontvangen().keer(&b), 1);
    assert_eq!(tb.looplijst_ontvangen().keer(&bsn(&pop, 2)), 0);

    // A source that is down still received the BSNs.
    tb.faults()
        .set(
            "uwv",
            gbi_testbed::Fault {
                down: true,
                ..Default::default()
            },
        )
        .unwrap();
    let (s, v) = vraag(
        &base,
        "uwv",
        &verzoek(
            "INKOMEN_ONDER",
            json!({"grens_cents": 1, "maanden": 1}),
            &[vec![b.clone()]],
        ),
    )
    .await;
    assert_eq!(s, 503, "{v}");
    assert_eq!(tb.looplijst_ontvangen().keer(&b), 2);
    tb.faults()
        .set(
            "brp",
            gbi_testbed::Fault {
                down: true,
                ..Default::default()
            },
        )
        .unwrap();
    let r = c
        .get(format!("{base}/looplijst/v1/brp/ingezetenen?gemeente=0392"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);

    let r = c
        .delete(format!("{base}/admin/looplijst/ontvangen"))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    assert_eq!(tb.looplijst_ontvangen().overzicht().bsns, 0);
    assert_eq!(tb.looplijst_ontvangen().keer(&a), 0);
    tb.shutdown().await;
}

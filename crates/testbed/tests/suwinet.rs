#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use gbi_testbed::population::{Population, UitkeringSoort};

fn bsn(n: u32) -> String {
    format!("{n:09}")
}

/// A generated resident matching `pred`.
fn pick(pop: &Population, pred: impl Fn(&gbi_testbed::population::Ingezetene) -> bool) -> String {
    bsn(pop
        .ingezetenen
        .iter()
        .find(|p| pred(p))
        .expect("a matching resident")
        .bsn)
}

async fn check(
    tb: &gbi_testbed::RunningTestbed,
    service: &str,
    op: &str,
    key: (&str, &str),
    expect_found: bool,
) {
    let (status, body) = suwinet(tb, service, op, &[key]).await;
    assert_eq!(status, 200, "{service} {key:?}: {body}");
    let child = soap_body_child(&body);
    assert!(child.contains(&format!("{op}Response")), "{child}");
    assert_eq!(
        !child.contains("NietsGevonden"),
        expect_found,
        "{service} {key:?}: {child}"
    );
    if let Err(e) = xmllint(&child, &body_reaction_xsd(service)) {
        panic!("{service} {op} {key:?} voldoet niet aan de XSD:\n{e}\n{child}");
    }
}

#[tokio::test]
async fn every_service_canned_generated_and_unknown_validate() {
    let tb = start(2000).await;
    let pop = tb.population();
    let met_loon = pick(&pop, |p| {
        p.dienstverbanden.iter().any(|d| d.einde.is_none())
    });
    let student = pick(&pop, |p| p.studiefinanciering.is_some());
    let met_auto = pick(&pop, |p| !p.autos.is_empty());
    let kenteken = pop.get(&met_auto).unwrap().autos[0].kenteken.clone();
    let eigenaar = pick(&pop, |p| {
        pop.huishouden_van(p)
            .unwrap()
            .woning
            .as_ref()
            .is_some_and(|w| w.eigenaren.contains(&p.index))
    });
    let aow = pick(&pop, |p| {
        p.uitkeringen.iter().any(|u| u.soort == UitkeringSoort::Aow)
    });
    let kinderbijslag = pick(&pop, |p| {
        p.uitkeringen
            .iter()
            .any(|u| u.soort == UitkeringSoort::Kinderbijslag)
    });
    let bijstand = pick(&pop, |p| {
        p.uitkeringen
            .iter()
            .any(|u| u.soort == UitkeringSoort::Bijstand)
    });
    let bijzonder = pick(&pop, |p| {
        p.rol == gbi_testbed::population::Rol::Hoofd
            && pop
                .huishouden_van(p)
                .unwrap()
                .waarheid
                .ontvangt_bijzondere_bijstand
    });

    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "UWVDossierInkomstenGSD",
            "UWVPersoonsIkvInfo",
            "999996769",
            &met_loon,
        ),
        (
            "DUODossierStudiefinancieringGSD",
            "DUOStudiefinancieringInfo",
            "111111110",
            &student,
        ),
        (
            "RDWDossierGSD",
            "VoertuigbezitInfoPersoon",
            "123456782",
            &met_auto,
        ),
        ("KadasterDossierGSD", "PersoonsInfo", "111111110", &eigenaar),
        ("SVBDossierPersoonGSD", "SVBPersoonsInfo", "", &aow),
        (
            "SVBDossierPersoonGSD",
            "SVBPersoonsInfo",
            "",
            &kinderbijslag,
        ),
        (
            "Bijstandsregelingen",
            "BijstandsregelingenInfo",
            "",
            &bijstand,
        ),
        (
            "Bijstandsregelingen",
            "BijstandsregelingenInfo",
            "",
            &bijzonder,
        ),
    ];
    for (service, op, canned, generated) in cases {
        if !canned.is_empty() {
            check(&tb, service, op, ("Burgerservicenr", canned), true).await;
        }
        check(&tb, service, op, ("Burgerservicenr", generated), true).await;
        check(&tb, service, op, ("Burgerservicenr", "123456771"), false).await;
    }
    check(
        &tb,
        "RDWDossierGSD",
        "KentekenInfo",
        ("KentekenVoertuig", &kenteken),
        true,
    )
    .await;
    check(
        &tb,
        "RDWDossierGSD",
        "KentekenInfo",
        ("KentekenVoertuig", "16ZDLX"),
        true,
    )
    .await;
    check(
        &tb,
        "DUODossierPersoonGSD",
        "DUOPersoonsInfo",
        ("Burgerservicenr", "999997051"),
        true,
    )
    .await;
    tb.shutdown().await;
}

#[tokio::test]
async fn canned_responses_are_served_verbatim() {
    let tb = start(100).await;
    let (_, body) = suwinet(
        &tb,
        "UWVDossierInkomstenGSD",
        "UWVPersoonsIkvInfo",
        &[("Burgerservicenr", "999996769")],
    )
    .await;
    let file = std::fs::read_to_string(
        data_dir()
            .join("suwinet/Responses/UWVDossierInkomstenGSD_UWVPersoonsIkvInfo_999996769.xml"),
    )
    .unwrap();
    assert_eq!(soap_body_child(&body), file.trim());
    tb.shutdown().await;
}

#[tokio::test]
async fn bad_requests_get_a_soap_fault() {
    let tb = start(100).await;
    let (status, body) = suwinet(
        &tb,
        "UWVDossierInkomstenGSD",
        "Onzin",
        &[("Burgerservicenr", "999996769")],
    )
    .await;
    assert_eq!(status, 500);
    assert!(
        body.contains("<faultcode>soap:Client</faultcode>") && body.contains("fwi:Fout"),
        "{body}"
    );
    let resp = client()
        .post(format!("{}/suwinet/Bestaatniet", tb.base_url()))
        .body("<x/>")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);
    tb.shutdown().await;
}

/// The canned example responses are copied verbatim from the Suwinet
/// simulator and some of them do not follow the XSDs. This test pins which
/// ones, so the list in data/README.md stays true.
#[test]
fn known_invalid_canned_responses() {
    let mut invalid = Vec::new();
    for name in gbi_testbed::suwinet::canned_names() {
        let service = name.split('_').next().unwrap();
        let text = gbi_testbed::suwinet::canned(name.trim_end_matches(".xml")).unwrap();
        let child = if text.contains(":Envelope") {
            soap_body_child(text)
        } else {
            text.to_string()
        };
        if xmllint(&child, &body_reaction_xsd(service)).is_err() {
            invalid.push(name.trim_end_matches(".xml").to_string());
        }
    }
    let expected: Vec<String> =
        std::fs::read_to_string(data_dir().join("suwinet/known-invalid.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
    assert_eq!(
        invalid, expected,
        "canned responses that fail the XSD changed"
    );
}

#[tokio::test]
async fn unsigned_or_tampered_calls_are_refused_with_a_ws_security_fault() {
    let tb = start(100).await;
    let service = "SVBDossierPersoonGSD";
    let ns = gbi_testbed::suwinet::namespace(service).unwrap();
    let url = format!("{}/suwinet/{service}", tb.base_url());
    let post = |body: String| {
        let url = url.clone();
        async move {
            let r = client().post(url).body(body).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let fields = [("Burgerservicenr", "999993549")];
    let (status, body) = post(soap_request(ns, "SVBPersoonsInfo", &fields)).await;
    assert_eq!(status, 500);
    assert!(
        body.contains(">wsse:InvalidSecurity</faultcode>") && body.contains("niet ondertekend"),
        "{body}"
    );
    let good = signed_request(ns, "SVBPersoonsInfo", &fields, &tb.base_url(), service);
    assert_eq!(post(good.clone()).await.0, 200);
    let (status, body) = post(good.replace("999993549", "999998493")).await;
    assert_eq!(status, 500);
    assert!(
        body.contains(">wsse:FailedCheck</faultcode>") && body.contains("gewijzigd"),
        "{body}"
    );
    tb.shutdown().await;
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every request the Suwinet client builds validates against the service's
//! BodyAction.xsd, and has the shape of the service's example request.

mod common;

use chrono::NaiveDate;
use gbi_domain::Bsn;
use gbi_registers::suwinet::envelope::{self, Node, Operatie};
use gbi_registers::suwinet::xml::{self, Element};
use gbi_registers::suwinet::{Periode, bijstand, duo, kadaster, rdw, svb, uwv};

fn bsn(s: &str) -> Bsn {
    Bsn::parse(s).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Every request the client can send, with a representative input.
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
            uwv::verzoek(&bsn("999996769"), None),
        ),
        ("duo", duo::OPERATIE, duo::verzoek(&bsn("111111110"))),
        (
            "rdw-bezit",
            rdw::OPERATIE_VOERTUIGBEZIT,
            rdw::verzoek_voertuigbezit(&bsn("123456782"), d(2023, 9, 8), None),
        ),
        (
            "rdw-bezit-periode",
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

#[test]
fn every_request_body_validates_against_body_action_xsd() {
    for (name, op, nodes) in all_requests() {
        let env = envelope::envelope(
            &op,
            &envelope::body_xml(&op, &nodes),
            &uuid::Uuid::nil(),
            "http://x/",
        );
        let body = common::body_child(&env);
        let xsd = common::body_action_xsd(op.xsd_dir);
        assert!(xsd.exists(), "{name}: missing {}", xsd.display());
        if let Err(e) = common::xmllint(&xsd, &body) {
            panic!("{name}: request does not validate:\n{body}\n{e}");
        }
    }
}

#[test]
fn envelope_is_well_formed_soap_11_with_ws_addressing() {
    let op = svb::OPERATIE;
    let env = envelope::envelope(
        &op,
        &envelope::body_xml(&op, &svb::verzoek(&bsn("111111110"))),
        &uuid::Uuid::nil(),
        "http://x/svb",
    );
    let root = xml::parse(env.as_bytes()).unwrap();
    assert_eq!(root.name, "Envelope");
    assert!(env.contains(&format!("xmlns:soapenv=\"{}\"", envelope::SOAP_ENV)));
    assert_eq!(root.text_at(&["Header", "Action"]).unwrap(), op.action);
    assert_eq!(root.text_at(&["Header", "To"]).unwrap(), "http://x/svb");
    assert_eq!(
        root.text_at(&["Body", "SVBPersoonsInfo", "Burgerservicenr"])
            .unwrap(),
        "111111110"
    );
}

#[test]
fn negative_invalid_requests_are_caught_by_the_xsd_check() {
    let op = uwv::OPERATIE;
    let xsd = common::body_action_xsd(op.xsd_dir);
    // An eight-digit BSN.
    let bad = envelope::body_xml(&op, &[Node::Leaf("Burgerservicenr", "12345678".into())]);
    assert!(common::xmllint(&xsd, &bad).is_err());
    // Elements in the wrong order.
    let bad = envelope::body_xml(
        &op,
        &[
            Node::Group("PeriodeGegevensvraagIko", vec![]),
            Node::Leaf("Burgerservicenr", "999996769".into()),
        ],
    );
    assert!(common::xmllint(&xsd, &bad).is_err());
    // A date that is not YYYYMMDD.
    let bad = envelope::body_xml(
        &rdw::OPERATIE_VOERTUIGBEZIT,
        &[
            Node::Leaf("Burgerservicenr", "123456782".into()),
            Node::Leaf("DatBPeilperiodeAansprakelijkheid", "2023-09-08".into()),
        ],
    );
    assert!(
        common::xmllint(
            &common::body_action_xsd(rdw::OPERATIE_VOERTUIGBEZIT.xsd_dir),
            &bad
        )
        .is_err()
    );
}

/// Local names and texts of an element tree, for comparing shapes.
fn shape(el: &Element) -> String {
    let mut s = format!("<{}>", el.name);
    if el.children.is_empty() {
        s.push_str(el.text.trim());
    }
    for c in &el.children {
        s.push_str(&shape(c));
    }
    s
}

fn example_body(name: &str) -> Element {
    let raw = std::fs::read(
        common::fixtures()
            .join("suwinet/ExampleRequests")
            .join(name),
    )
    .unwrap();
    let root = xml::parse(&raw).unwrap();
    root.child("Body").unwrap().children[0].clone()
}

#[test]
fn requests_have_the_shape_of_the_example_requests() {
    let cases: Vec<(&str, Operatie, Vec<Node>)> = vec![
        (
            "UWVDossierInkomstenGSD_UWVPersoonsIkvInfo_999996769.xml",
            uwv::OPERATIE,
            uwv::verzoek(
                &bsn("999996769"),
                Some(&Periode {
                    van: d(2020, 7, 20),
                    tot: d(2023, 9, 20),
                }),
            ),
        ),
        (
            "RDWDossierGSD_VoertuigbezitInfoPersoon_123456782.xml",
            rdw::OPERATIE_VOERTUIGBEZIT,
            rdw::verzoek_voertuigbezit(&bsn("123456782"), d(2023, 9, 8), None),
        ),
        (
            "KadasterDossierGSD_PersoonsInfo_111111110.xml",
            kadaster::OPERATIE,
            kadaster::verzoek(&bsn("111111110")),
        ),
        (
            "Bijstandsregelingen_BijstandsregelingenInfo_111111110.xml",
            bijstand::OPERATIE,
            bijstand::verzoek(&bsn("111111110")),
        ),
    ];
    for (file, op, nodes) in cases {
        let ours = xml::parse(envelope::body_xml(&op, &nodes).as_bytes()).unwrap();
        assert_eq!(shape(&ours), shape(&example_body(file)), "{file}");
    }
}

#[test]
fn example_request_bodies_validate_too() {
    // Sanity check of the copied XSD trees: the reference examples validate.
    for (file, op) in [
        (
            "KadasterDossierGSD_PersoonsInfo_111111110.xml",
            kadaster::OPERATIE,
        ),
        (
            "RDWDossierGSD_KentekenInfo_16ZDLX.xml",
            rdw::OPERATIE_KENTEKEN,
        ),
    ] {
        let el = example_body(file);
        let mut nodes = Vec::new();
        for c in &el.children {
            let name: &'static str = Box::leak(c.name.clone().into_boxed_str());
            nodes.push(Node::Leaf(name, c.text.trim().to_owned()));
        }
        let body = envelope::body_xml(&op, &nodes);
        common::xmllint(&common::body_action_xsd(op.xsd_dir), &body).unwrap();
    }
}

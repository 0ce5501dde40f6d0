#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every canned Suwinet response for the operations GBI uses parses into typed data.

mod common;

use gbi_registers::suwinet::envelope::Operatie;
use gbi_registers::suwinet::{self, bijstand, duo, kadaster, rdw, svb, uwv};
use gbi_registers::{RegisterError, UnavailableReason};

fn read(name: &str) -> Vec<u8> {
    std::fs::read(common::fixtures().join("suwinet/Responses").join(name))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn responses(prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(common::fixtures().join("suwinet/Responses"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures for {prefix}");
    names
}

/// Parse every fixture with `prefix`; the ones listed in `failing` must give that error.
fn parse_all<T: std::fmt::Debug>(
    prefix: &str,
    op: &Operatie,
    lees: fn(&[suwinet::xml::Element]) -> Result<T, RegisterError>,
) -> usize {
    let mut ok = 0;
    for name in responses(prefix) {
        match suwinet::antwoord(op, &read(&name), lees) {
            Ok(_) => ok += 1,
            Err(RegisterError::Unavailable {
                reason: UnavailableReason::Fault(_),
                ..
            }) if name == "Bijstandsregelingen_BijstandsregelingenInfo_999999990.xml" => {}
            Err(e) => panic!("{name}: {e}"),
        }
    }
    ok
}

#[test]
fn all_uwv_responses_parse() {
    assert!(parse_all("UWVDossierInkomstenGSD", &uwv::OPERATIE, uwv::lees) >= 20);
}

#[test]
fn all_duo_responses_parse() {
    assert_eq!(
        parse_all("DUODossierStudiefinancieringGSD", &duo::OPERATIE, duo::lees),
        9
    );
}

#[test]
fn all_rdw_responses_parse() {
    assert_eq!(
        parse_all(
            "RDWDossierGSD_VoertuigbezitInfoPersoon",
            &rdw::OPERATIE_VOERTUIGBEZIT,
            rdw::lees_voertuigbezit
        ),
        13
    );
    assert_eq!(
        parse_all(
            "RDWDossierGSD_KentekenInfo",
            &rdw::OPERATIE_KENTEKEN,
            rdw::lees_kenteken
        ),
        16
    );
}

#[test]
fn all_kadaster_responses_parse() {
    assert_eq!(
        parse_all(
            "KadasterDossierGSD_PersoonsInfo",
            &kadaster::OPERATIE,
            kadaster::lees
        ),
        11
    );
}

#[test]
fn all_svb_responses_parse() {
    assert_eq!(
        parse_all("SVBDossierPersoonGSD", &svb::OPERATIE, svb::lees),
        7
    );
}

#[test]
fn all_bijstand_responses_parse() {
    // 999999990 is an FWI technical error: Unavailable.
    assert_eq!(
        parse_all("Bijstandsregelingen", &bijstand::OPERATIE, bijstand::lees),
        8
    );
}

#[test]
fn uwv_values() {
    let ikvs = suwinet::antwoord(
        &uwv::OPERATIE,
        &read("UWVDossierInkomstenGSD_UWVPersoonsIkvInfo_999996769.xml"),
        uwv::lees,
    )
    .unwrap();
    let first = &ikvs[0];
    assert_eq!(
        first.werkgever.as_deref(),
        Some("TEST ACCOUNT BVV EXTRA TC 02")
    );
    assert_eq!(first.loonheffingennummer.as_deref(), Some("800007207L01"));
    assert_eq!(first.inkomstenperioden[0].soort.as_deref(), Some("40"));
    // 99991230 means "open ended".
    assert_eq!(first.inkomstenperioden[0].tot, None);
    let p = &first.perioden[0];
    assert_eq!(p.van, chrono::NaiveDate::from_ymd_opt(2020, 7, 1));
    assert_eq!(p.loon_cents, Some(300_000));
    assert_eq!(p.brutoloon_sv_cents, Some(300_000));
    assert_eq!(p.opgebouwd_recht_vakantietoeslag_cents, Some(8_000));

    let other = suwinet::antwoord(
        &uwv::OPERATIE,
        &read("UWVDossierInkomstenGSD_UWVPersoonsIkvInfo_999990238.xml"),
        uwv::lees,
    )
    .unwrap();
    assert_eq!(other[0].werkgever.as_deref(), Some("UTRECHT SERVICES B.V."));
    assert_eq!(other[0].perioden.len(), 2);
    assert_eq!(other[0].perioden[1].verloonde_uren, Some(160));
}

#[test]
fn rdw_values() {
    let bezit = suwinet::antwoord(
        &rdw::OPERATIE_VOERTUIGBEZIT,
        &read("RDWDossierGSD_VoertuigbezitInfoPersoon_123456782.xml"),
        rdw::lees_voertuigbezit,
    )
    .unwrap();
    assert_eq!(bezit.len(), 1);
    assert_eq!(bezit[0].kenteken, "MH74DZ");
    assert_eq!(bezit[0].statussen[0].code.as_deref(), Some("87"));

    let v = suwinet::antwoord(
        &rdw::OPERATIE_KENTEKEN,
        &read("RDWDossierGSD_KentekenInfo_16ZDLX.xml"),
        rdw::lees_kenteken,
    )
    .unwrap();
    assert_eq!(v.kenteken, "16ZDLX");
    assert_eq!(v.merk.as_deref(), Some("MAZDA"));
    assert_eq!(
        v.datum_eerste_toelating,
        chrono::NaiveDate::from_ymd_opt(2008, 1, 4)
    );
    assert_eq!(v.bpm_cents, Some(685_100));
    assert_eq!(
        v.apk_geldig_tot,
        chrono::NaiveDate::from_ymd_opt(2024, 7, 14)
    );
}

#[test]
fn kadaster_values() {
    let k = suwinet::antwoord(
        &kadaster::OPERATIE,
        &read("KadasterDossierGSD_PersoonsInfo_111111110.xml"),
        kadaster::lees,
    )
    .unwrap();
    assert_eq!(k.onroerende_zaken.len(), 4);
    let oz = &k.onroerende_zaken[3];
    assert_eq!(oz.zakelijk_recht.as_deref(), Some("Eigendom (recht van)"));
    assert_eq!(
        oz.adres.as_ref().unwrap().postcode.as_deref(),
        Some("8012TB")
    );
    let aand = oz.kadastrale_aanduiding.as_ref().unwrap();
    assert_eq!(aand.perceelnummer.as_deref(), Some("43980"));

    let k = suwinet::antwoord(
        &kadaster::OPERATIE,
        &read("KadasterDossierGSD_PersoonsInfo_444444440.xml"),
        kadaster::lees,
    )
    .unwrap();
    assert!(
        k.onroerende_zaken
            .iter()
            .any(|o| o.koopsom_cents == Some(7_525_000))
    );
}

#[test]
fn svb_values() {
    let u = suwinet::antwoord(
        &svb::OPERATIE,
        &read("SVBDossierPersoonGSD_SVBPersoonsInfo_111111110.xml"),
        svb::lees,
    )
    .unwrap();
    assert_eq!(u[0].wet.as_deref(), Some("AIO"));
    assert_eq!(u[0].perioden[0].bruto_cents, Some(12_000));
    assert_eq!(u[0].perioden[0].netto_cents, Some(7_900));
    assert!(u.iter().any(|x| x.is_aow()));
}

#[test]
fn bijstand_values() {
    let b = suwinet::antwoord(
        &bijstand::OPERATIE,
        &read("Bijstandsregelingen_BijstandsregelingenInfo_111111110.xml"),
        bijstand::lees,
    )
    .unwrap();
    assert_eq!(b.aanvragen.len(), 2);
    assert_eq!(b.aanvragen[0].wet.as_deref(), Some("PW"));
    // "5000.00" as plain decimal text: 500000 cents, no floats.
    assert_eq!(b.vorderingen[0].aanvang_cents, Some(500_000));
    assert_eq!(b.vorderingen[0].saldo_cents, Some(350_000));
    assert!(b.vorderingen[0].fraude);
    assert_eq!(b.bijzondere_bijstand.len(), 2);
}

#[test]
fn duo_values() {
    let s = suwinet::antwoord(
        &duo::OPERATIE,
        &read("DUODossierStudiefinancieringGSD_DUOStudiefinancieringInfo_111111110.xml"),
        duo::lees,
    )
    .unwrap();
    assert_eq!(s.toekenningen.len(), 5);
    assert_eq!(s.toekenningen[0].aanvullende_beurs, Some(true));
    assert_eq!(s.toekenningen[1].aanvullende_beurs, Some(false));
}

#[test]
fn soap_server_fault_is_unavailable() {
    let e = suwinet::antwoord(
        &kadaster::OPERATIE,
        &read("KadasterDossierGSD_ObjectInfoKadastraleAanduiding_0881_2839.xml"),
        kadaster::lees,
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            RegisterError::Unavailable {
                reason: UnavailableReason::Fault(_),
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn soap_client_fault_is_rejected() {
    let xml = r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
        <soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Ongeldig verzoek</faultstring>
        <detail><fwi:Fout xmlns:fwi="http://bkwi.nl/SuwiML/FWI/v0205"><Code>SUWI0042</Code><Tekst>Geen autorisatie</Tekst><Bron><DN>x</DN></Bron></fwi:Fout></detail>
        </soapenv:Fault></soapenv:Body></soapenv:Envelope>"#;
    let e = suwinet::antwoord(&svb::OPERATIE, xml.as_bytes(), svb::lees).unwrap_err();
    match e {
        RegisterError::Rejected { code, message, .. } => {
            assert_eq!(code.as_deref(), Some("SUWI0042"));
            assert_eq!(message, "Geen autorisatie");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn niets_gevonden_is_not_found() {
    let xml = r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
        <smls:SVBPersoonsInfoResponse xmlns:smls="http://bkwi.nl/SuwiML/Diensten/SVBDossierPersoonGSD/v0200">
        <fwi:NietsGevonden xmlns:fwi="http://bkwi.nl/SuwiML/FWI/v0205"/></smls:SVBPersoonsInfoResponse>
        </soapenv:Body></soapenv:Envelope>"#;
    let e = suwinet::antwoord(&svb::OPERATIE, xml.as_bytes(), svb::lees).unwrap_err();
    assert!(matches!(e, RegisterError::NotFound { .. }));
}

#[test]
fn garbage_is_invalid_response() {
    let e = suwinet::antwoord(&svb::OPERATIE, b"<html><body>oops", svb::lees).unwrap_err();
    assert!(matches!(e, RegisterError::InvalidResponse { .. }));
    let e = suwinet::antwoord(&svb::OPERATIE, b"<Other/>", svb::lees).unwrap_err();
    assert!(matches!(e, RegisterError::InvalidResponse { .. }));
}

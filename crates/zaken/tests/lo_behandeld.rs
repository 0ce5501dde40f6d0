#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! LO Behandeld messages checked against the Socrates specification
//! (`ZaakLOBehandeld`, release 2026.030, with the intended `uuid` pattern)
//! by a JSON-Schema validator with formats on: one message for every BRP
//! test person of `test-data.json` (read through the real BRP client from
//! the testbed), and the message kinds the process makes (toekenning,
//! afwijzing, partner and children, vermogen, woonkosten, secrecy, a later
//! ingangsdatum). Each person yields a valid message or a reason why none
//! can be made (which becomes a task for functioneel beheer).

use chrono::NaiveDate;
use gbi_domain::{Bsn, Money, ZaakStatus};
use gbi_registers::{Registers, RegistersConfig};
use gbi_store::zaken::Zaak;
use gbi_zaken::lo_behandeld::bericht;
use gbi_zaken::registers::BrpHuishouden;
use gbi_zaken::voorstel::Voorstel;
use serde_json::{Value, json};

const TEST_DATA: &str = include_str!("../../testbed/data/brp/test-data.json");

fn zaak(bsn: &Bsn, aanvraag: Value) -> Zaak {
    Zaak {
        id: "3f2504e0-4f89-41d3-9a0c-0305e82c3301".into(),
        gemeente_code: "0392".into(),
        identificatie: "ZAAK-2026-000123".into(),
        zaaktype: "alo".into(),
        bsn: bsn.clone(),
        kanaal: "digitaal".into(),
        status: ZaakStatus::AfhandelenAdministratief,
        registratiedatum: "2026-06-20T10:00:00Z".into(),
        termijn: String::new(),
        zoektermijn_einde: None,
        voorschot_uiterlijk: None,
        aanvraag,
        concept_id: String::new(),
        resultaat: None,
        einddatum: None,
        versie: 1,
        created_at: String::new(),
        updated_at: String::new(),
        behandelaar_id: None,
        uiterste_datum: None,
    }
}

fn aanvraag(partner: bool) -> Value {
    json!({
        "reden": "baan_kwijt", "ingangsdatum": "2026-07-01", "heeft_werk": "nee",
        "partner_werk": if partner { "nee" } else { "geen_partner" }, "ander_inkomen": "nee",
        "spaargeld": "1250,00", "contant_geld": "40,00", "schulden": "300,00",
        "woonsituatie": "huur", "woonkosten": "725,00", "commerciele_huurder": "nee",
        "iban": "NL91 ABNA 0417 1643 00", "email": "inwoner@example.nl", "telefoon": "06-12345678",
        "verklaring": "ja"
    })
}

fn toekenning(ingangsdatum: NaiveDate, reden: Option<&str>) -> Voorstel {
    Voorstel::Toekenning {
        ingangsdatum,
        bedrag_per_maand: Money::from_cents(123_456),
        verplichtingen: vec![],
        reden_latere_ingang: reden.map(str::to_owned),
        reden_ander_bedrag: None,
    }
}

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn geldig(bericht: &Value) {
    let fouten = gbi_testbed::socrates_schema::valideer(bericht);
    assert!(
        fouten.is_empty(),
        "{}\n{bericht:#}",
        fouten
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

async fn testbed() -> gbi_testbed::RunningTestbed {
    gbi_testbed::start(gbi_testbed::TestbedConfig {
        bind: "127.0.0.1:0".parse().unwrap(),
        population: 50,
        seed: 7,
        gemeente_code: "0392".into(),
    })
    .await
    .expect("testbed starts")
}

async fn huishouden(r: &Registers, bsn: &Bsn) -> Option<BrpHuishouden> {
    let p = r.brp.raadpleeg(bsn, "PARTICIPATIEWET").await.ok()?.gegevens;
    let aoid = p
        .verblijfplaats
        .as_ref()
        .and_then(|v| v.adres())
        .and_then(|a| a.adresseerbaar_object_identificatie.clone());
    // As `RegisterBronnen` does: an impossible identification has no residents.
    let bewoners = match aoid {
        Some(a) => match r.brp.bewoners(&a, "PARTICIPATIEWET").await {
            Ok(b) => b.gegevens,
            Err(gbi_registers::RegisterError::Rejected { .. }) => vec![],
            Err(e) => panic!("{e}"),
        },
        None => vec![],
    };
    Some(BrpHuishouden {
        persoon: p,
        bewoners,
    })
}

#[tokio::test]
async fn every_brp_test_person_yields_a_valid_message_or_a_reason() {
    let tb = testbed().await;
    let cfg = RegistersConfig::testbed(&tb.base_url()).map_sources(|s| {
        s.timeout_ms = 5000;
        s.breaker_failures = 100_000;
    });
    let r = Registers::new(&cfg).unwrap();
    let personen: Vec<Value> = serde_json::from_str(TEST_DATA).unwrap();
    let (mut geldige, mut onverstuurbaar, mut onbekend) = (0, Vec::new(), 0);
    let (mut met_partner, mut met_kind, mut geheim, mut ingekort, mut twee_nat) = (0, 0, 0, 0, 0);
    for p in &personen {
        let Some(bsn) = p["burgerservicenummer"]
            .as_str()
            .and_then(|b| Bsn::parse(b).ok())
        else {
            onbekend += 1;
            continue;
        };
        let Some(brp) = huishouden(&r, &bsn).await else {
            onbekend += 1;
            continue;
        };
        // The application as the demo fills it in: a partner when the BRP
        // has one at the applicant's address.
        let partner = brp.persoon.partners.iter().any(|x| {
            x.ontbinding.is_none()
                && x.persoon.bsn.as_ref().is_some_and(|b| {
                    brp.bewoners.is_empty()
                        || brp.bewoners.iter().any(|w| w.bsn.as_ref() == Some(b))
                })
        });
        for voorstel in [
            toekenning(d(2026, 7, 1), None),
            Voorstel::Afwijzing {
                gronden: vec![],
                toelichting: String::new(),
            },
        ] {
            match bericht(&zaak(&bsn, aanvraag(partner)), &brp, &voorstel) {
                Ok(b) => {
                    let v = serde_json::to_value(&b).unwrap();
                    geldig(&v);
                    geldige += 1;
                    let h = &v["loBehandeld"]["huishouding"];
                    met_partner += usize::from(h.get("medeaanvrager").is_some());
                    met_kind += usize::from(h["aanvrager"].get("kinderen").is_some());
                    geheim += usize::from(h["aanvrager"]["codeBrpGegevensGeheim"] != "0");
                    twee_nat +=
                        usize::from(h["aanvrager"]["nationaliteit"].as_array().unwrap().len() == 2);
                    let stam = p["naam"]["geslachtsnaam"].as_str().unwrap_or("");
                    ingekort += usize::from(stam.chars().count() > 40);
                    // Whatever the leefsituatie declares is sent.
                    match h["leefsituatie"].as_str().unwrap() {
                        "4" | "5" => assert!(h.get("medeaanvrager").is_some(), "{v:#}"),
                        _ => assert!(h.get("medeaanvrager").is_none(), "{v:#}"),
                    }
                    match h["leefsituatie"].as_str().unwrap() {
                        "2" | "4" => assert!(h["aanvrager"].get("kinderen").is_some(), "{v:#}"),
                        _ => assert!(h["aanvrager"].get("kinderen").is_none(), "{v:#}"),
                    }
                }
                Err(e) => {
                    assert!(!e.0.is_empty());
                    onverstuurbaar.push(format!("{}: {}", bsn.as_str(), e.0));
                }
            }
        }
    }
    eprintln!(
        "{} persons: {geldige} valid messages, {} without (reason given), {onbekend} not in the BRP; \
         partner {met_partner}, children {met_kind}, secret {geheim}, shortened {ingekort}, two nationalities {twee_nat}",
        personen.len(),
        onverstuurbaar.len()
    );
    for o in &onverstuurbaar {
        eprintln!("  {o}");
    }
    assert!(geldige > 2000, "{geldige}");
    assert!(onverstuurbaar.len() <= 10, "{onverstuurbaar:#?}");
    assert!(met_partner > 0 && met_kind > 0 && geheim > 0 && ingekort > 0 && twee_nat > 0);
    tb.shutdown().await;
}

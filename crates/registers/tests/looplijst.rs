#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The looplijst client against the in-process testbed over HTTP: the BRP
//! extract, questions split into chunks with the order kept, and faults.

use chrono::NaiveDate;
use gbi_domain::{Bsn, GemeenteCode, Money};
use gbi_registers::looplijst::Antwoord;
use gbi_registers::{
    Bron, CriteriumBron, CriteriumVraag, LooplijstClient, LooplijstConfig, Regeling, RegisterError,
    Registers, RegistersConfig, UnavailableReason,
};
use gbi_testbed::population::Population;

async fn testbed(n: usize) -> gbi_testbed::RunningTestbed {
    gbi_testbed::start(gbi_testbed::TestbedConfig {
        population: n,
        seed: 3,
        ..Default::default()
    })
    .await
    .expect("testbed starts")
}

fn config(base: &str) -> LooplijstConfig {
    RegistersConfig::testbed(base)
        .map_sources(|s| {
            s.timeout_ms = 5000;
            s.retries = 2;
            s.backoff_ms = 10;
            s.concurrency = 4;
            s.breaker_failures = 100;
        })
        .looplijst
        .unwrap()
}

fn bsn(pop: &Population, i: u32) -> Bsn {
    Bsn::parse(&pop.bsn_of(i).unwrap()).unwrap()
}

fn peildatum() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

#[tokio::test]
async fn extract_round_trip() {
    let tb = testbed(2000).await;
    let pop = tb.population();
    let client = LooplijstClient::new(&config(&tb.base_url())).unwrap();
    let lijst = client
        .ingezetenen(&GemeenteCode::parse("0392").unwrap())
        .await
        .unwrap();
    assert_eq!(lijst.len(), pop.len());
    for (p, r) in pop.ingezetenen.iter().zip(&lijst) {
        assert_eq!(r.bsn.as_str(), format!("{:09}", p.bsn));
        assert_eq!(r.geboortedatum, p.geboortedatum);
        let h = pop.huishouden_van(p).unwrap();
        assert_eq!(r.postcode, h.adres.postcode);
        assert_eq!(r.huisnummer, h.adres.huisnummer);
        assert_eq!(
            r.partner.as_ref().map(|b| b.as_str().to_string()),
            p.partner
                .filter(|_| h.gehuwd)
                .map(|i| pop.bsn_of(i).unwrap())
        );
        assert_eq!(r.ouders.len(), p.ouders.len());
    }
    let err = client
        .ingezetenen(&GemeenteCode::parse("0363").unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        RegisterError::NotFound {
            bron: Bron::LooplijstBrp
        }
    );
    tb.shutdown().await;
}

#[tokio::test]
async fn answers_keep_input_order_across_chunks() {
    let tb = testbed(3000).await;
    let pop = tb.population();
    let client = LooplijstClient::new(&config(&tb.base_url())).unwrap();
    // 2,500 onderwerpen: every resident alone, then pairs, in a scrambled order.
    let mut onderwerpen: Vec<Vec<Bsn>> = (0..2500u32)
        .map(|i| {
            let j = (i * 7919) % 3000;
            if i % 3 == 0 {
                vec![bsn(&pop, j), bsn(&pop, (j + 1) % 3000)]
            } else {
                vec![bsn(&pop, j)]
            }
        })
        .collect();
    onderwerpen[1234] = vec![Bsn::parse("999999990").unwrap()];
    let vraag = CriteriumVraag::OntvangtRegeling {
        regeling: Regeling::Bijstand,
        maanden: 12,
    };
    assert_eq!(vraag.bron(), CriteriumBron::Bijstandsregelingen);
    let antwoorden = client
        .vraag(&vraag, peildatum(), &onderwerpen)
        .await
        .unwrap();
    assert_eq!(antwoorden.len(), 2500);
    let mut ja = 0;
    for (o, a) in onderwerpen.iter().zip(&antwoorden) {
        let verwacht = if o.iter().any(|b| pop.get(b.as_str()).is_none()) {
            Antwoord::Onbekend
        } else if o.iter().any(|b| {
            let p = pop.get(b.as_str()).unwrap();
            pop.huishouden_van(p).unwrap().waarheid.ontvangt_bijstand
        }) {
            ja += 1;
            Antwoord::Ja
        } else {
            Antwoord::Nee
        };
        assert_eq!(*a, verwacht);
    }
    assert!(ja > 10, "{ja}");
    let o = tb.looplijst_ontvangen().overzicht();
    assert_eq!(o.per_bron["bijstandsregelingen"].verzoeken, 3);
    assert_eq!(o.onderwerpen, 2500);

    // Vermogen and income questions go to their own sources.
    let vermogen = client
        .vraag(
            &CriteriumVraag::VermogenOnder {
                grens: Money::from_cents(799_500),
            },
            peildatum(),
            &onderwerpen[..10],
        )
        .await
        .unwrap();
    assert_eq!(vermogen.len(), 10);
    let inkomen = client
        .vraag(
            &CriteriumVraag::InkomenTenHoogste {
                grens: Money::from_cents(168_180),
                maanden: 36,
            },
            peildatum(),
            &onderwerpen[..10],
        )
        .await
        .unwrap();
    assert_eq!(inkomen.len(), 10);
    assert_eq!(tb.looplijst_ontvangen().overzicht().verzoeken, 5);
    assert!(
        client
            .vraag(&vraag, peildatum(), &[])
            .await
            .unwrap()
            .is_empty()
    );

    // Refused before sending.
    let err = client
        .vraag(&vraag, peildatum(), &[vec![]])
        .await
        .unwrap_err();
    assert!(matches!(err, RegisterError::Rejected { .. }), "{err:?}");
    assert_eq!(tb.looplijst_ontvangen().overzicht().verzoeken, 5);
    tb.shutdown().await;
}

#[tokio::test]
async fn a_source_that_stays_down_fails_the_call_after_retries() {
    let tb = testbed(200).await;
    let pop = tb.population();
    let client = LooplijstClient::new(&config(&tb.base_url())).unwrap();
    tb.faults()
        .set(
            "uwv",
            gbi_testbed::Fault {
                down: true,
                ..Default::default()
            },
        )
        .unwrap();
    let vraag = CriteriumVraag::InkomenOnder {
        grens: Money::from_cents(100_000),
        maanden: 1,
    };
    let err = client
        .vraag(&vraag, peildatum(), &[vec![bsn(&pop, 0)]])
        .await
        .unwrap_err();
    assert_eq!(
        err,
        RegisterError::Unavailable {
            bron: Bron::LooplijstUwv,
            reason: UnavailableReason::Status(503)
        }
    );
    // First attempt and two retries.
    assert_eq!(tb.looplijst_ontvangen().keer(bsn(&pop, 0).as_str()), 3);

    // A flaky source is retried until it answers.
    tb.faults()
        .set(
            "uwv",
            gbi_testbed::Fault {
                error_rate: 0.3,
                ..Default::default()
            },
        )
        .unwrap();
    let mut cfg = config(&tb.base_url());
    cfg.uwv.retries = 20;
    let flaky = LooplijstClient::new(&cfg).unwrap();
    let onderwerpen: Vec<Vec<Bsn>> = (0..200).map(|i| vec![bsn(&pop, i)]).collect();
    let mut groot = Vec::new();
    for _ in 0..20 {
        groot.extend(onderwerpen.iter().cloned());
    }
    let a = flaky.vraag(&vraag, peildatum(), &groot).await.unwrap();
    assert_eq!(a.len(), 4000);

    tb.faults()
        .set(
            "brp",
            gbi_testbed::Fault {
                down: true,
                ..Default::default()
            },
        )
        .unwrap();
    let err = client
        .ingezetenen(&GemeenteCode::parse("0392").unwrap())
        .await
        .unwrap_err();
    assert!(err.is_unavailable(), "{err:?}");
    tb.shutdown().await;
}

#[tokio::test]
async fn registers_include_the_looplijst_client() {
    let all = RegistersConfig::testbed("http://127.0.0.1:8080/");
    let l = all.looplijst.as_ref().unwrap();
    assert_eq!(l.brp.endpoint, "http://127.0.0.1:8080/looplijst/v1/brp");
    assert_eq!(l.uwv.endpoint, "http://127.0.0.1:8080/looplijst/v1/uwv");
    let text = toml::to_string(&all).unwrap();
    assert_eq!(toml::from_str::<RegistersConfig>(&text).unwrap(), all);
    let regs = Registers::new(&all).unwrap();
    let circuits = regs.circuits();
    for b in [
        Bron::LooplijstBrp,
        Bron::LooplijstUwv,
        Bron::LooplijstBijstandsregelingen,
        Bron::LooplijstBelastingdienst,
    ] {
        assert!(circuits.iter().any(|(x, _)| *x == b), "{b}");
    }
    regs.probeer_nu();

    let mut zonder = all.clone();
    zonder.looplijst = None;
    let text = toml::to_string(&zonder).unwrap();
    assert!(!text.contains("looplijst"));
    assert!(Registers::new(&zonder).unwrap().looplijst.is_none());
}

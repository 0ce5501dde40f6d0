//! Handling through the store: hersteltermijn suspends the deadline and
//! returns the zaak; an expired one becomes a proposal for a person; four
//! eyes: nobody approves their own proposal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_domain::{Bsn, GemeenteCode, Money};
use gbi_store::{Scope, StoreError, besluiten, gemeenten, hersteltermijn, portaal, zaken};
use gbi_zaken::behandeling::{self, Verzoek, Voorstel};
use gbi_zaken::indienen::{Indiener, indienen, uiterste_datum};
use serde_json::json;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

async fn zaak(db: &gbi_store::Db, scope: &Scope, bsn: &str, op: NaiveDate) -> zaken::Zaak {
    let antwoorden = json!({
        "reden": "baan_kwijt", "ingangsdatum": op.to_string(), "heeft_werk": "nee", "ander_inkomen": "nee", "spaargeld": "0",
        "contant_geld": "0", "schulden": "0", "woonsituatie": "inwonend", "commerciele_huurder": "nee",
        "iban": "NL91ABNA0417164300", "email": "a@b.nl", "verklaring": "ja"
    });
    let c = portaal::create_concept(
        db,
        scope,
        &Bsn::parse(bsn).unwrap(),
        "ALO",
        "digitaal",
        None,
        &antwoorden,
    )
    .await
    .unwrap();
    let wie = Indiener {
        naam_aanvrager: "A".into(),
        geboortedatum: None,
        gemachtigde: None,
        medewerker: None,
    };
    indienen(db, scope, &c, wie, op).await.unwrap().0
}

#[tokio::test]
async fn hersteltermijn_suspends_and_resumes_the_deadline() {
    let (db, _t) = gbi_store::testing::fresh().await;
    let code = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &code, "Haarlem", false)
        .await
        .unwrap();
    let scope = Scope::system(code, "test");
    let z = zaak(&db, &scope, "999993549", d(1, 5)).await;
    assert_eq!(uiterste_datum(&z, d(1, 5)), Some(d(3, 2)));

    let verzoek = Verzoek {
        documenten: vec!["bankafschrift".into()],
        vragen: vec!["Wat is uw huur per maand?".into()],
    };
    behandeling::hersteltermijn_vragen(&db, &scope, &z, &verzoek, d(1, 19), d(1, 12))
        .await
        .unwrap();
    let z = zaken::get(&db, &scope, &z.id, "t").await.unwrap().unwrap();
    assert_eq!(z.status, "hersteltermijn");
    let taken = zaken::taken(&db, &scope, &z.id).await.unwrap();
    assert!(taken.iter().any(|t| t.voor == "inwoner"
        && t.soort == "hersteltermijn"
        && t.titel.contains("19-01-2026")
        && t.titel.contains("Bankafschrift")));
    // A second request while one runs is refused.
    assert!(matches!(
        behandeling::hersteltermijn_vragen(&db, &scope, &z, &verzoek, d(1, 26), d(1, 12)).await,
        Err(StoreError::Conflict(_))
    ));

    // Delivered after 7 days: the deadline moved 7 days.
    assert!(
        behandeling::informatie_geleverd(&db, &scope, &z, d(1, 19))
            .await
            .unwrap()
    );
    let z = zaken::get(&db, &scope, &z.id, "t").await.unwrap().unwrap();
    assert_eq!(z.status, "in_behandeling");
    assert_eq!(uiterste_datum(&z, d(1, 20)), Some(d(3, 9)));
    assert!(
        zaken::taken(&db, &scope, &z.id)
            .await
            .unwrap()
            .iter()
            .filter(|t| t.soort == "hersteltermijn")
            .all(|t| t.status == "afgerond")
    );
}

#[tokio::test]
async fn an_expired_hersteltermijn_becomes_a_proposal_for_a_person() {
    let (db, _t) = gbi_store::testing::fresh().await;
    let code = GemeenteCode::parse("0153").unwrap();
    gemeenten::ensure(&db, &code, "Enschede", false)
        .await
        .unwrap();
    let scope = Scope::system(code, "test");
    let z = zaak(&db, &scope, "999993549", d(1, 5)).await;
    let verzoek = Verzoek {
        documenten: vec!["identiteitsbewijs".into()],
        vragen: vec![],
    };
    behandeling::hersteltermijn_vragen(&db, &scope, &z, &verzoek, d(1, 19), d(1, 12))
        .await
        .unwrap();
    assert_eq!(
        behandeling::verlopen_hersteltermijnen(&db, d(1, 19))
            .await
            .unwrap(),
        0,
        "not yet on the deadline itself"
    );
    assert_eq!(
        behandeling::verlopen_hersteltermijnen(&db, d(1, 20))
            .await
            .unwrap(),
        1
    );
    let z = zaken::get(&db, &scope, &z.id, "t").await.unwrap().unwrap();
    assert_eq!(z.status, "in_behandeling");
    assert!(z.einddatum.is_none(), "never decided automatically");
    assert!(
        zaken::taken(&db, &scope, &z.id)
            .await
            .unwrap()
            .iter()
            .any(|t| t.soort == "voorstel_buiten_behandeling")
    );
    assert!(
        hersteltermijn::open(&db, &scope, &z.id)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn nobody_approves_their_own_decision() {
    let (db, _t) = gbi_store::testing::fresh().await;
    let code = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &code, "Haarlem", false)
        .await
        .unwrap();
    let scope = Scope::system(code, "test");
    let z = zaak(&db, &scope, "999993549", d(7, 1)).await;
    let voorstel = Voorstel::Toekenning {
        ingangsdatum: d(7, 1),
        bedrag_per_maand: Money::from_cents(141_946),
        verplichtingen: vec!["Wijzigingen doorgeven".into()],
    };
    let b = behandeling::voorstellen(&db, &scope, &z, &voorstel, "consulent-1")
        .await
        .unwrap();
    assert_eq!(
        zaken::get(&db, &scope, &z.id, "t")
            .await
            .unwrap()
            .unwrap()
            .status,
        "toetsen"
    );

    let own = behandeling::beoordelen(&db, &scope, &b, "consulent-1", true, None, d(7, 2)).await;
    assert!(matches!(own, Err(StoreError::Conflict(m)) if m == besluiten::EIGEN_VOORSTEL));

    // Sent back with a remark, proposed again, approved by someone else.
    behandeling::beoordelen(
        &db,
        &scope,
        &b,
        "kwaliteit-1",
        false,
        Some("Ingangsdatum controleren"),
        d(7, 2),
    )
    .await
    .unwrap();
    assert_eq!(
        zaken::get(&db, &scope, &z.id, "t")
            .await
            .unwrap()
            .unwrap()
            .status,
        "in_behandeling"
    );
    let b2 = behandeling::voorstellen(&db, &scope, &z, &voorstel, "consulent-1")
        .await
        .unwrap();
    let ok = behandeling::beoordelen(&db, &scope, &b2, "kwaliteit-1", true, None, d(7, 3))
        .await
        .unwrap();
    assert_eq!(ok.status, "goedgekeurd");
    let z = zaken::get(&db, &scope, &z.id, "t").await.unwrap().unwrap();
    assert_eq!(
        (
            z.status.as_str(),
            z.resultaat.as_deref(),
            z.einddatum.as_deref()
        ),
        ("afgehandeld", Some("toegekend"), Some("2026-07-03"))
    );
    // The toekenning started the running benefit.
    let u = gbi_store::uitkeringen::voor_zaak(&db, &scope, &z.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            u.bedrag_per_maand.cents(),
            u.ingangsdatum.as_str(),
            u.status.as_str()
        ),
        (141_946, "2026-07-01", "lopend")
    );
    // Judging twice is refused.
    assert!(
        behandeling::beoordelen(&db, &scope, &b2, "teamleider-1", true, None, d(7, 3))
            .await
            .is_err()
    );
}

//! Issue 14: a lower amount is a decision (art. 54-3). When wages UWV gave
//! make a month more than the gemeente's `herziening_beoordelen_vanaf`
//! lower than the toekenning (Haarlem demo: € 250), the betaalrun waits for
//! a person: an exception with a task. A caseworker who records the month's
//! income is that review; the next run pays. On GBI_TEST_DB.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use gbi_domain::{Maand, Money, Rol, TaakSoort};
use gbi_rules::Regels;
use gbi_store::{betaalrun_overzicht, inkomsten, uitkeringen};
use gbi_zaken::commando::{Fout, Medewerker};
use gbi_zaken::{betaalrun, inkomsten as zaak_inkomsten};

#[tokio::test]
async fn a_large_drop_from_uwv_wages_waits_for_a_person_then_pays() {
    let (db, _t, scope, zaak) = common::haarlem_met_uitkering("2026-07-01").await;
    let u = uitkeringen::voor_zaak(&db, &scope, &zaak)
        .await
        .unwrap()
        .unwrap();
    let augustus = Maand::parse("2026-08").unwrap();
    let regels = Regels::ingebouwd().unwrap();
    // UWV: € 400 wages in August. 25% is left free, € 300 counts: the month
    // is € 300 lower than the toekenning, above Haarlem's € 250.
    inkomsten::uwv_vastleggen(
        &db,
        &scope,
        &u,
        augustus,
        Money::from_cents(40_000),
        Money::ZERO,
    )
    .await
    .unwrap();
    let run = betaalrun::berekenen(&db, &scope, &regels, augustus, "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(run.aantal, 0, "not paid before a person looked at it");
    let x = betaalrun_overzicht::uitzonderingen(&db, &scope, &run.id)
        .await
        .unwrap();
    assert_eq!(x.len(), 1);
    assert!(
        x[0].reden.contains("€ 300,00") && x[0].reden.contains("art. 54, derde lid"),
        "{}",
        x[0].reden
    );
    let taken = gbi_store::zaken::taken(&db, &scope, &zaak).await.unwrap();
    assert!(
        taken
            .iter()
            .any(|t| t.soort == TaakSoort::BetalingNietBerekend && t.status == "open"),
        "{taken:?}"
    );

    // Someone without the role is refused; nonsense is refused with the field.
    let kcc = Medewerker {
        id: "kcc",
        rollen: &[Rol::Klantcontactcentrum],
    };
    let opgave = zaak_inkomsten::Opgave {
        maand: augustus,
        arbeid: Money::from_cents(40_000),
        overig: Money::ZERO,
    };
    let vandaag = chrono::NaiveDate::from_ymd_opt(2026, 8, 20).unwrap();
    let r = zaak_inkomsten::vastleggen(&db, &scope, &kcc, &zaak, opgave, vandaag).await;
    assert!(matches!(r, Err(Fout::Geweigerd)));
    let consulent = Medewerker {
        id: "consulent",
        rollen: &[Rol::Inkomensconsulent],
    };
    let negatief = zaak_inkomsten::Opgave {
        arbeid: Money::from_cents(-1),
        ..opgave
    };
    let r = zaak_inkomsten::vastleggen(&db, &scope, &consulent, &zaak, negatief, vandaag).await;
    assert!(matches!(r, Err(Fout::Ongeldig(o)) if o.veld == "arbeid"));
    let later = zaak_inkomsten::Opgave {
        maand: Maand::parse("2026-09").unwrap(),
        ..opgave
    };
    let r = zaak_inkomsten::vastleggen(&db, &scope, &consulent, &zaak, later, vandaag).await;
    assert!(matches!(r, Err(Fout::Ongeldig(o)) if o.veld == "maand"));

    // The caseworker confirms the wages: the next run pays the lower month.
    zaak_inkomsten::vastleggen(&db, &scope, &consulent, &zaak, opgave, vandaag)
        .await
        .unwrap();
    let run = betaalrun::berekenen(&db, &scope, &regels, augustus, "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(run.aantal, 1);
    assert!(
        betaalrun_overzicht::uitzonderingen(&db, &scope, &run.id)
            .await
            .unwrap()
            .is_empty()
    );
    let taken = gbi_store::zaken::taken(&db, &scope, &zaak).await.unwrap();
    assert!(
        !taken
            .iter()
            .any(|t| t.soort == TaakSoort::BetalingNietBerekend && t.status == "open"),
        "the task is done once the month pays: {taken:?}"
    );
}

/// Below the review threshold the lower month is paid, and its herziening
/// is a letter of its own: made once in the background, stored with the
/// zaak, and — without consent to electronic delivery — posted.
#[tokio::test]
async fn a_lower_month_gets_its_herziening_letter_once_and_it_is_posted() {
    use gbi_zaken::afhandeling::Afhandelaar;
    use gbi_zaken::brieven::BriefSchrijver;
    let (db, _t, scope, zaak) = common::haarlem_met_uitkering("2026-07-01").await;
    let u = uitkeringen::voor_zaak(&db, &scope, &zaak)
        .await
        .unwrap()
        .unwrap();
    let augustus = Maand::parse("2026-08").unwrap();
    let regels = std::sync::Arc::new(Regels::ingebouwd().unwrap());
    // € 200 wages: € 150 counts, below Haarlem's € 250: paid, and a letter.
    inkomsten::uwv_vastleggen(
        &db,
        &scope,
        &u,
        augustus,
        Money::from_cents(20_000),
        Money::ZERO,
    )
    .await
    .unwrap();
    for _ in 0..2 {
        let run = betaalrun::berekenen(&db, &scope, &regels, augustus, "a", |_, _| {})
            .await
            .unwrap();
        assert_eq!(run.aantal, 1);
    }
    let werk = gbi_store::werk::voor_zaak(&db, &scope, &zaak)
        .await
        .unwrap();
    let brieven: Vec<_> = werk
        .iter()
        .filter(|w| w.soort == "brief:herziening:2026-08")
        .collect();
    assert_eq!(
        brieven.len(),
        1,
        "planned once, however often the run is computed"
    );
    let afhandeling = Afhandelaar {
        brieven: BriefSchrijver::new(std::collections::HashMap::new(), true)
            .met_regels(regels.clone()),
        registers: None,
    };
    while gbi_zaken::werk::run_once(
        &db,
        &common::GeenBronnen,
        &common::GeenBeoordeling,
        &afhandeling,
        chrono::NaiveDate::from_ymd_opt(2026, 8, 25).unwrap(),
    )
    .await
    .unwrap()
    {}
    let docs = gbi_store::documenten::list(&db, &scope, None, Some(&zaak))
        .await
        .unwrap();
    let brief = docs
        .iter()
        .find(|d| d.informatieobjecttype == "herziening")
        .expect("the herziening is stored with the zaak");
    assert!(
        brief.bestandsnaam.contains("2026-08"),
        "{}",
        brief.bestandsnaam
    );
    let wachtrij = gbi_store::printwachtrij::voor_zaak(&db, &scope, &zaak)
        .await
        .unwrap();
    assert!(
        wachtrij.iter().any(|p| p.document_id == brief.id),
        "without consent the herziening is posted"
    );
}

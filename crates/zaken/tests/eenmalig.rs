//! One-off payments (eenmalige betalingen) in the betaalrun, on the database
//! of GBI_TEST_DB: an approved besluit with a payment is paid by the run of
//! the next month, once however often runs are repeated; the run of the
//! decision month leaves it; the SEPA file pays the supplier the exact
//! amount; another gemeente's run never sees it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::xmllint_valid;
use gbi_domain::{Besluittype, GemeenteCode, Iban, Maand, Money, ZaakStatus};
use gbi_store::behandeling::Overgang;
use gbi_store::besluiten::{self, Oordeel};
use gbi_store::eenmalige_betalingen::{self, NieuweEenmaligeBetaling, Stand};
use gbi_store::{Db, Scope, StoreError, betalingen, logboek, synthetisch};
use gbi_zaken::betaalrun;
use serde_json::json;

fn regels() -> gbi_rules::Regels {
    gbi_rules::Regels::ingebouwd().unwrap()
}

fn maand(m: &str) -> Maand {
    Maand::parse(m).unwrap()
}

const LEVERANCIER: &str = "Witgoed Haarlem B.V.";

fn leverancier_iban() -> Iban {
    Iban::build("NL", "RABO0123456789").unwrap()
}

/// A wasmachine of € 449,95 for the resident, paid to the supplier.
fn wasmachine(besluit_id: &str) -> NieuweEenmaligeBetaling {
    NieuweEenmaligeBetaling {
        besluit_id: besluit_id.into(),
        bedrag: Money::from_cents(44_995),
        iban: leverancier_iban(),
        naam: LEVERANCIER.into(),
        derde: true,
        omschrijving: "Bijzondere bijstand wasmachine".into(),
        regeling: "bijzondere_bijstand".into(),
        vanaf_maand: maand("2026-08"),
    }
}

/// A zaak decided on 10 July 2026 by two people: `a` proposes, `b`
/// approves with `betaling` (made for the besluit). Gives the zaak and the
/// outcome of the approval.
async fn besloten(
    db: &Db,
    scope: &Scope,
    bsn: &str,
    betaling: impl FnOnce(&str) -> NieuweEenmaligeBetaling,
) -> (
    gbi_store::zaken::Zaak,
    Result<besluiten::Besluit, StoreError>,
) {
    let zaak = common::zaak_met(
        db,
        scope,
        bsn,
        "0",
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
    )
    .await;
    let besluit = besluiten::voorstellen(
        db,
        scope,
        &zaak.id,
        Besluittype::Toekenning,
        &json!({ "soort": "eenmalig" }),
        "medewerker-a",
        Overgang::naar(ZaakStatus::Toetsen),
    )
    .await
    .unwrap();
    let oordeel = Oordeel {
        door: "medewerker-b",
        goedgekeurd: true,
        opmerking: None,
        overgang: Overgang {
            resultaat: Some("toegekend".into()),
            einddatum: Some("2026-07-10".into()),
            ..Overgang::naar(ZaakStatus::Afgehandeld)
        },
        uitkering: None,
        eenmalige_betaling: Some(betaling(&besluit.id)),
        vordering: None,
        werk: vec![],
    };
    let uitkomst = besluiten::beoordelen(db, scope, &besluit.id, oordeel).await;
    (zaak, uitkomst)
}

async fn stand(db: &Db, scope: &Scope, zaak_id: &str) -> Stand {
    let e = eenmalige_betalingen::voor_zaak(db, scope, zaak_id)
        .await
        .unwrap();
    assert_eq!(e.len(), 1, "{e:?}");
    e[0].stand
}

#[tokio::test]
async fn the_next_months_run_pays_a_one_off_payment_once_to_the_supplier() {
    let (db, _t, scope) = common::haarlem().await;
    synthetisch::caseload(&db, &scope, 3, "2026-01-01")
        .await
        .unwrap();
    let (zaak, besluit) = besloten(&db, &scope, "999993653", wasmachine).await;
    besluit.unwrap();
    assert_eq!(stand(&db, &scope, &zaak.id).await, Stand::Gepland);

    // The run of the decision month pays the benefits only.
    let juli = betaalrun::berekenen(&db, &scope, &regels(), maand("2026-07"), "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(juli.aantal, 3);
    assert_eq!(stand(&db, &scope, &zaak.id).await, Stand::Gepland);

    // The next month's run pays it, with the benefits; twice is once.
    let aug = betaalrun::berekenen(&db, &scope, &regels(), maand("2026-08"), "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(aug.aantal, 4);
    let uitkeringen: i64 = gbi_store::testing::betalingen_van_maand(&db, "0392", "2026-08")
        .await
        .iter()
        .map(|(_, c)| c)
        .sum();
    assert_eq!(aug.totaal, Money::from_cents(uitkeringen + 44_995));
    assert_eq!(
        stand(&db, &scope, &zaak.id).await,
        Stand::InBetaalrun(maand("2026-08"))
    );
    let again = betaalrun::berekenen(&db, &scope, &regels(), maand("2026-08"), "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!((again.aantal, again.totaal), (aug.aantal, aug.totaal));
    // Taking it up used the resident's data: one record.
    assert_eq!(
        logboek::count(&db, &scope, &logboek::EENMALIG_BETALEN)
            .await
            .unwrap(),
        1
    );

    // A later month does not pay it again.
    let sep = betaalrun::berekenen(&db, &scope, &regels(), maand("2026-09"), "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(sep.aantal, 3);

    // The SEPA file pays the supplier the exact amount, with its own id
    // and what it is for.
    common::eigen_rekening(&db, &scope).await;
    let nu = common::om_negen(2026, 7, 20);
    let (run, xml) = betaalrun::goedkeuren(&db, &scope, &aug.id, "b", nu)
        .await
        .unwrap();
    xmllint_valid(&xml).unwrap();
    assert_eq!(xml.matches("<CdtTrfTxInf>").count(), 4);
    let e = &eenmalige_betalingen::voor_zaak(&db, &scope, &zaak.id)
        .await
        .unwrap()[0];
    let e2e = gbi_payments::betaalrun::end_to_end_id_eenmalig(&e.id);
    assert_eq!(e.end_to_end_id.as_deref(), Some(e2e.as_str()));
    let tx = format!(
        "<CdtTrfTxInf><PmtId><EndToEndId>{e2e}</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"EUR\">449.95</InstdAmt></Amt>\
<Cdtr><Nm>Witgoed Haarlem B.V.</Nm></Cdtr><CdtrAcct><Id><IBAN>{}</IBAN></Id></CdtrAcct>\
<RmtInf><Ustrd>Bijzondere bijstand wasmachine, zaak {}</Ustrd></RmtInf></CdtTrfTxInf>",
        leverancier_iban().as_str(),
        zaak.identificatie,
    );
    assert!(xml.contains(&tx), "{xml}");
    assert_eq!(run.status, "vrijgegeven");
    assert_eq!(
        stand(&db, &scope, &zaak.id).await,
        Stand::Betaald(maand("2026-08"))
    );
    // Taking the file is logged for everyone in it, the resident too.
    betalingen::sepa_bestand(&db, &scope, &run.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        logboek::count(&db, &scope, &logboek::BETAALBESTAND_DOWNLOADEN)
            .await
            .unwrap(),
        4
    );
}

#[tokio::test]
async fn another_gemeentes_run_never_sees_it() {
    let (db, _t, haarlem) = common::haarlem().await;
    let (zaak, besluit) = besloten(&db, &haarlem, "999993653", wasmachine).await;
    besluit.unwrap();
    let code = GemeenteCode::parse("0363").unwrap();
    gbi_store::gemeenten::ensure(&db, &code, "Amsterdam", false)
        .await
        .unwrap();
    let amsterdam = Scope::system(code, "test");
    assert!(
        eenmalige_betalingen::open_tot(&db, &amsterdam, maand("2026-12"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        eenmalige_betalingen::voor_zaak(&db, &amsterdam, &zaak.id)
            .await
            .unwrap()
            .is_empty()
    );
    let run = betaalrun::berekenen(&db, &amsterdam, &regels(), maand("2026-08"), "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!((run.aantal, run.totaal), (0, Money::ZERO));
    assert!(
        betalingen::van_run(&db, &amsterdam, &run.id)
            .await
            .unwrap()
            .is_empty()
    );
    // Haarlem's own run still pays it.
    assert_eq!(stand(&db, &haarlem, &zaak.id).await, Stand::Gepland);
    let eigen = betaalrun::berekenen(&db, &haarlem, &regels(), maand("2026-08"), "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!((eigen.aantal, eigen.totaal), (1, Money::from_cents(44_995)));
}

#[tokio::test]
async fn only_an_approval_with_a_sound_payment_creates_it() {
    let (db, _t, scope) = common::haarlem().await;
    // Nothing: an amount of zero, or a payment for another besluit; the
    // approval is undone with it.
    let (zaak, nul) = besloten(&db, &scope, "999993653", |b| NieuweEenmaligeBetaling {
        bedrag: Money::ZERO,
        ..wasmachine(b)
    })
    .await;
    assert!(
        matches!(nul, Err(StoreError::Conflict(m)) if m == eenmalige_betalingen::GEEN_POSITIEF_BEDRAG)
    );
    let (ander, fout) = besloten(&db, &scope, "999993549", |_| {
        wasmachine("een-ander-besluit")
    })
    .await;
    assert!(matches!(fout, Err(StoreError::Conflict(_))), "{fout:?}");
    for z in [&zaak.id, &ander.id] {
        assert!(
            eenmalige_betalingen::voor_zaak(&db, &scope, z)
                .await
                .unwrap()
                .is_empty()
        );
        let b = besluiten::voor_zaak(&db, &scope, z).await.unwrap();
        assert_eq!(b[0].status, gbi_domain::BesluitStatus::Voorgesteld);
    }
    let run = betaalrun::berekenen(&db, &scope, &regels(), maand("2026-08"), "a", |_, _| {})
        .await
        .unwrap();
    assert_eq!(run.aantal, 0);
}

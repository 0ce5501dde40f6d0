//! One-off payments (eenmalige betalingen) in the werkplek's betaalrun: the
//! run of the month after the decision pays it, the approver sees it as its
//! own section (regeling, what for, to whom, amount) before approving, the
//! SEPA file pays the supplier, the zaak pages say where it stands, and
//! another gemeente never sees it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::{Besluittype, Iban, Maand, Money, Rol, ZaakStatus, today_amsterdam};
use gbi_store::Scope;
use gbi_store::behandeling::Overgang;
use gbi_store::besluiten::{self, Oordeel};
use gbi_store::betalingen::{self, Betaalrun};
use gbi_store::eenmalige_betalingen::NieuweEenmaligeBetaling;
use std::time::{Duration, Instant};

const LEVERANCIER: &str = "Witgoed Haarlem B.V.";

/// Compute the run of `maand` from the werkplek and wait until it is done.
async fn bereken(app: &TestApp, token: &str, scope: &Scope, maand: Maand) -> Betaalrun {
    let (status, _) = app
        .post_form(
            token,
            "/werkplek/betaalruns",
            &[("maand", &maand.to_string())],
        )
        .await;
    assert_eq!(status, 303);
    let started = Instant::now();
    loop {
        let runs = betalingen::runs(&app.db, scope).await.unwrap();
        if let Some(r) = runs
            .into_iter()
            .find(|r| r.maand == maand.to_string() && r.status == "berekend")
        {
            return r;
        }
        assert!(started.elapsed() < Duration::from_secs(30));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_approver_sees_the_one_off_payment_and_the_file_pays_the_supplier() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let scope = Scope::system(t.code, "test");
    betalingen::rekening_instellen(
        &app.db,
        &scope,
        &Iban::build("NL", "BNGH0285001234").unwrap(),
        Some("BNGHNL2G"),
    )
    .await
    .unwrap();
    let teamleider = app.login(&t.user).await;
    let (_, beheer) = app
        .medewerker(&t, "bea.beheer", &[Rol::FunctioneelBeheerder])
        .await;

    // Decided today with four eyes: a wasmachine, paid to the supplier
    // from next month's run on.
    let dossier = app.dossier(&t).await;
    let deze_maand = Maand::of(today_amsterdam());
    let besluit = besluiten::voorstellen(
        &app.db,
        &scope,
        &dossier.zaak_id,
        Besluittype::Toekenning,
        &serde_json::json!({ "soort": "eenmalig" }),
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
            einddatum: Some(today_amsterdam().to_string()),
            ..Overgang::naar(ZaakStatus::Afgehandeld)
        },
        uitkering: None,
        eenmalige_betaling: Some(NieuweEenmaligeBetaling {
            besluit_id: besluit.id.clone(),
            bedrag: Money::from_cents(44_995),
            iban: Iban::build("NL", "RABO0123456789").unwrap(),
            naam: LEVERANCIER.into(),
            derde: true,
            omschrijving: "Bijzondere bijstand wasmachine".into(),
            regeling: "bijzondere_bijstand".into(),
            vanaf_maand: deze_maand.next(),
        }),
        vordering: None,
        werk: vec![],
    };
    besluiten::beoordelen(&app.db, &scope, &besluit.id, oordeel)
        .await
        .unwrap();
    let zaakpagina = app
        .page(&teamleider, &format!("/werkplek/zaken/{}", dossier.zaak_id))
        .await;
    assert!(zaakpagina.contains("Eenmalige betaling"), "{zaakpagina}");
    assert!(zaakpagina.contains("Gepland. Wij betalen rond"));

    // This month's run does not pay it yet.
    let nu = bereken(&app, &teamleider, &scope, deze_maand).await;
    assert_eq!(nu.aantal, 0);
    let pagina = app
        .page(&beheer, &format!("/werkplek/betaalruns/{}", nu.id))
        .await;
    assert!(pagina.contains("Deze run heeft geen eenmalige betalingen."));
    assert!(!pagina.contains(LEVERANCIER));

    // Next month's does, and the approver sees it before approving.
    let run = bereken(&app, &teamleider, &scope, deze_maand.next()).await;
    assert_eq!((run.aantal, run.totaal), (1, Money::from_cents(44_995)));
    let pagina = app
        .page(&beheer, &format!("/werkplek/betaalruns/{}", run.id))
        .await;
    assert!(pagina.contains("<h2 class=\"utrecht-heading-2\">Eenmalige betalingen</h2>"));
    let tabel = &pagina[pagina.find("id=\"eenmalig-tabel\"").unwrap()..];
    for tekst in [
        "Bijzondere bijstand</td>",
        "Bijzondere bijstand wasmachine",
        LEVERANCIER,
        &dossier.zaak_identificatie,
        "€ 449,95",
        "NL44 RABO …6789",
    ] {
        assert!(tabel.contains(tekst), "{tekst}: {tabel}");
    }
    assert!(pagina.contains("waarvan 1 eenmalige betalingen (€ 449,95)"));
    // Reading the run's one-off payments is logged for the resident.
    assert_eq!(
        gbi_store::logboek::count(&app.db, &scope, &gbi_store::logboek::EENMALIG_BETALEN)
            .await
            .unwrap(),
        // taken up by the run, read on its page
        2
    );

    let (status, _) = app
        .post_form(
            &beheer,
            &format!("/werkplek/betaalruns/{}/goedkeuren", run.id),
            &[],
        )
        .await;
    assert_eq!(status, 303);
    let xml = app
        .page(&beheer, &format!("/werkplek/betaalruns/{}/sepa", run.id))
        .await;
    assert_eq!(xml.matches("<CdtTrfTxInf>").count(), 1);
    assert!(xml.contains("<InstdAmt Ccy=\"EUR\">449.95</InstdAmt></Amt><Cdtr><Nm>Witgoed Haarlem B.V.</Nm></Cdtr><CdtrAcct><Id><IBAN>NL44RABO0123456789</IBAN>"), "{xml}");
    assert!(xml.contains(&format!(
        "<Ustrd>Bijzondere bijstand wasmachine, zaak {}</Ustrd>",
        dossier.zaak_identificatie
    )));

    // The zaak pages say it is paid, the resident's too.
    let betaald = format!(
        "Betaald met de betaalrun van {}.",
        deze_maand.next().dutch_name()
    );
    let zaakpagina = app
        .page(&teamleider, &format!("/werkplek/zaken/{}", dossier.zaak_id))
        .await;
    assert!(zaakpagina.contains(&betaald), "{zaakpagina}");
    let cookie = app.resident_cookie(&t).await;
    let portaal = app
        .inwoner_page(&cookie, &format!("/portaal/zaken/{}", dossier.zaak_id))
        .await;
    assert!(
        portaal.contains("Bijzondere bijstand wasmachine"),
        "{portaal}"
    );
    assert!(portaal.contains(&betaald));
    assert!(portaal.contains(LEVERANCIER));

    // Another gemeente's run never sees it, nor its page.
    let a = app
        .tenant("0363", "Amsterdam", "999993653", &[Rol::Teamleider])
        .await;
    let a_scope = Scope::system(a.code, "test");
    let a_token = app.login(&a.user).await;
    let a_run = bereken(&app, &a_token, &a_scope, deze_maand.next()).await;
    assert_eq!((a_run.aantal, a_run.totaal), (0, Money::ZERO));
    let a_pagina = app
        .page(&a_token, &format!("/werkplek/betaalruns/{}", a_run.id))
        .await;
    assert!(!a_pagina.contains(LEVERANCIER));
    let vreemd = app
        .client
        .get(app.url(&format!("/werkplek/betaalruns/{}", run.id)))
        .bearer_auth(&a_token)
        .send()
        .await
        .unwrap();
    assert_eq!(vreemd.status(), 404);
}

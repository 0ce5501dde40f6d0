//! Payments a gemeente can run (issue 13), through the werkplek and the
//! portal: functioneel beheer sets the gemeente's bank account; one person
//! computes, a second checks the payments and exceptions and approves, the
//! SEPA file downloads; a month that cannot be computed is an exception and a
//! task; the resident reads "Wij gaan betalen" until the run is approved and
//! "Wij betaalden" only after, on the page and in the PDF.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Tenant, TestApp};
use gbi_domain::Rol;
use gbi_store::{Scope, betalingen, synthetisch, zaken};
use std::time::{Duration, Instant};

const IBAN: &str = "NL14 BNGH 0285 0012 34";

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, String) {
    let res = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Set the account through the beheer page.
async fn rekening_instellen(app: &TestApp, beheer: &str) {
    let (status, _) = app
        .post_form(
            beheer,
            "/werkplek/beheer/rekening",
            &[
                ("iban", IBAN),
                ("bic", "bnghnl2g"),
                ("naam", "Gemeente Haarlem"),
            ],
        )
        .await;
    assert_eq!(status, 303);
}

/// Compute the month's run from the werkplek and wait until it is computed.
async fn berekenen(app: &TestApp, t: &Tenant, token: &str, maand: &str) -> betalingen::Betaalrun {
    let (status, _) = app
        .post_form(token, "/werkplek/betaalruns", &[("maand", maand)])
        .await;
    assert_eq!(status, 303);
    let scope = Scope::system(t.code, "test");
    let started = Instant::now();
    loop {
        let bezig = app
            .client
            .get(app.url("/werkplek/betaalruns"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("wordt berekend:");
        let runs = betalingen::runs(&app.db, &scope).await.unwrap();
        if let Some(r) = runs
            .into_iter()
            .find(|r| r.maand == maand && r.status == "berekend")
            && !bezig
        {
            return r;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "run not computed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn beheer_sets_the_account_and_a_wrong_field_is_named() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let teamleider = app.login(&t.user).await;
    let (_, beheer) = app
        .medewerker(&t, "bea.beheer", &[Rol::FunctioneelBeheerder])
        .await;

    // Only functioneel beheer.
    assert_eq!(
        get(&app, &teamleider, "/werkplek/beheer/rekening").await.0,
        403
    );
    let (status, _) = app
        .post_form(
            &teamleider,
            "/werkplek/beheer/rekening",
            &[("iban", IBAN), ("bic", ""), ("naam", "X")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, page) = get(&app, &beheer, "/werkplek/beheer/rekening").await;
    assert_eq!(status, 200);
    assert!(page.contains("nog geen rekeningnummer"), "{page}");
    assert!(page.contains("href=\"/werkplek/beheer/rekening\">Beheer</a>"));
    assert!(page.contains("href=\"/werkplek/betaalruns\">Betaalruns</a>"));
    let (_, tl_page) = get(&app, &teamleider, "/werkplek/betaalruns").await;
    assert!(tl_page.contains("href=\"/werkplek/betaalruns\">Betaalruns</a>"));
    assert!(
        !tl_page.contains("/werkplek/beheer/rekening"),
        "no Beheer for a teamleider"
    );

    // A wrong IBAN, BIC and an empty name: each field named, nothing saved.
    let (status, page) = app
        .post_form(
            &beheer,
            "/werkplek/beheer/rekening",
            &[
                ("iban", "NL14 BNGH 0285 0012 35"),
                ("bic", "BNG"),
                ("naam", " "),
            ],
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        page.contains("IBAN: Dit rekeningnummer klopt niet"),
        "{page}"
    );
    assert!(page.contains("BIC: Deze BIC klopt niet"), "{page}");
    assert!(
        page.contains("Naam van de rekeninghouder: vul de naam in"),
        "{page}"
    );
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(
        page.contains("value=\"NL14 BNGH 0285 0012 35\""),
        "the input is kept"
    );
    let scope = Scope::system(t.code, "test");
    assert!(
        betalingen::rekening(&app.db, &scope)
            .await
            .unwrap()
            .is_none()
    );

    rekening_instellen(&app, &beheer).await;
    let r = betalingen::rekening(&app.db, &scope)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.iban.as_str(), "NL14BNGH0285001234");
    assert_eq!(r.bic.as_deref(), Some("BNGHNL2G"));
    assert_eq!(r.naam, "Gemeente Haarlem");
    let (_, page) = get(&app, &beheer, "/werkplek/beheer/rekening?bewaard=1").await;
    assert!(page.contains("Het rekeningnummer is bewaard"));
    assert!(page.contains("NL14 BNGH 0285 0012 34"), "{page}");
}

#[tokio::test]
async fn a_second_person_approves_what_the_page_shows_and_downloads_the_file() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    let scope = Scope::system(t.code, "test");
    synthetisch::caseload(&app.db, &scope, 5, "2026-01-01")
        .await
        .unwrap();
    // One benefit whose household facts the rules cannot use.
    let kapot = gbi_store::testing::lopende_uitkering(
        &app.db,
        "0392",
        "999993653",
        "Kees Kapot",
        "2026-01-01",
        &serde_json::json!({"geen": "aanvrager"}),
    )
    .await;
    let teamleider = app.login(&t.user).await;
    let (_, beheer) = app
        .medewerker(&t, "bea.beheer", &[Rol::FunctioneelBeheerder])
        .await;
    let (_, consulent) = app
        .medewerker(&t, "kees.consulent", &[Rol::Inkomensconsulent])
        .await;

    let run = berekenen(&app, &t, &teamleider, "2026-07").await;
    assert_eq!(run.aantal, 5);
    // The month that could not be computed is an exception and a task.
    let taken = |zaak: String| {
        let (db, scope) = (app.db.clone(), scope.clone());
        async move {
            zaken::taken(&db, &scope, &zaak)
                .await
                .unwrap()
                .into_iter()
                .filter(|t| {
                    t.soort == gbi_domain::TaakSoort::BetalingNietBerekend && t.status == "open"
                })
                .map(|t| (t.voor, t.titel))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        taken(kapot.clone()).await,
        vec![(
            gbi_domain::TaakVoor::Medewerker,
            "Betaling juli 2026 niet berekend".to_owned()
        )]
    );

    // The one who computed sees the run, but cannot approve it.
    let detail = format!("/werkplek/betaalruns/{}", run.id);
    let (status, page) = get(&app, &teamleider, &detail).await;
    assert_eq!(status, 200);
    assert!(page.contains("U berekende deze run"), "{page}");
    assert!(!page.contains("Goedkeuren en vrijgeven"));
    let goedkeuren = format!("/werkplek/betaalruns/{}/goedkeuren", run.id);
    assert_eq!(app.post_form(&teamleider, &goedkeuren, &[]).await.0, 409);
    // Other roles: no access.
    assert_eq!(get(&app, &consulent, &detail).await.0, 403);
    assert_eq!(app.post_form(&consulent, &goedkeuren, &[]).await.0, 403);

    // Without the gemeente's account no file can be made: the page says so.
    let (status, page) = get(&app, &beheer, &detail).await;
    assert_eq!(status, 200);
    assert!(page.contains("nog geen eigen rekeningnummer"), "{page}");
    let (status, page) = app.post_form(&beheer, &goedkeuren, &[]).await;
    assert_eq!(status, 409);
    assert!(page.contains("geen eigen rekeningnummer"), "{page}");
    rekening_instellen(&app, &beheer).await;

    // The second person sees the payments, the total and the exceptions.
    let (_, page) = get(&app, &beheer, &detail).await;
    assert!(page.contains("Goedkeuren en vrijgeven"), "{page}");
    assert!(page.contains(&run.totaal.to_string()), "the total: {page}");
    assert_eq!(
        page.matches("SYN-0392-").count(),
        5,
        "every payment by zaak"
    );
    assert!(page.contains("Inwoner 1") && page.contains("juli 2026"));
    assert!(page.contains("NL"), "IBAN partly shown");
    assert!(
        !page.contains("INGB0001000001"),
        "the IBAN is masked: {page}"
    );
    assert!(page.contains("Kees Kapot"), "the exception by name: {page}");
    assert!(page.contains("aanvrager"), "with its reason: {page}");
    assert!(page.contains(&format!("/werkplek/zaken/{kapot}")));

    // Recomputing before approval: the same exception, still one task.
    let again = berekenen(&app, &t, &teamleider, "2026-07").await;
    assert_eq!((again.id.as_str(), again.aantal), (run.id.as_str(), 5));
    assert_eq!(taken(kapot).await.len(), 1);

    let (status, _) = app.post_form(&beheer, &goedkeuren, &[]).await;
    assert_eq!(status, 303);
    let (_, page) = get(&app, &beheer, &detail).await;
    assert!(page.contains("goedgekeurd en vrijgegeven"), "{page}");
    let (status, xml) = get(&app, &teamleider, &format!("{detail}/sepa")).await;
    assert_eq!(status, 200);
    assert_eq!(xml.matches("<CdtTrfTxInf>").count(), 5);
    assert!(xml.contains("<IBAN>NL14BNGH0285001234</IBAN>"), "{xml}");
    assert!(xml.contains("<Nm>Gemeente Haarlem</Nm>"));
    assert!(xml.contains("<BICFI>BNGHNL2G</BICFI>"), "{xml}");
}

/// The section of a month on the resident's uitkering page.
fn sectie<'a>(page: &'a str, maand: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"specificatie-{maand}\""))
        .expect("the month's specification");
    let eind = page[start..].find("</section>").unwrap() + start;
    &page[start..eind]
}

async fn portaal(app: &TestApp, cookie: &str, path: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_resident_reads_gaan_betalen_until_approved_and_betaalden_after() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Teamleider])
        .await;
    // From 16 July: the first month is paid for 16 of its 31 days.
    let zaak = gbi_store::testing::lopende_uitkering(
        &app.db,
        "0392",
        t.inwoner.bsn.as_str(),
        &t.inwoner.naam,
        "2026-07-16",
        &serde_json::json!({"aanvrager": {"geboortedatum": "1985-03-01"}}),
    )
    .await;
    let teamleider = app.login(&t.user).await;
    let (_, beheer) = app
        .medewerker(&t, "bea.beheer", &[Rol::FunctioneelBeheerder])
        .await;
    rekening_instellen(&app, &beheer).await;
    let cookie = app.resident_cookie(&t).await;
    let pagina = format!("/portaal/zaken/{zaak}/uitkering");
    let pdf = format!("/portaal/zaken/{zaak}/specificatie?maand=2026-07");
    let werkplek = format!("/werkplek/zaken/{zaak}/uitkering");

    let run = berekenen(&app, &t, &teamleider, "2026-07").await;
    assert_eq!(run.aantal, 1);
    // 16/31 of € 1.348,49 (the right minus 5% vakantietoeslag reserved).
    let bedrag = "€ 695,99";
    assert_eq!(run.totaal.to_string(), bedrag, "pro rata in the payment");
    let page = portaal(&app, &cookie, &pagina).await.text().await.unwrap();
    let juli = sectie(&page, "2026-07");
    assert!(juli.contains("Wij gaan betalen"), "{juli}");
    assert!(
        !juli.contains("Wij betaalden"),
        "not approved, not paid: {juli}"
    );
    assert!(juli.contains(bedrag), "{juli}");
    assert!(!juli.contains("te weinig betaald") && !juli.contains("te veel betaald"));
    let tekst = pdf_tekst(portaal(&app, &cookie, &pdf).await).await;
    if let Some(tekst) = &tekst {
        assert!(tekst.contains("Wij gaan betalen"), "{tekst}");
        assert!(!tekst.contains("Wij betaalden"), "{tekst}");
    }
    let (_, grootboek) = get(&app, &teamleider, &werkplek).await;
    assert!(grootboek.contains("wacht op goedkeuring"), "{grootboek}");

    let goedkeuren = format!("/werkplek/betaalruns/{}/goedkeuren", run.id);
    assert_eq!(app.post_form(&beheer, &goedkeuren, &[]).await.0, 303);
    let page = portaal(&app, &cookie, &pagina).await.text().await.unwrap();
    let juli = sectie(&page, "2026-07");
    assert!(juli.contains("Wij betaalden"), "{juli}");
    assert!(!juli.contains("Wij gaan betalen"), "{juli}");
    assert!(juli.contains(bedrag), "{juli}");
    // The first month's pro rata is the same on the ledger: no difference.
    assert!(
        !juli.contains("te weinig betaald") && !juli.contains("te veel betaald"),
        "{juli}"
    );
    if let Some(tekst) = pdf_tekst(portaal(&app, &cookie, &pdf).await).await {
        assert!(tekst.contains("Wij betaalden"), "{tekst}");
        assert!(!tekst.contains("Wij gaan betalen"), "{tekst}");
    }
    let (_, grootboek) = get(&app, &teamleider, &werkplek).await;
    assert!(!grootboek.contains("wacht op goedkeuring"), "{grootboek}");
}

/// The text of a PDF response via `pdftotext`, or `None` when it is not installed.
async fn pdf_tekst(res: reqwest::Response) -> Option<String> {
    assert_eq!(res.status(), 200);
    let pdf = res.bytes().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("specificatie.pdf");
    std::fs::write(&pad, &pdf).unwrap();
    let uit = std::process::Command::new("pdftotext")
        .arg(&pad)
        .arg("-")
        .output()
        .ok()?;
    assert!(uit.status.success());
    Some(
        String::from_utf8(uit.stdout)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

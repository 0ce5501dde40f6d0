//! Electronic delivery needs consent (Awb art. 2:14), otherwise paper,
//! through HTTP: the resident gives and withdraws consent in the portal (or
//! chooses at the end of the application); a decision letter for a resident
//! without consent lands in the print queue, where functioneel beheer
//! downloads the PDF and records that it was posted; with consent it does
//! not. Other roles are refused and another gemeente sees nothing. Every
//! read and write is in the logboek.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::{Tenant, TestApp};
use gbi_domain::{Bsn, GemeenteCode, Rol, TraceContext};
use gbi_store::werk::StoredSnapshot;
use gbi_store::{Db, Scope, logboek, printwachtrij};
use gbi_zaken::afhandeling::Afhandelaar;
use gbi_zaken::brieven::BriefSchrijver;
use gbi_zaken::commando::{self, Commando, Medewerker};
use gbi_zaken::grond::Afwijzingsgrond;
use gbi_zaken::voorstel::Voorstel;
use gbi_zaken::werk::{Antwoord, Beoordelaar, BronFout, Bronnen, run_once};
use serde_json::{Value, json};
use std::collections::HashMap;

struct Registers;

impl Bronnen for Registers {
    async fn raadpleeg(
        &self,
        bron: &str,
        _: &Bsn,
        _: &GemeenteCode,
        _: &TraceContext,
    ) -> Result<Antwoord, BronFout> {
        Ok(Antwoord {
            inhoud: json!({ "bron": bron, "gevonden": false }),
            herkomst: json!({}),
        })
    }
}

/// A pre-assessment: savings above the limit.
struct Rekenaar;

impl Beoordelaar for Rekenaar {
    fn beoordeel(
        &self,
        _: &GemeenteCode,
        _: &Value,
        _: &[StoredSnapshot],
        _: NaiveDate,
    ) -> Result<Value, String> {
        Ok(json!({
            "berekend": true,
            "uitkomst": { "bijstand_cents": 0, "vermogen_binnen_grens": false },
            "uitleg": [{ "b1": "U heeft meer spaargeld dan de grens.",
                         "verwijzing": "Participatiewet art. 34, derde lid" }],
        }))
    }
}

/// Do all background work that is due: registers, advice, letters.
async fn werk(db: &Db) {
    let afhandelaar = Afhandelaar {
        brieven: BriefSchrijver::new(HashMap::new(), true),
        registers: None,
    };
    let mut n = 0;
    while run_once(
        db,
        &Registers,
        &Rekenaar,
        &afhandelaar,
        gbi_domain::today_amsterdam(),
    )
    .await
    .unwrap()
    {
        n += 1;
        assert!(n < 50, "the work does not end");
    }
}

/// A refusal, proposed and approved by two people, and its letter made.
async fn afwijzen(db: &Db, scope: &Scope, zaak_id: &str) {
    werk(db).await;
    let vandaag = gbi_domain::today_amsterdam();
    for (wie, c) in [
        (
            Medewerker {
                id: "consulent-1",
                rollen: &[Rol::Inkomensconsulent],
            },
            Commando::Voorstellen(Voorstel::Afwijzing {
                gronden: vec![Afwijzingsgrond::VermogenBovenGrens],
                toelichting: "U heeft meer spaargeld dan de grens.".into(),
            }),
        ),
        (
            Medewerker {
                id: "kwaliteit-1",
                rollen: &[Rol::Kwaliteitsmedewerker],
            },
            Commando::Beoordelen {
                goedgekeurd: true,
                opmerking: None,
            },
        ),
    ] {
        commando::uitvoeren(db, scope, &wie, zaak_id, c, vandaag)
            .await
            .unwrap();
    }
    werk(db).await;
}

async fn portaal_get(app: &TestApp, cookie: &str, path: &str) -> String {
    let res = app
        .client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

async fn kies(app: &TestApp, cookie: &str, keuze: &str) -> String {
    let res = app
        .client
        .post(app.url("/portaal/elektronisch"))
        .header("cookie", cookie)
        .header("origin", app.base.clone())
        .form(&[("keuze", keuze)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    portaal_get(app, cookie, &location).await
}

async fn twee_gemeenten(app: &TestApp) -> (Tenant, Tenant) {
    let haarlem = app.tenant("0392", "Haarlem", "999993549", &Rol::ALL).await;
    let enschede = app.tenant("0153", "Enschede", "111111110", &Rol::ALL).await;
    (haarlem, enschede)
}

#[tokio::test]
async fn the_resident_gives_and_withdraws_consent_in_the_portal() {
    let app = TestApp::spawn().await;
    let (haarlem, _) = twee_gemeenten(&app).await;
    let scope = Scope::system(haarlem.code, "test");
    let cookie = app.resident_cookie(&haarlem).await;

    let start = portaal_get(&app, &cookie, "/portaal").await;
    assert!(start.contains("href=\"/portaal/elektronisch\""), "{start}");
    let page = portaal_get(&app, &cookie, "/portaal/elektronisch").await;
    assert!(page.contains("U heeft nog niet gekozen."), "{page}");
    assert!(page.contains("id=\"keuze-post\" name=\"keuze\" value=\"post\" checked"));

    let page = kies(&app, &cookie, "online").await;
    assert!(page.contains("Bewaard. U krijgt brieven met een besluit voortaan alleen online"));
    assert!(page.contains("U krijgt brieven met een besluit alleen online."));
    assert!(page.contains("U koos dit op deze pagina op "), "{page}");
    assert!(page.contains("Toestemming intrekken"));

    let page = kies(&app, &cookie, "post").await;
    assert!(page.contains("U krijgt brieven met een besluit ook per post."));
    assert!(!page.contains("Toestemming intrekken"));
    // An unknown choice changes nothing.
    let page = kies(&app, &cookie, "fax").await;
    assert!(page.contains("U krijgt brieven met een besluit ook per post."));

    // Two choices written, four pages read: all logged.
    assert_eq!(
        logboek::count(&app.db, &scope, &logboek::TOESTEMMING_ELEKTRONISCH)
            .await
            .unwrap(),
        6
    );
    // The choice is the resident's own: nobody logged in is sent to log in.
    let res = app
        .client
        .get(app.url("/portaal/elektronisch"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn without_consent_the_letter_is_posted_by_functioneel_beheer() {
    let app = TestApp::spawn().await;
    let (haarlem, enschede) = twee_gemeenten(&app).await;
    let scope = Scope::system(haarlem.code, "test");
    let dossier = app.dossier(&haarlem).await;
    afwijzen(&app.db, &scope, &dossier.zaak_id).await;

    // The letter is in the print queue; as functioneel beheer:
    let (_, beheer) = app
        .medewerker(&haarlem, "haarlem.beheer", &[Rol::FunctioneelBeheerder])
        .await;
    let werkplek = app.page(&beheer, "/werkplek").await;
    assert!(werkplek.contains("href=\"/werkplek/printwachtrij\""));
    let lijst = app.page(&beheer, "/werkplek/printwachtrij").await;
    assert!(lijst.contains(&dossier.zaak_identificatie), "{lijst}");
    assert!(lijst.contains("Inwoner van Haarlem"), "{lijst}");
    assert!(lijst.contains("Beschikking (besluit op de aanvraag)"));
    assert!(
        !lijst.contains(haarlem.inwoner.bsn.as_str()),
        "no BSN on the list"
    );
    let open = printwachtrij::voor_zaak(&app.db, &scope, &dossier.zaak_id)
        .await
        .unwrap();
    assert_eq!(open.len(), 1);
    let id = &open[0].id;

    // Other roles are refused, and another gemeente sees nothing.
    let (_, consulent) = app
        .medewerker(&haarlem, "haarlem.consulent", &[Rol::Inkomensconsulent])
        .await;
    let (_, e_beheer) = app
        .medewerker(&enschede, "enschede.beheer", &[Rol::FunctioneelBeheerder])
        .await;
    let zaak_pad = format!("/werkplek/zaken/{}", dossier.zaak_id);
    let zaak = app.page(&consulent, &zaak_pad).await;
    assert!(zaak.contains("nog per post te versturen"), "{zaak}");
    let pdf_pad = format!("/werkplek/printwachtrij/{id}/brief");
    let verzonden_pad = format!("/werkplek/printwachtrij/{id}/verzonden");
    for pad in ["/werkplek/printwachtrij", pdf_pad.as_str()] {
        let res = app
            .client
            .get(app.url(pad))
            .bearer_auth(&consulent)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{pad}");
    }
    assert_eq!(app.post_form(&consulent, &verzonden_pad, &[]).await.0, 403);
    let e_lijst = app.page(&e_beheer, "/werkplek/printwachtrij").await;
    assert!(!e_lijst.contains(&dossier.zaak_identificatie));
    assert!(!e_lijst.contains("Inwoner van Haarlem"));
    assert!(e_lijst.contains("Er wachten geen brieven."));
    let res = app
        .client
        .get(app.url(&pdf_pad))
        .bearer_auth(&e_beheer)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(app.post_form(&e_beheer, &verzonden_pad, &[]).await.0, 404);

    // Functioneel beheer downloads the PDF…
    let res = app
        .client
        .get(app.url(&pdf_pad))
        .bearer_auth(&beheer)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF-"));

    // …and records that it was posted: who and when.
    let (status, _) = app.post_form(&beheer, &verzonden_pad, &[]).await;
    assert_eq!(status, 303);
    let lijst = app
        .page(&beheer, "/werkplek/printwachtrij?verzonden=1")
        .await;
    assert!(lijst.contains("Vastgelegd: de brief is verstuurd."));
    assert!(lijst.contains("Er wachten geen brieven."), "{lijst}");
    assert!(lijst.contains("haarlem.beheer"), "who posted it: {lijst}");
    let na = printwachtrij::voor_zaak(&app.db, &scope, &dossier.zaak_id)
        .await
        .unwrap();
    let eerste = na[0].verzonden_op.clone().expect("posted");
    let zaak = app.page(&consulent, &zaak_pad).await;
    assert!(zaak.contains("per post verstuurd op "), "{zaak}");
    // Posting again keeps the first date (the bezwaar term runs from it).
    assert_eq!(app.post_form(&beheer, &verzonden_pad, &[]).await.0, 303);
    let weer = printwachtrij::voor_zaak(&app.db, &scope, &dossier.zaak_id)
        .await
        .unwrap();
    assert_eq!(weer[0].verzonden_op.as_deref(), Some(eerste.as_str()));

    // Queued, listed twice, downloaded, posted once: all logged.
    assert_eq!(
        logboek::count(&app.db, &scope, &logboek::BRIEF_VERSTUREN)
            .await
            .unwrap(),
        5
    );
    // Nothing of Haarlem in Enschede's log.
    let e_scope = Scope::system(enschede.code, "test");
    assert_eq!(
        logboek::count(&app.db, &e_scope, &logboek::BRIEF_VERSTUREN)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn with_consent_the_letter_stays_online_only() {
    let app = TestApp::spawn().await;
    let (haarlem, _) = twee_gemeenten(&app).await;
    let scope = Scope::system(haarlem.code, "test");
    let cookie = app.resident_cookie(&haarlem).await;
    kies(&app, &cookie, "online").await;
    let dossier = app.dossier(&haarlem).await;
    afwijzen(&app.db, &scope, &dossier.zaak_id).await;

    // The letter is there, in the resident's portal…
    let zaak = portaal_get(
        &app,
        &cookie,
        &format!("/portaal/zaken/{}", dossier.zaak_id),
    )
    .await;
    assert!(zaak.contains("Brief met ons besluit (PDF)"), "{zaak}");
    // …and not in the print queue.
    assert!(
        printwachtrij::voor_zaak(&app.db, &scope, &dossier.zaak_id)
            .await
            .unwrap()
            .is_empty()
    );
    let token = app.login(&haarlem.user).await;
    let lijst = app.page(&token, "/werkplek/printwachtrij").await;
    assert!(!lijst.contains(&dossier.zaak_identificatie));

    // Withdrawn: the next letter goes by post again.
    kies(&app, &cookie, "post").await;
    let tweede = app.dossier(&haarlem).await;
    afwijzen(&app.db, &scope, &tweede.zaak_id).await;
    assert_eq!(
        printwachtrij::voor_zaak(&app.db, &scope, &tweede.zaak_id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn the_choice_at_the_end_of_the_application_counts() {
    let app = TestApp::spawn().await;
    let (haarlem, _) = twee_gemeenten(&app).await;
    let scope = Scope::system(haarlem.code, "test");
    let cookie = app.resident_cookie(&haarlem).await;
    // The question is on the last step, and may be left open.
    let res = app
        .client
        .get(app.url(&format!(
            "/portaal/aanvraag/{}/verklaring",
            app.dossier(&haarlem).await.concept_id
        )))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    let stap = res.text().await.unwrap();
    assert!(
        stap.contains("Hoe wilt u brieven met een besluit krijgen? (niet verplicht)"),
        "{stap}"
    );
    assert!(stap.contains("value=\"online\""));

    let mut antwoorden = common::volledige_antwoorden();
    antwoorden["besluiten_online"] = json!("online");
    let concept = gbi_store::portaal::create_concept(
        &app.db,
        &scope,
        &haarlem.inwoner.bsn,
        "ALO",
        "digitaal",
        None,
        &antwoorden,
    )
    .await
    .unwrap();
    let wie = gbi_zaken::indienen::Indiener {
        naam_aanvrager: haarlem.inwoner.naam.clone(),
        geboortedatum: None,
        gemachtigde: None,
        medewerker: None,
    };
    let (zaak, _) = gbi_zaken::indienen::indienen(
        &app.db,
        &scope,
        &concept,
        wie,
        gbi_domain::today_amsterdam(),
    )
    .await
    .unwrap();
    let page = portaal_get(&app, &cookie, "/portaal/elektronisch").await;
    assert!(page.contains("U krijgt brieven met een besluit alleen online."));
    assert!(page.contains("U koos dit in uw aanvraag op "), "{page}");
    afwijzen(&app.db, &scope, &zaak.id).await;
    assert!(
        printwachtrij::voor_zaak(&app.db, &scope, &zaak.id)
            .await
            .unwrap()
            .is_empty()
    );
}

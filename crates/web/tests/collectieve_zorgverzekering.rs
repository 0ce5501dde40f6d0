//! The collective supplementary health insurance (art. 35-3) through its
//! real surfaces: a resident signs up in the portal (wrong input is refused
//! naming the field, and nothing is stored), sees and stops the sign-up;
//! staff list the sign-ups and export the insurer's file, each gemeente
//! only its own; every read and write is in the processing log.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Tenant, TestApp};
use gbi_domain::{Bsn, Rol, today_amsterdam};
use gbi_rules::regelingen::zorgverzekering::Zorgverzekering;
use gbi_store::zorgverzekering::{self as opslag, Doel};
use gbi_store::{Scope, logboek};

const PAD: &str = "/portaal/collectieve-zorgverzekering";
const PARTNER: &str = "999990019";

async fn get(app: &TestApp, token: &str, pad: &str) -> (u16, String, String) {
    let res = app
        .client
        .get(app.url(pad))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let soort = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, soort, res.text().await.unwrap())
}

async fn aantal(app: &TestApp, t: &Tenant) -> usize {
    let scope = Scope::system(t.code, "test");
    opslag::lijst(&app.db, &scope, Doel::Inzien, "test")
        .await
        .unwrap()
        .len()
}

/// The export with what changes per run replaced: the id and the dates.
fn redact(csv: &str) -> String {
    let ingang = Zorgverzekering::ingangsdatum(today_amsterdam()).to_string();
    let einde = Zorgverzekering::einddatum(today_amsterdam()).to_string();
    let vandaag = today_amsterdam().to_string();
    csv.split("\r\n")
        .map(|regel| {
            let mut v: Vec<String> = regel.split(';').map(str::to_owned).collect();
            if v.len() == 11 && v[0] != "gemeente_code" {
                assert_eq!(v[1].len(), 36, "{regel}");
                v[1] = "[id]".into();
                assert_eq!(v[8], ingang, "{regel}");
                v[8] = "[ingangsdatum]".into();
                if !v[9].is_empty() {
                    assert_eq!(v[9], einde, "{regel}");
                    v[9] = "[einddatum]".into();
                }
                assert_eq!(v[10], vandaag, "{regel}");
                v[10] = "[vandaag]".into();
            }
            v.join(";")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn sign_up_export_and_stop() {
    let app = TestApp::spawn().await;
    let haarlem = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::FunctioneelBeheerder])
        .await;
    let enschede = app
        .tenant("0153", "Enschede", "999991723", &[Rol::Teamleider])
        .await;
    let cookie = app.resident_cookie(&haarlem).await;

    // The page explains it, with Haarlem's limit and packages.
    let pagina = app.inwoner_page(&cookie, PAD).await;
    for tekst in [
        "Zorgverzekering via de gemeente",
        "Zorgverzekeraar Kennemerland (demo)",
        "niet hoger dan 130% van de bijstandsnorm",
        "GemeentePolis Basis",
        "GemeentePolis Top",
        "<span class=\"gbi-nowrap\">€ 9,50</span> per maand",
        "BSN van uw partner (niet verplicht)",
    ] {
        assert!(pagina.contains(tekst), "{tekst}\n{pagina}");
    }
    assert!(!pagina.contains("Minimapolis"));

    // Wrong input: a Dutch message naming the field, and nothing stored.
    for (form, verwacht) in [
        (
            vec![("verklaring", "ja")],
            vec!["Pakket: kies een van de pakketten."],
        ),
        (
            vec![("pakket", "basis")],
            vec!["Verklaring over uw inkomen: zet een vinkje"],
        ),
        (
            vec![("pakket", "compact"), ("verklaring", "ja")],
            vec!["Pakket: kies een van de pakketten."],
        ),
        (
            vec![
                ("pakket", "basis"),
                ("partner_bsn", "12345"),
                ("verklaring", "ja"),
            ],
            vec!["BSN van uw partner: Een burgerservicenummer heeft precies 9 cijfers."],
        ),
        (
            vec![
                ("pakket", "basis"),
                ("partner_bsn", "999990010"),
                ("verklaring", "ja"),
            ],
            vec!["BSN van uw partner: Dit burgerservicenummer bestaat niet."],
        ),
        (
            vec![
                ("pakket", "basis"),
                ("partner_bsn", "999993549"),
                ("verklaring", "ja"),
            ],
            vec!["BSN van uw partner: dit is uw eigen BSN."],
        ),
        (
            vec![("partner_bsn", "abc")],
            vec![
                "Pakket: kies",
                "BSN van uw partner: Een burgerservicenummer",
                "Verklaring over uw inkomen",
            ],
        ),
    ] {
        let (status, body) = app.inwoner_post(&cookie, PAD, &form).await;
        assert_eq!(status, 400, "{form:?}");
        for v in verwacht {
            assert!(body.contains(v), "{v}\n{body}");
        }
        assert!(body.contains("Uw aanmelding is nog niet verstuurd."));
        assert_eq!(aantal(&app, &haarlem).await, 0, "{form:?}");
    }
    // What was typed stays in the form.
    let (_, body) = app
        .inwoner_post(
            &cookie,
            PAD,
            &[("pakket", "extra"), ("partner_bsn", "12345")],
        )
        .await;
    assert!(body.contains("value=\"extra\" checked"), "{body}");
    assert!(body.contains("value=\"12345\""), "{body}");

    // Signing up, with the partner.
    let (status, _) = app
        .inwoner_post(
            &cookie,
            PAD,
            &[
                ("pakket", "extra"),
                ("partner_bsn", PARTNER),
                ("verklaring", "ja"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let pagina = app
        .inwoner_page(&cookie, &format!("{PAD}?klaar=aangemeld"))
        .await;
    assert!(pagina.contains("U bent aangemeld."), "{pagina}");
    assert!(pagina.contains("GemeentePolis Extra"));
    assert!(pagina.contains(&format!("Ook verzekerd (BSN {PARTNER})")));
    assert!(!pagina.contains("Welk pakket kiest u?"));
    // One active sign-up: a second one is not stored.
    let (status, _) = app
        .inwoner_post(&cookie, PAD, &[("pakket", "top"), ("verklaring", "ja")])
        .await;
    assert_eq!(status, 303);
    assert_eq!(aantal(&app, &haarlem).await, 1);

    // The partner, logged in, sees they are insured and cannot stop it.
    let partner = Bsn::parse(PARTNER).unwrap();
    let token =
        gbi_store::portaal::inwoner_login(&app.db, &haarlem.code, &partner, "Partner", None)
            .await
            .unwrap();
    let partner_cookie = format!("gbi_inwoner={token}");
    let pagina = app.inwoner_page(&partner_cookie, PAD).await;
    assert!(pagina.contains("U bent verzekerd als partner"), "{pagina}");
    assert!(!pagina.contains("/afmelden"));
    let (status, _) = app
        .inwoner_post(&partner_cookie, &format!("{PAD}/afmelden"), &[])
        .await;
    assert_eq!(status, 303);
    let (status, _) = app
        .inwoner_post(
            &partner_cookie,
            PAD,
            &[("pakket", "basis"), ("verklaring", "ja")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(aantal(&app, &haarlem).await, 1);

    // Enschede's resident signs up for Enschede's package.
    let cookie_enschede = app.resident_cookie(&enschede).await;
    let pagina = app.inwoner_page(&cookie_enschede, PAD).await;
    assert!(pagina.contains("niet hoger dan 120% van de bijstandsnorm"));
    let (status, _) = app
        .inwoner_post(
            &cookie_enschede,
            PAD,
            &[("pakket", "compact"), ("verklaring", "ja")],
        )
        .await;
    assert_eq!(status, 303);

    // Staff of Haarlem: the list and the file, only Haarlem's.
    let beheer = app.login(&haarlem.user).await;
    let (status, _, lijst) = get(&app, &beheer, "/werkplek/collectieve-zorgverzekering").await;
    assert_eq!(status, 200);
    assert!(lijst.contains("Inwoner van Haarlem"), "{lijst}");
    assert!(
        lijst.contains("1 actieve aanmelding(en), 2 verzekerde(n)"),
        "{lijst}"
    );
    assert!(!lijst.contains("Inwoner van Enschede"));
    assert!(lijst.contains("/werkplek/collectieve-zorgverzekering/export"));
    let (status, soort, csv) = get(
        &app,
        &beheer,
        "/werkplek/collectieve-zorgverzekering/export",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(soort, "text/csv; charset=utf-8");
    assert!(!csv.starts_with('\u{feff}'));
    assert!(!csv.contains("999991723"));
    insta::assert_snapshot!("export_haarlem", redact(&csv));

    let (_, _, csv_enschede) = get(
        &app,
        &app.login(&enschede.user).await,
        "/werkplek/collectieve-zorgverzekering/export",
    )
    .await;
    assert!(csv_enschede.contains("0153;"), "{csv_enschede}");
    assert!(
        csv_enschede.contains(";999991723;Inwoner van Enschede;compact;Minimapolis Compact;800;")
    );
    assert!(!csv_enschede.contains("999993549") && !csv_enschede.contains(PARTNER));
    assert_eq!(csv_enschede.lines().count(), 2);

    // The klantcontactcentrum sees the list but makes no file.
    let (_, kcc) = app
        .medewerker(&haarlem, "haarlem.kcc", &[Rol::Klantcontactcentrum])
        .await;
    let (status, _, lijst) = get(&app, &kcc, "/werkplek/collectieve-zorgverzekering").await;
    assert_eq!(status, 200);
    assert!(!lijst.contains("/werkplek/collectieve-zorgverzekering/export"));
    let (status, _, _) = get(&app, &kcc, "/werkplek/collectieve-zorgverzekering/export").await;
    assert_eq!(status, 403);

    // Stopping: the page offers signing up again; the file ends both.
    let (status, _) = app
        .inwoner_post(&cookie, &format!("{PAD}/afmelden"), &[])
        .await;
    assert_eq!(status, 303);
    let pagina = app
        .inwoner_page(&cookie, &format!("{PAD}?klaar=afgemeld"))
        .await;
    assert!(pagina.contains("U bent afgemeld."), "{pagina}");
    assert!(pagina.contains("Welk pakket kiest u?"));
    let (_, _, csv) = get(
        &app,
        &beheer,
        "/werkplek/collectieve-zorgverzekering/export",
    )
    .await;
    insta::assert_snapshot!("export_haarlem_afgemeld", redact(&csv));
    let (_, _, lijst) = get(&app, &beheer, "/werkplek/collectieve-zorgverzekering").await;
    assert!(lijst.contains("Er zijn geen actieve aanmeldingen."));
    assert!(lijst.contains("1 gestopte aanmelding(en)"));
    // Signing up again is possible after stopping.
    let (status, _) = app
        .inwoner_post(&cookie, PAD, &[("pakket", "basis"), ("verklaring", "ja")])
        .await;
    assert_eq!(status, 303);
    assert_eq!(aantal(&app, &haarlem).await, 2);

    // The processing log: the resident and the partner, for every step.
    let scope = Scope::system(haarlem.code, "test");
    let records = logboek::list(&app.db, &scope, Some(&partner), None, 100)
        .await
        .unwrap();
    let activiteiten: Vec<(&str, &str)> = records
        .iter()
        .filter(|r| r.verwerkingsactiviteit.starts_with("gbi.zorgverzekering."))
        .map(|r| (r.verwerkingsactiviteit.as_str(), r.handeling.as_str()))
        .collect();
    for verwacht in [
        ("gbi.zorgverzekering.aanmelden", "schrijven"),
        ("gbi.zorgverzekering.aanmelden", "lezen"),
        ("gbi.zorgverzekering.inzien", "lezen"),
        ("gbi.zorgverzekering.exporteren", "lezen"),
    ] {
        assert!(
            activiteiten.contains(&verwacht),
            "{verwacht:?}: {activiteiten:?}"
        );
    }
    // Sign-up and stop: two writes about the partner; two exports.
    let n = |a: &str, h: &str| activiteiten.iter().filter(|x| **x == (a, h)).count();
    assert_eq!(n("gbi.zorgverzekering.aanmelden", "schrijven"), 2);
    assert_eq!(n("gbi.zorgverzekering.exporteren", "lezen"), 2);
    // Enschede's log has nothing about Haarlem's partner.
    let scope_enschede = Scope::system(enschede.code, "test");
    let elders = logboek::list(&app.db, &scope_enschede, Some(&partner), None, 100)
        .await
        .unwrap();
    assert!(
        elders
            .iter()
            .all(|r| !r.verwerkingsactiviteit.starts_with("gbi.zorgverzekering."))
    );
    assert!(
        logboek::count(&app.db, &scope_enschede, &opslag::EXPORTEREN)
            .await
            .unwrap()
            == 1
    );
}

#[tokio::test]
async fn the_public_page_shows_each_gemeentes_own_insurance() {
    let app = TestApp::spawn().await;
    app.tenant("0392", "Haarlem", "999993549", &[Rol::Intake])
        .await;
    app.tenant("0153", "Enschede", "999991723", &[Rol::Intake])
        .await;
    let tekst = |pad: &'static str| {
        let app = &app;
        async move {
            let res = app.client.get(app.url(pad)).send().await.unwrap();
            assert_eq!(res.status(), 200);
            res.text().await.unwrap()
        }
    };
    let haarlem = tekst("/regelingen/0392").await;
    let enschede = tekst("/regelingen/0153").await;
    assert!(haarlem.contains("Zorgverzekering via de gemeente"));
    assert!(haarlem.contains("Zorgverzekeraar Kennemerland (demo)"));
    assert!(haarlem.contains("niet hoger is dan 130% van de bijstandsnorm"));
    assert!(haarlem.contains("<strong>GemeentePolis Top</strong>"));
    assert!(enschede.contains("Zorgverzekeraar Twente (demo)"));
    assert!(enschede.contains("niet hoger is dan 120% van de bijstandsnorm"));
    assert!(enschede.contains("<strong>Minimapolis Uitgebreid</strong>"));
    assert!(!enschede.contains("GemeentePolis"));
    assert!(haarlem.contains("href=\"/portaal/collectieve-zorgverzekering\""));
}

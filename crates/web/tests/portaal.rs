//! The resident portal through HTTP: a resident applies, uploads, submits
//! (twice: one zaak), and sees only their own zaken; a gemachtigde sees only
//! the zaak they applied for, and only after staff confirmed the machtiging.
//! Submodules: requests that reveal nothing (`machtiging`), and staff with
//! documents and drafts (`werkplek`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "portaal/afscherming.rs"]
mod afscherming;
mod common;
#[path = "portaal/machtiging.rs"]
mod machtiging;
#[path = "portaal/prefill.rs"]
mod prefill;
#[path = "portaal/werkplek.rs"]
mod werkplek;

pub(crate) use prefill::Brp;

use common::TestApp;
use common::aanvraag::{get, invullen as fill_in, post};
use gbi_domain::Rol;

/// A staff page (bearer token); must answer 200.
async fn staff_get(app: &TestApp, token: &str, path: &str) -> String {
    let res = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

/// A staff form post (a real form body); returns (status, the redirect's
/// location, or else the body).
async fn staff_post(
    app: &TestApp,
    token: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let res = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .header("origin", &app.base)
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    match res.headers().get("location") {
        Some(l) => (status, l.to_str().unwrap().to_owned()),
        None => (status, res.text().await.unwrap()),
    }
}

#[tokio::test]
async fn a_resident_applies_and_submitting_twice_makes_one_zaak() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant_with(
            "0392",
            "Haarlem",
            "999993549",
            &[Rol::Inkomensconsulent],
            true,
        )
        .await;
    let cookie = app.resident_cookie(&t).await;

    let res = app
        .client
        .get(app.url("/portaal/aanvraag"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let step1 = res.headers()["location"].to_str().unwrap().to_owned();
    let basis = step1.trim_end_matches("/situatie").to_owned();

    // A wrong answer gets its message next to the field, and nothing is lost.
    let (status, _) = post(
        &app,
        &cookie,
        &format!("{basis}/bank"),
        &[
            ("iban", "NL00 FOUT"),
            ("email", "jan@example.nl"),
            ("knop", "verder"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    let (_, page) = get(&app, &cookie, &format!("{basis}/bank")).await;
    assert!(
        page.contains("value=\"jan@example.nl\""),
        "the draft kept the answer"
    );

    // Amounts and dates as people type them (issue 15): "450.00" is
    // € 450,00, never € 45.000,00; a date in Dutch order is read and shown
    // back that way; what could be read two ways is refused, naming how.
    let (status, _) = post(
        &app,
        &cookie,
        &format!("{basis}/situatie"),
        &[
            ("reden", "baan_kwijt"),
            ("ingangsdatum", "1-7-2026"),
            ("knop", "later"),
        ],
    )
    .await;
    assert!(status == 303 || status == 400, "{status}");
    let (_, page) = get(&app, &cookie, &format!("{basis}/situatie")).await;
    assert!(
        page.contains("value=\"1-7-2026\""),
        "the date is shown in Dutch order"
    );
    assert!(
        !page.contains("inputmode=\"numeric\""),
        "a phone keyboard with a \"-\""
    );
    for (bedrag, goed) in [
        ("450.5", false),
        ("99999999999", false),
        ("€ 450", true),
        ("450.00", true),
    ] {
        let res = app
            .client
            .post(app.url(&format!("{basis}/werk")))
            .header("cookie", &cookie)
            .header("origin", &app.base)
            .form(&[
                ("heeft_werk", "ja"),
                ("verwacht_inkomen", bedrag),
                ("partner_werk", "geen_partner"),
                ("ander_inkomen", "nee"),
                ("knop", "verder"),
            ])
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let page = res.text().await.unwrap();
        assert_eq!(status == 303, goed, "{bedrag}: {status} {page}");
        if !goed {
            assert!(
                page.contains("schrijf zo: 1250,00")
                    || page.contains("zo: 1250,00 of 1.250,00")
                    || page.contains("Bedoelt u 450,50? Schrijf een bedrag met een komma"),
                "{bedrag}: the field says how to write it:\n{page}"
            );
            assert!(
                page.contains("href=\"#veld-verwacht_inkomen\">Hoeveel verdient u ongeveer per maand, na belasting?"),
                "{bedrag}: the error summary names the question:\n{page}"
            );
        }
    }
    // "Verder met mijn aanvraag" resumes where the resident was going: the
    // step after "werk", the last one they completed.
    let res = app
        .client
        .get(app.url("/portaal/aanvraag"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("{basis}/vermogen")
    );
    let (_, start) = get(&app, &cookie, "/portaal").await;
    assert!(start.contains("Verder met mijn aanvraag"), "{start}");

    let (_, overzicht) = get(&app, &cookie, &format!("{basis}/verklaring")).await;
    assert!(
        overzicht.contains("€ 450,00") && !overzicht.contains("€ 45.000,00"),
        "450.00 is read as € 450,00"
    );

    // Upload: a PDF is accepted, an executable is not.
    let pdf =
        reqwest::multipart::Part::bytes(b"%PDF-1.4\n1 0 obj\n".to_vec()).file_name("afschrift.pdf");
    let form = reqwest::multipart::Form::new()
        .text("soort", "bankafschrift")
        .part("bestand", pdf);
    let res = app
        .client
        .post(app.url(&format!("{basis}/documenten")))
        .header("cookie", &cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let exe = reqwest::multipart::Part::bytes(b"MZ\x90\x00binary".to_vec()).file_name("virus.pdf");
    let form = reqwest::multipart::Form::new()
        .text("soort", "bankafschrift")
        .part("bestand", exe);
    let res = app
        .client
        .post(app.url(&format!("{basis}/documenten")))
        .header("cookie", &cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Stuur een PDF, JPG of PNG")
    );

    let (status, zaak_url) = fill_in(&app, &cookie, &basis).await;
    assert_eq!(status, 303);
    assert!(
        zaak_url.starts_with("/portaal/zaken/") && zaak_url.ends_with("?nieuw=1"),
        "{zaak_url}"
    );
    let (_, confirmation) = get(&app, &cookie, &zaak_url).await;
    assert!(
        confirmation.contains("Uw zaaknummer is <strong>ALO-0392-"),
        "{confirmation}"
    );
    assert!(confirmation.contains("U hoort uiterlijk"));
    assert!(confirmation.contains("afschrift.pdf"));

    // The ontvangstbewijs: a PDF with the zaak number, the answers and the
    // documents, for the resident's own records.
    let zaak_path = zaak_url.split('?').next().unwrap();
    assert!(
        confirmation.contains(&format!("href=\"{zaak_path}/ontvangstbewijs\"")),
        "{confirmation}"
    );
    let res = app
        .client
        .get(app.url(&format!("{zaak_path}/ontvangstbewijs")))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let pad = std::env::temp_dir().join(format!("gbi-ontvangst-{}.pdf", std::process::id()));
    std::fs::write(&pad, &pdf).unwrap();
    if let Ok(uit) = std::process::Command::new("pdftotext")
        .arg(&pad)
        .arg("-")
        .output()
    {
        let tekst = String::from_utf8_lossy(&uit.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            tekst.contains("Bewijs van ontvangst van uw aanvraag ALO-0392-"),
            "{tekst}"
        );
        assert!(tekst.contains("afschrift.pdf"), "{tekst}");
        assert!(tekst.contains("€ 1.250,00"), "the answers: {tekst}");
    }
    std::fs::remove_file(&pad).ok();

    // The same submission again (double click, replayed request): the same zaak.
    let (status, again) = post(
        &app,
        &cookie,
        &format!("{basis}/verklaring"),
        &[("verklaring", "ja"), ("knop", "verder")],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(again.split('?').next(), zaak_url.split('?').next());
    let (_, list) = get(&app, &cookie, "/portaal/zaken").await;
    assert_eq!(
        list.matches("Aanvraag bijstand ALO-0392-").count(),
        1,
        "{list}"
    );

    // The resident's inbox has the confirmation; the demo mailbox has an e-mail without personal data.
    let (_, inbox) = get(&app, &cookie, "/portaal/berichten").await;
    assert!(inbox.contains("Wij hebben uw aanvraag ontvangen"));
    let (_, mailbox) = get(&app, "", "/demo/mailbox").await;
    assert!(mailbox.contains("Er staat een bericht voor u klaar"));
    // The gemeente's name, a link to the inbox, and its signature.
    assert!(
        mailbox.contains("Gemeente Haarlem: Er staat een bericht voor u klaar"),
        "{mailbox}"
    );
    assert!(mailbox.contains("/portaal/berichten"), "{mailbox}");
    assert!(
        mailbox.contains("Team Inkomen\nGemeente Haarlem"),
        "{mailbox}"
    );
    assert!(
        !mailbox.contains("999993549") && !mailbox.contains("Inwoner van Haarlem"),
        "no personal data in e-mail"
    );
}

//! Proposals that make no sense are refused through the werkplek forms, and
//! a reviewer reads what they approve: the defects of issue 13, through
//! HTTP. A toekenning of −€ 5,00 (or zero, or absurd), an ingangsdatum of
//! 0001-01-01 or 9999-12-31, a hersteltermijn until 9999-12-31: each is a
//! 400 naming the field, and nothing is stored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::{Rol, ZaakStatus};
use gbi_store::{Scope, besluiten, zaken};

#[tokio::test]
async fn nonsense_is_refused_and_the_reviewer_reads_the_proposal_in_words() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::FunctioneelBeheerder])
        .await;
    let dossier = app.dossier(&t).await;
    let scope = Scope::system(t.code, "test");
    let (_, consulent) = app
        .medewerker(&t, "kees.consulent", &[Rol::Inkomensconsulent])
        .await;
    let (_, kwaliteit) = app
        .medewerker(&t, "karin.kwaliteit", &[Rol::Kwaliteitsmedewerker])
        .await;
    let zaak = format!("/werkplek/zaken/{}", dossier.zaak_id);
    let besluit = format!("{zaak}/besluit");
    let vandaag = gbi_domain::today_amsterdam().to_string();

    for (bedrag, ingang, veld) in [
        (
            "-5,00",
            vandaag.as_str(),
            "Vul een bedrag in dat groter is dan € 0,00",
        ),
        (
            "0",
            vandaag.as_str(),
            "Vul een bedrag in dat groter is dan € 0,00",
        ),
        ("99999999999", vandaag.as_str(), "te hoog om te kloppen"),
        ("50.000,00", vandaag.as_str(), "te hoog voor bijstand"),
        ("1.088,05", "0001-01-01", "niet eerder ingaan"),
        ("1.088,05", "9999-12-31", "te ver in de toekomst"),
    ] {
        let (status, body) = app
            .post_form(
                &consulent,
                &besluit,
                &[
                    ("soort", "toekenning"),
                    ("ingangsdatum", ingang),
                    ("bedrag", bedrag),
                ],
            )
            .await;
        assert_eq!(status, 400, "{bedrag} {ingang}: {body}");
        assert!(body.contains(veld), "{bedrag} {ingang}: {body}");
        // The zaak page comes back with the form open, the message at its
        // field and everything typed kept.
        assert!(
            body.contains("<details open><summary>Besluit voorstellen"),
            "{body}"
        );
        assert!(body.contains(&format!(r#"value="{bedrag}""#)), "{body}");
        assert!(body.contains(&format!(r#"value="{ingang}""#)), "{body}");
        assert!(
            body.contains(r#"id="soort-toekenning" name="soort" value="toekenning" checked"#),
            "{body}"
        );
        let veld_id = if veld.contains("ingaan") || veld.contains("toekomst") {
            "ingangsdatum"
        } else {
            "bedrag"
        };
        assert!(body.contains(&format!(r##"href="#{veld_id}""##)), "{body}");
        assert!(
            body.contains(&format!(r#"aria-describedby="{veld_id}-fout" autofocus"#)),
            "{body}"
        );
    }
    let (status, body) = app
        .post_form(
            &consulent,
            &format!("{zaak}/hersteltermijn"),
            &[("document", "loonstrook"), ("deadline", "9999-12-31")],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("hoogstens zes weken"), "{body}");
    assert!(body.contains(r#"value="9999-12-31""#), "{body}");
    assert!(
        body.contains(r#"name="document" value="loonstrook" checked"#),
        "{body}"
    );
    assert!(
        body.contains("<details open><summary>Informatie opvragen"),
        "{body}"
    );
    // Nothing was stored, nothing changed.
    assert!(
        besluiten::voor_zaak(&app.db, &scope, &dossier.zaak_id)
            .await
            .unwrap()
            .is_empty()
    );
    let z = zaken::get(&app.db, &scope, &dossier.zaak_id, "t")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(z.status, ZaakStatus::Ontvangen);

    // A sound proposal; the reviewer reads it in words, not as JSON in cents.
    let (status, body) = app
        .post_form(
            &consulent,
            &besluit,
            &[
                ("soort", "toekenning"),
                ("ingangsdatum", &vandaag),
                ("bedrag", "1.088,05"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    let pagina = zaakpagina(&app, &zaak, &kwaliteit).await;
    let voorstel = voorstel_op(&pagina);
    assert!(voorstel.contains("Toekenning van bijstand"), "{voorstel}");
    assert!(voorstel.contains("€ 1.088,05"), "{voorstel}");
    assert!(
        voorstel.contains(&gbi_domain::date::dutch_date(gbi_domain::today_amsterdam())),
        "{voorstel}"
    );
    assert!(
        voorstel.contains("artikel 17 Participatiewet"),
        "{voorstel}"
    );
    assert!(!pagina.contains("bedrag_per_maand") && !pagina.contains("108805"));
    assert!(pagina.contains("action=\"/werkplek/zaken/") && pagina.contains("/beoordeling\""));
    // A second proposal while one waits is refused by the state (409).
    let (status, _) = app
        .post_form(
            &consulent,
            &besluit,
            &[("soort", "afwijzing"), ("toelichting", "Geen recht")],
        )
        .await;
    assert_eq!(status, 409);
}

/// An afwijzing names its ground from the law (Awb 3:46), and a toekenning
/// that starts after the melding is a partial refusal that needs its reason
/// (art. 44-1): both through the werkplek form.
#[tokio::test]
async fn an_afwijzing_names_its_ground_and_a_later_start_its_reason() {
    let app = TestApp::spawn().await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::FunctioneelBeheerder])
        .await;
    let dossier = app.dossier(&t).await;
    let (_, consulent) = app
        .medewerker(&t, "kees.consulent", &[Rol::Inkomensconsulent])
        .await;
    let (_, kwaliteit) = app
        .medewerker(&t, "karin.kwaliteit", &[Rol::Kwaliteitsmedewerker])
        .await;
    let zaak = format!("/werkplek/zaken/{}", dossier.zaak_id);
    let besluit = format!("{zaak}/besluit");
    let later = (gbi_domain::today_amsterdam() + chrono::Duration::days(10)).to_string();

    // The form offers the grounds with their article.
    let res = app
        .client
        .get(app.url(&zaak))
        .bearer_auth(&consulent)
        .send()
        .await
        .unwrap();
    let pagina = res.text().await.unwrap();
    assert!(
        pagina.contains("name=\"grond\" value=\"vermogen\""),
        "{pagina}"
    );
    assert!(pagina.contains("Woont niet in de gemeente (art. 40)"));

    for (form, verwacht) in [
        (
            vec![("soort", "afwijzing"), ("toelichting", "Te veel spaargeld")],
            "Kies de reden van de afwijzing",
        ),
        (
            vec![("soort", "afwijzing"), ("grond", "maanlanding")],
            "Onbekende reden",
        ),
        (
            vec![
                ("soort", "toekenning"),
                ("ingangsdatum", later.as_str()),
                ("bedrag", "1.088,05"),
            ],
            "artikel 44, eerste lid",
        ),
    ] {
        let (status, body) = app.post_form(&consulent, &besluit, &form).await;
        assert_eq!(status, 400, "{form:?}: {body}");
        assert!(body.contains(verwacht), "{form:?}: {body}");
    }

    let (status, body) = app
        .post_form(
            &consulent,
            &besluit,
            &[
                ("soort", "afwijzing"),
                ("grond", "vermogen"),
                ("grond", "woonplaats"),
                (
                    "toelichting",
                    "U heeft € 12.000,00 spaargeld en woont in Zandvoort.",
                ),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    let pagina = zaakpagina(&app, &zaak, &kwaliteit).await;
    let voorstel = voorstel_op(&pagina);
    for verwacht in [
        "Afwijzing",
        "Uw vermogen is hoger dan de vermogensgrens.",
        "Participatiewet art. 19, eerste lid, onderdeel b, en art. 34",
        "Participatiewet art. 40, eerste lid",
        "U heeft € 12.000,00 spaargeld en woont in Zandvoort.",
    ] {
        assert!(voorstel.contains(verwacht), "{verwacht:?}: {voorstel}");
    }
}

/// The zaak page as the reviewer sees it.
async fn zaakpagina(app: &TestApp, zaak: &str, token: &str) -> String {
    let res = app
        .client
        .get(app.url(zaak))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    res.text().await.unwrap()
}

/// The proposal block (`<dl id="voorstel">`) of a zaak page.
fn voorstel_op(pagina: &str) -> &str {
    pagina
        .split("id=\"voorstel\"")
        .nth(1)
        .and_then(|r| r.split("</dl>").next())
        .unwrap_or_else(|| panic!("no proposal on the page:\n{pagina}"))
}

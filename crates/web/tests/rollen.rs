//! Every route of the table, for every staff role, for a resident and for
//! nobody, with a body the handler would accept: the outcome is the one this
//! file expects. The expectations are written here, apart from the route
//! table, so a route added without a rule makes this test fail, and a rule
//! that is not enforced does too.
//!
//! "Allowed" means the request reached its handler: not 401, 403, 405, 415,
//! 422, not a redirect to a login page, and not a server error. "Refused"
//! means 403 (a staff member without the role) or the login (no session).
//! Each refusal is checked against the same request by someone allowed, so
//! a route that refuses everyone fails too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use common::walk::{Body, Fixture, body, fill, met_body};
use gbi_domain::Rol;
use gbi_web::routes::table;
use reqwest::Method;
use serde_json::json;
use std::collections::HashMap;

/// Who may use a route, as this test expects it.
#[derive(Debug, Clone, Copy)]
enum Wie {
    Iedereen,
    Medewerkers(&'static [Rol]),
    Inwoner,
}

use Rol::*;
const ALLE: &[Rol] = &Rol::ALL;
const ZAAK: &[Rol] = &[
    Intake,
    Inkomensconsulent,
    Kwaliteitsmedewerker,
    Teamleider,
    Klantcontactcentrum,
];
const LOOPLIJST: &[Rol] = &[Buurtteam, Teamleider, FunctioneelBeheerder];
/// Filling in a draft: the zaak roles, and a buurtteam (its own drafts of a
/// visit; the handler answers 404 for others).
const INVULLEN: &[Rol] = &[
    Intake,
    Inkomensconsulent,
    Kwaliteitsmedewerker,
    Teamleider,
    Klantcontactcentrum,
    Buurtteam,
];
const BEHEER_TL: &[Rol] = &[FunctioneelBeheerder, Teamleider];
/// Terug- en invordering: seeing, proposing, the second person's check,
/// booking payments and proposing a kwijtschelding.
const INVORDERING: &[Rol] = &[
    Debiteurenbeheer,
    Inkomensconsulent,
    Kwaliteitsmedewerker,
    Teamleider,
];
const TERUGVORDEREN: &[Rol] = &[Inkomensconsulent, Debiteurenbeheer];
const INVORDERING_BEOORDELEN: &[Rol] = &[Kwaliteitsmedewerker, Teamleider, Debiteurenbeheer];
const INNEN: &[Rol] = &[Debiteurenbeheer];
const BETALEN: &[Rol] = &[Teamleider, FunctioneelBeheerder];
const WAT_ALS: &[Rol] = &[Beleidsmedewerker, FunctioneelBeheerder];
const MACHTIGING: &[Rol] = &[Klantcontactcentrum, Intake, Inkomensconsulent, Teamleider];
const ZORGVERZEKERING: &[Rol] = &[
    Klantcontactcentrum,
    Inkomensconsulent,
    Teamleider,
    FunctioneelBeheerder,
];

/// The rules: (method, path) → who.
fn regels() -> HashMap<(&'static str, &'static str), Wie> {
    use Wie::*;
    let m = Medewerkers;
    [
        ("GET", "/health/live", Iedereen),
        ("GET", "/health/ready", Iedereen),
        ("GET", "/metrics", Iedereen),
        ("GET", "/static/{*file}", Iedereen),
        ("GET", "/huisstijl/{gemeente}/logo.png", Iedereen),
        ("GET", "/regelingen/{gemeente}", Iedereen),
        ("GET", "/portaal/digid/{gemeente}", Iedereen),
        ("GET", "/portaal/machtigen/{gemeente}", Iedereen),
        ("GET", "/portaal/eherkenning/{gemeente}", Iedereen),
        ("GET", "/portaal/oidc/callback", Iedereen),
        ("GET", "/werkplek/sso/{gemeente}", Iedereen),
        ("GET", "/werkplek/oidc/callback", Iedereen),
        ("GET", "/", Iedereen),
        ("GET", "/inloggen", Iedereen),
        ("POST", "/inloggen", Iedereen),
        ("GET", "/verwerkingsactiviteiten", Iedereen),
        ("GET", "/demo/mailbox", Iedereen),
        ("GET", "/looplijst/criteria", Iedereen),
        ("POST", "/uitloggen", m(ALLE)),
        ("GET", "/werkplek", m(ALLE)),
        ("GET", "/werkplek/inwoners", m(ZAAK)),
        ("GET", "/werkplek/inwoners/{inwoner_id}", m(ZAAK)),
        ("GET", "/werkplek/logboek", m(&[FunctioneelBeheerder])),
        ("GET", "/werkplek/koppelingen", m(BEHEER_TL)),
        ("GET", "/werkplek/aanvragen", m(ZAAK)),
        ("POST", "/werkplek/aanvragen", m(ZAAK)),
        (
            "GET",
            "/werkplek/aanvragen/{concept_id}/{stap}",
            m(INVULLEN),
        ),
        (
            "POST",
            "/werkplek/aanvragen/{concept_id}/{stap}",
            m(INVULLEN),
        ),
        (
            "POST",
            "/werkplek/aanvragen/{concept_id}/documenten",
            m(INVULLEN),
        ),
        ("GET", "/werkplek/werkvoorraad", m(ZAAK)),
        ("GET", "/werkplek/zaken", m(ZAAK)),
        ("GET", "/werkplek/zaken/{zaak_id}", m(ZAAK)),
        ("POST", "/werkplek/zaken/{zaak_id}/opnieuw", m(ZAAK)),
        (
            "POST",
            "/werkplek/zaken/{zaak_id}/oppakken",
            m(&[Intake, Inkomensconsulent]),
        ),
        (
            "POST",
            "/werkplek/zaken/{zaak_id}/vrijgeven",
            m(&[Intake, Inkomensconsulent, Teamleider]),
        ),
        (
            "POST",
            "/werkplek/zaken/{zaak_id}/toewijzen",
            m(&[Teamleider]),
        ),
        ("POST", "/werkplek/zaken/{zaak_id}/notities", m(ZAAK)),
        (
            "POST",
            "/werkplek/zaken/{zaak_id}/hersteltermijn",
            m(&[Intake, Inkomensconsulent]),
        ),
        (
            "POST",
            "/werkplek/zaken/{zaak_id}/besluit",
            m(&[Inkomensconsulent]),
        ),
        (
            "POST",
            "/werkplek/zaken/{zaak_id}/beoordeling",
            m(&[Kwaliteitsmedewerker, Teamleider]),
        ),
        ("GET", "/werkplek/zaken/{zaak_id}/uitkering", m(ZAAK)),
        (
            "POST",
            "/werkplek/zaken/{zaak_id}/inkomsten",
            m(&[Inkomensconsulent]),
        ),
        (
            "POST",
            "/werkplek/zaken/{zaak_id}/wijzigingen",
            m(&[Inkomensconsulent]),
        ),
        (
            "POST",
            "/werkplek/zaken/{zaak_id}/wijzigingen/beoordeling",
            m(&[Kwaliteitsmedewerker, Teamleider]),
        ),
        (
            "GET",
            "/werkplek/zaken/{zaak_id}/documenten/{document_id}",
            m(&[Intake, Inkomensconsulent, Kwaliteitsmedewerker, Teamleider]),
        ),
        ("GET", "/werkplek/machtigingen", m(MACHTIGING)),
        (
            "POST",
            "/werkplek/machtigingen/{machtiging_id}",
            m(MACHTIGING),
        ),
        ("GET", "/werkplek/betaalruns/{betaalrun_id}", m(BETALEN)),
        (
            "GET",
            "/werkplek/beheer/rekening",
            m(&[FunctioneelBeheerder]),
        ),
        (
            "POST",
            "/werkplek/beheer/rekening",
            m(&[FunctioneelBeheerder]),
        ),
        ("GET", "/werkplek/betaalruns", m(BETALEN)),
        ("POST", "/werkplek/betaalruns", m(BETALEN)),
        (
            "POST",
            "/werkplek/betaalruns/{betaalrun_id}/goedkeuren",
            m(BETALEN),
        ),
        (
            "GET",
            "/werkplek/betaalruns/{betaalrun_id}/sepa",
            m(BETALEN),
        ),
        ("GET", "/werkplek/looplijst", m(LOOPLIJST)),
        ("POST", "/werkplek/looplijst/start", m(BEHEER_TL)),
        ("GET", "/werkplek/looplijst/run", m(LOOPLIJST)),
        ("POST", "/werkplek/looplijst/team", m(BEHEER_TL)),
        ("GET", "/werkplek/looplijst/wijk", m(LOOPLIJST)),
        ("POST", "/werkplek/looplijst/bezoek", m(LOOPLIJST)),
        ("POST", "/werkplek/looplijst/aanvraag", m(&[Buurtteam])),
        ("GET", "/werkplek/looplijst/export", m(LOOPLIJST)),
        ("GET", "/werkplek/printwachtrij", m(&[FunctioneelBeheerder])),
        (
            "GET",
            "/werkplek/printwachtrij/{print_id}/brief",
            m(&[FunctioneelBeheerder]),
        ),
        (
            "POST",
            "/werkplek/printwachtrij/{print_id}/verzonden",
            m(&[FunctioneelBeheerder]),
        ),
        ("GET", "/werkplek/wat-als", m(WAT_ALS)),
        ("POST", "/werkplek/wat-als", m(WAT_ALS)),
        (
            "GET",
            "/werkplek/collectieve-zorgverzekering",
            m(ZORGVERZEKERING),
        ),
        (
            "GET",
            "/werkplek/collectieve-zorgverzekering/export",
            m(BEHEER_TL),
        ),
        ("GET", "/werkplek/invordering", m(INVORDERING)),
        (
            "GET",
            "/werkplek/invordering/terugvorderingen/{terugvordering_id}",
            m(INVORDERING),
        ),
        (
            "POST",
            "/werkplek/invordering/terugvorderingen/{terugvordering_id}/voorstel",
            m(TERUGVORDEREN),
        ),
        (
            "POST",
            "/werkplek/invordering/terugvorderingen/{terugvordering_id}/beoordeling",
            m(INVORDERING_BEOORDELEN),
        ),
        (
            "POST",
            "/werkplek/invordering/terugvorderingen/{terugvordering_id}/boete",
            m(TERUGVORDEREN),
        ),
        (
            "POST",
            "/werkplek/invordering/terugvorderingen/{terugvordering_id}/boete/beoordeling",
            m(INVORDERING_BEOORDELEN),
        ),
        (
            "GET",
            "/werkplek/invordering/vorderingen/{vordering_id}",
            m(INVORDERING),
        ),
        (
            "POST",
            "/werkplek/invordering/vorderingen/{vordering_id}/aanmaning",
            m(INNEN),
        ),
        (
            "POST",
            "/werkplek/invordering/vorderingen/{vordering_id}/betaling",
            m(INNEN),
        ),
        (
            "POST",
            "/werkplek/invordering/vorderingen/{vordering_id}/dwangbevel",
            m(INNEN),
        ),
        (
            "POST",
            "/werkplek/invordering/vorderingen/{vordering_id}/betalingsregeling",
            m(INNEN),
        ),
        (
            "POST",
            "/werkplek/invordering/vorderingen/{vordering_id}/derdenbeslag",
            m(INNEN),
        ),
        (
            "POST",
            "/werkplek/invordering/aflossingen/{aflossing_id}/beeindigen",
            m(INNEN),
        ),
        (
            "POST",
            "/werkplek/invordering/vorderingen/{vordering_id}/kwijtschelding",
            m(INNEN),
        ),
        (
            "POST",
            "/werkplek/invordering/kwijtscheldingen/{kwijtschelding_id}/beoordeling",
            m(INVORDERING_BEOORDELEN),
        ),
        ("GET", "/portaal/inloggen", Iedereen),
        ("POST", "/portaal/inloggen", Iedereen),
        ("POST", "/portaal/uitloggen", Inwoner),
        ("GET", "/portaal", Inwoner),
        ("GET", "/portaal/aanvraag", Inwoner),
        ("GET", "/portaal/aanvragen/{regeling}", Inwoner),
        ("GET", "/portaal/aanvraag/{concept_id}/{stap}", Inwoner),
        ("POST", "/portaal/aanvraag/{concept_id}/{stap}", Inwoner),
        ("POST", "/portaal/aanvraag/{concept_id}/documenten", Inwoner),
        ("GET", "/portaal/machtiging", Inwoner),
        ("POST", "/portaal/machtiging", Inwoner),
        (
            "POST",
            "/portaal/machtiging/{machtiging_id}/aanvraag",
            Inwoner,
        ),
        (
            "POST",
            "/portaal/machtiging/{machtiging_id}/intrekken",
            Inwoner,
        ),
        ("GET", "/portaal/zaken", Inwoner),
        ("GET", "/portaal/zaken/{zaak_id}", Inwoner),
        ("POST", "/portaal/zaken/{zaak_id}/documenten", Inwoner),
        ("POST", "/portaal/zaken/{zaak_id}/antwoorden", Inwoner),
        ("GET", "/portaal/zaken/{zaak_id}/ontvangstbewijs", Inwoner),
        (
            "POST",
            "/portaal/zaken/{zaak_id}/documenten/{document_id}/verwijderen",
            Inwoner,
        ),
        ("GET", "/portaal/zaken/{zaak_id}/uitkering", Inwoner),
        ("GET", "/portaal/zaken/{zaak_id}/specificatie", Inwoner),
        ("POST", "/portaal/zaken/{zaak_id}/inkomsten", Inwoner),
        ("POST", "/portaal/zaken/{zaak_id}/wijzigingen", Inwoner),
        ("GET", "/portaal/berichten", Inwoner),
        ("GET", "/portaal/looplijst", Inwoner),
        ("POST", "/portaal/looplijst", Inwoner),
        ("GET", "/portaal/elektronisch", Inwoner),
        ("POST", "/portaal/elektronisch", Inwoner),
        ("GET", "/portaal/documenten/{document_id}", Inwoner),
        ("GET", "/portaal/schulden", Inwoner),
        ("POST", "/portaal/schulden", Inwoner),
        ("GET", "/portaal/schulden/jaaropgave", Inwoner),
        ("GET", "/portaal/collectieve-zorgverzekering", Inwoner),
        ("POST", "/portaal/collectieve-zorgverzekering", Inwoner),
        (
            "POST",
            "/portaal/collectieve-zorgverzekering/afmelden",
            Inwoner,
        ),
        ("POST", "/api/v1/sessies", Iedereen),
        ("DELETE", "/api/v1/sessies/huidig", m(ALLE)),
        ("GET", "/api/v1/verwerkingsactiviteiten", Iedereen),
        ("GET", "/api/v1/gemeenten/{gemeente}/verwerkingsregister/processing_activities/{activiteit_id}", Iedereen),
        ("GET", "/api/v1/gemeenten/{gemeente}/verwerkingsregister/processing_activities/{activiteit_id}/versions/{versie}", Iedereen),
        ("GET", "/api/v1/gemeenten/{gemeente}/verwerkingsregister/entities/{entity_id}", Iedereen),
        ("GET", "/api/v1/gemeenten/{gemeente}/verwerkingsregister/data_subject_id_types/{soort}", Iedereen),
        ("GET", "/api/v1/medewerkers", m(BEHEER_TL)),
        ("GET", "/api/v1/inwoners", m(ZAAK)),
        ("POST", "/api/v1/inwoners", m(ZAAK)),
        ("GET", "/api/v1/inwoners/{inwoner_id}", m(ZAAK)),
        ("PATCH", "/api/v1/inwoners/{inwoner_id}", m(ZAAK)),
        ("GET", "/api/v1/logboek", m(&[FunctioneelBeheerder])),
    ]
    .into_iter()
    .map(|(method, path, wie)| ((method, path), wie))
    .collect()
}

#[derive(Debug, PartialEq)]
enum Uitkomst {
    Toegelaten(u16),
    Geweigerd,
    Inloggen,
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    body: &Body,
    token: Option<&str>,
    cookie: Option<&str>,
) -> Uitkomst {
    let mut req = app.client.request(
        Method::from_bytes(method.as_bytes()).unwrap(),
        app.url(path),
    );
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(c) = cookie {
        req = req.header("cookie", c).header("origin", app.base.clone());
    }
    req = met_body(req, body);
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = res.text().await.unwrap_or_default();
    assert!(
        status < 500,
        "{method} {path}: server error {status}: {text}"
    );
    match status {
        401 => Uitkomst::Inloggen,
        _ if (300..400).contains(&status)
            && (location.starts_with("/inloggen") || location.starts_with("/portaal/inloggen")) =>
        {
            Uitkomst::Inloggen
        }
        403 => Uitkomst::Geweigerd,
        405 | 415 | 422 => panic!(
            "{method} {path}: the body was refused before the handler ran ({status}): {text}"
        ),
        s => Uitkomst::Toegelaten(s),
    }
}

#[tokio::test]
async fn every_route_for_every_role_as_the_rules_say() {
    let app = TestApp::spawn().await;
    let haarlem = app.tenant("0392", "Haarlem", "999993549", &Rol::ALL).await;
    let dossier = app.dossier(&haarlem).await;
    let scope = gbi_store::Scope::system(haarlem.code, "test");
    gbi_store::synthetisch::caseload(&app.db, &scope, 2, "2026-01-01")
        .await
        .unwrap();
    let maand = gbi_domain::Maand::parse("2026-07").unwrap();
    let run = gbi_zaken::betaalrun::berekenen(
        &app.db,
        &scope,
        &gbi_rules::Regels::ingebouwd().unwrap(),
        maand,
        "iemand-anders",
        |_, _| {},
    )
    .await
    .unwrap();
    let looplijst = gbi_store::looplijst::start(&app.db, &scope, &["iit"], "2026-03-01", "t")
        .await
        .unwrap();
    // The resident asked to help someone else.
    gbi_store::machtigingen::verzoeken(
        &app.db,
        &scope,
        &gbi_domain::Bsn::parse("999990019").unwrap(),
        &haarlem.inwoner.bsn,
        &haarlem.inwoner.naam,
        "buurvrouw",
    )
    .await
    .unwrap();
    let machtiging = gbi_store::machtigingen::lijst(&app.db, &scope, 1)
        .await
        .unwrap()
        .remove(0);
    // A decision letter waiting to be posted.
    let print_id = gbi_store::printwachtrij::toevoegen(
        &app.db,
        &scope,
        &dossier.zaak_id,
        &dossier.document_id,
        "beschikking",
        &haarlem.inwoner.naam,
    )
    .await
    .unwrap();
    let fixture = Fixture {
        machtiging_id: machtiging.id.clone(),
        print_id,
        concept_id: dossier.concept_id.clone(),
        staff_concept_id: gbi_store::portaal::create_concept(
            &app.db,
            &scope,
            &haarlem.inwoner.bsn,
            "ALO",
            "telefoon",
            None,
            &json!({ "reden": "anders" }),
        )
        .await
        .unwrap()
        .id,
        zaak_id: dossier.zaak_id.clone(),
        document_id: dossier.document_id.clone(),
        inwoner_id: haarlem.inwoner.id.clone(),
        betaalrun_id: run.id.clone(),
        looplijst_id: looplijst.id.clone(),
        medewerker_id: haarlem.user_id.clone(),
        inwoner_bsn: haarlem.inwoner.bsn.as_str().to_owned(),
        user: haarlem.user.clone(),
    };
    // One staff member per role.
    let mut users = Vec::new();
    for rol in Rol::ALL {
        let user = format!("rol.{}", rol.code());
        app.medewerker(&haarlem, &user, &[rol]).await;
        users.push((rol, user));
    }

    let regels = regels();
    let mut gelopen = 0;
    for route in table() {
        let wie = *regels.get(&(route.method, route.path)).unwrap_or_else(|| {
            panic!(
                "{} {} has no rule in tests/rollen.rs: say who may use it",
                route.method, route.path
            )
        });
        let path = fill(route.path, &fixture);
        let b = body(route.method, route.path, &fixture);
        // Every staff role, each with a fresh session (logging out ends one).
        let mut toegelaten = 0;
        for (rol, user) in &users {
            let token = app.login(user).await;
            let uit = send(&app, route.method, &path, &b, Some(&token), None).await;
            let verwacht = match wie {
                Wie::Medewerkers(rollen) => rollen.contains(rol),
                Wie::Iedereen => true,
                // A staff session is no resident: the portal asks to log in.
                Wie::Inwoner => false,
            };
            match (&uit, verwacht, wie) {
                (Uitkomst::Toegelaten(_), true, _) => toegelaten += 1,
                // A public route answers as it does for anyone (a login
                // form may send back to itself).
                (Uitkomst::Inloggen, true, Wie::Iedereen) => toegelaten += 1,
                (Uitkomst::Geweigerd, false, Wie::Medewerkers(_)) => {}
                (Uitkomst::Inloggen, false, Wie::Inwoner) => {}
                _ => panic!(
                    "{} {path} as {rol}: {uit:?}, expected {}",
                    route.method,
                    if verwacht { "allowed" } else { "refused" }
                ),
            }
        }
        if let Wie::Medewerkers(rollen) = wie {
            assert_eq!(toegelaten, rollen.len(), "{} {path}", route.method);
        }
        // A resident, and nobody.
        let cookie = app.resident_cookie(&haarlem).await;
        let als_inwoner = send(&app, route.method, &path, &b, None, Some(&cookie)).await;
        let als_niemand = send(&app, route.method, &path, &b, None, None).await;
        match wie {
            Wie::Iedereen => {
                assert_ne!(als_inwoner, Uitkomst::Geweigerd, "{path}");
                assert_ne!(als_niemand, Uitkomst::Geweigerd, "{path}");
            }
            Wie::Medewerkers(_) => {
                assert_eq!(
                    als_inwoner,
                    Uitkomst::Inloggen,
                    "{} {path} as resident",
                    route.method
                );
                assert_eq!(
                    als_niemand,
                    Uitkomst::Inloggen,
                    "{} {path} as nobody",
                    route.method
                );
            }
            // Logging out sends the resident to the login page.
            Wie::Inwoner if route.path.ends_with("/uitloggen") => {
                assert_eq!(als_niemand, Uitkomst::Inloggen, "{path}");
            }
            Wie::Inwoner => {
                assert!(
                    matches!(als_inwoner, Uitkomst::Toegelaten(_)),
                    "{} {path} as resident: {als_inwoner:?}",
                    route.method
                );
                assert_eq!(
                    als_niemand,
                    Uitkomst::Inloggen,
                    "{} {path} as nobody",
                    route.method
                );
            }
        }
        gelopen += 1;
    }
    assert_eq!(gelopen, table().len());
    assert_eq!(
        regels.len(),
        table().len(),
        "a rule for a route that no longer exists"
    );
}

//! Issue 14, acceptance 5: the demo with its clock on 15 January 2027 —
//! after the last national parameter files end — through the real binary
//! (`gbi serve --demo --vandaag 2027-01-15`) on the database of GBI_TEST_DB:
//! every staff page for every demo role and every resident page works, the
//! amounts computed with the figures carried forward say "voorlopig — nog
//! niet de officiële normen" (and those of December 2026 do not), and
//! `gbi params check` reports the missing 2027 parameters.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
#[path = "../../web/tests/common/walk.rs"]
mod walk;

use gbi_domain::Rol;
use gbi_store::testing::TestDatabase;
use gbi_store::{Db, Scope, Secret};
use gbi_web::routes::{Access, table};
use std::time::{Duration, Instant};
use support::Server;

/// The demo password (the walker's login bodies use it).
const PASSWORD: &str = "demo";

const VOORLOPIG: &str = "Voorlopig — nog niet de officiële normen";

/// The demo accounts of Haarlem, one per role (`crates/gbi/src/demo.rs`).
const ROLLEN: [(&str, Rol); 9] = [
    ("haarlem.intake", Rol::Intake),
    ("haarlem.consulent", Rol::Inkomensconsulent),
    ("haarlem.kwaliteit", Rol::Kwaliteitsmedewerker),
    ("haarlem.teamleider", Rol::Teamleider),
    ("haarlem.beheer", Rol::FunctioneelBeheerder),
    ("haarlem.kcc", Rol::Klantcontactcentrum),
    ("haarlem.buurtteam", Rol::Buurtteam),
    ("haarlem.beleid", Rol::Beleidsmedewerker),
    ("haarlem.debiteuren", Rol::Debiteurenbeheer),
];

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn get(url: &str, token: Option<&str>, cookie: Option<&str>) -> (u16, String) {
    let mut req = client().get(url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().unwrap();
    let status = res.status().as_u16();
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = if ct.starts_with("text/") || ct.contains("json") {
        res.text().unwrap_or_default()
    } else {
        format!(
            "[{ct}, {} bytes]",
            res.bytes().map(|b| b.len()).unwrap_or(0)
        )
    };
    (status, body)
}

/// The part of a page from `id="{id}"` to the end of its element block.
fn blok<'a>(page: &'a str, begin: &str, eind: &str) -> &'a str {
    let start = page
        .find(begin)
        .unwrap_or_else(|| panic!("{begin} not on the page"));
    let rest = &page[start..];
    &rest[..rest.find(eind).unwrap_or(rest.len())]
}

struct Gegevens {
    scope: Scope,
    bsn: gbi_domain::Bsn,
    naam: String,
    inwoner_id: String,
    /// A submitted application (with a document), advised on 15-1-2027.
    zaak_id: String,
    document_id: String,
    /// A running benefit since November 2026, with household facts.
    uitkering_zaak: String,
    concept_id: String,
    staff_concept_id: String,
}

async fn gegevens(db: &Db) -> Gegevens {
    use gbi_store::{documenten, inwoners, portaal};
    let (bsn, naam, gemeente, _) = inwoners::demo_personen(db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.2.as_str() == "0392")
        .expect("a demo resident of Haarlem");
    let scope = Scope::system(gemeente, "test");
    let inwoner_id = inwoners::search(db, &scope, bsn.as_str(), 1, 0, "test")
        .await
        .unwrap()
        .remove(0)
        .id;
    let uitkering_zaak = gbi_store::testing::lopende_uitkering(
        db,
        "0392",
        bsn.as_str(),
        &naam,
        "2026-11-01",
        &serde_json::json!({ "aanvrager": { "geboortedatum": "1985-03-01" } }),
    )
    .await;
    let antwoorden = serde_json::json!({
        "reden": "baan_kwijt", "ingangsdatum": "2027-01-15", "heeft_werk": "nee", "partner_werk": "geen_partner", "ander_inkomen": "nee",
        "spaargeld": "1250,00", "contant_geld": "0", "schulden": "0", "woonsituatie": "huur", "woonkosten": "725,00",
        "commerciele_huurder": "nee", "iban": "NL91ABNA0417164300", "email": "inwoner@example.nl", "verklaring": "ja"
    });
    let concept = portaal::create_concept(db, &scope, &bsn, "ALO", "digitaal", None, &antwoorden)
        .await
        .unwrap();
    let doc = documenten::add(
        db,
        &scope,
        documenten::NewDocument {
            bsn: &bsn,
            concept_id: Some(&concept.id),
            zaak_id: None,
            informatieobjecttype: "bankafschrift",
            bestandsnaam: "bank.pdf",
            mime: "application/pdf",
            inhoud: b"%PDF-1.4\n% test\n",
        },
        "test",
    )
    .await
    .unwrap();
    let wie = gbi_zaken::indienen::Indiener {
        naam_aanvrager: naam.clone(),
        geboortedatum: None,
        gemachtigde: None,
        medewerker: None,
    };
    let datum = gbi_domain::date::parse_date("2027-01-15").unwrap();
    let (zaak, _) = gbi_zaken::indienen::indienen(db, &scope, &concept, wie, datum)
        .await
        .unwrap();
    let open = |kanaal: &'static str| {
        let (scope, bsn) = (scope.clone(), bsn.clone());
        async move {
            portaal::create_concept(
                db,
                &scope,
                &bsn,
                "ALO",
                kanaal,
                None,
                &serde_json::json!({ "reden": "anders" }),
            )
            .await
            .unwrap()
            .id
        }
    };
    let concept_id = open("digitaal").await;
    let staff_concept_id = open("telefoon").await;
    Gegevens {
        scope,
        bsn,
        naam,
        inwoner_id,
        zaak_id: zaak.id,
        document_id: doc.id,
        uitkering_zaak,
        concept_id,
        staff_concept_id,
    }
}

/// The text of a PDF, or `None` when pdftotext is not installed.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("specificatie.pdf");
    std::fs::write(&pad, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&pad)
        .arg("-")
        .output()
        .ok()?;
    assert!(out.status.success(), "pdftotext failed");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn wacht_tot(wat: &str, mut klaar: impl FnMut() -> bool) {
    let start = Instant::now();
    while !klaar() {
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "{wat}: not within 180 s"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[test]
fn the_demo_on_15_january_2027_works_and_marks_provisional_figures() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let database = rt.block_on(TestDatabase::new());
    let secret = Secret::generate();
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--demo",
        "--vandaag",
        "2027-01-15",
        "--database-url",
        &database.url,
        "--data-dir",
        dir.path().to_str().unwrap(),
    ];
    let server = Server::start(&args, &[("GBI_SECRET_KEY", &secret.to_hex())]);
    let db = rt.block_on(Db::connect(&database.url, &secret, 2)).unwrap();
    let g = rt.block_on(gegevens(&db));

    // Every page says which day the demo pretends it is.
    let (_, inloggen) = get(&server.url("/inloggen"), None, None);
    assert!(
        inloggen.contains("Demo: GBI doet alsof het vandaag 15 januari 2027 is."),
        "{inloggen}"
    );
    // Missing national figures are a warning, not a failure.
    let (status, ready) = get(&server.url("/health/ready"), None, None);
    assert_eq!(status, 200, "{ready}");
    assert!(ready.contains("bijstandsnormen"), "{ready}");

    let tokens: Vec<(Rol, String)> = ROLLEN
        .iter()
        .map(|(user, rol)| (*rol, support::login(&server.base, user)))
        .collect();
    let token = |r: Rol| tokens.iter().find(|(x, _)| *x == r).unwrap().1.clone();

    // The betaalrun of January 2027, computed by the teamleider and
    // approved by functioneel beheer (so its SEPA file is there too).
    let res = client()
        .post(server.url("/werkplek/betaalruns"))
        .bearer_auth(token(Rol::Teamleider))
        .form(&[("maand", "2027-01")])
        .send()
        .unwrap();
    assert!(res.status().as_u16() < 400, "{}", res.text().unwrap());
    let mut run_id = String::new();
    wacht_tot("the betaalrun of January 2027", || {
        let runs = rt
            .block_on(gbi_store::betalingen::runs(&db, &g.scope))
            .unwrap();
        match runs
            .into_iter()
            .find(|r| r.maand == "2027-01" && r.status == "berekend")
        {
            Some(r) => {
                run_id = r.id;
                true
            }
            None => false,
        }
    });
    let res = client()
        .post(server.url(&format!("/werkplek/betaalruns/{run_id}/goedkeuren")))
        .bearer_auth(token(Rol::FunctioneelBeheerder))
        .send()
        .unwrap();
    assert!(res.status().as_u16() < 400, "{}", res.text().unwrap());

    // A looplijst on 15 January 2027 (the rules of that day), run for real
    // against the in-process testbed.
    let res = client()
        .post(server.url("/werkplek/looplijst/start"))
        .bearer_auth(token(Rol::Teamleider))
        .form(&[("regeling", "iit"), ("peildatum", "2027-01-15")])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let looplijst_id = res.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit("id=")
        .next()
        .unwrap()
        .to_owned();
    wacht_tot("the looplijst of 15 January 2027", || {
        let run = rt
            .block_on(gbi_store::looplijst::run(&db, &g.scope, &looplijst_id))
            .unwrap()
            .unwrap();
        assert_ne!(run.status, "mislukt", "{run:?}");
        run.status == "klaar"
    });

    // The pre-assessment of the application, on 15 January 2027.
    let zaak = format!("/werkplek/zaken/{}", g.zaak_id);
    let mut zaakpagina = String::new();
    wacht_tot("the advice on the zaak", || {
        zaakpagina = get(&server.url(&zaak), Some(&token(Rol::Intake)), None).1;
        zaakpagina.contains("id=\"advies\"")
    });
    let advies = blok(&zaakpagina, "Vooronderzoek (advies)", "<h2");
    assert!(advies.contains("Advies op 2027-01-15"), "{advies}");
    assert!(advies.contains(VOORLOPIG), "{advies}");

    // A resident of Haarlem in the portal.
    let res = client()
        .post(server.url("/portaal/inloggen"))
        .form(&[("persoon", g.bsn.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();

    // Walk every page: staff pages for every demo role, resident pages.
    let fixture = |zaak_id: &str| walk::Fixture {
        concept_id: g.concept_id.clone(),
        staff_concept_id: g.staff_concept_id.clone(),
        zaak_id: zaak_id.to_owned(),
        document_id: g.document_id.clone(),
        inwoner_id: g.inwoner_id.clone(),
        betaalrun_id: run_id.clone(),
        looplijst_id: looplijst_id.clone(),
        machtiging_id: "geen".into(),
        print_id: "geen".into(),
        medewerker_id: String::new(),
        inwoner_bsn: g.bsn.as_str().to_owned(),
        user: String::new(),
    };
    let mut gelopen = 0;
    for route in table().iter().filter(|r| r.method == "GET") {
        let zaak_id = if route.path.contains("/uitkering") || route.path.contains("/specificatie") {
            &g.uitkering_zaak
        } else {
            &g.zaak_id
        };
        let mut path = walk::fill(route.path, &fixture(zaak_id));
        if route.path.ends_with("/specificatie") {
            path.push_str("?maand=2027-01");
        }
        match route.access {
            Access::Staff(rollen) => {
                for (rol, t) in &tokens {
                    let (status, body) = get(&server.url(&path), Some(t), None);
                    // A print entry exists only once a letter was made for
                    // a resident without consent, a terugvordering or claim
                    // only once a person decided on an overpayment; the id
                    // here is a stand-in.
                    let geen_object = ["{print_id}", "{terugvordering_id}", "{vordering_id}"]
                        .iter()
                        .any(|p| route.path.contains(p))
                        && status == 404;
                    // A buurtteam opens only drafts it started at a looplijst
                    // visit; this one a staff member started.
                    let niet_eigen = route.path.starts_with("/werkplek/aanvragen/{concept_id}")
                        && *rol == gbi_domain::Rol::Buurtteam
                        && status == 404;
                    if rollen.contains(rol) {
                        assert!(
                            matches!(status, 200 | 303) || geen_object || niet_eigen,
                            "GET {path} as {rol}: {status}: {body}"
                        );
                    } else {
                        assert_eq!(status, 403, "GET {path} as {rol}: {body}");
                    }
                }
            }
            Access::Inwoner => {
                let (status, body) = get(&server.url(&path), None, Some(&cookie));
                assert!(
                    matches!(status, 200 | 303),
                    "GET {path} as resident: {status}: {body}"
                );
            }
            Access::Public => {
                let (status, body) = get(&server.url(&path), None, None);
                // Logging in through a provider: not configured in this
                // demo (404), and a callback without a login begun (400).
                let zonder_provider =
                    ["/digid/", "/machtigen/", "/eherkenning/", "/sso/", "/oidc/"]
                        .iter()
                        .any(|p| route.path.contains(p))
                        && matches!(status, 400 | 404);
                assert!(
                    status < 400 || zonder_provider,
                    "GET {path}: {status}: {body}"
                );
            }
        }
        gelopen += 1;
    }
    assert!(gelopen > 30, "only {gelopen} pages walked");

    // The resident's specifications: January 2027 is provisional, and says
    // so; December 2026 has the official figures and says nothing.
    let uitkering = format!("/portaal/zaken/{}/uitkering", g.uitkering_zaak);
    let (status, pagina) = get(&server.url(&uitkering), None, Some(&cookie));
    assert_eq!(status, 200, "{pagina}");
    let januari = blok(&pagina, "id=\"specificatie-2027-01\"", "</section>");
    assert!(januari.contains(VOORLOPIG), "{januari}");
    assert!(januari.contains("utrecht-alert"), "{januari}");
    let december = blok(&pagina, "id=\"specificatie-2026-12\"", "</section>");
    assert!(!december.contains(VOORLOPIG), "{december}");
    assert!(!december.contains("nog niet uitrekenen"), "{december}");
    // The same in the werkplek's ledger.
    let (_, grootboek) = get(
        &server.url(&format!("/werkplek/zaken/{}/uitkering", g.uitkering_zaak)),
        Some(&token(Rol::Inkomensconsulent)),
        None,
    );
    let rij = blok(&grootboek, "id=\"maand-2027-01\"", "</tr>");
    assert!(
        rij.contains("voorlopig — nog niet de officiële normen"),
        "{rij}"
    );
    assert!(
        !blok(&grootboek, "id=\"maand-2026-12\"", "</tr>").contains("voorlopig"),
        "{grootboek}"
    );
    // The specification PDF of January 2027 is made.
    let (status, pdf) = get(
        &server.url(&format!(
            "/portaal/zaken/{}/specificatie?maand=2027-01",
            g.uitkering_zaak
        )),
        None,
        Some(&cookie),
    );
    assert_eq!(status, 200, "{pdf}");
    assert!(pdf.starts_with("[application/pdf"), "{pdf}");
    // Read as a resident reads it (pdftotext, when installed).
    let bytes = client()
        .get(server.url(&format!(
            "/portaal/zaken/{}/specificatie?maand=2027-01",
            g.uitkering_zaak
        )))
        .header("cookie", &cookie)
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    if let Some(tekst) = pdftotext(&bytes) {
        let tekst = tekst.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            tekst.contains("voorlopig — nog niet de officiële normen"),
            "{tekst}"
        );
    }
    // The betaalrun of January 2027 pays provisional amounts, and says so.
    let (_, run) = get(
        &server.url(&format!("/werkplek/betaalruns/{run_id}")),
        Some(&token(Rol::Teamleider)),
        None,
    );
    assert!(run.contains(VOORLOPIG), "{run}");
    assert!(
        run.contains(&g.naam),
        "the benefit with household facts is paid: {run}"
    );

    // The operator sees what is missing, with a non-zero exit code.
    let out = support::gbi()
        .args(["params", "check", "--vanaf", "2027-01-15"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    for onderwerp in ["bijstandsnormen", "vermogen", "vrijlatingen"] {
        assert!(
            stdout.contains(&format!(
                "geen parameters voor \"{onderwerp}\" vanaf 2027-01-15"
            )),
            "{stdout}"
        );
    }
    rt.block_on(db.close());
}

#[test]
fn the_demo_clock_is_refused_outside_demo_mode() {
    let dir = tempfile::tempdir().unwrap();
    for (args, env) in [
        (vec!["serve", "--vandaag", "2027-01-15"], None),
        (vec!["serve"], Some(("GBI_VANDAAG", "2027-01-15"))),
    ] {
        let mut cmd = support::gbi();
        cmd.args(&args)
            .args(["--data-dir", dir.path().to_str().unwrap()]);
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("kan alleen met --demo"),
            "{args:?}: {stderr}"
        );
    }
    // Nothing was started: no database was made.
    assert!(!dir.path().join("gbi.sqlite3").exists());
}

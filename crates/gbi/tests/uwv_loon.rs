//! Wages from UWV offset automatically (issue 7), through the CLI and the
//! werkplek, against the testbed's UWV over HTTP, on the database of
//! GBI_TEST_DB: Haarlem's policy says ja, Enschede's nee; a resident's own
//! report wins; a second run changes nothing; an outage writes nothing and
//! a rerun succeeds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use gbi_domain::{Bsn, GemeenteCode, Maand, Money, TraceContext};
use gbi_store::Actor;
use gbi_store::inkomsten::{self, Inkomstenopgave};
use gbi_store::testing::TestDatabase;
use gbi_store::{Db, Scope, Secret, gemeenten, uitkeringen};
use gbi_testbed::{Fault, RunningTestbed, TestbedConfig};

/// A testbed head of household of 30 to 60 without a partner, with one job
/// (not a pension) running since before June 2026, and the net monthly wage.
fn werkende(tb: &RunningTestbed) -> (String, String, i64) {
    let pop = tb.population();
    let juni = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let peil = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let i = pop
        .ingezetenen
        .iter()
        .find(|i| {
            i.partner.is_none()
                && (30..60).contains(&gbi_domain::date::age_on(i.geboortedatum, peil))
                && i.dienstverbanden.len() == 1
                && i.dienstverbanden.iter().all(|d| {
                    !d.pensioen
                        && d.begin < juni
                        && d.einde.is_none()
                        && d.bruto_maandloon_cents < 150_000
                })
        })
        .expect("a resident with a small job in the testbed population");
    let netto = gbi_testbed::population::netto_van(i.dienstverbanden[0].bruto_maandloon_cents);
    (
        format!("{:09}", i.bsn),
        i.geboortedatum.to_string(),
        netto as i64,
    )
}

struct Opzet {
    rt: tokio::runtime::Runtime,
    tb: RunningTestbed,
    db: TestDatabase,
    secret: Secret,
    dir: tempfile::TempDir,
    config: std::path::PathBuf,
    bsn: String,
    netto: i64,
    /// Zaak id of the benefit in Haarlem (0392) and in Enschede (0153).
    haarlem: String,
    enschede: String,
}

async fn connect(url: &str, secret: &Secret) -> Db {
    Db::connect(url, secret, 2).await.unwrap()
}

fn opzet() -> Opzet {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tb = rt
        .block_on(gbi_testbed::start(TestbedConfig {
            population: 2000,
            ..TestbedConfig::default()
        }))
        .unwrap();
    let (bsn, geboren, netto) = werkende(&tb);
    let db = rt.block_on(TestDatabase::new());
    let secret = Secret::generate();
    let huishouden = serde_json::json!({ "aanvrager": { "geboortedatum": geboren } });
    let (haarlem, enschede) = rt.block_on(async {
        let d = connect(&db.url, &secret).await;
        d.migrate().await.unwrap();
        for (code, naam) in [("0392", "Haarlem"), ("0153", "Enschede")] {
            gemeenten::ensure(&d, &GemeenteCode::parse(code).unwrap(), naam, false)
                .await
                .unwrap();
        }
        let naam = "Werkende Inwoner";
        let h = gbi_store::testing::lopende_uitkering(
            &d,
            "0392",
            &bsn,
            naam,
            "2026-07-01",
            &huishouden,
        )
        .await;
        let e = gbi_store::testing::lopende_uitkering(
            &d,
            "0153",
            &bsn,
            naam,
            "2026-07-01",
            &huishouden,
        )
        .await;
        d.close().await;
        (h, e)
    });
    let dir = tempfile::tempdir().unwrap();
    let registers = gbi_registers::RegistersConfig::testbed(&tb.base_url()).map_sources(|s| {
        s.retries = 0;
        s.timeout_ms = 3000;
    });
    let mut t = toml::Table::new();
    t.insert(
        "registers".into(),
        toml::Value::try_from(&registers).unwrap(),
    );
    let config = dir.path().join("gbi.toml");
    std::fs::write(&config, toml::to_string(&t).unwrap()).unwrap();
    Opzet {
        rt,
        tb,
        db,
        secret,
        dir,
        config,
        bsn,
        netto,
        haarlem,
        enschede,
    }
}

impl Opzet {
    fn gbi(&self, args: &[&str]) -> (bool, String, String) {
        let out = support::gbi()
            .args(args)
            .args(["--database-url", &self.db.url])
            .args(["--data-dir", self.dir.path().to_str().unwrap()])
            .args(["--config", self.config.to_str().unwrap()])
            .env("GBI_SECRET_KEY", self.secret.to_hex())
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn uwv_loon(&self, gemeente: &str) -> (bool, String, String) {
        self.gbi(&[
            "payments",
            "uwv-loon",
            "--gemeente",
            gemeente,
            "--month",
            "2026-07",
        ])
    }

    fn opgaven(&self, gemeente: &str, zaak_id: &str) -> Vec<Inkomstenopgave> {
        self.rt.block_on(async {
            let d = connect(&self.db.url, &self.secret).await;
            let scope = Scope::system(GemeenteCode::parse(gemeente).unwrap(), "test");
            let u = uitkeringen::voor_zaak(&d, &scope, zaak_id)
                .await
                .unwrap()
                .unwrap();
            let o = inkomsten::van_uitkering(&d, &scope, &u.id).await.unwrap();
            d.close().await;
            o
        })
    }
}

fn maand() -> Maand {
    Maand::parse("2026-07").unwrap()
}

#[test]
fn policy_ja_imports_the_wages_and_the_ledger_offsets_them_with_vrijlating() {
    let o = opzet();
    let (ok, out, err) = o.uwv_loon("0392");
    assert!(ok, "{out}\n{err}");
    assert!(out.contains("1 vastgelegd"), "{out}");
    let opgaven = o.opgaven("0392", &o.haarlem);
    assert_eq!(opgaven.len(), 1, "{opgaven:?}");
    assert_eq!(opgaven[0].door, "systeem:uwv");
    assert_eq!(opgaven[0].bron(), "UWV");
    assert_eq!(opgaven[0].maand, maand());
    assert_eq!(
        opgaven[0].arbeid,
        Money::from_cents(o.netto),
        "net wage: loon minus loonheffing withheld"
    );

    // Idempotent: the same figure again records nothing.
    let (ok, out, err) = o.uwv_loon("0392");
    assert!(ok, "{out}\n{err}");
    assert!(out.contains("0 vastgelegd, 1 al bekend"), "{out}");
    assert_eq!(o.opgaven("0392", &o.haarlem).len(), 1);

    // The betaalrun (which imports first, finding nothing new) pays the
    // right with the wage offset after vrijlating.
    let (ok, out, err) = o.gbi(&[
        "payments",
        "run",
        "--gemeente",
        "0392",
        "--month",
        "2026-07",
    ]);
    assert!(ok, "{out}\n{err}");
    let regels = gbi_rules::Regels::ingebouwd().unwrap();
    let h: gbi_rules::Huishouden = serde_json::from_value(
        serde_json::json!({ "aanvrager": { "geboortedatum": o.tb.population().ingezetenen.iter().find(|i| format!("{:09}", i.bsn) == o.bsn).unwrap().geboortedatum.to_string() } }),
    )
    .unwrap();
    let recht = gbi_payments::grootboek::maandrecht(
        &regels,
        GemeenteCode::parse("0392").unwrap(),
        &gbi_payments::grootboek::Feiten::alleen(h.clone()),
        &opgaven,
        maand(),
        maand(),
    )
    .unwrap();
    assert!(
        recht.vrijgelaten.cents() > 0,
        "vrijlating n applies: {recht:?}"
    );
    assert_eq!(
        recht.uitkomst.inkomen_cents,
        o.netto - recht.vrijgelaten.cents()
    );
    let betaald = || {
        o.rt.block_on(async {
            let d = connect(&o.db.url, &o.secret).await;
            let b = gbi_store::testing::betalingen_van_maand(&d, "0392", "2026-07").await;
            d.close().await;
            b
        })
    };
    // A drop from UWV wages above Haarlem's review threshold (€ 250,
    // art. 54-3 policy) waits for a person; once a caseworker records the
    // month's income, the next run pays.
    let toegekend = gbi_payments::grootboek::maandrecht(
        &regels,
        GemeenteCode::parse("0392").unwrap(),
        &gbi_payments::grootboek::Feiten::alleen(h),
        &[],
        maand(),
        maand(),
    )
    .unwrap();
    if toegekend.uitkomst.bijstand_cents - recht.uitkomst.bijstand_cents > 25_000 {
        assert!(betaald().is_empty(), "not paid before a person looked");
        o.rt.block_on(async {
            let d = connect(&o.db.url, &o.secret).await;
            let scope = Scope::new(
                GemeenteCode::parse("0392").unwrap(),
                Actor::Medewerker("haarlem.consulent".into()),
                TraceContext::new_root(),
            );
            let u = uitkeringen::voor_zaak(&d, &scope, &o.haarlem)
                .await
                .unwrap()
                .unwrap();
            let uwv = &opgaven[0];
            inkomsten::opgeven(&d, &scope, &u, maand(), uwv.arbeid, uwv.overig, None)
                .await
                .unwrap();
            d.close().await;
        });
        let (ok, out, err) = o.gbi(&[
            "payments",
            "run",
            "--gemeente",
            "0392",
            "--month",
            "2026-07",
        ]);
        assert!(ok, "{out}\n{err}");
    }
    let betaald = betaald();
    let verwacht = recht.uitkomst.uit_te_betalen_cents;
    if verwacht > 0 {
        assert_eq!(betaald.len(), 1, "{betaald:?}");
        assert_eq!(betaald[0].1, verwacht);
    } else {
        assert!(betaald.is_empty(), "{betaald:?}");
    }

    // The werkplek shows the source of the report and the vrijlating.
    let mut server = support::Server::start(
        &[
            "--database-url",
            &o.db.url,
            "--data-dir",
            o.dir.path().to_str().unwrap(),
        ],
        &[("GBI_SECRET_KEY", &o.secret.to_hex())],
    );
    o.rt.block_on(async {
        let d = connect(&o.db.url, &o.secret).await;
        let hash = gbi_store::medewerkers::hash_password("demo").unwrap();
        gbi_store::medewerkers::upsert(
            &d,
            &GemeenteCode::parse("0392").unwrap(),
            gbi_store::medewerkers::NewMedewerker {
                gebruikersnaam: "haarlem.consulent",
                naam: "Kees Consulent",
                rollen: &[gbi_domain::Rol::Inkomensconsulent],
                wachtwoord_hash: &hash,
            },
        )
        .await
        .unwrap();
        d.close().await;
    });
    let token = support::login(&server.base, "haarlem.consulent");
    let page = reqwest::blocking::Client::new()
        .get(server.url(&format!("/werkplek/zaken/{}/uitkering", o.haarlem)))
        .bearer_auth(&token)
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(page.contains("bron: UWV"), "the source is shown:\n{page}");
    assert!(
        page.contains(&recht.vrijgelaten.to_string()),
        "the vrijlating is shown:\n{page}"
    );
    assert!(
        page.contains("Bruto (voor toeslagen)") && page.contains("nog niet beschikbaar"),
        "no gross amount while the loonheffing is not set:\n{page}"
    );
    server.kill();
}

#[test]
fn policy_nee_imports_nothing() {
    let o = opzet();
    let (ok, out, err) = o.uwv_loon("0153");
    assert!(ok, "{out}\n{err}");
    assert!(out.contains("niet automatisch"), "{out}");
    assert!(o.opgaven("0153", &o.enschede).is_empty());
    // The betaalrun of Enschede does not ask UWV either.
    let (ok, out, err) = o.gbi(&[
        "payments",
        "run",
        "--gemeente",
        "0153",
        "--month",
        "2026-07",
    ]);
    assert!(ok, "{out}\n{err}");
    assert!(o.opgaven("0153", &o.enschede).is_empty());
}

#[test]
fn a_residents_own_report_wins() {
    let o = opzet();
    o.rt.block_on(async {
        let d = connect(&o.db.url, &o.secret).await;
        let scope = Scope::new(
            GemeenteCode::parse("0392").unwrap(),
            Actor::Inwoner("inwoner-test".into()),
            TraceContext::new_root(),
        );
        let u = uitkeringen::voor_zaak(&d, &scope, &o.haarlem)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(u.bsn, Bsn::parse(&o.bsn).unwrap());
        inkomsten::opgeven(
            &d,
            &scope,
            &u,
            maand(),
            Money::from_cents(12_345),
            Money::ZERO,
            None,
        )
        .await
        .unwrap();
        d.close().await;
    });
    let (ok, out, err) = o.uwv_loon("0392");
    assert!(ok, "{out}\n{err}");
    assert!(out.contains("eigen opgave gaat voor"), "{out}");
    let opgaven = o.opgaven("0392", &o.haarlem);
    assert_eq!(
        opgaven.len(),
        1,
        "the UWV figure is not recorded: {opgaven:?}"
    );
    assert_eq!(opgaven[0].bron(), "inwoner");
    assert_eq!(opgaven[0].arbeid.cents(), 12_345);
}

#[test]
fn uwv_down_writes_nothing_and_a_rerun_succeeds() {
    let o = opzet();
    o.tb.faults()
        .set(
            "uwv",
            Fault {
                down: true,
                ..Fault::default()
            },
        )
        .unwrap();
    let (ok, out, err) = o.uwv_loon("0392");
    assert!(!ok, "{out}");
    assert!(
        err.contains("UWV is niet bereikbaar") && err.contains("niets vastgelegd"),
        "a clear error: {err}"
    );
    assert!(o.opgaven("0392", &o.haarlem).is_empty());
    // The failed lookup is a processing of its own, logged as Error.
    let log = o.rt.block_on(async {
        let d = connect(&o.db.url, &o.secret).await;
        let scope = Scope::system(GemeenteCode::parse("0392").unwrap(), "test");
        let r = gbi_store::logboek::list(&d, &scope, None, None, 100)
            .await
            .unwrap();
        d.close().await;
        r
    });
    let fout = log
        .iter()
        .find(|r| r.verwerkingsactiviteit == "gbi.inkomsten.uwv")
        .expect("the failed UWV lookup is logged");
    assert_eq!(fout.status, "Error");
    assert!(fout.fout.as_deref().is_some_and(|f| !f.is_empty()));
    // The betaalrun stops before computing anything.
    let (ok, out, err) = o.gbi(&[
        "payments",
        "run",
        "--gemeente",
        "0392",
        "--month",
        "2026-07",
    ]);
    assert!(!ok, "{out}");
    assert!(err.contains("De betaalrun is niet berekend"), "{err}");
    let runs = o.rt.block_on(async {
        let d = connect(&o.db.url, &o.secret).await;
        let r = gbi_store::betalingen::runs(
            &d,
            &Scope::system(GemeenteCode::parse("0392").unwrap(), "test"),
        )
        .await
        .unwrap();
        d.close().await;
        r
    });
    assert!(runs.is_empty(), "{runs:?}");

    o.tb.faults().reset();
    let (ok, out, err) = o.uwv_loon("0392");
    assert!(ok, "{out}\n{err}");
    assert!(out.contains("1 vastgelegd"), "{out}");
    assert_eq!(o.opgaven("0392", &o.haarlem).len(), 1);
}

#[test]
fn the_werkplek_betaalrun_imports_first_and_says_so_when_uwv_is_down() {
    let o = opzet();
    let mut server = support::Server::start(
        &[
            "--demo",
            "--database-url",
            &o.db.url,
            "--data-dir",
            o.dir.path().to_str().unwrap(),
            "--config",
            o.config.to_str().unwrap(),
        ],
        &[("GBI_SECRET_KEY", &o.secret.to_hex())],
    );
    let token = support::login(&server.base, "haarlem.teamleider");
    let client = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let bereken = || {
        let res = client
            .post(server.url("/werkplek/betaalruns"))
            .bearer_auth(&token)
            .form(&[("maand", "2026-07")])
            .send()
            .unwrap();
        assert_eq!(res.status(), 303);
    };
    let wacht_op = |tekst: &str| {
        let start = std::time::Instant::now();
        loop {
            let page = client
                .get(server.url("/werkplek/betaalruns"))
                .bearer_auth(&token)
                .send()
                .unwrap()
                .text()
                .unwrap();
            if page.contains(tekst) {
                return page;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(30),
                "no {tekst:?} on:\n{page}"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };

    o.tb.faults()
        .set(
            "uwv",
            Fault {
                down: true,
                ..Fault::default()
            },
        )
        .unwrap();
    bereken();
    let page = wacht_op("Loon van UWV");
    assert!(page.contains("niet berekend"), "{page}");
    assert!(o.opgaven("0392", &o.haarlem).is_empty());

    o.tb.faults().reset();
    bereken();
    wacht_op("Wacht op goedkeuring door een collega");
    let opgaven = o.opgaven("0392", &o.haarlem);
    assert_eq!(opgaven.len(), 1, "{opgaven:?}");
    assert_eq!(opgaven[0].bron(), "UWV");
    server.kill();
}

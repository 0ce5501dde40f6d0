//! The binary's start-up and maintenance commands, as an operator uses them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use gbi_domain::{Bsn, GemeenteCode};
use gbi_store::testing::{TestDatabase, execute};
use gbi_store::{Db, Scope, Secret, gemeenten, inwoners, logboek};
use std::time::Duration;
use support::{Server, gbi};

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn demo_is_ready_quickly_and_prints_where_to_open_it() {
    let database = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(TestDatabase::new());
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(
        &[
            "--demo",
            "--database-url",
            &database.url,
            "--data-dir",
            dir.path().to_str().unwrap(),
        ],
        &[],
    );
    println!("ready after {:?}", server.ready_after);
    // The acceptance target is 5 s on the CI machine; this bound only catches
    // something badly wrong (a debug build on a loaded machine is slower).
    assert!(server.ready_after < Duration::from_secs(30));
    let home = reqwest::blocking::get(server.url("/"))
        .unwrap()
        .text()
        .unwrap();
    assert!(
        home.contains("Haarlem") && home.contains("Enschede"),
        "{home}"
    );
    let login = reqwest::blocking::get(server.url("/inloggen"))
        .unwrap()
        .text()
        .unwrap();
    assert!(login.contains("haarlem.consulent") && login.contains("Demo-omgeving"));
}

#[test]
fn without_demo_nothing_fake_is_loaded() {
    let database = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(TestDatabase::new());
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(
        &[
            "--database-url",
            &database.url,
            "--data-dir",
            dir.path().to_str().unwrap(),
        ],
        &[],
    );
    let home = reqwest::blocking::get(server.url("/"))
        .unwrap()
        .text()
        .unwrap();
    assert!(!home.contains("Haarlem"), "{home}");
    let login = reqwest::blocking::get(server.url("/inloggen"))
        .unwrap()
        .text()
        .unwrap();
    assert!(!login.contains("haarlem.") && !login.contains("Demo-omgeving"));
}

#[test]
fn a_malformed_configuration_stops_start_up_with_one_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("gbi.toml");
    std::fs::write(&cfg, "prot = 8080\n").unwrap();
    let out = gbi()
        .args(["serve", "--config", cfg.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("configuratiebestand") && err.contains("prot"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    std::fs::write(&cfg, "port = \"achtduizend\"\n").unwrap();
    let out = gbi()
        .args(["serve", "--config", cfg.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr_of(&out).contains("port"), "{}", stderr_of(&out));
}

#[test]
fn a_house_style_logo_that_is_no_png_stops_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("gbi.toml");
    let stijl = |logo: &str| {
        format!(
            r#"[huisstijl."0392"]
gemeente_naam = "Gemeente Haarlem"
afdeling = "Team Inkomen"
postadres = ["Postbus 511", "2003 PB Haarlem"]
telefoon = "14 023"
website = "www.haarlem.nl"
ondertekenaar_naam = "A. de Vries"
ondertekenaar_functie = "Teamleider Inkomen"
bezwaar_adres = ["Postbus 511", "2003 PB Haarlem"]
logo = "{logo}"
"#
        )
    };
    let tekst = dir.path().join("logo.png");
    std::fs::write(&tekst, "geen plaatje").unwrap();
    for (logo, verwacht) in [
        (dir.path().join("weg.png"), "kan"),
        (tekst, "geen PNG-bestand"),
    ] {
        std::fs::write(&cfg, stijl(logo.to_str().unwrap())).unwrap();
        let out = gbi()
            .args([
                "serve",
                "--config",
                cfg.to_str().unwrap(),
                "--data-dir",
                dir.path().to_str().unwrap(),
                "--port",
                "0",
            ])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = stderr_of(&out);
        assert!(
            err.contains(r#"[huisstijl."0392"] logo"#) && err.contains(verwacht),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn an_unreachable_database_stops_start_up_with_one_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = gbi()
        .args([
            "serve",
            "--database-url",
            "postgres://gbi:geheim@127.0.0.1:1/gbi",
            "--data-dir",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("database is niet bereikbaar"), "{err}");
    assert!(!err.contains("geheim"), "the password leaked: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_failed_migration_stops_start_up_with_one_clear_message() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let database = rt.block_on(TestDatabase::new());
    rt.block_on(async {
        let db = database.connect().await;
        execute(
            &db,
            "UPDATE schema_migrations SET checksum = 'iets anders' WHERE version = 1",
        )
        .await;
        db.close().await;
    });
    let dir = tempfile::tempdir().unwrap();
    let out = gbi()
        .args([
            "serve",
            "--database-url",
            &database.url,
            "--data-dir",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("migratie 1 (foundation) is mislukt"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn migrate_brings_an_empty_database_up_to_date() {
    let database = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(TestDatabase::new());
    let dir = tempfile::tempdir().unwrap();
    let out = gbi()
        .args([
            "migrate",
            "--database-url",
            &database.url,
            "--data-dir",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("29 migratie(s) uitgevoerd; het schema staat op versie 29")
    );
}

#[test]
fn audit_verify_detects_a_record_changed_in_the_database() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let database = rt.block_on(TestDatabase::new());
    let secret = Secret::generate();
    let dir = tempfile::tempdir().unwrap();
    rt.block_on(async {
        let db = Db::connect(&database.url, &secret, 2).await.unwrap();
        db.migrate().await.unwrap();
        let code = GemeenteCode::parse("0392").unwrap();
        gemeenten::ensure(&db, &code, "Haarlem", false)
            .await
            .unwrap();
        let scope = Scope::system(code, "test");
        let new = inwoners::NewInwoner {
            bsn: Bsn::parse("999993549").unwrap(),
            naam: "A".into(),
            email: None,
            telefoon: None,
            iban: None,
        };
        let i = inwoners::create(&db, &scope, new, "t").await.unwrap();
        inwoners::get(&db, &scope, &i.id, "t").await.unwrap();
        // The chain heads anchored outside the database, as `gbi serve` does.
        let ankers = dir.path().join("logboek-ankers.jsonl");
        let mut ankeraar = logboek::anker::Ankeraar::open(&db, &ankers).unwrap();
        assert_eq!(ankeraar.bij(&db).await.unwrap(), 1);
        db.close().await;
    });
    let verify = || {
        gbi()
            .args([
                "audit",
                "verify",
                "--database-url",
                &database.url,
                "--data-dir",
                dir.path().to_str().unwrap(),
            ])
            .env("GBI_SECRET_KEY", secret.to_hex())
            .output()
            .unwrap()
    };
    let ok = verify();
    assert!(ok.status.success(), "{}", stderr_of(&ok));
    assert!(
        String::from_utf8_lossy(&ok.stdout).contains("gemeente 0392: 2 records, keten in orde")
    );

    rt.block_on(async {
        let db = Db::connect(&database.url, &secret, 1).await.unwrap();
        execute(
            &db,
            "UPDATE verwerkingen SET verwerkingsactiviteit = 'iets.anders' WHERE seq = 1",
        )
        .await;
        db.close().await;
    });
    let bad = verify();
    assert!(!bad.status.success());
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(out.contains("record 1 is gewijzigd"), "{out}");
}

#[test]
fn params_check_sees_an_indexation_date_coming() {
    // Within the files that ship: nothing missing, exit 0.
    let out = gbi()
        .args([
            "params",
            "check",
            "--vanaf",
            "2026-07-01",
            "--tot",
            "2026-12-31",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Alle parameters"));
    // Six weeks before 1 January 2027: the national amounts end on 31
    // December; the gemeenten's policy does not expire at a year's end.
    let out = gbi()
        .args(["params", "check", "--vanaf", "2026-12-02"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("geen parameters voor \"bijstandsnormen\" vanaf 2027-01-01"),
        "{stdout}"
    );
    assert!(!stdout.contains("beleid"), "policy is open-ended: {stdout}");
    assert!(stderr_of(&out).contains("onderwerp(en) zonder parameters"));
    // A date that is not one is named.
    let out = gbi()
        .args(["params", "check", "--tot", "31-13-2027"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr_of(&out).contains("--tot"), "{}", stderr_of(&out));
}

#[test]
fn bench_wat_als_and_iit_invitations_print_their_figures() {
    for (wat, regel) in [
        ("wat-als", "Wat-als: 1000 lopende uitkeringen"),
        ("iit-uitnodigingen", "IIT-uitnodigingen: 1000 eigen klanten"),
    ] {
        let out = gbi()
            .args(["bench", wat, "--aantal", "1000"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{wat}: {}", stderr_of(&out));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(regel), "{stdout}");
        assert!(stdout.contains("huishoudens per seconde"), "{stdout}");
        assert!(stdout.contains("uitkomst:"), "{stdout}");
    }
}

#[test]
fn bench_iit_invitations_over_the_database_invites_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = gbi()
        .args(["bench", "iit-uitnodigingen-database", "--aantal", "300"])
        .env("GBI_DATA_DIR", dir.path())
        .env_remove("GBI_DATABASE_URL")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("300 eigen klanten van Haarlem"), "{stdout}");
    assert!(stdout.contains("klanten per seconde"), "{stdout}");
    // Some are invited and some are not: the run decided per client.
    let uitgenodigd: u32 = stdout
        .split(" uitgenodigd")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of invited clients: {stdout}"));
    assert!(uitgenodigd > 0 && uitgenodigd < 300, "{stdout}");
}

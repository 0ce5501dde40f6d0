//! Two `gbi serve` instances on one PostgreSQL database share the
//! background work; one is killed (SIGKILL) halfway, the other takes its
//! work over. Afterwards every work item is done exactly once, every mail
//! sent exactly once, nothing is logged twice, the processing log's chain
//! is whole, and a betaalrun started twice at once pays nobody twice.
//!
//! Several instances are a PostgreSQL set-up: with GBI_TEST_DB=sqlite the
//! test says so and stops.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use gbi_domain::GemeenteCode;
use gbi_store::testing::TestDatabase;
use gbi_store::{Backend, Db, Scope, Secret, gemeenten, logboek, synthetisch};
use sqlx::Row;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};
use support::Server;

/// Short leases, so the test does not wait minutes for a takeover.
const LEASE_SECONDS: &str = "3";

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

fn cookie_of(res: &reqwest::blocking::Response) -> String {
    res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// Every demo resident the portal's demo login offers.
fn demo_inwoners(base: &str) -> Vec<String> {
    let page = client()
        .get(format!("{base}/portaal/inloggen"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let marker = "name=\"persoon\" value=\"";
    let mut bsns: Vec<String> = page
        .match_indices(marker)
        .map(|(i, _)| page[i + marker.len()..i + marker.len() + 9].to_owned())
        .collect();
    bsns.dedup();
    bsns
}

/// Apply for algemene bijstand as `bsn` through the portal of `base`; the
/// zaak's id, or `None` when this resident's form asks other questions.
fn aanvragen(base: &str, bsn: &str) -> Option<String> {
    let res = client()
        .post(format!("{base}/portaal/inloggen"))
        .form(&[("persoon", bsn)])
        .send()
        .unwrap();
    if res.status() != 303 {
        return None;
    }
    let cookie = cookie_of(&res);
    let res = client()
        .get(format!("{base}/portaal/aanvraag"))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    let mut step = res.headers().get("location")?.to_str().ok()?.to_owned();
    let answers: [&[(&str, &str)]; 6] = [
        &[
            ("reden", "baan_kwijt"),
            ("toelichting", "Contract niet verlengd"),
            ("ingangsdatum", "2026-07-01"),
        ],
        &[
            ("heeft_werk", "ja"),
            ("verwacht_inkomen", "400,00"),
            ("partner_werk", "geen_partner"),
            ("ander_inkomen", "nee"),
        ],
        &[
            ("spaargeld", "1250,00"),
            ("contant_geld", "0"),
            ("schulden", "0"),
        ],
        &[
            ("woonsituatie", "huur"),
            ("woonkosten", "725,00"),
            ("commerciele_huurder", "nee"),
        ],
        &[
            ("iban", "NL91ABNA0417164300"),
            ("email", "test@example.nl"),
            ("telefoon", ""),
        ],
        &[("verklaring", "ja")],
    ];
    for fields in answers {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("knop", "verder"));
        let res = client()
            .post(format!("{base}{step}"))
            .header("cookie", &cookie)
            .form(&form)
            .send()
            .unwrap();
        if res.status() != 303 {
            return None;
        }
        let next = res.headers()["location"].to_str().unwrap().to_owned();
        if let Some(rest) = next.split("/portaal/zaken/").nth(1) {
            return Some(rest.split('?').next().unwrap().to_owned());
        }
        step = next;
    }
    None
}

async fn getal(db: &Db, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(db.pool())
        .await
        .unwrap()
        .get::<i64, _>(0)
}

async fn exec(db: &Db, sql: &str) {
    sqlx::query(sql).execute(db.pool()).await.unwrap();
}

/// Per status, how many work items.
async fn werk_per_status(db: &Db) -> BTreeMap<String, i64> {
    sqlx::query("SELECT status, COUNT(*) AS n FROM werk GROUP BY status")
        .fetch_all(db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("status"), r.get("n")))
        .collect()
}

fn serve_args<'a>(url: &'a str, data_dir: &'a Path, config: &'a Path) -> Vec<&'a str> {
    vec![
        "--demo",
        "--database-url",
        url,
        "--data-dir",
        data_dir.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ]
}

#[test]
fn two_instances_share_the_work_and_take_over_from_a_killed_one() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let database = rt.block_on(TestDatabase::new());
    if database.backend != Backend::Postgres {
        println!(
            "skipped: several instances on one database need PostgreSQL (GBI_TEST_DB=postgres); \
             SQLite has one writer and one instance"
        );
        return;
    }
    let secret = Secret::generate().to_hex();
    let dir = tempfile::tempdir().unwrap();
    let mails = dir.path().join("mails");
    let config = dir.path().join("gbi.toml");
    std::fs::write(
        &config,
        format!("[mail]\ndirectory = {:?}\n", mails.to_str().unwrap()),
    )
    .unwrap();
    // Two hosts: each its own data folder (and anchor file).
    let (dir_a, dir_b) = (dir.path().join("a"), dir.path().join("b"));
    let env_a = [
        ("GBI_SECRET_KEY", secret.as_str()),
        ("GBI_LEASE_SECONDS", LEASE_SECONDS),
    ];
    let env_b = [
        ("GBI_SECRET_KEY", secret.as_str()),
        ("GBI_LEASE_SECONDS", LEASE_SECONDS),
        ("GBI_DRAIN_SECONDS", "4"),
    ];
    let mut a = Server::start(&serve_args(&database.url, &dir_a, &config), &env_a);
    let mut b = Server::start(&serve_args(&database.url, &dir_b, &config), &env_b);
    let db = rt.block_on(async {
        Db::connect(&database.url, &Secret::from_hex(&secret).unwrap(), 4)
            .await
            .unwrap()
    });

    // A's registers answer slowly: it holds items when it is killed.
    let testbed_a = a.testbed.clone().expect("the testbed runs in demo mode");
    for bron in [
        "brp",
        "uwv",
        "duo",
        "rdw",
        "kadaster",
        "svb",
        "belastingdienst",
    ] {
        let _ = client()
            .put(format!("{testbed_a}/admin/faults/{bron}"))
            .json(&serde_json::json!({"latency_ms": 700}))
            .send();
    }

    // Many zaken, half through each instance's portal.
    let bsns = demo_inwoners(&a.base);
    let mut zaken = Vec::new();
    for (i, bsn) in bsns.iter().enumerate() {
        let base = if i % 2 == 0 { &a.base } else { &b.base };
        if let Some(z) = aanvragen(base, bsn) {
            zaken.push(z);
        }
    }
    assert!(
        zaken.len() >= 3,
        "too few applications: {zaken:?} of {bsns:?}"
    );
    rt.block_on(async {
        // More zaken like those (copies), each waiting for BRP and UWV.
        let kolommen: Vec<String> = sqlx::query(
            "SELECT column_name::text AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'zaken' ORDER BY ordinal_position",
        )
        .fetch_all(db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("c"))
        .collect();
        let mut n = 0;
        for z in &zaken {
            for _ in 0..8 {
                n += 1;
                let id = format!("kopie-{n}");
                let waarden: Vec<String> = kolommen
                    .iter()
                    .map(|c| match c.as_str() {
                        "id" => format!("'{id}'"),
                        "identificatie" | "concept_id" => format!("'{id}-{c}'"),
                        c => c.to_owned(),
                    })
                    .collect();
                exec(&db, &format!(
                    "INSERT INTO zaken ({}) SELECT {} FROM zaken WHERE id = '{z}'",
                    kolommen.join(", "),
                    waarden.join(", ")
                )).await;
                for soort in ["bron:brp", "bron:uwv"] {
                    exec(&db, &format!(
                        "INSERT INTO werk (id, gemeente_code, zaak_id, soort, status, pogingen, volgende_poging, created_at, updated_at) \
                         SELECT '{id}-{soort}', gemeente_code, id, '{soort}', 'wachtend', 0, '2000-01-01T00:00:00.000000Z', '2000-01-01T00:00:00.000000Z', '2000-01-01T00:00:00.000000Z' FROM zaken WHERE id = '{id}'"
                    )).await;
                }
            }
        }
        // An item and a mail a dead instance had taken long ago.
        exec(&db, &format!(
            "INSERT INTO zaken ({}) SELECT {} FROM zaken WHERE id = '{}'",
            kolommen.join(", "),
            kolommen.iter().map(|c| match c.as_str() {
                "id" => "'kopie-dood'".to_owned(),
                "identificatie" | "concept_id" => format!("'kopie-dood-{c}'"),
                c => c.to_owned(),
            }).collect::<Vec<_>>().join(", "),
            zaken[0]
        )).await;
        // An item and a mail a dead instance had taken long ago.
        exec(&db,
            "INSERT INTO werk (id, gemeente_code, zaak_id, soort, status, pogingen, volgende_poging, created_at, updated_at) \
             SELECT 'dood-werk', gemeente_code, id, 'bron:brp', 'bezig', 1, '2000-01-01T00:00:00.000000Z', '2000-01-01T00:00:00.000000Z', '2000-01-01T00:00:00.000000Z' FROM zaken WHERE id = 'kopie-dood'"
        ).await;
        exec(&db, "INSERT INTO mails (id, gemeente_code, aan, onderwerp, tekst, status, pogingen, created_at, holder, lease_expires_at) \
                   VALUES ('dood-mail', '0392', 'inwoner@example.nl', 'Er staat een bericht voor u klaar', 'Beste inwoner,', 'bezig', 0, '2000-01-01T00:00:00.000000Z', 'dood', '2000-01-01T00:00:05.000000Z')").await;
        // Many mails in the outbox.
        for i in 0..150 {
            let g = if i % 2 == 0 { "0392" } else { "0153" };
            exec(&db, &format!(
                "INSERT INTO mails (id, gemeente_code, aan, onderwerp, tekst, status, pogingen, created_at) \
                 VALUES ('mail-{i:03}', '{g}', 'inwoner{i}@example.nl', 'Er staat een bericht voor u klaar', 'Beste inwoner,', 'wachtend', 0, '2026-01-01T00:00:00.000000Z')"
            )).await;
        }
        // A looplijst of a dead instance, and one of a living one.
        exec(&db, "INSERT INTO looplijst_runs (id, gemeente_code, regelingen, peildatum, catalogus, status, stap, procent, ingezetenen, vragen, gestart_door, gestart_op, holder) \
                   VALUES ('lijst-dood', '0392', 'iit', '2026-03-01', 't', 'bezig', 'x', 10, 0, 0, 'test', '2026-01-01T00:00:00.000000Z', 'dood')").await;
        exec(&db, "INSERT INTO looplijst_runs (id, gemeente_code, regelingen, peildatum, catalogus, status, stap, procent, ingezetenen, vragen, gestart_door, gestart_op, holder) \
                   VALUES ('lijst-levend', '0153', 'iit', '2026-03-01', 't', 'bezig', 'x', 10, 0, 0, 'test', '2026-01-01T00:00:00.000000Z', 'levend')").await;
        assert!(gbi_store::lease::take_for(&db, "instance:levend", "levend", 3600).await.unwrap());
    });

    // Work in progress on both; then A dies while it holds an item.
    let totaal = rt.block_on(getal(&db, "SELECT COUNT(*) FROM werk"));
    let van_a = format!(
        "SELECT COUNT(*) FROM werk WHERE status = 'bezig' AND holder LIKE '%:{}:%'",
        a.child.id()
    );
    let t = Instant::now();
    loop {
        let klaar = rt.block_on(getal(
            &db,
            "SELECT COUNT(*) FROM werk WHERE status = 'klaar'",
        ));
        let a_bezig = rt.block_on(getal(&db, &van_a));
        if klaar * 4 >= totaal && a_bezig > 0 {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(60),
            "no work in progress: {:?}",
            rt.block_on(werk_per_status(&db))
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let a_pid = a.child.id();
    a.kill();
    let voor_kill = rt.block_on(werk_per_status(&db));
    let achtergelaten: Vec<String> = rt.block_on(async {
        sqlx::query(&format!(
            "SELECT id FROM werk WHERE status = 'bezig' AND holder LIKE '%:{a_pid}:%'"
        ))
        .fetch_all(db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("id"))
        .collect()
    });
    println!("work at the kill: {voor_kill:?}; taken by A: {achtergelaten:?}");

    // B finishes everything, also what A had taken.
    let t = Instant::now();
    loop {
        let open = rt.block_on(getal(
            &db,
            "SELECT COUNT(*) FROM werk WHERE status <> 'klaar'",
        )) + rt.block_on(getal(
            &db,
            "SELECT COUNT(*) FROM mails WHERE status <> 'verzonden'",
        ));
        if open == 0 {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(150),
            "not finished: {:?}, mails {:?}",
            rt.block_on(werk_per_status(&db)),
            rt.block_on(gbi_store::mail::per_status(&db)).unwrap()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(b.child.try_wait().unwrap(), None, "B stopped");

    rt.block_on(async {
        // Every item done once: one snapshot per register consulted, one
        // assessment per assessment item, one log record per item.
        let bron_klaar = getal(&db, "SELECT COUNT(*) FROM werk WHERE status = 'klaar' AND soort LIKE 'bron:%'").await;
        let snapshots = getal(&db, "SELECT COUNT(*) FROM bron_snapshots").await;
        assert_eq!(snapshots, bron_klaar, "a register answer stored twice (or lost)");
        let beoordeling_klaar = getal(&db, "SELECT COUNT(*) FROM werk WHERE status = 'klaar' AND soort = 'beoordeling'").await;
        let beoordelingen = getal(&db, "SELECT COUNT(*) FROM beoordelingen").await;
        assert_eq!(beoordelingen, beoordeling_klaar, "an assessment stored twice");
        let gelogd = getal(&db, "SELECT COUNT(*) FROM verwerkingen WHERE naam LIKE 'bron:%'").await;
        assert_eq!(gelogd, bron_klaar, "a consultation logged twice (or not)");
        assert_eq!(
            getal(&db, "SELECT COUNT(*) FROM werk WHERE id = 'dood-werk' AND status = 'klaar'").await,
            1
        );
        // What A had taken when it died was taken over and finished.
        for id in &achtergelaten {
            let row = sqlx::query("SELECT status, holder FROM werk WHERE id = $1")
                .bind(id)
                .fetch_one(db.pool())
                .await
                .unwrap();
            let (status, holder): (String, Option<String>) = (row.get("status"), row.get("holder"));
            assert_eq!(status, "klaar", "{id}");
            assert!(
                !holder.unwrap_or_default().contains(&format!(":{a_pid}:")),
                "{id} finished by the dead instance?"
            );
        }

        // Every mail sent once: one file each.
        let verzonden = getal(&db, "SELECT COUNT(*) FROM mails WHERE status = 'verzonden'").await;
        let mut per_mail: BTreeMap<String, u32> = BTreeMap::new();
        for f in std::fs::read_dir(&mails).unwrap() {
            let naam = f.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(id) = naam.strip_suffix(".eml").and_then(|n| n.rsplit_once('.')).map(|(id, _)| id.to_owned()) {
                *per_mail.entry(id).or_default() += 1;
            }
        }
        let dubbel: Vec<_> = per_mail.iter().filter(|(_, n)| **n > 1).collect();
        assert!(dubbel.is_empty(), "mails sent twice: {dubbel:?}");
        assert_eq!(per_mail.len() as i64, verzonden, "a sent mail without its file");
        assert_eq!(per_mail.get("dood-mail"), Some(&1), "the dead sender's mail was not taken over");

        // The dead instance's looplijst is interrupted, the living one's not.
        let status = |id: &'static str| {
            let db = db.clone();
            async move {
                sqlx::query("SELECT status FROM looplijst_runs WHERE id = $1")
                    .bind(id)
                    .fetch_one(db.pool())
                    .await
                    .unwrap()
                    .get::<String, _>("status")
            }
        };
        assert_eq!(status("lijst-dood").await, "mislukt");
        assert_eq!(status("lijst-levend").await, "bezig");

        // The scheduled jobs ran under a lease, held by one instance.
        for job in ["job:bewaak_termijnen", "job:looplijsten_opruimen"] {
            assert_eq!(getal(&db, &format!("SELECT COUNT(*) FROM leases WHERE name = '{job}'")).await, 1, "{job}");
        }

        // No record twice, the chain whole.
        let dubbele_records = getal(&db, "SELECT COUNT(*) FROM (SELECT gemeente_code, seq FROM verwerkingen GROUP BY gemeente_code, seq HAVING COUNT(*) > 1) d").await;
        assert_eq!(dubbele_records, 0);
        for r in logboek::verify(&db).await.unwrap() {
            assert!(r.problems.is_empty(), "{r:?}");
        }
    });
    println!(
        "zaken {}, work items {totaal}, mails {}",
        zaken.len(),
        rt.block_on(getal(&db, "SELECT COUNT(*) FROM mails"))
    );

    betaalrun_twee_keer_tegelijk(&rt, &db, &database.url, &secret, &dir_b);

    // SIGTERM: B says it is not ready while it drains, then stops cleanly
    // and gives its lease back.
    let instanties_voor = rt.block_on(getal(
        &db,
        "SELECT COUNT(*) FROM leases WHERE name LIKE 'instance:%'",
    ));
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &b.child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let t = Instant::now();
    loop {
        let r = client().get(b.url("/health/ready")).send().unwrap();
        if r.status() == 503 {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(3),
            "still ready after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let t = Instant::now();
    while b.child.try_wait().unwrap().is_none() {
        assert!(t.elapsed() < Duration::from_secs(30), "B did not stop");
        std::thread::sleep(Duration::from_millis(100));
    }
    let instanties_na = rt.block_on(getal(
        &db,
        "SELECT COUNT(*) FROM leases WHERE name LIKE 'instance:%'",
    ));
    assert_eq!(
        instanties_na,
        instanties_voor - 1,
        "B's lease not given back"
    );

    rt.block_on(db.close());
    for data_dir in [&dir_a, &dir_b] {
        let out = support::gbi()
            .args([
                "audit",
                "verify",
                "--database-url",
                &database.url,
                "--data-dir",
                data_dir.to_str().unwrap(),
            ])
            .env("GBI_SECRET_KEY", &secret)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The same month's betaalrun started twice at once (two operators, two
/// instances): one run, every benefit paid once, every payment logged once.
fn betaalrun_twee_keer_tegelijk(
    rt: &tokio::runtime::Runtime,
    db: &Db,
    url: &str,
    secret: &str,
    data_dir: &Path,
) {
    const N: i64 = 1500;
    let code = GemeenteCode::parse("0363").unwrap();
    let scope = Scope::system(code, "test");
    rt.block_on(async {
        gemeenten::ensure(db, &code, "Amsterdam", false)
            .await
            .unwrap();
        synthetisch::caseload(db, &scope, N as u32, "2026-01-01")
            .await
            .unwrap();
    });
    let run = || {
        support::gbi()
            .args([
                "payments",
                "run",
                "--gemeente",
                "0363",
                "--month",
                "2026-07",
                "--zonder-uwv",
                "--database-url",
                url,
                "--data-dir",
                data_dir.to_str().unwrap(),
            ])
            .env("GBI_SECRET_KEY", secret)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (een, twee) = (run(), run());
    let uitkomsten = [
        een.wait_with_output().unwrap(),
        twee.wait_with_output().unwrap(),
    ];
    for o in &uitkomsten {
        println!(
            "payments run: {} {}",
            o.status,
            String::from_utf8_lossy(&o.stderr).trim()
        );
    }
    assert!(
        uitkomsten.iter().any(|o| o.status.success()),
        "neither run succeeded"
    );
    rt.block_on(async {
        let runs = getal(
            db,
            "SELECT COUNT(*) FROM betaalruns WHERE gemeente_code = '0363' AND maand = '2026-07'",
        )
        .await;
        assert_eq!(runs, 1);
        let betalingen = gbi_store::testing::betalingen_van_maand(db, "0363", "2026-07").await;
        let uniek: std::collections::BTreeSet<_> =
            betalingen.iter().map(|(u, _)| u.clone()).collect();
        assert_eq!(uniek.len(), betalingen.len(), "a benefit paid twice");
        assert_eq!(betalingen.len() as i64, N);
        let gelogd = logboek::count(db, &scope, &logboek::UITKERING_BETALEN)
            .await
            .unwrap();
        assert_eq!(gelogd, N, "a payment logged twice (or not)");
    });
}

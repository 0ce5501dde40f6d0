//! `gbi audit verify` against tampering that the hash chain alone does not
//! show: the newest records removed with the chain head re-pointed, a whole
//! gemeente removed, a chain rebuilt after its anchor — caught by the
//! anchors that `gbi serve` writes outside the database. And verify never
//! makes a key. On the database chosen by GBI_TEST_DB.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use gbi_domain::{Bsn, GemeenteCode};
use gbi_store::testing::{TestDatabase, execute};
use gbi_store::{Db, Scope, Secret, gemeenten, inwoners, logboek};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};
use support::{Server, gbi};

/// A database with gemeenten Haarlem (0392) and Enschede (0153), its key
/// and a data folder for `gbi serve` and `gbi audit verify`.
struct Installatie {
    rt: tokio::runtime::Runtime,
    database: TestDatabase,
    secret: Secret,
    data: tempfile::TempDir,
}

const HAARLEM: &str = "0392";
const ENSCHEDE: &str = "0153";

impl Installatie {
    fn new() -> Installatie {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let database = rt.block_on(TestDatabase::new());
        let secret = Secret::generate();
        let i = Installatie {
            rt,
            database,
            secret,
            data: tempfile::tempdir().unwrap(),
        };
        i.met_db(|db| async move {
            db.migrate().await.unwrap();
            for (code, naam) in [(HAARLEM, "Haarlem"), (ENSCHEDE, "Enschede")] {
                let code = GemeenteCode::parse(code).unwrap();
                gemeenten::ensure(&db, &code, naam, false).await.unwrap();
            }
        });
        i
    }

    fn met_db<F, Fut, T>(&self, f: F) -> T
    where
        F: FnOnce(Db) -> Fut,
        Fut: std::future::Future<Output = T>,
    {
        self.rt.block_on(async {
            let db = Db::connect(&self.database.url, &self.secret, 2)
                .await
                .unwrap();
            let out = f(db.clone()).await;
            db.close().await;
            out
        })
    }

    /// Register `n` residents in the gemeente: two records each (written,
    /// then read back).
    fn schrijf(&self, gemeente: &str, n: u32) {
        static VOLGENDE: AtomicU32 = AtomicU32::new(0);
        self.met_db(|db| async move {
            let scope = Scope::system(GemeenteCode::parse(gemeente).unwrap(), "test");
            for _ in 0..n {
                let (k, bsn) = loop {
                    let k = VOLGENDE.fetch_add(1, Ordering::Relaxed);
                    if let Some(bsn) = Bsn::from_prefix(30_000_000 + k * 7) {
                        break (k, bsn);
                    }
                };
                let new = inwoners::NewInwoner {
                    bsn,
                    naam: format!("Inwoner {k}"),
                    email: None,
                    telefoon: None,
                    iban: None,
                };
                let i = inwoners::create(&db, &scope, new, "t").await.unwrap();
                inwoners::get(&db, &scope, &i.id, "t").await.unwrap();
            }
        });
    }

    fn sql(&self, sql: &str) {
        self.met_db(|db| async move { execute(&db, sql).await });
    }

    fn data_dir(&self) -> &str {
        self.data.path().to_str().unwrap()
    }

    fn ankers(&self) -> PathBuf {
        self.data.path().join("logboek-ankers.jsonl")
    }

    /// `gbi serve` on this database, with the key.
    fn serve(&self) -> Server {
        let key = self.secret.to_hex();
        Server::start(
            &[
                "--database-url",
                &self.database.url,
                "--data-dir",
                self.data_dir(),
            ],
            &[("GBI_SECRET_KEY", key.as_str())],
        )
    }

    fn verify(&self) -> Output {
        gbi()
            .args(["audit", "verify", "--database-url", &self.database.url])
            .args(["--data-dir", self.data_dir()])
            .env("GBI_SECRET_KEY", self.secret.to_hex())
            .output()
            .unwrap()
    }

    /// `gbi audit verify`, expected to find tampering: exit code 1. Returns
    /// what it printed on standard output and on standard error.
    fn aangetast(&self) -> (String, String) {
        let bad = self.verify();
        assert_eq!(bad.status.code(), Some(1), "{}", stdout(&bad));
        (stdout(&bad), stderr(&bad))
    }

    /// Remove the gemeente's records after `tot` and point its head at
    /// record `tot`, as someone with access to the database could.
    fn kap_af(&self, gemeente: &str, tot: i64) {
        self.sql(&format!(
            "DELETE FROM verwerkingen WHERE gemeente_code = '{gemeente}' AND seq > {tot}"
        ));
        self.sql(&format!(
            "UPDATE verwerkingen_kop SET seq = {tot}, hash = (SELECT hash FROM verwerkingen \
             WHERE gemeente_code = '{gemeente}' AND seq = {tot}) WHERE gemeente_code = '{gemeente}'"
        ));
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Stop the server as an operator does (SIGTERM) and wait until it is gone.
fn stop(mut server: Server) {
    let pid = server.child.id().to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let t = Instant::now();
    while server.child.try_wait().unwrap().is_none() {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "gbi serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The highest record number anchored for the gemeente in the file.
fn verankerd(pad: &Path, gemeente: &str) -> i64 {
    std::fs::read_to_string(pad)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["gemeente_code"] == gemeente)
        .filter_map(|v| v["seq"].as_i64())
        .max()
        .unwrap_or(0)
}

/// Write while `gbi serve` runs, then stop it: the heads are anchored both
/// while it runs and at shutdown; verify finds all in order.
fn geankerd(i: &Installatie) {
    i.schrijf(HAARLEM, 3);
    i.schrijf(ENSCHEDE, 2);
    let server = i.serve();
    // Anchored at start.
    assert_eq!(verankerd(&i.ankers(), HAARLEM), 6);
    // Written by another process while the server runs: anchored within
    // a few seconds.
    i.schrijf(HAARLEM, 2);
    let t = Instant::now();
    while verankerd(&i.ankers(), HAARLEM) < 10 {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "not anchored while serving"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    i.schrijf(HAARLEM, 1);
    stop(server);
    // And at shutdown (or by the last tick before it).
    assert_eq!(verankerd(&i.ankers(), HAARLEM), 12);
    assert_eq!(verankerd(&i.ankers(), ENSCHEDE), 4);
    let ok = i.verify();
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    let out = stdout(&ok);
    assert!(
        out.contains("gemeente 0392: 12 records, keten in orde, verankerd tot en met record 12"),
        "{out}"
    );
    assert!(
        out.contains("gemeente 0153: 4 records, keten in orde"),
        "{out}"
    );
}

#[test]
fn removing_the_newest_records_and_re_pointing_the_head_is_found() {
    let i = Installatie::new();
    geankerd(&i);
    i.kap_af(HAARLEM, 9);
    // The chain alone sees nothing wrong: that is what the anchors are for.
    let zonder_anker = i.met_db(|db| async move { logboek::verify(&db).await.unwrap() });
    assert!(zonder_anker.iter().all(|r| r.problems.is_empty()));

    let (out, err) = i.aangetast();
    assert!(
        out.contains("gemeente 0392: 9 records, 1 probleem/problemen:"),
        "{out}"
    );
    assert!(
        out.contains("records 10 tot en met 12 ontbreken: het anker van "),
        "{out}"
    );
    assert!(out.contains("zegt 12 records"), "{out}");
    assert!(
        out.contains("gemeente 0153: 4 records, keten in orde"),
        "{out}"
    );
    assert!(
        err.contains("het logboek is aangetast bij 1 gemeente(n)"),
        "{err}"
    );
}

#[test]
fn removing_a_whole_gemeente_with_its_head_is_found() {
    let i = Installatie::new();
    geankerd(&i);
    i.sql("DELETE FROM verwerkingen WHERE gemeente_code = '0153'");
    i.sql("DELETE FROM verwerkingen_kop WHERE gemeente_code = '0153'");

    let (out, err) = i.aangetast();
    assert!(out.contains("gemeente 0153: 0 records"), "{out}");
    assert!(
        out.contains("de kop van de keten ontbreekt in de database"),
        "{out}"
    );
    assert!(out.contains("records 1 tot en met 4 ontbreken"), "{out}");
    assert!(err.contains("aangetast bij 1 gemeente(n)"), "{err}");
    assert!(
        out.contains("gemeente 0392: 12 records, keten in orde"),
        "{out}"
    );
}

#[test]
fn a_chain_cut_off_and_written_on_past_its_anchor_is_found_and_not_anchored_again() {
    let i = Installatie::new();
    geankerd(&i);
    i.kap_af(HAARLEM, 9);
    // GBI goes on writing on the cut chain, past the anchored record 12.
    i.schrijf(HAARLEM, 3);
    let server = i.serve();
    i.schrijf(HAARLEM, 1);
    stop(server);
    assert_eq!(
        verankerd(&i.ankers(), HAARLEM),
        12,
        "the server anchored a chain that lost its anchored record"
    );
    let (out, err) = i.aangetast();
    assert!(out.contains("gemeente 0392: 17 records"), "{out}");
    assert!(
        out.contains("record 12 heeft niet meer de hash uit het anker van"),
        "{out}"
    );
    assert!(err.contains("aangetast bij 1 gemeente(n)"), "{err}");
}

#[test]
fn a_forged_anchor_line_is_reported() {
    let i = Installatie::new();
    geankerd(&i);
    let tekst = std::fs::read_to_string(i.ankers()).unwrap();
    let laatste = tekst.lines().last().unwrap();
    let mut v: serde_json::Value = serde_json::from_str(laatste).unwrap();
    v["seq"] = serde_json::json!(2);
    v["records"] = serde_json::json!(2);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(i.ankers())
        .unwrap();
    std::io::Write::write_all(&mut f, format!("{v}\n").as_bytes()).unwrap();
    let regel = tekst.lines().count() + 1;

    let (out, err) = i.aangetast();
    assert!(
        out.contains(&format!("regel {regel} (gemeente "))
            && out.contains("ongeldige handtekening"),
        "{out}"
    );
    assert!(err.contains("ankerbestand"), "{err}");
}

#[test]
fn a_log_without_its_anchor_file_is_not_called_in_order() {
    let i = Installatie::new();
    geankerd(&i);
    std::fs::remove_file(i.ankers()).unwrap();
    let (out, _) = i.aangetast();
    assert!(
        out.contains("ontbreekt, maar het logboek heeft records"),
        "{out}"
    );
}

#[test]
fn verify_without_the_key_file_refuses_and_makes_no_key() {
    let i = Installatie::new();
    i.schrijf(HAARLEM, 1);
    let leeg = tempfile::tempdir().unwrap();
    let nergens = leeg.path().join("bestaat-niet");
    for map in [leeg.path(), nergens.as_path()] {
        let out = gbi()
            .args(["audit", "verify", "--database-url", &i.database.url])
            .args(["--data-dir", map.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        let sleutel = map.join("geheim.key");
        assert!(
            err.contains(&format!(
                "het sleutelbestand {} bestaat niet",
                sleutel.display()
            )),
            "{err}"
        );
        assert!(err.contains("maakt nooit een nieuwe sleutel"), "{err}");
        assert!(!sleutel.exists(), "verify wrote a key");
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    }
    assert!(!nergens.exists(), "verify made the data folder");
}

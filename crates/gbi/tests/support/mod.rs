//! Run the real `gbi` binary against a fresh database.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn gbi() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gbi"));
    c.env("GBI_LOG", "warn")
        .env_remove("GBI_DATABASE_URL")
        .env_remove("GBI_CONFIG")
        .env_remove("GBI_SECRET_KEY");
    c
}

/// A running `gbi serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    /// The in-process testbed (demo mode), e.g. `http://127.0.0.1:41234`.
    pub testbed: Option<String>,
    pub started: Instant,
    pub ready_after: Duration,
}

impl Server {
    /// Start `gbi serve` with `args` on a free port and wait until
    /// `/health/ready` answers 200.
    pub fn start(args: &[&str], envs: &[(&str, &str)]) -> Server {
        let started = Instant::now();
        let mut cmd = gbi();
        cmd.arg("serve")
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start gbi serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("gbi serve stopped before printing its address")
                .expect("read stdout");
            if let Some(rest) = line.strip_prefix("GBI draait op ") {
                break rest.trim().to_owned();
            }
        };
        // The lines after the address, up to "Stoppen", name the testbed.
        let mut testbed = None;
        for line in lines.by_ref() {
            let line = line.expect("read stdout");
            if let Some(rest) = line
                .trim()
                .strip_prefix("gesimuleerde registers (testbed): ")
            {
                testbed = Some(rest.trim().trim_end_matches("/admin/faults").to_owned());
            }
            if line.starts_with("Stoppen") {
                break;
            }
        }
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let client = reqwest::blocking::Client::new();
        loop {
            if let Ok(r) = client.get(format!("{base}/health/ready")).send()
                && r.status() == 200
            {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "not ready within 60 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let ready_after = started.elapsed();
        Server {
            child,
            base,
            testbed,
            started,
            ready_after,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// SIGKILL: no shutdown, no flushing.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn login(base: &str, user: &str) -> String {
    let r = reqwest::blocking::Client::new()
        .post(format!("{base}/api/v1/sessies"))
        .json(&serde_json::json!({ "gebruikersnaam": user, "wachtwoord": "demo" }))
        .send()
        .expect("login");
    assert_eq!(r.status(), 201);
    let v: serde_json::Value = r.json().expect("json");
    v["token"].as_str().expect("token").to_owned()
}

//! The local OpenID Connect provider (`e2e/oidc/provider.mjs`) for tests.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The local provider, stopped when dropped.
pub struct Op {
    child: Child,
    pub issuer: String,
}

impl Drop for Op {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub fn start_op() -> Op {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut child = Command::new("node")
        .arg(format!("{root}/e2e/oidc/provider.mjs"))
        .args(["--port", "0"])
        .env("OIDC_TEST_ADMIN", "1")
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node runs the local OpenID provider (npm ci installs oidc-provider)");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let issuer = line
        .trim()
        .strip_prefix("OIDC provider ready at ")
        .unwrap_or_else(|| panic!("the provider did not start: {line:?}"))
        .to_owned();
    Op { child, issuer }
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_owned()
}

/// A Location of the provider, relative or absolute.
pub fn bij_op(op: &Op, res: &reqwest::Response) -> String {
    let l = location(res);
    if l.starts_with("http") {
        l
    } else {
        format!("{}{l}", op.issuer)
    }
}

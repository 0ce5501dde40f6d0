//! The local OpenID Connect provider (`e2e/oidc/provider.mjs`) for tests.

use gbi_domain::GemeenteCode;
use gbi_web::identiteit::MiddelConfig;
use gbi_web::oidc::ClientConfig;
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

/// Log in as a browser would: GBI's start page `start`, the provider's
/// authorize step and test page (posting `velden`), back to GBI's callback
/// under `callback`. Returns GBI's answer on the callback.
pub async fn inloggen(
    app: &super::TestApp,
    op: &Op,
    start: &str,
    callback: &str,
    velden: &[(&str, &str)],
) -> reqwest::Response {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let vertrek = browser.get(app.url(start)).send().await.unwrap();
    assert_eq!(vertrek.status(), 303);
    let naar_op = location(&vertrek);
    assert!(naar_op.starts_with(&op.issuer), "{naar_op}");
    assert!(naar_op.contains("code_challenge_method=S256"), "{naar_op}");
    let res = browser.get(&naar_op).send().await.unwrap();
    let res = browser
        .post(bij_op(op, &res))
        .form(velden)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let res = browser.get(bij_op(op, &res)).send().await.unwrap();
    let terug = location(&res);
    assert!(terug.starts_with(&app.url(callback)), "{terug}");
    browser.get(&terug).send().await.unwrap()
}

/// The value of cookie `naam` that `res` sets (not one it clears).
pub fn gezette_cookie(res: &reqwest::Response, naam: &str) -> Option<String> {
    let prefix = format!("{naam}=");
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&prefix) && !c.starts_with(&format!("{prefix};")))
        .map(|c| c.split(';').next().unwrap_or_default().to_owned())
}

/// GBI's registration at the local provider for the portal of 0392, with
/// DigiD Machtigen and eHerkenning offered.
pub fn portaal_client(op: &Op, base: &str, client_id: &str, secret: &str) -> ClientConfig {
    let middel = || {
        Some(MiddelConfig {
            scope: "openid".into(),
            diensten: vec![],
        })
    };
    ClientConfig {
        issuer: op.issuer.clone(),
        client_id: client_id.into(),
        client_secret: secret.into(),
        redirect_uri: format!("{base}/portaal/oidc/callback"),
        post_logout_redirect_uri: Some(format!("{base}/portaal")),
        rollen: Default::default(),
        machtigen: middel(),
        eherkenning: middel(),
        claims: Default::default(),
    }
}

/// A GBI whose portal of 0392 logs in at the local provider.
pub async fn portaal_app(op: &Op) -> super::TestApp {
    let op_issuer = op.issuer.clone();
    let cfg = |base: &str| portaal_client(op, base, "gbi-portaal", "test-secret-portaal");
    super::TestApp::spawn_at(|mut s, base| {
        let mut m = std::collections::HashMap::new();
        m.insert(GemeenteCode::parse("0392").unwrap(), cfg(base));
        std::sync::Arc::make_mut(&mut s.settings).form_action = vec![op_issuer];
        s.with_oidc_portaal(m)
    })
    .await
}

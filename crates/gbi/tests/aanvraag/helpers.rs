//! Small HTTP and PDF helpers of the application flow test.

pub fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub fn cookie_of(res: &reqwest::blocking::Response) -> String {
    res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// The session cookie of the first resident the demo login lists.
pub fn eerste_demo_inwoner(base: &str) -> String {
    let page = client()
        .get(format!("{base}/portaal/inloggen"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let start = page
        .find("name=\"persoon\" value=\"")
        .expect("a demo person")
        + "name=\"persoon\" value=\"".len();
    let bsn = page[start..start + 9].to_owned();
    let res = client()
        .post(format!("{base}/portaal/inloggen"))
        .form(&[("persoon", bsn.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    cookie_of(&res)
}

/// Whether the zaak belongs to Haarlem (else Enschede), asked as Haarlem staff.
pub fn werkplek_login_is_haarlem(base: &str, zaak_id: &str) -> bool {
    let res = client()
        .post(format!("{base}/inloggen"))
        .form(&[
            ("gebruikersnaam", "haarlem.consulent"),
            ("wachtwoord", "demo"),
        ])
        .send()
        .unwrap();
    let staff = cookie_of(&res);
    client()
        .get(format!("{base}/werkplek/zaken/{zaak_id}"))
        .header("cookie", &staff)
        .send()
        .unwrap()
        .status()
        == 200
}

/// The text of a PDF, by `pdftotext` (poppler-utils, installed by scripts/test-all).
pub fn pdf_tekst(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("brief.pdf");
    std::fs::write(&pad, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", pad.to_str().unwrap(), "-"])
        .output()
        .expect(
            "pdftotext (poppler-utils) is needed to read the letter; scripts/test-all installs it",
        );
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

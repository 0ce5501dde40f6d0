//! `gbi calc` and `gbi calc batch` through the real command line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};

fn gbi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gbi"))
        .args(args)
        .output()
        .unwrap()
}

fn voorbeeld() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/voorbeelden/huishouden.json"
    )
    .to_owned()
}

#[test]
fn calc_geeft_json_met_uitkomst_en_uitleg() {
    let out = gbi(&[
        "calc",
        "--input",
        &voorbeeld(),
        "--date",
        "2026-07-01",
        "--gemeente",
        "0392",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!("calc_voorbeeld", v);
}

#[test]
fn calc_explain_noemt_bij_elke_stap_een_artikel() {
    let out = gbi(&[
        "calc",
        "--input",
        &voorbeeld(),
        "--date",
        "2026-07-01",
        "--gemeente",
        "0392",
        "--explain",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tekst = String::from_utf8(out.stdout).unwrap();
    let stappen: Vec<&str> = tekst
        .lines()
        .filter(|l| l.trim_start().starts_with('['))
        .collect();
    assert!(stappen.len() >= 10, "{tekst}");
    for s in &stappen {
        assert!(s.contains("art."), "stap zonder artikel: {s}");
    }
    assert!(
        tekst.contains("Uitkomst: recht € 563,90 per maand"),
        "{tekst}"
    );
    assert!(tekst.contains("In gewone taal:"), "{tekst}");
}

#[test]
fn calc_meldt_onmogelijke_invoer_met_het_veld() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("h.json");
    for (json, verwacht) in [
        (
            r#"{"aanvrager":{"geboortedatum":"2012-01-01"}}"#,
            "aanvrager.geboortedatum",
        ),
        (
            r#"{"aanvrager":{"geboortedatum":"1990-01-01"},"vermogen":{"bezittingen_cents":-1}}"#,
            "vermogen.bezittingen_cents",
        ),
        (
            r#"{"aanvrager":{"geboortedatum":"1990-01-01"},"partnr":{}}"#,
            "partnr",
        ),
    ] {
        std::fs::write(&f, json).unwrap();
        let out = gbi(&[
            "calc",
            "--input",
            f.to_str().unwrap(),
            "--date",
            "2026-07-01",
        ]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(verwacht), "{json}: {err}");
    }
    std::fs::write(&f, r#"{"aanvrager":{"geboortedatum":"1990-01-01"}}"#).unwrap();
    let out = gbi(&[
        "calc",
        "--input",
        f.to_str().unwrap(),
        "--date",
        "2031-01-01",
    ]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("geen parameters"),
        "{out:?}"
    );
    let out = gbi(&[
        "calc",
        "--input",
        f.to_str().unwrap(),
        "--date",
        "2026-07-01",
        "--gemeente",
        "0363",
    ]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("0363"),
        "{out:?}"
    );
}

#[test]
fn calc_batch_rekent_een_bestand_door_en_meldt_de_regel_van_een_fout() {
    let dir = tempfile::tempdir().unwrap();
    let (invoer, uitvoer) = (dir.path().join("in.csv"), dir.path().join("out.csv"));
    let out = gbi(&[
        "calc",
        "generate",
        "--households",
        "20000",
        "--output",
        invoer.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gbi(&[
        "calc",
        "batch",
        "--input",
        invoer.to_str().unwrap(),
        "--date",
        "2026-01-01",
        "--output",
        uitvoer.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let samenvatting = String::from_utf8(out.stdout).unwrap();
    assert!(
        samenvatting.contains("huishoudens:        20000"),
        "{samenvatting}"
    );
    assert!(
        samenvatting.contains("huishoudens per seconde"),
        "{samenvatting}"
    );
    let csv = std::fs::read_to_string(&uitvoer).unwrap();
    assert_eq!(csv.lines().count(), 20001);
    assert_eq!(csv.lines().next(), Some("household_id,entitled_cents"));

    std::fs::write(
        &invoer,
        "household_id,applicant_age,has_partner,partner_age,children_under_18,kostendelers_27plus,income_cents,assets_cents\n1,30,0,0,0,0,0,0\n2,30,0,0,0,0,0,-3\n",
    )
    .unwrap();
    let out = gbi(&[
        "calc",
        "batch",
        "--input",
        invoer.to_str().unwrap(),
        "--date",
        "2026-01-01",
        "--output",
        uitvoer.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("regel 3, kolom assets_cents"), "{err}");
    // The output of the earlier run is left as it was, and no temporary
    // file stays behind.
    assert_eq!(std::fs::read_to_string(&uitvoer).unwrap(), csv);
    let mut namen: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    namen.sort();
    assert_eq!(namen, ["in.csv", "out.csv"]);
}

//! Loading validates everything and errors name the file and the key.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_rules::params::INGEBOUWD;
use gbi_rules::{Huishouden, Parameters, Regels, RekenFout};

fn bestanden() -> Vec<(String, String)> {
    INGEBOUWD
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect()
}

fn met(naam: &str, wijzig: impl Fn(&str) -> String) -> String {
    let mut b = bestanden();
    let f = b.iter_mut().find(|(n, _)| n.ends_with(naam)).unwrap();
    let nieuw = wijzig(&f.1);
    assert_ne!(nieuw, f.1, "wijziging had geen effect");
    f.1 = nieuw;
    Parameters::laden(b).unwrap_err().to_string()
}

#[test]
fn de_ingebouwde_bestanden_laden() {
    let p = Parameters::ingebouwd().unwrap();
    assert!(p.alle().count() >= 15);
    assert_eq!(p.gemeenten().len(), 2);
}

#[test]
fn een_gat_in_de_geldigheid_wordt_gemeld() {
    let e = met("bijstandsnormen-2026-01.toml", |t| {
        t.replace("geldig_van = \"2026-01-01\"", "geldig_van = \"2026-01-02\"")
    });
    assert!(
        e.contains("bijstandsnormen-2026-01.toml") && e.contains("gat"),
        "{e}"
    );
}

#[test]
fn overlap_wordt_gemeld() {
    let e = met("bijstandsnormen-2025-07.toml", |t| {
        t.replace("geldig_tot = \"2025-12-31\"", "geldig_tot = \"2026-01-31\"")
    });
    assert!(e.contains("overlapt"), "{e}");
}

#[test]
fn een_onbekende_sleutel_wordt_gemeld() {
    let e = met("vermogen-2026.toml", |t| {
        format!(
            "{t}\n[grens_onbekend]\nwaarde = \"1\"\neenheid = \"euro\"\nartikel = \"x\"\nmarkering = \"off\"\n"
        )
    });
    assert!(
        e.contains("vermogen-2026.toml: sleutel `grens_onbekend`: onbekende sleutel"),
        "{e}"
    );
}

#[test]
fn een_verkeerde_eenheid_wordt_gemeld() {
    let e = met("vermogen-2026.toml", |t| {
        t.replacen("eenheid = \"euro\"", "eenheid = \"euro_per_maand\"", 1)
    });
    assert!(
        e.contains("sleutel `grens_alleenstaande`: eenheid moet \"euro\" zijn"),
        "{e}"
    );
}

#[test]
fn een_ontbrekende_sleutel_wordt_gemeld() {
    let e = met("bijzondere-bijstand-2026.toml", |t| {
        t.replace("[drempel]", "[drempel_x]")
    });
    assert!(e.contains("drempel"), "{e}");
}

#[test]
fn een_onleesbaar_bedrag_wordt_gemeld() {
    let e = met("bijstandsnormen-2026-01.toml", |t| {
        t.replace("\"1401,50\"", "\"14o1,50\"")
    });
    assert!(
        e.contains("bijstandsnormen-2026-01.toml: sleutel `norm_21_alleenstaande`")
            && e.contains("geen bedrag"),
        "{e}"
    );
}

#[test]
fn een_waarde_zonder_artikel_wordt_geweigerd() {
    let e = met("toeslag-20-3-2026-01.toml", |t| {
        t.replace(
            "artikel = \"art. 20, derde en vierde lid\"",
            "artikel = \"\"",
        )
    });
    assert!(e.contains("artikel ontbreekt"), "{e}");
}

#[test]
fn een_onbekend_onderwerp_wordt_gemeld() {
    let e = met("bbz-2026.toml", |t| {
        t.replace("onderwerp = \"bbz\"", "onderwerp = \"bbzz\"")
    });
    assert!(e.contains("onbekend onderwerp \"bbzz\""), "{e}");
}

#[test]
fn een_datum_buiten_elke_parameterset_geeft_een_fout() {
    let r = Regels::ingebouwd().unwrap();
    let h: Huishouden =
        serde_json::from_str(r#"{"aanvrager":{"geboortedatum":"1990-01-01"}}"#).unwrap();
    for d in ["2025-06-30", "2027-01-01"] {
        let e = r
            .bereken(&h, NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap(), None)
            .unwrap_err();
        assert!(matches!(e, RekenFout::GeenParameters { .. }), "{d}: {e}");
        assert!(e.to_string().contains(d), "{e}");
    }
}

#[test]
fn een_onbekende_gemeente_geeft_een_fout() {
    let r = Regels::ingebouwd().unwrap();
    let h: Huishouden =
        serde_json::from_str(r#"{"aanvrager":{"geboortedatum":"1990-01-01"}}"#).unwrap();
    let e = r
        .bereken(
            &h,
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
            Some(gbi_domain::GemeenteCode::parse("0363").unwrap()),
        )
        .unwrap_err();
    assert_eq!(e.code(), "geen_beleid", "{e}");
}

#[test]
fn een_map_met_bestanden_laadt_net_als_de_ingebouwde() {
    let dir = tempfile::tempdir().unwrap();
    for (n, t) in bestanden() {
        let pad = dir.path().join(&n);
        std::fs::create_dir_all(pad.parent().unwrap()).unwrap();
        std::fs::write(pad, t).unwrap();
    }
    let uit_map = Parameters::uit_map(dir.path()).unwrap();
    assert_eq!(
        uit_map.alle().count(),
        Parameters::ingebouwd().unwrap().alle().count()
    );
}

#[test]
fn uwv_loon_automatisch_verrekenen_is_a_yes_no_policy_per_gemeente() {
    let p = Parameters::ingebouwd().unwrap();
    let d = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let haarlem = gbi_domain::GemeenteCode::parse("0392").unwrap();
    let enschede = gbi_domain::GemeenteCode::parse("0153").unwrap();
    assert!(p.uwv_loon_automatisch_verrekenen(haarlem, d).unwrap());
    assert!(!p.uwv_loon_automatisch_verrekenen(enschede, d).unwrap());
    let e = met("beleid/0392.toml", |t| {
        t.replace(
            "(demo): ja.\nwaarde = \"ja\"",
            "(demo): ja.\nwaarde = \"misschien\"",
        )
    });
    assert!(
        e.contains("sleutel `uwv_loon_automatisch_verrekenen`") && e.contains("\"ja\" of \"nee\""),
        "{e}"
    );
}

#[test]
fn the_policy_lists_are_checked_when_loaded() {
    for (wijzig, verwacht) in [
        (
            (
                "soort = \"medische_kosten\"\nvorm = \"om_niet\"",
                "soort = \"medische_kosten\"\nvorm = \"geldlening\"",
            ),
            "vorm geldlening mag niet",
        ),
        (
            ("documenten = [\"offerte\"]", "documenten = [\"bonnetje\"]"),
            "geen bekend document",
        ),
        (
            ("leeftijd_van = 12", "leeftijd_van = 19"),
            "leeftijd van 0 tot 18",
        ),
        (
            ("code = \"uitvaart\"", "code = \"wasmachine\""),
            "twee keer",
        ),
        (("maximum = \"450\"", "maximum = \"veel\""), "geen bedrag"),
        (("periodiek = true", "periodiek = \"ja\""), "true of false"),
        (
            (
                "naam = \"Wasmachine\"",
                "naam = \"Wasmachine\"\nkleur = \"wit\"",
            ),
            "onbekend veld \"kleur\"",
        ),
    ] {
        let e = met("beleid/0392.toml", |t| t.replacen(wijzig.0, wijzig.1, 1));
        assert!(
            e.contains("0392.toml") && e.contains(verwacht),
            "{verwacht}: {e}"
        );
    }
    let e = met("beleid/0153-2026.toml", |t| {
        t.replace("leeftijd_van = 12", "leeftijd_van = 11")
    });
    assert!(e.contains("overlapt"), "{e}");
    let e = met("beleid/0392.toml", |t| {
        t.replace("waarde = \"elke_maand\"", "waarde = \"soms\"")
    });
    assert!(
        e.contains("iit_inkomenstoets") && e.contains("elke_maand of gemiddeld"),
        "{e}"
    );
}

#[test]
fn the_demo_gemeenten_have_policies_that_differ() {
    let p = Parameters::ingebouwd().unwrap();
    let d = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let haarlem = p
        .beleid(gbi_domain::GemeenteCode::parse("0392").unwrap(), d)
        .unwrap();
    let enschede = p
        .beleid(gbi_domain::GemeenteCode::parse("0153").unwrap(), d)
        .unwrap();
    for sleutel in [
        "iit_referentieperiode_maanden",
        "iit_inkomensgrens_procent",
        "iit_inkomenstoets",
        "iit_maand_zonder_bewijs",
        "iit_bedrag_alleenstaande",
        "bb_draagkracht_procent",
        "bb_draagkracht_periode_maanden",
        "bb_vrije_ruimte_alleenstaande",
    ] {
        assert_ne!(
            haarlem.param(sleutel).unwrap().waarde,
            enschede.param(sleutel).unwrap().waarde,
            "{sleutel}"
        );
    }
    assert_ne!(haarlem.lijsten, enschede.lijsten);
    let vorm = |s: &gbi_rules::params::ParameterSet| {
        s.lijsten
            .kostensoorten
            .iter()
            .find(|k| k.code == "wasmachine")
            .map(|k| k.vorm)
    };
    assert_ne!(vorm(haarlem), vorm(enschede));
    // Enschede's policy changed on 1 January 2026; the old one still holds
    // for 2025.
    let oud = p
        .beleid(
            gbi_domain::GemeenteCode::parse("0153").unwrap(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        )
        .unwrap();
    assert!(oud.lijsten.kostensoorten.is_empty());
    assert_ne!(oud.bestand, enschede.bestand);
}

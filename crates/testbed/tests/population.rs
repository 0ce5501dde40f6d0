#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use gbi_testbed::population::{UitkeringSoort, generate};
use serde_json::json;

#[test]
fn same_seed_same_population_other_seed_other() {
    let a = generate(5000, 42, "0392");
    let b = generate(5000, 42, "0392");
    let c = generate(5000, 43, "0392");
    assert_eq!(a.fingerprint(), b.fingerprint());
    assert_ne!(a.fingerprint(), c.fingerprint());
    assert_eq!(a.len(), 5000);
}

#[test]
fn distributions_are_plausible() {
    let s = generate(50_000, 1, "0392").statistieken();
    assert!((0.40..0.50).contains(&s.aandeel_alleenstaand), "{s:?}");
    assert!((0.06..0.10).contains(&s.aandeel_eenoudergezin), "{s:?}");
    assert!((0.03..0.08).contains(&s.aandeel_bijstand), "{s:?}");
    assert!(s.aandeel_recht_bijstand_zonder_uitkering > 0.01, "{s:?}");
    assert!(s.aandeel_recht_iit_zonder_uitkering > 0.005, "{s:?}");
    assert!((0.15..0.30).contains(&s.aandeel_65_plus), "{s:?}");
}

#[tokio::test]
async fn one_resident_is_the_same_person_in_every_register() {
    let tb = start(3000).await;
    let pop = tb.population();
    let p = pop
        .ingezetenen
        .iter()
        .find(|p| {
            !p.autos.is_empty()
                && p.dienstverbanden.iter().any(|d| d.einde.is_none())
                && pop
                    .huishouden_van(p)
                    .unwrap()
                    .woning
                    .as_ref()
                    .is_some_and(|w| w.eigenaren.contains(&p.index))
                && p.uitkeringen
                    .iter()
                    .any(|u| u.soort == UitkeringSoort::Kinderbijslag)
        })
        .expect("a working parent with a car and a house");
    let bsn = format!("{:09}", p.bsn);
    let h = pop.huishouden_van(p).unwrap();

    let brp: serde_json::Value = client()
        .post(format!("{}/haalcentraal/api/brp/personen", tb.base_url()))
        .json(&json!({"type": "RaadpleegMetBurgerservicenummer", "fields": ["naam", "verblijfplaats", "kinderen"], "burgerservicenummer": [bsn]}))
        .send().await.unwrap().json().await.unwrap();
    let persoon = &brp["personen"][0];
    assert_eq!(persoon["naam"]["geslachtsnaam"], p.geslachtsnaam);
    assert_eq!(
        persoon["verblijfplaats"]["adresseerbaarObjectIdentificatie"],
        h.adres.adresseerbaar_object_identificatie
    );
    assert_eq!(
        persoon["kinderen"].as_array().unwrap().len(),
        p.kinderen.len()
    );

    let (_, uwv) = suwinet(
        &tb,
        "UWVDossierInkomstenGSD",
        "UWVPersoonsIkvInfo",
        &[("Burgerservicenr", &bsn)],
    )
    .await;
    let d = p
        .dienstverbanden
        .iter()
        .find(|d| d.einde.is_none())
        .unwrap();
    assert!(
        uwv.contains(&format!(
            "<WaardeBedr>{}</WaardeBedr>",
            d.bruto_maandloon_cents
        )),
        "{uwv}"
    );
    assert!(uwv.contains(&d.werkgever_finr));

    let (_, rdw) = suwinet(
        &tb,
        "RDWDossierGSD",
        "VoertuigbezitInfoPersoon",
        &[("Burgerservicenr", &bsn)],
    )
    .await;
    assert!(rdw.contains(&p.autos[0].kenteken) && rdw.contains(&h.adres.postcode));

    let (_, kad) = suwinet(
        &tb,
        "KadasterDossierGSD",
        "PersoonsInfo",
        &[("Burgerservicenr", &bsn)],
    )
    .await;
    let w = h.woning.as_ref().unwrap();
    assert!(kad.contains(&format!(
        "<KadastraalPerceelnr>{}</KadastraalPerceelnr>",
        w.perceelnummer
    )));
    assert!(kad.contains(&p.geslachtsnaam));

    let (_, svb) = suwinet(
        &tb,
        "SVBDossierPersoonGSD",
        "SVBPersoonsInfo",
        &[("Burgerservicenr", &bsn)],
    )
    .await;
    assert!(svb.contains("<CdSzWet>AKW</CdSzWet>"));
    for k in &p.kinderen {
        assert!(svb.contains(&pop.bsn_of(*k).unwrap()));
    }

    let truth: serde_json::Value = client()
        .get(format!("{}/admin/population/{bsn}", tb.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(truth["huishouden"]["adres"]["postcode"], h.adres.postcode);
    assert!(truth["waarheid"]["recht_bijstand_zonder_uitkering"].is_boolean());

    // A student is known at DUO.
    let student = pop
        .ingezetenen
        .iter()
        .find(|p| p.studiefinanciering.is_some())
        .unwrap();
    let (_, duo) = suwinet(
        &tb,
        "DUODossierStudiefinancieringGSD",
        "DUOStudiefinancieringInfo",
        &[("Burgerservicenr", &format!("{:09}", student.bsn))],
    )
    .await;
    assert!(duo.contains("<Studiefinanciering>"));
    tb.shutdown().await;
}

#[test]
#[ignore = "timing: run with --ignored --release"]
fn a_million_residents() {
    let t = std::time::Instant::now();
    let p = generate(1_000_000, 1, "0392");
    eprintln!("1.000.000 ingezetenen in {:?}", t.elapsed());
    assert_eq!(p.len(), 1_000_000);
}

//! Shared by the zaken tests: an ALO zaak submitted through the portal.

#![allow(clippy::unwrap_used, dead_code)]

use chrono::NaiveDate;
use gbi_domain::Bsn;
use gbi_store::{Db, Scope, portaal, zaken};
use gbi_zaken::indienen::{Indiener, indienen};
use serde_json::json;

/// Submit an ALO application of `bsn` with the given savings on `op`.
pub async fn zaak_met(
    db: &Db,
    scope: &Scope,
    bsn: &str,
    spaargeld: &str,
    op: NaiveDate,
) -> zaken::Zaak {
    let antwoorden = json!({
        "reden": "baan_kwijt", "ingangsdatum": op.to_string(), "heeft_werk": "nee", "partner_werk": "geen_partner", "ander_inkomen": "nee", "spaargeld": spaargeld,
        "contant_geld": "0", "schulden": "0", "woonsituatie": "inwonend", "commerciele_huurder": "nee",
        "iban": "NL91ABNA0417164300", "email": "a@b.nl", "verklaring": "ja"
    });
    let c = portaal::create_concept(
        db,
        scope,
        &Bsn::parse(bsn).unwrap(),
        "ALO",
        "digitaal",
        None,
        &antwoorden,
    )
    .await
    .unwrap();
    let wie = Indiener {
        naam_aanvrager: "A".into(),
        geboortedatum: None,
        gemachtigde: None,
        medewerker: None,
    };
    indienen(db, scope, &c, wie, op).await.unwrap().0
}

/// A fresh database with Haarlem (0392) and a system scope for it.
pub async fn haarlem() -> (Db, gbi_store::testing::TestDatabase, Scope) {
    let (db, t) = gbi_store::testing::fresh().await;
    let code = gbi_domain::GemeenteCode::parse("0392").unwrap();
    gbi_store::gemeenten::ensure(&db, &code, "Haarlem", false)
        .await
        .unwrap();
    (db, t, Scope::system(code, "test"))
}

/// Haarlem with one running benefit from `ingang` for a single person of
/// 41 (born 1985-03-01); gives the zaak id.
pub async fn haarlem_met_uitkering(
    ingang: &str,
) -> (Db, gbi_store::testing::TestDatabase, Scope, String) {
    let (db, t, scope) = haarlem().await;
    let zaak = gbi_store::testing::lopende_uitkering(
        &db,
        "0392",
        "999993549",
        "Inwoner van Haarlem",
        ingang,
        &json!({ "aanvrager": { "geboortedatum": "1985-03-01" } }),
    )
    .await;
    (db, t, scope, zaak)
}

/// Registers that know nobody.
pub struct GeenBronnen;

impl gbi_zaken::werk::Bronnen for GeenBronnen {
    async fn raadpleeg(
        &self,
        bron: &str,
        _: &Bsn,
        _: &gbi_domain::GemeenteCode,
        _: &gbi_domain::TraceContext,
    ) -> Result<gbi_zaken::werk::Antwoord, gbi_zaken::werk::BronFout> {
        Ok(gbi_zaken::werk::Antwoord {
            inhoud: json!({ "bron": bron, "gevonden": false }),
            herkomst: json!({}),
        })
    }
}

/// A pre-assessment that cannot compute.
pub struct GeenBeoordeling;

impl gbi_zaken::werk::Beoordelaar for GeenBeoordeling {
    fn beoordeel(
        &self,
        _: &gbi_domain::GemeenteCode,
        _: &serde_json::Value,
        _: &[gbi_store::werk::StoredSnapshot],
        _: NaiveDate,
    ) -> Result<serde_json::Value, String> {
        Ok(json!({ "berekend": false, "reden": "test" }))
    }
}

/// Validate XML against the vendored pain.001.001.09 XSD (in gbi-payments'
/// tests/xsd) with xmllint.
pub fn xmllint_valid(xml: &str) -> Result<(), String> {
    let xsd = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../payments/tests/xsd/pain.001.001.09.xsd"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pain.xml");
    std::fs::write(&file, xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema", xsd])
        .arg(&file)
        .output()
        .map_err(|e| format!("xmllint: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The gemeente's own bank account, so a betaalrun's SEPA file can be made.
pub async fn eigen_rekening(db: &Db, scope: &Scope) {
    gbi_store::betalingen::rekening_instellen(
        db,
        scope,
        &gbi_domain::Iban::build("NL", "BNGH0285001234").unwrap(),
        Some("BNGHNL2G"),
    )
    .await
    .unwrap();
}

/// Nine in the morning of a day: when a betaalrun is approved.
pub fn om_negen(jaar: i32, maand: u32, dag: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(jaar, maand, dag)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

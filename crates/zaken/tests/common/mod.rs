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

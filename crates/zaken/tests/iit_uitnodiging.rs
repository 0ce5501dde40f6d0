//! The monthly IIT invitation on paper, on the database of GBI_TEST_DB: two
//! long-term clients are invited; the one who did not agree to electronic
//! delivery (Awb 2:14) also gets a letter in the print queue, with the
//! kenmerk of their bijstand and the amount; the one who agreed does not.
//! Without a house style the run still invites, and says who got no letter.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use gbi_domain::{Bsn, Iban, Maand};
use gbi_letters::Huisstijl;
use gbi_store::elektronisch::{self, Bron};
use gbi_store::{Db, Scope, iit_uitnodigingen, printwachtrij, synthetisch};
use gbi_zaken::iit_uitnodiging::uitnodigen;
use serde_json::json;

const PAPIER: &str = "999993653";
const ONLINE: &str = "999993549";

fn vandaag() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 15).unwrap()
}

/// Two clients with bijstand for over five years; `ONLINE` agreed to
/// electronic delivery.
async fn clienten(db: &Db, scope: &Scope) {
    let sinds = Maand::of(vandaag()).plus(-61).first_day().to_string();
    for (bsn, naam) in [(PAPIER, "Piet Papier"), (ONLINE, "Olga Online")] {
        let bsn = Bsn::parse(bsn).unwrap();
        synthetisch::langdurige_client(
            db,
            scope,
            &bsn,
            naam,
            &sinds,
            &json!({ "aanvrager": { "geboortedatum": "1980-05-01" } }),
            &Iban::parse("NL91ABNA0417164300").unwrap(),
            "client@example.nl",
        )
        .await
        .unwrap();
    }
    let online = Bsn::parse(ONLINE).unwrap();
    elektronisch::vastleggen(db, scope, &online, true, Bron::Portaal, "test")
        .await
        .unwrap();
}

fn regels() -> gbi_rules::Regels {
    gbi_rules::Regels::ingebouwd()
        .unwrap()
        .met_voorlopig_doortrekken()
}

#[tokio::test]
async fn only_the_client_without_electronic_consent_gets_a_letter_in_the_print_queue() {
    let (db, _t, scope) = common::haarlem().await;
    clienten(&db, &scope).await;
    let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
    let v = uitnodigen(&db, &scope, &regels(), "Haarlem", Some(&h), vandaag())
        .await
        .unwrap();
    assert_eq!((v.uitgenodigd, v.op_papier), (2, 1), "{v:?}");
    assert!(v.zonder_brief.is_empty(), "{v:?}");

    let lijst = printwachtrij::lijst(&db, &scope, "test").await.unwrap();
    assert_eq!(lijst.open.len(), 1, "{lijst:?}");
    let p = &lijst.open[0];
    assert_eq!(p.soort, iit_uitnodigingen::BRIEF_SOORT);
    assert_eq!(p.naam, "Piet Papier");
    assert_eq!(p.zaak_identificatie, format!("DEMO-0392-{PAPIER}"));
    let (_, doc, pdf) = printwachtrij::brief(&db, &scope, &p.id, "test")
        .await
        .unwrap()
        .expect("the letter is in the queue");
    assert_eq!(doc.mime, "application/pdf");
    assert!(pdf.starts_with(b"%PDF-"));

    // A repeated run invites nobody twice and posts nothing twice.
    let v = uitnodigen(&db, &scope, &regels(), "Haarlem", Some(&h), vandaag())
        .await
        .unwrap();
    assert_eq!((v.uitgenodigd, v.al_uitgenodigd), (0, 2), "{v:?}");
    let lijst = printwachtrij::lijst(&db, &scope, "test").await.unwrap();
    assert_eq!(lijst.open.len(), 1);
}

#[tokio::test]
async fn without_a_house_style_the_run_invites_online_and_says_who_got_no_letter() {
    let (db, _t, scope) = common::haarlem().await;
    clienten(&db, &scope).await;
    let v = uitnodigen(&db, &scope, &regels(), "Haarlem", None, vandaag())
        .await
        .unwrap();
    assert_eq!((v.uitgenodigd, v.op_papier), (2, 0), "{v:?}");
    assert_eq!(v.zonder_brief.values().sum::<u64>(), 1, "{v:?}");
    let lijst = printwachtrij::lijst(&db, &scope, "test").await.unwrap();
    assert!(lijst.open.is_empty());
}

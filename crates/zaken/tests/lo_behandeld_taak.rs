//! An LO Behandeld message that cannot be made valid is never dropped: it
//! becomes a task for functioneel beheer with the reason (shown with the
//! open deliveries), the worker never takes that task, and it is closed
//! once the delivery succeeds. On the database of GBI_TEST_DB.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_domain::{Bsn, GemeenteCode, TraceContext};
use gbi_store::werk::StoredSnapshot;
use gbi_store::{Scope, gemeenten, portaal, werk as store_werk};
use gbi_zaken::indienen::{Indiener, indienen};
use gbi_zaken::werk::{
    Afhandeling, Antwoord, Beoordelaar, BronFout, Bronnen, GemaakteBrief, run_once,
};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, Ordering};

struct Registers;

impl Bronnen for Registers {
    async fn raadpleeg(
        &self,
        bron: &str,
        bsn: &Bsn,
        _: &GemeenteCode,
        _: &TraceContext,
    ) -> Result<Antwoord, BronFout> {
        Ok(Antwoord {
            inhoud: json!({ "bron": bron, "bsn": bsn.as_str() }),
            herkomst: json!({}),
        })
    }
}

const REDEN: &str = "LO Behandeld kan niet worden verstuurd: de geboortedatum van de aanvrager is in de BRP onbekend";

struct Socrates {
    gecorrigeerd: AtomicBool,
}

impl Afhandeling for Socrates {
    async fn lever(
        &self,
        _: &gbi_store::Db,
        _: &gbi_store::Scope,
        _: &str,
        koppeling: &str,
    ) -> Result<(), BronFout> {
        assert_eq!(koppeling, "socrates");
        if self.gecorrigeerd.load(Ordering::SeqCst) {
            Ok(())
        } else {
            Err(BronFout::Onverstuurbaar(REDEN.into()))
        }
    }

    async fn brief(
        &self,
        _: &gbi_store::Db,
        _: &gbi_store::Scope,
        _: &str,
        _: &str,
    ) -> Result<GemaakteBrief, String> {
        Err("geen brieven in deze test".into())
    }
}

struct Rekenaar;

impl Beoordelaar for Rekenaar {
    fn beoordeel(
        &self,
        _: &GemeenteCode,
        _: &Value,
        _: &[StoredSnapshot],
        _: NaiveDate,
    ) -> Result<Value, String> {
        Ok(json!({}))
    }
}

#[tokio::test]
async fn an_invalid_message_becomes_a_task_for_functioneel_beheer() {
    let (db, _t) = gbi_store::testing::fresh().await;
    let code = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &code, "Haarlem", false)
        .await
        .unwrap();
    let scope = Scope::system(code, "test");
    let bsn = Bsn::parse("999990962").unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let antwoorden = json!({
        "reden": "baan_kwijt", "ingangsdatum": "2026-07-01", "heeft_werk": "nee", "partner_werk": "geen_partner", "ander_inkomen": "nee", "spaargeld": "0",
        "contant_geld": "0", "schulden": "0", "woonsituatie": "inwonend", "commerciele_huurder": "nee",
        "iban": "NL91ABNA0417164300", "email": "a@b.nl", "verklaring": "ja"
    });
    let c = portaal::create_concept(&db, &scope, &bsn, "ALO", "digitaal", None, &antwoorden)
        .await
        .unwrap();
    let wie = Indiener {
        naam_aanvrager: "A".into(),
        geboortedatum: None,
        gemachtigde: None,
        medewerker: None,
    };
    let (zaak, _) = indienen(&db, &scope, &c, wie, today).await.unwrap();
    store_werk::plan_eenmalig(&db, &scope, &zaak.id, "koppeling:socrates")
        .await
        .unwrap();
    let socrates = Socrates {
        gecorrigeerd: AtomicBool::new(false),
    };
    while run_once(&db, &Registers, &Rekenaar, &socrates, today)
        .await
        .unwrap()
    {}
    let open = store_werk::openstaand(&db, &scope, &["koppeling:"])
        .await
        .unwrap();
    let taak = open
        .iter()
        .find(|w| {
            gbi_zaken::werksoort::WerkSoort::parse(&w.soort)
                == Some(gbi_zaken::werksoort::WerkSoort::SocratesOnverstuurbaar)
        })
        .unwrap_or_else(|| panic!("no task: {open:#?}"));
    assert_eq!(taak.status, "taak");
    assert_eq!(taak.laatste_fout.as_deref(), Some(REDEN));
    assert_eq!(taak.pogingen, 0);
    let levering = open
        .iter()
        .find(|w| w.soort == "koppeling:socrates")
        .unwrap();
    assert_eq!(levering.status, "wachtend");
    assert_eq!(levering.laatste_fout.as_deref(), Some(REDEN));
    assert!(
        levering.volgende_poging > format!("{}", chrono::Utc::now() + chrono::Duration::hours(23))
    );

    // The data are corrected; a person asks to try now: delivered, task closed.
    socrates.gecorrigeerd.store(true, Ordering::SeqCst);
    store_werk::retry_now(&db, &scope, &zaak.id).await.unwrap();
    while run_once(&db, &Registers, &Rekenaar, &socrates, today)
        .await
        .unwrap()
    {}
    let open = store_werk::openstaand(&db, &scope, &["koppeling:"])
        .await
        .unwrap();
    assert!(open.is_empty(), "{open:#?}");
    let alles = store_werk::voor_zaak(&db, &scope, &zaak.id).await.unwrap();
    assert!(alles.iter().all(|w| w.status == "klaar"), "{alles:#?}");
}

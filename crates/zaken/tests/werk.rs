//! Background work through the store, on the database of GBI_TEST_DB: a
//! register that is down never loses the application; its answer arrives
//! once it is back, and then the pre-assessment is made.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use gbi_domain::{Bsn, GemeenteCode, TraceContext};
use gbi_store::werk::StoredSnapshot;
use gbi_store::{Scope, gemeenten, portaal, werk as store_werk};
use gbi_zaken::indienen::{Indiener, indienen};

/// The registers consulted for every ALO.
const BRONNEN: &[gbi_zaken::werksoort::Bron] = &gbi_zaken::werksoort::Bron::ALL;
use gbi_zaken::werk::{
    Afhandeling, Antwoord, Beoordelaar, BronFout, Bronnen, GemaakteBrief, run_once,
};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, Ordering};

struct Registers {
    uwv_down: AtomicBool,
}

impl Bronnen for Registers {
    async fn raadpleeg(
        &self,
        bron: &str,
        bsn: &Bsn,
        _: &GemeenteCode,
        trace: &TraceContext,
    ) -> Result<Antwoord, BronFout> {
        if bron == "uwv" && self.uwv_down.load(Ordering::SeqCst) {
            return Err(BronFout::Onbereikbaar(
                "UWV is niet bereikbaar (503)".into(),
            ));
        }
        Ok(Antwoord {
            inhoud: json!({ "bron": bron, "bsn": bsn.as_str() }),
            herkomst: json!({ "trace": trace.trace_id }),
        })
    }
}

/// This test is about registers; letters are tested in the binary's tests.
struct GeenBrieven;

impl Afhandeling for GeenBrieven {
    async fn lever(
        &self,
        _: &gbi_store::Db,
        _: &gbi_store::Scope,
        _: &str,
        _: &str,
    ) -> Result<(), BronFout> {
        Err(BronFout::Geweigerd("geen koppelingen in deze test".into()))
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
        snapshots: &[StoredSnapshot],
        _: NaiveDate,
    ) -> Result<Value, String> {
        Ok(json!({ "bronnen": snapshots.len() }))
    }
}

#[tokio::test]
async fn a_register_that_is_down_delays_but_never_loses_the_application() {
    let (db, _t) = gbi_store::testing::fresh().await;
    let code = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &code, "Haarlem", false)
        .await
        .unwrap();
    let scope = Scope::system(code, "test");
    let bsn = Bsn::parse("999993549").unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let antwoorden = json!({
        "reden": "baan_kwijt", "ingangsdatum": "2026-07-01", "heeft_werk": "nee", "partner_werk": "geen_partner", "ander_inkomen": "nee", "spaargeld": "0",
        "contant_geld": "0", "schulden": "0", "woonsituatie": "inwonend", "commerciele_huurder": "nee",
        "iban": "NL91ABNA0417164300", "email": "a@b.nl", "verklaring": "ja"
    });
    let c = portaal::create_concept(&db, &scope, &bsn, "ALO", "digitaal", None, &antwoorden)
        .await
        .unwrap();
    let wie = || Indiener {
        naam_aanvrager: "A".into(),
        geboortedatum: NaiveDate::from_ymd_opt(2001, 1, 1),
        gemachtigde: None,
        medewerker: None,
    };
    let (zaak, created) = indienen(&db, &scope, &c, wie(), today).await.unwrap();
    assert!(created);
    assert!(zaak.zoektermijn_einde.is_some(), "under 27: zoektermijn");
    // Submitting the same draft again changes nothing.
    let (again, created) = indienen(&db, &scope, &c, wie(), today).await.unwrap();
    assert_eq!((again.id.as_str(), created), (zaak.id.as_str(), false));

    let regs = Registers {
        uwv_down: AtomicBool::new(true),
    };
    while run_once(&db, &regs, &Rekenaar, &GeenBrieven, today)
        .await
        .unwrap()
    {
        let w = store_werk::voor_zaak(&db, &scope, &zaak.id).await.unwrap();
        if w.iter().filter(|w| w.status == "klaar").count() == BRONNEN.len() - 1 {
            break;
        }
    }
    let w = store_werk::voor_zaak(&db, &scope, &zaak.id).await.unwrap();
    let uwv = w.iter().find(|w| w.soort == "bron:uwv").unwrap();
    assert_eq!(uwv.status, "wachtend");
    assert_eq!(
        uwv.laatste_fout.as_deref(),
        Some("UWV is niet bereikbaar (503)")
    );
    // The failed lookup is in the log with status Error and the reason.
    let log = gbi_store::logboek::list(&db, &scope, None, None, 500)
        .await
        .unwrap();
    let fout = log
        .iter()
        .find(|r| r.status == "Error")
        .expect("an Error record for the lookup that failed");
    assert_eq!(fout.verwerkingsactiviteit, "gbi.bron.raadplegen");
    assert_eq!(fout.naam, "uwv raadplegen");
    assert_eq!(fout.fout.as_deref(), Some("UWV is niet bereikbaar (503)"));
    assert!(
        store_werk::beoordeling(&db, &scope, &zaak.id)
            .await
            .unwrap()
            .is_none()
    );

    // UWV is back; a person asks to try now.
    regs.uwv_down.store(false, Ordering::SeqCst);
    store_werk::retry_now(&db, &scope, &zaak.id).await.unwrap();
    for _ in 0..50 {
        if !run_once(&db, &regs, &Rekenaar, &GeenBrieven, today)
            .await
            .unwrap()
        {
            store_werk::retry_now(&db, &scope, &zaak.id).await.unwrap();
        }
        if store_werk::beoordeling(&db, &scope, &zaak.id)
            .await
            .unwrap()
            .is_some()
        {
            break;
        }
    }
    let snaps = store_werk::snapshots(&db, &scope, &zaak.id).await.unwrap();
    assert_eq!(snaps.len(), BRONNEN.len());
    assert_eq!(
        store_werk::beoordeling(&db, &scope, &zaak.id)
            .await
            .unwrap(),
        Some(json!({ "bronnen": BRONNEN.len() }))
    );
    assert!(
        store_werk::voor_zaak(&db, &scope, &zaak.id)
            .await
            .unwrap()
            .iter()
            .all(|w| w.status == "klaar")
    );
}

//! The form is prefilled from BRP, and works without it: a BRP that is
//! down, or one that hangs (the resident starts within seconds, told so).

use super::common::TestApp;
use super::{fill_in, get};
use gbi_domain::Rol;

/// A BRP stand-in for this test: one household, or a register that is down.
pub(crate) struct Brp {
    pub(crate) down: bool,
    /// Answers only after this long (a register that hangs).
    pub(crate) hangt: bool,
}

impl gbi_zaken::prefill::Prefill for Brp {
    fn huishouden<'a>(
        &'a self,
        _: &'a gbi_domain::Bsn,
        _: &'a gbi_domain::TraceContext,
    ) -> gbi_zaken::prefill::PrefillFuture<'a> {
        use gbi_zaken::prefill::{Huishouden, Persoon};
        let (down, hangt) = (self.down, self.hangt);
        Box::pin(async move {
            if hangt {
                tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            }
            if down {
                return Err("BRP niet bereikbaar".into());
            }
            let p = |naam: &str, j: i32| Persoon {
                naam: naam.into(),
                geboortedatum: chrono::NaiveDate::from_ymd_opt(j, 3, 1),
            };
            Ok(Some(Huishouden {
                aanvrager: p("Anna de Vries", 2003),
                adres: vec!["Grote Markt 2".into(), "2011 RD Haarlem".into()],
                partner: None,
                kinderen: vec![p("Sem de Vries", 2022)],
                medebewoners: vec![p("Kees de Vries", 1970)],
            }))
        })
    }
}

/// A resident of Haarlem starts an application with `brp` behind the
/// form: (the app, the resident's cookie, step 1's path, how long starting
/// took).
async fn beginnen(brp: Brp) -> (TestApp, String, String, std::time::Duration) {
    let app = TestApp::spawn_with(Some(std::sync::Arc::new(brp))).await;
    let t = app
        .tenant("0392", "Haarlem", "999993549", &[Rol::Inkomensconsulent])
        .await;
    let cookie = app.resident_cookie(&t).await;
    let begin = std::time::Instant::now();
    let res = app
        .client
        .get(app.url("/portaal/aanvraag"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    let duur = begin.elapsed();
    assert_eq!(res.status(), 303);
    let step1 = res.headers()["location"].to_str().unwrap().to_owned();
    (app, cookie, step1, duur)
}

#[tokio::test]
async fn the_form_is_prefilled_from_brp_and_works_without_it() {
    let (app, cookie, step1, _) = beginnen(Brp {
        down: false,
        hangt: false,
    })
    .await;
    let (_, page) = get(&app, &cookie, &step1).await;
    assert!(
        page.contains("Dit weten wij al")
            && page.contains("Grote Markt 2")
            && page.contains("Sem de Vries")
            && page.contains("Kees de Vries"),
        "{page}"
    );
    // Under 27 (born 2003): the zaak gets a zoektermijn.
    let basis = step1.trim_end_matches("/situatie").to_owned();
    let (status, zaak_url) = fill_in(&app, &cookie, &basis).await;
    assert_eq!(status, 303);
    let (_, zaak) = get(&app, &cookie, zaak_url.split('?').next().unwrap()).await;
    assert!(zaak.contains("U bent jonger dan 27"), "{zaak}");

    // A BRP that is down, and one that hangs: the resident starts within
    // seconds, told so.
    for (down, hangt) in [(true, false), (false, true)] {
        let (app, cookie, step1, duur) = beginnen(Brp { down, hangt }).await;
        assert!(
            duur < std::time::Duration::from_secs(15),
            "starting waited {duur:?} for BRP"
        );
        let (status, page) = get(&app, &cookie, &step1).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("Wij konden uw gegevens nu niet ophalen"),
            "{page}"
        );
    }
}

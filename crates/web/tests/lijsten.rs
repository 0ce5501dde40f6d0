//! The werkplek's lists page by keyset through HTTP: more rows than one
//! page, the "Volgende pagina" link gives the rest, without duplicates or
//! gaps, and the filters hold on every page.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestApp;
use gbi_domain::Rol;
use std::collections::HashSet;

/// 130 zaken: 52 open (26 ontvangen), 66 residents besides the tenant's.
async fn gevuld() -> (TestApp, String) {
    let app = TestApp::spawn().await;
    let t = app
        .tenant(
            "0392",
            "Haarlem",
            "999993549",
            &[Rol::Inkomensconsulent, Rol::FunctioneelBeheerder],
        )
        .await;
    let telling = gbi_store::landelijk::vullen(&app.db, &[t.code], 130, 40, |_| {})
        .await
        .unwrap();
    assert_eq!((telling.zaken, telling.statussen), (130, 390));
    assert_eq!((telling.documenten, telling.uitkeringen), (130, 40));
    let token = app.login(&t.user).await;
    (app, token)
}

/// The links on a page that start with `prefix`, in order (the ids).
fn ids(page: &str, prefix: &str) -> Vec<String> {
    page.split(&format!("href=\"{prefix}"))
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|id| !id.is_empty() && !id.contains('/') && !id.contains('?'))
        .map(str::to_owned)
        .collect()
}

/// The "Volgende pagina" link of a page.
fn volgende(page: &str) -> Option<String> {
    let i = page.find("rel=\"next\"")?;
    let voor = &page[..i];
    let begin = voor.rfind("href=\"")? + 6;
    let eind = voor[begin..].find('"')?;
    Some(
        voor[begin..begin + eind]
            .replace("&amp;", "&")
            .replace("&#38;", "&"),
    )
}

/// Every page from `pad` on: the ids of each.
async fn alle_paginas(app: &TestApp, token: &str, pad: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut paginas = Vec::new();
    let mut pad = Some(pad.to_owned());
    while let Some(p) = pad {
        let page = app.page(token, &p).await;
        paginas.push(ids(&page, prefix));
        pad = volgende(&page);
        assert!(
            paginas.len() < 20,
            "no end to the pages: {pad:?} {:?}",
            paginas.last()
        );
    }
    paginas
}

fn zonder_dubbelen(paginas: &[Vec<String>]) -> Vec<String> {
    let alle: Vec<String> = paginas.iter().flatten().cloned().collect();
    let uniek: HashSet<&String> = alle.iter().collect();
    assert_eq!(uniek.len(), alle.len(), "a row on two pages");
    alle
}

#[tokio::test]
async fn the_zaken_list_pages_through_all_zaken_newest_first() {
    let (app, token) = gevuld().await;
    let paginas = alle_paginas(&app, &token, "/werkplek/zaken", "/werkplek/zaken/").await;
    assert_eq!(
        paginas.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![50, 50, 30]
    );
    let alle = zonder_dubbelen(&paginas);
    // Newest first: the seeded zaken were made one second apart.
    let mut verwacht: Vec<String> = (0..130).map(|i| format!("bench-zaak-{i:07}")).collect();
    verwacht.reverse();
    assert_eq!(alle, verwacht);
}

#[tokio::test]
async fn the_werkvoorraad_pages_through_the_open_zaken_with_its_filters() {
    let (app, token) = gevuld().await;
    let prefix = "/werkplek/zaken/";
    let paginas = alle_paginas(&app, &token, "/werkplek/werkvoorraad", prefix).await;
    assert_eq!(
        paginas.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![50, 2]
    );
    let alle: HashSet<String> = zonder_dubbelen(&paginas).into_iter().collect();
    let open: HashSet<String> = (0..130)
        .filter(|i| i % 5 < 2)
        .map(|i| format!("bench-zaak-{i:07}"))
        .collect();
    assert_eq!(alle, open, "every open zaak once, no decided one");

    // A status filter holds on the next pages too (the link keeps it).
    let mut pad = Some("/werkplek/werkvoorraad?status=ontvangen".to_owned());
    let mut ontvangen = Vec::new();
    while let Some(p) = pad {
        assert!(p.contains("status=ontvangen"), "{p}");
        let page = app.page(&token, &p).await;
        ontvangen.extend(ids(&page, prefix));
        pad = volgende(&page);
    }
    let verwacht: HashSet<String> = (0..130)
        .filter(|i| i % 5 == 0)
        .map(|i| format!("bench-zaak-{i:07}"))
        .collect();
    assert_eq!(ontvangen.len(), verwacht.len());
    assert_eq!(ontvangen.into_iter().collect::<HashSet<_>>(), verwacht);

    // Nobody has claimed them: "mine" is empty, "free" is everything.
    let mijn = app.page(&token, "/werkplek/werkvoorraad?wie=mijn").await;
    assert!(ids(&mijn, prefix).is_empty() && volgende(&mijn).is_none());
    let vrij = alle_paginas(&app, &token, "/werkplek/werkvoorraad?wie=vrij", prefix).await;
    assert_eq!(zonder_dubbelen(&vrij).len(), 52);
}

#[tokio::test]
async fn the_residents_and_the_log_page_without_gaps() {
    let (app, token) = gevuld().await;
    let paginas = alle_paginas(&app, &token, "/werkplek/inwoners", "/werkplek/inwoners/").await;
    assert_eq!(
        paginas.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![50, 16]
    );
    zonder_dubbelen(&paginas);
    // A search holds on the next pages.
    let gezocht = alle_paginas(
        &app,
        &token,
        "/werkplek/inwoners?zoek=inwoner+00",
        "/werkplek/inwoners/",
    )
    .await;
    assert_eq!(zonder_dubbelen(&gezocht).len(), 65);
    // Each resident shown is logged: enough records for two pages.
    alle_paginas(&app, &token, "/werkplek/inwoners", "/werkplek/inwoners/").await;
    alle_paginas(&app, &token, "/werkplek/werkvoorraad", "/werkplek/zaken/").await;

    // The log, newest first: consecutive numbers over the pages.
    let mut pad = Some("/werkplek/logboek".to_owned());
    let mut nummers: Vec<i64> = Vec::new();
    let mut paginas = 0;
    while let Some(p) = pad {
        let page = app.page(&token, &p).await;
        paginas += 1;
        nummers.extend(
            page.split(
                "<tr class=\"utrecht-table__row\">\n      <td class=\"utrecht-table__cell\">",
            )
            .skip(1)
            .filter_map(|s| s.split('<').next()?.trim().parse::<i64>().ok()),
        );
        pad = volgende(&page);
    }
    assert!(
        paginas >= 2,
        "more than one page of the log: {}",
        nummers.len()
    );
    assert!(
        nummers.windows(2).all(|w| w[1] == w[0] - 1),
        "no gaps, no doubles"
    );
}

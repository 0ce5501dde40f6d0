//! Issue 18, acceptance 3: no surface creates a claim, a boete, an offset,
//! a dwangbevel, an aflossing or a write-off without a person's decision.
//! With an overpayment the ledger found (a verzoek), this test uses every
//! other way in: the resident's portal (a request for a betalingsregeling),
//! two betaalruns with their approvals, the background work, the API's
//! route table, and every POST route of terug- en invordering — as each
//! staff role, with an empty form, so no decision is in it.
//! Afterwards the verzoek is still a verzoek and nothing is owed or offset.

use super::bijzondere_bijstand::{betaalrun, get, login_staff};
use super::terugvordering::{overbetaald, post, specificatie};
use gbi_domain::{Maand, today_amsterdam};
use gbi_web::routes::table;

const ROLLEN: [&str; 6] = [
    "consulent",
    "kwaliteit",
    "teamleider",
    "debiteuren",
    "beheer",
    "intake",
];

#[test]
fn no_surface_makes_a_claim_an_offset_a_dwangbevel_or_a_write_off_by_itself() {
    let (server, _database, _dir) = super::bijzondere_bijstand::demo();
    let base = &server.base;
    let start = overbetaald(base);
    let tv = start
        .pad
        .rsplit('/')
        .next()
        .expect("the terugvordering's id")
        .to_owned();

    // The resident: a late report and a request for a regeling.
    let (status, page) = post(
        base,
        &start.inwoner,
        "/portaal/schulden",
        &[
            ("soort", "regeling"),
            ("tekst", "Ik kan niet alles betalen."),
        ],
    );
    // Without a claim there is nothing to arrange: refused, and nothing
    // is written.
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("Er is niets om over te vragen"), "{page}");

    // Every POST route of terug- en invordering: refused for a role that
    // may not take it; with an empty form refused before anything is
    // written for a role that may.
    let sessies: Vec<(String, String)> = ROLLEN
        .iter()
        .map(|r| {
            (
                r.to_string(),
                login_staff(base, &format!("{}.{r}", start.g)),
            )
        })
        .collect();
    let mut geprobeerd = 0;
    for route in table()
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with("/werkplek/invordering/"))
    {
        let pad = route
            .path
            .replace("{terugvordering_id}", &tv)
            .replace("{vordering_id}", "onbekend")
            .replace("{kwijtschelding_id}", "onbekend")
            .replace("{aflossing_id}", "onbekend");
        for (rol, cookie) in &sessies {
            let (status, page) = post(base, cookie, &pad, &[]);
            assert!(
                matches!(status, 400 | 403 | 404 | 409),
                "POST {pad} as {rol} with nothing decided: {status}: {page}"
            );
            geprobeerd += 1;
        }
    }
    assert!(geprobeerd >= 6 * 12, "{geprobeerd} tries");
    // The API has no route that makes or changes a claim.
    assert!(
        !table()
            .iter()
            .any(|r| r.path.starts_with("/api/") && r.path.contains("vordering")),
        "a claim is never written through the API"
    );

    // Two betaalruns, each computed and approved by people: they pay, and
    // offset nothing while no claim was decided.
    let deze_maand = Maand::of(today_amsterdam());
    let volgende = deze_maand.next();
    betaalrun(base, start.g, volgende, None);

    let debiteuren = &sessies[3].1;
    let lijst = get(base, debiteuren, "/werkplek/invordering");
    assert!(lijst.contains("Er staan geen vorderingen open."), "{lijst}");
    assert!(lijst.contains("te beoordelen (1)"), "{lijst}");
    let tvpagina = get(base, debiteuren, &start.pad);
    assert!(!tvpagina.contains("boete van"), "no boete: {tvpagina}");
    assert!(
        get(base, &start.inwoner, "/portaal/schulden").contains("U heeft geen schulden"),
        "nothing owed"
    );
    let spec = specificatie(base, &start.inwoner, &start.zaak, volgende);
    assert!(
        !spec.contains("Ingehouden voor uw schuld"),
        "no offset without a claim: {spec}"
    );
}

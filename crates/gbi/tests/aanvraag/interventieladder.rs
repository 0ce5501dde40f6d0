//! The interventieladder through the real binary (issue 18): a claim that
//! is not offset and not paid goes, each step taken by a person and only
//! when its term has passed, from aanmaning (Awb 4:112) to dwangbevel (Awb
//! 4:114, 4:117; by post, art. 60-5) to derdenbeslag within the
//! beslagvrije voet (art. 60-5, Rv 479g); a betalingsregeling is never
//! above the afloscapaciteit. Three server starts on one database move the
//! clock: today, seven weeks later, nine weeks later.

use super::bijzondere_bijstand::{get, login_staff, wacht};
use super::terugvordering::{bedrag_na, besluiten, id_na, overbetaald, post};
use gbi_domain::{Money, today_amsterdam};

fn dag(plus: u64) -> chrono::NaiveDate {
    today_amsterdam() + chrono::Days::new(plus)
}

fn post_owned(base: &str, cookie: &str, pad: &str, f: &[(&'static str, String)]) -> (u16, String) {
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post(base, cookie, pad, &f)
}

fn nl(d: chrono::NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// One database and data directory that several server starts share, each
/// on its own day (`--vandaag`).
struct Klok {
    database: gbi_store::testing::TestDatabase,
    dir: tempfile::TempDir,
}

impl Klok {
    fn nieuw() -> Self {
        let database = tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(gbi_store::testing::TestDatabase::new());
        Klok {
            database,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn start(&self, vandaag: Option<chrono::NaiveDate>) -> super::support::Server {
        let mut a = vec![
            "--demo".to_owned(),
            "--database-url".to_owned(),
            self.database.url.clone(),
            "--data-dir".to_owned(),
            self.dir.path().to_str().unwrap().to_owned(),
        ];
        if let Some(d) = vandaag {
            a.extend(["--vandaag".to_owned(), d.to_string()]);
        }
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        super::support::Server::start(&a, &[])
    }
}

/// A 58-2 claim that is not offset, decided with four eyes: the journey's
/// start, debiteurenbeheer's session and the claim's page.
fn besloten_niet_verrekend(base: &str) -> (super::terugvordering::Start, String, String) {
    let start = overbetaald(base);
    besluiten(base, &start, "58-2-a", "U gaf uw loon later door.");
    let debiteuren = login_staff(base, &format!("{}.debiteuren", start.g));
    let v = id_na(
        &get(base, &debiteuren, "/werkplek/invordering"),
        "/werkplek/invordering/vorderingen/",
    );
    (
        start,
        debiteuren,
        format!("/werkplek/invordering/vorderingen/{v}"),
    )
}

#[test]
fn a_claim_not_paid_goes_from_aanmaning_to_dwangbevel_to_derdenbeslag_by_people_within_the_bvv() {
    let klok = Klok::nieuw();
    let mut server = klok.start(None);
    let base = server.base.clone();
    let (start, debiteuren, vpad) = besloten_niet_verrekend(&base);
    let dwangbevel = [("db_motivering", "Geen reactie op de aanmaning.")];
    // Nothing skips a step: no dwangbevel before an aanmaning, no beslag
    // before a dwangbevel.
    let (status, page) = post(
        &base,
        &debiteuren,
        &format!("{vpad}/dwangbevel"),
        &dwangbevel,
    );
    assert_eq!(status, 409, "{page}");
    let beslag = |inkomen: &'static str, eerste: String| {
        vec![
            ("bs_derde", "Bakkerij De Korenbloem".to_owned()),
            ("bs_derde_adres", "Bakkersweg 1\n2011 AA Haarlem".to_owned()),
            ("bs_leefsituatie", "alleenstaande".to_owned()),
            ("bs_inkomen", inkomen.to_owned()),
            ("bs_jaarinkomen", "30.000,00".to_owned()),
            ("bs_eerste_termijn", eerste),
            (
                "bs_motivering",
                "Dwangbevel niet betaald; loon bekend.".to_owned(),
            ),
        ]
    };
    let als_ref = |f: &[(&'static str, String)]| -> Vec<(&'static str, String)> { f.to_vec() };
    let (status, page) = post_owned(
        &base,
        &debiteuren,
        &format!("{vpad}/derdenbeslag"),
        &als_ref(&beslag("2.100,00", nl(dag(0)))),
    );
    assert_eq!(status, 409, "{page}");
    // A betalingsregeling above the afloscapaciteit is refused with the
    // field named; nothing is stored.
    let regeling = |per_maand: &'static str, eerste: chrono::NaiveDate| {
        vec![
            ("br_leefsituatie", "alleenstaande".to_owned()),
            ("br_inkomen", "1.650,00".to_owned()),
            ("br_jaarinkomen", "22.000,00".to_owned()),
            ("br_per_maand", per_maand.to_owned()),
            ("br_eerste_termijn", nl(eerste)),
            ("br_motivering", "Afgesproken aan de telefoon.".to_owned()),
        ]
    };
    let (status, page) = post_owned(
        &base,
        &debiteuren,
        &format!("{vpad}/betalingsregeling"),
        &regeling("1.000,00", dag(0)),
    );
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("ten hoogste de afloscapaciteit"), "{page}");
    assert!(
        page.contains("value=\"1.000,00\""),
        "the input is kept: {page}"
    );
    let (status, page) = post_owned(
        &base,
        &debiteuren,
        &format!("{vpad}/betalingsregeling"),
        &regeling("veel", dag(0)),
    );
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("Bedrag per maand:"), "{page}");
    server.kill();

    // Seven weeks later: the term passed; a person sends the aanmaning.
    let mut server = klok.start(Some(dag(49)));
    let base = server.base.clone();
    let debiteuren = login_staff(&base, &format!("{}.debiteuren", start.g));
    let (status, page) = post(&base, &debiteuren, &format!("{vpad}/aanmaning"), &[]);
    assert_eq!(status, 303, "{page}");
    let (status, page) = post(
        &base,
        &debiteuren,
        &format!("{vpad}/dwangbevel"),
        &dwangbevel,
    );
    assert_eq!(status, 409, "not while the aanmaning's term runs: {page}");
    assert!(page.contains("Awb 4:117"), "{page}");
    server.kill();

    // Nine weeks later: the aanmaning was not paid.
    let server = klok.start(Some(dag(64)));
    let base = server.base.clone();
    let debiteuren = login_staff(&base, &format!("{}.debiteuren", start.g));
    let consulent = login_staff(&base, &format!("{}.consulent", start.g));
    let lijst = get(&base, &debiteuren, "/werkplek/invordering");
    assert!(
        lijst.contains("een medewerker beslist over een dwangbevel"),
        "{lijst}"
    );
    let (status, _) = post(
        &base,
        &consulent,
        &format!("{vpad}/dwangbevel"),
        &dwangbevel,
    );
    assert_eq!(status, 403, "only debiteurenbeheer");
    let (status, page) = post(
        &base,
        &debiteuren,
        &format!("{vpad}/dwangbevel"),
        &[("db_motivering", "")],
    );
    assert_eq!(status, 400, "a reason is required: {page}");
    let (status, page) = post(
        &base,
        &debiteuren,
        &format!("{vpad}/dwangbevel"),
        &dwangbevel,
    );
    assert_eq!(status, 303, "{page}");
    let (status, _) = post(
        &base,
        &debiteuren,
        &format!("{vpad}/dwangbevel"),
        &dwangbevel,
    );
    assert_eq!(status, 409, "one dwangbevel per claim");
    let dossier = get(&base, &debiteuren, &vpad);
    assert!(
        dossier.contains("een medewerker beslist over derdenbeslag"),
        "{dossier}"
    );
    let open = bedrag_na(&dossier, "id=\"open-bedrag\"");

    // Derdenbeslag: the third party pays only what is above the
    // beslagvrije voet, never more than is open.
    let (status, page) = post_owned(
        &base,
        &debiteuren,
        &format!("{vpad}/derdenbeslag"),
        &als_ref(&beslag("onzin", nl(dag(64)))),
    );
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("Netto inkomen per maand:"), "{page}");
    let (status, page) = post_owned(
        &base,
        &debiteuren,
        &format!("{vpad}/derdenbeslag"),
        &als_ref(&beslag("2.100,00", nl(dag(64)))),
    );
    assert_eq!(status, 303, "{page}");
    let dossier = get(&base, &debiteuren, &vpad);
    assert!(
        dossier.contains("Derdenbeslag bij Bakkerij De Korenbloem"),
        "{dossier}"
    );
    let per_maand = bedrag_na(&dossier, "Derdenbeslag bij Bakkerij De Korenbloem");
    let bvv = bedrag_na(&dossier, "(afloscapaciteit ");
    assert!(per_maand <= open, "{per_maand} > {open}");
    assert!(
        per_maand <= bvv,
        "never above the afloscapaciteit: {dossier}"
    );
    assert!(
        Money::parse_euros("2.100,00").unwrap() - bvv > Money::ZERO,
        "the debtor keeps the beslagvrije voet"
    );
    let (status, page) = post_owned(
        &base,
        &debiteuren,
        &format!("{vpad}/betalingsregeling"),
        &regeling("10,00", dag(64)),
    );
    assert_eq!(status, 409, "not while a beslag runs: {page}");

    // The letters: the dwangbevel and the beslag go by post whatever the
    // resident chose; the resident sees them, and the notice of the bvv.
    let inwoner = start.inwoner.clone();
    for tekst in [
        "Brief: uw beslagvrije voet",
        "Brief: aanmaning",
        "Brief: dwangbevel",
        "Brief aan Bakkerij De Korenbloem: beslag",
        "Wij hebben beslag gelegd bij Bakkerij De Korenbloem",
    ] {
        wacht(&base, &inwoner, "/portaal/schulden", tekst);
    }

    // Ending the beslag writes its opheffing; then a regeling can be made.
    let aflossing = id_na(
        &get(&base, &debiteuren, &vpad),
        "/werkplek/invordering/aflossingen/",
    );
    let (status, page) = post(
        &base,
        &debiteuren,
        &format!("/werkplek/invordering/aflossingen/{aflossing}/beeindigen"),
        &[],
    );
    assert_eq!(status, 303, "{page}");
    wacht(&base, &inwoner, "/portaal/schulden", "beslag gestopt");
    let (status, page) = post_owned(
        &base,
        &debiteuren,
        &format!("{vpad}/betalingsregeling"),
        &regeling("25,00", dag(64)),
    );
    assert_eq!(status, 303, "{page}");
    let dossier = get(&base, &debiteuren, &vpad);
    assert!(
        dossier.contains("Betalingsregeling van € 25,00 per maand loopt"),
        "{dossier}"
    );
    let schulden = wacht(
        &base,
        &inwoner,
        "/portaal/schulden",
        "Brief: uw betalingsregeling",
    );
    assert!(
        schulden.contains("U betaalt elke maand € 25,00"),
        "{schulden}"
    );
    // The same day, the same first term: the regeling is changed, and the
    // new one gets its own letter.
    let (status, page) = post_owned(
        &base,
        &debiteuren,
        &format!("{vpad}/betalingsregeling"),
        &regeling("30,00", dag(64)),
    );
    assert_eq!(status, 303, "{page}");
    assert!(
        get(&base, &debiteuren, &vpad).contains("Betalingsregeling van € 30,00 per maand loopt"),
        "the new regeling replaces the old"
    );
    wacht(
        &base,
        &inwoner,
        "/portaal/schulden",
        "U betaalt elke maand € 30,00",
    );
}

#[test]
fn after_the_payment_term_a_person_sends_the_aanmaning_and_limitation_is_interrupted() {
    let klok = Klok::nieuw();
    let mut server = klok.start(None);
    let base = server.base.clone();
    // Reclaimed, not offset: the resident pays within six weeks.
    let (start, debiteuren, vpad) = besloten_niet_verrekend(&base);
    let (status, page) = post(&base, &debiteuren, &format!("{vpad}/aanmaning"), &[]);
    assert_eq!(status, 409, "not before the term ends: {page}");
    server.kill();

    // Seven weeks later, on the same database.
    let server = klok.start(Some(dag(49)));
    let base = server.base.clone();
    let debiteuren = login_staff(&base, &format!("{}.debiteuren", start.g));
    let lijst = get(&base, &debiteuren, "/werkplek/invordering");
    assert!(lijst.contains("Betaaltermijn verstreken"), "{lijst}");
    let dossier = get(&base, &debiteuren, &vpad);
    assert!(dossier.contains("Aanmaning versturen"), "{dossier}");
    let (status, page) = post(&base, &debiteuren, &format!("{vpad}/aanmaning"), &[]);
    assert_eq!(status, 303, "{page}");
    let (status, _) = post(&base, &debiteuren, &format!("{vpad}/aanmaning"), &[]);
    assert_eq!(status, 409, "one aanmaning per claim");
    let dossier = get(&base, &debiteuren, &vpad);
    assert!(dossier.contains("Aanmaning verstuurd op"), "{dossier}");
    // Limitation: five years after the day after the aanmaning (Awb 4:105,
    // 4:106), no longer after the payment term.
    let verjaart = gbi_domain::date::dutch_date(gbi_rules::invordering::verjaring(
        today_amsterdam() + chrono::Days::new(42),
        &[today_amsterdam() + chrono::Days::new(49)],
    ));
    assert!(
        dossier.contains(&format!("{verjaart} (Awb 4:104")),
        "{verjaart}: {dossier}"
    );
    // The resident's session is kept in the database.
    let inwoner = start.inwoner.clone();
    let schulden = wacht(&base, &inwoner, "/portaal/schulden", "Brief: aanmaning");
    assert!(schulden.contains("U kreeg een aanmaning."), "{schulden}");
}

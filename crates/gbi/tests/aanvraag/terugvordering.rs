//! Terug- en invordering through the real binary (issue 18, acceptance 1
//! and 3): a month is paid; income of that month is reported late; the
//! ledger's overpayment becomes a terugvorderingsverzoek, not a claim; a
//! consulent proposes a 58-2 claim with a reason; a second person approves
//! (the proposer cannot); the letter is in the resident's inbox; the next
//! betaalrun offsets within the beslagvrije voet and the specification
//! shows it; the resident sees the rest in "Mijn schulden"; a payment of
//! half the rest and a kwijtschelding (four eyes) close it.

use super::bijzondere_bijstand::{betaalrun, demo, get, login_staff, wacht};
use super::helpers::{client, cookie_of, pdf_tekst, werkplek_login_is_haarlem};
use gbi_domain::{Maand, Money, today_amsterdam};
use std::time::{Duration, Instant};

/// The demo's long-term client (invited for the IIT): their session and
/// the zaak of their running benefit.
pub(super) fn langdurige_klant(base: &str) -> (String, String) {
    let lijst = get(base, "", "/portaal/inloggen");
    let personen: Vec<String> = lijst
        .split("name=\"persoon\" value=\"")
        .skip(1)
        .map(|r| r[..9].to_owned())
        .collect();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        for bsn in &personen {
            let res = client()
                .post(format!("{base}/portaal/inloggen"))
                .form(&[("persoon", bsn.as_str())])
                .send()
                .unwrap();
            let cookie = cookie_of(&res);
            if get(base, &cookie, "/portaal").contains("id=\"iit-uitnodiging\"") {
                let zaken = get(base, &cookie, "/portaal/zaken");
                let zaak = zaken
                    .split("href=\"/portaal/zaken/")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .expect("the benefit's zaak")
                    .to_owned();
                return (cookie, zaak);
            }
        }
        assert!(Instant::now() < deadline, "no long-term client");
        std::thread::sleep(Duration::from_millis(300));
    }
}

pub(super) fn post(base: &str, cookie: &str, pad: &str, form: &[(&str, &str)]) -> (u16, String) {
    let res = client()
        .post(format!("{base}{pad}"))
        .header("cookie", cookie)
        .form(form)
        .send()
        .unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

/// The first id after `prefix` in `page`.
pub(super) fn id_na(page: &str, prefix: &str) -> String {
    page.split(prefix)
        .nth(1)
        .and_then(|r| r.split(['"', '/', '?']).next())
        .unwrap_or_else(|| panic!("no {prefix} in {page}"))
        .to_owned()
}

/// The amount after `label` on a page, as `Money`.
pub(super) fn bedrag_na(page: &str, label: &str) -> Money {
    let na = page
        .split(label)
        .nth(1)
        .unwrap_or_else(|| panic!("no {label} in {page}"));
    let start = na.find('€').expect("an amount") + '€'.len_utf8();
    let tekst: String = na[start..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    Money::parse_euros(tekst.trim()).unwrap()
}

/// The text of the resident's specification of `maand` (a PDF).
pub(super) fn specificatie(base: &str, cookie: &str, zaak: &str, maand: Maand) -> String {
    let pdf = client()
        .get(format!(
            "{base}/portaal/zaken/{zaak}/specificatie?maand={maand}"
        ))
        .header("cookie", cookie)
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    pdf_tekst(&pdf)
}

/// The start of each journey: the long-term client is paid this month, a
/// consulent records € 500 income of that month late, and the ledger's
/// overpayment is one terugvorderingsverzoek in the worklist, never a
/// claim by itself.
pub(super) struct Start {
    pub inwoner: String,
    pub zaak: String,
    /// `haarlem` or `enschede`.
    pub g: &'static str,
    pub consulent: String,
    /// The terugvordering's page.
    pub pad: String,
}

pub(super) fn overbetaald(base: &str) -> Start {
    let (inwoner, zaak) = langdurige_klant(base);
    let g = if werkplek_login_is_haarlem(base, &zaak) {
        "haarlem"
    } else {
        "enschede"
    };
    let deze_maand = Maand::of(today_amsterdam());
    betaalrun(base, g, deze_maand, None);
    let consulent = login_staff(base, &format!("{g}.consulent"));
    let (status, _) = post(
        base,
        &consulent,
        &format!("/werkplek/zaken/{zaak}/inkomsten"),
        &[("maand", &deze_maand.to_string()), ("arbeid", "500,00")],
    );
    assert_eq!(status, 303);
    let lijst = get(base, &consulent, "/werkplek/invordering");
    assert!(
        lijst.contains("Te veel betaald: te beoordelen (1)"),
        "{lijst}"
    );
    assert!(lijst.contains("Er staan geen vorderingen open."), "{lijst}");
    let tv = id_na(&lijst, "/werkplek/invordering/terugvorderingen/");
    Start {
        inwoner,
        zaak,
        g,
        consulent,
        pad: format!("/werkplek/invordering/terugvorderingen/{tv}"),
    }
}

/// A consulent proposes `grond` with `motivering`; a kwaliteitsmedewerker
/// approves. Returns the kwaliteitsmedewerker's session.
pub(super) fn besluiten(base: &str, s: &Start, grond: &str, motivering: &str) -> String {
    let (status, page) = post(
        base,
        &s.consulent,
        &format!("{}/voorstel", s.pad),
        &[("grond", grond), ("motivering", motivering)],
    );
    assert_eq!(status, 303, "{page}");
    let kwaliteit = login_staff(base, &format!("{}.kwaliteit", s.g));
    let (status, page) = post(
        base,
        &kwaliteit,
        &format!("{}/beoordeling", s.pad),
        &[("oordeel", "goedkeuren")],
    );
    assert_eq!(status, 303, "{page}");
    kwaliteit
}

#[test]
fn an_overpayment_is_reclaimed_by_people_offset_within_the_bvv_and_waived_after_half() {
    let (server, _database, _dir) = demo();
    let base = &server.base;
    let Start {
        inwoner,
        zaak,
        g,
        consulent,
        pad,
    } = overbetaald(base);
    let deze_maand = Maand::of(today_amsterdam());
    let pagina = get(base, &consulent, &pad);
    let te_veel = bedrag_na(&pagina, "Totaal te veel (netto)");
    assert!(te_veel.cents() > 0, "{pagina}");
    assert!(pagina.contains(&deze_maand.dutch_name()), "{pagina}");

    // A proposal without a reason is refused at its field; nothing stored.
    let (status, page) = post(
        base,
        &consulent,
        &format!("{pad}/voorstel"),
        &[("grond", "58-2-a"), ("motivering", " ")],
    );
    assert_eq!(status, 400);
    assert!(page.contains("id=\"fout-motivering\""), "{page}");
    assert!(page.contains("Motivering: schrijf waarom"), "{page}");
    let (status, _) = post(
        base,
        &consulent,
        &format!("{pad}/voorstel"),
        &[
            ("grond", "58-2-a"),
            (
                "motivering",
                "U gaf uw loon later door. Daardoor kreeg u te veel.",
            ),
            ("verrekenen", "ja"),
        ],
    );
    assert_eq!(status, 303);
    // The consulent cannot approve (no role); the debiteurenbeheerder who
    // could approve may not approve a proposal of their own either.
    let (status, _) = post(
        base,
        &consulent,
        &format!("{pad}/beoordeling"),
        &[("oordeel", "goedkeuren")],
    );
    assert_eq!(status, 403);
    assert!(get(base, &inwoner, "/portaal/schulden").contains("U heeft geen schulden"));
    let kwaliteit = login_staff(base, &format!("{g}.kwaliteit"));
    let (status, _) = post(
        base,
        &kwaliteit,
        &format!("{pad}/beoordeling"),
        &[("oordeel", "goedkeuren")],
    );
    assert_eq!(status, 303);

    // The letter, in the inbox and in "Mijn schulden".
    let berichten = get(base, &inwoner, "/portaal/berichten");
    assert!(
        berichten.contains("Besluit: u moet bijstand terugbetalen"),
        "{berichten}"
    );
    let schulden = wacht(
        base,
        &inwoner,
        "/portaal/schulden",
        "Brief: besluit terugvordering",
    );
    assert_eq!(bedrag_na(&schulden, "id=\"totaal-open\""), te_veel);
    let brief_id = id_na(&schulden, "/portaal/documenten/");
    let pdf = client()
        .get(format!("{base}/portaal/documenten/{brief_id}"))
        .header("cookie", &inwoner)
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    let brief = pdf_tekst(&pdf);
    for tekst in [
        "Besluit over het terugbetalen van bijstand",
        "artikel 58, tweede lid, onder a",
        &te_veel.to_string(),
        "beslagvrije voet",
        "bezwaar",
    ] {
        assert!(
            brief.contains(tekst),
            "{tekst:?} not in the letter:\n{brief}"
        );
    }

    // Next month's run offsets within the beslagvrije voet (Rv 475dc-2:
    // 95% of the norm incl. vakantietoeslag; about 5% is offset).
    let volgende = deze_maand.next();
    let sepa = betaalrun(base, g, volgende, None);
    let spec = specificatie(base, &inwoner, &zaak, volgende);
    assert!(
        spec.contains("Ingehouden voor uw schuld bij de gemeente"),
        "{spec}"
    );
    let ingehouden = bedrag_na(&spec, "Ingehouden voor uw schuld bij de gemeente:");
    let norm = bedrag_na(&spec, "Uw norm");
    // 5% of the norm, rounded to the cent.
    assert_eq!(ingehouden.cents(), (norm.cents() * 5 + 50) / 100, "{spec}");
    let verschuldigd = bedrag_na(&spec, "Wij moeten betalen");
    let overgemaakt = verschuldigd - ingehouden;
    let in_sepa = format!(
        "{}.{:02}",
        overgemaakt.cents() / 100,
        overgemaakt.cents() % 100
    );
    assert!(
        sepa.contains(&in_sepa),
        "the SEPA file pays {in_sepa}:\n{sepa}"
    );
    let schulden = get(base, &inwoner, "/portaal/schulden");
    let rest = te_veel - ingehouden;
    assert_eq!(
        bedrag_na(&schulden, "id=\"totaal-open\""),
        rest,
        "{schulden}"
    );
    assert!(schulden.contains("beslagvrije voet"), "{schulden}");

    // Half of the rest at once, then the rest waived: four eyes.
    let debiteuren = login_staff(base, &format!("{g}.debiteuren"));
    let werklijst = get(base, &debiteuren, "/werkplek/invordering");
    let v = id_na(&werklijst, "/werkplek/invordering/vorderingen/");
    let vpad = format!("/werkplek/invordering/vorderingen/{v}");
    let helft = Money::from_cents((rest.cents() + 1) / 2);
    let tweede = rest - helft;
    let (status, page) = post(
        base,
        &debiteuren,
        &format!("{vpad}/kwijtschelding"),
        &[
            ("grond", "58-7-d"),
            ("kw_bedrag", &tweede.to_string()),
            ("motivering", "De helft is betaald."),
        ],
    );
    assert_eq!(status, 400, "no payment booked yet: {page}");
    let vandaag = today_amsterdam().format("%d-%m-%Y").to_string();
    let (status, page) = post(
        base,
        &debiteuren,
        &format!("{vpad}/betaling"),
        &[("bedrag", &helft.to_string()), ("datum", &vandaag)],
    );
    assert_eq!(status, 303, "{page}");
    let (status, page) = post(
        base,
        &debiteuren,
        &format!("{vpad}/kwijtschelding"),
        &[
            ("grond", "58-7-d"),
            ("kw_bedrag", &tweede.to_string()),
            ("motivering", "U betaalde de helft van de rest in één keer."),
        ],
    );
    assert_eq!(status, 303, "{page}");
    let dossier = get(base, &kwaliteit, &vpad);
    let kw = id_na(&dossier, "/werkplek/invordering/kwijtscheldingen/");
    let oordeel = format!("/werkplek/invordering/kwijtscheldingen/{kw}/beoordeling");
    let (status, _) = post(
        base,
        &debiteuren,
        &oordeel,
        &[("oordeel", "goedkeuren"), ("vordering", &v)],
    );
    assert_eq!(status, 409, "nobody approves their own proposal");
    let (status, _) = post(
        base,
        &kwaliteit,
        &oordeel,
        &[("oordeel", "goedkeuren"), ("vordering", &v)],
    );
    assert_eq!(status, 303);
    let schulden = wacht(base, &inwoner, "/portaal/schulden", "Brief: kwijtschelding");
    assert!(
        schulden.contains(
            "U hoeft de gemeente <strong id=\"totaal-open\">niets</strong> meer te betalen"
        ),
        "{schulden}"
    );
    assert!(
        get(base, &debiteuren, "/werkplek/invordering").contains("Er staan geen vorderingen open.")
    );
}

#[test]
fn a_breach_of_the_inlichtingenplicht_is_reclaimed_offset_by_law_and_a_boete_is_decided_by_people()
{
    let (server, _database, _dir) = demo();
    let base = &server.base;
    let start = overbetaald(base);
    let (inwoner, consulent, pad) = (
        start.inwoner.clone(),
        start.consulent.clone(),
        start.pad.clone(),
    );
    let te_veel = bedrag_na(&get(base, &consulent, &pad), "Totaal te veel (netto)");
    // 58-1 without ticking "verrekenen": art. 60-4 offsets anyway.
    let kwaliteit = besluiten(base, &start, "58-1", "U gaf uw loon niet door.");
    let werklijst = get(base, &kwaliteit, "/werkplek/invordering");
    assert!(
        werklijst.contains("Wordt elke maand verrekend met de uitkering"),
        "{werklijst}"
    );

    // No boete without the resident's side of the story.
    let vandaag = today_amsterdam().format("%d-%m-%Y").to_string();
    let mut form = vec![
        ("verwijtbaarheid", "grove_schuld"),
        ("datum_overtreding", vandaag.as_str()),
        ("zienswijze_datum", vandaag.as_str()),
        ("zienswijze", ""),
        (
            "boete_motivering",
            "De toekenningsbrief zegt dat loon gemeld moet worden.",
        ),
    ];
    let (status, page) = post(base, &consulent, &format!("{pad}/boete"), &form);
    assert_eq!(status, 400);
    assert!(
        page.contains("Zienswijze: schrijf op wat de inwoner zei"),
        "{page}"
    );
    form[3] = ("zienswijze", "Ik dacht dat de gemeente het al wist.");
    let (status, page) = post(base, &consulent, &format!("{pad}/boete"), &form);
    assert_eq!(status, 303, "{page}");
    let pagina = get(base, &kwaliteit, &pad);
    // Grove schuld: 75% of the benadelingsbedrag (Boetebesluit art. 2),
    // rounded down to the cent.
    let boete = Money::from_cents(te_veel.cents() * 75 / 100);
    assert!(pagina.contains(&format!("boete van {boete}")), "{pagina}");
    let boete_id = pagina
        .split("name=\"boete_id\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the proposal to judge")
        .to_owned();
    let oordeel = format!("{pad}/boete/beoordeling");
    let (status, _) = post(
        base,
        &consulent,
        &oordeel,
        &[("boete_id", &boete_id), ("oordeel", "goedkeuren")],
    );
    assert_eq!(status, 403, "the consulent has no role to approve");
    assert!(get(base, &inwoner, "/portaal/schulden").contains(&te_veel.to_string()));
    let (status, body) = post(
        base,
        &kwaliteit,
        &oordeel,
        &[("boete_id", &boete_id), ("oordeel", "goedkeuren")],
    );
    assert_eq!(status, 303, "{body}");
    let schulden = wacht(base, &inwoner, "/portaal/schulden", "Brief: besluit boete");
    assert_eq!(
        bedrag_na(&schulden, "id=\"totaal-open\""),
        te_veel + boete,
        "{schulden}"
    );
    let brief_id = schulden
        .split("/portaal/documenten/")
        .skip(1)
        .find(|r| {
            r.split("</a>")
                .next()
                .is_some_and(|a| a.contains("besluit boete"))
        })
        .and_then(|r| r.split('"').next())
        .expect("the boete letter")
        .to_owned();
    assert!(
        schulden.contains("Brief: uw beslagvrije voet"),
        "the notice of Rv 475i: {schulden}"
    );
    let pdf = client()
        .get(format!("{base}/portaal/documenten/{brief_id}"))
        .header("cookie", &inwoner)
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    let brief = pdf_tekst(&pdf);
    for tekst in [
        "boete",
        "75%",
        &boete.to_string(),
        "Ik dacht dat de gemeente het al wist",
    ] {
        assert!(
            brief.contains(tekst),
            "{tekst:?} not in the letter:\n{brief}"
        );
    }

    // Art. 60c: no waiver in a schuldregeling of a claim of grove schuld
    // with a boete; art. 18a-13: nor of the boete itself.
    let debiteuren = login_staff(base, &format!("{}.debiteuren", start.g));
    let lijst = get(base, &debiteuren, "/werkplek/invordering");
    let ids: Vec<String> = lijst
        .split("/werkplek/invordering/vorderingen/")
        .skip(1)
        .filter_map(|r| r.split('"').next().map(str::to_owned))
        .collect();
    assert_eq!(ids.len(), 2, "the claim and the boete: {lijst}");
    for id in ids {
        let vpad = format!("/werkplek/invordering/vorderingen/{id}");
        let is_boete = get(base, &debiteuren, &vpad).contains("Boete (art. 18a)");
        let grond = if is_boete { "18a-13" } else { "58-8" };
        let (status, page) = post(
            base,
            &debiteuren,
            &format!("{vpad}/kwijtschelding"),
            &[
                ("grond", grond),
                ("kw_bedrag", "10,00"),
                (
                    "motivering",
                    "Minnelijke schuldregeling via de kredietbank.",
                ),
                ("schuldregeling", "ja"),
            ],
        );
        assert_eq!(status, 400, "{page}");
        let waarom = if is_boete {
            "art. 18a, dertiende lid"
        } else {
            "art. 60c Participatiewet"
        };
        assert!(page.contains(waarom), "{waarom}: {page}");
    }
}

#[test]
fn a_verzoek_whose_overpayment_was_corrected_is_closed_with_a_reason_and_no_claim() {
    let (server, _database, _dir) = demo();
    let base = &server.base;
    let start = overbetaald(base);
    let (inwoner, zaak, consulent, pad) = (
        start.inwoner.clone(),
        start.zaak.clone(),
        start.consulent.clone(),
        start.pad.clone(),
    );
    let deze_maand = Maand::of(today_amsterdam()).to_string();
    let inkomsten = format!("/werkplek/zaken/{zaak}/inkomsten");
    let opgave = |arbeid: &str| {
        post(
            base,
            &consulent,
            &inkomsten,
            &[("maand", deze_maand.as_str()), ("arbeid", arbeid)],
        )
        .0
    };
    // The income was typed in the wrong month: corrected to nothing.
    assert_eq!(opgave("0"), 303);
    assert!(get(base, &consulent, &pad).contains("geen te veel betaalde maanden"));
    let (status, page) = post(
        base,
        &consulent,
        &format!("{pad}/voorstel"),
        &[("grond", "58-2-a"), ("motivering", "Toch terugvorderen.")],
    );
    assert_eq!(status, 400, "nothing to reclaim: {page}");
    let kwaliteit = besluiten(
        base,
        &start,
        "geen",
        "Het inkomen stond bij de verkeerde maand.",
    );
    let lijst = get(base, &kwaliteit, "/werkplek/invordering");
    assert!(lijst.contains("Er is niets te beoordelen."), "{lijst}");
    assert!(lijst.contains("Er staan geen vorderingen open."), "{lijst}");
    assert!(get(base, &kwaliteit, &pad).contains("niet teruggevorderd"));
    assert!(get(base, &inwoner, "/portaal/schulden").contains("U heeft geen schulden"));
}

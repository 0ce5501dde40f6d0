//! Walking the route table: the path parameters filled from a fixture and,
//! for each route, a body its handler accepts (a real form body for a form
//! route, multipart for an upload, JSON for the API), so a walk reaches the
//! handler and can fail there.

#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use serde_json::json;

/// A request body the handler accepts.
pub enum Body {
    Leeg,
    Form(Vec<(&'static str, String)>),
    Multipart(Vec<(&'static str, &'static str)>),
    Json(serde_json::Value),
}

pub struct Fixture {
    /// A resident's own draft (portal routes).
    pub concept_id: String,
    /// A draft staff started with the resident (werkplek routes).
    pub staff_concept_id: String,
    pub zaak_id: String,
    pub document_id: String,
    pub inwoner_id: String,
    pub betaalrun_id: String,
    pub looplijst_id: String,
    pub machtiging_id: String,
    /// A letter in the print queue.
    pub print_id: String,
    pub medewerker_id: String,
    pub inwoner_bsn: String,
    pub user: String,
}

pub fn body(method: &str, path: &str, f: &Fixture) -> Body {
    let vandaag = gbi_domain::today_amsterdam();
    let over = |d: u64| (vandaag + chrono::Days::new(d)).to_string();
    let form = |v: Vec<(&'static str, &str)>| {
        Body::Form(v.into_iter().map(|(k, v)| (k, v.to_owned())).collect())
    };
    match (method, path) {
        ("POST", "/inloggen") => form(vec![
            ("gebruikersnaam", &f.user),
            ("wachtwoord", super::PASSWORD),
        ]),
        ("POST", "/werkplek/aanvragen") => {
            form(vec![("bsn", &f.inwoner_bsn), ("kanaal", "telefoon")])
        }
        ("POST", p) if p.ends_with("/{stap}") => form(vec![("reden", "baan_kwijt")]),
        ("POST", p) if p.ends_with("/documenten") => {
            Body::Multipart(vec![("soort", "bankafschrift")])
        }
        ("POST", p) if p.ends_with("/toewijzen") => form(vec![("medewerker", &f.medewerker_id)]),
        ("POST", p) if p.ends_with("/notities") => form(vec![("tekst", "Gebeld met inwoner")]),
        ("POST", p) if p.ends_with("/hersteltermijn") => Body::Form(vec![
            ("document", "loonstrook".into()),
            ("deadline", over(14)),
        ]),
        ("POST", p) if p.ends_with("/besluit") => Body::Form(vec![
            ("soort", "toekenning".into()),
            ("ingangsdatum", vandaag.to_string()),
            ("bedrag", "1.088,05".into()),
        ]),
        ("POST", p) if p.ends_with("/beoordeling") => form(vec![
            ("oordeel", "terugsturen"),
            ("opmerking", "Controleer de datum"),
        ]),
        ("POST", "/werkplek/zaken/{zaak_id}/wijzigingen") => form(vec![
            ("wijziging_id", "onbekend"),
            ("vanaf", "2026-12"),
            ("bezittingen", "0"),
            ("schulden", "0"),
        ]),
        ("POST", "/werkplek/zaken/{zaak_id}/inkomsten") => form(vec![
            ("maand", "2026-08"),
            ("arbeid", "400,00"),
            ("overig", "0"),
        ]),
        ("POST", "/werkplek/betaalruns") => form(vec![("maand", "2026-08")]),
        ("POST", "/werkplek/looplijst/start") => Body::Form(vec![
            ("regeling", "iit".into()),
            ("peildatum", vandaag.to_string()),
        ]),
        ("POST", "/werkplek/looplijst/team") => form(vec![
            ("run", &f.looplijst_id),
            ("wijk", "2011"),
            ("team", "Noord"),
        ]),
        ("POST", "/werkplek/looplijst/aanvraag") => form(vec![
            ("adres", "onbekend"),
            ("run", &f.looplijst_id),
            ("bsn", "999993653"),
            ("toestemming", "ja"),
        ]),
        ("POST", "/werkplek/looplijst/bezoek") => form(vec![
            ("adres", "onbekend"),
            ("run", &f.looplijst_id),
            ("uitkomst", "niet_thuis"),
        ]),
        ("POST", "/werkplek/machtigingen/{machtiging_id}") => form(vec![
            ("besluit", "bevestigen"),
            (
                "toelichting",
                "Schriftelijke machtiging en legitimatie gezien",
            ),
        ]),
        ("POST", "/werkplek/beheer/rekening") => form(vec![
            ("iban", "NL91ABNA0417164300"),
            ("bic", "ABNANL2A"),
            ("naam", "Gemeente Haarlem"),
        ]),
        // The walk's file part (a PDF) is no policy file: the page refuses
        // it with a message, which is the handler answering.
        ("POST", "/werkplek/wat-als") => Body::Multipart(vec![("concept", "")]),
        ("POST", "/portaal/inloggen") => form(vec![("persoon", &f.inwoner_bsn)]),
        ("POST", "/portaal/machtiging") => form(vec![
            ("bsn", "999990019"),
            ("relatie", "buurvrouw"),
            ("toestemming", "ja"),
        ]),
        ("POST", "/portaal/zaken/{zaak_id}/inkomsten") => {
            Body::Multipart(vec![("maand", "2026-12"), ("arbeid", "100,00")])
        }
        ("POST", "/portaal/zaken/{zaak_id}/wijzigingen") => Body::Form(vec![
            ("soort", "verhuizing".into()),
            ("datum", vandaag.to_string()),
            ("toelichting", "Ik verhuis".into()),
        ]),
        ("POST", "/portaal/zaken/{zaak_id}/antwoorden") => form(vec![
            ("vraag", "0"),
            ("antwoord", "Ik werk sinds 1 november niet meer."),
        ]),
        ("POST", "/portaal/looplijst") => form(vec![("keuze", "afmelden")]),
        ("POST", "/portaal/elektronisch") => form(vec![("keuze", "online")]),
        ("POST", "/portaal/schulden") => form(vec![
            ("soort", "regeling"),
            ("tekst", "Ik kan niet alles in één keer betalen."),
        ]),
        ("POST", p) if p.ends_with("/boete") => form(vec![
            ("verwijtbaarheid", "grove_schuld"),
            ("datum_overtreding", "01-11-2026"),
            ("zienswijze", "Ik wist het niet."),
            ("zienswijze_datum", "15-11-2026"),
            ("boete_motivering", "Het staat duidelijk in de brief."),
        ]),
        ("POST", p) if p.ends_with("/voorstel") => form(vec![
            ("grond", "58-2-a"),
            ("motivering", "Inkomsten later opgegeven."),
        ]),
        ("POST", p) if p.ends_with("/betaling") => {
            form(vec![("bedrag", "100,00"), ("datum", "01-11-2026")])
        }
        ("POST", p) if p.ends_with("/dwangbevel") => form(vec![(
            "db_motivering",
            "Geen reactie op de aanmaning en geen regeling.",
        )]),
        ("POST", p) if p.ends_with("/betalingsregeling") => form(vec![
            ("br_leefsituatie", "alleenstaande"),
            ("br_inkomen", "1.650,00"),
            ("br_jaarinkomen", "22.000,00"),
            ("br_per_maand", "50,00"),
            ("br_eerste_termijn", "01-12-2026"),
            ("br_motivering", "Afgesproken aan de balie."),
        ]),
        ("POST", p) if p.ends_with("/derdenbeslag") => form(vec![
            ("bs_derde", "Bakkerij De Korenbloem"),
            ("bs_leefsituatie", "alleenstaande"),
            ("bs_inkomen", "2.100,00"),
            ("bs_jaarinkomen", "30.000,00"),
            ("bs_eerste_termijn", "01-12-2026"),
            ("bs_motivering", "Dwangbevel niet betaald, loon bekend."),
        ]),
        ("POST", p) if p.ends_with("/kwijtschelding") => form(vec![
            ("grond", "58-8"),
            ("kw_bedrag", "10,00"),
            ("motivering", "Dringende redenen."),
        ]),
        ("POST", "/portaal/collectieve-zorgverzekering") => {
            form(vec![("pakket", "basis"), ("verklaring", "ja")])
        }
        ("POST", "/api/v1/sessies") => {
            Body::Json(json!({ "gebruikersnaam": f.user, "wachtwoord": super::PASSWORD }))
        }
        ("POST", "/api/v1/inwoners") => {
            Body::Json(json!({ "bsn": "999990019", "naam": "Nieuw in Haarlem" }))
        }
        ("PATCH", _) => Body::Json(json!({ "naam": "Gewijzigd", "email": null })),
        _ => Body::Leeg,
    }
}

pub fn fill(path: &str, f: &Fixture) -> String {
    let mut p = path
        .replace("{inwoner_id}", &f.inwoner_id)
        .replace(
            "{concept_id}",
            if path.starts_with("/werkplek/") {
                &f.staff_concept_id
            } else {
                &f.concept_id
            },
        )
        .replace("{zaak_id}", &f.zaak_id)
        .replace("{document_id}", &f.document_id)
        .replace("{betaalrun_id}", &f.betaalrun_id)
        .replace("{machtiging_id}", &f.machtiging_id)
        .replace("{print_id}", &f.print_id)
        // No claim exists in the walk's fixture: the handler answers 404.
        .replace("{terugvordering_id}", "onbekend")
        .replace("{vordering_id}", "onbekend")
        .replace("{kwijtschelding_id}", "onbekend")
        .replace("{aflossing_id}", "onbekend")
        .replace("{stap}", "situatie")
        .replace("{regeling}", "bijzondere-bijstand")
        .replace("{*file}", "gbi.css")
        .replace(
            "{activiteit_id}",
            &gbi_store::logboek::register::activiteit_uuid("gbi.inwoner.raadplegen").to_string(),
        )
        .replace(
            "{entity_id}",
            &gbi_store::logboek::register::gemeente_uuid("0392").to_string(),
        )
        .replace("{versie}", "1")
        .replace("{soort}", "bsn-pseudoniem")
        .replace("{gemeente}", "0392");
    assert!(!p.contains('{'), "{path}: add a fixture for its parameter");
    if path.starts_with("/werkplek/looplijst/") {
        p.push_str(&format!(
            "?id={0}&run={0}&regeling=iit&wijk=2011",
            f.looplijst_id
        ));
    }
    p
}

/// The request with its body.
pub fn met_body(req: reqwest::RequestBuilder, body: &Body) -> reqwest::RequestBuilder {
    match body {
        Body::Leeg => req,
        Body::Form(v) => req.form(v),
        Body::Json(v) => req.json(v),
        Body::Multipart(v) => {
            let mut mp = reqwest::multipart::Form::new();
            for (k, val) in v {
                mp = mp.text(*k, *val);
            }
            let pdf = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%test\n".to_vec())
                .file_name("test.pdf")
                .mime_str("application/pdf")
                .unwrap();
            req.multipart(mp.part("bestand", pdf))
        }
    }
}

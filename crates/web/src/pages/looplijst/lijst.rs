//! Werkplek: the list of one neighbourhood in walking order, recording the
//! outcome of a visit, and the CSV export for a walk without a laptop.
//! Showing and exporting a list are logged for every resident on it.

use super::regeling_naam;
use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use crate::pages::render;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gbi_store::looplijst::{self as opslag, Adres, BEZOEK_UITKOMSTEN, Run};
use gbi_store::medewerkers::Medewerker;
use gbi_store::{Db, Scope};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct WijkQuery {
    run: Option<String>,
    regeling: Option<String>,
    wijk: Option<String>,
    opgeslagen: Option<String>,
    /// Back from an application filled in at a visit: `verstuurd` or `bewaard`.
    aanvraag: Option<String>,
}

impl WijkQuery {
    pub fn van(run: &str, regeling: &str, wijk: &str) -> WijkQuery {
        WijkQuery {
            run: Some(run.to_owned()),
            regeling: Some(regeling.to_owned()),
            wijk: Some(wijk.to_owned()),
            ..WijkQuery::default()
        }
    }
}

/// A mistake in the form to start an application at one address.
pub struct Melding {
    pub adres: String,
    /// The field it is about: `bsn` or `toestemming`.
    pub veld: &'static str,
    pub tekst: String,
    /// What was typed, shown again.
    pub bsn: String,
}

/// The run and regeling of a list request, checked against the staff
/// member's own gemeente; 404 for anything else.
async fn gevonden(
    db: &Db,
    scope: &Scope,
    q: &WijkQuery,
) -> Result<(Run, String, String), PageError> {
    let run_id = q.run.as_deref().unwrap_or_default();
    let run = opslag::run(db, scope, run_id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let regeling = q.regeling.clone().unwrap_or_default();
    let wijk = q.wijk.clone().unwrap_or_default();
    if !run.regelingen.contains(&regeling)
        || wijk.len() != 4
        || !wijk.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(PageError::not_found());
    }
    Ok((run, regeling, wijk))
}

fn uitkomst_label(code: &str) -> &'static str {
    match code {
        "waarschijnlijk" => "Waarschijnlijk recht",
        "onbekend" => "Onbekend: een bron wist het niet",
        _ => "Onbekend",
    }
}

fn bezoek_label(code: &str) -> &'static str {
    BEZOEK_UITKOMSTEN
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("Onbekend", |(_, l)| l)
}

/// An address as the list shows it.
pub struct AdresRegel {
    pub id: String,
    pub adres: String,
    pub postcode: String,
    pub woonplaats: String,
    pub namen: String,
    pub uitkomst: &'static str,
    /// (question, answer) per criterion asked.
    pub criteria: Vec<(String, String)>,
    pub bezoek: Option<&'static str>,
    pub bezoek_code: String,
    pub toelichting: String,
    pub bezoek_op: String,
}

fn regel(a: Adres, vragen: &[(String, String)]) -> AdresRegel {
    let criteria = serde_json::from_str::<Vec<serde_json::Value>>(&a.criteria)
        .unwrap_or_default()
        .iter()
        .map(|c| {
            let code = c["code"].as_str().unwrap_or_default();
            let vraag = vragen
                .iter()
                .find(|(k, _)| k == code)
                .map_or(code.to_owned(), |(_, v)| v.clone());
            let antwoord = match c["antwoord"].as_str().unwrap_or_default() {
                "ja" => "ja",
                "nee" => "nee",
                _ => "onbekend",
            };
            (vraag, antwoord.to_owned())
        })
        .collect();
    AdresRegel {
        adres: a.adresregel(),
        uitkomst: uitkomst_label(&a.uitkomst),
        bezoek: a.bezoek.as_deref().map(bezoek_label),
        bezoek_code: a.bezoek.clone().unwrap_or_default(),
        toelichting: a.bezoek_toelichting.clone().unwrap_or_default(),
        bezoek_op: a.bezoek_op.as_deref().map(super::datum).unwrap_or_default(),
        criteria,
        id: a.id,
        postcode: a.postcode,
        woonplaats: a.woonplaats,
        namen: a.namen,
    }
}

#[derive(Template)]
#[template(path = "werkplek/looplijst_wijk.html")]
struct WijkPage {
    user: Option<Medewerker>,
    run_id: String,
    regeling: String,
    regeling_naam: &'static str,
    wijk: String,
    verlopen: bool,
    opgeslagen: bool,
    adressen: Vec<AdresRegel>,
    uitkomsten: &'static [(&'static str, &'static str)],
    /// The member may fill in an application with a resident here.
    aanvragen: bool,
    aanvraag: Option<&'static str>,
    melding: Option<Melding>,
}

impl WijkPage {
    /// The mistake at address `id`, if the form there was sent wrong.
    fn fout_bij(&self, id: &str) -> Option<&Melding> {
        self.melding.as_ref().filter(|m| m.adres == id)
    }

    /// The same, when it is about `veld`.
    fn fout_in(&self, id: &str, veld: &str) -> Option<&Melding> {
        self.fout_bij(id).filter(|m| m.veld == veld)
    }
}

/// `/werkplek/looplijst/wijk?run=…&regeling=…&wijk=…`.
pub async fn wijk(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<WijkQuery>,
) -> Result<Response, PageError> {
    Ok(wijk_pagina(&state, staff, q, None).await?.into_response())
}

/// The list of one neighbourhood, with `melding` at its address.
pub async fn wijk_pagina(
    state: &AppState,
    staff: crate::auth::Staff,
    q: WijkQuery,
    melding: Option<Melding>,
) -> Result<axum::response::Html<String>, PageError> {
    let scope = staff.scope();
    let (run, regeling, wijk) = gevonden(&state.db, &scope, &q).await?;
    let verlopen = run.status == "verlopen";
    let adressen = if run.status == "klaar" {
        let vragen: Vec<(String, String)> = gbi_domain::date::parse_date(&run.peildatum)
            .ok()
            .and_then(|d| state.catalogi.op(d))
            .and_then(|c| c.regelingen.iter().find(|r| r.code.code() == regeling))
            .map(|r| {
                r.criteria
                    .iter()
                    .map(|c| (c.code.clone(), c.vraag.clone()))
                    .collect()
            })
            .unwrap_or_default();
        opslag::adressen(&state.db, &scope, &run.id, &regeling, &wijk, "lijst")
            .await?
            .into_iter()
            .map(|a| regel(a, &vragen))
            .collect()
    } else {
        Vec::new()
    };
    let aanvragen = staff
        .medewerker
        .rollen
        .iter()
        .any(|r| super::aanvraag::STARTEN.contains(r));
    render(&WijkPage {
        aanvragen,
        aanvraag: match q.aanvraag.as_deref() {
            Some("verstuurd") => {
                Some("De aanvraag is verstuurd. Het bezoek is vastgelegd als: Aanvraag gedaan.")
            }
            Some("bewaard") => Some(
                "De aanvraag is bewaard. Vul hem later verder in met dezelfde knop en hetzelfde BSN.",
            ),
            _ => None,
        },
        melding,
        user: Some(staff.medewerker),
        run_id: run.id,
        regeling_naam: regeling_naam(&regeling),
        regeling,
        wijk,
        verlopen,
        opgeslagen: q.opgeslagen.is_some(),
        adressen,
        uitkomsten: BEZOEK_UITKOMSTEN,
    })
}

#[derive(Deserialize)]
pub struct Bezoek {
    #[serde(default)]
    adres: String,
    #[serde(default)]
    run: String,
    #[serde(default)]
    uitkomst: String,
    #[serde(default)]
    toelichting: String,
}

/// An address of the list and its run, both of the member's gemeente; 404
/// otherwise.
pub async fn adres_en_run(
    db: &Db,
    scope: &Scope,
    adres: &str,
    run: &str,
) -> Result<(Adres, Run), PageError> {
    let adres = opslag::adres_voor_bezoek(db, scope, adres)
        .await?
        .ok_or_else(PageError::not_found)?;
    let run = opslag::run(db, scope, run)
        .await?
        .ok_or_else(PageError::not_found)?;
    Ok((adres, run))
}

/// POST `/werkplek/looplijst/bezoek`: the outcome of a visit.
pub async fn bezoek(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Form(f): Form<Bezoek>,
) -> Result<Response, PageError> {
    let scope = staff.scope();
    let (adres, run) = adres_en_run(&state.db, &scope, &f.adres, &f.run).await?;
    if !BEZOEK_UITKOMSTEN.iter().any(|(c, _)| *c == f.uitkomst) {
        return Err(PageError {
            status: StatusCode::BAD_REQUEST,
            title: "Kies een uitkomst",
            message: "Kies wat er bij het bezoek gebeurde, en probeer het opnieuw.".into(),
        });
    }
    let toelichting: String = f.toelichting.chars().take(500).collect();
    opslag::bezoek_vastleggen(&state.db, &scope, &adres.id, &f.uitkomst, &toelichting).await?;
    let terug = format!(
        "/werkplek/looplijst/wijk?run={}&regeling={}&wijk={}&opgeslagen=1#adres-{}",
        crate::auth::encode_component(&run.id),
        crate::auth::encode_component(&adres.regeling),
        crate::auth::encode_component(&adres.wijk),
        crate::auth::encode_component(&adres.id),
    );
    Ok(Redirect::to(&terug).into_response())
}

/// One CSV field: quoted when needed; a leading formula character is
/// neutralised so a spreadsheet shows text, not a formula.
fn veld(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([';', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub const CSV_KOP: &str = "straat;huisnummer;huisletter;postcode;woonplaats;namen;uitkomst;bezoek";

/// The list as CSV: semicolons (Dutch Excel), a header row, UTF-8 with a
/// byte-order mark so Excel reads accents right.
pub fn csv(adressen: &[Adres]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(CSV_KOP);
    out.push_str("\r\n");
    for a in adressen {
        let velden = [
            veld(&a.straat),
            a.huisnummer.to_string(),
            veld(&a.huisletter),
            veld(&a.postcode),
            veld(&a.woonplaats),
            veld(&a.namen),
            veld(&a.uitkomst),
            veld(a.bezoek.as_deref().map(bezoek_label).unwrap_or_default()),
        ];
        out.push_str(&velden.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// `/werkplek/looplijst/export?run=…&regeling=…&wijk=…`: CSV download.
pub async fn export(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(q): Query<WijkQuery>,
) -> Result<Response, PageError> {
    let scope = staff.scope();
    let (run, regeling, wijk) = gevonden(&state.db, &scope, &q).await?;
    if run.status != "klaar" {
        return Err(PageError::not_found());
    }
    let adressen = opslag::adressen(&state.db, &scope, &run.id, &regeling, &wijk, "export").await?;
    let naam = format!("attachment; filename=\"looplijst-{regeling}-{wijk}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, naam),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        csv(&adressen),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::veld;

    #[test]
    fn csv_fields_are_quoted_and_neutralised() {
        assert_eq!(veld("Kerkstraat"), "Kerkstraat");
        assert_eq!(veld("A; B"), "\"A; B\"");
        assert_eq!(veld("de \"Boer\""), "\"de \"\"Boer\"\"\"");
        assert_eq!(veld("=1+1"), "'=1+1");
        assert_eq!(veld(""), "");
    }
}

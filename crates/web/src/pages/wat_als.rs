//! Werkplek, beleid: wat-als. A beleidsmedewerker pastes or uploads a
//! draft policy file dated in the future and sees what it does to the
//! gemeente's running benefits before it takes effect: how many households
//! gain or lose, by how much, the totals per year, and a few households
//! explained step by step — without names or BSNs. The page only parses
//! and renders; the run is `gbi_zaken::wat_als` (which logs the reading),
//! the computation `gbi_rules::Regels::wat_als`. Nothing is written to any
//! benefit.

// A refusal is a `Fout`: the field of the form (`concept` or `bestand`) and
// the message, which names the key of the draft that is wrong.
use super::beheer::{Fout, fout_bij};
use super::render;
use crate::AppState;
use crate::auth::{PageStaff, Staff};
use crate::error::PageError;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gbi_domain::{Money, today_amsterdam};
use gbi_rules::regelingen::wat_als::Stand;
use gbi_store::medewerkers::Medewerker;
use gbi_zaken::wat_als::{self, Doorrekening, WatAlsFout};
use std::borrow::Borrow;

pub use gbi_zaken::wat_als::ROLLEN;

#[derive(Template)]
#[template(path = "werkplek/wat_als.html")]
struct Page {
    user: Option<Medewerker>,
    gemeente: String,
    concept: String,
    fouten: Vec<Fout>,
    uitkomst: Option<Doorrekening>,
}

impl Page {
    fn fout(&self, veld: &str) -> Option<&str> {
        fout_bij(&self.fouten, veld)
    }

    fn euro(&self, cents: impl Borrow<i64>) -> String {
        Money::from_cents(*cents.borrow()).to_string()
    }

    /// A difference with its sign, so "erop vooruit" and "erop achteruit"
    /// read at once.
    fn verschil(&self, cents: impl Borrow<i64>) -> String {
        let cents = *cents.borrow();
        let m = Money::from_cents(cents);
        if cents > 0 {
            format!("+{m}")
        } else {
            m.to_string()
        }
    }

    fn per_jaar(&self, s: &Stand) -> String {
        self.euro(s.per_jaar_cents())
    }

    fn datum(&self, d: &chrono::NaiveDate) -> String {
        gbi_domain::date::dutch_date(*d)
    }
}

async fn gemeente_naam(state: &AppState, staff: &Staff) -> Result<String, PageError> {
    Ok(
        gbi_store::gemeenten::get(&state.db, &staff.scope().gemeente)
            .await?
            .map(|g| g.naam)
            .unwrap_or_else(|| staff.medewerker.gemeente_code.to_string()),
    )
}

/// GET /werkplek/wat-als: the form.
pub async fn form(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
) -> Result<Response, PageError> {
    let p = Page {
        gemeente: gemeente_naam(&state, &staff).await?,
        user: Some(staff.medewerker),
        concept: String::new(),
        fouten: Vec::new(),
        uitkomst: None,
    };
    Ok(render(&p)?.into_response())
}

/// POST /werkplek/wat-als: run the draft on the caseload. A file chosen
/// goes before the pasted text; a refused draft comes back in the text box.
pub async fn doorrekenen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let mut tekst = String::new();
    let mut bestand = super::bestand::Gelezen::Leeg;
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("concept") => tekst = field.text().await.unwrap_or_default(),
            Some("bestand") => bestand = super::bestand::lees(field, "concept.toml").await,
            _ => {}
        }
    }
    let (naam, tekst) = match bestand {
        super::bestand::Gelezen::Bestand { naam, inhoud } => match String::from_utf8(inhoud) {
            Ok(t) => (naam, t),
            Err(_) => {
                let f = Fout {
                    veld: "bestand",
                    melding: "Bestand: dit is geen tekstbestand. Kies het TOML-bestand met het beleidsconcept, of plak de tekst in het vak.".into(),
                };
                return weigeren(&state, staff, tekst, f).await;
            }
        },
        super::bestand::Gelezen::TeGroot => {
            let f = Fout {
                veld: "bestand",
                melding: "Bestand: dit bestand is te groot. Een beleidsconcept is hoogstens 10 MB."
                    .into(),
            };
            return weigeren(&state, staff, tekst, f).await;
        }
        super::bestand::Gelezen::Leeg => ("concept.toml".to_owned(), tekst),
    };
    let vandaag = today_amsterdam();
    let scope = staff.scope();
    let concept = match wat_als::concept_lezen(&naam, &tekst, scope.gemeente, vandaag) {
        Ok(c) => c,
        Err(e) => return weigeren(&state, staff, tekst, fout_van(e)).await,
    };
    let regels = state.regels.clone().ok_or_else(PageError::internal)?;
    let uitkomst = match wat_als::doorrekenen(
        &state.db,
        &scope,
        regels,
        concept,
        vandaag,
        "POST /werkplek/wat-als",
    )
    .await
    {
        Ok(u) => u,
        Err(WatAlsFout::Store(e)) => return Err(e.into()),
        Err(e) => return weigeren(&state, staff, tekst, fout_van(e)).await,
    };
    let p = Page {
        gemeente: gemeente_naam(&state, &staff).await?,
        user: Some(staff.medewerker),
        concept: tekst,
        fouten: Vec::new(),
        uitkomst: Some(uitkomst),
    };
    Ok(render(&p)?.into_response())
}

/// The process layer's refusal as a message at the text box.
fn fout_van(e: WatAlsFout) -> Fout {
    let melding = match e {
        WatAlsFout::Concept { veld, melding } if veld == "bestand" => {
            format!("Beleidsconcept: {melding}.")
        }
        WatAlsFout::Concept { veld, melding } => {
            format!("Beleidsconcept, sleutel {veld}: {melding}.")
        }
        WatAlsFout::Regels(m) => format!("Doorrekenen kan nu niet: {m}."),
        WatAlsFout::Store(_) => "Doorrekenen kan nu niet. Probeer het later opnieuw.".into(),
    };
    Fout {
        veld: "concept",
        melding,
    }
}

async fn weigeren(
    state: &AppState,
    staff: Staff,
    concept: String,
    fout: Fout,
) -> Result<Response, PageError> {
    let p = Page {
        gemeente: gemeente_naam(state, &staff).await?,
        user: Some(staff.medewerker),
        concept,
        fouten: vec![fout],
        uitkomst: None,
    };
    Ok((StatusCode::BAD_REQUEST, render(&p)?).into_response())
}

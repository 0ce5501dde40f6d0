//! Werkplek: one betaalrun, as the second person checks it before approving
//! — the payments (name, zaak, month, amount, IBAN partly masked), the
//! one-off payments (eenmalige betalingen: regeling, what for, to whom,
//! amount), the total, and the months that could not be computed, each with
//! its reason — and, once released, the SEPA file to download.

use super::render;
use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use gbi_domain::{Maand, Money};
use gbi_store::betaalrun_overzicht::{self, Betaalregel, Uitzondering};
use gbi_store::betalingen::{self, Betaalrun};
use gbi_store::eenmalige_betalingen;
use gbi_store::medewerkers::Medewerker;
use serde::Deserialize;

/// Payments listed on the page; the SEPA file holds them all.
const GETOOND: i64 = 500;

#[derive(Template)]
#[template(path = "werkplek/betaalrun.html")]
struct Page {
    user: Option<Medewerker>,
    run: Betaalrun,
    maand: String,
    /// The first [`GETOOND`] payments, by name.
    betalingen: Vec<Regel>,
    /// Payments not listed (more than [`GETOOND`]).
    meer: i64,
    uitzonderingen: Vec<Uitzondering>,
    /// The one-off payments (eenmalige betalingen), all of them.
    eenmalig: Vec<EenmaligRegel>,
    eenmalig_totaal: Money,
    eigen: bool,
    /// "NL91 … 4300 (Gemeente Haarlem)", or `None` while no account is set.
    rekening: Option<String>,
    /// Demo mode only: the month's amounts rest on figures carried forward.
    voorlopig: bool,
    /// The link to the next page of payments, when there is more.
    volgende: Option<String>,
    /// This is a later page (the payments before it were on earlier ones).
    verder: bool,
}

#[derive(Deserialize)]
pub struct Pagina {
    /// Where the previous page of payments ended (keyset cursor).
    na: Option<String>,
}

struct Regel {
    naam: String,
    zaak_id: String,
    zaak: String,
    maand: String,
    bedrag: String,
    iban: String,
}

/// A one-off payment as the approver checks it: for what, to whom.
struct EenmaligRegel {
    regeling: &'static str,
    omschrijving: String,
    /// The beneficiary: the resident or a third party (a supplier).
    naam: String,
    zaak_id: String,
    zaak: String,
    bedrag: String,
    iban: String,
}

/// An IBAN with the middle hidden: the country, check digits and bank, and
/// the last four digits (`NL91 ABNA …4300`).
pub fn iban_gemaskeerd(iban: &str) -> String {
    let i: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    if i.len() < 12 || !i.is_ascii() {
        return "…".into();
    }
    format!("{} {} …{}", &i[..4], &i[4..8], &i[i.len() - 4..])
}

pub async fn show(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    Query(p): Query<Pagina>,
) -> Result<Html<String>, PageError> {
    let scope = staff.scope();
    let run = betalingen::run(&state.db, &scope, &id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let (betalingen, volgende) =
        betaalrun_overzicht::betalingen(&state.db, &scope, &id, p.na.as_deref(), GETOOND).await?;
    let volgende = volgende
        .map(|na| super::volgende_pagina(&format!("/werkplek/betaalruns/{}", run.id), &[], &na));
    let betalingen: Vec<Regel> = betalingen
        .into_iter()
        .map(|b: Betaalregel| Regel {
            naam: b.naam,
            zaak_id: b.zaak_id,
            zaak: b.zaak_identificatie,
            maand: Maand::parse(&b.maand).map_or(b.maand.clone(), |m| m.dutch_name()),
            bedrag: b.bedrag.to_string(),
            iban: iban_gemaskeerd(&b.iban),
        })
        .collect();
    let eenmalig = eenmalige_betalingen::in_run(&state.db, &scope, &id).await?;
    let eenmalig_totaal: Money = eenmalig.iter().map(|e| e.bedrag).sum();
    let eenmalig: Vec<EenmaligRegel> = eenmalig
        .into_iter()
        .map(|e| EenmaligRegel {
            regeling: super::looplijst::regeling_naam(&e.regeling),
            omschrijving: e.omschrijving,
            naam: e.naam,
            zaak_id: e.zaak_id,
            zaak: e.zaak_identificatie,
            bedrag: e.bedrag.to_string(),
            iban: iban_gemaskeerd(e.iban.as_str()),
        })
        .collect();
    let uitzonderingen = betaalrun_overzicht::uitzonderingen(&state.db, &scope, &id).await?;
    let rekening = betalingen::rekening(&state.db, &scope)
        .await?
        .map(|r| format!("{} ({})", iban_gemaskeerd(r.iban.as_str()), r.naam));
    let voorlopig = Maand::parse(&run.maand).is_ok_and(|m| {
        state
            .regels
            .as_ref()
            .is_some_and(|r| r.voorlopig_op(m.first_day()))
    });
    render(&Page {
        voorlopig,
        maand: Maand::parse(&run.maand).map_or(run.maand.clone(), |m| m.dutch_name()),
        meer: if volgende.is_some() {
            (run.aantal - betalingen.len() as i64 - eenmalig.len() as i64).max(0)
        } else {
            0
        },
        volgende,
        verder: p.na.is_some(),
        eigen: run.aangemaakt_door == staff.medewerker.id,
        user: Some(staff.medewerker),
        run,
        betalingen,
        uitzonderingen,
        eenmalig,
        eenmalig_totaal,
        rekening,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iban_shows_its_bank_and_last_digits_only() {
        assert_eq!(iban_gemaskeerd("NL91ABNA0417164300"), "NL91 ABNA …4300");
        assert_eq!(iban_gemaskeerd("kort"), "…");
    }
}

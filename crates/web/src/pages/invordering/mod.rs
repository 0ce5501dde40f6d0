//! Terug- en invordering in the werkplek: the worklist of debiteurenbeheer
//! (verzoeken to decide, proposals to check, open claims by next step and
//! deadline, totals per kind), a terugvordering with its months and the
//! proposal form, and a claim's account with payments, offsets and
//! kwijtschelding. Pages parse and render; `gbi_zaken::invordering`
//! checks role and state and decides nothing for a person.

pub mod boete;
pub mod jaaropgave;
pub mod ladder;
pub mod portaal;
pub mod terugvordering;
pub mod vordering;

use crate::AppState;
use crate::auth::PageStaff;
use crate::error::PageError;
use crate::pages::{datum_nl, render};
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use gbi_domain::{Money, Rol, today_amsterdam};
use gbi_store::terugvorderingen::{self, Status};
use gbi_store::vorderingen::{Soort, Vordering};
use gbi_store::{invordering, medewerkers::Medewerker};

pub use gbi_zaken::invordering::{BEOORDELEN, INNEN, INZIEN, VOORSTELLEN};

/// A ground to choose on a form.
pub struct Keuze {
    pub code: &'static str,
    pub label: &'static str,
}

/// A terugvordering in the worklist.
pub struct TvRegel {
    pub id: String,
    pub zaak: String,
    pub bsn: String,
    pub status: &'static str,
    pub totaal: String,
    pub sinds: String,
    pub grond: String,
}

/// An open claim with its next step.
pub struct VorderingRegel {
    pub id: String,
    pub bsn: String,
    pub soort: &'static str,
    pub grondslag: String,
    pub hoofdsom: String,
    pub open: String,
    pub stap: String,
    pub termijn: String,
    /// The deadline passed.
    pub verlopen: bool,
}

/// Totals of one kind of claim, for the gemeente's accounts.
pub struct Totaal {
    pub soort: &'static str,
    pub aantal: usize,
    pub hoofdsom: String,
    pub open: String,
}

#[derive(Template)]
#[template(path = "werkplek/invordering.html")]
struct Page {
    user: Option<Medewerker>,
    te_beoordelen: Vec<TvRegel>,
    te_controleren: Vec<TvRegel>,
    kwijtscheldingen: usize,
    vorderingen: Vec<VorderingRegel>,
    totalen: Vec<Totaal>,
}

fn tv_regel(t: &terugvorderingen::Terugvordering) -> TvRegel {
    TvRegel {
        id: t.id.clone(),
        zaak: t.zaak_identificatie.clone(),
        bsn: t.bsn.as_str().to_owned(),
        status: t.status.naam(),
        totaal: if t.totaal.cents() > 0 {
            t.totaal.to_string()
        } else {
            "nog uit te rekenen".into()
        },
        sinds: datum_nl(&t.created_at),
        grond: t.grond.clone().unwrap_or_else(|| "—".into()),
    }
}

/// GET /werkplek/invordering: the worklist.
pub async fn lijst(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
) -> Result<Html<String>, PageError> {
    let scope = staff.scope();
    let op = "GET /werkplek/invordering";
    let mut te_beoordelen: Vec<TvRegel> = Vec::new();
    for s in [Status::Verzoek, Status::Teruggestuurd] {
        te_beoordelen.extend(
            terugvorderingen::in_status(&state.db, &scope, s, op)
                .await?
                .iter()
                .map(tv_regel),
        );
    }
    let te_controleren = terugvorderingen::in_status(&state.db, &scope, Status::Voorgesteld, op)
        .await?
        .iter()
        .map(tv_regel)
        .collect();
    let kwijtscheldingen = gbi_store::kwijtscheldingen::te_beoordelen(&state.db, &scope)
        .await?
        .len();
    let open = invordering::open_vorderingen(&state.db, &scope, op).await?;
    let lopend = gbi_store::aflossingen::lopend(&state.db, &scope, op).await?;
    let vandaag = today_amsterdam();
    let mut vorderingen: Vec<VorderingRegel> = open
        .iter()
        .map(|v| {
            let stap = gbi_zaken::invordering::ladder::stap(
                v,
                lopend.iter().find(|a| a.vordering_id == v.id),
                vandaag,
            );
            let termijn = stap
                .termijn()
                .map(|(d, _)| gbi_domain::date::dutch_date(d))
                .unwrap_or_default();
            let verlopen = stap.actie_nodig();
            let stap = stap.omschrijving();
            VorderingRegel {
                id: v.id.clone(),
                bsn: v.bsn.as_str().to_owned(),
                soort: soort_naam(v.soort),
                grondslag: v.grondslag.clone(),
                hoofdsom: v.hoofdsom.to_string(),
                open: v.open_bedrag.to_string(),
                stap,
                termijn,
                verlopen,
            }
        })
        .collect();
    vorderingen.sort_by_key(|v| !v.verlopen);
    let totalen = [
        Soort::TerugvorderingVerwijtbaar,
        Soort::Terugvordering,
        Soort::Boete,
        Soort::Lening,
    ]
    .into_iter()
    .map(|s| {
        let van: Vec<&Vordering> = open.iter().filter(|v| v.soort == s).collect();
        Totaal {
            soort: soort_naam(s),
            aantal: van.len(),
            hoofdsom: van.iter().map(|v| v.hoofdsom).sum::<Money>().to_string(),
            open: van.iter().map(|v| v.open_bedrag).sum::<Money>().to_string(),
        }
    })
    .collect();
    render(&Page {
        user: Some(staff.medewerker),
        te_beoordelen,
        te_controleren,
        kwijtscheldingen,
        vorderingen,
        totalen,
    })
}

/// The kind of a claim for the werkplek, in the GGM's words.
pub fn soort_naam(s: Soort) -> &'static str {
    match s {
        Soort::TerugvorderingVerwijtbaar => "Terugvordering verwijtbaar (art. 58-1)",
        Soort::Terugvordering => "Terugvordering niet-verwijtbaar (art. 58-2)",
        Soort::Lening => "Lening (art. 48-2, 51)",
        Soort::Boete => "Boete (art. 18a)",
    }
}

/// Whether this staff member holds one of `rollen`.
pub fn mag(m: &Medewerker, rollen: &[Rol]) -> bool {
    rollen.iter().any(|r| m.has(*r))
}

/// The terugvorderingen of one benefit for its werkplek page: (id, status
/// in words, total or empty while none is computed).
pub async fn van_uitkering(
    db: &gbi_store::Db,
    scope: &gbi_store::Scope,
    uitkering_id: &str,
) -> Result<Vec<(String, &'static str, String)>, gbi_store::StoreError> {
    Ok(terugvorderingen::voor_uitkering(
        db,
        scope,
        uitkering_id,
        "GET /werkplek/zaken/{zaak_id}/uitkering",
    )
    .await?
    .into_iter()
    .map(|t| {
        let totaal = if t.totaal.cents() > 0 {
            t.totaal.to_string()
        } else {
            String::new()
        };
        (t.id, t.status.naam(), totaal)
    })
    .collect())
}

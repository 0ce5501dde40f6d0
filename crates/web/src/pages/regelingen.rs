//! "Extra geld bij een laag inkomen": each gemeente's own rules for the
//! individuele inkomenstoeslag (Participatiewet art. 36) and bijzondere
//! bijstand (art. 35), read from its dated policy, for anyone to read
//! before applying. Public: it holds no personal data.

use super::render;
use crate::AppState;
use crate::error::PageError;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use gbi_domain::GemeenteCode;
use gbi_domain::date::{dutch_date, today_amsterdam};
use gbi_rules::Grootheid;
use gbi_rules::params::{Kostensoort, Vorm};
use gbi_rules::regelingen::overzicht::Overzicht;
use gbi_rules::regelingen::{Inkomenstoets, MaandZonderBewijs};
use gbi_store::medewerkers::Medewerker;

/// A line of the IIT amounts: for whom, how much per year.
pub struct Bedrag {
    wie: String,
    bedrag: String,
}

/// A kind of cost of the catalogue, in words.
pub struct Kosten {
    naam: String,
    vorm: &'static str,
    documenten: String,
    maximum: Option<String>,
    periodiek: bool,
}

#[derive(Template)]
#[template(path = "regelingen.html")]
struct Page {
    user: Option<Medewerker>,
    gemeente: String,
    geldig_van: String,
    bron: String,
    demo: bool,
    /// The reference period in words, e.g. "36 maanden (3 jaar)".
    periode: String,
    grens: String,
    elke_maand: bool,
    zonder_bewijs_medewerker: bool,
    bedragen: Vec<Bedrag>,
    iit_verwijzing: String,
    vrije_ruimte: Vec<Bedrag>,
    procent: String,
    draagkracht_maanden: i64,
    vermogen_procent: String,
    vermogen_onder_grens: bool,
    drempel: String,
    drempel_weigeren: bool,
    kosten: Vec<Kosten>,
    bb_verwijzing: String,
    /// The collective health insurance (art. 35-3), when offered.
    zorgverzekering: Option<super::zorgverzekering::Beleidstekst>,
}

fn euro(cents: i64) -> String {
    Grootheid::Bedrag(cents).tekst()
}

/// Basis points as the rules write them: 11000 → "110%", 2550 → "25,5%".
fn procent(bp: i64) -> String {
    Grootheid::Procent(bp).tekst()
}

fn periode(maanden: usize) -> String {
    if maanden.is_multiple_of(12) {
        let jaar = maanden / 12;
        format!("{maanden} maanden ({jaar} jaar)")
    } else {
        format!("{maanden} maanden")
    }
}

fn kosten(k: &Kostensoort) -> Kosten {
    let documenten: Vec<&str> = k.documenten.iter().map(|d| d.naam()).collect();
    Kosten {
        naam: k.naam.clone(),
        vorm: match k.vorm {
            Vorm::OmNiet => "Gift: u hoeft het niet terug te betalen",
            Vorm::Geldlening => "Lening: u betaalt het terug",
        },
        documenten: if documenten.is_empty() {
            "Niets".into()
        } else {
            documenten.join(", ")
        },
        maximum: k.maximum_cents.map(euro),
        periodiek: k.periodiek,
    }
}

fn page(gemeente: String, o: Overzicht) -> Page {
    let iit = &o.iit;
    let mut bedragen = vec![
        Bedrag {
            wie: "Alleenstaande".into(),
            bedrag: euro(iit.bedrag_alleenstaande),
        },
        Bedrag {
            wie: "Alleenstaande ouder".into(),
            bedrag: euro(iit.bedrag_alleenstaande_ouder),
        },
        Bedrag {
            wie: "Getrouwd of samenwonend, zonder kinderen".into(),
            bedrag: euro(iit.bedrag_gehuwden),
        },
        Bedrag {
            wie: "Getrouwd of samenwonend, met kinderen".into(),
            bedrag: euro(iit.bedrag_gehuwden_met_kinderen),
        },
    ];
    bedragen.extend(iit.kindbedragen.iter().map(|k| Bedrag {
        wie: format!(
            "Extra per kind van {} tot en met {} jaar",
            k.leeftijd_van, k.leeftijd_tot_en_met
        ),
        bedrag: euro(k.bedrag_cents),
    }));
    let bb = &o.bb;
    Page {
        user: None,
        gemeente,
        geldig_van: dutch_date(o.geldig_van),
        bron: o.bron.clone(),
        demo: o.demo,
        periode: periode(iit.referentieperiode_maanden),
        grens: procent(iit.inkomensgrens_bp),
        elke_maand: iit.toets == Inkomenstoets::ElkeMaand,
        zonder_bewijs_medewerker: iit.zonder_bewijs == MaandZonderBewijs::MedewerkerBeoordeelt,
        bedragen,
        iit_verwijzing: iit.verwijzing.clone(),
        vrije_ruimte: vec![
            Bedrag {
                wie: "Alleenstaande".into(),
                bedrag: euro(bb.vrije_ruimte_alleenstaande),
            },
            Bedrag {
                wie: "Alleenstaande ouder".into(),
                bedrag: euro(bb.vrije_ruimte_alleenstaande_ouder),
            },
            Bedrag {
                wie: "Getrouwd of samenwonend".into(),
                bedrag: euro(bb.vrije_ruimte_gehuwden),
            },
        ],
        procent: procent(bb.procent_bp),
        draagkracht_maanden: bb.periode_maanden,
        vermogen_procent: procent(bb.vermogen_procent_bp),
        vermogen_onder_grens: bb.vermogen_onder_grens,
        drempel: euro(bb.drempel_cents),
        drempel_weigeren: bb.drempel_weigeren,
        kosten: bb.kostensoorten.iter().map(kosten).collect(),
        bb_verwijzing: bb.verwijzing.clone(),
        zorgverzekering: None,
    }
}

/// GET /regelingen/{gemeente}: the gemeente's rules as they hold today.
pub async fn show(
    State(state): State<AppState>,
    Path(gemeente): Path<String>,
) -> Result<Html<String>, PageError> {
    let code = GemeenteCode::parse(&gemeente).map_err(|_| PageError::not_found())?;
    let naam = gbi_store::gemeenten::get(&state.db, &code)
        .await?
        .ok_or_else(PageError::not_found)?
        .naam;
    let regels = state.regels.as_ref().ok_or_else(|| {
        tracing::error!("the rules are not loaded");
        PageError::internal()
    })?;
    let overzicht = regels.overzicht(code, today_amsterdam()).map_err(|e| {
        tracing::warn!(gemeente = %code, error = %e, "no readable policy for this gemeente");
        PageError {
            status: axum::http::StatusCode::NOT_FOUND,
            title: "Deze regels staan hier nog niet",
            message: "De gemeente heeft haar regels voor de inkomenstoeslag en bijzondere bijstand nog niet in GBI gezet. Kijk op de website van de gemeente, of bel de gemeente.".into(),
        }
    })?;
    let mut p = page(naam, overzicht);
    p.zorgverzekering = regels
        .collectieve_zorgverzekering(code, today_amsterdam())
        .ok()
        .flatten()
        .filter(|z| z.aangeboden())
        .map(|z| super::zorgverzekering::Beleidstekst::uit(&z));
    render(&p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_periods_in_dutch() {
        assert_eq!(procent(11000), "110%");
        assert_eq!(procent(2550), "25,5%");
        assert_eq!(periode(36), "36 maanden (3 jaar)");
        assert_eq!(periode(30), "30 maanden");
    }
}

//! How residents reach their gemeente: its name, phone number and opening
//! hours from the house style (`[huisstijl."0392"]`), shown on every portal
//! page. In demo mode a gemeente without a house style gets the marked demo
//! style; outside demo mode only its name is known.

use crate::AppState;
use gbi_domain::GemeenteCode;

/// The gemeente as a resident needs to know it.
#[derive(Debug, Clone, Default)]
pub struct Contact {
    /// e.g. "Gemeente Haarlem".
    pub naam: String,
    /// e.g. "14 023"; empty when not configured.
    pub telefoon: String,
    /// e.g. "maandag tot en met vrijdag van 9.00 tot 17.00 uur".
    pub openingstijden: String,
    pub website: String,
    /// Where the page finds the gemeente's logo, when it has one.
    pub logo: Option<String>,
}

impl Contact {
    /// The number for a `tel:` link: digits and a leading `+` only.
    pub fn tel(&self) -> String {
        self.telefoon
            .split('(')
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect()
    }
}

/// The contact details of `gemeente`.
pub async fn van(state: &AppState, gemeente: GemeenteCode) -> Contact {
    let logo = Some(format!("/huisstijl/{gemeente}/logo.png"));
    if let Some(h) = state.huisstijlen.get(&gemeente) {
        return Contact {
            naam: h.gemeente_naam.clone(),
            telefoon: h.telefoon.clone(),
            openingstijden: h.openingstijden.clone(),
            website: h.website.clone(),
            logo: h.logo_png.as_ref().and(logo),
        };
    }
    let naam = gbi_store::gemeenten::get(&state.db, &gemeente)
        .await
        .ok()
        .flatten()
        .map(|g| g.naam)
        .unwrap_or_else(|| gemeente.to_string());
    if state.settings.demo {
        let h = gbi_letters::Huisstijl::demo(&format!("Gemeente {naam}"), &naam);
        return Contact {
            naam: h.gemeente_naam,
            telefoon: h.telefoon,
            openingstijden: h.openingstijden,
            website: h.website,
            logo,
        };
    }
    Contact {
        naam: format!("Gemeente {naam}"),
        ..Contact::default()
    }
}

/// GET /huisstijl/{gemeente}/logo.png: the gemeente's logo from its house
/// style (in demo mode the demo logo). Public: a logo is no personal data.
pub async fn logo(
    axum::extract::State(state): axum::extract::State<AppState>,
    axum::extract::Path(gemeente): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    let png = match GemeenteCode::parse(&gemeente) {
        Err(_) => None,
        Ok(code) => match state.huisstijlen.get(&code) {
            Some(h) => h.logo_png.clone(),
            None if state.settings.demo => Some(gbi_letters::DEMO_LOGO_PNG.to_vec()),
            None => None,
        },
    };
    match png {
        Some(png) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            png,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

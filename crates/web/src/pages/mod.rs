//! Server-rendered pages in Dutch (B1), styled with the NL Design System.
//! They work without JavaScript.

pub mod aanvraag;
pub mod behandeling;
pub mod beheer;
pub mod bestand;
pub mod betaalrun;
pub mod betaalruns;
pub mod bron_tabel;
pub mod brp_start;
pub mod digid;
pub mod document_antwoord;
pub mod eenmalig;
pub mod elektronisch;
pub mod formulier;
pub mod home;
pub mod inkomsten_opgave;
pub mod inloggen;
pub mod invoer;
pub mod invordering;
pub mod looplijst;
pub mod machtiging;
pub mod oidc_login;
pub mod periodiek;
pub mod portaal;
pub mod portaal_zaak;
pub mod printwachtrij;
pub mod regelingen;
pub mod sso;
pub mod uitkering;
pub mod vordering;
pub mod wat_als;
pub mod werkplek;
pub mod werkplek_zaken;
pub mod werkvoorraad;
pub mod wijzigingen;
pub mod zorgverzekering;

use crate::error::PageError;
use askama::Template;
use axum::response::Html;
use gbi_store::medewerkers::Medewerker;

#[derive(Template)]
#[template(path = "fout.html")]
pub struct ErrorPage<'a> {
    pub title: &'a str,
    pub message: &'a str,
    pub user: Option<&'a Medewerker>,
    /// The werkplek page the refused form was on.
    pub terug: Option<&'a str>,
}

/// How pages mark an amount computed with figures carried forward (demo
/// mode only; `templates/voorlopig.html`).
pub use gbi_rules::params::{VOORLOPIG, VOORLOPIG_UITLEG};

/// In demo mode with a demo date (`gbi serve --demo --vandaag`): that date
/// in Dutch, for the banner on every page. `None` in production.
pub fn demodatum() -> Option<String> {
    gbi_domain::klok::demodatum().map(gbi_domain::date::dutch_date)
}

/// Render a template to an HTML response.
pub fn render<T: Template>(t: &T) -> Result<Html<String>, PageError> {
    Ok(Html(t.render()?))
}

/// A stored timestamp or ISO date shown as Dutch people read it:
/// `3 december 2026`. Anything else is shown as it is.
pub fn datum_nl(iso: &str) -> String {
    iso.get(..10)
        .and_then(|d| gbi_domain::date::parse_date(d).ok())
        .map(gbi_domain::date::dutch_date)
        .unwrap_or_else(|| iso.to_owned())
}

/// A stored moment as Dutch people read it: `3 december 2026, 04:12`.
pub fn moment_nl(stored: &str) -> String {
    gbi_domain::date::moment_nl(stored)
}

/// The gemeente's house style for a PDF: configured, or in demo mode the
/// marked demo style; outside demo mode a missing style is an error.
pub async fn huisstijl(
    state: &crate::AppState,
    scope: &gbi_store::Scope,
) -> Result<gbi_letters::Huisstijl, PageError> {
    match state.huisstijlen.get(&scope.gemeente) {
        Some(h) => Ok(h.clone()),
        None if state.settings.demo => {
            let naam = gbi_store::gemeenten::get(&state.db, &scope.gemeente)
                .await?
                .map(|g| g.naam)
                .unwrap_or_else(|| scope.gemeente.to_string());
            Ok(gbi_letters::Huisstijl::demo(
                &format!("Gemeente {naam}"),
                &naam,
            ))
        }
        None => {
            tracing::error!(gemeente = %scope.gemeente, "no house style configured");
            Err(PageError::internal())
        }
    }
}

/// A PDF the browser downloads as `bestandsnaam`, or the error page when it
/// could not be made (logged with `wat`).
pub fn pdf_download<E: std::fmt::Display>(
    pdf: Result<Vec<u8>, E>,
    bestandsnaam: &str,
    wat: &str,
) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    let pdf = pdf.map_err(|e| {
        tracing::error!(error = %e, wat, "PDF not made");
        PageError::internal()
    })?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/pdf".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", bestandsnaam.replace('"', "")),
            ),
        ],
        pdf,
    )
        .into_response())
}

/// The link to the next page of a list: `pad` with the filters that are
/// set and the cursor (`na`), each value percent-encoded.
pub fn volgende_pagina(pad: &str, filters: &[(&str, &str)], na: &str) -> String {
    let mut href = pad.to_owned();
    let cursor = [("na", na)];
    let delen = filters
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .chain(cursor.iter());
    for (i, (k, v)) in delen.enumerate() {
        href.push(if i == 0 { '?' } else { '&' });
        href.push_str(k);
        href.push('=');
        for b in v.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                href.push(char::from(b));
            } else {
                href.push_str(&format!("%{b:02X}"));
            }
        }
    }
    href
}

#[cfg(test)]
mod volgende_tests {
    #[test]
    fn the_next_page_link_keeps_the_filters_and_encodes_the_cursor() {
        assert_eq!(
            super::volgende_pagina(
                "/w",
                &[("status", "ontvangen"), ("wie", "")],
                "2026-01-01T10:00:00Z~a b"
            ),
            "/w?status=ontvangen&na=2026-01-01T10%3A00%3A00Z~a%20b"
        );
    }
}

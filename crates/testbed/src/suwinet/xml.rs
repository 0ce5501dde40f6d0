//! Small helpers to write SuwiML.

use chrono::NaiveDate;

pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            _ => o.push(c),
        }
    }
    o
}

/// `<name>value</name>` with the value escaped.
pub fn el(name: &str, value: impl AsRef<str>) -> String {
    format!("<{name}>{}</{name}>", esc(value.as_ref()))
}

/// `<name>` + inner (already XML) + `</name>`.
pub fn wrap(name: &str, inner: impl AsRef<str>) -> String {
    format!("<{name}>{}</{name}>", inner.as_ref())
}

/// SuwiML date: `yyyymmdd`.
pub fn datum(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// A StandaardBedr in euro cents.
pub fn bedrag(name: &str, cents: u64) -> String {
    wrap(
        name,
        format!(
            "{}{}{}",
            el("CdMunteenheid", "EUR"),
            el("CdPositiefNegatief", "+"),
            el("WaardeBedr", cents.to_string())
        ),
    )
}

/// The response element with the service namespace on a `smls` prefix.
pub fn response(ns: &str, operation: &str, inner: &str) -> String {
    format!("<smls:{operation}Response xmlns:smls=\"{ns}\">{inner}</smls:{operation}Response>")
}

/// Drop an XML declaration and leading whitespace.
pub fn strip_declaration(s: &str) -> &str {
    let t = s.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<?xml")
        && let Some(end) = t.find("?>")
    {
        return t[end + 2..].trim_start();
    }
    t
}

/// Voorletters as SuwiML wants them: capitals without dots, at most six.
pub fn voorletters(voornamen: &str) -> String {
    voornamen
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .filter(char::is_ascii_uppercase)
        .take(6)
        .collect()
}

/// SuwiML Geslacht code: 1 man, 2 vrouw.
pub fn geslacht(g: crate::population::Geslacht) -> &'static str {
    match g {
        crate::population::Geslacht::Man => "1",
        crate::population::Geslacht::Vrouw => "2",
    }
}

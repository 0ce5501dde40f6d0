//! Fitting BRP data into the limits of the LO Behandeld fields (release
//! 2026.030), the way each field allows (docs/socrates-afwijkingen.md):
//!
//! - names keep only the characters the field's pattern allows (letters,
//!   diacritics, `-`, `'`, `.`, `,`, spaces, and `/` in the geslachtsnaam);
//!   others (`@`, `"`, digits …) are left out;
//! - a geslachtsnaam over its maximum keeps its first part whole and
//!   abbreviates the later parts to their initial, from the right, until it
//!   fits (cut at the maximum only when that is not enough); a missing
//!   geslachtsnaam is `.` (the BRP's own sign for "onbekend");
//! - at most two nationalities: Nederlandse first, then "behandeld als
//!   Nederlander", then the others in BRP order.

use super::nationaliteit::CodeNationaliteit;

/// Maximum length of `geslachtsnaamstam`.
pub const MAX_GESLACHTSNAAM: usize = 40;
/// Maximum length of `geslachtsnaamPartner`.
pub const MAX_GESLACHTSNAAM_PARTNER: usize = 51;
/// Maximum length of `voorvoegsel`.
pub const MAX_VOORVOEGSEL: usize = 10;
/// Maximum length of `voornamen`.
pub const MAX_VOORNAMEN: usize = 200;
/// Maximum number of nationalities.
pub const MAX_NATIONALITEITEN: usize = 2;

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Only the characters `[\p{L}\p{M}\-'.,\s]` (plus `/` when `slash`), with
/// runs of white space as one space, trimmed.
pub fn naamtekens(s: &str, slash: bool) -> String {
    let kept: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| {
            c == ' '
                || c.is_alphabetic()
                || is_mark(c)
                || matches!(c, '-' | '\'' | '.' | ',')
                || (slash && c == '/')
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn lengte(s: &str) -> usize {
    s.chars().count()
}

/// Shorten a (cleaned) name to `max` characters: the later parts (split at
/// spaces and hyphens) become their initial with a dot, from the right;
/// then, if still too long, a cut at `max`.
pub fn inkorten(naam: &str, max: usize) -> String {
    if lengte(naam) <= max {
        return naam.to_owned();
    }
    // Parts with the separator that follows each.
    let mut delen: Vec<(String, Option<char>)> = Vec::new();
    let mut huidig = String::new();
    for c in naam.chars() {
        if c == ' ' || c == '-' {
            delen.push((std::mem::take(&mut huidig), Some(c)));
        } else {
            huidig.push(c);
        }
    }
    delen.push((huidig, None));
    let samen = |d: &[(String, Option<char>)]| -> String {
        d.iter()
            .map(|(w, s)| format!("{w}{}", s.map(String::from).unwrap_or_default()))
            .collect()
    };
    for i in (1..delen.len()).rev() {
        if lengte(&samen(&delen)) <= max {
            break;
        }
        let w = &delen[i].0;
        if let Some(c) = w.chars().find(|c| c.is_alphabetic())
            && lengte(w) > 2
        {
            delen[i].0 = format!("{c}.");
        }
    }
    let s = samen(&delen);
    if lengte(&s) <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    cut.trim_end_matches([' ', '-', ',']).to_owned()
}

/// `geslachtsnaamstam` (1-40 characters): voorvoegsel longer than the
/// field's 10 goes in front of the stam.
pub fn geslachtsnaam(stam: Option<&str>, voorvoegsel: Option<&str>) -> (String, Option<String>) {
    let vv = voorvoegsel
        .map(|v| naamtekens(v, false))
        .filter(|v| !v.is_empty());
    let stam = naamtekens(stam.unwrap_or_default(), true);
    let (stam, vv) = match vv {
        Some(v) if lengte(&v) > MAX_VOORVOEGSEL => (format!("{v} {stam}").trim().to_owned(), None),
        v => (stam, v),
    };
    let stam = if stam.is_empty() {
        ".".to_owned()
    } else {
        stam
    };
    (inkorten(&stam, MAX_GESLACHTSNAAM), vv)
}

/// `geslachtsnaamPartner` (1-51 characters): voorvoegsel and geslachtsnaam
/// of the partner; `None` when nothing is left.
pub fn geslachtsnaam_partner(stam: Option<&str>, voorvoegsel: Option<&str>) -> Option<String> {
    let naam = naamtekens(
        &format!(
            "{} {}",
            voorvoegsel.unwrap_or_default(),
            stam.unwrap_or_default()
        ),
        false,
    );
    (!naam.is_empty()).then(|| inkorten(&naam, MAX_GESLACHTSNAAM_PARTNER))
}

/// `voornamen` (1-200 characters): whole names from the left that fit.
pub fn voornamen(v: Option<&str>) -> Option<String> {
    let schoon = naamtekens(v.unwrap_or_default(), false);
    let mut uit = String::new();
    for naam in schoon.split(' ') {
        let volgende = if uit.is_empty() {
            naam.to_owned()
        } else {
            format!("{uit} {naam}")
        };
        if lengte(&volgende) > MAX_VOORNAMEN {
            break;
        }
        uit = volgende;
    }
    if uit.is_empty() && !schoon.is_empty() {
        uit = schoon.chars().take(MAX_VOORNAMEN).collect();
    }
    (!uit.is_empty()).then_some(uit)
}

/// `voorlettersAanschrijving` (`[\p{L}. ]*`): "J.P." from "Jan Pieter".
pub fn voorletters(voornamen: Option<&str>) -> String {
    naamtekens(voornamen.unwrap_or_default(), false)
        .split([' ', '-'])
        .filter_map(|v| v.chars().find(|c| c.is_alphabetic()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect()
}

/// BRP table 32 codes (`"0001"`) to at most two Socrates codes: Nederlandse
/// first, then "behandeld als Nederlander", then the others in BRP order;
/// codes Socrates does not list are left out; "onbekend" when none is left.
pub fn nationaliteiten<'a>(brp: impl IntoIterator<Item = &'a str>) -> Vec<CodeNationaliteit> {
    let mut codes: Vec<CodeNationaliteit> = Vec::new();
    for code in brp {
        let Ok(n) = code.trim().trim_start_matches('0').parse::<u32>() else {
            continue;
        };
        let Ok(c) = serde_json::from_value(serde_json::Value::String(n.to_string())) else {
            continue;
        };
        if c != CodeNationaliteit::Onbekend && !codes.contains(&c) {
            codes.push(c);
        }
    }
    let rang = |c: &CodeNationaliteit| match c {
        CodeNationaliteit::Nederlandse => 0,
        CodeNationaliteit::BehandeldalsNederlander => 1,
        _ => 2,
    };
    codes.sort_by_key(rang); // stable: BRP order within a rank
    codes.truncate(MAX_NATIONALITEITEN);
    if codes.is_empty() {
        codes.push(CodeNationaliteit::Onbekend);
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_only_allowed_characters() {
        assert_eq!(
            naamtekens("  Jan@sen \"de\"  Vries2 ", false),
            "Jansen de Vries"
        );
        assert_eq!(naamtekens("Ven/Berg", true), "Ven/Berg");
        assert_eq!(naamtekens("Ven/Berg", false), "VenBerg");
    }

    #[test]
    fn long_surnames_are_shortened_from_the_right() {
        let (s, vv) = geslachtsnaam(
            Some("Ven-Van Roedelrode tot Broekzucht en Zuidhorn-Oosterwolde"),
            Some("van der"),
        );
        assert!(s.chars().count() <= 40, "{s}");
        assert!(s.starts_with("Ven-Van Roedelrode"), "{s}");
        assert_eq!(vv.as_deref(), Some("van der"));
        let (s, _) = geslachtsnaam(Some(&"a".repeat(60)), None);
        assert_eq!(s.chars().count(), 40);
        assert_eq!(geslachtsnaam(None, None).0, ".");
        assert_eq!(geslachtsnaam(Some("@@"), None).0, ".");
    }

    #[test]
    fn initials() {
        assert_eq!(voorletters(Some("Jan Pieter")), "J.P.");
        assert_eq!(voorletters(Some("élise")), "É.");
        assert_eq!(voorletters(Some("\"Bob\" 2e")), "B.E.");
        assert_eq!(voorletters(None), "");
    }

    #[test]
    fn at_most_two_nationalities_dutch_first() {
        use CodeNationaliteit::*;
        assert_eq!(
            nationaliteiten(["0052", "0057", "0001"]),
            vec![Nederlandse, Belgische]
        );
        assert_eq!(
            nationaliteiten(["0052", "0057", "0064"]),
            vec![Belgische, Franse]
        );
        assert_eq!(nationaliteiten(["9999"]), vec![Onbekend]);
        assert_eq!(nationaliteiten([]), vec![Onbekend]);
    }
}

//! The funnel of a looplijst run: from all households, through each
//! criterion, to the list and the visits. Drawn on the server as an inline
//! SVG bar chart, with the same figures in a table.

use gbi_store::looplijst::{BEZOEK_UITKOMSTEN, TrechterStap};
use std::collections::BTreeMap;
use std::fmt::Write;

/// One bar of the funnel as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balk {
    /// Short name of the step.
    pub label: String,
    /// The longer explanation (the question of a criterion).
    pub uitleg: String,
    pub aantal: i64,
    /// Of `aantal`, the part that is `onbekend` (the list bar only).
    pub onbekend: i64,
}

/// The funnel of one regeling.
#[derive(Debug, Clone)]
pub struct Trechter {
    pub regeling: String,
    pub naam: String,
    pub afgemeld: i64,
    pub balken: Vec<Balk>,
    pub svg: String,
}

impl Trechter {
    /// How many addresses got `uitkomst` (for the page and tests).
    pub fn aantal(&self, label: &str) -> i64 {
        self.balken
            .iter()
            .find(|b| b.label == label)
            .map_or(0, |b| b.aantal)
    }
}

pub const LABEL_LIJST: &str = "Op de lijst";
pub const LABEL_BEZOCHT: &str = "Bezocht";
pub const LABEL_AANVRAAG: &str = "Aanvraag gedaan";

/// Build the funnel of `regeling` from the stored steps and the visits.
pub fn bouw(
    regeling: &str,
    naam: &str,
    stappen: &[TrechterStap],
    bezoeken: Option<&BTreeMap<String, i64>>,
) -> Trechter {
    let eigen: Vec<&TrechterStap> = stappen.iter().filter(|s| s.regeling == regeling).collect();
    let aantal = |volgorde: i64| {
        eigen
            .iter()
            .find(|s| s.volgorde == volgorde)
            .map_or(0, |s| s.aantal)
    };
    let mut balken = vec![Balk {
        label: "Huishoudens".into(),
        uitleg: "Huishoudens in de BRP van de gemeente".into(),
        aantal: aantal(0),
        onbekend: 0,
    }];
    for s in eigen.iter().filter(|s| (10..90).contains(&s.volgorde)) {
        balken.push(Balk {
            label: format!("Criterium {}", s.volgorde - 9),
            uitleg: s.omschrijving.clone(),
            aantal: s.aantal,
            onbekend: 0,
        });
    }
    let (waarschijnlijk, onbekend) = (aantal(90), aantal(91));
    balken.push(Balk {
        label: LABEL_LIJST.into(),
        uitleg: format!("{waarschijnlijk} waarschijnlijk recht, {onbekend} onbekend"),
        aantal: waarschijnlijk + onbekend,
        onbekend,
    });
    let per = |code: &str| bezoeken.and_then(|b| b.get(code)).copied().unwrap_or(0);
    let bezocht: i64 = BEZOEK_UITKOMSTEN
        .iter()
        .filter(|(c, _)| *c != "niet_bereikt")
        .map(|(c, _)| per(c))
        .sum();
    balken.push(Balk {
        label: LABEL_BEZOCHT.into(),
        uitleg: "Adressen waar het buurtteam iemand heeft gesproken".into(),
        aantal: bezocht,
        onbekend: 0,
    });
    balken.push(Balk {
        label: LABEL_AANVRAAG.into(),
        uitleg: "Adressen waar na het bezoek een aanvraag is gedaan".into(),
        aantal: per("aanvraag_gedaan"),
        onbekend: 0,
    });
    let svg = svg(regeling, naam, &balken);
    Trechter {
        regeling: regeling.to_owned(),
        naam: naam.to_owned(),
        afgemeld: aantal(1),
        balken,
        svg,
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const BREED: i64 = 640;
const LABEL_BREED: i64 = 150;
const GETAL_BREED: i64 = 70;
const RIJ: i64 = 34;
const BALK: i64 = 22;

/// The bar chart. Accessible: `role="img"` with a title and a description
/// that say the figures; the table next to it has them too.
pub fn svg(regeling: &str, naam: &str, balken: &[Balk]) -> String {
    let max = balken.iter().map(|b| b.aantal).max().unwrap_or(0).max(1);
    let hoog = RIJ * balken.len() as i64 + 8;
    let ruimte = BREED - LABEL_BREED - GETAL_BREED;
    let id = format!("trechter-{}", esc(regeling));
    let desc = balken
        .iter()
        .map(|b| format!("{}: {}", b.label, b.aantal))
        .collect::<Vec<_>>()
        .join("; ");
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="gbi-trechter" role="img" aria-labelledby="{id}-titel {id}-desc" viewBox="0 0 {BREED} {hoog}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">"#
    );
    let _ = write!(
        s,
        r#"<title id="{id}-titel">Trechter {}</title><desc id="{id}-desc">{}</desc>"#,
        esc(naam),
        esc(&desc)
    );
    for (i, b) in balken.iter().enumerate() {
        let y = 4 + RIJ * i as i64;
        let w = if b.aantal > 0 {
            (b.aantal * ruimte / max).max(2)
        } else {
            0
        };
        let w_onbekend = if b.onbekend > 0 && b.aantal > 0 {
            (b.onbekend * w / b.aantal).max(1)
        } else {
            0
        };
        let tekst_y = y + BALK / 2 + 5;
        let _ = write!(
            s,
            r##"<text x="0" y="{tekst_y}" font-size="15" fill="#1a1a1a">{}</text>"##,
            esc(&b.label)
        );
        let _ = write!(
            s,
            r##"<rect x="{LABEL_BREED}" y="{y}" width="{}" height="{BALK}" fill="#154273"/>"##,
            w - w_onbekend
        );
        if w_onbekend > 0 {
            let _ = write!(
                s,
                r##"<rect x="{}" y="{y}" width="{w_onbekend}" height="{BALK}" fill="#7a9fc6"/>"##,
                LABEL_BREED + w - w_onbekend
            );
        }
        let _ = write!(
            s,
            r##"<text x="{}" y="{tekst_y}" font-size="15" fill="#1a1a1a">{}</text>"##,
            LABEL_BREED + w + 6,
            b.aantal
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn stap(volgorde: i64, omschrijving: &str, aantal: i64) -> TrechterStap {
        TrechterStap {
            regeling: "iit".into(),
            volgorde,
            stap: format!("s{volgorde}"),
            omschrijving: omschrijving.into(),
            aantal,
        }
    }

    #[test]
    fn funnel_from_steps_and_visits() {
        let stappen = vec![
            stap(0, "Huishoudens", 100),
            stap(1, "Afgemeld", 3),
            stap(10, "Leeftijd <18>", 80),
            stap(11, "Inkomen", 10),
            stap(90, "w", 8),
            stap(91, "o", 2),
        ];
        let mut b = BTreeMap::new();
        b.insert("aanvraag_gedaan".to_owned(), 2);
        b.insert("niet_bereikt".to_owned(), 4);
        b.insert("geen_interesse".to_owned(), 1);
        let t = bouw("iit", "IIT", &stappen, Some(&b));
        assert_eq!(t.afgemeld, 3);
        assert_eq!(t.aantal("Huishoudens"), 100);
        assert_eq!(t.aantal(LABEL_LIJST), 10);
        assert_eq!(t.aantal(LABEL_BEZOCHT), 3);
        assert_eq!(t.aantal(LABEL_AANVRAAG), 2);
        assert_eq!(t.balken.len(), 6);
        assert!(t.svg.starts_with("<svg"));
        assert!(t.svg.contains(r#"role="img""#));
        assert!(t.svg.contains("Aanvraag gedaan: 2"));
        assert!(!t.svg.contains("<18>"));
    }
}

//! Page layout: where every line of the letter goes.
//!
//! The layout is computed before anything is drawn, so the total number of
//! pages is known for the footer ("Pagina 1 van 2"). Text is wrapped by
//! measuring it with the advance widths of the embedded font. Every line is
//! also given a place in the logical structure ([`Knoop`]), which becomes the
//! tag tree of the PDF (reading order for screen readers).

use crate::inhoud::{Blok, Brief, is_besluit_onderwerp};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use unicode_normalization::UnicodeNormalization;

/// A4 in points.
pub(crate) const BREEDTE: f32 = 595.28;
pub(crate) const HOOGTE: f32 = 841.89;
pub(crate) const LINKS: f32 = 70.0;
const RECHTS: f32 = 56.0;
const BOVEN: f32 = 70.0;
/// Lowest baseline of body text.
const ONDER: f32 = HOOGTE - 72.0;
/// Sender block, top right.
const AFZENDER_X: f32 = 370.0;
/// The recipient sits where a window envelope shows it.
const ONTVANGER_Y: f32 = 160.0;
/// The logo fits in this box, top left.
pub(crate) const LOGO_Y: f32 = 36.0;
pub(crate) const LOGO_MAX_B: f32 = 180.0;
pub(crate) const LOGO_MAX_H: f32 = 64.0;

/// Text styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stijl {
    Normaal,
    Vet,
    Kop,
    Klein,
    KleinVet,
}

impl Stijl {
    pub(crate) fn grootte(self) -> f32 {
        match self {
            Stijl::Normaal | Stijl::Vet => 10.5,
            Stijl::Kop => 12.5,
            Stijl::Klein | Stijl::KleinVet => 8.5,
        }
    }
    fn regelhoogte(self) -> f32 {
        match self {
            Stijl::Normaal | Stijl::Vet => 14.5,
            Stijl::Kop => 17.0,
            Stijl::Klein | Stijl::KleinVet => 11.5,
        }
    }
    pub(crate) fn vet(self) -> bool {
        matches!(self, Stijl::Vet | Stijl::Kop | Stijl::KleinVet)
    }
}

/// One line of text at its place. `y` is the baseline, measured from the top.
#[derive(Debug, Clone)]
pub(crate) struct Lijn {
    pub pagina: usize,
    pub x: f32,
    pub y: f32,
    pub tekst: String,
    pub stijl: Stijl,
}

/// The logical structure of the letter. Leaves are indexes into the lines.
#[derive(Debug, Clone)]
pub(crate) enum Knoop {
    Alinea(Vec<Knoop>),
    Kop(u16, Vec<Knoop>),
    Lijst(Vec<Knoop>),
    Item(Vec<Knoop>),
    Label(Vec<Knoop>),
    Inhoud(Vec<Knoop>),
    Logo,
    Lijn(usize),
}

/// The letter laid out on pages.
#[derive(Debug, Clone)]
pub(crate) struct Opmaak {
    pub lijnen: Vec<Lijn>,
    pub structuur: Vec<Knoop>,
    pub paginas: usize,
}

/// Measures text with the glyph advances of the embedded fonts.
pub(crate) struct Meter<'a> {
    regular: FontRef<'a>,
    bold: FontRef<'a>,
    /// For characters the main font lacks (Chinese, Japanese, Korean).
    reserve: FontRef<'a>,
}

/// Which embedded font draws a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lettertype {
    /// DejaVu Sans (regular or bold, after the style).
    Hoofd,
    /// The fallback font, in every style.
    Reserve,
}

/// A piece of a line drawn with one font in one direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stuk {
    pub tekst: String,
    pub lettertype: Lettertype,
    /// Right to left (Arabic, Hebrew): shaped and drawn as such.
    pub rtl: bool,
}

/// Characters of scripts written right to left.
fn rechts_naar_links(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Whether `c` has a direction of its own (letters and digits do; spaces
/// and punctuation take the direction around them).
fn sterk(c: char) -> bool {
    c.is_alphanumeric() || rechts_naar_links(c)
}

impl<'a> Meter<'a> {
    pub(crate) fn new(regular: FontRef<'a>, bold: FontRef<'a>, reserve: FontRef<'a>) -> Self {
        Meter {
            regular,
            bold,
            reserve,
        }
    }

    fn font(&self, stijl: Stijl) -> &FontRef<'a> {
        if stijl.vet() {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// The font that draws `c`: the main font when it has the character,
    /// else the fallback when that has it.
    fn lettertype(&self, c: char, stijl: Stijl) -> Lettertype {
        if self.font(stijl).charmap().map(c).is_none() && self.reserve.charmap().map(c).is_some() {
            Lettertype::Reserve
        } else {
            Lettertype::Hoofd
        }
    }

    fn kan(&self, c: char, stijl: Stijl) -> bool {
        self.font(stijl).charmap().map(c).is_some() || self.reserve.charmap().map(c).is_some()
    }

    /// `tekst` with only characters the fonts can draw. PDF/A forbids the
    /// `.notdef` glyph, so a missing character becomes its base letter
    /// ("ễ" -> "e"), a space (for whitespace), nothing (for invisible format
    /// characters) or "?". The PDF keeps the original as ActualText.
    pub(crate) fn drukbaar(&self, tekst: &str, stijl: Stijl) -> String {
        let mut uit = String::with_capacity(tekst.len());
        for c in tekst.chars() {
            if matches!(
                c,
                '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'
            ) {
                continue;
            }
            if !c.is_control() && self.kan(c, stijl) {
                uit.push(c);
            } else if c.is_whitespace() {
                uit.push(' ');
            } else {
                let basis = std::iter::once(c)
                    .nfd()
                    .next()
                    .filter(|b| *b != c && !b.is_control() && self.kan(*b, stijl));
                uit.push(basis.unwrap_or('?'));
            }
        }
        uit
    }

    /// `tekst` (as drawn, see [`Meter::drukbaar`]) cut into pieces of one
    /// font and one direction, in the order they stand from left to right.
    /// A line of a letter runs left to right; a stretch of Arabic or Hebrew
    /// in it is one piece drawn right to left. Spaces and punctuation
    /// between two right-to-left letters belong to that stretch.
    pub(crate) fn stukken(&self, tekst: &str, stijl: Stijl) -> Vec<Stuk> {
        let tekens: Vec<char> = tekst.chars().collect();
        let richting = |i: usize| -> bool {
            let c = tekens[i];
            if sterk(c) {
                return rechts_naar_links(c);
            }
            let voor = tekens[..i].iter().rev().find(|c| sterk(**c));
            let na = tekens[i + 1..].iter().find(|c| sterk(**c));
            matches!((voor, na), (Some(v), Some(n)) if rechts_naar_links(*v) && rechts_naar_links(*n))
        };
        let mut stukken: Vec<Stuk> = Vec::new();
        for (i, c) in tekens.iter().enumerate() {
            let lettertype = self.lettertype(*c, stijl);
            let rtl = richting(i);
            match stukken.last_mut() {
                Some(s) if s.lettertype == lettertype && s.rtl == rtl => s.tekst.push(*c),
                _ => stukken.push(Stuk {
                    tekst: c.to_string(),
                    lettertype,
                    rtl,
                }),
            }
        }
        stukken
    }

    /// Width of `tekst` in points, as drawn (see [`Meter::drukbaar`]).
    pub(crate) fn breedte(&self, tekst: &str, stijl: Stijl) -> f32 {
        let grootte = stijl.grootte();
        let hoofd = self.font(stijl);
        let maten =
            |font: &FontRef<'a>| font.glyph_metrics(Size::new(grootte), LocationRef::default());
        let (hoofd_maten, reserve_maten) = (maten(hoofd), maten(&self.reserve));
        self.drukbaar(tekst, stijl)
            .chars()
            .map(|c| {
                let (font, metrics) = match self.lettertype(c, stijl) {
                    Lettertype::Hoofd => (hoofd, &hoofd_maten),
                    Lettertype::Reserve => (&self.reserve, &reserve_maten),
                };
                let glyph = font.charmap().map(c).unwrap_or_default();
                metrics.advance_width(glyph).unwrap_or(grootte * 0.5)
            })
            .sum()
    }

    /// Breaks `tekst` into lines no wider than `max`. Words longer than a
    /// line are cut by character.
    pub(crate) fn breek(&self, tekst: &str, stijl: Stijl, max: f32) -> Vec<String> {
        let mut regels = Vec::new();
        let mut huidig = String::new();
        for woord in tekst.split_whitespace() {
            let kandidaat = if huidig.is_empty() {
                woord.to_string()
            } else {
                format!("{huidig} {woord}")
            };
            if self.breedte(&kandidaat, stijl) <= max {
                huidig = kandidaat;
                continue;
            }
            if !huidig.is_empty() {
                regels.push(std::mem::take(&mut huidig));
            }
            // The word alone may still be too wide: cut it by character.
            for c in woord.chars() {
                huidig.push(c);
                if self.breedte(&huidig, stijl) > max && huidig.chars().count() > 1 {
                    huidig.pop();
                    regels.push(std::mem::take(&mut huidig));
                    huidig.push(c);
                }
            }
        }
        if !huidig.is_empty() || regels.is_empty() {
            regels.push(huidig);
        }
        regels
    }
}

/// Places lines on pages, top to bottom.
struct Zetter<'m, 'a> {
    meter: &'m Meter<'a>,
    lijnen: Vec<Lijn>,
    pagina: usize,
    y: f32,
}

impl Zetter<'_, '_> {
    fn nieuwe_pagina(&mut self) {
        self.pagina += 1;
        self.y = BOVEN;
    }

    /// Starts a new page when less than `nodig` points are left.
    fn ruimte(&mut self, nodig: f32) {
        if self.y + nodig > ONDER {
            self.nieuwe_pagina();
        }
    }

    /// Wraps `tekst` at `x` within `max`, flowing onto new pages. Returns
    /// the leaves for the structure tree.
    fn tekst(&mut self, tekst: &str, stijl: Stijl, x: f32, max: f32) -> Vec<Knoop> {
        let mut bladeren = Vec::new();
        for regel in self.meter.breek(tekst, stijl, max) {
            self.ruimte(stijl.regelhoogte());
            self.y += stijl.regelhoogte();
            if regel.is_empty() {
                continue;
            }
            bladeren.push(Knoop::Lijn(self.lijnen.len()));
            self.lijnen.push(Lijn {
                pagina: self.pagina,
                x,
                y: self.y,
                tekst: regel,
                stijl,
            });
        }
        bladeren
    }

    /// A line at a fixed place (page header), not wrapped.
    fn vast(&mut self, tekst: &str, stijl: Stijl, x: f32, y: f32) -> Knoop {
        self.lijnen.push(Lijn {
            pagina: self.pagina,
            x,
            y,
            tekst: tekst.to_string(),
            stijl,
        });
        Knoop::Lijn(self.lijnen.len() - 1)
    }
}

const BREEDTE_TEKST: f32 = BREEDTE - LINKS - RECHTS;
const INSPRING: f32 = 14.0;
const ALINEA_NA: f32 = 6.0;
const KOP_VOOR: f32 = 10.0;

/// Lays out the whole letter.
pub(crate) fn zet(brief: &Brief, meter: &Meter<'_>, met_logo: bool) -> Opmaak {
    let mut z = Zetter {
        meter,
        lijnen: Vec::new(),
        pagina: 0,
        y: 0.0,
    };
    let mut structuur = Vec::new();
    if met_logo {
        structuur.push(Knoop::Logo);
    }

    // Sender, top right; wrapped to the space right of the logo.
    z.y = 40.0;
    let mut afzender = Vec::new();
    for (i, regel) in brief.afzender.iter().enumerate() {
        let stijl = if i == 0 {
            Stijl::KleinVet
        } else {
            Stijl::Klein
        };
        afzender.extend(z.tekst(regel, stijl, AFZENDER_X, BREEDTE - RECHTS - AFZENDER_X));
    }
    structuur.push(Knoop::Alinea(afzender));
    let afzender_eind = z.y;

    // Recipient, at the window of the envelope (lower if the sender block is long).
    z.y = ONTVANGER_Y.max(afzender_eind + 20.0) - Stijl::Normaal.regelhoogte();
    let mut ontvanger = Vec::new();
    for regel in &brief.ontvanger {
        ontvanger.extend(z.tekst(regel, Stijl::Normaal, LINKS, 260.0));
    }
    if !ontvanger.is_empty() {
        structuur.push(Knoop::Alinea(ontvanger));
    }

    // Date, kenmerk and subject: label in small text, value beside it.
    z.y = (z.y + 50.0).max(250.0);
    for (label, waarde) in &brief.kenmerken {
        z.ruimte(Stijl::Normaal.regelhoogte());
        let y = z.y + Stijl::Normaal.regelhoogte();
        let label_knoop = z.vast(label, Stijl::Klein, LINKS, y);
        let stijl = if label == "Onderwerp" && is_besluit_onderwerp(waarde) {
            Stijl::Vet
        } else {
            Stijl::Normaal
        };
        let mut bladeren = vec![label_knoop];
        bladeren.extend(z.tekst(waarde, stijl, LINKS + 80.0, BREEDTE_TEKST - 80.0));
        if stijl == Stijl::Vet {
            structuur.push(Knoop::Kop(1, bladeren));
        } else {
            structuur.push(Knoop::Alinea(bladeren));
        }
    }
    z.y += 24.0;

    for blok in &brief.romp {
        structuur.push(zet_blok(&mut z, blok));
    }

    let paginas = z.pagina + 1;
    Opmaak {
        lijnen: z.lijnen,
        structuur,
        paginas,
    }
}

fn zet_blok(z: &mut Zetter<'_, '_>, blok: &Blok) -> Knoop {
    match blok {
        Blok::Kop(tekst) => {
            // Keep a heading with at least two lines of what follows.
            z.ruimte(KOP_VOOR + Stijl::Kop.regelhoogte() + 2.0 * Stijl::Normaal.regelhoogte());
            z.y += KOP_VOOR;
            let bladeren = z.tekst(tekst, Stijl::Kop, LINKS, BREEDTE_TEKST);
            z.y += 2.0;
            Knoop::Kop(2, bladeren)
        }
        Blok::Alinea(tekst) => {
            let bladeren = z.tekst(tekst, Stijl::Normaal, LINKS, BREEDTE_TEKST);
            z.y += ALINEA_NA;
            Knoop::Alinea(bladeren)
        }
        Blok::Regels(regels) => {
            // Keep the block on one page (it is short: an address or a signature).
            z.y += 4.0;
            z.ruimte(regels.len() as f32 * Stijl::Normaal.regelhoogte());
            let mut bladeren = Vec::new();
            for regel in regels {
                bladeren.extend(z.tekst(regel, Stijl::Normaal, LINKS, BREEDTE_TEKST));
            }
            z.y += ALINEA_NA + 4.0;
            Knoop::Alinea(bladeren)
        }
        Blok::Lijst(items) => {
            let mut knopen = Vec::new();
            for item in items {
                knopen.push(zet_item(z, item, None));
            }
            z.y += ALINEA_NA;
            Knoop::Lijst(knopen)
        }
        Blok::Berekening(regels) => {
            let mut knopen = Vec::new();
            for regel in regels {
                knopen.push(zet_item(z, &regel.tekst, Some(&regel.verwijzing)));
                z.y += 3.0;
            }
            z.y += ALINEA_NA;
            Knoop::Lijst(knopen)
        }
    }
}

/// A list item: bullet, text, and optionally a reference in small text.
fn zet_item(z: &mut Zetter<'_, '_>, tekst: &str, verwijzing: Option<&str>) -> Knoop {
    let max = BREEDTE_TEKST - INSPRING;
    let nodig = Stijl::Normaal.regelhoogte()
        + if verwijzing.is_some() {
            Stijl::Klein.regelhoogte()
        } else {
            0.0
        };
    z.ruimte(nodig);
    let mut inhoud = z.tekst(tekst, Stijl::Normaal, LINKS + INSPRING, max);
    let eerste_y = inhoud
        .first()
        .and_then(|k| match k {
            Knoop::Lijn(i) => z.lijnen.get(*i).map(|l| (l.pagina, l.y)),
            _ => None,
        })
        .unwrap_or((z.pagina, z.y));
    let pagina_nu = z.pagina;
    z.pagina = eerste_y.0;
    let label = z.vast("\u{2022}", Stijl::Normaal, LINKS + 2.0, eerste_y.1);
    z.pagina = pagina_nu;
    if let Some(v) = verwijzing.filter(|v| !v.trim().is_empty()) {
        inhoud.extend(z.tekst(v, Stijl::Klein, LINKS + INSPRING, max));
    }
    Knoop::Item(vec![Knoop::Label(vec![label]), Knoop::Inhoud(inhoud)])
}

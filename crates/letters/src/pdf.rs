//! Drawing the laid-out letter as a tagged PDF/A-2a document with `krilla`.
//!
//! krilla checks the PDF/A rules while it writes (embedded fonts with
//! ToUnicode, XMP metadata, sRGB output intent, no device colours) and fails
//! with a list of violations instead of writing a non-conforming file.

use crate::inhoud::{Brief, onderwerp};
use crate::opmaak::{
    self, BREEDTE, HOOGTE, Knoop, LINKS, LOGO_MAX_B, LOGO_MAX_H, LOGO_Y, Lettertype, Meter, Stijl,
};
use crate::{Beschikking, Besluit, BriefFout, Huisstijl};
use chrono::Datelike;
use krilla::Document;
use krilla::SerializeSettings;
use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, Tag, TagGroup,
    TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};
use std::num::NonZeroU16;

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
/// Chinese (GB2312), Japanese kana and Korean: see `fonts/LICENSE-DroidSansFallback.txt`.
static RESERVE: &[u8] = include_bytes!("../fonts/DroidSansFallback-subset.ttf");

/// The PDF/A level we write. Level A adds to level B: a structure tree
/// (headings, paragraphs, lists, the logo as a figure with alt text),
/// Unicode for every glyph, and the document language.
const NIVEAU: Archival = Archival::A2_A;

const ZWART: (u8, u8, u8) = (0, 0, 0);
const GRIJS: (u8, u8, u8) = (80, 80, 80);

struct Letters<'m, 'a> {
    regular: Font,
    bold: Font,
    reserve: Font,
    meter: &'m Meter<'a>,
}

/// What the PDF's metadata and footer say of a letter.
pub(crate) struct Omslag {
    pub titel: String,
    pub beschrijving: String,
    pub kenmerk: String,
    pub datum: chrono::NaiveDate,
}

impl Omslag {
    pub(crate) fn van(h: &Huisstijl, b: &Beschikking) -> Self {
        Self {
            titel: format!("{} - {}", onderwerp(b), b.kenmerk),
            beschrijving: match b.besluit {
                Besluit::Terugvordering { .. }
                | Besluit::Kwijtschelding { .. }
                | Besluit::Boete { .. }
                | Besluit::Waarschuwing { .. } => {
                    format!("{} van {} ({})", onderwerp(b), h.gemeente_naam, b.kenmerk)
                }
                _ => format!(
                    "Besluit van {} op de aanvraag bijstand {}",
                    h.gemeente_naam, b.kenmerk
                ),
            },
            kenmerk: b.kenmerk.clone(),
            datum: b.datum,
        }
    }
}

pub(crate) fn maak_pdf(h: &Huisstijl, b: &Omslag, brief: &Brief) -> Result<Vec<u8>, BriefFout> {
    let meter = Meter::new(
        skrifa::FontRef::new(REGULAR).map_err(|_| BriefFout::Lettertype("DejaVu Sans"))?,
        skrifa::FontRef::new(BOLD).map_err(|_| BriefFout::Lettertype("DejaVu Sans Bold"))?,
        skrifa::FontRef::new(RESERVE).map_err(|_| BriefFout::Lettertype("Droid Sans Fallback"))?,
    );
    let letters = Letters {
        regular: Font::new(REGULAR.into(), 0).ok_or(BriefFout::Lettertype("DejaVu Sans"))?,
        bold: Font::new(BOLD.into(), 0).ok_or(BriefFout::Lettertype("DejaVu Sans Bold"))?,
        reserve: Font::new(RESERVE.into(), 0)
            .ok_or(BriefFout::Lettertype("Droid Sans Fallback"))?,
        meter: &meter,
    };
    let logo = match &h.logo_png {
        Some(png) => Some(laad_logo(png)?),
        None => None,
    };
    let opmaak = opmaak::zet(brief, &meter, logo.is_some());

    let configuratie = ConfigurationBuilder::new()
        .with_archival_validator(NIVEAU)
        .finish()
        .map_err(|e| BriefFout::Pdf(format!("{e:?}")))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration: configuratie,
        enable_tagging: true,
        ..SerializeSettings::default()
    });

    let mut ids: Vec<Option<Identifier>> = vec![None; opmaak.lijnen.len()];
    let mut logo_id = None;
    for pagina in 0..opmaak.paginas {
        let instellingen = PageSettings::from_wh(BREEDTE, HOOGTE)
            .ok_or_else(|| BriefFout::Pdf("ongeldige paginagrootte".to_string()))?;
        let mut page = document.start_page_with(instellingen);
        let mut surface = page.surface();
        if pagina == 0
            && let Some(logo) = &logo
        {
            logo_id = Some(teken_logo(&mut surface, logo)?);
        }
        for (i, lijn) in opmaak.lijnen.iter().enumerate() {
            if lijn.pagina != pagina {
                continue;
            }
            // Characters the fonts lack are replaced when drawn, and a
            // right-to-left stretch is drawn in visual order; the span then
            // carries the original text for copying and screen readers.
            let getekend = meter.drukbaar(&lijn.tekst, lijn.stijl);
            let span = if getekend == lijn.tekst
                && !meter.stukken(&getekend, lijn.stijl).iter().any(|s| s.rtl)
            {
                SpanTag::empty()
            } else {
                SpanTag::empty().with_actual_text(Some(&lijn.tekst))
            };
            let id = surface.start_tagged(ContentTag::Span(span));
            teken_tekst(
                &mut surface,
                &letters,
                &getekend,
                lijn.stijl,
                lijn.x,
                lijn.y,
            );
            surface.end_tagged();
            if let Some(plek) = ids.get_mut(i) {
                *plek = Some(id);
            }
        }
        voettekst(&mut surface, &letters, &meter, b, pagina, opmaak.paginas);
        surface.finish();
        page.finish();
    }

    let mut boom = TagTree::new().with_lang(Some("nl-NL".to_string()));
    let alt = format!("Logo van {}", h.gemeente_naam);
    for knoop in &opmaak.structuur {
        if let Some(node) = als_node(knoop, &mut ids, &mut logo_id, &alt) {
            boom.push(node);
        }
    }
    document.set_tag_tree(boom);
    document.set_metadata(metadata(h, b));
    document
        .finish()
        .map_err(|e| BriefFout::Pdf(format!("{e:?}")))
}

fn metadata(h: &Huisstijl, b: &Omslag) -> Metadata {
    let d = b.datum;
    let datum = DateTime::new(u16::try_from(d.year()).unwrap_or(2000))
        .month(u8::try_from(d.month()).unwrap_or(1))
        .day(u8::try_from(d.day()).unwrap_or(1));
    Metadata::new()
        .title(b.titel.clone())
        .description(b.beschrijving.clone())
        .authors(vec![h.gemeente_naam.clone()])
        .creator("GBI".to_string())
        .producer("GBI gbi-letters (krilla)".to_string())
        .language("nl-NL".to_string())
        .creation_date(datum)
        .document_id(b.kenmerk.clone())
}

fn laad_logo(png: &[u8]) -> Result<Image, BriefFout> {
    if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(BriefFout::Logo(
            "het bestand begint niet als een PNG".to_string(),
        ));
    }
    // PDF/A forbids image interpolation.
    let image = Image::from_png(png.to_vec().into(), false).map_err(BriefFout::Logo)?;
    let (w, h) = image.size();
    if w == 0 || h == 0 {
        return Err(BriefFout::Logo("de afbeelding is leeg".to_string()));
    }
    Ok(image)
}

fn teken_logo(surface: &mut Surface<'_>, logo: &Image) -> Result<Identifier, BriefFout> {
    let (w, h) = logo.size();
    let (w, h) = (w as f32, h as f32);
    let schaal = (LOGO_MAX_B / w).min(LOGO_MAX_H / h);
    let grootte = Size::from_wh(w * schaal, h * schaal)
        .ok_or_else(|| BriefFout::Logo("de afbeelding heeft een ongeldige maat".to_string()))?;
    let id = surface.start_tagged(ContentTag::Other);
    surface.push_transform(&Transform::from_translate(LINKS, LOGO_Y));
    surface.draw_image(logo.clone(), grootte);
    surface.pop();
    surface.end_tagged();
    Ok(id)
}

fn teken_tekst(
    surface: &mut Surface<'_>,
    letters: &Letters<'_, '_>,
    tekst: &str,
    stijl: Stijl,
    x: f32,
    y: f32,
) {
    let kleur = match stijl {
        Stijl::Klein | Stijl::KleinVet => GRIJS,
        _ => ZWART,
    };
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(kleur.0, kleur.1, kleur.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::default(),
    }));
    // One piece per font and direction, left to right.
    let mut x = x;
    for stuk in letters.meter.stukken(tekst, stijl) {
        let font = match (stuk.lettertype, stijl.vet()) {
            (Lettertype::Reserve, _) => letters.reserve.clone(),
            (Lettertype::Hoofd, true) => letters.bold.clone(),
            (Lettertype::Hoofd, false) => letters.regular.clone(),
        };
        let richting = if stuk.rtl {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        };
        surface.draw_text(
            Point::from_xy(x, y),
            font,
            stijl.grootte(),
            &stuk.tekst,
            false,
            richting,
        );
        x += letters.meter.breedte(&stuk.tekst, stijl);
    }
}

/// Footer: kenmerk left, "Pagina 1 van 2" right. Marked as a page artifact,
/// so screen readers skip it.
fn voettekst(
    surface: &mut Surface<'_>,
    letters: &Letters<'_, '_>,
    meter: &Meter<'_>,
    b: &Omslag,
    pagina: usize,
    paginas: usize,
) {
    let y = HOOGTE - 36.0;
    surface.start_tagged(ContentTag::Artifact(Artifact::new(
        ArtifactType::Footer,
        None,
    )));
    let links = meter.drukbaar(&format!("Ons kenmerk {}", b.kenmerk), Stijl::Klein);
    teken_tekst(surface, letters, &links, Stijl::Klein, LINKS, y);
    let rechts = format!("Pagina {} van {}", pagina + 1, paginas);
    let x = BREEDTE - 56.0 - meter.breedte(&rechts, Stijl::Klein);
    teken_tekst(surface, letters, &rechts, Stijl::Klein, x, y);
    surface.end_tagged();
}

/// Turns the layout structure into tag-tree nodes. Empty groups are dropped.
fn als_node(
    knoop: &Knoop,
    ids: &mut [Option<Identifier>],
    logo: &mut Option<Identifier>,
    alt: &str,
) -> Option<Node> {
    let groep = |kind: TagKind, kinderen: &[Knoop], ids: &mut [Option<Identifier>]| {
        let mut dummy = None;
        let nodes: Vec<Node> = kinderen
            .iter()
            .filter_map(|k| als_node(k, ids, &mut dummy, alt))
            .collect();
        (!nodes.is_empty()).then(|| TagGroup::with_children(kind, nodes).into())
    };
    match knoop {
        Knoop::Lijn(i) => ids.get_mut(*i).and_then(Option::take).map(Node::from),
        Knoop::Logo => logo.take().map(|id| {
            TagGroup::with_children(Tag::Figure(Some(alt.to_string())), vec![id.into()]).into()
        }),
        Knoop::Alinea(k) => groep(Tag::P.into(), k, ids),
        Knoop::Kop(niveau, k) => {
            let niveau = NonZeroU16::new(*niveau).unwrap_or(NonZeroU16::MIN);
            groep(Tag::Hn(niveau, None).into(), k, ids)
        }
        Knoop::Lijst(k) => groep(Tag::L(ListNumbering::Disc).into(), k, ids),
        Knoop::Item(k) => groep(Tag::LI.into(), k, ids),
        Knoop::Label(k) => groep(Tag::Lbl.into(), k, ids),
        Knoop::Inhoud(k) => groep(Tag::LBody.into(), k, ids),
    }
}

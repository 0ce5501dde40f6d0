//! A small XML tree (local names only) built with quick-xml, plus the
//! SuwiML value conventions: dates as `YYYYMMDD`, amounts in eurocents.

use chrono::NaiveDate;
use quick_xml::Reader;
use quick_xml::events::Event;

/// Deepest nesting we accept; SuwiML answers stay well below this.
const MAX_DEPTH: usize = 64;

/// An element: local name, text content and child elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// All children with this local name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Follow a path of child names.
    pub fn at(&self, path: &[&str]) -> Option<&Element> {
        path.iter().try_fold(self, |el, name| el.child(name))
    }

    /// Trimmed, non-empty text of the element at `path`.
    pub fn text_at(&self, path: &[&str]) -> Option<String> {
        let t = self.at(path)?.text.trim();
        (!t.is_empty()).then(|| t.to_owned())
    }

    /// Date (`YYYYMMDD`) at `path`; see [`datum`].
    pub fn date_at(&self, path: &[&str]) -> Option<NaiveDate> {
        datum(&self.text_at(path)?)
    }

    /// Amount in eurocents at `path`; see [`bedrag`].
    pub fn cents_at(&self, path: &[&str]) -> Option<i64> {
        bedrag(self.at(path)?)
    }

    /// A SuwiML indicator (`1`/`J` yes, `2`/`N` no) at `path`.
    pub fn ind_at(&self, path: &[&str]) -> Option<bool> {
        match self.text_at(path)?.as_str() {
            "1" | "J" | "j" => Some(true),
            "2" | "N" | "n" | "0" => Some(false),
            _ => None,
        }
    }

    /// Depth-first search for the first element with this local name.
    pub fn find(&self, name: &str) -> Option<&Element> {
        if self.name == name {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(name))
    }
}

/// Parse a document into its root element.
pub fn parse(xml: &[u8]) -> Result<Element, String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut buf = Vec::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("XML at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err("XML nested too deeply".into());
                }
                stack.push(Element {
                    name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
                    ..Element::default()
                });
            }
            Event::Empty(e) => {
                let el = Element {
                    name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
                    ..Element::default()
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None if root.is_none() => root = Some(el),
                    None => return Err("more than one root element".into()),
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or("unbalanced end tag")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None if root.is_none() => root = Some(el),
                    None => return Err("more than one root element".into()),
                }
            }
            Event::Text(t) => {
                if let Some(el) = stack.last_mut() {
                    let s = t.unescape().map_err(|e| format!("XML text: {e}"))?;
                    el.text.push_str(&s);
                }
            }
            Event::CData(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !stack.is_empty() {
        return Err("document ends inside an element".into());
    }
    root.ok_or_else(|| "empty document".into())
}

/// A SuwiML date `YYYYMMDD`. `None` for placeholders meaning "unknown" or
/// "open ended" (`00000000`, years 6666, 8888 and 9999) and for invalid dates.
pub fn datum(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 8 || matches!(&s[..4], "0000" | "6666" | "8888" | "9999") {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y%m%d").ok()
}

/// A SuwiML amount in eurocents.
///
/// The standard form is a `StandaardBedr`-like element with `WaardeBedr`
/// (integer cents) and an optional sign in `CdPositiefNegatief`. Some sources
/// deliver a plain decimal (`5000.00`) instead; both are accepted.
pub fn bedrag(el: &Element) -> Option<i64> {
    if let Some(w) = el.text_at(&["WaardeBedr"]) {
        let cents: i64 = w.parse().ok()?;
        let negative = el
            .text_at(&["CdPositiefNegatief"])
            .is_some_and(|s| s == "-");
        return Some(if negative { -cents } else { cents });
    }
    decimal_cents(el.text.trim())
}

/// `"5000.00"`, `"5000,5"`, `"-12"` → cents. No floats involved.
pub fn decimal_cents(s: &str) -> Option<i64> {
    if s.is_empty() {
        return None;
    }
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, frac) = match s.split_once(['.', ',']) {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let euros: i64 = whole.parse().ok()?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    let v = euros.checked_mul(100)?.checked_add(cents)?;
    Some(if neg { -v } else { v })
}

/// Escape text for use in element content.
pub fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn parses_local_names_and_text() {
        let doc = parse(br#"<a:X xmlns:a="urn:x"><Y>1 &amp; 2</Y><Z/></a:X>"#).unwrap();
        assert_eq!(doc.name, "X");
        assert_eq!(doc.text_at(&["Y"]).unwrap(), "1 & 2");
        assert!(doc.child("Z").is_some());
    }

    #[test]
    fn money_and_dates() {
        assert_eq!(decimal_cents("5000.00"), Some(500_000));
        assert_eq!(decimal_cents("-1,5"), Some(-150));
        assert_eq!(decimal_cents("1.234"), None);
        assert_eq!(datum("99991230"), None);
        assert_eq!(datum("20240131"), NaiveDate::from_ymd_opt(2024, 1, 31));
        let el = parse(
            b"<B><CdPositiefNegatief>-</CdPositiefNegatief><WaardeBedr>1250</WaardeBedr></B>",
        )
        .unwrap();
        assert_eq!(bedrag(&el), Some(-1250));
    }

    #[test]
    fn rejects_broken_xml() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"").is_err());
    }
}

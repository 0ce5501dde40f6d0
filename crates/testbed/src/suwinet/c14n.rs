//! A small XML tree with namespace scopes and Exclusive XML Canonicalization
//! 1.0 without comments (`http://www.w3.org/2001/10/xml-exc-c14n#`) of an
//! element subtree, for verifying XML signatures over what arrives on the wire.
//!
//! Parsing follows what an XML processor hands to canonicalization: line
//! endings normalised to `#xA`, character and predefined entity references
//! replaced, CDATA sections replaced by their text, attribute values
//! normalised (literal whitespace becomes a space), comments dropped.
//! Documents with a DOCTYPE are refused (no entity expansion surprises).

use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;

pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Namespace bindings in scope: prefix (`""` for the default) → URI.
pub type Scope = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Elem),
    Text(String),
    Pi(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// Qualified name as written (`wsu:Id`).
    pub qname: String,
    /// Namespace URI (empty for unprefixed attributes).
    pub ns: String,
    pub local: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elem {
    /// Qualified name as written (`soapenv:Body`).
    pub qname: String,
    pub ns: String,
    pub local: String,
    pub attrs: Vec<Attr>,
    /// All bindings in scope at this element (its own declarations included).
    pub scope: Scope,
    pub children: Vec<Node>,
}

impl Elem {
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    pub fn elements(&self) -> impl Iterator<Item = &Elem> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    pub fn child(&self, ns: &str, local: &str) -> Option<&Elem> {
        self.elements().find(|e| e.is(ns, local))
    }

    pub fn attr(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == ns && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// The concatenated text of this element's direct text children.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Every element of the subtree, this one first (breadth-first).
    pub fn descendants(&self) -> Vec<&Elem> {
        let mut out = vec![self];
        let mut i = 0;
        while i < out.len() {
            let e = out[i];
            out.extend(e.elements());
            i += 1;
        }
        out
    }
}

fn split(qname: &str) -> (&str, &str) {
    match qname.split_once(':') {
        Some((p, l)) => (p, l),
        None => ("", qname),
    }
}

fn normalise_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

fn unescape(raw: &str) -> Result<String, String> {
    quick_xml::escape::unescape(raw)
        .map(|c| c.into_owned())
        .map_err(|e| format!("ongeldige entiteit: {e}"))
}

fn start(e: &BytesStart<'_>, parent: &Scope) -> Result<Elem, String> {
    let qname = String::from_utf8(e.name().as_ref().to_vec()).map_err(|e| e.to_string())?;
    let mut scope = parent.clone();
    let mut raw_attrs = Vec::new();
    for a in e.attributes().with_checks(true) {
        let a = a.map_err(|e| format!("ongeldig attribuut: {e}"))?;
        let key = String::from_utf8(a.key.as_ref().to_vec()).map_err(|e| e.to_string())?;
        let raw = String::from_utf8(a.value.to_vec()).map_err(|e| e.to_string())?;
        // Attribute-value normalisation for CDATA attributes: literal
        // whitespace characters become spaces before references are replaced.
        let value = unescape(&raw.replace("\r\n", " ").replace(['\r', '\n', '\t'], " "))?;
        if key == "xmlns" {
            scope.insert(String::new(), value);
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            if value.is_empty() {
                return Err(format!("lege namespace voor prefix {p}"));
            }
            scope.insert(p.to_owned(), value);
        } else {
            raw_attrs.push((key, value));
        }
    }
    let (prefix, local) = split(&qname);
    let ns = lookup(&scope, prefix)?;
    let mut attrs = Vec::with_capacity(raw_attrs.len());
    for (key, value) in raw_attrs {
        let (p, l) = split(&key);
        let ans = if p.is_empty() {
            String::new()
        } else {
            lookup(&scope, p)?
        };
        attrs.push(Attr {
            local: l.to_owned(),
            qname: key.clone(),
            ns: ans,
            value,
        });
    }
    Ok(Elem {
        local: local.to_owned(),
        ns,
        qname,
        attrs,
        scope,
        children: vec![],
    })
}

fn lookup(scope: &Scope, prefix: &str) -> Result<String, String> {
    if prefix == "xml" {
        return Ok(XML_NS.to_owned());
    }
    match scope.get(prefix) {
        Some(u) => Ok(u.clone()),
        None if prefix.is_empty() => Ok(String::new()),
        None => Err(format!("prefix {prefix:?} zonder namespace")),
    }
}

/// Parse a document into its root element.
pub fn parse(xml: &[u8]) -> Result<Elem, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    let mut buf = Vec::new();
    let empty = Scope::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("ongeldige XML: {e}"))?;
        match ev {
            Event::Start(e) => {
                if root.is_some() {
                    return Err("meer dan één documentelement".into());
                }
                let parent = stack.last().map(|p| &p.scope).unwrap_or(&empty);
                let el = start(&e, parent)?;
                stack.push(el);
            }
            Event::Empty(e) => {
                if root.is_some() {
                    return Err("meer dan één documentelement".into());
                }
                let parent = stack.last().map(|p| &p.scope).unwrap_or(&empty);
                let el = start(&e, parent)?;
                match stack.last_mut() {
                    Some(p) => p.children.push(Node::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or("eindtag zonder begintag")?;
                match stack.last_mut() {
                    Some(p) => p.children.push(Node::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let raw = String::from_utf8(t.to_vec()).map_err(|e| e.to_string())?;
                match stack.last_mut() {
                    Some(p) => p
                        .children
                        .push(Node::Text(unescape(&normalise_newlines(&raw))?)),
                    None if raw.trim().is_empty() => {}
                    None => return Err("tekst buiten het documentelement".into()),
                }
            }
            Event::CData(t) => {
                let raw = String::from_utf8(t.to_vec()).map_err(|e| e.to_string())?;
                if let Some(p) = stack.last_mut() {
                    p.children.push(Node::Text(normalise_newlines(&raw)));
                }
            }
            Event::PI(p) => {
                if let Some(parent) = stack.last_mut() {
                    let raw = String::from_utf8(p.to_vec()).map_err(|e| e.to_string())?;
                    parent.children.push(Node::Pi(normalise_newlines(&raw)));
                }
            }
            Event::DocType(_) => return Err("DOCTYPE is niet toegestaan".into()),
            Event::Comment(_) | Event::Decl(_) => {}
            Event::Eof => break,
        }
        buf.clear();
    }
    if !stack.is_empty() {
        return Err("onvolledig document".into());
    }
    root.ok_or_else(|| "leeg document".into())
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            _ => out.push(c),
        }
    }
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            _ => out.push(c),
        }
    }
}

/// Exclusive canonical form (without comments) of the subtree at `apex`.
/// `inclusive` is the `InclusiveNamespaces PrefixList` (`#default` for the
/// default namespace); those prefixes are treated as in inclusive c14n.
pub fn exc_c14n(apex: &Elem, inclusive: &[String]) -> String {
    let mut out = String::new();
    render(apex, &Scope::new(), inclusive, &mut out);
    out
}

fn render(e: &Elem, rendered: &Scope, inclusive: &[String], out: &mut String) {
    let (prefix, _) = split(&e.qname);
    let mut utilised: Vec<&str> = vec![prefix];
    for a in &e.attrs {
        let (p, _) = split(&a.qname);
        if !p.is_empty() && p != "xml" {
            utilised.push(p);
        }
    }
    for p in inclusive {
        let p = if p == "#default" { "" } else { p.as_str() };
        if e.scope.contains_key(p) {
            utilised.push(p);
        }
    }
    utilised.sort_unstable();
    utilised.dedup();
    let mut now_rendered = rendered.clone();
    let mut decls: Vec<(&str, String)> = Vec::new();
    for p in utilised {
        let uri = e.scope.get(p).cloned().unwrap_or_default();
        let before = rendered.get(p).map(String::as_str).unwrap_or("");
        let differs = if p.is_empty() {
            uri != before
        } else {
            rendered.get(p) != Some(&uri)
        };
        if differs {
            now_rendered.insert(p.to_owned(), uri.clone());
            decls.push((p, uri));
        }
    }
    out.push('<');
    out.push_str(&e.qname);
    for (p, uri) in &decls {
        if p.is_empty() {
            out.push_str(" xmlns=\"");
        } else {
            out.push_str(" xmlns:");
            out.push_str(p);
            out.push_str("=\"");
        }
        escape_attr(uri, out);
        out.push('"');
    }
    let mut attrs: Vec<&Attr> = e.attrs.iter().collect();
    attrs.sort_by(|a, b| (&a.ns, &a.local).cmp(&(&b.ns, &b.local)));
    for a in attrs {
        out.push(' ');
        out.push_str(&a.qname);
        out.push_str("=\"");
        escape_attr(&a.value, out);
        out.push('"');
    }
    out.push('>');
    for c in &e.children {
        match c {
            Node::Element(child) => render(child, &now_rendered, inclusive, out),
            Node::Text(t) => escape_text(t, out),
            Node::Pi(p) => {
                out.push_str("<?");
                out.push_str(p);
                out.push_str("?>");
            }
        }
    }
    out.push_str("</");
    out.push_str(&e.qname);
    out.push('>');
}

#[cfg(test)]
#[path = "c14n_tests.rs"]
mod tests;

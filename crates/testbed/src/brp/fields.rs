//! The `fields` parameter: which paths may be asked for and filtering a
//! person down to them.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Top-level properties of `Persoon` that may be named in fields.
pub const PERSOON_FIELDS: &[&str] = &[
    "aNummer",
    "adressering",
    "burgerservicenummer",
    "datumEersteInschrijvingGBA",
    "datumInschrijvingInGemeente",
    "europeesKiesrecht",
    "geboorte",
    "gemeenteVanInschrijving",
    "geslacht",
    "gezag",
    "immigratie",
    "indicatieCurateleRegister",
    "indicatieGezagMinderjarige",
    "kinderen",
    "leeftijd",
    "naam",
    "nationaliteiten",
    "ouders",
    "overlijden",
    "partners",
    "uitsluitingKiesrecht",
    "verblijfplaats",
    "verblijfstitel",
];

/// Top-level properties of `PersoonBeperkt` (search results).
pub const PERSOON_BEPERKT_FIELDS: &[&str] = &[
    "adressering",
    "burgerservicenummer",
    "geboorte",
    "geslacht",
    "leeftijd",
    "naam",
];

/// Delivered automatically, never to be named in fields.
pub const AUTOMATISCH: &[&str] = &[
    "inOnderzoek",
    "geheimhoudingPersoonsgegevens",
    "opschortingBijhouding",
    "rni",
    "verificatie",
];

/// Why a field is not acceptable, or `None`.
pub fn check(field: &str, toegestaan: &[&str]) -> Option<&'static str> {
    if field.is_empty()
        || field.len() > 200
        || !field
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    {
        return Some("pattern");
    }
    let eerste = field.split('.').next().unwrap_or("");
    if AUTOMATISCH.contains(&eerste) || field.split('.').any(|d| AUTOMATISCH.contains(&d)) {
        return Some("field");
    }
    if !toegestaan.contains(&eerste) || field.split('.').any(str::is_empty) {
        return Some("field");
    }
    None
}

#[derive(Default, Debug)]
struct Node {
    leaf: bool,
    children: BTreeMap<String, Node>,
}

fn tree(fields: &[String]) -> Node {
    let mut root = Node::default();
    for f in fields {
        let mut n = &mut root;
        for part in f.split('.') {
            n = n.children.entry(part.to_string()).or_default();
        }
        n.leaf = true;
    }
    root
}

fn filter(v: &Value, node: &Node) -> Option<Value> {
    if node.leaf {
        return Some(v.clone());
    }
    match v {
        Value::Array(items) => {
            let out: Vec<Value> = items.iter().filter_map(|i| filter(i, node)).collect();
            (!out.is_empty()).then_some(Value::Array(out))
        }
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, child) in &node.children {
                if let Some(x) = map.get(k).and_then(|x| filter(x, child)) {
                    out.insert(k.clone(), x);
                }
            }
            if out.is_empty() {
                return None;
            }
            // Polymorphic objects keep their discriminator.
            if let Some(t) = map.get("type") {
                out.entry("type").or_insert_with(|| t.clone());
            }
            Some(Value::Object(out))
        }
        _ => None,
    }
}

/// Keep only the requested fields (plus the automatic ones) of a person.
pub fn apply(persoon: &Value, fields: &[String]) -> Value {
    let t = tree(fields);
    let mut out = match filter(persoon, &t) {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    if let Value::Object(src) = persoon {
        for k in AUTOMATISCH {
            if let Some(v) = src.get(*k) {
                out.insert((*k).to_string(), v.clone());
            }
        }
    }
    Value::Object(out)
}

/// Reduce a full `Persoon` to a `PersoonBeperkt`.
pub fn beperkt(persoon: &Value) -> Value {
    let mut out = Map::new();
    let Value::Object(src) = persoon else {
        return Value::Object(out);
    };
    for k in [
        "burgerservicenummer",
        "geheimhoudingPersoonsgegevens",
        "geslacht",
        "leeftijd",
        "opschortingBijhouding",
        "rni",
        "verificatie",
    ] {
        if let Some(v) = src.get(k) {
            out.insert(k.to_string(), v.clone());
        }
    }
    if let Some(d) = src.get("geboorte").and_then(|g| g.get("datum")) {
        out.insert("geboorte".into(), serde_json::json!({"datum": d}));
    }
    if let Some(Value::Object(n)) = src.get("naam") {
        let mut m = n.clone();
        m.remove("aanduidingNaamgebruik");
        out.insert("naam".into(), Value::Object(m));
    }
    if let Some(Value::Object(a)) = src.get("adressering") {
        let mut m = Map::new();
        for k in [
            "adresregel1",
            "adresregel2",
            "adresregel3",
            "land",
            "indicatieVastgesteldVerblijftNietOpAdres",
        ] {
            if let Some(v) = a.get(k) {
                m.insert(k.to_string(), v.clone());
            }
        }
        if !m.is_empty() {
            out.insert("adressering".into(), Value::Object(m));
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_nested_paths_and_keeps_types() {
        let p = json!({
            "burgerservicenummer": "999993549",
            "naam": {"voornamen": "A", "geslachtsnaam": "B"},
            "verblijfplaats": {"type": "Adres", "verblijfadres": {"postcode": "1234AB", "huisnummer": 1}},
            "kinderen": [{"burgerservicenummer": "1", "naam": {"voornamen": "K"}}],
            "geheimhoudingPersoonsgegevens": true,
        });
        let f = apply(
            &p,
            &[
                "naam.voornamen".into(),
                "verblijfplaats.verblijfadres.postcode".into(),
                "kinderen.burgerservicenummer".into(),
            ],
        );
        assert_eq!(
            f,
            json!({
                "naam": {"voornamen": "A"},
                "verblijfplaats": {"type": "Adres", "verblijfadres": {"postcode": "1234AB"}},
                "kinderen": [{"burgerservicenummer": "1"}],
                "geheimhoudingPersoonsgegevens": true,
            })
        );
    }

    #[test]
    fn rejects_unknown_and_automatic_fields() {
        assert_eq!(check("naam.voornamen", PERSOON_FIELDS), None);
        assert_eq!(check("bestaatniet", PERSOON_FIELDS), Some("field"));
        assert_eq!(check("inOnderzoek", PERSOON_FIELDS), Some("field"));
        assert_eq!(check("naam voornamen", PERSOON_FIELDS), Some("pattern"));
        assert_eq!(check("partners", PERSOON_BEPERKT_FIELDS), Some("field"));
    }
}

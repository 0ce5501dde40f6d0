//! A register's answer as a caseworker reads it: a table of Dutch labels and
//! values (amounts in euros, dates in Dutch, ja/nee), the raw answer behind
//! a toggle. Generic over the stored snapshot, so every register shows.

use serde_json::{Map, Value};

/// One line: what, and its value.
pub type Rij = (String, String);

fn label(sleutel: &str) -> String {
    let woorden = sleutel.trim_end_matches("_cents").replace('_', " ");
    let mut c = woorden.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn datum(s: &str) -> Option<String> {
    gbi_domain::date::parse_date(s.get(..10)?)
        .ok()
        .filter(|_| s.len() == 10)
        .map(gbi_domain::date::dutch_date)
}

fn waarde(sleutel: &str, v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Bool(true) => Some("ja".into()),
        Value::Bool(false) => Some("nee".into()),
        Value::Number(n) if sleutel.ends_with("_cents") => n
            .as_i64()
            .map(|c| gbi_domain::Money::from_cents(c).to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(datum(s).unwrap_or_else(|| s.clone())),
        _ => None,
    }
}

/// A name object (`voornamen`, `voorvoegsel`, `geslachtsnaam`) in one line.
fn naam(o: &Map<String, Value>) -> Option<String> {
    if !o.contains_key("geslachtsnaam") {
        return None;
    }
    let delen: Vec<&str> = ["voornamen", "voorvoegsel", "geslachtsnaam"]
        .iter()
        .filter_map(|k| o.get(*k).and_then(Value::as_str))
        .filter(|s| !s.is_empty())
        .collect();
    Some(delen.join(" "))
}

/// A BRP date object (`soort` with `datum`, `jaar`, `maand`) in one line.
fn brp_datum(o: &Map<String, Value>) -> Option<String> {
    match o.get("soort").and_then(Value::as_str)? {
        "volledig" => o.get("datum").and_then(Value::as_str).and_then(datum),
        "jaar_maand" => Some(format!(
            "{}-{}",
            o.get("maand").and_then(Value::as_i64).unwrap_or(0),
            o.get("jaar").and_then(Value::as_i64).unwrap_or(0)
        )),
        "jaar" => o
            .get("jaar")
            .map(|j| format!("{j} (dag en maand onbekend)")),
        _ => Some("onbekend".into()),
    }
}

fn loop_door(pad: &str, sleutel: &str, v: &Value, rijen: &mut Vec<Rij>) {
    let hier = if pad.is_empty() {
        label(sleutel)
    } else if sleutel.is_empty() {
        pad.to_owned()
    } else {
        format!("{pad} › {}", label(sleutel))
    };
    match v {
        Value::Object(o) => {
            if let Some(t) = naam(o).or_else(|| brp_datum(o)) {
                rijen.push((hier, t));
                return;
            }
            for (k, w) in o {
                loop_door(&hier, k, w, rijen);
            }
        }
        Value::Array(a) if a.is_empty() => rijen.push((hier, "geen".into())),
        Value::Array(a) => {
            for (i, w) in a.iter().enumerate() {
                let item = if hier.is_empty() {
                    format!("{}", i + 1)
                } else {
                    format!("{hier} {}", i + 1)
                };
                loop_door(&item, "", w, rijen);
            }
        }
        w => {
            if let Some(t) = waarde(sleutel, w) {
                rijen.push((hier, t));
            }
        }
    }
}

/// The lines of a stored snapshot (`{gevonden, gegevens}`).
pub fn rijen(inhoud: &Value) -> Vec<Rij> {
    if inhoud.get("gevonden").and_then(Value::as_bool) == Some(false) {
        return vec![(
            "Gevonden".into(),
            "nee: het register kent deze persoon niet".into(),
        )];
    }
    let mut rijen = Vec::new();
    loop_door("", "", inhoud.get("gegevens").unwrap_or(inhoud), &mut rijen);
    rijen
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_dates_amounts_and_lists_in_dutch() {
        let r = rijen(&json!({ "gevonden": true, "gegevens": {
            "persoon": { "naam": { "voornamen": "Sanne", "voorvoegsel": "de", "geslachtsnaam": "Vries" },
                         "geboortedatum": { "soort": "volledig", "datum": "1988-04-12" }, "overleden": false },
            "perioden": [{ "loon_cents": 273283, "van": "2026-11-01" }],
            "kinderen": []
        }}));
        let zoek = |k: &str| r.iter().find(|(a, _)| a == k).map(|(_, b)| b.as_str());
        assert_eq!(zoek("Persoon › Naam"), Some("Sanne de Vries"));
        assert_eq!(zoek("Persoon › Geboortedatum"), Some("12 april 1988"));
        assert_eq!(zoek("Persoon › Overleden"), Some("nee"));
        assert_eq!(zoek("Perioden 1 › Loon"), Some("€ 2.732,83"));
        assert_eq!(zoek("Perioden 1 › Van"), Some("1 november 2026"));
        assert_eq!(zoek("Kinderen"), Some("geen"));
        assert_eq!(rijen(&json!({ "gevonden": false }))[0].0, "Gevonden");
    }
}

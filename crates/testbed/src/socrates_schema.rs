//! The `ZaakLOBehandeld` schema of the Socrates koppelvlak (release
//! 2026.030) as a JSON-Schema validator (the `jsonschema` crate, formats
//! checked: `date` must be a real calendar date).
//!
//! One deviation from the document as written: the `uuid` pattern of
//! `ZaakLOBehandeld` escapes its braces twice (`\\\\{`), which demands a
//! literal backslash before the optional `{`. Its sibling `aanvraagid`
//! shows what is meant; that pattern is used (docs/socrates-afwijkingen.md).

use jsonschema::Validator;
use serde_json::{Value, json};
use std::sync::OnceLock;

static SPEC: &str = include_str!("../data/socrates/oas-wigo4it-koppelvak-lo-2026.030.json");

/// The `uuid` pattern as the specification means it (that of `aanvraagid`).
pub const UUID_PATTERN: &str = r"^(\{{0,1}([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}\}{0,1})$";

/// One reason a message is refused: where (a JSON pointer such as
/// `/loBehandeld/huishouding/aanvrager/geslachtsnaamstam`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fout {
    pub veld: String,
    pub reden: String,
}

impl std::fmt::Display for Fout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let veld = if self.veld.is_empty() {
            "/"
        } else {
            &self.veld
        };
        write!(f, "{veld}: {}", self.reden)
    }
}

/// The OpenAPI document with the intended `uuid` pattern.
pub fn document() -> Value {
    let mut doc: Value = serde_json::from_str(SPEC).unwrap_or(Value::Null);
    if let Some(p) = doc.pointer_mut("/components/schemas/ZaakLOBehandeld/properties/uuid/pattern")
    {
        *p = Value::String(UUID_PATTERN.into());
    }
    doc
}

/// A validator for `#/components/schemas/{naam}` of [`document`].
pub fn validator_voor(naam: &str) -> Result<Validator, String> {
    let doc = document();
    let schema = json!({
        "$ref": format!("#/components/schemas/{naam}"),
        "components": doc.get("components").cloned().unwrap_or(Value::Null),
    });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .map_err(|e| format!("schema {naam}: {e}"))
}

fn zaak_lo_behandeld() -> &'static Result<Validator, String> {
    static V: OnceLock<Result<Validator, String>> = OnceLock::new();
    V.get_or_init(|| validator_voor("ZaakLOBehandeld"))
}

/// Validate a message against `ZaakLOBehandeld`; empty when valid.
pub fn valideer(bericht: &Value) -> Vec<Fout> {
    match zaak_lo_behandeld() {
        Ok(v) => v
            .iter_errors(bericht)
            .map(|e| Fout {
                veld: e.instance_path.to_string(),
                reden: e.to_string(),
            })
            .collect(),
        Err(e) => vec![Fout {
            veld: String::new(),
            reden: e.clone(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimaal() -> Value {
        json!({
            "identificatie": "ZAAK-1",
            "uuid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "loBehandeld": {
                "aanvraagdatum": "2026-03-02",
                "aanvraagid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                "codeOntvangendeGemeente": "0363",
                "huishouding": { "aanvrager": {
                    "burgerservicenummer": "999993653", "geboortedatum": "1980-01-01",
                    "geslachtsaanduiding": "1", "geslachtsnaamstam": "Jansen",
                    "voorlettersAanschrijving": "J.", "naamgebruik": "1",
                    "codeBrpGegevensGeheim": "0", "nationaliteit": ["1"]
                }},
                "ingangBijstandsuitkering": { "datumMeldingBijGemeente": "2026-03-02" },
                "redenAanvraagLevensonderhoud": { "onvoldoendeInkomen": "1" }
            }
        })
    }

    #[test]
    fn the_schema_compiles_and_a_minimal_message_is_valid() {
        assert!(
            zaak_lo_behandeld().is_ok(),
            "{:?}",
            zaak_lo_behandeld().as_ref().err()
        );
        assert_eq!(valideer(&minimaal()), vec![]);
        let mut m = minimaal();
        m["uuid"] = json!("{3f2504e0-4f89-11d3-9a0c-0305e82c3301}");
        assert_eq!(valideer(&m), vec![]);
    }

    #[test]
    fn impossible_dates_and_overlong_fields_are_refused_with_the_field() {
        for (pad, waarde) in [
            ("/loBehandeld/aanvraagdatum", json!("2026-13-45")),
            ("/loBehandeld/aanvraagdatum", json!("2026-02-30")),
            ("/uuid", json!("niet-een-uuid")),
            (
                "/loBehandeld/huishouding/aanvrager/geslachtsnaamstam",
                json!("x".repeat(41)),
            ),
            (
                "/loBehandeld/huishouding/aanvrager/geslachtsnaamstam",
                json!("Jan@sen"),
            ),
            (
                "/loBehandeld/huishouding/aanvrager/nationaliteit",
                json!(["1", "52", "57"]),
            ),
            (
                "/loBehandeld/huishouding/aanvrager/nationaliteit/0",
                json!(["9999"]),
            ),
            (
                "/loBehandeld/huishouding/aanvrager/codeBrpGegevensGeheim",
                json!("8"),
            ),
        ] {
            let mut m = minimaal();
            *m.pointer_mut(pad.trim_end_matches("/0")).unwrap() = waarde.clone();
            let fouten = valideer(&m);
            assert!(
                fouten.iter().any(|f| f.veld == pad),
                "{pad} = {waarde}: {fouten:?}"
            );
        }
        let mut m = minimaal();
        m["loBehandeld"]
            .as_object_mut()
            .unwrap()
            .remove("codeOntvangendeGemeente");
        assert!(!valideer(&m).is_empty());
    }
}

//! The register of processing activities (Register van
//! Verwerkingsactiviteiten) in the shape of the standard's register API
//! (`rvva-openapi.json`), and the references into it that records carry
//! in `dpl.core.processing_activity_id`.
//!
//! The activities are GBI's own ([`super::ACTIVITEITEN`]); each has a
//! stable UUID derived from its id, so a reference stays valid across
//! releases and installations. A gemeente is the controller of every
//! activity; it appears as an `Entity`.

use super::{ACTIVITEITEN, Verwerkingsactiviteit};
use serde_json::{Value, json};
use std::sync::OnceLock;
use uuid::Uuid;

/// The namespace of GBI's UUIDs (a UUID v5 of the project's URL).
const NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2b52_59a4_5e1d_8d5a_4c1f_0b7e_92a3);

/// The version every activity has: the texts as built into this release.
/// A change of an activity's meaning adds a version (see ADR 0014).
pub const VERSIE: u32 = 1;

/// From when version 1 is valid.
pub const GELDIG_VANAF: &str = "2026-01-01T00:00:00Z";

static PUBLIEKE_URL: OnceLock<String> = OnceLock::new();

/// The address where this installation is reached (`GBI_PUBLIC_URL`), the
/// base of every reference into the register. Set once at start-up.
pub fn set_publieke_url(url: &str) {
    let _ = PUBLIEKE_URL.set(url.trim_end_matches('/').to_owned());
}

/// The base of references into the register; `http://localhost:8080`
/// until [`set_publieke_url`] is called.
pub fn publieke_url() -> &'static str {
    PUBLIEKE_URL
        .get()
        .map(String::as_str)
        .unwrap_or("http://localhost:8080")
}

/// The path of a gemeente's register, below the public URL.
pub fn pad(gemeente: &str) -> String {
    format!("/api/v1/gemeenten/{gemeente}/verwerkingsregister")
}

/// The stable UUID of a processing activity, by its id.
pub fn activiteit_uuid(id: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("verwerkingsactiviteit:{id}").as_bytes())
}

/// The gemeente as an `Entity` (the controller).
pub fn gemeente_uuid(gemeente: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("gemeente:{gemeente}").as_bytes())
}

/// `dpl.core.processing_activity_id`: the activity in the gemeente's register.
pub fn activiteit_uri(gemeente: &str, id: &str) -> String {
    format!(
        "{}{}/processing_activities/{}",
        publieke_url(),
        pad(gemeente),
        activiteit_uuid(id)
    )
}

/// `dpl.core.data_subject_id_type`: the description of the pseudonym in
/// the gemeente's register.
pub fn betrokkene_type_uri(gemeente: &str) -> String {
    format!(
        "{}{}/data_subject_id_types/{}",
        publieke_url(),
        pad(gemeente),
        super::BETROKKENE_TYPE
    )
}

/// The activity with this UUID.
pub fn zoek(uuid: &Uuid) -> Option<&'static Verwerkingsactiviteit> {
    ACTIVITEITEN
        .iter()
        .copied()
        .find(|a| activiteit_uuid(a.id) == *uuid)
}

/// `ProcessingActivity`.
pub fn processing_activity(a: &Verwerkingsactiviteit) -> Value {
    json!({
        "id": activiteit_uuid(a.id).to_string(),
        "active": true,
        "latestVersion": VERSIE,
    })
}

/// `ProcessingActivityVersion`.
pub fn processing_activity_version(gemeente: &str, a: &Verwerkingsactiviteit) -> Value {
    json!({
        "version": VERSIE,
        "name": a.naam,
        "purpose": format!("{} (grondslag: {})", a.doel, a.grondslag),
        "legalBasis": grondslagen(a.grondslag),
        "dataSubjects": ["Citizen"],
        "recipients": {
            "legalRole": "DataController",
            "entityId": gemeente_uuid(gemeente).to_string(),
        },
        "validFrom": GELDIG_VANAF,
    })
}

/// `Entity`: the gemeente.
pub fn entity(gemeente: &str, naam: &str) -> Value {
    json!({
        "id": gemeente_uuid(gemeente).to_string(),
        "type": "Organisation",
        "name": format!("Gemeente {naam}"),
        "country": "NL",
    })
}

/// The description that `dpl.core.data_subject_id_type` points to.
pub fn betrokkene_type() -> Value {
    json!({
        "id": super::BETROKKENE_TYPE,
        "name": "Gepseudonimiseerd BSN",
        "description": "HMAC-SHA256 van het BSN met een sleutel die alleen de installatie heeft, hexadecimaal; \
            wie de sleutel heeft kan een BSN opzoeken, niet terugrekenen",
    })
}

/// The AVG art. 6 grounds an activity's text names, as DPV legal bases.
fn grondslagen(grondslag: &str) -> Vec<&'static str> {
    let mut uit = Vec::new();
    if grondslag.contains("sub c") || grondslag.contains("art. 21") {
        uit.push("LegalObligation");
    }
    if grondslag.contains("sub e") {
        uit.push("OfficialAuthorityOfController");
    }
    if uit.is_empty() {
        uit.push("LegalObligation");
    }
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activity_has_its_own_stable_uuid() {
        let mut gezien = std::collections::BTreeSet::new();
        for a in ACTIVITEITEN {
            let u = activiteit_uuid(a.id);
            assert!(gezien.insert(u), "{}", a.id);
            assert_eq!(zoek(&u).map(|z| z.id), Some(a.id));
        }
        assert_eq!(
            activiteit_uuid("gbi.inwoner.raadplegen"),
            activiteit_uuid("gbi.inwoner.raadplegen")
        );
    }
}

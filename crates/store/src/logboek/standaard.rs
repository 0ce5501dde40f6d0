//! A stored record as the standard's interface has it (specificaties.md,
//! "Interface"): `trace_id`, `span_id`, `parent_span_id`, `name`, `status`
//! (`Unset`/`Ok`/`Error`), `start_time`/`end_time` in milliseconds since
//! the epoch, `resource` and `attributes` with the `dpl.core` fields. What
//! GBI keeps besides (the chain, the actor) comes along under `gbi`.

use super::register;
use super::{LogRecord, Status};
use serde::Serialize;
use std::collections::BTreeMap;

/// `resource`: which application wrote the record.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Resource {
    pub attributes: BTreeMap<&'static str, String>,
}

/// A record in the standard's shape.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Logregel {
    pub trace_id: String,
    pub span_id: String,
    pub parent_span_id: Option<String>,
    pub name: String,
    pub status: Status,
    pub start_time: u64,
    pub end_time: u64,
    pub resource: Resource,
    pub attributes: BTreeMap<&'static str, String>,
    /// GBI's own fields, outside the standard.
    pub gbi: GbiVelden,
}

/// What GBI keeps of a record besides the standard's fields.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GbiVelden {
    pub gemeente_code: String,
    pub seq: i64,
    /// The activity's short id, e.g. `gbi.inwoner.raadplegen`.
    pub verwerkingsactiviteit: String,
    pub handeling: String,
    pub actor: String,
    pub vorige_hash: String,
    pub hash: String,
}

/// Milliseconds since the epoch of a stored time (RFC 3339); 0 for a
/// time that does not parse, which a stored record never has.
pub fn millis(stored: &str) -> u64 {
    chrono::DateTime::parse_from_rfc3339(stored)
        .map(|t| u64::try_from(t.timestamp_millis()).unwrap_or(0))
        .unwrap_or(0)
}

/// Nanoseconds since the epoch of a stored time (OTLP's unit).
pub fn nanos(stored: &str) -> u64 {
    chrono::DateTime::parse_from_rfc3339(stored)
        .ok()
        .and_then(|t| t.timestamp_nanos_opt())
        .and_then(|n| u64::try_from(n).ok())
        .unwrap_or(0)
}

/// The name of the application in `resource`.
pub const SERVICE_NAME: &str = "gbi";

impl LogRecord {
    /// `resource.attributes`: GBI and the version that wrote the record.
    pub fn resource_attributes(&self) -> BTreeMap<&'static str, String> {
        let mut a = BTreeMap::new();
        a.insert("service.name", SERVICE_NAME.to_owned());
        a.insert(
            "service.version",
            self.resource_version
                .clone()
                .unwrap_or_else(|| "onbekend".to_owned()),
        );
        a.insert("gbi.gemeente_code", self.gemeente_code.clone());
        a
    }

    /// `attributes`: the `dpl.core` fields, and for a failed processing
    /// `exception.message`.
    pub fn dpl_attributes(&self) -> BTreeMap<&'static str, String> {
        let mut a = BTreeMap::new();
        a.insert(
            "dpl.core.processing_activity_id",
            register::activiteit_uri(&self.gemeente_code, &self.verwerkingsactiviteit),
        );
        a.insert("dpl.core.data_subject_id", self.betrokkene.clone());
        // Every record ever stored holds the keyed pseudonym (records from
        // before 0029 said `BSN` of it).
        a.insert(
            "dpl.core.data_subject_id_type",
            register::betrokkene_type_uri(&self.gemeente_code),
        );
        if let Some(p) = &self.foreign_processor {
            a.insert("dpl.core.foreign_operation.processor", p.clone());
            a.insert("dpl.core.foreign_operation.trace_id", self.trace_id.clone());
            if let Some(s) = &self.foreign_span_id {
                a.insert("dpl.core.foreign_operation.span_id", s.clone());
            }
        }
        if let Some(f) = &self.fout {
            a.insert("exception.message", f.clone());
            a.insert("exception.type", "VerwerkingMislukt".to_owned());
        }
        a
    }

    pub fn status_code(&self) -> Status {
        Status::parse(&self.status)
    }

    /// The record in the standard's shape.
    pub fn standaard(&self) -> Logregel {
        Logregel {
            trace_id: self.trace_id.clone(),
            span_id: self.span_id.clone(),
            parent_span_id: self.parent_span_id.clone(),
            name: if self.naam.is_empty() {
                self.verwerkingsactiviteit.clone()
            } else {
                self.naam.clone()
            },
            status: self.status_code(),
            start_time: millis(&self.start_time),
            end_time: millis(&self.end_time),
            resource: Resource {
                attributes: self.resource_attributes(),
            },
            attributes: self.dpl_attributes(),
            gbi: GbiVelden {
                gemeente_code: self.gemeente_code.clone(),
                seq: self.seq,
                verwerkingsactiviteit: self.verwerkingsactiviteit.clone(),
                handeling: self.handeling.clone(),
                actor: self.actor.clone(),
                vorige_hash: self.vorige_hash.clone(),
                hash: self.hash.clone(),
            },
        }
    }
}

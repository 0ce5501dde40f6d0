//! The seal across migration 0029, and the standard's view of a record.

#![allow(clippy::unwrap_used)]

use super::*;

fn record() -> LogRecord {
    LogRecord {
        gemeente_code: "0392".into(),
        seq: 7,
        trace_id: "4bf92f3577b34da6a3ce929d0e0e4736".into(),
        span_id: "00f067aa0ba902b7".into(),
        parent_span_id: None,
        naam: "GET /api/v1/inwoners/{id}".into(),
        verwerkingsactiviteit: "gbi.inwoner.raadplegen".into(),
        handeling: "lezen".into(),
        actor: "medewerker:1".into(),
        betrokkene: "ab".repeat(32),
        betrokkene_type: "BSN".into(),
        status: "ok".into(),
        start_time: "2026-07-01T10:00:00.000000Z".into(),
        end_time: "2026-07-01T10:00:00.250000Z".into(),
        vorige_hash: GENESIS.into(),
        hash: String::new(),
        resource_version: None,
        foreign_processor: None,
        foreign_span_id: None,
        fout: None,
    }
}

/// The seal as it was before migration 0029.
fn seal_before_0029(key: &[u8; 32], r: &LogRecord) -> String {
    let mut m = mac(key);
    let parent = r.parent_span_id.as_deref().unwrap_or("");
    let seq = r.seq.to_string();
    let parts = [
        r.vorige_hash.as_str(),
        &r.gemeente_code,
        &seq,
        &r.trace_id,
        &r.span_id,
        parent,
        &r.naam,
        &r.verwerkingsactiviteit,
        &r.handeling,
        &r.actor,
        &r.betrokkene,
        &r.betrokkene_type,
        &r.status,
        &r.start_time,
        &r.end_time,
    ];
    for part in parts {
        m.update(&(part.len() as u64).to_be_bytes());
        m.update(part.as_bytes());
    }
    hex::encode(m.finalize().into_bytes())
}

#[test]
fn old_records_keep_their_seal_and_new_fields_are_sealed() {
    let key = [7u8; 32];
    let oud = record();
    assert_eq!(chain_hash(&key, &oud), seal_before_0029(&key, &oud));
    let mut nieuw = record();
    nieuw.resource_version = Some("0.1.0".into());
    let basis = chain_hash(&key, &nieuw);
    assert_ne!(basis, seal_before_0029(&key, &nieuw));
    for wijzig in [
        |r: &mut LogRecord| r.fout = Some("x".into()),
        |r: &mut LogRecord| r.foreign_processor = Some("https://a".into()),
        |r: &mut LogRecord| r.foreign_span_id = Some("00f067aa0ba902b7".into()),
        |r: &mut LogRecord| r.resource_version = None,
    ] {
        let mut r = nieuw.clone();
        wijzig(&mut r);
        assert_ne!(chain_hash(&key, &r), basis);
    }
}

#[test]
fn the_standards_view_of_an_old_record() {
    let s = record().standaard();
    assert_eq!(s.status, Status::Ok);
    assert_eq!(s.start_time, 1_782_900_000_000);
    assert_eq!(s.end_time, 1_782_900_000_250);
    assert!(
        s.attributes["dpl.core.data_subject_id_type"].ends_with("/bsn-pseudoniem"),
        "an old record held the pseudonym too"
    );
    assert!(
        s.attributes["dpl.core.processing_activity_id"].contains(&format!(
            "/api/v1/gemeenten/0392/verwerkingsregister/processing_activities/{}",
            register::activiteit_uuid("gbi.inwoner.raadplegen")
        ))
    );
    assert!(
        !s.attributes
            .contains_key("dpl.core.foreign_operation.processor")
    );
}

//! The client register of the caller's gemeente.

use crate::AppState;
use crate::auth::ApiStaff;
use crate::error::{ApiError, InvalidParam};
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use gbi_domain::{Bsn, Iban};
use gbi_store::inwoners::{self, Changes, Inwoner, NewInwoner};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    zoek: Option<String>,
    pagina: Option<i64>,
}

const PAGE_SIZE: i64 = 50;

pub async fn list(
    State(state): State<AppState>,
    ApiStaff(staff): ApiStaff,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Vec<Inwoner>>, ApiError> {
    let Query(q) = query.map_err(super::bad_query)?;
    let page = q.pagina.unwrap_or(1).max(1);
    let found = inwoners::search(
        &state.db,
        &staff.scope(),
        q.zoek.as_deref().unwrap_or(""),
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
        "GET /api/v1/inwoners",
    )
    .await?;
    Ok(Json(found))
}

pub async fn get_one(
    State(state): State<AppState>,
    ApiStaff(staff): ApiStaff,
    Path(id): Path<String>,
) -> Result<Json<Inwoner>, ApiError> {
    inwoners::get(
        &state.db,
        &staff.scope(),
        &id,
        "GET /api/v1/inwoners/{inwoner_id}",
    )
    .await?
    .map(Json)
    .ok_or_else(ApiError::not_found)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    bsn: String,
    naam: String,
    email: Option<String>,
    telefoon: Option<String>,
    iban: Option<String>,
}

fn check_naam(naam: &str, errors: &mut Vec<InvalidParam>) {
    if naam.trim().is_empty() || naam.len() > 200 {
        errors.push(InvalidParam {
            name: "naam".into(),
            code: "naam.leeg".into(),
            reason: "Vul een naam in (hoogstens 200 tekens).".into(),
        });
    }
}

fn check_email(email: Option<&str>, errors: &mut Vec<InvalidParam>) {
    if let Some(e) = email {
        let ok = e.len() <= 254
            && e.split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.'));
        if !ok {
            errors.push(InvalidParam {
                name: "email".into(),
                code: "email.format".into(),
                reason: "Vul een geldig e-mailadres in.".into(),
            });
        }
    }
}

fn check_telefoon(tel: Option<&str>, errors: &mut Vec<InvalidParam>) {
    if let Some(t) = tel {
        let digits = t.chars().filter(char::is_ascii_digit).count();
        let ok = (10..=15).contains(&digits)
            && t.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if !ok {
            errors.push(InvalidParam {
                name: "telefoon".into(),
                code: "telefoon.format".into(),
                reason: "Vul een telefoonnummer van 10 cijfers in.".into(),
            });
        }
    }
}

fn parse_iban(iban: Option<&str>, errors: &mut Vec<InvalidParam>) -> Option<Iban> {
    iban.and_then(|i| match Iban::parse(i) {
        Ok(i) => Some(i),
        Err(e) => {
            errors.push(InvalidParam {
                name: "iban".into(),
                code: e.code.into(),
                reason: e.message,
            });
            None
        }
    })
}

fn empty_to_none(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

pub async fn create(
    State(state): State<AppState>,
    ApiStaff(staff): ApiStaff,
    body: Result<Json<CreateBody>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Json(b) = body.map_err(super::bad_json)?;
    let mut errors = Vec::new();
    let bsn = match Bsn::parse(&b.bsn) {
        Ok(bsn) => Some(bsn),
        Err(e) => {
            errors.push(InvalidParam {
                name: "bsn".into(),
                code: e.code.into(),
                reason: e.message,
            });
            None
        }
    };
    check_naam(&b.naam, &mut errors);
    let email = empty_to_none(b.email);
    let telefoon = empty_to_none(b.telefoon);
    check_email(email.as_deref(), &mut errors);
    check_telefoon(telefoon.as_deref(), &mut errors);
    let iban = parse_iban(empty_to_none(b.iban).as_deref(), &mut errors);
    let (Some(bsn), true) = (bsn, errors.is_empty()) else {
        return Err(ApiError::invalid(errors));
    };
    let new = NewInwoner {
        bsn,
        naam: b.naam.trim().to_owned(),
        email,
        telefoon,
        iban,
    };
    let created = inwoners::create(&state.db, &staff.scope(), new, "POST /api/v1/inwoners").await?;
    Ok((
        StatusCode::CREATED,
        [(
            axum::http::header::LOCATION,
            format!("/api/v1/inwoners/{}", created.id),
        )],
        Json(created),
    ))
}

/// JSON merge-patch semantics: a field left out stays, `null` clears it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchBody {
    naam: Option<String>,
    #[serde(default, with = "double_option")]
    email: Option<Option<String>>,
    #[serde(default, with = "double_option")]
    telefoon: Option<Option<String>>,
    #[serde(default, with = "double_option")]
    iban: Option<Option<String>>,
    /// The version the client last saw; refused with 412 when it changed.
    versie: Option<i64>,
}

mod double_option {
    use serde::{Deserialize, Deserializer};
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

pub async fn update(
    State(state): State<AppState>,
    ApiStaff(staff): ApiStaff,
    Path(id): Path<String>,
    body: Result<Json<PatchBody>, JsonRejection>,
) -> Result<Json<Inwoner>, ApiError> {
    let Json(b) = body.map_err(super::bad_json)?;
    let mut errors = Vec::new();
    if let Some(n) = &b.naam {
        check_naam(n, &mut errors);
    }
    let email = b.email.map(empty_to_none);
    let telefoon = b.telefoon.map(empty_to_none);
    check_email(email.as_ref().and_then(|e| e.as_deref()), &mut errors);
    check_telefoon(telefoon.as_ref().and_then(|t| t.as_deref()), &mut errors);
    let iban = b
        .iban
        .map(|i| parse_iban(empty_to_none(i).as_deref(), &mut errors));
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    let changes = Changes {
        naam: b.naam.map(|n| n.trim().to_owned()),
        email,
        telefoon,
        iban,
    };
    let updated = inwoners::update(
        &state.db,
        &staff.scope(),
        &id,
        b.versie,
        changes,
        "PATCH /api/v1/inwoners/{inwoner_id}",
    )
    .await?;
    Ok(Json(updated))
}

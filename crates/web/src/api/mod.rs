//! The JSON APIs, under `/api/v1`. Errors are ZGW-style (see `error.rs`).

pub mod inwoners;
pub mod logboek;
pub mod medewerkers;
pub mod sessies;

use crate::error::ApiError;
use axum::extract::rejection::{JsonRejection, QueryRejection};

/// A request body that is not the JSON we expect.
pub fn bad_json(e: JsonRejection) -> ApiError {
    ApiError::field(
        "body",
        "invalid_json",
        format!("De JSON in het verzoek is niet geldig: {}", e.body_text()),
    )
}

pub fn bad_query(e: QueryRejection) -> ApiError {
    ApiError::field(
        "query",
        "invalid_query",
        format!("De zoekparameters zijn niet geldig: {}", e.body_text()),
    )
}

//! RFC 7807 problem details, as used by Haal Centraal and the Belastingdienst API.

use crate::error::RegisterError;
use crate::http::Source;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Problem {
    pub title: Option<String>,
    pub detail: Option<String>,
    pub code: Option<String>,
    #[serde(rename = "invalidParams")]
    pub invalid_params: Vec<InvalidParam>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct InvalidParam {
    pub name: Option<String>,
    pub code: Option<String>,
    pub reason: Option<String>,
}

/// Map a non-success HTTP answer of a JSON API to a typed error.
/// 404 → NotFound, 5xx/429 → Unavailable, other 4xx → Rejected with the problem details.
pub(crate) async fn error_from_response(
    src: &Source,
    resp: reqwest::Response,
    not_found_on_404: bool,
) -> RegisterError {
    let status = resp.status();
    if let Some(e) = src.server_error(status) {
        return e;
    }
    if not_found_on_404 && status == reqwest::StatusCode::NOT_FOUND {
        return RegisterError::NotFound { bron: src.bron };
    }
    let body = resp.bytes().await.unwrap_or_default();
    let problem: Problem = serde_json::from_slice(&body).unwrap_or_default();
    let message = match (problem.title, problem.detail) {
        (Some(t), Some(d)) => format!("{t} {d}"),
        (Some(t), None) => t,
        (None, Some(d)) => d,
        (None, None) => status.canonical_reason().unwrap_or("rejected").to_owned(),
    };
    RegisterError::Rejected {
        bron: src.bron,
        status: Some(status.as_u16()),
        code: problem.code,
        message,
        details: problem
            .invalid_params
            .iter()
            .map(|p| {
                format!(
                    "{}: {} ({})",
                    p.name.as_deref().unwrap_or("?"),
                    p.reason.as_deref().unwrap_or(""),
                    p.code.as_deref().unwrap_or("")
                )
            })
            .collect(),
    }
}

/// An idempotent JSON query (POST, JSON in and out) under the source's
/// resilience policy: retries, breaker, concurrency limit. A non-success
/// answer becomes a typed error by [`error_from_response`].
pub(crate) async fn query_json<T: serde::de::DeserializeOwned>(
    src: &Source,
    url: &str,
    body: &[u8],
    not_found_on_404: bool,
) -> Result<T, RegisterError> {
    src.resilience
        .run(crate::resilience::RetryPolicy::Idempotent, || async {
            let resp = src
                .post(url)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .body(body.to_vec())
                .send()
                .await
                .map_err(|e| src.transport_error(&e))?;
            if !resp.status().is_success() {
                return Err(error_from_response(src, resp, not_found_on_404).await);
            }
            let bytes = resp.bytes().await.map_err(|e| src.transport_error(&e))?;
            serde_json::from_slice(&bytes)
                .map_err(|e| RegisterError::invalid(src.bron, e.to_string()))
        })
        .await
}

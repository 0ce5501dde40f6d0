//! Static files, embedded in the binary: the NL Design System CSS (vendored
//! from npm by `scripts/vendor-assets`), htmx and our own stylesheet.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    ("gbi.css", "text/css", include_bytes!("../assets/gbi.css")),
    (
        "vendor/utrecht-components.css",
        "text/css",
        include_bytes!("../assets/vendor/utrecht-components.css"),
    ),
    (
        "vendor/voorbeeld-theme.css",
        "text/css",
        include_bytes!("../assets/vendor/voorbeeld-theme.css"),
    ),
    (
        "vendor/htmx.min.js",
        "text/javascript",
        include_bytes!("../assets/vendor/htmx.min.js"),
    ),
];

pub async fn serve(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, body)) => (
            [
                (header::CONTENT_TYPE, *mime),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "niet gevonden").into_response(),
    }
}

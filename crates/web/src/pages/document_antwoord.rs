//! A stored document as an HTTP response, for every page that serves one
//! (a zaak's documents, the print queue).

use axum::response::{IntoResponse, Response};
use gbi_store::documenten::Document;

/// What browsers may show inline; everything else is a download.
const INLINE: &[&str] = &["application/pdf", "image/jpeg", "image/png"];

/// A document as an HTTP response: inline for PDF and images (their type
/// was checked by their bytes on upload), a download otherwise; never
/// sniffed, never cached. (No CSP `sandbox`: Chromium then refuses to show
/// a PDF inline.)
pub fn serve_document(doc: &Document, bytes: Vec<u8>) -> Response {
    use axum::http::header;
    let inline = INLINE.contains(&doc.mime.as_str());
    let mime = if inline {
        doc.mime.as_str()
    } else {
        "application/octet-stream"
    };
    let disposition = format!(
        "{}; {}",
        if inline { "inline" } else { "attachment" },
        filename_params(&doc.bestandsnaam)
    );
    (
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// `filename="…"` in plain ASCII, and `filename*=` (RFC 6266) with the name
/// as it was, so a header never fails on a name like `bijlage-é.pdf`.
fn filename_params(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "filename=\"{ascii}\"; filename*=UTF-8''{}",
        crate::auth::encode_component(name).replace('/', "%2F")
    )
}

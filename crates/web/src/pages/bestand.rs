//! Files that residents upload. The limit the form shows is the limit the
//! server enforces, and a file over it becomes a Dutch message on the form:
//! the bytes past the limit are read and dropped (up to [`MAX_BODY`]), so the
//! browser gets the page back instead of a broken connection.

use axum::extract::multipart::Field;
use axum::http::StatusCode;

/// The largest file we keep: the "hoogstens 10 MB" on every upload form.
pub const MAX_UPLOAD: usize = 10 * 1024 * 1024;

/// The most an upload request may carry. Above [`MAX_UPLOAD`] the file is
/// refused with a message on the form; above this the request is refused
/// before it is read, with a Dutch page (see `error::te_groot`).
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// What the resident reads when a file is too large.
pub const TE_GROOT: &str = "Dit bestand is te groot. Het mag hoogstens 10 MB zijn. Kies een kleiner bestand, of maak een foto met een lagere kwaliteit.";

/// One uploaded file, read within the limit.
#[derive(Debug)]
pub enum Gelezen {
    Bestand { naam: String, inhoud: Vec<u8> },
    Leeg,
    TeGroot,
}

/// Read the file in `field`, keeping at most [`MAX_UPLOAD`] bytes.
pub async fn lees(mut field: Field<'_>, standaardnaam: &str) -> Gelezen {
    let naam = clean_name(field.file_name().unwrap_or(standaardnaam));
    let mut inhoud: Vec<u8> = Vec::new();
    let mut te_groot = false;
    loop {
        match field.chunk().await {
            Ok(Some(stuk)) => {
                if te_groot {
                    continue;
                }
                if inhoud.len() + stuk.len() > MAX_UPLOAD {
                    te_groot = true;
                    inhoud = Vec::new();
                } else {
                    inhoud.extend_from_slice(&stuk);
                }
            }
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                te_groot = true;
                break;
            }
            Err(_) => break,
        }
    }
    if te_groot {
        Gelezen::TeGroot
    } else if inhoud.is_empty() {
        Gelezen::Leeg
    } else {
        Gelezen::Bestand { naam, inhoud }
    }
}

/// What a file is, by its first bytes (never by its name).
pub(crate) fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

pub(crate) fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("document");
    let cleaned: String = base
        .chars()
        .filter(|c| c.is_alphanumeric() || " ._-()".contains(*c))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "document".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert_eq!(
            clean_name("C:\\Users\\x\\bank<script>.pdf"),
            "bankscript.pdf"
        );
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
    }
}

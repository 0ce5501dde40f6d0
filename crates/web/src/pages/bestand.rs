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
    let naam = super::aanvraag::clean_name(field.file_name().unwrap_or(standaardnaam));
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

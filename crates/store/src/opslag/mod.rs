//! Where the files of documents are kept: in the database (the default, the
//! `inhoud` column of `documenten`) or in an S3-compatible object store that
//! every instance of GBI reaches. A row says where its content is (column
//! `opslag`: NULL = in `inhoud`, else the object key), so rows written
//! before a change of configuration stay readable.

pub mod s3;
pub mod sigv4;

pub use s3::{S3, S3Config};

use crate::{Result, StoreError};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The configured document store. The default writes to the database.
#[derive(Clone, Debug, Default)]
pub struct Documentopslag {
    s3: Option<Arc<S3>>,
    /// New files go to `s3`; else to the database (with `s3` only read).
    schrijf_naar_s3: bool,
}

impl Documentopslag {
    /// Files in the database (the default).
    pub fn database() -> Self {
        Self::default()
    }

    /// New files in the object store; earlier ones stay where they are.
    pub fn s3(client: S3) -> Self {
        Self {
            s3: Some(Arc::new(client)),
            schrijf_naar_s3: true,
        }
    }

    /// New files in the database, while files written to the object store
    /// earlier are still read from it (a switch back from S3).
    pub fn database_en_s3_lezen(client: S3) -> Self {
        Self {
            s3: Some(Arc::new(client)),
            schrijf_naar_s3: false,
        }
    }

    /// Whether new files go to the object store.
    pub fn schrijft_naar_s3(&self) -> bool {
        self.schrijf_naar_s3 && self.s3.is_some()
    }

    /// The key of a document's object.
    pub fn sleutel(gemeente_code: &str, document_id: &str) -> String {
        format!("{gemeente_code}/{document_id}")
    }

    /// Store a new file when files go to the object store: the object key
    /// to keep in the row, or `None` when the file goes in the row itself.
    pub(crate) async fn bewaar(
        &self,
        gemeente_code: &str,
        document_id: &str,
        inhoud: &[u8],
    ) -> Result<Option<String>> {
        let Some(s3) = self.s3.as_ref().filter(|_| self.schrijf_naar_s3) else {
            return Ok(None);
        };
        let key = Self::sleutel(gemeente_code, document_id);
        s3.put(&key, inhoud)
            .await
            .map_err(|e| StoreError::Documentopslag(e.0))?;
        Ok(Some(key))
    }

    /// Remove objects, best effort: a failure is logged, never returned
    /// (an object without a row is unreachable, not wrong).
    pub(crate) async fn verwijder(&self, keys: &[String]) {
        let Some(s3) = &self.s3 else { return };
        for key in keys {
            if let Err(e) = s3.delete(key).await {
                tracing::warn!(key = %key, error = %e, "object in de documentopslag niet verwijderd");
            }
        }
    }

    /// The content of a document row: the `inhoud` column when `opslag` is
    /// NULL, else the object, checked against the row's SHA-256.
    pub(crate) async fn lees(
        &self,
        opslag: Option<&str>,
        inhoud: Vec<u8>,
        sha256: &str,
    ) -> Result<Vec<u8>> {
        let Some(key) = opslag else {
            return Ok(inhoud);
        };
        let Some(s3) = &self.s3 else {
            return Err(StoreError::Documentopslag(format!(
                "het document staat in de objectopslag ({key}), maar die is niet ingesteld ([documenten])"
            )));
        };
        let bytes = s3
            .get(key)
            .await
            .map_err(|e| StoreError::Documentopslag(e.0))?
            .ok_or_else(|| {
                StoreError::Corrupt(format!("het document {key} ontbreekt in de documentopslag"))
            })?;
        if hex::encode(Sha256::digest(&bytes)) != sha256 {
            return Err(StoreError::Corrupt(format!(
                "het document {key} in de documentopslag klopt niet met zijn SHA-256"
            )));
        }
        Ok(bytes)
    }
}

/// Objects written inside a transaction, removed again when it does not
/// commit (best effort, in the background).
#[derive(Default)]
pub(crate) struct Opruimen {
    pub(crate) opslag: Documentopslag,
    pub(crate) keys: Vec<String>,
}

impl Drop for Opruimen {
    fn drop(&mut self) {
        if self.keys.is_empty() {
            return;
        }
        let keys = std::mem::take(&mut self.keys);
        let opslag = self.opslag.clone();
        match tokio::runtime::Handle::try_current() {
            Ok(h) => {
                h.spawn(async move { opslag.verwijder(&keys).await });
            }
            Err(_) => {
                tracing::warn!(
                    aantal = keys.len(),
                    "objecten zonder document niet verwijderd"
                );
            }
        }
    }
}

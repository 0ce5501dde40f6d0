//! A small client for an S3-compatible object store: PUT, GET and DELETE of
//! one object, path-style (`{endpoint}/{bucket}/{key}`), signed with AWS
//! Signature Version 4.

use super::sigv4::{self, Credentials, EMPTY_SHA256};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// Where the object store is and who we are there.
#[derive(Clone)]
pub struct S3Config {
    /// E.g. `https://s3.example.nl` or `http://127.0.0.1:9000`.
    pub endpoint: String,
    pub bucket: String,
    /// Default `us-east-1`.
    pub regio: String,
    /// The access key id.
    pub toegangssleutel: String,
    /// The secret access key (from `GBI_S3_GEHEIM`, never from a file).
    pub geheim: String,
}

impl std::fmt::Debug for S3Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Config")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("regio", &self.regio)
            .field("toegangssleutel", &self.toegangssleutel)
            .field("geheim", &"***")
            .finish()
    }
}

/// What went wrong with the object store, in Dutch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Fout(pub String);

impl std::fmt::Display for S3Fout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The client. Cheap to clone.
#[derive(Clone)]
pub struct S3 {
    config: S3Config,
    /// `scheme://host[:port]` without a trailing slash.
    base: String,
    /// The `Host` header: host, and the port when not the scheme's default.
    host: String,
    http: reqwest::Client,
}

impl std::fmt::Debug for S3 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3").field("config", &self.config).finish()
    }
}

impl S3 {
    /// Check the settings and build the client; the error names the setting.
    pub fn new(config: S3Config) -> Result<S3, String> {
        let url = reqwest::Url::parse(config.endpoint.trim())
            .map_err(|_| format!("endpoint {:?} is geen geldige URL", config.endpoint))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err("endpoint moet beginnen met http:// of https://".into());
        }
        if url.path() != "/" && !url.path().is_empty() {
            return Err(
                "endpoint is alleen het adres van de opslag (zonder pad); de bucket staat apart"
                    .into(),
            );
        }
        if url.query().is_some() || !url.username().is_empty() || url.password().is_some() {
            return Err("endpoint mag geen gebruikersnaam, wachtwoord of query bevatten".into());
        }
        let Some(host_name) = url.host_str() else {
            return Err("endpoint heeft geen hostnaam".into());
        };
        let host = match url.port() {
            Some(p) => format!("{host_name}:{p}"),
            None => host_name.to_owned(),
        };
        let bucket = config.bucket.trim();
        if bucket.len() < 3
            || bucket.len() > 63
            || !bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        {
            return Err(format!(
                "bucket {bucket:?} is geen geldige bucketnaam (3 tot 63 kleine letters, cijfers, - of .)"
            ));
        }
        if config.regio.trim().is_empty() {
            return Err("regio is leeg".into());
        }
        if config.toegangssleutel.trim().is_empty() {
            return Err("toegangssleutel is leeg".into());
        }
        if config.geheim.is_empty() {
            return Err("het geheim (GBI_S3_GEHEIM) is leeg".into());
        }
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| format!("HTTP-client: {e}"))?;
        Ok(S3 {
            base: format!("{}://{host}", url.scheme()),
            host,
            config: S3Config {
                endpoint: config.endpoint.trim().to_owned(),
                bucket: bucket.to_owned(),
                regio: config.regio.trim().to_owned(),
                toegangssleutel: config.toegangssleutel.trim().to_owned(),
                geheim: config.geheim,
            },
            http,
        })
    }

    pub fn bucket(&self) -> &str {
        &self.config.bucket
    }

    /// Store `body` under `key` (replacing what was there).
    pub async fn put(&self, key: &str, body: &[u8]) -> Result<(), S3Fout> {
        let hash = hex::encode(Sha256::digest(body));
        let res = self.send("PUT", key, &hash, body.to_vec()).await?;
        if res.status().is_success() {
            return Ok(());
        }
        Err(weigering("opslaan", res).await)
    }

    /// The object under `key`; `None` when there is none.
    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, S3Fout> {
        let res = self.send("GET", key, EMPTY_SHA256, Vec::new()).await?;
        if res.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !res.status().is_success() {
            return Err(weigering("ophalen", res).await);
        }
        res.bytes()
            .await
            .map(|b| Some(b.to_vec()))
            .map_err(|e| onbereikbaar(&e))
    }

    /// Remove the object under `key` (no error when it was not there).
    pub async fn delete(&self, key: &str) -> Result<(), S3Fout> {
        let res = self.send("DELETE", key, EMPTY_SHA256, Vec::new()).await?;
        if res.status().is_success() || res.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(());
        }
        Err(weigering("verwijderen", res).await)
    }

    async fn send(
        &self,
        method: &str,
        key: &str,
        payload_sha256: &str,
        body: Vec<u8>,
    ) -> Result<reqwest::Response, S3Fout> {
        let path = format!("/{}/{key}", self.config.bucket);
        let amz_date = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        let authorization = sigv4::authorization(
            &Credentials {
                access_key: &self.config.toegangssleutel,
                secret: &self.config.geheim,
                region: &self.config.regio,
            },
            &sigv4::Request {
                method,
                host: &self.host,
                path: &path,
                headers: &[
                    ("x-amz-content-sha256", payload_sha256),
                    ("x-amz-date", &amz_date),
                ],
                payload_sha256,
                amz_date: &amz_date,
            },
        );
        let url = format!("{}{}", self.base, sigv4::uri_encode(&path, true));
        let method = reqwest::Method::from_bytes(method.as_bytes())
            .map_err(|_| S3Fout(format!("onbekende methode {method}")))?;
        self.http
            .request(method, url)
            .header("host", &self.host)
            .header("x-amz-content-sha256", payload_sha256)
            .header("x-amz-date", &amz_date)
            .header("authorization", authorization)
            .body(body)
            .send()
            .await
            .map_err(|e| onbereikbaar(&e))
    }
}

fn onbereikbaar(e: &reqwest::Error) -> S3Fout {
    let soort = if e.is_timeout() {
        "geen antwoord op tijd"
    } else if e.is_connect() {
        "geen verbinding"
    } else {
        "verbinding mislukt"
    };
    S3Fout(format!("de documentopslag is niet bereikbaar ({soort})"))
}

/// The store answered with an error: its S3 error code and status.
async fn weigering(wat: &str, res: reqwest::Response) -> S3Fout {
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    let code = body
        .split_once("<Code>")
        .and_then(|(_, rest)| rest.split_once("</Code>"))
        .map(|(c, _)| c.trim().to_owned())
        .unwrap_or_default();
    S3Fout(format!(
        "de documentopslag weigert het {wat} (HTTP {status}{}{code})",
        if code.is_empty() { "" } else { ", " }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(endpoint: &str, bucket: &str) -> S3Config {
        S3Config {
            endpoint: endpoint.into(),
            bucket: bucket.into(),
            regio: "us-east-1".into(),
            toegangssleutel: "AK".into(),
            geheim: "s3cr3t".into(),
        }
    }

    #[test]
    fn checks_the_settings() {
        let s3 = S3::new(config("http://127.0.0.1:9000", "gbi-documenten")).unwrap();
        assert_eq!(s3.host, "127.0.0.1:9000");
        assert_eq!(s3.base, "http://127.0.0.1:9000");
        let s3 = S3::new(config("https://s3.example.nl/", "gbi")).unwrap();
        assert_eq!(s3.host, "s3.example.nl");
        assert!(S3::new(config("s3.example.nl", "gbi")).is_err());
        assert!(S3::new(config("ftp://s3.example.nl", "gbi")).is_err());
        assert!(S3::new(config("https://s3.example.nl/gbi", "gbi")).is_err());
        assert!(S3::new(config("https://s3.example.nl", "GBI_Docs")).is_err());
        let mut zonder_geheim = config("https://s3.example.nl", "gbi");
        zonder_geheim.geheim.clear();
        assert!(S3::new(zonder_geheim).is_err());
    }

    #[test]
    fn debug_hides_the_secret() {
        let s3 = S3::new(config("http://127.0.0.1:9000", "gbi")).unwrap();
        let s = format!("{s3:?}");
        assert!(!s.contains("s3cr3t") && s.contains("***"), "{s}");
    }
}

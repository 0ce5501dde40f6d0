//! OpenID Connect as a relying party: the authorization code flow with PKCE
//! (S256), as the Dutch OIDC profile and the brokers for DigiD use it. GBI
//! reads the provider's discovery document, sends the person there with a
//! fresh state, nonce and code verifier, exchanges the code for an ID token,
//! and accepts it only when its signature checks against the provider's
//! published keys (fetched again when a new key appears: key rotation), its
//! issuer and audience are right, it has not expired and its nonce is ours.

use crate::identiteit::{Claimnamen, MiddelConfig};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::time::Duration;
use tokio::sync::Mutex;

/// One relying-party registration at a provider (`[oidc.portaal."0392"]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// The provider's issuer URL; discovery is at
    /// `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Where the provider sends the person back, exactly as registered,
    /// e.g. `https://gbi.example.nl/portaal/oidc/callback`.
    pub redirect_uri: String,
    /// Where the provider sends the person after logging out there.
    #[serde(default)]
    pub post_logout_redirect_uri: Option<String>,
    /// Staff sign-on only: which group in the `groups` claim gives which
    /// role, e.g. `inkomensconsulent = "gbi-0392-inkomensconsulent"`.
    #[serde(default)]
    pub rollen: std::collections::BTreeMap<String, String>,
    /// Portal only: DigiD Machtigen through this broker, when offered
    /// (`[oidc_portaal."0392".machtigen]`).
    #[serde(default)]
    pub machtigen: Option<MiddelConfig>,
    /// Portal only: eHerkenning (bewindvoering) through this broker, when
    /// offered (`[oidc_portaal."0392".eherkenning]`).
    #[serde(default)]
    pub eherkenning: Option<MiddelConfig>,
    /// Portal only: the claim names this broker uses
    /// (`[oidc_portaal."0392".claims]`).
    #[serde(default)]
    pub claims: Claimnamen,
}

#[derive(Debug, Clone, Deserialize)]
struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
    #[serde(default)]
    end_session_endpoint: Option<String>,
}

/// Why a login did not succeed; the text is for the log, never for the page.
#[derive(Debug, thiserror::Error)]
pub enum OidcFout {
    #[error("provider unreachable or answered wrongly: {0}")]
    Provider(String),
    #[error("the ID token is not valid: {0}")]
    Token(String),
}

/// A provider and this installation's registration there.
pub struct Provider {
    pub config: ClientConfig,
    http: reqwest::Client,
    discovery: Mutex<Option<Discovery>>,
    jwks: Mutex<Option<JwkSet>>,
}

/// What the browser keeps between leaving for the provider and coming back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Poging {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

impl Poging {
    pub fn nieuw() -> Self {
        Self {
            state: random(),
            nonce: random(),
            verifier: random(),
        }
    }

    fn challenge(&self) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(self.verifier.as_bytes()))
    }
}

fn random() -> String {
    use rand::RngCore;
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    URL_SAFE_NO_PAD.encode(b)
}

fn form_encode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                crate::auth::encode_component(k),
                crate::auth::encode_component(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

const ALGORITMEN: &[Algorithm] = &[Algorithm::RS256, Algorithm::PS256, Algorithm::ES256];

impl Provider {
    pub fn new(config: ClientConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Self {
            config,
            http,
            discovery: Mutex::new(None),
            jwks: Mutex::new(None),
        }
    }

    async fn discovery(&self) -> Result<Discovery, OidcFout> {
        let mut d = self.discovery.lock().await;
        if let Some(d) = d.as_ref() {
            return Ok(d.clone());
        }
        let url = format!(
            "{}/.well-known/openid-configuration",
            self.config.issuer.trim_end_matches('/')
        );
        let gevonden: Discovery = self.get_json(&url).await?;
        if gevonden.issuer.trim_end_matches('/') != self.config.issuer.trim_end_matches('/') {
            return Err(OidcFout::Provider(format!(
                "discovery names issuer {} instead of {}",
                gevonden.issuer, self.config.issuer
            )));
        }
        *d = Some(gevonden.clone());
        Ok(gevonden)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, OidcFout> {
        let res = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| OidcFout::Provider(e.to_string()))?;
        if !res.status().is_success() {
            return Err(OidcFout::Provider(format!("{url}: {}", res.status())));
        }
        res.json()
            .await
            .map_err(|e| OidcFout::Provider(e.to_string()))
    }

    /// Where to send the person to log in.
    pub async fn authorization_url(
        &self,
        p: &Poging,
        scope: &str,
        acr: Option<&str>,
    ) -> Result<String, OidcFout> {
        let d = self.discovery().await?;
        let challenge = p.challenge();
        let mut pairs = vec![
            ("client_id", self.config.client_id.as_str()),
            ("response_type", "code"),
            ("scope", scope),
            ("redirect_uri", self.config.redirect_uri.as_str()),
            ("state", p.state.as_str()),
            ("nonce", p.nonce.as_str()),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
        ];
        if let Some(acr) = acr {
            pairs.push(("acr_values", acr));
        }
        let sep = if d.authorization_endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        Ok(format!(
            "{}{sep}{}",
            d.authorization_endpoint,
            form_encode(&pairs)
        ))
    }

    /// Where to send the person to log out at the provider too.
    pub async fn logout_url(&self) -> Option<String> {
        let d = self.discovery().await.ok()?;
        let end = d.end_session_endpoint?;
        let mut pairs = vec![("client_id", self.config.client_id.as_str())];
        if let Some(terug) = &self.config.post_logout_redirect_uri {
            pairs.push(("post_logout_redirect_uri", terug.as_str()));
        }
        let sep = if end.contains('?') { '&' } else { '?' };
        Some(format!("{end}{sep}{}", form_encode(&pairs)))
    }

    /// Exchange the code and return the ID token's validated claims.
    pub async fn inwisselen(&self, code: &str, p: &Poging) -> Result<serde_json::Value, OidcFout> {
        let d = self.discovery().await?;
        let res = self
            .http
            .post(&d.token_endpoint)
            .basic_auth(&self.config.client_id, Some(&self.config.client_secret))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form_encode(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", &self.config.redirect_uri),
                ("code_verifier", &p.verifier),
            ]))
            .send()
            .await
            .map_err(|e| OidcFout::Provider(e.to_string()))?;
        if !res.status().is_success() {
            let status = res.status();
            let tekst = res.text().await.unwrap_or_default();
            return Err(OidcFout::Provider(format!(
                "token endpoint {status}: {}",
                tekst.chars().take(300).collect::<String>()
            )));
        }
        #[derive(Deserialize)]
        struct Antwoord {
            id_token: String,
        }
        let a: Antwoord = res
            .json()
            .await
            .map_err(|e| OidcFout::Provider(e.to_string()))?;
        self.valideren(&a.id_token, &p.nonce).await
    }

    /// Check an ID token: signature by a published key, issuer, audience,
    /// expiry and nonce.
    pub async fn valideren(
        &self,
        id_token: &str,
        nonce: &str,
    ) -> Result<serde_json::Value, OidcFout> {
        let d = self.discovery().await?;
        let header =
            jsonwebtoken::decode_header(id_token).map_err(|e| OidcFout::Token(e.to_string()))?;
        if !ALGORITMEN.contains(&header.alg) {
            return Err(OidcFout::Token(format!(
                "algorithm {:?} not accepted",
                header.alg
            )));
        }
        let kid = header.kid.clone().unwrap_or_default();
        let sleutel = self.sleutel(&d, &kid).await?;
        let mut v = Validation::new(header.alg);
        v.set_audience(&[self.config.client_id.as_str()]);
        v.set_issuer(&[d.issuer.as_str()]);
        v.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        v.leeway = 60;
        let data = jsonwebtoken::decode::<serde_json::Value>(id_token, &sleutel, &v)
            .map_err(|e| OidcFout::Token(e.to_string()))?;
        if data.claims["nonce"].as_str() != Some(nonce) {
            return Err(OidcFout::Token("nonce does not match".into()));
        }
        Ok(data.claims)
    }

    /// The key with `kid`; the key set is fetched again once when the key is
    /// unknown (the provider rotated its keys).
    async fn sleutel(&self, d: &Discovery, kid: &str) -> Result<DecodingKey, OidcFout> {
        let mut jwks = self.jwks.lock().await;
        for poging in 0..2 {
            if poging == 1 || jwks.is_none() {
                *jwks = Some(self.get_json(&d.jwks_uri).await?);
            }
            if let Some(jwk) = jwks.as_ref().and_then(|s| s.find(kid)) {
                return DecodingKey::from_jwk(jwk).map_err(|e| OidcFout::Token(e.to_string()));
            }
        }
        Err(OidcFout::Token(format!("no published key {kid}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_challenge_is_the_s256_of_the_verifier() {
        // RFC 7636, appendix B.
        let p = Poging {
            state: String::new(),
            nonce: String::new(),
            verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into(),
        };
        assert_eq!(p.challenge(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }
}

//! Suwinet Inkijk (SuwiML over SOAP 1.1): UWV, DUO, RDW, Kadaster, SVB and
//! Bijstandsregelingen. One [`SuwinetClient`] holds a connection, breaker and
//! concurrency limit per service.

pub mod bijstand;
pub mod duo;
pub mod envelope;
pub mod kadaster;
pub mod rdw;
pub mod svb;
pub mod uwv;
pub mod wss;
pub mod xml;

use crate::config::RegistersConfig;
use crate::error::{ConfigError, RegisterError};
use crate::herkomst::{Bevraging, Bron, Herkomst};
use crate::http::Source;
use crate::resilience::{CircuitState, RetryPolicy};
use chrono::NaiveDate;
use envelope::{Node, Operatie};
use gbi_domain::Bsn;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use xml::Element;

pub use bijstand::{Bijstandsregeling, Bijstandsregelingen};
pub use duo::Studiefinanciering;
pub use kadaster::{KadasterPersoon, Onroerendgoed};
pub use rdw::{Voertuig, Voertuigbezit};
pub use svb::SvbUitkering;
pub use uwv::Inkomstenverhouding;

/// A period of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Periode {
    pub van: NaiveDate,
    pub tot: NaiveDate,
}

/// A Dutch street address as SuwiML delivers it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuwiAdres {
    pub straat: Option<String>,
    pub huisnummer: Option<String>,
    pub huisletter: Option<String>,
    pub huisnummertoevoeging: Option<String>,
    pub postcode: Option<String>,
    pub woonplaats: Option<String>,
}

impl SuwiAdres {
    /// Read the street address inside `el` (`Straatadres` or `StraatadresBag`).
    pub fn lees(el: &Element) -> Option<Self> {
        let a = el
            .child("StraatadresBag")
            .or_else(|| el.child("Straatadres"))?;
        Some(Self {
            straat: a.text_at(&["Straatnaam"]),
            huisnummer: a.text_at(&["Huisnr"]),
            huisletter: a.text_at(&["Huisletter"]),
            huisnummertoevoeging: a.text_at(&["Huisnrtoevoeging"]),
            postcode: a.text_at(&["Postcd"]),
            woonplaats: a.text_at(&["Woonplaatsnaam"]),
        })
    }
}

/// A date in SuwiML form (`YYYYMMDD`).
pub fn sdatum(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Parse an answer (SOAP envelope or bare response element) for `op` and
/// read it with `lees`. Faults, FWI and NietsGevonden become typed errors.
pub fn antwoord<T>(
    op: &Operatie,
    body: &[u8],
    lees: impl FnOnce(&[Element]) -> Result<T, RegisterError>,
) -> Result<T, RegisterError> {
    let root = xml::parse(body).map_err(|e| RegisterError::invalid(op.bron, e))?;
    let clients = envelope::unwrap_answer(op, &root)?;
    lees(&clients)
}

/// How the client signs its calls.
#[derive(Debug, Clone)]
enum Signing {
    /// Not configured: calls go out unsigned (BKWI refuses them).
    Unsigned,
    /// The gemeente's certificate and key from configuration.
    Signer(Arc<wss::Signer>),
    /// The process-wide throwaway identity, generated on first use.
    Throwaway,
}

/// How long a signed request is valid (`wsu:Expires` − `wsu:Created`).
const TIMESTAMP_TTL_SECONDS: i64 = 300;

/// Client for the Suwinet services GBI uses.
#[derive(Debug)]
pub struct SuwinetClient {
    signing: Signing,
    uwv: Source,
    duo: Source,
    rdw: Source,
    kadaster: Source,
    svb: Source,
    bijstandsregelingen: Source,
}

impl SuwinetClient {
    pub fn new(cfg: &RegistersConfig) -> Result<Self, ConfigError> {
        let signing = match &cfg.suwinet_signing {
            None => {
                tracing::warn!(
                    "geen [registers.suwinet_signing]: Suwinet-berichten gaan ongetekend weg en BKWI weigert ze"
                );
                Signing::Unsigned
            }
            Some(s) if s.throwaway => {
                // Make the key in the background now, so the first call does
                // not wait for RSA key generation.
                std::thread::spawn(|| {
                    let _ = wss::Signer::throwaway();
                });
                Signing::Throwaway
            }
            Some(s) => match (&s.certificate, &s.private_key) {
                (Some(cert), Some(key)) => Signing::Signer(Arc::new(
                    wss::Signer::from_files(cert, key).map_err(|reason| ConfigError::Tls {
                        bron: Bron::Uwv,
                        reason: format!("suwinet_signing: {reason}"),
                    })?,
                )),
                _ => {
                    return Err(ConfigError::Tls {
                        bron: Bron::Uwv,
                        reason: "suwinet_signing: certificate en private_key samen opgeven (of throwaway = true)".into(),
                    });
                }
            },
        };
        Ok(Self {
            signing,
            uwv: Source::new(Bron::Uwv, &cfg.uwv)?,
            duo: Source::new(Bron::Duo, &cfg.duo)?,
            rdw: Source::new(Bron::Rdw, &cfg.rdw)?,
            kadaster: Source::new(Bron::Kadaster, &cfg.kadaster)?,
            svb: Source::new(Bron::Svb, &cfg.svb)?,
            bijstandsregelingen: Source::new(Bron::Bijstandsregelingen, &cfg.bijstandsregelingen)?,
        })
    }

    /// Let one request per source through now even if its breaker is open.
    pub fn probeer_nu(&self) {
        for s in [
            &self.uwv,
            &self.duo,
            &self.rdw,
            &self.kadaster,
            &self.svb,
            &self.bijstandsregelingen,
        ] {
            s.probeer_nu();
        }
    }

    /// Circuit state per source, for health pages.
    pub fn circuits(&self) -> Vec<(Bron, CircuitState)> {
        [
            &self.uwv,
            &self.duo,
            &self.rdw,
            &self.kadaster,
            &self.svb,
            &self.bijstandsregelingen,
        ]
        .iter()
        .map(|s| (s.bron, s.circuit()))
        .collect()
    }

    /// UWV income relations and wages, optionally limited to a period.
    pub async fn inkomstenverhoudingen(
        &self,
        bsn: &Bsn,
        periode: Option<Periode>,
        doelbinding: &str,
    ) -> Result<Bevraging<Vec<Inkomstenverhouding>>, RegisterError> {
        let op = &uwv::OPERATIE;
        let detail = periode
            .map(|p| format!(" periode={}..{}", p.van, p.tot))
            .unwrap_or_default();
        self.bevraag(
            &self.uwv,
            op,
            uwv::verzoek(bsn, periode.as_ref()),
            detail,
            doelbinding,
            uwv::lees,
        )
        .await
    }

    /// DUO student finance.
    pub async fn studiefinanciering(
        &self,
        bsn: &Bsn,
        doelbinding: &str,
    ) -> Result<Bevraging<Studiefinanciering>, RegisterError> {
        self.bevraag(
            &self.duo,
            &duo::OPERATIE,
            duo::verzoek(bsn),
            String::new(),
            doelbinding,
            duo::lees,
        )
        .await
    }

    /// RDW vehicles the person was liable for from `van` (until `tot`, or now).
    pub async fn voertuigen(
        &self,
        bsn: &Bsn,
        van: NaiveDate,
        tot: Option<NaiveDate>,
        doelbinding: &str,
    ) -> Result<Bevraging<Vec<Voertuigbezit>>, RegisterError> {
        let detail = format!(
            " peilperiode={van}..{}",
            tot.map(|t| t.to_string()).unwrap_or_default()
        );
        self.bevraag(
            &self.rdw,
            &rdw::OPERATIE_VOERTUIGBEZIT,
            rdw::verzoek_voertuigbezit(bsn, van, tot),
            detail,
            doelbinding,
            rdw::lees_voertuigbezit,
        )
        .await
    }

    /// RDW details of one vehicle (brand, first admission, …).
    pub async fn voertuig(
        &self,
        kenteken: &str,
        doelbinding: &str,
    ) -> Result<Bevraging<Voertuig>, RegisterError> {
        self.bevraag(
            &self.rdw,
            &rdw::OPERATIE_KENTEKEN,
            rdw::verzoek_kenteken(kenteken)?,
            format!(" kenteken={}", rdw::normaliseer_kenteken(kenteken)),
            doelbinding,
            rdw::lees_kenteken,
        )
        .await
    }

    /// Kadaster real estate the person has rights to.
    pub async fn onroerendgoed(
        &self,
        bsn: &Bsn,
        doelbinding: &str,
    ) -> Result<Bevraging<KadasterPersoon>, RegisterError> {
        self.bevraag(
            &self.kadaster,
            &kadaster::OPERATIE,
            kadaster::verzoek(bsn),
            String::new(),
            doelbinding,
            kadaster::lees,
        )
        .await
    }

    /// SVB benefits (AOW, ANW, kinderbijslag, …).
    pub async fn svb_uitkeringen(
        &self,
        bsn: &Bsn,
        doelbinding: &str,
    ) -> Result<Bevraging<Vec<SvbUitkering>>, RegisterError> {
        self.bevraag(
            &self.svb,
            &svb::OPERATIE,
            svb::verzoek(bsn),
            String::new(),
            doelbinding,
            svb::lees,
        )
        .await
    }

    /// Applications, benefits and claims at municipalities (Bijstandsregelingen).
    pub async fn bijstandsregelingen(
        &self,
        bsn: &Bsn,
        doelbinding: &str,
    ) -> Result<Bevraging<Bijstandsregelingen>, RegisterError> {
        self.bevraag(
            &self.bijstandsregelingen,
            &bijstand::OPERATIE,
            bijstand::verzoek(bsn),
            String::new(),
            doelbinding,
            bijstand::lees,
        )
        .await
    }

    async fn bevraag<T>(
        &self,
        src: &Source,
        op: &Operatie,
        nodes: Vec<Node>,
        detail: String,
        doelbinding: &str,
        lees: fn(&[Element]) -> Result<T, RegisterError>,
    ) -> Result<Bevraging<T>, RegisterError> {
        let herkomst = Herkomst::nu(
            op.bron,
            format!("{}/{}{detail}", op.dienst, op.element),
            doelbinding,
        );
        let body = envelope::body_xml(op, &nodes);
        let signer = match &self.signing {
            Signing::Unsigned => None,
            Signing::Signer(s) => Some(s.clone()),
            Signing::Throwaway => Some(wss::Signer::throwaway().map_err(|e| {
                RegisterError::unavailable(
                    op.bron,
                    crate::error::UnavailableReason::Transport(format!(
                        "kon geen wegwerpcertificaat maken: {e}"
                    )),
                )
            })?),
        };
        let gegevens = src
            .resilience
            .run(RetryPolicy::Idempotent, || {
                let body = &body;
                let signer = signer.clone();
                async move {
                    let message_id = uuid::Uuid::new_v4();
                    let env = match &signer {
                        Some(signer) => wss::signed_envelope(
                            body,
                            &wss::Adressering {
                                action: op.action,
                                message_id,
                                to: &src.endpoint,
                                from_oin: src.oin.as_deref(),
                            },
                            signer,
                            chrono::Utc::now(),
                            chrono::Duration::seconds(TIMESTAMP_TTL_SECONDS),
                        ),
                        None => envelope::envelope(op, body, &message_id, &src.endpoint),
                    };
                    let resp = src
                        .post(&src.endpoint)
                        .header("Content-Type", "text/xml; charset=utf-8")
                        .header("SOAPAction", format!("\"{}\"", op.soap_action))
                        .body(env)
                        .send()
                        .await
                        .map_err(|e| src.transport_error(&e))?;
                    let status = resp.status();
                    let bytes = resp.bytes().await.map_err(|e| src.transport_error(&e))?;
                    if status.is_success() {
                        return antwoord(op, &bytes, lees);
                    }
                    // SOAP 1.1 sends faults with HTTP 500; read them when we can.
                    match antwoord(op, &bytes, |_| Ok(())) {
                        Err(
                            e
                            @ (RegisterError::Rejected { .. } | RegisterError::Unavailable { .. }),
                        ) => Err(e),
                        _ => Err(src.server_error(status).unwrap_or_else(|| {
                            RegisterError::Rejected {
                                bron: op.bron,
                                status: Some(status.as_u16()),
                                code: None,
                                message: status
                                    .canonical_reason()
                                    .unwrap_or("geweigerd")
                                    .to_owned(),
                                details: vec![],
                            }
                        })),
                    }
                }
            })
            .await?;
        Ok(Bevraging { herkomst, gegevens })
    }
}

//! Looplijst (proactive outreach) sources: the gemeente's own BRP extract
//! and batched yes/no questions to the UWV, Bijstandsregelingen and the
//! Belastingdienst (GBI's proposal, `docs/looplijst-criteria-api.md`).
//!
//! A question is asked about many onderwerpen (households, 1–6 BSNs each) at
//! once; the client splits them into requests of at most
//! [`MAX_ONDERWERPEN`], keeps up to the source's `concurrency` requests in
//! flight and returns one [`Antwoord`] per onderwerp in input order. The
//! requests are idempotent, so each is retried under the source's
//! resilience policy; a request that still fails fails the whole call.

pub use crate::antwoord::Antwoord;
use crate::config::LooplijstConfig;
use crate::error::{ConfigError, RegisterError, UnavailableReason};
use crate::herkomst::Bron;
use crate::http::Source;
use crate::problem::{error_from_response, query_json};
use crate::resilience::{CircuitState, RetryPolicy};
use chrono::NaiveDate;
use gbi_domain::{Bsn, GemeenteCode, Money};
use serde::{Deserialize, Serialize, Serializer};
use std::sync::Arc;
use tokio::task::JoinSet;

/// The purpose every looplijst question is asked for.
pub const DOELBINDING: &str = "PROACTIEVE_DIENSTVERLENING";
/// The purpose of the same questions about the household of one
/// application (the IIT of a resident who is not the gemeente's client).
pub const DOELBINDING_AANVRAAG: &str = "AANVRAAG_BEHANDELEN";

/// Why a question is asked: the doelbinding on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Doelbinding {
    /// The looplijst: finding residents who may have a right (issue 8).
    ProactieveDienstverlening,
    /// Handling one application the resident made.
    AanvraagBehandelen,
}

impl Doelbinding {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProactieveDienstverlening => DOELBINDING,
            Self::AanvraagBehandelen => DOELBINDING_AANVRAAG,
        }
    }
}
/// Onderwerpen per request.
pub const MAX_ONDERWERPEN: usize = 1000;
/// BSNs per onderwerp.
pub const MAX_BSNS: usize = 6;
/// Longest period a question may cover, in months.
pub const MAX_MAANDEN: u32 = 120;

/// One resident from the gemeente's BRP extract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrpIngezetene {
    pub bsn: Bsn,
    pub geboortedatum: NaiveDate,
    /// Voorletters, voorvoegsel and geslachtsnaam, e.g. `J. de Vries`.
    pub naam: String,
    pub straat: String,
    pub huisnummer: u32,
    pub huisletter: Option<String>,
    pub postcode: String,
    pub woonplaats: String,
    /// Spouse or registered partner; cohabiting partners are not in the BRP.
    pub partner: Option<Bsn>,
    #[serde(default)]
    pub ouders: Vec<Bsn>,
}

/// The source a criterion question goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriteriumBron {
    Uwv,
    Bijstandsregelingen,
    Belastingdienst,
}

impl CriteriumBron {
    /// The name in the API path and in fault settings: `uwv`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Uwv => "uwv",
            Self::Bijstandsregelingen => "bijstandsregelingen",
            Self::Belastingdienst => "belastingdienst",
        }
    }

    /// The register in errors, provenance and circuit states.
    pub fn bron(self) -> Bron {
        match self {
            Self::Uwv => Bron::LooplijstUwv,
            Self::Bijstandsregelingen => Bron::LooplijstBijstandsregelingen,
            Self::Belastingdienst => Bron::LooplijstBelastingdienst,
        }
    }
}

/// A municipal regeling a household may receive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Regeling {
    Bijstand,
    Iit,
    BijzondereBijstand,
}

impl Regeling {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bijstand => "BIJSTAND",
            Self::Iit => "IIT",
            Self::BijzondereBijstand => "BIJZONDERE_BIJSTAND",
        }
    }
}

/// A yes/no question about the persons of an onderwerp together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "vraag", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CriteriumVraag {
    /// UWV: combined net monthly income strictly below `grens` in each of
    /// the last `maanden` months.
    InkomenOnder { grens: Money, maanden: u32 },
    /// UWV: combined net monthly income at most `grens` in each of the last
    /// `maanden` months.
    InkomenTenHoogste { grens: Money, maanden: u32 },
    /// Bijstandsregelingen: any of the persons received `regeling` in the
    /// last `maanden` months.
    OntvangtRegeling { regeling: Regeling, maanden: u32 },
    /// Belastingdienst: combined box-3 capital strictly below `grens`.
    VermogenOnder { grens: Money },
}

impl CriteriumVraag {
    pub fn bron(&self) -> CriteriumBron {
        match self {
            Self::InkomenOnder { .. } | Self::InkomenTenHoogste { .. } => CriteriumBron::Uwv,
            Self::OntvangtRegeling { .. } => CriteriumBron::Bijstandsregelingen,
            Self::VermogenOnder { .. } => CriteriumBron::Belastingdienst,
        }
    }

    /// The `vraag` code on the wire.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::InkomenOnder { .. } => "INKOMEN_ONDER",
            Self::InkomenTenHoogste { .. } => "INKOMEN_TEN_HOOGSTE",
            Self::OntvangtRegeling { .. } => "ONTVANGT_REGELING",
            Self::VermogenOnder { .. } => "VERMOGEN_ONDER",
        }
    }

    fn grens(&self) -> Option<Money> {
        match self {
            Self::InkomenOnder { grens, .. }
            | Self::InkomenTenHoogste { grens, .. }
            | Self::VermogenOnder { grens } => Some(*grens),
            Self::OntvangtRegeling { .. } => None,
        }
    }

    fn maanden(&self) -> Option<u32> {
        match self {
            Self::InkomenOnder { maanden, .. }
            | Self::InkomenTenHoogste { maanden, .. }
            | Self::OntvangtRegeling { maanden, .. } => Some(*maanden),
            Self::VermogenOnder { .. } => None,
        }
    }

    fn regeling(&self) -> Option<Regeling> {
        match self {
            Self::OntvangtRegeling { regeling, .. } => Some(*regeling),
            _ => None,
        }
    }
}

struct BsnLijst<'a>(&'a [Bsn]);

impl Serialize for BsnLijst<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(Bsn::as_str))
    }
}

#[derive(Serialize)]
struct WireOnderwerp<'a> {
    bsns: BsnLijst<'a>,
}

#[derive(Serialize)]
struct WireVerzoek<'a> {
    doelbinding: &'static str,
    vraag: &'static str,
    peildatum: NaiveDate,
    grens_cents: Option<i64>,
    maanden: Option<u32>,
    regeling: Option<Regeling>,
    onderwerpen: Vec<WireOnderwerp<'a>>,
}

#[derive(Deserialize)]
struct WireAntwoorden {
    antwoorden: Vec<Antwoord>,
}

/// One question source with the number of requests kept in flight.
#[derive(Debug)]
struct Vraagbron {
    src: Arc<Source>,
    concurrency: usize,
}

impl Vraagbron {
    fn new(bron: Bron, cfg: &crate::config::SourceConfig) -> Result<Self, ConfigError> {
        Ok(Self {
            src: Arc::new(Source::new(bron, cfg)?),
            concurrency: cfg.concurrency.max(1),
        })
    }
}

/// Client for the looplijst sources.
#[derive(Debug)]
pub struct LooplijstClient {
    brp: Source,
    uwv: Vraagbron,
    bijstandsregelingen: Vraagbron,
    belastingdienst: Vraagbron,
}

impl LooplijstClient {
    pub fn new(cfg: &LooplijstConfig) -> Result<Self, ConfigError> {
        Ok(Self {
            brp: Source::new(Bron::LooplijstBrp, &cfg.brp)?,
            uwv: Vraagbron::new(Bron::LooplijstUwv, &cfg.uwv)?,
            bijstandsregelingen: Vraagbron::new(
                Bron::LooplijstBijstandsregelingen,
                &cfg.bijstandsregelingen,
            )?,
            belastingdienst: Vraagbron::new(Bron::LooplijstBelastingdienst, &cfg.belastingdienst)?,
        })
    }

    /// Circuit-breaker state of the four sources.
    pub fn circuits(&self) -> Vec<(Bron, CircuitState)> {
        [
            &self.brp,
            &*self.uwv.src,
            &*self.bijstandsregelingen.src,
            &*self.belastingdienst.src,
        ]
        .into_iter()
        .map(|s| (s.bron, s.circuit()))
        .collect()
    }

    /// Let one request through now on every open breaker.
    pub fn probeer_nu(&self) {
        self.brp.probeer_nu();
        self.uwv.src.probeer_nu();
        self.bijstandsregelingen.src.probeer_nu();
        self.belastingdienst.src.probeer_nu();
    }

    fn vraagbron(&self, bron: CriteriumBron) -> &Vraagbron {
        match bron {
            CriteriumBron::Uwv => &self.uwv,
            CriteriumBron::Bijstandsregelingen => &self.bijstandsregelingen,
            CriteriumBron::Belastingdienst => &self.belastingdienst,
        }
    }

    /// Every resident of `gemeente` from its BRP extract
    /// (`GET {brp}/ingezetenen?gemeente=…`, NDJSON). `NotFound` when the
    /// source has no residents of this gemeente.
    pub async fn ingezetenen(
        &self,
        gemeente: &GemeenteCode,
    ) -> Result<Vec<BrpIngezetene>, RegisterError> {
        let src = &self.brp;
        let url = format!(
            "{}/ingezetenen?gemeente={}",
            src.endpoint,
            gemeente.as_str()
        );
        let bytes = src
            .resilience
            .run(RetryPolicy::Idempotent, || async {
                let resp = src
                    .get(&url)
                    .header("Accept", "application/x-ndjson")
                    .send()
                    .await
                    .map_err(|e| src.transport_error(&e))?;
                if !resp.status().is_success() {
                    return Err(error_from_response(src, resp, true).await);
                }
                resp.bytes().await.map_err(|e| src.transport_error(&e))
            })
            .await?;
        let bron = src.bron;
        tokio::task::spawn_blocking(move || parse_ndjson(&bytes))
            .await
            .map_err(|e| RegisterError::invalid(bron, format!("extract: {e}")))?
            .map_err(|e| RegisterError::invalid(bron, e))
    }

    /// Ask `vraag` about every onderwerp (1–6 BSNs each) on `peildatum`,
    /// for the looplijst. One answer per onderwerp, in input order; no
    /// onderwerpen, no requests.
    pub async fn vraag(
        &self,
        vraag: &CriteriumVraag,
        peildatum: NaiveDate,
        onderwerpen: &[Vec<Bsn>],
    ) -> Result<Vec<Antwoord>, RegisterError> {
        self.vraag_voor(
            Doelbinding::ProactieveDienstverlening,
            vraag,
            peildatum,
            onderwerpen,
        )
        .await
    }

    /// [`LooplijstClient::vraag`] for another purpose.
    pub async fn vraag_voor(
        &self,
        doelbinding: Doelbinding,
        vraag: &CriteriumVraag,
        peildatum: NaiveDate,
        onderwerpen: &[Vec<Bsn>],
    ) -> Result<Vec<Antwoord>, RegisterError> {
        let vb = self.vraagbron(vraag.bron());
        controleer(vb.src.bron, vraag, onderwerpen)?;
        let url = format!("{}/vragen", vb.src.endpoint);
        let delen = onderwerpen.len().div_ceil(MAX_ONDERWERPEN);
        let mut uit: Vec<Option<Vec<Antwoord>>> = vec![None; delen];
        let mut taken: JoinSet<Result<(usize, Vec<Antwoord>), RegisterError>> = JoinSet::new();
        for (i, deel) in onderwerpen.chunks(MAX_ONDERWERPEN).enumerate() {
            if taken.len() >= vb.concurrency {
                ontvang(&mut taken, &mut uit, vb.src.bron).await?;
            }
            let body = serde_json::to_vec(&WireVerzoek {
                doelbinding: doelbinding.as_str(),
                vraag: vraag.as_str(),
                peildatum,
                grens_cents: vraag.grens().map(Money::cents),
                maanden: vraag.maanden(),
                regeling: vraag.regeling(),
                onderwerpen: deel
                    .iter()
                    .map(|o| WireOnderwerp { bsns: BsnLijst(o) })
                    .collect(),
            })
            .map_err(|e| RegisterError::invalid(vb.src.bron, format!("verzoek: {e}")))?;
            let (src, url, verwacht) = (vb.src.clone(), url.clone(), deel.len());
            taken.spawn(async move {
                let w: WireAntwoorden = query_json(&src, &url, &body, false).await?;
                if w.antwoorden.len() != verwacht {
                    return Err(RegisterError::invalid(
                        src.bron,
                        format!(
                            "{} antwoorden op {verwacht} onderwerpen",
                            w.antwoorden.len()
                        ),
                    ));
                }
                Ok((i, w.antwoorden))
            });
        }
        while !taken.is_empty() {
            ontvang(&mut taken, &mut uit, vb.src.bron).await?;
        }
        let mut antwoorden = Vec::with_capacity(onderwerpen.len());
        for deel in uit {
            match deel {
                Some(a) => antwoorden.extend(a),
                None => return Err(RegisterError::invalid(vb.src.bron, "deel zonder antwoord")),
            }
        }
        Ok(antwoorden)
    }
}

/// Wait for one request; its error ends the call (the rest is aborted when
/// the `JoinSet` is dropped).
async fn ontvang(
    taken: &mut JoinSet<Result<(usize, Vec<Antwoord>), RegisterError>>,
    uit: &mut [Option<Vec<Antwoord>>],
    bron: Bron,
) -> Result<(), RegisterError> {
    match taken.join_next().await {
        Some(Ok(Ok((i, a)))) => {
            if let Some(plek) = uit.get_mut(i) {
                *plek = Some(a);
            }
            Ok(())
        }
        Some(Ok(Err(e))) => Err(e),
        Some(Err(e)) => Err(RegisterError::unavailable(
            bron,
            UnavailableReason::Transport(format!("taak afgebroken: {e}")),
        )),
        None => Ok(()),
    }
}

/// Refuse what the source would refuse, before sending anything.
fn controleer(
    bron: Bron,
    vraag: &CriteriumVraag,
    onderwerpen: &[Vec<Bsn>],
) -> Result<(), RegisterError> {
    let weiger = |code: &str, message: String| RegisterError::Rejected {
        bron,
        status: None,
        code: Some(code.into()),
        message,
        details: vec![],
    };
    if vraag.grens().is_some_and(Money::is_negative) {
        return Err(weiger("grens_cents", "grens is negatief".into()));
    }
    if vraag
        .maanden()
        .is_some_and(|m| !(1..=MAX_MAANDEN).contains(&m))
    {
        return Err(weiger(
            "maanden",
            format!("maanden ligt niet tussen 1 en {MAX_MAANDEN}"),
        ));
    }
    if let Some(i) = onderwerpen
        .iter()
        .position(|o| o.is_empty() || o.len() > MAX_BSNS)
    {
        return Err(weiger(
            "onderwerpen",
            format!("onderwerp {i} heeft geen of meer dan {MAX_BSNS} burgerservicenummers"),
        ));
    }
    Ok(())
}

/// Parse an NDJSON extract, in parallel parts split at line ends.
fn parse_ndjson(bytes: &[u8]) -> Result<Vec<BrpIngezetene>, String> {
    let threads = if bytes.len() < 1 << 20 {
        1
    } else {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(8)
    };
    let mut grenzen = vec![0usize];
    for k in 1..threads {
        let vanaf = (bytes.len() * k / threads).max(grenzen.last().copied().unwrap_or(0));
        let eind = bytes
            .get(vanaf..)
            .and_then(|r| r.iter().position(|b| *b == b'\n'))
            .map_or(bytes.len(), |p| vanaf + p + 1);
        grenzen.push(eind);
    }
    grenzen.push(bytes.len());
    let delen: Vec<&[u8]> = grenzen
        .windows(2)
        .filter_map(|w| bytes.get(w[0]..w[1]))
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = delen
            .iter()
            .map(|deel| scope.spawn(move || parse_deel(deel)))
            .collect();
        let mut uit = Vec::new();
        for h in handles {
            match h.join() {
                Ok(Ok(v)) => {
                    if uit.is_empty() {
                        uit = v;
                    } else {
                        uit.extend(v);
                    }
                }
                Ok(Err(e)) => return Err(e),
                Err(_) => return Err("parser afgebroken".to_string()),
            }
        }
        Ok(uit)
    })
}

fn parse_deel(deel: &[u8]) -> Result<Vec<BrpIngezetene>, String> {
    let mut uit = Vec::with_capacity(deel.len() / 200 + 1);
    for regel in deel.split(|b| *b == b'\n') {
        let regel = regel.strip_suffix(b"\r").unwrap_or(regel);
        if regel.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let p = serde_json::from_slice(regel).map_err(|e| format!("ongeldige regel: {e}"))?;
        uit.push(p);
    }
    Ok(uit)
}

//! Clients for the registers GBI consults: the BRP (Haal Centraal), Suwinet
//! (SOAP), the Belastingdienst, Socrates and the looplijst sources.
//!
//! Every query result comes as a [`Bevraging`] with its [`Herkomst`]
//! (source, moment, question, purpose), every failure as a [`RegisterError`].
//! Each source has its own timeout, retries, circuit breaker and concurrency
//! limit ([`resilience`]).

pub mod antwoord;
pub mod belastingdienst;
pub mod brp;
pub mod config;
pub mod error;
pub mod herkomst;
mod http;
pub mod looplijst;
mod problem;
pub mod resilience;
pub mod socrates;
pub mod suwinet;

pub use antwoord::Antwoord;
pub use belastingdienst::BelastingdienstClient;
pub use brp::BrpClient;
pub use config::{LooplijstConfig, RegistersConfig, SigningConfig, SourceConfig};
pub use error::{ConfigError, RegisterError, UnavailableReason};
pub use herkomst::{Bevraging, Bron, Herkomst};
pub use http::with_trace;
pub use looplijst::{BrpIngezetene, CriteriumBron, CriteriumVraag, LooplijstClient, Regeling};
pub use resilience::CircuitState;
pub use socrates::SocratesClient;
pub use suwinet::SuwinetClient;

/// All register clients, built from one configuration.
#[derive(Debug)]
pub struct Registers {
    pub brp: BrpClient,
    pub suwinet: SuwinetClient,
    pub belastingdienst: BelastingdienstClient,
    pub socrates: SocratesClient,
    /// Present when the configuration has a `looplijst` section.
    pub looplijst: Option<LooplijstClient>,
}

impl Registers {
    pub fn new(cfg: &RegistersConfig) -> Result<Self, ConfigError> {
        Ok(Self {
            brp: BrpClient::new(&cfg.brp)?,
            suwinet: SuwinetClient::new(cfg)?,
            belastingdienst: BelastingdienstClient::new(&cfg.belastingdienst)?,
            socrates: SocratesClient::new(&cfg.socrates)?,
            looplijst: cfg
                .looplijst
                .as_ref()
                .map(LooplijstClient::new)
                .transpose()?,
        })
    }

    /// A person asked to try again now: every open breaker lets one probe
    /// through at once instead of waiting for its cooldown.
    pub fn probeer_nu(&self) {
        self.brp.probeer_nu();
        self.suwinet.probeer_nu();
        self.belastingdienst.probeer_nu();
        self.socrates.probeer_nu();
        if let Some(l) = &self.looplijst {
            l.probeer_nu();
        }
    }

    /// Circuit-breaker state of every source, for a health page.
    pub fn circuits(&self) -> Vec<(Bron, CircuitState)> {
        let mut out = vec![(Bron::Brp, self.brp.circuit())];
        out.extend(self.suwinet.circuits());
        out.push((Bron::Belastingdienst, self.belastingdienst.circuit()));
        out.push((Bron::Socrates, self.socrates.circuit()));
        if let Some(l) = &self.looplijst {
            out.extend(l.circuits());
        }
        out
    }
}

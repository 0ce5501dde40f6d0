//! Clients for the registers GBI consults: the BRP (Haal Centraal), Suwinet
//! (SOAP), the Belastingdienst and Socrates.
//!
//! Every query result comes as a [`Bevraging`] with its [`Herkomst`]
//! (source, moment, question, purpose), every failure as a [`RegisterError`].
//! Each source has its own timeout, retries, circuit breaker and concurrency
//! limit ([`resilience`]).

pub mod brp;
pub mod config;
pub mod error;
pub mod herkomst;
mod http;
mod problem;
pub mod resilience;
pub mod suwinet;

pub use brp::BrpClient;
pub use config::{RegistersConfig, SourceConfig};
pub use error::{ConfigError, RegisterError, UnavailableReason};
pub use herkomst::{Bevraging, Bron, Herkomst};
pub use resilience::CircuitState;
pub use suwinet::SuwinetClient;

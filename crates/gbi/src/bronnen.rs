//! Wiring of the registers for `gbi serve`: the clients of the `[registers]`
//! configuration, or in demo mode the testbed started in this process with
//! the clients pointed at it. The rest of the system cannot tell the two
//! apart.

use crate::config::FileConfig;
use anyhow::{Result, anyhow};
use gbi_registers::{LooplijstClient, Registers, RegistersConfig};
use gbi_rules::Regels;
use gbi_testbed::population::{Population, Rol};
use gbi_testbed::{RunningTestbed, TestbedConfig};
use gbi_zaken::registers::RegisterBronnen;
use std::sync::Arc;

/// Residents in the demo testbed population (enough for a city district).
pub const DEMO_POPULATIE: usize = 20_000;

pub struct Wiring {
    pub bronnen: RegisterBronnen,
    /// The in-process testbed in demo mode.
    pub testbed: Option<RunningTestbed>,
    /// The looplijst sources, when `[registers.looplijst]` is set (always
    /// in demo mode: the testbed has them).
    pub looplijst: Option<Arc<LooplijstClient>>,
}

pub async fn build(file: &FileConfig, demo: bool, regels: Arc<Regels>) -> Result<Option<Wiring>> {
    let (config, testbed) = match (&file.registers, demo) {
        (Some(c), _) => (c.clone(), None),
        (None, true) => {
            let tb = gbi_testbed::start(TestbedConfig {
                population: file.demo_populatie.unwrap_or(DEMO_POPULATIE),
                ..TestbedConfig::default()
            })
            .await
            .map_err(|e| anyhow!("de testbed start niet: {e:#}"))?;
            // Suwinet calls are signed with a throwaway certificate made at
            // start; the testbed trusts that one and no other.
            let signer = gbi_registers::suwinet::wss::Signer::throwaway()
                .map_err(|e| anyhow!("wegwerpcertificaat voor Suwinet: {e}"))?;
            tb.trust_suwinet_certificate(signer.certificate_der().to_vec());
            (RegistersConfig::testbed(&tb.base_url()), Some(tb))
        }
        (None, false) => return Ok(None),
    };
    let registers =
        Registers::new(&config).map_err(|e| anyhow!("configuratie [registers]: {e}"))?;
    let looplijst = config
        .looplijst
        .as_ref()
        .map(LooplijstClient::new)
        .transpose()
        .map_err(|e| anyhow!("configuratie [registers.looplijst]: {e}"))?
        .map(Arc::new);
    Ok(Some(Wiring {
        bronnen: RegisterBronnen::new(Arc::new(registers), regels),
        testbed,
        looplijst,
    }))
}

/// Demo residents: heads of household aged 21 to 66 in the testbed
/// population, first those whom the generator marks as entitled to bijstand
/// without receiving it. `(bsn, naam)`, deterministic.
pub fn demo_inwoners(p: &Population, aantal: usize) -> Vec<(String, String)> {
    let peil = gbi_testbed::population::referentiedatum();
    let mut kandidaten: Vec<_> = p
        .ingezetenen
        .iter()
        .filter(|i| i.rol == Rol::Hoofd)
        .filter(|i| (21..67).contains(&gbi_domain::date::age_on(i.geboortedatum, peil)))
        .filter_map(|i| p.huishouden_van(i).map(|h| (i, h)))
        .collect();
    kandidaten.sort_by_key(|(i, h)| (!h.waarheid.recht_bijstand_zonder_uitkering, i.index));
    kandidaten
        .into_iter()
        .take(aantal)
        .map(|(i, _)| {
            let naam = [
                Some(i.voornamen.as_str()),
                i.voorvoegsel.as_deref(),
                Some(i.geslachtsnaam.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            (format!("{:09}", i.bsn), naam)
        })
        .collect()
}

//! Load run of the looplijst sources against a local testbed (loopback only):
//! the BRP extract and the yes/no questions through `LooplijstClient`.
//!
//!     cargo run --release -p gbi-registers --example looplijst_load -- 1000000

use chrono::NaiveDate;
use gbi_domain::{Bsn, GemeenteCode, Money};
use gbi_registers::{CriteriumVraag, LooplijstClient, Regeling, RegistersConfig};
use gbi_testbed::population::Rol;
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let t = Instant::now();
    let tb = gbi_testbed::start(gbi_testbed::TestbedConfig {
        population: n,
        ..Default::default()
    })
    .await?;
    println!(
        "population {n}: generated in {:.2}s",
        t.elapsed().as_secs_f64()
    );
    let pop = tb.population();

    for keer in [
        "first, built in the background at start",
        "second, from cache",
    ] {
        let t = Instant::now();
        let raw = reqwest::Client::new()
            .get(format!(
                "{}/looplijst/v1/brp/ingezetenen?gemeente=0392",
                tb.base_url()
            ))
            .send()
            .await?
            .bytes()
            .await?;
        println!(
            "extract over HTTP, bytes only ({keer}): {:.2}s, {} lines",
            t.elapsed().as_secs_f64(),
            raw.iter().filter(|b| **b == b'\n').count()
        );
    }

    let t = Instant::now();
    let body = gbi_testbed::looplijst::extract(&pop);
    println!(
        "extract built again in-process (parallel, for the build time alone): {:.2}s, {} MB",
        t.elapsed().as_secs_f64(),
        body.len() / 1_000_000
    );
    drop(body);

    let cfg = RegistersConfig::testbed(&tb.base_url()).map_sources(|s| {
        s.timeout_ms = 60_000;
        s.concurrency = 8;
    });
    let Some(lcfg) = cfg.looplijst else {
        anyhow::bail!("no looplijst config");
    };
    let client = LooplijstClient::new(&lcfg)?;
    let t = Instant::now();
    let lijst = client.ingezetenen(&GemeenteCode::parse("0392")?).await?;
    println!(
        "extract through LooplijstClient::ingezetenen (HTTP + parse): {:.2}s, {} residents",
        t.elapsed().as_secs_f64(),
        lijst.len()
    );
    drop(lijst);

    // One onderwerp per household: its adults.
    let onderwerpen: Vec<Vec<Bsn>> = pop
        .huishoudens
        .iter()
        .map(|h| {
            h.leden
                .iter()
                .filter_map(|i| pop.resident(*i))
                .filter(|p| p.rol != Rol::Kind)
                .filter_map(gbi_testbed::population::bsn)
                .collect()
        })
        .collect();
    let peildatum = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
    for vraag in [
        CriteriumVraag::InkomenTenHoogste {
            grens: Money::from_cents(168_180),
            maanden: 36,
        },
        CriteriumVraag::OntvangtRegeling {
            regeling: Regeling::Bijstand,
            maanden: 12,
        },
        CriteriumVraag::VermogenOnder {
            grens: Money::from_cents(799_500),
        },
    ] {
        let t = Instant::now();
        let a = client.vraag(&vraag, peildatum, &onderwerpen).await?;
        let s = t.elapsed().as_secs_f64();
        println!(
            "{} ({}): {} onderwerpen in {s:.2}s = {:.0} onderwerpen/s (1000 a request, 8 in flight)",
            vraag.as_str(),
            vraag.bron().as_str(),
            a.len(),
            a.len() as f64 / s
        );
    }
    let o = tb.looplijst_ontvangen().overzicht();
    println!(
        "testbed received {} requests, {} onderwerpen, {} BSNs ({} distinct)",
        o.verzoeken, o.onderwerpen, o.bsns, o.verschillende_bsns
    );
    tb.shutdown().await;
    Ok(())
}

//! `gbi testbed`: the simulated registers (BRP, Suwinet, Belastingdienst,
//! Socrates) over HTTP, with a synthetic population and fault injection.

use anyhow::{Context, Result, anyhow, bail};
use clap::Args as ClapArgs;
use gbi_testbed::{Fault, TestbedConfig};
use std::net::SocketAddr;
use std::time::Instant;

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    #[arg(long, default_value_t = 8090)]
    port: u16,
    /// Number of synthetic residents (one gemeente).
    #[arg(long, default_value_t = 100_000)]
    population: usize,
    /// Seed of the generator: the same seed gives the same population.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// CBS code of the gemeente the population lives in.
    #[arg(long, default_value = "0392")]
    gemeente: String,
    /// A fault for a source at start, e.g. `uwv:down`, `brp:latency_ms=500`,
    /// `kadaster:error_rate=0.3`, `svb:timeout`. May be repeated. Change
    /// faults at run time with PUT /admin/faults/{source}.
    #[arg(long = "fault")]
    faults: Vec<String>,
}

/// Parse `source:key[=value],key…` into a source and its fault.
pub fn parse_fault(s: &str) -> Result<(String, Fault)> {
    let (source, rest) = s
        .split_once(':')
        .ok_or_else(|| anyhow!("--fault {s}: schrijf bron:instelling, bijvoorbeeld uwv:down"))?;
    let mut f = Fault::default();
    for part in rest.split(',') {
        match part.split_once('=') {
            None if part == "down" => f.down = true,
            None if part == "timeout" => f.timeout = true,
            Some(("latency_ms", v)) => {
                f.latency_ms = v
                    .parse()
                    .with_context(|| format!("--fault {s}: latency_ms moet een heel getal zijn"))?
            }
            Some(("error_rate", v)) => {
                f.error_rate = v.parse().with_context(|| {
                    format!("--fault {s}: error_rate moet een getal tussen 0 en 1 zijn")
                })?;
                if !(0.0..=1.0).contains(&f.error_rate) {
                    bail!("--fault {s}: error_rate moet tussen 0 en 1 liggen");
                }
            }
            _ => bail!(
                "--fault {s}: onbekende instelling \"{part}\" (down, timeout, latency_ms=…, error_rate=…)"
            ),
        }
    }
    Ok((source.to_owned(), f))
}

pub fn run(args: Args) -> Result<()> {
    let faults = args
        .faults
        .iter()
        .map(|f| parse_fault(f))
        .collect::<Result<Vec<_>>>()?;
    gbi_domain::GemeenteCode::parse(&args.gemeente)
        .map_err(|e| anyhow!("--gemeente: {}", e.message))?;
    let bind: SocketAddr = format!("{}:{}", args.bind, args.port)
        .parse()
        .with_context(|| format!("{}:{} is geen geldig adres", args.bind, args.port))?;
    let rt = tokio::runtime::Runtime::new().context("de runtime kan niet starten")?;
    rt.block_on(async move {
        let start = Instant::now();
        let tb = gbi_testbed::start(TestbedConfig {
            bind,
            population: args.population,
            seed: args.seed,
            gemeente_code: args.gemeente.clone(),
        })
        .await
        .map_err(|e| anyhow!("de testbed start niet: {e:#}"))?;
        for (source, fault) in faults {
            tb.faults()
                .set(&source, fault)
                .map_err(|e| anyhow!("--fault: {e}"))?;
        }
        let base = tb.base_url();
        println!(
            "Testbed draait op {base} ({} inwoners, seed {}, gemeente {}, klaar in {:.1} s)",
            args.population,
            args.seed,
            args.gemeente,
            start.elapsed().as_secs_f64()
        );
        println!("  BRP:              POST {base}/haalcentraal/api/brp/personen");
        println!("  Suwinet:          POST {base}/suwinet/{{Dienst}}");
        println!("  Belastingdienst:  POST {base}/belastingdienst/v1/toetsingen");
        println!("  Socrates:         POST {base}/socrates/api/v1/LOBehandeld");
        println!("  storingen:        GET/PUT/DELETE {base}/admin/faults[/{{bron}}]");
        println!("  grondwaarheid:    GET {base}/admin/population/{{bsn}}");
        println!("Stoppen: Ctrl+C");
        let _ = tokio::signal::ctrl_c().await;
        tb.shutdown().await;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::parse_fault;

    #[test]
    fn faults_parse() {
        let (s, f) = parse_fault("uwv:down").unwrap();
        assert_eq!(s, "uwv");
        assert!(f.down);
        let (_, f) = parse_fault("brp:latency_ms=500,error_rate=0.25").unwrap();
        assert_eq!((f.latency_ms, f.error_rate), (500, 0.25));
        assert!(parse_fault("brp").is_err());
        assert!(parse_fault("brp:error_rate=2").is_err());
        assert!(parse_fault("brp:kapot").is_err());
    }
}

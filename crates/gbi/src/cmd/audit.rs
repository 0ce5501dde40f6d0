//! `gbi audit verify`: check the processing log's hash chains, and hold
//! each chain's head against its anchors in the anchor file.

use crate::config::{self, DbFlags, Sleutel};
use anyhow::{Context, Result, bail};
use clap::{Args as ClapArgs, Subcommand};
use gbi_store::logboek::{self, ChainReport, anker};

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: AuditCommand,
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check that no record of the processing log was changed, removed or
    /// inserted afterwards, also against the anchor file. Exits with 1 when
    /// a problem is found, with 2 when the key file is missing (verify never
    /// makes a key).
    Verify {
        #[command(flatten)]
        db: DbFlags,
    },
}

pub fn run(args: Args) -> Result<()> {
    let AuditCommand::Verify { db } = args.command;
    let file = config::load_file(db.config.as_deref())?;
    let database = config::database_met(&db, &file, Sleutel::MoetBestaan)?;
    let rt = tokio::runtime::Runtime::new().context("de runtime kan niet starten")?;
    rt.block_on(async {
        let store = config::connect(&database, false).await?;
        let stand = anker::lees(&store, &database.ankers).map_err(|e| anyhow::anyhow!("{e}"))?;
        let ankers = stand
            .as_ref()
            .map(|s| s.per_gemeente.clone())
            .unwrap_or_default();
        let reports = logboek::verify_against(&store, &ankers)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut broken = 0;
        for r in &reports {
            if print_report(r) {
                broken += 1;
            }
        }
        let pad = database.ankers.display();
        let bestand_fout = match &stand {
            Some(s) if !s.problemen.is_empty() => {
                println!(
                    "ankerbestand {pad}: {} probleem/problemen:",
                    s.problemen.len()
                );
                for p in &s.problemen {
                    println!("  - {p}");
                }
                true
            }
            Some(_) => false,
            None if reports.iter().any(|r| r.records > 0) => {
                println!(
                    "ankerbestand {pad} ontbreekt, maar het logboek heeft records: of de laatste \
                     records er nog zijn, is niet na te gaan. `gbi serve` maakt het bestand bij de \
                     start; is het weggehaald of verplaatst?"
                );
                true
            }
            None => false,
        };
        if broken > 0 {
            bail!("het logboek is aangetast bij {broken} gemeente(n)");
        }
        if bestand_fout {
            bail!("het ankerbestand {pad} is niet in orde");
        }
        println!("Logboek in orde.");
        Ok(())
    })
}

/// Print one gemeente's result; true when it has problems.
fn print_report(r: &ChainReport) -> bool {
    if r.problems.is_empty() {
        let anker = match r.verankerd {
            Some(seq) => format!(", verankerd tot en met record {seq}"),
            None if r.records > 0 => ", nog niet verankerd".to_owned(),
            None => String::new(),
        };
        println!(
            "gemeente {}: {} records, keten in orde{anker}",
            r.gemeente_code, r.records
        );
        return false;
    }
    println!(
        "gemeente {}: {} records, {} probleem/problemen:",
        r.gemeente_code,
        r.records,
        r.problems.len()
    );
    for p in &r.problems {
        println!("  - {p}");
    }
    true
}

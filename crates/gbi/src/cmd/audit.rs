//! `gbi audit verify`: check the processing log's hash chains.

use crate::config::{self, DbFlags};
use anyhow::{Context, Result, bail};
use clap::{Args as ClapArgs, Subcommand};
use gbi_store::logboek;

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: AuditCommand,
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check that no record of the processing log was changed, removed or
    /// inserted afterwards. Exits with 1 when a problem is found.
    Verify {
        #[command(flatten)]
        db: DbFlags,
    },
}

pub fn run(args: Args) -> Result<()> {
    let AuditCommand::Verify { db } = args.command;
    let file = config::load_file(db.config.as_deref())?;
    let rt = tokio::runtime::Runtime::new().context("de runtime kan niet starten")?;
    rt.block_on(async {
        let database = config::database(&db, &file)?;
        let store = config::connect(&database, false).await?;
        let reports = logboek::verify(&store)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut broken = 0;
        for r in &reports {
            if r.problems.is_empty() {
                println!(
                    "gemeente {}: {} records, keten in orde",
                    r.gemeente_code, r.records
                );
            } else {
                broken += 1;
                println!(
                    "gemeente {}: {} records, {} probleem/problemen:",
                    r.gemeente_code,
                    r.records,
                    r.problems.len()
                );
                for p in &r.problems {
                    println!("  - {p}");
                }
            }
        }
        if broken > 0 {
            bail!("het logboek is aangetast bij {broken} gemeente(n)");
        }
        println!("Logboek in orde.");
        Ok(())
    })
}

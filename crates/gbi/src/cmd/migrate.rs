//! `gbi migrate`: bring the schema up to date.

use crate::config::{self, DbFlags};
use anyhow::{Context, Result};
use clap::Args as ClapArgs;

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(flatten)]
    pub db: DbFlags,
}

pub fn run(args: Args) -> Result<()> {
    let file = config::load_file(args.db.config.as_deref())?;
    let rt = tokio::runtime::Runtime::new().context("de runtime kan niet starten")?;
    rt.block_on(async {
        let database = config::database(&args.db, &file)?;
        let db = config::connect(&database, false).await?;
        let ran = db.migrate().await.map_err(|e| anyhow::anyhow!("{e}"))?;
        let status = db
            .migration_status()
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "{ran} migratie(s) uitgevoerd; het schema staat op versie {}.",
            status.applied
        );
        Ok(())
    })
}

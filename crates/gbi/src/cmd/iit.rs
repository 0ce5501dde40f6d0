//! `gbi iit uitnodigen`: the monthly invitation to the individuele
//! inkomenstoeslag (art. 36) for one gemeente's own clients. Safe to run
//! again: nobody is invited twice in a month. `gbi serve` runs it by
//! itself on the first days of every month.

use crate::config::{self, DbFlags};
use anyhow::{Context, Result, anyhow};
use clap::{Args as ClapArgs, Subcommand};
use gbi_store::{Scope, gemeenten};

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: IitCommand,
}

#[derive(Subcommand, Debug)]
pub enum IitCommand {
    /// Invite every own client who meets the conditions again, with a
    /// prefilled application they confirm themselves.
    Uitnodigen {
        #[command(flatten)]
        db: DbFlags,
        /// CBS code, e.g. 0392.
        #[arg(long)]
        gemeente: String,
        /// The day of the run (default today), e.g. 2026-12-01.
        #[arg(long)]
        datum: Option<String>,
    },
}

pub fn run(args: Args) -> Result<()> {
    let rt = tokio::runtime::Runtime::new().context("de runtime kan niet starten")?;
    match args.command {
        IitCommand::Uitnodigen {
            db,
            gemeente,
            datum,
        } => rt.block_on(uitnodigen(db, &gemeente, datum.as_deref())),
    }
}

async fn uitnodigen(flags: DbFlags, gemeente: &str, datum: Option<&str>) -> Result<()> {
    let vandaag = match datum {
        Some(d) => {
            gbi_domain::date::parse_datum_nl(d).map_err(|e| anyhow!("--datum: {}", e.message))?
        }
        None => gbi_domain::today_amsterdam(),
    };
    let (file, db, gemeente) = config::gemeente_db(&flags, gemeente).await?;
    let regels = config::regels(&file)?;
    let naam = gemeenten::get(&db, &gemeente)
        .await?
        .map(|g| g.naam)
        .unwrap_or_else(|| gemeente.to_string());
    let scope = Scope::system(gemeente, "iit-uitnodigen");
    // Letters on paper in the gemeente's house style; without one the
    // report counts who got no letter.
    let huisstijl = config::huisstijl_van(&config::huisstijlen(&file)?, gemeente, &naam, false);
    let v = gbi_zaken::iit_uitnodiging::uitnodigen(
        &db,
        &scope,
        &regels,
        &naam,
        huisstijl.as_ref(),
        vandaag,
    )
    .await?;
    print!("{}", verslag(&v));
    Ok(())
}

/// The report of a run, in Dutch.
pub fn verslag(v: &gbi_zaken::iit_uitnodiging::Verslag) -> String {
    let mut s = format!(
        "Individuele inkomenstoeslag {}: {} eigen cliënten met bijstand; {} uitgenodigd, {} waren deze maand al uitgenodigd, {} voldoen nu niet.\n",
        v.maand.map(|m| m.to_string()).unwrap_or_default(),
        v.clienten,
        v.uitgenodigd,
        v.al_uitgenodigd,
        v.voldoet_niet
    );
    for (reden, n) in &v.niet_berekend {
        s.push_str(&format!(
            "Niet te beoordelen ({n}): {reden}. Een medewerker kijkt hiernaar.\n"
        ));
    }
    if v.op_papier > 0 {
        s.push_str(&format!(
            "Ook op papier ({}): zij kozen niet voor alleen online; de brief staat in de printwachtrij.\n",
            v.op_papier
        ));
    }
    for (reden, n) in &v.zonder_brief {
        s.push_str(&format!(
            "Geen brief op papier ({n}): {reden}. Alleen online uitgenodigd.\n"
        ));
    }
    s
}

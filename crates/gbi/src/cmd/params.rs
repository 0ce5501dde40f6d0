//! `gbi params check`: which national parameters or municipal policy will be
//! missing before a date (default: six weeks from today), so monitoring sees
//! an indexation date coming instead of the first betaalrun failing on it.

use super::calc::ParamsFlag;
use anyhow::{Result, anyhow, bail};
use chrono::{Days, NaiveDate};
use clap::{Args as ClapArgs, Subcommand};

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Commando,
}

#[derive(Subcommand, Debug)]
enum Commando {
    /// List what is missing up to a date and exit 1 when anything is.
    Check {
        /// Look ahead up to and including this date (yyyy-mm-dd); default
        /// six weeks from today.
        #[arg(long)]
        tot: Option<String>,
        /// Count from this date instead of today (yyyy-mm-dd).
        #[arg(long)]
        vanaf: Option<String>,
        #[command(flatten)]
        params: ParamsFlag,
    },
}

fn datum(veld: &str, s: &str) -> Result<NaiveDate> {
    gbi_domain::date::parse_date(s).map_err(|e| anyhow!("--{veld}: {}", e.message))
}

pub fn run(args: Args) -> Result<()> {
    let Commando::Check { tot, vanaf, params } = args.command;
    let van = match vanaf {
        Some(v) => datum("vanaf", &v)?,
        None => gbi_domain::today_amsterdam(),
    };
    let tot = match tot {
        Some(t) => datum("tot", &t)?,
        None => van
            .checked_add_days(Days::new(gbi_rules::params::VOORUITKIJKEN_DAGEN))
            .unwrap_or(van),
    };
    if tot < van {
        bail!("--tot ({tot}) ligt voor {van}");
    }
    let regels = params.regels()?;
    let ontbrekend = regels.parameters.ontbrekend(van, tot);
    if ontbrekend.is_empty() {
        println!("Alle parameters en al het beleid zijn er van {van} tot en met {tot}.");
        return Ok(());
    }
    println!("Ontbreekt van {van} tot en met {tot}:");
    for o in &ontbrekend {
        println!("  - {o}");
    }
    bail!(
        "{} onderwerp(en) zonder parameters of beleid vóór {tot}: laad de nieuwe bestanden (--params of [rules] params_dir)",
        ontbrekend.len()
    )
}

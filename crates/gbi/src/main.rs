//! `gbi`: one binary, with a subcommand per job. Each subcommand lives in its
//! own module under `cmd/`; this file only parses arguments and dispatches.

mod bronnen;
mod cmd;
mod config;
mod demo;
mod logboek_otlp;
mod telemetry;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "gbi",
    version,
    about = "GBI: de inkomensregelingen van de Participatiewet, samen voor gemeenten"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (werkplek, portal, APIs). `--demo` loads demo data.
    Serve(cmd::serve::Args),
    /// Bring the database schema up to date and stop.
    Migrate(cmd::migrate::Args),
    /// Check the processing log (Logboek Dataverwerkingen).
    Audit(cmd::audit::Args),
    /// Monthly benefit payments (betaalrun) and their benchmark.
    Payments(cmd::payments::Args),
    /// The rules engine: one household with its explanation, or a batch CSV.
    Calc(cmd::calc::Args),
    /// The looplijst (proactive outreach): make one, delete expired ones,
    /// and its benchmark with precision and recall.
    Looplijst(cmd::looplijst::Args),
    /// The parameter files: `gbi params check` lists what will be missing.
    Params(cmd::params::Args),
    /// Benchmarks that print figures.
    Bench(cmd::bench::Args),
    /// The individuele inkomenstoeslag: the monthly invitation of own clients.
    Iit(cmd::iit::Args),
    /// The simulated registers over HTTP, with a synthetic population and
    /// fault injection (for development and tests; never real data).
    Testbed(cmd::testbed::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => cmd::serve::run(args),
        Command::Migrate(args) => cmd::migrate::run(args),
        Command::Audit(args) => cmd::audit::run(args),
        Command::Payments(args) => cmd::payments::run(args),
        Command::Calc(args) => cmd::calc::run(args),
        Command::Bench(args) => cmd::bench::run(args),
        Command::Iit(args) => cmd::iit::run(args),
        Command::Params(args) => cmd::params::run(args),
        Command::Looplijst(args) => cmd::looplijst::run(args),
        Command::Testbed(args) => cmd::testbed::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gbi: {e:#}");
            // Refused to run (not a finding): 2, as for a usage error.
            if e.chain().any(|c| c.is::<config::SleutelOntbreekt>()) {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

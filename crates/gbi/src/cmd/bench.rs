//! `gbi bench`: benchmarks that print figures (never tests that fail on a
//! slow machine).

use crate::cmd::calc::{ParamsFlag, genereer, run_batch};
use anyhow::{Context, Result, anyhow};
use chrono::{Datelike, NaiveDate};
use clap::{Args as ClapArgs, Subcommand};
use gbi_rules::batch::Batch;
use gbi_rules::{Huishouden, Uitleg, bereken_met, tekst};
use serde_json::json;
use std::hint::black_box;
use std::time::Instant;

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: BenchCommand,
}

#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// The rules engine: households per second for the batch run (CSV in and
    /// out, all cores) and microseconds per household with a full explanation.
    Rules {
        #[arg(long, default_value_t = 1_000_000)]
        households: u64,
        #[arg(long, default_value = "2026-01-01")]
        date: String,
        #[command(flatten)]
        params: ParamsFlag,
    },
    /// Wat-als: a draft policy (the demo draft for Haarlem) against the
    /// current one over a synthetic caseload in memory; households per
    /// second and the total time.
    WatAls(CaseloadBench),
    /// The monthly IIT invitation over a synthetic caseload of own
    /// clients in memory; clients per second and the total time.
    IitUitnodigingen(CaseloadBench),
    /// The same run as `gbi serve` does it: own clients with household
    /// facts in a fresh SQLite database (or --database-url), read, assessed
    /// and each invited with a prefilled application and a message.
    /// Fill a database at national scale (default: 1.000.000 zaken over 20
    /// gemeenten, three statuses, an applicant and a document each, 400.000
    /// running benefits) for measuring the lists; prints rows per second.
    Seed(super::bench_seed::Seed),
    /// The werkvoorraad and zaken list through HTTP on a running server
    /// (`gbi serve --demo` on a seeded database): p50 and p99 per list at
    /// 1 and 50 concurrent clients.
    Lijsten(super::bench_seed::Lijsten),
    IitUitnodigingenDatabase {
        #[command(flatten)]
        db: crate::config::DbFlags,
        #[arg(long, default_value_t = 100_000)]
        aantal: usize,
        #[arg(long, default_value = "2026-07-01")]
        date: String,
    },
}

/// The flags of a benchmark over a synthetic caseload.
#[derive(ClapArgs, Debug)]
pub struct CaseloadBench {
    #[arg(long, default_value_t = 100_000)]
    pub aantal: usize,
    #[arg(long, default_value = "2026-07-01")]
    pub date: String,
    #[command(flatten)]
    pub params: ParamsFlag,
}

pub fn run(args: Args) -> Result<()> {
    match args.command {
        BenchCommand::Rules {
            households,
            date,
            params,
        } => rules(households, &date, &params),
        BenchCommand::WatAls(a) => super::bench_regelingen::wat_als(a.aantal, &a.date, &a.params),
        BenchCommand::IitUitnodigingen(a) => {
            super::bench_regelingen::iit_uitnodigingen(a.aantal, &a.date, &a.params)
        }
        BenchCommand::Seed(a) => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?
            .block_on(super::bench_seed::seed(a)),
        BenchCommand::Lijsten(a) => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?
            .block_on(super::bench_seed::lijsten(a)),
        BenchCommand::IitUitnodigingenDatabase { db, aantal, date } => {
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?
                .block_on(super::bench_regelingen::iit_uitnodigingen_database(
                    db, aantal, &date,
                ))
        }
    }
}

fn rules(n: u64, date: &str, params: &ParamsFlag) -> Result<()> {
    let datum = crate::cmd::calc::parse_date(date, "--date")?;
    let regels = params.regels()?;
    let dir = tempfile::tempdir().context("tijdelijke map")?;
    let (invoer, uitvoer) = (
        dir.path().join("households.csv"),
        dir.path().join("out.csv"),
    );
    let csv = genereer(n, 1);
    std::fs::write(&invoer, &csv).context("invoerbestand schrijven")?;
    println!(
        "Regels, batch: {n} huishoudens, peildatum {datum}, {} cores",
        rayon::current_num_threads()
    );

    // End to end: read the CSV, compute, write the CSV. Best of 5 after a warm-up.
    run_batch(&regels, datum, &invoer, &uitvoer)?;
    let mut tijden = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        run_batch(&regels, datum, &invoer, &uitvoer)?;
        tijden.push(t.elapsed().as_secs_f64());
    }
    tijden.sort_by(f64::total_cmp);
    let beste = tijden[0];
    let per_miljoen = beste * 1_000_000.0 / n as f64;
    println!(
        "  end to end (CSV in en uit): {beste:.3} s beste, {:.3} s mediaan",
        tijden[tijden.len() / 2]
    );
    println!(
        "  = {:.0} huishoudens per seconde, {per_miljoen:.3} s per miljoen huishoudens",
        n as f64 / beste
    );

    // Compute only (parse and compute from memory, no file I/O).
    let peil = regels
        .parameters
        .peil(datum, None)
        .map_err(|e| anyhow!("{e}"))?;
    let batch = Batch::new(&peil);
    let t = Instant::now();
    let (uit, _) = batch.csv(&csv).map_err(|e| anyhow!("{e}"))?;
    black_box(uit);
    println!(
        "  alleen rekenen (uit geheugen): {:.3} s",
        t.elapsed().as_secs_f64()
    );

    // One household with its full explanation.
    let huishoudens = voorbeelden(datum, 1000);
    let rondes = 200;
    let t = Instant::now();
    let mut stappen = 0usize;
    for _ in 0..rondes {
        for h in &huishoudens {
            let mut uitleg = Uitleg::new();
            let r = bereken_met(&peil, h, &mut uitleg);
            stappen += uitleg.stappen.len();
            let _ = black_box((r, uitleg));
        }
    }
    let per = t.elapsed().as_secs_f64() * 1e6 / (rondes * huishoudens.len()) as f64;
    println!("Regels, één huishouden met volledige uitleg (afleiding met alle stappen):");
    println!(
        "  {per:.2} µs per huishouden (gemiddeld {:.1} stappen)",
        stappen as f64 / (rondes * huishoudens.len()) as f64
    );
    let t = Instant::now();
    for h in &huishoudens {
        let mut uitleg = Uitleg::new();
        let _ = bereken_met(&peil, h, &mut uitleg);
        black_box(tekst::als_tekst(&uitleg));
        black_box(tekst::als_b1(&uitleg));
    }
    let per_tekst = t.elapsed().as_secs_f64() * 1e6 / huishoudens.len() as f64;
    println!(
        "  {per_tekst:.2} µs per huishouden inclusief de uitleg als tekst voor medewerker en inwoner"
    );
    Ok(())
}

/// Varied households: singles, couples, parents, kostendelers, work income
/// with vrijlatingen, vermogen.
pub(super) fn voorbeelden(datum: NaiveDate, n: usize) -> Vec<Huishouden> {
    let geboren = |j: i32| {
        datum
            .with_year(datum.year() - j)
            .unwrap_or(datum)
            .to_string()
    };
    (0..n)
        .filter_map(|i| {
            let i = i as i32;
            let partner = (i % 3 == 0).then(|| json!({"geboortedatum": geboren(25 + i % 40)}));
            let kinderen: Vec<_> = (0..(i % 4)).map(|k| json!({"geboortedatum": geboren(2 + k * 3)})).collect();
            let medebewoners: Vec<_> = (0..(i % 5 / 3)).map(|k| json!({"geboortedatum": geboren(28 + k)})).collect();
            serde_json::from_value(json!({
                "aanvrager": {"geboortedatum": geboren(21 + i % 45)},
                "partner": partner,
                "kinderen": kinderen,
                "medebewoners": medebewoners,
                // In i64: with many households the products pass i32.
                "vermogen": {"bezittingen_cents": (i64::from(i) * 7919) % 1_500_000},
                "inkomsten": {"arbeid_cents": (i64::from(i) * 104_729) % 150_000, "premie_cents": (i % 7) * 1000},
            }))
            .ok()
        })
        .collect()
}

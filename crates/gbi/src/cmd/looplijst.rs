//! `gbi looplijst`: make a looplijst from the command line, delete expired
//! lists, and the benchmark that also measures precision and recall
//! against the testbed's ground truth.

use crate::config::{self, DbFlags};
use anyhow::{Context, Result, anyhow};
use clap::{Args as ClapArgs, Subcommand};
use gbi_registers::RegistersConfig;
use gbi_registers::looplijst::LooplijstClient;
use gbi_rules::looplijst::{Catalogi, RegelingCode};
use gbi_store::{Scope, logboek};
use gbi_zaken::looplijst::{Looplijst, Samenvatting, Voortgang};
use std::io::Write;
use std::time::Instant;

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: LooplijstCommand,
}

#[derive(Subcommand, Debug)]
pub enum LooplijstCommand {
    /// Make a looplijst for a gemeente: ask the sources closed questions per
    /// published criterion and store the addresses for outreach teams.
    Run {
        #[command(flatten)]
        db: DbFlags,
        /// CBS code, e.g. 0392.
        #[arg(long)]
        gemeente: String,
        /// bijstand, iit, bijzondere_bijstand or all (repeatable).
        #[arg(long = "regeling", default_value = "all")]
        regelingen: Vec<String>,
        /// The peildatum (default: today).
        #[arg(long)]
        peildatum: Option<String>,
        /// Ask the GBI testbed at this URL instead of `[registers.looplijst]`.
        #[arg(long)]
        testbed: Option<String>,
    },
    /// Delete the addresses of every looplijst whose time is up.
    Opruimen {
        #[command(flatten)]
        db: DbFlags,
    },
    /// Benchmark: a run over a generated population against the testbed over
    /// HTTP, on a fresh SQLite database; prints residents and questions per
    /// second and precision and recall per regeling.
    Bench {
        #[command(flatten)]
        db: DbFlags,
        #[arg(long, default_value_t = 1_000_000)]
        residents: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

pub fn run(args: Args) -> Result<()> {
    let rt = tokio::runtime::Runtime::new().context("de runtime kan niet starten")?;
    match args.command {
        LooplijstCommand::Run {
            db,
            gemeente,
            regelingen,
            peildatum,
            testbed,
        } => rt.block_on(run_cli(db, &gemeente, &regelingen, peildatum, testbed)),
        LooplijstCommand::Opruimen { db } => rt.block_on(opruimen(db)),
        LooplijstCommand::Bench {
            db,
            residents,
            seed,
        } => rt.block_on(bench(db, residents, seed)),
    }
}

/// Parse `--regeling` values; `all` means every regeling.
pub fn regelingen(namen: &[String]) -> Result<Vec<RegelingCode>> {
    let mut uit = Vec::new();
    for n in namen {
        if n == "all" || n == "alle" {
            return Ok(RegelingCode::ALL.to_vec());
        }
        let r = RegelingCode::parse(n).ok_or_else(|| {
            anyhow!("--regeling {n}: kies bijstand, iit, bijzondere_bijstand of all")
        })?;
        if !uit.contains(&r) {
            uit.push(r);
        }
    }
    Ok(uit)
}

fn balk(v: &Voortgang) {
    let filled = (v.procent.clamp(0, 100) / 5) as usize;
    let mut stap: String = v.stap.chars().take(60).collect();
    if stap.len() < v.stap.len() {
        stap.push('…');
    }
    eprint!(
        "\r\x1b[2K[{}{}] {:>3}% {} vragen · {stap}",
        "#".repeat(filled),
        "·".repeat(20 - filled),
        v.procent,
        v.vragen,
    );
    let _ = std::io::stderr().flush();
}

async fn run_cli(
    flags: DbFlags,
    gemeente: &str,
    namen: &[String],
    peildatum: Option<String>,
    testbed: Option<String>,
) -> Result<()> {
    let regelingen = regelingen(namen)?;
    let peildatum = match peildatum {
        Some(p) => {
            gbi_domain::date::parse_date(&p).map_err(|e| anyhow!("--peildatum: {}", e.message))?
        }
        None => gbi_domain::date::today_amsterdam(),
    };
    let (file, db, gemeente) = config::gemeente_db(&flags, gemeente).await?;
    let cfg = match (testbed, &file.registers) {
        (Some(url), _) => RegistersConfig::testbed(&url),
        (None, Some(c)) => c.clone(),
        (None, None) => {
            return Err(anyhow!(
                "geen bronnen ingesteld: zet [registers] in het configuratiebestand of geef --testbed URL"
            ));
        }
    };
    let looplijst_cfg = cfg
        .looplijst
        .ok_or_else(|| anyhow!("[registers.looplijst] ontbreekt in de configuratie"))?;
    let client = LooplijstClient::new(&looplijst_cfg).map_err(|e| anyhow!("{e}"))?;
    let regels = config::regels(&file)?;
    let catalogi = Catalogi::ingebouwd().map_err(|e| anyhow!("looplijstcriteria: {e}"))?;
    let scope = Scope::system(gemeente, "looplijst");
    let ll = Looplijst {
        db: &db,
        regels: &regels,
        catalogi: &catalogi,
        bronnen: &client,
    };
    let s = ll
        .maak(&scope, &regelingen, peildatum, &balk)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    eprintln!();
    samenvatting(&s);
    Ok(())
}

fn samenvatting(s: &Samenvatting) {
    println!(
        "Looplijst {}: {} inwoners, {} huishoudens ({} afgemeld), {} vragen, {:.1} s.",
        s.run_id,
        s.ingezetenen,
        s.huishoudens,
        s.afgemeld,
        s.vragen,
        s.duur.as_secs_f64()
    );
    for (r, lijst) in &s.gevonden {
        let w = lijst.iter().filter(|(_, w)| *w).count();
        println!(
            "  {}: {w} adressen waarschijnlijk recht, {} onbekend",
            r.code(),
            lijst.len() - w
        );
    }
}

async fn opruimen(flags: DbFlags) -> Result<()> {
    let file = config::load_file(flags.config.as_deref())?;
    let database = config::database(&flags, &file)?;
    let db = config::connect(&database, true).await?;
    let n = gbi_store::looplijst::opruimen(&db, &gbi_store::now_utc())
        .await
        .map_err(|e| anyhow!("{e}"))?;
    println!("{n} verlopen looplijst(en) verwijderd.");
    Ok(())
}

async fn bench(flags: DbFlags, residents: usize, seed: u64) -> Result<()> {
    let (_dir, db, gemeente) = config::bench_db(flags).await?;
    let t = Instant::now();
    let tb = gbi_testbed::start(gbi_testbed::TestbedConfig {
        population: residents,
        seed,
        ..gbi_testbed::TestbedConfig::default()
    })
    .await
    .map_err(|e| anyhow!("testbed: {e:#}"))?;
    println!(
        "testbed: {residents} inwoners gegenereerd in {:.1} s (voorbereiding, telt niet mee)",
        t.elapsed().as_secs_f64()
    );
    let cfg = RegistersConfig::testbed(&tb.base_url())
        .looplijst
        .ok_or_else(|| anyhow!("geen looplijstbronnen"))?;
    let client = LooplijstClient::new(&cfg).map_err(|e| anyhow!("{e}"))?;
    let regels = gbi_rules::Regels::ingebouwd().map_err(|e| anyhow!("{e}"))?;
    let catalogi = Catalogi::ingebouwd().map_err(|e| anyhow!("{e}"))?;
    let scope = Scope::system(gemeente, "bench");
    let ll = Looplijst {
        db: &db,
        regels: &regels,
        catalogi: &catalogi,
        bronnen: &client,
    };
    // The population describes 1 January 2026; ask on that date.
    let peildatum = gbi_testbed::population::referentiedatum();
    let s = ll
        .maak(&scope, &RegelingCode::ALL, peildatum, &|_| {})
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let secs = s.duur.as_secs_f64();
    samenvatting(&s);
    println!(
        "  doorvoer: {:.0} inwoners/s, {:.0} vragen/s (wachten op bronnen: {:.1} s) op {:?}",
        s.ingezetenen as f64 / secs,
        s.vragen as f64 / secs,
        s.verzoeken_duur.as_secs_f64(),
        db.backend()
    );
    for (naam, d) in &s.fasen {
        println!("    {naam}: {:.1} s", d.as_secs_f64());
    }
    let ontvangen = tb.looplijst_ontvangen().overzicht().bsns;
    let gelogd = logboek::count(&db, &scope, &logboek::LOOPLIJST_VRAGEN)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    println!(
        "  logboek: {gelogd} records; de bronnen ontvingen {ontvangen} vragen over een persoon"
    );
    logboek_vergelijken(&db, &scope, &s).await?;
    kwaliteit(&tb.population(), &s);
    tb.shutdown().await;
    Ok(())
}

/// The log writer next to a plain bulk load of as many rows of the same
/// width into the same database, timed in this run.
async fn logboek_vergelijken(db: &gbi_store::Db, scope: &Scope, s: &Samenvatting) -> Result<()> {
    let n = usize::try_from(s.vragen).unwrap_or(usize::MAX);
    if n == 0 {
        return Ok(());
    }
    let per_s = |rijen: u64, d: std::time::Duration| rijen as f64 / d.as_secs_f64().max(1e-9);
    let schrijver = per_s(s.vragen, s.logboek_duur);
    let v = logboek::bulk_vergelijken(db, scope, n)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let met = per_s(v.rijen, v.met_indexen);
    let zonder = per_s(v.rijen, v.zonder_indexen);
    println!(
        "  logboekschrijver: {schrijver:.0} records/s ({} records in {:.1} s, met hashketen)",
        s.vragen,
        s.logboek_duur.as_secs_f64()
    );
    println!(
        "  kale bulklading van {} dezelfde rijen: {met:.0} rijen/s in een tabel met dezelfde sleutel en index ({:.1} s), {zonder:.0} rijen/s zonder ({:.1} s)",
        v.rijen,
        v.met_indexen.as_secs_f64(),
        v.zonder_indexen.as_secs_f64()
    );
    println!(
        "  verhouding logboekschrijver / kale bulklading: {:.2} (met index), {:.2} (zonder)",
        schrijver / met,
        schrijver / zonder
    );
    Ok(())
}

/// Precision and recall per regeling against the generator's ground truth,
/// counted per household.
fn kwaliteit(p: &gbi_testbed::Population, s: &Samenvatting) {
    for (r, lijst) in &s.gevonden {
        let waar = |h: &gbi_testbed::population::Huishouden| match r {
            RegelingCode::Bijstand => h.waarheid.recht_bijstand_zonder_uitkering,
            RegelingCode::Iit => h.waarheid.recht_iit_zonder_uitkering,
            RegelingCode::BijzondereBijstand => {
                h.waarheid.recht_bijzondere_bijstand_zonder_uitkering
            }
        };
        let totaal = p.huishoudens.iter().filter(|h| waar(h)).count();
        let mut gevonden = std::collections::HashSet::new();
        let (mut tp, mut tp_w, mut w) = (0usize, 0usize, 0usize);
        for (bsn, waarschijnlijk) in lijst {
            let Some(h) = p.get(bsn.as_str()).and_then(|i| p.huishouden_van(i)) else {
                continue;
            };
            w += usize::from(*waarschijnlijk);
            if waar(h) {
                tp += 1;
                tp_w += usize::from(*waarschijnlijk);
                gevonden.insert(h.index);
            }
        }
        let pct = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                a as f64 * 100.0 / b as f64
            }
        };
        println!(
            "  {}: precisie {:.1}% ({tp} van {} op de lijst; alleen 'waarschijnlijk': {:.1}%), recall {:.1}% ({} van {totaal} rechthebbende huishoudens zonder uitkering)",
            r.code(),
            pct(tp, lijst.len()),
            lijst.len(),
            pct(tp_w, w),
            pct(gevonden.len(), totaal),
            gevonden.len(),
        );
    }
}

//! `gbi payments`: the monthly betaalrun from the command line, and its
//! benchmark.

use crate::config::{self, DbFlags};
use anyhow::{Context, Result, anyhow};
use clap::{Args as ClapArgs, Subcommand};
use gbi_domain::{GemeenteCode, Iban, Maand};
use gbi_store::{Scope, betalingen, synthetisch};
use gbi_zaken::betaalrun::{self, RunFout, UwvImport};
use std::io::Write;
use std::time::Instant;

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: PaymentsCommand,
}

#[derive(Subcommand, Debug)]
pub enum PaymentsCommand {
    /// Compute the betaalrun of a month for a gemeente. Safe to run again and
    /// to restart after a crash: nobody is paid twice. A second person
    /// approves the run in the werkplek before the SEPA file is released.
    Run {
        #[command(flatten)]
        db: DbFlags,
        /// CBS code, e.g. 0392.
        #[arg(long)]
        gemeente: String,
        /// The month to pay, e.g. 2026-07.
        #[arg(long)]
        month: String,
        /// Who starts the run (recorded; the approver must be someone else).
        #[arg(long, default_value = "cli")]
        door: String,
        /// Compute without first fetching wages from UWV (for a gemeente whose
        /// policy offsets them automatically), e.g. while UWV is down; wages
        /// imported later show in the ledger as an overpayment.
        #[arg(long)]
        zonder_uwv: bool,
    },
    /// Fetch the wages UWV knows for a month and offset them with the
    /// running benefits of a gemeente whose policy says so
    /// (`uwv_loon_automatisch_verrekenen`). Safe to run again; when UWV is
    /// down nothing is written and running it again retries. Needs
    /// `[registers]` in the configuration.
    UwvLoon {
        #[command(flatten)]
        db: DbFlags,
        /// CBS code, e.g. 0392.
        #[arg(long)]
        gemeente: String,
        /// The month, e.g. 2026-07.
        #[arg(long)]
        month: String,
    },
    /// Benchmark: a betaalrun over a synthetic caseload, including all
    /// database writes and the SEPA file, on a fresh SQLite database (or the
    /// database of --database-url).
    Bench {
        #[command(flatten)]
        db: DbFlags,
        #[arg(long, default_value_t = 100_000)]
        count: u32,
    },
}

pub fn run(args: Args) -> Result<()> {
    let rt = tokio::runtime::Runtime::new().context("de runtime kan niet starten")?;
    match args.command {
        PaymentsCommand::Run {
            db,
            gemeente,
            month,
            door,
            zonder_uwv,
        } => rt.block_on(run_month(db, &gemeente, &month, &door, zonder_uwv)),
        PaymentsCommand::UwvLoon {
            db,
            gemeente,
            month,
        } => rt.block_on(uwv_loon(db, &gemeente, &month)),
        PaymentsCommand::Bench { db, count } => rt.block_on(bench(db, count)),
    }
}

/// A progress bar on standard error: `[#######·····] 58% 58000/100000`.
fn progress(done: u64, total: u64) {
    let pct = (done * 100).checked_div(total).unwrap_or(100);
    let filled = (pct / 5) as usize;
    eprint!(
        "\r[{}{}] {pct:>3}% {done}/{total}",
        "#".repeat(filled),
        "·".repeat(20 - filled)
    );
    let _ = std::io::stderr().flush();
}

/// What the month commands share: the gemeente, month, database, rules and
/// configuration file.
struct Omgeving {
    gemeente: GemeenteCode,
    maand: Maand,
    file: config::FileConfig,
    db: gbi_store::Db,
    regels: gbi_rules::Regels,
}

async fn omgeving(flags: DbFlags, gemeente: &str, month: &str) -> Result<Omgeving> {
    let maand = Maand::parse(month).map_err(|e| anyhow!("--month: {}", e.message))?;
    let (file, db, gemeente) = config::gemeente_db(&flags, gemeente).await?;
    // The gemeenten's bank accounts of the configuration ([gemeente."…"]).
    config::rekeningen_toepassen(&db, &file).await?;
    let regels = config::regels(&file)?;
    Ok(Omgeving {
        gemeente,
        maand,
        file,
        db,
        regels,
    })
}

/// The register clients of the configuration, when `[registers]` is set.
fn registers(o: &Omgeving) -> Result<Option<gbi_registers::Registers>> {
    o.file
        .registers
        .as_ref()
        .map(gbi_registers::Registers::new)
        .transpose()
        .map_err(|e| anyhow!("configuratie [registers]: {e}"))
}

/// Import the wages of UWV for the month (where the policy says so) and
/// print what was recorded.
async fn importeer_uwv(o: &Omgeving) -> Result<()> {
    let registers = registers(o)?;
    let v =
        gbi_zaken::uwv_loon::importeren(&o.db, registers.as_ref(), &o.regels, o.gemeente, o.maand)
            .await
            .map_err(|e| anyhow!("loon van UWV: {e}"))?;
    print_verslag(&v);
    Ok(())
}

fn print_verslag(v: &gbi_zaken::uwv_loon::Verslag) {
    if !v.beleid {
        println!(
            "Loon van UWV {}: gemeente {} verrekent loon van UWV niet automatisch (beleid uwv_loon_automatisch_verrekenen = nee); niets opgehaald.",
            v.maand.dutch_name(),
            v.gemeente
        );
        return;
    }
    use gbi_store::inkomsten::UwvVastlegging::*;
    for r in &v.regels {
        let wat = match r.vastlegging {
            Some(Vastgelegd) => "vastgelegd",
            Some(AlBekend) => "al bekend",
            Some(EigenOpgave) => "eigen opgave gaat voor",
            None => continue,
        };
        println!(
            "  uitkering {}: loon {}, overig {} ({wat})",
            r.uitkering_id, r.loon.arbeid, r.loon.overig
        );
    }
    println!(
        "Loon van UWV {} voor gemeente {}: {} uitkeringen gevraagd, {} vastgelegd, {} al bekend, {} met een eigen opgave (gaat voor), {} zonder loon.",
        v.maand.dutch_name(),
        v.gemeente,
        v.regels.len(),
        v.aantal(Vastgelegd),
        v.aantal(AlBekend),
        v.aantal(EigenOpgave),
        v.zonder_loon()
    );
}

async fn uwv_loon(flags: DbFlags, gemeente: &str, month: &str) -> Result<()> {
    let o = omgeving(flags, gemeente, month).await?;
    importeer_uwv(&o).await
}

async fn run_month(
    flags: DbFlags,
    gemeente: &str,
    month: &str,
    door: &str,
    zonder_uwv: bool,
) -> Result<()> {
    let o = omgeving(flags, gemeente, month).await?;
    // Wages UWV knows are offset before the month is computed, where the
    // gemeente's policy says so (gbi_zaken::betaalrun); when UWV is down the
    // run stops (nothing is computed) unless --zonder-uwv. Without
    // [registers] there is no UWV to ask: the run says so and computes with
    // the reports it has.
    let registers = registers(&o)?;
    let uwv = match (&registers, zonder_uwv) {
        (Some(r), false) => UwvImport::Vragen(r),
        (None, false) => {
            eprintln!(
                "Let op: loon van UWV is niet opgehaald, want de registers zijn niet ingesteld ([registers] in de configuratie)."
            );
            UwvImport::Niet
        }
        (_, true) => UwvImport::Niet,
    };
    let scope = Scope::system(o.gemeente, "betaalrun");
    let start = Instant::now();
    let uitkomst = betaalrun::uitvoeren(&o.db, &scope, &o.regels, o.maand, door, uwv, progress)
        .await
        .map_err(|e| match e {
            RunFout::Uwv(e) => anyhow!(
                "loon van UWV: {e}\nDe betaalrun is niet berekend. Probeer het later opnieuw, of bereken zonder loon van UWV met --zonder-uwv."
            ),
            e => anyhow!("{e}"),
        })?;
    eprintln!();
    if let Some(v) = &uitkomst.uwv {
        print_verslag(v);
    }
    let run = uitkomst.run;
    println!(
        "Betaalrun {} voor gemeente {}: {} betalingen, totaal {}, status {} ({:.1} s).",
        o.maand.dutch_name(),
        o.gemeente,
        run.aantal,
        run.totaal,
        run.status,
        start.elapsed().as_secs_f64()
    );
    if uitkomst.uitzonderingen > 0 {
        println!(
            "{} uitkeringen konden voor deze maand niet worden berekend en worden niet betaald. Voor elk staat een taak op de zaak; de werkplek toont de reden bij de betaalrun. Herstel de oorzaak en bereken de run opnieuw.",
            uitkomst.uitzonderingen
        );
    }
    if run.status == "berekend" {
        println!(
            "Een tweede medewerker controleert en keurt de run goed in de werkplek (Betaalruns); dan komt het SEPA-bestand vrij."
        );
    }
    Ok(())
}

async fn bench(flags: DbFlags, count: u32) -> Result<()> {
    let (_dir, db, gemeente) = config::bench_db(flags).await?;
    let scope = Scope::system(gemeente, "bench");
    let iban = Iban::build("NL", "BNGH0285001234").map_err(|e| anyhow!(e.message))?;
    betalingen::rekening_instellen(&db, &scope, &iban, Some("BNGHNL2G"))
        .await
        .map_err(|e| anyhow!("{e}"))?;

    let t = Instant::now();
    synthetisch::caseload(&db, &scope, count, "2026-01-01")
        .await
        .map_err(|e| anyhow!("{e}"))?;
    println!(
        "caseload: {count} lopende uitkeringen aangemaakt in {:.2} s (voorbereiding, telt niet mee)",
        t.elapsed().as_secs_f64()
    );

    let maand = Maand::parse("2026-07").map_err(|e| anyhow!(e.message))?;
    let t = Instant::now();
    let regels = gbi_rules::Regels::ingebouwd().map_err(|e| anyhow!("parameterbestanden: {e}"))?;
    let run = betaalrun::berekenen(&db, &scope, &regels, maand, "bench-a", |_, _| {})
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let computed = t.elapsed();
    let t2 = Instant::now();
    let nu = chrono::NaiveDate::from_ymd_opt(2026, 6, 20)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .ok_or_else(|| anyhow!("datum"))?;
    let (_, xml) = betaalrun::goedkeuren(&db, &scope, &run.id, "bench-b", nu)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let sepa = t2.elapsed();
    let total = computed + sepa;
    println!(
        "betaalrun: {} betalingen, totaal {}",
        run.aantal, run.totaal
    );
    println!("  berekenen en opslaan: {:.2} s", computed.as_secs_f64());
    println!(
        "  goedkeuren en SEPA-bestand ({:.1} MB): {:.2} s",
        xml.len() as f64 / 1e6,
        sepa.as_secs_f64()
    );
    println!(
        "  totaal: {:.2} s ({:.0} uitkeringen per seconde) op {:?}",
        total.as_secs_f64(),
        f64::from(count) / total.as_secs_f64(),
        db.backend()
    );
    Ok(())
}

//! `gbi calc`: the rules engine from the command line. One household (JSON
//! in, JSON or an explanation out), a batch over a CSV file, and a generator
//! of scenario CSV files.

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Args as ClapArgs, Subcommand};
use gbi_domain::GemeenteCode;
use gbi_rules::batch::Batch;
use gbi_rules::{Huishouden, Regels, tekst};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(ClapArgs, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<CalcCommand>,
    #[command(flatten)]
    pub single: SingleArgs,
}

#[derive(ClapArgs, Debug)]
pub struct SingleArgs {
    /// The household as JSON (see README, "Rekenen"); `-` reads standard input.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Reference date (peildatum), e.g. 2026-07-01.
    #[arg(long)]
    date: Option<String>,
    /// CBS code of the gemeente whose policy applies (needed for IIT and
    /// bijzondere bijstand), e.g. 0392.
    #[arg(long)]
    gemeente: Option<String>,
    /// Show the derivation as text, with the article of every step, for
    /// caseworkers, followed by the plain-Dutch version for residents.
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    params: ParamsFlag,
}

#[derive(ClapArgs, Debug, Clone)]
pub struct ParamsFlag {
    /// A folder of parameter and policy files to use instead of the built-in
    /// ones (a municipality's own copy).
    #[arg(long, env = "GBI_PARAMS_DIR")]
    pub params: Option<PathBuf>,
}

impl ParamsFlag {
    pub fn regels(&self) -> Result<Regels> {
        match &self.params {
            Some(dir) => Regels::uit_map(dir).map_err(|e| anyhow!("parameterbestanden: {e}")),
            None => Regels::ingebouwd().map_err(|e| anyhow!("ingebouwde parameterbestanden: {e}")),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum CalcCommand {
    /// Compute the entitlement of every household in a CSV file, on all cores.
    Batch {
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        date: String,
        #[arg(long)]
        output: PathBuf,
        #[command(flatten)]
        params: ParamsFlag,
    },
    /// Write a CSV file of synthetic households in the batch format.
    Generate {
        #[arg(long, default_value_t = 1_000_000)]
        households: u64,
        #[arg(long)]
        output: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

pub fn parse_date(s: &str, flag: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        anyhow!("{flag}: \"{s}\" is geen datum; schrijf jjjj-mm-dd, bijvoorbeeld 2026-07-01")
    })
}

pub fn run(args: Args) -> Result<()> {
    match args.command {
        Some(CalcCommand::Batch {
            input,
            date,
            output,
            params,
        }) => batch(&input, &date, &output, &params),
        Some(CalcCommand::Generate {
            households,
            output,
            seed,
        }) => {
            let t = Instant::now();
            std::fs::write(&output, genereer(households, seed))
                .with_context(|| format!("{} kan niet worden geschreven", output.display()))?;
            eprintln!(
                "{households} huishoudens geschreven naar {} in {:.2} s",
                output.display(),
                t.elapsed().as_secs_f64()
            );
            Ok(())
        }
        None => single(args.single),
    }
}

fn single(a: SingleArgs) -> Result<()> {
    let input = a.input.ok_or_else(|| anyhow!("--input ontbreekt: geef een JSON-bestand met het huishouden (of - voor standaardinvoer)"))?;
    let date = a
        .date
        .ok_or_else(|| anyhow!("--date ontbreekt, bijvoorbeeld --date 2026-07-01"))?;
    let datum = parse_date(&date, "--date")?;
    let gemeente = a
        .gemeente
        .map(|g| GemeenteCode::parse(&g).map_err(|e| anyhow!("--gemeente: {}", e.message)))
        .transpose()?;
    let tekst_in = if input == Path::new("-") {
        std::io::read_to_string(std::io::stdin()).context("standaardinvoer lezen")?
    } else {
        std::fs::read_to_string(&input)
            .with_context(|| format!("{} kan niet worden gelezen", input.display()))?
    };
    let huishouden: Huishouden = serde_json::from_str(&tekst_in)
        .map_err(|e| anyhow!("{}: de invoer klopt niet: {e}", input.display()))?;
    let regels = a.params.regels()?;
    let b = regels
        .bereken(&huishouden, datum, gemeente)
        .map_err(|e| anyhow!("{e}"))?;
    if a.explain {
        let u = &b.uitkomst;
        println!(
            "Berekening bijstand op {}{}",
            datum.format("%d-%m-%Y"),
            gemeente
                .map(|g| format!(", gemeente {g}"))
                .unwrap_or_default()
        );
        println!();
        print!("{}", tekst::als_tekst(&b.uitleg));
        println!();
        println!(
            "Uitkomst: recht {} per maand, waarvan {} vakantietoeslag gereserveerd; uit te betalen {}.",
            gbi_domain::Money::from_cents(u.bijstand_cents),
            gbi_domain::Money::from_cents(u.vakantietoeslag_cents),
            gbi_domain::Money::from_cents(u.uit_te_betalen_cents)
        );
        println!();
        println!("In gewone taal:");
        for regel in tekst::als_b1(&b.uitleg) {
            println!("- {regel}");
        }
    } else {
        println!(
            "{}",
            serde_json::to_string_pretty(&tekst::berekening_json(&b, true))?
        );
    }
    Ok(())
}

fn batch(input: &Path, date: &str, output: &Path, params: &ParamsFlag) -> Result<()> {
    let datum = parse_date(date, "--date")?;
    let regels = params.regels()?;
    let start = Instant::now();
    let (n, sam) = run_batch(&regels, datum, input, output)?;
    let secs = start.elapsed().as_secs_f64();
    if !sam.genegeerde_kolommen.is_empty() {
        eprintln!(
            "Genegeerde kolommen: {}",
            sam.genegeerde_kolommen.join(", ")
        );
    }
    println!("huishoudens:        {n}");
    println!("met recht:          {}", sam.met_recht);
    println!(
        "totaal per maand:   {}",
        gbi_domain::Money::from_cents(sam.totaal_cents)
    );
    println!(
        "tijd:               {secs:.3} s ({:.0} huishoudens per seconde)",
        n as f64 / secs.max(1e-9)
    );
    println!("uitvoer:            {}", output.display());
    Ok(())
}

/// Read, compute and write: the whole batch run, end to end.
pub fn run_batch(
    regels: &Regels,
    datum: NaiveDate,
    input: &Path,
    output: &Path,
) -> Result<(u64, gbi_rules::batch::Samenvatting)> {
    let peil = regels
        .parameters
        .peil(datum, None)
        .map_err(|e| anyhow!("{e}"))?;
    let bytes = std::fs::read(input)
        .with_context(|| format!("{} kan niet worden gelezen", input.display()))?;
    // Into a temporary file beside the output, renamed only when all went
    // well: an error in the input leaves an existing output as it was.
    let schrijffout = || format!("{} kan niet worden geschreven", output.display());
    let map = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gbi-batch-");
    // The mode a new file gets (the umask applies), not the private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tijdelijk = builder.tempfile_in(map).with_context(schrijffout)?;
    if let Ok(bestaand) = std::fs::metadata(output) {
        tijdelijk
            .as_file()
            .set_permissions(bestaand.permissions())
            .with_context(schrijffout)?;
    }
    let sam = Batch::new(&peil)
        .csv_naar(&bytes, tijdelijk.as_file_mut())
        .map_err(|e| anyhow!("{}: {e}", input.display()))?;
    if sam.huishoudens == 0 {
        bail!(
            "{}: geen huishoudens gevonden (alleen een kop?)",
            input.display()
        );
    }
    tijdelijk.as_file().sync_all().with_context(schrijffout)?;
    tijdelijk
        .persist(output)
        .map_err(|e| e.error)
        .with_context(schrijffout)?;
    Ok((sam.huishoudens, sam))
}

/// Synthetic households in the batch format, deterministic for a seed.
pub fn genereer(n: u64, seed: u64) -> Vec<u8> {
    let mut s = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    let mut volgende = move |max: u64| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s % max
    };
    let mut uit = Vec::with_capacity(n as usize * 36 + 128);
    uit.extend_from_slice(b"household_id,applicant_age,has_partner,partner_age,children_under_18,kostendelers_27plus,income_cents,assets_cents\n");
    for id in 1..=n {
        let leeftijd = 18 + volgende(70);
        let partner = volgende(10) < 4;
        let partner_leeftijd = if partner { 18 + volgende(70) } else { 0 };
        let kinderen = if volgende(10) < 3 { 1 + volgende(3) } else { 0 };
        let kostendelers = if volgende(10) < 1 { 1 + volgende(3) } else { 0 };
        let inkomen = if volgende(10) < 6 {
            0
        } else {
            volgende(250_000)
        };
        let vermogen = volgende(2_000_000);
        uit.extend_from_slice(
            format!("{id},{leeftijd},{},{partner_leeftijd},{kinderen},{kostendelers},{inkomen},{vermogen}\n", u8::from(partner)).as_bytes(),
        );
    }
    uit
}

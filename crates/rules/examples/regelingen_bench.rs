//! Times the wat-als run and the monthly IIT invitation over a synthetic
//! caseload. Run in release mode:
//!
//! `cargo run --release -p gbi-rules --example regelingen_bench -- 100000`

use chrono::NaiveDate;
use gbi_rules::Regels;
use gbi_rules::regelingen::bench::{Meting, bench_iit_uitnodiging, bench_wat_als};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let datum = NaiveDate::from_ymd_opt(2026, 7, 1).ok_or("datum")?;
    let regels = Regels::ingebouwd()?;
    for ronde in 1..=3 {
        let (m, t) = bench_wat_als(&regels, datum, n)?;
        toon(ronde, "wat-als", &m, &format!("{t:?}"));
        let (m, u) = bench_iit_uitnodiging(&regels, datum, n)?;
        let wat = format!(
            "uit te nodigen {}, niet {}, niet berekend {}",
            u.uitnodigen.len(),
            u.niet,
            u.niet_berekend.len()
        );
        toon(ronde, "IIT-uitnodiging", &m, &wat);
    }
    Ok(())
}

fn toon(ronde: u32, wat: &str, m: &Meting, uitkomst: &str) {
    println!(
        "ronde {ronde}: {wat} over {} huishoudens: {:.1} ms ({:.0} per seconde); {uitkomst}",
        m.huishoudens,
        m.duur.as_secs_f64() * 1000.0,
        m.huishoudens as f64 / m.duur.as_secs_f64()
    );
}

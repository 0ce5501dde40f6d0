//! Time the population generator and print its measured distributions.
//!
//!     cargo run --release -p gbi-testbed --example generate -- 1000000 1 0392

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let gemeente = args.get(3).cloned().unwrap_or_else(|| "0392".to_string());
    let t = Instant::now();
    let p = gbi_testbed::population::generate(n, seed, &gemeente);
    let took = t.elapsed();
    println!(
        "generated {} residents in {} households in {:.2?}",
        p.len(),
        p.huishoudens.len(),
        took
    );
    match serde_json::to_string_pretty(&p.statistieken()) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("{e}"),
    }
}

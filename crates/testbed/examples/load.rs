//! A bounded load run against a local testbed (loopback only).
//!
//!     cargo run --release -p gbi-testbed --example load -- 4000

use std::sync::Arc;
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(4000);
    let tb = gbi_testbed::start(gbi_testbed::TestbedConfig {
        population: 100_000,
        ..Default::default()
    })
    .await?;
    let bsns: Arc<Vec<String>> = Arc::new(
        tb.population()
            .ingezetenen
            .iter()
            .take(1000)
            .map(|p| format!("{:09}", p.bsn))
            .collect(),
    );
    let client = reqwest::Client::new();
    for (naam, soap) in [("BRP raadplegen", false), ("Suwinet UWV", true)] {
        let t = Instant::now();
        let mut taken = Vec::new();
        for w in 0..16 {
            let (client, bsns, base) = (client.clone(), bsns.clone(), tb.base_url());
            taken.push(tokio::spawn(async move {
                let mut ok = 0usize;
                for i in (w..n).step_by(16) {
                    let bsn = &bsns[i % bsns.len()];
                    let r = if soap {
                        client.post(format!("{base}/suwinet/UWVDossierInkomstenGSD"))
                            .body(format!("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><u:UWVPersoonsIkvInfo xmlns:u=\"http://bkwi.nl/SuwiML/Diensten/UWVDossierInkomstenGSD/v0200\"><Burgerservicenr>{bsn}</Burgerservicenr></u:UWVPersoonsIkvInfo></s:Body></s:Envelope>"))
                            .send().await
                    } else {
                        client.post(format!("{base}/haalcentraal/api/brp/personen"))
                            .json(&serde_json::json!({"type": "RaadpleegMetBurgerservicenummer", "fields": ["naam", "verblijfplaats", "partners"], "burgerservicenummer": [bsn]}))
                            .send().await
                    };
                    if r.is_ok_and(|r| r.status().is_success()) {
                        ok += 1;
                    }
                }
                ok
            }));
        }
        let mut ok = 0;
        for t in taken {
            ok += t.await.unwrap_or(0);
        }
        let s = t.elapsed().as_secs_f64();
        println!("{naam}: {ok}/{n} ok in {s:.2}s = {:.0} req/s", n as f64 / s);
    }
    tb.shutdown().await;
    Ok(())
}

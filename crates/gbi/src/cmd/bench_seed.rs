//! `gbi bench seed`: a database at national scale (a million zaken over 20
//! gemeenten) for measuring the lists; and `gbi bench lijsten`: the
//! werkvoorraad and zaken list through HTTP on a running server, p50 and
//! p99 at a number of concurrent clients.

use anyhow::{Context, Result, anyhow};
use clap::Args as ClapArgs;
use gbi_domain::GemeenteCode;
use std::time::{Duration, Instant};

#[derive(ClapArgs, Debug)]
pub struct Seed {
    #[command(flatten)]
    pub db: crate::config::DbFlags,
    #[arg(long, default_value_t = 1_000_000)]
    pub zaken: u64,
    #[arg(long, default_value_t = 20)]
    pub gemeenten: usize,
    /// Running benefits (of the decided zaken; at most 60% of --zaken).
    #[arg(long, default_value_t = 400_000)]
    pub uitkeringen: u64,
}

/// The gemeenten filled, the demo gemeenten first (so `gbi serve --demo`
/// on the same database has staff who see the zaken).
const GEMEENTEN: [(&str, &str); 20] = [
    ("0392", "Haarlem"),
    ("0153", "Enschede"),
    ("0363", "Amsterdam"),
    ("0599", "Rotterdam"),
    ("0518", "'s-Gravenhage"),
    ("0344", "Utrecht"),
    ("0772", "Eindhoven"),
    ("0014", "Groningen"),
    ("0034", "Almere"),
    ("0758", "Breda"),
    ("0268", "Nijmegen"),
    ("0193", "Zwolle"),
    ("0200", "Apeldoorn"),
    ("0202", "Arnhem"),
    ("0307", "Amersfoort"),
    ("0503", "Delft"),
    ("0546", "Leiden"),
    ("0935", "Maastricht"),
    ("0855", "Tilburg"),
    ("0796", "'s-Hertogenbosch"),
];

pub async fn seed(a: Seed) -> Result<()> {
    if a.gemeenten == 0 || a.gemeenten > GEMEENTEN.len() {
        return Err(anyhow!("--gemeenten: 1 tot en met {}", GEMEENTEN.len()));
    }
    if a.db.database_url.is_none() && a.db.data_dir.is_none() {
        return Err(anyhow!(
            "geef --database-url of --data-dir: de gevulde database blijft bestaan"
        ));
    }
    let file = crate::config::load_file(a.db.config.as_deref())?;
    let database = crate::config::database(&a.db, &file)?;
    let db = crate::config::connect(&database, true).await?;
    let mut codes = Vec::new();
    for (code, naam) in &GEMEENTEN[..a.gemeenten] {
        let g = GemeenteCode::parse(code).map_err(|e| anyhow!(e.message))?;
        let demo = matches!(*code, "0392" | "0153");
        gbi_store::gemeenten::ensure(&db, &g, naam, demo)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        codes.push(g);
    }
    println!(
        "Vullen: {} zaken over {} gemeenten, {} lopende uitkeringen ({:?})",
        a.zaken,
        codes.len(),
        a.uitkeringen,
        db.backend()
    );
    let start = Instant::now();
    let telling = gbi_store::landelijk::vullen(&db, &codes, a.zaken, a.uitkeringen, |n| {
        let s = start.elapsed().as_secs_f64();
        println!(
            "  {n} zaken, {:.0} s, {:.0} zaken/s",
            s,
            n as f64 / s.max(0.001)
        );
    })
    .await
    .map_err(|e| anyhow!("{e}"))?;
    let s = start.elapsed().as_secs_f64();
    println!(
        "Klaar in {s:.1} s: {} zaken, {} statussen, {} rollen, {} documenten, {} inwoners, {} uitkeringen; {:.0} rijen/s",
        telling.zaken,
        telling.statussen,
        telling.rollen,
        telling.documenten,
        telling.inwoners,
        telling.uitkeringen,
        telling.rijen() as f64 / s.max(0.001)
    );
    Ok(())
}

#[derive(ClapArgs, Debug)]
pub struct Lijsten {
    /// The running server (`gbi serve --demo` on the seeded database).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub url: String,
    #[arg(long, default_value = "haarlem.consulent")]
    pub gebruiker: String,
    #[arg(long, default_value = "demo")]
    pub wachtwoord: String,
    /// Concurrent clients, comma-separated.
    #[arg(long, default_value = "1,50", value_delimiter = ',')]
    pub clients: Vec<usize>,
    /// Requests per list and number of clients.
    #[arg(long, default_value_t = 1000)]
    pub verzoeken: usize,
}

/// The lists measured: a name and the path.
const LIJSTEN: [(&str, &str); 4] = [
    ("werkvoorraad", "/werkplek/werkvoorraad"),
    ("werkvoorraad, pagina 2", "volgende:/werkplek/werkvoorraad"),
    ("zaken", "/werkplek/zaken"),
    ("zaken, pagina 2", "volgende:/werkplek/zaken"),
];

pub async fn lijsten(a: Lijsten) -> Result<()> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()?;
    let base = a.url.trim_end_matches('/').to_owned();
    let r = client
        .post(format!("{base}/api/v1/sessies"))
        .json(&serde_json::json!({ "gebruikersnaam": a.gebruiker, "wachtwoord": a.wachtwoord }))
        .send()
        .await
        .context("inloggen")?;
    if r.status().as_u16() != 201 {
        return Err(anyhow!("inloggen: {}", r.status()));
    }
    let v: serde_json::Value = r.json().await?;
    let token = v["token"]
        .as_str()
        .ok_or_else(|| anyhow!("inloggen: geen token"))?
        .to_owned();
    println!(
        "Lijsten via HTTP op {base} als {}, {} verzoeken per meting",
        a.gebruiker, a.verzoeken
    );
    for (naam, pad) in LIJSTEN {
        let pad = match pad.strip_prefix("volgende:") {
            Some(eerste) => volgende(&client, &base, &token, eerste).await?,
            None => pad.to_owned(),
        };
        let (status, body) = get(&client, &base, &token, &pad).await?;
        let regels = body.matches("utrecht-table__row").count().saturating_sub(1);
        println!(
            "{naam} ({pad}): HTTP {status}, {regels} regels, {} bytes",
            body.len()
        );
        for &n in &a.clients {
            let (tijden, wall) = meet(&client, &base, &token, &pad, n.max(1), a.verzoeken).await?;
            println!(
                "  {n:>3} clients: p50 {:>7.2} ms, p99 {:>7.2} ms, {:>6.0} verzoeken/s",
                ms(percentiel(&tijden, 50)),
                ms(percentiel(&tijden, 99)),
                tijden.len() as f64 / wall.as_secs_f64().max(0.000_001)
            );
        }
    }
    Ok(())
}

async fn get(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    pad: &str,
) -> Result<(u16, String)> {
    let r = client
        .get(format!("{base}{pad}"))
        .bearer_auth(token)
        .send()
        .await?;
    let status = r.status().as_u16();
    Ok((status, r.text().await?))
}

/// The path of the "Volgende pagina" link on the page at `pad`.
async fn volgende(client: &reqwest::Client, base: &str, token: &str, pad: &str) -> Result<String> {
    let (_, body) = get(client, base, token, pad).await?;
    let i = body
        .find("rel=\"next\"")
        .ok_or_else(|| anyhow!("{pad}: geen volgende pagina"))?;
    let voor = &body[..i];
    let begin = voor
        .rfind("href=\"")
        .ok_or_else(|| anyhow!("{pad}: geen link"))?
        + 6;
    let eind = voor[begin..]
        .find('"')
        .ok_or_else(|| anyhow!("{pad}: geen link"))?;
    Ok(voor[begin..begin + eind]
        .replace("&amp;", "&")
        .replace("&#38;", "&"))
}

/// `verzoeken` GETs of `pad` by `clients` at once; the time of each and
/// of all.
async fn meet(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    pad: &str,
    clients: usize,
    verzoeken: usize,
) -> Result<(Vec<Duration>, Duration)> {
    let per_client = verzoeken.div_ceil(clients);
    let start = Instant::now();
    let mut taken = Vec::with_capacity(clients);
    for _ in 0..clients {
        let (client, url, token) = (client.clone(), format!("{base}{pad}"), token.to_owned());
        taken.push(tokio::spawn(async move {
            let mut tijden = Vec::with_capacity(per_client);
            for _ in 0..per_client {
                let t = Instant::now();
                let r = client.get(&url).bearer_auth(&token).send().await?;
                let status = r.status();
                r.bytes().await?;
                if !status.is_success() {
                    return Err(anyhow!("HTTP {status}"));
                }
                tijden.push(t.elapsed());
            }
            Ok::<_, anyhow::Error>(tijden)
        }));
    }
    let mut alle = Vec::with_capacity(verzoeken);
    for t in taken {
        alle.extend(t.await??);
    }
    let wall = start.elapsed();
    alle.sort();
    Ok((alle, wall))
}

fn percentiel(gesorteerd: &[Duration], p: usize) -> Duration {
    if gesorteerd.is_empty() {
        return Duration::ZERO;
    }
    let i = (gesorteerd.len() * p).div_ceil(100).saturating_sub(1);
    gesorteerd[i.min(gesorteerd.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

//! `gbi bench wat-als` and `gbi bench iit-uitnodigingen`: the caseload runs
//! of issue 17 over a synthetic caseload in memory (deterministic, no real
//! data). They print figures; nothing fails on a slow machine.

use crate::cmd::calc::ParamsFlag;
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use gbi_domain::GemeenteCode;
use gbi_rules::huishouden::{BijzondereBijstandInvoer, IitInvoer, IitPeriode, MaandSoort};
use gbi_rules::regelingen::bench::{DEMO_CONCEPT_HAARLEM, bench_iit_uitnodiging};
use gbi_rules::regelingen::casus::Lopend;
use gbi_rules::{Parameters, Regels};
use std::time::{Duration, Instant};

fn haarlem() -> Result<GemeenteCode> {
    GemeenteCode::parse("0392").map_err(|e| anyhow!(e.message))
}

/// `n` running benefits of Haarlem as they are stored: the households of
/// `gbi bench rules`, with months on bijstand, a history of income before
/// the benefit for some, and bewindvoering or a washing machine for one in
/// ten.
fn lopend(datum: NaiveDate, n: usize) -> Vec<Lopend> {
    super::bench::voorbeelden(datum, n)
        .into_iter()
        .enumerate()
        .map(|(i, mut h)| {
            if i % 4 == 1 {
                h.iit = Some(IitInvoer {
                    perioden: vec![IitPeriode {
                        maanden: 24,
                        soort: MaandSoort::Bewezen,
                        inkomen_cents: Some(120_000 + (i as i64 * 3_571) % 60_000),
                        grens_cents: None,
                        bron: None,
                    }],
                    ..IitInvoer::default()
                });
            }
            h.bijzondere_bijstand = match i % 10 {
                0 => Some(BijzondereBijstandInvoer {
                    kosten_cents: 12_000 + (i as i64 % 4_000),
                    kostensoort: Some("bewindvoering".into()),
                    periodiek: true,
                    ..BijzondereBijstandInvoer::default()
                }),
                5 => Some(BijzondereBijstandInvoer {
                    kosten_cents: 30_000 + (i as i64 * 7) % 30_000,
                    kostensoort: Some("wasmachine".into()),
                    ..BijzondereBijstandInvoer::default()
                }),
                _ => None,
            };
            Lopend {
                huishouden: h,
                maanden_bijstand: (i % 60) as u32,
            }
        })
        .collect()
}

fn toon(wat: &str, n: usize, tijden: &mut [Duration]) {
    tijden.sort();
    let beste = tijden[0].as_secs_f64();
    println!(
        "  {wat}: {beste:.3} s beste, {:.3} s mediaan van {} rondes = {:.0} huishoudens per seconde",
        tijden[tijden.len() / 2].as_secs_f64(),
        tijden.len(),
        n as f64 / beste
    );
}

/// The wat-als run of the demo draft for Haarlem (`crates/rules/concepten`)
/// over `n` households: turning the stored facts into the caseload, both
/// policies for every household, the totals and three examples explained
/// (`gbi_zaken::wat_als::rekenen`, what the werkplek page runs after
/// reading the benefits).
pub fn wat_als(n: usize, date: &str, params: &ParamsFlag) -> Result<()> {
    let datum = crate::cmd::calc::parse_date(date, "--date")?;
    let regels: Regels = params.regels()?;
    let concept = Parameters::lees_beleidsconcept("0392-2027-01.toml", DEMO_CONCEPT_HAARLEM)
        .map_err(|e| anyhow!("{e}"))?;
    let caseload = lopend(datum, n);
    println!(
        "Wat-als: {n} lopende uitkeringen van Haarlem (synthetisch), peildatum {datum}, concept per {}, {} cores",
        concept.geldig_van,
        rayon::current_num_threads()
    );
    let reken = || {
        gbi_zaken::wat_als::rekenen(&regels, haarlem()?, datum, &concept, &caseload)
            .map_err(|e| anyhow!("{e}"))
    };
    let uitkomst = reken()?;
    let mut tijden = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        std::hint::black_box(reken()?);
        tijden.push(t.elapsed());
    }
    toon("doorrekenen", n, &mut tijden);
    let t = uitkomst.totalen;
    println!(
        "  uitkomst: {} erop vooruit, {} erop achteruit, {} gelijk, {} niet te berekenen; verschil per jaar {}",
        t.erop_vooruit,
        t.erop_achteruit,
        t.gelijk,
        t.niet_berekend,
        gbi_domain::Money::from_cents(t.verschil_per_jaar_cents)
    );
    for (reden, n) in &uitkomst.niet_berekend {
        println!("  niet te berekenen, {n} keer: {reden}");
    }
    Ok(())
}

/// The monthly IIT invitation over `n` synthetic own clients of Haarlem.
pub fn iit_uitnodigingen(n: usize, date: &str, params: &ParamsFlag) -> Result<()> {
    let datum = crate::cmd::calc::parse_date(date, "--date")?;
    let regels: Regels = params.regels()?;
    println!(
        "IIT-uitnodigingen: {n} eigen klanten van Haarlem (synthetisch), peildatum {datum}, {} cores",
        rayon::current_num_threads()
    );
    let (_, u) = bench_iit_uitnodiging(&regels, datum, n).map_err(|e| anyhow!("{e}"))?;
    let mut tijden = Vec::new();
    for _ in 0..3 {
        let (m, _) = bench_iit_uitnodiging(&regels, datum, n).map_err(|e| anyhow!("{e}"))?;
        tijden.push(m.duur);
    }
    toon("uitnodigingsrun", n, &mut tijden);
    println!(
        "  uitkomst: {} uit te nodigen, {} niet, {} niet te berekenen",
        u.uitnodigen.len(),
        u.niet,
        u.niet_berekend.len()
    );
    Ok(())
}

/// The monthly IIT invitation over `n` own clients stored in a database:
/// reading the clients and their last IIT, the rules, and writing each
/// invitation (draft, message, log) as `gbi serve` does.
pub async fn iit_uitnodigingen_database(
    flags: crate::config::DbFlags,
    n: usize,
    date: &str,
) -> Result<()> {
    let datum = crate::cmd::calc::parse_date(date, "--date")?;
    let regels = Regels::ingebouwd().map_err(|e| anyhow!("parameterbestanden: {e}"))?;
    let (_dir, db, gemeente) = crate::config::bench_db(flags).await?;
    let scope = gbi_store::Scope::system(gemeente, "bench");
    let t = Instant::now();
    let clienten: Vec<(String, serde_json::Value)> = lopend(datum, n)
        .into_iter()
        .map(|l| {
            let sinds = datum
                .checked_sub_months(chrono::Months::new(l.maanden_bijstand))
                .unwrap_or(datum);
            let feiten = serde_json::to_value(&l.huishouden).map_err(|e| anyhow!("{e}"))?;
            Ok((sinds.to_string(), feiten))
        })
        .collect::<Result<_>>()?;
    gbi_store::synthetisch::clienten_met_feiten(&db, &scope, &clienten)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    println!(
        "IIT-uitnodigingen met database: {n} eigen klanten van Haarlem (synthetisch) aangemaakt in {:.1} s (voorbereiding, telt niet mee), peildatum {datum}, {:?}",
        t.elapsed().as_secs_f64(),
        db.backend()
    );
    let t = Instant::now();
    // The demo house style: residents without consent to electronic
    // delivery get their letter too, as in `gbi serve --demo`.
    let huisstijl = gbi_letters::Huisstijl::demo("Gemeente Haarlem", "Haarlem");
    let v = gbi_zaken::iit_uitnodiging::uitnodigen(
        &db,
        &scope,
        &regels,
        "Haarlem",
        Some(&huisstijl),
        datum,
    )
    .await
    .map_err(|e| anyhow!("{e}"))?;
    let duur = t.elapsed();
    println!(
        "  lezen, beoordelen en uitnodigen: {:.2} s ({:.0} klanten per seconde)",
        duur.as_secs_f64(),
        n as f64 / duur.as_secs_f64()
    );
    println!("{}", crate::cmd::iit::verslag(&v));
    Ok(())
}

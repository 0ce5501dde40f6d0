//! Benchmarks of the caseload runs: a synthetic caseload (deterministic,
//! no real data) and the time the wat-als run and the monthly IIT
//! invitation take over it. `cargo run --release -p gbi-rules --example
//! regelingen_bench` prints them.

use super::Maandinkomen;
use super::uitnodiging::{BbKosten, Casus, Uitnodigingen, Wie, uitnodigingen};
use super::wat_als::{Totalen, wat_als};
use crate::Regels;
use crate::bijstand::{Feiten, Klasse};
use crate::fout::{LaadFout, RekenFout};
use crate::params::Parameters;
use chrono::{Months, NaiveDate};
use gbi_domain::GemeenteCode;
use std::time::{Duration, Instant};

/// A draft policy for Haarlem (demo), dated 1 January 2027: a higher IIT,
/// a higher income threshold and a higher draagkracht percentage.
pub const DEMO_CONCEPT_HAARLEM: &str = include_str!("../../concepten/0392-2027-01.toml");

/// A small deterministic generator (xorshift), so runs can be compared.
struct Toeval(u64);

impl Toeval {
    fn volgende(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn tot(&mut self, n: u64) -> u64 {
        self.volgende() % n.max(1)
    }
}

/// `n` synthetic households on `datum`: ages, partners, children, income,
/// vermogen, 60 months of history and some costs of bijzondere bijstand.
pub fn caseload(n: usize, datum: NaiveDate, zaad: u64) -> Vec<Casus> {
    let mut t = Toeval(zaad | 1);
    (0..n)
        .map(|_| {
            let partner = t.tot(10) < 3;
            let kinderen: Vec<u8> = (0..t.tot(4)).map(|_| t.tot(18) as u8).collect();
            let laag = t.tot(10) < 7;
            let iit_maanden: Vec<Maandinkomen> = (0..60)
                .map(|_| match t.tot(400) {
                    0 => Maandinkomen::ZonderBewijs,
                    1..=240 if laag => Maandinkomen::Bijstand,
                    _ if laag => Maandinkomen::Bewezen(t.tot(150_000) as i64),
                    _ => Maandinkomen::Bewezen(100_000 + t.tot(200_000) as i64),
                })
                .collect();
            let laatste_iit = match t.tot(3) {
                0 => None,
                _ => datum.checked_sub_months(Months::new(6 + t.tot(30) as u32)),
            };
            let bb = match t.tot(10) {
                0 => Some(BbKosten {
                    kostensoort: "bewindvoering".into(),
                    kosten_cents: 12_000 + t.tot(4_000) as i64,
                    periodiek: true,
                }),
                1 => Some(BbKosten {
                    kostensoort: "wasmachine".into(),
                    kosten_cents: 30_000 + t.tot(30_000) as i64,
                    periodiek: false,
                }),
                _ => None,
            };
            Casus {
                feiten: Feiten {
                    aanvrager: if t.tot(50) == 0 {
                        Klasse::Jong
                    } else {
                        Klasse::Volwassen
                    },
                    partner: partner.then_some(Klasse::Volwassen),
                    kinderen: !kinderen.is_empty(),
                    kostendelers: u32::from(t.tot(10) == 0),
                    mantelzorg: false,
                    toeslag_20_3: false,
                    vermogen: t.tot(2_000_000) as i64,
                    woning_leenruimte: 0,
                    inkomen: t.tot(60_000) as i64,
                    inrichting_aanvrager: false,
                    inrichting_partner: false,
                },
                kinderen,
                netto_inkomen_cents: 130_000 + t.tot(120_000) as i64,
                iit_maanden,
                laatste_iit,
                bb,
            }
        })
        .collect()
}

/// What a benchmark measured.
#[derive(Debug, Clone)]
pub struct Meting {
    pub huishoudens: usize,
    pub duur: Duration,
}

fn haarlem() -> Result<GemeenteCode, RekenFout> {
    GemeenteCode::parse("0392").map_err(|e| RekenFout::invoer("gemeente", e.message))
}

fn laad_fout(e: LaadFout) -> RekenFout {
    RekenFout::invoer("concept", e.to_string())
}

/// The wat-als run of the demo draft over `n` synthetic households of
/// Haarlem on `datum`.
pub fn bench_wat_als(
    regels: &Regels,
    datum: NaiveDate,
    n: usize,
) -> Result<(Meting, Totalen), RekenFout> {
    let concept = Parameters::lees_beleidsconcept("0392-2027-01.toml", DEMO_CONCEPT_HAARLEM)
        .map_err(laad_fout)?;
    let huidig = regels.parameters.peil(datum, Some(haarlem()?))?;
    let nieuw = regels.parameters.peil_met_beleid(datum, &concept)?;
    let c = caseload(n, datum, 17);
    let begin = Instant::now();
    let w = wat_als(&huidig, &nieuw, &c)?;
    let duur = begin.elapsed();
    Ok((
        Meting {
            huishoudens: n,
            duur,
        },
        w.totalen,
    ))
}

/// The monthly IIT invitation over `n` synthetic own clients of Haarlem.
pub fn bench_iit_uitnodiging(
    regels: &Regels,
    datum: NaiveDate,
    n: usize,
) -> Result<(Meting, Uitnodigingen), RekenFout> {
    let peil = regels.parameters.peil(datum, Some(haarlem()?))?;
    let c = caseload(n, datum, 29);
    let begin = Instant::now();
    let u = uitnodigingen(&peil, &c, Wie::NaEerdereIit)?;
    let duur = begin.elapsed();
    Ok((
        Meting {
            huishoudens: n,
            duur,
        },
        u,
    ))
}

//! Wat-als: a draft policy on the real caseload before it takes effect.
//! For every household the IIT and the bijzondere bijstand under the
//! current and the draft policy, and what that means per year; then how
//! many gain, lose or stay the same, the totals, and a few households
//! explained step by step. Pure: nothing is written, no I/O; on all cores.
//!
//! Both policies are computed with the same national figures (those of the
//! peil given for the current policy, usually today), so the difference is
//! the policy's alone: the national figures of the draft's date are often
//! not published yet.

use super::bijzondere_bijstand;
use super::draagkracht::draagkracht;
use super::iit::IitRecht;
use super::uitnodiging::{Casus, Regelingbeleid, grond, iit_van};
use crate::fout::RekenFout;
use crate::huishouden::BijzondereBijstandInvoer;
use crate::peil::Peil;
use crate::uitleg::{GeenSpoor, Spoor, Uitleg};
use gbi_domain::{Money, Rounding, RoundingMode};
use rayon::prelude::*;
use serde::Serialize;

const PER_JAAR: Rounding = Rounding::new("wat_als_per_jaar", RoundingMode::HalfAwayFromZero);
/// How many households are explained.
pub const VOORBEELDEN: usize = 3;

/// One household under one policy, per year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stand {
    /// The IIT amount when the rules see a right (a person still judges the
    /// prospect of income improvement): 0 otherwise.
    pub iit_cents: i64,
    pub iit_recht: bool,
    /// Draagkracht over the policy's draagkrachtperiode.
    pub draagkracht_cents: i64,
    /// Bijzondere bijstand for the household's cost, per year (a periodic
    /// cost over twelve months, a one-off cost once).
    pub bb_per_jaar_cents: i64,
}

impl Stand {
    pub fn per_jaar_cents(self) -> i64 {
        self.iit_cents + self.bb_per_jaar_cents
    }
}

/// One household: before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WatAlsRegel {
    pub index: usize,
    pub huidig: Stand,
    pub concept: Stand,
    /// Draft minus current, per year: more money for the household is
    /// positive.
    pub verschil_per_jaar_cents: i64,
}

/// The totals over the caseload.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totalen {
    pub huishoudens: u64,
    pub erop_vooruit: u64,
    pub erop_achteruit: u64,
    pub gelijk: u64,
    pub niet_berekend: u64,
    pub iit_huidig_per_jaar_cents: i64,
    pub iit_concept_per_jaar_cents: i64,
    pub bb_huidig_per_jaar_cents: i64,
    pub bb_concept_per_jaar_cents: i64,
    pub verschil_per_jaar_cents: i64,
    /// Households that get an IIT right under the draft, or lose it.
    pub iit_recht_erbij: u64,
    pub iit_recht_eraf: u64,
    pub grootste_winst_cents: i64,
    pub grootste_verlies_cents: i64,
}

/// A household explained under both policies.
#[derive(Debug, Clone)]
pub struct Voorbeeld<'a> {
    pub regel: WatAlsRegel,
    pub huidig: Uitleg<'a>,
    pub concept: Uitleg<'a>,
}

/// The whole run.
#[derive(Debug, Clone)]
pub struct WatAls<'a> {
    pub regels: Vec<WatAlsRegel>,
    pub totalen: Totalen,
    /// Households the rules could not compute, with why (never skipped
    /// silently).
    pub niet_berekend: Vec<(usize, RekenFout)>,
    pub voorbeelden: Vec<Voorbeeld<'a>>,
}

fn stand<'a, S: Spoor<'a>>(
    rb: &Regelingbeleid<'_, 'a>,
    c: &Casus,
    s: &mut S,
) -> Result<Stand, RekenFout> {
    let g = grond(rb.peil, c, s)?;
    let iit = iit_van(&rb.iit, &g, c, rb.peil.datum, s)?;
    let recht = iit.recht != IitRecht::Nee;
    let dk = draagkracht(&rb.bb, &g.middelen, None, s)?;
    let bb_per_jaar = match &c.bb {
        None => 0,
        Some(k) => {
            let invoer = BijzondereBijstandInvoer {
                kosten_cents: k.kosten_cents,
                inkomen_cents: c.netto_inkomen_cents,
                kostensoort: Some(k.kostensoort.clone()),
                periodiek: k.periodiek,
                ..BijzondereBijstandInvoer::default()
            };
            let u = bijzondere_bijstand::beoordeel(&rb.bb, &g.middelen, &invoer, s)?;
            if k.periodiek {
                Money::from_cents(u.bedrag_cents)
                    .mul_ratio(12, rb.bb.periode_maanden, PER_JAAR)
                    .cents()
            } else {
                u.bedrag_cents
            }
        }
    };
    Ok(Stand {
        iit_cents: if recht { iit.bedrag_cents } else { 0 },
        iit_recht: recht,
        draagkracht_cents: dk.totaal_cents,
        bb_per_jaar_cents: bb_per_jaar,
    })
}

fn regel(
    huidig: &Regelingbeleid<'_, '_>,
    concept: &Regelingbeleid<'_, '_>,
    index: usize,
    c: &Casus,
) -> Result<WatAlsRegel, RekenFout> {
    let h = stand(huidig, c, &mut GeenSpoor)?;
    let n = stand(concept, c, &mut GeenSpoor)?;
    Ok(WatAlsRegel {
        index,
        huidig: h,
        concept: n,
        verschil_per_jaar_cents: n.per_jaar_cents() - h.per_jaar_cents(),
    })
}

/// Run the draft policy (`concept`) against the current one (`huidig`) over
/// the caseload. Both peils should hold the same national figures
/// ([`crate::Regels::wat_als`] sees to that).
pub fn wat_als<'a>(
    huidig: &Peil<'a>,
    concept: &Peil<'a>,
    caseload: &[Casus],
) -> Result<WatAls<'a>, RekenFout> {
    let h = Regelingbeleid::uit(huidig)?;
    let n = Regelingbeleid::uit(concept)?;
    let per: Vec<Result<WatAlsRegel, RekenFout>> = caseload
        .par_iter()
        .enumerate()
        .map(|(i, c)| regel(&h, &n, i, c))
        .collect();
    let mut t = Totalen::default();
    let mut regels = Vec::with_capacity(per.len());
    let mut niet_berekend = Vec::new();
    for (i, r) in per.into_iter().enumerate() {
        t.huishoudens += 1;
        match r {
            Err(e) => {
                t.niet_berekend += 1;
                niet_berekend.push((i, e));
            }
            Ok(r) => {
                let v = r.verschil_per_jaar_cents;
                match v.signum() {
                    1 => t.erop_vooruit += 1,
                    -1 => t.erop_achteruit += 1,
                    _ => t.gelijk += 1,
                }
                t.iit_huidig_per_jaar_cents += r.huidig.iit_cents;
                t.iit_concept_per_jaar_cents += r.concept.iit_cents;
                t.bb_huidig_per_jaar_cents += r.huidig.bb_per_jaar_cents;
                t.bb_concept_per_jaar_cents += r.concept.bb_per_jaar_cents;
                t.verschil_per_jaar_cents += v;
                t.iit_recht_erbij += u64::from(r.concept.iit_recht && !r.huidig.iit_recht);
                t.iit_recht_eraf += u64::from(r.huidig.iit_recht && !r.concept.iit_recht);
                t.grootste_winst_cents = t.grootste_winst_cents.max(v);
                t.grootste_verlies_cents = t.grootste_verlies_cents.min(v);
                regels.push(r);
            }
        }
    }
    let mut voorbeelden = Vec::new();
    for r in kies_voorbeelden(&regels) {
        let c = caseload
            .get(r.index)
            .ok_or_else(|| RekenFout::invoer("caseload", "voorbeeld buiten de caseload"))?;
        let mut uh = Uitleg::new();
        let mut un = Uitleg::new();
        stand(&h, c, &mut uh)?;
        stand(&n, c, &mut un)?;
        voorbeelden.push(Voorbeeld {
            regel: r,
            huidig: uh,
            concept: un,
        });
    }
    Ok(WatAls {
        regels,
        totalen: t,
        niet_berekend,
        voorbeelden,
    })
}

/// The household that gains most, the one that loses most, and one whose
/// IIT right changes (or else one that stays the same): at most
/// [`VOORBEELDEN`], each once.
fn kies_voorbeelden(regels: &[WatAlsRegel]) -> Vec<WatAlsRegel> {
    let winst = regels
        .iter()
        .filter(|r| r.verschil_per_jaar_cents > 0)
        .max_by_key(|r| (r.verschil_per_jaar_cents, std::cmp::Reverse(r.index)));
    let verlies = regels
        .iter()
        .filter(|r| r.verschil_per_jaar_cents < 0)
        .min_by_key(|r| (r.verschil_per_jaar_cents, r.index));
    let wissel = regels
        .iter()
        .find(|r| r.huidig.iit_recht != r.concept.iit_recht)
        .or_else(|| regels.iter().find(|r| r.verschil_per_jaar_cents == 0));
    let mut uit: Vec<WatAlsRegel> = Vec::with_capacity(VOORBEELDEN);
    for r in [winst, verlies, wissel].into_iter().flatten() {
        if !uit.iter().any(|x| x.index == r.index) {
            uit.push(*r);
        }
    }
    uit
}

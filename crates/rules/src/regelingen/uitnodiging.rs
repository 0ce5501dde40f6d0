//! The monthly IIT invitation: which of the gemeente's own clients meet the
//! conditions again, so they can be invited to confirm a prefilled
//! application (the confirmation is the aanvraag: art. 36-1 "op aanvraag").
//! Pure and fast: one pass over the clients' facts and their months on
//! bijstand from the ledger, on all cores; no I/O.

use super::draagkracht::{BbBeleid, Middelen};
use super::iit::{self, IitBeleid, IitBeoordeling, IitFeiten, IitRecht, Maandinkomen};
use crate::bijstand::{self, Feiten};
use crate::fout::RekenFout;
use crate::peil::Peil;
use crate::uitleg::{GeenSpoor, Spoor};
use chrono::NaiveDate;
use rayon::prelude::*;

/// One household of the caseload: the facts the rules need, without name
/// or number (the caller keeps the link by position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Casus {
    pub feiten: Feiten,
    /// Ages on the peildatum of the children under 18.
    pub kinderen: Vec<u8>,
    /// Net income of the household per month, bijstand included: what the
    /// draagkracht looks at (art. 35-1).
    pub netto_inkomen_cents: i64,
    /// The months before the peildatum, oldest first (from the ledger).
    pub iit_maanden: Vec<Maandinkomen>,
    pub laatste_iit: Option<NaiveDate>,
    /// A recurring or known cost of bijzondere bijstand, if any.
    pub bb: Option<BbKosten>,
}

/// A cost of the catalogue a household has (e.g. bewindvoering).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BbKosten {
    pub kostensoort: String,
    /// Per time, or per month when periodic.
    pub kosten_cents: i64,
    pub periodiek: bool,
}

/// The norm, vermogen and means of a household under one peil.
pub(crate) struct Grond {
    pub norm: i64,
    pub vermogen_binnen_grens: bool,
    pub middelen: Middelen,
}

pub(crate) fn grond<'a, S: Spoor<'a>>(
    peil: &Peil<'a>,
    c: &Casus,
    s: &mut S,
) -> Result<Grond, RekenFout> {
    let u = bijstand::bereken(peil, &c.feiten, s)?;
    Ok(Grond {
        norm: u.norm_cents,
        vermogen_binnen_grens: u.vermogen_binnen_grens,
        middelen: Middelen {
            leefvorm: u.leefvorm,
            norm_cents: u.norm_cents,
            inkomen_cents: c.netto_inkomen_cents,
            vermogen_cents: c.feiten.vermogen,
            vermogensgrens_cents: u.vermogensgrens_cents,
        },
    })
}

/// The IIT assessment of one household as if it applied on `datum`
/// (nobody has judged the prospect of income improvement yet).
pub(crate) fn iit_van<'a, S: Spoor<'a>>(
    b: &IitBeleid<'a>,
    g: &Grond,
    c: &Casus,
    datum: NaiveDate,
    s: &mut S,
) -> Result<IitBeoordeling, RekenFout> {
    let f = IitFeiten {
        aanvrager: c.feiten.aanvrager,
        leefvorm: g.middelen.leefvorm,
        kinderen: &c.kinderen,
        norm_cents: g.norm,
        vermogen_binnen_grens: g.vermogen_binnen_grens,
        maanden: &c.iit_maanden,
        laatste_iit: c.laatste_iit,
        aanvraagdatum: datum,
        oordeel: None,
    };
    iit::beoordeel(b, &f, s)
}

/// Whom the monthly run looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wie {
    /// Clients who had an IIT before and may have it again ("weer").
    NaEerdereIit,
    /// Every own client who meets the conditions.
    Iedereen,
}

/// An invitation to confirm a prefilled IIT application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uitnodiging {
    /// Position in the clients given.
    pub index: usize,
    /// The amount under the policy if the application is granted.
    pub bedrag_cents: i64,
    /// The full assessment: what a person will still judge.
    pub beoordeling: IitBeoordeling,
}

/// The outcome of a monthly run.
#[derive(Debug, Clone, Default)]
pub struct Uitnodigingen {
    pub uitnodigen: Vec<Uitnodiging>,
    /// Clients who do not meet the conditions (or are not looked at).
    pub niet: u64,
    /// Clients the rules could not assess, with why: a person looks at
    /// them; they are never skipped silently.
    pub niet_berekend: Vec<(usize, RekenFout)>,
}

/// Whether one client meets the IIT conditions again on `peildatum`: every
/// condition the rules can check is met, including that the last IIT was
/// granted more than 12 months before (art. 36-3).
pub fn voldoet_weer(
    peil: &Peil<'_>,
    b: &IitBeleid<'_>,
    c: &Casus,
    wie: Wie,
) -> Result<Option<IitBeoordeling>, RekenFout> {
    if wie == Wie::NaEerdereIit && c.laatste_iit.is_none() {
        return Ok(None);
    }
    let g = grond(peil, c, &mut GeenSpoor)?;
    let u = iit_van(b, &g, c, peil.datum, &mut GeenSpoor)?;
    Ok((u.recht != IitRecht::Nee).then_some(u))
}

/// The monthly run over the gemeente's own clients on `peil.datum`.
pub fn uitnodigingen(
    peil: &Peil<'_>,
    clienten: &[Casus],
    wie: Wie,
) -> Result<Uitnodigingen, RekenFout> {
    let b = IitBeleid::uit(peil)?;
    let per: Vec<Result<Option<IitBeoordeling>, RekenFout>> = clienten
        .par_iter()
        .map(|c| voldoet_weer(peil, &b, c, wie))
        .collect();
    let mut uit = Uitnodigingen::default();
    for (index, r) in per.into_iter().enumerate() {
        match r {
            Ok(Some(beoordeling)) => uit.uitnodigen.push(Uitnodiging {
                index,
                bedrag_cents: beoordeling.bedrag_cents,
                beoordeling,
            }),
            Ok(None) => uit.niet += 1,
            Err(e) => uit.niet_berekend.push((index, e)),
        }
    }
    Ok(uit)
}

/// Both policies of a gemeente, resolved once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Regelingbeleid<'p, 'a> {
    pub peil: &'p Peil<'a>,
    pub iit: IitBeleid<'a>,
    pub bb: BbBeleid<'a>,
}

impl<'p, 'a> Regelingbeleid<'p, 'a> {
    pub fn uit(peil: &'p Peil<'a>) -> Result<Self, RekenFout> {
        Ok(Self {
            peil,
            iit: IitBeleid::uit(peil)?,
            bb: BbBeleid::uit(peil)?,
        })
    }
}

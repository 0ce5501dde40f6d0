//! Draagkracht for bijzondere bijstand (art. 35-1): what the household can
//! pay itself from income above the bijstandsnorm and from vermogen, over
//! the draagkrachtperiode the college sets. The percentages, the free room
//! per leefvorm and the period are the gemeente's policy; art. 31-2 and
//! 34-2 (the vrijlatingen) do not apply (art. 35-1).

use super::iit::beleid;
use crate::bijstand::Leefvorm;
use crate::fout::RekenFout;
use crate::params::Kostensoort;
use crate::peil::{Beleid, Peil, W};
use crate::stap;
use crate::uitleg::{Grootheid::*, Spoor};
use gbi_domain::{Money, Rounding, RoundingMode};
use serde::Serialize;

const DRAAGKRACHT: Rounding = Rounding::new(
    "bijzondere_bijstand_draagkracht",
    RoundingMode::HalfAwayFromZero,
);
const DRAAGKRACHT_VERMOGEN: Rounding = Rounding::new(
    "bijzondere_bijstand_draagkracht_vermogen",
    RoundingMode::HalfAwayFromZero,
);
pub(crate) const ART_35_1: &str = "Participatiewet art. 35, eerste lid (BWBR0015703)";

/// The bijzondere-bijstand policy of one gemeente on one date, resolved
/// once, with the national drempel of art. 35-2.
#[derive(Debug, Clone, Copy)]
pub struct BbBeleid<'a> {
    pub(crate) b: Beleid<'a>,
    pub vrije_ruimte_alleenstaande: i64,
    pub vrije_ruimte_alleenstaande_ouder: i64,
    pub vrije_ruimte_gehuwden: i64,
    /// Basis points of the income above the free room.
    pub procent: i64,
    /// Basis points of the vermogen that counts.
    pub vermogen_procent: i64,
    pub periode_maanden: i64,
    /// Also vermogen below the art. 34 limit is draagkracht.
    pub vermogen_onder_grens: bool,
    /// The gemeente refuses costs within the art. 35-2 drempel.
    pub drempel_weigeren: bool,
    pub drempel_cents: i64,
    pub kostensoorten: &'a [Kostensoort],
}

impl<'a> BbBeleid<'a> {
    pub fn uit(peil: &Peil<'a>) -> Result<Self, RekenFout> {
        let b = *beleid(peil)?;
        let set = peil.beleid.as_ref().map(|(_, s, _)| *s);
        let periode = b.bb_draagkracht_periode_maanden.get()?;
        if periode < 1 {
            return Err(RekenFout::NietIngesteld {
                sleutel: "bb_draagkracht_periode_maanden (ten minste 1)".into(),
                bestand: b.bb_draagkracht_periode_maanden.param.bestand.clone(),
            });
        }
        Ok(Self {
            vrije_ruimte_alleenstaande: b.bb_vrije_ruimte_alleenstaande.get()?,
            vrije_ruimte_alleenstaande_ouder: b.bb_vrije_ruimte_alleenstaande_ouder.get()?,
            vrije_ruimte_gehuwden: b.bb_vrije_ruimte_gehuwden.get()?,
            procent: b.bb_draagkracht_procent.get()?,
            vermogen_procent: b.bb_vermogen_procent.get()?,
            periode_maanden: periode,
            vermogen_onder_grens: b.bb_vermogen_onder_grens_is_draagkracht.get()? == 1,
            drempel_weigeren: b.bb_drempel_weigeren.get()? == 1,
            drempel_cents: peil.bijzondere_bijstand.drempel.get()?,
            kostensoorten: set.map_or(&[], |s| s.lijsten.kostensoorten.as_slice()),
            b,
        })
    }

    /// The catalogue entry with this code.
    pub fn kostensoort(&self, code: &str) -> Option<&'a Kostensoort> {
        self.kostensoorten.iter().find(|k| k.code == code)
    }

    fn vrije_ruimte(&self, leefvorm: Leefvorm) -> (i64, W<'a>) {
        match leefvorm {
            Leefvorm::Alleenstaande => (
                self.vrije_ruimte_alleenstaande,
                self.b.bb_vrije_ruimte_alleenstaande,
            ),
            Leefvorm::AlleenstaandeOuder => (
                self.vrije_ruimte_alleenstaande_ouder,
                self.b.bb_vrije_ruimte_alleenstaande_ouder,
            ),
            Leefvorm::Gehuwden => (self.vrije_ruimte_gehuwden, self.b.bb_vrije_ruimte_gehuwden),
        }
    }
}

/// The household's means, as the draagkracht needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Middelen {
    pub leefvorm: Leefvorm,
    /// The applicable bijstandsnorm, per month.
    pub norm_cents: i64,
    /// Net income of the household per month.
    pub inkomen_cents: i64,
    /// Vermogen (art. 34-1) without the exemptions of 34-2.
    pub vermogen_cents: i64,
    /// The art. 34-3 limit for the household.
    pub vermogensgrens_cents: i64,
}

/// The draagkracht and how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Draagkracht {
    /// Income above norm plus free room, per month.
    pub inkomen_boven_cents: i64,
    pub per_maand_cents: i64,
    pub maanden: i64,
    pub uit_inkomen_cents: i64,
    pub uit_vermogen_cents: i64,
    pub totaal_cents: i64,
}

/// The draagkracht over the policy's period. `procent` overrides the
/// general percentage (a kostensoort's own), with its reference.
pub fn draagkracht<'a, S: Spoor<'a>>(
    b: &BbBeleid<'a>,
    m: &Middelen,
    procent: Option<(i64, &'a str)>,
    s: &mut S,
) -> Result<Draagkracht, RekenFout> {
    for (veld, w) in [
        ("bijzondere_bijstand.inkomen_cents", m.inkomen_cents),
        ("vermogen", m.vermogen_cents),
    ] {
        if w < 0 {
            return Err(RekenFout::invoer(veld, "mag niet negatief zijn"));
        }
    }
    let (vrij, vrij_w) = b.vrije_ruimte(m.leefvorm);
    let boven = (m.inkomen_cents - m.norm_cents - vrij).max(0);
    stap!(s, "bb.draagkrachtvrije_ruimte", vrij_w.verwijzing(), Bedrag(m.norm_cents + vrij), [
        "norm" => Bedrag(m.norm_cents), "vrije_ruimte" => Bedrag(vrij),
    ]);
    let (procent, verwijzing) =
        procent.unwrap_or((b.procent, b.b.bb_draagkracht_procent.verwijzing()));
    let per_maand = Money::from_cents(boven)
        .percentage(procent, DRAAGKRACHT)
        .cents();
    stap!(s, "bb.draagkracht_inkomen", verwijzing, Bedrag(per_maand), [
        "inkomen" => Bedrag(m.inkomen_cents), "norm" => Bedrag(m.norm_cents), "vrije_ruimte" => Bedrag(vrij),
        "boven" => Bedrag(boven), "procent" => Procent(procent),
    ]);
    // Art. 35-1 sets aside the exemptions of art. 34-2; whether vermogen
    // below the limit counts as draagkracht is the gemeente's policy.
    let vrijgelaten = if b.vermogen_onder_grens {
        0
    } else {
        m.vermogensgrens_cents
    };
    let vermogen_telt = (m.vermogen_cents - vrijgelaten).max(0);
    let uit_vermogen = Money::from_cents(vermogen_telt)
        .percentage(b.vermogen_procent, DRAAGKRACHT_VERMOGEN)
        .cents();
    stap!(s, "bb.draagkracht_vermogen", b.b.bb_vermogen_procent.verwijzing(), Bedrag(uit_vermogen), [
        "vermogen" => Bedrag(m.vermogen_cents), "vrijgelaten" => Bedrag(vrijgelaten),
        "vermogen_onder_grens_telt" => JaNee(b.vermogen_onder_grens), "procent" => Procent(b.vermogen_procent),
    ]);
    let uit_inkomen = per_maand * b.periode_maanden;
    let totaal = uit_inkomen + uit_vermogen;
    stap!(s, "bb.draagkracht", b.b.bb_draagkracht_periode_maanden.verwijzing(), Bedrag(totaal), [
        "per_maand" => Bedrag(per_maand), "maanden" => Maanden(b.periode_maanden),
        "uit_inkomen" => Bedrag(uit_inkomen), "uit_vermogen" => Bedrag(uit_vermogen),
    ]);
    Ok(Draagkracht {
        inkomen_boven_cents: boven,
        per_maand_cents: per_maand,
        maanden: b.periode_maanden,
        uit_inkomen_cents: uit_inkomen,
        uit_vermogen_cents: uit_vermogen,
        totaal_cents: totaal,
    })
}

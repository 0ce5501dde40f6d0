//! What a gemeente's IIT and bijzondere-bijstand policy says on a date, as
//! plain owned values with their sources: for the page a resident reads
//! before applying (non-take-up of these schemes is high, and each gemeente
//! has rules of its own).

use super::draagkracht::BbBeleid;
use super::iit::{IitBeleid, Inkomenstoets, MaandZonderBewijs, beleid};
use crate::fout::RekenFout;
use crate::params::{Kindbedrag, Kostensoort};
use crate::peil::Peil;
use chrono::NaiveDate;
use serde::Serialize;

/// One gemeente's rules for the IIT and bijzondere bijstand on one date.
#[derive(Debug, Clone, Serialize)]
pub struct Overzicht {
    /// The policy file's first day, and where it comes from.
    pub geldig_van: NaiveDate,
    pub bron: String,
    /// A demo policy, not adopted by any council.
    pub demo: bool,
    pub iit: IitRegels,
    pub bb: BbRegels,
}

/// The IIT (art. 36) as the gemeente fills it in.
#[derive(Debug, Clone, Serialize)]
pub struct IitRegels {
    pub referentieperiode_maanden: usize,
    /// The income limit as basis points of the norm (11000 = 110%).
    pub inkomensgrens_bp: i64,
    pub toets: Inkomenstoets,
    pub zonder_bewijs: MaandZonderBewijs,
    /// Cents per year.
    pub bedrag_alleenstaande: i64,
    pub bedrag_alleenstaande_ouder: i64,
    pub bedrag_gehuwden: i64,
    pub bedrag_gehuwden_met_kinderen: i64,
    pub kindbedragen: Vec<Kindbedrag>,
    /// Where the reference period and limit come from.
    pub verwijzing: String,
}

/// Bijzondere bijstand (art. 35) as the gemeente fills it in.
#[derive(Debug, Clone, Serialize)]
pub struct BbRegels {
    /// Art. 35-2: costs within 12 months up to this amount (cents).
    pub drempel_cents: i64,
    /// The gemeente refuses costs within the drempel.
    pub drempel_weigeren: bool,
    pub periode_maanden: i64,
    /// Basis points of the income above the free room.
    pub procent_bp: i64,
    /// Basis points of the vermogen that counts.
    pub vermogen_procent_bp: i64,
    /// Also vermogen below the art. 34 limit counts.
    pub vermogen_onder_grens: bool,
    /// Cents per month above the norm that is not draagkracht.
    pub vrije_ruimte_alleenstaande: i64,
    pub vrije_ruimte_alleenstaande_ouder: i64,
    pub vrije_ruimte_gehuwden: i64,
    pub kostensoorten: Vec<Kostensoort>,
    pub verwijzing: String,
}

/// The gemeente's rules on the peil's date; an error when the peil has no
/// gemeente policy or a value is not set.
pub fn overzicht(peil: &Peil<'_>) -> Result<Overzicht, RekenFout> {
    let b = beleid(peil)?;
    let set = peil
        .beleid
        .as_ref()
        .map(|(_, s, _)| *s)
        .ok_or_else(|| RekenFout::invoer("gemeente", "geef de gemeente op"))?;
    let iit = IitBeleid::uit(peil)?;
    let bb = BbBeleid::uit(peil)?;
    Ok(Overzicht {
        geldig_van: set.geldig_van,
        bron: set.bron.clone(),
        demo: set.demo,
        iit: IitRegels {
            referentieperiode_maanden: iit.referentieperiode_maanden,
            inkomensgrens_bp: iit.inkomensgrens_procent,
            toets: iit.toets,
            zonder_bewijs: iit.zonder_bewijs,
            bedrag_alleenstaande: b.iit_bedrag_alleenstaande.get()?,
            bedrag_alleenstaande_ouder: b.iit_bedrag_alleenstaande_ouder.get()?,
            bedrag_gehuwden: b.iit_bedrag_gehuwden.get()?,
            bedrag_gehuwden_met_kinderen: b.iit_bedrag_gehuwden_met_kinderen.get()?,
            kindbedragen: iit.kindbedragen.to_vec(),
            verwijzing: b.iit_inkomensgrens_procent.verwijzing().to_owned(),
        },
        bb: BbRegels {
            drempel_cents: bb.drempel_cents,
            drempel_weigeren: bb.drempel_weigeren,
            periode_maanden: bb.periode_maanden,
            procent_bp: bb.procent,
            vermogen_procent_bp: bb.vermogen_procent,
            vermogen_onder_grens: bb.vermogen_onder_grens,
            vrije_ruimte_alleenstaande: bb.vrije_ruimte_alleenstaande,
            vrije_ruimte_alleenstaande_ouder: bb.vrije_ruimte_alleenstaande_ouder,
            vrije_ruimte_gehuwden: bb.vrije_ruimte_gehuwden,
            kostensoorten: bb.kostensoorten.to_vec(),
            verwijzing: b.bb_draagkracht_procent.verwijzing().to_owned(),
        },
    })
}

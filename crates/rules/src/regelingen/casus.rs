//! A household of the caseload from the facts a running benefit stores
//! (the `gbi calc` input, [`Huishouden`]), for the wat-als run and the
//! monthly IIT invitation. The caller reads the benefits; this only turns
//! facts into a [`Casus`], without name or number.

use super::iit::Maandinkomen;
use super::uitnodiging::{BbKosten, Casus};
use crate::bijstand;
use crate::fout::RekenFout;
use crate::huishouden::Huishouden;
use crate::peil::Peil;
use crate::uitleg::GeenSpoor;

/// One stored household and how many months it has been on bijstand
/// before the peildatum (the months of its benefit in the ledger).
#[derive(Debug, Clone)]
pub struct Lopend {
    pub huishouden: Huishouden,
    pub maanden_bijstand: u32,
}

/// The household as a [`Casus`] under `peil`: its facts, the net income
/// of the household (the bijstand it gets plus its own net income: what
/// the draagkracht looks at, art. 35-1), the months of the reference
/// period (those given in `iit`, then `maanden_bijstand` months on
/// bijstand) and a cost of bijzondere bijstand of the catalogue, if the
/// facts name one.
pub fn uit_lopend(peil: &Peil<'_>, l: &Lopend) -> Result<Casus, RekenFout> {
    let h = &l.huishouden;
    let f = h.feiten(peil, &mut GeenSpoor)?.feiten;
    let u = bijstand::bereken(peil, &f, &mut GeenSpoor)?;
    let eigen = |i: &crate::inkomen::Inkomsten| i.arbeid_cents + i.overig_cents;
    let netto = u.bijstand_cents
        + eigen(&h.inkomsten)
        + h.partner.as_ref().map_or(0, |p| eigen(&p.inkomsten));
    let mut maanden = match &h.iit {
        Some(i) => i.maanden()?,
        None => Vec::new(),
    };
    maanden.extend(std::iter::repeat_n(
        Maandinkomen::Bijstand,
        l.maanden_bijstand.min(240) as usize,
    ));
    let bb = h.bijzondere_bijstand.as_ref().and_then(|b| {
        b.kostensoort.as_ref().map(|k| BbKosten {
            kostensoort: k.clone(),
            kosten_cents: b.kosten_cents,
            periodiek: b.periodiek,
        })
    });
    Ok(Casus {
        feiten: f,
        kinderen: h.kinderleeftijden(peil.datum),
        netto_inkomen_cents: netto,
        iit_maanden: maanden,
        laatste_iit: h.iit.as_ref().and_then(|i| i.laatste_iit),
        bb,
    })
}

//! Schemes that rest on the gemeente's policy: individuele inkomenstoeslag
//! (art. 36) and bijzondere bijstand (art. 35).

use crate::bijstand::{Feiten, Klasse, Leefvorm};
use crate::fout::RekenFout;
use crate::huishouden::{BijzondereBijstandInvoer, IitInvoer};
use crate::peil::{Beleid, Peil};
use crate::stap;
use crate::uitleg::{Grootheid::*, Spoor};
use gbi_domain::{Money, Rounding, RoundingMode};
use serde::Serialize;

const IIT_GRENS: Rounding = Rounding::new("iit_inkomensgrens", RoundingMode::TowardZero);
const DRAAGKRACHT: Rounding = Rounding::new(
    "bijzondere_bijstand_draagkracht",
    RoundingMode::HalfAwayFromZero,
);
const ART_36: &str = "Participatiewet art. 36, eerste lid (BWBR0015703)";
const ART_36_3: &str = "Participatiewet art. 36, derde lid (BWBR0015703)";
const ART_35: &str = "Participatiewet art. 35, eerste lid (BWBR0015703)";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IitUitkomst {
    pub recht: bool,
    /// Yearly amount under local policy, when there is a right.
    pub bedrag_cents: i64,
    /// Why not, as a stable code; `None` when there is a right.
    pub reden: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BijzondereBijstandUitkomst {
    pub draagkracht_cents: i64,
    pub bijzondere_bijstand_cents: i64,
}

fn beleid<'p, 'a>(peil: &'p Peil<'a>) -> Result<&'p Beleid<'a>, RekenFout> {
    peil.beleid.as_ref().map(|(_, _, b)| b).ok_or_else(|| {
        RekenFout::invoer(
            "gemeente",
            "geef de gemeente op: inkomenstoeslag en bijzondere bijstand hangen af van haar beleid",
        )
    })
}

/// Individuele inkomenstoeslag: eligibility and amount (art. 36).
pub fn iit<'a, S: Spoor<'a>>(
    peil: &Peil<'a>,
    f: &Feiten,
    norm: i64,
    vermogen_binnen_grens: bool,
    kinderen: bool,
    invoer: &IitInvoer,
    s: &mut S,
) -> Result<IitUitkomst, RekenFout> {
    let b = beleid(peil)?;
    let periode = b.iit_referentieperiode_maanden.get()?;
    let procent = b.iit_inkomensgrens_procent.get()?;
    let grens = Money::from_cents(norm)
        .percentage(procent, IIT_GRENS)
        .cents();
    let maanden = invoer.inkomen_per_maand_cents.len() as i64;
    if let Some(i) = invoer.inkomen_per_maand_cents.iter().position(|c| *c < 0) {
        return Err(RekenFout::invoer(
            format!("iit.inkomen_per_maand_cents[{i}]"),
            "mag niet negatief zijn",
        ));
    }
    let laag = maanden >= periode
        && invoer
            .inkomen_per_maand_cents
            .iter()
            .rev()
            .take(periode as usize)
            .all(|c| *c <= grens);
    stap!(s, "iit.langdurig_laag_inkomen", b.iit_referentieperiode_maanden.verwijzing(), JaNee(laag), [
        "referentieperiode_maanden" => Aantal(periode), "maanden_opgegeven" => Aantal(maanden),
        "inkomensgrens" => Bedrag(grens), "procent_van_norm" => Procent(procent),
    ]);
    // Art. 36-3: an IIT granted "in de periode van 12 maanden onmiddellijk
    // voorafgaande aan de aanvraag" — counted back from the application
    // date, its first day included.
    let aanvraag = invoer.aanvraagdatum.unwrap_or(peil.datum);
    let begin = aanvraag
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(aanvraag);
    let eerder = invoer
        .laatste_iit
        .is_some_and(|d| begin <= d && d < aanvraag);
    let reden = if f.aanvrager != Klasse::Volwassen {
        Some("leeftijd_niet_21_tot_aow")
    } else if !vermogen_binnen_grens {
        Some("vermogen_boven_grens")
    } else if !laag {
        Some("geen_langdurig_laag_inkomen")
    } else if invoer.uitzicht_op_inkomensverbetering {
        Some("uitzicht_op_inkomensverbetering")
    } else if eerder {
        Some("iit_in_afgelopen_12_maanden")
    } else {
        None
    };
    let (w, code) = match (f.leefvorm(), kinderen) {
        (Leefvorm::Alleenstaande, _) => (b.iit_bedrag_alleenstaande, "iit.bedrag_alleenstaande"),
        (Leefvorm::AlleenstaandeOuder, _) => (
            b.iit_bedrag_alleenstaande_ouder,
            "iit.bedrag_alleenstaande_ouder",
        ),
        (Leefvorm::Gehuwden, true) => (
            b.iit_bedrag_gehuwden_met_kinderen,
            "iit.bedrag_gehuwden_met_kinderen",
        ),
        (Leefvorm::Gehuwden, false) => (b.iit_bedrag_gehuwden, "iit.bedrag_gehuwden"),
    };
    let bedrag = if reden.is_none() { w.get()? } else { 0 };
    let grond = match reden {
        Some("iit_in_afgelopen_12_maanden") => ART_36_3,
        Some("vermogen_boven_grens") => {
            "Participatiewet art. 36, eerste lid, en art. 34 (BWBR0015703)"
        }
        _ => ART_36,
    };
    stap!(s, "iit.recht", grond, JaNee(reden.is_none()), [
        "reden" => Tekst(reden.unwrap_or("voldoet")), "waarom" => Tekst(iit_waarom(reden)), "bedrag" => Bedrag(bedrag),
    ]);
    if reden.is_none() {
        stap!(s, code, w.verwijzing(), Bedrag(bedrag));
    }
    Ok(IitUitkomst {
        recht: reden.is_none(),
        bedrag_cents: bedrag,
        reden,
    })
}

/// Why (not), in plain Dutch for the resident.
fn iit_waarom(reden: Option<&str>) -> &'static str {
    match reden {
        None => "U heeft lang een laag inkomen en weinig kans dat dit snel beter wordt.",
        Some("leeftijd_niet_21_tot_aow") => {
            "De inkomenstoeslag is alleen voor mensen van 21 jaar tot de AOW-leeftijd."
        }
        Some("vermogen_boven_grens") => {
            "U heeft meer spaargeld en bezit dan de grens voor bijstand."
        }
        Some("geen_langdurig_laag_inkomen") => {
            "Uw inkomen was niet de hele periode laag genoeg, of de periode is nog te kort."
        }
        Some("uitzicht_op_inkomensverbetering") => {
            "Wij verwachten dat uw inkomen binnenkort beter wordt."
        }
        Some("iit_in_afgelopen_12_maanden") => {
            "U kreeg de inkomenstoeslag al in de 12 maanden voor uw aanvraag. U kunt hem één keer per 12 maanden krijgen."
        }
        Some(_) => "U voldoet niet aan de voorwaarden.",
    }
}

/// Bijzondere bijstand: draagkracht under local policy and the amount (art. 35).
pub fn bijzondere_bijstand<'a, S: Spoor<'a>>(
    peil: &Peil<'a>,
    f: &Feiten,
    norm: i64,
    vermogensgrens: i64,
    invoer: &BijzondereBijstandInvoer,
    s: &mut S,
) -> Result<BijzondereBijstandUitkomst, RekenFout> {
    if invoer.kosten_cents < 0 {
        return Err(RekenFout::invoer(
            "bijzondere_bijstand.kosten_cents",
            "mag niet negatief zijn",
        ));
    }
    if invoer.kosten_binnen_12_maanden_cents.is_some_and(|k| k < 0) {
        return Err(RekenFout::invoer(
            "bijzondere_bijstand.kosten_binnen_12_maanden_cents",
            "mag niet negatief zijn",
        ));
    }
    if invoer.inkomen_cents < 0 {
        return Err(RekenFout::invoer(
            "bijzondere_bijstand.inkomen_cents",
            "mag niet negatief zijn",
        ));
    }
    let b = beleid(peil)?;
    let vrij = match f.leefvorm() {
        Leefvorm::Gehuwden => b.bb_vrije_ruimte_gehuwden,
        _ => b.bb_vrije_ruimte_alleenstaande,
    };
    let procent = b.bb_draagkracht_procent.get()?;
    let periode = b.bb_draagkracht_periode_maanden.get()?;
    let boven = (invoer.inkomen_cents - norm - vrij.get()?).max(0);
    let per_maand = Money::from_cents(boven)
        .percentage(procent, DRAAGKRACHT)
        .cents();
    stap!(s, "bb.draagkracht_inkomen", b.bb_draagkracht_procent.verwijzing(), Bedrag(per_maand), [
        "inkomen" => Bedrag(invoer.inkomen_cents), "norm" => Bedrag(norm), "vrije_ruimte" => Bedrag(vrij.get()?),
        "procent" => Procent(procent),
    ]);
    // Art. 35-1 sets aside the exemptions of art. 34-2; whether vermogen
    // below the limit counts as draagkracht is the gemeente's policy.
    let alle_vermogen = b.bb_vermogen_onder_grens_is_draagkracht.get()? == 1;
    let uit_vermogen = if alle_vermogen {
        f.vermogen
    } else {
        (f.vermogen - vermogensgrens).max(0)
    };
    let draagkracht = per_maand * periode + uit_vermogen;
    stap!(s, "bb.draagkracht", b.bb_vermogen_onder_grens_is_draagkracht.verwijzing(), Bedrag(draagkracht), [
        "per_maand" => Bedrag(per_maand), "maanden" => Aantal(periode), "vermogen_als_draagkracht" => Bedrag(uit_vermogen),
        "vermogen_onder_grens_telt" => JaNee(alle_vermogen),
    ]);
    // Art. 35-2: the college MAY refuse when the costs within twelve months
    // do not exceed the drempel; whether it does is the gemeente's policy.
    let drempel = peil.bijzondere_bijstand.drempel;
    let binnen_12 = invoer
        .kosten_binnen_12_maanden_cents
        .unwrap_or(invoer.kosten_cents)
        .max(invoer.kosten_cents);
    let weigeren = b.bb_drempel_weigeren.get()? == 1;
    let onder_drempel = binnen_12 <= drempel.get()?;
    if onder_drempel {
        let code = if weigeren {
            "bb.drempel_geweigerd"
        } else {
            "bb.drempel_niet_toegepast"
        };
        stap!(s, code, b.bb_drempel_weigeren.verwijzing(), JaNee(weigeren), [
            "kosten_binnen_12_maanden" => Bedrag(binnen_12), "drempel" => Bedrag(drempel.get()?),
        ]);
    }
    let bedrag = if onder_drempel && weigeren {
        0
    } else {
        (invoer.kosten_cents - draagkracht).max(0)
    };
    stap!(s, "bb.bedrag", ART_35, Bedrag(bedrag), [
        "kosten" => Bedrag(invoer.kosten_cents), "draagkracht" => Bedrag(draagkracht),
    ]);
    Ok(BijzondereBijstandUitkomst {
        draagkracht_cents: draagkracht,
        bijzondere_bijstand_cents: bedrag,
    })
}

//! The monthly bijstand of a household: norm (art. 20–22a), vermogenstoets
//! (art. 34, 50), income (art. 31–32 applied earlier, see `inkomen.rs`), the
//! entitlement and the vakantietoeslag reserved (art. 19-3, 45).
//!
//! Pure: no I/O. The batch run and the per-person run both call [`bereken`].

use crate::fout::RekenFout;
use crate::peil::{Peil, W};
use crate::stap;
use crate::uitleg::{Grootheid::*, Spoor};
use chrono::NaiveDate;
use gbi_domain::{Money, Rounding, RoundingMode};
use serde::Serialize;

impl Klasse {
    /// The article whose norms hold for this age group.
    pub fn artikel(self) -> &'static str {
        match self {
            Klasse::Jong => "Participatiewet art. 20 (BWBR0015703)",
            Klasse::Volwassen => "Participatiewet art. 21 (BWBR0015703)",
            Klasse::Aow => "Participatiewet art. 22 (BWBR0015703); Algemene Ouderdomswet art. 7a",
        }
    }
}

/// Age group that decides which norm applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Klasse {
    /// 18, 19 or 20 (art. 20).
    Jong,
    /// 21 up to the AOW age (art. 21).
    Volwassen,
    /// AOW age reached (art. 22).
    Aow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Leefvorm {
    Alleenstaande,
    AlleenstaandeOuder,
    Gehuwden,
}

/// Bijstand as a gift, or as a loan (art. 50-2: home equity above the
/// exemption), wholly or in part, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vorm {
    Geen,
    OmNiet,
    Geldlening,
    /// Part loan (up to the equity above the exemption), the rest a gift.
    DeelsGeldlening,
}

/// Who grants the algemene bijstand: the gemeente, or the SVB as aanvullende
/// inkomensvoorziening ouderen (AIO) for households at the AOW age
/// (art. 47a-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Uitvoerder {
    Gemeente,
    Svb,
}

/// The facts the core rules need, already derived from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feiten {
    pub aanvrager: Klasse,
    pub partner: Option<Klasse>,
    /// At least one child under 18 in the household.
    pub kinderen: bool,
    /// Medebewoners who count as kostendeler (art. 19a).
    pub kostendelers: u32,
    /// Temporary stay elsewhere to give mantelzorg: no kostendelersnorm (22a-4).
    pub mantelzorg: bool,
    /// Applicant 18–20 whose parents cannot contribute (20-3).
    pub toeslag_20_3: bool,
    /// Vermogen that counts, in cents (after exemptions).
    pub vermogen: i64,
    /// Home equity above the exemption not yet lent against (art. 50-2-b),
    /// in cents: up to this much bijstand is a loan.
    pub woning_leenruimte: i64,
    /// Income that counts this month, in cents (after vrijlatingen).
    pub inkomen: i64,
    /// The applicant stays in an inrichting (care institution): art. 23.
    pub inrichting_aanvrager: bool,
    /// The partner stays in an inrichting (art. 23; 23-3 if only one does).
    pub inrichting_partner: bool,
}

impl Feiten {
    pub fn leefvorm(&self) -> Leefvorm {
        match (self.partner, self.kinderen) {
            (Some(_), _) => Leefvorm::Gehuwden,
            (None, true) => Leefvorm::AlleenstaandeOuder,
            (None, false) => Leefvorm::Alleenstaande,
        }
    }
}

/// The outcome for one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Uitkomst {
    pub leefvorm: Leefvorm,
    pub norm_cents: i64,
    pub vermogensgrens_cents: i64,
    pub vermogen_binnen_grens: bool,
    pub inkomen_cents: i64,
    /// The monthly right, including the vakantietoeslag.
    pub bijstand_cents: i64,
    /// Part of the bijstand reserved as vakantietoeslag (paid in June).
    pub vakantietoeslag_cents: i64,
    /// Paid this month: bijstand minus the reserved vakantietoeslag.
    pub uit_te_betalen_cents: i64,
    pub vorm: Vorm,
    /// Part of the bijstand given as a loan (art. 50-2), in cents.
    pub geldlening_cents: i64,
    /// The gemeente, or the SVB for households at the AOW age (art. 47a-1).
    pub uitvoerder: Uitvoerder,
}

pub const KOSTENDELERSNORM: &str = "kostendelersnorm";
const VAKANTIETOESLAG: Rounding = Rounding::new(
    "vakantietoeslag_reservering",
    RoundingMode::HalfAwayFromZero,
);

/// Age group on `datum` of someone born on `geboren`. `veld` names the input
/// field for the error.
pub fn klasse(peil: &Peil<'_>, geboren: NaiveDate, veld: &str) -> Result<Klasse, RekenFout> {
    use crate::params::aow::AowStatus;
    if geboren > peil.datum {
        return Err(RekenFout::invoer(
            veld,
            "de geboortedatum ligt na de peildatum",
        ));
    }
    let leeftijd = gbi_domain::date::age_on(geboren, peil.datum);
    if leeftijd < 18 {
        return Err(RekenFout::invoer(
            veld,
            format!("is {leeftijd} jaar; bijstand is voor 18 jaar en ouder"),
        ));
    }
    match peil.aow.status(geboren, peil.datum) {
        AowStatus::Bereikt(_) => Ok(Klasse::Aow),
        AowStatus::NietIngesteld => Err(RekenFout::NietIngesteld {
            sleutel: format!("AOW-leeftijd voor wie geboren is op {geboren}"),
            bestand: peil.aow.bestand.clone(),
        }),
        AowStatus::NietBereikt(_) if leeftijd < 21 => Ok(Klasse::Jong),
        AowStatus::NietBereikt(_) => Ok(Klasse::Volwassen),
    }
}

/// Per-person kostendelersnorm: B × (basis + A × per persoon) / A percent.
fn kostendelersnorm<'a, S: Spoor<'a>>(
    peil: &Peil<'a>,
    a: u32,
    b: W<'a>,
    s: &mut S,
) -> Result<i64, RekenFout> {
    let kd = &peil.kostendelers;
    let (basis, per) = (kd.basis_procent.get()?, kd.procent_per_persoon.get()?);
    let a64 = i64::from(a);
    let bedrag = Money::from_cents(b.get()?)
        .mul_ratio(
            basis + a64 * per,
            a64 * 10_000,
            Rounding::new(KOSTENDELERSNORM, peil.kostendelers_afronding),
        )
        .cents();
    stap!(s, "kostendelersnorm.per_persoon", kd.basis_procent.verwijzing(), Bedrag(bedrag), [
        "A" => Aantal(a64),
        "B" => Bedrag(b.get()?),
        "procent" => Procent((basis + a64 * per) / a64),
    ]);
    Ok(bedrag)
}

const ART_23_3: &str = "Participatiewet art. 23, derde lid (BWBR0015703)";

/// The norm in an inrichting: art. 23-1 plus the increase of 23-2.
fn inrichting<'a, S: Spoor<'a>>(
    peil: &Peil<'a>,
    gehuwden: bool,
    s: &mut S,
) -> Result<i64, RekenFout> {
    let n = &peil.normen;
    let (basis, verhoging, code) = if gehuwden {
        (
            n.inrichting_gehuwden,
            n.inrichting_verhoging_gehuwden,
            "norm.inrichting_gehuwden",
        )
    } else {
        (
            n.inrichting_alleenstaande,
            n.inrichting_verhoging_alleenstaande,
            "norm.inrichting_alleenstaande",
        )
    };
    let (b, v) = (basis.get()?, verhoging.get()?);
    stap!(s, code, basis.verwijzing(), Bedrag(b));
    stap!(s, "norm.inrichting_verhoging", verhoging.verwijzing(), Bedrag(b + v), [
        "norm" => Bedrag(b), "verhoging" => Bedrag(v),
    ]);
    Ok(b + v)
}

/// Who grants the bijstand (art. 47a-1): the SVB when the alleenstaande
/// (ouder) has reached the AOW age (a), or when one or both spouses have (b).
pub fn uitvoerder(f: &Feiten) -> Uitvoerder {
    let aow = f.aanvrager == Klasse::Aow || f.partner == Some(Klasse::Aow);
    if aow {
        Uitvoerder::Svb
    } else {
        Uitvoerder::Gemeente
    }
}

/// The norm of the household (art. 20, 21, 22, 22a, 23).
pub fn norm<'a, S: Spoor<'a>>(peil: &Peil<'a>, f: &Feiten, s: &mut S) -> Result<i64, RekenFout> {
    let n = &peil.normen;
    let kd = f.kostendelers > 0 && !f.mantelzorg;
    if f.kostendelers > 0 {
        let verwijzing = if f.mantelzorg {
            "Participatiewet art. 22a, vierde lid (BWBR0015703)"
        } else {
            peil.kostendelers.leeftijd_kostendeler.verwijzing()
        };
        let code = if f.mantelzorg {
            "kostendelersnorm.mantelzorg"
        } else {
            "kostendelersnorm.toepassen"
        };
        stap!(s, code, verwijzing, JaNee(kd), [
            "kostendelers" => Aantal(i64::from(f.kostendelers)),
            "mantelzorg" => JaNee(f.mantelzorg),
        ]);
    }
    let norm = |w: W<'a>, code: &'static str, s: &mut S| -> Result<i64, RekenFout> {
        let v = w.get()?;
        stap!(s, code, w.verwijzing(), Bedrag(v));
        Ok(v)
    };
    let in_inrichting = match (f.partner, f.inrichting_aanvrager, f.inrichting_partner) {
        (None, true, _) | (Some(_), true, true) => true,
        (Some(p), true, false) | (Some(p), false, true) => {
            // Art. 23-3: one spouse in an inrichting: the sum of the norms
            // each would have as alleenstaande (ouder).
            let thuis = if f.inrichting_aanvrager {
                p
            } else {
                f.aanvrager
            };
            let binnen = inrichting(peil, false, s)?;
            let f_thuis = Feiten {
                aanvrager: thuis,
                partner: None,
                inrichting_aanvrager: false,
                inrichting_partner: false,
                toeslag_20_3: f.toeslag_20_3 && !f.inrichting_aanvrager,
                ..*f
            };
            let buiten = self::norm(peil, &f_thuis, s)?;
            let som = binnen + buiten;
            stap!(s, "norm.inrichting_een_echtgenoot", ART_23_3, Bedrag(som), [
                "in_inrichting" => Bedrag(binnen), "thuis" => Bedrag(buiten),
            ]);
            return Ok(som);
        }
        _ => false,
    };
    if in_inrichting {
        return inrichting(peil, f.partner.is_some(), s);
    }
    let uitkomst = match (f.aanvrager, f.partner) {
        (Klasse::Jong, None) => {
            let (w, code) = if f.kinderen {
                (
                    n.norm_18_20_alleenstaande_ouder,
                    "norm.18_20_alleenstaande_ouder",
                )
            } else {
                (n.norm_18_20_alleenstaande, "norm.18_20_alleenstaande")
            };
            let jong = norm(w, code, s)?;
            match (f.toeslag_20_3, peil.toeslag_20_3) {
                (true, Some(t)) => {
                    let toeslag = t.toeslag.get()?;
                    let max = n.norm_21_alleenstaande.get()?;
                    let samen = (jong + toeslag).min(max);
                    stap!(s, "norm.toeslag_20_3", t.toeslag.verwijzing(), Bedrag(samen), [
                        "jongerennorm" => Bedrag(jong),
                        "toeslag" => Bedrag(toeslag),
                        "maximum" => Bedrag(max),
                    ]);
                    samen
                }
                (true, None) => {
                    stap!(
                        s,
                        "norm.toeslag_20_3_niet_van_kracht",
                        "Participatiewet art. 20, derde lid",
                        Bedrag(jong)
                    );
                    jong
                }
                (false, _) => jong,
            }
        }
        (k, None) => {
            let (enkel, gehuwd, code) = match k {
                Klasse::Aow => (
                    n.norm_aow_alleenstaande,
                    n.norm_aow_gehuwden,
                    "norm.aow_alleenstaande",
                ),
                _ => (
                    n.norm_21_alleenstaande,
                    n.norm_21_gehuwden,
                    "norm.21_alleenstaande",
                ),
            };
            if kd {
                kostendelersnorm(peil, f.kostendelers + 1, gehuwd, s)?
            } else {
                norm(enkel, code, s)?
            }
        }
        (Klasse::Jong, Some(Klasse::Jong)) => {
            if f.kinderen {
                norm(
                    n.norm_18_20_gehuwden_met_kinderen,
                    "norm.18_20_gehuwden_met_kinderen",
                    s,
                )?
            } else {
                norm(
                    n.norm_18_20_gehuwden_zonder_kinderen,
                    "norm.18_20_gehuwden_zonder_kinderen",
                    s,
                )?
            }
        }
        (Klasse::Jong, Some(oud)) | (oud, Some(Klasse::Jong)) => {
            if kd {
                let b = if oud == Klasse::Aow {
                    n.norm_aow_gehuwden
                } else {
                    n.norm_21_gehuwden
                };
                let oudere = kostendelersnorm(peil, f.kostendelers + 1, b, s)?;
                let (w, code) = if f.kinderen {
                    (
                        n.norm_22a3_jongere_partner_met_kinderen,
                        "norm.22a3_jongere_partner_met_kinderen",
                    )
                } else {
                    (
                        n.norm_22a3_jongere_partner_zonder_kinderen,
                        "norm.22a3_jongere_partner_zonder_kinderen",
                    )
                };
                let jongere = norm(w, code, s)?;
                oudere + jongere
            } else if f.kinderen {
                norm(n.norm_gemengd_met_kinderen, "norm.gemengd_met_kinderen", s)?
            } else {
                norm(
                    n.norm_gemengd_zonder_kinderen,
                    "norm.gemengd_zonder_kinderen",
                    s,
                )?
            }
        }
        (a, Some(p)) => {
            let (b, code) = match (a, p) {
                (Klasse::Aow, Klasse::Aow) => (n.norm_aow_gehuwden, "norm.aow_gehuwden"),
                (Klasse::Aow, _) if kd => (n.norm_aow_gehuwden, "norm.aow_gehuwden"),
                (Klasse::Aow, _) | (_, Klasse::Aow) => (
                    n.norm_aow_gehuwden_een_partner,
                    "norm.aow_gehuwden_een_partner",
                ),
                _ => (n.norm_21_gehuwden, "norm.21_gehuwden"),
            };
            if kd {
                let per = kostendelersnorm(peil, f.kostendelers + 2, b, s)?;
                let totaal = per * 2;
                stap!(s, "kostendelersnorm.gehuwden", "Participatiewet art. 22a, tweede lid (BWBR0015703)", Bedrag(totaal), [
                    "per_persoon" => Bedrag(per),
                ]);
                totaal
            } else {
                norm(b, code, s)?
            }
        }
    };
    Ok(uitkomst)
}

/// The vermogensgrens of the household (art. 34-3).
pub fn vermogensgrens<'a, S: Spoor<'a>>(
    peil: &Peil<'a>,
    f: &Feiten,
    s: &mut S,
) -> Result<i64, RekenFout> {
    let v = &peil.vermogen;
    let (w, code) = match f.leefvorm() {
        Leefvorm::Alleenstaande => (v.grens_alleenstaande, "vermogen.grens_alleenstaande"),
        Leefvorm::AlleenstaandeOuder => (
            v.grens_alleenstaande_ouder,
            "vermogen.grens_alleenstaande_ouder",
        ),
        Leefvorm::Gehuwden => (v.grens_gehuwden, "vermogen.grens_gehuwden"),
    };
    let grens = w.get()?;
    stap!(s, code, w.verwijzing(), Bedrag(grens));
    Ok(grens)
}

/// The monthly bijstand. The same function serves batch and explanation.
pub fn bereken<'a, S: Spoor<'a>>(
    peil: &Peil<'a>,
    f: &Feiten,
    s: &mut S,
) -> Result<Uitkomst, RekenFout> {
    let norm = norm(peil, f, s)?;
    let grens = vermogensgrens(peil, f, s)?;
    let binnen = f.vermogen <= grens;
    stap!(s, "vermogen.toets", "Participatiewet art. 34, tweede lid, onderdeel b, en derde lid (BWBR0015703)", JaNee(binnen), [
        "vermogen" => Bedrag(f.vermogen),
        "grens" => Bedrag(grens),
    ]);
    let bijstand = if binnen { (norm - f.inkomen).max(0) } else { 0 };
    stap!(s, "bijstand.recht", "Participatiewet art. 19, tweede lid (BWBR0015703)", Bedrag(bijstand), [
        "norm" => Bedrag(norm),
        "inkomen" => Bedrag(f.inkomen),
        "vermogen_binnen_grens" => JaNee(binnen),
    ]);
    if !binnen {
        stap!(s, "bijstand.geen_recht_vermogen", "Participatiewet art. 19, eerste lid, onderdeel b (BWBR0015703)", Bedrag(0), [
            "vermogen" => Bedrag(f.vermogen), "grens" => Bedrag(grens),
        ]);
    } else if bijstand == 0 {
        stap!(s, "bijstand.geen_recht_inkomen", "Participatiewet art. 19, eerste lid, onderdeel a (BWBR0015703)", Bedrag(0), [
            "norm" => Bedrag(norm), "inkomen" => Bedrag(f.inkomen),
        ]);
    }
    // Art. 50-2: a loan when the bijstand over a year is expected to exceed
    // the netto minimumloon (a), and only insofar as the home equity exceeds
    // the exemption (b). The year is estimated as twelve times this month.
    let mut geldlening = 0;
    if bijstand > 0 && f.woning_leenruimte > 0 {
        let nml = peil.normen.netto_minimumloon;
        let jaar = bijstand * 12;
        let boven_nml = jaar > nml.get()?;
        if boven_nml {
            geldlening = bijstand.min(f.woning_leenruimte);
        }
        stap!(s, "bijstand.geldlening", "Participatiewet art. 50, tweede lid (BWBR0015703)", Bedrag(geldlening), [
            "bijstand_per_jaar" => Bedrag(jaar), "netto_minimumloon" => Bedrag(nml.get()?),
            "leenruimte" => Bedrag(f.woning_leenruimte), "om_niet" => Bedrag(bijstand - geldlening),
        ]);
    }
    let vorm = match (bijstand > 0, geldlening) {
        (false, _) => Vorm::Geen,
        (true, 0) => Vorm::OmNiet,
        (true, g) if g == bijstand => Vorm::Geldlening,
        (true, _) => Vorm::DeelsGeldlening,
    };
    let uitvoerder = uitvoerder(f);
    if uitvoerder == Uitvoerder::Svb {
        let onderdeel = if f.partner.is_some() { "b" } else { "a" };
        stap!(
            s,
            "uitvoerder.svb",
            if onderdeel == "a" {
                "Participatiewet art. 47a, eerste lid, onderdeel a (BWBR0015703)"
            } else {
                "Participatiewet art. 47a, eerste lid, onderdeel b (BWBR0015703)"
            },
            Tekst("svb")
        );
    }
    let vt = &peil.vakantietoeslag;
    let procent = vt.procent.get()?;
    let vakantietoeslag = Money::from_cents(bijstand)
        .percentage(procent, VAKANTIETOESLAG)
        .cents();
    stap!(s, "vakantietoeslag.reservering", vt.procent.verwijzing(), Bedrag(vakantietoeslag), [
        "bijstand" => Bedrag(bijstand),
        "procent" => Procent(procent),
    ]);
    let uit = bijstand - vakantietoeslag;
    let code = match uitvoerder {
        Uitvoerder::Gemeente => "bijstand.uit_te_betalen",
        Uitvoerder::Svb => "bijstand.uit_te_betalen_svb",
    };
    stap!(s, code, vt.betaalmaand.verwijzing(), Bedrag(uit), [
        "bijstand" => Bedrag(bijstand),
        "vakantietoeslag" => Bedrag(vakantietoeslag),
    ]);
    Ok(Uitkomst {
        leefvorm: f.leefvorm(),
        norm_cents: norm,
        vermogensgrens_cents: grens,
        vermogen_binnen_grens: binnen,
        inkomen_cents: f.inkomen,
        bijstand_cents: bijstand,
        vakantietoeslag_cents: vakantietoeslag,
        uit_te_betalen_cents: uit,
        vorm,
        geldlening_cents: geldlening,
        uitvoerder,
    })
}

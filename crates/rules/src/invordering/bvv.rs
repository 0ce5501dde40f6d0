//! The beslagvrije voet: what stays free of beslag and of offsetting each
//! month (Rv 475b-475dc). Offsetting a claim against a benefit may not take
//! more than beslag could (Awb 4:93, vierde lid; Participatiewet art. 60,
//! derde en vierde lid), so the same amount limits the verrekening.
//!
//! The order is the law's: 475dc-2 for a running bijstand (95% of the norm
//! minus the art. 32 income); otherwise 475da (the formula of lid 2 capped by
//! the maxima of lid 1, or 47,5% of the gehuwdennorm without an address,
//! lid 4; raised for high housing costs on request, lid 5), then 475db (less
//! the partner's and the debtor's own income that is not attached), then
//! 475dc-1 (never more than 95% of the monthly income).
//!
//! Not computed here: 475da-7 (owner-occupiers; its method is in an AMvB),
//! 475e (inrichting, no fixed address abroad) and the pro-rata split of
//! 475c-5; a person applies those.

use super::{BvvStap, set, stap, waarde};
use crate::Regels;
use crate::fout::RekenFout;
use gbi_domain::{Money, Rounding, RoundingMode};
use serde::{Deserialize, Serialize};

/// 95% (or 47,5%) of a norm, to whole cents.
pub const BVV_NORM: Rounding =
    Rounding::new("rv_475da_procent_van_norm", RoundingMode::HalfAwayFromZero);
/// 95% of the monthly income (475dc-1).
pub const BVV_INKOMEN: Rounding = Rounding::new(
    "rv_475dc_95_procent_inkomen",
    RoundingMode::HalfAwayFromZero,
);
/// A yearly amount × percentage / 12 (the toeslag terms of 475da-2), as
/// shown in the steps; the sum itself is rounded once ([`BVV_SOM`]).
pub const BVV_TOESLAGTERM: Rounding = Rounding::new(
    "rv_475da_toeslagterm_per_maand",
    RoundingMode::HalfAwayFromZero,
);
/// The sum of the terms of 475da-2, added exactly and rounded once.
pub const BVV_SOM: Rounding = Rounding::new("rv_475da_som", RoundingMode::HalfAwayFromZero);
/// Half of the bvv (475db-1-a), rounded down so the reduction never exceeds half.
pub const BVV_HELFT: Rounding = Rounding::new("rv_475db_helft", RoundingMode::TowardZero);

const RV: &str = "Wetboek van Burgerlijke Rechtsvordering";

/// The leefsituatie of 475da-1 (475ab: as in the Participatiewet, art. 3 and 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BvvLeefsituatie {
    /// Also the default when nothing is known (475ga-2).
    #[default]
    Alleenstaande,
    AlleenstaandeOuder,
    GehuwdenZonderKinderen,
    GehuwdenMetKinderen,
}

impl BvvLeefsituatie {
    /// 475ga-2: without other information the debtor counts as alleenstaande,
    /// unless the BRP shows that he is married and his spouse lives at his
    /// address. (UWV may deviate when the bailiff shows otherwise; then pass
    /// the shown leefsituatie instead.)
    pub fn volgens_brp(gehuwd_echtgenoot_op_adres: bool, kinderen: bool) -> Self {
        match (gehuwd_echtgenoot_op_adres, kinderen) {
            (true, true) => Self::GehuwdenMetKinderen,
            (true, false) => Self::GehuwdenZonderKinderen,
            (false, _) => Self::Alleenstaande,
        }
    }

    fn gehuwd(self) -> bool {
        matches!(
            self,
            Self::GehuwdenZonderKinderen | Self::GehuwdenMetKinderen
        )
    }

    pub fn naam(self) -> &'static str {
        match self {
            Self::Alleenstaande => "alleenstaande",
            Self::AlleenstaandeOuder => "alleenstaande ouder",
            Self::GehuwdenZonderKinderen => "gehuwden zonder kinderen",
            Self::GehuwdenMetKinderen => "gehuwden met kinderen",
        }
    }

    fn sleutel(self) -> &'static str {
        match self {
            Self::Alleenstaande => "maximum_alleenstaande",
            Self::AlleenstaandeOuder => "maximum_alleenstaande_ouder",
            Self::GehuwdenZonderKinderen => "maximum_gehuwden_zonder_kinderen",
            Self::GehuwdenMetKinderen => "maximum_gehuwden_met_kinderen",
        }
    }

    fn onderdeel(self) -> &'static str {
        match self {
            Self::Alleenstaande => "a",
            Self::AlleenstaandeOuder => "b",
            Self::GehuwdenZonderKinderen => "c",
            Self::GehuwdenMetKinderen => "d",
        }
    }
}

/// A running algemene bijstand (475dc-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BvvBijstand {
    /// The norm that applies to the debtor, including vakantietoeslag (the
    /// figures of `bijstandsnormen-*.toml` already include it).
    pub norm_incl_vakantietoeslag: Money,
    /// The income counted under Participatiewet art. 32 that month.
    pub inkomen_art_32: Money,
}

/// What the beslagvrije voet is computed from. Every field has a "not
/// known" default: `Default::default()` is an alleenstaande without income.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BvvInvoer {
    pub leefsituatie: BvvLeefsituatie,
    /// Net income per month of the debtor incl. vakantiebijslag (475dc-1),
    /// what beslag or verrekening would hit.
    pub inkomen_per_maand: Money,
    /// Set when the debtor receives algemene bijstand (475dc-2). This is the
    /// path of the verrekening with a running benefit.
    pub bijstand: Option<BvvBijstand>,
    /// Belastbaar jaarinkomen C of debtor and spouse (475d-1, 475da-2); `None`
    /// = not known. Needed for the formula of 475da-2.
    pub belastbaar_jaarinkomen: Option<Money>,
    /// No woonadres in the BRP (475da-4).
    pub geen_adres: bool,
    /// The spouse's periodic income incl. vakantiebijslag that is not
    /// attached, per month (475db-1-a); 0 when none or not known.
    pub partner_inkomen_niet_onder_beslag: Money,
    /// The debtor's own periodic income incl. vakantiebijslag that is not
    /// attached, per month (475db-1-b); 0 when none or not known.
    pub eigen_inkomen_niet_onder_beslag: Money,
    /// The debtor asked for the raise of 475da-5 with these woonkosten per
    /// month (475ab-1); `None` = no request. For gehuwden pass it only as far
    /// as the spouse's unattached income cannot pay them (475da-5, tweede zin).
    pub woonkosten_verzoek: Option<Money>,
}

/// The beslagvrije voet and what is left to collect, with the derivation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bvv {
    pub beslagvrije_voet: Money,
    /// What may be offset or attached per month: inkomen_per_maand minus
    /// the beslagvrije voet, never negative.
    pub afloscapaciteit: Money,
    pub stappen: Vec<BvvStap>,
}

fn pct(bp: i64) -> String {
    if bp % 100 == 0 {
        format!("{}%", bp / 100)
    } else {
        format!(
            "{},{}%",
            bp / 100,
            format!("{:02}", bp % 100).trim_end_matches('0')
        )
    }
}

fn m(c: i64) -> Money {
    Money::from_cents(c)
}

impl Regels {
    /// The beslagvrije voet on `datum` (see the module documentation for the
    /// order of the articles).
    pub fn beslagvrije_voet(
        &self,
        datum: chrono::NaiveDate,
        invoer: &BvvInvoer,
    ) -> Result<Bvv, RekenFout> {
        for (veld, w) in [
            ("inkomen_per_maand", invoer.inkomen_per_maand),
            (
                "partner_inkomen_niet_onder_beslag",
                invoer.partner_inkomen_niet_onder_beslag,
            ),
            (
                "eigen_inkomen_niet_onder_beslag",
                invoer.eigen_inkomen_niet_onder_beslag,
            ),
            (
                "bijstand.norm_incl_vakantietoeslag",
                invoer
                    .bijstand
                    .map_or(Money::ZERO, |b| b.norm_incl_vakantietoeslag),
            ),
            (
                "bijstand.inkomen_art_32",
                invoer.bijstand.map_or(Money::ZERO, |b| b.inkomen_art_32),
            ),
            (
                "belastbaar_jaarinkomen",
                invoer.belastbaar_jaarinkomen.unwrap_or_default(),
            ),
            (
                "woonkosten_verzoek",
                invoer.woonkosten_verzoek.unwrap_or_default(),
            ),
        ] {
            if w.is_negative() {
                return Err(RekenFout::invoer(veld, "mag niet negatief zijn"));
            }
        }
        let p = set(&self.parameters, "beslagvrije_voet", datum)?;
        let mut s = Vec::new();
        let (p95, w95) = waarde(p, "procent_van_norm")?;
        let bvv = if let Some(b) = invoer.bijstand {
            let deel = b.norm_incl_vakantietoeslag.percentage(p95, BVV_NORM);
            let bvv = (deel - b.inkomen_art_32).max(Money::ZERO);
            s.push(stap(
                format!("U krijgt bijstand. Van uw bijstandsnorm ({}) blijft {} vrij. Wij halen er uw andere inkomen ({}) af. Vrij blijft: {}.", b.norm_incl_vakantietoeslag, pct(p95), b.inkomen_art_32, bvv),
                format!("{} x {} = {deel}; min inkomen art. 32 Pw {} = {bvv}", pct(p95), b.norm_incl_vakantietoeslag, b.inkomen_art_32),
                format!("{RV} art. 475dc, tweede lid; Participatiewet art. 32 (BWBR0015703); {}", w95.verwijzing()),
            ));
            bvv
        } else {
            let normen = self.parameters.peil(datum, None)?.normen;
            let bvv = if invoer.geen_adres {
                let (b, wb) = (normen.norm_21_gehuwden.get()?, normen.norm_21_gehuwden);
                let (pg, wg) = waarde(p, "procent_geen_adres")?;
                let bvv = m(b).percentage(pg, BVV_NORM);
                s.push(stap(
                    format!("U heeft geen woonadres in de Basisregistratie Personen. Dan blijft {} van de bijstandsnorm voor gehuwden vrij: {bvv}.", pct(pg)),
                    format!("{} x B {} = {bvv}", pct(pg), m(b)),
                    format!("{}; B: {}", wg.verwijzing(), wb.verwijzing()),
                ));
                bvv
            } else {
                let bvv = formule(self, datum, invoer, p, p95, &mut s)?;
                woonkosten(invoer, p, bvv, &mut s)?
            };
            verminder(invoer, bvv, &mut s)
        };
        let (pi, wi) = waarde(p, "procent_inkomen")?;
        let grens = invoer.inkomen_per_maand.percentage(pi, BVV_INKOMEN);
        let bvv = if bvv > grens {
            s.push(stap(
                format!("Er blijft nooit meer vrij dan {} van uw inkomen ({}). Vrij blijft daarom {grens}.", pct(pi), invoer.inkomen_per_maand),
                format!("{bvv} > {} x {} = {grens}; beslagvrije voet = {grens}", pct(pi), invoer.inkomen_per_maand),
                wi.verwijzing(),
            ));
            grens
        } else {
            bvv
        };
        let afloscapaciteit = (invoer.inkomen_per_maand - bvv).max(Money::ZERO);
        s.push(stap(
            format!("Van uw inkomen ({}) blijft {bvv} vrij. De gemeente mag per maand ten hoogste {afloscapaciteit} verrekenen of inhouden.", invoer.inkomen_per_maand),
            format!("afloscapaciteit = max(0, {} - {bvv}) = {afloscapaciteit}", invoer.inkomen_per_maand),
            format!("{RV} art. 475b, eerste lid; Algemene wet bestuursrecht art. 4:93, vierde lid (BWBR0005537)"),
        ));
        Ok(Bvv {
            beslagvrije_voet: bvv,
            afloscapaciteit,
            stappen: s,
        })
    }
}

/// The common denominator of the terms of 475da-2: a yearly amount × a
/// percentage in basis points / 12 is exact in cents / (12 × 10.000).
const NOEMER: i64 = 12 * 10_000;

/// A numerator over [`NOEMER`] (in cents), rounded to whole cents.
fn rond(teller: i128, rounding: Rounding) -> Money {
    let t = i64::try_from(teller).unwrap_or(if teller < 0 { i64::MIN + 1 } else { i64::MAX });
    Money::from_cents(t).mul_ratio(1, NOEMER, rounding)
}

impl Regels {
    /// The formula of Rv 475da, tweede lid, with the zorg cap of the derde
    /// lid, for `leefsituatie` and belastbaar jaarinkomen C on `datum`,
    /// before the maxima of the eerste lid. The terms are added exactly and
    /// the sum is rounded once to whole cents: that is how the published
    /// maxima of lid 1 come out of the formula (lid 8); rounding each term
    /// first is a cent off for gehuwden met kinderen on 1-7-2026.
    pub fn beslagvrije_voet_formule(
        &self,
        datum: chrono::NaiveDate,
        leefsituatie: BvvLeefsituatie,
        belastbaar_jaarinkomen: Money,
    ) -> Result<Money, RekenFout> {
        if belastbaar_jaarinkomen.is_negative() {
            return Err(RekenFout::invoer(
                "belastbaar_jaarinkomen",
                "mag niet negatief zijn",
            ));
        }
        let p = set(&self.parameters, "beslagvrije_voet", datum)?;
        let (p95, _) = waarde(p, "procent_van_norm")?;
        formule_som(
            self,
            datum,
            leefsituatie,
            belastbaar_jaarinkomen,
            p,
            p95,
            &mut Vec::new(),
        )
    }
}

/// 475da-2 capped by 475da-1 (and the zorg term by 475da-3).
fn formule(
    r: &Regels,
    datum: chrono::NaiveDate,
    invoer: &BvvInvoer,
    p: &crate::params::ParameterSet,
    p95: i64,
    s: &mut Vec<BvvStap>,
) -> Result<Money, RekenFout> {
    let l = invoer.leefsituatie;
    let c = invoer.belastbaar_jaarinkomen.ok_or_else(|| {
        RekenFout::invoer(
            "belastbaar_jaarinkomen",
            "het belastbaar jaarinkomen (C, Rv art. 475d, eerste lid) is nodig voor de berekening van art. 475da, tweede lid",
        )
    })?;
    let bvv = formule_som(r, datum, l, c, p, p95, s)?;
    let (max, wmax) = waarde(p, l.sleutel())?;
    let max = m(max);
    s.push(if bvv > max {
        stap(
            format!(
                "Voor een {} blijft ten hoogste {max} vrij. Dat geldt voor u.",
                l.naam()
            ),
            format!("{bvv} > maximum {max}; beslagvrije voet = {max}"),
            wmax.verwijzing(),
        )
    } else {
        stap(
            format!(
                "Samen is dat {bvv}. Dat is niet meer dan het maximum voor een {} ({max}).",
                l.naam()
            ),
            format!("som = {bvv} <= maximum {max}"),
            wmax.verwijzing(),
        )
    });
    Ok(bvv.min(max))
}

/// The sum of 475da-2 (zorg term capped by 475da-3), exact and rounded
/// once; the steps show each term rounded to cents.
fn formule_som(
    r: &Regels,
    datum: chrono::NaiveDate,
    l: BvvLeefsituatie,
    c: Money,
    p: &crate::params::ParameterSet,
    p95: i64,
    s: &mut Vec<BvvStap>,
) -> Result<Money, RekenFout> {
    let n = i128::from(NOEMER);
    let normen = r.parameters.peil(datum, None)?.normen;
    let (norm_w, letter) = if l.gehuwd() {
        (normen.norm_21_gehuwden, "B")
    } else {
        (normen.norm_21_alleenstaande, "A")
    };
    let norm = m(norm_w.get()?);
    // 95% x A (or B): norm x bp / 10.000 = norm x bp x 12 / NOEMER.
    let basis_t = i128::from(norm.cents()) * i128::from(p95) * 12;
    let basis = rond(basis_t, BVV_NORM);
    s.push(stap(
        format!(
            "Wij gaan uit van {} van de bijstandsnorm voor {}: {basis}.",
            pct(p95),
            if l.gehuwd() {
                "gehuwden"
            } else {
                "een alleenstaande"
            }
        ),
        format!("{} x {letter} {norm} = {basis}", pct(p95)),
        format!(
            "{RV} art. 475da, tweede lid, onderdeel {}; {letter}: {}",
            l.onderdeel(),
            norm_w.verwijzing()
        ),
    ));
    // D: the zorgtoeslag threshold, or C when C is lower.
    let (drempel, wd) = waarde(p, "zorgtoeslag_drempelinkomen")?;
    let d = drempel.min(c.cents());
    let (e, we) = waarde(p, "zorgtoeslag_procent")?;
    let zorg_t = i128::from(c.cents() - d) * i128::from(e);
    // 475da-3: at most the standaardpremie of Wzt 2-1 as a monthly amount
    // (twice the standaardpremie for a verzekerde with a partner, Wzt 2-1,
    // tweede zin) less the amount of Pw 23-2 for the leefsituatie.
    let (premie, wp) = waarde(p, "zorgtoeslag_standaardpremie")?;
    let (pw23, keer) = if l.gehuwd() {
        (normen.inrichting_verhoging_gehuwden, 2)
    } else {
        (normen.inrichting_verhoging_alleenstaande, 1)
    };
    let plafond_t = (i128::from(premie) * keer * 10_000 - i128::from(pw23.get()?) * n).max(0);
    let zorg_d = zorg_t.min(plafond_t);
    let (zorg, plafond, zorg_dm) = (
        rond(zorg_t, BVV_TOESLAGTERM),
        rond(plafond_t, BVV_TOESLAGTERM),
        rond(zorg_d, BVV_TOESLAGTERM),
    );
    let premie_tekst = if keer == 2 {
        format!("2 x standaardpremie {}/12", m(premie))
    } else {
        format!("standaardpremie {}/12", m(premie))
    };
    s.push(stap(
        format!("Omdat u minder zorgtoeslag krijgt door uw inkomen, blijft er {zorg_dm} meer vrij."),
        format!("((C {c} - D {}) / 12) x E {} = {zorg}; ten hoogste {premie_tekst} - {} = {plafond}; zorgdeel = {zorg_dm}", m(d), pct(e), m(pw23.get()?)),
        format!("{RV} art. 475da, tweede lid (D, E) en derde lid; D: {}; E: {}; {}; {}", wd.verwijzing(), we.verwijzing(), wp.verwijzing(), pw23.verwijzing()),
    ));
    // Housing: I x F/12 (or G), at most H - J.
    let een = l == BvvLeefsituatie::Alleenstaande;
    let (afb_k, ijk_k, bh_k, fl) = if een {
        (
            "huurtoeslag_afbouw_eenpersoons",
            "huurtoeslag_ijkpunt_eenpersoons",
            "huurtoeslag_basishuur_eenpersoons",
            "F",
        )
    } else {
        (
            "huurtoeslag_afbouw_meerpersoons",
            "huurtoeslag_ijkpunt_meerpersoons",
            "huurtoeslag_basishuur_meerpersoons",
            "G",
        )
    };
    let (ijk, wijk) = waarde(p, ijk_k)?;
    let (afb, wafb) = waarde(p, afb_k)?;
    let (h, wh) = waarde(p, "huurtoeslag_maximale_huurgrens")?;
    let (j, wj) = waarde(p, bh_k)?;
    // Below the minimum-inkomensijkpunt there is no afbouw (Wht art. 21-2:
    // "voor elk rekeninkomen boven het minimum-inkomensijkpunt").
    let i = (c.cents() - ijk).max(0);
    let afbouw_t = i128::from(i) * i128::from(afb);
    let hj_t = i128::from((h - j).max(0)) * n;
    let woon_t = afbouw_t.min(hj_t);
    let (afbouw, hj, woon) = (
        rond(afbouw_t, BVV_TOESLAGTERM),
        rond(hj_t, BVV_TOESLAGTERM),
        rond(woon_t, BVV_TOESLAGTERM),
    );
    s.push(stap(
        format!("Omdat u minder huurtoeslag krijgt door uw inkomen, blijft er {woon} meer vrij."),
        format!("I = C {c} - ijkpunt {} = {}; I x {fl} {} / 12 = {afbouw}; ten hoogste H {} - J {} = {hj}; woondeel = {woon}", m(ijk), m(i), pct(afb), m(h), m(j)),
        format!("{RV} art. 475da, tweede lid ({fl}, H, I, J); {}; {}; {}; {}", wafb.verwijzing(), wh.verwijzing(), wijk.verwijzing(), wj.verwijzing()),
    ));
    let mut som_t = basis_t + zorg_d + woon_t;
    if matches!(
        l,
        BvvLeefsituatie::AlleenstaandeOuder | BvvLeefsituatie::GehuwdenMetKinderen
    ) {
        let (k, wk) = waarde(p, "kgb_afbouw_procent")?;
        let (boven, uitleg, extra) = if l == BvvLeefsituatie::GehuwdenMetKinderen {
            let (lb, wl) = waarde(p, "kgb_drempel_verhoging_partners")?;
            (
                (c.cents() - (d + lb)).max(0),
                format!("(C {c} - (D {} + L {}))", m(d), m(lb)),
                format!("; L: {}", wl.verwijzing()),
            )
        } else {
            (
                c.cents() - d,
                format!("(C {c} - D {})", m(d)),
                String::new(),
            )
        };
        let kgb_t = i128::from(boven) * i128::from(k);
        let kgb = rond(kgb_t, BVV_TOESLAGTERM);
        s.push(stap(
            format!("Omdat u minder kindgebonden budget krijgt door uw inkomen, blijft er {kgb} meer vrij."),
            format!("{uitleg} / 12 x K {} = {kgb}", pct(k)),
            format!("{RV} art. 475da, tweede lid, onderdeel {} (K{}); K: {}{extra}", l.onderdeel(), if extra.is_empty() { "" } else { ", L" }, wk.verwijzing()),
        ));
        som_t += kgb_t;
    }
    let som = rond(som_t, BVV_SOM);
    s.push(stap(
        format!("Opgeteld is dat {som}."),
        format!("som van de delen, exact opgeteld en daarna afgerond op centen = {som}"),
        format!("{RV} art. 475da, tweede lid, onderdeel {}", l.onderdeel()),
    ));
    Ok(som)
}

/// 475da-5: on request, raised by the woonkosten above the amount of Wht
/// 13-1-a plus 10%.
fn woonkosten(
    invoer: &BvvInvoer,
    p: &crate::params::ParameterSet,
    bvv: Money,
    s: &mut Vec<BvvStap>,
) -> Result<Money, RekenFout> {
    let Some(kosten) = invoer.woonkosten_verzoek else {
        return Ok(bvv);
    };
    let (h, wh) = waarde(p, "huurtoeslag_maximale_huurgrens")?;
    let (op, wop) = waarde(p, "woonkosten_ophoging_procent")?;
    let grens = m(h) + m(h).percentage(op, BVV_NORM);
    let extra = (kosten - grens).max(Money::ZERO);
    s.push(stap(
        format!("U vroeg om een hogere beslagvrije voet voor uw woonkosten ({kosten}). Wat boven {grens} uitkomt, blijft extra vrij: {extra}."),
        format!("woonkosten {kosten} - (H {} + {}) = {extra}", m(h), pct(op)),
        format!("{}; {}", wop.verwijzing(), wh.verwijzing()),
    ));
    Ok(bvv + extra)
}

/// 475db: less the partner's unattached income (at most half), then the
/// debtor's own.
fn verminder(invoer: &BvvInvoer, bvv: Money, s: &mut Vec<BvvStap>) -> Money {
    let mut uit = bvv;
    let partner = invoer.partner_inkomen_niet_onder_beslag;
    if partner > Money::ZERO {
        let helft = bvv.mul_ratio(1, 2, BVV_HELFT);
        let a = partner.min(helft);
        uit -= a;
        s.push(stap(
            format!("Uw partner heeft eigen inkomen ({partner}). Daarom blijft er {a} minder vrij (ten hoogste de helft)."),
            format!("min(partner {partner}, helft van {bvv} = {helft}) = {a}; {bvv} - {a} = {uit}"),
            format!("{RV} art. 475db, eerste lid, onderdeel a (BWBR0001827)"),
        ));
    }
    let eigen = invoer.eigen_inkomen_niet_onder_beslag;
    if eigen > Money::ZERO {
        let voor = uit;
        uit = (uit - eigen).max(Money::ZERO);
        s.push(stap(
            format!("U heeft ook ander inkomen waarop geen beslag ligt ({eigen}). Daarom blijft er minder vrij: {uit}."),
            format!("max(0, {voor} - {eigen}) = {uit}"),
            format!("{RV} art. 475db, eerste lid, onderdeel b (BWBR0001827)"),
        ));
    }
    uit
}

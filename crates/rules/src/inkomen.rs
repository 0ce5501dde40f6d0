//! Income that counts (art. 31, 32) with the vrijlatingen of art. 31-2:
//! n (work, 25%, 6 months), r (single parent with a child under 12, after
//! n, 30 months), y (medisch urenbeperkt), z/aa (loonkostensubsidie), j
//! (premie, per calendar year), k (vrijwilligersvergoeding, per month and
//! year), m (giften, per calendar year, since 2026). Under 27 no n, r, j, k
//! (art. 31-5), except j for the loonkostensubsidie doelgroep.
//!
//! Caps across months need the earlier months: the input says since which
//! month n, r and z have run, and how much of j, k and m was already left
//! out earlier in the calendar year.
//!
//! The work vrijlatingen are not added up: the highest that applies is used
//! (n or r, y, z/aa). This is our reading of art. 31-2; see ADR 0002.

use crate::fout::RekenFout;
use crate::peil::{Peil, W};
use crate::stap;
use crate::uitleg::{Grootheid::*, Spoor};
use gbi_domain::{Maand, Money, Rounding, RoundingMode};
use serde::{Deserialize, Serialize};

/// A vrijlating (art. 31-2) is a part of income that does not count. A
/// fraction of a cent goes to the resident: rounding it down would count a
/// cent of income the law leaves free.
const VRIJLATING: Rounding = Rounding::new(
    "vrijlating_in_het_voordeel_van_de_inwoner",
    RoundingMode::AwayFromZero,
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loonkostensubsidie {
    #[default]
    Geen,
    /// Art. 31-2-z: 12 months.
    Z,
    /// Art. 31-2-aa: may be extended.
    Aa,
}

/// What was already left out earlier in this calendar year (cents).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EerderVrijgelaten {
    pub premie_cents: i64,
    pub vrijwilligersvergoeding_cents: i64,
    pub giften_cents: i64,
}

/// Income of one month, net, in cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Inkomsten {
    /// Net income from work.
    pub arbeid_cents: i64,
    /// Other income that counts in full (e.g. alimentatie, other benefits).
    pub overig_cents: i64,
    /// Premie for work participation (j).
    pub premie_cents: i64,
    /// Volunteer allowance (k).
    pub vrijwilligersvergoeding_cents: i64,
    /// Gifts (m).
    pub giften_cents: i64,
    pub eerder_vrijgelaten_dit_jaar: EerderVrijgelaten,
    /// First month in which vrijlating n applied; none means it starts now.
    pub vrijlating_n_sinds: Option<Maand>,
    /// First month in which vrijlating r applied.
    pub vrijlating_r_sinds: Option<Maand>,
    pub medisch_urenbeperkt: bool,
    pub loonkostensubsidie: Loonkostensubsidie,
    /// First month of the loonkostensubsidie vrijlating (z).
    pub loonkostensubsidie_sinds: Option<Maand>,
    /// The college judges that the work helps towards work (condition of n
    /// below the AOW age, and of r).
    #[serde(default = "ja")]
    pub arbeid_bevordert_uitstroom: bool,
}

fn ja() -> bool {
    true
}

impl Default for Inkomsten {
    /// No income; the college's judgement on work (condition of n) defaults
    /// to yes, as in the JSON input.
    fn default() -> Self {
        Self {
            arbeid_cents: 0,
            overig_cents: 0,
            premie_cents: 0,
            vrijwilligersvergoeding_cents: 0,
            giften_cents: 0,
            eerder_vrijgelaten_dit_jaar: EerderVrijgelaten::default(),
            vrijlating_n_sinds: None,
            vrijlating_r_sinds: None,
            medisch_urenbeperkt: false,
            loonkostensubsidie: Loonkostensubsidie::Geen,
            loonkostensubsidie_sinds: None,
            arbeid_bevordert_uitstroom: true,
        }
    }
}

/// Whose income is counted: every earning spouse has their own vrijlatingen
/// (art. 31-2 speaks of "his" income).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wie {
    Aanvrager,
    Partner,
}

impl Wie {
    fn code(self) -> &'static str {
        match self {
            Wie::Aanvrager => "aanvrager",
            Wie::Partner => "partner",
        }
    }
    fn loon_van(self) -> &'static str {
        match self {
            Wie::Aanvrager => "uw loon",
            Wie::Partner => "het loon van uw partner",
        }
    }
}

/// Facts about the person the vrijlatingen depend on.
#[derive(Debug, Clone, Copy)]
pub struct Persoon {
    /// Whose income: "aanvrager" or "partner" (each has own vrijlatingen).
    pub wie: Wie,
    pub leeftijd: i32,
    pub aow: bool,
    pub alleenstaande_ouder_kind_onder_12: bool,
}

fn pct<'a>(bedrag: i64, procent: W<'a>, max: W<'a>) -> Result<i64, RekenFout> {
    Ok(Money::from_cents(bedrag)
        .percentage(procent.get()?, VRIJLATING)
        .cents()
        .min(max.get()?))
}

fn maanden_sinds(sinds: Option<Maand>, nu: Maand) -> i64 {
    sinds.map_or(0, |s| i64::from(s.months_until(nu)))
}

impl Inkomsten {
    pub fn controleer(&self, pad: &str) -> Result<(), RekenFout> {
        let velden = [
            ("arbeid_cents", self.arbeid_cents),
            ("overig_cents", self.overig_cents),
            ("premie_cents", self.premie_cents),
            (
                "vrijwilligersvergoeding_cents",
                self.vrijwilligersvergoeding_cents,
            ),
            ("giften_cents", self.giften_cents),
            (
                "eerder_vrijgelaten_dit_jaar.premie_cents",
                self.eerder_vrijgelaten_dit_jaar.premie_cents,
            ),
            (
                "eerder_vrijgelaten_dit_jaar.vrijwilligersvergoeding_cents",
                self.eerder_vrijgelaten_dit_jaar
                    .vrijwilligersvergoeding_cents,
            ),
            (
                "eerder_vrijgelaten_dit_jaar.giften_cents",
                self.eerder_vrijgelaten_dit_jaar.giften_cents,
            ),
        ];
        for (veld, v) in velden {
            if v < 0 {
                return Err(RekenFout::invoer(
                    format!("{pad}.{veld}"),
                    "mag niet negatief zijn",
                ));
            }
        }
        Ok(())
    }

    /// The income that counts this month, after the vrijlatingen.
    pub fn in_aanmerking<'a, S: Spoor<'a>>(
        &self,
        peil: &Peil<'a>,
        p: Persoon,
        s: &mut S,
    ) -> Result<i64, RekenFout> {
        let v = &peil.vrijlatingen;
        let nu = Maand::of(peil.datum);
        let onder_27 = i64::from(p.leeftijd) < v.leeftijd_uitsluiting.get()?;
        let w = self.arbeid_cents;
        let mut vrij_arbeid = 0;
        if w > 0 {
            // n and r: not under 27 (31-5). n (31-2-n): below the AOW age at
            // most six months and only when the college judges the work helps
            // towards work; at the AOW age neither limit applies.
            let n_maanden = maanden_sinds(self.vrijlating_n_sinds, nu);
            let n_termijn = v.n_maanden.get()?;
            let n_geldt =
                !onder_27 && (p.aow || (self.arbeid_bevordert_uitstroom && n_maanden < n_termijn));
            // r (31-2-r): a single parent with a child under 12 (1°), after
            // n's six months have passed (2°), when the college judges the
            // work helps (3°); at most 30 months.
            let n_voorbij = self.vrijlating_n_sinds.is_some() && n_maanden >= n_termijn;
            if n_geldt {
                let n = pct(w, v.n_procent, v.n_max)?;
                if p.aow {
                    stap!(s, "vrijlating.n_aow", v.n_procent.verwijzing(), Bedrag(n), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),
                        "arbeid" => Bedrag(w), "maximum" => Bedrag(v.n_max.get()?),
                    ]);
                } else {
                    stap!(s, "vrijlating.n", v.n_procent.verwijzing(), Bedrag(n), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),
                        "arbeid" => Bedrag(w), "maand_van_vrijlating" => Aantal(n_maanden + 1),
                        "maanden_nog" => Maanden(n_termijn - n_maanden - 1), "maximum" => Bedrag(v.n_max.get()?),
                    ]);
                }
                vrij_arbeid = n;
            } else if onder_27 {
                stap!(s, "vrijlating.n_onder_27", v.leeftijd_uitsluiting.verwijzing(), Bedrag(0), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),"leeftijd" => Aantal(i64::from(p.leeftijd))]);
            } else if !self.arbeid_bevordert_uitstroom {
                stap!(s, "vrijlating.n_geen_oordeel", v.n_procent.verwijzing(), Bedrag(0), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),"arbeid" => Bedrag(w)]);
            } else {
                stap!(s, "vrijlating.n_verlopen", v.n_maanden.verwijzing(), Bedrag(0), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),"maanden" => Aantal(n_maanden)]);
            }
            if !n_geldt && !onder_27 && !p.aow && p.alleenstaande_ouder_kind_onder_12 {
                let r_maanden = maanden_sinds(self.vrijlating_r_sinds, nu);
                if !n_voorbij {
                    stap!(s, "vrijlating.r_n_niet_voorbij", v.r_procent.verwijzing(), Bedrag(0), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),"maanden_n" => Aantal(n_maanden)]);
                } else if !self.arbeid_bevordert_uitstroom {
                    stap!(s, "vrijlating.r_geen_oordeel", v.r_procent.verwijzing(), Bedrag(0), ["wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van())]);
                } else if r_maanden < v.r_maanden.get()? {
                    let r = pct(w, v.r_procent, v.r_max)?;
                    stap!(s, "vrijlating.r", v.r_procent.verwijzing(), Bedrag(r), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),
                        "arbeid" => Bedrag(w), "maand_van_vrijlating" => Aantal(r_maanden + 1), "maximum" => Bedrag(v.r_max.get()?),
                    ]);
                    vrij_arbeid = r;
                } else {
                    stap!(s, "vrijlating.r_verlopen", v.r_maanden.verwijzing(), Bedrag(0), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),"maanden" => Aantal(r_maanden)]);
                }
            }
            if self.medisch_urenbeperkt {
                let y = pct(w, v.y_procent, v.y_max)?;
                stap!(s, "vrijlating.y", v.y_procent.verwijzing(), Bedrag(y), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),"arbeid" => Bedrag(w), "maximum" => Bedrag(v.y_max.get()?)]);
                vrij_arbeid = vrij_arbeid.max(y);
            }
            let z_geldt = match self.loonkostensubsidie {
                Loonkostensubsidie::Geen => false,
                Loonkostensubsidie::Aa => true,
                Loonkostensubsidie::Z => {
                    maanden_sinds(self.loonkostensubsidie_sinds, nu) < v.z_maanden.get()?
                }
            };
            if z_geldt {
                let z = pct(w, v.z_procent, v.z_max)?;
                stap!(s, "vrijlating.z", v.z_procent.verwijzing(), Bedrag(z), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),"arbeid" => Bedrag(w), "maximum" => Bedrag(v.z_max.get()?)]);
                vrij_arbeid = vrij_arbeid.max(z);
            } else if self.loonkostensubsidie == Loonkostensubsidie::Z {
                stap!(
                    s,
                    "vrijlating.z_verlopen",
                    v.z_maanden.verwijzing(),
                    Bedrag(0)
                );
            }
        }
        let eerder = &self.eerder_vrijgelaten_dit_jaar;
        // j: premie, per calendar year; under 27 only for loonkostensubsidie.
        let mut vrij_j = 0;
        if self.premie_cents > 0
            && (!onder_27 || self.loonkostensubsidie != Loonkostensubsidie::Geen)
        {
            let ruimte = (v.j_max_jaar.get()? - eerder.premie_cents).max(0);
            vrij_j = self.premie_cents.min(ruimte);
            stap!(s, "vrijlating.j", v.j_max_jaar.verwijzing(), Bedrag(vrij_j), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),
                "premie" => Bedrag(self.premie_cents), "eerder_dit_jaar" => Bedrag(eerder.premie_cents), "maximum_per_jaar" => Bedrag(v.j_max_jaar.get()?),
            ]);
        }
        // k: vrijwilligersvergoeding, per month and per calendar year; not under 27.
        let mut vrij_k = 0;
        if self.vrijwilligersvergoeding_cents > 0 && !onder_27 {
            let ruimte = (v.k_max_jaar.get()? - eerder.vrijwilligersvergoeding_cents).max(0);
            vrij_k = self
                .vrijwilligersvergoeding_cents
                .min(v.k_max_maand.get()?)
                .min(ruimte);
            stap!(s, "vrijlating.k", v.k_max_maand.verwijzing(), Bedrag(vrij_k), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),
                "vergoeding" => Bedrag(self.vrijwilligersvergoeding_cents), "eerder_dit_jaar" => Bedrag(eerder.vrijwilligersvergoeding_cents),
                "maximum_per_maand" => Bedrag(v.k_max_maand.get()?), "maximum_per_jaar" => Bedrag(v.k_max_jaar.get()?),
            ]);
        }
        // m: giften, per calendar year (since 1-1-2026).
        let mut vrij_m = 0;
        if self.giften_cents > 0 && v.m_max_jaar.van_kracht() {
            let ruimte = (v.m_max_jaar.get()? - eerder.giften_cents).max(0);
            vrij_m = self.giften_cents.min(ruimte);
            stap!(s, "vrijlating.m", v.m_max_jaar.verwijzing(), Bedrag(vrij_m), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),
                "giften" => Bedrag(self.giften_cents), "eerder_dit_jaar" => Bedrag(eerder.giften_cents), "maximum_per_jaar" => Bedrag(v.m_max_jaar.get()?),
            ]);
        }
        let totaal = w - vrij_arbeid + self.overig_cents + self.premie_cents - vrij_j
            + self.vrijwilligersvergoeding_cents
            - vrij_k
            + self.giften_cents
            - vrij_m;
        stap!(s, "inkomen.in_aanmerking", "Participatiewet art. 31 en art. 32 (BWBR0015703)", Bedrag(totaal), [ "wie" => Tekst(p.wie.code()), "loon_van" => Tekst(p.wie.loon_van()),
            "inkomsten" => Bedrag(w + self.overig_cents + self.premie_cents + self.vrijwilligersvergoeding_cents + self.giften_cents),
            "vrijgelaten" => Bedrag(vrij_arbeid + vrij_j + vrij_k + vrij_m),
        ]);
        Ok(totaal)
    }
}

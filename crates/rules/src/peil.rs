//! The parameters that hold on one date (and the policy of one gemeente),
//! resolved once into plain fields so the rules read them without lookups.

use crate::fout::RekenFout;
use crate::params::{AowLeeftijd, Param, ParameterSet, Parameters, Waarde};
use chrono::NaiveDate;
use gbi_domain::{GemeenteCode, RoundingMode};

/// One value as the rules use it: the number, and the parameter it came
/// from (for the explanation).
#[derive(Debug, Clone, Copy)]
pub struct W<'a> {
    pub param: &'a Param,
}

impl<'a> W<'a> {
    /// The value, or a "not set" error for a value marked unknown.
    /// A rule not in force counts as zero (callers check [`W::van_kracht`]).
    #[inline]
    pub fn get(self) -> Result<i64, RekenFout> {
        match self.param.waarde {
            Waarde::Getal(g) => Ok(g),
            Waarde::NietVanKracht => Ok(0),
            Waarde::Afronding(_) | Waarde::NietIngesteld => Err(RekenFout::NietIngesteld {
                sleutel: self.param.sleutel.to_owned(),
                bestand: self.param.bestand.clone(),
            }),
        }
    }

    pub fn van_kracht(self) -> bool {
        self.param.waarde != Waarde::NietVanKracht
    }

    pub fn verwijzing(self) -> &'a str {
        &self.param.verwijzing
    }
}

macro_rules! groep {
    ($naam:ident { $($veld:ident),* $(,)? }) => {
        #[derive(Debug, Clone, Copy)]
        pub struct $naam<'a> { $(pub $veld: W<'a>,)* }
        impl<'a> $naam<'a> {
            fn uit(set: &'a ParameterSet) -> Result<Self, RekenFout> {
                Ok(Self { $($veld: neem(set, stringify!($veld))?,)* })
            }
        }
    };
}

pub(crate) fn neem<'a>(set: &'a ParameterSet, sleutel: &str) -> Result<W<'a>, RekenFout> {
    // The loader guarantees every key of the topic exists; this is defence.
    set.param(sleutel)
        .map(|param| W { param })
        .ok_or_else(|| RekenFout::NietIngesteld {
            sleutel: sleutel.to_owned(),
            bestand: set.bestand.clone(),
        })
}

groep!(Normen {
    norm_21_alleenstaande,
    norm_21_gehuwden,
    norm_18_20_alleenstaande,
    norm_18_20_alleenstaande_ouder,
    norm_18_20_gehuwden_zonder_kinderen,
    norm_18_20_gehuwden_met_kinderen,
    norm_gemengd_zonder_kinderen,
    norm_gemengd_met_kinderen,
    norm_aow_alleenstaande,
    norm_aow_gehuwden,
    norm_aow_gehuwden_een_partner,
    norm_22a3_jongere_partner_zonder_kinderen,
    norm_22a3_jongere_partner_met_kinderen,
    inrichting_alleenstaande,
    inrichting_gehuwden,
    inrichting_verhoging_alleenstaande,
    inrichting_verhoging_gehuwden,
    netto_minimumloon,
});
groep!(Toeslag203 { toeslag });
groep!(Kostendelers {
    basis_procent,
    procent_per_persoon,
    leeftijd_kostendeler,
    afronding
});
groep!(Vakantietoeslag {
    procent,
    betaalmaand,
    uiterlijk_na_einde_maanden
});
groep!(Vermogen {
    grens_alleenstaande,
    grens_alleenstaande_ouder,
    grens_gehuwden,
    vrijlating_eigen_woning
});
groep!(Vrijlatingen {
    leeftijd_uitsluiting,
    n_procent,
    n_max,
    n_maanden,
    r_procent,
    r_max,
    r_maanden,
    r_kind_leeftijd,
    y_procent,
    y_max,
    z_procent,
    z_max,
    z_maanden,
    j_max_jaar,
    k_max_maand,
    k_max_jaar,
    m_max_jaar,
});
groep!(BijzondereBijstand { drempel });
groep!(Beleid {
    iit_referentieperiode_maanden,
    iit_inkomensgrens_procent,
    iit_bedrag_alleenstaande,
    iit_bedrag_alleenstaande_ouder,
    iit_bedrag_gehuwden,
    iit_bedrag_gehuwden_met_kinderen,
    iit_inkomenstoets,
    iit_maand_zonder_bewijs,
    bb_vrije_ruimte_alleenstaande,
    bb_vrije_ruimte_alleenstaande_ouder,
    bb_vrije_ruimte_gehuwden,
    bb_draagkracht_procent,
    bb_vermogen_procent,
    bb_draagkracht_periode_maanden,
    bb_vermogen_onder_grens_is_draagkracht,
    bb_drempel_weigeren,
    bb_looplijst_inkomensgrens_procent,
    looplijst_bewaartermijn_weken,
    uwv_loon_automatisch_verrekenen,
    herziening_beoordelen_vanaf,
});

/// Everything the rules need on one date.
#[derive(Debug, Clone, Copy)]
pub struct Peil<'a> {
    pub datum: NaiveDate,
    pub normen: Normen<'a>,
    /// The 20-3 top-up; `None` before it came into force.
    pub toeslag_20_3: Option<Toeslag203<'a>>,
    pub kostendelers: Kostendelers<'a>,
    pub kostendelers_afronding: RoundingMode,
    pub vakantietoeslag: Vakantietoeslag<'a>,
    pub vermogen: Vermogen<'a>,
    pub vrijlatingen: Vrijlatingen<'a>,
    pub bijzondere_bijstand: BijzondereBijstand<'a>,
    /// The gemeente's policy, when a gemeente was given.
    pub beleid: Option<(GemeenteCode, &'a ParameterSet, Beleid<'a>)>,
    pub aow: &'a AowLeeftijd,
    /// Demo mode only: some national figures were carried forward from an
    /// earlier period ([`Parameters::voorlopig_op`]); amounts computed with
    /// them are provisional and must be marked so.
    pub voorlopig: bool,
}

impl Parameters {
    /// Resolve the parameters of `datum`; with a gemeente also its policy.
    pub fn peil(
        &self,
        datum: NaiveDate,
        gemeente: Option<GemeenteCode>,
    ) -> Result<Peil<'_>, RekenFout> {
        let beleid = match gemeente {
            None => None,
            Some(g) => Some((
                g,
                self.beleid(g, datum).ok_or_else(|| RekenFout::GeenBeleid {
                    gemeente: g.to_string(),
                    datum,
                })?,
            )),
        };
        self.peil_met(datum, beleid)
    }

    /// The national parameters of `datum` with a policy given by the caller
    /// instead of the gemeente's loaded one: a draft policy read with
    /// [`Parameters::lees_beleidsconcept`], for the wat-als run.
    pub fn peil_met_beleid<'a>(
        &'a self,
        datum: NaiveDate,
        beleid: &'a ParameterSet,
    ) -> Result<Peil<'a>, RekenFout> {
        let g = beleid.gemeente_code.ok_or_else(|| {
            RekenFout::invoer(
                "beleid.gemeente_code",
                "een beleidsbestand noemt zijn gemeente",
            )
        })?;
        self.peil_met(datum, Some((g, beleid)))
    }

    fn peil_met<'a>(
        &'a self,
        datum: NaiveDate,
        beleid: Option<(GemeenteCode, &'a ParameterSet)>,
    ) -> Result<Peil<'a>, RekenFout> {
        let set = |onderwerp: &str| {
            self.landelijk(onderwerp, datum)
                .ok_or_else(|| RekenFout::GeenParameters {
                    onderwerp: onderwerp.to_owned(),
                    datum,
                })
        };
        let kostendelers = Kostendelers::uit(set("kostendelersnorm")?)?;
        let kostendelers_afronding = match kostendelers.afronding.param.waarde {
            Waarde::Afronding(m) => m,
            _ => {
                return Err(RekenFout::NietIngesteld {
                    sleutel: "afronding".into(),
                    bestand: kostendelers.afronding.param.bestand.clone(),
                });
            }
        };
        let beleid = match beleid {
            None => None,
            Some((g, b)) => Some((g, b, Beleid::uit(b)?)),
        };
        Ok(Peil {
            datum,
            normen: Normen::uit(set("bijstandsnormen")?)?,
            toeslag_20_3: self
                .landelijk("toeslag_20_3", datum)
                .map(Toeslag203::uit)
                .transpose()?,
            kostendelers,
            kostendelers_afronding,
            vakantietoeslag: Vakantietoeslag::uit(set("vakantietoeslag")?)?,
            vermogen: Vermogen::uit(set("vermogen")?)?,
            vrijlatingen: Vrijlatingen::uit(set("vrijlatingen")?)?,
            bijzondere_bijstand: BijzondereBijstand::uit(set("bijzondere_bijstand")?)?,
            beleid,
            aow: &self.aow,
            voorlopig: self.voorlopig_op(datum),
        })
    }
}

impl Parameters {
    /// One value of the gemeente's policy on `datum`, by key.
    fn beleidswaarde(
        &self,
        gemeente: GemeenteCode,
        datum: NaiveDate,
        sleutel: &str,
    ) -> Result<i64, RekenFout> {
        let set = self
            .beleid(gemeente, datum)
            .ok_or_else(|| RekenFout::GeenBeleid {
                gemeente: gemeente.to_string(),
                datum,
            })?;
        neem(set, sleutel)?.get()
    }

    /// Whether the gemeente's policy on `datum` says that wages UWV knows are
    /// fetched and offset automatically each month (`uwv_loon_automatisch_verrekenen`
    /// in `params/beleid/<gemeente_code>.toml`).
    pub fn uwv_loon_automatisch_verrekenen(
        &self,
        gemeente: GemeenteCode,
        datum: NaiveDate,
    ) -> Result<bool, RekenFout> {
        Ok(self.beleidswaarde(gemeente, datum, "uwv_loon_automatisch_verrekenen")? == 1)
    }

    /// Above how much lower than the toekenning a month whose income came
    /// automatically from UWV is first reviewed by a person, before it is
    /// paid (`herziening_beoordelen_vanaf`, cents per month; art. 54-3).
    pub fn herziening_beoordelen_vanaf(
        &self,
        gemeente: GemeenteCode,
        datum: NaiveDate,
    ) -> Result<i64, RekenFout> {
        self.beleidswaarde(gemeente, datum, "herziening_beoordelen_vanaf")
    }
}

//! Which topics exist, which keys each must have, and in which unit.

use super::ParameterSet;
use super::lijsten::{self, LIJST_SLEUTELS};
use super::value::{Eenheid, Markering, Param, lees_waarde};
use crate::fout::LaadFout;
use Eenheid::*;
use chrono::NaiveDate;
use gbi_domain::GemeenteCode;
use std::collections::BTreeMap;

type Sleutels = &'static [(&'static str, Eenheid)];

/// Topics that must have at least one file.
pub const VERPLICHT: &[&str] = &[
    "bijstandsnormen",
    "kostendelersnorm",
    "vakantietoeslag",
    "vermogen",
    "vrijlatingen",
    "bijzondere_bijstand",
];

const ONDERWERPEN: &[(&str, Sleutels)] = &[
    (
        "bijstandsnormen",
        &[
            ("norm_21_alleenstaande", EuroPerMaand),
            ("norm_21_gehuwden", EuroPerMaand),
            ("norm_18_20_alleenstaande", EuroPerMaand),
            ("norm_18_20_alleenstaande_ouder", EuroPerMaand),
            ("norm_18_20_gehuwden_zonder_kinderen", EuroPerMaand),
            ("norm_18_20_gehuwden_met_kinderen", EuroPerMaand),
            ("norm_gemengd_zonder_kinderen", EuroPerMaand),
            ("norm_gemengd_met_kinderen", EuroPerMaand),
            ("norm_aow_alleenstaande", EuroPerMaand),
            ("norm_aow_gehuwden", EuroPerMaand),
            ("norm_aow_gehuwden_een_partner", EuroPerMaand),
            ("norm_22a3_jongere_partner_zonder_kinderen", EuroPerMaand),
            ("norm_22a3_jongere_partner_met_kinderen", EuroPerMaand),
            ("inrichting_alleenstaande", EuroPerMaand),
            ("inrichting_gehuwden", EuroPerMaand),
            ("inrichting_verhoging_alleenstaande", EuroPerMaand),
            ("inrichting_verhoging_gehuwden", EuroPerMaand),
            ("netto_minimumloon", EuroPerMaand),
        ],
    ),
    ("toeslag_20_3", &[("toeslag", EuroPerMaand)]),
    (
        "kostendelersnorm",
        &[
            ("basis_procent", Procent),
            ("procent_per_persoon", Procent),
            ("leeftijd_kostendeler", Jaren),
            ("afronding", Afronding),
        ],
    ),
    (
        "vakantietoeslag",
        &[
            ("procent", Procent),
            ("betaalmaand", Maand),
            ("uiterlijk_na_einde_maanden", Maanden),
        ],
    ),
    (
        "vermogen",
        &[
            ("grens_alleenstaande", Euro),
            ("grens_alleenstaande_ouder", Euro),
            ("grens_gehuwden", Euro),
            ("vrijlating_eigen_woning", Euro),
        ],
    ),
    (
        "vrijlatingen",
        &[
            ("leeftijd_uitsluiting", Jaren),
            ("n_procent", Procent),
            ("n_max", EuroPerMaand),
            ("n_maanden", Maanden),
            ("r_procent", Procent),
            ("r_max", EuroPerMaand),
            ("r_maanden", Maanden),
            ("r_kind_leeftijd", Jaren),
            ("y_procent", Procent),
            ("y_max", EuroPerMaand),
            ("z_procent", Procent),
            ("z_max", EuroPerMaand),
            ("z_maanden", Maanden),
            ("j_max_jaar", EuroPerJaar),
            ("k_max_maand", EuroPerMaand),
            ("k_max_jaar", EuroPerJaar),
            ("m_max_jaar", EuroPerJaar),
        ],
    ),
    ("bijzondere_bijstand", &[("drempel", EuroPerJaar)]),
    (
        "bbz",
        &[
            ("vermogen_max_gift", Euro),
            ("vermogen_drempel_eigen_vermogen", Euro),
            ("eigen_vermogen_max_procent", Procent),
            ("vermogen_oudere_zelfstandige", Euro),
            ("bedrijfskapitaal_gevestigde_max", Euro),
            ("bedrijfskapitaal_starter_max", Euro),
            ("bedrijfskapitaal_gift_max", Euro),
            ("inkomenseis_oudere_zelfstandige", EuroPerJaar),
            ("rente_procent", Procent),
            ("looptijd_max_jaren", Jaren),
            ("beslistermijn_weken", Weken),
        ],
    ),
    (
        "beslagvrije_voet",
        &[
            ("procent_van_norm", Procent),
            ("procent_inkomen", Procent),
            ("procent_geen_adres", Procent),
            ("woonkosten_ophoging_procent", Procent),
            ("maximum_alleenstaande", EuroPerMaand),
            ("maximum_alleenstaande_ouder", EuroPerMaand),
            ("maximum_gehuwden_zonder_kinderen", EuroPerMaand),
            ("maximum_gehuwden_met_kinderen", EuroPerMaand),
            ("zorgtoeslag_drempelinkomen", EuroPerJaar),
            ("zorgtoeslag_procent", Procent),
            ("zorgtoeslag_standaardpremie", EuroPerJaar),
            ("huurtoeslag_afbouw_eenpersoons", Procent),
            ("huurtoeslag_afbouw_meerpersoons", Procent),
            ("huurtoeslag_maximale_huurgrens", EuroPerMaand),
            ("huurtoeslag_basishuur_eenpersoons", EuroPerMaand),
            ("huurtoeslag_basishuur_meerpersoons", EuroPerMaand),
            ("huurtoeslag_ijkpunt_eenpersoons", EuroPerJaar),
            ("huurtoeslag_ijkpunt_meerpersoons", EuroPerJaar),
            ("kgb_afbouw_procent", Procent),
            ("kgb_drempel_verhoging_partners", EuroPerJaar),
        ],
    ),
    (
        "boete",
        &[
            ("procent_opzet", Procent),
            ("procent_grove_schuld", Procent),
            ("procent_normaal", Procent),
            ("procent_verminderd", Procent),
            ("recidive_procent", Procent),
            ("recidive_jaren", Jaren),
            ("recidive_jaren_gevangenisstraf", Jaren),
            ("waarschuwing_grens", Euro),
            ("waarschuwing_jaren", Jaren),
            ("zelfcorrectie_dagen", Dagen),
            ("boete_zonder_benadeling", Euro),
            ("categorie_2", Euro),
            ("categorie_3", Euro),
        ],
    ),
    (
        "awb_invordering",
        &[
            ("aanmaning_grens", Euro),
            ("aanmaning_laag", Euro),
            ("aanmaning_hoog", Euro),
        ],
    ),
    (
        "loonheffing",
        &[
            ("tarief_schijf_1", Procent),
            ("grens_schijf_1", EuroPerJaar),
            ("tarief_schijf_2", Procent),
            ("algemene_heffingskorting", EuroPerJaar),
        ],
    ),
    (
        "beleid",
        &[
            ("iit_referentieperiode_maanden", Maanden),
            ("iit_inkomensgrens_procent", Procent),
            ("iit_bedrag_alleenstaande", EuroPerJaar),
            ("iit_bedrag_alleenstaande_ouder", EuroPerJaar),
            ("iit_bedrag_gehuwden", EuroPerJaar),
            ("iit_bedrag_gehuwden_met_kinderen", EuroPerJaar),
            ("iit_inkomenstoets", IitToets),
            ("iit_maand_zonder_bewijs", IitMaandZonderBewijs),
            ("bb_vrije_ruimte_alleenstaande", EuroPerMaand),
            ("bb_vrije_ruimte_alleenstaande_ouder", EuroPerMaand),
            ("bb_vrije_ruimte_gehuwden", EuroPerMaand),
            ("bb_draagkracht_procent", Procent),
            ("bb_vermogen_procent", Procent),
            ("bb_draagkracht_periode_maanden", Maanden),
            ("bb_vermogen_onder_grens_is_draagkracht", JaNee),
            ("bb_drempel_weigeren", JaNee),
            ("bb_looplijst_inkomensgrens_procent", Procent),
            ("looplijst_bewaartermijn_weken", Weken),
            ("uwv_loon_automatisch_verrekenen", JaNee),
            ("herziening_beoordelen_vanaf", EuroPerMaand),
        ],
    ),
];

const KOP: &[&str] = &[
    "onderwerp",
    "regeling",
    "bwb",
    "geldig_van",
    "geldig_tot",
    "bron",
    "gemeente_code",
    "gemeente",
    "demo",
];

fn tekst<'a>(naam: &str, t: &'a toml::Table, sleutel: &str) -> Result<Option<&'a str>, LaadFout> {
    match t.get(sleutel) {
        None => Ok(None),
        Some(toml::Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(LaadFout::sleutel(naam, sleutel, "moet tekst zijn")),
    }
}

fn verplicht<'a>(naam: &str, t: &'a toml::Table, sleutel: &str) -> Result<&'a str, LaadFout> {
    tekst(naam, t, sleutel)?.ok_or_else(|| LaadFout::sleutel(naam, sleutel, "ontbreekt"))
}

pub(super) fn datum(naam: &str, sleutel: &str, s: &str) -> Result<NaiveDate, LaadFout> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        LaadFout::sleutel(naam, sleutel, format!("\"{s}\" is geen datum (jjjj-mm-dd)"))
    })
}

pub(super) fn lees_set(naam: &str, t: &toml::Table) -> Result<ParameterSet, LaadFout> {
    let onderwerp = verplicht(naam, t, "onderwerp")?;
    let Some((onderwerp, sleutels)) = ONDERWERPEN.iter().find(|(o, _)| *o == onderwerp) else {
        let bekend: Vec<&str> = ONDERWERPEN.iter().map(|(o, _)| *o).collect();
        return Err(LaadFout::sleutel(
            naam,
            "onderwerp",
            format!(
                "onbekend onderwerp \"{onderwerp}\"; bekend zijn: {}",
                bekend.join(", ")
            ),
        ));
    };
    let is_beleid = *onderwerp == "beleid";
    let regeling = if is_beleid {
        tekst(naam, t, "regeling")?.unwrap_or("Gemeentelijk beleid")
    } else {
        verplicht(naam, t, "regeling")?
    };
    let bwb = if is_beleid {
        tekst(naam, t, "bwb")?.unwrap_or("")
    } else {
        verplicht(naam, t, "bwb")?
    };
    let geldig_van = datum(naam, "geldig_van", verplicht(naam, t, "geldig_van")?)?;
    let geldig_tot = tekst(naam, t, "geldig_tot")?
        .map(|s| datum(naam, "geldig_tot", s))
        .transpose()?;
    if let Some(tot) = geldig_tot
        && tot < geldig_van
    {
        return Err(LaadFout::sleutel(
            naam,
            "geldig_tot",
            format!("{tot} ligt vóór geldig_van {geldig_van}"),
        ));
    }
    let gemeente_code = match tekst(naam, t, "gemeente_code")? {
        Some(c) => Some(
            GemeenteCode::parse(c)
                .map_err(|e| LaadFout::sleutel(naam, "gemeente_code", e.message))?,
        ),
        None => None,
    };
    if is_beleid != gemeente_code.is_some() {
        return Err(LaadFout::sleutel(
            naam,
            "gemeente_code",
            "hoort bij een beleidsbestand (onderwerp = \"beleid\") en alleen daar",
        ));
    }
    let demo = match t.get("demo") {
        None => false,
        Some(toml::Value::Boolean(b)) => *b,
        Some(_) => return Err(LaadFout::sleutel(naam, "demo", "moet true of false zijn")),
    };
    for sleutel in t.keys() {
        let lijst = is_beleid
            && (LIJST_SLEUTELS.contains(&sleutel.as_str())
                || sleutel == super::zorgverzekering::SLEUTEL);
        if !lijst && !KOP.contains(&sleutel.as_str()) && !sleutels.iter().any(|(s, _)| s == sleutel)
        {
            return Err(LaadFout::sleutel(
                naam,
                sleutel,
                format!("onbekende sleutel voor onderwerp \"{onderwerp}\""),
            ));
        }
    }
    let mut waarden = BTreeMap::new();
    for (sleutel, eenheid) in sleutels.iter() {
        let Some(toml::Value::Table(p)) = t.get(*sleutel) else {
            return Err(LaadFout::sleutel(
                naam,
                sleutel,
                "ontbreekt (verwacht een tabel [sleutel] met waarde, eenheid, artikel)",
            ));
        };
        for k in p.keys() {
            if !["waarde", "eenheid", "artikel", "markering"].contains(&k.as_str()) {
                return Err(LaadFout::sleutel(
                    naam,
                    sleutel,
                    format!("onbekend veld \"{k}\""),
                ));
            }
        }
        let gegeven = p.get("eenheid").and_then(|v| v.as_str()).unwrap_or("");
        if gegeven != eenheid.naam() {
            return Err(LaadFout::sleutel(
                naam,
                sleutel,
                format!(
                    "eenheid moet \"{}\" zijn, niet \"{gegeven}\"",
                    eenheid.naam()
                ),
            ));
        }
        let artikel = p
            .get("artikel")
            .and_then(|v| v.as_str())
            .filter(|a| !a.trim().is_empty())
            .ok_or_else(|| {
                LaadFout::sleutel(
                    naam,
                    sleutel,
                    "artikel ontbreekt: elke waarde noemt haar wettelijke bron",
                )
            })?;
        let markering = match p.get("markering").and_then(|v| v.as_str()) {
            Some("off") => Markering::Off,
            Some("sec") => Markering::Sec,
            Some("unknown") => Markering::Unknown,
            Some("niet_van_kracht") => Markering::NietVanKracht,
            None if is_beleid => Markering::Beleid,
            Some(m) => {
                return Err(LaadFout::sleutel(
                    naam,
                    sleutel,
                    format!(
                        "onbekende markering \"{m}\"; kies off, sec, unknown of niet_van_kracht"
                    ),
                ));
            }
            None => {
                return Err(LaadFout::sleutel(
                    naam,
                    sleutel,
                    "markering ontbreekt (off, sec, unknown of niet_van_kracht)",
                ));
            }
        };
        let waarde = lees_waarde(naam, sleutel, *eenheid, markering, p.get("waarde"))?;
        let verwijzing = if is_beleid {
            let wie = tekst(naam, t, "gemeente")?.unwrap_or("gemeente");
            format!("{artikel} (beleid {wie})")
        } else if artikel.starts_with(regeling) {
            format!("{artikel} ({bwb})")
        } else {
            format!("{regeling} {artikel} ({bwb})")
        };
        waarden.insert(
            *sleutel,
            Param {
                sleutel,
                waarde,
                eenheid: *eenheid,
                markering,
                verwijzing,
                bestand: naam.to_owned(),
            },
        );
    }
    let lijsten = if is_beleid {
        lijsten::lees(naam, t, tekst(naam, t, "gemeente")?.unwrap_or("gemeente"))?
    } else {
        lijsten::Lijsten::default()
    };
    let collectieve_zorgverzekering = if is_beleid {
        super::zorgverzekering::lees(naam, t, tekst(naam, t, "gemeente")?.unwrap_or("gemeente"))?
    } else {
        None
    };
    Ok(ParameterSet {
        lijsten,
        collectieve_zorgverzekering,
        bestand: naam.to_owned(),
        onderwerp: (*onderwerp).to_owned(),
        regeling: regeling.to_owned(),
        bwb: bwb.to_owned(),
        bron: verplicht(naam, t, "bron")?.to_owned(),
        geldig_van,
        geldig_tot,
        gemeente_code,
        gemeente: tekst(naam, t, "gemeente")?.map(str::to_owned),
        demo,
        waarden,
    })
}

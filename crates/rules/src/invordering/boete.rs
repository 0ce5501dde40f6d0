//! The boete for breaching the inlichtingenplicht (Participatiewet art. 18a
//! with the Boetebesluit socialezekerheidswetten, art. 2 and 2aa).
//!
//! The calculation only *proposes*: whether there was opzet, grove schuld or
//! verminderde verwijtbaarheid, whether dringende redenen exist and whether
//! a warning suffices are judged by a person, after hoor en wederhoor; the
//! college must prove opzet or grove schuld (Boetebesluit art. 2, negende
//! lid) and lowers the boete where needed for a proportionate one (achtste
//! lid).

use super::{BvvStap, set, stap, waarde};
use crate::Regels;
use crate::fout::RekenFout;
use chrono::NaiveDate;
use gbi_domain::{Money, Rounding, RoundingMode};
use serde::{Deserialize, Serialize};

/// Percentage of the (recidive) benadelingsbedrag, to whole cents. Down, so
/// the boete never exceeds the percentage the Boetebesluit sets.
pub const BOETE: Rounding =
    Rounding::new("boetebesluit_art_2_percentage", RoundingMode::TowardZero);

const PW: &str = "Participatiewet";
const BB: &str = "Boetebesluit socialezekerheidswetten";

/// The degree of blame (Boetebesluit art. 2, tweede tot en met vijfde lid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verwijtbaarheid {
    Opzet,
    GroveSchuld,
    /// Neither opzet nor grove schuld (the normal case).
    Geen,
    Verminderd,
}

/// An earlier irrevocable boete or criminal sanction for the same conduct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recidive {
    #[default]
    Geen,
    /// Within five years before the day of the offence (art. 18a, vijfde lid).
    Binnen5Jaar,
    /// Within ten years, after an unconditional prison sentence for the
    /// earlier offence (art. 18a, zesde lid).
    Binnen10JaarNaGevangenisstraf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoeteInvoer {
    /// 0 = no benadeling.
    pub benadelingsbedrag: Money,
    pub verwijtbaarheid: Verwijtbaarheid,
    #[serde(default)]
    pub recidive: Recidive,
    /// A written warning was given within two years before this offence
    /// (art. 18a, vierde lid): no warning again.
    #[serde(default)]
    pub eerder_gewaarschuwd_binnen_2_jaar: bool,
    /// The person corrected the information of their own accord within 60
    /// days after it should have been given, before the offence was found
    /// and not within supervision (Boetebesluit art. 2aa, eerste lid,
    /// onderdeel b, and tweede lid).
    #[serde(default)]
    pub zelf_gecorrigeerd_binnen_60_dagen: bool,
    /// Art. 18a, zevende lid: no boete.
    #[serde(default)]
    pub dringende_redenen: bool,
    /// The figures that held on this day are used.
    pub datum_overtreding: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "soort", rename_all = "snake_case")]
pub enum BoeteUitkomst {
    /// A written warning instead of a boete (art. 18a, vierde lid).
    Waarschuwing,
    Boete {
        bedrag: Money,
    },
    /// No boete (dringende redenen, art. 18a, zevende lid).
    GeenBoete,
}

/// A proposed boete with its derivation. A person decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Boete {
    pub uitkomst: BoeteUitkomst,
    pub stappen: Vec<BvvStap>,
}

impl Regels {
    /// Propose the boete for one breach of the inlichtingenplicht. This is a
    /// proposal: a person judges the blame, the dringende redenen and the
    /// warning, and decides.
    pub fn boete(&self, datum: NaiveDate, invoer: &BoeteInvoer) -> Result<Boete, RekenFout> {
        if invoer.benadelingsbedrag.is_negative() {
            return Err(RekenFout::invoer(
                "benadelingsbedrag",
                "mag niet negatief zijn",
            ));
        }
        if invoer.datum_overtreding > datum {
            return Err(RekenFout::invoer(
                "datum_overtreding",
                "ligt na de datum van de berekening",
            ));
        }
        let p = set(&self.parameters, "boete", invoer.datum_overtreding)?;
        let mut s = Vec::new();
        let b = invoer.benadelingsbedrag;
        if invoer.dringende_redenen {
            s.push(stap(
                "Er zijn dringende redenen. Daarom stellen wij voor u geen boete te geven.",
                "dringende redenen: afzien van boete",
                format!("{PW} art. 18a, zevende lid (BWBR0015703)"),
            ));
            return Ok(Boete {
                uitkomst: BoeteUitkomst::GeenBoete,
                stappen: s,
            });
        }
        let (grens, wg) = waarde(p, "waarschuwing_grens")?;
        let klein = b.cents() <= grens;
        if (klein || invoer.zelf_gecorrigeerd_binnen_60_dagen)
            && !invoer.eerder_gewaarschuwd_binnen_2_jaar
        {
            let (dagen, wd) = waarde(p, "zelfcorrectie_dagen")?;
            let (reden, verw) = if klein {
                (
                    format!(
                        "het bedrag dat u te veel kreeg ({b}) niet hoger is dan {}",
                        Money::from_cents(grens)
                    ),
                    wg.verwijzing().to_owned(),
                )
            } else {
                (
                    format!("u het zelf binnen {dagen} dagen hebt verbeterd"),
                    format!(
                        "{BB} art. 2aa, eerste lid, onderdeel b; {}",
                        wd.verwijzing()
                    ),
                )
            };
            s.push(stap(
                format!("U krijgt een schriftelijke waarschuwing in plaats van een boete, omdat {reden}."),
                format!("benadelingsbedrag {b}; grens {}; zelf verbeterd: {}; geen waarschuwing in de 2 jaar ervoor", Money::from_cents(grens), invoer.zelf_gecorrigeerd_binnen_60_dagen),
                format!("{PW} art. 18a, vierde lid (BWBR0015703); {verw}"),
            ));
            return Ok(Boete {
                uitkomst: BoeteUitkomst::Waarschuwing,
                stappen: s,
            });
        }
        if invoer.eerder_gewaarschuwd_binnen_2_jaar
            && (klein || invoer.zelf_gecorrigeerd_binnen_60_dagen)
        {
            s.push(stap(
                "U kreeg in de 2 jaar hiervoor al een waarschuwing. Daarom kan het nu geen waarschuwing zijn.",
                "eerder gewaarschuwd binnen 2 jaar: geen waarschuwing",
                waarde(p, "waarschuwing_jaren")?.1.verwijzing(),
            ));
        }
        if b == Money::ZERO {
            let (vast, wv) = waarde(p, "boete_zonder_benadeling")?;
            let (cat2, w2) = waarde(p, "categorie_2")?;
            let bedrag = Money::from_cents(vast.min(cat2));
            s.push(stap(
                format!("U kreeg geen geld te veel. De boete is dan {bedrag}."),
                format!(
                    "uitgangspunt {} (ten hoogste tweede categorie {})",
                    Money::from_cents(vast),
                    Money::from_cents(cat2)
                ),
                format!(
                    "{}; {PW} art. 18a, derde lid; {}",
                    wv.verwijzing(),
                    w2.verwijzing()
                ),
            ));
            return Ok(Boete {
                uitkomst: BoeteUitkomst::Boete { bedrag },
                stappen: s,
            });
        }
        let grondslag = match invoer.recidive {
            Recidive::Geen => b,
            r => {
                let (rp, wr) = waarde(p, "recidive_procent")?;
                let (jaren, wj) = if r == Recidive::Binnen5Jaar {
                    waarde(p, "recidive_jaren")?
                } else {
                    waarde(p, "recidive_jaren_gevangenisstraf")?
                };
                let g = b.percentage(rp, BOETE);
                s.push(stap(
                    format!("U kreeg in de {jaren} jaar hiervoor al een boete voor hetzelfde. Daarom rekenen wij met 150% van het bedrag: {g}."),
                    format!("{} x {b} = {g}", rp / 100),
                    format!("{}; {}; {BB} art. 2, zesde lid", wr.verwijzing(), wj.verwijzing()),
                ));
                g
            }
        };
        let (sleutel, lid, woord) = match invoer.verwijtbaarheid {
            Verwijtbaarheid::Opzet => ("procent_opzet", "tweede", "u het met opzet deed"),
            Verwijtbaarheid::GroveSchuld => (
                "procent_grove_schuld",
                "derde",
                "er sprake is van grove schuld",
            ),
            Verwijtbaarheid::Geen => (
                "procent_normaal",
                "vierde",
                "er geen opzet of grove schuld was",
            ),
            Verwijtbaarheid::Verminderd => (
                "procent_verminderd",
                "vijfde",
                "u het minder te verwijten valt",
            ),
        };
        let (pr, wp) = waarde(p, sleutel)?;
        let mut bedrag = grondslag.percentage(pr, BOETE);
        s.push(stap(
            format!(
                "Omdat {woord}, is de boete {}% van {grondslag}: {bedrag}.",
                pr / 100
            ),
            format!("{}% x {grondslag} = {bedrag}", pr / 100),
            format!("{}; {BB} art. 2, {lid} lid", wp.verwijzing()),
        ));
        // Boetebesluit art. 2-7: without opzet or grove schuld the boete is
        // at most 50/75 (25/75) of the third category.
        if matches!(
            invoer.verwijtbaarheid,
            Verwijtbaarheid::Geen | Verwijtbaarheid::Verminderd
        ) {
            let (cat3, w3) = waarde(p, "categorie_3")?;
            let teller = if invoer.verwijtbaarheid == Verwijtbaarheid::Geen {
                50
            } else {
                25
            };
            let onderdeel = if teller == 50 { "a" } else { "b" };
            if grondslag.cents() * 75 > cat3 * 100 {
                bedrag = Money::from_cents(cat3).mul_ratio(teller, 75, BOETE);
                s.push(stap(
                    format!("De boete is hoger dan de wet toestaat. Wij verlagen haar tot {bedrag}."),
                    format!("{grondslag} > 100/75 x derde categorie {}; boete = {teller}/75 x {} = {bedrag}", Money::from_cents(cat3), Money::from_cents(cat3)),
                    format!("{BB} art. 2, zevende lid, onderdeel {onderdeel}; {}", w3.verwijzing()),
                ));
            }
        }
        // Art. 18a-1 and -5: at most the benadelingsbedrag (150% on recidive).
        let max = grondslag;
        if bedrag > max {
            bedrag = max;
        }
        s.push(stap(
            "Een medewerker kijkt of de boete past bij uw situatie en beslist. U mag eerst uw kant vertellen.",
            format!("voorstel {bedrag}; ten hoogste {max}; lager als dat nodig is voor een evenredige boete"),
            format!("{PW} art. 18a, eerste en vijfde lid (BWBR0015703); {BB} art. 2, achtste tot en met tiende lid (BWBR0011708)"),
        ));
        Ok(Boete {
            uitkomst: BoeteUitkomst::Boete { bedrag },
            stappen: s,
        })
    }
}

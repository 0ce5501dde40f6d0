//! What the resident answered beside what the registers say, for the
//! pre-assessment. Where a register knows a figure the calculation uses it
//! (UWV's wages of ongoing work); every difference is a point for the
//! caseworker to check. Nothing here decides: the caseworker does.

use crate::registers::{BrpHuishouden, volledige_naam};
use crate::uwv_loon::loon_in_maand;
use chrono::NaiveDate;
use gbi_domain::{Maand, Money};
use gbi_registers::suwinet::uwv::Inkomstenverhouding;
use gbi_store::werk::StoredSnapshot;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One subject, as the resident gave it and as a register knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vergelijking {
    pub onderwerp: String,
    /// What the resident answered, in words.
    pub inwoner: String,
    /// What the register says, in words.
    pub register: String,
    /// The register, e.g. "UWV (polisadministratie)".
    pub bron: String,
    /// The two differ: a point to check.
    pub verschilt: bool,
}

/// The wages of ongoing employment as UWV knows them, for the latest month
/// it has wages for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLoon {
    pub maand: Maand,
    /// Loon voor de loonheffing minus ingehouden loonheffing.
    pub netto: Money,
    /// Brutoloon SV, where UWV gives it.
    pub bruto: Money,
    pub werkgevers: Vec<String>,
}

/// The data of the newest snapshot of `bron`, when the register found the person.
pub(crate) fn snapshot<'a>(snapshots: &'a [StoredSnapshot], bron: &str) -> Option<&'a Value> {
    snapshots
        .iter()
        .rev()
        .find(|s| s.bron == bron)
        .filter(|s| s.inhoud.get("gevonden").and_then(Value::as_bool) == Some(true))
        .and_then(|s| s.inhoud.get("gegevens"))
}

fn is_dienstbetrekking(ikv: &Inkomstenverhouding) -> bool {
    ikv.inkomstenperioden
        .iter()
        .all(|p| p.soort.as_deref().is_none_or(|s| s == "11"))
}

/// The UWV income relations in the snapshots (none when UWV gave none).
pub fn uwv_relaties(snapshots: &[StoredSnapshot]) -> Vec<Inkomstenverhouding> {
    snapshot(snapshots, "uwv")
        .cloned()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

/// UWV's wages of employment that still runs on `peildatum`.
pub fn lopend_loon(ikvs: &[Inkomstenverhouding], peildatum: NaiveDate) -> Option<RegisterLoon> {
    let lopend: Vec<Inkomstenverhouding> = ikvs
        .iter()
        .filter(|i| is_dienstbetrekking(i))
        .filter(|i| i.einddatum.is_none_or(|e| e >= peildatum))
        .cloned()
        .collect();
    let maand = lopend
        .iter()
        .flat_map(|i| i.perioden.iter())
        .filter_map(|p| p.van)
        .filter(|d| *d <= peildatum)
        .map(Maand::of)
        .max()?;
    let netto = loon_in_maand(&lopend, maand).arbeid;
    let bruto: i64 = lopend
        .iter()
        .flat_map(|i| i.perioden.iter())
        .filter(|p| p.van.is_some_and(|d| Maand::of(d) == maand))
        .filter_map(|p| p.brutoloon_sv_cents.or(p.loon_cents))
        .sum();
    let werkgevers = lopend.iter().filter_map(|i| i.werkgever.clone()).collect();
    (netto.cents() > 0).then_some(RegisterLoon {
        maand,
        netto,
        bruto: Money::from_cents(bruto),
        werkgevers,
    })
}

fn antwoord<'a>(a: &'a Value, veld: &str) -> Option<&'a str> {
    a.get(veld).and_then(Value::as_str)
}

fn bedrag(a: &Value, veld: &str) -> Option<Money> {
    antwoord(a, veld).and_then(|s| Money::parse_euros(s).ok())
}

/// The comparisons and the wage the calculation should use: UWV's net wage
/// of ongoing work when UWV knows it, else `None` (the resident's answer).
pub fn vergelijk(
    antwoorden: &Value,
    snapshots: &[StoredSnapshot],
    brp: &BrpHuishouden,
    peildatum: NaiveDate,
) -> (Vec<Vergelijking>, Option<Money>) {
    let mut lijst = Vec::new();
    // Work and wages (art. 31-32: the net income counts).
    let werkt = antwoord(antwoorden, "heeft_werk") == Some("ja");
    let opgegeven = if werkt {
        bedrag(antwoorden, "verwacht_inkomen").unwrap_or(Money::ZERO)
    } else {
        Money::ZERO
    };
    let inwoner = if werkt {
        format!("werkt, ongeveer {opgegeven} netto per maand")
    } else {
        "werkt niet".to_owned()
    };
    let ikvs = uwv_relaties(snapshots);
    let loon = lopend_loon(&ikvs, peildatum);
    match &loon {
        Some(l) => {
            let verschil = (l.netto.cents() - opgegeven.cents()).abs();
            lijst.push(Vergelijking {
                onderwerp: "Loon per maand".into(),
                inwoner,
                register: format!(
                    "lopend werk bij {}: {} netto ({} bruto) in {}",
                    if l.werkgevers.is_empty() {
                        "een werkgever".to_owned()
                    } else {
                        l.werkgevers.join(", ")
                    },
                    l.netto,
                    l.bruto,
                    l.maand.dutch_name()
                ),
                bron: "UWV (polisadministratie)".into(),
                verschilt: !werkt || verschil > 100,
            });
        }
        None => {
            let beeindigd: Vec<String> = ikvs
                .iter()
                .filter(|i| is_dienstbetrekking(i))
                .filter_map(|i| {
                    i.einddatum.filter(|e| *e < peildatum).map(|e| {
                        format!(
                            "{} tot {}",
                            i.werkgever
                                .clone()
                                .unwrap_or_else(|| "een werkgever".into()),
                            gbi_domain::date::dutch_date(e)
                        )
                    })
                })
                .collect();
            let register = if beeindigd.is_empty() {
                "geen lopend werk bekend".to_owned()
            } else {
                format!("geen lopend werk; eerder werk bij {}", beeindigd.join(", "))
            };
            lijst.push(Vergelijking {
                onderwerp: "Loon per maand".into(),
                inwoner,
                register,
                bron: "UWV (polisadministratie)".into(),
                verschilt: werkt,
            });
        }
    }
    // Partner (art. 3): the BRP's partner beside the answer.
    let brp_partner = brp
        .persoon
        .partners
        .iter()
        .find(|x| x.ontbinding.is_none())
        .map(|x| volledige_naam(&x.persoon.naam));
    if let Some(keuze) = antwoord(antwoorden, "partner_werk") {
        let zegt_partner = keuze != "geen_partner";
        lijst.push(Vergelijking {
            onderwerp: "Partner".into(),
            inwoner: if zegt_partner {
                "heeft een partner".into()
            } else {
                "geen partner".into()
            },
            register: brp_partner
                .clone()
                .map(|n| format!("partner: {n}"))
                .unwrap_or_else(|| "geen partner".into()),
            bron: "BRP".into(),
            verschilt: zegt_partner != brp_partner.is_some(),
        });
    }
    // Housing: a koophuis beside the Kadaster.
    let kadaster = snapshot(snapshots, "kadaster")
        .and_then(|g| g.get("onroerende_zaken"))
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if let Some(woont) = antwoord(antwoorden, "woonsituatie") {
        let koop = woont == "koop";
        lijst.push(Vergelijking {
            onderwerp: "Eigen huis".into(),
            inwoner: if koop {
                "woont in een koophuis".into()
            } else {
                "geen koophuis".into()
            },
            register: if kadaster > 0 {
                format!("{kadaster} onroerende zaak/zaken op naam")
            } else {
                "geen onroerend goed op naam".into()
            },
            bron: "Kadaster".into(),
            verschilt: koop != (kadaster > 0),
        });
    }
    let werk_register = loon.map(|l| l.netto);
    (lijst, werk_register)
}

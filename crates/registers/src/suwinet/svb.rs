//! SVB: SVBDossierPersoonGSD / SVBPersoonsInfo — benefits paid by the SVB
//! (AOW, ANW, kinderbijslag (AKW), AIO, …).

use super::envelope::{Node, Operatie};
use super::xml::Element;
use crate::error::RegisterError;
use crate::herkomst::Bron;
use chrono::NaiveDate;
use gbi_domain::Bsn;
use serde::{Deserialize, Serialize};

pub const OPERATIE: Operatie = Operatie {
    bron: Bron::Svb,
    dienst: "SVBDossierPersoonGSD",
    namespace: "http://bkwi.nl/SuwiML/Diensten/SVBDossierPersoonGSD/v0200",
    xsd_dir: "SVBDossierPersoonGSD/Diensten/SVBDossierPersoonGSD/v0200-b01",
    element: "SVBPersoonsInfo",
    action: "http://bkwi.nl/SuwiML/Diensten/SVBDossierPersoonGSD-v0200/SVBPersoonsInfo",
    soap_action: "",
};

/// One benefit relation with the SVB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SvbUitkering {
    /// CdSzWet: the law, e.g. `AOW`, `ANW`, `AKW` (kinderbijslag), `AIO`.
    pub wet: Option<String>,
    pub van: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
    pub perioden: Vec<SvbUitkeringsperiode>,
}

impl SvbUitkering {
    pub fn is_kinderbijslag(&self) -> bool {
        self.wet.as_deref() == Some("AKW")
    }
    pub fn is_aow(&self) -> bool {
        self.wet.as_deref().is_some_and(|w| w.starts_with("AOW"))
    }
}

/// Amounts paid over one period, in eurocents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SvbUitkeringsperiode {
    pub van: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
    pub bruto_cents: Option<i64>,
    pub netto_cents: Option<i64>,
    /// CdUitkeringsperiode of the amounts (e.g. 6 = maand).
    pub periode_eenheid: Option<String>,
}

pub fn verzoek(bsn: &Bsn) -> Vec<Node> {
    vec![Node::Leaf("Burgerservicenr", bsn.as_str().to_owned())]
}

pub fn lees(clients: &[Element]) -> Result<Vec<SvbUitkering>, RegisterError> {
    Ok(clients
        .iter()
        .flat_map(|c| c.all("Uitkeringsverhouding"))
        .map(|u| SvbUitkering {
            wet: u.text_at(&["SzWet", "CdSzWet"]),
            van: u.date_at(&["DatBUitkeringsverhouding"]),
            tot: u.date_at(&["DatEUitkeringsverhouding"]),
            perioden: u
                .all("Uitkeringsperiode")
                .map(|p| SvbUitkeringsperiode {
                    van: p.date_at(&["DatBUitkeringsperiode"]),
                    tot: p.date_at(&["DatEUitkeringsperiode"]),
                    bruto_cents: p.cents_at(&["BrutoUitkeringsbedr"]),
                    netto_cents: p.cents_at(&["NettoUitkeringsbedr"]),
                    periode_eenheid: p
                        .text_at(&["BrutoUitkeringsbedr", "CdUitkeringsperiode"])
                        .or_else(|| p.text_at(&["NettoUitkeringsbedr", "CdUitkeringsperiode"])),
                })
                .collect(),
        })
        .collect())
}

//! DUO: DUODossierStudiefinancieringGSD / DUOStudiefinancieringInfo.

use super::envelope::{Node, Operatie};
use super::xml::Element;
use crate::error::RegisterError;
use crate::herkomst::Bron;
use chrono::NaiveDate;
use gbi_domain::Bsn;
use serde::{Deserialize, Serialize};

pub const OPERATIE: Operatie = Operatie {
    bron: Bron::Duo,
    dienst: "DUODossierStudiefinancieringGSD",
    namespace: "http://bkwi.nl/SuwiML/Diensten/DUODossierStudiefinancieringGSD/v0200",
    xsd_dir: "DUODossierStudiefinancieringGSD/Diensten/DUODossierStudiefinancieringGSD/v0200-b01",
    element: "DUOStudiefinancieringInfo",
    action: "http://bkwi.nl/SuwiML/Diensten/DUODossierStudiefinancieringGSD-v0200/DUOStudiefinancieringInfo",
    soap_action: "",
};

/// Student finance awarded per period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Studiefinanciering {
    pub toekenningen: Vec<Toekenningsperiode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toekenningsperiode {
    pub van: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
    /// CdToekenningBasisbeursStufi (e.g. 0 = geen, 1 = thuiswonend, 3 = uitwonend).
    pub basisbeurs: Option<String>,
    pub aanvullende_beurs: Option<bool>,
    pub status_partnertoeslag: Option<String>,
    pub status_eenoudertoeslag: Option<String>,
}

pub fn verzoek(bsn: &Bsn) -> Vec<Node> {
    vec![Node::Leaf("Burgerservicenr", bsn.as_str().to_owned())]
}

pub fn lees(clients: &[Element]) -> Result<Studiefinanciering, RegisterError> {
    Ok(Studiefinanciering {
        toekenningen: clients
            .iter()
            .flat_map(|c| c.all("Studiefinanciering"))
            .map(|s| Toekenningsperiode {
                van: s.date_at(&["DatBToekenningsperiodeStufi"]),
                tot: s.date_at(&["DatEToekenningsperiodeStufi"]),
                basisbeurs: s.text_at(&["CdToekenningBasisbeursStufi"]),
                aanvullende_beurs: s.ind_at(&["IndAanvullendeBeursStufi"]),
                status_partnertoeslag: s.text_at(&["CdStatusPartnertoeslagStufi"]),
                status_eenoudertoeslag: s.text_at(&["CdStatusEenOudertoeslagStufi"]),
            })
            .collect(),
    })
}

//! RDW: RDWDossierGSD — vehicles a person is liable for
//! (VoertuigbezitInfoPersoon) and the details of one vehicle (KentekenInfo).

use super::envelope::{Node, Operatie};
use super::sdatum;
use super::xml::Element;
use crate::error::RegisterError;
use crate::herkomst::Bron;
use chrono::NaiveDate;
use gbi_domain::Bsn;
use serde::{Deserialize, Serialize};

const NAMESPACE: &str = "http://bkwi.nl/SuwiML/Diensten/RDWDossierGSD/v0200";
const XSD_DIR: &str = "RDWDossierGSD/Diensten/RDWDossierGSD/v0200-b02";

pub const OPERATIE_VOERTUIGBEZIT: Operatie = Operatie {
    bron: Bron::Rdw,
    dienst: "RDWDossierGSD",
    namespace: NAMESPACE,
    xsd_dir: XSD_DIR,
    element: "VoertuigbezitInfoPersoon",
    action: "http://bkwi.nl/SuwiML/Diensten/RDWDossierGSD-v0200/VoertuigbezitInfoPersoon",
    soap_action: "",
};

pub const OPERATIE_KENTEKEN: Operatie = Operatie {
    bron: Bron::Rdw,
    dienst: "RDWDossierGSD",
    namespace: NAMESPACE,
    xsd_dir: XSD_DIR,
    element: "KentekenInfo",
    action: "http://bkwi.nl/SuwiML/Diensten/RDWDossierGSD-v0200/KentekenInfo",
    soap_action: "",
};

/// A vehicle a person is (or was) liable for (aansprakelijke).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voertuigbezit {
    pub kenteken: String,
    pub aansprakelijk_vanaf: Option<NaiveDate>,
    pub aansprakelijk_tot: Option<NaiveDate>,
    pub statussen: Vec<VoertuigStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoertuigStatus {
    pub code: Option<String>,
    pub van: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
}

/// Details of one vehicle (KentekenInfo). Amounts in eurocents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voertuig {
    pub kenteken: String,
    pub merk: Option<String>,
    pub handelsbenaming: Option<String>,
    /// CdSrtVoertuig, e.g. `P` = personenauto.
    pub soort: Option<String>,
    pub kleur: Option<String>,
    /// First admission anywhere (DatEersteInschrijvingVoertuigInt).
    pub datum_eerste_toelating: Option<NaiveDate>,
    /// First registration in the Netherlands.
    pub datum_eerste_inschrijving_nl: Option<NaiveDate>,
    pub bpm_cents: Option<i64>,
    pub apk_geldig_tot: Option<NaiveDate>,
    pub aansprakelijk_vanaf: Option<NaiveDate>,
    pub aansprakelijk_tot: Option<NaiveDate>,
}

/// Request nodes for VoertuigbezitInfoPersoon: BSN and the liability period.
pub fn verzoek_voertuigbezit(bsn: &Bsn, van: NaiveDate, tot: Option<NaiveDate>) -> Vec<Node> {
    let mut nodes = vec![
        Node::Leaf("Burgerservicenr", bsn.as_str().to_owned()),
        Node::Leaf("DatBPeilperiodeAansprakelijkheid", sdatum(van)),
    ];
    if let Some(tot) = tot {
        nodes.push(Node::Leaf("DatEPeilperiodeAansprakelijkheid", sdatum(tot)));
    }
    nodes
}

/// Longest kenteken the XSD allows (`KentekenVoertuig` is `sml:NummerAN6`).
pub const KENTEKEN_MAX: usize = 6;

/// Request nodes for KentekenInfo. The kenteken is normalised (upper case,
/// no dashes) and must then fit the XSD (1 to 6 characters); otherwise the
/// request is refused here and nothing is sent.
pub fn verzoek_kenteken(kenteken: &str) -> Result<Vec<Node>, RegisterError> {
    let k = normaliseer_kenteken(kenteken);
    if k.is_empty() || k.chars().count() > KENTEKEN_MAX {
        return Err(RegisterError::Rejected {
            bron: Bron::Rdw,
            status: None,
            code: Some("KentekenOngeldig".into()),
            message: format!(
                "kenteken {kenteken:?} past niet in KentekenVoertuig (1 tot {KENTEKEN_MAX} letters en cijfers); niet verstuurd"
            ),
            details: vec![],
        });
    }
    Ok(vec![Node::Leaf("KentekenVoertuig", k)])
}

pub fn normaliseer_kenteken(kenteken: &str) -> String {
    kenteken
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

pub fn lees_voertuigbezit(clients: &[Element]) -> Result<Vec<Voertuigbezit>, RegisterError> {
    let mut out = Vec::new();
    for a in clients.iter().flat_map(|c| c.all("Aansprakelijke")) {
        let Some(v) = a.child("Voertuig") else {
            continue;
        };
        let kenteken = v
            .text_at(&["KentekenVoertuig"])
            .ok_or_else(|| RegisterError::invalid(Bron::Rdw, "Voertuig zonder KentekenVoertuig"))?;
        out.push(Voertuigbezit {
            kenteken,
            aansprakelijk_vanaf: a.date_at(&["DatRegistratieAansprakelijkheid"]),
            aansprakelijk_tot: a.date_at(&["DatEAansprakelijkheid"]),
            statussen: v
                .all("StatusVoertuig")
                .map(|s| VoertuigStatus {
                    code: s.text_at(&["CdStatusVoertuig"]),
                    van: s.date_at(&["DatBStatusVoertuig"]),
                    tot: s.date_at(&["DatEStatusVoertuig"]),
                })
                .collect(),
        });
    }
    Ok(out)
}

/// The vehicle in a KentekenInfo answer, with the most recent liability.
pub fn lees_kenteken(clients: &[Element]) -> Result<Voertuig, RegisterError> {
    let (a, v) = clients
        .iter()
        .flat_map(|c| c.all("Aansprakelijke"))
        .filter_map(|a| a.child("Voertuig").map(|v| (a, v)))
        .max_by_key(|(a, _)| a.date_at(&["DatRegistratieAansprakelijkheid"]))
        .ok_or_else(|| RegisterError::invalid(Bron::Rdw, "KentekenInfo zonder Voertuig"))?;
    Ok(Voertuig {
        kenteken: v
            .text_at(&["KentekenVoertuig"])
            .ok_or_else(|| RegisterError::invalid(Bron::Rdw, "Voertuig zonder KentekenVoertuig"))?,
        merk: v.text_at(&["MerkVoertuig"]),
        handelsbenaming: v.text_at(&["TypeVoertuig"]),
        soort: v.text_at(&["CdSrtVoertuig"]),
        kleur: v.text_at(&["HoofdkleurVoertuig"]),
        datum_eerste_toelating: v
            .date_at(&["DatEersteInschrijvingVoertuigInt"])
            .or_else(|| v.date_at(&["DatEersteInschrijvingVoertuigNat"])),
        datum_eerste_inschrijving_nl: v.date_at(&["DatEersteInschrijvingVoertuigNat"]),
        bpm_cents: v.cents_at(&["BedrBpm"]),
        apk_geldig_tot: v.date_at(&["Keuring", "DatEGeldigheidApk"]),
        aansprakelijk_vanaf: a.date_at(&["DatRegistratieAansprakelijkheid"]),
        aansprakelijk_tot: a.date_at(&["DatEAansprakelijkheid"]),
    })
}

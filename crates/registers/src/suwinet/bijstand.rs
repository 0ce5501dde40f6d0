//! Bijstandsregelingen v0500 / BijstandsregelingenInfo — applications,
//! benefits, claims and special assistance at (other) municipalities.

use super::envelope::{Node, Operatie};
use super::xml::Element;
use crate::error::RegisterError;
use crate::herkomst::Bron;
use chrono::NaiveDate;
use gbi_domain::Bsn;
use serde::{Deserialize, Serialize};

pub const OPERATIE: Operatie = Operatie {
    bron: Bron::Bijstandsregelingen,
    dienst: "Bijstandsregelingen",
    namespace: "http://bkwi.nl/SuwiML/Diensten/Bijstandsregelingen/v0500",
    xsd_dir: "Bijstandsregelingen/Diensten/Bijstandsregelingen/v0500-b04",
    element: "BijstandsregelingenInfo",
    action: "http://bkwi.nl/SuwiML/Diensten/Bijstandsregelingen-v0500/BijstandsregelingenInfo",
    soap_action: "",
};

/// Everything Bijstandsregelingen knows about a person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bijstandsregelingen {
    pub aanvragen: Vec<Aanvraag>,
    pub uitkeringen: Vec<Bijstandsregeling>,
    pub vorderingen: Vec<Vordering>,
    pub bijzondere_bijstand: Vec<BijzondereBijstand>,
}

/// Which organisation (municipality) holds the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuwiBron {
    pub kolom: Option<String>,
    pub partij: Option<String>,
    pub vestiging: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aanvraag {
    pub datum: Option<NaiveDate>,
    pub wet: Option<String>,
    pub beslissing: Option<String>,
    pub beslist_op: Option<NaiveDate>,
    pub partner_bsn: Option<String>,
    pub bron: Option<SuwiBron>,
}

/// A benefit relation (uitkeringsverhouding) under a social-security law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bijstandsregeling {
    pub wet: Option<String>,
    pub van: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
    pub aantal_kostendelers: Option<u32>,
    pub partner_bsn: Option<String>,
    pub bron: Option<SuwiBron>,
}

/// A claim (vordering), amounts in eurocents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vordering {
    pub identificatie: Option<String>,
    pub besluit_op: Option<NaiveDate>,
    pub reden: Option<String>,
    pub aanvang_cents: Option<i64>,
    pub saldo_cents: Option<i64>,
    pub status: Option<String>,
    pub onherroepelijk_op: Option<NaiveDate>,
    pub wet: Option<String>,
    pub fraude: bool,
    pub bron: Option<SuwiBron>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BijzondereBijstand {
    pub cluster: Option<String>,
    pub omschrijving: Option<String>,
    pub betaalbaar_op: Option<NaiveDate>,
    pub wet: Option<String>,
    pub bron: Option<SuwiBron>,
}

pub fn verzoek(bsn: &Bsn) -> Vec<Node> {
    vec![Node::Leaf("Burgerservicenr", bsn.as_str().to_owned())]
}

fn bron(el: &Element) -> Option<SuwiBron> {
    el.child("Bron").map(|b| SuwiBron {
        kolom: b.text_at(&["CdKolomSuwi"]),
        partij: b.text_at(&["CdPartijSuwi"]),
        vestiging: b.text_at(&["CdVestigingSuwi"]),
    })
}

pub fn lees(clients: &[Element]) -> Result<Bijstandsregelingen, RegisterError> {
    let mut out = Bijstandsregelingen::default();
    for c in clients {
        out.aanvragen
            .extend(c.all("AanvraagUitkering").map(|a| Aanvraag {
                datum: a.date_at(&["DatAanvraagUitkering"]),
                wet: a.text_at(&["SzWet", "CdSzWet"]),
                beslissing: a.text_at(&[
                    "BeslissingOpAanvraagUitkering",
                    "CdBeslissingOpAanvraagUitkering",
                ]),
                beslist_op: a.date_at(&[
                    "BeslissingOpAanvraagUitkering",
                    "DatDagtekeningBeslisOpAanvrUitk",
                ]),
                partner_bsn: a.text_at(&["PartnerAanvraagUitkering", "Burgerservicenr"]),
                bron: bron(a),
            }));
        out.uitkeringen
            .extend(c.all("Uitkeringsverhouding").map(|u| {
                Bijstandsregeling {
                    wet: u.text_at(&["SzWet", "CdSzWet"]),
                    van: u.date_at(&["DatBUitkeringsverhouding"]),
                    tot: u.date_at(&["DatEUitkeringsverhouding"]),
                    aantal_kostendelers: u
                        .text_at(&["SpecifiekeGegevensBijstandUitk", "AantKostendelers"])
                        .and_then(|s| s.parse().ok()),
                    partner_bsn: u.text_at(&["PartnerUitkeringsverhouding", "Burgerservicenr"]),
                    bron: bron(u),
                }
            }));
        out.vorderingen
            .extend(c.all("Vordering").map(|v| Vordering {
                identificatie: v.text_at(&["IdentificatienrVordering"]),
                besluit_op: v.date_at(&["DatBesluitVordering"]),
                reden: v.text_at(&["CdRedenVordering"]),
                aanvang_cents: v.cents_at(&["BedrAanvangVordering"]),
                saldo_cents: v.cents_at(&["BedrSaldoVordering"]),
                status: v.text_at(&["CdStatusVordering"]),
                onherroepelijk_op: v.date_at(&["DatOnherroepelijkVordering"]),
                wet: v.text_at(&["SzWet", "CdSzWet"]),
                fraude: v.child("Fraude").is_some(),
                bron: bron(v),
            }));
        out.bijzondere_bijstand
            .extend(
                c.all("SpecifiekeGegevensBijzBijstand")
                    .map(|b| BijzondereBijstand {
                        cluster: b.text_at(&["CdClusterBijzBijstand"]),
                        omschrijving: b.text_at(&["OmsSrtKostenBijzBijstand"]),
                        betaalbaar_op: b.date_at(&["DatBetaalbaarBijzBijstand"]),
                        wet: b.text_at(&["SzWet", "CdSzWet"]),
                        bron: bron(b),
                    }),
            );
    }
    Ok(out)
}

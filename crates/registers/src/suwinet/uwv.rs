//! UWV: UWVDossierInkomstenGSD / UWVPersoonsIkvInfo — income relations and
//! wages per period from the polisadministratie.

use super::envelope::{Node, Operatie};
use super::xml::Element;
use super::{Periode, sdatum};
use crate::error::RegisterError;
use crate::herkomst::Bron;
use chrono::NaiveDate;
use gbi_domain::Bsn;
use serde::{Deserialize, Serialize};

pub const OPERATIE: Operatie = Operatie {
    bron: Bron::Uwv,
    dienst: "UWVDossierInkomstenGSD",
    namespace: "http://bkwi.nl/SuwiML/Diensten/UWVDossierInkomstenGSD/v0200",
    xsd_dir: "UWVDossierInkomstenGSD/Diensten/UWVDossierInkomstenGSD/v0200-b02",
    element: "UWVPersoonsIkvInfo",
    action: "http://bkwi.nl/SuwiML/Diensten/UWVDossierInkomstenGSD-v0200/UWVPersoonsIkvInfo",
    soap_action: "",
};

/// An income relation (inkomstenverhouding) with an employer or benefit payer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inkomstenverhouding {
    pub volgnummer: Option<u32>,
    /// Name of the legal person, or of the administrative unit when that is all there is.
    pub werkgever: Option<String>,
    pub loonheffingennummer: Option<String>,
    pub begindatum: Option<NaiveDate>,
    pub einddatum: Option<NaiveDate>,
    /// Periods with the kind of relation (CdSrtIkv, e.g. 11 = dienstbetrekking, 40 = uitkering).
    pub inkomstenperioden: Vec<Inkomstenperiode>,
    /// Wages per declaration period (inkomstenopgave).
    pub perioden: Vec<Loonperiode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inkomstenperiode {
    pub van: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
    /// CdSrtIkv: soort inkomstenverhouding.
    pub soort: Option<String>,
    /// CdAardIkv: aard arbeidsverhouding.
    pub aard: Option<String>,
    pub type_arbeidscontract: Option<String>,
    pub loonheffingskorting_toegepast: Option<bool>,
}

/// Wages over one declaration period. Amounts in eurocents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loonperiode {
    pub van: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
    /// Fiscal wage (loon voor loonheffing / premie volksverzekeringen).
    pub loon_cents: Option<i64>,
    /// Gross wage for social insurance (brutoloon SV).
    pub brutoloon_sv_cents: Option<i64>,
    pub ingehouden_loonheffing_cents: Option<i64>,
    pub vakantietoeslag_cents: Option<i64>,
    pub opgebouwd_recht_vakantietoeslag_cents: Option<i64>,
    pub extra_periodesalaris_cents: Option<i64>,
    pub reiskosten_onbelast_cents: Option<i64>,
    pub verloonde_uren: Option<u32>,
    pub sv_dagen: Option<u32>,
}

/// Request nodes: BSN and an optional period (PeriodeGegevensvraagIko).
pub fn verzoek(bsn: &Bsn, periode: Option<&Periode>) -> Vec<Node> {
    let mut nodes = vec![Node::Leaf("Burgerservicenr", bsn.as_str().to_owned())];
    if let Some(p) = periode {
        nodes.push(Node::Group(
            "PeriodeGegevensvraagIko",
            vec![
                Node::Leaf("DatBPeriode", sdatum(p.van)),
                Node::Leaf("DatEPeriode", sdatum(p.tot)),
            ],
        ));
    }
    nodes
}

/// All income relations in the `ClientSuwi` elements of an answer.
pub fn lees(clients: &[Element]) -> Result<Vec<Inkomstenverhouding>, RegisterError> {
    Ok(clients
        .iter()
        .flat_map(|c| c.all("Inkomstenverhouding"))
        .map(inkomstenverhouding)
        .collect())
}

fn inkomstenverhouding(ikv: &Element) -> Inkomstenverhouding {
    let aeh = ikv.child("AdministratieveEenheid");
    let werkgever = aeh.and_then(|a| {
        a.text_at(&["RechtspersoonAdministratieveEenh", "NaamRechtspersoon"])
            .or_else(|| a.text_at(&["NaamAdministratieveEenheid"]))
    });
    Inkomstenverhouding {
        volgnummer: ikv.text_at(&["VolgnrIkv"]).and_then(|s| s.parse().ok()),
        werkgever,
        loonheffingennummer: aeh.and_then(|a| a.text_at(&["Loonheffingennr"])),
        begindatum: ikv.date_at(&["DatBIkv"]),
        einddatum: ikv.date_at(&["DatEIkv"]),
        inkomstenperioden: ikv
            .all("Inkomstenperiode")
            .map(|p| Inkomstenperiode {
                van: p.date_at(&["DatBIkp"]),
                tot: p.date_at(&["DatEIkp"]),
                soort: p.text_at(&["CdSrtIkv"]),
                aard: p.text_at(&["CdAardIkv"]),
                type_arbeidscontract: p.text_at(&["CdTypeArbeidscontract"]),
                loonheffingskorting_toegepast: p.ind_at(&["IndLoonheffingskortingToegepast"]),
            })
            .collect(),
        perioden: ikv
            .all("Inkomstenopgave")
            .map(|o| Loonperiode {
                van: o.date_at(&["DatBIko"]),
                tot: o.date_at(&["DatEIko"]),
                loon_cents: o.cents_at(&["BedrLoonLbPremieVolksverz"]),
                brutoloon_sv_cents: o.cents_at(&["BedrBrutoloonSv"]),
                ingehouden_loonheffing_cents: o.cents_at(&["BedrIngehoudenLbPremieVolksverz"]),
                vakantietoeslag_cents: o.cents_at(&["BedrVakantietoeslag"]),
                opgebouwd_recht_vakantietoeslag_cents: o
                    .cents_at(&["BedrOpgbRechtVakantietoeslag"]),
                extra_periodesalaris_cents: o.cents_at(&["BedrExtraPrdSalaris"]),
                reiskosten_onbelast_cents: o.cents_at(&["BedrVergoedingReiskostenOnbelast"]),
                verloonde_uren: o
                    .text_at(&["AantVerloondeUrenIko"])
                    .and_then(|s| s.parse().ok()),
                sv_dagen: o.text_at(&["AantSvDagenIko"]).and_then(|s| s.parse().ok()),
            })
            .collect(),
    }
}

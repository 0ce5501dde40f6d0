//! Kadaster: KadasterDossierGSD / PersoonsInfo — real estate a person has rights to.

use super::SuwiAdres;
use super::envelope::{Node, Operatie};
use super::xml::Element;
use crate::error::RegisterError;
use crate::herkomst::Bron;
use chrono::NaiveDate;
use gbi_domain::Bsn;
use serde::{Deserialize, Serialize};

pub const OPERATIE: Operatie = Operatie {
    bron: Bron::Kadaster,
    dienst: "KadasterDossierGSD",
    namespace: "http://bkwi.nl/SuwiML/Diensten/KadasterDossierGSD/v0300",
    xsd_dir: "KadasterDossierGSD/Diensten/KadasterDossierGSD/v0300-b02",
    element: "PersoonsInfo",
    action: "http://bkwi.nl/SuwiML/Diensten/KadasterDossierGSD-v0300/PersoonsInfo",
    soap_action: "",
};

/// The Kadaster's answer for a person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KadasterPersoon {
    /// The moment the Kadaster data reflects (DatToestandKadaster).
    pub peildatum: Option<NaiveDate>,
    pub onroerende_zaken: Vec<Onroerendgoed>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KadastraleAanduiding {
    pub gemeentecode: Option<String>,
    pub gemeentenaam: Option<String>,
    pub sectie: Option<String>,
    pub perceelnummer: Option<String>,
    pub appartementsrecht_volgnummer: Option<String>,
}

/// One piece of real estate (onroerende zaak). Amounts in eurocents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Onroerendgoed {
    pub kadastrale_aanduiding: Option<KadastraleAanduiding>,
    /// CdTypeOnroerendeZaak: `P` perceel, `A` appartementsrecht.
    pub soort: Option<String>,
    pub omschrijving: Option<String>,
    /// The right held, e.g. "Eigendom (recht van)".
    pub zakelijk_recht: Option<String>,
    pub adres: Option<SuwiAdres>,
    pub ontstaan_op: Option<NaiveDate>,
    pub meer_gerechtigden: Option<bool>,
    pub koopsom_cents: Option<i64>,
    pub jaar_aankoop: Option<i32>,
}

pub fn verzoek(bsn: &Bsn) -> Vec<Node> {
    vec![Node::Leaf("Burgerservicenr", bsn.as_str().to_owned())]
}

pub fn lees(clients: &[Element]) -> Result<KadasterPersoon, RegisterError> {
    let mut out = KadasterPersoon::default();
    for c in clients {
        out.peildatum = out
            .peildatum
            .or_else(|| c.date_at(&["DatToestandKadaster"]));
        for oz in c.all("Eigendom").flat_map(|e| e.all("OnroerendeZaak")) {
            out.onroerende_zaken.push(onroerendgoed(oz));
        }
    }
    Ok(out)
}

fn onroerendgoed(oz: &Element) -> Onroerendgoed {
    let koop = oz.find("BedrKoopsom");
    Onroerendgoed {
        kadastrale_aanduiding: oz
            .child("KadastraleAanduiding")
            .map(|k| KadastraleAanduiding {
                gemeentecode: k.text_at(&["CdKadastraleGemeente"]),
                gemeentenaam: k.text_at(&["KadastraleGemeentenaam"]),
                sectie: k.text_at(&["KadastraleSectie"]),
                perceelnummer: k.text_at(&["KadastraalPerceelnr"]),
                appartementsrecht_volgnummer: k.text_at(&["VolgnrKadastraalAppartementsrecht"]),
            }),
        soort: oz.text_at(&["CdTypeOnroerendeZaak"]),
        omschrijving: oz.text_at(&["OmsKadastraalObject"]),
        zakelijk_recht: oz.text_at(&["ZakelijkRecht", "OmsZakelijkRecht"]),
        adres: oz.child("LocatieOZ").and_then(SuwiAdres::lees),
        ontstaan_op: oz.date_at(&["DatOntstaan"]),
        meer_gerechtigden: oz.ind_at(&["IndMeerGerechtigden"]),
        koopsom_cents: koop.and_then(super::xml::bedrag),
        jaar_aankoop: oz
            .find("JaarAankoop")
            .and_then(|j| j.text.trim().parse().ok()),
    }
}

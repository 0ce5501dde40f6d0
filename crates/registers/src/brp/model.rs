//! BRP data as GBI uses it, and the wire format of Haal Centraal BRP Personen v2.

use chrono::NaiveDate;
use gbi_domain::Bsn;
use serde::{Deserialize, Serialize};

/// A BRP date, which may be incomplete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "soort", rename_all = "snake_case")]
pub enum BrpDatum {
    Volledig { datum: NaiveDate },
    JaarMaand { jaar: i32, maand: u32 },
    Jaar { jaar: i32 },
    Onbekend,
}

impl BrpDatum {
    /// The date when it is complete.
    pub fn volledig(&self) -> Option<NaiveDate> {
        match self {
            Self::Volledig { datum } => Some(*datum),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Naam {
    pub voornamen: Option<String>,
    pub voorvoegsel: Option<String>,
    pub geslachtsnaam: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Geslacht {
    Man,
    Vrouw,
    Onbekend,
}

/// A code with its description from a BRP table (e.g. a gemeente).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tabelwaarde {
    pub code: String,
    pub omschrijving: Option<String>,
}

/// A Dutch address (verblijfplaats of type `Adres`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adres {
    pub adresseerbaar_object_identificatie: Option<String>,
    pub nummeraanduiding_identificatie: Option<String>,
    pub straat: Option<String>,
    pub huisnummer: Option<u32>,
    pub huisletter: Option<String>,
    pub huisnummertoevoeging: Option<String>,
    pub postcode: Option<String>,
    pub woonplaats: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "soort", rename_all = "snake_case")]
pub enum Verblijfplaats {
    Adres(Adres),
    /// A location description (e.g. a houseboat) without a regular address.
    Locatie {
        omschrijving: Option<String>,
    },
    Buitenland {
        land: Option<String>,
    },
    Onbekend,
}

impl Verblijfplaats {
    pub fn adres(&self) -> Option<&Adres> {
        match self {
            Self::Adres(a) => Some(a),
            _ => None,
        }
    }
}

/// A partner or child as listed on a person's BRP record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gerelateerde {
    /// `None` when unknown to the BRP or not a valid BSN.
    pub bsn: Option<Bsn>,
    pub naam: Naam,
    pub geboortedatum: Option<BrpDatum>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    #[serde(flatten)]
    pub persoon: Gerelateerde,
    /// Set when the marriage or registered partnership has been dissolved.
    pub ontbinding: Option<BrpDatum>,
    /// When the marriage or registered partnership was entered into.
    #[serde(default)]
    pub aangaan: Option<BrpDatum>,
    /// `soortVerbintenis` code: `H` huwelijk, `P` geregistreerd partnerschap.
    #[serde(default)]
    pub soort_verbintenis: Option<String>,
}

/// A person as GBI needs them from the BRP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Persoon {
    pub bsn: Bsn,
    pub naam: Naam,
    pub geboortedatum: Option<BrpDatum>,
    pub geslacht: Option<Geslacht>,
    pub verblijfplaats: Option<Verblijfplaats>,
    pub gemeente_van_inschrijving: Option<Tabelwaarde>,
    pub partners: Vec<Partner>,
    pub kinderen: Vec<Gerelateerde>,
    pub overleden: bool,
    pub overlijdensdatum: Option<BrpDatum>,
    /// Nationalities (BRP table 32 codes, e.g. `0001` Nederlandse).
    #[serde(default)]
    pub nationaliteiten: Vec<Tabelwaarde>,
    /// `geheimhoudingPersoonsgegevens`: the person asked that their data
    /// are not given to third parties. The BRP API says only whether, not
    /// which secrecy code (1-7) the BRP holds.
    #[serde(default)]
    pub geheimhouding: bool,
    /// `naam.aanduidingNaamgebruik` code: `E` eigen, `P` partner, `V`
    /// partner voor eigen, `N` eigen voor partner.
    #[serde(default)]
    pub aanduiding_naamgebruik: Option<String>,
}

/// Someone registered at an address (`ZoekMetAdresseerbaarObjectIdentificatie`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bewoner {
    pub bsn: Option<Bsn>,
    pub naam: Naam,
    pub geboortedatum: Option<BrpDatum>,
}

// ---------------------------------------------------------------------------
// Wire format (only what we ask for; unknown fields are ignored).

#[derive(Debug, Deserialize)]
pub(crate) struct WireResponse {
    #[serde(rename = "type")]
    pub soort: String,
    #[serde(default)]
    pub personen: Vec<WirePersoon>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct WirePersoon {
    pub burgerservicenummer: Option<String>,
    pub naam: Option<WireNaam>,
    pub geboorte: Option<WireGeboorte>,
    pub geslacht: Option<WireWaarde>,
    pub verblijfplaats: Option<WireVerblijfplaats>,
    pub gemeente_van_inschrijving: Option<WireWaarde>,
    pub partners: Vec<WirePartner>,
    pub kinderen: Vec<WireGerelateerde>,
    pub overlijden: Option<WireOverlijden>,
    pub opschorting_bijhouding: Option<WireOpschorting>,
    pub nationaliteiten: Vec<WireNationaliteit>,
    pub geheimhouding_persoonsgegevens: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct WireNationaliteit {
    pub nationaliteit: Option<WireWaarde>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireNaam {
    pub voornamen: Option<String>,
    pub voorvoegsel: Option<String>,
    pub geslachtsnaam: Option<String>,
    pub aanduiding_naamgebruik: Option<WireWaarde>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct WireGeboorte {
    pub datum: Option<WireDatum>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct WireOverlijden {
    pub datum: Option<WireDatum>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct WireOpschorting {
    pub reden: Option<WireWaarde>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct WireWaarde {
    pub code: Option<String>,
    pub omschrijving: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireDatum {
    #[serde(rename = "type")]
    pub soort: String,
    pub datum: Option<String>,
    pub jaar: Option<i32>,
    pub maand: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct WireVerblijfplaats {
    #[serde(rename = "type")]
    pub soort: Option<String>,
    pub verblijfadres: Option<WireVerblijfadres>,
    pub adresseerbaar_object_identificatie: Option<String>,
    pub nummeraanduiding_identificatie: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct WireVerblijfadres {
    pub officiele_straatnaam: Option<String>,
    pub korte_straatnaam: Option<String>,
    pub huisnummer: Option<u32>,
    pub huisletter: Option<String>,
    pub huisnummertoevoeging: Option<String>,
    pub postcode: Option<String>,
    pub woonplaats: Option<String>,
    pub locatiebeschrijving: Option<String>,
    pub land: Option<WireWaarde>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct WireGerelateerde {
    pub burgerservicenummer: Option<String>,
    pub naam: Option<WireNaam>,
    pub geboorte: Option<WireGeboorte>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct WirePartner {
    #[serde(flatten)]
    pub persoon: WireGerelateerde,
    pub ontbinding_huwelijk_partnerschap: Option<WireOverlijden>,
    pub aangaan_huwelijk_partnerschap: Option<WireOverlijden>,
    pub soort_verbintenis: Option<WireWaarde>,
}

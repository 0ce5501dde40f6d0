//! BRP client: Haal Centraal BRP Personen v2 (`POST {endpoint}/personen`).
//!
//! Every query sends a minimal `fields` list: GBI asks only for what it uses.

mod model;

pub use model::{
    Adres, Bewoner, BrpDatum, Gerelateerde, Geslacht, Naam, Partner, Persoon, Tabelwaarde,
    Verblijfplaats,
};

use crate::config::SourceConfig;
use crate::error::{ConfigError, RegisterError};
use crate::herkomst::{Bevraging, Bron, Herkomst};
use crate::http::Source;
use crate::problem::query_json;
use crate::resilience::CircuitState;
use chrono::NaiveDate;
use gbi_domain::Bsn;
use model::{WireDatum, WireGerelateerde, WireNaam, WirePersoon, WireResponse, WireVerblijfplaats};
use serde::Serialize;

/// Fields for `RaadpleegMetBurgerservicenummer`: exactly what [`Persoon`] holds.
pub const FIELDS_PERSOON: &[&str] = &[
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "naam.aanduidingNaamgebruik",
    "geboorte.datum",
    "geslacht",
    "verblijfplaats.adresseerbaarObjectIdentificatie",
    "verblijfplaats.nummeraanduidingIdentificatie",
    "verblijfplaats.verblijfadres.officieleStraatnaam",
    "verblijfplaats.verblijfadres.huisnummer",
    "verblijfplaats.verblijfadres.huisletter",
    "verblijfplaats.verblijfadres.huisnummertoevoeging",
    "verblijfplaats.verblijfadres.postcode",
    "verblijfplaats.verblijfadres.woonplaats",
    "gemeenteVanInschrijving",
    "partners.burgerservicenummer",
    "partners.naam.voornamen",
    "partners.naam.voorvoegsel",
    "partners.naam.geslachtsnaam",
    "partners.geboorte.datum",
    "partners.ontbindingHuwelijkPartnerschap.datum",
    "partners.aangaanHuwelijkPartnerschap.datum",
    "partners.soortVerbintenis",
    "kinderen.burgerservicenummer",
    "kinderen.naam.voornamen",
    "kinderen.naam.voorvoegsel",
    "kinderen.naam.geslachtsnaam",
    "kinderen.geboorte.datum",
    "overlijden.datum",
    "nationaliteiten.nationaliteit",
];

/// Fields for `ZoekMetAdresseerbaarObjectIdentificatie`: who lives there, no more.
pub const FIELDS_BEWONER: &[&str] = &[
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte.datum",
];

/// Most BSNs one `RaadpleegMetBurgerservicenummer` may carry (spec: maxItems 20).
pub const MAX_BSNS_PER_VRAAG: usize = 20;

#[derive(Serialize)]
#[serde(tag = "type", rename_all_fields = "camelCase")]
enum PersonenQuery<'a> {
    RaadpleegMetBurgerservicenummer {
        burgerservicenummer: Vec<&'a str>,
        fields: &'a [&'a str],
    },
    ZoekMetAdresseerbaarObjectIdentificatie {
        adresseerbaar_object_identificatie: &'a str,
        fields: &'a [&'a str],
    },
}

/// Client for the BRP (Haal Centraal BRP Personen).
#[derive(Debug)]
pub struct BrpClient {
    src: Source,
}

impl BrpClient {
    pub fn new(cfg: &SourceConfig) -> Result<Self, ConfigError> {
        Ok(Self {
            src: Source::new(Bron::Brp, cfg)?,
        })
    }

    pub fn circuit(&self) -> CircuitState {
        self.src.circuit()
    }

    /// Let one request through now even if the breaker is open.
    pub fn probeer_nu(&self) {
        self.src.probeer_nu();
    }

    /// The person with this BSN. `NotFound` when the BRP does not know them.
    pub async fn raadpleeg(
        &self,
        bsn: &Bsn,
        doelbinding: &str,
    ) -> Result<Bevraging<Persoon>, RegisterError> {
        let mut b = self
            .raadpleeg_meerdere(std::slice::from_ref(bsn), doelbinding)
            .await?;
        match b.gegevens.pop() {
            Some(p) => Ok(Bevraging {
                herkomst: b.herkomst,
                gegevens: p,
            }),
            None => Err(RegisterError::NotFound { bron: Bron::Brp }),
        }
    }

    /// Up to [`MAX_BSNS_PER_VRAAG`] persons in one query; unknown BSNs are left out.
    pub async fn raadpleeg_meerdere(
        &self,
        bsns: &[Bsn],
        doelbinding: &str,
    ) -> Result<Bevraging<Vec<Persoon>>, RegisterError> {
        if bsns.is_empty() || bsns.len() > MAX_BSNS_PER_VRAAG {
            return Err(RegisterError::Rejected {
                bron: Bron::Brp,
                status: None,
                code: Some("aantalBsns".into()),
                message: format!("1 tot {MAX_BSNS_PER_VRAAG} burgerservicenummers per vraag"),
                details: vec![],
            });
        }
        let query = PersonenQuery::RaadpleegMetBurgerservicenummer {
            burgerservicenummer: bsns.iter().map(Bsn::as_str).collect(),
            fields: FIELDS_PERSOON,
        };
        let herkomst = Herkomst::nu(
            Bron::Brp,
            format!(
                "RaadpleegMetBurgerservicenummer fields={}",
                FIELDS_PERSOON.join(",")
            ),
            doelbinding,
        );
        let wire = self
            .personen(&query, "RaadpleegMetBurgerservicenummer")
            .await?;
        let mut personen = Vec::with_capacity(wire.personen.len());
        for w in wire.personen {
            let nr = w.burgerservicenummer.as_deref().unwrap_or_default();
            let Some(bsn) = bsns.iter().find(|b| b.as_str() == nr) else {
                return Err(RegisterError::invalid(
                    Bron::Brp,
                    "antwoord bevat een persoon die niet gevraagd is",
                ));
            };
            personen.push(persoon(bsn.clone(), w));
        }
        Ok(Bevraging {
            herkomst,
            gegevens: personen,
        })
    }

    /// Everyone registered at the address with this adresseerbaar object
    /// (BAG verblijfsobject) identification, e.g. for kostendelers.
    /// An empty list when nobody is registered there.
    pub async fn bewoners(
        &self,
        adresseerbaar_object_identificatie: &str,
        doelbinding: &str,
    ) -> Result<Bevraging<Vec<Bewoner>>, RegisterError> {
        let id = adresseerbaar_object_identificatie;
        if id.len() != 16
            || !id.bytes().all(|b| b.is_ascii_digit())
            || id.bytes().all(|b| b == b'0')
        {
            return Err(RegisterError::Rejected {
                bron: Bron::Brp,
                status: None,
                code: Some("adresseerbaarObjectIdentificatie".into()),
                message: "een adresseerbaar object identificatie heeft 16 cijfers".into(),
                details: vec![],
            });
        }
        let query = PersonenQuery::ZoekMetAdresseerbaarObjectIdentificatie {
            adresseerbaar_object_identificatie: id,
            fields: FIELDS_BEWONER,
        };
        let herkomst = Herkomst::nu(
            Bron::Brp,
            format!(
                "ZoekMetAdresseerbaarObjectIdentificatie adresseerbaarObjectIdentificatie={id} fields={}",
                FIELDS_BEWONER.join(",")
            ),
            doelbinding,
        );
        let wire = self
            .personen(&query, "ZoekMetAdresseerbaarObjectIdentificatie")
            .await?;
        let bewoners = wire
            .personen
            .into_iter()
            .map(|w| Bewoner {
                bsn: bsn_of(w.burgerservicenummer.as_deref()),
                naam: naam(w.naam),
                geboortedatum: w.geboorte.and_then(|g| g.datum).and_then(datum),
            })
            .collect();
        Ok(Bevraging {
            herkomst,
            gegevens: bewoners,
        })
    }

    async fn personen(
        &self,
        query: &PersonenQuery<'_>,
        soort: &str,
    ) -> Result<WireResponse, RegisterError> {
        let url = format!("{}/personen", self.src.endpoint);
        let body = serde_json::to_vec(query)
            .map_err(|e| RegisterError::invalid(Bron::Brp, format!("verzoek: {e}")))?;
        let wire: WireResponse = query_json(&self.src, &url, &body, false).await?;
        if wire.soort != soort {
            return Err(RegisterError::invalid(
                Bron::Brp,
                format!("antwoord van type {:?}, verwacht {soort:?}", wire.soort),
            ));
        }
        Ok(wire)
    }
}

fn persoon(bsn: Bsn, w: WirePersoon) -> Persoon {
    let overlijdensdatum = w.overlijden.and_then(|o| o.datum).and_then(datum);
    let opgeschort_wegens_overlijden = w
        .opschorting_bijhouding
        .and_then(|o| o.reden)
        .and_then(|r| r.code)
        .is_some_and(|c| c == "O");
    let aanduiding_naamgebruik = w
        .naam
        .as_ref()
        .and_then(|n| n.aanduiding_naamgebruik.as_ref())
        .and_then(|a| a.code.clone());
    Persoon {
        geheimhouding: w.geheimhouding_persoonsgegevens.unwrap_or(false),
        aanduiding_naamgebruik,
        bsn,
        naam: naam(w.naam),
        geboortedatum: w.geboorte.and_then(|g| g.datum).and_then(datum),
        geslacht: w.geslacht.and_then(|g| g.code).map(|c| match c.as_str() {
            "M" => Geslacht::Man,
            "V" => Geslacht::Vrouw,
            _ => Geslacht::Onbekend,
        }),
        verblijfplaats: w.verblijfplaats.map(verblijfplaats),
        gemeente_van_inschrijving: w.gemeente_van_inschrijving.and_then(|g| {
            g.code.map(|code| Tabelwaarde {
                code,
                omschrijving: g.omschrijving,
            })
        }),
        partners: w
            .partners
            .into_iter()
            .map(|p| Partner {
                ontbinding: p
                    .ontbinding_huwelijk_partnerschap
                    .and_then(|o| o.datum)
                    .and_then(datum),
                aangaan: p
                    .aangaan_huwelijk_partnerschap
                    .and_then(|o| o.datum)
                    .and_then(datum),
                soort_verbintenis: p.soort_verbintenis.and_then(|s| s.code),
                persoon: gerelateerde(p.persoon),
            })
            .collect(),
        kinderen: w.kinderen.into_iter().map(gerelateerde).collect(),
        overleden: overlijdensdatum.is_some() || opgeschort_wegens_overlijden,
        overlijdensdatum,
        nationaliteiten: w
            .nationaliteiten
            .into_iter()
            .filter_map(|n| n.nationaliteit)
            .filter_map(|n| {
                n.code.map(|code| Tabelwaarde {
                    code,
                    omschrijving: n.omschrijving,
                })
            })
            .collect(),
    }
}

fn gerelateerde(w: WireGerelateerde) -> Gerelateerde {
    Gerelateerde {
        bsn: bsn_of(w.burgerservicenummer.as_deref()),
        naam: naam(w.naam),
        geboortedatum: w.geboorte.and_then(|g| g.datum).and_then(datum),
    }
}

fn naam(w: Option<WireNaam>) -> Naam {
    let w = w.unwrap_or_default();
    Naam {
        voornamen: w.voornamen,
        voorvoegsel: w.voorvoegsel,
        geslachtsnaam: w.geslachtsnaam,
    }
}

/// A related person's BSN; test data holds numbers that fail the elfproef,
/// which we keep out of the typed model rather than fail the whole answer.
fn bsn_of(nr: Option<&str>) -> Option<Bsn> {
    let nr = nr?;
    match Bsn::parse(nr) {
        Ok(b) => Some(b),
        Err(_) => {
            tracing::warn!("BRP leverde een burgerservicenummer dat de elfproef niet haalt");
            None
        }
    }
}

fn datum(w: WireDatum) -> Option<BrpDatum> {
    Some(match w.soort.as_str() {
        "Datum" => BrpDatum::Volledig {
            datum: NaiveDate::parse_from_str(w.datum.as_deref()?, "%Y-%m-%d").ok()?,
        },
        "JaarMaandDatum" => BrpDatum::JaarMaand {
            jaar: w.jaar?,
            maand: w.maand?,
        },
        "JaarDatum" => BrpDatum::Jaar { jaar: w.jaar? },
        _ => BrpDatum::Onbekend,
    })
}

fn verblijfplaats(w: WireVerblijfplaats) -> Verblijfplaats {
    let a = w.verblijfadres.unwrap_or_default();
    match w.soort.as_deref() {
        Some("Adres") | None => Verblijfplaats::Adres(Adres {
            adresseerbaar_object_identificatie: w.adresseerbaar_object_identificatie,
            nummeraanduiding_identificatie: w.nummeraanduiding_identificatie,
            straat: a.officiele_straatnaam.or(a.korte_straatnaam),
            huisnummer: a.huisnummer,
            huisletter: a.huisletter,
            huisnummertoevoeging: a.huisnummertoevoeging,
            postcode: a.postcode,
            woonplaats: a.woonplaats,
        }),
        Some("Locatie") => Verblijfplaats::Locatie {
            omschrijving: a.locatiebeschrijving,
        },
        Some("VerblijfplaatsBuitenland") => Verblijfplaats::Buitenland {
            land: a.land.and_then(|l| l.omschrijving.or(l.code)),
        },
        Some(_) => Verblijfplaats::Onbekend,
    }
}

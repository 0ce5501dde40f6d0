//! Generated residents as BRP `Persoon` objects.

use super::convert::{datum, leeftijd, voorletters};
use crate::population::{Geslacht, Ingezetene, Population, Rol};
use chrono::NaiveDate;
use serde_json::{Map, Value, json};

fn geslacht(g: Geslacht) -> Value {
    match g {
        Geslacht::Man => json!({"code": "M", "omschrijving": "man"}),
        Geslacht::Vrouw => json!({"code": "V", "omschrijving": "vrouw"}),
    }
}

fn naam(p: &Ingezetene, volledig: bool) -> Value {
    let mut n = Map::new();
    n.insert("voornamen".into(), json!(p.voornamen));
    if let Some(v) = &p.voorvoegsel {
        n.insert("voorvoegsel".into(), json!(v));
    }
    n.insert("geslachtsnaam".into(), json!(p.geslachtsnaam));
    if volledig {
        n.insert("voorletters".into(), json!(voorletters(&p.voornamen)));
        n.insert(
            "volledigeNaam".into(),
            json!(crate::population::volledige_naam(p)),
        );
        n.insert(
            "aanduidingNaamgebruik".into(),
            json!({"code": "E", "omschrijving": "eigen geslachtsnaam"}),
        );
    }
    Value::Object(n)
}

fn geboorte(pop: &Population, p: &Ingezetene) -> Value {
    let plaats = if p.geboorteplaats == pop.gemeente_naam {
        json!({"code": pop.gemeente_code, "omschrijving": p.geboorteplaats})
    } else {
        json!({"omschrijving": p.geboorteplaats})
    };
    json!({
        "datum": datum(p.geboortedatum),
        "land": {"code": "6030", "omschrijving": "Nederland"},
        "plaats": plaats,
    })
}

fn gerelateerde(pop: &Population, p: &Ingezetene) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("burgerservicenummer".into(), json!(format!("{:09}", p.bsn)));
    m.insert("naam".into(), naam(p, false));
    m.insert("geboorte".into(), geboorte(pop, p));
    m
}

/// Build the full `Persoon` for a generated resident.
pub fn persoon(pop: &Population, p: &Ingezetene, vandaag: NaiveDate) -> Value {
    let Some(h) = pop.huishouden_van(p) else {
        return Value::Null;
    };
    let a = &h.adres;
    let mut o = Map::new();
    o.insert("burgerservicenummer".into(), json!(format!("{:09}", p.bsn)));
    o.insert(
        "aNummer".into(),
        json!(format!("{:010}", 1_000_000_000u64 + p.bsn as u64)),
    );
    o.insert("geslacht".into(), geslacht(p.geslacht));
    o.insert("naam".into(), naam(p, true));
    o.insert("geboorte".into(), geboorte(pop, p));
    o.insert("leeftijd".into(), json!(leeftijd(p.geboortedatum, vandaag)));
    o.insert(
        "nationaliteiten".into(),
        json!([{
            "type": "Nationaliteit",
            "nationaliteit": {"code": "0001", "omschrijving": "Nederlandse"},
            "redenOpname": {"code": "001", "omschrijving": "Wet op het Nederlanderschap 1892, art.1, lid 1a"},
            "datumIngangGeldigheid": datum(p.geboortedatum),
        }]),
    );
    let ingeschreven = if p.rol == Rol::Kind {
        p.geboortedatum
    } else {
        a_datum(h.index, p.geboortedatum)
    };
    let mut verblijfadres = Map::new();
    verblijfadres.insert("officieleStraatnaam".into(), json!(a.straat));
    verblijfadres.insert(
        "korteStraatnaam".into(),
        json!(a.straat.chars().take(24).collect::<String>()),
    );
    verblijfadres.insert("huisnummer".into(), json!(a.huisnummer));
    if let Some(l) = a.huisletter {
        verblijfadres.insert("huisletter".into(), json!(l.to_string()));
    }
    verblijfadres.insert("postcode".into(), json!(a.postcode));
    verblijfadres.insert("woonplaats".into(), json!(a.woonplaats));
    o.insert(
        "verblijfplaats".into(),
        json!({
            "type": "Adres",
            "verblijfadres": verblijfadres,
            "adresseerbaarObjectIdentificatie": a.adresseerbaar_object_identificatie,
            "nummeraanduidingIdentificatie": a.nummeraanduiding_identificatie,
            "functieAdres": {"code": "W", "omschrijving": "woonadres"},
            "datumVan": datum(ingeschreven),
            "datumIngangGeldigheid": datum(ingeschreven),
        }),
    );
    o.insert(
        "gemeenteVanInschrijving".into(),
        json!({"code": pop.gemeente_code, "omschrijving": pop.gemeente_naam}),
    );
    o.insert("datumInschrijvingInGemeente".into(), datum(ingeschreven));
    if let Some(partner) = p.partner.and_then(|i| pop.resident(i)) {
        let mut m = gerelateerde(pop, partner);
        m.insert("geslacht".into(), geslacht(partner.geslacht));
        m.insert(
            "soortVerbintenis".into(),
            json!({"code": "H", "omschrijving": "huwelijk"}),
        );
        let jongste = p.geboortedatum.max(partner.geboortedatum);
        let huwelijk = jongste
            .checked_add_months(chrono::Months::new(12 * 26))
            .unwrap_or(jongste)
            .min(vandaag);
        m.insert(
            "aangaanHuwelijkPartnerschap".into(),
            json!({
                "datum": datum(huwelijk),
                "land": {"code": "6030", "omschrijving": "Nederland"},
                "plaats": {"code": pop.gemeente_code, "omschrijving": pop.gemeente_naam},
            }),
        );
        o.insert("partners".into(), json!([m]));
    }
    let kinderen: Vec<Value> = p
        .kinderen
        .iter()
        .filter_map(|i| pop.resident(*i))
        .map(|k| Value::Object(gerelateerde(pop, k)))
        .collect();
    if !kinderen.is_empty() {
        o.insert("kinderen".into(), Value::Array(kinderen));
    }
    let ouders: Vec<Value> = p
        .ouders
        .iter()
        .filter_map(|i| pop.resident(*i))
        .enumerate()
        .map(|(n, ouder)| {
            let mut m = gerelateerde(pop, ouder);
            m.insert("geslacht".into(), geslacht(ouder.geslacht));
            m.insert("ouderAanduiding".into(), json!((n + 1).to_string()));
            m.insert(
                "datumIngangFamilierechtelijkeBetrekking".into(),
                datum(p.geboortedatum),
            );
            Value::Object(m)
        })
        .collect();
    if !ouders.is_empty() {
        o.insert("ouders".into(), Value::Array(ouders));
    }
    let achternaam = match &p.voorvoegsel {
        Some(v) => format!("{v} {}", p.geslachtsnaam),
        None => p.geslachtsnaam.clone(),
    };
    let aanhef = match p.geslacht {
        Geslacht::Man => format!("Geachte heer {}", hoofdletter(&achternaam)),
        Geslacht::Vrouw => format!("Geachte mevrouw {}", hoofdletter(&achternaam)),
    };
    let letter = a.huisletter.map(|l| l.to_string()).unwrap_or_default();
    o.insert(
        "adressering".into(),
        json!({
            "aanhef": aanhef,
            "aanschrijfwijze": {"naam": format!("{} {achternaam}", voorletters(&p.voornamen))},
            "gebruikInLopendeTekst": match p.geslacht {
                Geslacht::Man => format!("de heer {achternaam}"),
                Geslacht::Vrouw => format!("mevrouw {achternaam}"),
            },
            "adresregel1": format!("{} {}{letter}", a.straat, a.huisnummer),
            "adresregel2": format!("{}  {}", a.postcode, a.woonplaats.to_uppercase()),
        }),
    );
    Value::Object(o)
}

fn hoofdletter(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A stable move-in date for adults: between their 20th birthday and 2025.
fn a_datum(h: u32, geboren: NaiveDate) -> NaiveDate {
    let twintig = geboren
        .checked_add_months(chrono::Months::new(240))
        .unwrap_or(geboren);
    let laatst = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or(twintig);
    if twintig >= laatst {
        return laatst;
    }
    let span = (laatst - twintig).num_days().max(1) as u64;
    twintig
        .checked_add_days(chrono::Days::new((h as u64 * 7919) % span))
        .unwrap_or(twintig)
}

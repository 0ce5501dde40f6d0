//! BRP test data (GBA-like mock input) to Haal Centraal API output.
//!
//! Simplifications: `inOnderzoek` markers and `gezag` are left out (gezag
//! comes from a separate service in BRP API 2.x); partners are limited to
//! the current ones or, without a current one, the last dissolved one.

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value, json};

use gbi_domain::date::MAANDEN;

/// A BRP date object from a date.
pub fn datum(d: NaiveDate) -> Value {
    json!({
        "type": "Datum",
        "datum": d.format("%Y-%m-%d").to_string(),
        "langFormaat": gbi_domain::date::dutch_date(d),
    })
}

/// A BRP date object from `yyyymmdd`, with the partial and unknown forms.
pub fn datum_gba(s: &str) -> Option<Value> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let jaar: i32 = s[0..4].parse().ok()?;
    let maand: u32 = s[4..6].parse().ok()?;
    let dag: u32 = s[6..8].parse().ok()?;
    if jaar == 0 {
        return Some(json!({"type": "DatumOnbekend", "onbekend": true, "langFormaat": "onbekend"}));
    }
    if maand == 0 {
        return Some(json!({"type": "JaarDatum", "jaar": jaar, "langFormaat": jaar.to_string()}));
    }
    if dag == 0 {
        let naam = MAANDEN.get(maand as usize - 1)?;
        return Some(json!({
            "type": "JaarMaandDatum", "jaar": jaar, "maand": maand,
            "langFormaat": format!("{naam} {jaar}"),
        }));
    }
    NaiveDate::from_ymd_opt(jaar, maand, dag).map(datum)
}

pub fn volledige_datum(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y%m%d").ok()
}

pub fn leeftijd(geboren: NaiveDate, op: NaiveDate) -> i64 {
    let mut l = i64::from(op.year() - geboren.year());
    if (op.month(), op.day()) < (geboren.month(), geboren.day()) {
        l -= 1;
    }
    l.max(0)
}

pub fn voorletters(voornamen: &str) -> String {
    voornamen
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect()
}

fn s<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn copy(src: &Value, dst: &mut Map<String, Value>, key: &str) {
    if let Some(v) = src.get(key)
        && !v.is_null()
        && v != &json!({})
    {
        dst.insert(key.to_string(), v.clone());
    }
}

fn put_datum(src: &Value, dst: &mut Map<String, Value>, from: &str, to: &str) {
    if let Some(d) = s(src, from).and_then(datum_gba) {
        dst.insert(to.to_string(), d);
    }
}

/// Convert a `naam` block; `volledig` adds voorletters and volledigeNaam.
pub fn naam(src: &Value, volledig: bool, persoon: bool) -> Value {
    let mut n = Map::new();
    if let Some(v) = s(src, "voornamen") {
        let v = v.trim();
        if !v.is_empty() {
            n.insert("voornamen".into(), json!(v));
        }
    }
    copy(src, &mut n, "adellijkeTitelPredicaat");
    copy(src, &mut n, "voorvoegsel");
    copy(src, &mut n, "geslachtsnaam");
    if persoon {
        copy(src, &mut n, "aanduidingNaamgebruik");
    }
    if volledig {
        let voornamen = s(src, "voornamen").unwrap_or("").trim();
        if !voornamen.is_empty() {
            n.insert("voorletters".into(), json!(voorletters(voornamen)));
        }
        let delen: Vec<&str> = [
            voornamen,
            s(src, "voorvoegsel").unwrap_or(""),
            s(src, "geslachtsnaam").unwrap_or(""),
        ]
        .into_iter()
        .filter(|d| !d.is_empty())
        .collect();
        if !delen.is_empty() {
            n.insert("volledigeNaam".into(), json!(delen.join(" ")));
        }
    }
    Value::Object(n)
}

fn geboorte(src: &Value) -> Value {
    let mut g = Map::new();
    put_datum(src, &mut g, "datum", "datum");
    copy(src, &mut g, "land");
    copy(src, &mut g, "plaats");
    Value::Object(g)
}

fn verblijfplaats(v: &Value) -> Option<Value> {
    let mut o = Map::new();
    let mut adres = Map::new();
    if s(v, "straat").is_some() || s(v, "huisnummer").is_some() {
        o.insert("type".into(), json!("Adres"));
        let straat = s(v, "straat").unwrap_or("");
        let officieel = s(v, "naamOpenbareRuimte").unwrap_or(straat);
        if !officieel.is_empty() {
            adres.insert("officieleStraatnaam".into(), json!(officieel));
        }
        if !straat.is_empty() {
            adres.insert("korteStraatnaam".into(), json!(straat));
        }
        if let Some(h) = s(v, "huisnummer").and_then(|h| h.parse::<u32>().ok()) {
            adres.insert("huisnummer".into(), json!(h));
        }
        copy(v, &mut adres, "huisletter");
        copy(v, &mut adres, "huisnummertoevoeging");
        copy(v, &mut adres, "aanduidingBijHuisnummer");
        copy(v, &mut adres, "postcode");
        copy(v, &mut adres, "woonplaats");
        o.insert("verblijfadres".into(), Value::Object(adres));
        copy(v, &mut o, "adresseerbaarObjectIdentificatie");
        copy(v, &mut o, "nummeraanduidingIdentificatie");
        copy(v, &mut o, "functieAdres");
        put_datum(v, &mut o, "datumAanvangAdreshouding", "datumVan");
    } else if s(v, "locatiebeschrijving").is_some() {
        o.insert("type".into(), json!("Locatie"));
        copy(v, &mut adres, "locatiebeschrijving");
        o.insert("verblijfadres".into(), Value::Object(adres));
        copy(v, &mut o, "functieAdres");
        put_datum(v, &mut o, "datumAanvangAdreshouding", "datumVan");
    } else if let Some(land) = v.get("land") {
        if land.get("code").and_then(Value::as_str) == Some("0000") {
            o.insert("type".into(), json!("VerblijfplaatsOnbekend"));
        } else {
            o.insert("type".into(), json!("VerblijfplaatsBuitenland"));
            for k in ["regel1", "regel2", "regel3"] {
                copy(v, &mut adres, k);
            }
            adres.insert("land".into(), land.clone());
            o.insert("verblijfadres".into(), Value::Object(adres));
        }
        put_datum(v, &mut o, "datumAanvangAdresBuitenland", "datumVan");
    } else {
        return None;
    }
    put_datum(v, &mut o, "datumIngangGeldigheid", "datumIngangGeldigheid");
    Some(Value::Object(o))
}

fn nationaliteit(v: &Value) -> Value {
    let code = v
        .pointer("/nationaliteit/code")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut o = Map::new();
    let soort = match code {
        "0000" => "NationaliteitOnbekend",
        "0499" => "Staatloos",
        _ => "Nationaliteit",
    };
    o.insert("type".into(), json!(soort));
    if soort == "Nationaliteit" {
        copy(v, &mut o, "nationaliteit");
    }
    copy(v, &mut o, "redenOpname");
    put_datum(v, &mut o, "datumIngangGeldigheid", "datumIngangGeldigheid");
    Value::Object(o)
}

fn gerelateerde(v: &Value, extra: &[&str]) -> Value {
    let mut o = Map::new();
    copy(v, &mut o, "burgerservicenummer");
    copy(v, &mut o, "geslacht");
    for k in extra {
        copy(v, &mut o, k);
    }
    if let Some(n) = v.get("naam") {
        o.insert("naam".into(), naam(n, false, false));
    }
    if let Some(g) = v.get("geboorte") {
        o.insert("geboorte".into(), geboorte(g));
    }
    o.retain(|_, v| v != &json!({}));
    Value::Object(o)
}

fn partners(list: &[Value]) -> Vec<Value> {
    let actueel: Vec<&Value> = list
        .iter()
        .filter(|p| p.get("ontbindingHuwelijkPartnerschap").is_none())
        .collect();
    let gekozen: Vec<&Value> = if actueel.is_empty() {
        list.last().into_iter().collect()
    } else {
        actueel
    };
    gekozen
        .into_iter()
        .map(|p| {
            let mut o = match gerelateerde(p, &["soortVerbintenis"]) {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            if let Some(a) = p.get("aangaanHuwelijkPartnerschap") {
                let mut m = Map::new();
                put_datum(a, &mut m, "datum", "datum");
                copy(a, &mut m, "land");
                copy(a, &mut m, "plaats");
                o.insert("aangaanHuwelijkPartnerschap".into(), Value::Object(m));
            }
            if let Some(a) = p.get("ontbindingHuwelijkPartnerschap") {
                let mut m = Map::new();
                put_datum(a, &mut m, "datum", "datum");
                o.insert("ontbindingHuwelijkPartnerschap".into(), Value::Object(m));
            }
            Value::Object(o)
        })
        .collect()
}

fn adressering(p: &Map<String, Value>) -> Value {
    let mut a = Map::new();
    let naam = p.get("naam").cloned().unwrap_or(Value::Null);
    let volledig = naam
        .get("volledigeNaam")
        .and_then(Value::as_str)
        .unwrap_or("");
    let geslachtsnaam = naam
        .get("geslachtsnaam")
        .and_then(Value::as_str)
        .unwrap_or("");
    let voorvoegsel = naam
        .get("voorvoegsel")
        .and_then(Value::as_str)
        .unwrap_or("");
    let letters = naam
        .get("voorletters")
        .and_then(Value::as_str)
        .unwrap_or("");
    let achternaam = if voorvoegsel.is_empty() {
        geslachtsnaam.to_string()
    } else {
        format!("{voorvoegsel} {geslachtsnaam}")
    };
    if !geslachtsnaam.is_empty() {
        let aanhef = match p
            .get("geslacht")
            .and_then(|g| g.get("code"))
            .and_then(Value::as_str)
        {
            Some("M") => format!("Geachte heer {}", hoofdletter(&achternaam)),
            Some("V") => format!("Geachte mevrouw {}", hoofdletter(&achternaam)),
            _ => format!("Geachte {}", volledig),
        };
        a.insert("aanhef".into(), json!(aanhef));
        let schrijf = [letters, &achternaam]
            .iter()
            .filter(|x| !x.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        a.insert("aanschrijfwijze".into(), json!({"naam": schrijf}));
        a.insert("gebruikInLopendeTekst".into(), json!(achternaam));
    }
    if let Some(v) = p.get("verblijfplaats") {
        match v.get("type").and_then(Value::as_str) {
            Some("Adres") => {
                let va = &v["verblijfadres"];
                let straat = va
                    .get("korteStraatnaam")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let nr = va
                    .get("huisnummer")
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                let letter = va.get("huisletter").and_then(Value::as_str).unwrap_or("");
                let toev = va
                    .get("huisnummertoevoeging")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let toev = if toev.is_empty() {
                    String::new()
                } else {
                    format!("-{toev}")
                };
                let r1: String = format!("{straat} {nr}{letter}{toev}")
                    .trim()
                    .chars()
                    .take(40)
                    .collect();
                a.insert("adresregel1".into(), json!(r1));
                let pc = va.get("postcode").and_then(Value::as_str).unwrap_or("");
                let wp = va
                    .get("woonplaats")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_uppercase();
                let r2: String = format!("{pc}  {wp}").trim().chars().take(50).collect();
                a.insert("adresregel2".into(), json!(r2));
            }
            Some("VerblijfplaatsBuitenland") => {
                let va = &v["verblijfadres"];
                for (from, to) in [
                    ("regel1", "adresregel1"),
                    ("regel2", "adresregel2"),
                    ("regel3", "adresregel3"),
                ] {
                    if let Some(r) = va.get(from) {
                        a.insert(to.into(), r.clone());
                    }
                }
                if let Some(l) = va.get("land") {
                    a.insert("land".into(), l.clone());
                }
            }
            _ => {}
        }
    }
    Value::Object(a)
}

fn hoofdletter(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Convert one mock input person to a `Persoon` of the API.
pub fn persoon(src: &Value, vandaag: NaiveDate) -> Value {
    let mut p = Map::new();
    copy(src, &mut p, "aNummer");
    copy(src, &mut p, "burgerservicenummer");
    put_datum(
        src,
        &mut p,
        "datumEersteInschrijvingGBA",
        "datumEersteInschrijvingGBA",
    );
    if s(src, "geheimhoudingPersoonsgegevens").is_some_and(|g| g != "0") {
        p.insert("geheimhoudingPersoonsgegevens".into(), json!(true));
    }
    copy(src, &mut p, "geslacht");
    if let Some(n) = src.get("naam") {
        p.insert("naam".into(), naam(n, true, true));
    }
    if let Some(list) = src.get("nationaliteiten").and_then(Value::as_array) {
        let n: Vec<Value> = list
            .iter()
            .filter(|n| n.get("nationaliteit").is_some() || n.get("redenOpname").is_some())
            .map(nationaliteit)
            .collect();
        if !n.is_empty() {
            p.insert("nationaliteiten".into(), Value::Array(n));
        }
    }
    if let Some(g) = src.get("geboorte") {
        p.insert("geboorte".into(), geboorte(g));
    }
    let overleden = src.get("overlijden").is_some();
    if let Some(o) = src.get("overlijden") {
        let mut m = Map::new();
        put_datum(o, &mut m, "datum", "datum");
        copy(o, &mut m, "land");
        copy(o, &mut m, "plaats");
        p.insert("overlijden".into(), Value::Object(m));
    }
    if !overleden
        && let Some(d) = src
            .pointer("/geboorte/datum")
            .and_then(Value::as_str)
            .and_then(volledige_datum)
    {
        p.insert("leeftijd".into(), json!(leeftijd(d, vandaag)));
    }
    if let Some(o) = src.get("opschortingBijhouding") {
        let mut m = Map::new();
        copy(o, &mut m, "reden");
        put_datum(o, &mut m, "datum", "datum");
        p.insert("opschortingBijhouding".into(), Value::Object(m));
    }
    if let Some(v) = src.get("verblijfplaats").and_then(verblijfplaats) {
        p.insert("verblijfplaats".into(), v);
    }
    if let Some(i) = src.get("immigratie") {
        let mut m = Map::new();
        copy(i, &mut m, "landVanwaarIngeschreven");
        put_datum(
            i,
            &mut m,
            "datumVestigingInNederland",
            "datumVestigingInNederland",
        );
        if !m.is_empty() {
            p.insert("immigratie".into(), Value::Object(m));
        }
    }
    copy(src, &mut p, "gemeenteVanInschrijving");
    put_datum(
        src,
        &mut p,
        "datumInschrijvingInGemeente",
        "datumInschrijvingInGemeente",
    );
    if src
        .get("indicatieCurateleRegister")
        .and_then(Value::as_bool)
        == Some(true)
    {
        p.insert("indicatieCurateleRegister".into(), json!(true));
    }
    if let Some(u) = src.get("uitsluitingKiesrecht") {
        let mut m = Map::new();
        copy(u, &mut m, "uitgeslotenVanKiesrecht");
        put_datum(u, &mut m, "einddatum", "einddatum");
        p.insert("uitsluitingKiesrecht".into(), Value::Object(m));
    }
    if let Some(e) = src.get("europeesKiesrecht") {
        let mut m = Map::new();
        copy(e, &mut m, "aanduiding");
        put_datum(e, &mut m, "einddatumUitsluiting", "einddatumUitsluiting");
        p.insert("europeesKiesrecht".into(), Value::Object(m));
    }
    if let Some(t) = src.get("verblijfstitel") {
        let mut m = Map::new();
        copy(t, &mut m, "aanduiding");
        put_datum(t, &mut m, "datumIngang", "datumIngang");
        put_datum(t, &mut m, "datumEinde", "datumEinde");
        p.insert("verblijfstitel".into(), Value::Object(m));
    }
    if let Some(list) = src.get("kinderen").and_then(Value::as_array) {
        let k: Vec<Value> = list.iter().map(|k| gerelateerde(k, &[])).collect();
        if !k.is_empty() {
            p.insert("kinderen".into(), Value::Array(k));
        }
    }
    if let Some(list) = src.get("ouders").and_then(Value::as_array) {
        let o: Vec<Value> = list
            .iter()
            .map(|o| {
                let mut m = match gerelateerde(o, &["ouderAanduiding"]) {
                    Value::Object(m) => m,
                    _ => Map::new(),
                };
                put_datum(
                    o,
                    &mut m,
                    "datumIngangFamilierechtelijkeBetrekking",
                    "datumIngangFamilierechtelijkeBetrekking",
                );
                Value::Object(m)
            })
            .collect();
        if !o.is_empty() {
            p.insert("ouders".into(), Value::Array(o));
        }
    }
    if let Some(list) = src.get("partners").and_then(Value::as_array) {
        let pa = partners(list);
        if !pa.is_empty() {
            p.insert("partners".into(), Value::Array(pa));
        }
    }
    if let Some(list) = src.get("rni").and_then(Value::as_array) {
        p.insert("rni".into(), Value::Array(list.clone()));
    }
    if let Some(v) = src.get("verificatie") {
        let mut m = Map::new();
        put_datum(v, &mut m, "datum", "datum");
        copy(v, &mut m, "omschrijving");
        p.insert("verificatie".into(), Value::Object(m));
    }
    let adr = adressering(&p);
    if adr != json!({}) {
        p.insert("adressering".into(), adr);
    }
    Value::Object(p)
}

/// Table descriptions in the test data (and in the real BRP) can hold
/// characters that the API's `Waardetabel.omschrijving` pattern forbids,
/// such as `/` and `°`. Replace `/` by `-` and drop the others, so
/// responses conform to the specification.
pub fn schoon_omschrijvingen(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if k == "omschrijving" {
                    if let Value::String(s) = x {
                        *s = schoon(s);
                    }
                } else {
                    schoon_omschrijvingen(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(schoon_omschrijvingen),
        _ => {}
    }
}

fn schoon(s: &str) -> String {
    let toegestaan = |c: char| {
        c.is_ascii_alphanumeric() || ('\u{C0}'..='\u{17E}').contains(&c) || " '.-(),".contains(c)
    };
    let t: String = s
        .chars()
        .map(|c| if c == '/' { '-' } else { c })
        .filter(|c| toegestaan(*c))
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

//! The advice on an application for bijzondere bijstand: the household from
//! the BRP, the costs and means the resident gave, and the gemeente's
//! draagkracht policy (`Regels::bereken_bijzondere_bijstand`), explained
//! step by step. It advises; a person decides.

use crate::aanvraag::antwoord;
use crate::advies::{Advies, Eenmalig, stappen};
use chrono::NaiveDate;
use gbi_domain::Money;
use gbi_rules::RekenFout;
use gbi_rules::huishouden::BijzondereBijstandInvoer;
use gbi_rules::params::Document;
use gbi_rules::regelingen::bijzondere_bijstand::BbVraag;
use serde_json::{Map, Value};

fn bedrag(a: &Map<String, Value>, veld: &str) -> i64 {
    Money::parse_euros(antwoord(a, veld)).map_or(0, Money::cents)
}

fn geld(cents: i64) -> Money {
    Money::from_cents(cents)
}

/// The advice on `aanvraag` on `datum`.
pub fn advies(a: crate::regeling::AdviesInvoer<'_>) -> Advies {
    let crate::regeling::AdviesInvoer {
        regels,
        gemeente,
        aanvraag,
        snapshots,
        eigen,
        datum,
    } = a;
    let a = aanvraag.as_object().cloned().unwrap_or_default();
    // The draagkracht is reckoned from the household's income as given
    // (art. 35-1 with 32); the wage lines of the ALO input do not apply.
    let mut huishouden = match crate::advies::huishouden(aanvraag, snapshots, datum) {
        Ok(h) => h,
        Err(a) => return *a,
    };
    let documenten = eigen
        .documenten
        .iter()
        .filter_map(|d| serde_json::from_value::<Document>(Value::String(d.clone())).ok())
        .collect();
    huishouden.bijzondere_bijstand = Some(BijzondereBijstandInvoer {
        kosten_cents: bedrag(&a, "kosten"),
        kosten_binnen_12_maanden_cents: None,
        inkomen_cents: bedrag(&a, "inkomen"),
        kostensoort: Some(antwoord(&a, "kostensoort").to_owned()).filter(|k| !k.is_empty()),
        periodiek: false,
        documenten,
    });
    let mut punten = vec![
        "Het inkomen en het spaargeld zijn zoals de aanvrager ze opgaf. Ga na of dat klopt met wat u weet (Suwinet-Inkijk, bankafschriften).".to_owned(),
    ];
    if huishouden.partner.is_some() {
        punten.push("De BRP kent een partner: de draagkracht is die van het gezin (art. 35-1 met 32 en 34). Ga na of het opgegeven inkomen dat van beiden is.".into());
    }
    let b = match regels.bereken_bijzondere_bijstand(&huishouden, datum, gemeente) {
        Ok(b) => b,
        Err(e) => return niet_berekend(datum, &e, punten),
    };
    let o = &b.beoordeling;
    for v in &o.voor_medewerker {
        match v {
            BbVraag::DocumentOntbreekt(d) => punten.push(format!(
                "De aanvrager heeft {} nog niet gestuurd. Het beleid vraagt dit document bij deze kosten.",
                d.naam()
            )),
        }
    }
    let dk = &o.draagkracht;
    let advies_tekst = if o.drempel.geweigerd {
        format!(
            "Geen bijzondere bijstand: de kosten binnen twaalf maanden ({}) zijn niet hoger dan de drempel van {} (artikel 35, tweede lid, Participatiewet).",
            geld(o.drempel.kosten_binnen_12_maanden_cents),
            geld(o.drempel.drempel_cents)
        )
    } else if o.bedrag_cents == 0 {
        format!(
            "Geen bijzondere bijstand: de draagkracht ({}) is even hoog als of hoger dan de kosten die in aanmerking komen ({}) (artikel 35, eerste lid, Participatiewet).",
            geld(dk.totaal_cents),
            geld(o.kosten_in_aanmerking_cents)
        )
    } else {
        format!(
            "Bijzondere bijstand van {} als {}. Kosten die in aanmerking komen: {}; draagkracht: {} ({} uit inkomen, {} uit vermogen).",
            geld(o.bedrag_cents),
            o.vorm.naam(),
            geld(o.kosten_in_aanmerking_cents),
            geld(dk.totaal_cents),
            geld(dk.uit_inkomen_cents),
            geld(dk.uit_vermogen_cents)
        )
    };
    Advies {
        berekend: true,
        reden: String::new(),
        peildatum: datum.to_string(),
        advies_tekst,
        voorlopig: b.voorlopig,
        uitleg: stappen(&b.uitleg),
        aandachtspunten: punten,
        eenmalig: (o.bedrag_cents > 0).then(|| Eenmalig {
            bedrag_cents: o.bedrag_cents,
            vorm: o.vorm.code().to_owned(),
            grondslag: o.vorm_grondslag.to_owned(),
        }),
    }
}

/// Missing policy or input: said in plain words, as work for a person.
pub fn niet_berekend(datum: NaiveDate, e: &RekenFout, punten: Vec<String>) -> Advies {
    Advies::niet(datum, e.voor_medewerker(), punten)
}

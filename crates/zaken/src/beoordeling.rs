//! The pre-assessment of an application: the rules of `gbi-rules` over what
//! the resident answered and what the registers said. It advises; a person
//! decides. Whatever the rules could not know is listed as a point for the
//! caseworker ("aandachtspunten"), never guessed.

use crate::registers::BrpHuishouden;
use crate::vergelijking::Vergelijking;
use crate::werk::Beoordelaar;
use chrono::NaiveDate;
use gbi_domain::{GemeenteCode, Money};
use gbi_registers::brp::Bewoner;
use gbi_rules::huishouden::{Medebewoner, Partner, Persoon, Relatie, VermogenInvoer};
use gbi_rules::inkomen::Inkomsten;
use gbi_rules::{Huishouden, Regels, tekst};
use gbi_store::werk::StoredSnapshot;
use serde_json::{Value, json};
use std::sync::Arc;

/// [`Beoordelaar`] over the rules engine.
#[derive(Clone)]
pub struct RegelBeoordelaar {
    regels: Arc<Regels>,
}

impl RegelBeoordelaar {
    pub fn new(regels: Arc<Regels>) -> Self {
        Self { regels }
    }
}

fn bedrag(antwoorden: &Value, veld: &str) -> i64 {
    antwoorden
        .get(veld)
        .and_then(Value::as_str)
        .and_then(|s| Money::parse_euros(s).ok())
        .map_or(0, Money::cents)
}

fn ja(antwoorden: &Value, veld: &str) -> bool {
    antwoorden.get(veld).and_then(Value::as_str) == Some("ja")
}

use crate::vergelijking::snapshot as gevonden;

fn niet_leeg(v: Option<&Value>, veld: &str) -> bool {
    v.and_then(|g| g.get(veld))
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty())
}

/// The rules' input, the points a caseworker must look at, and the
/// resident's answers beside the registers.
pub struct Invoer {
    pub huishouden: Huishouden,
    pub punten: Vec<String>,
    pub vergelijking: Vec<Vergelijking>,
}

/// Build the rules' input from the answers and the snapshots, on
/// `peildatum`. Where a register knows a figure (UWV's wages of ongoing
/// work), the calculation uses it and the difference is a point to check.
pub fn invoer(
    antwoorden: &Value,
    snapshots: &[StoredSnapshot],
    peildatum: NaiveDate,
) -> Result<Invoer, String> {
    let mut punten = Vec::new();
    let brp: BrpHuishouden = gevonden(snapshots, "brp")
        .cloned()
        .and_then(|v| serde_json::from_value(v).ok())
        .ok_or("de BRP kent de aanvrager niet: de berekening kan niet zonder geboortedatum en huishouden")?;
    let p = &brp.persoon;
    let geboren = p
        .geboortedatum
        .as_ref()
        .and_then(|d| d.volledig())
        .ok_or("de geboortedatum van de aanvrager is in de BRP niet volledig bekend")?;
    let partner = p
        .partners
        .iter()
        .find(|x| x.ontbinding.is_none())
        .map(|x| &x.persoon);
    let partner_datum = match partner {
        Some(x) => match x.geboortedatum.as_ref().and_then(|d| d.volledig()) {
            Some(d) => Some(d),
            None => {
                return Err(
                    "de geboortedatum van de partner is in de BRP niet volledig bekend".into(),
                );
            }
        },
        None => None,
    };
    let woont_hier = |bsn: &Option<gbi_domain::Bsn>| {
        brp.bewoners.is_empty()
            || bsn
                .as_ref()
                .is_some_and(|b| brp.bewoners.iter().any(|w| w.bsn.as_ref() == Some(b)))
    };
    let kinderen: Vec<Persoon> = p
        .kinderen
        .iter()
        .filter(|k| woont_hier(&k.bsn))
        .filter_map(|k| k.geboortedatum.as_ref().and_then(|d| d.volledig()))
        .map(|geboortedatum| Persoon { geboortedatum })
        .collect();
    let mut bekend = vec![Some(p.bsn.clone())];
    bekend.push(partner.and_then(|x| x.bsn.clone()));
    bekend.extend(p.kinderen.iter().map(|k| k.bsn.clone()));
    let anderen: Vec<&Bewoner> = brp
        .bewoners
        .iter()
        .filter(|b| b.bsn.is_none() || !bekend.contains(&b.bsn))
        .collect();
    let commercieel = ja(antwoorden, "commerciele_huurder");
    let mut medebewoners = Vec::new();
    for b in anderen {
        match b.geboortedatum.as_ref().and_then(|d| d.volledig()) {
            Some(geboortedatum) => medebewoners.push(Medebewoner {
                geboortedatum,
                relatie: Relatie::Overig,
                commerciele_huur: commercieel,
                studiefinanciering: false,
                bbl: false,
            }),
            None => punten.push(format!(
                "Medebewoner {} heeft geen volledige geboortedatum in de BRP: beoordeel of deze persoon kostendeler is.",
                crate::registers::volledige_naam(&b.naam)
            )),
        }
    }
    if !medebewoners.is_empty() {
        punten.push("Er wonen anderen op het adres. Ga na of zij familie zijn, studeren of kamer huren (kostendelersnorm, art. 19a).".into());
    }
    if commercieel {
        punten
            .push("De aanvrager noemt een commerciële huurder: vraag het huurcontract op.".into());
    }
    let lijst = |bron: &str| {
        gevonden(snapshots, bron)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    };
    if lijst("rdw") {
        punten.push("De RDW noemt een of meer voertuigen op naam van de aanvrager: stel de waarde vast (vermogen).".into());
    }
    if niet_leeg(gevonden(snapshots, "kadaster"), "onroerende_zaken") {
        punten.push(
            "Het Kadaster noemt onroerend goed: stel de overwaarde vast (art. 34 en 50).".into(),
        );
    }
    let (vergelijking, uwv_loon) =
        crate::vergelijking::vergelijk(antwoorden, snapshots, &brp, peildatum);
    // A conditional answer counts only when its question applies: a wage
    // typed before the resident changed "werkt u?" to nee is not income.
    let opgegeven_loon = if ja(antwoorden, "heeft_werk") {
        bedrag(antwoorden, "verwacht_inkomen")
    } else {
        0
    };
    // A resident who just lost their job may still be in UWV's files with
    // last month's wage: then the answer counts, and the difference is a
    // point to check.
    let baan_kwijt = !ja(antwoorden, "heeft_werk")
        && antwoorden.get("reden").and_then(Value::as_str) == Some("baan_kwijt");
    let arbeid_cents = match uwv_loon.filter(|_| !baan_kwijt) {
        Some(l) => {
            punten.push(format!(
                "De berekening gebruikt het loon dat UWV kent ({l} netto per maand), niet wat de aanvrager opgaf ({}). Ga na welk bedrag klopt en pas zo nodig het bedrag in het voorstel aan.",
                Money::from_cents(opgegeven_loon)
            ));
            l.cents()
        }
        None => opgegeven_loon,
    };
    for v in vergelijking.iter().filter(|v| v.verschilt) {
        punten.push(format!(
            "{}: de aanvrager zegt \"{}\", {} zegt \"{}\". Ga na wat klopt.",
            v.onderwerp, v.inwoner, v.bron, v.register
        ));
    }
    if gevonden(snapshots, "bijstandsregelingen")
        .is_some_and(|g| niet_leeg(Some(g), "uitkeringen") || niet_leeg(Some(g), "aanvragen"))
    {
        punten.push(
            "Er is bijstand of een aanvraag bij een andere gemeente bekend: neem contact op."
                .into(),
        );
    }
    let partner_loon = if ja(antwoorden, "partner_werk") {
        bedrag(antwoorden, "partner_verwacht_inkomen")
    } else {
        0
    };
    if partner_loon > 0 && partner_datum.is_none() {
        punten.push("De aanvrager noemt loon van een partner, maar de BRP kent geen partner op het adres: ga na of er een partner is (art. 3).".into());
    }
    // UWV is asked about the applicant only; the partner's income counts
    // too (art. 32, eerste lid: the income of the gezin).
    if partner_datum.is_some() {
        punten.push("De BRP kent een partner. UWV is alleen gevraagd naar de aanvrager: controleer het loon en de uitkeringen van de partner in Suwinet-Inkijk en vergelijk ze met wat de aanvrager opgeeft (art. 32 en 34: inkomen en vermogen van het gezin).".into());
    }
    let huishouden = Huishouden {
        aanvrager: Persoon {
            geboortedatum: geboren,
        },
        partner: partner_datum.map(|geboortedatum| Partner {
            geboortedatum,
            in_inrichting: None,
            inkomsten: Inkomsten {
                arbeid_cents: partner_loon,
                arbeid_bevordert_uitstroom: true,
                ..Default::default()
            },
        }),
        kinderen,
        medebewoners,
        mantelzorg_elders: false,
        ouders_kunnen_niet_bijdragen: false,
        in_inrichting: false,
        vermogen: VermogenInvoer {
            bezittingen_cents: bedrag(antwoorden, "spaargeld") + bedrag(antwoorden, "contant_geld"),
            schulden_cents: bedrag(antwoorden, "schulden"),
            overwaarde_woning_cents: 0,
            eerder_geleend_woning_cents: 0,
        },
        inkomsten: Inkomsten {
            arbeid_cents,
            overig_cents: if ja(antwoorden, "ander_inkomen") {
                bedrag(antwoorden, "ander_inkomen_bedrag")
            } else {
                0
            },
            arbeid_bevordert_uitstroom: true,
            ..Default::default()
        },
        iit: None,
        bijzondere_bijstand: None,
    };
    Ok(Invoer {
        huishouden,
        punten,
        vergelijking,
    })
}

impl Beoordelaar for RegelBeoordelaar {
    /// ALO's pre-assessment, or the advice of another regeling.
    fn beoordeel_regeling(
        &self,
        gemeente: &GemeenteCode,
        zaaktype: &str,
        aanvraag: &Value,
        snapshots: &[StoredSnapshot],
        eigen: &crate::advies::EigenGegevens,
        datum: NaiveDate,
    ) -> Result<Value, String> {
        let invoer = crate::regeling::AdviesInvoer {
            regels: &self.regels,
            gemeente: *gemeente,
            aanvraag,
            snapshots,
            eigen,
            datum,
        };
        match crate::regeling::voor_zaaktype(zaaktype).and_then(|r| r.advies(invoer)) {
            Some(advies) => serde_json::to_value(advies).map_err(|e| e.to_string()),
            None => self.beoordeel(gemeente, aanvraag, snapshots, datum),
        }
    }

    fn beoordeel(
        &self,
        gemeente: &GemeenteCode,
        aanvraag: &Value,
        snapshots: &[StoredSnapshot],
        datum: NaiveDate,
    ) -> Result<Value, String> {
        // The application's own start date when given, else today.
        let peildatum = aanvraag
            .get("ingangsdatum")
            .and_then(Value::as_str)
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .unwrap_or(datum);
        let Invoer {
            huishouden,
            punten,
            vergelijking,
        } = match invoer(aanvraag, snapshots, peildatum) {
            Ok(x) => x,
            Err(reden) => {
                return Ok(
                    json!({ "berekend": false, "reden": reden, "peildatum": peildatum.to_string() }),
                );
            }
        };
        match self.regels.bereken(&huishouden, peildatum, Some(*gemeente)) {
            Ok(b) => {
                let mut v = tekst::berekening_json(&b, true);
                if let Some(o) = v.as_object_mut() {
                    o.insert("berekend".into(), json!(true));
                    // Demo mode only: figures carried forward, marked on every page.
                    o.insert("voorlopig".into(), json!(b.voorlopig));
                    o.insert(
                        "invoer".into(),
                        serde_json::to_value(&huishouden).unwrap_or(Value::Null),
                    );
                    let mut punten = punten;
                    if b.uitkomst.uitvoerder == gbi_rules::bijstand::Uitvoerder::Svb {
                        punten.insert(0, "Het huishouden heeft de AOW-leeftijd: de SVB verleent de algemene bijstand (AIO, art. 47a, eerste lid). Stuur de aanvraag door naar de SVB (art. 2:3 Awb); de gemeente kan haar niet toekennen. Het bedrag hieronder is ter informatie.".into());
                    }
                    o.insert("aandachtspunten".into(), json!(punten));
                    o.insert("vergelijking".into(), json!(vergelijking));
                    o.insert("uitleg_tekst".into(), json!(tekst::als_tekst(&b.uitleg)));
                }
                Ok(v)
            }
            // Missing parameters: said in plain words, as work for the
            // caseworker; never the figures of an earlier period.
            Err(e) => Ok(json!({
                "berekend": false,
                "reden": e.voor_medewerker(),
                "code": e.code(),
                "peildatum": peildatum.to_string(),
                "aandachtspunten": punten,
                "vergelijking": vergelijking,
            })),
        }
    }
}

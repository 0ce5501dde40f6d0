//! The ontvangstbewijs: proof for the resident's own records that the
//! gemeente received their application (Awb 4:3a: the receipt of an
//! application sent electronically is confirmed), with what they answered
//! and sent. Same house style and PDF/A as the letters.

use crate::inhoud::{Blok, Brief};
use crate::pdf::{self, Omslag};
use crate::{BriefFout, Huisstijl, datum_nl};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ontvangstbewijs {
    /// Zaak identificatie.
    pub kenmerk: String,
    /// The day the application was received.
    pub ontvangen: NaiveDate,
    /// The date by which the resident hears the decision.
    pub uiterlijk: Option<NaiveDate>,
    pub ontvanger_naam: String,
    /// Per step of the form: its title and (question, answer).
    pub antwoorden: Vec<(String, Vec<(String, String)>)>,
    /// The names of the documents sent with it.
    pub documenten: Vec<String>,
}

fn onderwerp(o: &Ontvangstbewijs) -> String {
    format!("Bewijs van ontvangst van uw aanvraag {}", o.kenmerk)
}

fn brief(h: &Huisstijl, o: &Ontvangstbewijs) -> Brief {
    let mut afzender = vec![h.gemeente_naam.clone(), h.afdeling.clone()];
    afzender.extend(h.postadres.iter().cloned());
    afzender.push(format!("Telefoon {}", h.telefoon));
    afzender.push(h.website.clone());
    let mut romp = vec![Blok::Alinea(format!(
        "Wij hebben uw aanvraag voor bijstand ontvangen op {}. Uw zaaknummer is {}.{}",
        datum_nl(o.ontvangen),
        o.kenmerk,
        o.uiterlijk
            .map(|d| format!(" U hoort uiterlijk {} of u bijstand krijgt.", datum_nl(d)))
            .unwrap_or_default()
    ))];
    romp.push(Blok::Alinea(
        "Bewaar dit bewijs. Hieronder staat wat u ons heeft gegeven.".into(),
    ));
    for (titel, regels) in &o.antwoorden {
        if regels.is_empty() {
            continue;
        }
        romp.push(Blok::Kop(titel.clone()));
        romp.push(Blok::Lijst(
            regels.iter().map(|(v, a)| format!("{v} {a}")).collect(),
        ));
    }
    romp.push(Blok::Kop("Documenten".into()));
    if o.documenten.is_empty() {
        romp.push(Blok::Alinea("U heeft geen documenten meegestuurd.".into()));
    } else {
        romp.push(Blok::Lijst(o.documenten.clone()));
    }
    romp.push(Blok::Kop("Klopt er iets niet?".into()));
    romp.push(Blok::Alinea(format!(
        "Bel ons op {} en noem uw zaaknummer: {}.",
        h.telefoon.trim(),
        o.kenmerk
    )));
    Brief {
        afzender: afzender
            .into_iter()
            .filter(|r| !r.trim().is_empty())
            .collect(),
        ontvanger: vec![o.ontvanger_naam.clone()],
        kenmerken: vec![
            ("Datum".into(), datum_nl(o.ontvangen)),
            ("Ons kenmerk".into(), o.kenmerk.clone()),
            ("Onderwerp".into(), onderwerp(o)),
        ],
        romp,
    }
}

/// The receipt as plain text (same content as the PDF).
pub fn ontvangstbewijs_tekst(h: &Huisstijl, o: &Ontvangstbewijs) -> String {
    brief(h, o).als_tekst()
}

/// The receipt as PDF/A-2a.
pub fn ontvangstbewijs_pdf(h: &Huisstijl, o: &Ontvangstbewijs) -> Result<Vec<u8>, BriefFout> {
    let omslag = Omslag {
        titel: onderwerp(o),
        beschrijving: format!(
            "Ontvangstbewijs van {} voor aanvraag {}",
            h.gemeente_naam, o.kenmerk
        ),
        kenmerk: o.kenmerk.clone(),
        datum: o.ontvangen,
    };
    pdf::maak_pdf(h, &omslag, &brief(h, o))
}

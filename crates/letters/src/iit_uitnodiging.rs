//! The invitation to the individuele inkomenstoeslag (art. 36
//! Participatiewet) on paper, for a resident who did not agree to
//! electronic delivery (Awb 2:14): the same message as in Mijn inkomen, and
//! how to apply by phone or at the counter for whoever cannot go online.
//! Not a decision: the resident's confirmation is the aanvraag. B1 Dutch;
//! no BSN, only the kenmerk of their bijstand like other letters.

use crate::inhoud::{Blok, Brief, afzender};
use crate::pdf::{self, Omslag};
use crate::{BriefFout, Huisstijl, datum_nl};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IitUitnodiging {
    /// The identificatie of the zaak of their bijstand.
    pub kenmerk: String,
    /// The day of the letter.
    pub datum: NaiveDate,
    pub ontvanger_naam: String,
    pub ontvanger_adres: Vec<String>,
    /// The toeslag the rules found, "€ 462,00".
    pub bedrag: String,
}

const ONDERWERP: &str = "U kunt een individuele inkomenstoeslag krijgen";

fn brief(h: &Huisstijl, u: &IitUitnodiging) -> Brief {
    let mut ontvanger = vec![u.ontvanger_naam.clone()];
    ontvanger.extend(u.ontvanger_adres.iter().cloned());
    let aanhef = match u.ontvanger_naam.trim() {
        "" => "heer of mevrouw",
        naam => naam,
    };
    let telefoon = h.telefoon.trim();
    let romp = vec![
        Blok::Alinea(format!("Beste {aanhef},")),
        Blok::Alinea(format!(
            "U heeft al lang een laag inkomen. Daarom kunt u waarschijnlijk een individuele inkomenstoeslag krijgen. Dat is {} en u krijgt het één keer (artikel 36 Participatiewet).",
            u.bedrag
        )),
        Blok::Kop("De aanvraag staat al voor u klaar".into()),
        Blok::Alinea(format!(
            "Wij hebben de aanvraag al voor u ingevuld. Log in op Mijn inkomen ({}) met DigiD. Kijk of alles klopt en verstuur de aanvraag. Dat is één stap.",
            h.website.trim()
        )),
        Blok::Alinea(
            "Pas als u de aanvraag verstuurt, vraagt u de toeslag aan. Wilt u de toeslag niet? Dan hoeft u niets te doen.".into(),
        ),
        Blok::Kop("Kunt u niet online?".into()),
        Blok::Alinea(format!(
            "Bel ons op {telefoon}. Of kom naar de balie van het gemeentehuis. Wij doen de aanvraag dan samen met u. Noem uw kenmerk: {}.",
            u.kenmerk
        )),
        Blok::Regels(vec!["Met vriendelijke groet,".into(), h.gemeente_naam.clone()]),
    ];
    Brief {
        afzender: afzender(h),
        ontvanger: ontvanger
            .into_iter()
            .filter(|r| !r.trim().is_empty())
            .collect(),
        kenmerken: vec![
            ("Datum".into(), datum_nl(u.datum)),
            ("Ons kenmerk".into(), u.kenmerk.clone()),
            ("Onderwerp".into(), ONDERWERP.into()),
        ],
        romp,
    }
}

/// The invitation as plain text (same content as the PDF).
pub fn iit_uitnodiging_tekst(h: &Huisstijl, u: &IitUitnodiging) -> String {
    brief(h, u).als_tekst()
}

/// The invitation as PDF/A-2a.
pub fn iit_uitnodiging_pdf(h: &Huisstijl, u: &IitUitnodiging) -> Result<Vec<u8>, BriefFout> {
    let omslag = Omslag {
        titel: format!("{ONDERWERP} - {}", u.kenmerk),
        beschrijving: format!(
            "Uitnodiging voor de individuele inkomenstoeslag van {}",
            h.gemeente_naam
        ),
        kenmerk: u.kenmerk.clone(),
        datum: u.datum,
    };
    pdf::maak_pdf(h, &omslag, &brief(h, u))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uitnodiging() -> IitUitnodiging {
        IitUitnodiging {
            kenmerk: "ALO-0392-2022-000001".into(),
            datum: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            ontvanger_naam: "Anna de Vries".into(),
            ontvanger_adres: vec!["Grote Markt 2".into(), "2011 RD Haarlem".into()],
            bedrag: "€ 462,00".into(),
        }
    }

    #[test]
    fn the_letter_names_the_toeslag_the_amount_and_the_ways_to_apply() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let t = iit_uitnodiging_tekst(&h, &uitnodiging());
        for verwacht in [
            "individuele inkomenstoeslag",
            "artikel 36 Participatiewet",
            "€ 462,00",
            "Mijn inkomen",
            "één stap",
            "Bel ons op",
            "balie",
            "ALO-0392-2022-000001",
        ] {
            assert!(t.contains(verwacht), "{verwacht:?} in:\n{t}");
        }
        assert!(!t.contains("BSN"), "{t}");
        insta::assert_snapshot!("iit_uitnodiging", t);
        let pdf = iit_uitnodiging_pdf(&h, &uitnodiging()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

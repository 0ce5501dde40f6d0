//! What the letter says, independent of how it is shown.
//!
//! [`Brief::maak`] turns a house style and a decision into blocks of text.
//! The plain-text letter and the PDF are both rendered from these blocks.
//! The wording is B1 Dutch: short sentences, "u", one idea per sentence.

use crate::{Beschikking, Besluit, Huisstijl, Regel, datum_nl};
use gbi_domain::Money;

/// The subject line of every beschikking.
pub(crate) const ONDERWERP: &str = "Besluit op uw aanvraag bijstand";

/// One block of the body of the letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Blok {
    /// A section heading.
    Kop(String),
    /// A paragraph; wraps.
    Alinea(String),
    /// A bulleted list; each item wraps.
    Lijst(Vec<String>),
    /// Calculation lines, each with its legal reference in small text.
    Berekening(Vec<Regel>),
    /// Lines kept together as they are (address, signature); an empty
    /// string is an empty line.
    Regels(Vec<String>),
}

// `Regel` comes from the public API; compare it by content here.
impl PartialEq for Regel {
    fn eq(&self, other: &Self) -> bool {
        self.tekst == other.tekst && self.verwijzing == other.verwijzing
    }
}
impl Eq for Regel {}

/// The whole letter as text blocks.
#[derive(Debug, Clone)]
pub(crate) struct Brief {
    /// Sender block (top right in the PDF).
    pub afzender: Vec<String>,
    /// Recipient: name, then address lines.
    pub ontvanger: Vec<String>,
    /// Label and value: date, kenmerk, subject.
    pub kenmerken: Vec<(String, String)>,
    /// The body, from salutation to signature.
    pub romp: Vec<Blok>,
}

/// "Gemeente Haarlem" -> "Haarlem", for "het college van ... van Haarlem".
fn plaatsnaam(gemeente_naam: &str) -> &str {
    let naam = gemeente_naam.trim();
    match naam.get(..9) {
        Some(voor) if voor.eq_ignore_ascii_case("gemeente ") => naam[9..].trim(),
        _ => naam,
    }
}

fn niet_leeg(regels: &[String]) -> Vec<String> {
    regels
        .iter()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect()
}

impl Brief {
    pub(crate) fn maak(h: &Huisstijl, b: &Beschikking) -> Brief {
        let mut afzender = vec![h.gemeente_naam.clone(), h.afdeling.clone()];
        afzender.extend(niet_leeg(&h.postadres));
        afzender.push(format!("Telefoon {}", h.telefoon));
        afzender.push(h.website.clone());
        let afzender = niet_leeg(&afzender);

        let mut ontvanger = vec![b.ontvanger_naam.clone()];
        ontvanger.extend(niet_leeg(&b.ontvanger_adres));

        let kenmerken = vec![
            ("Datum".to_string(), datum_nl(b.datum)),
            ("Ons kenmerk".to_string(), b.kenmerk.clone()),
            ("Onderwerp".to_string(), ONDERWERP.to_string()),
        ];

        let mut romp = Vec::new();
        let aanhef = match b.ontvanger_naam.trim() {
            "" => "heer of mevrouw",
            naam => naam,
        };
        romp.push(Blok::Alinea(format!("Beste {aanhef},")));
        romp.push(Blok::Alinea(format!(
            "Op {} vroeg u bijstand aan. In deze brief leest u ons besluit.",
            datum_nl(b.aanvraagdatum)
        )));
        besluit(&mut romp, b);
        berekening(&mut romp, b);
        plichten(&mut romp, b);
        grondslagen(&mut romp, b);
        bezwaar(&mut romp, h, b);
        romp.push(Blok::Kop("Heeft u vragen?".to_string()));
        romp.push(Blok::Alinea(format!(
            "Bel ons dan op {}. Of kijk op {}. Noem altijd ons kenmerk: {}.",
            h.telefoon.trim(),
            h.website.trim(),
            b.kenmerk
        )));
        // One block, so greeting and signature stay together on a page.
        let mut groet = vec![
            "Met vriendelijke groet,".to_string(),
            format!(
                "namens het college van burgemeester en wethouders van {},",
                plaatsnaam(&h.gemeente_naam)
            ),
            String::new(),
        ];
        groet.extend(niet_leeg(&[
            h.ondertekenaar_naam.clone(),
            h.ondertekenaar_functie.clone(),
        ]));
        romp.push(Blok::Regels(groet));

        Brief {
            afzender,
            ontvanger: niet_leeg(&ontvanger),
            kenmerken,
            romp,
        }
    }

    /// The letter as plain text: blocks separated by an empty line.
    pub(crate) fn als_tekst(&self) -> String {
        let mut delen: Vec<String> = Vec::new();
        delen.push(self.afzender.join("\n"));
        if !self.ontvanger.is_empty() {
            delen.push(self.ontvanger.join("\n"));
        }
        delen.push(
            self.kenmerken
                .iter()
                .map(|(label, waarde)| format!("{label}: {waarde}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        for blok in &self.romp {
            delen.push(match blok {
                Blok::Kop(t) | Blok::Alinea(t) => t.clone(),
                Blok::Lijst(items) => items
                    .iter()
                    .map(|i| format!("- {i}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                Blok::Berekening(regels) => regels
                    .iter()
                    .map(|r| format!("- {}\n  ({})", r.tekst, r.verwijzing))
                    .collect::<Vec<_>>()
                    .join("\n"),
                Blok::Regels(regels) => regels.join("\n"),
            });
        }
        let mut tekst = delen.join("\n\n");
        tekst.push('\n');
        tekst
    }
}

fn besluit(romp: &mut Vec<Blok>, b: &Beschikking) {
    romp.push(Blok::Kop("Ons besluit".to_string()));
    match &b.besluit {
        Besluit::Toekenning { .. } => romp.push(Blok::Alinea(beslissing_zin(&b.besluit))),
        Besluit::Afwijzing { gronden } => {
            romp.push(Blok::Alinea(beslissing_zin(&b.besluit)));
            let gronden = niet_leeg(gronden);
            match gronden.len() {
                0 => {}
                1 => {
                    romp.push(Blok::Alinea("Dit is de reden:".to_string()));
                    romp.push(Blok::Lijst(gronden));
                }
                _ => {
                    romp.push(Blok::Alinea("Dit zijn de redenen:".to_string()));
                    romp.push(Blok::Lijst(gronden));
                }
            }
        }
        Besluit::BuitenBehandeling { reden } => {
            romp.push(Blok::Alinea(beslissing_zin(&b.besluit)));
            if !reden.trim().is_empty() {
                romp.push(Blok::Alinea(format!("De reden is: {}", reden.trim())));
            }
            romp.push(Blok::Alinea(
                "Wij mogen dit doen als u gegevens die wij nodig hebben niet op tijd heeft \
                 gestuurd. Dit staat in artikel 4:5 van de Algemene wet bestuursrecht (Awb). \
                 U mag altijd opnieuw bijstand aanvragen."
                    .to_string(),
            ));
        }
    }
}

/// The decision in one or two clear sentences.
pub(crate) fn beslissing_zin(besluit: &Besluit) -> String {
    match besluit {
        Besluit::Toekenning {
            ingangsdatum,
            bedrag_per_maand_cents,
            ..
        } => format!(
            "U krijgt bijstand vanaf {}. U krijgt {} per maand.",
            datum_nl(*ingangsdatum),
            Money::from_cents(*bedrag_per_maand_cents)
        ),
        Besluit::Afwijzing { .. } => "U krijgt geen bijstand.".to_string(),
        Besluit::BuitenBehandeling { .. } => {
            "Wij nemen uw aanvraag niet in behandeling.".to_string()
        }
    }
}

fn berekening(romp: &mut Vec<Blok>, b: &Beschikking) {
    if matches!(b.besluit, Besluit::BuitenBehandeling { .. }) || b.berekening.is_empty() {
        return;
    }
    romp.push(Blok::Kop("Hoe hebben wij dit berekend?".to_string()));
    romp.push(Blok::Alinea(
        "Hieronder ziet u hoe wij uw bijstand hebben berekend. Bij elke stap staat welke \
         regel wij hebben gebruikt."
            .to_string(),
    ));
    romp.push(Blok::Berekening(b.berekening.clone()));
}

fn plichten(romp: &mut Vec<Blok>, b: &Beschikking) {
    let Besluit::Toekenning { verplichtingen, .. } = &b.besluit else {
        return;
    };
    romp.push(Blok::Kop("Uw plichten".to_string()));
    let verplichtingen = niet_leeg(verplichtingen);
    if !verplichtingen.is_empty() {
        romp.push(Blok::Alinea(
            "Als u bijstand krijgt, moet u zich aan deze afspraken houden:".to_string(),
        ));
        romp.push(Blok::Lijst(verplichtingen));
    }
    romp.push(Blok::Alinea(
        "Verandert er iets in uw leven? Geef dat dan meteen aan ons door. Bijvoorbeeld als u \
         werk vindt, gaat samenwonen, verhuist of ander inkomen krijgt. Dit moet van de wet. \
         Het heet de inlichtingenplicht (artikel 17 Participatiewet)."
            .to_string(),
    ));
    romp.push(Blok::Alinea(
        "Geeft u iets niet of te laat door? Dan moet u misschien bijstand terugbetalen. \
         U kunt dan ook een boete krijgen."
            .to_string(),
    ));
}

fn grondslagen(romp: &mut Vec<Blok>, b: &Beschikking) {
    let grondslagen = niet_leeg(&b.grondslagen);
    if grondslagen.is_empty() {
        return;
    }
    romp.push(Blok::Kop("Waarop is dit besluit gebaseerd?".to_string()));
    romp.push(Blok::Alinea(
        "Wij hebben dit besluit genomen op basis van deze regels:".to_string(),
    ));
    romp.push(Blok::Lijst(grondslagen));
}

/// The bezwaar sentence that must be in every letter. The term of 6 weeks
/// (Awb 6:7) starts on the day after the letter was sent (bekendmaking,
/// Awb 6:8), not on the date printed on it.
pub(crate) const BEZWAAR_ZIN: &str =
    "Doe dit binnen 6 weken na de dag waarop wij deze brief hebben verstuurd.";

fn bezwaar(romp: &mut Vec<Blok>, h: &Huisstijl, b: &Beschikking) {
    romp.push(Blok::Kop(
        "Bent u het niet eens met dit besluit?".to_string(),
    ));
    romp.push(Blok::Alinea(format!(
        "Dan kunt u bezwaar maken. {BEZWAAR_ZIN} Dit staat in de artikelen 6:7 en 6:8 van \
         de Algemene wet bestuursrecht (Awb). Bezwaar maken is gratis."
    )));
    romp.push(Blok::Alinea("Schrijf een brief. Zet daarin:".to_string()));
    romp.push(Blok::Lijst(vec![
        "uw naam en adres".to_string(),
        "de datum".to_string(),
        format!("ons kenmerk: {}", b.kenmerk),
        "waarom u het niet eens bent met dit besluit".to_string(),
        "uw handtekening".to_string(),
    ]));
    romp.push(Blok::Alinea(
        "Stuur ook een kopie van deze brief mee. Stuur uw brief naar:".to_string(),
    ));
    let adres = niet_leeg(&h.bezwaar_adres);
    if adres.is_empty() {
        romp.push(Blok::Regels(niet_leeg(std::slice::from_ref(
            &h.gemeente_naam,
        ))));
    } else {
        romp.push(Blok::Regels(adres));
    }
    romp.push(Blok::Alinea(format!(
        "U kunt ook digitaal bezwaar maken. Kijk hiervoor op {}.",
        h.website.trim()
    )));
    romp.push(Blok::Alinea(
        "Dit besluit blijft gelden, ook als u bezwaar maakt. Is uw situatie dringend? Dan \
         kunt u de rechter vragen om snel een voorlopige beslissing te nemen. Dit heet een \
         voorlopige voorziening."
            .to_string(),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plaatsnaam_zonder_gemeente() {
        assert_eq!(plaatsnaam("Gemeente Haarlem"), "Haarlem");
        assert_eq!(plaatsnaam("gemeente Súdwest-Fryslân"), "Súdwest-Fryslân");
        assert_eq!(plaatsnaam("Haarlem"), "Haarlem");
        assert_eq!(plaatsnaam("Gemeent"), "Gemeent");
    }
}

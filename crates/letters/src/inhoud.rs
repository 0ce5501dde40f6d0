//! What the letter says, independent of how it is shown.
//!
//! [`Brief::maak`] turns a house style and a decision into blocks of text.
//! The plain-text letter and the PDF are both rendered from these blocks.
//! The wording is B1 Dutch: short sentences, "u", one idea per sentence.

use crate::{Beschikking, Besluit, Huisstijl, Regel, datum_nl};
use gbi_domain::Money;

/// How the subject line of a beschikking on an application begins.
pub(crate) const ONDERWERP_BEGIN: &str = "Besluit op uw aanvraag ";
/// The subject line of a voorschot (art. 52).
pub(crate) const ONDERWERP_VOORSCHOT: &str = "Besluit over een voorschot op uw bijstand";

/// What was applied for, as the letter names it.
pub(crate) fn regeling(b: &Beschikking) -> &str {
    b.regeling.as_deref().unwrap_or("bijstand")
}

/// The subject lines of decisions that do not answer an aanvraag.
pub(crate) const ONDERWERP_TERUGVORDERING: &str = "Besluit over het terugbetalen van bijstand";
pub(crate) const ONDERWERP_KWIJTSCHELDING: &str = "Besluit over kwijtschelding van uw schuld";
pub(crate) const ONDERWERP_BOETE: &str = "Besluit over een boete";
pub(crate) const ONDERWERP_WAARSCHUWING: &str = "Besluit over een waarschuwing";

/// The subject line of a letter.
pub(crate) fn onderwerp(b: &Beschikking) -> String {
    match b.besluit {
        Besluit::Voorschot { .. } => ONDERWERP_VOORSCHOT.to_owned(),
        Besluit::Terugvordering { .. } => ONDERWERP_TERUGVORDERING.to_owned(),
        Besluit::Kwijtschelding { .. } => ONDERWERP_KWIJTSCHELDING.to_owned(),
        Besluit::Boete { .. } => ONDERWERP_BOETE.to_owned(),
        Besluit::Waarschuwing { .. } => ONDERWERP_WAARSCHUWING.to_owned(),
        _ => format!("{ONDERWERP_BEGIN}{}", regeling(b)),
    }
}

/// Whether a subject line is that of a decision (shown as the letter's
/// heading in the PDF).
pub(crate) fn is_besluit_onderwerp(onderwerp: &str) -> bool {
    onderwerp.starts_with(ONDERWERP_BEGIN)
        || [
            ONDERWERP_VOORSCHOT,
            ONDERWERP_TERUGVORDERING,
            ONDERWERP_KWIJTSCHELDING,
            ONDERWERP_BOETE,
            ONDERWERP_WAARSCHUWING,
        ]
        .contains(&onderwerp)
}

/// Whether the decision answers an aanvraag (and the letter names its date).
fn op_aanvraag(besluit: &Besluit) -> bool {
    !matches!(
        besluit,
        Besluit::Terugvordering { .. }
            | Besluit::Kwijtschelding { .. }
            | Besluit::Boete { .. }
            | Besluit::Waarschuwing { .. }
    )
}

/// "Beste J. Jansen," or, without a name, "Beste heer of mevrouw,".
pub(crate) fn aanhef(naam: &str) -> Blok {
    let aanhef = match naam.trim() {
        "" => "heer of mevrouw",
        naam => naam,
    };
    Blok::Alinea(format!("Beste {aanhef},"))
}

/// Greeting and signature, one block so they stay together on a page.
pub(crate) fn groet(h: &Huisstijl) -> Blok {
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
    Blok::Regels(groet)
}

/// Recipient lines: the name, then the address, leaving out what is empty.
pub(crate) fn ontvanger(naam: &str, adres: &[String]) -> Vec<String> {
    let mut ontvanger = vec![naam.to_string()];
    ontvanger.extend(niet_leeg(adres));
    niet_leeg(&ontvanger)
}

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

/// The sender's lines of every letter: the gemeente, its department,
/// postal address, phone and website, leaving out what is empty.
pub(crate) fn afzender(h: &Huisstijl) -> Vec<String> {
    let mut afzender = vec![h.gemeente_naam.clone(), h.afdeling.clone()];
    afzender.extend(niet_leeg(&h.postadres));
    afzender.push(format!("Telefoon {}", h.telefoon));
    afzender.push(h.website.clone());
    niet_leeg(&afzender)
}

impl Brief {
    pub(crate) fn maak(h: &Huisstijl, b: &Beschikking) -> Brief {
        let afzender = afzender(h);

        let kenmerken = vec![
            ("Datum".to_string(), datum_nl(b.datum)),
            ("Ons kenmerk".to_string(), b.kenmerk.clone()),
            ("Onderwerp".to_string(), onderwerp(b)),
        ];

        let mut romp = vec![aanhef(&b.ontvanger_naam)];
        if op_aanvraag(&b.besluit) {
            romp.push(Blok::Alinea(format!(
                "Op {} vroeg u {} aan. In deze brief leest u ons besluit.",
                datum_nl(b.aanvraagdatum),
                regeling(b)
            )));
        } else {
            romp.push(Blok::Alinea(crate::terugvordering::aanleiding(&b.besluit)));
        }
        besluit(&mut romp, b);
        crate::voorschot::uitleg(&mut romp, &b.besluit);
        crate::eenmalig::uitleg(&mut romp, &b.besluit);
        crate::periodiek::uitleg(&mut romp, &b.besluit);
        crate::terugvordering::uitleg(&mut romp, &b.besluit);
        crate::boete::uitleg(&mut romp, &b.besluit);
        berekening(&mut romp, b);
        crate::terugvordering::betaling(&mut romp, h, b);
        jonger_dan_27(&mut romp, b);
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
        romp.push(groet(h));

        Brief {
            afzender,
            ontvanger: ontvanger(&b.ontvanger_naam, &b.ontvanger_adres),
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
    romp.push(Blok::Alinea(beslissing_zin(&b.besluit, regeling(b))));
    match &b.besluit {
        Besluit::Toekenning {
            ingangsdatum,
            reden_latere_ingang,
            ..
        } => latere_ingang(romp, b.aanvraagdatum, *ingangsdatum, reden_latere_ingang),
        Besluit::Afwijzing {
            gronden,
            toelichting,
        } => {
            let gronden: Vec<Regel> = gronden
                .iter()
                .filter(|g| !g.tekst.trim().is_empty())
                .cloned()
                .collect();
            match gronden.len() {
                0 => {}
                1 => romp.push(Blok::Alinea("Dit is de reden:".to_string())),
                _ => romp.push(Blok::Alinea("Dit zijn de redenen:".to_string())),
            }
            if !gronden.is_empty() {
                romp.push(Blok::Berekening(gronden));
            }
            if !toelichting.trim().is_empty() {
                romp.push(Blok::Alinea(
                    "Dit is onze uitleg bij uw situatie:".to_string(),
                ));
                romp.push(Blok::Alinea(toelichting.trim().to_string()));
            }
        }
        Besluit::Eenmalig { .. }
        | Besluit::Periodiek { .. }
        | Besluit::Terugvordering { .. }
        | Besluit::Kwijtschelding { .. }
        | Besluit::Boete { .. }
        | Besluit::Waarschuwing { .. } => {}
        Besluit::BuitenBehandeling { reden } => {
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
        Besluit::Voorschot { .. } => {}
    }
}

/// A start after the aanvraag refuses bijstand for the days before it
/// (art. 44, eerste lid): the letter names that period and the reason.
fn latere_ingang(
    romp: &mut Vec<Blok>,
    aanvraag: chrono::NaiveDate,
    ingang: chrono::NaiveDate,
    reden: &Option<String>,
) {
    let Some(tot_en_met) = ingang.pred_opt().filter(|d| *d >= aanvraag) else {
        return;
    };
    let periode = if tot_en_met == aanvraag {
        format!("op {}", datum_nl(aanvraag))
    } else {
        format!(
            "van {} tot en met {}",
            datum_nl(aanvraag),
            datum_nl(tot_en_met)
        )
    };
    romp.push(Blok::Kop(
        "Voor een deel van de tijd krijgt u geen bijstand".to_string(),
    ));
    romp.push(Blok::Alinea(format!(
        "U vroeg bijstand aan vanaf {}. Maar u krijgt pas bijstand vanaf {}. \
         Daarom krijgt u {periode} geen bijstand. Voor die dagen wijzen wij uw aanvraag af.",
        datum_nl(aanvraag),
        datum_nl(ingang)
    )));
    if let Some(r) = reden.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        romp.push(Blok::Alinea(format!("De reden is: {r}")));
    }
    romp.push(Blok::Alinea(
        "U krijgt bijstand vanaf de dag waarop u er recht op heeft. Dit staat in artikel 44, \
         eerste lid, van de Participatiewet."
            .to_string(),
    ));
}

/// Under 27 (art. 41, vierde lid, and 44, vierde lid): the zoektermijn and
/// the plan van aanpak.
fn jonger_dan_27(romp: &mut Vec<Blok>, b: &Beschikking) {
    let Besluit::Toekenning { onder_27: true, .. } = &b.besluit else {
        return;
    };
    romp.push(Blok::Kop("U bent jonger dan 27 jaar".to_string()));
    romp.push(Blok::Alinea(
        "U moest eerst vier weken zelf zoeken naar werk of naar een opleiding. Dit heet de \
         zoektermijn. Uw bijstand gaat niet eerder in dan na die vier weken. Dit staat in \
         artikel 41, vierde lid, en artikel 44, vierde lid, van de Participatiewet."
            .to_string(),
    ));
    romp.push(Blok::Alinea(
        "Samen met u maken wij een plan van aanpak. Daarin staat wat u gaat doen om werk te \
         vinden of een opleiding te volgen, en hoe wij u daarbij helpen. Houd u aan de \
         afspraken in dat plan. Dit staat in artikel 44a van de Participatiewet."
            .to_string(),
    ));
}

/// The decision in one or two clear sentences.
pub(crate) fn beslissing_zin(besluit: &Besluit, regeling: &str) -> String {
    match besluit {
        Besluit::Eenmalig { bedrag_cents, .. } => {
            format!("U krijgt {regeling}: {}.", Money::from_cents(*bedrag_cents))
        }
        Besluit::Periodiek {
            bedrag_per_maand_cents,
            ingangsdatum,
            einddatum,
            ..
        } => format!(
            "U krijgt {regeling}: {} per maand, van {} tot en met {}.",
            Money::from_cents(*bedrag_per_maand_cents),
            datum_nl(*ingangsdatum),
            datum_nl(*einddatum)
        ),
        Besluit::Toekenning {
            ingangsdatum,
            bedrag_per_maand_cents,
            ..
        } => format!(
            "U krijgt bijstand vanaf {}. U krijgt {} per maand.",
            datum_nl(*ingangsdatum),
            Money::from_cents(*bedrag_per_maand_cents)
        ),
        Besluit::Afwijzing { .. } => format!("U krijgt geen {regeling}."),
        Besluit::BuitenBehandeling { .. } => {
            "Wij nemen uw aanvraag niet in behandeling.".to_string()
        }
        Besluit::Voorschot { bedrag_cents, .. } => format!(
            "Wij hebben nog niet beslist over uw aanvraag. U krijgt wel alvast een voorschot \
             van {} per maand, tot wij hebben beslist.",
            Money::from_cents(*bedrag_cents)
        ),
        Besluit::Terugvordering { totaal_cents, .. } => format!(
            "U moet {} aan bijstand terugbetalen. U kreeg dit geld te veel of ten onrechte.",
            Money::from_cents(*totaal_cents)
        ),
        Besluit::Kwijtschelding {
            kwijtgescholden_cents,
            ..
        } => format!(
            "U hoeft de rest van uw schuld niet meer te betalen. Wij schelden {} kwijt.",
            Money::from_cents(*kwijtgescholden_cents)
        ),
        Besluit::Boete { bedrag_cents, .. } => {
            format!(
                "U krijgt een boete van {}.",
                Money::from_cents(*bedrag_cents)
            )
        }
        Besluit::Waarschuwing { .. } => {
            "U krijgt een schriftelijke waarschuwing. U krijgt geen boete.".to_string()
        }
    }
}

fn berekening(romp: &mut Vec<Blok>, b: &Beschikking) {
    if matches!(b.besluit, Besluit::BuitenBehandeling { .. }) || b.berekening.is_empty() {
        return;
    }
    romp.push(Blok::Kop("Hoe hebben wij dit berekend?".to_string()));
    let inleiding = match &b.besluit {
        Besluit::Afwijzing { .. } => {
            "Hieronder ziet u wat wij hebben berekend: uw norm, uw inkomen en uw vermogen. \
             Bij elke stap staat welke regel wij hebben gebruikt."
        }
        Besluit::Voorschot { .. } => {
            "Hieronder ziet u hoe wij de bijstand hebben berekend die wij verwachten. Bij elke \
             stap staat welke regel wij hebben gebruikt."
        }
        Besluit::Eenmalig { .. }
        | Besluit::Periodiek { .. }
        | Besluit::Terugvordering { .. }
        | Besluit::Kwijtschelding { .. }
        | Besluit::Boete { .. }
        | Besluit::Waarschuwing { .. } => {
            "Hieronder ziet u hoe wij het bedrag hebben berekend. Bij elke stap staat welke \
             regel wij hebben gebruikt."
        }
        _ => {
            "Hieronder ziet u hoe wij uw bijstand hebben berekend. Bij elke stap staat welke \
             regel wij hebben gebruikt."
        }
    };
    romp.push(Blok::Alinea(inleiding.to_string()));
    romp.push(Blok::Berekening(b.berekening.clone()));
    if let Besluit::Toekenning {
        reden_ander_bedrag: Some(reden),
        ..
    } = &b.besluit
        && !reden.trim().is_empty()
    {
        romp.push(Blok::Alinea(format!(
            "Wij geven u een ander bedrag dan de berekening. De reden is: {}",
            reden.trim()
        )));
    }
}

fn plichten(romp: &mut Vec<Blok>, b: &Beschikking) {
    let verplichtingen = match &b.besluit {
        Besluit::Toekenning { verplichtingen, .. }
        | Besluit::Eenmalig { verplichtingen, .. }
        | Besluit::Periodiek { verplichtingen, .. } => niet_leeg(verplichtingen),
        Besluit::Voorschot { .. } => Vec::new(),
        _ => return,
    };
    romp.push(Blok::Kop("Uw plichten".to_string()));
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

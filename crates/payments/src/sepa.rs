//! SEPA credit transfer initiation, ISO 20022 pain.001.001.09, as banks in
//! the Netherlands accept it for bulk payments (one PmtInf per run, SEPA
//! service level, amounts in euros with two decimals).

use chrono::{NaiveDate, NaiveDateTime};
use gbi_domain::{Iban, Money};
use std::fmt::Write;

/// The paying party: the gemeente.
pub struct Debiteur<'a> {
    pub naam: &'a str,
    pub iban: &'a Iban,
    /// BIC of the gemeente's bank (e.g. BNGHNL2G); optional in SEPA.
    pub bic: Option<&'a str>,
}

/// One credit transfer.
pub struct Overboeking<'a> {
    /// Unique per payment, at most 35 characters; the bank reports it back.
    pub end_to_end_id: &'a str,
    pub bedrag: Money,
    pub naam: &'a str,
    pub iban: &'a Iban,
    /// Unstructured remittance text, at most 140 characters.
    pub omschrijving: &'a str,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SepaFout {
    #[error("een betaling van {0} kan niet: SEPA betaalt alleen positieve bedragen")]
    GeenPositiefBedrag(Money),
    #[error("een betaalbestand zonder betalingen")]
    Leeg,
    #[error(
        "de naam bij betaling {0} heeft geen letters die in een SEPA-bestand passen; het bestand is niet gemaakt"
    )]
    NaamZonderLetters(String),
}

/// A BIC (ISO 9362) in capitals: 4 letters for the bank, 2 for the country,
/// 2 letters or digits for the location, and optionally 3 for the branch
/// (`BNGHNL2G`, `INGBNL2AXXX`). Spaces are ignored.
pub fn bic(input: &str) -> Result<String, &'static str> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let b = s.as_bytes();
    let ok = (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(u8::is_ascii_alphanumeric);
    if ok {
        Ok(s)
    } else {
        Err("Deze BIC klopt niet. Een BIC heeft 8 of 11 letters en cijfers, bijvoorbeeld BNGHNL2G.")
    }
}

/// Text in the SEPA character set, letters converted rather than lost
/// ([`crate::sepa_tekst`]), cut to `max` characters.
fn sepa_text(s: &str, max: usize) -> String {
    crate::sepa_tekst::sepa_tekst(s, max)
}

fn amount(m: Money) -> String {
    format!("{}.{:02}", m.cents() / 100, m.cents() % 100)
}

/// Write the XML document. `msg_id` identifies the file (≤ 35 characters).
pub fn pain_001_001_09(
    msg_id: &str,
    aangemaakt: NaiveDateTime,
    uitvoerdatum: NaiveDate,
    debiteur: &Debiteur<'_>,
    betalingen: &[Overboeking<'_>],
) -> Result<String, SepaFout> {
    if betalingen.is_empty() {
        return Err(SepaFout::Leeg);
    }
    let mut totaal = Money::ZERO;
    for b in betalingen {
        if b.bedrag.cents() <= 0 {
            return Err(SepaFout::GeenPositiefBedrag(b.bedrag));
        }
        totaal += b.bedrag;
    }
    let n = betalingen.len();
    let naam = sepa_text(debiteur.naam, 70);
    // An empty <Nm> makes the whole file invalid, and a name without a
    // letter pays to nobody the bank knows: refuse rather than send it.
    let zonder_letters = |n: &str| !n.chars().any(|c| c.is_ascii_alphabetic());
    if zonder_letters(&naam) {
        return Err(SepaFout::NaamZonderLetters("van de gemeente".into()));
    }
    if let Some(b) = betalingen
        .iter()
        .find(|b| zonder_letters(&sepa_text(b.naam, 70)))
    {
        return Err(SepaFout::NaamZonderLetters(b.end_to_end_id.to_owned()));
    }
    let msg = sepa_text(msg_id, 35);
    let mut x = String::with_capacity(600 + n * 520);
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\">\
<CstmrCdtTrfInitn><GrpHdr><MsgId>{msg}</MsgId><CreDtTm>{}</CreDtTm><NbOfTxs>{n}</NbOfTxs><CtrlSum>{}</CtrlSum>\
<InitgPty><Nm>{naam}</Nm></InitgPty></GrpHdr>\
<PmtInf><PmtInfId>{msg}</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg><NbOfTxs>{n}</NbOfTxs><CtrlSum>{}</CtrlSum>\
<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf><ReqdExctnDt><Dt>{uitvoerdatum}</Dt></ReqdExctnDt>\
<Dbtr><Nm>{naam}</Nm></Dbtr><DbtrAcct><Id><IBAN>{}</IBAN></Id></DbtrAcct>",
        aangemaakt.format("%Y-%m-%dT%H:%M:%S"),
        amount(totaal),
        amount(totaal),
        debiteur.iban.as_str(),
    );
    match debiteur.bic {
        Some(bic) => {
            let _ = write!(
                x,
                "<DbtrAgt><FinInstnId><BICFI>{}</BICFI></FinInstnId></DbtrAgt>",
                sepa_text(bic, 11)
            );
        }
        None => x.push_str(
            "<DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>",
        ),
    }
    x.push_str("<ChrgBr>SLEV</ChrgBr>");
    for b in betalingen {
        let _ = write!(
            x,
            "<CdtTrfTxInf><PmtId><EndToEndId>{}</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"EUR\">{}</InstdAmt></Amt>\
<Cdtr><Nm>{}</Nm></Cdtr><CdtrAcct><Id><IBAN>{}</IBAN></Id></CdtrAcct><RmtInf><Ustrd>{}</Ustrd></RmtInf></CdtTrfTxInf>",
            sepa_text(b.end_to_end_id, 35),
            amount(b.bedrag),
            sepa_text(b.naam, 70),
            b.iban.as_str(),
            sepa_text(b.omschrijving, 140),
        );
    }
    x.push_str("</PmtInf></CstmrCdtTrfInitn></Document>\n");
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bic_has_8_or_11_characters_of_the_right_kind() {
        assert_eq!(bic("bngh nl2g").unwrap(), "BNGHNL2G");
        assert_eq!(bic("INGBNL2AXXX").unwrap(), "INGBNL2AXXX");
        for fout in [
            "",
            "BNGH",
            "BNGHNL2",
            "1NGHNL2G",
            "BNGHNL2GX",
            "BNGHNL2G-XX",
        ] {
            assert!(bic(fout).is_err(), "{fout}");
        }
    }

    #[test]
    fn text_is_reduced_to_the_sepa_character_set() {
        assert_eq!(sepa_text("Jan & Piet <Ünal>", 70), "Jan Piet Unal");
        assert_eq!(sepa_text(&"x".repeat(50), 35).len(), 35);
    }

    #[test]
    fn amounts_have_two_decimals() {
        assert_eq!(amount(Money::from_cents(141_946)), "1419.46");
        assert_eq!(amount(Money::from_cents(5)), "0.05");
    }

    #[test]
    fn refuses_empty_files_and_non_positive_amounts() {
        let iban = Iban::parse("NL91ABNA0417164300").unwrap();
        let d = Debiteur {
            naam: "Gemeente",
            iban: &iban,
            bic: None,
        };
        let t = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(
            pain_001_001_09("m", t.and_hms_opt(0, 0, 0).unwrap(), t, &d, &[]),
            Err(SepaFout::Leeg)
        );
        let b = [Overboeking {
            end_to_end_id: "e",
            bedrag: Money::ZERO,
            naam: "n",
            iban: &iban,
            omschrijving: "o",
        }];
        assert!(pain_001_001_09("m", t.and_hms_opt(0, 0, 0).unwrap(), t, &d, &b).is_err());
        let b = [Overboeking {
            end_to_end_id: "e1",
            bedrag: Money::from_cents(100),
            naam: "??? ★",
            iban: &iban,
            omschrijving: "o",
        }];
        assert_eq!(
            pain_001_001_09("m", t.and_hms_opt(0, 0, 0).unwrap(), t, &d, &b),
            Err(SepaFout::NaamZonderLetters("e1".into()))
        );
    }
}

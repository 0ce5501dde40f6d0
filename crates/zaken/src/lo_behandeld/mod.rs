//! Coexistence with existing systems (seed 002): after a decision on an
//! application for levensonderhoud (toekenning or afwijzing), the handled
//! application goes to the municipality's benefit system as a Socrates "LO
//! Behandeld" message (`shared/specs/socrates`). Built from the zaak, its
//! BRP snapshot and the approved decision; sent in the background, retried
//! when the receiver is down, and visible on the zaak until it lands.
//!
//! Everything the zaak and the decision know and the message has a field
//! for is sent: the decision (`besluit` and `profiel.indNietRechthebbend`),
//! the ingangsdatum (and why it differs from the wished date), the partner
//! and the minor children living with the applicant, the vermogen, the
//! housing with its costs, contact details and the BRP secrecy. BRP data are
//! fitted to the fields' limits (`gbi_registers::socrates::inpassen`). What
//! cannot be made valid is an [`Onverstuurbaar`] with the reason: work for
//! functioneel beheer, never a silent drop (docs/socrates-afwijkingen.md).

mod personen;

use crate::registers::BrpHuishouden;
use crate::voorstel::Voorstel;
use chrono::{Datelike, NaiveDate};
use gbi_registers::socrates::{
    Bedrag, Besluit, Contactgegevens, Dienst, Huishouding, Huisvesting,
    HuisvestingCodeRelatieBewonerTotHuisvesting, IngangBijstandsuitkering, JaNee, LOBehandeld,
    Leefsituatie, Profiel, RedenAanvraagLevensonderhoud, RedenAfwijkendeStartdatum,
    Redenafwijkendestartdatumtype, UitbetalingUitkering, UitbetalingUitkeringSoortUitbetaling,
    ZaakLOBehandeld,
};
use gbi_store::zaken::Zaak;
use serde_json::Value;

pub use personen::datum as brp_datum;

/// The end date of the `dienst` of a toekenning: the Participatiewet grants
/// bijstand without an end, the field is required; 9999-12-31 is "no end".
pub const OPEN_EINDE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Why no valid message can be made: a person must look at the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Onverstuurbaar(pub String);

impl std::fmt::Display for Onverstuurbaar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LO Behandeld kan niet worden verstuurd: {}", self.0)
    }
}

fn reden(code: &str) -> RedenAanvraagLevensonderhoud {
    use gbi_registers::socrates::*;
    let mut r = RedenAanvraagLevensonderhoud {
        onvoldoende_inkomen: None,
        te_laag_inkomen: None,
        uitkering_stopgezet: None,
        verblijfstatus: None,
        wijziging_gezin: None,
        zelfstandige: None,
    };
    match code {
        "baan_kwijt" => {
            r.onvoldoende_inkomen =
                Some(RedenAanvraagLevensonderhoudOnvoldoendeInkomen::IkHebGeenWerkMeer)
        }
        "uitkering_gestopt" => {
            r.uitkering_stopgezet =
                Some(RedenAanvraagLevensonderhoudUitkeringStopgezet::EindeOverigeUitkering)
        }
        "scheiding" => {
            r.wijziging_gezin = Some(RedenAanvraagLevensonderhoudWijzigingGezin::RelatieVerbroken)
        }
        "studie_gestopt" => {
            r.onvoldoende_inkomen =
                Some(RedenAanvraagLevensonderhoudOnvoldoendeInkomen::StudiefinancieringGestopt)
        }
        "inkomen_te_laag" => {
            r.te_laag_inkomen =
                Some(RedenAanvraagLevensonderhoudTeLaagInkomen::AanvullingOpAndereInkomsten)
        }
        _ => {
            r.onvoldoende_inkomen =
                Some(RedenAanvraagLevensonderhoudOnvoldoendeInkomen::AndereReden)
        }
    }
    r
}

fn tekst<'a>(aanvraag: &'a Value, veld: &str) -> Option<&'a str> {
    aanvraag
        .get(veld)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// An amount of the application (`"1250,00"`, `"1250.00"`, `"0"` or a
/// number of euros) in cents.
fn bedrag(aanvraag: &Value, veld: &str) -> Option<i64> {
    match aanvraag.get(veld)? {
        Value::Number(n) => n.as_f64().map(|e| (e * 100.0).round() as i64),
        Value::String(s) => gbi_registers::suwinet::xml::decimal_cents(&s.trim().replace('.', ",")),
        _ => None,
    }
}

/// The in aanmerking te nemen vermogen as the application states it:
/// bank balances and cash minus debts (art. 34 Participatiewet).
fn vermogen(aanvraag: &Value) -> Option<Bedrag> {
    let delen = [
        bedrag(aanvraag, "spaargeld"),
        bedrag(aanvraag, "contant_geld"),
        bedrag(aanvraag, "schulden").map(|s| -s),
    ];
    delen
        .iter()
        .any(Option::is_some)
        .then(|| Bedrag(delen.iter().flatten().sum()))
}

/// Housing and its costs: the relation to the dwelling from the
/// application's woonsituatie; the monthly costs (the field has no amount)
/// in the explanation.
fn huisvesting(aanvraag: &Value) -> Option<Huisvesting> {
    use HuisvestingCodeRelatieBewonerTotHuisvesting as Code;
    let (code, zelfstandig, wat) = match tekst(aanvraag, "woonsituatie")? {
        "huur" => (Code::Huurder, JaNee::Ja, "huurt een woning of kamer"),
        "koop" => (Code::Eigenaar, JaNee::Ja, "woont in een koophuis"),
        "inwonend" => (Code::Anders, JaNee::Nee, "woont bij iemand in"),
        "geen_woning" => (
            Code::GeenVasteWoonOfVerblijfplaatsZwervend,
            JaNee::Nee,
            "heeft geen vaste woonplek",
        ),
        _ => (Code::Onbekend, JaNee::Nee, "woonsituatie onbekend"),
    };
    let mut toelichting = format!("Aanvrager {wat}.");
    if let Some(k) = bedrag(aanvraag, "woonkosten") {
        toelichting.push_str(&format!(" Woonkosten € {} per maand.", Bedrag(k)));
    }
    if tekst(aanvraag, "commerciele_huurder") == Some("ja") {
        toelichting.push_str(" Er woont een commerciële (onder)huurder.");
    }
    Some(Huisvesting {
        aantal_dagen_per_week_in_instelling_of_opvang: None,
        code_relatie_bewoner_tot_huisvesting: code,
        indicatie_huur: None,
        indicatie_in_detentie: None,
        indicatie_instelling_volledig_verzorgd: None,
        indicatie_zelfstandige_woonruimte: zelfstandig,
        toelichting_huisvesting: Some(toelichting),
        toelichting_relatie_bewoner_tot_huisvesting: None,
    })
}

/// An e-mail address the field's pattern accepts (else left out).
fn email(s: &str) -> Option<String> {
    let deel = |d: &str| {
        !d.is_empty()
            && d.split('.').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            })
    };
    let (lokaal, domein) = s.split_once('@')?;
    let tld = domein.rsplit_once('.')?.1;
    (s.len() <= 70
        && deel(lokaal)
        && deel(domein)
        && domein.contains('.')
        && tld.bytes().all(|b| b.is_ascii_alphanumeric()))
    .then(|| s.to_owned())
}

/// A Dutch telephone number as the field wants it (`0` and nine digits).
fn telefoon(s: &str) -> Option<String> {
    let cijfers: String = s.chars().filter(char::is_ascii_digit).collect();
    let nummer = match cijfers.strip_prefix("0031").or_else(|| {
        s.trim()
            .starts_with('+')
            .then(|| cijfers.strip_prefix("31"))
            .flatten()
    }) {
        Some(rest) => format!("0{rest}"),
        None => cijfers,
    };
    let b = nummer.as_bytes();
    (b.len() == 10 && b[0] == b'0' && b[1] != b'0').then_some(nummer)
}

fn contactgegevens(aanvraag: &Value) -> Option<Contactgegevens> {
    let e_mailadres = tekst(aanvraag, "email").and_then(email);
    let telefoonnummer = tekst(aanvraag, "telefoon").and_then(telefoon);
    (e_mailadres.is_some() || telefoonnummer.is_some()).then_some(Contactgegevens {
        code_type_telefoonnummer: None,
        e_mailadres,
        indicatie_geheim_telefoonnummer: None,
        indicatie_voorkeur_telefoonnummer: None,
        telefoon_landnummer: None,
        telefoonnummer,
    })
}

/// An IBAN as the field's pattern wants it (capitals, no spaces).
fn iban(s: &str) -> Result<String, Onverstuurbaar> {
    let i: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let b = i.as_bytes();
    let ok = (15..=34).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if ok {
        Ok(i)
    } else {
        Err(Onverstuurbaar(format!(
            "het rekeningnummer van de aanvraag ({s}) is geen IBAN"
        )))
    }
}

fn uuid(s: &str, wat: &str) -> Result<String, Onverstuurbaar> {
    let delen: Vec<&str> = s.split('-').collect();
    let ok = delen.iter().map(|d| d.len()).eq([8, 4, 4, 4, 12])
        && delen
            .iter()
            .all(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
    if ok {
        Ok(s.to_owned())
    } else {
        Err(Onverstuurbaar(format!("{wat} ({s}) is geen UUID")))
    }
}

/// Whether someone born on `geboren` is a minor on `op`.
fn minderjarig(geboren: NaiveDate, op: NaiveDate) -> bool {
    let achttien = NaiveDate::from_ymd_opt(geboren.year() + 18, geboren.month(), 1)
        .map(|d| d + chrono::Days::new(u64::from(geboren.day()) - 1));
    achttien.is_some_and(|d| op < d)
}

/// The message for a zaak with an approved toekenning or afwijzing.
pub fn bericht(
    zaak: &Zaak,
    brp: &BrpHuishouden,
    voorstel: &Voorstel,
) -> Result<ZaakLOBehandeld, Onverstuurbaar> {
    let (besluit, niet_rechthebbend, ingang, reden_later) = match voorstel {
        Voorstel::Toekenning {
            ingangsdatum,
            reden_latere_ingang,
            ..
        } => (
            Some(Besluit {
                dienst: Dienst {
                    begindatum: *ingangsdatum,
                    einddatum: OPEN_EINDE,
                },
            }),
            JaNee::Nee,
            Some(*ingangsdatum),
            reden_latere_ingang.clone(),
        ),
        Voorstel::Afwijzing { .. } => (None, JaNee::Ja, None, None),
        _ => {
            return Err(Onverstuurbaar(
                "alleen een toekenning of afwijzing van levensonderhoud gaat naar Socrates".into(),
            ));
        }
    };
    let aanvraagdatum =
        NaiveDate::parse_from_str(zaak.registratiedatum.get(..10).unwrap_or(""), "%Y-%m-%d")
            .map_err(|_| Onverstuurbaar("de registratiedatum van de zaak is onleesbaar".into()))?;
    let peildatum = ingang.unwrap_or(aanvraagdatum);
    let a = &zaak.aanvraag;
    let p = &brp.persoon;
    let geheim = personen::geheim(p);

    // Who lives at the applicant's address (everyone when the BRP gave no
    // residents): only they belong to the household. A partner or child
    // without a BSN is not registered in the Netherlands, so not there.
    let woont_hier = |bsn: Option<&gbi_domain::Bsn>| {
        bsn.is_some_and(|bsn| {
            brp.bewoners.is_empty() || brp.bewoners.iter().any(|b| b.bsn.as_ref() == Some(bsn))
        })
    };
    // The partner: the BRP's current one, living with the applicant. A
    // partner the application declares that is not there cannot be sent.
    let brp_partner = p
        .partners
        .iter()
        .find(|x| x.ontbinding.is_none() && woont_hier(x.persoon.bsn.as_ref()));
    let opgegeven = matches!(tekst(a, "partner_werk"), Some("ja" | "nee"));
    if opgegeven && brp_partner.is_none() {
        return Err(Onverstuurbaar(
            "de aanvraag noemt een partner, maar de BRP kent geen partner op het adres van de aanvrager: controleer de BRP of de aanvraag".into(),
        ));
    }
    let medeaanvrager = brp_partner
        .map(|x| personen::medeaanvrager(&x.persoon, geheim))
        .transpose()
        .map_err(Onverstuurbaar)?;

    // The children: minors on the ingangsdatum living with the applicant.
    let kinderen = p
        .kinderen
        .iter()
        .filter(|k| woont_hier(k.bsn.as_ref()))
        .filter(|k| {
            personen::datum(k.geboortedatum.as_ref()).is_none_or(|g| minderjarig(g, peildatum))
        })
        .map(|k| personen::kind(k, geheim))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Onverstuurbaar)?;

    let leefsituatie = match (medeaanvrager.is_some(), !kinderen.is_empty()) {
        (true, true) => Leefsituatie::VastePartnersKinderen,
        (true, false) => Leefsituatie::VastePartnersGeenKinderen,
        (false, true) => Leefsituatie::Eenoudergezin,
        (false, false) => Leefsituatie::Alleenstaand,
    };
    let mut aanvrager =
        personen::aanvrager(p, brp_partner.map(|x| &x.persoon)).map_err(Onverstuurbaar)?;
    aanvrager.partner = brp_partner.map(|x| personen::partnerrelatie(x, aanvraagdatum));
    aanvrager.kinderen = (!kinderen.is_empty()).then_some(kinderen);
    aanvrager.contactgegevens = contactgegevens(a);
    aanvrager.huisvesting = huisvesting(a);
    aanvrager.profiel = Some(Profiel {
        inkomstenverhoudingen: None,
        ind_niet_rechthebbend: Some(niet_rechthebbend),
    });

    let uitbetaling =
        tekst(a, "iban")
            .map(iban)
            .transpose()?
            .map(|bankrekening| UitbetalingUitkering {
                aan_derde_reden: None,
                bankrekening: Some(bankrekening),
                bankrekening_derde: None,
                bankrekening_partner: None,
                rekeninghouder: None,
                rekeninghouder_derde: None,
                rekeninghouder_partner: None,
                soort_uitbetaling: UitbetalingUitkeringSoortUitbetaling::Klant,
            });
    let gewenst = tekst(a, "ingangsdatum")
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .or(ingang);
    let afwijkend = match (ingang, gewenst) {
        (Some(i), Some(g)) => Some(if i != g { JaNee::Ja } else { JaNee::Nee }),
        _ => None,
    };
    let reden_afwijkend = (afwijkend == Some(JaNee::Ja)).then(|| RedenAfwijkendeStartdatum {
        aanvraagdatum_digid: None,
        ontvangstdatum_beslissing_instantie: None,
        redenafwijkendestartdatumtype: Some(
            Redenafwijkendestartdatumtype::AndereRedenAfwijkendeStartdatum,
        ),
        reden_afwijking_aanwezig: JaNee::Ja,
        specificatie_bijzondere_reden_later_ingaan_startdatum_aanvraag: reden_later.clone(),
    });
    Ok(ZaakLOBehandeld {
        betrokkenen: None,
        identificatie: zaak.identificatie.clone(),
        lo_behandeld: LOBehandeld {
            aanvraagdatum,
            aanvraagid: uuid(&zaak.id, "het id van de zaak")?,
            besluit,
            code_ontvangende_gemeente: zaak.gemeente_code.clone(),
            huishouding: Huishouding {
                aanvrager,
                in_aanmerking_te_nemen_vermogen: vermogen(a),
                leefsituatie: Some(leefsituatie),
                medeaanvrager,
                uitbetaling_uitkering: uitbetaling,
            },
            ingang_bijstandsuitkering: IngangBijstandsuitkering {
                afwijkende_ingangsdatum: afwijkend,
                datum_melding_bij_gemeente: aanvraagdatum,
                gewenste_startdatum_uitkering: gewenst,
                reden_afwijkendestartdatum: reden_afwijkend,
            },
            reden_aanvraag_levensonderhoud: reden(tekst(a, "reden").unwrap_or("")),
        },
        url: None,
        uuid: Some(zaak.id.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_details_are_kept_only_when_the_pattern_accepts_them() {
        assert_eq!(email("a.b@c.nl").as_deref(), Some("a.b@c.nl"));
        assert_eq!(email("a+b@c.nl"), None);
        assert_eq!(telefoon("06-1234 5678").as_deref(), Some("0612345678"));
        assert_eq!(telefoon("+31 6 12345678").as_deref(), Some("0612345678"));
        assert_eq!(telefoon("112"), None);
    }

    #[test]
    fn amounts_and_vermogen() {
        let a =
            serde_json::json!({"spaargeld": "1250,00", "contant_geld": "0", "schulden": "300.50"});
        assert_eq!(vermogen(&a), Some(Bedrag(94_950)));
        assert_eq!(Bedrag(94_950).to_string(), "949,50");
        assert_eq!(vermogen(&serde_json::json!({})), None);
    }

    #[test]
    fn minors() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert!(minderjarig(d(2010, 5, 31), d(2028, 5, 30)));
        assert!(!minderjarig(d(2010, 5, 31), d(2028, 5, 31)));
    }
}

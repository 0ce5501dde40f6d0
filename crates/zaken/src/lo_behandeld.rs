//! Coexistence with existing systems (seed 002): after a toekenning, the
//! processed application goes to the municipality's benefit system as a
//! Socrates "LO Behandeld" message (`shared/specs/socrates`). Built from the
//! zaak, its BRP snapshot and the approved decision; sent in the background,
//! retried when the receiver is down, and visible on the zaak until it lands.

use crate::behandeling::Voorstel;
use crate::registers::BrpHuishouden;
use gbi_registers::brp::{Geslacht, Persoon as BrpPersoon};
use gbi_registers::socrates::nationaliteit::CodeNationaliteit;
use gbi_registers::socrates::{
    Geheim, Geslachtsaanduiding, Huishouding, IngangBijstandsuitkering, LOBehandeld, Leefsituatie,
    Naamgebruik, Persoon, RedenAanvraagLevensonderhoud, UitbetalingUitkering,
    UitbetalingUitkeringSoortUitbetaling, ZaakLOBehandeld,
};
use gbi_store::zaken::Zaak;

/// "J.P." from "Jan Pieter".
fn voorletters(voornamen: Option<&str>) -> String {
    voornamen
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|v| v.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect()
}

/// BRP nationality code (table 32, "0001") to the Socrates code list; "0"
/// (onbekend) when the BRP gives none or one Socrates does not list.
fn nationaliteiten(p: &BrpPersoon) -> Vec<CodeNationaliteit> {
    let codes: Vec<CodeNationaliteit> = p
        .nationaliteiten
        .iter()
        .filter_map(|n| n.code.trim_start_matches('0').parse::<u32>().ok())
        .filter_map(|n| serde_json::from_value(serde_json::Value::String(n.to_string())).ok())
        .collect();
    if codes.is_empty() {
        vec![CodeNationaliteit::Onbekend]
    } else {
        codes
    }
}

fn persoon(p: &BrpPersoon) -> Result<Persoon, String> {
    let geboortedatum = p
        .geboortedatum
        .as_ref()
        .and_then(|d| d.volledig())
        .ok_or("de geboortedatum van de aanvrager is in de BRP niet volledig")?;
    let persoon = serde_json::json!({
        "burgerservicenummer": p.bsn.as_str(),
        "geboortedatum": geboortedatum,
        "geslachtsaanduiding": match p.geslacht {
            Some(Geslacht::Man) => Geslachtsaanduiding::Man,
            Some(Geslacht::Vrouw) => Geslachtsaanduiding::Vrouw,
            _ => Geslachtsaanduiding::Onbekend,
        },
        "geslachtsnaamstam": p.naam.geslachtsnaam.clone().unwrap_or_default(),
        "voorlettersAanschrijving": voorletters(p.naam.voornamen.as_deref()),
        "voornamen": p.naam.voornamen,
        "voorvoegsel": p.naam.voorvoegsel,
        // The BRP query asks no naamgebruik or secrecy; these are the defaults
        // of the BRP itself (own name; no restrictions).
        "naamgebruik": Naamgebruik::EigenNaam,
        "codeBrpGegevensGeheim": Geheim::GeenRestricties,
        "nationaliteit": nationaliteiten(p),
    });
    serde_json::from_value(persoon).map_err(|e| format!("persoon voor Socrates: {e}"))
}

fn reden(code: &str) -> RedenAanvraagLevensonderhoud {
    use gbi_registers::socrates::*;
    let mut r = leeg();
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

fn leeg() -> RedenAanvraagLevensonderhoud {
    RedenAanvraagLevensonderhoud {
        onvoldoende_inkomen: None,
        te_laag_inkomen: None,
        uitkering_stopgezet: None,
        verblijfstatus: None,
        wijziging_gezin: None,
        zelfstandige: None,
    }
}

/// The message for a zaak with an approved toekenning.
pub fn bericht(
    zaak: &Zaak,
    brp: &BrpHuishouden,
    voorstel: &Voorstel,
) -> Result<ZaakLOBehandeld, String> {
    let Voorstel::Toekenning { ingangsdatum, .. } = voorstel else {
        return Err("alleen een toekenning gaat naar Socrates".into());
    };
    let aanvraagdatum = chrono::NaiveDate::parse_from_str(
        zaak.registratiedatum.get(..10).unwrap_or(""),
        "%Y-%m-%d",
    )
    .map_err(|_| "de registratiedatum van de zaak is onleesbaar".to_owned())?;
    let p = &brp.persoon;
    let partner = p.partners.iter().find(|x| x.ontbinding.is_none());
    let leefsituatie = match (partner.is_some(), !p.kinderen.is_empty()) {
        (true, true) => Leefsituatie::VastePartnersKinderen,
        (true, false) => Leefsituatie::VastePartnersGeenKinderen,
        (false, true) => Leefsituatie::Eenoudergezin,
        (false, false) => Leefsituatie::Alleenstaand,
    };
    let iban = zaak
        .aanvraag
        .get("iban")
        .and_then(|v| v.as_str())
        .map(|s| s.replace(' ', ""));
    let uitbetaling: UitbetalingUitkering = serde_json::from_value(serde_json::json!({
        "soortUitbetaling": UitbetalingUitkeringSoortUitbetaling::Klant,
        "bankrekening": iban,
    }))
    .map_err(|e| format!("uitbetaling voor Socrates: {e}"))?;
    Ok(ZaakLOBehandeld {
        betrokkenen: None,
        identificatie: zaak.identificatie.clone(),
        lo_behandeld: LOBehandeld {
            aanvraagdatum,
            aanvraagid: zaak.id.clone(),
            besluit: None,
            code_ontvangende_gemeente: zaak.gemeente_code.clone(),
            huishouding: Huishouding {
                aanvrager: persoon(p)?,
                in_aanmerking_te_nemen_vermogen: None,
                leefsituatie: Some(leefsituatie),
                medeaanvrager: None,
                uitbetaling_uitkering: Some(uitbetaling),
            },
            ingang_bijstandsuitkering: IngangBijstandsuitkering {
                afwijkende_ingangsdatum: None,
                datum_melding_bij_gemeente: aanvraagdatum,
                gewenste_startdatum_uitkering: Some(*ingangsdatum),
                reden_afwijkendestartdatum: None,
            },
            reden_aanvraag_levensonderhoud: reden(
                zaak.aanvraag
                    .get("reden")
                    .and_then(|v| v.as_str())
                    .unwrap_or(""),
            ),
        },
        url: None,
        uuid: Some(zaak.id.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::voorletters;

    #[test]
    fn initials() {
        assert_eq!(voorletters(Some("Jan Pieter")), "J.P.");
        assert_eq!(voorletters(Some("élise")), "É.");
        assert_eq!(voorletters(None), "");
    }
}

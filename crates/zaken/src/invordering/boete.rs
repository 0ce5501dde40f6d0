//! The boete decision (art. 18a Participatiewet; Boetebesluit
//! socialezekerheidswetten): for a breach of the inlichtingenplicht that a
//! 58-1 terugvordering established, a person judges the blame (opzet, grove
//! schuld, neither, verminderd) with a reason, records what the resident
//! said (hoor en wederhoor) before deciding, and the rules compute the
//! boete or the warning; a second person approves. Never automatic.

use super::{BEOORDELEN, VOORSTELLEN};
use crate::commando::{Fout, Medewerker};
use crate::voorstel::Ongeldig;
use chrono::NaiveDate;
use gbi_domain::Money;
use gbi_rules::Regels;
use gbi_rules::invordering::boete::{Boete, BoeteInvoer, BoeteUitkomst, Recidive, Verwijtbaarheid};
use gbi_store::boetes::{self, BoeteVordering, NieuweBoete, Oordeel};
use gbi_store::terugvorderingen::{self, Status};
use gbi_store::{Db, Scope, StoreError};

/// What the person judged and recorded.
#[derive(Debug, Clone)]
pub struct Invoer {
    pub verwijtbaarheid: Option<Verwijtbaarheid>,
    pub recidive: Recidive,
    pub eerder_gewaarschuwd: bool,
    pub zelf_gecorrigeerd: bool,
    pub dringende_redenen: bool,
    pub datum_overtreding: Option<NaiveDate>,
    pub zienswijze: String,
    pub zienswijze_datum: Option<NaiveDate>,
    pub motivering: String,
}

fn ongeldig(veld: &'static str, melding: impl Into<String>) -> Fout {
    Fout::Ongeldig(Ongeldig {
        veld,
        melding: melding.into(),
    })
}

/// The verwijtbaarheid in plain Dutch for the letter.
pub fn verwijtbaarheid_tekst(v: Verwijtbaarheid) -> &'static str {
    match v {
        Verwijtbaarheid::Opzet => "U heeft het met opzet niet gemeld.",
        Verwijtbaarheid::GroveSchuld => {
            "U had heel goed moeten weten dat u dit moest melden (grove schuld)."
        }
        Verwijtbaarheid::Geen => "U had moeten weten dat u dit moest melden.",
        Verwijtbaarheid::Verminderd => {
            "U had dit moeten melden, maar er zijn omstandigheden waardoor het u minder te verwijten valt."
        }
    }
}

/// The percentage of the Boetebesluit (art. 2) for the letter.
pub fn percentage(v: Verwijtbaarheid, recidive: Recidive) -> &'static str {
    match (v, recidive != Recidive::Geen) {
        (Verwijtbaarheid::Opzet, false) => "100%",
        (Verwijtbaarheid::GroveSchuld, false) => "75%",
        (Verwijtbaarheid::Geen, false) => "50%",
        (Verwijtbaarheid::Verminderd, false) => "25%",
        (Verwijtbaarheid::Opzet, true) => "100% van 150%",
        (Verwijtbaarheid::GroveSchuld, true) => "75% van 150%",
        (Verwijtbaarheid::Geen, true) => "50% van 150%",
        (Verwijtbaarheid::Verminderd, true) => "25% van 150%",
    }
}

/// The checked facts and the rules' proposal.
pub fn berekenen(
    regels: &Regels,
    benadelingsbedrag: Money,
    invoer: &Invoer,
    vandaag: NaiveDate,
) -> Result<(BoeteInvoer, Boete), Fout> {
    let verwijtbaarheid = invoer.verwijtbaarheid.ok_or_else(|| {
        ongeldig(
            "verwijtbaarheid",
            "Verwijtbaarheid: kies hoe verwijtbaar de overtreding is.",
        )
    })?;
    let datum = invoer.datum_overtreding.ok_or_else(|| {
        ongeldig(
            "datum_overtreding",
            "Datum van de overtreding: vul de datum in, zo: 1-11-2026.",
        )
    })?;
    if datum > vandaag {
        return Err(ongeldig(
            "datum_overtreding",
            "Datum van de overtreding: die datum ligt in de toekomst.",
        ));
    }
    let b = BoeteInvoer {
        benadelingsbedrag,
        verwijtbaarheid,
        recidive: invoer.recidive,
        eerder_gewaarschuwd_binnen_2_jaar: invoer.eerder_gewaarschuwd,
        zelf_gecorrigeerd_binnen_60_dagen: invoer.zelf_gecorrigeerd,
        dringende_redenen: invoer.dringende_redenen,
        datum_overtreding: datum,
    };
    let boete = regels
        .boete(datum, &b)
        .map_err(|e| Fout::KanNu(e.voor_medewerker()))?;
    Ok((b, boete))
}

/// Propose the boete decision on terugvordering `id` (a 58-1 claim).
pub async fn voorstellen(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    wie: &Medewerker<'_>,
    id: &str,
    invoer: &Invoer,
    vandaag: NaiveDate,
) -> Result<String, Fout> {
    if !wie.heeft(VOORSTELLEN) {
        return Err(Fout::Geweigerd);
    }
    let t = terugvorderingen::get(db, scope, id, "boete voorstellen")
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    if t.status != Status::Besloten || t.grond.as_deref() != Some("58-1") {
        return Err(Fout::KanNu(
            "een boete kan alleen na een besloten terugvordering wegens het schenden van de inlichtingenplicht (art. 58, eerste lid)".into(),
        ));
    }
    // Hoor en wederhoor before the decision.
    let zienswijze_datum = invoer.zienswijze_datum.ok_or_else(|| {
        ongeldig(
            "zienswijze_datum",
            "Datum van de zienswijze: vul in wanneer de inwoner zijn kant van het verhaal gaf, zo: 1-11-2026.",
        )
    })?;
    if zienswijze_datum > vandaag {
        return Err(ongeldig(
            "zienswijze_datum",
            "Datum van de zienswijze: die datum ligt in de toekomst.",
        ));
    }
    if invoer.zienswijze.trim().is_empty() {
        return Err(ongeldig(
            "zienswijze",
            "Zienswijze: schrijf op wat de inwoner zei (hoor en wederhoor). Zonder zienswijze kan er geen boete worden opgelegd.",
        ));
    }
    if invoer.motivering.trim().is_empty() {
        return Err(ongeldig(
            "boete_motivering",
            "Motivering: schrijf waarom u deze verwijtbaarheid kiest. De gemeente moet opzet of grove schuld bewijzen.",
        ));
    }
    let benadeling = t
        .componenten
        .iter()
        .map(|c| c.bruto.unwrap_or(c.netto))
        .sum::<Money>();
    let (b, boete) = berekenen(regels, benadeling, invoer, vandaag)?;
    let (uitkomst, bedrag) = match boete.uitkomst {
        BoeteUitkomst::Boete { bedrag } => ("boete", bedrag),
        BoeteUitkomst::Waarschuwing => ("waarschuwing", Money::ZERO),
        BoeteUitkomst::GeenBoete => ("geen", Money::ZERO),
    };
    let json = serde_json::to_value(b).map_err(|e| Fout::KanNu(e.to_string()))?;
    Ok(boetes::voorstellen(
        db,
        scope,
        &NieuweBoete {
            zaak_id: &t.zaak_id,
            terugvordering_id: &t.id,
            bsn: &t.bsn,
            invoer: &json,
            benadelingsbedrag: benadeling,
            uitkomst,
            bedrag,
            zienswijze: &invoer.zienswijze,
            zienswijze_datum,
            motivering: &invoer.motivering,
            door: wie.id,
        },
    )
    .await?)
}

/// A second person approves (`true`) or sends back a proposed boete
/// decision. An approved boete writes its claim, offset against the
/// running benefit (art. 60-4); the letter and a message follow.
#[allow(clippy::too_many_arguments)]
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    terugvordering_id: &str,
    boete_id: &str,
    goedgekeurd: bool,
    opmerking: Option<&str>,
    vandaag: NaiveDate,
) -> Result<(), Fout> {
    if !wie.heeft(BEOORDELEN) {
        return Err(Fout::Geweigerd);
    }
    let opmerking = opmerking.map(str::trim).filter(|o| !o.is_empty());
    if !goedgekeurd && opmerking.is_none() {
        return Err(ongeldig(
            "opmerking",
            "Opmerking: schrijf waarom u het voorstel terugstuurt.",
        ));
    }
    let b = boetes::voor_terugvordering(db, scope, terugvordering_id, "boete beoordelen")
        .await?
        .into_iter()
        .find(|b| b.id == boete_id)
        .ok_or(Fout::Store(StoreError::NotFound))?;
    let kenmerk = format!(
        "BOETE {}",
        boete_id.get(..8).unwrap_or(boete_id).to_uppercase()
    );
    let melding = if goedgekeurd {
        let (onderwerp, tekst) = match b.uitkomst.as_str() {
            "boete" => (
                "Besluit: u krijgt een boete",
                format!("U krijgt een boete van {}, omdat u iets niet of niet op tijd aan ons doorgaf. In de brief leest u waarom en hoe u betaalt. U vindt de brief bij Mijn schulden: /portaal/schulden.", b.bedrag),
            ),
            "waarschuwing" => (
                "Besluit: u krijgt een waarschuwing",
                "U gaf iets niet of niet op tijd aan ons door. U krijgt daarvoor deze keer geen boete, maar een waarschuwing. In de brief leest u wat dit betekent.".to_owned(),
            ),
            _ => (
                "Besluit: u krijgt geen boete",
                "U gaf iets niet of niet op tijd aan ons door. Wij geven u daarvoor geen boete. In de brief leest u waarom.".to_owned(),
            ),
        };
        Some(super::bericht(db, scope, &b.zaak_id, onderwerp, tekst).await?)
    } else {
        None
    };
    boetes::beoordelen(
        db,
        scope,
        boete_id,
        Oordeel {
            door: wie.id,
            goedgekeurd,
            opmerking,
            vordering: Some(BoeteVordering {
                grondslag: "artikel 18a, eerste lid, van de Participatiewet",
                ingangsdatum: vandaag,
                betalen_voor: vandaag
                    + chrono::Duration::weeks(super::terugvordering::BETAALTERMIJN_WEKEN),
                betalingskenmerk: &kenmerk,
            }),
            werk: match (goedgekeurd, b.uitkomst.as_str()) {
                (true, "boete") => vec![
                    crate::werksoort::WerkSoort::BriefBoete.code_voor(boete_id),
                    crate::werksoort::WerkSoort::BriefBeslagvrijeVoet.code_voor(boete_id),
                ],
                (true, "waarschuwing") => {
                    vec![crate::werksoort::WerkSoort::BriefBoete.code_voor(boete_id)]
                }
                _ => Vec::new(),
            },
            melding,
        },
    )
    .await?;
    Ok(())
}

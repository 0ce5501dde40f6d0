//! The decision on a terugvorderingsverzoek: a person chooses the ground
//! (art. 58-1 must, 58-2 a–f may) or decides not to reclaim, always with a
//! reason; a second person approves; the approval writes the claim and
//! plans the terugvorderingsbesluit letter. Role and state are checked
//! here; the page only parses the form.

use super::{BEOORDELEN, VOORSTELLEN, componenten, overbetalingen};
use crate::commando::{Fout, Medewerker};
use crate::voorstel::Ongeldig;
use chrono::NaiveDate;
use gbi_rules::Regels;
use gbi_store::terugvorderingen::{self, Component, NieuweVordering, Oordeel, Status, Voorstel};
use gbi_store::vorderingen::Soort;
use gbi_store::{Db, Scope, StoreError, uitkeringen};

/// The ground of a terugvordering (art. 58 Participatiewet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grond {
    /// 58-1: the inlichtingenplicht (art. 17-1) was breached — must.
    Inlichtingenplicht,
    /// 58-2-a: otherwise wrongly or too high.
    TeHoog,
    /// 58-2-b: a loan's obligations were not met.
    Geldlening,
    /// 58-2-c: borgtocht.
    Borgtocht,
    /// 58-2-d: a voorschot without a later right.
    Voorschot,
    /// 58-2-e: otherwise unduly paid, and the person could reasonably
    /// have understood it (not for costs more than 2 years before, 58-6).
    RedelijkerwijsBegrijpen,
    /// 58-2-f: otherwise unduly paid (means received later over the same
    /// period; compensation for the same purpose).
    AnderszinsOnverschuldigd,
}

impl Grond {
    pub const ALL: [Grond; 7] = [
        Grond::Inlichtingenplicht,
        Grond::TeHoog,
        Grond::Geldlening,
        Grond::Borgtocht,
        Grond::Voorschot,
        Grond::RedelijkerwijsBegrijpen,
        Grond::AnderszinsOnverschuldigd,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Grond::Inlichtingenplicht => "58-1",
            Grond::TeHoog => "58-2-a",
            Grond::Geldlening => "58-2-b",
            Grond::Borgtocht => "58-2-c",
            Grond::Voorschot => "58-2-d",
            Grond::RedelijkerwijsBegrijpen => "58-2-e",
            Grond::AnderszinsOnverschuldigd => "58-2-f",
        }
    }

    pub fn parse(code: &str) -> Option<Grond> {
        Grond::ALL.into_iter().find(|g| g.code() == code.trim())
    }

    /// The article as the letter cites it.
    pub fn artikel(self) -> &'static str {
        match self {
            Grond::Inlichtingenplicht => "artikel 58, eerste lid, van de Participatiewet",
            Grond::TeHoog => "artikel 58, tweede lid, onder a, van de Participatiewet",
            Grond::Geldlening => "artikel 58, tweede lid, onder b, van de Participatiewet",
            Grond::Borgtocht => "artikel 58, tweede lid, onder c, van de Participatiewet",
            Grond::Voorschot => "artikel 58, tweede lid, onder d, van de Participatiewet",
            Grond::RedelijkerwijsBegrijpen => {
                "artikel 58, tweede lid, onder e, van de Participatiewet"
            }
            Grond::AnderszinsOnverschuldigd => {
                "artikel 58, tweede lid, onder f, van de Participatiewet"
            }
        }
    }

    /// For the werkplek's choice.
    pub fn label(self) -> &'static str {
        match self {
            Grond::Inlichtingenplicht => "58-1: inlichtingenplicht geschonden (moet)",
            Grond::TeHoog => "58-2-a: anders ten onrechte of te hoog verleend",
            Grond::Geldlening => "58-2-b: verplichtingen van een geldlening niet nagekomen",
            Grond::Borgtocht => "58-2-c: borgtocht",
            Grond::Voorschot => "58-2-d: voorschot, later geen recht",
            Grond::RedelijkerwijsBegrijpen => {
                "58-2-e: onverschuldigd betaald, inwoner kon dit begrijpen (max. 2 jaar terug)"
            }
            Grond::AnderszinsOnverschuldigd => {
                "58-2-f: anderszins onverschuldigd (later middelen over dezelfde periode)"
            }
        }
    }

    /// Why, in plain Dutch for the letter.
    pub fn uitleg(self) -> &'static str {
        match self {
            Grond::Inlichtingenplicht => {
                "U heeft ons niet op tijd of niet volledig verteld wat u moest melden. Daardoor kreeg u te veel bijstand. Dan moeten wij het te veel betaalde terugvragen."
            }
            Grond::TeHoog => {
                "U kreeg te veel bijstand. Dat was niet omdat u iets niet meldde. Wij mogen het te veel betaalde terugvragen."
            }
            Grond::Geldlening => {
                "U kreeg bijstand als lening en heeft de afspraken van die lening niet nagekomen."
            }
            Grond::Borgtocht => "De bijstand hangt samen met een borgtocht.",
            Grond::Voorschot => {
                "U kreeg een voorschot. Later bleek dat u geen recht op bijstand had."
            }
            Grond::RedelijkerwijsBegrijpen => {
                "U kreeg geld dat niet voor u bedoeld was. U had kunnen begrijpen dat dit niet klopte."
            }
            Grond::AnderszinsOnverschuldigd => {
                "U kreeg later geld over dezelfde periode waarin u bijstand kreeg. Met dat geld had u toen geen of minder bijstand gekregen."
            }
        }
    }

    /// The kind of claim it makes.
    pub fn soort(self) -> Soort {
        match self {
            Grond::Inlichtingenplicht => Soort::TerugvorderingVerwijtbaar,
            _ => Soort::Terugvordering,
        }
    }
}

/// What the person fills in.
#[derive(Debug, Clone)]
pub struct Invoer {
    /// `None`: not reclaimed.
    pub grond: Option<Grond>,
    pub motivering: String,
    pub gemeente_te_laat: bool,
    /// Offset against the running benefit (60-3); always for 58-1 (60-4).
    pub verrekenen: bool,
}

/// The longest reason accepted.
const MAX_MOTIVERING: usize = 4000;
/// Art. 58-6: no 58-2-e claim for costs more than 2 years before the
/// decision is sent.
const TWEE_JAAR_MAANDEN: u32 = 24;
/// Awb 4:87: pay within six weeks after the decision.
pub const BETAALTERMIJN_WEKEN: i64 = 6;

fn ongeldig(veld: &'static str, melding: impl Into<String>) -> Fout {
    Fout::Ongeldig(Ongeldig {
        veld,
        melding: melding.into(),
    })
}

/// The months a ground may reclaim: for 58-2-e only costs of the last two
/// years before the decision (58-6).
pub fn toegestaan(grond: Grond, maanden: Vec<Component>, vandaag: NaiveDate) -> Vec<Component> {
    if grond != Grond::RedelijkerwijsBegrijpen {
        return maanden;
    }
    let grens = vandaag
        .checked_sub_months(chrono::Months::new(TWEE_JAAR_MAANDEN))
        .unwrap_or(vandaag);
    maanden
        .into_iter()
        .filter(|c| c.rechtmaand.last_day() >= grens)
        .collect()
}

/// Propose the decision on terugvordering `id`, with the months the ledger
/// shows now.
pub async fn voorstellen(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    wie: &Medewerker<'_>,
    id: &str,
    invoer: &Invoer,
    vandaag: NaiveDate,
) -> Result<(), Fout> {
    if !wie.heeft(VOORSTELLEN) {
        return Err(Fout::Geweigerd);
    }
    let t = terugvorderingen::get(db, scope, id, "terugvordering voorstellen")
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    if !matches!(t.status, Status::Verzoek | Status::Teruggestuurd) {
        return Err(Fout::KanNu(
            "over deze terugvordering is al een voorstel gedaan of besloten".into(),
        ));
    }
    let motivering = invoer.motivering.trim();
    if motivering.is_empty() {
        return Err(ongeldig(
            "motivering",
            "Motivering: schrijf waarom u dit besluit voorstelt. Die uitleg komt in de brief.",
        ));
    }
    if motivering.chars().count() > MAX_MOTIVERING {
        return Err(ongeldig(
            "motivering",
            format!("Motivering: de uitleg is te lang, ten hoogste {MAX_MOTIVERING} tekens."),
        ));
    }
    let u = uitkeringen::voor_zaak(db, scope, &t.zaak_id)
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    let over = overbetalingen(db, scope, regels, &u, vandaag)
        .await
        .map_err(Fout::KanNu)?;
    let maanden = componenten(regels, &over, vandaag);
    let maanden = match invoer.grond {
        Some(g) => toegestaan(g, maanden, vandaag),
        None => maanden,
    };
    // With nothing (left) to reclaim, the verzoek can only be closed: a
    // decision not to reclaim, with its reason (e.g. the income was
    // corrected and the ledger no longer shows an overpayment).
    if maanden.is_empty() && invoer.grond.is_some() {
        return Err(match invoer.grond {
            Some(Grond::RedelijkerwijsBegrijpen) => ongeldig(
                "grond",
                "Grond: onder e mag u niets terugvorderen van meer dan twee jaar geleden (artikel 58, zesde lid). Kies een andere grond of vorder niet terug.",
            ),
            _ => ongeldig(
                "grond",
                "Grond: het grootboek laat geen te veel betaalde maanden meer zien. Er is niets terug te vorderen; kies \"Niet terugvorderen\" en schrijf waarom.",
            ),
        });
    }
    let verrekenen = invoer.grond.is_some()
        && (invoer.verrekenen
            || invoer
                .grond
                .is_some_and(|g| g.soort().verrekenen_verplicht()));
    terugvorderingen::voorstellen(
        db,
        scope,
        id,
        &Voorstel {
            grond: invoer.grond.map(Grond::code),
            motivering,
            gemeente_te_laat: invoer.gemeente_te_laat,
            verrekenen,
            componenten: &maanden,
            door: wie.id,
        },
    )
    .await?;
    Ok(())
}

/// The payment reference of a claim: the benefit's zaak and a short part
/// of the terugvordering's id.
pub fn betalingskenmerk(zaak_identificatie: &str, id: &str) -> String {
    format!(
        "TV {} {}",
        zaak_identificatie,
        id.get(..8).unwrap_or(id).to_uppercase()
    )
}

/// A second person approves (`true`) or sends back a proposal. An
/// approved claim is written with its payment term (Awb 4:87) and the
/// terugvorderingsbesluit letter is planned; an approved decision not to
/// reclaim closes the verzoek.
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    id: &str,
    goedgekeurd: bool,
    opmerking: Option<&str>,
    vandaag: NaiveDate,
) -> Result<Option<String>, Fout> {
    if !wie.heeft(BEOORDELEN) {
        return Err(Fout::Geweigerd);
    }
    let t = terugvorderingen::get(db, scope, id, "terugvordering beoordelen")
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    if t.status != Status::Voorgesteld {
        return Err(Fout::KanNu("er is geen voorstel om te beoordelen".into()));
    }
    if t.voorgesteld_door.as_deref() == Some(wie.id) {
        return Err(Fout::KanNu(gbi_store::besluiten::EIGEN_VOORSTEL.into()));
    }
    let opmerking = opmerking.map(str::trim).filter(|o| !o.is_empty());
    if !goedgekeurd && opmerking.is_none() {
        return Err(ongeldig(
            "opmerking",
            "Opmerking: schrijf waarom u het voorstel terugstuurt.",
        ));
    }
    let grond = t.grond.as_deref().and_then(Grond::parse);
    let kenmerk = betalingskenmerk(&t.zaak_identificatie, &t.id);
    let vordering = match (goedgekeurd, grond) {
        (true, Some(g)) => Some(NieuweVordering {
            soort: g.soort(),
            grondslag: g.artikel(),
            ingangsdatum: vandaag,
            betalen_voor: vandaag + chrono::Duration::weeks(BETAALTERMIJN_WEKEN),
            betalingskenmerk: &kenmerk,
        }),
        _ => None,
    };
    let werk = match (goedgekeurd, grond) {
        (true, Some(_)) if t.verrekenen => vec![
            crate::werksoort::WerkSoort::BriefTerugvordering.code_voor(&t.id),
            crate::werksoort::WerkSoort::BriefBeslagvrijeVoet.code_voor(&t.id),
        ],
        (true, Some(_)) => vec![crate::werksoort::WerkSoort::BriefTerugvordering.code_voor(&t.id)],
        _ => Vec::new(),
    };
    let melding = match &vordering {
        Some(_) => Some(
            super::bericht(
                db,
                scope,
                &t.zaak_id,
                "Besluit: u moet bijstand terugbetalen",
                format!(
                    "U kreeg {} te veel bijstand. Wij hebben besloten dat u dit moet terugbetalen. In de brief leest u waarom en hoe. U vindt de brief en wat u nog moet betalen bij Mijn schulden: /portaal/schulden.",
                    t.totaal
                ),
            )
            .await?,
        ),
        None => None,
    };
    Ok(terugvorderingen::beoordelen(
        db,
        scope,
        id,
        Oordeel {
            door: wie.id,
            goedgekeurd,
            opmerking,
            vordering,
            werk,
            melding,
        },
    )
    .await?)
}

//! Wat-als as a process: a beleidsmedewerker's draft policy (a policy file
//! dated in the future) against the gemeente's current policy, over its
//! real caseload — every benefit running today with household facts —
//! before the draft takes effect.
//!
//! 1. [`concept_lezen`]: the draft is read and checked (its gemeente, its
//!    date, every key) before anything is read; a refusal names the key.
//! 2. [`doorrekenen`]: the caseload is read in one transaction and the
//!    reading logged per resident (`gbi_store::uitkeringen::caseload_lezen`);
//!    names and BSNs stay in the store. The rules compute on all cores
//!    ([`rekenen`], `gbi_rules::Regels::wat_als`); nothing is written to
//!    any benefit.
//!
//! The outcome is owned and anonymous: totals, and a few households
//! explained step by step with their articles, described only by their
//! leefvorm and number of children.

use chrono::NaiveDate;
use gbi_domain::{GemeenteCode, Maand, Money, Rol};
use gbi_rules::params::ParameterSet;
use gbi_rules::regelingen::casus::Lopend;
use gbi_rules::regelingen::wat_als::Stand;
use gbi_rules::regelingen::{Casus, Totalen};
use gbi_rules::{Huishouden, Parameters, Regels, Uitleg, tekst};
use gbi_store::{Db, Scope, StoreError};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Who may run a draft policy on the caseload: the beleidsmedewerker, and
/// functioneel beheer, which loads the policy files that take effect.
pub const ROLLEN: &[Rol] = &[Rol::Beleidsmedewerker, Rol::FunctioneelBeheerder];

#[derive(Debug, thiserror::Error)]
pub enum WatAlsFout {
    /// The draft is refused: which key (or `bestand` for the file as a
    /// whole) and what is wrong, in Dutch.
    #[error("{veld}: {melding}")]
    Concept { veld: String, melding: String },
    /// The rules cannot compute today (e.g. the national figures of today
    /// are not loaded): in plain words for a medewerker.
    #[error("{0}")]
    Regels(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn concept_fout(veld: &str, melding: impl Into<String>) -> WatAlsFout {
    WatAlsFout::Concept {
        veld: veld.to_owned(),
        melding: melding.into(),
    }
}

/// Read a draft policy file and check that it is one the run can use:
/// readable, complete, of `gemeente`, and taking effect after `vandaag`.
pub fn concept_lezen(
    naam: &str,
    tekst: &str,
    gemeente: GemeenteCode,
    vandaag: NaiveDate,
) -> Result<ParameterSet, WatAlsFout> {
    if tekst.trim().is_empty() {
        return Err(concept_fout(
            "bestand",
            "plak de tekst van het beleidsconcept of kies een bestand",
        ));
    }
    let set = Parameters::lees_beleidsconcept(naam, tekst)
        .map_err(|e| concept_fout(e.sleutel.as_deref().unwrap_or("bestand"), e.melding.clone()))?;
    controleren(&set, gemeente, vandaag)?;
    Ok(set)
}

/// The draft is of `gemeente` and takes effect after `vandaag`.
fn controleren(
    set: &ParameterSet,
    gemeente: GemeenteCode,
    vandaag: NaiveDate,
) -> Result<(), WatAlsFout> {
    match set.gemeente_code {
        Some(g) if g == gemeente => {}
        Some(g) => {
            return Err(concept_fout(
                "gemeente_code",
                format!(
                    "dit concept is voor gemeente {g}; u kunt alleen beleid van uw eigen gemeente ({gemeente}) doorrekenen"
                ),
            ));
        }
        None => {
            return Err(concept_fout(
                "gemeente_code",
                "het concept noemt geen gemeente",
            ));
        }
    }
    if set.geldig_van <= vandaag {
        return Err(concept_fout(
            "geldig_van",
            format!(
                "het concept gaat in op {}; dat is niet na vandaag ({}). Een concept gaat in de toekomst in",
                gbi_domain::date::dutch_date(set.geldig_van),
                gbi_domain::date::dutch_date(vandaag)
            ),
        ));
    }
    Ok(())
}

/// One step of an explanation, as a medewerker reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StapTekst {
    pub tekst: String,
    pub artikel: String,
}

fn stappen(u: &Uitleg<'_>) -> Vec<StapTekst> {
    u.stappen
        .iter()
        .map(|s| StapTekst {
            tekst: tekst::precies(s),
            artikel: s.verwijzing.to_owned(),
        })
        .collect()
}

/// A household explained under both policies: no name, no number, no
/// date of birth; only its leefvorm and children.
#[derive(Debug, Clone)]
pub struct Voorbeeld {
    pub omschrijving: String,
    pub huidig: Stand,
    pub concept: Stand,
    pub verschil_per_jaar: Money,
    pub stappen_huidig: Vec<StapTekst>,
    pub stappen_concept: Vec<StapTekst>,
}

/// The outcome of a run.
#[derive(Debug, Clone)]
pub struct Doorrekening {
    /// The day of the caseload and of the current policy.
    pub datum: NaiveDate,
    pub concept_van: NaiveDate,
    pub totalen: Totalen,
    /// Running benefits without household facts (a fixed amount).
    pub zonder_feiten: u64,
    /// Why households could not be computed, with how many each.
    pub niet_berekend: Vec<(String, u64)>,
    pub voorbeelden: Vec<Voorbeeld>,
}

fn omschrijving(c: &Casus) -> String {
    let wie = match c.feiten.leefvorm() {
        gbi_rules::Leefvorm::Alleenstaande => "Alleenstaande",
        gbi_rules::Leefvorm::AlleenstaandeOuder => "Alleenstaande ouder",
        gbi_rules::Leefvorm::Gehuwden => "Gehuwden of samenwonenden",
    };
    let kinderen = match c.kinderen.len() {
        0 => String::new(),
        1 => ", 1 kind".to_owned(),
        n => format!(", {n} kinderen"),
    };
    let kosten = if c.bb.is_some() {
        ", met kosten voor bijzondere bijstand"
    } else {
        ""
    };
    format!("{wie}{kinderen}{kosten}")
}

/// The pure part: the caseload of stored households computed under the
/// draft and the current policy on `datum`. Used by [`doorrekenen`] and by
/// `gbi bench wat-als`.
pub fn rekenen(
    regels: &Regels,
    gemeente: GemeenteCode,
    datum: NaiveDate,
    concept: &ParameterSet,
    lopend: &[Lopend],
) -> Result<Doorrekening, WatAlsFout> {
    let regelfout = |e: gbi_rules::RekenFout| WatAlsFout::Regels(e.voor_medewerker());
    let mut fouten: BTreeMap<String, u64> = BTreeMap::new();
    let mut caseload = Vec::with_capacity(lopend.len());
    for r in regels
        .caseload(gemeente, datum, lopend)
        .map_err(regelfout)?
    {
        match r {
            Ok(c) => caseload.push(c),
            Err(e) => *fouten.entry(e.to_string()).or_default() += 1,
        }
    }
    let w = regels
        .wat_als(gemeente, datum, concept, &caseload)
        .map_err(|e| match e {
            gbi_rules::RekenFout::Invoer { veld, melding } => WatAlsFout::Concept {
                veld: veld.trim_start_matches("concept.").to_owned(),
                melding,
            },
            e => regelfout(e),
        })?;
    for (_, e) in &w.niet_berekend {
        *fouten.entry(e.to_string()).or_default() += 1;
    }
    let mut totalen = w.totalen;
    totalen.huishoudens += lopend.len() as u64 - caseload.len() as u64;
    totalen.niet_berekend += lopend.len() as u64 - caseload.len() as u64;
    let voorbeelden = w
        .voorbeelden
        .iter()
        .map(|v| Voorbeeld {
            omschrijving: caseload
                .get(v.regel.index)
                .map(omschrijving)
                .unwrap_or_default(),
            huidig: v.regel.huidig,
            concept: v.regel.concept,
            verschil_per_jaar: Money::from_cents(v.regel.verschil_per_jaar_cents),
            stappen_huidig: stappen(&v.huidig),
            stappen_concept: stappen(&v.concept),
        })
        .collect();
    Ok(Doorrekening {
        datum,
        concept_van: concept.geldig_van,
        totalen,
        zonder_feiten: 0,
        niet_berekend: fouten.into_iter().collect(),
        voorbeelden,
    })
}

/// The stored facts of a benefit as the rules' input on `datum`: the
/// version that holds that month, and the months on bijstand before it.
fn lopend_uit(
    u: &gbi_store::uitkeringen::CaseloadUitkering,
    datum: NaiveDate,
) -> Result<Lopend, String> {
    let maand = Maand::of(datum);
    let feiten = u
        .versies
        .iter()
        .filter(|(van, _)| *van <= maand)
        .max_by_key(|(van, _)| *van)
        .map_or(&u.huishouden, |(_, h)| h);
    let huishouden: Huishouden = serde_json::from_value(feiten.clone())
        .map_err(|_| "de feiten van het huishouden zijn niet te lezen".to_owned())?;
    let ingang = gbi_domain::date::parse_date(&u.ingangsdatum)
        .map_err(|_| "de ingangsdatum van de uitkering is niet te lezen".to_owned())?;
    Ok(Lopend {
        huishouden,
        maanden_bijstand: u32::try_from(Maand::of(ingang).months_until(maand)).unwrap_or(0),
    })
}

/// Run `concept` (checked with [`concept_lezen`]) on the caseload of the
/// scope's gemeente on `datum`. The reading is logged; nothing else is
/// written. The rules run on a blocking thread, on all cores.
pub async fn doorrekenen(
    db: &Db,
    scope: &Scope,
    regels: Arc<Regels>,
    concept: ParameterSet,
    datum: NaiveDate,
    naam: &str,
) -> Result<Doorrekening, WatAlsFout> {
    let gemeente = scope.gemeente;
    controleren(&concept, gemeente, datum)?;
    // Without today's figures nothing is read: the refusal comes first.
    regels
        .parameters
        .peil(datum, Some(gemeente))
        .map_err(|e| WatAlsFout::Regels(e.voor_medewerker()))?;
    // Only algemene bijstand is recomputed from household facts; a periodic
    // bijzondere bijstand is a fixed amount and not read at all.
    let alo = crate::regeling::Regeling::code(&crate::regeling::alo::Alo);
    let gelezen =
        gbi_store::uitkeringen::caseload_lezen(db, scope, alo, &datum.to_string(), naam).await?;
    let mut fouten: BTreeMap<String, u64> = BTreeMap::new();
    let mut lopend = Vec::with_capacity(gelezen.uitkeringen.len());
    for u in &gelezen.uitkeringen {
        match lopend_uit(u, datum) {
            Ok(l) => lopend.push(l),
            Err(e) => *fouten.entry(e).or_default() += 1,
        }
    }
    let mut uit =
        tokio::task::spawn_blocking(move || rekenen(&regels, gemeente, datum, &concept, &lopend))
            .await
            .map_err(|e| WatAlsFout::Regels(format!("de berekening is afgebroken ({e})")))??;
    let niet_te_lezen: u64 = fouten.values().sum();
    uit.totalen.huishoudens += niet_te_lezen;
    uit.totalen.niet_berekend += niet_te_lezen;
    for (reden, n) in uit.niet_berekend.drain(..) {
        *fouten.entry(reden).or_default() += n;
    }
    uit.niet_berekend = fouten.into_iter().collect();
    uit.zonder_feiten = gelezen.zonder_feiten;
    Ok(uit)
}

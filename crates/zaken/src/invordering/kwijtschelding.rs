//! Kwijtschelding: waiving (the rest of) a claim is a decision a person
//! proposes with a ground and a reason and a second person approves; never
//! automatic. The grounds:
//!
//! - art. 58-7 a–d Participatiewet, for a 58-1 claim ("in afwijking van het
//!   eerste lid"): ten years of full payment (a), ten years with arrears
//!   paid after all (b), ten years without payment and no prospect (c), or
//!   at least 50% of the remainder paid at once (d);
//! - art. 58-8: dringende redenen, for every terugvordering;
//! - for a 58-2 claim the college may reclaim, so it may also stop
//!   reclaiming the rest (art. 58-2 itself, with the measure of 58-7-d as
//!   policy) — GBI checks the 50% payment the same way;
//! - art. 4:94a Awb: the general power to waive a debt to the
//!   administration, for a loan.
//!
//! - art. 18a, dertiende lid: a boete in a schuldregeling, without opzet
//!   or grove schuld.
//!
//! A kwijtschelding in a schuldregeling is refused for a 58-1 claim of
//! opzet or grove schuld with a boete or an aangifte (art. 60c).
//!
//! For the payment-at-once ground GBI checks the bookings: a payment of at
//! least the amount to be waived (so at least half of the remainder before
//! it) must be booked. The other grounds rest on facts a person judges.

use super::{BEOORDELEN, INNEN};
use crate::commando::{Fout, Medewerker};
use crate::voorstel::Ongeldig;
use gbi_domain::Money;
use gbi_store::invordering::{self, MutatieSoort};
use gbi_store::vorderingen::{Soort, Status};
use gbi_store::{Db, Scope, StoreError};

/// The ground of a kwijtschelding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grond {
    /// 58-7-a: ten years of full payment.
    TienJaarBetaald,
    /// 58-7-b: ten years, arrears with interest and costs paid after all.
    TienJaarAchterstandBetaald,
    /// 58-7-c: ten years without payment, none to be expected.
    TienJaarGeenBetaling,
    /// 58-7-d (or, for 58-2 claims, the same measure as policy): at least
    /// 50% of the remainder paid at once.
    HelftIneens,
    /// 58-8: dringende redenen.
    DringendeRedenen,
    /// Awb 4:94a: the general power to waive.
    Awb494a,
    /// Art. 18a, dertiende lid: waive a boete in a schuldregeling when there
    /// was no opzet or grove schuld.
    BoeteSchuldregeling,
}

impl Grond {
    pub const ALL: [Grond; 7] = [
        Grond::HelftIneens,
        Grond::DringendeRedenen,
        Grond::TienJaarBetaald,
        Grond::TienJaarAchterstandBetaald,
        Grond::TienJaarGeenBetaling,
        Grond::Awb494a,
        Grond::BoeteSchuldregeling,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Grond::TienJaarBetaald => "58-7-a",
            Grond::TienJaarAchterstandBetaald => "58-7-b",
            Grond::TienJaarGeenBetaling => "58-7-c",
            Grond::HelftIneens => "58-7-d",
            Grond::DringendeRedenen => "58-8",
            Grond::Awb494a => "awb-4:94a",
            Grond::BoeteSchuldregeling => "18a-13",
        }
    }

    pub fn parse(code: &str) -> Option<Grond> {
        Grond::ALL.into_iter().find(|g| g.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Grond::HelftIneens => "Ten minste de helft van de restschuld in één keer betaald",
            Grond::DringendeRedenen => "Dringende redenen (art. 58, achtste lid)",
            Grond::TienJaarBetaald => "Tien jaar volledig betaald (art. 58, zevende lid, onder a)",
            Grond::TienJaarAchterstandBetaald => {
                "Tien jaar, achterstand met rente en kosten alsnog betaald (art. 58, zevende lid, onder b)"
            }
            Grond::TienJaarGeenBetaling => {
                "Tien jaar geen betaling en geen zicht op betaling (art. 58, zevende lid, onder c)"
            }
            Grond::Awb494a => "Kwijtschelding van een lening (art. 4:94a Awb)",
            Grond::BoeteSchuldregeling => {
                "Boete in een schuldregeling, zonder opzet of grove schuld en zonder herhaling binnen een jaar (art. 18a, dertiende lid)"
            }
        }
    }

    /// Whether the ground fits a claim of `soort`.
    pub fn past_bij(self, soort: Soort) -> bool {
        match self {
            Grond::TienJaarBetaald
            | Grond::TienJaarAchterstandBetaald
            | Grond::TienJaarGeenBetaling => soort == Soort::TerugvorderingVerwijtbaar,
            Grond::HelftIneens | Grond::DringendeRedenen => matches!(
                soort,
                Soort::Terugvordering | Soort::TerugvorderingVerwijtbaar
            ),
            Grond::Awb494a => soort == Soort::Lening,
            Grond::BoeteSchuldregeling => soort == Soort::Boete,
        }
    }

    /// The article as the letter cites it, for a claim of `soort`.
    pub fn artikel(self, soort: Soort) -> &'static str {
        match (self, soort) {
            (Grond::TienJaarBetaald, _) => {
                "artikel 58, zevende lid, onder a, van de Participatiewet"
            }
            (Grond::TienJaarAchterstandBetaald, _) => {
                "artikel 58, zevende lid, onder b, van de Participatiewet"
            }
            (Grond::TienJaarGeenBetaling, _) => {
                "artikel 58, zevende lid, onder c, van de Participatiewet"
            }
            (Grond::HelftIneens, Soort::TerugvorderingVerwijtbaar) => {
                "artikel 58, zevende lid, onder d, van de Participatiewet"
            }
            (Grond::HelftIneens, _) => {
                "artikel 58, tweede lid, van de Participatiewet, met de maatstaf van artikel 58, zevende lid, onder d"
            }
            (Grond::DringendeRedenen, _) => "artikel 58, achtste lid, van de Participatiewet",
            (Grond::Awb494a, _) => "artikel 4:94a van de Algemene wet bestuursrecht",
            (Grond::BoeteSchuldregeling, _) => "artikel 18a, dertiende lid, van de Participatiewet",
        }
    }
}

fn ongeldig(veld: &'static str, melding: impl Into<String>) -> Fout {
    Fout::Ongeldig(Ongeldig {
        veld,
        melding: melding.into(),
    })
}

/// Propose to waive `bedrag` of claim `vordering_id` on `grond`.
#[allow(clippy::too_many_arguments)]
pub async fn voorstellen(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    vordering_id: &str,
    grond: Option<Grond>,
    bedrag: Money,
    motivering: &str,
    schuldregeling: Schuldregeling,
) -> Result<String, Fout> {
    if !wie.heeft(INNEN) {
        return Err(Fout::Geweigerd);
    }
    let grond =
        grond.ok_or_else(|| ongeldig("grond", "Grond: kies de grond voor de kwijtschelding."))?;
    let dossier =
        invordering::dossier_van_vordering(db, scope, vordering_id, "kwijtschelding voorstellen")
            .await?
            .ok_or(Fout::Store(StoreError::NotFound))?;
    let v = &dossier.vordering;
    if v.status != Status::Open {
        return Err(Fout::KanNu("deze vordering staat niet meer open".into()));
    }
    if !grond.past_bij(v.soort) {
        return Err(ongeldig(
            "grond",
            "Grond: deze grond past niet bij deze vordering. Kies een andere grond.",
        ));
    }
    if bedrag.cents() <= 0 || bedrag > v.open_bedrag {
        return Err(ongeldig(
            "kw_bedrag",
            format!(
                "Bedrag: het bedrag moet meer dan € 0,00 zijn en ten hoogste wat nog open staat ({}).",
                v.open_bedrag
            ),
        ));
    }
    if grond == Grond::HelftIneens {
        let grootste = dossier
            .mutaties
            .iter()
            .filter(|m| m.soort == MutatieSoort::Betaling)
            .map(|m| m.bedrag)
            .max()
            .unwrap_or(Money::ZERO);
        if grootste < bedrag {
            return Err(ongeldig(
                "grond",
                format!(
                    "Grond: voor deze grond moet de inwoner ten minste de helft van de restschuld in één keer hebben betaald. De grootste geboekte betaling is {grootste}; die moet ten minste {bedrag} zijn. Boek eerst de betaling."
                ),
            ));
        }
    }
    art_60c(db, scope, v, grond, schuldregeling).await?;
    let motivering = motivering.trim();
    if motivering.is_empty() {
        return Err(ongeldig(
            "motivering",
            "Motivering: schrijf waarom u de kwijtschelding voorstelt. Die uitleg komt in de brief.",
        ));
    }
    Ok(gbi_store::kwijtscheldingen::voorstellen(
        db,
        scope,
        vordering_id,
        grond.code(),
        bedrag,
        motivering,
        schuldregeling.deel_van_regeling,
        wie.id,
    )
    .await?)
}

/// Whether a proposed kwijtschelding is part of a schuldregeling, and
/// whether an aangifte was made (what a person knows; GBI does not record
/// aangiftes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Schuldregeling {
    pub deel_van_regeling: bool,
    pub aangifte: bool,
}

/// The opzet or grove schuld of the approved boete on the claim's breach,
/// if any (read logged).
async fn opzet_of_grove_schuld(
    db: &Db,
    scope: &Scope,
    v: &gbi_store::vorderingen::Vordering,
) -> Result<bool, Fout> {
    use gbi_rules::invordering::{BoeteInvoer, Verwijtbaarheid};
    let boetes = match (&v.boete_id, &v.terugvordering_id) {
        (Some(id), _) => {
            let b: Vec<_> = gbi_store::boetes::voor_zaak(db, scope, &v.zaak_id)
                .await?
                .into_iter()
                .filter(|b| b.id == *id)
                .collect();
            if b.is_empty() {
                return Err(Fout::KanNu(
                    "de boete van deze vordering is niet gevonden: een medewerker moet dit uitzoeken"
                        .into(),
                ));
            }
            b
        }
        (None, Some(t)) => {
            gbi_store::boetes::voor_terugvordering(db, scope, t, "kwijtschelding toetsen").await?
        }
        (None, None) => Vec::new(),
    };
    let mut ernstig = false;
    for b in boetes
        .iter()
        .filter(|b| b.status == "goedgekeurd" && v.boete_id.as_ref().is_none_or(|id| *id == b.id))
    {
        let invoer: BoeteInvoer = serde_json::from_value(b.invoer.clone()).map_err(|e| {
            Fout::KanNu(format!("de gegevens van de boete zijn niet te lezen ({e})"))
        })?;
        ernstig |= matches!(
            invoer.verwijtbaarheid,
            Verwijtbaarheid::Opzet | Verwijtbaarheid::GroveSchuld
        ) && (b.uitkomst == "boete" || v.boete_id.is_some());
    }
    Ok(ernstig)
}

/// Art. 60c: no cooperation with a schuldregeling that waives a claim of
/// opzet or grove schuld for which a boete was imposed or an aangifte was
/// made. Art. 18a, dertiende lid: a boete only in a schuldregeling and
/// without opzet or grove schuld.
async fn art_60c(
    db: &Db,
    scope: &Scope,
    v: &gbi_store::vorderingen::Vordering,
    grond: Grond,
    s: Schuldregeling,
) -> Result<(), Fout> {
    if grond == Grond::BoeteSchuldregeling {
        if !s.deel_van_regeling {
            return Err(ongeldig(
                "schuldregeling",
                "Schuldregeling: een boete kan op deze grond alleen worden kwijtgescholden als onderdeel van een schuldregeling (art. 18a, dertiende lid).",
            ));
        }
        if opzet_of_grove_schuld(db, scope, v).await? {
            return Err(ongeldig(
                "grond",
                "Grond: de boete is opgelegd voor opzet of grove schuld. Dan mag zij niet worden kwijtgescholden in een schuldregeling (art. 18a, dertiende lid).",
            ));
        }
        return Ok(());
    }
    if s.deel_van_regeling
        && v.soort == Soort::TerugvorderingVerwijtbaar
        && (s.aangifte || opzet_of_grove_schuld(db, scope, v).await?)
    {
        return Err(ongeldig(
            "schuldregeling",
            "Schuldregeling: deze vordering is ontstaan door opzet of grove schuld, en er is een boete opgelegd of aangifte gedaan. De gemeente werkt dan niet mee aan een schuldregeling die (een deel van) deze vordering kwijtscheldt (art. 60c Participatiewet).",
        ));
    }
    Ok(())
}

/// A second person approves (`true`) or sends back a proposed
/// kwijtschelding; approval lowers the claim and plans the letter.
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    id: &str,
    goedgekeurd: bool,
    opmerking: Option<&str>,
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
    let werk = if goedgekeurd {
        vec![crate::werksoort::WerkSoort::BriefKwijtschelding.code_voor(id)]
    } else {
        Vec::new()
    };
    let melding = if goedgekeurd {
        let k = gbi_store::kwijtscheldingen::te_beoordelen(db, scope)
            .await?
            .into_iter()
            .find(|k| k.id == id)
            .ok_or(Fout::KanNu("dit voorstel is al beoordeeld".into()))?;
        let v = invordering::vordering(db, scope, &k.vordering_id, "kwijtschelding beoordelen")
            .await?
            .ok_or(Fout::Store(StoreError::NotFound))?;
        let rest = v.open_bedrag - k.bedrag;
        Some(
            super::bericht(
                db,
                scope,
                &v.zaak_id,
                "Besluit: wij schelden (een deel van) uw schuld kwijt",
                format!(
                    "U hoeft {} niet meer terug te betalen. Nog te betalen: {rest}. In de brief leest u waarom. U vindt de brief bij Mijn schulden: /portaal/schulden.",
                    k.bedrag
                ),
            )
            .await?,
        )
    } else {
        None
    };
    gbi_store::kwijtscheldingen::beoordelen(
        db,
        scope,
        id,
        gbi_store::kwijtscheldingen::Oordeel {
            door: wie.id,
            goedgekeurd,
            opmerking,
            werk: &werk,
            melding: melding.as_ref(),
        },
    )
    .await?;
    Ok(())
}

/// Book a payment the resident made on a claim.
pub async fn betaling_boeken(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    vordering_id: &str,
    bedrag: Money,
    datum: chrono::NaiveDate,
    vandaag: chrono::NaiveDate,
) -> Result<(), Fout> {
    if !wie.heeft(INNEN) {
        return Err(Fout::Geweigerd);
    }
    if datum > vandaag {
        return Err(ongeldig(
            "datum",
            "Datum van de betaling: die datum ligt in de toekomst. Boek een betaling als die binnen is.",
        ));
    }
    let v = invordering::vordering(db, scope, vordering_id, "betaling boeken")
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    if v.status != Status::Open {
        return Err(Fout::KanNu("deze vordering staat niet meer open".into()));
    }
    if bedrag.cents() <= 0 || bedrag > v.open_bedrag {
        return Err(ongeldig(
            "bedrag",
            format!(
                "Bedrag: het bedrag moet meer dan € 0,00 zijn en ten hoogste wat nog open staat ({}).",
                v.open_bedrag
            ),
        ));
    }
    invordering::betaling_boeken(db, scope, vordering_id, bedrag, datum, wie.id).await?;
    Ok(())
}

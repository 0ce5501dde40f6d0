//! The looplijst run: who probably has a right to a regeling but does not
//! receive it, found with closed questions only.
//!
//! 1. The residents come from the gemeente's own BRP; they are grouped
//!    into households ([`huishoudens`]).
//! 2. Households with an opted-out resident are left out before anything
//!    is asked: their BSNs never reach a source.
//! 3. Per regeling, the criteria of the catalogue are taken in order. BRP
//!    criteria are decided here; the others are asked, batched, of the
//!    source that can answer them (ja / nee / onbekend). A household that
//!    fails a criterion is asked nothing further. The same question about
//!    the same household is asked once per run, whatever regeling needs it.
//! 4. Every question is logged (one record per person named in it) before
//!    it is sent.
//! 5. The addresses that passed every criterion (or could not be excluded
//!    because a source said "onbekend") are stored with the funnel in one
//!    transaction, with the date the list expires.
//!
//! No scoring, no ranking: a household is on the list or not, and lists are
//! ordered by address so a team can walk a street.

pub mod huishoudens;
mod vragen;

pub(crate) use vragen::naar_bron;

pub use huishoudens::{Huishouden, huishoudens};

use chrono::NaiveDate;
use gbi_domain::Bsn;
use gbi_registers::RegisterError;
use gbi_registers::looplijst::LooplijstClient;
use gbi_rules::Regels;
use gbi_rules::looplijst::{Catalogi, RegelingCode, Vragen};
use gbi_store::looplijst::{self as opslag, NieuwAdres, TrechterStap, Uitslag};
use gbi_store::{Db, Scope, StoreError};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use vragen::{Antwoorden, Staat};

#[derive(Debug, thiserror::Error)]
pub enum LooplijstFout {
    #[error("er zijn geen looplijstcriteria die gelden op {0}")]
    GeenCriteria(NaiveDate),
    #[error("de criteria kunnen niet worden berekend: {0}")]
    Regels(#[from] gbi_rules::RekenFout),
    #[error("een bron gaf geen antwoord: {0}")]
    Bron(#[from] RegisterError),
    #[error(transparent)]
    Opslag(#[from] StoreError),
}

/// How far a run is, for a progress bar.
#[derive(Debug, Clone)]
pub struct Voortgang {
    pub stap: String,
    pub procent: i64,
    pub vragen: u64,
}

/// What a finished run found.
#[derive(Debug, Clone)]
pub struct Samenvatting {
    pub run_id: String,
    pub ingezetenen: usize,
    pub huishoudens: usize,
    pub afgemeld: usize,
    /// Questions asked: one per person per criterion asked of a source.
    pub vragen: u64,
    pub verzoeken_duur: Duration,
    /// Time spent writing the processing log (one record per question).
    pub logboek_duur: Duration,
    pub duur: Duration,
    /// Where the time went, for the benchmark.
    pub fasen: Vec<(&'static str, Duration)>,
    /// Per regeling, the first applicant of every listed household and
    /// whether the outcome is `waarschijnlijk` (true) or `onbekend`.
    pub gevonden: BTreeMap<RegelingCode, Vec<(Bsn, bool)>>,
}

/// Everything a run needs.
pub struct Looplijst<'a> {
    pub db: &'a Db,
    pub regels: &'a Regels,
    pub catalogi: &'a Catalogi,
    pub bronnen: &'a LooplijstClient,
}

impl Looplijst<'_> {
    /// Start a run (stored as busy) and carry it out. On failure the run is
    /// marked as failed with the reason and nothing else of it is kept.
    pub async fn maak(
        &self,
        scope: &Scope,
        regelingen: &[RegelingCode],
        peildatum: NaiveDate,
        voortgang: &(dyn Fn(&Voortgang) + Sync),
    ) -> Result<Samenvatting, LooplijstFout> {
        let run = self.begin(scope, regelingen, peildatum).await?;
        self.voer_uit(scope, &run.id, regelingen, peildatum, voortgang)
            .await
    }

    /// The criteria that hold on the peildatum.
    fn catalogus(
        &self,
        peildatum: NaiveDate,
    ) -> Result<&gbi_rules::looplijst::Catalogus, LooplijstFout> {
        self.catalogi
            .op(peildatum)
            .ok_or(LooplijstFout::GeenCriteria(peildatum))
    }

    /// Store a new run as busy, after checking that criteria hold on the
    /// peildatum. A second run while one is busy is refused (conflict).
    pub async fn begin(
        &self,
        scope: &Scope,
        regelingen: &[RegelingCode],
        peildatum: NaiveDate,
    ) -> Result<opslag::Run, LooplijstFout> {
        let catalogus = self.catalogus(peildatum)?;
        let codes: Vec<&str> = regelingen.iter().map(|r| r.code()).collect();
        Ok(opslag::start(
            self.db,
            scope,
            &codes,
            &peildatum.to_string(),
            &catalogus.bestand,
        )
        .await?)
    }

    /// Carry out a run made by [`Looplijst::begin`] (e.g. in a background
    /// task). On failure the run is marked as failed with the reason.
    pub async fn voer_uit(
        &self,
        scope: &Scope,
        run_id: &str,
        regelingen: &[RegelingCode],
        peildatum: NaiveDate,
        voortgang: &(dyn Fn(&Voortgang) + Sync),
    ) -> Result<Samenvatting, LooplijstFout> {
        match self
            .uitvoeren(scope, run_id, regelingen, peildatum, voortgang)
            .await
        {
            Ok(s) => Ok(s),
            Err(e) => {
                if let Err(e2) = opslag::mislukt(self.db, scope, run_id, &e.to_string()).await {
                    tracing::error!(error = %e2, "looplijst: status 'mislukt' niet opgeslagen");
                }
                Err(e)
            }
        }
    }

    async fn uitvoeren(
        &self,
        scope: &Scope,
        run_id: &str,
        regelingen: &[RegelingCode],
        peildatum: NaiveDate,
        voortgang: &(dyn Fn(&Voortgang) + Sync),
    ) -> Result<Samenvatting, LooplijstFout> {
        let begin = Instant::now();
        let catalogus = self.catalogus(peildatum)?;
        let peil = self
            .regels
            .parameters
            .peil(peildatum, Some(scope.gemeente))?;
        let bewaar_weken = peil
            .beleid
            .as_ref()
            .map(|(_, _, b)| b.looplijst_bewaartermijn_weken.get())
            .transpose()?
            .unwrap_or(6);

        let mut fasen = Vec::new();
        let mut fase = Instant::now();
        let mut klok = |naam: &'static str| {
            fasen.push((naam, fase.elapsed()));
            fase = Instant::now();
        };
        let ingezetenen = self.bronnen.ingezetenen(&scope.gemeente).await?;
        klok("BRP-uittreksel ophalen");
        let alle = huishoudens(&ingezetenen, peildatum);
        let afgemeld = opslag::afgemelden(self.db, scope).await?;
        let hashes: Vec<String> = ingezetenen
            .iter()
            .map(|p| self.db.logboek_subject(&p.bsn))
            .collect();
        let (mee, uit): (Vec<&Huishouden>, Vec<&Huishouden>) = alle.iter().partition(|h| {
            !h.leden
                .iter()
                .any(|i| hashes.get(*i).is_some_and(|x| afgemeld.contains(x)))
        });
        let mut antwoorden =
            Antwoorden::new(self, scope, run_id, peildatum, ingezetenen.len(), voortgang);
        antwoorden
            .meld("Inwoners gegroepeerd in huishoudens", 1)
            .await?;

        let mut trechter = Vec::new();
        let mut adressen = Vec::new();
        let mut gevonden = BTreeMap::new();
        for (r, regeling) in regelingen.iter().enumerate() {
            let Some(def) = catalogus.regeling(*regeling) else {
                continue;
            };
            let vragen = Vragen::voor(def, &peil, scope.gemeente)?;
            let mut staat = vec![Staat::default(); mee.len()];
            let stap =
                |volgorde: i64, stap: &str, omschrijving: &str, aantal: usize| TrechterStap {
                    regeling: regeling.code().to_owned(),
                    volgorde,
                    stap: stap.to_owned(),
                    omschrijving: omschrijving.to_owned(),
                    aantal: aantal as i64,
                };
            trechter.push(stap(0, "huishoudens", "Huishoudens in de BRP", alle.len()));
            trechter.push(stap(1, "afgemeld", "Afgemeld (niets gevraagd)", uit.len()));
            for i in 0..vragen.len() {
                let n = regelingen.len().max(1) * vragen.len().max(1);
                let procent = ((r * vragen.len() + i) * 100 / n) as i64;
                antwoorden
                    .criterium(&vragen, i, &mee, &mut staat, procent)
                    .await?;
                let c = &def.criteria[i];
                let over = staat.iter().filter(|s| s.actief()).count();
                trechter.push(stap(10 + i as i64, &c.code, &c.vraag, over));
            }
            let mut lijst = Vec::new();
            let (mut waarschijnlijk, mut onbekend) = (0, 0);
            for (h, s) in mee.iter().zip(&staat) {
                if !s.actief() {
                    continue;
                }
                if s.onbekend {
                    onbekend += 1;
                } else {
                    waarschijnlijk += 1;
                }
                if let Some(a) = h.aanvragers.first() {
                    lijst.push((a.clone(), !s.onbekend));
                }
                adressen.push(nieuw_adres(*regeling, h, s, def, &ingezetenen, &hashes));
            }
            trechter.push(stap(
                90,
                "waarschijnlijk",
                "Waarschijnlijk recht",
                waarschijnlijk,
            ));
            trechter.push(stap(
                91,
                "onbekend",
                "Onbekend (een bron wist het niet)",
                onbekend,
            ));
            gevonden.insert(*regeling, lijst);
        }
        klok("criteria (vragen, logboek)");
        let vragen_totaal = antwoorden.vragen;
        let verzoeken_duur = antwoorden.verzoeken_duur;
        let logboek_duur = antwoorden.logboek_duur;
        let verloopt = gbi_domain::date::today_amsterdam()
            .checked_add_days(chrono::Days::new(
                7 * u64::try_from(bewaar_weken).unwrap_or(6),
            ))
            .unwrap_or(NaiveDate::MAX);
        opslag::klaar(
            self.db,
            scope,
            run_id,
            &Uitslag {
                ingezetenen: ingezetenen.len() as i64,
                vragen: vragen_totaal as i64,
                trechter: &trechter,
                adressen: &adressen,
                verloopt_op: &format!("{verloopt}T00:00:00.000000Z"),
            },
        )
        .await?;
        klok("lijst opslaan");
        fasen.push(("waarvan logboek schrijven", logboek_duur));
        fasen.push(("waarvan wachten op bronnen", verzoeken_duur));
        voortgang(&Voortgang {
            stap: "Klaar".into(),
            procent: 100,
            vragen: vragen_totaal,
        });
        Ok(Samenvatting {
            run_id: run_id.to_owned(),
            ingezetenen: ingezetenen.len(),
            huishoudens: alle.len(),
            afgemeld: uit.len(),
            vragen: vragen_totaal,
            verzoeken_duur,
            logboek_duur,
            duur: begin.elapsed(),
            fasen,
            gevonden,
        })
    }
}

fn nieuw_adres(
    regeling: RegelingCode,
    h: &Huishouden,
    s: &Staat,
    def: &gbi_rules::looplijst::Regeling,
    ingezetenen: &[gbi_registers::looplijst::BrpIngezetene],
    hashes: &[String],
) -> NieuwAdres {
    let eerste = h.leden.first().and_then(|i| ingezetenen.get(*i));
    let criteria: Vec<serde_json::Value> = def
        .criteria
        .iter()
        .zip(&s.antwoorden)
        .map(|(c, a)| serde_json::json!({"code": c.code, "antwoord": a}))
        .collect();
    NieuwAdres {
        regeling: regeling.code().to_owned(),
        uitkomst: if s.onbekend {
            "onbekend"
        } else {
            "waarschijnlijk"
        }
        .to_owned(),
        postcode: eerste.map(|p| p.postcode.clone()).unwrap_or_default(),
        straat: eerste.map(|p| p.straat.clone()).unwrap_or_default(),
        huisnummer: eerste.map_or(0, |p| i64::from(p.huisnummer)),
        huisletter: eerste
            .and_then(|p| p.huisletter.clone())
            .unwrap_or_default(),
        woonplaats: eerste.map(|p| p.woonplaats.clone()).unwrap_or_default(),
        namen: h.namen.clone(),
        betrokkenen: h
            .leden
            .iter()
            .filter_map(|i| hashes.get(*i).cloned())
            .collect(),
        criteria: serde_json::Value::Array(criteria).to_string(),
    }
}

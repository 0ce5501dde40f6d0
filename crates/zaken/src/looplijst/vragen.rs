//! Asking one criterion of every household still in, in batches, with the
//! answers of the run remembered so no question is asked twice.

use super::{Huishouden, Looplijst, LooplijstFout, Voortgang};
use chrono::NaiveDate;
use gbi_domain::Bsn;
use gbi_registers::looplijst::{Antwoord, CriteriumVraag, Regeling};
use gbi_rules::looplijst::{RegelingCode, Vraag, Vragen};
use gbi_store::Scope;
use gbi_store::looplijst as opslag;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Households per batch: logged in one transaction, then sent (the client
/// splits it into requests of at most 1,000 and sends them in parallel).
const BATCH: usize = 250_000;

/// Where a household stands in one regeling.
#[derive(Debug, Clone, Default)]
pub(super) struct Staat {
    pub uit: bool,
    /// A source could not say for some criterion.
    pub onbekend: bool,
    /// Per criterion asked so far: `ja` (holds), `nee`, `onbekend`.
    pub antwoorden: Vec<&'static str>,
}

impl Staat {
    pub fn actief(&self) -> bool {
        !self.uit
    }

    fn zet(&mut self, uitkomst: &'static str) {
        self.antwoorden.push(uitkomst);
        match uitkomst {
            "nee" => self.uit = true,
            "onbekend" => self.onbekend = true,
            _ => {}
        }
    }
}

pub(super) struct Antwoorden<'a> {
    ll: &'a Looplijst<'a>,
    scope: &'a Scope,
    run_id: &'a str,
    peildatum: NaiveDate,
    voortgang: &'a (dyn Fn(&Voortgang) + Sync),
    /// (question, household) → whether the criterion held.
    bekend: HashMap<(Vraag, usize), &'static str>,
    pub vragen: u64,
    pub verzoeken_duur: Duration,
    pub logboek_duur: Duration,
    ingezetenen: i64,
}

impl<'a> Antwoorden<'a> {
    pub fn new(
        ll: &'a Looplijst<'a>,
        scope: &'a Scope,
        run_id: &'a str,
        peildatum: NaiveDate,
        ingezetenen: usize,
        voortgang: &'a (dyn Fn(&Voortgang) + Sync),
    ) -> Self {
        Self {
            ll,
            scope,
            run_id,
            peildatum,
            voortgang,
            bekend: HashMap::new(),
            vragen: 0,
            verzoeken_duur: Duration::ZERO,
            logboek_duur: Duration::ZERO,
            ingezetenen: ingezetenen as i64,
        }
    }

    /// Report progress to the caller and store it on the run.
    pub async fn meld(&self, stap: &str, procent: i64) -> Result<(), LooplijstFout> {
        (self.voortgang)(&Voortgang {
            stap: stap.to_owned(),
            procent,
            vragen: self.vragen,
        });
        opslag::voortgang(
            self.ll.db,
            self.scope,
            self.run_id,
            stap,
            procent,
            self.ingezetenen,
            self.vragen as i64,
        )
        .await?;
        Ok(())
    }

    /// Criterion `i` for every household still in.
    pub async fn criterium(
        &mut self,
        vragen: &Vragen<'_>,
        i: usize,
        mee: &[&Huishouden],
        staat: &mut [Staat],
        procent: i64,
    ) -> Result<(), LooplijstFout> {
        let Some(c) = vragen.regeling.criteria.get(i) else {
            return Ok(());
        };
        let mut te_vragen: Vec<(Vraag, Vec<usize>)> = Vec::new();
        for (k, h) in mee.iter().enumerate() {
            let Some(s) = staat.get_mut(k) else { continue };
            if !s.actief() {
                continue;
            }
            match vragen.vraag(i, &h.leefsituatie) {
                None => s.zet("onbekend"),
                Some(Vraag::Lokaal(b)) => s.zet(if b { "ja" } else { "nee" }),
                Some(v) => match self.bekend.get(&(v, k)) {
                    Some(u) => s.zet(u),
                    None => match te_vragen.iter_mut().find(|(w, _)| *w == v) {
                        Some((_, ks)) => ks.push(k),
                        None => te_vragen.push((v, vec![k])),
                    },
                },
            }
        }
        let stap = format!("{}: {}", vragen.regeling.naam, c.vraag);
        self.meld(&stap, procent).await?;
        let naam = format!(
            "{} {} ({})",
            c.bron.code(),
            c.code,
            vragen.regeling.code.code()
        );
        // One log transaction per batch, whatever threshold each household
        // gets: fewer, larger commits write the log much faster.
        let paren: Vec<(Vraag, usize)> = te_vragen
            .into_iter()
            .flat_map(|(v, ks)| ks.into_iter().map(move |k| (v, k)))
            .collect();
        for deel in paren.chunks(BATCH) {
            let betrokkenen: Vec<String> = deel
                .iter()
                .filter_map(|(_, k)| mee.get(*k))
                .flat_map(|h| h.aanvragers.iter())
                .map(|b| self.ll.db.logboek_subject(b))
                .collect();
            let t = Instant::now();
            self.vragen +=
                opslag::vragen_loggen(self.ll.db, self.scope, &naam, &betrokkenen).await?;
            self.logboek_duur += t.elapsed();
            for groep in deel.chunk_by(|a, b| a.0 == b.0) {
                let Some((v, _)) = groep.first() else {
                    continue;
                };
                let Some(vraag) = naar_bron(*v) else {
                    continue;
                };
                let onderwerpen: Vec<Vec<Bsn>> = groep
                    .iter()
                    .filter_map(|(_, k)| mee.get(*k))
                    .map(|h| h.aanvragers.clone())
                    .collect();
                let t = Instant::now();
                let antwoorden = self
                    .ll
                    .bronnen
                    .vraag(&vraag, self.peildatum, &onderwerpen)
                    .await?;
                self.verzoeken_duur += t.elapsed();
                for ((v, k), a) in groep.iter().zip(antwoorden) {
                    let uitkomst = uitkomst(v, a);
                    self.bekend.insert((*v, *k), uitkomst);
                    if let Some(s) = staat.get_mut(*k) {
                        s.zet(uitkomst);
                    }
                }
            }
            self.meld(&stap, procent).await?;
        }
        Ok(())
    }
}

pub(crate) fn naar_bron(v: Vraag) -> Option<CriteriumVraag> {
    Some(match v {
        Vraag::Inkomen {
            grens,
            maanden,
            ten_hoogste: true,
        } => CriteriumVraag::InkomenTenHoogste { grens, maanden },
        Vraag::Inkomen { grens, maanden, .. } => CriteriumVraag::InkomenOnder { grens, maanden },
        Vraag::OntvangtRegeling { regeling, maanden } => CriteriumVraag::OntvangtRegeling {
            regeling: match regeling {
                RegelingCode::Bijstand => Regeling::Bijstand,
                RegelingCode::Iit => Regeling::Iit,
                RegelingCode::BijzondereBijstand => Regeling::BijzondereBijstand,
            },
            maanden,
        },
        Vraag::Vermogen { grens } => CriteriumVraag::VermogenOnder { grens },
        // Decided locally; never reaches a source.
        Vraag::Lokaal(_) => return None,
    })
}

/// Whether the criterion holds, from the source's answer. "Receives the
/// regeling" is asked; the criterion is that the household does not.
fn uitkomst(v: &Vraag, a: Antwoord) -> &'static str {
    let omgekeerd = matches!(v, Vraag::OntvangtRegeling { .. });
    match (a, omgekeerd) {
        (Antwoord::Onbekend, _) => "onbekend",
        (Antwoord::Ja, false) | (Antwoord::Nee, true) => "ja",
        (Antwoord::Ja, true) | (Antwoord::Nee, false) => "nee",
    }
}

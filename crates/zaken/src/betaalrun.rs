//! The monthly betaalrun of a gemeente, as a process: first the wages UWV
//! knows where the gemeente's policy offsets them, then every running
//! benefit's payment for the month in batches (restartable: a payment exists
//! at most once per benefit per month), then the one-off payments
//! (eenmalige betalingen) due by the month (each taken up by one run only),
//! and — after a second person approves — the SEPA file. The werkplek (`pages/betaalruns.rs`) and
//! `gbi payments run` both call this; `gbi-payments` keeps the ledger and
//! the SEPA file, without any of the running.
//!
//! A month that cannot be computed is never skipped silently: that would be
//! a suspension without a decision (art. 54 Participatiewet). It becomes an
//! exception on the run, shown to the approver, and a task for a medewerker
//! on the zaak of the benefit (once, however often the run is repeated; done
//! by itself when a later computation of the run succeeds).

use crate::uwv_loon::{self, UwvLoonFout, Verslag};
use chrono::NaiveDateTime;
use gbi_domain::{GemeenteCode, Maand, Money};
use gbi_payments::grootboek::{self, Feiten, Periode};
use gbi_payments::{betaalrun as pure, sepa};
use gbi_registers::Registers;
use gbi_rules::{Huishouden, Regels};
use gbi_store::betaalrun_overzicht::{self, NieuweUitzondering};
use gbi_store::betalingen::{self, Betaalrun, NieuweBetaling, TeBetalen};
use gbi_store::eenmalige_betalingen::{self, Opname};
use gbi_store::{Db, Scope, StoreError};
use std::collections::HashSet;

/// Benefits computed and stored per batch (one transaction each).
const BATCH: i64 = 2000;
/// Batches written at the same time while the run computes the next.
const SCHRIJVERS: usize = 2;

#[derive(Debug, thiserror::Error)]
pub enum RunFout {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "de gemeente heeft geen eigen rekeningnummer ingesteld; zonder kan er geen betaalbestand worden gemaakt. Functioneel beheer stelt het in bij Beheer"
    )]
    GeenRekening,
    #[error(transparent)]
    Sepa(#[from] sepa::SepaFout),
    #[error("loon van UWV: {0}")]
    Uwv(#[from] UwvLoonFout),
}

/// Whether the run first fetches the wages UWV knows (for a gemeente whose
/// policy offsets them; otherwise the import does nothing).
#[derive(Clone, Copy)]
pub enum UwvImport<'a> {
    Vragen(&'a Registers),
    /// Not now: without registers, or when an operator chose to go on while
    /// UWV is down. Wages imported later show in the ledger.
    Niet,
}

/// What a run did.
#[derive(Debug)]
pub struct Uitkomst {
    pub run: Betaalrun,
    /// The UWV import, when it ran.
    pub uwv: Option<Verslag>,
    /// Months that could not be computed (each an exception and a task).
    pub uitzonderingen: u64,
}

/// Import UWV's wages where policy says so, then compute and store the run
/// of `maand`. `voortgang(gedaan, totaal)` is called after every batch.
/// When UWV is down nothing is written and nothing is computed. Running it
/// again changes nothing that was stored; after a crash it continues.
pub async fn uitvoeren(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    maand: Maand,
    door: &str,
    uwv: UwvImport<'_>,
    voortgang: impl FnMut(u64, u64),
) -> Result<Uitkomst, RunFout> {
    let vrijgegeven = betalingen::runs(db, scope)
        .await?
        .into_iter()
        .find(|r| r.maand == maand.to_string() && r.status == "vrijgegeven");
    if let Some(run) = vrijgegeven {
        return Ok(Uitkomst {
            run,
            uwv: None,
            uitzonderingen: 0,
        });
    }
    let verslag = match uwv {
        UwvImport::Vragen(r) => {
            Some(uwv_loon::importeren(db, Some(r), regels, scope.gemeente, maand).await?)
        }
        UwvImport::Niet => None,
    };
    let (run, uitzonderingen) =
        berekenen_tellend(db, scope, regels, maand, door, voortgang).await?;
    Ok(Uitkomst {
        run,
        uwv: verslag,
        uitzonderingen,
    })
}

/// Compute and store the run of `maand`, without the UWV import (tests,
/// benchmarks). See [`uitvoeren`].
pub async fn berekenen(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    maand: Maand,
    door: &str,
    voortgang: impl FnMut(u64, u64),
) -> Result<Betaalrun, RunFout> {
    Ok(berekenen_tellend(db, scope, regels, maand, door, voortgang)
        .await?
        .0)
}

async fn berekenen_tellend(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    maand: Maand,
    door: &str,
    mut voortgang: impl FnMut(u64, u64),
) -> Result<(Betaalrun, u64), RunFout> {
    let run = betalingen::run_voor_maand(db, scope, &maand.to_string(), door).await?;
    if run.status == "vrijgegeven" {
        return Ok((run, 0));
    }
    // Every benefit is computed anew; those that still fail are recorded
    // again, and the task of one that no longer fails is done.
    let eerder: HashSet<String> = betaalrun_overzicht::wissen(db, scope, &run.id)
        .await?
        .into_iter()
        .collect();
    let mut nog_steeds: HashSet<String> = HashSet::new();
    let (eerste, laatste) = (maand.first_day().to_string(), maand.last_day().to_string());
    let totaal = betalingen::aantal_te_betalen(db, scope, &eerste, &laatste).await? as u64;
    let mut gedaan = 0u64;
    let mut uitzonderingen = 0u64;
    let mut na = String::new();
    let mut schrijven = std::collections::VecDeque::new();
    let te_verrekenen = crate::invordering::verrekening::TeVerrekenen::laden(db, scope).await?;
    loop {
        let batch = betalingen::te_betalen(db, scope, &eerste, &laatste, &na, BATCH).await?;
        let Some(last) = batch.last() else { break };
        na = last.uitkering_id.clone();
        let gelezen = Gelezen::laden(db, scope, &batch).await?;
        let mut nieuw: Vec<NieuweBetaling> = Vec::with_capacity(batch.len());
        for u in &batch {
            let uitkomst = match naam_voor_de_bank(&u.naam) {
                Ok(()) => bedrag(db, scope, regels, u, maand, &gelezen).await,
                Err(reden) => Err(reden),
            };
            let bedrag = match uitkomst {
                Ok(b) => b,
                Err(reden) => {
                    tracing::warn!(uitkering = %u.uitkering_id, %reden, "month not computed: exception and task");
                    betaalrun_overzicht::vastleggen(
                        db,
                        scope,
                        &run.id,
                        maand,
                        &NieuweUitzondering {
                            uitkering_id: &u.uitkering_id,
                            zaak_id: &u.zaak_id,
                            bsn: &u.bsn,
                            naam: &u.naam,
                            reden: &reden,
                        },
                    )
                    .await?;
                    nog_steeds.insert(u.zaak_id.clone());
                    uitzonderingen += 1;
                    continue;
                }
            };
            if bedrag.cents() > 0 {
                let betaling = NieuweBetaling {
                    end_to_end_id: pure::end_to_end_id(&u.uitkering_id, maand),
                    uitkering_id: u.uitkering_id.clone(),
                    bsn: u.bsn.clone(),
                    bedrag,
                    iban: u.iban.clone(),
                    naam: u.naam.clone(),
                    omschrijving: omschrijving(&u.regeling, maand),
                };
                let claims = te_verrekenen.van(&u.bsn);
                if claims.is_empty() || u.huishouden.is_none() {
                    nieuw.push(betaling);
                } else {
                    verrekenen(db, scope, regels, &run, u, maand, betaling, claims).await?;
                }
            }
        }
        // The batch is written while the next ones are read, computed and
        // written (each in a transaction of its own, as one after another
        // would be); at most `SCHRIJVERS` at once, and a failure stops the
        // run at the next batch.
        if schrijven.len() >= SCHRIJVERS
            && let Some((n, oudste)) = schrijven.pop_front()
        {
            wachten(oudste).await?;
            gedaan += n;
            voortgang(gedaan, totaal);
        }
        let (db2, scope2, run2) = (db.clone(), scope.clone(), run.clone());
        let n = batch.len() as u64;
        schrijven.push_back((
            n,
            tokio::spawn(async move {
                betalingen::betalingen_opslaan(&db2, &scope2, &run2, &nieuw).await
            }),
        ));
    }
    // Progress counts what is stored: a run stopped after "n done" has
    // stored those n.
    for (n, vorige) in schrijven {
        wachten(vorige).await?;
        gedaan += n;
        voortgang(gedaan, totaal);
    }
    for zaak in eerder.difference(&nog_steeds) {
        betaalrun_overzicht::opgelost(db, scope, zaak, maand).await?;
    }
    eenmalig_opnemen(db, scope, &run, maand).await?;
    Ok((
        betalingen::afronden(db, scope, &run.id).await?,
        uitzonderingen,
    ))
}

/// A SEPA file carries the account holder's name in Latin letters
/// ([`gbi_payments::sepa_tekst`] transliterates other scripts); a name that
/// keeps no letter at all (only signs, after a faulty import, say) would
/// make the bank refuse the whole file or pay to no name. Such a month is
/// an exception with a task: a person writes the name as the bank knows it.
fn naam_voor_de_bank(naam: &str) -> Result<(), String> {
    let sepa = gbi_payments::sepa_tekst::sepa_tekst(naam, 70);
    if !sepa.chars().any(|c| c.is_ascii_alphabetic()) {
        Err(format!(
            "de naam van de rekeninghouder ({naam:?}) heeft geen letters die in een SEPA-betaling passen; \
             leg de naam vast in Latijnse letters, zoals de bank hem kent"
        ))
    } else {
        Ok(())
    }
}

/// The end of a batch's write.
async fn wachten(
    schrijven: tokio::task::JoinHandle<Result<u64, StoreError>>,
) -> Result<u64, StoreError> {
    schrijven
        .await
        .map_err(|e| StoreError::Unavailable(format!("betalingen opslaan: {e}")))?
}

/// Pay a benefit whose resident has claims to offset: the offset within
/// the beslagvrije voet is booked with the payment. When the offset cannot
/// be computed the month is paid in full and a person gets a task: never
/// an offset that was not computed, never a silent skip.
#[allow(clippy::too_many_arguments)]
async fn verrekenen(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    run: &Betaalrun,
    u: &TeBetalen,
    maand: Maand,
    betaling: NieuweBetaling,
    claims: &[gbi_store::vorderingen::Vordering],
) -> Result<(), RunFout> {
    use crate::invordering::verrekening;
    let bsn = gbi_domain::Bsn::parse(&u.bsn).map_err(StoreError::from)?;
    let berekend = async {
        let basis: Huishouden = serde_json::from_str(u.huishouden.as_deref().unwrap_or("null"))
            .map_err(|e| format!("de feiten van het huishouden zijn niet te lezen ({e})"))?;
        let feiten = feiten_van(db, scope, &u.uitkering_id, basis).await?;
        let opgaven = gbi_store::inkomsten::van_uitkering(db, scope, &u.uitkering_id)
            .await
            .map_err(|e| e.to_string())?;
        verrekening::berekenen(
            regels,
            scope,
            &feiten,
            &opgaven,
            periode(u)?,
            maand,
            betaling.bedrag,
            claims,
        )
    }
    .await;
    let v = match berekend {
        Ok(v) => v,
        Err(reden) => {
            tracing::warn!(uitkering = %u.uitkering_id, %reden, "offset not computed: paid in full, task");
            gbi_store::zaken::taak_eenmalig(
                db,
                scope,
                &u.zaak_id,
                &gbi_store::zaken::NieuweTaak {
                    voor: gbi_domain::TaakVoor::Medewerker,
                    soort: gbi_domain::TaakSoort::Terugvorderingsverzoek,
                    titel: format!("Verrekening van {maand} niet berekend"),
                    toelichting: Some(format!(
                        "De uitkering is volledig betaald; er is niets verrekend met de vordering. Reden: {reden}"
                    )),
                    deadline: None,
                },
            )
            .await?;
            verrekening::Verrekening {
                beslagvrije_voet: Money::ZERO,
                afloscapaciteit: Money::ZERO,
                gegevens: Vec::new(),
                stappen: Vec::new(),
                regels: Vec::new(),
            }
        }
    };
    verrekening::betalen(
        db,
        scope,
        run,
        maand,
        betaling,
        &bsn,
        &v,
        gbi_domain::today_amsterdam(),
    )
    .await?;
    Ok(())
}

/// Take up every one-off payment (eenmalige betaling) of the gemeente that
/// no run has taken up and whose first month is `maand` or earlier, each
/// with its own end-to-end id and the text for the bank statement. Those a
/// run took up stay there, so repeating the run pays nobody twice.
async fn eenmalig_opnemen(
    db: &Db,
    scope: &Scope,
    run: &Betaalrun,
    maand: Maand,
) -> Result<u64, StoreError> {
    let open = eenmalige_betalingen::open_tot(db, scope, maand).await?;
    let opnames: Vec<Opname> = open
        .iter()
        .map(|e| Opname {
            id: e.id.clone(),
            end_to_end_id: pure::end_to_end_id_eenmalig(&e.id),
            sepa_omschrijving: pure::omschrijving_eenmalig(&e.omschrijving, &e.zaak_identificatie),
        })
        .collect();
    eenmalige_betalingen::opnemen(db, scope, &run.id, &opnames).await
}

/// What the bank statement says: bijstand, or the name of the regeling
/// of a benefit with a fixed period (a periodic bijzondere bijstand).
fn omschrijving(regeling: &str, maand: Maand) -> String {
    match crate::regeling::voor_code(regeling) {
        Some(r) if r.uitkering().is_none() => pure::omschrijving_regeling(r.naam(), maand),
        _ => pure::omschrijving(maand),
    }
}

/// The period a benefit runs, from its stored dates.
fn periode(u: &TeBetalen) -> Result<Periode, String> {
    let datum = |s: &str| {
        gbi_domain::date::parse_date(s).map_err(|e| format!("datum {s} van de uitkering: {e}"))
    };
    Ok(Periode {
        ingangsdatum: datum(&u.ingangsdatum)?,
        einddatum: u.einddatum.as_deref().map(datum).transpose()?,
    })
}

/// The payment of one benefit for `maand`, or why it cannot be computed.
/// A fixed amount is paid for the days the benefit runs; a benefit with
/// household facts pays what the ledger says is due
/// ([`grootboek::verschuldigd`]), so both always agree.
async fn bedrag(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    u: &TeBetalen,
    maand: Maand,
    gelezen: &Gelezen,
) -> Result<Money, String> {
    let periode = periode(u)?;
    let Some(huishouden) = &u.huishouden else {
        return Ok(grootboek::deel_van_maand(
            u.bedrag_per_maand,
            periode,
            maand,
        ));
    };
    let basis: Huishouden = serde_json::from_str(huishouden)
        .map_err(|e| format!("de feiten van het huishouden zijn niet te lezen ({e})"))?;
    let feiten = feiten_uit(
        basis,
        gelezen
            .feiten
            .get(&u.uitkering_id)
            .map_or(&[], Vec::as_slice),
    )?;
    let opgaven = gelezen
        .opgaven
        .get(&u.uitkering_id)
        .map_or(&[][..], Vec::as_slice);
    let gemeente = GemeenteCode::parse(&u.gemeente_code).map_err(|e| e.message)?;
    // A large drop from wages UWV gave waits for a person (art. 54-3,
    // policy `herziening_beoordelen_vanaf`): an exception with a task.
    if let Some(taak) = gbi_payments::herziening::eerst_beoordelen(
        regels,
        gemeente,
        &feiten,
        opgaven,
        periode.ingang(),
        maand,
    )
    .map_err(|e| e.voor_medewerker())?
    {
        return Err(taak);
    }
    // Missing parameters say so in plain words, as work for a person; the
    // figures of an earlier period are never paid in their place.
    let te_betalen = grootboek::verschuldigd(regels, gemeente, &feiten, opgaven, periode, maand)
        .map_err(|e| e.voor_medewerker())?;
    // A month lower than the toekenning is a decision (art. 54-3): its
    // letter is made once, in the background, and posted when the resident
    // did not agree to electronic delivery.
    let recht = grootboek::maandrecht(regels, gemeente, &feiten, opgaven, periode.ingang(), maand)
        .map_err(|e| e.voor_medewerker())?;
    if gbi_payments::herziening::herziening(
        regels,
        gemeente,
        &feiten,
        opgaven,
        periode.ingang(),
        &recht,
    )
    .is_some()
    {
        gbi_store::werk::plan_eenmalig(
            db,
            scope,
            &u.zaak_id,
            &crate::werksoort::WerkSoort::BriefHerziening(maand).code(),
        )
        .await
        .map_err(|e| e.to_string())?;
    }
    Ok(te_betalen)
}

/// The household facts of a benefit: those of the toekenning and the dated
/// versions processed changes made.
pub async fn feiten_van(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
    basis: Huishouden,
) -> Result<Feiten, String> {
    let versies = gbi_store::wijzigingen::feiten(db, scope, uitkering_id)
        .await
        .map_err(|e| e.to_string())?;
    feiten_uit(basis, &versies)
}

fn feiten_uit(
    basis: Huishouden,
    versies: &[gbi_store::wijzigingen::Feitenversie],
) -> Result<Feiten, String> {
    let mut uit = Vec::with_capacity(versies.len());
    for v in versies {
        let h: Huishouden = serde_json::from_value(v.huishouden.clone())
            .map_err(|e| format!("feiten van {}: {e}", v.geldig_van))?;
        uit.push((v.geldig_van, h));
    }
    Ok(Feiten {
        basis,
        versies: uit,
    })
}

/// What a batch of the run reads once for all its benefits (one statement
/// each over the batch's range of ids, not two per benefit): the approved
/// versions of the facts and the income reported.
struct Gelezen {
    feiten: std::collections::HashMap<String, Vec<gbi_store::wijzigingen::Feitenversie>>,
    opgaven: std::collections::HashMap<String, Vec<gbi_store::inkomsten::Inkomstenopgave>>,
}

impl Gelezen {
    async fn laden(db: &Db, scope: &Scope, batch: &[TeBetalen]) -> Result<Self, StoreError> {
        let (Some(eerste), Some(laatste)) = (batch.first(), batch.last()) else {
            return Ok(Gelezen {
                feiten: Default::default(),
                opgaven: Default::default(),
            });
        };
        let (van, tot) = (&eerste.uitkering_id, &laatste.uitkering_id);
        Ok(Gelezen {
            feiten: gbi_store::wijzigingen::feiten_tussen(db, scope, van, tot).await?,
            opgaven: gbi_store::inkomsten::van_uitkeringen_tussen(db, scope, van, tot).await?,
        })
    }
}

/// A second person approves: the SEPA file is made from the gemeente's own
/// account and released. The one who computed the run cannot approve it.
pub async fn goedkeuren(
    db: &Db,
    scope: &Scope,
    run_id: &str,
    door: &str,
    nu: NaiveDateTime,
) -> Result<(Betaalrun, String), RunFout> {
    let run = betalingen::run(db, scope, run_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if run.aangemaakt_door == door {
        return Err(StoreError::Conflict(betalingen::EIGEN_RUN.into()).into());
    }
    let rekening = betalingen::rekening(db, scope)
        .await?
        .ok_or(RunFout::GeenRekening)?;
    let maand = Maand::parse(&run.maand).map_err(StoreError::from)?;
    let betalingen = betalingen::van_run(db, scope, run_id).await?;
    let xml = pure::sepa_bestand(scope.gemeente, maand, &rekening, &betalingen, nu)?;
    let msg_id = pure::msg_id(scope.gemeente, maand, nu);
    let run = betalingen::goedkeuren(db, scope, run_id, door, &msg_id, &xml).await?;
    Ok((run, xml))
}

/// When a newly granted benefit is first paid: by the first run that is not
/// yet released, for the month the benefit starts or the current month,
/// whichever is later. For the resident's zaak page.
pub async fn eerste_betaling(
    db: &Db,
    scope: &Scope,
    ingang: chrono::NaiveDate,
    vandaag: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, StoreError> {
    let vrijgegeven: Vec<String> = betalingen::runs(db, scope)
        .await?
        .into_iter()
        .filter(|r| r.status == "vrijgegeven")
        .map(|r| r.maand)
        .collect();
    let mut maand = Maand::of(ingang).max(Maand::of(vandaag));
    while vrijgegeven.contains(&maand.to_string()) {
        maand = maand.next();
    }
    Ok(gbi_payments::betaalrun::uitvoerdatum(maand, vandaag))
}

//! Verrekening in the betaalrun (art. 60-3/60-4 Participatiewet): a claim
//! the decision said to offset is paid from the running algemene bijstand,
//! never below the beslagvrije voet. Awb 4:93-4 forbids offsetting where
//! beslag would be void, and for bijstand Rv 475dc-2 puts the beslagvrije
//! voet at 95% of the applicable norm including vakantietoeslag minus the
//! income of art. 32 — so at most about 5% of the norm is offset a month.
//! The offset is booked with the payment, in one transaction, and shows on
//! the resident's specification.

use chrono::NaiveDate;
use gbi_domain::{Bsn, Maand, Money};
use gbi_payments::grootboek::{self, Feiten, Periode};
use gbi_rules::Regels;
use gbi_rules::invordering::bvv::{BvvBijstand, BvvInvoer, BvvLeefsituatie};
use gbi_rules::{Huishouden, Leefvorm};
use gbi_store::betalingen::{Betaalrun, NieuweBetaling};
use gbi_store::invordering::{self, MutatieSoort, NieuweMutatie};
use gbi_store::vorderingen::Vordering;
use gbi_store::{Db, Scope, StoreError};
use std::collections::HashMap;

/// The open claims to offset, per resident.
pub struct TeVerrekenen(HashMap<String, Vec<Vordering>>);

impl TeVerrekenen {
    pub async fn laden(db: &Db, scope: &Scope) -> Result<Self, StoreError> {
        let mut m: HashMap<String, Vec<Vordering>> = HashMap::new();
        for v in invordering::te_verrekenen(db, scope).await? {
            m.entry(v.bsn.as_str().to_owned()).or_default().push(v);
        }
        Ok(Self(m))
    }

    pub fn van(&self, bsn: &str) -> &[Vordering] {
        self.0.get(bsn).map_or(&[], Vec::as_slice)
    }
}

/// The leefsituatie of the beslagvrije voet from the household of the
/// month (Rv 475da-1).
pub fn leefsituatie(h: &Huishouden, leefvorm: Leefvorm) -> BvvLeefsituatie {
    match leefvorm {
        Leefvorm::Alleenstaande => BvvLeefsituatie::Alleenstaande,
        Leefvorm::AlleenstaandeOuder => BvvLeefsituatie::AlleenstaandeOuder,
        Leefvorm::Gehuwden if h.kinderen.is_empty() => BvvLeefsituatie::GehuwdenZonderKinderen,
        Leefvorm::Gehuwden => BvvLeefsituatie::GehuwdenMetKinderen,
    }
}

/// What a month's payment offsets: per claim, oldest first, within the
/// afloscapaciteit the beslagvrije voet leaves, and never more than the
/// payment itself or what is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verrekening {
    pub beslagvrije_voet: Money,
    pub afloscapaciteit: Money,
    /// The data the beslagvrije voet was computed from, for the notice of
    /// Rv 475i: (label, value).
    pub gegevens: Vec<(String, String)>,
    /// Each step of the beslagvrije voet with its article.
    pub stappen: Vec<gbi_rules::invordering::BvvStap>,
    /// (claim id, amount).
    pub regels: Vec<(String, Money)>,
}

impl Verrekening {
    pub fn totaal(&self) -> Money {
        self.regels.iter().map(|(_, b)| *b).sum()
    }
}

/// Compute the offset of `maand` for a benefit with household facts that
/// pays `betaling`.
#[allow(clippy::too_many_arguments)]
pub fn berekenen(
    regels: &Regels,
    scope: &Scope,
    feiten: &Feiten,
    opgaven: &[gbi_store::inkomsten::Inkomstenopgave],
    periode: Periode,
    maand: Maand,
    betaling: Money,
    vorderingen: &[Vordering],
) -> Result<Verrekening, String> {
    let recht = grootboek::maandrecht(
        regels,
        scope.gemeente,
        feiten,
        opgaven,
        periode.ingang(),
        maand,
    )
    .map_err(|e| e.voor_medewerker())?;
    let u = &recht.uitkomst;
    let inkomen = recht.arbeid + recht.overig;
    let situatie = leefsituatie(feiten.voor(maand), u.leefvorm);
    let invoer = BvvInvoer {
        leefsituatie: situatie,
        // 475dc-1: the income of the month including vakantiebijslag — the
        // bijstand with its reserved vakantietoeslag, and the other income.
        inkomen_per_maand: Money::from_cents(u.bijstand_cents) + inkomen,
        bijstand: Some(BvvBijstand {
            norm_incl_vakantietoeslag: Money::from_cents(u.norm_cents),
            inkomen_art_32: Money::from_cents(u.inkomen_cents),
        }),
        ..BvvInvoer::default()
    };
    let bvv = regels
        .beslagvrije_voet(maand.first_day(), &invoer)
        .map_err(|e| e.voor_medewerker())?;
    let mut ruimte = bvv.afloscapaciteit.min(betaling).max(Money::ZERO);
    let mut uit = Vec::new();
    for v in vorderingen {
        if ruimte.cents() <= 0 {
            break;
        }
        let deel = ruimte.min(v.open_bedrag);
        if deel.cents() > 0 {
            uit.push((v.id.clone(), deel));
            ruimte -= deel;
        }
    }
    Ok(Verrekening {
        beslagvrije_voet: bvv.beslagvrije_voet,
        afloscapaciteit: bvv.afloscapaciteit,
        gegevens: vec![
            ("Uw leefsituatie".into(), situatie.naam().into()),
            (
                "Uw bijstandsnorm, met vakantiegeld".into(),
                Money::from_cents(u.norm_cents).to_string(),
            ),
            (
                "Uw inkomen dat meetelt voor de bijstand".into(),
                Money::from_cents(u.inkomen_cents).to_string(),
            ),
            (
                "Uw inkomen per maand, met vakantiegeld".into(),
                invoer.inkomen_per_maand.to_string(),
            ),
            ("Maand".into(), maand.dutch_name()),
        ],
        stappen: bvv.stappen,
        regels: uit,
    })
}

/// Store the payment of a benefit with its offset (see
/// [`invordering::betalen_met_verrekening`]).
#[allow(clippy::too_many_arguments)]
pub async fn betalen(
    db: &Db,
    scope: &Scope,
    run: &Betaalrun,
    maand: Maand,
    mut betaling: NieuweBetaling,
    bsn: &Bsn,
    v: &Verrekening,
    vandaag: NaiveDate,
) -> Result<bool, StoreError> {
    betaling.bedrag -= v.totaal();
    let mutaties: Vec<NieuweMutatie<'_>> = v
        .regels
        .iter()
        .map(|(id, bedrag)| NieuweMutatie {
            vordering_id: id,
            soort: MutatieSoort::Verrekening,
            bedrag: *bedrag,
            datum: vandaag,
            maand: Some(maand),
            uitkering_id: Some(&betaling.uitkering_id),
            betaalrun_id: Some(&run.id),
            kwijtschelding_id: None,
            beslagvrije_voet: Some(v.beslagvrije_voet),
            door: &run.aangemaakt_door,
        })
        .collect();
    invordering::betalen_met_verrekening(db, scope, run, &betaling, bsn, &mutaties).await
}

/// What a benefit's payment of `maand` would offset against `vorderingen`
/// (for the letter that announces the offset): the month's due amount as
/// the ledger computes it, then [`berekenen`].
pub async fn voor_uitkering(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    u: &gbi_store::uitkeringen::Uitkering,
    maand: Maand,
    vorderingen: &[Vordering],
) -> Result<Verrekening, String> {
    let basis: Huishouden = serde_json::from_value(
        u.huishouden
            .clone()
            .ok_or("deze uitkering heeft een vast bedrag")?,
    )
    .map_err(|e| format!("de feiten van het huishouden zijn niet te lezen ({e})"))?;
    let feiten = crate::betaalrun::feiten_van(db, scope, &u.id, basis).await?;
    let opgaven = gbi_store::inkomsten::van_uitkering(db, scope, &u.id)
        .await
        .map_err(|e| e.to_string())?;
    let datum = |s: &str| gbi_domain::date::parse_date(s).map_err(|e| e.message);
    let periode = Periode {
        ingangsdatum: datum(&u.ingangsdatum)?,
        einddatum: u.einddatum.as_deref().map(datum).transpose()?,
    };
    let betaling =
        grootboek::verschuldigd(regels, scope.gemeente, &feiten, &opgaven, periode, maand)
            .map_err(|e| e.voor_medewerker())?;
    berekenen(
        regels,
        scope,
        &feiten,
        &opgaven,
        periode,
        maand,
        betaling,
        vorderingen,
    )
}

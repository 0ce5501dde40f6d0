//! Terug- en invordering as a process (Participatiewet art. 58-60, Awb
//! titel 4.4): an overpayment the ledger finds becomes a
//! terugvorderingsverzoek — a task for a person ([`signaleren`]); a person
//! chooses the ground or decides not to reclaim, a second person approves
//! ([`terugvordering`]); the claim is collected by payments and, within the
//! beslagvrije voet, by offsetting against the running benefit
//! ([`verrekening`]); a kwijtschelding is a decision with four eyes
//! ([`kwijtschelding`]). Nothing here creates a claim, an offset above the
//! beslagvrije voet or a write-off without a person's decision.

pub mod aanmaning;
pub mod aflossing;
pub mod boete;
pub mod brief;
pub mod brief_ladder;
pub mod kwijtschelding;
pub mod ladder;
pub mod terugvordering;
pub mod verrekening;

use chrono::NaiveDate;
use gbi_domain::{GemeenteCode, Maand, Money, Rol, TaakSoort, TaakVoor};
use gbi_payments::grootboek::{self, Periode};
use gbi_rules::{Huishouden, Regels};
use gbi_store::terugvorderingen::{self, Component, NieuwVerzoek};
use gbi_store::zaken::NieuweTaak;
use gbi_store::{Db, Scope, StoreError, uitkeringen};

/// Who proposes a terugvordering (the caseworker of the benefit, or
/// debiteurenbeheer).
pub const VOORSTELLEN: &[Rol] = &[Rol::Inkomensconsulent, Rol::Debiteurenbeheer];
/// Who approves a proposal of someone else (four eyes).
pub const BEOORDELEN: &[Rol] = &[
    Rol::Kwaliteitsmedewerker,
    Rol::Teamleider,
    Rol::Debiteurenbeheer,
];
/// Who records payments and proposes a kwijtschelding.
pub const INNEN: &[Rol] = &[Rol::Debiteurenbeheer];
/// Who sees the claims of the gemeente (the worklist and the totals).
pub const INZIEN: &[Rol] = &[
    Rol::Debiteurenbeheer,
    Rol::Inkomensconsulent,
    Rol::Kwaliteitsmedewerker,
    Rol::Teamleider,
];

/// The overpayment of one month: what the ledger says was paid too much,
/// minus what earlier decisions already dealt with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overbetaling {
    pub maand: Maand,
    pub verschuldigd: Money,
    pub betaald: Money,
    pub te_veel: Money,
}

/// The months of a benefit with an overpayment nobody decided on yet,
/// oldest first. A benefit with a fixed amount has no computed ledger.
pub async fn overbetalingen(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    uitkering: &uitkeringen::Uitkering,
    vandaag: NaiveDate,
) -> Result<Vec<Overbetaling>, String> {
    let Some(basis) = &uitkering.huishouden else {
        return Ok(Vec::new());
    };
    let basis: Huishouden = serde_json::from_value(basis.clone())
        .map_err(|e| format!("de feiten van het huishouden zijn niet te lezen ({e})"))?;
    let feiten = crate::betaalrun::feiten_van(db, scope, &uitkering.id, basis).await?;
    let opgaven = gbi_store::inkomsten::van_uitkering(db, scope, &uitkering.id)
        .await
        .map_err(|e| e.to_string())?;
    let betaald = betaald(db, scope, &uitkering.id)
        .await
        .map_err(|e| e.to_string())?;
    let datum = |s: &str| gbi_domain::date::parse_date(s).map_err(|e| e.message);
    let periode = Periode {
        ingangsdatum: datum(&uitkering.ingangsdatum)?,
        einddatum: uitkering.einddatum.as_deref().map(datum).transpose()?,
    };
    let Some(laatst_betaald) = betaald.keys().max().copied() else {
        return Ok(Vec::new());
    };
    let tot = laatst_betaald.min(Maand::of(vandaag));
    let gemeente: GemeenteCode = scope.gemeente;
    let boek = grootboek::grootboek(
        regels,
        gemeente,
        &feiten,
        &opgaven,
        grootboek::Looptijd { periode, tot },
        |m| betaald.get(&m).copied().unwrap_or(Money::ZERO),
    );
    let behandeld = terugvorderingen::behandelde_maanden(db, scope, &uitkering.id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(boek
        .into_iter()
        .filter(|r| r.recht.is_some())
        .filter_map(|r| {
            let al = behandeld.get(&r.maand).copied().unwrap_or(Money::ZERO);
            let te_veel = r.verschil - al;
            (te_veel.cents() > 0).then_some(Overbetaling {
                maand: r.maand,
                verschuldigd: r.verschuldigd,
                betaald: r.betaald,
                te_veel,
            })
        })
        .collect())
}

/// What was paid for each month of a benefit: the payments of released
/// runs plus what those runs offset against a claim (that money was the
/// resident's right, used to pay the debt).
pub async fn betaald(
    db: &Db,
    scope: &Scope,
    uitkering_id: &str,
) -> Result<std::collections::BTreeMap<Maand, Money>, StoreError> {
    let mut uit = gbi_store::betalingen::betaald_per_maand(db, scope, uitkering_id).await?;
    for (m, b) in gbi_store::invordering::verrekend_per_maand(db, scope, uitkering_id, true).await?
    {
        *uit.entry(m).or_insert(Money::ZERO) += b;
    }
    Ok(uit)
}

/// After a late income report, a processed change or a handhaving
/// finding: when the ledger of the benefit on `zaak_id` shows an
/// overpayment nobody decided on yet, open a terugvorderingsverzoek with a
/// task for a person (once: an open verzoek is not opened again). Never a
/// claim by itself. Returns whether a verzoek was opened.
pub async fn signaleren(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    zaak_id: &str,
    aanleiding: &str,
    vandaag: NaiveDate,
) -> Result<bool, String> {
    let Some(u) = uitkeringen::voor_zaak(db, scope, zaak_id)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(false);
    };
    let over = overbetalingen(db, scope, regels, &u, vandaag).await?;
    if over.is_empty() {
        return Ok(false);
    }
    let totaal: Money = over.iter().map(|o| o.te_veel).sum();
    let maanden: Vec<String> = over.iter().map(|o| o.maand.to_string()).collect();
    let id = terugvorderingen::verzoek_openen(
        db,
        scope,
        &NieuwVerzoek {
            zaak_id,
            uitkering_id: &u.id,
            bsn: &u.bsn,
            aanleiding,
            taak: NieuweTaak {
                voor: TaakVoor::Medewerker,
                soort: TaakSoort::Terugvorderingsverzoek,
                titel: format!("Te veel betaald: {totaal}. Beoordeel de terugvordering"),
                toelichting: Some(format!(
                    "Het grootboek laat zien dat er te veel bijstand is betaald over {}. Kies de grond (art. 58 Participatiewet) of besluit met een reden om niet terug te vorderen.",
                    maanden.join(", ")
                )),
                deadline: Some((vandaag + chrono::Duration::weeks(4)).to_string()),
            },
        },
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(id.is_some())
}

/// The months of a proposal: the overpayments, net, and gross for a month
/// in a calendar year before the decision's (art. 58-5: the loonheffing of
/// a closed year cannot be offset against the afdracht any more). The
/// gross amount is the gross of what was paid minus the gross of what was
/// due; `None` when the rates of that year are not set.
pub fn componenten(
    regels: &Regels,
    over: &[Overbetaling],
    besluitdatum: NaiveDate,
) -> Vec<Component> {
    use chrono::Datelike;
    over.iter()
        .map(|o| {
            let bruto = (o.maand.year() < besluitdatum.year())
                .then(|| {
                    let d = o.maand.first_day();
                    let b = |n| {
                        gbi_rules::bruto::bruto_van_netto(&regels.parameters, d, n).map(|x| x.bruto)
                    };
                    Some(b(o.betaald).ok()? - b(o.verschuldigd).ok()?)
                })
                .flatten();
            Component {
                rechtmaand: o.maand,
                netto: o.te_veel,
                bruto,
            }
        })
        .collect()
}

/// A message for the resident's inbox, with a notification e-mail to the
/// address of the zaak's aanvraag (the e-mail carries no personal data).
pub async fn bericht(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    onderwerp: &str,
    tekst: String,
) -> Result<gbi_store::zaken::Melding, StoreError> {
    let email = gbi_store::zaken::get(db, scope, zaak_id, "bericht invordering")
        .await?
        .and_then(|z| {
            z.aanvraag
                .get("email")
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        })
        .filter(|e| !e.trim().is_empty());
    Ok(gbi_store::zaken::Melding {
        onderwerp: onderwerp.to_owned(),
        tekst,
        email,
        mail_onderwerp: "Er staat een bericht voor u klaar".into(),
        mail_tekst: "Beste inwoner,\n\nEr staat een nieuw bericht voor u klaar op Mijn inkomen."
            .into(),
    })
}

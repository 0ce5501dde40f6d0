//! The one-off payments (eenmalige betalingen) of a zaak as the resident and
//! the medewerker see them on the zaak page (`eenmalig.html`): what for, to
//! whom, how much, and where it stands — planned, in the betaalrun of a
//! month, or paid once that run was approved.

use gbi_domain::date::dutch_date;
use gbi_store::eenmalige_betalingen::{self, Stand};
use gbi_store::{Db, Scope, StoreError};

/// One payment, in plain words.
pub struct Regel {
    /// What it is for, e.g. "Bijzondere bijstand wasmachine".
    pub omschrijving: String,
    /// Who receives it: the resident, or a supplier or bewindvoerder.
    pub naam: String,
    pub bedrag: String,
    /// Where it stands, as a sentence.
    pub stand: String,
    /// The month of the released betaalrun that paid it, as (code,
    /// "januari 2027"): its specification can be downloaded.
    pub betaald_in: Option<(String, String)>,
}

/// The one-off payments of a zaak, oldest first. The caller has read the
/// zaak through a logged path.
pub async fn voor_zaak(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    vandaag: chrono::NaiveDate,
) -> Result<Vec<Regel>, StoreError> {
    let mut uit = Vec::new();
    for e in eenmalige_betalingen::voor_zaak(db, scope, zaak_id).await? {
        let stand = match e.stand {
            Stand::Gepland => {
                let d = gbi_zaken::betaalrun::eerste_betaling(
                    db,
                    scope,
                    e.vanaf_maand.first_day(),
                    vandaag,
                )
                .await?;
                format!("Gepland. Wij betalen rond {}.", dutch_date(d))
            }
            Stand::InBetaalrun(m) => format!(
                "In de betaalrun van {}. Wij betalen rond {}.",
                m.dutch_name(),
                dutch_date(gbi_payments::betaalrun::uitvoerdatum(m, vandaag))
            ),
            Stand::Betaald(m) => format!("Betaald met de betaalrun van {}.", m.dutch_name()),
        };
        uit.push(Regel {
            betaald_in: match e.stand {
                Stand::Betaald(m) => Some((m.to_string(), m.dutch_name())),
                _ => None,
            },
            omschrijving: e.omschrijving,
            naam: e.naam,
            bedrag: e.bedrag.to_string(),
            stand,
        });
    }
    Ok(uit)
}

fn specificatie_regel(e: eenmalige_betalingen::EenmaligeBetaling) -> gbi_letters::EenmaligeRegel {
    gbi_letters::EenmaligeRegel {
        betaald: matches!(e.stand, Stand::Betaald(_)),
        omschrijving: e.omschrijving,
        bedrag: e.bedrag.to_string(),
        betaald_aan: e.derde.then_some(e.naam),
    }
}

/// The resident's one-off payments of the betaalrun of `maand`, as lines of
/// that month's specification. The caller has read the zaak or benefit
/// through a logged path.
pub async fn specificatie_regels(
    db: &Db,
    scope: &Scope,
    bsn: &gbi_domain::Bsn,
    maand: gbi_domain::Maand,
) -> Result<Vec<gbi_letters::EenmaligeRegel>, StoreError> {
    Ok(eenmalige_betalingen::in_maand(db, scope, bsn, maand)
        .await?
        .into_iter()
        .map(specificatie_regel)
        .collect())
}

/// The specification of a month for a zaak without a running benefit (a
/// one-off bijzondere bijstand or IIT): its one-off payments of that
/// month's betaalrun, so a resident without a benefit still gets one. Not
/// found when the month's run took none up. The caller has read the zaak
/// through a logged path.
pub async fn specificatie_pdf(
    state: &crate::AppState,
    scope: &Scope,
    zaak: &gbi_store::zaken::Zaak,
    ontvanger_naam: &str,
    maand: gbi_domain::Maand,
) -> Result<axum::response::Response, crate::error::PageError> {
    let regels: Vec<gbi_letters::EenmaligeRegel> =
        eenmalige_betalingen::in_maand(&state.db, scope, &zaak.bsn, maand)
            .await?
            .into_iter()
            .filter(|e| e.zaak_id == zaak.id)
            .map(specificatie_regel)
            .collect();
    if regels.is_empty() {
        return Err(crate::error::PageError::not_found());
    }
    let huisstijl = super::huisstijl(state, scope).await?;
    let s = gbi_letters::Specificatie {
        kenmerk: zaak.identificatie.clone(),
        datum: gbi_domain::today_amsterdam(),
        ontvanger_naam: ontvanger_naam.to_owned(),
        ontvanger_adres: Vec::new(),
        maand: maand.dutch_name(),
        bedragen: Vec::new(),
        uitleg: Vec::new(),
        verschil: None,
        bruto_toelichting: None,
        herziening: Vec::new(),
        eenmalig: regels,
        verrekeningen: Vec::new(),
    };
    super::pdf_download(
        gbi_letters::specificatie_pdf(&huisstijl, &s),
        &format!("specificatie-{maand}.pdf"),
        "specificatie",
    )
}

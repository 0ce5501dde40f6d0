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
            omschrijving: e.omschrijving,
            naam: e.naam,
            bedrag: e.bedrag.to_string(),
            stand,
        });
    }
    Ok(uit)
}

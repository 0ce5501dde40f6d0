//! The first step of the interventieladder: the aanmaning (Awb 4:112). The
//! worklist proposes it when the payment term of a claim that is not
//! offset has passed; a person sends it. It gives two weeks to pay, and it
//! interrupts limitation (Awb 4:105). The fee of Awb 4:113 is a power
//! ("kan"), not a duty; GBI charges none while the amounts are not set.
//! The next step, a dwangbevel (Awb 4:114, art. 60-2), is a person's too.

use super::INNEN;
use crate::commando::{Fout, Medewerker};
use chrono::NaiveDate;
use gbi_store::vorderingen::Status;
use gbi_store::{Db, Scope, StoreError, invordering};

/// Send the aanmaning of claim `id`.
pub async fn versturen(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    id: &str,
    vandaag: NaiveDate,
) -> Result<(), Fout> {
    if !wie.heeft(INNEN) {
        return Err(Fout::Geweigerd);
    }
    let v = invordering::vordering(db, scope, id, "aanmaning versturen")
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    if v.status != Status::Open {
        return Err(Fout::KanNu("deze vordering staat niet meer open".into()));
    }
    if v.verrekenen {
        return Err(Fout::KanNu(
            "deze vordering wordt verrekend met de uitkering: een aanmaning is niet nodig".into(),
        ));
    }
    let termijn = v
        .betalen_voor
        .as_deref()
        .and_then(|d| gbi_domain::date::parse_date(d).ok());
    if termijn.is_none_or(|t| t >= vandaag) {
        return Err(Fout::KanNu(format!(
            "de betaaltermijn loopt nog{}: een aanmaning kan pas daarna (Awb 4:112)",
            termijn
                .map(|t| format!(" tot en met {}", gbi_domain::date::dutch_date(t)))
                .unwrap_or_default()
        )));
    }
    invordering::aanmanen(
        db,
        scope,
        id,
        vandaag,
        gbi_rules::invordering::aanmaning_termijn(vandaag),
        &[crate::werksoort::WerkSoort::BriefAanmaning.code_voor(id)],
    )
    .await?;
    Ok(())
}

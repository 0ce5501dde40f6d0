//! The first step of the interventieladder: the aanmaning (Awb 4:112). The
//! worklist proposes it when the payment term of a claim that is not
//! offset has passed; a person sends it. It gives two weeks to pay, and it
//! interrupts limitation (Awb 4:105). The fee of Awb 4:113 is a power
//! ("kan"), not a duty; GBI charges none while the amounts are not set.
//! The next step, a dwangbevel (Awb 4:114, art. 60-2), is a person's too
//! ([`super::ladder`]). A betalingsregeling that is not kept may be
//! reminded the same way.

use super::INNEN;
use super::ladder::Stap;
use crate::commando::{Fout, Medewerker};
use chrono::NaiveDate;
use gbi_store::{Db, Scope, invordering};

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
    let (v, lopend) = super::ladder::laden(db, scope, id, "aanmaning versturen").await?;
    match super::ladder::stap(&v, lopend.as_ref(), vandaag) {
        Stap::AanmaningMogelijk(_) | Stap::RegelingAchterstand(_) => {}
        Stap::BetaaltermijnLoopt(t) => {
            return Err(Fout::KanNu(format!(
                "de betaaltermijn loopt nog tot en met {}: een aanmaning kan pas daarna (Awb 4:112)",
                gbi_domain::date::dutch_date(t)
            )));
        }
        Stap::Verrekend => {
            return Err(Fout::KanNu(
                "deze vordering wordt verrekend met de uitkering: een aanmaning is niet nodig"
                    .into(),
            ));
        }
        Stap::Afgesloten => {
            return Err(Fout::KanNu("deze vordering staat niet meer open".into()));
        }
        andere => {
            return Err(Fout::KanNu(format!(
                "een aanmaning kan nu niet: {}",
                andere.omschrijving().to_lowercase()
            )));
        }
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

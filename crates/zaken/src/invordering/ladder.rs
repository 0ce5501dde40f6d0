//! The interventieladder of a claim that is not offset against a benefit:
//! the payment term (Awb 4:87), the aanmaning (4:112), the dwangbevel
//! (4:114-4:117, art. 60, tweede lid, Participatiewet), then derdenbeslag
//! (art. 60, vijfde lid, with Rv 479g). A betalingsregeling pauses the
//! ladder while it is kept. [`stap`] says where a claim stands and what the
//! next step is; the system proposes it in the worklist, and each step is a
//! command a person takes ([`super::aanmaning::versturen`],
//! [`dwangbevel`], [`super::aflossing`]). Nothing here runs by itself.

use super::INNEN;
use crate::commando::{Fout, Medewerker};
use chrono::{Datelike, NaiveDate};
use gbi_domain::Money;
use gbi_store::aflossingen::{Aflossing, Wijze};
use gbi_store::vorderingen::{Status, Vordering};
use gbi_store::{Db, Scope, StoreError, aflossingen, invordering};

/// Where a claim stands on the ladder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stap {
    /// Paid, or waived: nothing to do.
    Afgesloten,
    /// Offset each month against the running benefit (art. 60-3/60-4).
    Verrekend,
    /// The payment term runs until this day.
    BetaaltermijnLoopt(NaiveDate),
    /// No payment term is known (a loan): agree how to pay.
    GeenTermijn,
    /// The payment term passed: an aanmaning may be sent (or a
    /// betalingsregeling agreed).
    AanmaningMogelijk(NaiveDate),
    /// The aanmaning was sent; its term runs until this day.
    AanmaningLoopt(NaiveDate),
    /// The aanmaning's term passed unpaid: a dwangbevel may be issued
    /// (4:117), or a betalingsregeling agreed.
    DwangbevelMogelijk(NaiveDate),
    /// A dwangbevel was issued on this day: derdenbeslag may be laid.
    BeslagMogelijk(NaiveDate),
    /// A betalingsregeling is kept: so much a month.
    Regeling(Money),
    /// A betalingsregeling is behind by this amount.
    RegelingAchterstand(Money),
    /// A third party pays so much a month under derdenbeslag.
    Beslag(Money),
}

fn datum(d: &Option<String>) -> Option<NaiveDate> {
    d.as_deref()
        .and_then(|d| gbi_domain::date::parse_date(d).ok())
}

/// The monthly terms of `a` whose day passed before `vandaag`: the first
/// term and one on the same day of each later month. A term due today is
/// not late yet.
pub fn termijnen_verstreken(a: &Aflossing, vandaag: NaiveDate) -> i64 {
    let Ok(eerste) = gbi_domain::date::parse_date(&a.eerste_termijn) else {
        return 0;
    };
    if vandaag <= eerste {
        return 0;
    }
    let maanden = i64::from(vandaag.year() - eerste.year()) * 12 + i64::from(vandaag.month())
        - i64::from(eerste.month());
    maanden + i64::from(vandaag.day() > eerste.day())
}

/// What a betalingsregeling is behind on `vandaag`: the terms due, never
/// more than the claim was when it started, minus what was paid since.
pub fn achterstand(a: &Aflossing, v: &Vordering, vandaag: NaiveDate) -> Money {
    let verschuldigd = Money::from_cents(
        a.bedrag_per_maand
            .cents()
            .saturating_mul(termijnen_verstreken(a, vandaag)),
    )
    .min(v.open_bedrag + a.betaald_sinds_start);
    (verschuldigd - a.betaald_sinds_start).max(Money::ZERO)
}

/// Where claim `v` stands on `vandaag`, given its running aflossing.
pub fn stap(v: &Vordering, lopend: Option<&Aflossing>, vandaag: NaiveDate) -> Stap {
    if v.status != Status::Open {
        return Stap::Afgesloten;
    }
    if v.verrekenen {
        return Stap::Verrekend;
    }
    match lopend {
        Some(a) if a.wijze == Wijze::Derdenbeslag => return Stap::Beslag(a.bedrag_per_maand),
        Some(a) => {
            let achter = achterstand(a, v, vandaag);
            if achter.cents() <= 0 {
                return Stap::Regeling(a.bedrag_per_maand);
            }
            // A regeling that is not kept: the ladder goes on where it
            // stood (an aanmaning first, if none was sent).
            if v.aanmaning_op.is_none() {
                return Stap::RegelingAchterstand(achter);
            }
        }
        None => {}
    }
    if let Some(d) = datum(&v.dwangbevel_op) {
        return Stap::BeslagMogelijk(d);
    }
    if let Some(t) = datum(&v.aanmaning_betalen_voor) {
        return if t < vandaag {
            Stap::DwangbevelMogelijk(t)
        } else {
            Stap::AanmaningLoopt(t)
        };
    }
    match datum(&v.betalen_voor) {
        Some(t) if t < vandaag => Stap::AanmaningMogelijk(t),
        Some(t) => Stap::BetaaltermijnLoopt(t),
        None => Stap::GeenTermijn,
    }
}

impl Stap {
    /// The next step for the worklist, with the article.
    pub fn omschrijving(&self) -> String {
        let d = |d: &NaiveDate| gbi_domain::date::dutch_date(*d);
        match self {
            Stap::Afgesloten => "Afgesloten".into(),
            Stap::Verrekend => "Wordt elke maand verrekend met de uitkering".into(),
            Stap::BetaaltermijnLoopt(_) => "Betaaltermijn loopt (Awb 4:87)".into(),
            Stap::GeenTermijn => "Betalingsregeling afspreken".into(),
            Stap::AanmaningMogelijk(_) => {
                "Betaaltermijn verstreken: aanmaning sturen of betalingsregeling afspreken (Awb 4:112)".into()
            }
            Stap::AanmaningLoopt(_) => "Aanmaning verstuurd (Awb 4:112)".into(),
            Stap::DwangbevelMogelijk(_) => {
                "Aanmaning niet betaald: een medewerker beslist over een dwangbevel (Awb 4:114, 4:117; art. 60 lid 2) of een betalingsregeling".into()
            }
            Stap::BeslagMogelijk(op) => format!(
                "Dwangbevel van {} niet betaald: een medewerker beslist over derdenbeslag (art. 60 lid 5; Rv 479g) of een betalingsregeling",
                d(op)
            ),
            Stap::Regeling(b) => format!("Betalingsregeling van {b} per maand loopt"),
            Stap::RegelingAchterstand(b) => format!(
                "Betalingsregeling niet nagekomen ({b} achterstand): aanmaning sturen (Awb 4:112) of de regeling aanpassen"
            ),
            Stap::Beslag(b) => format!("Derdenbeslag: {b} per maand"),
        }
    }

    /// The deadline that belongs to the step, and whether it passed.
    pub fn termijn(&self) -> Option<(NaiveDate, bool)> {
        match self {
            Stap::BetaaltermijnLoopt(t) | Stap::AanmaningLoopt(t) => Some((*t, false)),
            Stap::AanmaningMogelijk(t) | Stap::DwangbevelMogelijk(t) => Some((*t, true)),
            _ => None,
        }
    }

    /// A person should act now.
    pub fn actie_nodig(&self) -> bool {
        matches!(
            self,
            Stap::AanmaningMogelijk(_)
                | Stap::DwangbevelMogelijk(_)
                | Stap::BeslagMogelijk(_)
                | Stap::RegelingAchterstand(_)
        )
    }
}

/// The claim with its running aflossing (reads logged).
pub async fn laden(
    db: &Db,
    scope: &Scope,
    id: &str,
    operation: &str,
) -> Result<(Vordering, Option<Aflossing>), Fout> {
    let v = invordering::vordering(db, scope, id, operation)
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    let a = aflossingen::van_vordering(db, scope, id, operation)
        .await?
        .into_iter()
        .rfind(|a| a.lopend);
    Ok((v, a))
}

/// Issue the dwangbevel of claim `id` (Awb 4:114; art. 60, tweede lid,
/// Participatiewet): only after the aanmaning's term passed unpaid (Awb
/// 4:117), and with a person's reason. It is made known by post (art. 60,
/// vijfde lid) and interrupts limitation (Awb 4:106).
pub async fn dwangbevel(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    id: &str,
    motivering: &str,
    vandaag: NaiveDate,
) -> Result<(), Fout> {
    if !wie.heeft(INNEN) {
        return Err(Fout::Geweigerd);
    }
    let (v, lopend) = laden(db, scope, id, "dwangbevel uitvaardigen").await?;
    match stap(&v, lopend.as_ref(), vandaag) {
        Stap::DwangbevelMogelijk(_) => {}
        Stap::AanmaningLoopt(t) => {
            return Err(Fout::KanNu(format!(
                "de termijn van de aanmaning loopt nog tot en met {}: een dwangbevel kan pas daarna (Awb 4:117)",
                gbi_domain::date::dutch_date(t)
            )));
        }
        Stap::Regeling(_) => {
            return Err(Fout::KanNu(
                "de inwoner houdt zich aan de betalingsregeling: een dwangbevel is niet nodig"
                    .into(),
            ));
        }
        andere => {
            return Err(Fout::KanNu(format!(
                "een dwangbevel kan nu niet: {}",
                andere.omschrijving().to_lowercase()
            )));
        }
    }
    if motivering.trim().chars().count() < 10 {
        return Err(Fout::Ongeldig(crate::voorstel::Ongeldig {
            veld: "motivering",
            melding: "Leg uit waarom een dwangbevel nodig is (ten minste 10 tekens).".into(),
        }));
    }
    invordering::dwangbevel_uitvaardigen(
        db,
        scope,
        id,
        vandaag,
        wie.id,
        motivering,
        &[crate::werksoort::WerkSoort::BriefDwangbevel.code_voor(id)],
    )
    .await?;
    Ok(())
}

//! A caseworker records the income of a month on a running benefit. Such a
//! report outranks the figure UWV gave (a person's own figure always does)
//! and is the person's review that a large drop from UWV wages waits for
//! before it is paid (art. 54-3, policy `herziening_beoordelen_vanaf`).
//! Role and state are checked here; the page only parses the form.

use crate::commando::{Fout, Medewerker};
use crate::voorstel::Ongeldig;
use chrono::NaiveDate;
use gbi_domain::{Maand, Money, Rol};
use gbi_store::inkomsten::{self, Inkomstenopgave};
use gbi_store::{Db, Scope, StoreError, uitkeringen};

/// Who records a month's income for a resident.
pub const VASTLEGGEN: &[Rol] = crate::wijziging::VERWERKEN;
/// A month's income above this is a typing error (€ 1 miljoen).
const HOOGSTE_BEDRAG: Money = Money::from_cents(100_000_000);

/// The income of one month, parsed from the form.
#[derive(Debug, Clone, Copy)]
pub struct Opgave {
    pub maand: Maand,
    pub arbeid: Money,
    pub overig: Money,
}

fn ongeldig(veld: &'static str, melding: impl Into<String>) -> Fout {
    Fout::Ongeldig(Ongeldig {
        veld,
        melding: melding.into(),
    })
}

/// Record `opgave` for the benefit of `zaak_id`, as the caseworker `wie`.
pub async fn vastleggen(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    zaak_id: &str,
    opgave: Opgave,
    vandaag: NaiveDate,
) -> Result<Inkomstenopgave, Fout> {
    if !wie.heeft(VASTLEGGEN) {
        return Err(Fout::Geweigerd);
    }
    gbi_store::zaken::get(db, scope, zaak_id, "inkomsten vastleggen")
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    let u = uitkeringen::voor_zaak(db, scope, zaak_id)
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    if u.huishouden.is_none() {
        return Err(Fout::KanNu(
            "deze uitkering heeft een vast bedrag; inkomsten veranderen het niet. Pas het besluit aan."
                .into(),
        ));
    }
    let ingang = gbi_domain::date::parse_date(&u.ingangsdatum)
        .map(Maand::of)
        .map_err(|e| Fout::Store(StoreError::Corrupt(e.message)))?;
    if opgave.maand < ingang {
        return Err(ongeldig(
            "maand",
            format!("De uitkering liep toen nog niet. Kies een maand vanaf {ingang}."),
        ));
    }
    if opgave.maand > Maand::of(vandaag) {
        return Err(ongeldig(
            "maand",
            "Die maand is nog niet begonnen. Leg inkomsten vast als ze er zijn.",
        ));
    }
    for (veld, naam, m) in [
        ("arbeid", "Loon", opgave.arbeid),
        ("overig", "Ander inkomen", opgave.overig),
    ] {
        if m.is_negative() {
            return Err(ongeldig(
                veld,
                format!("{naam}: een bedrag kan niet negatief zijn."),
            ));
        }
        if m > HOOGSTE_BEDRAG {
            return Err(ongeldig(
                veld,
                format!("{naam}: {m} per maand is niet aannemelijk. Controleer het bedrag."),
            ));
        }
    }
    Ok(inkomsten::opgeven(
        db,
        scope,
        &u,
        opgave.maand,
        opgave.arbeid,
        opgave.overig,
        None,
    )
    .await?)
}

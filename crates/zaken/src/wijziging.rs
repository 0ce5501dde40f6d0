//! A change of circumstances (wijziging) on a running benefit: what it pays
//! from a month on. An inkomensconsulent records the new household facts;
//! they count only after a second person approves them (four eyes: nobody
//! approves their own work). Both steps check role and state here, in the
//! process layer; the page only parses the form.

use crate::commando::{Fout, Medewerker};
use crate::voorstel::Ongeldig;
use chrono::{Datelike, NaiveDate};
use gbi_domain::{Maand, Money, Rol};
use gbi_rules::huishouden::{Medebewoner, Partner, Persoon, Relatie};
use gbi_store::uitkeringen::{self, Uitkering};
use gbi_store::{Db, Scope, StoreError, wijzigingen};

/// Who records the new facts of a change.
pub const VERWERKEN: &[Rol] = &[Rol::Inkomensconsulent];
/// Who approves them (not the one who recorded them).
pub const BEOORDELEN: &[Rol] = &[Rol::Kwaliteitsmedewerker, Rol::Teamleider];

/// How far ahead a change may be recorded: a change takes effect when it
/// happens; a month further than this is a typing error.
const VOORUIT_MAANDEN: i32 = 12;
/// Possessions or debts above this are a typing error (€ 100 miljoen).
const HOOGSTE_BEDRAG: Money = Money::from_cents(10_000_000_000);

/// The household facts a caseworker records for a change, parsed.
#[derive(Debug, Clone)]
pub struct Feiten {
    pub wijziging_id: String,
    /// From this month on.
    pub vanaf: Maand,
    /// The partner's date of birth; `None`: no partner.
    pub partner: Option<NaiveDate>,
    pub kinderen: Vec<NaiveDate>,
    pub medebewoners: Vec<NaiveDate>,
    pub bezittingen: Money,
    pub schulden: Money,
}

fn ongeldig(veld: &'static str, melding: impl Into<String>) -> Fout {
    Fout::Ongeldig(Ongeldig {
        veld,
        melding: melding.into(),
    })
}

async fn uitkering_van(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Uitkering, Fout> {
    gbi_store::zaken::get(db, scope, zaak_id, "wijziging verwerken")
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    uitkeringen::voor_zaak(db, scope, zaak_id)
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))
}

fn basis(u: &Uitkering) -> Result<gbi_rules::Huishouden, Fout> {
    match &u.huishouden {
        Some(b) => serde_json::from_value(b.clone())
            .map_err(|e| Fout::Store(StoreError::Corrupt(format!("feiten van {}: {e}", u.id)))),
        None => Err(Fout::KanNu(
            "deze uitkering heeft een vast bedrag; pas het besluit aan".into(),
        )),
    }
}

impl Feiten {
    fn controleren(&self, u: &Uitkering, vandaag: NaiveDate) -> Result<(), Fout> {
        let ingang = gbi_domain::date::parse_date(&u.ingangsdatum)
            .map(Maand::of)
            .map_err(|e| Fout::Store(StoreError::Corrupt(e.message)))?;
        if self.vanaf < ingang {
            return Err(ongeldig(
                "vanaf",
                format!("De uitkering loopt pas vanaf {ingang}: kies die maand of later."),
            ));
        }
        if self.vanaf > Maand::of(vandaag).plus(VOORUIT_MAANDEN) {
            return Err(ongeldig(
                "vanaf",
                "Die maand ligt te ver in de toekomst: kies de maand waarin de wijziging ingaat.",
            ));
        }
        let personen = self
            .partner
            .iter()
            .chain(&self.kinderen)
            .chain(&self.medebewoners);
        for d in personen {
            if *d > vandaag || d.year() < 1900 {
                return Err(ongeldig(
                    "geboortedatum",
                    format!("Geboortedatum {} kan niet kloppen.", d.format("%d-%m-%Y")),
                ));
            }
        }
        for (veld, m) in [
            ("bezittingen", self.bezittingen),
            ("schulden", self.schulden),
        ] {
            if m.is_negative() {
                return Err(ongeldig(veld, "Vul een bedrag van € 0,00 of meer in."));
            }
            if m > HOOGSTE_BEDRAG {
                return Err(ongeldig(veld, "Dat bedrag is te hoog: controleer het."));
            }
        }
        Ok(())
    }
}

/// Record the new facts of a change as a proposal for a second person.
pub async fn verwerken(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    zaak_id: &str,
    f: Feiten,
    regels: &gbi_rules::Regels,
    vandaag: NaiveDate,
) -> Result<(), Fout> {
    if !wie.heeft(VERWERKEN) {
        return Err(Fout::Geweigerd);
    }
    let u = uitkering_van(db, scope, zaak_id).await?;
    let basis = basis(&u)?;
    f.controleren(&u, vandaag)?;
    let feiten = crate::betaalrun::feiten_van(db, scope, &u.id, basis)
        .await
        .map_err(|e| Fout::Store(StoreError::Corrupt(e)))?;
    let mut h = feiten.voor(f.vanaf).clone();
    // A new partner keeps what was known of the old one (income,
    // inrichting) only when it is the same person by birth date.
    let vorige = h.partner.take();
    h.partner = f.partner.map(|geboortedatum| match vorige {
        Some(p) if p.geboortedatum == geboortedatum => p,
        _ => Partner {
            geboortedatum,
            in_inrichting: None,
            inkomsten: Default::default(),
        },
    });
    h.kinderen = f
        .kinderen
        .iter()
        .map(|d| Persoon { geboortedatum: *d })
        .collect();
    h.medebewoners = f
        .medebewoners
        .iter()
        .map(|d| Medebewoner {
            geboortedatum: *d,
            relatie: Relatie::Overig,
            commerciele_huur: false,
            studiefinanciering: false,
            bbl: false,
        })
        .collect();
    h.vermogen.bezittingen_cents = f.bezittingen.cents();
    h.vermogen.schulden_cents = f.schulden.cents();
    // The rules must be able to compute with the new facts.
    regels
        .bereken(&h, f.vanaf.first_day(), Some(scope.gemeente))
        .map_err(|e| ongeldig("vanaf", e.to_string()))?;
    let json =
        serde_json::to_value(&h).map_err(|e| Fout::Store(StoreError::Corrupt(e.to_string())))?;
    wijzigingen::verwerken(db, scope, &u, &f.wijziging_id, f.vanaf, &json).await?;
    Ok(())
}

/// A second person approves or sends back the recorded facts of a change.
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    zaak_id: &str,
    wijziging_id: &str,
    goedgekeurd: bool,
    opmerking: Option<&str>,
) -> Result<(), Fout> {
    if !wie.heeft(BEOORDELEN) {
        return Err(Fout::Geweigerd);
    }
    let opmerking = opmerking.map(str::trim).filter(|o| !o.is_empty());
    if !goedgekeurd && opmerking.is_none() {
        return Err(ongeldig("opmerking", "Schrijf op wat er anders moet."));
    }
    let u = uitkering_van(db, scope, zaak_id).await?;
    let voorstel = wijzigingen::voorstellen(db, scope, &u.id)
        .await?
        .into_iter()
        .find(|v| v.wijziging_id == wijziging_id)
        .ok_or_else(|| Fout::KanNu("er wacht voor deze wijziging niets op een oordeel".into()))?;
    if voorstel.door == scope.actor.as_log_string() {
        return Err(Fout::KanNu(
            "u kunt uw eigen verwerking niet goedkeuren: een collega moet het controleren".into(),
        ));
    }
    wijzigingen::beoordelen(db, scope, &u, wijziging_id, goedgekeurd, opmerking).await?;
    Ok(())
}

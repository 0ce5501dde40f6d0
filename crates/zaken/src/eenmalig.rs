//! A one-off toekenning (bijzondere bijstand, art. 35; the IIT, art. 36):
//! an amount, as gift or loan (art. 48, 51), paid once to the resident or
//! straight to a third party (a supplier, a bewindvoerder), with the
//! caseworker's reasoning that comes in the letter.

use crate::voorstel::Ongeldig;
use gbi_domain::{Iban, Money};
use gbi_rules::params::Vorm;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Who is paid.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Begunstigde {
    pub naam: String,
    pub iban: Iban,
    /// A third party (supplier, bewindvoerder), not the resident.
    pub derde: bool,
}

/// A proposed one-off toekenning.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Eenmalig {
    pub bedrag: Money,
    pub vorm: Vorm,
    pub begunstigde: Begunstigde,
    /// Why this decision: the facts weighed (for the IIT the weighing of
    /// art. 36-2). It comes in the letter.
    pub motivering: String,
}

/// The highest one-off amount a proposal may name; above it is a typing
/// error, not a decision (the largest catalogue maximum, a funeral, is a
/// few thousand euro).
pub const HOOGSTE_BEDRAG: Money = Money::from_cents(2_500_000);

/// What a one-off proposal is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regels {
    /// The regeling may lend (bijzondere bijstand: art. 48-2, 51).
    pub lening_mag: bool,
    /// The amount the advice found, when it found one.
    pub advies: Option<Money>,
}

fn ongeldig(veld: &'static str, melding: impl Into<String>) -> Ongeldig {
    Ongeldig {
        veld,
        melding: melding.into(),
    }
}

impl Eenmalig {
    pub fn controleren(&self, r: &Regels) -> Result<(), Ongeldig> {
        if self.bedrag.cents() <= 0 {
            return Err(ongeldig(
                "bedrag",
                "Vul een bedrag in dat groter is dan € 0,00.",
            ));
        }
        if self.bedrag > HOOGSTE_BEDRAG {
            return Err(ongeldig(
                "bedrag",
                format!(
                    "{} is te hoog. Controleer het bedrag (het hoogste bedrag dat kan is {HOOGSTE_BEDRAG}).",
                    self.bedrag
                ),
            ));
        }
        if self.vorm == Vorm::Geldlening && !r.lening_mag {
            return Err(ongeldig(
                "vorm",
                "Deze regeling wordt alleen om niet verstrekt (artikel 48, eerste lid, Participatiewet).",
            ));
        }
        let m = self.motivering.trim();
        if m.is_empty() {
            return Err(ongeldig(
                "motivering",
                match r.advies {
                    Some(a) if a != self.bedrag => format!(
                        "Het bedrag is anders dan het advies ({a}). Schrijf op waarom: dat komt in de brief."
                    ),
                    _ => "Schrijf op waarom u dit voorstelt: dat komt in de brief.".to_owned(),
                },
            ));
        }
        if m.chars().count() > 4000 {
            return Err(ongeldig(
                "motivering",
                "Maak de tekst korter: hoogstens 4000 tekens.",
            ));
        }
        if self.begunstigde.naam.trim().is_empty() {
            return Err(ongeldig(
                "begunstigde",
                "De aanvraag noemt niet aan wie wij betalen.",
            ));
        }
        Ok(())
    }

    /// The proposal in words, for the person who checks it.
    pub fn samenvatting(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Besluit", "Eenmalige toekenning".to_owned()),
            ("Bedrag", self.bedrag.to_string()),
            ("Vorm", self.vorm.naam().to_owned()),
            (
                "Betalen aan",
                format!(
                    "{}{} ({})",
                    self.begunstigde.naam,
                    if self.begunstigde.derde {
                        ", rechtstreeks"
                    } else {
                        ""
                    },
                    self.begunstigde.iban.formatted()
                ),
            ),
            ("Motivering", self.motivering.clone()),
        ]
    }
}

/// The ground of a loan when the advice names none: bijzondere bijstand
/// as a geldlening (art. 48, tweede lid; for durable goods art. 51).
pub const GRONDSLAG_LENING: &str = "artikel 48, tweede lid, Participatiewet";

impl Eenmalig {
    /// The claim an approved loan writes; `None` for a gift. The ground is
    /// the advice's when it advised a loan (it knows the kind of cost),
    /// else [`GRONDSLAG_LENING`]. The claim starts on the day of the
    /// decision.
    pub fn vordering(
        &self,
        besluit_id: &str,
        advies: Option<&crate::advies::Eenmalig>,
        vandaag: chrono::NaiveDate,
    ) -> Option<gbi_store::vorderingen::NieuweVordering> {
        if self.vorm != Vorm::Geldlening {
            return None;
        }
        let grondslag = advies
            .filter(|a| a.vorm == Vorm::Geldlening.code() && !a.grondslag.trim().is_empty())
            .map_or(GRONDSLAG_LENING, |a| a.grondslag.as_str());
        Some(gbi_store::vorderingen::NieuweVordering {
            besluit_id: besluit_id.to_owned(),
            soort: gbi_store::vorderingen::Soort::Lening,
            grondslag: grondslag.to_owned(),
            hoofdsom: self.bedrag,
            ingangsdatum: vandaag,
        })
    }
}

/// Who the application says to pay: the resident on their own account, or
/// the third party it names (`aan_wie`, `derde_naam`, `derde_iban`).
pub fn begunstigde(
    aanvraag: &Map<String, Value>,
    naam_aanvrager: &str,
) -> Result<Begunstigde, Ongeldig> {
    let a = |k: &str| crate::aanvraag::antwoord(aanvraag, k);
    let (naam, iban, derde) = if a("aan_wie") == "derde" {
        (a("derde_naam").to_owned(), a("derde_iban"), true)
    } else {
        (naam_aanvrager.to_owned(), a("iban"), false)
    };
    let iban = Iban::parse(iban).map_err(|e| {
        ongeldig(
            "begunstigde",
            format!("Rekeningnummer in de aanvraag: {}", e.message),
        )
    })?;
    Ok(Begunstigde { naam, iban, derde })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn voorstel(cents: i64) -> Eenmalig {
        Eenmalig {
            bedrag: Money::from_cents(cents),
            vorm: Vorm::OmNiet,
            begunstigde: Begunstigde {
                naam: "Witgoed BV".into(),
                iban: Iban::parse("NL91ABNA0417164300").unwrap(),
                derde: true,
            },
            motivering: "Wasmachine kapot; offerte gezien.".into(),
        }
    }

    const BB: Regels = Regels {
        lening_mag: true,
        advies: None,
    };

    #[test]
    fn negative_zero_and_absurd_amounts_are_refused() {
        for c in [-500, 0, 2_500_001] {
            assert_eq!(
                voorstel(c).controleren(&BB).map_err(|e| e.veld),
                Err("bedrag")
            );
        }
        assert!(voorstel(44_900).controleren(&BB).is_ok());
    }

    #[test]
    fn the_iit_is_never_a_loan_and_a_reason_is_required() {
        let mut v = voorstel(30_000);
        v.vorm = Vorm::Geldlening;
        let iit = Regels {
            lening_mag: false,
            advies: None,
        };
        assert_eq!(v.controleren(&iit).map_err(|e| e.veld), Err("vorm"));
        let mut v = voorstel(30_000);
        v.motivering = "  ".into();
        assert_eq!(v.controleren(&iit).map_err(|e| e.veld), Err("motivering"));
    }

    #[test]
    fn a_loan_is_a_claim_of_the_amount_and_a_gift_none() {
        let dag = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(voorstel(44_900).vordering("b", None, dag), None);
        let mut lening = voorstel(44_900);
        lening.vorm = Vorm::Geldlening;
        let v = lening.vordering("b", None, dag).unwrap();
        assert_eq!(v.hoofdsom, Money::from_cents(44_900));
        assert_eq!((v.besluit_id.as_str(), v.ingangsdatum), ("b", dag));
        assert_eq!(v.grondslag, GRONDSLAG_LENING);
        let advies = crate::advies::Eenmalig {
            bedrag_cents: 44_900,
            vorm: "geldlening".into(),
            grondslag: "Participatiewet art. 51, eerste lid (BWBR0015703)".into(),
        };
        let v = lening.vordering("b", Some(&advies), dag).unwrap();
        assert_eq!(v.grondslag, advies.grondslag);
        let gift = crate::advies::Eenmalig {
            vorm: "om_niet".into(),
            ..advies
        };
        let v = lening.vordering("b", Some(&gift), dag).unwrap();
        assert_eq!(
            v.grondslag, GRONDSLAG_LENING,
            "a gift's ground is not a loan's"
        );
    }

    #[test]
    fn the_application_says_whom_to_pay() {
        let a = json!({"aan_wie": "derde", "derde_naam": "Witgoed BV", "derde_iban": "NL91 ABNA 0417 1643 00", "iban": ""});
        let b = begunstigde(a.as_object().unwrap(), "J. Jansen").unwrap();
        assert!(b.derde);
        assert_eq!(b.naam, "Witgoed BV");
        let a = json!({"aan_wie": "zelf", "iban": "NL91ABNA0417164300"});
        let b = begunstigde(a.as_object().unwrap(), "J. Jansen").unwrap();
        assert_eq!((b.naam.as_str(), b.derde), ("J. Jansen", false));
    }
}

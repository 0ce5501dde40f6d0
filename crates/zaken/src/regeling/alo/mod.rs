//! Algemene bijstand (levensonderhoud, ALO): the first regeling.
//!
//! Its catalogue entry is [`crate::catalogus::ALO`], its form
//! [`formulier::ALO_FORMULIER`], its sources all of [`Bron`] (clients in
//! [`crate::registers`]), the
//! advice [`crate::beoordeling`], and the letter [`crate::brieven`].

pub mod formulier;

use super::{IndienContext, Indiening, NieuweTaak, Regeling};
use crate::aanvraag::Formulier;
use crate::catalogus::{ALO, Zaaktype};
use crate::termijnen::{Termijn, voorschot_uiterlijk, zoektermijn_einde};
use crate::voorstel::Voorstel;
use crate::werksoort::{Bron, WerkSoort};
use chrono::Days;
use formulier::ALO_FORMULIER;
use gbi_domain::Besluittype;
use gbi_domain::date::age_on;

/// Algemene bijstand for levensonderhoud (Participatiewet).
pub struct Alo;

impl Regeling for Alo {
    fn zaaktype(&self) -> &'static Zaaktype {
        &ALO
    }

    fn formulier(&self) -> Formulier {
        ALO_FORMULIER
    }

    fn bronnen(&self) -> &'static [Bron] {
        &Bron::ALL
    }

    fn besluittypen(&self) -> &'static [Besluittype] {
        &[
            Besluittype::Toekenning,
            Besluittype::Afwijzing,
            Besluittype::BuitenBehandeling,
            Besluittype::Voorschot,
        ]
    }

    fn afwijzingsgronden(&self) -> &'static [crate::grond::Afwijzingsgrond] {
        use crate::grond::Afwijzingsgrond as G;
        &[
            G::VermogenBovenGrens,
            G::InkomenBovenNorm,
            G::Uitgesloten,
            G::NietInGemeente,
            G::Zoektermijn,
            G::Anders,
        ]
    }

    fn grondslag(&self, besluittype: Besluittype) -> &'static str {
        match besluittype {
            Besluittype::Toekenning => "artikelen 11, 19, 43 en 44 Participatiewet",
            Besluittype::Afwijzing => "artikelen 11 en 43 Participatiewet",
            Besluittype::BuitenBehandeling => "artikel 4:5 Algemene wet bestuursrecht",
            Besluittype::Voorschot => "artikel 52 Participatiewet",
        }
    }

    fn verplichtingen(&self) -> Vec<String> {
        vec![
            "Geef wijzigingen in uw situatie direct aan ons door (artikel 17 Participatiewet)."
                .into(),
            "Zoek naar betaald werk en neem passend werk aan (artikel 9 Participatiewet).".into(),
        ]
    }

    fn vervolgwerk(&self, voorstel: &Voorstel) -> &'static [WerkSoort] {
        match voorstel {
            // LO Behandeld: the handled application, granted or refused.
            Voorstel::Toekenning { .. } | Voorstel::Afwijzing { .. } => {
                &[WerkSoort::BriefBeschikking, WerkSoort::KoppelingSocrates]
            }
            Voorstel::BuitenBehandeling { .. } | Voorstel::Eenmalig(_) | Voorstel::Periodiek(_) => {
                &[WerkSoort::BriefBeschikking]
            }
            Voorstel::Voorschot { .. } => &[WerkSoort::BriefVoorschot],
        }
    }

    fn uitkering(&self) -> Option<&'static str> {
        Some(self.code())
    }

    fn naam_voor_inwoner(&self) -> &'static str {
        "bijstand"
    }

    fn naam(&self) -> &'static str {
        "bijstand"
    }

    fn code(&self) -> &'static str {
        "algemene_bijstand"
    }

    fn bewijs(&self) -> &'static str {
        "Stuur uw bankafschriften van de laatste 3 maanden mee. Dat mag ook later."
    }

    /// Eight weeks (Awb 4:13); the zoektermijn under 27 (art. 41-4 with
    /// 44a); the voorschot date (art. 52); bank statements when none came
    /// with the application.
    fn bij_indienen(&self, c: &IndienContext<'_>) -> Indiening {
        let vandaag = c.vandaag;
        let termijn = Termijn::acht_weken(vandaag);
        let onder_27 = c.geboortedatum.is_some_and(|g| age_on(g, vandaag) < 27);
        let mut taken = Vec::new();
        if !c.documenten.iter().any(|d| d == "bankafschrift") {
            let deadline = crate::termijnen::volgende_werkdag(
                vandaag.checked_add_days(Days::new(14)).unwrap_or(vandaag),
            );
            taken.push(NieuweTaak {
                voor: gbi_domain::TaakVoor::Inwoner,
                soort: gbi_domain::TaakSoort::Bankafschrift,
                titel: format!(
                    "Lever uw bankafschriften van de laatste 3 maanden aan vóór {}",
                    gbi_domain::date::dutch_date(deadline)
                ),
                toelichting: Some(
                    "Van al uw bankrekeningen. Zo zien wij wat u nu aan geld heeft.".into(),
                ),
                deadline: Some(deadline.to_string()),
            });
        }
        taken.push(super::intake(&termijn, vandaag));
        Indiening {
            zoektermijn_einde: onder_27.then(|| zoektermijn_einde(vandaag)),
            voorschot_uiterlijk: Some(voorschot_uiterlijk(vandaag)),
            termijn,
            taken,
        }
    }
}

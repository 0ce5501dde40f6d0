//! Algemene bijstand (levensonderhoud, ALO): the first regeling.
//!
//! Its catalogue entry is [`crate::catalogus::ALO`], its form
//! [`crate::aanvraag::ALO_FORMULIER`], its sources all of [`Bron`] (clients in
//! [`crate::registers`]), the
//! advice [`crate::beoordeling`], and the letter [`crate::brieven`].

use super::Regeling;
use crate::aanvraag::{ALO_FORMULIER, Formulier};
use crate::catalogus::{ALO, Zaaktype};
use crate::voorstel::Voorstel;
use crate::werksoort::{Bron, WerkSoort};
use gbi_domain::Besluittype;

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
            Voorstel::Toekenning { .. } => {
                &[WerkSoort::BriefBeschikking, WerkSoort::KoppelingSocrates]
            }
            Voorstel::Afwijzing { .. } | Voorstel::BuitenBehandeling { .. } => {
                &[WerkSoort::BriefBeschikking]
            }
            Voorstel::Voorschot { .. } => &[WerkSoort::BriefVoorschot],
        }
    }

    fn uitkering(&self) -> Option<&'static str> {
        Some("algemene_bijstand")
    }
}

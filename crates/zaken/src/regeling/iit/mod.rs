//! The individuele inkomenstoeslag (Participatiewet art. 36): a yearly
//! amount for a resident with a long low income and no prospect of
//! improvement. It plugs in through [`Regeling`] only: its catalogue entry
//! [`crate::catalogus::IIT`], its short [`formulier`], the advice over the
//! months of the reference period, and a one-off payment.

pub mod advies;
pub mod bronvragen;
pub mod formulier;

use super::{IndienContext, Indiening, Regeling};
use crate::aanvraag::Formulier;
use crate::catalogus::{IIT, Zaaktype};
use crate::termijnen::Termijn;
use crate::voorstel::Voorstel;
use crate::werksoort::{Bron, WerkSoort};
use gbi_domain::Besluittype;

/// The individuele inkomenstoeslag.
pub struct Iit;

impl Regeling for Iit {
    fn zaaktype(&self) -> &'static Zaaktype {
        &IIT
    }

    fn formulier(&self) -> Formulier {
        formulier::FORMULIER
    }

    /// The household and its children's ages (the amounts differ per
    /// household type and age, art. 36-1 with the gemeente's verordening),
    /// the income UWV knows, and the looplijst's closed questions for the
    /// months the ledger does not cover ([`bronvragen`]).
    fn bronnen(&self) -> &'static [Bron] {
        &[Bron::Brp, Bron::Uwv, Bron::GeslotenVragen]
    }

    fn besluittypen(&self) -> &'static [Besluittype] {
        super::EENMALIGE_BESLUITTYPEN
    }

    fn afwijzingsgronden(&self) -> &'static [crate::grond::Afwijzingsgrond] {
        use crate::grond::Afwijzingsgrond as G;
        &[
            G::GeenLangdurigLaagInkomen,
            G::UitzichtOpInkomensverbetering,
            G::BinnenTwaalfMaanden,
            G::VermogenBovenGrens,
            G::NietInGemeente,
            G::Anders,
        ]
    }

    fn grondslag(&self, besluittype: Besluittype) -> &'static str {
        match besluittype {
            Besluittype::Toekenning | Besluittype::Afwijzing => {
                "artikel 36 Participatiewet en de verordening individuele inkomenstoeslag van de gemeente"
            }
            Besluittype::BuitenBehandeling => "artikel 4:5 Algemene wet bestuursrecht",
            Besluittype::Voorschot => "artikel 52 Participatiewet",
        }
    }

    fn verplichtingen(&self) -> Vec<String> {
        Vec::new()
    }

    fn vervolgwerk(&self, _voorstel: &Voorstel) -> &'static [WerkSoort] {
        &[WerkSoort::BriefBeschikking]
    }

    fn uitkering(&self) -> Option<&'static str> {
        None
    }

    fn naam_voor_inwoner(&self) -> &'static str {
        "de individuele inkomenstoeslag"
    }

    fn naam(&self) -> &'static str {
        "individuele inkomenstoeslag"
    }

    fn code(&self) -> &'static str {
        "iit"
    }

    fn bewijs(&self) -> &'static str {
        "U hoeft niets mee te sturen. Wij vragen het u als wij iets nodig hebben."
    }

    fn advies(&self, a: super::AdviesInvoer<'_>) -> Option<crate::advies::Advies> {
        Some(advies::advies(a))
    }

    /// Eight weeks (Awb 4:13); nothing to hand in: the months come from the
    /// ledger and the sources.
    fn bij_indienen(&self, c: &IndienContext<'_>) -> Indiening {
        let termijn = Termijn::acht_weken(c.vandaag);
        let taken = vec![super::intake(&termijn, c.vandaag)];
        Indiening {
            termijn,
            zoektermijn_einde: None,
            voorschot_uiterlijk: None,
            taken,
        }
    }
}

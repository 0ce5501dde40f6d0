//! Bijzondere bijstand (Participatiewet art. 35): help with a cost the
//! resident cannot pay from their own means. It plugs in through
//! [`Regeling`] only: its catalogue entry
//! [`crate::catalogus::BIJZONDERE_BIJSTAND`], its [`formulier`] that starts
//! from the cost, the draagkracht advice,
//! and a one-off payment to the resident or a third party, or a fixed amount
//! per month for a period ([`crate::periodiek`]).

pub mod advies;
pub mod formulier;

use super::{IndienContext, Indiening, NieuweTaak, Regeling};
use crate::aanvraag::{Formulier, antwoord};
use crate::catalogus::{BIJZONDERE_BIJSTAND, Zaaktype};
use crate::termijnen::Termijn;
use crate::voorstel::Voorstel;
use crate::werksoort::{Bron, WerkSoort};
use chrono::Days;
use gbi_domain::{Besluittype, TaakSoort};

/// Bijzondere bijstand.
pub struct BijzondereBijstand;

impl Regeling for BijzondereBijstand {
    fn zaaktype(&self) -> &'static Zaaktype {
        &BIJZONDERE_BIJSTAND
    }

    fn formulier(&self) -> Formulier {
        formulier::FORMULIER
    }

    /// Who lives with the resident (the draagkracht is the household's,
    /// art. 35-1 with 32 and 34) and the income UWV knows.
    fn bronnen(&self) -> &'static [Bron] {
        super::BRONNEN_HUISHOUDEN
    }

    fn besluittypen(&self) -> &'static [Besluittype] {
        super::EENMALIGE_BESLUITTYPEN
    }

    fn afwijzingsgronden(&self) -> &'static [crate::grond::Afwijzingsgrond] {
        use crate::grond::Afwijzingsgrond as G;
        &[
            G::DraagkrachtToereikend,
            G::OnderDrempel,
            G::NietInGemeente,
            G::Anders,
        ]
    }

    fn grondslag(&self, besluittype: Besluittype) -> &'static str {
        match besluittype {
            Besluittype::Toekenning => "artikelen 35, 48 en 51 Participatiewet",
            Besluittype::Afwijzing => "artikel 35 Participatiewet",
            Besluittype::BuitenBehandeling => "artikel 4:5 Algemene wet bestuursrecht",
            Besluittype::Voorschot => "artikel 52 Participatiewet",
        }
    }

    fn verplichtingen(&self) -> Vec<String> {
        vec![
            "Gebruik het geld voor de kosten waarvoor u het krijgt. Bewaar de rekening: wij kunnen ernaar vragen (artikel 17 Participatiewet)."
                .into(),
        ]
    }

    fn vervolgwerk(&self, _voorstel: &Voorstel) -> &'static [WerkSoort] {
        &[WerkSoort::BriefBeschikking]
    }

    fn uitkering(&self) -> Option<&'static str> {
        None
    }

    fn naam_voor_inwoner(&self) -> &'static str {
        "bijzondere bijstand"
    }

    fn naam(&self) -> &'static str {
        "bijzondere bijstand"
    }

    fn code(&self) -> &'static str {
        "bijzondere_bijstand"
    }

    fn lening_mag(&self) -> bool {
        true
    }

    /// Art. 35-1 lets the college grant for a recurring cost too
    /// (bewindvoeringskosten): per month, as a gift.
    fn periodiek_mag(&self) -> bool {
        true
    }

    fn bewijs(&self) -> &'static str {
        "Stuur de offerte of de rekening mee, en wat uw gemeente verder vraagt bij deze kosten. Dat mag ook later."
    }

    fn advies(&self, a: super::AdviesInvoer<'_>) -> Option<crate::advies::Advies> {
        Some(advies::advies(a))
    }

    /// Eight weeks (Awb 4:13); a task for each document the gemeente's
    /// catalogue asks with this kostensoort that did not come with it.
    fn bij_indienen(&self, c: &IndienContext<'_>) -> Indiening {
        let vandaag = c.vandaag;
        let termijn = Termijn::acht_weken(vandaag);
        let deadline = crate::termijnen::volgende_werkdag(
            vandaag.checked_add_days(Days::new(14)).unwrap_or(vandaag),
        );
        let mut taken: Vec<NieuweTaak> = c
            .keuzes
            .kostensoort(antwoord(c.antwoorden, "kostensoort"))
            .map(|k| k.documenten.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|d| !c.documenten.iter().any(|h| h == d.code()))
            .filter_map(|d| {
                let soort = TaakSoort::parse(&format!("document:{}", d.code())).ok()?;
                Some(NieuweTaak {
                    voor: gbi_domain::TaakVoor::Inwoner,
                    soort,
                    titel: format!(
                        "Stuur ons {} vóór {}",
                        d.naam(),
                        gbi_domain::date::dutch_date(deadline)
                    ),
                    toelichting: Some(
                        "Zonder dit document kunnen wij niet beslissen over uw aanvraag.".into(),
                    ),
                    deadline: Some(deadline.to_string()),
                })
            })
            .collect();
        taken.push(super::intake(&termijn, vandaag));
        Indiening {
            termijn,
            zoektermijn_einde: None,
            voorschot_uiterlijk: None,
            taken,
        }
    }
}

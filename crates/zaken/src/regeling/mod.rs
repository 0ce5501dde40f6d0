//! The seam through which a regeling plugs into the lifecycle of a zaak.
//!
//! The lifecycle itself — statuses, who may do what when, four eyes, one
//! transaction per step — lives in [`crate::commando`] and is the same for
//! every regeling. What differs per regeling sits behind [`Regeling`]: its
//! catalogue entry, its form, the kinds of decision with their legal ground,
//! the obligations a toekenning carries, and the work that follows a decision.
//! Each regeling has a folder of its own (`regeling/alo/`); pages and commands
//! find it from the zaak's zaaktype with [`voor_zaaktype`].

pub mod alo;

use crate::aanvraag::Formulier;
use crate::catalogus::Zaaktype;
use crate::voorstel::Voorstel;
use crate::werksoort::{Bron, WerkSoort};
use gbi_domain::Besluittype;

/// A regeling: what the lifecycle needs to know of it.
pub trait Regeling: Send + Sync {
    /// Its entry in the standard catalogue.
    fn zaaktype(&self) -> &'static Zaaktype;

    /// Its application form.
    fn formulier(&self) -> Formulier;

    /// The registers consulted for every application, in this order.
    fn bronnen(&self) -> &'static [Bron];

    /// The kinds of decision a zaak of this regeling can end in (or, for a
    /// voorschot, carry while it runs).
    fn besluittypen(&self) -> &'static [Besluittype];

    /// The legal ground of a kind of decision, cited in the letter.
    fn grondslag(&self, besluittype: Besluittype) -> &'static str;

    /// The obligations a toekenning carries, in plain Dutch with their article.
    fn verplichtingen(&self) -> Vec<String>;

    /// The background work an approved decision starts.
    fn vervolgwerk(&self, voorstel: &Voorstel) -> &'static [WerkSoort];

    /// The regeling code of the running benefit a toekenning starts, if any.
    fn uitkering(&self) -> Option<&'static str>;
}

/// Every regeling GBI knows.
pub fn alle() -> [&'static dyn Regeling; 1] {
    [&alo::Alo]
}

/// The regeling of a zaaktype (`zaak.zaaktype`).
pub fn voor_zaaktype(identificatie: &str) -> Option<&'static dyn Regeling> {
    alle()
        .into_iter()
        .find(|r| r.zaaktype().identificatie == identificatie)
}

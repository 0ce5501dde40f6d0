//! The collective supplementary health insurance (gemeentepolis,
//! Participatiewet art. 35, derde lid): categorical bijzondere bijstand as
//! the gemeente's contribution to the premium. A sign-up, not a zaak.
//!
//! - [`portaal`]: the resident reads what it is and the income limit, signs
//!   up (package, optionally the partner's BSN, a declaration of income),
//!   sees the sign-up and stops it.
//! - [`werkplek`]: staff list the sign-ups of their gemeente and export the
//!   file for the insurer ([`csv`], `docs/formats/collectieve-zorgverzekering-csv.md`).
//!
//! The policy (insurer, packages, contributions, limit) comes from the
//! gemeente's dated policy file (`gbi_rules::params::CollectieveZorgverzekering`);
//! the sign-ups and their processing log from `gbi_store::zorgverzekering`.

pub mod csv;
pub mod portaal;
pub mod werkplek;

use crate::AppState;
use crate::error::PageError;
use gbi_domain::{GemeenteCode, Rol, today_amsterdam};
use gbi_rules::Grootheid;
use gbi_rules::regelingen::zorgverzekering::Zorgverzekering;

/// Staff who see the sign-ups (to answer residents' questions).
pub const ZIEN: &[Rol] = &[
    Rol::Klantcontactcentrum,
    Rol::Inkomensconsulent,
    Rol::Teamleider,
    Rol::FunctioneelBeheerder,
];

/// Staff who make the file for the insurer.
pub const EXPORTEREN: &[Rol] = &[Rol::Teamleider, Rol::FunctioneelBeheerder];

/// The gemeente's collective insurance today; `None` when its policy has
/// none. A gemeente without a policy today is an error page.
pub fn beleid(
    state: &AppState,
    gemeente: GemeenteCode,
) -> Result<Option<Zorgverzekering>, PageError> {
    let regels = state.regels.as_ref().ok_or_else(|| {
        tracing::error!("the rules are not loaded");
        PageError::internal()
    })?;
    regels
        .collectieve_zorgverzekering(gemeente, today_amsterdam())
        .map_err(|e| {
            tracing::warn!(gemeente = %gemeente, error = %e, "no readable policy for the collective insurance");
            PageError {
                status: axum::http::StatusCode::NOT_FOUND,
                title: "De regels staan hier nog niet",
                message: "De gemeente heeft haar regels voor de zorgverzekering nog niet in GBI gezet. Kijk op de website van de gemeente, of bel de gemeente.".into(),
            }
        })
}

/// An amount as people read it: "€ 9,50".
pub fn euro(cents: i64) -> String {
    Grootheid::Bedrag(cents).tekst()
}

/// A percentage in basis points as people read it: "130%".
pub fn procent(bp: i64) -> String {
    Grootheid::Procent(bp).tekst()
}

/// A package as a page shows it.
pub struct PakketRegel {
    pub code: String,
    pub naam: String,
    pub omschrijving: String,
    pub bijdrage: String,
}

/// The income limit of one household type, in words.
pub struct GrensRegel {
    pub wie: &'static str,
    pub grens: String,
}

/// What every page about the insurance shows of the policy.
pub struct Beleidstekst {
    pub verzekeraar: String,
    pub percentage: String,
    pub pakketten: Vec<PakketRegel>,
    pub grenzen: Vec<GrensRegel>,
    pub verwijzing: String,
    /// Demo only: the limits rest on national figures carried forward.
    pub voorlopig: bool,
}

impl Beleidstekst {
    pub fn uit(z: &Zorgverzekering) -> Self {
        Beleidstekst {
            verzekeraar: z.beleid.verzekeraar.clone(),
            percentage: procent(z.beleid.inkomensgrens_bp),
            pakketten: z
                .beleid
                .pakketten
                .iter()
                .map(|p| PakketRegel {
                    code: p.code.clone(),
                    naam: p.naam.clone(),
                    omschrijving: p.omschrijving.clone(),
                    bijdrage: euro(p.bijdrage_cents),
                })
                .collect(),
            grenzen: z
                .grenzen
                .iter()
                .map(|g| GrensRegel {
                    wie: g.wie,
                    grens: euro(g.grens_cents),
                })
                .collect(),
            verwijzing: z.beleid.verwijzing.clone(),
            voorlopig: z.voorlopig,
        }
    }
}

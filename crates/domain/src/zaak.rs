//! The typed vocabulary of a zaak's lifecycle: its statuses, the kinds of
//! decision (besluittypen) and their states, and the kinds of task. Each is
//! stored as its code (a stable string) and parsed back once, when read.

use crate::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An enum whose values are stored as stable codes.
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code as stored.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value of a stored code.
            pub fn parse(code: &str) -> Result<Self, ParseError> {
                match code {
                    $($code => Ok($name::$variant),)+
                    other => Err(ParseError::new(
                        concat!("onbekende_", $what),
                        format!(concat!("Onbekende ", $what, ": {}"), other),
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

codes! {
    /// Where a zaak stands in the werkplek (the statustypen of the catalogue;
    /// the plain status a resident sees is mapped from it there).
    ZaakStatus, "zaakstatus" {
        Ontvangen = "ontvangen",
        WachtenOpInfo = "wachten_op_info",
        InBehandeling = "in_behandeling",
        Hersteltermijn = "hersteltermijn",
        Handhaven = "handhaven",
        Loket = "loket",
        /// A proposed decision waits for a second person.
        Toetsen = "toetsen",
        Beschikken = "beschikken",
        AfhandelenAdministratief = "afhandelen_administratief",
        AfhandelenAdmToets = "afhandelen_adm_toets",
        Afgehandeld = "afgehandeld",
    }
}

codes! {
    /// The kind of a decision.
    Besluittype, "besluittype" {
        Toekenning = "toekenning",
        Afwijzing = "afwijzing",
        BuitenBehandeling = "buiten_behandeling",
        /// Art. 52 Participatiewet: an advance while the decision is pending.
        Voorschot = "voorschot",
    }
}

codes! {
    /// Where a proposed decision stands (four eyes).
    BesluitStatus, "besluitstatus" {
        /// Proposed, waiting for a second person.
        Voorgesteld = "voorgesteld",
        Goedgekeurd = "goedgekeurd",
        Teruggestuurd = "teruggestuurd",
        /// Replaced by a newer proposal before it was judged.
        Vervallen = "vervallen",
    }
}

codes! {
    /// Who a task is for.
    TaakVoor, "taakontvanger" {
        Inwoner = "inwoner",
        Medewerker = "medewerker",
    }
}

codes! {
    /// The kind of a task on a zaak.
    TaakSoort, "taaksoort" {
        /// A new zaak to take in.
        Intake = "intake",
        /// The resident is asked to send information (Awb 4:5).
        Hersteltermijn = "hersteltermijn",
        /// The resident sent what was asked.
        VerderBehandelen = "verder_behandelen",
        /// The hersteltermijn passed without an answer.
        VoorstelBuitenBehandeling = "voorstel_buiten_behandeling",
        /// The second person sent the proposal back.
        VoorstelAanpassen = "voorstel_aanpassen",
        /// A change of circumstances reported by the resident.
        WijzigingVerwerken = "wijziging_verwerken",
        /// A month of a running benefit could not be computed in a betaalrun.
        BetalingNietBerekend = "betaling_niet_berekend",
        /// The ledger found an overpayment: a person decides whether and on
        /// which ground it is reclaimed (art. 58 Participatiewet).
        Terugvorderingsverzoek = "terugvorderingsverzoek",
        /// The resident asks for a betalingsregeling or reports a changed
        /// situation that bears on a claim.
        InvorderingVerzoek = "invordering_verzoek",
        /// The resident still has to send bank statements.
        Bankafschrift = "document:bankafschrift",
        /// The resident still has to send a quote (bijzondere bijstand).
        Offerte = "document:offerte",
        /// The resident still has to send an invoice or receipt.
        Factuur = "document:factuur",
        /// The resident still has to send the kantonrechter's decision.
        BeschikkingKantonrechter = "document:beschikking_kantonrechter",
        /// The resident still has to send the Raad voor Rechtsbijstand's toevoeging.
        Toevoeging = "document:toevoeging",
        /// The resident still has to send the health insurer's statement.
        VerklaringZorgverzekeraar = "document:verklaring_zorgverzekeraar",
        /// The resident still has to send the tenancy agreement.
        Huurovereenkomst = "document:huurovereenkomst",
        /// The resident still has to send the funeral bill.
        Uitvaartnota = "document:uitvaartnota",
    }
}

impl ZaakStatus {
    /// The zaak is closed: nothing changes it any more.
    pub fn is_afgesloten(self) -> bool {
        self == ZaakStatus::Afgehandeld
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in ZaakStatus::ALL {
            assert_eq!(ZaakStatus::parse(s.code()), Ok(*s));
        }
        for s in Besluittype::ALL {
            assert_eq!(Besluittype::parse(s.code()), Ok(*s));
        }
        for s in BesluitStatus::ALL {
            assert_eq!(BesluitStatus::parse(s.code()), Ok(*s));
        }
        for s in TaakSoort::ALL {
            assert_eq!(TaakSoort::parse(s.code()), Ok(*s));
        }
        assert!(ZaakStatus::parse("klaar").is_err());
        assert_eq!(
            serde_json::to_string(&Besluittype::BuitenBehandeling).ok(),
            Some("\"buiten_behandeling\"".to_owned())
        );
    }
}

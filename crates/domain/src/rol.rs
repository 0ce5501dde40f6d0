//! Staff roles within one gemeente.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a staff member (medewerker) may do. A person can hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rol {
    /// Takes in new applications (claim).
    Intake,
    /// Handles applications and running benefits.
    Inkomensconsulent,
    /// Checks decisions before they leave (four eyes).
    Kwaliteitsmedewerker,
    /// Leads a team; sees all work of the team.
    Teamleider,
    /// Manages the gemeente's configuration, users and the processing log.
    FunctioneelBeheerder,
    /// Phone and desk support for residents.
    Klantcontactcentrum,
    /// Outreach: visits the addresses of a looplijst and records outcomes.
    Buurtteam,
    /// Prepares the gemeente's policy: sees what a draft policy does to the
    /// caseload before it takes effect (wat-als), without residents' names.
    Beleidsmedewerker,
    /// Collects claims (terug- en invordering): books payments, proposes
    /// kwijtschelding, keeps the worklist of next steps and deadlines.
    Debiteurenbeheer,
}

impl Rol {
    pub const ALL: [Rol; 9] = [
        Rol::Intake,
        Rol::Inkomensconsulent,
        Rol::Kwaliteitsmedewerker,
        Rol::Teamleider,
        Rol::FunctioneelBeheerder,
        Rol::Klantcontactcentrum,
        Rol::Buurtteam,
        Rol::Beleidsmedewerker,
        Rol::Debiteurenbeheer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rol::Intake => "intake",
            Rol::Inkomensconsulent => "inkomensconsulent",
            Rol::Kwaliteitsmedewerker => "kwaliteitsmedewerker",
            Rol::Teamleider => "teamleider",
            Rol::FunctioneelBeheerder => "functioneel_beheerder",
            Rol::Klantcontactcentrum => "klantcontactcentrum",
            Rol::Buurtteam => "buurtteam",
            Rol::Beleidsmedewerker => "beleidsmedewerker",
            Rol::Debiteurenbeheer => "debiteurenbeheer",
        }
    }

    pub fn parse(code: &str) -> Option<Rol> {
        Rol::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Rol::Intake => "Intake",
            Rol::Inkomensconsulent => "Inkomensconsulent",
            Rol::Kwaliteitsmedewerker => "Kwaliteitsmedewerker",
            Rol::Teamleider => "Teamleider",
            Rol::FunctioneelBeheerder => "Functioneel beheerder",
            Rol::Klantcontactcentrum => "Klantcontactcentrum",
            Rol::Buurtteam => "Buurtteam",
            Rol::Beleidsmedewerker => "Beleidsmedewerker",
            Rol::Debiteurenbeheer => "Debiteurenbeheer",
        }
    }
}

impl fmt::Display for Rol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Rol::ALL {
            assert_eq!(Rol::parse(r.code()), Some(r));
        }
        assert_eq!(Rol::parse("beheerder"), None);
    }
}

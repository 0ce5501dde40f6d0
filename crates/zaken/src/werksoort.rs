//! The kinds of background work on a zaak, typed. Each is stored in the
//! `werk` table as its code (`bron:brp`, `beoordeling`, `brief:beschikking`,
//! `brief:voorschot`, `brief:herziening:2026-08`, `koppeling:socrates`) and
//! parsed once when it is taken up. `koppeling:socrates:onverstuurbaar` is
//! a task for a person (status `taak`), never taken by the worker.

use gbi_domain::Maand;

/// A register consulted for an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bron {
    Brp,
    Uwv,
    Duo,
    Rdw,
    Kadaster,
    Svb,
    Bijstandsregelingen,
    Belastingdienst,
    /// The closed yes/no questions of the looplijst about the household of
    /// one application (UWV, Bijstandsregelingen, Belastingdienst; never an
    /// amount): the IIT of a resident the ledger does not cover.
    GeslotenVragen,
}

impl Bron {
    /// Every register (what ALO consults). The closed questions of the
    /// IIT ([`Bron::GeslotenVragen`]) are not a register: only a regeling
    /// that names them asks them.
    pub const ALL: [Bron; 8] = [
        Bron::Brp,
        Bron::Uwv,
        Bron::Duo,
        Bron::Rdw,
        Bron::Kadaster,
        Bron::Svb,
        Bron::Bijstandsregelingen,
        Bron::Belastingdienst,
    ];

    /// The name the `Bronnen` interface and the snapshots use.
    pub fn code(self) -> &'static str {
        match self {
            Bron::Brp => "brp",
            Bron::Uwv => "uwv",
            Bron::Duo => "duo",
            Bron::Rdw => "rdw",
            Bron::Kadaster => "kadaster",
            Bron::Svb => "svb",
            Bron::Bijstandsregelingen => "bijstandsregelingen",
            Bron::Belastingdienst => "belastingdienst",
            Bron::GeslotenVragen => "gesloten_vragen",
        }
    }

    pub fn parse(code: &str) -> Option<Bron> {
        Bron::ALL
            .into_iter()
            .chain([Bron::GeslotenVragen])
            .find(|b| b.code() == code)
    }
}

/// A kind of background work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WerkSoort {
    /// Ask a register about the applicant and their household.
    Bron(Bron),
    /// The pre-assessment, once every register answered.
    Beoordeling,
    /// Write the beschikking letter of an approved decision.
    BriefBeschikking,
    /// Write the letter of an approved voorschot (art. 52).
    BriefVoorschot,
    /// Write the specification of a month that is lower than the
    /// toekenning: the herziening (art. 54-3), a decision of its own.
    BriefHerziening(Maand),
    /// Write the terugvorderingsbesluit of the latest approved
    /// terugvordering on the zaak that has no letter yet.
    BriefTerugvordering,
    /// Write the letter of the latest approved kwijtschelding of a claim
    /// of the zaak that has no letter yet.
    BriefKwijtschelding,
    /// Write the letter of the latest approved boete or waarschuwing on the
    /// zaak that has no letter yet.
    BriefBoete,
    /// Write the notice of the beslagvrije voet (Rv 475i) for the latest
    /// claim on the zaak that is offset and has no notice yet.
    BriefBeslagvrijeVoet,
    /// Write the aanmaning (Awb 4:112) of a claim.
    BriefAanmaning,
    /// Write the dwangbevel (Awb 4:114, 4:122) of a claim, always by post
    /// (art. 60, vijfde lid, Participatiewet).
    BriefDwangbevel,
    /// Write the confirmation of a betalingsregeling with its beslagvrije
    /// voet (Rv 475i).
    BriefBetalingsregeling,
    /// Write the notice of a derdenbeslag to the third party (Rv 479g), or
    /// of its opheffing.
    BriefDerdenbeslag,
    /// Tell Socrates (LO Behandeld) about an approved toekenning or
    /// afwijzing.
    KoppelingSocrates,
    /// A task for functioneel beheer, not for the worker: "LO Behandeld
    /// bericht kan niet worden verstuurd", with the reason. Closed when the
    /// delivery succeeds.
    SocratesOnverstuurbaar,
}

impl WerkSoort {
    /// The code as stored in the `werk` table.
    pub fn code(self) -> String {
        match self {
            WerkSoort::BriefHerziening(m) => format!("brief:herziening:{m}"),
            w => w.vaste_code().to_owned(),
        }
    }

    /// The code of a letter about one object (a terugvordering, a claim, a
    /// kwijtschelding or boete decision): the work table holds one item per
    /// zaak and code, and a zaak can have several such letters.
    pub fn code_voor(self, id: &str) -> String {
        format!("{}:{id}", self.vaste_code())
    }

    fn vaste_code(self) -> &'static str {
        match self {
            WerkSoort::Bron(b) => match b {
                Bron::Brp => "bron:brp",
                Bron::Uwv => "bron:uwv",
                Bron::Duo => "bron:duo",
                Bron::Rdw => "bron:rdw",
                Bron::Kadaster => "bron:kadaster",
                Bron::Svb => "bron:svb",
                Bron::Bijstandsregelingen => "bron:bijstandsregelingen",
                Bron::Belastingdienst => "bron:belastingdienst",
                Bron::GeslotenVragen => "bron:gesloten_vragen",
            },
            WerkSoort::Beoordeling => "beoordeling",
            WerkSoort::BriefBeschikking => "brief:beschikking",
            WerkSoort::BriefVoorschot => "brief:voorschot",
            WerkSoort::BriefHerziening(_) => "brief:herziening",
            WerkSoort::BriefTerugvordering => "brief:terugvordering",
            WerkSoort::BriefKwijtschelding => "brief:kwijtschelding",
            WerkSoort::BriefBoete => "brief:boete",
            WerkSoort::BriefBeslagvrijeVoet => "brief:beslagvrije_voet",
            WerkSoort::BriefAanmaning => "brief:aanmaning",
            WerkSoort::BriefDwangbevel => "brief:dwangbevel",
            WerkSoort::BriefBetalingsregeling => "brief:betalingsregeling",
            WerkSoort::BriefDerdenbeslag => "brief:derdenbeslag",
            WerkSoort::KoppelingSocrates => "koppeling:socrates",
            WerkSoort::SocratesOnverstuurbaar => "koppeling:socrates:onverstuurbaar",
        }
    }

    /// The kind of a stored code; `None` for a code this version does not know.
    pub fn parse(code: &str) -> Option<WerkSoort> {
        match code {
            "beoordeling" => Some(WerkSoort::Beoordeling),
            "brief:beschikking" => Some(WerkSoort::BriefBeschikking),
            "brief:voorschot" => Some(WerkSoort::BriefVoorschot),
            "brief:terugvordering" => Some(WerkSoort::BriefTerugvordering),
            "brief:kwijtschelding" => Some(WerkSoort::BriefKwijtschelding),
            "brief:boete" => Some(WerkSoort::BriefBoete),
            "brief:beslagvrije_voet" => Some(WerkSoort::BriefBeslagvrijeVoet),
            "brief:aanmaning" => Some(WerkSoort::BriefAanmaning),
            "brief:dwangbevel" => Some(WerkSoort::BriefDwangbevel),
            "brief:betalingsregeling" => Some(WerkSoort::BriefBetalingsregeling),
            "brief:derdenbeslag" => Some(WerkSoort::BriefDerdenbeslag),
            "koppeling:socrates" => Some(WerkSoort::KoppelingSocrates),
            "koppeling:socrates:onverstuurbaar" => Some(WerkSoort::SocratesOnverstuurbaar),
            c if c.starts_with("brief:terugvordering:") => Some(WerkSoort::BriefTerugvordering),
            c if c.starts_with("brief:kwijtschelding:") => Some(WerkSoort::BriefKwijtschelding),
            c if c.starts_with("brief:boete:") => Some(WerkSoort::BriefBoete),
            c if c.starts_with("brief:beslagvrije_voet:") => Some(WerkSoort::BriefBeslagvrijeVoet),
            c if c.starts_with("brief:aanmaning:") => Some(WerkSoort::BriefAanmaning),
            c if c.starts_with("brief:dwangbevel:") => Some(WerkSoort::BriefDwangbevel),
            c if c.starts_with("brief:betalingsregeling:") => {
                Some(WerkSoort::BriefBetalingsregeling)
            }
            c if c.starts_with("brief:derdenbeslag:") => Some(WerkSoort::BriefDerdenbeslag),
            c => match c.strip_prefix("brief:herziening:") {
                Some(m) => Maand::parse(m).ok().map(WerkSoort::BriefHerziening),
                None => c
                    .strip_prefix("bron:")
                    .and_then(Bron::parse)
                    .map(WerkSoort::Bron),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        let alle = Bron::ALL.into_iter().map(WerkSoort::Bron).chain([
            WerkSoort::Bron(Bron::GeslotenVragen),
            WerkSoort::Beoordeling,
            WerkSoort::BriefBeschikking,
            WerkSoort::BriefVoorschot,
            WerkSoort::BriefTerugvordering,
            WerkSoort::BriefKwijtschelding,
            WerkSoort::BriefBoete,
            WerkSoort::BriefBeslagvrijeVoet,
            WerkSoort::BriefAanmaning,
            WerkSoort::BriefDwangbevel,
            WerkSoort::BriefBetalingsregeling,
            WerkSoort::BriefDerdenbeslag,
            WerkSoort::KoppelingSocrates,
            WerkSoort::SocratesOnverstuurbaar,
            WerkSoort::BriefHerziening(
                Maand::parse("2026-08").unwrap_or_else(|e| panic!("{}", e.message)),
            ),
        ]);
        for w in alle {
            assert_eq!(WerkSoort::parse(&w.code()), Some(w));
        }
        assert_eq!(WerkSoort::parse("bron:onbekend"), None);
        for w in [
            WerkSoort::BriefTerugvordering,
            WerkSoort::BriefKwijtschelding,
            WerkSoort::BriefBoete,
            WerkSoort::BriefBeslagvrijeVoet,
            WerkSoort::BriefAanmaning,
            WerkSoort::BriefDwangbevel,
            WerkSoort::BriefBetalingsregeling,
            WerkSoort::BriefDerdenbeslag,
        ] {
            assert_eq!(WerkSoort::parse(&w.code_voor("3f0c1a")), Some(w));
        }
    }
}

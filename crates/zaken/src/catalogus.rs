//! The standard GBI catalogue (ZGW Catalogi vocabulary). Every gemeente gets
//! these zaaktypen; its own deviations (doorlooptijd, documents asked) are
//! stored per gemeente by `gbi_store::zaken`.

use serde::{Deserialize, Serialize};

/// A status in the werkplek, with the plain status the resident sees and
/// whether reaching it sends the resident a notification e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Statustype {
    pub code: &'static str,
    pub omschrijving: &'static str,
    /// What the resident sees (Mijn aanvragen).
    pub voor_inwoner: &'static str,
    /// Reaching this status asks something of the resident or has a letter
    /// for them: send an e-mail (without personal data).
    pub informeren: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Informatieobjecttype {
    pub code: &'static str,
    pub omschrijving: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Resultaattype {
    pub code: &'static str,
    pub omschrijving: &'static str,
}

/// A zaaktype of the standard catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Zaaktype {
    pub identificatie: &'static str,
    pub omschrijving: &'static str,
    /// The legal decision period in days (Awb 4:13: 8 weeks).
    pub doorlooptijd_dagen: u32,
    pub opschorting_mogelijk: bool,
    pub verlenging_mogelijk: bool,
    pub verlengingstermijn_dagen: u32,
    pub statustypen: &'static [Statustype],
    pub informatieobjecttypen: &'static [Informatieobjecttype],
    pub resultaattypen: &'static [Resultaattype],
    pub besluittypen: &'static [&'static str],
}

impl Zaaktype {
    pub fn statustype(&self, code: &str) -> Option<&'static Statustype> {
        self.statustypen.iter().find(|s| s.code == code)
    }

    pub fn informatieobjecttype(&self, code: &str) -> Option<&'static Informatieobjecttype> {
        self.informatieobjecttypen.iter().find(|s| s.code == code)
    }
}

/// The internal statuses of Enschede's e-Suite and the resident's statuses
/// of MijnLoket (seed 004), mapped.
pub const ALO_STATUSTYPEN: &[Statustype] = &[
    Statustype {
        code: "ontvangen",
        omschrijving: "Ontvangen",
        voor_inwoner: "Ontvangen",
        informeren: true,
    },
    Statustype {
        code: "wachten_op_info",
        omschrijving: "Wachten op info",
        voor_inwoner: "Wij wachten op gegevens van u",
        informeren: true,
    },
    Statustype {
        code: "in_behandeling",
        omschrijving: "In behandeling",
        voor_inwoner: "In behandeling",
        informeren: false,
    },
    Statustype {
        code: "hersteltermijn",
        omschrijving: "Hersteltermijn",
        voor_inwoner: "Wij wachten op gegevens van u",
        informeren: true,
    },
    Statustype {
        code: "handhaven",
        omschrijving: "Handhaven",
        voor_inwoner: "In behandeling",
        informeren: false,
    },
    Statustype {
        code: "loket",
        omschrijving: "Loket",
        voor_inwoner: "In behandeling",
        informeren: false,
    },
    Statustype {
        code: "toetsen",
        omschrijving: "Toetsen",
        voor_inwoner: "In behandeling",
        informeren: false,
    },
    Statustype {
        code: "beschikken",
        omschrijving: "Beschikken",
        voor_inwoner: "In behandeling",
        informeren: false,
    },
    Statustype {
        code: "afhandelen_administratief",
        omschrijving: "Afhandelen administratief",
        voor_inwoner: "Er staat een document voor u klaar",
        informeren: true,
    },
    Statustype {
        code: "afhandelen_adm_toets",
        omschrijving: "Afhandelen adm. toets",
        voor_inwoner: "In behandeling",
        informeren: false,
    },
    Statustype {
        code: "afgehandeld",
        omschrijving: "Afgehandeld",
        voor_inwoner: "Besloten",
        informeren: true,
    },
];

pub const ALO_DOCUMENTEN: &[Informatieobjecttype] = &[
    Informatieobjecttype {
        code: "bankafschrift",
        omschrijving: "Bankafschrift",
    },
    Informatieobjecttype {
        code: "identiteitsbewijs",
        omschrijving: "Identiteitsbewijs",
    },
    Informatieobjecttype {
        code: "arbeidscontract",
        omschrijving: "Arbeidscontract",
    },
    Informatieobjecttype {
        code: "loonstrook",
        omschrijving: "Loonstrook",
    },
    Informatieobjecttype {
        code: "huurcontract",
        omschrijving: "Huurcontract",
    },
    Informatieobjecttype {
        code: "overig",
        omschrijving: "Ander document",
    },
    Informatieobjecttype {
        code: "beschikking",
        omschrijving: "Beschikking",
    },
];

pub const ALO_RESULTAATTYPEN: &[Resultaattype] = &[
    Resultaattype {
        code: "toegekend",
        omschrijving: "Toegekend",
    },
    Resultaattype {
        code: "afgewezen",
        omschrijving: "Afgewezen",
    },
    Resultaattype {
        code: "buiten_behandeling",
        omschrijving: "Buiten behandeling gesteld",
    },
    Resultaattype {
        code: "ingetrokken",
        omschrijving: "Ingetrokken",
    },
];

/// Aanvraag levensonderhoud (Participatiewet, algemene bijstand).
pub const ALO: Zaaktype = Zaaktype {
    identificatie: "ALO",
    omschrijving: "Aanvraag levensonderhoud (bijstand)",
    doorlooptijd_dagen: 56,
    opschorting_mogelijk: true,
    verlenging_mogelijk: true,
    verlengingstermijn_dagen: 56,
    statustypen: ALO_STATUSTYPEN,
    informatieobjecttypen: ALO_DOCUMENTEN,
    resultaattypen: ALO_RESULTAATTYPEN,
    besluittypen: &["toekenning", "afwijzing", "buiten_behandeling", "voorschot"],
};

/// The documents of an application for bijzondere bijstand.
pub const BB_DOCUMENTEN: &[Informatieobjecttype] = &[
    Informatieobjecttype {
        code: "offerte",
        omschrijving: "Offerte of prijsopgave",
    },
    Informatieobjecttype {
        code: "factuur",
        omschrijving: "Factuur of bon",
    },
    Informatieobjecttype {
        code: "beschikking_kantonrechter",
        omschrijving: "Beschikking van de kantonrechter",
    },
    Informatieobjecttype {
        code: "toevoeging",
        omschrijving: "Toevoeging van de Raad voor Rechtsbijstand",
    },
    Informatieobjecttype {
        code: "verklaring_zorgverzekeraar",
        omschrijving: "Verklaring van de zorgverzekeraar",
    },
    Informatieobjecttype {
        code: "huurovereenkomst",
        omschrijving: "Huurovereenkomst",
    },
    Informatieobjecttype {
        code: "uitvaartnota",
        omschrijving: "Nota van de uitvaart",
    },
    Informatieobjecttype {
        code: "bankafschrift",
        omschrijving: "Bankafschrift",
    },
    Informatieobjecttype {
        code: "overig",
        omschrijving: "Ander document",
    },
    Informatieobjecttype {
        code: "beschikking",
        omschrijving: "Beschikking",
    },
];

/// The documents of an application for the individuele inkomenstoeslag.
pub const IIT_DOCUMENTEN: &[Informatieobjecttype] = &[
    Informatieobjecttype {
        code: "bankafschrift",
        omschrijving: "Bankafschrift",
    },
    Informatieobjecttype {
        code: "loonstrook",
        omschrijving: "Loonstrook",
    },
    Informatieobjecttype {
        code: "overig",
        omschrijving: "Ander document",
    },
    Informatieobjecttype {
        code: "beschikking",
        omschrijving: "Beschikking",
    },
];

/// Aanvraag bijzondere bijstand (Participatiewet art. 35): the lifecycle
/// statuses are those of every zaak.
pub const BIJZONDERE_BIJSTAND: Zaaktype = Zaaktype {
    identificatie: "BB",
    omschrijving: "Aanvraag bijzondere bijstand",
    doorlooptijd_dagen: 56,
    opschorting_mogelijk: true,
    verlenging_mogelijk: true,
    verlengingstermijn_dagen: 56,
    statustypen: ALO_STATUSTYPEN,
    informatieobjecttypen: BB_DOCUMENTEN,
    resultaattypen: ALO_RESULTAATTYPEN,
    besluittypen: &["toekenning", "afwijzing", "buiten_behandeling"],
};

/// Aanvraag individuele inkomenstoeslag (Participatiewet art. 36).
pub const IIT: Zaaktype = Zaaktype {
    identificatie: "IIT",
    omschrijving: "Aanvraag individuele inkomenstoeslag",
    doorlooptijd_dagen: 56,
    opschorting_mogelijk: true,
    verlenging_mogelijk: true,
    verlengingstermijn_dagen: 56,
    statustypen: ALO_STATUSTYPEN,
    informatieobjecttypen: IIT_DOCUMENTEN,
    resultaattypen: ALO_RESULTAATTYPEN,
    besluittypen: &["toekenning", "afwijzing", "buiten_behandeling"],
};

/// Every zaaktype of the standard catalogue.
pub const CATALOGUS: &[&Zaaktype] = &[&ALO, &BIJZONDERE_BIJSTAND, &IIT];

pub fn zaaktype(identificatie: &str) -> Option<&'static Zaaktype> {
    CATALOGUS
        .iter()
        .copied()
        .find(|z| z.identificatie == identificatie)
}

/// How an application came in (klik, bel, kom — and paper).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kanaal {
    /// The resident (or a gemachtigde) online.
    Digitaal,
    /// Completed with the klantcontactcentrum on the phone.
    Telefoon,
    /// At the desk, with a staff member.
    Balie,
    /// A paper form, entered by staff.
    Papier,
    /// Filled in with the resident at home by a buurtteam, after a
    /// looplijst visit.
    Huisbezoek,
}

impl Kanaal {
    pub fn code(self) -> &'static str {
        match self {
            Kanaal::Digitaal => "digitaal",
            Kanaal::Telefoon => "telefoon",
            Kanaal::Balie => "balie",
            Kanaal::Papier => "papier",
            Kanaal::Huisbezoek => "huisbezoek",
        }
    }

    pub fn parse(s: &str) -> Option<Kanaal> {
        [
            Kanaal::Digitaal,
            Kanaal::Telefoon,
            Kanaal::Balie,
            Kanaal::Papier,
            Kanaal::Huisbezoek,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resident_sees_the_plain_list_of_seed_004() {
        let mut plain: Vec<&str> = ALO.statustypen.iter().map(|s| s.voor_inwoner).collect();
        plain.dedup();
        assert_eq!(
            plain,
            [
                "Ontvangen",
                "Wij wachten op gegevens van u",
                "In behandeling",
                "Wij wachten op gegevens van u",
                "In behandeling",
                "Er staat een document voor u klaar",
                "In behandeling",
                "Besloten"
            ]
        );
    }

    #[test]
    fn codes_are_unique_and_found() {
        for (i, s) in ALO.statustypen.iter().enumerate() {
            assert_eq!(ALO.statustype(s.code).map(|f| f.code), Some(s.code));
            assert!(ALO.statustypen[i + 1..].iter().all(|o| o.code != s.code));
        }
        assert!(zaaktype("ALO").is_some());
        // Every typed status is in the catalogue, and nothing else is.
        for s in gbi_domain::ZaakStatus::ALL {
            assert!(ALO.statustype(s.code()).is_some(), "{s}");
        }
        assert_eq!(ALO.statustypen.len(), gbi_domain::ZaakStatus::ALL.len());
        assert_eq!(Kanaal::parse("telefoon"), Some(Kanaal::Telefoon));
    }
}

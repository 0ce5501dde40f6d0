//! The short form of the individuele inkomenstoeslag (art. 36). The months
//! of low income come from the ledger for the gemeente's own clients, and
//! from the sources for others; the form asks only what no register knows.
//! An invitation fills it in beforehand: the resident checks and confirms.

use crate::aanvraag::{Formulier, Soort, Stap, Vraag, gedeeld, v};

/// The hidden answer that says where the figures come from: `uitkering`
/// when an invitation filled the application from the resident's running
/// bijstand (the gemeente knows income and savings); `looplijst` when a
/// buurtteam starts it at an address where every source said yes to the
/// IIT's questions (they are asked again when the zaak starts). Then income
/// and savings are not asked.
pub const GEGEVENS: &str = "_gegevens";

pub const STAPPEN: &[Stap] = &[
    Stap {
        code: "situatie",
        titel: "Uw situatie",
        intro: "De individuele inkomenstoeslag is een extra bedrag voor mensen die al lang een laag inkomen hebben. Wij kijken zelf hoe lang u bijstand of een laag inkomen had.",
        vragen: &[
            Vraag {
                alleen_als: Some((GEGEVENS, "")),
                ..gedeeld::INKOMEN
            },
            Vraag {
                alleen_als: Some((GEGEVENS, "")),
                ..gedeeld::SPAARGELD
            },
            Vraag {
                verplicht: false,
                ..v(
                    "inspanningen",
                    "Wat heeft u de laatste jaren gedaan om meer te verdienen?",
                    "Bijvoorbeeld solliciteren, een opleiding of vrijwilligerswerk. Kon u niet werken, bijvoorbeeld door ziekte of zorg voor een ander? Schrijf dat dan op. Dit mag u leeg laten: dan vragen wij het als het nodig is.",
                    Soort::LangeTekst,
                )
            },
        ],
    },
    Stap {
        code: "betaling",
        titel: "Betaling en contact",
        intro: "Hierop betalen wij de toeslag, en zo houden wij u op de hoogte.",
        vragen: &[gedeeld::IBAN, gedeeld::EMAIL],
    },
    Stap {
        code: "verklaring",
        titel: "Controleren en versturen",
        intro: "Kijk of alles klopt. Daarna kunt u de aanvraag versturen.",
        vragen: &[gedeeld::BESLUITEN_ONLINE, gedeeld::VERKLARING],
    },
];

/// The form of the IIT.
pub const FORMULIER: Formulier = Formulier(STAPPEN);

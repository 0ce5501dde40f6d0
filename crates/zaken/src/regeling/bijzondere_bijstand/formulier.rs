//! The form of bijzondere bijstand: it starts from the cost. The kinds of
//! cost are the gemeente's catalogue (policy, [`Soort::Kostensoort`]); the
//! rest is only what no register knows: the amount, the household's money,
//! and who is to be paid.

use crate::aanvraag::{Formulier, Soort, Stap, Vraag, gedeeld, v};

/// Paid to the resident, or straight to the supplier or bewindvoerder.
pub const AAN_WIE: &[(&str, &str)] = &[
    ("zelf", "Op mijn eigen rekening"),
    (
        "derde",
        "Rechtstreeks aan de winkel, leverancier of bewindvoerder",
    ),
];

pub const STAPPEN: &[Stap] = &[
    Stap {
        code: "kosten",
        titel: "Uw kosten",
        intro: "Vertel ons voor welke kosten u geld nodig heeft.",
        vragen: &[
            v(
                "kostensoort",
                "Waarvoor vraagt u bijzondere bijstand?",
                "Kies wat het beste past. Staan uw kosten er niet bij? Bel ons dan.",
                Soort::Kostensoort,
            ),
            v(
                "omschrijving",
                "Wat is het precies, en waarom heeft u het nodig?",
                "Bijvoorbeeld: een wasmachine, mijn oude is kapot.",
                Soort::Tekst,
            ),
            v(
                "kosten",
                "Hoeveel kost het?",
                "Het bedrag op de offerte of de rekening. Schrijf zo: 449,00.",
                Soort::Bedrag,
            ),
        ],
    },
    Stap {
        code: "geld",
        titel: "Inkomen en geld",
        intro: "Wij rekenen uit welk deel u zelf kunt betalen. Dat heet uw draagkracht.",
        vragen: &[gedeeld::INKOMEN, gedeeld::SPAARGELD],
    },
    Stap {
        code: "betaling",
        titel: "Betaling en contact",
        intro: "Als u bijzondere bijstand krijgt, betalen wij die aan u of rechtstreeks aan de winkel.",
        vragen: &[
            v(
                "aan_wie",
                "Aan wie moeten wij betalen?",
                "Betalen wij de winkel? Dan hoeft u het geld niet voor te schieten.",
                Soort::Keuze(AAN_WIE),
            ),
            Vraag {
                alleen_als: Some(("aan_wie", "zelf")),
                ..gedeeld::IBAN
            },
            Vraag {
                alleen_als: Some(("aan_wie", "derde")),
                ..v(
                    "derde_naam",
                    "Wat is de naam van de winkel, leverancier of bewindvoerder?",
                    "Zoals die op de offerte of de rekening staat.",
                    Soort::Tekst,
                )
            },
            Vraag {
                alleen_als: Some(("aan_wie", "derde")),
                ..v(
                    "derde_iban",
                    "Wat is hun rekeningnummer (IBAN)?",
                    "Dit staat op de offerte of de rekening.",
                    Soort::Iban,
                )
            },
            gedeeld::EMAIL,
        ],
    },
    Stap {
        code: "verklaring",
        titel: "Controleren en versturen",
        intro: "Kijk of alles klopt. Stuur de offerte of rekening mee. Daarna kunt u de aanvraag versturen.",
        vragen: &[gedeeld::BESLUITEN_ONLINE, gedeeld::VERKLARING],
    },
];

/// The form of bijzondere bijstand.
pub const FORMULIER: Formulier = Formulier(STAPPEN);

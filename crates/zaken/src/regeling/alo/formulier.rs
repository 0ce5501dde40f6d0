//! ALO's form: only what no register knows, one question at a time
//! ("one question is one question"), each with its explanation. The
//! question kinds, the checks and the shared questions are
//! [`crate::aanvraag`]'s.

use crate::aanvraag::{Formulier, Soort, Stap, Vraag, gedeeld, v};

const REDENEN: &[(&str, &str)] = &[
    ("baan_kwijt", "Ik ben mijn baan kwijt"),
    (
        "uitkering_gestopt",
        "Mijn uitkering (bijvoorbeeld WW) is gestopt",
    ),
    ("scheiding", "Ik ben gescheiden of uit elkaar"),
    ("studie_gestopt", "Ik ben gestopt met mijn studie"),
    ("inkomen_te_laag", "Mijn inkomen is te laag om van te leven"),
    ("anders", "Een andere reden"),
];

const PARTNER_WERK: &[(&str, &str)] = &[
    ("geen_partner", "Ik heb geen partner"),
    ("nee", "Mijn partner werkt niet"),
    ("ja", "Mijn partner werkt"),
];

const WOONSITUATIES: &[(&str, &str)] = &[
    ("huur", "Ik huur een woning of kamer"),
    ("koop", "Ik woon in een koophuis"),
    ("inwonend", "Ik woon bij iemand in"),
    ("geen_woning", "Ik heb geen vaste woonplek"),
];

/// Questions several regelingen ask in the same words.
pub const STAPPEN: &[Stap] = &[
    Stap {
        code: "situatie",
        titel: "Uw situatie",
        intro: "Vertel ons waarom u bijstand aanvraagt.",
        vragen: &[
            v(
                "reden",
                "Waarom vraagt u bijstand aan?",
                "Kies wat het beste past.",
                Soort::Keuze(REDENEN),
            ),
            Vraag {
                verplicht: false,
                ..v(
                    "toelichting",
                    "Wilt u iets uitleggen?",
                    "Dit mag u leeg laten.",
                    Soort::LangeTekst,
                )
            },
            v(
                "ingangsdatum",
                "Vanaf welke datum heeft u geld nodig?",
                "Bijvoorbeeld de dag na uw laatste salaris of uitkering. Schrijf dag-maand-jaar, zo: 1-7-2026.",
                Soort::Datum,
            ),
        ],
    },
    Stap {
        code: "werk",
        titel: "Werk en inkomen",
        intro: "Wij kijken zelf bij UWV welk loon en welke uitkering u krijgt. Wij vragen alleen wat UWV niet weet.",
        vragen: &[
            v(
                "heeft_werk",
                "Werkt u nu, ook als het maar een paar uur is?",
                "Ook werk zonder contract of als zelfstandige telt mee.",
                Soort::JaNee,
            ),
            Vraag {
                alleen_als: Some(("heeft_werk", "ja")),
                ..v(
                    "verwacht_inkomen",
                    "Hoeveel verdient u ongeveer per maand, na belasting?",
                    "Een schatting is goed. Schrijf zo: 450,00.",
                    Soort::Bedrag,
                )
            },
            v(
                "partner_werk",
                "Werkt uw partner?",
                "Met partner bedoelen wij uw man of vrouw, of iemand met wie u samenwoont. Voor u allebei telt een deel van het loon niet mee.",
                Soort::Keuze(PARTNER_WERK),
            ),
            Vraag {
                alleen_als: Some(("partner_werk", "ja")),
                ..v(
                    "partner_verwacht_inkomen",
                    "Hoeveel verdient uw partner ongeveer per maand, na belasting?",
                    "Een schatting is goed. Schrijf zo: 450,00.",
                    Soort::Bedrag,
                )
            },
            v(
                "ander_inkomen",
                "Krijgt u (of uw partner) ander geld, bijvoorbeeld alimentatie of geld van familie?",
                "Kinderbijslag en toeslagen hoeft u niet te noemen.",
                Soort::JaNee,
            ),
            Vraag {
                alleen_als: Some(("ander_inkomen", "ja")),
                ..v(
                    "ander_inkomen_bedrag",
                    "Hoeveel is dat per maand?",
                    "Heeft u een partner? Tel dan ook het geld van uw partner mee. Schrijf zo: 150,00.",
                    Soort::Bedrag,
                )
            },
        ],
    },
    Stap {
        code: "vermogen",
        titel: "Geld en bezit",
        intro: "Wij kijken zelf bij de Belastingdienst, het Kadaster en de RDW. Wij vragen alleen wat zij niet weten.",
        vragen: &[
            v(
                "spaargeld",
                "Hoeveel geld staat er nu op al uw bankrekeningen samen?",
                "Tel uw betaalrekening en spaarrekeningen op. Heeft u een partner? Tel dan ook de rekeningen van uw partner mee. Schrijf zo: 1250,00.",
                Soort::Bedrag,
            ),
            v(
                "contant_geld",
                "Hoeveel contant geld heeft u?",
                "Heeft u een partner? Tel het contante geld van uw partner mee. Schrijf 0 als u geen contant geld heeft.",
                Soort::Bedrag,
            ),
            v(
                "schulden",
                "Hoeveel schulden heeft u in totaal?",
                "Bijvoorbeeld een lening of achterstand met de huur. Heeft u een partner? Tel de schulden van uw partner mee. Schrijf 0 als u geen schulden heeft.",
                Soort::Bedrag,
            ),
        ],
    },
    Stap {
        code: "wonen",
        titel: "Wonen",
        intro: "Wij zien in de BRP wie er op uw adres wonen. Wij vragen alleen wat de BRP niet weet.",
        vragen: &[
            v(
                "woonsituatie",
                "Hoe woont u?",
                "Kies wat het beste past.",
                Soort::Keuze(WOONSITUATIES),
            ),
            Vraag {
                alleen_als: Some(("woonsituatie", "huur")),
                ..v(
                    "woonkosten",
                    "Hoeveel huur betaalt u per maand?",
                    "De kale huur plus servicekosten. Schrijf zo: 725,00.",
                    Soort::Bedrag,
                )
            },
            v(
                "commerciele_huurder",
                "Woont er iemand bij u die huur betaalt en geen familie is?",
                "Bijvoorbeeld een kamerhuurder met een huurcontract.",
                Soort::JaNee,
            ),
        ],
    },
    Stap {
        code: "bank",
        titel: "Bankrekening en contact",
        intro: "Hierop betalen wij de bijstand, en zo houden wij u op de hoogte.",
        vragen: &[
            gedeeld::IBAN,
            gedeeld::EMAIL,
            Vraag {
                verplicht: false,
                ..v(
                    "telefoon",
                    "Op welk telefoonnummer kunnen wij u bellen?",
                    "Dit mag u leeg laten.",
                    Soort::Telefoon,
                )
            },
        ],
    },
    Stap {
        code: "verklaring",
        titel: "Controleren en versturen",
        intro: "Kijk of alles klopt. Daarna kunt u de aanvraag versturen.",
        vragen: &[gedeeld::BESLUITEN_ONLINE, gedeeld::VERKLARING],
    },
];

/// The ALO form.
pub const ALO_FORMULIER: Formulier = Formulier(STAPPEN);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aanvraag::{Keuzes, besluiten_online};
    use chrono::NaiveDate;
    use serde_json::json;
    use serde_json::{Map, Value};

    fn d() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
    }

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    pub fn volledig() -> Map<String, Value> {
        map(json!({
            "reden": "baan_kwijt", "ingangsdatum": "2026-07-01", "heeft_werk": "nee", "partner_werk": "geen_partner", "ander_inkomen": "nee",
            "spaargeld": "1250,00", "contant_geld": "0", "schulden": "0", "woonsituatie": "huur", "woonkosten": "725,00",
            "commerciele_huurder": "nee", "iban": "NL91ABNA0417164300", "email": "a@b.nl", "verklaring": "ja"
        }))
    }

    #[test]
    fn a_complete_application_has_no_problems() {
        assert_eq!(
            ALO_FORMULIER.valideer_alles(&volledig(), d(), &Keuzes::default()),
            vec![]
        );
    }

    #[test]
    fn conditional_questions_are_asked_only_when_they_apply() {
        let mut a = volledig();
        a.insert("heeft_werk".into(), json!("ja"));
        let f = ALO_FORMULIER.valideer_alles(&a, d(), &Keuzes::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].veld, "verwacht_inkomen");
        assert_eq!(f[0].melding, "Vul dit in.");
    }

    #[test]
    fn a_message_names_its_question() {
        let mut a = volledig();
        a.insert("heeft_werk".into(), json!("ja"));
        let f = ALO_FORMULIER.valideer_alles(&a, d(), &Keuzes::default());
        assert_eq!(
            f[0].vraag(),
            "Hoeveel verdient u ongeveer per maand, na belasting?"
        );
    }

    #[test]
    fn a_working_partner_gives_the_partners_income() {
        let mut a = volledig();
        a.insert("partner_werk".into(), json!("ja"));
        let f = ALO_FORMULIER.valideer_alles(&a, d(), &Keuzes::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].veld, "partner_verwacht_inkomen");
        a.insert("partner_verwacht_inkomen".into(), json!("450,00"));
        assert_eq!(
            ALO_FORMULIER.valideer_alles(&a, d(), &Keuzes::default()),
            vec![]
        );
    }

    #[test]
    fn bad_values_get_a_message_next_to_the_field() {
        let mut a = volledig();
        a.insert("iban".into(), json!("NL00ABNA0417164300"));
        a.insert("spaargeld".into(), json!("veel"));
        a.insert("ingangsdatum".into(), json!("31-2-2026"));
        a.insert("reden".into(), json!("iets"));
        let velden: Vec<&str> = ALO_FORMULIER
            .valideer_alles(&a, d(), &Keuzes::default())
            .iter()
            .map(|f| f.veld)
            .collect();
        assert_eq!(velden, ["reden", "ingangsdatum", "spaargeld", "iban"]);
    }

    #[test]
    fn steps_link_forward_and_back() {
        assert_eq!(
            ALO_FORMULIER.volgende("situatie").map(|s| s.code),
            Some("werk")
        );
        assert_eq!(
            ALO_FORMULIER.vorige("werk").map(|s| s.code),
            Some("situatie")
        );
        assert!(ALO_FORMULIER.vorige("situatie").is_none());
        assert!(ALO_FORMULIER.volgende("verklaring").is_none());
    }

    #[test]
    fn the_choice_for_decisions_online_is_optional_and_only_online_is_consent() {
        let mut a = volledig();
        assert_eq!(besluiten_online(&a), None);
        assert_eq!(
            ALO_FORMULIER.valideer_alles(&a, d(), &Keuzes::default()),
            vec![]
        );
        a.insert("besluiten_online".into(), json!("online"));
        assert_eq!(besluiten_online(&a), Some(true));
        a.insert("besluiten_online".into(), json!("post"));
        assert_eq!(besluiten_online(&a), Some(false));
        assert_eq!(
            ALO_FORMULIER.valideer_alles(&a, d(), &Keuzes::default()),
            vec![]
        );
        a.insert("besluiten_online".into(), json!("fax"));
        assert_eq!(
            ALO_FORMULIER.valideer_alles(&a, d(), &Keuzes::default())[0].veld,
            "besluiten_online"
        );
    }
}

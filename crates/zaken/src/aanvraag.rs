//! The ALO form: only what no register knows, one question at a time
//! ("one question is one question"), each with its explanation; and
//! validation with a message per field.

use chrono::NaiveDate;
use gbi_domain::{Iban, Money};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Soort {
    Tekst,
    LangeTekst,
    Datum,
    Bedrag,
    Iban,
    Email,
    Telefoon,
    JaNee,
    Keuze(&'static [(&'static str, &'static str)]),
    /// A kostensoort of the gemeente's catalogue ([`Keuzes::kostensoorten`]).
    Kostensoort,
    Verklaring,
}

/// The choices a form takes from the gemeente's policy on the day of the
/// application, not from code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keuzes {
    /// The gemeente's catalogue of kostensoorten for bijzondere bijstand.
    pub kostensoorten: Vec<gbi_rules::params::Kostensoort>,
}

impl Keuzes {
    /// The choices of `gemeente`'s policy on `datum`; none where the policy
    /// has none (the form then says so).
    pub fn van(
        regels: &gbi_rules::Regels,
        gemeente: gbi_domain::GemeenteCode,
        datum: NaiveDate,
    ) -> Self {
        let kostensoorten = regels
            .overzicht(gemeente, datum)
            .map(|o| o.bb.kostensoorten)
            .unwrap_or_default();
        Keuzes { kostensoorten }
    }

    /// A kostensoort of the catalogue by its code.
    pub fn kostensoort(&self, code: &str) -> Option<&gbi_rules::params::Kostensoort> {
        self.kostensoorten.iter().find(|k| k.code == code)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Vraag {
    pub naam: &'static str,
    pub label: &'static str,
    pub uitleg: &'static str,
    pub soort: Soort,
    pub verplicht: bool,
    /// Asked only when another answer has this value.
    pub alleen_als: Option<(&'static str, &'static str)>,
}

#[derive(Debug, Clone, Copy)]
pub struct Stap {
    pub code: &'static str,
    pub titel: &'static str,
    pub intro: &'static str,
    pub vragen: &'static [Vraag],
}

/// A required question.
pub const fn v(
    naam: &'static str,
    label: &'static str,
    uitleg: &'static str,
    soort: Soort,
) -> Vraag {
    Vraag {
        naam,
        label,
        uitleg,
        soort,
        verplicht: true,
        alleen_als: None,
    }
}

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

/// How the resident wants letters with a decision: only online is consent
/// to electronic delivery (Awb art. 2:14, eerste lid).
pub const BESLUITEN_ONTVANGEN: &[(&str, &str)] = &[
    ("online", "Alleen online, in Mijn inkomen"),
    ("post", "Ook per post, op papier"),
];

const WOONSITUATIES: &[(&str, &str)] = &[
    ("huur", "Ik huur een woning of kamer"),
    ("koop", "Ik woon in een koophuis"),
    ("inwonend", "Ik woon bij iemand in"),
    ("geen_woning", "Ik heb geen vaste woonplek"),
];

/// Questions several regelingen ask in the same words.
pub mod gedeeld {
    use super::{BESLUITEN_ONTVANGEN, Soort, Vraag, v};

    pub const IBAN: Vraag = v(
        "iban",
        "Op welk rekeningnummer (IBAN) wilt u het geld krijgen?",
        "De rekening moet op uw naam staan. Bijvoorbeeld NL91 ABNA 0417 1643 00.",
        Soort::Iban,
    );

    pub const EMAIL: Vraag = v(
        "email",
        "Wat is uw e-mailadres?",
        "Wij sturen u een e-mail als er iets voor u klaarstaat. In de e-mail staan geen persoonlijke gegevens.",
        Soort::Email,
    );

    pub const BESLUITEN_ONLINE: Vraag = Vraag {
        verplicht: false,
        ..v(
            "besluiten_online",
            "Hoe wilt u brieven met een besluit krijgen?",
            "Kiest u alleen online? Dan zetten wij brieven met een besluit alleen in Mijn inkomen. U krijgt een e-mail als er een brief klaarstaat. Kiest u niets? Dan krijgt u ze ook per post. U kunt dit later altijd veranderen.",
            Soort::Keuze(BESLUITEN_ONTVANGEN),
        )
    };

    pub const VERKLARING: Vraag = v(
        "verklaring",
        "Ik heb alles naar waarheid ingevuld",
        "Verandert er iets in uw situatie? Dan moet u dat aan ons doorgeven (artikel 17 Participatiewet).",
        Soort::Verklaring,
    );

    /// The household's income now, for regelingen that weigh it.
    pub const INKOMEN: Vraag = v(
        "inkomen",
        "Hoeveel geld komt er per maand binnen, na belasting?",
        "Uw loon of uitkering, en dat van uw partner. Kinderbijslag en toeslagen telt u niet mee. Schrijf zo: 1250,00.",
        Soort::Bedrag,
    );

    pub const SPAARGELD: Vraag = v(
        "spaargeld",
        "Hoeveel geld staat er nu op al uw bankrekeningen samen?",
        "Tel uw betaalrekening en spaarrekeningen op, ook die van uw partner. Schrijf 0 als u niets heeft.",
        Soort::Bedrag,
    );
}

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

/// The choice at the end of the application: `Some(true)` only online
/// (consent to electronic delivery), `Some(false)` also on paper, `None`
/// when the resident chose nothing (then letters go on paper too).
pub fn besluiten_online(a: &Map<String, Value>) -> Option<bool> {
    match antwoord(a, "besluiten_online") {
        "online" => Some(true),
        "post" => Some(false),
        _ => None,
    }
}

/// A regeling's application form: its steps, in order.
#[derive(Debug, Clone, Copy)]
pub struct Formulier(pub &'static [Stap]);

/// The ALO form.
pub const ALO_FORMULIER: Formulier = Formulier(STAPPEN);

impl Formulier {
    pub fn stappen(self) -> &'static [Stap] {
        self.0
    }

    /// The first step (`None` only for a form without steps).
    pub fn eerste(self) -> Option<&'static Stap> {
        self.0.first()
    }

    pub fn laatste(self) -> Option<&'static Stap> {
        self.0.last()
    }

    pub fn stap(self, code: &str) -> Option<&'static Stap> {
        self.0.iter().find(|s| s.code == code)
    }

    /// The step after `code`, if any.
    pub fn volgende(self, code: &str) -> Option<&'static Stap> {
        let i = self.0.iter().position(|s| s.code == code)?;
        self.0.get(i + 1)
    }

    pub fn vorige(self, code: &str) -> Option<&'static Stap> {
        let i = self.0.iter().position(|s| s.code == code)?;
        i.checked_sub(1).and_then(|i| self.0.get(i))
    }

    /// "Stap 2 van 6": the step's number and the number of steps.
    pub fn voortgang(self, stap: &Stap) -> (usize, usize) {
        let i = self.0.iter().position(|s| s.code == stap.code).unwrap_or(0);
        (i + 1, self.0.len())
    }

    /// Check every step; the application can be sent only without problems.
    pub fn valideer_alles(
        self,
        a: &Map<String, Value>,
        vandaag: NaiveDate,
        keuzes: &Keuzes,
    ) -> Vec<Fout> {
        self.0
            .iter()
            .flat_map(|s| valideer(s, a, vandaag, keuzes))
            .collect()
    }
}

/// An answer, trimmed; empty when not given.
pub fn antwoord<'a>(a: &'a Map<String, Value>, naam: &str) -> &'a str {
    a.get(naam)
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or("")
}

/// Whether a question applies, given the other answers.
pub fn geldt(vraag: &Vraag, a: &Map<String, Value>) -> bool {
    vraag
        .alleen_als
        .is_none_or(|(naam, waarde)| antwoord(a, naam) == waarde)
}

/// A problem with one answer, in Dutch, to show next to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fout {
    pub stap: &'static str,
    pub veld: &'static str,
    /// The question as the form asks it.
    pub label: &'static str,
    pub melding: String,
}

impl Fout {
    /// The question the message is about, as the form asks it, so an error
    /// summary can name it ("Hoeveel verdient u …? Vul dit in.").
    pub fn vraag(&self) -> &'static str {
        self.label
    }
}

/// Check the answers of one step.
pub fn valideer(
    stap: &'static Stap,
    a: &Map<String, Value>,
    vandaag: NaiveDate,
    keuzes: &Keuzes,
) -> Vec<Fout> {
    let mut fouten = Vec::new();
    for vraag in stap.vragen.iter().filter(|q| geldt(q, a)) {
        let waarde = antwoord(a, vraag.naam);
        let fout = |melding: String| Fout {
            stap: stap.code,
            veld: vraag.naam,
            label: vraag.label,
            melding,
        };
        if waarde.is_empty() {
            if vraag.verplicht {
                fouten.push(fout(match vraag.soort {
                    Soort::Verklaring => "Zet een vinkje als alles klopt.".into(),
                    Soort::Keuze(_) | Soort::JaNee | Soort::Kostensoort => {
                        "Kies een antwoord.".into()
                    }
                    _ => "Vul dit in.".into(),
                }));
            }
            continue;
        }
        let probleem: Option<String> = match vraag.soort {
            Soort::Tekst | Soort::LangeTekst => {
                (waarde.chars().count() > 2000).then(|| "Gebruik hoogstens 2000 tekens.".into())
            }
            Soort::Datum => match gbi_domain::date::parse_datum_nl(waarde) {
                Err(e) => Some(e.message),
                Ok(d) if d > vandaag + chrono::Days::new(366) => {
                    Some("Deze datum ligt te ver in de toekomst.".into())
                }
                Ok(d) if d < vandaag - chrono::Days::new(366) => {
                    Some("Deze datum ligt meer dan een jaar terug. Neem contact met ons op.".into())
                }
                Ok(_) => None,
            },
            Soort::Bedrag => match Money::parse_euros(waarde) {
                Err(e) => Some(e.message),
                Ok(m) if m.is_negative() => Some("Een bedrag kan niet negatief zijn.".into()),
                Ok(_) => None,
            },
            Soort::Iban => Iban::parse(waarde).err().map(|e| e.message),
            Soort::Email => {
                let ok = waarde.len() <= 254
                    && waarde.split_once('@').is_some_and(|(l, d)| {
                        !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
                    });
                (!ok).then(|| {
                    "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.".into()
                })
            }
            Soort::Telefoon => {
                let digits = waarde.chars().filter(char::is_ascii_digit).count();
                let ok = (10..=15).contains(&digits)
                    && waarde
                        .chars()
                        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
                (!ok).then(|| {
                    "Vul een telefoonnummer van 10 cijfers in, bijvoorbeeld 06 12345678.".into()
                })
            }
            Soort::JaNee => (!matches!(waarde, "ja" | "nee")).then(|| "Kies ja of nee.".into()),
            Soort::Keuze(opties) => (!opties.iter().any(|(k, _)| *k == waarde))
                .then(|| "Kies een van de antwoorden.".into()),
            Soort::Kostensoort => keuzes
                .kostensoort(waarde)
                .is_none()
                .then(|| "Kies een van de antwoorden.".into()),
            Soort::Verklaring => (waarde != "ja").then(|| "Zet een vinkje als alles klopt.".into()),
        };
        if let Some(p) = probleem {
            fouten.push(fout(p));
        }
    }
    fouten
}

/// The answer as a person reads it back (for the overview).
pub fn leesbaar(vraag: &Vraag, a: &Map<String, Value>, keuzes: &Keuzes) -> String {
    let w = antwoord(a, vraag.naam);
    match vraag.soort {
        _ if w.is_empty() => "–".into(),
        Soort::Kostensoort => keuzes
            .kostensoort(w)
            .map_or_else(|| w.to_owned(), |k| k.naam.clone()),
        Soort::Keuze(opties) => opties
            .iter()
            .find(|(k, _)| *k == w)
            .map(|(_, l)| (*l).to_owned())
            .unwrap_or_else(|| w.to_owned()),
        Soort::JaNee | Soort::Verklaring => {
            if w == "ja" {
                "Ja".into()
            } else {
                "Nee".into()
            }
        }
        Soort::Bedrag => Money::parse_euros(w)
            .map(|m| m.to_string())
            .unwrap_or_else(|_| w.to_owned()),
        Soort::Iban => Iban::parse(w)
            .map(|i| i.formatted())
            .unwrap_or_else(|_| w.to_owned()),
        Soort::Datum => gbi_domain::date::parse_datum_nl(w)
            .map(gbi_domain::date::datum_kort)
            .unwrap_or_else(|_| w.to_owned()),
        _ => w.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

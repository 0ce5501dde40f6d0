//! The application form engine: the kinds of question, the steps of a
//! regeling's form, the checks with a message per field, and the questions
//! several regelingen share. Each regeling's own form is in its folder
//! (`regeling/*/formulier.rs`).

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
/// How the resident wants letters with a decision: only online is consent
/// to electronic delivery (Awb art. 2:14, eerste lid).
pub const BESLUITEN_ONTVANGEN: &[(&str, &str)] = &[
    ("online", "Alleen online, in Mijn inkomen"),
    ("post", "Ook per post, op papier"),
];

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

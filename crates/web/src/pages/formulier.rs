//! A regeling's form as pages, shared by the portal (the resident or a
//! gemachtigde) and the werkplek (a staff member with the resident on the
//! phone or at the desk: klik, bel, kom). Works without JavaScript.

use gbi_zaken::aanvraag::{self, Formulier, Fout, Keuzes, Soort, Stap};
use serde_json::{Map, Value};

pub struct Optie {
    pub waarde: String,
    pub label: String,
    pub gekozen: bool,
}

/// The choices of the gemeente's policy on `datum` (none without rules).
pub fn keuzes(
    state: &crate::AppState,
    gemeente: gbi_domain::GemeenteCode,
    datum: chrono::NaiveDate,
) -> Keuzes {
    state
        .regels
        .as_deref()
        .map(|r| Keuzes::van(r, gemeente, datum))
        .unwrap_or_default()
}

/// One question, ready to render.
pub struct Veld {
    pub naam: &'static str,
    pub label: &'static str,
    pub uitleg: &'static str,
    /// tekst, lange_tekst, datum, bedrag, iban, email, telefoon, keuze, verklaring
    pub soort: &'static str,
    pub inputmode: &'static str,
    pub autocomplete: &'static str,
    pub waarde: String,
    pub fout: Option<String>,
    pub opties: Vec<Optie>,
    pub voorwaarde: Option<String>,
    pub verplicht: bool,
}

const JA_NEE: &[(&str, &str)] = &[("ja", "Ja"), ("nee", "Nee")];

pub fn velden(
    stap: &'static Stap,
    a: &Map<String, Value>,
    fouten: &[Fout],
    keuzes: &Keuzes,
) -> Vec<Veld> {
    stap.vragen
        .iter()
        // A condition on a hidden answer (`_…`) is not the resident's to
        // see: such a question is shown only when it applies.
        .filter(|v| {
            v.alleen_als.is_none_or(|(naam, _)| !naam.starts_with('_')) || aanvraag::geldt(v, a)
        })
        .map(|v| {
            let waarde = a
                .get(v.naam)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            // Show a stored ISO date the way it is typed: 1-7-2026.
            let waarde = match v.soort {
                Soort::Datum => chrono::NaiveDate::parse_from_str(&waarde, "%Y-%m-%d")
                    .map(gbi_domain::date::datum_kort)
                    .unwrap_or(waarde),
                _ => waarde,
            };
            let beleid: Vec<(&str, &str)> = match v.soort {
                Soort::Kostensoort => keuzes
                    .kostensoorten
                    .iter()
                    .map(|k| (k.code.as_str(), k.naam.as_str()))
                    .collect(),
                _ => Vec::new(),
            };
            let (soort, inputmode, autocomplete, opties): (&str, &str, &str, &[(&str, &str)]) =
                match v.soort {
                    Soort::Kostensoort => ("keuze", "text", "off", &beleid),
                    Soort::Tekst => ("tekst", "text", "off", &[]),
                    Soort::LangeTekst => ("lange_tekst", "text", "off", &[]),
                    // Not "numeric": a phone's number pad has no "-".
                    Soort::Datum => ("datum", "text", "off", &[]),
                    Soort::Bedrag => ("tekst", "decimal", "off", &[]),
                    Soort::Iban => ("tekst", "text", "off", &[]),
                    Soort::Email => ("email", "email", "email", &[]),
                    Soort::Telefoon => ("telefoon", "tel", "tel", &[]),
                    Soort::JaNee => ("keuze", "text", "off", JA_NEE),
                    Soort::Keuze(o) => ("keuze", "text", "off", o),
                    Soort::Verklaring => ("verklaring", "text", "off", &[]),
                };
            let voorwaarde = v.alleen_als.and_then(|(naam, w)| {
                let vraag = stap.vragen.iter().find(|q| q.naam == naam)?;
                let antwoord = match vraag.soort {
                    Soort::JaNee => {
                        if w == "ja" {
                            "Ja"
                        } else {
                            "Nee"
                        }
                    }
                    Soort::Keuze(o) => o
                        .iter()
                        .find(|(k, _)| *k == w)
                        .map(|(_, l)| *l)
                        .unwrap_or(w),
                    _ => w,
                };
                Some(format!(
                    "Alleen invullen als u bij \u{201c}{}\u{201d} koos voor: {}.",
                    vraag.label, antwoord
                ))
            });
            Veld {
                naam: v.naam,
                label: v.label,
                uitleg: v.uitleg,
                soort,
                inputmode,
                autocomplete,
                opties: opties
                    .iter()
                    .map(|(k, l)| Optie {
                        waarde: (*k).to_owned(),
                        label: (*l).to_owned(),
                        gekozen: waarde == *k,
                    })
                    .collect(),
                fout: fouten
                    .iter()
                    .find(|f| f.veld == v.naam)
                    .map(|f| f.melding.clone()),
                waarde,
                voorwaarde,
                verplicht: v.verplicht,
            }
        })
        .collect()
}

/// Put the posted values of a step's questions into the answers. Fields of
/// other steps stay as they are.
pub fn neem_over(stap: &'static Stap, a: &mut Map<String, Value>, form: &[(String, String)]) {
    for v in stap.vragen {
        let waarde = form
            .iter()
            .find(|(k, _)| k == v.naam)
            .map(|(_, w)| w.trim().to_owned());
        match (v.soort, waarde) {
            (Soort::Verklaring, None) => {
                a.insert(v.naam.into(), Value::String(String::new()));
            }
            // A date is kept as ISO whatever way it was typed, so every
            // later reader gets one form; a date that does not parse stays
            // as typed for the error message.
            (Soort::Datum, Some(w)) => {
                let w = gbi_domain::date::parse_datum_nl(&w)
                    .map(|d| d.to_string())
                    .unwrap_or(w);
                a.insert(v.naam.into(), Value::String(w));
            }
            (_, Some(w)) => {
                a.insert(v.naam.into(), Value::String(w));
            }
            (_, None) => {}
        }
    }
}

/// The overview of all answers, per step, for the last page.
pub struct Overzicht {
    pub stap: &'static str,
    pub titel: &'static str,
    pub regels: Vec<(&'static str, String)>,
}

/// The form of a zaaktype's regeling; an empty form for a zaaktype no
/// regeling knows (nothing is shown rather than another regeling's questions).
pub fn van_zaaktype(zaaktype: &str) -> Formulier {
    gbi_zaken::regeling::voor_zaaktype(zaaktype).map_or(Formulier(&[]), |r| r.formulier())
}

pub fn overzicht(formulier: Formulier, a: &Map<String, Value>, keuzes: &Keuzes) -> Vec<Overzicht> {
    formulier
        .stappen()
        .iter()
        .filter(|s| s.code != "verklaring")
        .map(|s| Overzicht {
            stap: s.code,
            titel: s.titel,
            regels: s
                .vragen
                .iter()
                .filter(|v| aanvraag::geldt(v, a))
                .map(|v| (v.label, aanvraag::leesbaar(v, a, keuzes)))
                .collect(),
        })
        .collect()
}

/// What the form pages say of the regeling: its name and the documents it
/// takes.
pub struct Regelingtekst {
    /// "Aanvraag bijzondere bijstand".
    pub titel: &'static str,
    /// The kinds of document the resident can hand in: code and name.
    pub documentsoorten: Vec<(&'static str, &'static str)>,
    /// What to send with it, in plain words.
    pub bewijs: &'static str,
}

impl Regelingtekst {
    pub(crate) fn van(zaaktype: &str) -> Self {
        let r =
            gbi_zaken::regeling::voor_zaaktype(zaaktype).unwrap_or(gbi_zaken::regeling::alle()[0]);
        let z = r.zaaktype();
        Regelingtekst {
            titel: z.omschrijving,
            documentsoorten: z
                .informatieobjecttypen
                .iter()
                .filter(|d| d.code != "beschikking")
                .map(|d| (d.code, d.omschrijving))
                .collect(),
            bewijs: r.bewijs(),
        }
    }
}

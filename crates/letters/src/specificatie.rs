//! The uitkeringsspecificatie of one month: what the resident's benefit
//! was made of (norm, income, vrijlating, vakantietoeslag, paid), with the
//! plain-Dutch explanation from the rules' derivation, and each one-off
//! payment of that month's betaalrun (bijzondere bijstand, IIT) as a line
//! of its own. A resident without a running benefit who got a one-off
//! payment gets the same letter with those lines only. Same house style
//! and PDF/A as the beschikking.

use crate::inhoud::{Blok, Brief};
use crate::pdf::{self, Omslag};
use crate::{BriefFout, Huisstijl, Regel, datum_nl};
use chrono::NaiveDate;
use gbi_domain::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Specificatie {
    /// Zaak identificatie of the benefit.
    pub kenmerk: String,
    /// Date the specification was made.
    pub datum: NaiveDate,
    pub ontvanger_naam: String,
    pub ontvanger_adres: Vec<String>,
    /// "juli 2026".
    pub maand: String,
    /// Label and amount, in order: norm, income, vrijlating, …, paid.
    pub bedragen: Vec<(String, String)>,
    /// How it was calculated, in plain Dutch, with references.
    pub uitleg: Vec<Regel>,
    /// "Wij hebben u te veel betaald: € …" and what follows, if anything.
    pub verschil: Option<String>,
    /// Said under the amounts when the gross amount for toeslagen is not
    /// available yet (where to ask), else `None`.
    #[serde(default)]
    pub bruto_toelichting: Option<String>,
    /// When the month is lower than the toekenning gave, the herziening
    /// (art. 54-3): ground, income and source, amount, bezwaar route — one
    /// sentence per item. Empty when the month is as decided.
    #[serde(default)]
    pub herziening: Vec<String>,
    /// The one-off payments of the month's betaalrun, each its own line.
    #[serde(default)]
    pub eenmalig: Vec<EenmaligeRegel>,
    /// What we kept back this month for a claim (art. 60, derde en vierde
    /// lid, Participatiewet), each its own line.
    #[serde(default)]
    pub verrekeningen: Vec<VerrekenRegel>,
}

/// An amount kept back for a claim, on the specification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerrekenRegel {
    /// What it is for, e.g. "Terugbetaling vordering 2026-000123".
    pub omschrijving: String,
    pub bedrag_cents: i64,
    /// What the resident keeps at least (Rv 475dc).
    pub beslagvrije_voet_cents: i64,
}

impl VerrekenRegel {
    fn tekst(&self) -> String {
        format!(
            "Ingehouden voor uw schuld bij de gemeente: {} ({})",
            Money::from_cents(self.bedrag_cents),
            self.omschrijving.trim()
        )
    }
}

/// A one-off payment on the specification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EenmaligeRegel {
    /// What it is for, e.g. "Bijzondere bijstand: wasmachine".
    pub omschrijving: String,
    /// "€ 449,00".
    pub bedrag: String,
    /// The third party it was paid to (a supplier, a bewindvoerder);
    /// `None` when it went to the resident.
    pub betaald_aan: Option<String>,
    /// Whether the betaalrun was released (else "wij gaan betalen").
    pub betaald: bool,
}

impl EenmaligeRegel {
    fn tekst(&self) -> String {
        let wat = if self.betaald {
            "betaald"
        } else {
            "wij gaan betalen"
        };
        match &self.betaald_aan {
            Some(aan) => format!("{}: {} ({wat} aan {aan})", self.omschrijving, self.bedrag),
            None => format!("{}: {} ({wat} aan u)", self.omschrijving, self.bedrag),
        }
    }
}

impl Specificatie {
    /// Only one-off payments, no running benefit this month.
    fn alleen_eenmalig(&self) -> bool {
        self.bedragen.is_empty() && !self.eenmalig.is_empty()
    }
}

fn onderwerp(s: &Specificatie) -> String {
    if s.alleen_eenmalig() {
        format!("Specificatie van uw betaling over {}", s.maand)
    } else {
        format!("Specificatie van uw uitkering over {}", s.maand)
    }
}

fn brief(h: &Huisstijl, s: &Specificatie) -> Brief {
    let mut afzender = vec![h.gemeente_naam.clone(), h.afdeling.clone()];
    afzender.extend(h.postadres.iter().cloned());
    afzender.push(format!("Telefoon {}", h.telefoon));
    afzender.push(h.website.clone());
    let mut ontvanger = vec![s.ontvanger_naam.clone()];
    ontvanger.extend(s.ontvanger_adres.iter().cloned());
    let mut romp = if s.alleen_eenmalig() {
        vec![Blok::Alinea(format!(
            "Hieronder ziet u wat wij over {} eenmalig betalen.",
            s.maand
        ))]
    } else {
        vec![
            Blok::Alinea(format!(
                "Hieronder ziet u hoe wij uw uitkering over {} hebben berekend.",
                s.maand
            )),
            Blok::Kop("De bedragen".into()),
            Blok::Regels(
                s.bedragen
                    .iter()
                    .map(|(label, bedrag)| format!("{label}: {bedrag}"))
                    .collect(),
            ),
        ]
    };
    if !s.eenmalig.is_empty() {
        romp.push(Blok::Kop("Eenmalige betalingen".into()));
        romp.push(Blok::Regels(
            s.eenmalig.iter().map(EenmaligeRegel::tekst).collect(),
        ));
    }
    if !s.verrekeningen.is_empty() {
        romp.push(Blok::Regels(
            s.verrekeningen.iter().map(VerrekenRegel::tekst).collect(),
        ));
        let bvv = s
            .verrekeningen
            .iter()
            .map(|v| v.beslagvrije_voet_cents)
            .max()
            .unwrap_or_default();
        romp.push(Blok::Alinea(format!(
            "Wij laten u altijd ten minste de beslagvrije voet over: {} per maand (artikel 475dc \
             van het Wetboek van Burgerlijke Rechtsvordering).",
            Money::from_cents(bvv)
        )));
    }
    if let Some(b) = &s.bruto_toelichting {
        romp.push(Blok::Alinea(b.clone()));
    }
    if !s.herziening.is_empty() {
        romp.push(Blok::Kop("Besluit: uw bijstand is lager".into()));
        romp.extend(s.herziening.iter().cloned().map(Blok::Alinea));
    }
    if let Some(v) = &s.verschil {
        romp.push(Blok::Alinea(v.clone()));
    }
    if !s.uitleg.is_empty() {
        romp.push(Blok::Kop("Hoe hebben wij dit berekend?".into()));
        romp.push(Blok::Berekening(s.uitleg.clone()));
    }
    romp.push(Blok::Kop("Klopt er iets niet?".into()));
    romp.push(Blok::Alinea(format!(
        "Geef wijzigingen en inkomsten door in Mijn inkomen. Heeft u vragen? Bel ons op {} en noem uw kenmerk: {}.",
        h.telefoon.trim(),
        s.kenmerk
    )));
    Brief {
        afzender: afzender
            .into_iter()
            .filter(|r| !r.trim().is_empty())
            .collect(),
        ontvanger: ontvanger
            .into_iter()
            .filter(|r| !r.trim().is_empty())
            .collect(),
        kenmerken: vec![
            ("Datum".into(), datum_nl(s.datum)),
            ("Ons kenmerk".into(), s.kenmerk.clone()),
            ("Onderwerp".into(), onderwerp(s)),
        ],
        romp,
    }
}

/// The specification as plain text (same content as the PDF).
pub fn specificatie_tekst(h: &Huisstijl, s: &Specificatie) -> String {
    brief(h, s).als_tekst()
}

/// The specification as PDF/A-2a.
pub fn specificatie_pdf(h: &Huisstijl, s: &Specificatie) -> Result<Vec<u8>, BriefFout> {
    let omslag = Omslag {
        titel: format!("{} - {}", onderwerp(s), s.kenmerk),
        beschrijving: format!(
            "Uitkeringsspecificatie van {} over {}",
            h.gemeente_naam, s.maand
        ),
        kenmerk: s.kenmerk.clone(),
        datum: s.datum,
    };
    pdf::maak_pdf(h, &omslag, &brief(h, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Specificatie {
        Specificatie {
            kenmerk: "ALO-0392-2026-000001".into(),
            datum: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            ontvanger_naam: "Anna de Vries".into(),
            ontvanger_adres: vec!["Grote Markt 2".into(), "2011 RD Haarlem".into()],
            maand: "juli 2026".into(),
            bedragen: vec![
                ("Uw norm".into(), "€ 1.419,46".into()),
                ("Mag u houden (vrijlating)".into(), "€ 150,00".into()),
            ],
            uitleg: vec![Regel {
                tekst: "Van uw loon houdt u € 150,00 extra over.".into(),
                verwijzing: "Participatiewet art. 31, tweede lid, onderdeel n".into(),
            }],
            verschil: Some("Wij hebben u te veel betaald: € 300,00.".into()),
            bruto_toelichting: None,
            herziening: Vec::new(),
            eenmalig: Vec::new(),
            verrekeningen: Vec::new(),
        }
    }

    fn wasmachine(betaald_aan: Option<&str>) -> EenmaligeRegel {
        EenmaligeRegel {
            omschrijving: "Bijzondere bijstand: wasmachine".into(),
            bedrag: "€ 449,00".into(),
            betaald_aan: betaald_aan.map(str::to_owned),
            betaald: true,
        }
    }

    #[test]
    fn a_one_off_payment_is_a_line_of_its_own_and_says_to_whom() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let mut s = spec();
        s.eenmalig = vec![wasmachine(Some("Witgoed BV"))];
        let t = specificatie_tekst(&h, &s);
        assert!(
            t.contains("Specificatie van uw uitkering over juli 2026")
                && t.contains("Mag u houden (vrijlating): € 150,00"),
            "{t}"
        );
        assert!(
            t.contains("Eenmalige betalingen")
                && t.contains("Bijzondere bijstand: wasmachine: € 449,00 (betaald aan Witgoed BV)"),
            "{t}"
        );
        insta::assert_snapshot!("specificatie_met_eenmalige_betaling", t);
    }

    #[test]
    fn without_a_benefit_the_specification_has_the_one_off_payments_only() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let mut s = spec();
        s.bedragen = Vec::new();
        s.uitleg = Vec::new();
        s.verschil = None;
        s.eenmalig = vec![
            wasmachine(None),
            EenmaligeRegel {
                betaald: false,
                ..wasmachine(Some("Witgoed BV"))
            },
        ];
        let t = specificatie_tekst(&h, &s);
        assert!(
            t.contains("Specificatie van uw betaling over juli 2026"),
            "{t}"
        );
        assert!(
            !t.contains("De bedragen") && !t.contains("uitkering over"),
            "{t}"
        );
        assert!(
            t.contains("wasmachine: € 449,00 (betaald aan u)")
                && t.contains("wasmachine: € 449,00 (wij gaan betalen aan Witgoed BV)"),
            "{t}"
        );
        insta::assert_snapshot!("specificatie_alleen_eenmalig", t);
        assert!(specificatie_pdf(&h, &s).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn an_offset_is_a_line_of_its_own_with_the_beslagvrije_voet() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let mut s = spec();
        s.verrekeningen = vec![VerrekenRegel {
            omschrijving: "Terugbetaling vordering 2026-000123".into(),
            bedrag_cents: 7_007,
            beslagvrije_voet_cents: 133_143,
        }];
        let t = specificatie_tekst(&h, &s);
        assert!(
            t.contains(
                "Ingehouden voor uw schuld bij de gemeente: € 70,07 (Terugbetaling vordering 2026-000123)"
            ) && t.contains("ten minste de beslagvrije voet over: € 1.331,43 per maand")
                && t.contains("artikel 475dc"),
            "{t}"
        );
        insta::assert_snapshot!("specificatie_met_verrekening", t);
        assert!(specificatie_pdf(&h, &s).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn text_and_pdf_say_the_same() {
        let h = Huisstijl::demo("Gemeente Haarlem", "Haarlem");
        let t = specificatie_tekst(&h, &spec());
        assert!(
            t.contains("Specificatie van uw uitkering over juli 2026"),
            "{t}"
        );
        assert!(t.contains("Mag u houden (vrijlating): € 150,00"), "{t}");
        assert!(
            t.contains("(Participatiewet art. 31, tweede lid, onderdeel n)"),
            "{t}"
        );
        let mut zonder_bruto = spec();
        zonder_bruto.bedragen.push((
            "Bruto (voor toeslagen)".into(),
            "nog niet beschikbaar".into(),
        ));
        zonder_bruto.bruto_toelichting = Some("Het bruto bedrag is nog niet beschikbaar.".into());
        let t = specificatie_tekst(&h, &zonder_bruto);
        assert!(
            t.contains("Bruto (voor toeslagen): nog niet beschikbaar")
                && t.contains("Het bruto bedrag is nog niet beschikbaar."),
            "{t}"
        );
        let mut lager = spec();
        lager.herziening = vec![
            "Dit is een besluit. Uw bijstand over juli 2026 is € 300,00 lager dan wij toekenden."
                .into(),
            "Bent u het er niet mee eens? Dan kunt u bezwaar maken binnen zes weken.".into(),
        ];
        let t = specificatie_tekst(&h, &lager);
        assert!(
            t.contains("Besluit: uw bijstand is lager")
                && t.contains("bezwaar maken binnen zes weken"),
            "{t}"
        );
        let pdf = specificatie_pdf(&h, &spec()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let s = String::from_utf8_lossy(&pdf);
        assert!(s.contains("pdfaid:part"), "PDF/A metadata");
    }
}

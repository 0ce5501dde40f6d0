//! The advice on an application for the IIT: the months of the reference
//! period from the ledger (bijstand) or, where the gemeente has no record,
//! as months without proven income for a person to check; the household
//! from the BRP; the gemeente's policy (`Regels::beoordeel_iit`). The
//! weighing of art. 36-2 is always left to a person.

use super::bronvragen::{Beantwoord, Bronantwoorden, Uitkomst};
use crate::aanvraag::antwoord;
use crate::advies::{Advies, Eenmalig, UitlegStap, stappen};
use chrono::{Datelike, Months, NaiveDate};
use gbi_domain::Money;
use gbi_rules::huishouden::{IitBron, IitInvoer, IitPeriode, MaandSoort};
use gbi_rules::regelingen::{IitRecht, IitReden, IitVraag};

/// The longest reference period any policy may set (five years).
pub const MAANDEN_TERUG: u32 = 60;

/// The months before `aanvraag`, oldest first: bijstand where a period of
/// `bijstand` covers the month, else without proven income.
fn maandsoorten(
    bijstand: &[(NaiveDate, Option<NaiveDate>)],
    aanvraag: NaiveDate,
) -> Vec<MaandSoort> {
    let eerste = aanvraag.with_day(1).unwrap_or(aanvraag);
    let mut uit = Vec::with_capacity(MAANDEN_TERUG as usize);
    for terug in (1..=MAANDEN_TERUG).rev() {
        let Some(begin) = eerste.checked_sub_months(Months::new(terug)) else {
            continue;
        };
        let eind = begin
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(begin);
        let gedekt = bijstand
            .iter()
            .any(|(van, tot)| *van <= eind && tot.is_none_or(|t| t >= begin));
        uit.push(if gedekt {
            MaandSoort::Bijstand
        } else {
            MaandSoort::ZonderBewijs
        });
    }
    uit
}

/// Whether the ledger has bijstand in each of the last `maanden` months
/// before `aanvraag`: then no source needs to be asked.
pub fn grootboek_dekt(
    bijstand: &[(NaiveDate, Option<NaiveDate>)],
    aanvraag: NaiveDate,
    maanden: u32,
) -> bool {
    let soorten = maandsoorten(bijstand, aanvraag);
    maanden as usize <= soorten.len()
        && soorten
            .iter()
            .rev()
            .take(maanden as usize)
            .all(|s| *s == MaandSoort::Bijstand)
}

/// The months before `aanvraag`, oldest first, as runs: bijstand where a
/// period of `bijstand` covers the month, else without proven income.
pub fn perioden(
    bijstand: &[(NaiveDate, Option<NaiveDate>)],
    aanvraag: NaiveDate,
) -> Vec<IitPeriode> {
    perioden_met_bron(bijstand, aanvraag, None)
}

/// A source's "ja" to "was the income at most `grens_cents` in each of
/// the last `maanden` months?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bevestiging {
    pub maanden: u32,
    pub grens_cents: i64,
    pub bron: IitBron,
}

/// [`perioden`], with the months without proof that a source confirmed
/// (the last `maanden`) as under its limit (art. 36-1).
pub fn perioden_met_bron(
    bijstand: &[(NaiveDate, Option<NaiveDate>)],
    aanvraag: NaiveDate,
    bevestigd: Option<Bevestiging>,
) -> Vec<IitPeriode> {
    let soorten = maandsoorten(bijstand, aanvraag);
    let vanaf = bevestigd.map_or(soorten.len(), |b| {
        soorten.len().saturating_sub(b.maanden as usize)
    });
    let mut uit: Vec<IitPeriode> = Vec::new();
    for (i, soort) in soorten.into_iter().enumerate() {
        let p = match bevestigd {
            Some(b) if i >= vanaf && soort == MaandSoort::ZonderBewijs => IitPeriode {
                maanden: 1,
                soort: MaandSoort::OnderGrensVolgensBron,
                inkomen_cents: None,
                grens_cents: Some(b.grens_cents),
                bron: Some(b.bron),
            },
            _ => IitPeriode {
                maanden: 1,
                soort,
                inkomen_cents: None,
                grens_cents: None,
                bron: None,
            },
        };
        match uit.last_mut() {
            Some(l) if (l.soort, l.grens_cents, l.bron) == (p.soort, p.grens_cents, p.bron) => {
                l.maanden += 1;
            }
            _ => uit.push(p),
        }
    }
    uit
}

fn reden(r: &IitReden) -> &'static str {
    match r {
        IitReden::LeeftijdNiet21TotAow => {
            "de aanvrager is jonger dan 21 of heeft de AOW-leeftijd (artikel 36, eerste lid)"
        }
        IitReden::VermogenBovenGrens => {
            "het vermogen is hoger dan de grens (artikel 36, eerste lid, met artikel 34)"
        }
        IitReden::GeenLangdurigLaagInkomen => {
            "er is geen langdurig laag inkomen in de referentieperiode (artikel 36, eerste lid)"
        }
        IitReden::UitzichtOpInkomensverbetering => {
            "er is uitzicht op inkomensverbetering (artikel 36, eerste lid)"
        }
        IitReden::IitInAfgelopen12Maanden => {
            "de vorige toeslag is minder dan twaalf maanden geleden verleend (artikel 36, derde lid)"
        }
    }
}

/// The advice on `aanvraag` on `datum`.
pub fn advies(a: crate::regeling::AdviesInvoer<'_>) -> Advies {
    let crate::regeling::AdviesInvoer {
        regels,
        gemeente,
        aanvraag,
        snapshots,
        eigen,
        datum,
    } = a;
    let mut huishouden = match crate::advies::huishouden(aanvraag, snapshots, datum) {
        Ok(h) => h,
        Err(a) => return *a,
    };
    let bronnen = Bronantwoorden::uit(snapshots).unwrap_or_default();
    let bevestigd = bronnen.inkomen().and_then(bevestiging);
    huishouden.iit = Some(IitInvoer {
        perioden: perioden_met_bron(&eigen.bijstand, datum, bevestigd),
        laatste_iit: eigen.laatste_iit,
        aanvraagdatum: Some(datum),
        ..Default::default()
    });
    let mut punten = Vec::new();
    let b = match regels.beoordeel_iit(&huishouden, datum, gemeente) {
        Ok(b) => b,
        Err(e) => return Advies::niet(datum, e.voor_medewerker(), punten),
    };
    let o = &b.beoordeling;
    let a = aanvraag.as_object().cloned().unwrap_or_default();
    for v in &o.voor_medewerker {
        match v {
            IitVraag::UitzichtOpInkomensverbetering => {
                let inspanningen = antwoord(&a, "inspanningen");
                punten.push(format!(
                    "Weeg af of de aanvrager uitzicht heeft op inkomensverbetering, gelet op de mogelijkheden en de inspanningen (artikel 36, eerste en tweede lid). Schrijf uw afweging in het voorstel. De aanvrager schreef: {}",
                    if inspanningen.is_empty() { "(niets)" } else { inspanningen }
                ));
            }
            IitVraag::MaandenZonderBewijs { aantal, .. } => punten.push(format!(
                "In {aantal} maanden van de referentieperiode had de aanvrager geen bijstand van deze gemeente. Ga in Suwinet-Inkijk na welk inkomen de aanvrager toen had (artikel 36, eerste lid)."
            )),
            #[allow(unreachable_patterns)]
            _ => punten.push(format!("Beoordeel: {}.", v.code())),
        }
    }
    let uit_bronnen = BronAdvies::van(&bronnen);
    punten.extend(uit_bronnen.punten);
    let bedrag = Money::from_cents(o.bedrag_cents);
    let advies_tekst = match o.recht {
        _ if !uit_bronnen.niet_voldaan.is_empty() => format!(
            "Niet voldaan volgens de bron: {}. Dit is geen afwijzing: u beslist, na eigen onderzoek.",
            uit_bronnen.niet_voldaan.join("; ")
        ),
        IitRecht::Ja => format!("Recht op een individuele inkomenstoeslag van {bedrag}."),
        IitRecht::MedewerkerBeoordeelt => format!(
            "Aan de voorwaarden die GBI kan nagaan is voldaan. Toeslag volgens het beleid: {bedrag}. U beslist over de punten hieronder."
        ),
        IitRecht::Nee => format!(
            "Geen individuele inkomenstoeslag: {}.",
            o.redenen.iter().map(reden).collect::<Vec<_>>().join("; ")
        ),
    };
    Advies {
        berekend: true,
        reden: String::new(),
        peildatum: datum.to_string(),
        advies_tekst,
        voorlopig: b.voorlopig,
        uitleg: stappen(&b.uitleg)
            .into_iter()
            .chain(uit_bronnen.stappen)
            .collect(),
        aandachtspunten: punten,
        eenmalig: (o.recht != IitRecht::Nee && o.bedrag_cents > 0).then(|| Eenmalig {
            bedrag_cents: o.bedrag_cents,
            vorm: "om_niet".into(),
            grondslag: "Participatiewet art. 36, eerste lid, en art. 48, eerste lid".into(),
        }),
    }
}

/// A source's "ja" to the income question, as months under its limit.
pub fn bevestiging(b: &Beantwoord) -> Option<Bevestiging> {
    if b.antwoord != Uitkomst::Ja || b.bron != "uwv" {
        return None;
    }
    Some(Bevestiging {
        maanden: b.maanden?,
        grens_cents: b.grens_cents?,
        bron: IitBron::Uwv,
    })
}

/// What the sources' answers add to the advice besides the months.
#[derive(Debug, Default)]
struct BronAdvies {
    punten: Vec<String>,
    /// Conditions a source says are not met: the advice says so, a person decides.
    niet_voldaan: Vec<String>,
    stappen: Vec<UitlegStap>,
}

const ART_36_1_34: &str = "Participatiewet art. 36, eerste lid, en art. 34 (BWBR0015703)";

impl BronAdvies {
    fn van(b: &Bronantwoorden) -> Self {
        let mut uit = Self::default();
        let bedrag = |c: Option<i64>| Money::from_cents(c.unwrap_or(0)).to_string();
        let waarom = |v: &Beantwoord| match &v.reden {
            Some(r) => format!(" (de bron gaf geen antwoord: {r})"),
            None => String::new(),
        };
        if let Some(v) = b.inkomen() {
            let (naam, grens) = (&v.bron_naam, bedrag(v.grens_cents));
            let m = v.maanden.unwrap_or(0);
            match v.antwoord {
                Uitkomst::Ja => {}
                Uitkomst::Nee => {
                    uit.niet_voldaan.push(format!(
                        "volgens {naam} was het netto inkomen niet in elk van de laatste {m} maanden ten hoogste {grens} (langdurig laag inkomen, artikel 36, eerste lid)"
                    ));
                    uit.punten.push(format!(
                        "{naam} antwoordt nee: het netto inkomen van het huishouden was niet in elk van de laatste {m} maanden ten hoogste {grens}. Volgens deze bron is niet voldaan aan de voorwaarde van langdurig laag inkomen (artikel 36, eerste lid). GBI wijst niet zelf af: ga in Suwinet-Inkijk na welk inkomen het huishouden had en beslis zelf."
                    ));
                }
                Uitkomst::Onbekend => uit.punten.push(format!(
                    "{naam} kon niet zeggen of het netto inkomen in elk van de laatste {m} maanden ten hoogste {grens} was{}. Ga in Suwinet-Inkijk na welk inkomen het huishouden in de referentieperiode had (artikel 36, eerste lid).",
                    waarom(v)
                )),
            }
        }
        if let Some(v) = b.vermogen() {
            let (naam, grens) = (&v.bron_naam, bedrag(v.grens_cents));
            match v.antwoord {
                Uitkomst::Ja => uit.stappen.push(UitlegStap {
                    tekst: format!(
                        "{naam} bevestigt: het vermogen (box 3) van het huishouden is lager dan {grens} (gesloten vraag, geen bedragen)."
                    ),
                    b1: format!("{naam} laat weten dat uw spaargeld en bezit lager zijn dan {grens}."),
                    verwijzing: ART_36_1_34.into(),
                }),
                Uitkomst::Nee => {
                    uit.niet_voldaan.push(format!(
                        "volgens {naam} is het vermogen niet lager dan {grens} (artikel 36, eerste lid, met artikel 34)"
                    ));
                    uit.punten.push(format!(
                        "{naam} antwoordt nee: het vermogen (box 3) van het huishouden is niet lager dan {grens}. Volgens deze bron is niet voldaan aan de vermogensvoorwaarde (artikel 36, eerste lid, met artikel 34). GBI wijst niet zelf af: vraag naar het vermogen en beslis zelf."
                    ));
                }
                Uitkomst::Onbekend => uit.punten.push(format!(
                    "{naam} kon niet zeggen of het vermogen van het huishouden lager is dan {grens}{}. Ga het vermogen na (artikel 36, eerste lid, met artikel 34).",
                    waarom(v)
                )),
            }
        }
        if let Some(v) = b.regeling() {
            let (naam, m) = (&v.bron_naam, v.maanden.unwrap_or(0));
            match v.antwoord {
                Uitkomst::Nee => {}
                Uitkomst::Ja => uit.punten.push(format!(
                    "{naam}: het huishouden kreeg in de laatste {m} maanden een individuele inkomenstoeslag, misschien van een andere gemeente. Ga na wanneer die is verleend (artikel 36, derde lid)."
                )),
                Uitkomst::Onbekend => uit.punten.push(format!(
                    "{naam} kon niet zeggen of het huishouden in de laatste {m} maanden een individuele inkomenstoeslag kreeg{}. Ga dit na (artikel 36, derde lid).",
                    waarom(v)
                )),
            }
        }
        uit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dag: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dag).unwrap()
    }

    #[test]
    fn months_of_bijstand_come_from_the_periods_and_the_rest_is_unproven() {
        let p = perioden(&[(d(2024, 3, 15), None)], d(2026, 12, 3));
        let totaal: u32 = p.iter().map(|x| x.maanden).sum();
        assert_eq!(totaal, MAANDEN_TERUG);
        // December 2021 .. February 2024 without, March 2024 .. November 2026 bijstand.
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].soort, MaandSoort::ZonderBewijs);
        assert_eq!(p[1].soort, MaandSoort::Bijstand);
        assert_eq!(p[1].maanden, 33);
    }

    #[test]
    fn an_ended_benefit_stops_counting() {
        let p = perioden(&[(d(2021, 1, 1), Some(d(2026, 5, 31)))], d(2026, 12, 3));
        assert_eq!(
            p.last().map(|x| (x.soort, x.maanden)),
            Some((MaandSoort::ZonderBewijs, 6))
        );
    }

    fn ja(maanden: u32) -> Bevestiging {
        Bevestiging {
            maanden,
            grens_cents: 154_165,
            bron: IitBron::Uwv,
        }
    }

    #[test]
    fn a_confirmation_covers_the_last_months_without_proof() {
        // No bijstand at all: the last 36 of 60 months are confirmed.
        let p = perioden_met_bron(&[], d(2026, 12, 3), Some(ja(36)));
        let runs: Vec<_> = p
            .iter()
            .map(|x| (x.soort, x.maanden, x.grens_cents))
            .collect();
        assert_eq!(
            runs,
            vec![
                (MaandSoort::ZonderBewijs, 24, None),
                (MaandSoort::OnderGrensVolgensBron, 36, Some(154_165)),
            ]
        );
        assert_eq!(p[1].bron, Some(IitBron::Uwv));
    }

    #[test]
    fn months_of_bijstand_stay_bijstand_under_a_confirmation() {
        // Bijstand from March 2026: 9 months; the 27 before are confirmed.
        let p = perioden_met_bron(&[(d(2026, 3, 1), None)], d(2026, 12, 3), Some(ja(36)));
        let runs: Vec<_> = p.iter().map(|x| (x.soort, x.maanden)).collect();
        assert_eq!(
            runs,
            vec![
                (MaandSoort::ZonderBewijs, 24),
                (MaandSoort::OnderGrensVolgensBron, 27),
                (MaandSoort::Bijstand, 9),
            ]
        );
    }

    #[test]
    fn without_a_confirmation_the_months_are_as_before() {
        let b = [(d(2024, 3, 15), None)];
        assert_eq!(
            perioden_met_bron(&b, d(2026, 12, 3), None),
            perioden(&b, d(2026, 12, 3))
        );
    }

    fn beantwoord(vraag: &str, antwoord: Uitkomst) -> Beantwoord {
        Beantwoord {
            criterium: "c".into(),
            bron: if vraag.starts_with("INKOMEN") {
                "uwv"
            } else {
                "belastingdienst"
            }
            .into(),
            bron_naam: "Bron".into(),
            vraag: vraag.into(),
            grens_cents: Some(154_165),
            maanden: vraag.starts_with("INKOMEN").then_some(36),
            antwoord,
            reden: None,
        }
    }

    #[test]
    fn only_a_yes_to_the_income_question_confirms_months() {
        let ja = beantwoord("INKOMEN_TEN_HOOGSTE", Uitkomst::Ja);
        assert_eq!(bevestiging(&ja), Some(super::tests::ja(36)));
        for a in [Uitkomst::Nee, Uitkomst::Onbekend] {
            assert_eq!(bevestiging(&beantwoord("INKOMEN_TEN_HOOGSTE", a)), None);
        }
        assert_eq!(
            bevestiging(&beantwoord("VERMOGEN_ONDER", Uitkomst::Ja)),
            None
        );
    }

    #[test]
    fn a_no_is_said_with_the_source_and_never_decides() {
        let b = Bronantwoorden {
            gevraagd: true,
            reden: String::new(),
            vragen: vec![
                beantwoord("INKOMEN_TEN_HOOGSTE", Uitkomst::Nee),
                beantwoord("VERMOGEN_ONDER", Uitkomst::Onbekend),
            ],
        };
        let a = BronAdvies::van(&b);
        assert_eq!(a.niet_voldaan.len(), 1);
        assert!(
            a.niet_voldaan[0].contains("volgens Bron"),
            "{:?}",
            a.niet_voldaan
        );
        assert!(
            a.punten
                .iter()
                .any(|p| p.contains("GBI wijst niet zelf af"))
        );
        assert!(a.punten.iter().any(|p| p.contains("artikel 34")));
        assert!(a.stappen.is_empty());
    }

    #[test]
    fn the_ledger_covers_only_when_every_month_had_bijstand() {
        assert!(grootboek_dekt(&[(d(2020, 1, 1), None)], d(2026, 12, 3), 60));
        assert!(!grootboek_dekt(
            &[(d(2024, 1, 1), None)],
            d(2026, 12, 3),
            36
        ));
        assert!(grootboek_dekt(
            &[(d(2023, 12, 1), None)],
            d(2026, 12, 3),
            36
        ));
        assert!(!grootboek_dekt(&[], d(2026, 12, 3), 36));
    }
}

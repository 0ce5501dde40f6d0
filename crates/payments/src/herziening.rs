//! A lower amount is a decision. When the bijstand of a month comes out
//! lower than the toekenning gave — because income was offset (a report by
//! the resident, a caseworker, or UWV's wage data when the gemeente offsets
//! it automatically) or because a processed change lowered the norm — the
//! specification of that month is the herziening of the toekenning
//! (art. 54, derde lid, Participatiewet). It states the ground, the income
//! used and where it comes from, the amount, and the bezwaar route, and the
//! resident sees it before the month is paid.
//!
//! Pure: the ledger's own computation ([`grootboek::maandrecht`]) on the
//! facts of the toekenning alone gives what was decided.

use crate::grootboek::{self, Feiten, Maandrecht};
use gbi_domain::{GemeenteCode, Maand, Money};
use gbi_rules::Regels;
use gbi_store::inkomsten::Inkomstenopgave;
use serde::Serialize;

/// The legal ground of a lower amount.
pub const GRONDSLAG: &str = "Participatiewet art. 54, derde lid (BWBR0015703)";

/// Why a month is lower than the toekenning gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Herziening {
    pub maand: Maand,
    /// The bijstand of the month on the facts of the toekenning.
    pub toegekend: Money,
    /// The bijstand of the month now.
    pub nu: Money,
    /// The ground, in plain Dutch.
    pub grond: String,
    /// The income used and where it comes from, when income is the ground.
    pub inkomen: Option<String>,
}

impl Herziening {
    /// How much lower than the toekenning.
    pub fn verschil(&self) -> Money {
        Money::from_cents(self.toegekend.cents() - self.nu.cents())
    }

    /// The whole herziening in plain Dutch, sentence by sentence, for the
    /// specification page and letter.
    pub fn zinnen(&self) -> Vec<String> {
        let mut z = vec![format!(
            "Dit is een besluit. Uw bijstand over {} is {} lager dan wij toekenden: {} in plaats van {}.",
            self.maand.dutch_name(),
            self.verschil(),
            self.nu,
            self.toegekend
        )];
        z.push(format!("De reden: {}", self.grond));
        if let Some(i) = &self.inkomen {
            z.push(i.clone());
        }
        z.push(format!(
            "Wij passen daarmee het besluit over uw bijstand aan ({GRONDSLAG})."
        ));
        z.push("Bent u het er niet mee eens? Dan kunt u bezwaar maken binnen zes weken na de dag waarop wij deze specificatie hebben verstuurd. Schrijf in uw bezwaar uw naam, adres, de datum, over welke maand het gaat en waarom u het er niet mee eens bent, en zet uw handtekening eronder. Hulp nodig? Bel ons.".to_owned());
        z
    }
}

/// Where an income figure comes from, in plain Dutch.
fn bron(o: &Inkomstenopgave) -> &'static str {
    match o.bron() {
        "UWV" => "volgens de loongegevens van UWV (polisadministratie)",
        "medewerker" => "zoals een medewerker het heeft vastgesteld",
        _ => "zoals u het hebt doorgegeven",
    }
}

/// The herziening of `maand`, when its bijstand (`nu`) is lower than the
/// toekenning's facts give for the same month; `None` otherwise, or when
/// the month on the toekenning's facts cannot be computed.
pub fn herziening(
    regels: &Regels,
    gemeente: GemeenteCode,
    feiten: &Feiten,
    opgaven: &[Inkomstenopgave],
    ingang: Maand,
    nu: &Maandrecht,
) -> Option<Herziening> {
    let maand = nu.maand;
    let basis = Feiten::alleen(feiten.basis.clone());
    let toegekend = grootboek::maandrecht(regels, gemeente, &basis, &[], ingang, maand).ok()?;
    let (t, n) = (
        toegekend.uitkomst.bijstand_cents,
        nu.uitkomst.bijstand_cents,
    );
    if n >= t {
        return None;
    }
    let opgave = grootboek::geldende_opgave(opgaven, maand);
    let meer_inkomen = nu.uitkomst.inkomen_cents > toegekend.uitkomst.inkomen_cents;
    let (grond, inkomen) = match opgave {
        Some(o) if meer_inkomen => (
            format!(
                "u had over {} meer inkomen dan bij de toekenning. Inkomen telt mee bij de bijstand (artikel 31 en 32 Participatiewet).",
                maand.dutch_name()
            ),
            Some(format!(
                "Wij gingen uit van {} loon en {} ander inkomen, {}. Daarvan telt {} mee.",
                o.arbeid,
                o.overig,
                bron(o),
                Money::from_cents(nu.uitkomst.inkomen_cents)
            )),
        ),
        _ if feiten.voor(maand) != &feiten.basis => (
            "uw situatie is veranderd. Wij hebben de wijziging verwerkt; daardoor is uw norm of uw inkomen anders.".to_owned(),
            None,
        ),
        _ => (
            "uw situatie is anders dan bij de toekenning, bijvoorbeeld door een verjaardag of een wijziging in uw huishouden.".to_owned(),
            None,
        ),
    };
    Some(Herziening {
        maand,
        toegekend: Money::from_cents(t),
        nu: Money::from_cents(n),
        grond,
        inkomen,
    })
}

/// Whether a person must review `maand` before it is paid: its income came
/// automatically from UWV (no person reported or confirmed it) and it is
/// more than the gemeente's `herziening_beoordelen_vanaf` lower than the
/// toekenning gave. `Some` holds the task text for the caseworker; a
/// caseworker's own report for the month (Inkomsten) is that review, after
/// which the next betaalrun pays.
pub fn eerst_beoordelen(
    regels: &Regels,
    gemeente: GemeenteCode,
    feiten: &Feiten,
    opgaven: &[Inkomstenopgave],
    ingang: Maand,
    maand: Maand,
) -> Result<Option<String>, gbi_rules::RekenFout> {
    let Some(opgave) = grootboek::geldende_opgave(opgaven, maand) else {
        return Ok(None);
    };
    if !opgave.van_uwv() {
        return Ok(None);
    }
    let nu = grootboek::maandrecht(regels, gemeente, feiten, opgaven, ingang, maand)?;
    let Some(h) = herziening(regels, gemeente, feiten, opgaven, ingang, &nu) else {
        return Ok(None);
    };
    let grens = regels
        .parameters
        .herziening_beoordelen_vanaf(gemeente, maand.first_day())?;
    if h.verschil().cents() <= grens {
        return Ok(None);
    }
    Ok(Some(format!(
        "De bijstand over {} is {} lager dan toegekend door loon dat UWV doorgaf ({} loon). Dat is meer dan de grens van de gemeente ({} per maand): beoordeel het verschil eerst ({GRONDSLAG}). Klopt het loon, leg het dan vast als opgave van een medewerker bij Inkomsten; de volgende betaalrun betaalt de maand dan.",
        maand.dutch_name(),
        h.verschil(),
        opgave.arbeid,
        Money::from_cents(grens)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gbi_rules::Huishouden;

    fn alleenstaande() -> Huishouden {
        serde_json::from_value(serde_json::json!({"aanvrager": {"geboortedatum": "1985-03-01"}}))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn opgave(door: &str, arbeid: i64) -> Inkomstenopgave {
        Inkomstenopgave {
            id: "o".into(),
            uitkering_id: "u".into(),
            maand: m("2026-08"),
            arbeid: Money::from_cents(arbeid),
            overig: Money::ZERO,
            document_id: None,
            door: door.into(),
            created_at: "2026-08-20".into(),
        }
    }

    fn m(s: &str) -> Maand {
        Maand::parse(s).unwrap_or_else(|e| panic!("{}", e.message))
    }

    fn gemeente() -> GemeenteCode {
        GemeenteCode::parse("0392").unwrap_or_else(|e| panic!("{}", e.message))
    }

    #[test]
    fn uwv_wages_that_lower_a_month_make_a_herziening_with_ground_and_source() {
        let regels = Regels::ingebouwd().unwrap_or_else(|e| panic!("{e}"));
        let feiten = Feiten::alleen(alleenstaande());
        let opgaven = [opgave(gbi_store::inkomsten::DOOR_UWV, 40_000)];
        let (ingang, maand) = (m("2026-07"), m("2026-08"));
        let nu = grootboek::maandrecht(&regels, gemeente(), &feiten, &opgaven, ingang, maand)
            .unwrap_or_else(|e| panic!("{e}"));
        let h = herziening(&regels, gemeente(), &feiten, &opgaven, ingang, &nu)
            .unwrap_or_else(|| panic!("a lower month is a herziening"));
        // € 1.419,46 toegekend; € 400 loon, 25% vrij (€ 100): € 300 telt mee.
        assert_eq!(h.toegekend, Money::from_cents(141_946));
        assert_eq!(h.nu, Money::from_cents(111_946));
        let tekst = h.zinnen().join(" ");
        assert!(tekst.contains("UWV (polisadministratie)"), "{tekst}");
        assert!(tekst.contains("art. 54, derde lid"), "{tekst}");
        assert!(tekst.contains("bezwaar maken binnen zes weken"), "{tekst}");
        assert!(tekst.contains("€ 300,00"), "{tekst}");
    }

    #[test]
    fn a_large_drop_from_uwv_wages_waits_for_a_person_a_small_one_does_not() {
        let regels = Regels::ingebouwd().unwrap_or_else(|e| panic!("{e}"));
        let feiten = Feiten::alleen(alleenstaande());
        let (ingang, maand) = (m("2026-07"), m("2026-08"));
        // Haarlem (demo) reviews drops above € 250: € 400 wages lower the
        // month by € 300, € 200 wages by € 150.
        let groot = [opgave(gbi_store::inkomsten::DOOR_UWV, 40_000)];
        let taak = eerst_beoordelen(&regels, gemeente(), &feiten, &groot, ingang, maand)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(taak.is_some_and(|t| t.contains("€ 300,00") && t.contains("€ 250,00")));
        let klein = [opgave(gbi_store::inkomsten::DOOR_UWV, 20_000)];
        let geen = eerst_beoordelen(&regels, gemeente(), &feiten, &klein, ingang, maand)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(geen, None);
        // A caseworker's report for the month is the review.
        let bevestigd = [opgave("medewerker:haarlem.consulent", 40_000)];
        let na = eerst_beoordelen(&regels, gemeente(), &feiten, &bevestigd, ingang, maand)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(na, None);
    }

    #[test]
    fn a_month_as_decided_or_higher_is_no_herziening() {
        let regels = Regels::ingebouwd().unwrap_or_else(|e| panic!("{e}"));
        let feiten = Feiten::alleen(alleenstaande());
        let (ingang, maand) = (m("2026-07"), m("2026-08"));
        let nu = grootboek::maandrecht(&regels, gemeente(), &feiten, &[], ingang, maand)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(herziening(&regels, gemeente(), &feiten, &[], ingang, &nu).is_none());
    }
}

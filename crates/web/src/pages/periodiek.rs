//! Periodic bijzondere bijstand on the zaak pages: the werkplek proposal
//! "per maand" (amount per month, ingangsdatum, einddatum, motivering) for
//! a kostensoort the gemeente's policy marks as periodic, and the running
//! benefit as the resident and the medewerker read it ("€ 140,00 per maand
//! van 1 januari 2027 tot en met 30 juni 2027").

use crate::AppState;
use crate::auth::Staff;
use crate::error::PageError;
use gbi_domain::Money;
use gbi_domain::date::{dutch_date, parse_datum_nl};
use gbi_store::zaken::Zaak;
use gbi_store::{Db, Scope, StoreError};
use gbi_zaken::behandeling::Voorstel;
use gbi_zaken::eenmalig::Begunstigde;
use gbi_zaken::periodiek::Periodiek;
use gbi_zaken::regeling::Regeling;
use gbi_zaken::voorstel::Ongeldig;

fn ongeldig(veld: &'static str, melding: impl Into<String>) -> Ongeldig {
    Ongeldig {
        veld,
        melding: melding.into(),
    }
}

fn veld(form: &[(String, String)], naam: &str) -> String {
    form.iter()
        .find(|(k, v)| k == naam && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

/// The proposal form offers "per maand": the regeling may grant so and the
/// gemeente's policy on the application date marks the application's
/// kostensoort as periodic.
pub fn mag(state: &AppState, zaak: &Zaak, regeling: &dyn Regeling) -> bool {
    let (Some(regels), true) = (state.regels.as_deref(), regeling.periodiek_mag()) else {
        return false;
    };
    let (Ok(gemeente), Ok(datum)) = (
        gbi_domain::GemeenteCode::parse(&zaak.gemeente_code),
        gbi_domain::date::parse_date(zaak.registratiedatum.get(..10).unwrap_or("")),
    ) else {
        return false;
    };
    let aanvraag = zaak.aanvraag.as_object().cloned().unwrap_or_default();
    gbi_zaken::aanvraag::Keuzes::van(regels, gemeente, datum)
        .kostensoort(gbi_zaken::aanvraag::antwoord(&aanvraag, "kostensoort"))
        .is_some_and(|k| k.periodiek)
}

/// Whom the application says to pay (the resident or the third party it
/// names), as a proposal needs it.
pub async fn begunstigde(
    state: &AppState,
    staff: &Staff,
    zaak: &Zaak,
) -> Result<Result<Begunstigde, Ongeldig>, PageError> {
    let aanvrager = gbi_store::zaken::rollen(&state.db, &staff.scope(), &zaak.id)
        .await?
        .into_iter()
        .find(|r| r.roltype == "aanvrager")
        .map(|r| r.naam)
        .unwrap_or_default();
    let aanvraag = zaak.aanvraag.as_object().cloned().unwrap_or_default();
    Ok(gbi_zaken::eenmalig::begunstigde(&aanvraag, &aanvrager))
}

/// Read the proposal "per maand"; wrong input names its field in Dutch.
pub async fn voorstel_uit(
    state: &AppState,
    staff: &Staff,
    zaak: &Zaak,
    form: &[(String, String)],
) -> Result<Result<Voorstel, Ongeldig>, PageError> {
    let bedrag = Money::parse_euros(&veld(form, "bedrag_per_maand")).map_err(|e| {
        ongeldig(
            "bedrag_per_maand",
            format!("Bedrag per maand: {}", e.message),
        )
    });
    let datum = |naam: &'static str, label: &str| {
        parse_datum_nl(&veld(form, naam))
            .map_err(|e| ongeldig(naam, format!("{label}: {}", e.message)))
    };
    let (bedrag_per_maand, ingangsdatum, einddatum) = match (
        bedrag,
        datum("ingangsdatum", "Ingangsdatum"),
        datum("einddatum", "Einddatum"),
    ) {
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return Ok(Err(e)),
        (Ok(b), Ok(i), Ok(e)) => (b, i, e),
    };
    Ok(begunstigde(state, staff, zaak).await?.map(|begunstigde| {
        Voorstel::Periodiek(Periodiek {
            bedrag_per_maand,
            ingangsdatum,
            einddatum,
            begunstigde,
            motivering: veld(form, "motivering"),
        })
    }))
}

/// A periodic bijzondere bijstand, as the zaak pages show it.
pub struct Regel {
    /// "€ 140,00 per maand van 1 januari 2027 tot en met 30 juni 2027".
    pub bedrag: String,
    /// Who receives it: the resident or the bewindvoerder.
    pub naam: String,
}

/// "van … tot en met …".
pub fn periode(van: &str, tot: &str) -> String {
    let d = |s: &str| gbi_domain::date::parse_date(s).map_or_else(|_| s.to_owned(), dutch_date);
    format!("van {} tot en met {}", d(van), d(tot))
}

/// The running benefit of a zaak, read by a page that has read the zaak
/// through a logged path: whether it is bijstand (with its own page of
/// specifications and income), and the periodic bijzondere bijstand when
/// that is what it is.
pub async fn van_zaak(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
) -> Result<(bool, Option<Regel>), StoreError> {
    let Some(u) = gbi_store::uitkeringen::voor_zaak(db, scope, zaak_id).await? else {
        return Ok((false, None));
    };
    let bijstand =
        gbi_zaken::regeling::voor_code(&u.regeling).is_none_or(|r| r.uitkering().is_some());
    if bijstand {
        return Ok((true, None));
    }
    let tot = u.einddatum.clone().unwrap_or_default();
    Ok((
        false,
        Some(Regel {
            bedrag: format!(
                "{} per maand {}",
                u.bedrag_per_maand,
                periode(&u.ingangsdatum, &tot)
            ),
            naam: u.begunstigde_naam.unwrap_or_default(),
        }),
    ))
}

/// The decision on the resident's zaak page: the amount per month, the
/// period, whom we pay, and that it is a gift.
pub fn uitkomst(p: &Periodiek, naam: &str) -> super::portaal_zaak::Uitkomst {
    super::portaal_zaak::Uitkomst {
        kop: format!("U krijgt {naam}"),
        bedrag: Some(p.bedrag_per_maand.to_string()),
        per_maand: true,
        ingang: None,
        periode: Some(p.periode()),
        eerste_betaling: None,
        redenen: Vec::new(),
        toelichting: vec![
            if p.begunstigde.derde {
                format!(
                    "Wij betalen elke maand rechtstreeks aan {}. U hoeft de kosten niet zelf te betalen.",
                    p.begunstigde.naam.trim().trim_end_matches('.')
                )
            } else {
                format!(
                    "Wij betalen elke maand op uw rekening {}.",
                    p.begunstigde.iban.formatted()
                )
            },
            "U krijgt dit geld als gift. U hoeft het niet terug te betalen.".to_owned(),
        ],
    }
}

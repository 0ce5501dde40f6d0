//! A resident reports the income of a month in the portal, with a payslip
//! (art. 17 Pw). Wrong input brings the benefit page back with the message
//! at the field and the amounts kept.

use super::invoer::Invoer;
use super::uitkering::{Bewaard, eigen_uitkering, portaal_pagina};
use crate::AppState;
use crate::auth::PortalResident;
use crate::error::PageError;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Maand, Money, today_amsterdam};
use gbi_store::inkomsten::{self, Bewijs};
use gbi_store::uitkeringen::Uitkering;

/// A resident reports the income of a month, with a payslip. Wrong input
/// brings the page back with the message at the field and the amounts kept.
pub async fn inkomsten_opgeven(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Path(zaak_id): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let u = eigen_uitkering(&state, &r, &zaak_id).await?;
    let (mut maand, mut arbeid, mut overig) = (String::new(), String::new(), String::new());
    let mut bestand = super::bestand::Gelezen::Leeg;
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("maand") => maand = field.text().await.unwrap_or_default(),
            Some("arbeid") => arbeid = field.text().await.unwrap_or_default(),
            Some("overig") => overig = field.text().await.unwrap_or_default(),
            Some("loonstrook") => bestand = super::bestand::lees(field, "loonstrook").await,
            _ => {}
        }
    }
    let waarden = vec![
        ("maand".to_owned(), maand.clone()),
        ("arbeid".to_owned(), arbeid.clone()),
        ("overig".to_owned(), overig.clone()),
    ];
    match opgave_lezen(&u, &maand, &arbeid, &overig, &bestand) {
        Ok((maand, arbeid, overig, bewijs)) => {
            inkomsten::opgeven(&state.db, &r.scope(), &u, maand, arbeid, overig, bewijs).await?;
            super::wijzigingen::signaleren(&state, &r.scope(), &zaak_id, "inkomsten").await;
            Ok(
                Redirect::to(&format!("/portaal/zaken/{zaak_id}/uitkering?bewaard=1"))
                    .into_response(),
            )
        }
        Err((veld, mut melding)) => {
            // A browser cannot fill in a file again.
            if veld != "loonstrook" && matches!(bestand, super::bestand::Gelezen::Bestand { .. }) {
                melding.push_str(" Kies daarna uw loonstrook opnieuw.");
            }
            let invoer = Invoer::geweigerd("inkomsten", veld, melding, waarden, &[]);
            let html = portaal_pagina(&state, r, zaak_id, Bewaard::default(), invoer).await?;
            Ok((StatusCode::BAD_REQUEST, html).into_response())
        }
    }
}

type Opgave<'a> = (Maand, Money, Money, Option<Bewijs<'a>>);

/// Check what the resident reported; a refusal names the field.
fn opgave_lezen<'a>(
    u: &Uitkering,
    maand: &str,
    arbeid: &str,
    overig: &str,
    bestand: &'a super::bestand::Gelezen,
) -> Result<Opgave<'a>, (&'static str, String)> {
    let fout = |veld: &'static str, m: &str| (veld, m.to_owned());
    let maand = Maand::parse(maand.trim()).map_err(|e| fout("maand", &e.message))?;
    if maand > Maand::of(today_amsterdam()) {
        return Err(fout(
            "maand",
            "Die maand is nog niet begonnen. Geef inkomsten door als u ze heeft gekregen.",
        ));
    }
    let ingang = gbi_domain::date::parse_date(&u.ingangsdatum)
        .map(Maand::of)
        .unwrap_or(maand);
    if maand < ingang {
        return Err(fout(
            "maand",
            "Uw uitkering liep toen nog niet. Kies een maand vanaf de ingangsdatum.",
        ));
    }
    let bedrag =
        |veld: &'static str, naam: &str, s: &str| -> Result<Money, (&'static str, String)> {
            if s.trim().is_empty() {
                return Ok(Money::ZERO);
            }
            let m = Money::parse_euros(s).map_err(|e| (veld, format!("{naam}: {}", e.message)))?;
            if m.is_negative() {
                Err((veld, format!("{naam}: een bedrag kan niet negatief zijn.")))
            } else {
                Ok(m)
            }
        };
    let arbeid = bedrag("arbeid", "Loon", arbeid)?;
    let overig = bedrag("overig", "Ander geld", overig)?;
    let bewijs = match bestand {
        super::bestand::Gelezen::TeGroot => {
            return Err(fout("loonstrook", super::bestand::TE_GROOT));
        }
        super::bestand::Gelezen::Bestand { naam, inhoud } => {
            let mime = super::bestand::sniff(inhoud).ok_or_else(|| {
                fout(
                    "loonstrook",
                    "Dit soort bestand kunnen wij niet openen. Stuur een PDF, JPG of PNG.",
                )
            })?;
            Some(Bewijs {
                bestandsnaam: naam,
                mime,
                inhoud,
            })
        }
        super::bestand::Gelezen::Leeg if arbeid.cents() > 0 => {
            return Err(fout("loonstrook", "Stuur uw loonstrook mee."));
        }
        super::bestand::Gelezen::Leeg => None,
    };
    Ok((maand, arbeid, overig, bewijs))
}

//! The letter of a month that is lower than the toekenning gave: the month's
//! specification, which is the herziening (art. 54-3 Participatiewet) with
//! its ground, the income used and its source, the amount and the bezwaar
//! route. Made once per month in the background when the betaalrun finds
//! the month lower; stored as a document of the zaak and, without the
//! resident's consent to electronic delivery (Awb 2:14), posted.

use crate::werk::GemaakteBrief;
use gbi_domain::{Maand, Money};
use gbi_letters::{Huisstijl, Regel, Specificatie};
use gbi_payments::grootboek::{self, Periode};
use gbi_payments::herziening;
use gbi_rules::{Huishouden, Regels};
use gbi_store::{Db, Scope, uitkeringen, zaken};

/// The amounts of a month as the specification lists them.
pub fn bedragen(recht: &grootboek::Maandrecht, verschuldigd: Money) -> Vec<(String, String)> {
    let geld = |c: i64| Money::from_cents(c).to_string();
    let u = &recht.uitkomst;
    vec![
        ("Uw norm".into(), geld(u.norm_cents)),
        (
            "Uw inkomsten".into(),
            geld(recht.arbeid.cents() + recht.overig.cents()),
        ),
        (
            "Mag u houden (vrijlating)".into(),
            recht.vrijgelaten.to_string(),
        ),
        ("Telt mee".into(), geld(u.inkomen_cents)),
        ("Bijstand".into(), geld(u.bijstand_cents)),
        (
            "Vakantiegeld gespaard".into(),
            geld(u.vakantietoeslag_cents),
        ),
        ("Wij moeten betalen".into(), verschuldigd.to_string()),
    ]
}

/// Make the herziening letter of `maand` for the benefit of `zaak_id`.
pub async fn maak(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    huisstijl: &Huisstijl,
    zaak_id: &str,
    maand: Maand,
) -> Result<GemaakteBrief, String> {
    let zaak = zaken::get(db, scope, zaak_id, "herziening maken")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("de zaak bestaat niet")?;
    let u = uitkeringen::voor_zaak(db, scope, zaak_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("de zaak heeft geen uitkering")?;
    let basis: Huishouden = u
        .huishouden
        .clone()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| format!("de feiten van het huishouden zijn niet te lezen ({e})"))?
        .ok_or("de uitkering heeft een vast bedrag")?;
    let feiten = crate::betaalrun::feiten_van(db, scope, &u.id, basis).await?;
    let opgaven = gbi_store::inkomsten::van_uitkering(db, scope, &u.id)
        .await
        .map_err(|e| e.to_string())?;
    let datum = |s: &str| gbi_domain::date::parse_date(s).map_err(|e| e.message);
    let periode = Periode {
        ingangsdatum: datum(&u.ingangsdatum)?,
        einddatum: u.einddatum.as_deref().map(datum).transpose()?,
    };
    let recht = grootboek::maandrecht(
        regels,
        scope.gemeente,
        &feiten,
        &opgaven,
        periode.ingang(),
        maand,
    )
    .map_err(|e| e.voor_medewerker())?;
    let h = herziening::herziening(
        regels,
        scope.gemeente,
        &feiten,
        &opgaven,
        periode.ingang(),
        &recht,
    )
    .ok_or("deze maand is niet lager dan toegekend (meer niet)")?;
    let verschuldigd =
        grootboek::verschuldigd(regels, scope.gemeente, &feiten, &opgaven, periode, maand)
            .map_err(|e| e.voor_medewerker())?;
    // Name and address as the BRP gave them for the zaak: a posted letter
    // needs the address.
    let (ontvanger_naam, ontvanger_adres) =
        crate::afhandeling::ontvanger(db, scope, zaak_id, &zaak.bsn, "herziening maken").await?;
    let s = Specificatie {
        kenmerk: zaak.identificatie.clone(),
        datum: gbi_domain::today_amsterdam(),
        ontvanger_naam: ontvanger_naam.clone(),
        ontvanger_adres,
        maand: maand.dutch_name(),
        bedragen: bedragen(&recht, verschuldigd),
        uitleg: recht
            .uitleg
            .iter()
            .map(|r| Regel {
                tekst: r.b1.clone(),
                verwijzing: r.verwijzing.clone(),
            })
            .collect(),
        verschil: None,
        bruto_toelichting: None,
        herziening: h.zinnen(),
        eenmalig: Vec::new(),
        verrekeningen: Vec::new(),
    };
    let pdf = gbi_letters::specificatie_pdf(huisstijl, &s).map_err(|e| e.to_string())?;
    Ok(GemaakteBrief {
        bestandsnaam: format!("herziening-{maand}-{}.pdf", zaak.identificatie),
        informatieobjecttype: "herziening",
        pdf,
        ontvanger_naam,
        per_post: false,
    })
}

//! The letters of the interventieladder and the aflossing of a claim that
//! is not offset: the dwangbevel (Awb 4:114, 4:122; always by post, art.
//! 60, vijfde lid, Participatiewet), the confirmation of a betalingsregeling
//! with its beslagvrije voet (Rv 475i), and for a derdenbeslag the notice to
//! the third party (Rv 479g), the debtor's notice of the beslagvrije voet and,
//! when it ends, the opheffing. Each is made for the latest object of the
//! zaak that has no letter yet, like the other letters of
//! [`super::brief`].

use super::brief::bvv_bestand;
use crate::werk::GemaakteBrief;
use gbi_letters::{Huisstijl, Regel};
use gbi_rules::invordering::BvvInvoer;
use gbi_store::aflossingen::{self, Aflossing, Wijze};
use gbi_store::vorderingen::Vordering;
use gbi_store::{Db, Scope, invordering};

const OP: &str = "brief invordering maken";

fn kort(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// The file name of the dwangbevel of claim `id`.
pub fn dwangbevel_bestand(zaak: &str, id: &str) -> String {
    format!("dwangbevel-{zaak}-{}.pdf", kort(id))
}

/// The file name of the confirmation of betalingsregeling `id`.
pub fn betalingsregeling_bestand(zaak: &str, id: &str) -> String {
    format!("betalingsregeling-{zaak}-{}.pdf", kort(id))
}

/// The file name of the notice of derdenbeslag `id` to the third party.
pub fn derdenbeslag_bestand(zaak: &str, id: &str) -> String {
    format!("derdenbeslag-{zaak}-{}.pdf", kort(id))
}

/// The file name of the opheffing of derdenbeslag `id`.
pub fn opheffing_bestand(zaak: &str, id: &str) -> String {
    format!("opheffing-derdenbeslag-{zaak}-{}.pdf", kort(id))
}

/// Everything the letters need to know about the zaak.
pub struct Context<'a> {
    pub db: &'a Db,
    pub scope: &'a Scope,
    pub regels: Option<&'a gbi_rules::Regels>,
    pub huisstijl: &'a Huisstijl,
    pub zaak: &'a gbi_store::zaken::Zaak,
    pub bestaand: &'a [String],
    pub ontvanger: (String, Vec<String>),
    pub iban_gemeente: String,
}

fn datum(d: Option<&str>) -> chrono::NaiveDate {
    d.and_then(|d| gbi_domain::date::parse_date(d).ok())
        .unwrap_or_else(gbi_domain::today_amsterdam)
}

fn kenmerk(v: &Vordering, zaak: &gbi_store::zaken::Zaak) -> String {
    v.betalingskenmerk
        .clone()
        .unwrap_or_else(|| zaak.identificatie.clone())
}

/// The claims of the zaak (read logged).
async fn vorderingen(c: &Context<'_>) -> Result<Vec<Vordering>, String> {
    Ok(invordering::dossiers(c.db, c.scope, &c.zaak.bsn, OP)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|d| d.vordering)
        .filter(|v| v.zaak_id == c.zaak.id)
        .collect())
}

/// The aflossingen of the zaak's claims, newest last, with their claim.
async fn aflossingen_van_zaak(c: &Context<'_>) -> Result<Vec<(Aflossing, Vordering)>, String> {
    let mut uit = Vec::new();
    for v in vorderingen(c).await? {
        for a in aflossingen::van_vordering(c.db, c.scope, &v.id, OP)
            .await
            .map_err(|e| e.to_string())?
        {
            uit.push((a, v.clone()));
        }
    }
    uit.sort_by(|a, b| a.0.created_at.cmp(&b.0.created_at));
    Ok(uit)
}

/// The beslagvrije voet of an aflossing again, with its steps, from the
/// facts that were stored (the law is dated: the same date gives the same
/// result).
fn bvv_van(
    c: &Context<'_>,
    a: &Aflossing,
) -> Result<(BvvInvoer, gbi_rules::invordering::Bvv), String> {
    let regels = c
        .regels
        .ok_or("de regels zijn niet geladen: de beslagvrije voet kan niet worden berekend")?;
    let invoer: BvvInvoer = serde_json::from_str(&a.invoer)
        .map_err(|e| format!("de gegevens van de beslagvrije voet zijn niet te lezen ({e})"))?;
    let b = regels
        .beslagvrije_voet(datum(Some(&a.eerste_termijn)), &invoer)
        .map_err(|e| e.voor_medewerker())?;
    Ok((invoer, b))
}

fn berekening(b: &gbi_rules::invordering::Bvv) -> Vec<Regel> {
    b.stappen
        .iter()
        .map(|s| Regel {
            tekst: s.b1.clone(),
            verwijzing: s.verwijzing.clone(),
        })
        .collect()
}

fn pdf_brief(
    bestandsnaam: String,
    pdf: Result<Vec<u8>, gbi_letters::BriefFout>,
    ontvanger_naam: String,
    per_post: bool,
) -> Result<GemaakteBrief, String> {
    Ok(GemaakteBrief {
        bestandsnaam,
        informatieobjecttype: "brief",
        pdf: pdf.map_err(|e| e.to_string())?,
        ontvanger_naam,
        per_post,
    })
}

/// The dwangbevel of the claim on the zaak that has one and no letter yet.
pub async fn dwangbevel(c: Context<'_>) -> Result<GemaakteBrief, String> {
    let v = vorderingen(&c)
        .await?
        .into_iter()
        .rev()
        .find(|v| {
            v.dwangbevel_op.is_some()
                && !c
                    .bestaand
                    .contains(&dwangbevel_bestand(&c.zaak.identificatie, &v.id))
        })
        .ok_or("er is geen dwangbevel zonder brief")?;
    let d = gbi_letters::Dwangbevel {
        kenmerk: kenmerk(&v, c.zaak),
        datum: datum(v.dwangbevel_op.as_deref()),
        ontvanger_naam: c.ontvanger.0.clone(),
        ontvanger_adres: c.ontvanger.1.clone(),
        grondslag: v.grondslag.clone(),
        besluit_datum: gbi_domain::date::parse_date(&v.ingangsdatum).ok(),
        aanmaning_datum: datum(v.aanmaning_op.as_deref()),
        openstaand_cents: v.open_bedrag.cents(),
        kosten_cents: 0,
        iban_gemeente: c.iban_gemeente.clone(),
        betalingskenmerk: v.betalingskenmerk.clone().unwrap_or_default(),
        betalen_binnen_dagen: 2,
    };
    pdf_brief(
        dwangbevel_bestand(&c.zaak.identificatie, &v.id),
        gbi_letters::dwangbevel_pdf(c.huisstijl, &d),
        c.ontvanger.0,
        true,
    )
}

/// The confirmation of the latest betalingsregeling without a letter.
pub async fn betalingsregeling(c: Context<'_>) -> Result<GemaakteBrief, String> {
    let (a, v) = aflossingen_van_zaak(&c)
        .await?
        .into_iter()
        .rev()
        .find(|(a, _)| {
            a.wijze == Wijze::Betalingsregeling
                && !c
                    .bestaand
                    .contains(&betalingsregeling_bestand(&c.zaak.identificatie, &a.id))
        })
        .ok_or("er is geen betalingsregeling zonder brief")?;
    let (invoer, b) = bvv_van(&c, &a)?;
    let per_maand = a.bedrag_per_maand.cents().max(1);
    let open = v.open_bedrag.cents();
    let vandaag = gbi_domain::today_amsterdam();
    let r = gbi_letters::Betalingsregeling {
        kenmerk: kenmerk(&v, c.zaak),
        datum: vandaag,
        ontvanger_naam: c.ontvanger.0.clone(),
        ontvanger_adres: c.ontvanger.1.clone(),
        openstaand_cents: open,
        per_maand_cents: a.bedrag_per_maand.cents(),
        eerste_termijn: datum(Some(&a.eerste_termijn)),
        aantal_termijnen: u32::try_from((open + per_maand - 1) / per_maand).unwrap_or(u32::MAX),
        iban_gemeente: c.iban_gemeente.clone(),
        betalingskenmerk: v.betalingskenmerk.clone().unwrap_or_default(),
        beslagvrije_voet_cents: b.beslagvrije_voet.cents(),
        afloscapaciteit_cents: b.afloscapaciteit.cents(),
        gegevens: super::aflossing::gegevens(&invoer),
        berekening: berekening(&b),
        reageren_voor: vandaag + chrono::Duration::weeks(4),
    };
    pdf_brief(
        betalingsregeling_bestand(&c.zaak.identificatie, &a.id),
        gbi_letters::betalingsregeling_pdf(c.huisstijl, &r),
        c.ontvanger.0,
        false,
    )
}

/// The notice to the third party of the latest derdenbeslag without one,
/// else the opheffing of the latest ended derdenbeslag without one. Always
/// by post: the addressee is not the resident.
pub async fn derdenbeslag(c: Context<'_>) -> Result<GemaakteBrief, String> {
    let alle = aflossingen_van_zaak(&c).await?;
    let zaak = &c.zaak.identificatie;
    let leggen = alle.iter().rev().find(|(a, _)| {
        a.wijze == Wijze::Derdenbeslag && !c.bestaand.contains(&derdenbeslag_bestand(zaak, &a.id))
    });
    let (a, v, opheffing) = match leggen {
        Some((a, v)) => (a, v, false),
        None => alle
            .iter()
            .rev()
            .find(|(a, _)| {
                a.wijze == Wijze::Derdenbeslag
                    && a.beeindigd_op.is_some()
                    && !c.bestaand.contains(&opheffing_bestand(zaak, &a.id))
            })
            .map(|(a, v)| (a, v, true))
            .ok_or("er is geen derdenbeslag zonder brief")?,
    };
    let derde = a.derde.clone().unwrap_or_default();
    let d = gbi_letters::Derdenbeslag {
        kenmerk: kenmerk(v, c.zaak),
        datum: gbi_domain::today_amsterdam(),
        derde_naam: derde.clone(),
        derde_adres: a.derde_adres.clone(),
        schuldenaar_naam: c.ontvanger.0.clone(),
        schuldenaar_geboortedatum: None,
        schuldenaar_bsn: Some(a.bsn.as_str().to_owned()),
        openstaand_cents: v.open_bedrag.cents(),
        per_maand_cents: a.bedrag_per_maand.cents(),
        beslagvrije_voet_cents: a.beslagvrije_voet.cents(),
        ingang: datum(if opheffing {
            a.beeindigd_op.as_deref()
        } else {
            Some(&a.eerste_termijn)
        }),
        iban_gemeente: c.iban_gemeente.clone(),
        betalingskenmerk: v.betalingskenmerk.clone().unwrap_or_default(),
        opheffing,
    };
    let naam = if opheffing {
        opheffing_bestand(zaak, &a.id)
    } else {
        derdenbeslag_bestand(zaak, &a.id)
    };
    pdf_brief(
        naam,
        gbi_letters::derdenbeslag_pdf(c.huisstijl, &d),
        derde,
        true,
    )
}

/// The debtor's notice of the beslagvrije voet of the latest derdenbeslag
/// without one (Rv 475i); `None` when every derdenbeslag has its notice.
pub async fn bvv_bij_beslag(c: &Context<'_>) -> Result<Option<GemaakteBrief>, String> {
    let Some((a, v)) = aflossingen_van_zaak(c)
        .await?
        .into_iter()
        .rev()
        .find(|(a, _)| {
            a.wijze == Wijze::Derdenbeslag
                && !c
                    .bestaand
                    .contains(&bvv_bestand(&c.zaak.identificatie, &a.id))
        })
    else {
        return Ok(None);
    };
    let (invoer, b) = bvv_van(c, &a)?;
    let vandaag = gbi_domain::today_amsterdam();
    let m = gbi_letters::BvvMededeling {
        kenmerk: kenmerk(&v, c.zaak),
        datum: vandaag,
        ontvanger_naam: c.ontvanger.0.clone(),
        ontvanger_adres: c.ontvanger.1.clone(),
        beslagvrije_voet_cents: b.beslagvrije_voet.cents(),
        afloscapaciteit_cents: b.afloscapaciteit.cents(),
        per_maand_cents: a.bedrag_per_maand.cents(),
        gegevens: super::aflossing::gegevens(&invoer),
        berekening: berekening(&b),
        reageren_voor: vandaag + chrono::Duration::weeks(4),
    };
    pdf_brief(
        bvv_bestand(&c.zaak.identificatie, &a.id),
        gbi_letters::bvv_mededeling_pdf(c.huisstijl, &m),
        c.ontvanger.0.clone(),
        false,
    )
    .map(Some)
}

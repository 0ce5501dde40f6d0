//! The letters of terug- en invordering: the terugvorderingsbesluit of an
//! approved terugvordering, and the letter of an approved kwijtschelding.
//! Made in the background (`brief:terugvordering`, `brief:kwijtschelding`)
//! for the latest decision on the zaak that has no letter yet, filed as a
//! document of the benefit's zaak (and so in the resident's inbox), and
//! posted without consent to electronic delivery (Awb 2:14).

use crate::werk::GemaakteBrief;
use gbi_domain::Money;
use gbi_letters::{Beschikking, Besluit, Huisstijl, Regel, TerugvorderingMaand, Verrekenvoorstel};
use gbi_store::invordering::{self, MutatieSoort};
use gbi_store::terugvorderingen::{self, Status};
use gbi_store::{Db, Scope, documenten, zaken};

/// The file name of the terugvorderingsbesluit of terugvordering `id`.
pub fn terugvordering_bestand(zaak: &str, id: &str) -> String {
    format!(
        "terugvorderingsbesluit-{zaak}-{}.pdf",
        id.get(..8).unwrap_or(id)
    )
}

/// The file name of the letter of kwijtschelding `id`.
pub fn kwijtschelding_bestand(zaak: &str, id: &str) -> String {
    format!("kwijtschelding-{zaak}-{}.pdf", id.get(..8).unwrap_or(id))
}

/// The file name of the letter of boete decision `id`.
pub fn boete_bestand(zaak: &str, id: &str) -> String {
    format!("boete-{zaak}-{}.pdf", id.get(..8).unwrap_or(id))
}

/// The latest claim of the zaak for which `past` holds (read logged).
async fn laatste_vordering(
    db: &Db,
    scope: &Scope,
    zaak: &gbi_store::zaken::Zaak,
    past: impl Fn(&gbi_store::vorderingen::Vordering) -> bool,
) -> Result<Option<gbi_store::vorderingen::Vordering>, String> {
    Ok(
        invordering::dossiers(db, scope, &zaak.bsn, "brief invordering maken")
            .await
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|d| d.vordering)
            .rev()
            .find(|v| v.zaak_id == zaak.id && past(v)),
    )
}

/// The file name of the notice of the beslagvrije voet for claim `id`.
pub fn bvv_bestand(zaak: &str, id: &str) -> String {
    format!("beslagvrije-voet-{zaak}-{}.pdf", id.get(..8).unwrap_or(id))
}

/// The notice of the beslagvrije voet (Rv 475i): the data used and each
/// step, and four weeks to report other circumstances. For the latest
/// offset claim of the zaak without a notice.
async fn bvv_mededeling(
    db: &Db,
    scope: &Scope,
    regels: Option<&gbi_rules::Regels>,
    huisstijl: &Huisstijl,
    zaak: &gbi_store::zaken::Zaak,
    bestaand: &[String],
    ontvanger: (String, Vec<String>),
) -> Result<GemaakteBrief, String> {
    let regels = regels
        .ok_or("de regels zijn niet geladen: de beslagvrije voet kan niet worden berekend")?;
    let datum = gbi_domain::today_amsterdam();
    let vordering = laatste_vordering(db, scope, zaak, |v| {
        v.verrekenen && !bestaand.contains(&bvv_bestand(&zaak.identificatie, &v.id))
    })
    .await?
    .ok_or("er is geen verrekende vordering zonder mededeling")?;
    let u = gbi_store::uitkeringen::voor_zaak(db, scope, &zaak.id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("de zaak heeft geen uitkering")?;
    let maand = gbi_domain::Maand::of(datum).next();
    let v = super::verrekening::voor_uitkering(
        db,
        scope,
        regels,
        &u,
        maand,
        std::slice::from_ref(&vordering),
    )
    .await?;
    let m = gbi_letters::BvvMededeling {
        kenmerk: vordering
            .betalingskenmerk
            .clone()
            .unwrap_or_else(|| zaak.identificatie.clone()),
        datum,
        ontvanger_naam: ontvanger.0.clone(),
        ontvanger_adres: ontvanger.1,
        beslagvrije_voet_cents: v.beslagvrije_voet.cents(),
        afloscapaciteit_cents: v.afloscapaciteit.cents(),
        per_maand_cents: v.totaal().cents(),
        gegevens: v.gegevens.clone(),
        berekening: v
            .stappen
            .iter()
            .map(|s| Regel {
                tekst: s.b1.clone(),
                verwijzing: s.verwijzing.clone(),
            })
            .collect(),
        reageren_voor: datum + chrono::Duration::weeks(4),
    };
    let pdf = gbi_letters::bvv_mededeling_pdf(huisstijl, &m).map_err(|e| e.to_string())?;
    Ok(GemaakteBrief {
        bestandsnaam: bvv_bestand(&zaak.identificatie, &vordering.id),
        informatieobjecttype: "brief",
        pdf,
        ontvanger_naam: ontvanger.0,
        per_post: false,
    })
}

/// The file name of the aanmaning of claim `id`.
pub fn aanmaning_bestand(zaak: &str, id: &str) -> String {
    format!("aanmaning-{zaak}-{}.pdf", id.get(..8).unwrap_or(id))
}

/// The aanmaning (Awb 4:112) of the claim on the zaak that was reminded and
/// has no letter yet. No fee (Awb 4:113 is a power, and its amounts are not
/// set).
async fn aanmaning(
    db: &Db,
    scope: &Scope,
    huisstijl: &Huisstijl,
    zaak: &gbi_store::zaken::Zaak,
    bestaand: &[String],
    ontvanger: (String, Vec<String>),
    iban_gemeente: String,
) -> Result<GemaakteBrief, String> {
    let v = laatste_vordering(db, scope, zaak, |v| {
        v.aanmaning_op.is_some()
            && !bestaand.contains(&aanmaning_bestand(&zaak.identificatie, &v.id))
    })
    .await?
    .ok_or("er is geen aangemaande vordering zonder brief")?;
    let datum = |d: &Option<String>| {
        d.as_deref()
            .and_then(|d| gbi_domain::date::parse_date(d).ok())
            .unwrap_or_else(gbi_domain::today_amsterdam)
    };
    let a = gbi_letters::Aanmaning {
        kenmerk: v
            .betalingskenmerk
            .clone()
            .unwrap_or_else(|| zaak.identificatie.clone()),
        datum: datum(&v.aanmaning_op),
        ontvanger_naam: ontvanger.0.clone(),
        ontvanger_adres: ontvanger.1,
        openstaand_cents: v.open_bedrag.cents(),
        aanmaningskosten_cents: 0,
        betalen_voor: datum(&v.aanmaning_betalen_voor),
        iban_gemeente,
        betalingskenmerk: v.betalingskenmerk.clone().unwrap_or_default(),
    };
    let pdf = gbi_letters::aanmaning_pdf(huisstijl, &a).map_err(|e| e.to_string())?;
    Ok(GemaakteBrief {
        bestandsnaam: aanmaning_bestand(&zaak.identificatie, &v.id),
        informatieobjecttype: "brief",
        pdf,
        ontvanger_naam: ontvanger.0,
        per_post: false,
    })
}

/// Make letter `soort` (`terugvordering`, `kwijtschelding`) of the zaak.
pub async fn maak(
    db: &Db,
    scope: &Scope,
    regels: Option<&gbi_rules::Regels>,
    huisstijl: &Huisstijl,
    zaak_id: &str,
    soort: &str,
) -> Result<GemaakteBrief, String> {
    let zaak = zaken::get(db, scope, zaak_id, "brief invordering maken")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("de zaak bestaat niet")?;
    let bestaand: Vec<String> = documenten::list(db, scope, None, Some(zaak_id))
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|d| d.bestandsnaam)
        .collect();
    let (ontvanger_naam, ontvanger_adres) =
        crate::afhandeling::ontvanger(db, scope, zaak_id, &zaak.bsn, "brief invordering maken")
            .await?;
    let rekening = gbi_store::betalingen::rekening(db, scope)
        .await
        .map_err(|e| e.to_string())?;
    let iban_gemeente = rekening.map(|r| r.iban.formatted()).unwrap_or_default();
    let c = super::brief_ladder::Context {
        db,
        scope,
        regels,
        huisstijl,
        zaak: &zaak,
        bestaand: &bestaand,
        ontvanger: (ontvanger_naam.clone(), ontvanger_adres.clone()),
        iban_gemeente: iban_gemeente.clone(),
    };
    match soort {
        "dwangbevel" => return super::brief_ladder::dwangbevel(c).await,
        "betalingsregeling" => return super::brief_ladder::betalingsregeling(c).await,
        "derdenbeslag" => return super::brief_ladder::derdenbeslag(c).await,
        "beslagvrije_voet" => {
            if let Some(b) = super::brief_ladder::bvv_bij_beslag(&c).await? {
                return Ok(b);
            }
        }
        _ => {}
    }
    if soort == "beslagvrije_voet" {
        return bvv_mededeling(
            db,
            scope,
            regels,
            huisstijl,
            &zaak,
            &bestaand,
            (ontvanger_naam, ontvanger_adres),
        )
        .await;
    }
    if soort == "aanmaning" {
        return aanmaning(
            db,
            scope,
            huisstijl,
            &zaak,
            &bestaand,
            (ontvanger_naam, ontvanger_adres),
            iban_gemeente,
        )
        .await;
    }
    let datum = gbi_domain::today_amsterdam();
    let (bestandsnaam, besluit, berekening, grondslagen) = match soort {
        "terugvordering" => {
            let t = terugvorderingen::voor_zaak(db, scope, zaak_id, "brief invordering maken")
                .await
                .map_err(|e| e.to_string())?
                .into_iter()
                .rev()
                .find(|t| {
                    t.status == Status::Besloten
                        && !bestaand.contains(&terugvordering_bestand(&zaak.identificatie, &t.id))
                })
                .ok_or("er is geen besloten terugvordering zonder brief")?;
            let grond = t
                .grond
                .as_deref()
                .and_then(super::terugvordering::Grond::parse)
                .ok_or("de terugvordering heeft geen grond")?;
            let vordering = invordering::dossiers(db, scope, &zaak.bsn, "brief invordering maken")
                .await
                .map_err(|e| e.to_string())?
                .into_iter()
                .find(|d| d.vordering.terugvordering_id.as_deref() == Some(t.id.as_str()))
                .ok_or("de vordering van de terugvordering ontbreekt")?
                .vordering;
            let maanden: Vec<TerugvorderingMaand> = t
                .componenten
                .iter()
                .map(|c| TerugvorderingMaand {
                    maand: c.rechtmaand.dutch_name(),
                    netto_cents: c.netto.cents(),
                    bruto_cents: c.bruto.map(Money::cents),
                })
                .collect();
            let berekening = t
                .componenten
                .iter()
                .map(|c| Regel {
                    tekst: format!("{}: te veel betaald {}", c.rechtmaand.dutch_name(), c.netto),
                    verwijzing: "Participatiewet art. 58".into(),
                })
                .collect();
            let betalen_voor = vordering
                .betalen_voor
                .as_deref()
                .and_then(|d| gbi_domain::date::parse_date(d).ok())
                .unwrap_or(datum);
            let verrekening = match (t.verrekenen, regels) {
                (true, Some(regels)) => {
                    verrekenvoorstel(db, scope, regels, zaak_id, &vordering, datum).await?
                }
                (true, None) => {
                    return Err(
                        "de regels zijn niet geladen: de verrekening kan niet worden berekend"
                            .into(),
                    );
                }
                (false, _) => None,
            };
            (
                terugvordering_bestand(&zaak.identificatie, &t.id),
                Besluit::Terugvordering {
                    grond: grond.artikel().to_owned(),
                    grond_uitleg: grond.uitleg().to_owned(),
                    maanden,
                    totaal_cents: t.totaal.cents(),
                    oorzaak: oorzaak(&t.aanleiding),
                    gemeente_te_laat: t.gemeente_te_laat,
                    motivering: t.motivering.clone().unwrap_or_default(),
                    betalen_voor,
                    iban_gemeente: iban_gemeente.clone(),
                    betalingskenmerk: vordering.betalingskenmerk.clone().unwrap_or_default(),
                    verrekening,
                },
                berekening,
                vec![
                    grond.artikel().to_owned(),
                    "Algemene wet bestuursrecht art. 4:87".into(),
                ],
            )
        }
        "kwijtschelding" => {
            let dossiers = invordering::dossiers(db, scope, &zaak.bsn, "brief invordering maken")
                .await
                .map_err(|e| e.to_string())?;
            let (d, k) = dossiers
                .iter()
                .filter(|d| d.vordering.zaak_id == zaak_id)
                .flat_map(|d| d.kwijtscheldingen.iter().map(move |k| (d, k)))
                .rfind(|(_, k)| {
                    k.status == "goedgekeurd"
                        && !bestaand.contains(&kwijtschelding_bestand(&zaak.identificatie, &k.id))
                })
                .ok_or("er is geen goedgekeurde kwijtschelding zonder brief")?;
            let grond = super::kwijtschelding::Grond::parse(&k.grond)
                .ok_or("onbekende grond van de kwijtschelding")?;
            let betaald: Money = d
                .mutaties
                .iter()
                .filter(|m| m.soort != MutatieSoort::Kwijtschelding)
                .map(|m| m.bedrag)
                .sum();
            let artikel = grond.artikel(d.vordering.soort).to_owned();
            (
                kwijtschelding_bestand(&zaak.identificatie, &k.id),
                Besluit::Kwijtschelding {
                    kenmerk_vordering: d
                        .vordering
                        .betalingskenmerk
                        .clone()
                        .unwrap_or_else(|| zaak.identificatie.clone()),
                    kwijtgescholden_cents: k.bedrag.cents(),
                    betaald_cents: betaald.cents(),
                    grond: artikel.clone(),
                    motivering: k.motivering.clone(),
                    restant_cents: d.vordering.open_bedrag.cents(),
                },
                Vec::new(),
                vec![artikel],
            )
        }
        "boete" => {
            let b = gbi_store::boetes::voor_zaak(db, scope, zaak_id)
                .await
                .map_err(|e| e.to_string())?
                .into_iter()
                .rev()
                .find(|b| {
                    b.status == "goedgekeurd"
                        && b.uitkomst != "geen"
                        && !bestaand.contains(&boete_bestand(&zaak.identificatie, &b.id))
                })
                .ok_or("er is geen goedgekeurde boete zonder brief")?;
            let invoer: gbi_rules::invordering::boete::BoeteInvoer =
                serde_json::from_value(b.invoer.clone()).map_err(|e| e.to_string())?;
            let besluit = if b.uitkomst == "boete" {
                let vordering =
                    invordering::dossiers(db, scope, &zaak.bsn, "brief invordering maken")
                        .await
                        .map_err(|e| e.to_string())?
                        .into_iter()
                        .find(|d| d.vordering.boete_id.as_deref() == Some(b.id.as_str()))
                        .ok_or("de vordering van de boete ontbreekt")?
                        .vordering;
                let verrekening = match regels {
                    Some(regels) => {
                        verrekenvoorstel(db, scope, regels, zaak_id, &vordering, datum).await?
                    }
                    None => None,
                };
                Besluit::Boete {
                    benadelingsbedrag_cents: b.benadelingsbedrag.cents(),
                    verwijtbaarheid: super::boete::verwijtbaarheid_tekst(invoer.verwijtbaarheid)
                        .to_owned(),
                    percentage: super::boete::percentage(invoer.verwijtbaarheid, invoer.recidive)
                        .to_owned(),
                    bedrag_cents: b.bedrag.cents(),
                    motivering: b.motivering.clone(),
                    zienswijze: b.zienswijze.clone(),
                    betalen_voor: vordering
                        .betalen_voor
                        .as_deref()
                        .and_then(|d| gbi_domain::date::parse_date(d).ok())
                        .unwrap_or(datum),
                    verrekening,
                    iban_gemeente: iban_gemeente.clone(),
                    betalingskenmerk: vordering.betalingskenmerk.clone().unwrap_or_default(),
                }
            } else {
                Besluit::Waarschuwing {
                    motivering: b.motivering.clone(),
                    zienswijze: b.zienswijze.clone(),
                }
            };
            (
                boete_bestand(&zaak.identificatie, &b.id),
                besluit,
                Vec::new(),
                vec![
                    "artikel 18a van de Participatiewet".to_owned(),
                    "Boetebesluit socialezekerheidswetten, artikel 2".to_owned(),
                ],
            )
        }
        _ => return Err(format!("onbekende brief: {soort}")),
    };
    let b = Beschikking {
        kenmerk: zaak.identificatie.clone(),
        datum,
        ontvanger_naam: ontvanger_naam.clone(),
        ontvanger_adres,
        aanvraagdatum: datum,
        regeling: None,
        besluit,
        berekening,
        grondslagen,
    };
    let pdf = gbi_letters::beschikking_pdf(huisstijl, &b).map_err(|e| e.to_string())?;
    Ok(GemaakteBrief {
        bestandsnaam,
        informatieobjecttype: "beschikking",
        pdf,
        ontvanger_naam,
        per_post: false,
    })
}

/// What the running benefit will offset each month, and the beslagvrije
/// voet it leaves: computed for the month of the letter. `None` when the
/// resident has no running benefit with household facts (then the letter
/// asks to pay by transfer).
async fn verrekenvoorstel(
    db: &Db,
    scope: &Scope,
    regels: &gbi_rules::Regels,
    zaak_id: &str,
    vordering: &gbi_store::vorderingen::Vordering,
    datum: chrono::NaiveDate,
) -> Result<Option<Verrekenvoorstel>, String> {
    let Some(u) = gbi_store::uitkeringen::voor_zaak(db, scope, zaak_id)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(None);
    };
    if u.huishouden.is_none()
        || u.einddatum
            .as_deref()
            .is_some_and(|e| e < datum.to_string().as_str())
    {
        return Ok(None);
    }
    let maand = gbi_domain::Maand::of(datum).next();
    let v = super::verrekening::voor_uitkering(
        db,
        scope,
        regels,
        &u,
        maand,
        std::slice::from_ref(vordering),
    )
    .await?;
    Ok(Some(Verrekenvoorstel {
        per_maand_cents: v.totaal().cents(),
        beslagvrije_voet_cents: v.beslagvrije_voet.cents(),
    }))
}

/// How the overpayment came to light, in plain Dutch.
fn oorzaak(aanleiding: &str) -> String {
    match aanleiding {
        "inkomsten" => "Wij kregen later te horen welk inkomen u had. Met dat inkomen had u minder bijstand moeten krijgen.".into(),
        "wijziging" => "Er veranderde iets in uw situatie. Wij hebben die verandering verwerkt. Daardoor had u minder bijstand moeten krijgen.".into(),
        _ => "Bij een controle bleek dat u te veel bijstand kreeg.".into(),
    }
}

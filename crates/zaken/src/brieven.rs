//! The beschikking letter of a decision, made in the background after a
//! second person approved it: the decision with its actual ground, how the
//! amount was calculated (from the rules' derivation; for an afwijzing too,
//! Awb 3:46), the legal basis and the bezwaar route, as a PDF/A in the
//! gemeente's house style. A toekenning that starts after the melding says
//! for which days bijstand is refused and why (art. 44-1); a voorschot
//! (art. 52) gets a letter of its own. Stored as a document of the zaak,
//! shown in the resident's inbox; without the resident's consent to
//! electronic delivery (Awb 2:14) also put in the print queue, to post.

use crate::behandeling::Voorstel;
use crate::registers::huishouden_uit_brp;
use crate::werk::GemaakteBrief;
use chrono::NaiveDate;
use gbi_domain::GemeenteCode;
use gbi_letters::{Beschikking, Besluit, Huisstijl, Regel};
use gbi_store::{Db, Scope, gemeenten, werk};
use serde_json::Value;
use std::collections::HashMap;

/// Makes beschikkingen with the house style of each gemeente.
#[derive(Clone, Default)]
pub struct BriefSchrijver {
    huisstijlen: HashMap<GemeenteCode, Huisstijl>,
    /// In demo mode a gemeente without configured style gets a marked demo style.
    demo: bool,
    /// The rules, for letters that compute a month (the herziening).
    regels: Option<std::sync::Arc<gbi_rules::Regels>>,
}

impl BriefSchrijver {
    pub fn new(huisstijlen: HashMap<GemeenteCode, Huisstijl>, demo: bool) -> Self {
        Self {
            huisstijlen,
            demo,
            regels: None,
        }
    }

    /// With the rules: also the herziening letter of a lower month.
    pub fn met_regels(mut self, regels: std::sync::Arc<gbi_rules::Regels>) -> Self {
        self.regels = Some(regels);
        self
    }

    async fn huisstijl(&self, db: &Db, gemeente: &GemeenteCode) -> Result<Huisstijl, String> {
        if let Some(h) = self.huisstijlen.get(gemeente) {
            return Ok(h.clone());
        }
        if !self.demo {
            return Err(format!(
                "de huisstijl van gemeente {gemeente} ontbreekt in de configuratie ([huisstijl.\"{gemeente}\"])"
            ));
        }
        let naam = gemeenten::get(db, gemeente)
            .await
            .map_err(|e| e.to_string())?
            .map(|g| g.naam)
            .unwrap_or_else(|| gemeente.to_string());
        Ok(Huisstijl::demo(&format!("Gemeente {naam}"), &naam))
    }
}

const BEZWAARTERMIJN: &str = "Algemene wet bestuursrecht art. 6:7 en 6:8 (bezwaartermijn)";

fn pw(a: &str) -> String {
    format!("Participatiewet {a}")
}

/// What a letter needs to know of the zaak besides the decision.
#[derive(Debug, Clone)]
pub struct Omstandigheden {
    /// The day of the melding (the zaak's registratiedatum), the start of
    /// the period a later ingangsdatum refuses (art. 44, eerste lid).
    pub aanvraagdatum: NaiveDate,
    /// The applicant was under 27 at the melding (a zoektermijn runs).
    pub onder_27: bool,
    /// The regeling's legal ground of a toekenning, cited in the letter.
    pub grondslag: &'static str,
    /// The regeling's obligations with a toekenning.
    pub verplichtingen: Vec<String>,
}

/// The decision, its calculation and its legal basis as the letter says
/// them, from the approved proposal and the pre-assessment (the rules'
/// JSON, if any). Pure: the letter's content follows from these alone.
pub fn inhoud(
    voorstel: &Voorstel,
    advies: Option<&Value>,
    o: &Omstandigheden,
) -> (Besluit, Vec<Regel>, Vec<String>) {
    match voorstel {
        Voorstel::Toekenning {
            ingangsdatum,
            bedrag_per_maand,
            verplichtingen,
            reden_latere_ingang,
            reden_ander_bedrag,
        } => {
            let later = *ingangsdatum > o.aanvraagdatum;
            let mut grond = vec![
                pw("art. 11 (recht op bijstand)"),
                pw("art. 19 (hoogte van de bijstand)"),
                pw("art. 20 tot en met 22a (bijstandsnormen en kostendelersnorm)"),
                pw("art. 31 tot en met 34 (inkomsten en vermogen)"),
                pw("art. 44 (ingangsdatum)"),
            ];
            if o.onder_27 {
                grond.push(pw("art. 41, vierde lid (zoektermijn)"));
                grond.push(pw("art. 44a (plan van aanpak)"));
            }
            grond.push(BEZWAARTERMIJN.into());
            let besluit = Besluit::Toekenning {
                ingangsdatum: *ingangsdatum,
                bedrag_per_maand_cents: bedrag_per_maand.cents(),
                verplichtingen: verplichtingen.clone(),
                reden_latere_ingang: reden_latere_ingang.clone().filter(|_| later),
                reden_ander_bedrag: reden_ander_bedrag.clone(),
                onder_27: o.onder_27,
            };
            (
                besluit,
                berekening(advies, Some(bedrag_per_maand.cents())),
                grond,
            )
        }
        Voorstel::Afwijzing {
            gronden,
            toelichting,
        } => {
            let mut grond: Vec<String> = Vec::new();
            for g in gronden {
                if !grond.iter().any(|x| x == g.verwijzing()) {
                    grond.push(g.verwijzing().to_owned());
                }
            }
            grond.push(BEZWAARTERMIJN.into());
            let besluit = Besluit::Afwijzing {
                gronden: gronden
                    .iter()
                    .map(|g| Regel {
                        tekst: g.tekst().to_owned(),
                        verwijzing: g.verwijzing().to_owned(),
                    })
                    .collect(),
                toelichting: toelichting.clone(),
            };
            (besluit, berekening(advies, None), grond)
        }
        Voorstel::BuitenBehandeling { reden } => (
            Besluit::BuitenBehandeling {
                reden: reden.clone(),
            },
            Vec::new(),
            vec![
                "Algemene wet bestuursrecht art. 4:5 (aanvraag niet compleet)".into(),
                BEZWAARTERMIJN.into(),
            ],
        ),
        Voorstel::Eenmalig(e) => {
            let mut grond = vec![o.grondslag.to_owned()];
            grond.push(BEZWAARTERMIJN.into());
            (
                Besluit::Eenmalig {
                    bedrag_cents: e.bedrag.cents(),
                    lening: e.vorm == gbi_rules::params::Vorm::Geldlening,
                    betalen_aan: e.begunstigde.naam.clone(),
                    derde: e.begunstigde.derde,
                    iban: e.begunstigde.iban.formatted(),
                    motivering: e.motivering.clone(),
                    verplichtingen: o.verplichtingen.clone(),
                },
                berekening(advies, None),
                grond,
            )
        }
        Voorstel::Periodiek(p) => (
            Besluit::Periodiek {
                bedrag_per_maand_cents: p.bedrag_per_maand.cents(),
                ingangsdatum: p.ingangsdatum,
                einddatum: p.einddatum,
                betalen_aan: p.begunstigde.naam.clone(),
                derde: p.begunstigde.derde,
                iban: p.begunstigde.iban.formatted(),
                motivering: p.motivering.clone(),
                verplichtingen: o.verplichtingen.clone(),
            },
            // The advice reckons a one-off amount; a monthly one is the
            // caseworker's, explained in the motivering.
            Vec::new(),
            vec![
                pw("art. 35, eerste lid (bijzondere bijstand)"),
                pw("art. 48, eerste lid (bijstand om niet)"),
                BEZWAARTERMIJN.into(),
            ],
        ),
        Voorstel::Voorschot { bedrag } => (
            Besluit::Voorschot {
                bedrag_cents: bedrag.cents(),
                verwacht_cents: berekend(advies)
                    .and_then(|a| a["uitkomst"]["bijstand_cents"].as_i64()),
            },
            berekening(advies, None),
            vec![
                pw("art. 52, eerste, tweede en vierde lid (voorschot)"),
                BEZWAARTERMIJN.into(),
            ],
        ),
    }
}

fn berekend(advies: Option<&Value>) -> Option<&Value> {
    advies.filter(|a| a["berekend"].as_bool() == Some(true))
}

/// The calculation lines of the advice, in plain Dutch with references.
/// For a toekenning (`bedrag_cents`) of another amount, a last line says
/// what was decided.
fn berekening(advies: Option<&Value>, bedrag_cents: Option<i64>) -> Vec<Regel> {
    let Some(a) = berekend(advies) else {
        return Vec::new();
    };
    let mut regels: Vec<Regel> = a["uitleg"]
        .as_array()
        .map(|stappen| {
            stappen
                .iter()
                .map(|s| Regel {
                    tekst: s["b1"].as_str().unwrap_or_default().to_owned(),
                    verwijzing: s["verwijzing"].as_str().unwrap_or_default().to_owned(),
                })
                .filter(|r| !r.tekst.trim().is_empty())
                .collect()
        })
        .unwrap_or_default();
    // Demo mode only: an advice computed with figures carried forward.
    if a["voorlopig"].as_bool() == Some(true) {
        regels.insert(0, voorlopig_regel());
    }
    if let Some(bedrag_cents) = bedrag_cents
        && a["uitkomst"]["bijstand_cents"].as_i64() != Some(bedrag_cents)
    {
        regels.push(Regel {
            tekst: format!(
                "Na beoordeling van uw situatie hebben wij het bedrag vastgesteld op {} per maand.",
                gbi_domain::Money::from_cents(bedrag_cents)
            ),
            verwijzing: "Participatiewet art. 18, eerste lid (BWBR0015703)".into(),
        });
    }
    regels
}

/// The first line of a provisional calculation (demo mode only).
fn voorlopig_regel() -> Regel {
    Regel {
        tekst: format!(
            "Let op: deze bedragen zijn {}. {}",
            gbi_rules::params::VOORLOPIG,
            gbi_rules::params::VOORLOPIG_UITLEG
        ),
        verwijzing: String::new(),
    }
}

/// The file name of the letter of a voorschot: one letter per voorschot.
fn voorschot_bestand(identificatie: &str, besluit_id: &str) -> String {
    let kort: String = besluit_id.chars().filter(|c| *c != '-').take(8).collect();
    format!("voorschot-{identificatie}-{kort}.pdf")
}

/// The approved voorschot that has no letter yet (the oldest), or else the
/// latest, with the file name of its letter.
async fn voorschot_zonder_brief(
    db: &Db,
    scope: &Scope,
    zaak: &gbi_store::zaken::Zaak,
) -> Result<(Voorstel, String), String> {
    let mut voorschotten: Vec<_> = gbi_store::besluiten::voor_zaak(db, scope, &zaak.id)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|b| {
            b.status == gbi_domain::BesluitStatus::Goedgekeurd
                && b.besluittype == gbi_domain::Besluittype::Voorschot
        })
        .collect();
    voorschotten.sort_by(|a, b| a.beoordeeld_op.cmp(&b.beoordeeld_op));
    let bestaand: Vec<String> = gbi_store::documenten::list(db, scope, None, Some(&zaak.id))
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|d| d.bestandsnaam)
        .collect();
    let besluit = voorschotten
        .iter()
        .find(|b| !bestaand.contains(&voorschot_bestand(&zaak.identificatie, &b.id)))
        .or(voorschotten.last())
        .ok_or("er is geen goedgekeurd voorschot")?;
    let voorstel = crate::commando::voorstel_van(besluit).map_err(|e| e.to_string())?;
    Ok((
        voorstel,
        voorschot_bestand(&zaak.identificatie, &besluit.id),
    ))
}

impl BriefSchrijver {
    /// Make letter `soort` of a zaak: `beschikking` (the approved decision
    /// that ends it) or `voorschot` (an approved voorschot, art. 52).
    pub async fn maak(
        &self,
        db: &Db,
        scope: &Scope,
        zaak_id: &str,
        soort: &str,
    ) -> Result<GemaakteBrief, String> {
        if let Some(m) = soort.strip_prefix("herziening:") {
            let maand = gbi_domain::Maand::parse(m).map_err(|e| e.message)?;
            let regels = self
                .regels
                .as_ref()
                .ok_or("de regels zijn niet geladen: een herziening kan niet worden gemaakt")?;
            let huisstijl = self.huisstijl(db, &scope.gemeente).await?;
            return crate::herzieningsbrief::maak(db, scope, regels, &huisstijl, zaak_id, maand)
                .await;
        }
        if matches!(
            soort,
            "terugvordering"
                | "kwijtschelding"
                | "boete"
                | "beslagvrije_voet"
                | "aanmaning"
                | "dwangbevel"
                | "betalingsregeling"
                | "derdenbeslag"
        ) {
            let huisstijl = self.huisstijl(db, &scope.gemeente).await?;
            return crate::invordering::brief::maak(
                db,
                scope,
                self.regels.as_deref(),
                &huisstijl,
                zaak_id,
                soort,
            )
            .await;
        }
        let zaak = gbi_store::zaken::get(db, scope, zaak_id, "beschikking maken")
            .await
            .map_err(|e| e.to_string())?
            .ok_or("de zaak bestaat niet")?;
        let (voorstel, bestandsnaam) = match soort {
            "beschikking" => (
                crate::afhandeling::goedgekeurd_besluit(db, scope, zaak_id).await?,
                format!("beschikking-{}.pdf", zaak.identificatie),
            ),
            "voorschot" => voorschot_zonder_brief(db, scope, &zaak).await?,
            _ => return Err(format!("onbekende brief: {soort}")),
        };
        let brp = crate::afhandeling::brp_van_zaak(db, scope, zaak_id).await?;
        let huishouden = brp.as_ref().map(huishouden_uit_brp);
        let inwoner =
            gbi_store::inwoners::search(db, scope, zaak.bsn.as_str(), 1, 0, "beschikking maken")
                .await
                .map_err(|e| e.to_string())?;
        let ontvanger_naam = huishouden
            .as_ref()
            .map(|h| h.aanvrager.naam.clone())
            .filter(|n| !n.is_empty())
            .or_else(|| inwoner.first().map(|i| i.naam.clone()))
            .unwrap_or_else(|| "Aan de aanvrager".into());
        let advies = werk::beoordeling(db, scope, zaak_id)
            .await
            .map_err(|e| e.to_string())?;
        let datum = gbi_domain::today_amsterdam();
        let aanvraagdatum =
            NaiveDate::parse_from_str(zaak.registratiedatum.get(..10).unwrap_or(""), "%Y-%m-%d")
                .unwrap_or(datum);
        let regeling = crate::commando::regeling_van(&zaak).map_err(|e| e.to_string())?;
        let omstandigheden = Omstandigheden {
            aanvraagdatum,
            onder_27: zaak.zoektermijn_einde.is_some(),
            grondslag: regeling.grondslag(gbi_domain::Besluittype::Toekenning),
            verplichtingen: regeling.verplichtingen(),
        };
        let (besluit, berekening, grondslagen) =
            inhoud(&voorstel, advies.as_ref(), &omstandigheden);
        let b = Beschikking {
            kenmerk: zaak.identificatie.clone(),
            datum,
            ontvanger_naam: ontvanger_naam.clone(),
            ontvanger_adres: huishouden.map(|h| h.adres).unwrap_or_default(),
            aanvraagdatum,
            regeling: (regeling.uitkering().is_none()).then(|| regeling.naam().to_owned()),
            besluit,
            berekening,
            grondslagen,
        };
        let huisstijl = self.huisstijl(db, &scope.gemeente).await?;
        let pdf = gbi_letters::beschikking_pdf(&huisstijl, &b).map_err(|e| e.to_string())?;
        Ok(GemaakteBrief {
            bestandsnaam,
            informatieobjecttype: "beschikking",
            pdf,
            ontvanger_naam,
            per_post: false,
        })
    }
}

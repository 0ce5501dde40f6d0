//! The beschikking letter of a decision, made in the background after a
//! second person approved it: the decision, how the amount was calculated
//! (from the rules' derivation), the legal basis and the bezwaar route, as a
//! PDF/A in the gemeente's house style. Stored as a document of the zaak,
//! shown in the resident's inbox.

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
}

impl BriefSchrijver {
    pub fn new(huisstijlen: HashMap<GemeenteCode, Huisstijl>, demo: bool) -> Self {
        Self { huisstijlen, demo }
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

fn grondslagen(v: &Voorstel) -> Vec<String> {
    let pw = |a: &str| format!("Participatiewet {a}");
    match v {
        Voorstel::Toekenning { .. } => vec![
            pw("art. 11 (recht op bijstand)"),
            pw("art. 19 (hoogte van de bijstand)"),
            pw("art. 20 tot en met 22a (bijstandsnormen en kostendelersnorm)"),
            pw("art. 31 tot en met 34 (inkomsten en vermogen)"),
            pw("art. 44 (ingangsdatum)"),
            "Algemene wet bestuursrecht art. 6:7 (bezwaartermijn)".into(),
        ],
        Voorstel::Afwijzing { .. } => vec![
            pw("art. 11 (recht op bijstand)"),
            pw("art. 31 tot en met 34 (inkomsten en vermogen)"),
            "Algemene wet bestuursrecht art. 6:7 (bezwaartermijn)".into(),
        ],
        Voorstel::BuitenBehandeling { .. } => vec![
            "Algemene wet bestuursrecht art. 4:5 (aanvraag niet compleet)".into(),
            "Algemene wet bestuursrecht art. 6:7 (bezwaartermijn)".into(),
        ],
        Voorstel::Voorschot { .. } => vec![pw("art. 52 (voorschot)")],
    }
}

/// The calculation lines of the advice, in plain Dutch with references.
fn berekening(advies: Option<&Value>, bedrag_cents: i64) -> Vec<Regel> {
    let Some(a) = advies.filter(|a| a["berekend"].as_bool() == Some(true)) else {
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
                .collect()
        })
        .unwrap_or_default();
    if a["uitkomst"]["bijstand_cents"].as_i64() != Some(bedrag_cents) {
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

impl BriefSchrijver {
    pub async fn maak(
        &self,
        db: &Db,
        scope: &Scope,
        zaak_id: &str,
        soort: &str,
    ) -> Result<GemaakteBrief, String> {
        if soort != "beschikking" {
            return Err(format!("onbekende brief: {soort}"));
        }
        let zaak = gbi_store::zaken::get(db, scope, zaak_id, "beschikking maken")
            .await
            .map_err(|e| e.to_string())?
            .ok_or("de zaak bestaat niet")?;
        let voorstel = crate::afhandeling::goedgekeurd_besluit(db, scope, zaak_id).await?;
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
        let besluit_brief = match &voorstel {
            Voorstel::Toekenning {
                ingangsdatum,
                bedrag_per_maand,
                verplichtingen,
            } => Besluit::Toekenning {
                ingangsdatum: *ingangsdatum,
                bedrag_per_maand_cents: bedrag_per_maand.cents(),
                verplichtingen: verplichtingen.clone(),
            },
            Voorstel::Afwijzing { gronden } => Besluit::Afwijzing {
                gronden: gronden.clone(),
            },
            Voorstel::BuitenBehandeling { reden } => Besluit::BuitenBehandeling {
                reden: reden.clone(),
            },
            Voorstel::Voorschot { .. } => {
                return Err("een voorschot krijgt geen beschikking".into());
            }
        };
        let regels = match &voorstel {
            Voorstel::Toekenning {
                bedrag_per_maand, ..
            } => berekening(advies.as_ref(), bedrag_per_maand.cents()),
            _ => Vec::new(),
        };
        let datum = gbi_domain::today_amsterdam();
        let aanvraagdatum =
            NaiveDate::parse_from_str(zaak.registratiedatum.get(..10).unwrap_or(""), "%Y-%m-%d")
                .unwrap_or(datum);
        let b = Beschikking {
            kenmerk: zaak.identificatie.clone(),
            datum,
            ontvanger_naam,
            ontvanger_adres: huishouden.map(|h| h.adres).unwrap_or_default(),
            aanvraagdatum,
            besluit: besluit_brief,
            berekening: regels,
            grondslagen: grondslagen(&voorstel),
        };
        let huisstijl = self.huisstijl(db, &scope.gemeente).await?;
        let pdf = gbi_letters::beschikking_pdf(&huisstijl, &b).map_err(|e| e.to_string())?;
        Ok(GemaakteBrief {
            bestandsnaam: format!("beschikking-{}.pdf", zaak.identificatie),
            informatieobjecttype: "beschikking",
            pdf,
        })
    }
}

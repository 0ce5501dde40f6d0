//! The registers as the process layer uses them: [`Bronnen`] and
//! [`Prefill`] over the clients of `gbi-registers`. The same code talks to
//! the testbed and to the real registers; only the configuration differs.

use crate::prefill::{self, Prefill, PrefillFuture};
use crate::regeling::iit::bronvragen::{self, Verzoek};
use crate::werk::{Antwoord, BronFout, Bronnen};
use chrono::{Datelike, Utc};
use gbi_domain::{Bsn, GemeenteCode, TraceContext};
use gbi_registers::belastingdienst::{Toeslag, Vraag};
use gbi_registers::brp::{Bewoner, Naam, Persoon};
use gbi_registers::{Bevraging, RegisterError, Registers};
use gbi_rules::Regels;
use gbi_rules::looplijst::Catalogi;
use serde::Serialize;
use serde_json::{Value, json};
use std::sync::Arc;

/// The purpose (doelbinding) of every query for an application.
pub const DOELBINDING_ALO: &str = "Participatiewet art. 17 en 64: aanvraag levensonderhoud";

/// The purpose code the Belastingdienst interface knows (docs/belastingdienst-toets-api.md).
pub const DOELBINDING_BELASTINGDIENST: &str = "PARTICIPATIEWET";

/// What the BRP snapshot of an application holds.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct BrpHuishouden {
    pub persoon: Persoon,
    /// Everyone registered at the applicant's address.
    pub bewoners: Vec<Bewoner>,
}

/// [`Bronnen`] and [`Prefill`] over the real clients.
#[derive(Clone)]
pub struct RegisterBronnen {
    registers: Arc<Registers>,
    regels: Arc<Regels>,
    /// The looplijst criteria, for the closed questions of an application.
    catalogi: Arc<Result<Catalogi, String>>,
}

impl RegisterBronnen {
    pub fn new(registers: Arc<Registers>, regels: Arc<Regels>) -> Self {
        let catalogi = Catalogi::ingebouwd().map_err(|e| e.to_string());
        Self {
            registers,
            regels,
            catalogi: Arc::new(catalogi),
        }
    }

    /// The clients, for work that needs more than queries (LO Behandeld).
    pub fn registers(&self) -> Arc<Registers> {
        self.registers.clone()
    }

    async fn brp(&self, bsn: &Bsn) -> Result<Bevraging<BrpHuishouden>, RegisterError> {
        let persoon = self.registers.brp.raadpleeg(bsn, DOELBINDING_ALO).await?;
        let aoid = persoon
            .gegevens
            .verblijfplaats
            .as_ref()
            .and_then(|v| v.adres())
            .and_then(|a| a.adresseerbaar_object_identificatie.clone());
        let bewoners = match aoid {
            Some(aoid) => match self.registers.brp.bewoners(&aoid, DOELBINDING_ALO).await {
                Ok(b) => b.gegevens,
                // An identification no BAG object can have (e.g. all
                // zeros): there is nobody to ask about, the person stands.
                Err(RegisterError::Rejected { code: Some(c), .. })
                    if c == "adresseerbaarObjectIdentificatie" =>
                {
                    Vec::new()
                }
                Err(e) => return Err(e),
            },
            None => Vec::new(),
        };
        Ok(Bevraging {
            herkomst: persoon.herkomst,
            gegevens: BrpHuishouden {
                persoon: persoon.gegevens,
                bewoners,
            },
        })
    }

    /// Yes/no questions to the Belastingdienst: toeslagen this year, and box 3
    /// wealth last year below the vermogensgrens of today's parameters.
    fn belastingvragen(&self) -> Vec<Vraag> {
        let vandaag = gbi_domain::today_amsterdam();
        let jaar = vandaag.year();
        let mut vragen = vec![
            Vraag::OntvangtToeslag {
                toeslag: Toeslag::Huurtoeslag,
                jaar,
            },
            Vraag::OntvangtToeslag {
                toeslag: Toeslag::Zorgtoeslag,
                jaar,
            },
            Vraag::OntvangtToeslag {
                toeslag: Toeslag::KindgebondenBudget,
                jaar,
            },
        ];
        if let Ok(peil) = self.regels.parameters.peil(vandaag, None)
            && let Ok(grens) = peil.vermogen.grens_alleenstaande.get()
        {
            vragen.push(Vraag::VermogenBox3Onder {
                jaar: jaar - 1,
                grens_cents: grens,
            });
        }
        vragen
    }
}

fn antwoord<T: Serialize>(
    b: Result<Bevraging<T>, RegisterError>,
    bron: &str,
) -> Result<Antwoord, BronFout> {
    match b {
        Ok(b) => Ok(Antwoord {
            inhoud: json!({ "gevonden": true, "gegevens": b.gegevens }),
            herkomst: serde_json::to_value(&b.herkomst).unwrap_or(Value::Null),
        }),
        // "Not found" is an answer: the register knows nothing of this person.
        Err(RegisterError::NotFound { .. }) => Ok(Antwoord {
            inhoud: json!({ "gevonden": false }),
            herkomst: json!({
                "bron": bron,
                "opgevraagd_op": Utc::now(),
                "vraag": "geen gegevens gevonden",
                "doelbinding": DOELBINDING_ALO,
            }),
        }),
        Err(e @ RegisterError::Unavailable { .. }) => Err(BronFout::Onbereikbaar(e.to_string())),
        Err(e) => Err(BronFout::Geweigerd(e.to_string())),
    }
}

impl Bronnen for RegisterBronnen {
    async fn raadpleeg(
        &self,
        bron: &str,
        bsn: &Bsn,
        _gemeente: &GemeenteCode,
        trace: &TraceContext,
    ) -> Result<Antwoord, BronFout> {
        // The call carries a child span of the processing's trace, so the
        // source's own log can point back at ours (Logboek Dataverwerkingen).
        gbi_registers::with_trace(trace.clone(), self.raadpleeg_in_trace(bron, bsn)).await
    }

    async fn gesloten_vragen(
        &self,
        verzoek: &Verzoek,
        trace: &TraceContext,
    ) -> Result<Antwoord, BronFout> {
        let catalogi = self.catalogi.as_ref().as_ref().map_err(String::as_str);
        let vragen = bronvragen::vraag_alles(
            self.registers.looplijst.as_ref(),
            &self.regels,
            catalogi,
            verzoek,
        );
        gbi_registers::with_trace(trace.clone(), vragen).await
    }
}

impl RegisterBronnen {
    async fn raadpleeg_in_trace(&self, bron: &str, bsn: &Bsn) -> Result<Antwoord, BronFout> {
        let s = &self.registers.suwinet;
        let d = DOELBINDING_ALO;
        match bron {
            "brp" => antwoord(self.brp(bsn).await, bron),
            "uwv" => antwoord(s.inkomstenverhoudingen(bsn, None, d).await, bron),
            "duo" => antwoord(s.studiefinanciering(bsn, d).await, bron),
            "rdw" => {
                let van = gbi_domain::today_amsterdam() - chrono::Days::new(366);
                antwoord(s.voertuigen(bsn, van, None, d).await, bron)
            }
            "kadaster" => antwoord(s.onroerendgoed(bsn, d).await, bron),
            "svb" => antwoord(s.svb_uitkeringen(bsn, d).await, bron),
            "bijstandsregelingen" => antwoord(s.bijstandsregelingen(bsn, d).await, bron),
            "belastingdienst" => antwoord(
                self.registers
                    .belastingdienst
                    .toets(bsn, &self.belastingvragen(), DOELBINDING_BELASTINGDIENST)
                    .await,
                bron,
            ),
            other => Err(BronFout::Geweigerd(format!("onbekende bron {other}"))),
        }
    }
}

/// "Jan de Vries" from a BRP name.
pub fn volledige_naam(n: &Naam) -> String {
    [
        n.voornamen.as_deref(),
        n.voorvoegsel.as_deref(),
        n.geslachtsnaam.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

fn persoon(naam: &Naam, geboren: Option<&gbi_registers::brp::BrpDatum>) -> prefill::Persoon {
    prefill::Persoon {
        naam: volledige_naam(naam),
        geboortedatum: geboren.and_then(|d| d.volledig()),
    }
}

/// The household as the form shows it, from the BRP snapshot.
pub fn huishouden_uit_brp(h: &BrpHuishouden) -> prefill::Huishouden {
    let p = &h.persoon;
    let adres = p
        .verblijfplaats
        .as_ref()
        .and_then(|v| v.adres())
        .map(|a| {
            let straat = [
                a.straat.clone().unwrap_or_default(),
                a.huisnummer.map(|n| n.to_string()).unwrap_or_default(),
                a.huisletter.clone().unwrap_or_default(),
                a.huisnummertoevoeging.clone().unwrap_or_default(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
            let plaats = [
                a.postcode.clone().unwrap_or_default(),
                a.woonplaats.clone().unwrap_or_default(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
            vec![straat, plaats]
        })
        .unwrap_or_default();
    let partner = p
        .partners
        .iter()
        .find(|x| x.ontbinding.is_none())
        .map(|x| &x.persoon);
    let mut bekend: Vec<Bsn> = vec![p.bsn.clone()];
    bekend.extend(partner.and_then(|x| x.bsn.clone()));
    bekend.extend(p.kinderen.iter().filter_map(|k| k.bsn.clone()));
    prefill::Huishouden {
        aanvrager: persoon(&p.naam, p.geboortedatum.as_ref()),
        adres,
        partner: partner.map(|x| persoon(&x.naam, x.geboortedatum.as_ref())),
        kinderen: p
            .kinderen
            .iter()
            .map(|k| persoon(&k.naam, k.geboortedatum.as_ref()))
            .collect(),
        medebewoners: h
            .bewoners
            .iter()
            .filter(|b| b.bsn.as_ref().is_none_or(|bsn| !bekend.contains(bsn)))
            .map(|b| persoon(&b.naam, b.geboortedatum.as_ref()))
            .collect(),
    }
}

impl Prefill for RegisterBronnen {
    fn huishouden<'a>(&'a self, bsn: &'a Bsn, trace: &'a TraceContext) -> PrefillFuture<'a> {
        Box::pin(async move {
            match gbi_registers::with_trace(trace.clone(), self.brp(bsn)).await {
                Ok(b) => Ok(Some(huishouden_uit_brp(&b.gegevens))),
                Err(RegisterError::NotFound { .. }) => Ok(None),
                Err(e) => Err(e.to_string()),
            }
        })
    }
}

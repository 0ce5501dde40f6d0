//! What follows an approved decision, done in the background: the
//! beschikking letter and the LO Behandeld message to the benefit system.

use crate::behandeling::Voorstel;
use crate::brieven::BriefSchrijver;
use crate::registers::BrpHuishouden;
use crate::werk::{Afhandeling, BronFout, GemaakteBrief};
use gbi_registers::{RegisterError, Registers};
use gbi_store::{Db, Scope, besluiten, werk};
use std::sync::Arc;

/// [`Afhandeling`] over the letters and the Socrates client.
#[derive(Clone)]
pub struct Afhandelaar {
    pub brieven: BriefSchrijver,
    /// `None` when no registers are configured: deliveries wait, visibly.
    pub registers: Option<Arc<Registers>>,
}

/// The approved decision of a zaak (not a voorschot), with its proposal.
pub async fn goedgekeurd_besluit(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
) -> Result<Voorstel, String> {
    let besluit = besluiten::voor_zaak(db, scope, zaak_id)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|b| {
            b.status == gbi_domain::BesluitStatus::Goedgekeurd
                && b.besluittype != gbi_domain::Besluittype::Voorschot
        })
        .ok_or("er is geen goedgekeurd besluit")?;
    serde_json::from_value(besluit.inhoud).map_err(|e| e.to_string())
}

/// The BRP household of the zaak as the registers gave it.
pub async fn brp_van_zaak(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
) -> Result<Option<BrpHuishouden>, String> {
    let snapshots = werk::snapshots(db, scope, zaak_id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(snapshots
        .iter()
        .rev()
        .find(|s| s.bron == "brp")
        .and_then(|s| s.inhoud.get("gegevens").cloned())
        .and_then(|g| serde_json::from_value(g).ok()))
}

/// The addressee of a posted letter on a zaak: name and address as the
/// BRP gave them for the zaak, else the name the gemeente registered or
/// the zaak's aanvrager carries (an address only the BRP gives).
pub async fn ontvanger(
    db: &Db,
    scope: &Scope,
    zaak_id: &str,
    bsn: &gbi_domain::Bsn,
    operation: &str,
) -> Result<(String, Vec<String>), String> {
    let brp = brp_van_zaak(db, scope, zaak_id)
        .await?
        .map(|h| crate::registers::huishouden_uit_brp(&h));
    let inwoner = gbi_store::inwoners::search(db, scope, bsn.as_str(), 1, 0, operation)
        .await
        .map_err(|e| e.to_string())?;
    let naam = brp
        .as_ref()
        .map(|h| h.aanvrager.naam.clone())
        .filter(|n| !n.is_empty())
        .or_else(|| inwoner.first().map(|i| i.naam.clone()));
    let naam = match naam {
        Some(n) => n,
        None => gbi_store::zaken::rollen(db, scope, zaak_id)
            .await
            .map_err(|e| e.to_string())?
            .into_iter()
            .find(|r| r.roltype == "aanvrager" && !r.naam.trim().is_empty())
            .map_or_else(|| "Aan de inwoner".into(), |r| r.naam),
    };
    Ok((naam, brp.map(|h| h.adres).unwrap_or_default()))
}

impl Afhandeling for Afhandelaar {
    async fn brief(
        &self,
        db: &Db,
        scope: &Scope,
        zaak_id: &str,
        soort: &str,
    ) -> Result<GemaakteBrief, String> {
        self.brieven.maak(db, scope, zaak_id, soort).await
    }

    async fn lever(
        &self,
        db: &Db,
        scope: &Scope,
        zaak_id: &str,
        koppeling: &str,
    ) -> Result<(), BronFout> {
        if koppeling != "socrates" {
            return Err(BronFout::Geweigerd(format!(
                "onbekende koppeling: {koppeling}"
            )));
        }
        let Some(registers) = &self.registers else {
            return Err(BronFout::Geweigerd(
                "Socrates is niet ingesteld ([registers.socrates] in de configuratie)".into(),
            ));
        };
        let zaak = gbi_store::zaken::get(db, scope, zaak_id, "LO Behandeld doorgeven")
            .await
            .map_err(|e| BronFout::Onbereikbaar(e.to_string()))?
            .ok_or_else(|| BronFout::Geweigerd("de zaak bestaat niet".into()))?;
        let voorstel = goedgekeurd_besluit(db, scope, zaak_id)
            .await
            .map_err(BronFout::Geweigerd)?;
        let brp = brp_van_zaak(db, scope, zaak_id)
            .await
            .map_err(BronFout::Onbereikbaar)?
            .ok_or_else(|| {
                BronFout::Geweigerd("de BRP-gegevens van de aanvrager ontbreken".into())
            })?;
        let bericht = crate::lo_behandeld::bericht(&zaak, &brp, &voorstel)
            .map_err(|e| BronFout::Onverstuurbaar(e.to_string()))?;
        match registers.socrates.lo_behandeld(&bericht).await {
            Ok(_) => Ok(()),
            Err(e @ RegisterError::Unavailable { .. }) => {
                Err(BronFout::Onbereikbaar(e.to_string()))
            }
            // Socrates refused the message: it is not valid, a person must look.
            Err(e @ RegisterError::Rejected { .. }) => Err(BronFout::Onverstuurbaar(format!(
                "Socrates weigert het LO Behandeld-bericht: {e}"
            ))),
            Err(e) => Err(BronFout::Geweigerd(e.to_string())),
        }
    }
}

//! The individuele inkomenstoeslag offered before anyone asks (art. 36):
//! every month the gemeente's own clients are put to the rules; each one
//! who meets every condition the rules can check again (art. 36-1, 36-3:
//! twelve months after the last IIT) gets a prefilled application and a
//! message. The law says "op aanvraag": the resident's confirmation is the
//! aanvraag, and nobody gets a decision they did not ask for. Clients the
//! rules cannot assess are counted with the reason, never skipped silently.
//! A resident who did not agree to electronic delivery (Awb 2:14) also gets
//! the invitation on paper: a letter in the print queue.

use crate::catalogus::IIT;
use chrono::{Datelike, NaiveDate};
use gbi_domain::{Maand, Money};
use gbi_letters::Huisstijl;
use gbi_rules::regelingen::casus::Lopend;
use gbi_rules::regelingen::{Casus, Wie};
use gbi_rules::{Huishouden, Regels};
use gbi_store::iit_uitnodigingen::{self, Kandidaat, Nieuw, PapierenBrief};
use gbi_store::zaken::Melding;
use gbi_store::{Db, Scope, StoreError};
use serde_json::json;
use std::collections::BTreeMap;

/// What a monthly run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verslag {
    pub maand: Option<Maand>,
    /// Own clients with running bijstand.
    pub clienten: usize,
    pub uitgenodigd: usize,
    /// Invited earlier this month (a repeated run).
    pub al_uitgenodigd: usize,
    /// Not eligible now.
    pub voldoet_niet: u64,
    /// Could not be assessed, per reason: a person looks at them. Benefits
    /// of a fixed amount (without the facts the rules need) are one reason.
    pub niet_berekend: BTreeMap<String, u64>,
    /// Invited ones who did not agree to electronic delivery: also a letter.
    pub op_papier: usize,
    /// Of those, the ones whose letter could not be made, per reason (no
    /// house style configured, …): invited online only; a person posts it.
    pub zonder_brief: BTreeMap<String, u64>,
}

/// Whole months from `van` up to `tot` (the months of bijstand so far).
fn maanden_tussen(van: NaiveDate, tot: NaiveDate) -> u32 {
    let m = (tot.year() - van.year()) * 12 + tot.month() as i32 - van.month() as i32;
    u32::try_from(m).unwrap_or(0)
}

/// The message with the invitation.
fn melding(k: &Kandidaat, bedrag: Money, gemeente: &str) -> Melding {
    Melding {
        onderwerp: "U kunt een individuele inkomenstoeslag krijgen".into(),
        tekst: format!(
            "U heeft al lang een laag inkomen. Daarom kunt u waarschijnlijk een individuele inkomenstoeslag krijgen: {bedrag}. Wij hebben de aanvraag al voor u ingevuld. Kijk of alles klopt en verstuur de aanvraag bij Mijn inkomen: /portaal/aanvragen/inkomenstoeslag. Pas als u de aanvraag verstuurt, vraagt u de toeslag aan. Wilt u hem niet? Dan hoeft u niets te doen. Vragen? Bel de gemeente {gemeente}."
        ),
        email: k.email.clone(),
        mail_onderwerp: "Er staat een bericht voor u klaar".into(),
        mail_tekst: "Beste inwoner,\n\nEr staat een nieuw bericht voor u klaar op Mijn inkomen."
            .into(),
    }
}

/// The prefilled answers: what the gemeente knows from the benefit.
fn antwoorden(k: &Kandidaat, maand: Maand) -> serde_json::Value {
    json!({
        crate::regeling::iit::formulier::GEGEVENS: "uitkering",
        "_uitnodiging": maand.to_string(),
        "_stap": "verklaring",
        "iban": k.iban.formatted(),
        "email": k.email.clone().unwrap_or_default(),
    })
}

/// The invitation on paper when `k` did not agree to electronic delivery:
/// `Ok(None)` when they did, `Err` with the reason when it cannot be made.
async fn papieren_brief(
    db: &Db,
    scope: &Scope,
    huisstijl: Option<&Huisstijl>,
    k: &Kandidaat,
    bedrag: Money,
    vandaag: NaiveDate,
) -> Result<Option<(Vec<u8>, String)>, String> {
    let toestemming =
        gbi_store::elektronisch::huidig(db, scope, &k.bsn, "iit uitnodiging: op papier?")
            .await
            .map_err(|e| e.to_string())?
            .is_some_and(|t| t.toestemming);
    if toestemming {
        return Ok(None);
    }
    let h = huisstijl.ok_or("de huisstijl van de gemeente ontbreekt in de configuratie")?;
    let (naam, adres) =
        crate::afhandeling::ontvanger(db, scope, &k.zaak_id, &k.bsn, "iit uitnodiging op papier")
            .await?;
    let brief = gbi_letters::IitUitnodiging {
        kenmerk: k.zaak_identificatie.clone(),
        datum: vandaag,
        ontvanger_naam: naam.clone(),
        ontvanger_adres: adres,
        bedrag: bedrag.to_string(),
    };
    let pdf = gbi_letters::iit_uitnodiging_pdf(h, &brief).map_err(|e| e.to_string())?;
    Ok(Some((pdf, naam)))
}

/// Run the invitations of `vandaag`'s month for the scope's gemeente. The
/// house style makes the paper letters; without it those who need one are
/// counted in [`Verslag::zonder_brief`].
pub async fn uitnodigen(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    gemeente_naam: &str,
    huisstijl: Option<&Huisstijl>,
    vandaag: NaiveDate,
) -> Result<Verslag, StoreError> {
    let maand = Maand::of(vandaag);
    let kandidaten = iit_uitnodigingen::kandidaten(db, scope, &vandaag.to_string()).await?;
    let laatste = gbi_store::besluiten::laatste_toekenningen(db, scope, IIT.identificatie).await?;
    let mut v = Verslag {
        maand: Some(maand),
        clienten: kandidaten.len(),
        ..Verslag::default()
    };
    let mut fout = |reden: String| *v.niet_berekend.entry(reden).or_default() += 1;
    let mut lopend: Vec<Lopend> = Vec::new();
    let mut wie: Vec<&Kandidaat> = Vec::new();
    for k in &kandidaten {
        let Some(feiten) = &k.huishouden else {
            fout(
                "een uitkering met een vast bedrag, zonder huishoudgegevens voor de regels".into(),
            );
            continue;
        };
        let mut huishouden: Huishouden = match serde_json::from_value(feiten.clone()) {
            Ok(h) => h,
            Err(e) => {
                fout(format!("huishoudgegevens niet te lezen ({e})"));
                continue;
            }
        };
        let iit = huishouden.iit.get_or_insert_with(Default::default);
        iit.laatste_iit = laatste.get(k.bsn.as_str()).copied();
        iit.aanvraagdatum = Some(vandaag);
        let van = NaiveDate::parse_from_str(&k.ingangsdatum, "%Y-%m-%d").unwrap_or(vandaag);
        lopend.push(Lopend {
            huishouden,
            maanden_bijstand: maanden_tussen(van, vandaag),
        });
        wie.push(k);
    }
    let gemeente = scope.gemeente;
    let casussen = match regels.caseload(gemeente, vandaag, &lopend) {
        Ok(c) => c,
        Err(e) => {
            fout(e.voor_medewerker());
            return Ok(v);
        }
    };
    let mut clienten: Vec<Casus> = Vec::new();
    let mut van_casus: Vec<&Kandidaat> = Vec::new();
    for (c, k) in casussen.into_iter().zip(wie) {
        match c {
            Ok(c) => {
                clienten.push(c);
                van_casus.push(k);
            }
            Err(e) => fout(e.voor_medewerker()),
        }
    }
    let uit = match regels.iit_uitnodigingen(gemeente, vandaag, &clienten, Wie::Iedereen) {
        Ok(u) => u,
        Err(e) => {
            fout(e.voor_medewerker());
            return Ok(v);
        }
    };
    for (_, e) in &uit.niet_berekend {
        fout(e.voor_medewerker());
    }
    v.voldoet_niet = uit.niet;
    for u in &uit.uitnodigen {
        let Some(k) = van_casus.get(u.index) else {
            continue;
        };
        let bedrag = Money::from_cents(u.bedrag_cents);
        let antwoorden = antwoorden(k, maand);
        let papier = match papieren_brief(db, scope, huisstijl, k, bedrag, vandaag).await {
            Ok(p) => p,
            Err(reden) => {
                tracing::warn!(%reden, "IIT invitation: no paper letter");
                *v.zonder_brief.entry(reden).or_default() += 1;
                None
            }
        };
        let bestandsnaam = format!("uitnodiging-inkomenstoeslag-{maand}.pdf");
        let nieuw = Nieuw {
            bsn: &k.bsn,
            zaaktype: IIT.identificatie,
            maand,
            bedrag,
            antwoorden: &antwoorden,
            melding: melding(k, bedrag, gemeente_naam),
            brief: papier.as_ref().map(|(pdf, naam)| PapierenBrief {
                zaak_id: &k.zaak_id,
                bestandsnaam: &bestandsnaam,
                inhoud: pdf,
                ontvanger_naam: naam,
            }),
        };
        match iit_uitnodigingen::uitnodigen(db, scope, nieuw).await? {
            Some(_) => {
                v.uitgenodigd += 1;
                v.op_papier += usize::from(papier.is_some());
            }
            None => v.al_uitgenodigd += 1,
        }
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_of_bijstand_are_counted_whole() {
        let d = |y, m, dag| NaiveDate::from_ymd_opt(y, m, dag).unwrap();
        assert_eq!(maanden_tussen(d(2022, 12, 1), d(2026, 12, 3)), 48);
        assert_eq!(maanden_tussen(d(2026, 12, 1), d(2026, 12, 3)), 0);
        assert_eq!(maanden_tussen(d(2027, 1, 1), d(2026, 12, 3)), 0);
    }
}

//! Aflossing of a claim that is not offset against a benefit, always
//! within the beslagvrije voet:
//!
//! - a **betalingsregeling** (aflossingsafspraak) debiteurenbeheer agrees
//!   with the debtor: the beslagvrije voet is computed from what is known
//!   (Rv 475da-475dc; without information the debtor counts as
//!   alleenstaande, 475ga-2), the monthly amount never exceeds the
//!   afloscapaciteit, and the letter states the data and the calculation
//!   with four weeks to report other circumstances (Rv 475i);
//! - a **derdenbeslag** after a dwangbevel (art. 60, vijfde lid,
//!   Participatiewet with Rv 479g): the third party pays the afloscapaciteit
//!   each month; the debtor gets the notice of the beslagvrije voet. GBI
//!   applies the beslagvrije voet here too, also where art. 60, zesde lid,
//!   onder b, would allow otherwise: going below it is left to a person
//!   outside GBI.
//!
//! Each is a person's decision; nothing here starts by itself.

use super::INNEN;
use super::ladder::{self, Stap};
use crate::commando::{Fout, Medewerker};
use crate::voorstel::Ongeldig;
use crate::werksoort::WerkSoort;
use chrono::NaiveDate;
use gbi_domain::Money;
use gbi_rules::Regels;
use gbi_rules::invordering::{Bvv, BvvInvoer};
use gbi_store::aflossingen::{self, NieuweAflossing, Wijze};
use gbi_store::{Db, Scope};

/// The data a beslagvrije voet was computed from, for the letter (Rv 475i):
/// (label, value).
pub fn gegevens(invoer: &BvvInvoer) -> Vec<(String, String)> {
    let mut g = vec![
        ("Uw leefsituatie".into(), invoer.leefsituatie.naam().into()),
        (
            "Uw netto inkomen per maand, met vakantiegeld".into(),
            invoer.inkomen_per_maand.to_string(),
        ),
    ];
    if let Some(j) = invoer.belastbaar_jaarinkomen {
        g.push(("Uw belastbaar jaarinkomen".into(), j.to_string()));
    }
    if let Some(w) = invoer.woonkosten_verzoek {
        g.push(("Uw woonkosten per maand".into(), w.to_string()));
    }
    if invoer.geen_adres {
        g.push(("Woonadres".into(), "geen woonadres bekend".into()));
    }
    g
}

fn ongeldig(veld: &'static str, melding: impl Into<String>) -> Fout {
    Fout::Ongeldig(Ongeldig {
        veld,
        melding: melding.into(),
    })
}

fn bvv(regels: &Regels, datum: NaiveDate, invoer: &BvvInvoer) -> Result<Bvv, Fout> {
    // Outside bijstand the formula of Rv 475da, tweede lid, needs the
    // belastbaar jaarinkomen (475d, eerste lid): a person fills it in.
    if invoer.bijstand.is_none() && invoer.belastbaar_jaarinkomen.is_none() {
        return Err(ongeldig(
            "jaarinkomen",
            "Belastbaar jaarinkomen: vul het in (uit de aangifte inkomstenbelasting of de jaaropgave). Het is nodig voor de berekening van de beslagvrije voet (art. 475da, tweede lid, Rv).",
        ));
    }
    regels
        .beslagvrije_voet(datum, invoer)
        .map_err(|e| Fout::KanNu(e.voor_medewerker()))
}

fn motivering_nodig(motivering: &str) -> Result<(), Fout> {
    if motivering.trim().chars().count() < 10 {
        return Err(ongeldig(
            "motivering",
            "Leg uit waarom (ten minste 10 tekens).",
        ));
    }
    Ok(())
}

fn eerste_termijn_geldig(eerste: NaiveDate, vandaag: NaiveDate) -> Result<(), Fout> {
    if eerste < vandaag {
        return Err(ongeldig(
            "eerste_termijn",
            "De eerste termijn kan niet in het verleden liggen.",
        ));
    }
    if eerste > vandaag + chrono::Duration::days(92) {
        return Err(ongeldig(
            "eerste_termijn",
            "De eerste termijn ligt ten hoogste 3 maanden na vandaag.",
        ));
    }
    Ok(())
}

/// What a person decides for a betalingsregeling.
pub struct Regeling<'a> {
    pub invoer: BvvInvoer,
    pub per_maand: Money,
    pub eerste_termijn: NaiveDate,
    pub motivering: &'a str,
}

/// Agree a betalingsregeling on claim `id`. Returns the aflossing's id.
pub async fn betalingsregeling(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    wie: &Medewerker<'_>,
    id: &str,
    r: &Regeling<'_>,
    vandaag: NaiveDate,
) -> Result<String, Fout> {
    if !wie.heeft(INNEN) {
        return Err(Fout::Geweigerd);
    }
    let (v, lopend) = ladder::laden(db, scope, id, "betalingsregeling afspreken").await?;
    match ladder::stap(&v, lopend.as_ref(), vandaag) {
        Stap::Afgesloten => return Err(Fout::KanNu("deze vordering staat niet meer open".into())),
        Stap::Verrekend => {
            return Err(Fout::KanNu(
                "deze vordering wordt verrekend met de uitkering: een betalingsregeling is niet nodig"
                    .into(),
            ));
        }
        Stap::Beslag(_) => {
            return Err(Fout::KanNu(
                "er loopt een derdenbeslag: hef dat eerst op".into(),
            ));
        }
        _ => {}
    }
    eerste_termijn_geldig(r.eerste_termijn, vandaag)?;
    motivering_nodig(r.motivering)?;
    let b = bvv(regels, r.eerste_termijn, &r.invoer)?;
    if b.afloscapaciteit.cents() <= 0 {
        return Err(ongeldig(
            "per_maand",
            format!(
                "Met deze gegevens is de afloscapaciteit € 0,00: de inwoner houdt alleen de beslagvrije voet ({}) over. Spreek geen regeling af; stel uitstel of kwijtschelding voor.",
                b.beslagvrije_voet
            ),
        ));
    }
    if r.per_maand.cents() <= 0 || r.per_maand > b.afloscapaciteit {
        return Err(ongeldig(
            "per_maand",
            format!(
                "Het bedrag per maand moet meer dan € 0,00 zijn en ten hoogste de afloscapaciteit van {}: anders houdt de inwoner minder over dan de beslagvrije voet van {}.",
                b.afloscapaciteit, b.beslagvrije_voet
            ),
        ));
    }
    vastleggen(
        db,
        scope,
        wie,
        id,
        Wijze::Betalingsregeling,
        None,
        r.per_maand,
        r,
        &b,
    )
    .await
}

/// What a person decides for a derdenbeslag.
pub struct Beslag<'a> {
    pub derde: &'a str,
    pub derde_adres: &'a [String],
    pub invoer: BvvInvoer,
    pub eerste_termijn: NaiveDate,
    pub motivering: &'a str,
}

/// Lay derdenbeslag for claim `id` after its dwangbevel: the third party
/// pays the afloscapaciteit each month (never more than is open).
pub async fn derdenbeslag(
    db: &Db,
    scope: &Scope,
    regels: &Regels,
    wie: &Medewerker<'_>,
    id: &str,
    b: &Beslag<'_>,
    vandaag: NaiveDate,
) -> Result<String, Fout> {
    if !wie.heeft(INNEN) {
        return Err(Fout::Geweigerd);
    }
    let (v, lopend) = ladder::laden(db, scope, id, "derdenbeslag leggen").await?;
    match ladder::stap(&v, lopend.as_ref(), vandaag) {
        Stap::BeslagMogelijk(_) => {}
        Stap::Beslag(_) => {
            return Err(Fout::KanNu(
                "er loopt al een derdenbeslag: hef dat eerst op".into(),
            ));
        }
        andere => {
            return Err(Fout::KanNu(format!(
                "derdenbeslag kan alleen na een dwangbevel dat niet is betaald (art. 60, vijfde lid, Participatiewet); nu: {}",
                andere.omschrijving().to_lowercase()
            )));
        }
    }
    if b.derde.trim().is_empty() {
        return Err(ongeldig(
            "derde",
            "Vul in bij wie u beslag legt: de werkgever of uitkeringsinstantie.",
        ));
    }
    if b.derde.chars().count() > 200 {
        return Err(ongeldig(
            "derde",
            "De naam is te lang (ten hoogste 200 tekens).",
        ));
    }
    eerste_termijn_geldig(b.eerste_termijn, vandaag)?;
    motivering_nodig(b.motivering)?;
    if b.invoer.inkomen_per_maand.cents() <= 0 {
        return Err(ongeldig(
            "inkomen",
            "Vul het netto inkomen in dat de derde elke maand aan de inwoner betaalt.",
        ));
    }
    let berekend = bvv(regels, b.eerste_termijn, &b.invoer)?;
    let per_maand = berekend.afloscapaciteit.min(v.open_bedrag);
    if per_maand.cents() <= 0 {
        return Err(ongeldig(
            "inkomen",
            format!(
                "Met deze gegevens is de afloscapaciteit € 0,00: het inkomen valt onder de beslagvrije voet ({}). Beslag heeft geen zin.",
                berekend.beslagvrije_voet
            ),
        ));
    }
    let r = Regeling {
        invoer: b.invoer,
        per_maand,
        eerste_termijn: b.eerste_termijn,
        motivering: b.motivering,
    };
    vastleggen(
        db,
        scope,
        wie,
        id,
        Wijze::Derdenbeslag,
        Some((b.derde, b.derde_adres)),
        per_maand,
        &r,
        &berekend,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn vastleggen(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    id: &str,
    wijze: Wijze,
    derde: Option<(&str, &[String])>,
    per_maand: Money,
    r: &Regeling<'_>,
    b: &Bvv,
) -> Result<String, Fout> {
    let invoer = serde_json::to_string(&r.invoer)
        .map_err(|e| Fout::KanNu(format!("de gegevens zijn niet op te slaan ({e})")))?;
    // The letters are about the new aflossing: the store plans each code
    // with its id.
    let codes: Vec<String> = match wijze {
        Wijze::Betalingsregeling => vec![WerkSoort::BriefBetalingsregeling.code()],
        Wijze::Derdenbeslag => vec![
            WerkSoort::BriefDerdenbeslag.code(),
            WerkSoort::BriefBeslagvrijeVoet.code(),
        ],
    };
    let werk: Vec<&str> = codes.iter().map(String::as_str).collect();
    Ok(aflossingen::vastleggen(
        db,
        scope,
        &NieuweAflossing {
            vordering_id: id,
            wijze,
            derde,
            bedrag_per_maand: per_maand,
            eerste_termijn: r.eerste_termijn,
            invoer: &invoer,
            beslagvrije_voet: b.beslagvrije_voet,
            afloscapaciteit: b.afloscapaciteit,
            motivering: r.motivering,
            door: wie.id,
            werk: &werk,
        },
    )
    .await?)
}

/// End running aflossing `aflossing_id` (a person's decision, e.g. when the
/// claim is paid or the debtor's situation changed). A derdenbeslag's third
/// party gets the letter of its opheffing.
pub async fn beeindigen(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    aflossing_id: &str,
    vandaag: NaiveDate,
) -> Result<(), Fout> {
    if !wie.heeft(INNEN) {
        return Err(Fout::Geweigerd);
    }
    let a = aflossingen::get(db, scope, aflossing_id, "aflossing beëindigen")
        .await?
        .ok_or(Fout::Store(gbi_store::StoreError::NotFound))?;
    if !a.lopend {
        return Err(Fout::KanNu("deze aflossing loopt niet meer".into()));
    }
    let werk: Vec<String> = match a.wijze {
        Wijze::Derdenbeslag => {
            vec![WerkSoort::BriefDerdenbeslag.code_voor(&format!("{}:opheffing", a.id))]
        }
        Wijze::Betalingsregeling => Vec::new(),
    };
    aflossingen::beeindigen(db, scope, aflossing_id, vandaag, wie.id, &werk).await?;
    Ok(())
}

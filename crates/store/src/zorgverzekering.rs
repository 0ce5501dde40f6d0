//! Sign-ups for the collective supplementary health insurance
//! (gemeentepolis, Participatiewet art. 35, derde lid). A resident signs up
//! in the portal for a package of the gemeente's policy, optionally with a
//! partner; the gemeente sends the sign-ups to the insurer. No zaak and no
//! decision per person.
//!
//! At most one active sign-up per resident per gemeente (a unique index,
//! and a check in the transaction that also counts being someone's
//! partner). Stopping (afmelden) keeps the row with the last day of cover.
//! Every read and write is logged for every person in it: the resident and
//! the partner.

use crate::db::{Db, Tx};
use crate::logboek::{self, Handeling, Verwerkingsactiviteit};
use crate::{Result, Scope, StoreError, now_utc};
use chrono::NaiveDate;
use gbi_domain::Bsn;
use serde::Serialize;
use sqlx::Row;

/// Signing up or stopping, and the resident seeing their own sign-up.
pub const AANMELDEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.zorgverzekering.aanmelden",
    naam: "Aanmelden voor de collectieve zorgverzekering",
    doel: "Een inwoner en eventueel de partner aanmelden voor de collectieve aanvullende zorgverzekering van de gemeente, de aanmelding tonen en de inwoner laten afmelden",
    grondslag: "Participatiewet art. 35 lid 3; AVG art. 6 lid 1 sub e",
};

/// Staff seeing the sign-ups of their gemeente.
pub const INZIEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.zorgverzekering.inzien",
    naam: "Aanmeldingen collectieve zorgverzekering inzien",
    doel: "Een medewerker ziet wie zich heeft aangemeld voor de collectieve zorgverzekering, om vragen van inwoners te beantwoorden",
    grondslag: "Participatiewet art. 35 lid 3 en art. 7 lid 1; AVG art. 6 lid 1 sub e",
};

/// The file for the insurer.
pub const EXPORTEREN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.zorgverzekering.exporteren",
    naam: "Aanmeldingen collectieve zorgverzekering naar de verzekeraar",
    doel: "Het bestand met de aangemelde inwoners, hun partners en hun pakket maken om het aan de zorgverzekeraar te sturen, zodat die hen verzekert en de bijdrage van de gemeente verrekent",
    grondslag: "Participatiewet art. 35 lid 3; AVG art. 6 lid 1 sub b en e",
};

/// One sign-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aanmelding {
    pub id: String,
    /// The resident who signed up (verzekeringnemer).
    pub bsn: Bsn,
    pub naam: String,
    /// The partner insured with them, if any.
    pub partner_bsn: Option<Bsn>,
    pub pakket_code: String,
    /// The package's name when the resident chose it.
    pub pakket_naam: String,
    /// First day of cover (ISO date).
    pub ingangsdatum: String,
    /// When the resident signed up (stored UTC moment).
    pub aangemeld_op: String,
    /// When the resident stopped, if they did (stored UTC moment).
    pub afgemeld_op: Option<String>,
    /// Last day of cover after stopping (ISO date).
    pub einddatum: Option<String>,
}

impl Aanmelding {
    pub fn actief(&self) -> bool {
        self.afgemeld_op.is_none()
    }

    /// Everyone insured by this sign-up: the resident, then the partner.
    pub fn verzekerden(&self) -> Vec<&Bsn> {
        std::iter::once(&self.bsn)
            .chain(self.partner_bsn.as_ref())
            .collect()
    }
}

/// What a resident signs up with. The caller has checked the package
/// against the policy and the declaration of income.
pub struct NieuweAanmelding<'a> {
    pub bsn: &'a Bsn,
    pub naam: &'a str,
    pub partner_bsn: Option<&'a Bsn>,
    pub pakket_code: &'a str,
    pub pakket_naam: &'a str,
    pub ingangsdatum: NaiveDate,
}

/// Why a sign-up was not stored: [`StoreError::Conflict`] with one of these.
pub const AL_AANGEMELD: &str = "zorgverzekering.al_aangemeld";
/// The partner named is the resident themselves.
pub const PARTNER_ZELF: &str = "zorgverzekering.partner_zelf";

const KOLOMMEN: &str = "id, bsn, naam, partner_bsn, pakket_code, pakket_naam, ingangsdatum, \
                        aangemeld_op, afgemeld_op, einddatum";

fn uit_rij(r: &sqlx::any::AnyRow) -> Result<Aanmelding> {
    let partner: Option<String> = r.try_get("partner_bsn")?;
    Ok(Aanmelding {
        id: r.try_get("id")?,
        bsn: Bsn::parse(&r.try_get::<String, _>("bsn")?)?,
        naam: r.try_get("naam")?,
        partner_bsn: partner.as_deref().map(Bsn::parse).transpose()?,
        pakket_code: r.try_get("pakket_code")?,
        pakket_naam: r.try_get("pakket_naam")?,
        ingangsdatum: r.try_get("ingangsdatum")?,
        aangemeld_op: r.try_get("aangemeld_op")?,
        afgemeld_op: r.try_get("afgemeld_op")?,
        einddatum: r.try_get("einddatum")?,
    })
}

/// Log one processing for every person insured by these sign-ups.
async fn log_verzekerden(
    tx: &mut Tx,
    scope: &Scope,
    activiteit: &'static Verwerkingsactiviteit,
    handeling: Handeling,
    aanmeldingen: &[Aanmelding],
    operation: &str,
    start: &str,
) -> Result<u64> {
    let mut hashes: Vec<String> = aanmeldingen
        .iter()
        .flat_map(Aanmelding::verzekerden)
        .map(|b| logboek::subject_hash(&tx.keys.subject, b))
        .collect();
    hashes.sort();
    hashes.dedup();
    logboek::record_many(tx, scope, activiteit, handeling, operation, &hashes, start).await
}

/// The active sign-up that insures `bsn` in the scope's gemeente: their
/// own, or one in which they are the partner.
async fn actief_in(tx: &mut Tx, scope: &Scope, bsn: &Bsn) -> Result<Option<Aanmelding>> {
    let row = sqlx::query(&format!(
        "SELECT {KOLOMMEN} FROM zorgverzekering_aanmeldingen \
         WHERE gemeente_code = $1 AND afgemeld_op IS NULL AND (bsn = $2 OR partner_bsn = $2) \
         ORDER BY aangemeld_op, id LIMIT 1"
    ))
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .fetch_optional(tx.conn())
    .await?;
    row.as_ref().map(uit_rij).transpose()
}

/// Sign a resident up. [`StoreError::Conflict`] with [`AL_AANGEMELD`] when
/// the resident is already insured by an active sign-up (their own or as
/// someone's partner), with [`PARTNER_ZELF`] when the partner is the
/// resident. Logged as a write for the resident and the partner.
pub async fn aanmelden(
    db: &Db,
    scope: &Scope,
    nieuw: &NieuweAanmelding<'_>,
    operation: &str,
) -> Result<Aanmelding> {
    if nieuw.partner_bsn == Some(nieuw.bsn) {
        return Err(StoreError::Conflict(PARTNER_ZELF.into()));
    }
    let start = now_utc();
    let mut tx = db.begin().await?;
    if actief_in(&mut tx, scope, nieuw.bsn).await?.is_some() {
        return Err(StoreError::Conflict(AL_AANGEMELD.into()));
    }
    let a = Aanmelding {
        id: uuid::Uuid::new_v4().to_string(),
        bsn: nieuw.bsn.clone(),
        naam: nieuw.naam.trim().to_owned(),
        partner_bsn: nieuw.partner_bsn.cloned(),
        pakket_code: nieuw.pakket_code.to_owned(),
        pakket_naam: nieuw.pakket_naam.to_owned(),
        ingangsdatum: nieuw.ingangsdatum.to_string(),
        aangemeld_op: start.clone(),
        afgemeld_op: None,
        einddatum: None,
    };
    sqlx::query(
        "INSERT INTO zorgverzekering_aanmeldingen (id, gemeente_code, bsn, naam, partner_bsn, pakket_code, \
         pakket_naam, inkomen_verklaard, ingangsdatum, aangemeld_op) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9)",
    )
    .bind(&a.id)
    .bind(scope.gemeente.as_str())
    .bind(a.bsn.as_str())
    .bind(&a.naam)
    .bind(a.partner_bsn.as_ref().map(|b| b.as_str().to_owned()))
    .bind(&a.pakket_code)
    .bind(&a.pakket_naam)
    .bind(&a.ingangsdatum)
    .bind(&a.aangemeld_op)
    .execute(tx.conn())
    .await
    .map_err(|e| match StoreError::from(e) {
        // Two sign-ups at once: the unique index keeps one.
        StoreError::Conflict(_) => StoreError::Conflict(AL_AANGEMELD.into()),
        e => e,
    })?;
    log_verzekerden(
        &mut tx,
        scope,
        &AANMELDEN,
        Handeling::Schrijven,
        std::slice::from_ref(&a),
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(a)
}

/// The active sign-up that insures the resident, if any: their own, or one
/// in which they are the partner. Logged as a read for everyone in it (or
/// for the resident, when there is none).
pub async fn huidig(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    operation: &str,
) -> Result<Option<Aanmelding>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let a = actief_in(&mut tx, scope, bsn).await?;
    match &a {
        Some(a) => {
            log_verzekerden(
                &mut tx,
                scope,
                &AANMELDEN,
                Handeling::Lezen,
                std::slice::from_ref(a),
                operation,
                &start,
            )
            .await?;
        }
        None => {
            logboek::note(
                &mut tx,
                scope,
                &AANMELDEN,
                Handeling::Lezen,
                bsn,
                operation,
                &start,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(a)
}

/// Stop the resident's own active sign-up, with `einddatum` as the last day
/// of cover. `None` when the resident has no sign-up of their own (being
/// someone's partner, only that person can stop it). Logged as a write for
/// everyone in it.
pub async fn afmelden(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    einddatum: NaiveDate,
    operation: &str,
) -> Result<Option<Aanmelding>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {KOLOMMEN} FROM zorgverzekering_aanmeldingen \
         WHERE gemeente_code = $1 AND bsn = $2 AND afgemeld_op IS NULL"
    ))
    .bind(scope.gemeente.as_str())
    .bind(bsn.as_str())
    .fetch_optional(tx.conn())
    .await?;
    let Some(mut a) = row.as_ref().map(uit_rij).transpose()? else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE zorgverzekering_aanmeldingen SET afgemeld_op = $1, einddatum = $2 \
         WHERE gemeente_code = $3 AND id = $4 AND afgemeld_op IS NULL",
    )
    .bind(&start)
    .bind(einddatum.to_string())
    .bind(scope.gemeente.as_str())
    .bind(&a.id)
    .execute(tx.conn())
    .await?;
    a.afgemeld_op = Some(start.clone());
    a.einddatum = Some(einddatum.to_string());
    log_verzekerden(
        &mut tx,
        scope,
        &AANMELDEN,
        Handeling::Schrijven,
        std::slice::from_ref(&a),
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(a))
}

/// Why staff read the sign-ups: to see them, or to send them to the insurer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doel {
    Inzien,
    Exporteren,
}

/// Every sign-up of the scope's gemeente, active and stopped, oldest first.
/// Logged as a read for every person in them, as [`INZIEN`] or
/// [`EXPORTEREN`].
pub async fn lijst(db: &Db, scope: &Scope, doel: Doel, operation: &str) -> Result<Vec<Aanmelding>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&format!(
        "SELECT {KOLOMMEN} FROM zorgverzekering_aanmeldingen WHERE gemeente_code = $1 \
         ORDER BY aangemeld_op, id"
    ))
    .bind(scope.gemeente.as_str())
    .fetch_all(tx.conn())
    .await?;
    let lijst = rows.iter().map(uit_rij).collect::<Result<Vec<_>>>()?;
    let activiteit = match doel {
        Doel::Inzien => &INZIEN,
        Doel::Exporteren => &EXPORTEREN,
    };
    log_verzekerden(
        &mut tx,
        scope,
        activiteit,
        Handeling::Lezen,
        &lijst,
        operation,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(lijst)
}

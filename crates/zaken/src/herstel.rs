//! A hersteltermijn item by item (Awb 4:5). Every document and question the
//! caseworker asked for is its own line with its own state. The resident
//! sends, replaces and removes documents and answers questions while the
//! hersteltermijn is open; once every item is in, the deadline runs again
//! and the zaak returns to the work queue. Until then, or until the
//! hersteltermijn expires and a person decides, it stays open.

use crate::behandeling::{Verzoek, document_naam, informatie_geleverd};
use chrono::NaiveDate;
use gbi_store::documenten::{self, Document, NewDocument};
use gbi_store::hersteltermijn::{self, Hersteltermijn};
use gbi_store::zaken::Zaak;
use gbi_store::{Db, Scope, StoreError};

/// The longest answer we keep to one question.
pub const MAX_ANTWOORD: usize = 2000;

/// One thing asked of the resident.
#[derive(Debug, Clone, PartialEq)]
pub enum Onderdeel {
    Document {
        /// The informatieobjecttype, e.g. `identiteitsbewijs`.
        code: String,
        /// As residents read it, e.g. "Identiteitsbewijs".
        naam: String,
        /// What the resident sent for it during this hersteltermijn.
        ontvangen: Vec<Document>,
    },
    Vraag {
        /// Position of the question in the request, from 0.
        nr: i64,
        vraag: String,
        antwoord: Option<String>,
    },
}

impl Onderdeel {
    pub fn binnen(&self) -> bool {
        match self {
            Onderdeel::Document { ontvangen, .. } => !ontvangen.is_empty(),
            Onderdeel::Vraag { antwoord, .. } => antwoord.is_some(),
        }
    }

    /// Its name in one line, for lists of what is missing.
    pub fn naam(&self) -> &str {
        match self {
            Onderdeel::Document { naam, .. } => naam,
            Onderdeel::Vraag { vraag, .. } => vraag,
        }
    }
}

/// Where a hersteltermijn stands.
#[derive(Debug, Clone)]
pub struct Stand {
    pub hersteltermijn: Hersteltermijn,
    pub deadline: Option<NaiveDate>,
    pub onderdelen: Vec<Onderdeel>,
}

impl Stand {
    pub fn compleet(&self) -> bool {
        self.onderdelen.iter().all(Onderdeel::binnen)
    }

    pub fn ontbreekt(&self) -> Vec<&str> {
        self.onderdelen
            .iter()
            .filter(|o| !o.binnen())
            .map(Onderdeel::naam)
            .collect()
    }
}

/// Why a resident's change to a hersteltermijn was not taken.
#[derive(Debug)]
pub enum HerstelFout {
    /// No hersteltermijn is open (it was completed or expired).
    NietOpen,
    /// The answer is empty or too long: a message for the resident.
    Antwoord(&'static str),
    Store(StoreError),
}

impl From<StoreError> for HerstelFout {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(_) => HerstelFout::NietOpen,
            e => HerstelFout::Store(e),
        }
    }
}

/// The open hersteltermijn of a zaak, item by item.
pub async fn stand(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Option<Stand>, StoreError> {
    let Some(h) = hersteltermijn::open(db, scope, zaak_id).await? else {
        return Ok(None);
    };
    stand_van(db, scope, h).await.map(Some)
}

/// The newest hersteltermijn of a zaak (open or closed), item by item: what
/// the caseworker sees, also after everything came in.
pub async fn laatste(db: &Db, scope: &Scope, zaak_id: &str) -> Result<Option<Stand>, StoreError> {
    let Some(h) = hersteltermijn::laatste(db, scope, zaak_id).await? else {
        return Ok(None);
    };
    stand_van(db, scope, h).await.map(Some)
}

/// The items of a hersteltermijn (open or closed).
pub async fn stand_van(db: &Db, scope: &Scope, h: Hersteltermijn) -> Result<Stand, StoreError> {
    let verzoek: Verzoek = serde_json::from_value(h.gevraagd.clone()).unwrap_or(Verzoek {
        documenten: Vec::new(),
        vragen: Vec::new(),
    });
    let sindsdien: Vec<Document> = documenten::list(db, scope, None, Some(&h.zaak_id))
        .await?
        .into_iter()
        .filter(|d| d.created_at >= h.created_at)
        .collect();
    let antwoorden = hersteltermijn::antwoorden(db, scope, &h.id).await?;
    let mut onderdelen: Vec<Onderdeel> = verzoek
        .documenten
        .iter()
        .map(|code| Onderdeel::Document {
            code: code.clone(),
            naam: document_naam(code).to_owned(),
            ontvangen: sindsdien
                .iter()
                .filter(|d| &d.informatieobjecttype == code)
                .cloned()
                .collect(),
        })
        .collect();
    onderdelen.extend(verzoek.vragen.iter().enumerate().map(|(i, vraag)| {
        let nr = i as i64;
        Onderdeel::Vraag {
            nr,
            vraag: vraag.clone(),
            antwoord: antwoorden
                .iter()
                .find(|a| a.vraag == nr)
                .map(|a| a.antwoord.clone()),
        }
    }));
    Ok(Stand {
        deadline: gbi_domain::date::parse_date(&h.deadline).ok(),
        hersteltermijn: h,
        onderdelen,
    })
}

/// Once every item is in, the deadline runs again and the zaak returns to
/// the queue. Returns whether that happened.
async fn afronden_als_compleet(
    db: &Db,
    scope: &Scope,
    zaak: &Zaak,
    vandaag: NaiveDate,
) -> Result<bool, StoreError> {
    match stand(db, scope, &zaak.id).await? {
        Some(s) if s.compleet() => informatie_geleverd(db, scope, zaak, vandaag).await,
        _ => Ok(false),
    }
}

/// The resident sends a document for a zaak. During a hersteltermijn it
/// counts for the item of its type; when that makes the request complete,
/// the hersteltermijn ends. Returns whether it ended.
pub async fn document_sturen(
    db: &Db,
    scope: &Scope,
    zaak: &Zaak,
    doc: NewDocument<'_>,
    operation: &str,
    vandaag: NaiveDate,
) -> Result<bool, StoreError> {
    documenten::add(db, scope, doc, operation).await?;
    afronden_als_compleet(db, scope, zaak, vandaag).await
}

/// The resident answers question `nr` of the open hersteltermijn.
pub async fn beantwoorden(
    db: &Db,
    scope: &Scope,
    zaak: &Zaak,
    nr: i64,
    antwoord: &str,
    operation: &str,
    vandaag: NaiveDate,
) -> Result<bool, HerstelFout> {
    let antwoord = antwoord.trim();
    if antwoord.is_empty() {
        return Err(HerstelFout::Antwoord("Schrijf uw antwoord op."));
    }
    if antwoord.chars().count() > MAX_ANTWOORD {
        return Err(HerstelFout::Antwoord(
            "Uw antwoord is te lang: schrijf hoogstens 2000 tekens. Stuur meer uitleg als document.",
        ));
    }
    let Some(s) = stand(db, scope, &zaak.id).await? else {
        return Err(HerstelFout::NietOpen);
    };
    if !s
        .onderdelen
        .iter()
        .any(|o| matches!(o, Onderdeel::Vraag { nr: n, .. } if *n == nr))
    {
        return Err(HerstelFout::NietOpen);
    }
    hersteltermijn::beantwoorden(
        db,
        scope,
        &s.hersteltermijn.id,
        &zaak.bsn,
        nr,
        antwoord,
        operation,
    )
    .await?;
    Ok(afronden_als_compleet(db, scope, zaak, vandaag).await?)
}

/// The resident removes a document sent during the open hersteltermijn
/// (a wrong file). Returns whether it was removed.
pub async fn document_verwijderen(
    db: &Db,
    scope: &Scope,
    zaak: &Zaak,
    document_id: &str,
    operation: &str,
) -> Result<bool, HerstelFout> {
    let Some(s) = stand(db, scope, &zaak.id).await? else {
        return Err(HerstelFout::NietOpen);
    };
    Ok(documenten::verwijderen_door_inwoner(
        db,
        scope,
        document_id,
        &zaak.id,
        &zaak.bsn,
        &s.hersteltermijn.created_at,
        operation,
    )
    .await?)
}

//! The monthly invitation to the individuele inkomenstoeslag (art. 36):
//! the gemeente's own clients with running bijstand are read (logged), and
//! each one the rules find eligible again gets a prefilled draft and a
//! message, at most once a month. The draft is not an application: only
//! the resident's confirmation makes it one.

use crate::db::Db;
use crate::logboek::{self, Handeling};
use crate::zaken::Melding;
use crate::{Result, Scope, StoreError, now_utc};
use gbi_domain::{Bsn, Iban, Maand, Money};
use sqlx::Row;

/// An own client with running algemene bijstand.
#[derive(Debug, Clone)]
pub struct Kandidaat {
    pub bsn: Bsn,
    /// The zaak of their running bijstand: a paper invitation goes with it.
    pub zaak_id: String,
    /// Its identificatie, the kenmerk on the letter.
    pub zaak_identificatie: String,
    pub ingangsdatum: String,
    pub iban: Iban,
    /// The facts of the toekenning (JSON of `gbi_rules::Huishouden`), when
    /// the rules computed it.
    pub huishouden: Option<serde_json::Value>,
    /// The e-mail address of their application, if any.
    pub email: Option<String>,
}

/// Every client of the scope's gemeente with algemene bijstand running on
/// `datum` (ISO), read in one transaction and logged per resident.
pub async fn kandidaten(db: &Db, scope: &Scope, datum: &str) -> Result<Vec<Kandidaat>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(
        "SELECT u.bsn, u.zaak_id, z.identificatie, u.ingangsdatum, u.iban, u.huishouden, z.aanvraag FROM uitkeringen u \
         JOIN zaken z ON z.id = u.zaak_id \
         WHERE u.gemeente_code = $1 AND u.regeling = 'algemene_bijstand' AND u.status = 'lopend' \
         AND u.ingangsdatum <= $2 AND (u.einddatum IS NULL OR u.einddatum >= $2) ORDER BY u.bsn, u.id",
    )
    .bind(scope.gemeente.as_str())
    .bind(datum)
    .fetch_all(tx.conn())
    .await?;
    let mut uit: Vec<Kandidaat> = Vec::with_capacity(rows.len());
    for r in &rows {
        let bsn = Bsn::parse(&r.try_get::<String, _>("bsn")?)?;
        if uit.last().is_some_and(|k| k.bsn == bsn) {
            continue;
        }
        let aanvraag: String = r.try_get("aanvraag")?;
        let aanvraag: serde_json::Value = serde_json::from_str(&aanvraag).unwrap_or_default();
        let huishouden = r
            .try_get::<Option<String>, _>("huishouden")?
            .map(|h| serde_json::from_str(&h).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()?;
        uit.push(Kandidaat {
            bsn,
            zaak_id: r.try_get("zaak_id")?,
            zaak_identificatie: r.try_get("identificatie")?,
            ingangsdatum: r.try_get("ingangsdatum")?,
            iban: Iban::parse(&r.try_get::<String, _>("iban")?)?,
            huishouden,
            email: aanvraag
                .get("email")
                .and_then(|e| e.as_str())
                .filter(|e| !e.is_empty())
                .map(str::to_owned),
        });
    }
    let gelezen: Vec<String> = uit.iter().map(|k| db.logboek_subject(&k.bsn)).collect();
    logboek::record_many(
        &mut tx,
        scope,
        &logboek::IIT_UITNODIGEN,
        Handeling::Lezen,
        "iit uitnodigingen: eigen cliënten lezen",
        &gelezen,
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(uit)
}

/// One invitation to store.
pub struct Nieuw<'a> {
    pub bsn: &'a Bsn,
    /// The zaaktype of the draft (the IIT's).
    pub zaaktype: &'a str,
    pub maand: Maand,
    pub bedrag: Money,
    /// The prefilled answers of the IIT draft.
    pub antwoorden: &'a serde_json::Value,
    pub melding: Melding,
    /// The invitation on paper, for a resident who did not agree to
    /// electronic delivery; stored with the zaak of their bijstand and put
    /// in the print queue unless they agreed by now.
    pub brief: Option<PapierenBrief<'a>>,
}

/// A paper invitation (PDF) and where it belongs.
pub struct PapierenBrief<'a> {
    /// The zaak of the resident's running bijstand.
    pub zaak_id: &'a str,
    pub bestandsnaam: &'a str,
    pub inhoud: &'a [u8],
    /// The addressee's name as on the letter (for the print queue).
    pub ontvanger_naam: &'a str,
}

/// The kind of letter in the print queue and its document type.
pub const BRIEF_SOORT: &str = "iit_uitnodiging";

/// Store one invitation with its draft and message, in one transaction;
/// `None` when this resident was invited this month already.
pub async fn uitnodigen(db: &Db, scope: &Scope, n: Nieuw<'_>) -> Result<Option<String>> {
    let start = now_utc();
    let mut tx = db.begin().await?;
    let al = sqlx::query(
        "SELECT concept_id FROM iit_uitnodigingen WHERE gemeente_code = $1 AND bsn = $2 AND maand = $3",
    )
    .bind(scope.gemeente.as_str())
    .bind(n.bsn.as_str())
    .bind(n.maand.to_string())
    .fetch_optional(tx.conn())
    .await?;
    if al.is_some() {
        return Ok(None);
    }
    let concept_id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO concepten (id, gemeente_code, bsn, zaaktype, antwoorden, kanaal, gemachtigde_bsn, versie, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'digitaal', NULL, 1, $6, $6)",
    )
    .bind(&concept_id)
    .bind(scope.gemeente.as_str())
    .bind(n.bsn.as_str())
    .bind(n.zaaktype)
    .bind(n.antwoorden.to_string())
    .bind(&start)
    .execute(tx.conn())
    .await?;
    let ingevoegd = sqlx::query(
        "INSERT INTO iit_uitnodigingen (id, gemeente_code, bsn, maand, concept_id, bedrag, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (gemeente_code, bsn, maand) DO NOTHING",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(scope.gemeente.as_str())
    .bind(n.bsn.as_str())
    .bind(n.maand.to_string())
    .bind(&concept_id)
    .bind(n.bedrag.cents())
    .bind(&start)
    .execute(tx.conn())
    .await?
    .rows_affected();
    if ingevoegd == 0 {
        // A concurrent run invited them first; this draft is not kept.
        return Ok(None);
    }
    crate::zaken::add_melding(&mut tx, scope, n.bsn, None, &n.melding).await?;
    if let Some(b) = &n.brief {
        let doc = crate::documenten::add_in(
            &mut tx,
            scope,
            crate::documenten::NewDocument {
                bsn: n.bsn,
                concept_id: None,
                zaak_id: Some(b.zaak_id),
                informatieobjecttype: BRIEF_SOORT,
                bestandsnaam: b.bestandsnaam,
                mime: "application/pdf",
                inhoud: b.inhoud,
            },
            "iit uitnodiging op papier",
        )
        .await?;
        crate::printwachtrij::zonder_toestemming_in(
            &mut tx,
            scope,
            b.zaak_id,
            &doc.id,
            n.bsn,
            BRIEF_SOORT,
            b.ontvanger_naam,
        )
        .await?;
    }
    logboek::note(
        &mut tx,
        scope,
        &logboek::IIT_UITNODIGEN,
        Handeling::Schrijven,
        n.bsn,
        "iit uitnodiging met ingevulde aanvraag",
        &start,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(concept_id))
}

/// How many residents of the scope's gemeente were invited in `maand`.
pub async fn aantal(db: &Db, scope: &Scope, maand: Maand) -> Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM iit_uitnodigingen WHERE gemeente_code = $1 AND maand = $2",
    )
    .bind(scope.gemeente.as_str())
    .bind(maand.to_string())
    .fetch_one(db.pool())
    .await?;
    Ok(row.try_get("n")?)
}

/// Claim the monthly run of `maand` for the scope's gemeente: `true` for
/// the first caller only (of every GBI instance on this database).
pub async fn ronde_claimen(db: &Db, scope: &Scope, maand: Maand) -> Result<bool> {
    let n = sqlx::query(
        "INSERT INTO iit_uitnodigingsrondes (gemeente_code, maand, gestart_op) VALUES ($1, $2, $3) \
         ON CONFLICT (gemeente_code, maand) DO NOTHING",
    )
    .bind(scope.gemeente.as_str())
    .bind(maand.to_string())
    .bind(now_utc())
    .execute(db.pool())
    .await?
    .rows_affected();
    Ok(n == 1)
}

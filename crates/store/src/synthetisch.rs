//! A synthetic caseload — decided zaken with running benefits — created in
//! bulk, for benchmarks and tests of the payment run. Everything it makes is
//! marked as synthetic in the zaak's channel (`synthetisch`).

use crate::db::Db;
use crate::{Result, Scope, now_utc};
use gbi_domain::{Bsn, Iban, Money};

/// Create `n` decided zaken of the scope's gemeente, each with a running
/// benefit starting on `ingangsdatum`, in batches. Returns how many.
pub async fn caseload(db: &Db, scope: &Scope, n: u32, ingangsdatum: &str) -> Result<u32> {
    let clienten: Vec<(String, Option<serde_json::Value>)> =
        (0..n).map(|_| (ingangsdatum.to_owned(), None)).collect();
    invoegen(db, scope, &clienten).await
}

/// Create a decided zaak with a running benefit per (ingangsdatum, household
/// facts) of `clienten`, in batches: own clients the rules can assess (the
/// benchmark of the IIT invitation over the database). Returns how many.
pub async fn clienten_met_feiten(
    db: &Db,
    scope: &Scope,
    clienten: &[(String, serde_json::Value)],
) -> Result<u32> {
    let clienten: Vec<(String, Option<serde_json::Value>)> = clienten
        .iter()
        .map(|(d, h)| (d.clone(), Some(h.clone())))
        .collect();
    invoegen(db, scope, &clienten).await
}

async fn invoegen(
    db: &Db,
    scope: &Scope,
    clienten: &[(String, Option<serde_json::Value>)],
) -> Result<u32> {
    let now = now_utc();
    let g = scope.gemeente.as_str();
    let mut made = 0u32;
    let mut i = 0u32;
    for batch in clienten.chunks(1000) {
        let mut tx = db.begin().await?;
        for (ingangsdatum, huishouden) in batch {
            let bsn = loop {
                i += 1;
                if let Some(b) = Bsn::from_prefix(30_000_000 + i * 7) {
                    break b;
                }
            };
            let iban = Iban::build("NL", &format!("INGB{:010}", 1_000_000 + i))?;
            let zaak_id = uuid::Uuid::new_v4().to_string();
            let concept_id = uuid::Uuid::new_v4().to_string();
            sqlx::query(
                "INSERT INTO zaken (id, gemeente_code, identificatie, zaaktype, bsn, kanaal, status, registratiedatum, termijn, aanvraag, \
                 concept_id, resultaat, einddatum, versie, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'ALO', $4, 'synthetisch', 'afgehandeld', $5, '{}', '{}', $6, 'toegekend', $5, 1, $7, $7)",
            )
            .bind(&zaak_id)
            .bind(g)
            .bind(format!("SYN-{g}-{i:07}"))
            .bind(bsn.as_str())
            .bind(ingangsdatum)
            .bind(&concept_id)
            .bind(&now)
            .execute(tx.conn())
            .await?;
            sqlx::query("INSERT INTO zaak_rollen (id, gemeente_code, zaak_id, roltype, bsn, naam, created_at) VALUES ($1, $2, $3, 'aanvrager', $4, $5, $6)")
                .bind(uuid::Uuid::new_v4().to_string())
                .bind(g)
                .bind(&zaak_id)
                .bind(bsn.as_str())
                .bind(format!("Inwoner {i}"))
                .bind(&now)
                .execute(tx.conn())
                .await?;
            // Norms of 1-7-2026 (Normenbrief): alleenstaande, gehuwden, kostendelers A=2.
            let bedrag = [141_946_i64, 202_779, 101_390][(i % 3) as usize];
            sqlx::query(
                "INSERT INTO uitkeringen (id, gemeente_code, zaak_id, bsn, regeling, ingangsdatum, bedrag_per_maand, iban, status, created_at, huishouden) \
                 VALUES ($1, $2, $3, $4, 'algemene_bijstand', $5, $6, $7, 'lopend', $8, $9)",
            )
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(g)
            .bind(&zaak_id)
            .bind(bsn.as_str())
            .bind(ingangsdatum)
            .bind(Money::from_cents(bedrag).cents())
            .bind(iban.as_str())
            .bind(&now)
            .bind(huishouden.as_ref().map(|h| h.to_string()))
            .execute(tx.conn())
            .await?;
            made += 1;
        }
        tx.commit().await?;
    }
    Ok(made)
}

/// A client with algemene bijstand since `ingangsdatum` and the household
/// facts of its toekenning (`huishouden`, JSON of `gbi_rules::Huishouden`):
/// the demo's own client who has had a low income for years (the IIT
/// invitation). Nothing when the resident already has a benefit.
#[allow(clippy::too_many_arguments)]
pub async fn langdurige_client(
    db: &Db,
    scope: &Scope,
    bsn: &Bsn,
    naam: &str,
    ingangsdatum: &str,
    huishouden: &serde_json::Value,
    iban: &Iban,
    email: &str,
) -> Result<bool> {
    let g = scope.gemeente.as_str();
    let mut tx = db.begin().await?;
    let al = sqlx::query("SELECT id FROM uitkeringen WHERE gemeente_code = $1 AND bsn = $2")
        .bind(g)
        .bind(bsn.as_str())
        .fetch_optional(tx.conn())
        .await?;
    if al.is_some() {
        return Ok(false);
    }
    let now = now_utc();
    let zaak_id = uuid::Uuid::new_v4().to_string();
    let aanvraag = serde_json::json!({ "email": email, "iban": iban.as_str() });
    sqlx::query(
        "INSERT INTO zaken (id, gemeente_code, identificatie, zaaktype, bsn, kanaal, status, registratiedatum, termijn, aanvraag, \
         concept_id, resultaat, einddatum, versie, created_at, updated_at) \
         VALUES ($1, $2, $3, 'ALO', $4, 'synthetisch', 'afgehandeld', $5, '{}', $6, $7, 'toegekend', $5, 1, $8, $8)",
    )
    .bind(&zaak_id)
    .bind(g)
    .bind(format!("DEMO-{g}-{}", bsn.as_str()))
    .bind(bsn.as_str())
    .bind(ingangsdatum)
    .bind(aanvraag.to_string())
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&now)
    .execute(tx.conn())
    .await?;
    sqlx::query("INSERT INTO zaak_rollen (id, gemeente_code, zaak_id, roltype, bsn, naam, created_at) VALUES ($1, $2, $3, 'aanvrager', $4, $5, $6)")
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(g)
        .bind(&zaak_id)
        .bind(bsn.as_str())
        .bind(naam)
        .bind(&now)
        .execute(tx.conn())
        .await?;
    sqlx::query(
        "INSERT INTO uitkeringen (id, gemeente_code, zaak_id, bsn, regeling, ingangsdatum, bedrag_per_maand, iban, status, created_at, huishouden) \
         VALUES ($1, $2, $3, $4, 'algemene_bijstand', $5, $6, $7, 'lopend', $8, $9)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(g)
    .bind(&zaak_id)
    .bind(bsn.as_str())
    .bind(ingangsdatum)
    .bind(Money::from_cents(141_946).cents())
    .bind(iban.as_str())
    .bind(&now)
    .bind(huishouden.to_string())
    .execute(tx.conn())
    .await?;
    tx.commit().await?;
    Ok(true)
}

//! What BRP knows, as the first answers of a new application (by the
//! resident, a gemachtigde, or staff with the resident). BRP that is down
//! or slow never keeps anyone from starting.

use crate::AppState;

/// How long starting an application waits for BRP before it goes on
/// without (and says so on the page).
pub const BRP_WACHTTIJD: std::time::Duration = std::time::Duration::from_secs(3);

/// What BRP knows, as the first answers of a new draft: the household to
/// show, and the birth date (for the zoektermijn of under-27s). A register
/// that does not answer never blocks the application.
pub(crate) async fn startantwoorden(
    state: &AppState,
    bsn: &gbi_domain::Bsn,
    trace: &gbi_domain::TraceContext,
) -> serde_json::Map<String, serde_json::Value> {
    let mut a = serde_json::Map::new();
    if let Some(p) = &state.prefill {
        // The page waits seconds, not the register's retries: a hanging BRP
        // must not keep the resident from starting.
        let antwoord = tokio::time::timeout(BRP_WACHTTIJD, p.huishouden(bsn, trace))
            .await
            .unwrap_or_else(|_| Err("BRP gaf niet op tijd antwoord".into()));
        match antwoord {
            Ok(Some(h)) => {
                if let Some(g) = h.aanvrager.geboortedatum {
                    a.insert(
                        "_geboortedatum".into(),
                        serde_json::Value::String(g.to_string()),
                    );
                }
                a.insert("_brp".into(), serde_json::to_value(&h).unwrap_or_default());
            }
            Ok(None) => {}
            Err(e) => {
                tracing::warn!(error = %e, "BRP prefill failed; the form continues without it");
                a.insert("_brp_fout".into(), serde_json::Value::Bool(true));
            }
        }
    }
    a
}

//! Portal: the yearly statement of what was reclaimed gross (art. 58,
//! vijfde lid, Participatiewet). When bijstand of a closed calendar year is
//! reclaimed, the loonheffing withheld over it cannot be set off against
//! the gemeente's afdracht any more, so the claim is gross; the resident
//! needs the gross amount for the tax return. One PDF per year in which
//! such a claim was decided, listed in "Mijn schulden".

use crate::AppState;
use crate::auth::PortalResident;
use crate::error::PageError;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use gbi_domain::Money;
use gbi_store::terugvorderingen::{self, Status, Terugvordering};

/// Per decision year: the months reclaimed gross.
pub fn per_jaar(ts: &[Terugvordering]) -> std::collections::BTreeMap<i32, Vec<(String, Money)>> {
    let mut uit: std::collections::BTreeMap<i32, Vec<(String, Money)>> = Default::default();
    for t in ts.iter().filter(|t| t.status == Status::Besloten) {
        let Some(jaar) = t
            .besluitdatum
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|j| j.parse::<i32>().ok())
        else {
            continue;
        };
        for c in &t.componenten {
            if let Some(bruto) = c.bruto {
                uit.entry(jaar)
                    .or_default()
                    .push((c.rechtmaand.dutch_name(), bruto));
            }
        }
    }
    uit
}

#[derive(serde::Deserialize)]
pub struct JaarQuery {
    jaar: Option<String>,
}

/// GET /portaal/schulden/jaaropgave?jaar=2026.
pub async fn pdf(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Query(q): Query<JaarQuery>,
) -> Result<Response, PageError> {
    // Without a year: the list of years to choose from.
    let Some(jaar) = q.jaar.as_deref().and_then(|j| j.trim().parse::<i32>().ok()) else {
        return Ok(axum::response::Redirect::to("/portaal/schulden#jaaropgave").into_response());
    };
    let scope = r.scope();
    let ts = terugvorderingen::voor_inwoner(
        &state.db,
        &scope,
        &r.sessie.bsn,
        "GET /portaal/schulden/jaaropgave",
    )
    .await?;
    let regels = per_jaar(&ts)
        .remove(&jaar)
        .ok_or_else(PageError::not_found)?;
    let totaal: Money = regels.iter().map(|(_, b)| *b).sum();
    let j = gbi_letters::JaaropgaveTerugvordering {
        kenmerk: format!("JAAROPGAVE {jaar}"),
        datum: gbi_domain::today_amsterdam(),
        ontvanger_naam: r.sessie.naam.clone(),
        ontvanger_adres: Vec::new(),
        jaar,
        regels: regels.iter().map(|(m, b)| (m.clone(), b.cents())).collect(),
        totaal_bruto_cents: totaal.cents(),
    };
    let huisstijl = crate::pages::huisstijl(&state, &scope).await?;
    crate::pages::pdf_download(
        gbi_letters::jaaropgave_terugvordering_pdf(&huisstijl, &j),
        &format!("jaaropgave-terugvordering-{jaar}.pdf"),
        "jaaropgave",
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use gbi_domain::{Bsn, Maand};
    use gbi_store::terugvorderingen::Component;

    fn tv(status: Status, besluit: &str, maanden: &[(&str, i64, Option<i64>)]) -> Terugvordering {
        Terugvordering {
            id: "t".into(),
            zaak_id: "z".into(),
            zaak_identificatie: "ALO-0392-2026-000001".into(),
            uitkering_id: "u".into(),
            bsn: Bsn::parse("999993653").unwrap(),
            status,
            aanleiding: "inkomsten".into(),
            grond: Some("58-2-a".into()),
            motivering: None,
            gemeente_te_laat: false,
            verrekenen: false,
            totaal: Money::ZERO,
            voorgesteld_door: None,
            voorgesteld_op: None,
            beoordeeld_door: None,
            beoordeeld_op: None,
            opmerking: None,
            besluitdatum: Some(besluit.into()),
            created_at: String::new(),
            componenten: maanden
                .iter()
                .map(|(m, n, b)| Component {
                    rechtmaand: Maand::parse(m).unwrap(),
                    netto: Money::from_cents(*n),
                    bruto: b.map(Money::from_cents),
                })
                .collect(),
        }
    }

    #[test]
    fn only_gross_months_of_decided_claims_count_in_the_year_of_the_decision() {
        let ts = [
            tv(
                Status::Besloten,
                "2027-02-10",
                &[("2026-11", 10_000, Some(12_500)), ("2027-01", 5_000, None)],
            ),
            tv(
                Status::Afgezien,
                "2027-03-01",
                &[("2026-12", 7_000, Some(8_000))],
            ),
            tv(Status::Besloten, "2026-06-01", &[("2026-05", 3_000, None)]),
        ];
        let j = per_jaar(&ts);
        assert_eq!(j.keys().copied().collect::<Vec<_>>(), vec![2027]);
        assert_eq!(
            j[&2027],
            vec![("november 2026".to_owned(), Money::from_cents(12_500))]
        );
    }
}

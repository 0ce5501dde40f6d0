//! A terugvordering in the werkplek: the months the ledger found, how the
//! overpayment came to light, the proposal form (the ground of art. 58 or
//! not to reclaim, always with a reason) and the second person's check. A
//! refused form shows the message at its field and keeps what was typed.

use super::{BEOORDELEN, Keuze, VOORSTELLEN, mag};
use crate::AppState;
use crate::auth::{PageStaff, Staff};
use crate::error::PageError;
use crate::pages::behandeling::{refused, wie};
use crate::pages::{datum_nl, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::today_amsterdam;
use gbi_store::medewerkers::Medewerker;
use gbi_store::terugvorderingen::{self, Status, Terugvordering};
use gbi_store::uitkeringen;
use gbi_zaken::commando::Fout;
use gbi_zaken::invordering::terugvordering::{self as tv, Grond};

/// One month of the page.
pub struct Maandregel {
    pub maand: String,
    pub verschuldigd: String,
    pub betaald: String,
    pub te_veel: String,
    pub bruto: String,
}

#[derive(Template)]
#[template(path = "werkplek/terugvordering.html")]
struct Page {
    user: Option<Medewerker>,
    t: Terugvordering,
    aanleiding: &'static str,
    maanden: Vec<Maandregel>,
    totaal: String,
    gronden: Vec<Keuze>,
    mag_voorstellen: bool,
    mag_beoordelen: bool,
    fout_veld: &'static str,
    fout: String,
    /// What was typed, shown again after a refusal.
    grond: String,
    motivering: String,
    te_laat: bool,
    verrekenen: bool,
    /// A boete or waarschuwing may be proposed now (after a 58-1 claim).
    mag_boete: bool,
    boetes: Vec<super::boete::BoeteRegel>,
}

fn aanleiding(a: &str) -> &'static str {
    match a {
        "inkomsten" => "Inkomsten die later zijn opgegeven",
        "wijziging" => "Een verwerkte wijziging",
        _ => "Een bevinding van handhaving",
    }
}

pub(super) async fn pagina(
    state: &AppState,
    staff: Staff,
    id: &str,
    fout: Option<(&'static str, String)>,
    form: &[(String, String)],
) -> Result<Response, PageError> {
    let scope = staff.scope();
    let t = terugvorderingen::get(
        &state.db,
        &scope,
        id,
        "GET /werkplek/invordering/terugvorderingen",
    )
    .await?
    .ok_or_else(PageError::not_found)?;
    let open = matches!(t.status, Status::Verzoek | Status::Teruggestuurd);
    let mut maanden = Vec::new();
    let mut som = gbi_domain::Money::ZERO;
    if open {
        let regels = state.regels.as_ref().ok_or_else(PageError::internal)?;
        let u = uitkeringen::voor_zaak(&state.db, &scope, &t.zaak_id)
            .await?
            .ok_or_else(PageError::not_found)?;
        let over = gbi_zaken::invordering::overbetalingen(
            &state.db,
            &scope,
            regels,
            &u,
            today_amsterdam(),
        )
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "ledger not computed");
            PageError::internal()
        })?;
        let comp = gbi_zaken::invordering::componenten(regels, &over, today_amsterdam());
        for (o, c) in over.iter().zip(comp) {
            som += o.te_veel;
            maanden.push(Maandregel {
                maand: o.maand.dutch_name(),
                verschuldigd: o.verschuldigd.to_string(),
                betaald: o.betaald.to_string(),
                te_veel: o.te_veel.to_string(),
                bruto: c.bruto.map(|b| b.to_string()).unwrap_or_default(),
            });
        }
    } else {
        for c in &t.componenten {
            maanden.push(Maandregel {
                maand: c.rechtmaand.dutch_name(),
                verschuldigd: String::new(),
                betaald: String::new(),
                te_veel: c.netto.to_string(),
                bruto: c.bruto.map(|b| b.to_string()).unwrap_or_default(),
            });
        }
    }
    let totaal = if open {
        som.to_string()
    } else {
        t.totaal.to_string()
    };
    let veld = |n: &str| {
        form.iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let m = &staff.medewerker;
    let (fout_veld, fout_tekst) = fout.unwrap_or(("", String::new()));
    let status = if fout_veld.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let boetes = gbi_store::boetes::voor_terugvordering(
        &state.db,
        &scope,
        &t.id,
        "GET /werkplek/invordering/terugvorderingen",
    )
    .await?;
    let mag_boete = t.status == Status::Besloten
        && t.grond.as_deref() == Some("58-1")
        && mag(m, VOORSTELLEN)
        && !boetes
            .iter()
            .any(|b| b.status == "voorgesteld" || b.status == "goedgekeurd");
    let boetes = super::boete::regels(&boetes, m);
    let html = render(&Page {
        mag_boete,
        boetes,
        mag_voorstellen: open && mag(m, VOORSTELLEN),
        mag_beoordelen: t.status == Status::Voorgesteld
            && mag(m, BEOORDELEN)
            && t.voorgesteld_door.as_deref() != Some(m.id.as_str()),
        aanleiding: aanleiding(&t.aanleiding),
        gronden: Grond::ALL
            .into_iter()
            .map(|g| Keuze {
                code: g.code(),
                label: g.label(),
            })
            .collect(),
        fout_veld,
        fout: fout_tekst,
        grond: veld("grond"),
        motivering: veld("motivering"),
        te_laat: veld("gemeente_te_laat") == "ja",
        verrekenen: form.is_empty() || veld("verrekenen") == "ja",
        maanden,
        totaal,
        t,
        user: Some(staff.medewerker),
    })?;
    Ok((status, html).into_response())
}

/// GET /werkplek/invordering/terugvorderingen/{id}.
pub async fn show(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    pagina(&state, staff, &id, None, &[]).await
}

fn veld(form: &[(String, String)], naam: &str) -> String {
    form.iter()
        .find(|(k, _)| k == naam)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

/// POST /werkplek/invordering/terugvorderingen/{id}/voorstel.
pub async fn voorstellen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let grond = match veld(&form, "grond").as_str() {
        "" => {
            return pagina(
                &state,
                staff,
                &id,
                Some((
                    "grond",
                    "Grond: kies een grond, of kies dat u niet terugvordert.".into(),
                )),
                &form,
            )
            .await;
        }
        "geen" => None,
        code => match Grond::parse(code) {
            Some(g) => Some(g),
            None => {
                return pagina(
                    &state,
                    staff,
                    &id,
                    Some(("grond", "Grond: kies een van de gronden.".into())),
                    &form,
                )
                .await;
            }
        },
    };
    let invoer = tv::Invoer {
        grond,
        motivering: veld(&form, "motivering"),
        gemeente_te_laat: veld(&form, "gemeente_te_laat") == "ja",
        verrekenen: veld(&form, "verrekenen") == "ja",
    };
    let regels = state.regels.clone().ok_or_else(PageError::internal)?;
    match tv::voorstellen(
        &state.db,
        &staff.scope(),
        &regels,
        &wie(&staff),
        &id,
        &invoer,
        today_amsterdam(),
    )
    .await
    {
        Ok(()) => {
            Ok(Redirect::to("/werkplek/invordering?voorgesteld=1#te-controleren").into_response())
        }
        Err(Fout::Ongeldig(o)) => {
            pagina(&state, staff, &id, Some((o.veld, o.melding)), &form).await
        }
        Err(e) => Err(refused(e)),
    }
}

/// POST /werkplek/invordering/terugvorderingen/{id}/beoordeling.
pub async fn beoordelen(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let goedgekeurd = match veld(&form, "oordeel").as_str() {
        "goedkeuren" => true,
        "terugsturen" => false,
        _ => {
            return pagina(
                &state,
                staff,
                &id,
                Some(("oordeel", "Kies goedkeuren of terugsturen.".into())),
                &form,
            )
            .await;
        }
    };
    let opmerking = veld(&form, "opmerking");
    match tv::beoordelen(
        &state.db,
        &staff.scope(),
        &wie(&staff),
        &id,
        goedgekeurd,
        Some(&opmerking),
        today_amsterdam(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/werkplek/invordering?beoordeeld=1").into_response()),
        Err(Fout::Ongeldig(o)) => {
            pagina(&state, staff, &id, Some((o.veld, o.melding)), &form).await
        }
        Err(e) => Err(refused(e)),
    }
}

/// For the template: a date as people read it.
pub fn datum(iso: &Option<String>) -> String {
    iso.as_deref().map(datum_nl).unwrap_or_default()
}

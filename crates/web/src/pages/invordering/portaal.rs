//! Portal: "Mijn schulden bij de gemeente". Every claim with its ground and
//! letter, what was paid, offset and waived, what remains, the amount
//! offset each month and the beslagvrije voet it respects; how to pay; and
//! a form to ask for a betalingsregeling or to report a changed situation,
//! which becomes a task for debiteurenbeheer. B1 Dutch. A gemachtigde (a
//! bewindvoerder) acting for the resident sees the same.

use crate::AppState;
use crate::auth::{PortalResident, Resident};
use crate::error::PageError;
use crate::pages::{datum_nl, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gbi_domain::{Money, TaakSoort, TaakVoor};
use gbi_store::invordering::{self, MutatieSoort};
use gbi_store::vorderingen::{Soort, Status};
use gbi_store::{documenten, zaken};

pub const PAD: &str = "/portaal/schulden";

/// One claim, in plain Dutch.
pub struct Schuld {
    pub id: String,
    pub wat: &'static str,
    pub waarom: String,
    pub hoofdsom: String,
    pub betaald: String,
    pub verrekend: String,
    pub kwijtgescholden: String,
    pub open: String,
    pub afgelost: bool,
    /// Offset against the running benefit.
    pub verrekenen: bool,
    /// After an aanmaning: the last day to pay.
    pub aanmaning_betalen_voor: String,
    pub status: &'static str,
    pub betalen_voor: String,
    pub kenmerk: String,
    /// The last monthly offset and the beslagvrije voet it kept.
    pub per_maand: Option<(String, String)>,
    /// The running betalingsregeling or derdenbeslag, in plain Dutch.
    pub aflossing: String,
    /// A dwangbevel was sent (its day).
    pub dwangbevel: String,
    /// A betalingsregeling runs: the resident pays it themselves.
    pub zelf_betalen: bool,
    pub brieven: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "portaal/schulden.html")]
struct Page {
    resident: Option<Resident>,
    schulden: Vec<Schuld>,
    /// Years with a gross claim: the statement of art. 58-5.
    jaaropgaven: Vec<i32>,
    totaal_open: String,
    alles_betaald: bool,
    iban: String,
    fout: String,
    tekst: String,
    melding: bool,
}

fn wat(s: Soort) -> &'static str {
    match s {
        Soort::Lening => "Lening bijzondere bijstand",
        Soort::Terugvordering | Soort::TerugvorderingVerwijtbaar => "Te veel ontvangen bijstand",
        Soort::Boete => "Boete",
    }
}

async fn page(
    state: &AppState,
    r: Resident,
    fout: String,
    tekst: String,
    melding: bool,
) -> Result<Response, PageError> {
    let scope = r.scope();
    let dossiers =
        invordering::dossiers(&state.db, &scope, &r.sessie.bsn, "GET /portaal/schulden").await?;
    let mut schulden = Vec::new();
    let mut totaal = Money::ZERO;
    for d in dossiers {
        let v = &d.vordering;
        let som = |s: MutatieSoort| -> Money {
            d.mutaties
                .iter()
                .filter(|m| m.soort == s)
                .map(|m| m.bedrag)
                .sum()
        };
        let laatste = d
            .mutaties
            .iter()
            .rev()
            .find(|m| m.soort == MutatieSoort::Verrekening);
        let docs = documenten::list(&state.db, &scope, None, Some(&v.zaak_id)).await?;
        let mut brieven: Vec<(String, String)> = Vec::new();
        if let Some(t) = &v.terugvordering_id {
            let naam =
                gbi_zaken::invordering::brief::terugvordering_bestand(&v.zaak_identificatie, t);
            if let Some(doc) = docs.iter().find(|x| x.bestandsnaam == naam) {
                brieven.push((doc.id.clone(), "Brief: besluit terugvordering".into()));
            }
        }
        for k in d
            .kwijtscheldingen
            .iter()
            .filter(|k| k.status == "goedgekeurd")
        {
            let naam =
                gbi_zaken::invordering::brief::kwijtschelding_bestand(&v.zaak_identificatie, &k.id);
            if let Some(doc) = docs.iter().find(|x| x.bestandsnaam == naam) {
                brieven.push((doc.id.clone(), "Brief: kwijtschelding".into()));
            }
        }
        let naam = gbi_zaken::invordering::brief::aanmaning_bestand(&v.zaak_identificatie, &v.id);
        if let Some(doc) = docs.iter().find(|x| x.bestandsnaam == naam) {
            brieven.push((doc.id.clone(), "Brief: aanmaning".into()));
        }
        let naam = gbi_zaken::invordering::brief::bvv_bestand(&v.zaak_identificatie, &v.id);
        if let Some(doc) = docs.iter().find(|x| x.bestandsnaam == naam) {
            brieven.push((doc.id.clone(), "Brief: uw beslagvrije voet".into()));
        }
        let naam =
            gbi_zaken::invordering::brief_ladder::dwangbevel_bestand(&v.zaak_identificatie, &v.id);
        if let Some(doc) = docs.iter().find(|x| x.bestandsnaam == naam) {
            brieven.push((doc.id.clone(), "Brief: dwangbevel".into()));
        }
        let aflossingen = gbi_store::aflossingen::van_vordering(
            &state.db,
            &scope,
            &v.id,
            "GET /portaal/schulden",
        )
        .await?;
        for a in &aflossingen {
            use gbi_zaken::invordering::brief_ladder as bl;
            let z = &v.zaak_identificatie;
            for (naam, label) in [
                (
                    bl::betalingsregeling_bestand(z, &a.id),
                    "Brief: uw betalingsregeling",
                ),
                (
                    bl::derdenbeslag_bestand(z, &a.id),
                    "Brief aan {derde}: beslag",
                ),
                (
                    bl::opheffing_bestand(z, &a.id),
                    "Brief aan {derde}: beslag gestopt",
                ),
                (
                    gbi_zaken::invordering::brief::bvv_bestand(z, &a.id),
                    "Brief: uw beslagvrije voet",
                ),
            ] {
                if let Some(doc) = docs.iter().find(|x| x.bestandsnaam == naam) {
                    let label = label.replace("{derde}", a.derde.as_deref().unwrap_or("de derde"));
                    brieven.push((doc.id.clone(), label));
                }
            }
        }
        let lopend = aflossingen.iter().rfind(|a| a.lopend);
        let zelf_betalen = v.status == Status::Open
            && lopend.is_some_and(|a| a.wijze == gbi_store::aflossingen::Wijze::Betalingsregeling);
        let aflossing = match lopend {
            Some(a) if v.status == Status::Open => match a.wijze {
                gbi_store::aflossingen::Wijze::Betalingsregeling => format!(
                    "U heeft een betalingsregeling. U betaalt elke maand {}, vanaf {}. U houdt altijd minimaal {} over. Dat heet de beslagvrije voet.",
                    a.bedrag_per_maand,
                    datum_nl(&a.eerste_termijn),
                    a.beslagvrije_voet
                ),
                gbi_store::aflossingen::Wijze::Derdenbeslag => format!(
                    "Wij hebben beslag gelegd bij {}. Die betaalt ons elke maand {} van uw inkomen, vanaf {}. U houdt altijd minimaal {} over. Dat heet de beslagvrije voet.",
                    a.derde.as_deref().unwrap_or("de derde"),
                    a.bedrag_per_maand,
                    datum_nl(&a.eerste_termijn),
                    a.beslagvrije_voet
                ),
            },
            _ => String::new(),
        };
        if let Some(b) = &v.boete_id {
            let naam = gbi_zaken::invordering::brief::boete_bestand(&v.zaak_identificatie, b);
            if let Some(doc) = docs.iter().find(|x| x.bestandsnaam == naam) {
                brieven.push((doc.id.clone(), "Brief: besluit boete".into()));
            }
        }
        if v.status == Status::Open {
            totaal += v.open_bedrag;
        }
        schulden.push(Schuld {
            id: v.id.clone(),
            wat: wat(v.soort),
            waarom: v.grondslag.clone(),
            hoofdsom: v.hoofdsom.to_string(),
            betaald: som(MutatieSoort::Betaling).to_string(),
            verrekend: som(MutatieSoort::Verrekening).to_string(),
            kwijtgescholden: som(MutatieSoort::Kwijtschelding).to_string(),
            open: v.open_bedrag.to_string(),
            afgelost: v.status != Status::Open,
            verrekenen: v.verrekenen,
            aanmaning_betalen_voor: v
                .aanmaning_betalen_voor
                .as_deref()
                .map(datum_nl)
                .unwrap_or_default(),
            status: match v.status {
                Status::Open => "U moet nog betalen",
                Status::Afgelost => "Helemaal betaald",
                Status::Kwijtgescholden => "U hoeft niets meer te betalen",
            },
            betalen_voor: v.betalen_voor.as_deref().map(datum_nl).unwrap_or_default(),
            kenmerk: v.betalingskenmerk.clone().unwrap_or_default(),
            aflossing,
            zelf_betalen,
            dwangbevel: v.dwangbevel_op.as_deref().map(datum_nl).unwrap_or_default(),
            per_maand: laatste.map(|m| {
                (
                    m.bedrag.to_string(),
                    m.beslagvrije_voet
                        .map(|b| b.to_string())
                        .unwrap_or_default(),
                )
            }),
            brieven,
        });
    }
    let jaaropgaven = super::jaaropgave::per_jaar(
        &gbi_store::terugvorderingen::voor_inwoner(
            &state.db,
            &scope,
            &r.sessie.bsn,
            "GET /portaal/schulden",
        )
        .await?,
    )
    .into_keys()
    .collect();
    let iban = gbi_store::betalingen::rekening(&state.db, &scope)
        .await?
        .map(|r| r.iban.formatted())
        .unwrap_or_default();
    let status = if fout.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let html = render(&Page {
        schulden,
        jaaropgaven,
        totaal_open: totaal.to_string(),
        alles_betaald: totaal.cents() == 0,
        iban,
        fout,
        tekst,
        melding,
        resident: Some(r),
    })?;
    Ok((status, html).into_response())
}

/// GET /portaal/schulden.
pub async fn show(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    Query(q): Query<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let melding = q.iter().any(|(k, _)| k == "verstuurd");
    page(&state, r, String::new(), String::new(), melding).await
}

/// The longest message accepted.
const MAX_TEKST: usize = 2000;

/// POST /portaal/schulden: ask for a betalingsregeling or report a change.
/// It becomes a task for debiteurenbeheer on the zaak of the claim.
pub async fn verzoek(
    State(state): State<AppState>,
    PortalResident(r): PortalResident,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let veld = |n: &str| {
        form.iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let tekst = veld("tekst");
    let soort = veld("soort");
    let fout = if !matches!(soort.as_str(), "regeling" | "situatie") {
        "Wat wilt u: kies betalingsregeling of veranderde situatie."
    } else if tekst.is_empty() {
        "Uw bericht: schrijf kort wat u wilt of wat er veranderd is."
    } else if tekst.chars().count() > MAX_TEKST {
        "Uw bericht is te lang: ten hoogste 2000 tekens."
    } else {
        ""
    };
    if !fout.is_empty() {
        return page(
            &state,
            r,
            fout.into(),
            tekst.chars().take(MAX_TEKST).collect(),
            false,
        )
        .await;
    }
    let scope = r.scope();
    let vorderingen =
        invordering::dossiers(&state.db, &scope, &r.sessie.bsn, "POST /portaal/schulden").await?;
    let Some(d) = vorderingen
        .iter()
        .find(|d| d.vordering.status == Status::Open)
        .or(vorderingen.first())
    else {
        return page(
            &state,
            r,
            "U heeft geen schulden bij de gemeente. Er is niets om over te vragen.".into(),
            tekst,
            false,
        )
        .await;
    };
    let titel = if soort == "regeling" {
        "Inwoner vraagt een betalingsregeling"
    } else {
        "Inwoner meldt een veranderde situatie (schuld)"
    };
    zaken::taak_eenmalig(
        &state.db,
        &scope,
        &d.vordering.zaak_id,
        &zaken::NieuweTaak {
            voor: TaakVoor::Medewerker,
            soort: TaakSoort::InvorderingVerzoek,
            titel: titel.into(),
            toelichting: Some(tekst),
            deadline: Some(
                (gbi_domain::today_amsterdam() + chrono::Duration::weeks(2)).to_string(),
            ),
        },
    )
    .await?;
    Ok(Redirect::to(&format!("{PAD}?verstuurd=1")).into_response())
}

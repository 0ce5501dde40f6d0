//! Bijzondere bijstand (art. 35) for one cost of the gemeente's catalogue:
//! the costs that count (the policy maximum, the months of a periodic
//! cost), the draagkracht, the drempel of art. 35-2, the amount (costs
//! minus draagkracht, never below zero), and gift or loan (art. 48, 51).

use super::draagkracht::{ART_35_1, BbBeleid, Draagkracht, Middelen, draagkracht};
use crate::fout::RekenFout;
use crate::huishouden::BijzondereBijstandInvoer;
use crate::params::{Document, Soort, Vorm};
use crate::stap;
use crate::uitleg::{Grootheid::*, Spoor};
use gbi_domain::{Money, Rounding, RoundingMode};
use serde::Serialize;

const PER_MAAND: Rounding = Rounding::new("bb_periodiek_per_maand", RoundingMode::TowardZero);
const ART_53A: &str = "Participatiewet art. 53a, eerste lid (BWBR0015703)";
const ART_35_2: &str = "Participatiewet art. 35, tweede lid (BWBR0015703)";

/// The art. 35-2 drempel: costs within twelve months that do not exceed it
/// may be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Drempeltoets {
    pub kosten_binnen_12_maanden_cents: i64,
    pub drempel_cents: i64,
    /// The costs do not exceed the drempel.
    pub niet_boven_drempel: bool,
    /// ... and the gemeente's policy refuses them.
    pub geweigerd: bool,
}

/// What a person must still do or judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "vraag", content = "document")]
pub enum BbVraag {
    /// A document the catalogue asks for was not handed in.
    DocumentOntbreekt(Document),
}

/// The assessment of one request for bijzondere bijstand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BijzondereBijstandBeoordeling {
    /// The catalogue code, when the request names one.
    pub kostensoort: Option<String>,
    pub soort: Option<Soort>,
    pub vorm: Vorm,
    /// The article that allows the form.
    pub vorm_grondslag: &'static str,
    pub periodiek: bool,
    /// As asked: per time, or per month when periodic.
    pub kosten_cents: i64,
    /// What counts: up to the policy maximum, over the draagkrachtperiode
    /// when periodic.
    pub kosten_in_aanmerking_cents: i64,
    pub draagkracht: Draagkracht,
    pub drempel: Drempeltoets,
    /// Costs minus draagkracht, not below zero (0 when refused under 35-2).
    pub bedrag_cents: i64,
    /// Periodic: the amount of each month but the first, and of the first
    /// (which carries the cents the division leaves).
    pub per_maand_cents: Option<i64>,
    pub eerste_maand_cents: Option<i64>,
    pub documenten_nodig: Vec<Document>,
    pub voor_medewerker: Vec<BbVraag>,
}

/// Assess one request under the policy `b` for a household with means `m`.
pub fn beoordeel<'a, S: Spoor<'a>>(
    b: &BbBeleid<'a>,
    m: &Middelen,
    invoer: &BijzondereBijstandInvoer,
    s: &mut S,
) -> Result<BijzondereBijstandBeoordeling, RekenFout> {
    for (veld, w) in [
        ("bijzondere_bijstand.kosten_cents", invoer.kosten_cents),
        (
            "bijzondere_bijstand.kosten_binnen_12_maanden_cents",
            invoer.kosten_binnen_12_maanden_cents.unwrap_or(0),
        ),
        ("bijzondere_bijstand.inkomen_cents", invoer.inkomen_cents),
    ] {
        if w < 0 {
            return Err(RekenFout::invoer(veld, "mag niet negatief zijn"));
        }
    }
    if invoer.kosten_cents > Money::MAX_INVOER.cents() {
        return Err(RekenFout::invoer(
            "bijzondere_bijstand.kosten_cents",
            "is onwaarschijnlijk hoog",
        ));
    }
    let soort = match &invoer.kostensoort {
        None => None,
        Some(code) => Some(b.kostensoort(code).ok_or_else(|| {
            RekenFout::invoer(
                "bijzondere_bijstand.kostensoort",
                format!("\"{code}\" staat niet in de catalogus van kostensoorten van de gemeente"),
            )
        })?),
    };
    if invoer.periodiek && !soort.is_some_and(|k| k.periodiek) {
        return Err(RekenFout::invoer(
            "bijzondere_bijstand.periodiek",
            "deze kostensoort wordt niet periodiek verstrekt",
        ));
    }
    let mut kosten = invoer.kosten_cents;
    if let Some(k) = soort {
        stap!(s, "bb.kostensoort", &k.verwijzing, Tekst(k.soort.code()), [
            "vorm" => Tekst(k.vorm.code()), "periodiek" => JaNee(invoer.periodiek),
            "maximum" => Bedrag(k.maximum_cents.unwrap_or(0)),
        ]);
        if let Some(max) = k.maximum_cents.filter(|max| kosten > *max) {
            stap!(s, "bb.maximum", &k.verwijzing, Bedrag(max), ["kosten" => Bedrag(kosten)]);
            kosten = max;
        }
    }
    let maanden = if invoer.periodiek {
        b.periode_maanden
    } else {
        1
    };
    if invoer.periodiek {
        let per_maand = kosten;
        kosten *= maanden;
        stap!(s, "bb.kosten_periode", b.b.bb_draagkracht_periode_maanden.verwijzing(), Bedrag(kosten), [
            "per_maand" => Bedrag(per_maand), "maanden" => Maanden(maanden),
        ]);
    }
    let procent = soort.and_then(|k| k.draagkracht_procent.map(|p| (p, k.verwijzing.as_str())));
    let dk = draagkracht(b, m, procent, s)?;
    // Art. 35-2: the college MAY refuse when the costs within twelve months
    // do not exceed the drempel; whether it does is the gemeente's policy.
    let eigen_12 = if invoer.periodiek {
        invoer.kosten_cents * 12
    } else {
        invoer.kosten_cents
    };
    let binnen_12 = invoer
        .kosten_binnen_12_maanden_cents
        .unwrap_or(eigen_12)
        .max(eigen_12);
    let niet_boven = binnen_12 <= b.drempel_cents;
    let geweigerd = niet_boven && b.drempel_weigeren;
    if niet_boven {
        let code = if geweigerd {
            "bb.drempel_geweigerd"
        } else {
            "bb.drempel_niet_toegepast"
        };
        stap!(s, code, b.b.bb_drempel_weigeren.verwijzing(), JaNee(geweigerd), [
            "kosten_binnen_12_maanden" => Bedrag(binnen_12), "drempel" => Bedrag(b.drempel_cents),
        ]);
    }
    let bedrag = if geweigerd {
        0
    } else {
        (kosten - dk.totaal_cents).max(0)
    };
    stap!(s, "bb.bedrag", if geweigerd { ART_35_2 } else { ART_35_1 }, Bedrag(bedrag), [
        "kosten" => Bedrag(kosten), "draagkracht" => Bedrag(dk.totaal_cents),
    ]);
    let (per_maand, eerste) = if invoer.periodiek {
        let pm = Money::from_cents(bedrag)
            .mul_ratio(1, maanden, PER_MAAND)
            .cents();
        let eerste = bedrag - pm * (maanden - 1);
        stap!(s, "bb.per_maand", b.b.bb_draagkracht_periode_maanden.verwijzing(), Bedrag(pm), [
            "maanden" => Maanden(maanden), "eerste_maand" => Bedrag(eerste),
        ]);
        (Some(pm), Some(eerste))
    } else {
        (None, None)
    };
    let vorm = soort.map_or(Vorm::OmNiet, |k| k.vorm);
    let vorm_grondslag = soort
        .and_then(|k| k.vorm.grondslag(k.soort))
        .or(Vorm::OmNiet.grondslag(Soort::Overig))
        .unwrap_or(ART_35_1);
    if bedrag > 0 {
        stap!(s, "bb.vorm", vorm_grondslag, Tekst(vorm.naam()));
    }
    let documenten_nodig = soort.map(|k| k.documenten.clone()).unwrap_or_default();
    let mut voor_medewerker = Vec::new();
    for d in &documenten_nodig {
        if !invoer.documenten.contains(d) {
            stap!(s, "bb.document_ontbreekt", ART_53A, Tekst(d.naam()));
            voor_medewerker.push(BbVraag::DocumentOntbreekt(*d));
        }
    }
    Ok(BijzondereBijstandBeoordeling {
        kostensoort: soort.map(|k| k.code.clone()),
        soort: soort.map(|k| k.soort),
        vorm,
        vorm_grondslag,
        periodiek: invoer.periodiek,
        kosten_cents: invoer.kosten_cents,
        kosten_in_aanmerking_cents: kosten,
        draagkracht: dk,
        drempel: Drempeltoets {
            kosten_binnen_12_maanden_cents: binnen_12,
            drempel_cents: b.drempel_cents,
            niet_boven_drempel: niet_boven,
            geweigerd,
        },
        bedrag_cents: bedrag,
        per_maand_cents: per_maand,
        eerste_maand_cents: eerste,
        documenten_nodig,
        voor_medewerker,
    })
}

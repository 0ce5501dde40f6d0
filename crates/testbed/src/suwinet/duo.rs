//! DUODossierStudiefinancieringGSD: DUOStudiefinancieringInfo.

use super::xml::{datum, el, response, wrap};
use crate::population::Ingezetene;
use chrono::Months;

const NS: &str = "http://bkwi.nl/SuwiML/Diensten/DUODossierStudiefinancieringGSD/v0200";

pub fn build(p: &Ingezetene) -> Option<String> {
    let s = p.studiefinanciering.as_ref()?;
    let mut inner = el("Burgerservicenr", format!("{:09}", p.bsn));
    // One toekenningsperiode per study year.
    let mut begin = s.begin;
    while begin < s.einde {
        let einde = begin
            .checked_add_months(Months::new(12))
            .unwrap_or(s.einde)
            .min(s.einde);
        let laatste = einde.pred_opt().unwrap_or(einde);
        inner.push_str(&wrap(
            "Studiefinanciering",
            [
                el("DatBToekenningsperiodeStufi", datum(begin)),
                el("DatEToekenningsperiodeStufi", datum(laatste)),
                el(
                    "CdToekenningBasisbeursStufi",
                    if s.basisbeurs { "1" } else { "0" },
                ),
                el(
                    "IndAanvullendeBeursStufi",
                    if s.aanvullende_beurs { "1" } else { "2" },
                ),
            ]
            .concat(),
        ));
        begin = einde;
    }
    Some(response(
        NS,
        "DUOStudiefinancieringInfo",
        &wrap("ClientSuwi", inner),
    ))
}

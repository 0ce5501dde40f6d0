//! UWVDossierInkomstenGSD: UWVPersoonsIkvInfo (polis administration).

use super::Request;
use super::xml::{bedrag, datum, el, response, wrap};
use crate::population::{Ingezetene, Population};
use chrono::{Datelike, Months, NaiveDate};

const NS: &str = "http://bkwi.nl/SuwiML/Diensten/UWVDossierInkomstenGSD/v0200";

fn eerste_van_maand(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn parse(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?, "%Y%m%d").ok()
}

pub fn build(_pop: &Population, p: &Ingezetene, req: &Request) -> Option<String> {
    if p.dienstverbanden.is_empty() {
        return None;
    }
    let vandaag = gbi_domain::today_amsterdam();
    let laatste_maand = eerste_van_maand(vandaag);
    let eind = parse(req.get("DatEPeriode"))
        .unwrap_or(vandaag)
        .min(vandaag);
    let begin = parse(req.get("DatBPeriode"))
        .unwrap_or_else(|| {
            laatste_maand
                .checked_sub_months(Months::new(12))
                .unwrap_or(laatste_maand)
        })
        .max(eind.checked_sub_months(Months::new(24)).unwrap_or(eind));
    let mut inner = el("Burgerservicenr", format!("{:09}", p.bsn));
    let mut geleverd = false;
    for (n, d) in p.dienstverbanden.iter().enumerate() {
        // Monthly opgaven that fall inside the asked period and the job.
        let mut opgaven = String::new();
        let mut maand = eerste_van_maand(begin.max(d.begin));
        while maand < laatste_maand && maand <= eind && d.einde.is_none_or(|e| maand < e) {
            let volgende = maand.checked_add_months(Months::new(1)).unwrap_or(maand);
            let einde_maand = volgende.pred_opt().unwrap_or(volgende);
            let loon = d.bruto_maandloon_cents;
            opgaven.push_str(&wrap(
                "Inkomstenopgave",
                [
                    el("DatBIko", datum(maand)),
                    el("DatEIko", datum(einde_maand)),
                    el("AantVerloondeUrenIko", d.uren_per_maand.to_string()),
                    bedrag("BedrBrutoloonSv", loon),
                    bedrag("BedrLoonLbPremieVolksverz", loon),
                    bedrag(
                        "BedrIngehoudenLbPremieVolksverz",
                        loon.saturating_sub(crate::population::netto_van(loon)),
                    ),
                    bedrag("BedrVakantietoeslag", 0),
                    bedrag("BedrOpgbRechtVakantietoeslag", loon * 8 / 100),
                ]
                .concat(),
            ));
            maand = volgende;
        }
        if opgaven.is_empty() {
            continue;
        }
        geleverd = true;
        let loonheffingennr = format!("{}L01", d.werkgever_finr);
        let mut ikv = el("VolgnrIkv", (n + 1).to_string());
        ikv.push_str(&el("DatBIkv", datum(d.begin)));
        if let Some(e) = d.einde {
            ikv.push_str(&el("DatEIkv", datum(e.pred_opt().unwrap_or(e))));
        }
        ikv.push_str(&wrap(
            "AdministratieveEenheid",
            [
                el("NaamAdministratieveEenheid", &d.werkgever),
                el("Loonheffingennr", &loonheffingennr),
                wrap(
                    "RechtspersoonAdministratieveEenh",
                    [
                        el("FiNr", &d.werkgever_finr),
                        el("NaamRechtspersoon", &d.werkgever),
                    ]
                    .concat(),
                ),
            ]
            .concat(),
        ));
        let mut periode = el("DatBIkp", datum(d.begin));
        if let Some(e) = d.einde {
            periode.push_str(&el("DatEIkp", datum(e.pred_opt().unwrap_or(e))));
        }
        periode.push_str(&el("CdSrtIkv", if d.pensioen { "18" } else { "11" }));
        periode.push_str(&el("IndLoonheffingskortingToegepast", "1"));
        ikv.push_str(&wrap("Inkomstenperiode", periode));
        ikv.push_str(&opgaven);
        inner.push_str(&wrap("Inkomstenverhouding", ikv));
    }
    if !geleverd
        && begin.year() > 0
        && p.dienstverbanden
            .iter()
            .all(|d| d.einde.is_some_and(|e| e < begin))
    {
        return None;
    }
    let mut body = wrap("ClientSuwi", inner);
    body.push_str(&wrap(
        "PeriodeGegevensleveringIko",
        [
            el("DatBPeriode", datum(begin)),
            el("DatEPeriode", datum(eind)),
        ]
        .concat(),
    ));
    Some(response(NS, "UWVPersoonsIkvInfo", &body))
}

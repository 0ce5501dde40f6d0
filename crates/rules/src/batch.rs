//! The batch run: the same [`bijstand::bereken`] over a CSV of millions of
//! households, on all cores.
//!
//! Input (header required, any column order, integers; ages in whole years
//! on the reference date, money in cents):
//! `household_id,applicant_age,has_partner,partner_age,children_under_18,kostendelers_27plus,income_cents,assets_cents`.
//! Optional columns: `mantelzorg` (0/1, art. 22a-4),
//! `parents_cannot_contribute` (0/1, art. 20-3), and income per person:
//! `partner_income_cents` (the partner's income that counts in full; then
//! `income_cents` is the applicant's), `applicant_work_income_cents` and
//! `partner_work_income_cents` (net work income, to which each person's own
//! vrijlating n of art. 31-2-n applies, read as in its first month with the
//! college's judgement that the work helps; use `gbi calc` for later months).
//! Other columns are ignored and reported. Output: `household_id,entitled_cents`.
//!
//! An age in whole years is read as "had that birthday on the reference
//! date", the youngest birth date that fits; the AOW age is then decided by
//! the same rule as for a full birth date.

use crate::bijstand::{self, Feiten, Klasse};
use crate::fout::RekenFout;
use crate::inkomen::{Inkomsten, Persoon as InkomenPersoon, Wie};
use crate::peil::Peil;
use crate::uitleg::GeenSpoor;
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

const VERPLICHT: [&str; 8] = [
    "household_id",
    "applicant_age",
    "has_partner",
    "partner_age",
    "children_under_18",
    "kostendelers_27plus",
    "income_cents",
    "assets_cents",
];
const OPTIONEEL: [&str; 5] = [
    "mantelzorg",
    "parents_cannot_contribute",
    "partner_income_cents",
    "applicant_work_income_cents",
    "partner_work_income_cents",
];
const KOLOMMEN: usize = VERPLICHT.len() + OPTIONEEL.len();
const MAX_LEEFTIJD: usize = 130;

/// A row that cannot be computed. `regel` is the line number in the file
/// (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("regel {regel}, kolom {kolom}: {melding}")]
pub struct BatchFout {
    pub regel: usize,
    pub kolom: String,
    pub melding: String,
}

/// What a batch run did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Samenvatting {
    pub huishoudens: u64,
    pub met_recht: u64,
    pub totaal_cents: i64,
    pub genegeerde_kolommen: Vec<String>,
}

/// Column positions found in the header.
struct Kop {
    /// For each of VERPLICHT then OPTIONEEL, its position in a row.
    positie: [Option<usize>; KOLOMMEN],
    /// For each position in a row, which column it is.
    kolom_van: Vec<Option<usize>>,
    breedte: usize,
}

fn lees_kop(regel: &[u8]) -> Result<(Kop, Vec<String>), BatchFout> {
    let tekst = std::str::from_utf8(regel).map_err(|_| fout(1, "kop", "geen geldige UTF-8"))?;
    let namen: Vec<&str> = tekst
        .trim_end_matches('\r')
        .split(',')
        .map(str::trim)
        .collect();
    let mut positie = [None; KOLOMMEN];
    let mut genegeerd = Vec::new();
    for (i, naam) in namen.iter().enumerate() {
        match VERPLICHT
            .iter()
            .chain(OPTIONEEL.iter())
            .position(|k| k == naam)
        {
            Some(k) if positie[k].is_some() => {
                return Err(fout(1, naam, "staat twee keer in de kop"));
            }
            Some(k) => positie[k] = Some(i),
            None => genegeerd.push((*naam).to_owned()),
        }
    }
    if let Some(k) = VERPLICHT
        .iter()
        .enumerate()
        .find(|(k, _)| positie[*k].is_none())
    {
        return Err(fout(
            1,
            k.1,
            "ontbreekt in de kop (de eerste regel moet de kolomnamen geven)",
        ));
    }
    let mut kolom_van = vec![None; namen.len()];
    for (k, p) in positie.iter().enumerate() {
        if let Some(p) = p {
            kolom_van[*p] = Some(k);
        }
    }
    Ok((
        Kop {
            positie,
            kolom_van,
            breedte: namen.len(),
        },
        genegeerd,
    ))
}

fn fout(regel: usize, kolom: &str, melding: impl Into<String>) -> BatchFout {
    BatchFout {
        regel,
        kolom: kolom.to_owned(),
        melding: melding.into(),
    }
}

/// Birth date of someone who turns `leeftijd` on `datum`.
fn geboren(datum: NaiveDate, leeftijd: i32) -> Option<NaiveDate> {
    let jaar = datum.year() - leeftijd;
    datum
        .with_year(jaar)
        .or_else(|| NaiveDate::from_ymd_opt(jaar, 2, 28))
}

/// The rules prepared for one date: the age groups of every whole age,
/// decided by [`bijstand::klasse`].
pub struct Batch<'p, 'a> {
    peil: &'p Peil<'a>,
    klassen: Vec<Result<Klasse, RekenFout>>,
}

impl<'p, 'a> Batch<'p, 'a> {
    pub fn new(peil: &'p Peil<'a>) -> Self {
        let klassen = (0..=MAX_LEEFTIJD as i32)
            .map(|l| match geboren(peil.datum, l) {
                Some(g) => bijstand::klasse(peil, g, "leeftijd"),
                None => Err(RekenFout::invoer("leeftijd", "geen geldige leeftijd")),
            })
            .collect();
        Self { peil, klassen }
    }

    fn klasse(&self, leeftijd: i64, kolom: &str) -> Result<Klasse, String> {
        let r = usize::try_from(leeftijd)
            .ok()
            .and_then(|l| self.klassen.get(l));
        match r {
            Some(Ok(k)) => Ok(*k),
            Some(Err(RekenFout::Invoer { .. })) | None if leeftijd < 18 => Err(format!(
                "{kolom} is {leeftijd}; bijstand is voor 18 jaar en ouder"
            )),
            Some(Err(e)) => Err(e.to_string()),
            None => Err(format!("{kolom} {leeftijd} is niet mogelijk")),
        }
    }

    /// One row: the entitlement in cents.
    #[inline]
    pub fn rij(
        &self,
        w: &[i64; KOLOMMEN],
        kop: &[Option<usize>; KOLOMMEN],
    ) -> Result<i64, (usize, String)> {
        let [
            _,
            leeftijd,
            partner,
            partner_leeftijd,
            kinderen,
            kostendelers,
            inkomen,
            vermogen,
            mantelzorg,
            ouders,
            partner_inkomen,
            arbeid_aanvrager,
            arbeid_partner,
        ] = *w;
        let vlag = |v: i64, k: usize| -> Result<bool, (usize, String)> {
            match v {
                0 => Ok(false),
                1 => Ok(true),
                _ => Err((k, format!("moet 0 of 1 zijn, niet {v}"))),
            }
        };
        let aanvrager = self.klasse(leeftijd, "applicant_age").map_err(|m| (1, m))?;
        let partner = if vlag(partner, 2)? {
            Some(
                self.klasse(partner_leeftijd, "partner_age")
                    .map_err(|m| (3, m))?,
            )
        } else if partner_leeftijd != 0 {
            return Err((3, "heeft een leeftijd, maar has_partner is 0".into()));
        } else {
            None
        };
        for (k, v) in [
            (4, kinderen),
            (5, kostendelers),
            (6, inkomen),
            (7, vermogen),
            (10, partner_inkomen),
            (11, arbeid_aanvrager),
            (12, arbeid_partner),
        ] {
            if v < 0 {
                return Err((k, format!("mag niet negatief zijn ({v})")));
            }
        }
        if partner.is_none() && (partner_inkomen != 0 || arbeid_partner != 0) {
            return Err((10, "inkomen van een partner, maar has_partner is 0".into()));
        }
        let arbeid =
            |w: i64, leeftijd: i64, k: Klasse, kolom: usize| -> Result<i64, (usize, String)> {
                if w == 0 {
                    return Ok(0);
                }
                let inkomsten = Inkomsten {
                    arbeid_cents: w,
                    ..Inkomsten::default()
                };
                let persoon = InkomenPersoon {
                    wie: Wie::Aanvrager,
                    leeftijd: i32::try_from(leeftijd).unwrap_or(i32::MAX),
                    aow: k == Klasse::Aow,
                    alleenstaande_ouder_kind_onder_12: false,
                };
                inkomsten
                    .in_aanmerking(self.peil, persoon, &mut GeenSpoor)
                    .map_err(|e| (kolom, e.to_string()))
            };
        let mut arbeid_telt = arbeid(arbeid_aanvrager, leeftijd, aanvrager, 11)?;
        if let Some(p) = partner {
            arbeid_telt += arbeid(arbeid_partner, partner_leeftijd, p, 12)?;
        }
        let f = Feiten {
            aanvrager,
            partner,
            kinderen: kinderen > 0,
            kostendelers: u32::try_from(kostendelers).map_err(|_| (5, "te groot".to_owned()))?,
            mantelzorg: kop[8].is_some() && vlag(mantelzorg, 8)?,
            toeslag_20_3: kop[9].is_some() && vlag(ouders, 9)?,
            vermogen,
            woning_leenruimte: 0,
            inkomen: inkomen + partner_inkomen + arbeid_telt,
            inrichting_aanvrager: false,
            inrichting_partner: false,
        };
        bijstand::bereken(self.peil, &f, &mut GeenSpoor)
            .map(|u| u.bijstand_cents)
            .map_err(|e| (0, e.to_string()))
    }

    /// Run over a whole CSV file's bytes; returns the output CSV.
    pub fn csv(&self, invoer: &[u8]) -> Result<(Vec<u8>, Samenvatting), BatchFout> {
        let mut uit = Vec::with_capacity(invoer.len() / 2 + 32);
        let sam = self.csv_naar(invoer, &mut uit)?;
        Ok((uit, sam))
    }

    /// Run over a whole CSV file's bytes, writing the output CSV to `uit`.
    /// Pieces of the file are computed in parallel, then written in order.
    pub fn csv_naar(
        &self,
        invoer: &[u8],
        uit: &mut impl std::io::Write,
    ) -> Result<Samenvatting, BatchFout> {
        let kop_eind = invoer
            .iter()
            .position(|b| *b == b'\n')
            .unwrap_or(invoer.len());
        let (kop, genegeerd) = lees_kop(&invoer[..kop_eind])?;
        let lijf = invoer.get(kop_eind + 1..).unwrap_or(&[]);
        let stukken = verdeel(lijf, 256 * 1024);
        let uitkomsten: Vec<Result<Stuk, (usize, BatchFout)>> =
            stukken.par_iter().map(|s| self.stuk(s, &kop)).collect();
        let mut sam = Samenvatting {
            genegeerde_kolommen: genegeerd,
            ..Default::default()
        };
        let mut regels_ervoor = 1usize;
        for u in &uitkomsten {
            match u {
                Ok(s) => {
                    sam.huishoudens += s.regels as u64;
                    sam.met_recht += s.met_recht;
                    sam.totaal_cents += s.totaal;
                    regels_ervoor += s.regels_gelezen;
                }
                Err((lokaal, f)) => {
                    let mut f = f.clone();
                    f.regel = regels_ervoor + lokaal;
                    return Err(f);
                }
            }
        }
        // Nothing is written before every row is known to be good.
        let schrijf_fout =
            |e: std::io::Error| fout(0, "uitvoer", format!("schrijven mislukt: {e}"));
        uit.write_all(b"household_id,entitled_cents\n")
            .map_err(schrijf_fout)?;
        for s in uitkomsten.iter().flatten() {
            uit.write_all(&s.uit).map_err(schrijf_fout)?;
        }
        Ok(sam)
    }

    fn stuk(&self, stuk: &[u8], kop: &Kop) -> Result<Stuk, (usize, BatchFout)> {
        let mut uit = Vec::with_capacity(stuk.len() / 2 + 64);
        let (mut regels, mut gelezen, mut met_recht, mut totaal) = (0usize, 0usize, 0u64, 0i64);
        let mut waarden = [0i64; KOLOMMEN];
        let laatste_leeg = stuk.last() == Some(&b'\n');
        let aantal = stuk.iter().filter(|b| **b == b'\n').count() + usize::from(!laatste_leeg);
        for regel in stuk.split(|b| *b == b'\n').take(aantal) {
            gelezen += 1;
            let regel = regel.strip_suffix(b"\r").unwrap_or(regel);
            if regel.is_empty() {
                continue;
            }
            let nr = gelezen;
            let mut velden = 0usize;
            for (i, veld) in regel.split(|b| *b == b',').enumerate() {
                velden += 1;
                if let Some(Some(k)) = kop.kolom_van.get(i).copied() {
                    waarden[k] = getal(veld).ok_or_else(|| {
                        (
                            nr,
                            fout(
                                0,
                                kolom_naam(k),
                                format!("\"{}\" is geen heel getal", String::from_utf8_lossy(veld)),
                            ),
                        )
                    })?;
                }
            }
            if velden != kop.breedte {
                return Err((
                    nr,
                    fout(
                        0,
                        "alle",
                        format!("{velden} kolommen, de kop heeft er {}", kop.breedte),
                    ),
                ));
            }
            let recht = self.rij(&waarden, &kop.positie).map_err(|(k, m)| {
                (
                    nr,
                    fout(0, if k == 0 { "berekening" } else { kolom_naam(k) }, m),
                )
            })?;
            schrijf_getal(&mut uit, waarden[0]);
            uit.push(b',');
            schrijf_getal(&mut uit, recht);
            uit.push(b'\n');
            regels += 1;
            met_recht += u64::from(recht > 0);
            totaal += recht;
        }
        Ok(Stuk {
            uit,
            regels,
            regels_gelezen: gelezen,
            met_recht,
            totaal,
        })
    }
}

struct Stuk {
    uit: Vec<u8>,
    regels: usize,
    regels_gelezen: usize,
    met_recht: u64,
    totaal: i64,
}

fn kolom_naam(k: usize) -> &'static str {
    VERPLICHT
        .iter()
        .chain(OPTIONEEL.iter())
        .nth(k)
        .copied()
        .unwrap_or("?")
}

/// Split after newlines into pieces of about `grootte` bytes.
fn verdeel(lijf: &[u8], grootte: usize) -> Vec<&[u8]> {
    let mut stukken = Vec::new();
    let mut begin = 0;
    while begin < lijf.len() {
        let mut eind = (begin + grootte).min(lijf.len());
        while eind < lijf.len() && lijf[eind - 1] != b'\n' {
            eind += 1;
        }
        stukken.push(&lijf[begin..eind]);
        begin = eind;
    }
    stukken
}

#[inline]
fn getal(veld: &[u8]) -> Option<i64> {
    let veld = veld.trim_ascii();
    let (neg, cijfers) = match veld.first() {
        Some(b'-') => (true, &veld[1..]),
        _ => (false, veld),
    };
    if cijfers.is_empty() || cijfers.len() > 18 {
        return None;
    }
    let mut n: i64 = 0;
    for b in cijfers {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n * 10 + i64::from(d);
    }
    Some(if neg { -n } else { n })
}

#[inline]
fn schrijf_getal(uit: &mut Vec<u8>, n: i64) {
    if n < 0 {
        uit.push(b'-');
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    uit.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn getallen() {
        assert_eq!(getal(b"123"), Some(123));
        assert_eq!(getal(b"-5"), Some(-5));
        assert_eq!(getal(b""), None);
        assert_eq!(getal(b"1a"), None);
        let mut v = Vec::new();
        schrijf_getal(&mut v, -1200);
        schrijf_getal(&mut v, 0);
        assert_eq!(v, b"-12000");
    }

    #[test]
    fn verdelen_houdt_regels_heel() {
        let lijf = b"1,2\n3,4\n5,6";
        let s = verdeel(lijf, 3);
        assert_eq!(s.concat(), lijf);
        assert!(s[..s.len() - 1].iter().all(|x| x.ends_with(b"\n")));
    }
}

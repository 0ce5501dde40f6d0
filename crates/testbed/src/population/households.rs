//! One household at a time: members, address, income, assets and the
//! ground truth about their rights. See the module docs of `population` for
//! the distributions.

use super::names::{
    ACHTERNAMEN, STRAAT_STAMMEN, STRAAT_SUFFIXEN, VOORNAMEN_MAN, VOORNAMEN_VROUW, WERKGEVERS,
};
use super::*;
use chrono::{Datelike, Days, Months};
use rand::seq::SliceRandom;

pub(super) struct Context {
    pub seed: u64,
    pub gemeente_code: String,
    pub gemeente_naam: String,
    pub postcode_start: u32,
    pub aantal_huishoudens: u32,
    pub referentiedatum: NaiveDate,
}

pub(crate) const NORM_ALLEENSTAAND: u64 = 140_150;
pub(crate) const NORM_GEZIN: u64 = 200_214;
pub(crate) const VERMOGENSGRENS_ALLEENSTAAND: u64 = 799_500;
pub(crate) const VERMOGENSGRENS_GEZIN: u64 = 1_599_000;
pub(crate) const AOW_ALLEENSTAAND_NETTO: u64 = 145_000;
pub(crate) const AOW_PARTNER_NETTO: u64 = 105_000;
pub(crate) const KINDERBIJSLAG_PER_KWARTAAL: u64 = 30_000;

pub(crate) fn pick<'a, T>(rng: &mut ChaCha8Rng, list: &'a [T]) -> Option<&'a T> {
    list.choose(rng)
}

pub(crate) fn datum_min_jaren(d: NaiveDate, jaren: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(jaren * 12)).unwrap_or(d)
}

pub(crate) fn plus_dagen(d: NaiveDate, dagen: u64) -> NaiveDate {
    d.checked_add_days(Days::new(dagen)).unwrap_or(d)
}

pub(crate) fn min_dagen(d: NaiveDate, dagen: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(dagen)).unwrap_or(d)
}

pub(crate) fn eerste_van_maand(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// A random date between `van` and `tot` (inclusive start).
pub(crate) fn datum_tussen(rng: &mut ChaCha8Rng, van: NaiveDate, tot: NaiveDate) -> NaiveDate {
    let dagen = (tot - van).num_days();
    if dagen <= 0 {
        return van;
    }
    plus_dagen(van, rng.gen_range(0..dagen as u64))
}

fn geboortedatum(rng: &mut ChaCha8Rng, refd: NaiveDate, leeftijd: u32) -> NaiveDate {
    let jongste = datum_min_jaren(refd, leeftijd);
    min_dagen(jongste, rng.gen_range(1..365))
}

pub(crate) fn leeftijd_op(geboren: NaiveDate, op: NaiveDate) -> u32 {
    let mut l = op.year() - geboren.year();
    if (op.month(), op.day()) < (geboren.month(), geboren.day()) {
        l -= 1;
    }
    l.max(0) as u32
}

pub(crate) fn netto(bruto_cents: u64) -> u64 {
    if bruto_cents < 250_000 {
        bruto_cents * 80 / 100
    } else if bruto_cents < 450_000 {
        bruto_cents * 72 / 100
    } else {
        bruto_cents * 62 / 100
    }
}

struct Lid {
    rol: Rol,
    geslacht: Geslacht,
    leeftijd: u32,
}

fn hoofd_leeftijd(rng: &mut ChaCha8Rng, soort: HuishoudenSoort) -> u32 {
    let r: f64 = rng.r#gen();
    match soort {
        HuishoudenSoort::Alleenstaand => {
            if r < 0.30 {
                rng.gen_range(18..35)
            } else if r < 0.65 {
                rng.gen_range(35..65)
            } else {
                rng.gen_range(65..96)
            }
        }
        HuishoudenSoort::PaarZonderKinderen => {
            if r < 0.25 {
                rng.gen_range(22..35)
            } else if r < 0.40 {
                rng.gen_range(35..55)
            } else {
                rng.gen_range(55..92)
            }
        }
        HuishoudenSoort::PaarMetKinderen => rng.gen_range(25..58),
        HuishoudenSoort::Eenoudergezin => rng.gen_range(22..58),
    }
}

fn klasse(rng: &mut ChaCha8Rng, rol: Rol, leeftijd: u32, met_partner: bool) -> Inkomensklasse {
    if leeftijd >= 67 {
        return Inkomensklasse::Pensioen;
    }
    if rol == Rol::Kind {
        return if leeftijd >= 18 && rng.gen_bool(0.6) {
            Inkomensklasse::Student
        } else {
            Inkomensklasse::Kind
        };
    }
    // Singles need an income more often than partners do.
    let geen = if met_partner { 0.30 } else { 0.08 };
    let laag = if met_partner { 0.14 } else { 0.12 };
    let r: f64 = rng.r#gen();
    if r < geen {
        Inkomensklasse::Geen
    } else if r < geen + laag {
        Inkomensklasse::Laag
    } else if r < 0.78 {
        Inkomensklasse::Midden
    } else {
        Inkomensklasse::Hoog
    }
}

fn adres(ctx: &Context, rng: &mut ChaCha8Rng, h: u32) -> Adres {
    let straten = (STRAAT_STAMMEN.len() * STRAAT_SUFFIXEN.len()) as u32;
    // Spread households over streets first, then number them per street.
    let straat_idx = h % straten;
    let huisnummer = h / straten + 1;
    let stam = STRAAT_STAMMEN[(straat_idx as usize) % STRAAT_STAMMEN.len()];
    let suffix = STRAAT_SUFFIXEN[(straat_idx as usize) / STRAAT_STAMMEN.len()];
    let straat = format!("{stam}{suffix}");
    // Postcode: 20 house numbers per letter pair, unique per street block.
    let per_straat = ctx.aantal_huishoudens.div_ceil(straten).max(1);
    let blokken_per_straat = per_straat.div_ceil(20);
    let blok = straat_idx * blokken_per_straat + (huisnummer - 1) / 20;
    let cijfers = (ctx.postcode_start + blok / 676).min(9999);
    let l1 = (b'A' + ((blok % 676) / 26) as u8) as char;
    let l2 = (b'A' + (blok % 26) as u8) as char;
    let huisletter = if rng.gen_bool(0.05) { Some('A') } else { None };
    let serial = h as u64 + 1;
    Adres {
        straat,
        huisnummer,
        huisletter,
        postcode: format!("{cijfers:04}{l1}{l2}"),
        woonplaats: ctx.gemeente_naam.clone(),
        adresseerbaar_object_identificatie: format!("{}01{serial:010}", ctx.gemeente_code),
        nummeraanduiding_identificatie: format!("{}20{serial:010}", ctx.gemeente_code),
    }
}

pub(crate) fn kenteken(nummer: u64) -> String {
    const L: &[u8] = b"BDFGHJKLNPRSTVXZ";
    let n = L.len() as u64;
    let mut x = nummer;
    let a = L[(x % n) as usize] as char;
    x /= n;
    let b = L[(x % n) as usize] as char;
    x /= n;
    let c = L[(x % n) as usize] as char;
    x /= n;
    let cijfers = x % 1000;
    format!("{a}{b}{cijfers:03}{c}")
}

pub(crate) fn dienstverband(
    rng: &mut ChaCha8Rng,
    refd: NaiveDate,
    geboren: NaiveDate,
    bruto: u64,
    uren: u32,
    einde: Option<NaiveDate>,
) -> Dienstverband {
    let (werkgever, finr) = pick(rng, WERKGEVERS)
        .copied()
        .unwrap_or(("Werkgever", "800000001"));
    let vroegst = datum_min_jaren(refd, 15).max(plus_dagen(geboren, 18 * 366));
    let laatst = einde.unwrap_or(min_dagen(refd, 31));
    Dienstverband {
        werkgever: werkgever.to_string(),
        werkgever_finr: finr.to_string(),
        pensioen: false,
        begin: eerste_van_maand(datum_tussen(rng, vroegst, laatst)),
        einde,
        bruto_maandloon_cents: bruto,
        uren_per_maand: uren,
    }
}

/// Generate household `h` with residents starting at index `start`.
pub(super) fn genereer(
    ctx: &Context,
    h: u32,
    soort: HuishoudenSoort,
    aantal_kinderen: u32,
    start: u32,
    bsns: &[u32],
) -> (Huishouden, Vec<Ingezetene>) {
    let mut rng = household_rng(ctx.seed, h as u64);
    let refd = ctx.referentiedatum;

    // Members and ages.
    let hoofd_lft = hoofd_leeftijd(&mut rng, soort);
    let mut leden: Vec<Lid> = Vec::new();
    let hoofd_geslacht = match soort {
        HuishoudenSoort::Eenoudergezin => {
            if rng.gen_bool(0.8) {
                Geslacht::Vrouw
            } else {
                Geslacht::Man
            }
        }
        _ => {
            if rng.gen_bool(0.5) {
                Geslacht::Man
            } else {
                Geslacht::Vrouw
            }
        }
    };
    leden.push(Lid {
        rol: Rol::Hoofd,
        geslacht: hoofd_geslacht,
        leeftijd: hoofd_lft,
    });
    let heeft_partner = matches!(
        soort,
        HuishoudenSoort::PaarZonderKinderen | HuishoudenSoort::PaarMetKinderen
    );
    if heeft_partner {
        let anders = if hoofd_geslacht == Geslacht::Man {
            Geslacht::Vrouw
        } else {
            Geslacht::Man
        };
        let geslacht = if rng.gen_bool(0.03) {
            hoofd_geslacht
        } else {
            anders
        };
        let lft = (hoofd_lft as i32 + rng.gen_range(-5..=5)).clamp(18, 99) as u32;
        leden.push(Lid {
            rol: Rol::Partner,
            geslacht,
            leeftijd: lft,
        });
    }
    let jongste_ouder = leden.iter().map(|l| l.leeftijd).min().unwrap_or(30);
    for _ in 0..aantal_kinderen {
        let max = jongste_ouder.saturating_sub(18).clamp(1, 24);
        let lft = rng.gen_range(0..max);
        let geslacht = if rng.gen_bool(0.5) {
            Geslacht::Man
        } else {
            Geslacht::Vrouw
        };
        leden.push(Lid {
            rol: Rol::Kind,
            geslacht,
            leeftijd: lft,
        });
    }

    let gehuwd = heeft_partner && rng.gen_bool(0.7);
    let adres = adres(ctx, &mut rng, h);
    let (hoofd_vv, hoofd_naam) = pick(&mut rng, ACHTERNAMEN)
        .copied()
        .unwrap_or((None, "Jansen"));

    let mut personen: Vec<Ingezetene> = Vec::with_capacity(leden.len());
    for (i, lid) in leden.iter().enumerate() {
        let index = start + i as u32;
        let voornamen_lijst = if lid.geslacht == Geslacht::Man {
            VOORNAMEN_MAN
        } else {
            VOORNAMEN_VROUW
        };
        let mut voornamen = pick(&mut rng, voornamen_lijst)
            .copied()
            .unwrap_or("Sam")
            .to_string();
        if rng.gen_bool(0.4)
            && let Some(tweede) = pick(&mut rng, voornamen_lijst)
            && *tweede != voornamen
        {
            voornamen = format!("{voornamen} {tweede}");
        }
        let (vv, naam) = if lid.rol == Rol::Partner {
            pick(&mut rng, ACHTERNAMEN)
                .copied()
                .unwrap_or((None, "Jansen"))
        } else {
            (hoofd_vv, hoofd_naam)
        };
        let geboren = geboortedatum(&mut rng, refd, lid.leeftijd);
        let geboorteplaats = if rng.gen_bool(0.7) || lid.rol == Rol::Kind {
            ctx.gemeente_naam.clone()
        } else {
            [
                "Amsterdam",
                "Rotterdam",
                "Utrecht",
                "Leiden",
                "Zaandam",
                "Paramaribo",
                "Istanbul",
            ][rng.gen_range(0..7)]
            .to_string()
        };
        personen.push(Ingezetene {
            index,
            bsn: bsns.get(index as usize).copied().unwrap_or_default(),
            huishouden: h,
            rol: lid.rol,
            geslacht: lid.geslacht,
            voornamen,
            voorvoegsel: vv.map(str::to_string),
            geslachtsnaam: naam.to_string(),
            geboortedatum: geboren,
            geboorteplaats,
            inkomensklasse: klasse(&mut rng, lid.rol, lid.leeftijd, lid.rol == Rol::Partner),
            partner: None,
            ouders: Vec::new(),
            kinderen: Vec::new(),
            dienstverbanden: Vec::new(),
            uitkeringen: Vec::new(),
            studiefinanciering: None,
            autos: Vec::new(),
            vermogen_box3_cents: 0,
        });
    }

    // Family relations.
    let ouder_idx: Vec<u32> = personen
        .iter()
        .filter(|p| p.rol != Rol::Kind)
        .map(|p| p.index)
        .collect();
    let kind_idx: Vec<u32> = personen
        .iter()
        .filter(|p| p.rol == Rol::Kind)
        .map(|p| p.index)
        .collect();
    for p in personen.iter_mut() {
        match p.rol {
            Rol::Kind => p.ouders = ouder_idx.clone(),
            _ => {
                p.kinderen = kind_idx.clone();
                if gehuwd {
                    p.partner = ouder_idx.iter().copied().find(|i| *i != p.index);
                }
            }
        }
    }

    super::economie::vul_in(ctx, &mut rng, h, soort, gehuwd, adres, personen)
}

//! Income, benefits, assets, toeslagen and the ground truth of one household.

use super::households::{
    AOW_ALLEENSTAAND_NETTO, AOW_PARTNER_NETTO, Context, KINDERBIJSLAG_PER_KWARTAAL,
    NORM_ALLEENSTAAND, NORM_GEZIN, VERMOGENSGRENS_ALLEENSTAAND, VERMOGENSGRENS_GEZIN,
    datum_min_jaren, datum_tussen, dienstverband, eerste_van_maand, kenteken, leeftijd_op,
    min_dagen, netto, pick, plus_dagen,
};
use super::names::{AUTOMERKEN, PENSIOENFONDSEN};
use super::*;

fn spaargeld(rng: &mut ChaCha8Rng, klasse: Inkomensklasse) -> u64 {
    let max: u64 = match klasse {
        Inkomensklasse::Geen => 600_000,
        Inkomensklasse::Laag => 1_500_000,
        Inkomensklasse::Midden => 6_000_000,
        Inkomensklasse::Hoog => 25_000_000,
        Inkomensklasse::Pensioen => 8_000_000,
        Inkomensklasse::Student => 300_000,
        Inkomensklasse::Kind => 0,
    };
    if max == 0 {
        return 0;
    }
    // Skewed towards small amounts.
    let u: f64 = rng.r#gen();
    (u * u * u * max as f64) as u64
}

pub(super) fn vul_in(
    ctx: &Context,
    rng: &mut ChaCha8Rng,
    h: u32,
    soort: HuishoudenSoort,
    gehuwd: bool,
    adres: Adres,
    mut personen: Vec<Ingezetene>,
) -> (Huishouden, Vec<Ingezetene>) {
    let refd = ctx.referentiedatum;
    let heeft_partner = personen.iter().any(|p| p.rol == Rol::Partner);
    let _ = soort;
    let mut laag_sinds: Option<NaiveDate> = None;

    // Work, pensions, AOW, study.
    for p in personen.iter_mut() {
        let geboren = p.geboortedatum;
        match p.inkomensklasse {
            Inkomensklasse::Geen => {
                let sinds = if rng.gen_bool(0.4) {
                    let einde = eerste_van_maand(datum_tussen(rng, datum_min_jaren(refd, 5), refd));
                    let bruto = rng.gen_range(180_000..320_000);
                    let mut d = dienstverband(rng, refd, geboren, bruto, 150, Some(einde));
                    if d.begin >= einde {
                        d.begin = datum_min_jaren(einde, 1);
                    }
                    p.dienstverbanden.push(d);
                    einde
                } else {
                    datum_min_jaren(refd, rng.gen_range(3..10)).max(plus_dagen(geboren, 18 * 366))
                };
                if p.rol == Rol::Hoofd {
                    laag_sinds = Some(sinds);
                }
            }
            Inkomensklasse::Laag => {
                let bruto = rng.gen_range(50_000..200_000);
                let uren = (bruto / 1_400) as u32;
                let d = dienstverband(rng, refd, geboren, bruto, uren.max(8), None);
                if p.rol == Rol::Hoofd {
                    laag_sinds = Some(d.begin);
                }
                p.dienstverbanden.push(d);
            }
            Inkomensklasse::Midden => {
                let bruto = rng.gen_range(220_000..420_000);
                let d = dienstverband(rng, refd, geboren, bruto, 152, None);
                p.dienstverbanden.push(d);
            }
            Inkomensklasse::Hoog => {
                let bruto = rng.gen_range(420_000..900_000);
                let d = dienstverband(rng, refd, geboren, bruto, 160, None);
                p.dienstverbanden.push(d);
            }
            Inkomensklasse::Pensioen => {
                let aow_datum = eerste_van_maand(plus_dagen(geboren, 67 * 365 + 120));
                let percentage = if rng.gen_bool(0.1) {
                    rng.gen_range(40..99)
                } else {
                    100
                };
                let vol = if heeft_partner {
                    AOW_PARTNER_NETTO
                } else {
                    AOW_ALLEENSTAAND_NETTO
                };
                p.uitkeringen.push(Uitkering {
                    soort: UitkeringSoort::Aow,
                    begin: aow_datum,
                    bedrag_cents: vol * percentage as u64 / 100,
                    percentage: Some(percentage),
                });
                if rng.gen_bool(0.7) {
                    let (naam, finr) = pick(rng, PENSIOENFONDSEN)
                        .copied()
                        .unwrap_or(("Pensioenfonds", "820000001"));
                    p.dienstverbanden.push(Dienstverband {
                        werkgever: naam.to_string(),
                        werkgever_finr: finr.to_string(),
                        pensioen: true,
                        begin: aow_datum,
                        einde: None,
                        bruto_maandloon_cents: rng.gen_range(20_000..180_000),
                        uren_per_maand: 0,
                    });
                }
            }
            Inkomensklasse::Student => {
                let begin = eerste_van_maand(plus_dagen(geboren, 18 * 366 + 60));
                p.studiefinanciering = Some(Studiefinanciering {
                    begin,
                    einde: eerste_van_maand(plus_dagen(begin, 5 * 365)),
                    basisbeurs: rng.gen_bool(0.85),
                    aanvullende_beurs: rng.gen_bool(0.35),
                });
                if rng.gen_bool(0.5) {
                    let bruto = rng.gen_range(30_000..90_000);
                    let d = dienstverband(rng, refd, geboren, bruto, 40, None);
                    p.dienstverbanden.push(d);
                }
            }
            Inkomensklasse::Kind => {}
        }
        p.vermogen_box3_cents = spaargeld(rng, p.inkomensklasse);
    }

    // Kinderbijslag for children under 18, paid to the head.
    let kinderen_onder_18 = personen
        .iter()
        .filter(|p| p.rol == Rol::Kind && leeftijd_op(p.geboortedatum, refd) < 18)
        .count() as u64;
    let oudste_kind = personen
        .iter()
        .filter(|p| p.rol == Rol::Kind && leeftijd_op(p.geboortedatum, refd) < 18)
        .map(|p| p.geboortedatum)
        .min();
    if let (true, Some(hoofd), Some(oudste)) =
        (kinderen_onder_18 > 0, personen.first_mut(), oudste_kind)
    {
        {
            let oudste_kind_begin = eerste_van_maand(plus_dagen(oudste, 92));
            hoofd.uitkeringen.push(Uitkering {
                soort: UitkeringSoort::Kinderbijslag,
                begin: oudste_kind_begin,
                bedrag_cents: KINDERBIJSLAG_PER_KWARTAAL * kinderen_onder_18,
                percentage: None,
            });
        }
    }

    // Household income (adults only; child benefit and study finance are
    // not counted for bijstand).
    let volwassenen: Vec<usize> = (0..personen.len())
        .filter(|i| personen[*i].rol != Rol::Kind)
        .collect();
    let mut netto_inkomen = 0u64;
    let mut bruto_jaar = 0u64;
    for i in &volwassenen {
        let p = &personen[*i];
        for d in p.dienstverbanden.iter().filter(|d| d.einde.is_none()) {
            netto_inkomen += netto(d.bruto_maandloon_cents);
            bruto_jaar += d.bruto_maandloon_cents * 12;
        }
        for u in p
            .uitkeringen
            .iter()
            .filter(|u| u.soort == UitkeringSoort::Aow)
        {
            netto_inkomen += u.bedrag_cents;
            bruto_jaar += u.bedrag_cents * 12 * 110 / 100;
        }
    }
    let norm = if heeft_partner {
        NORM_GEZIN
    } else {
        NORM_ALLEENSTAAND
    };
    let grens = if heeft_partner {
        VERMOGENSGRENS_GEZIN
    } else {
        VERMOGENSGRENS_ALLEENSTAAND
    };
    let vermogen: u64 = personen.iter().map(|p| p.vermogen_box3_cents).sum();

    let hoofd_lft = personen
        .first()
        .map(|p| leeftijd_op(p.geboortedatum, refd))
        .unwrap_or(30);
    let hoofd_klasse = personen
        .first()
        .map(|p| p.inkomensklasse)
        .unwrap_or(Inkomensklasse::Midden);
    let oudere = hoofd_lft >= 67;

    // Home and cars.
    let p_koop = match hoofd_klasse {
        _ if oudere => 0.55,
        Inkomensklasse::Geen => 0.10,
        Inkomensklasse::Laag => 0.25,
        Inkomensklasse::Hoog => 0.80,
        _ => 0.60,
    };
    let woning = rng.gen_bool(p_koop).then(|| Woning {
        kadastrale_gemeente_code: format!(
            "{}0",
            &ctx.gemeente_code[..ctx.gemeente_code.len().min(4)]
        ),
        kadastrale_gemeente: ctx.gemeente_naam.clone(),
        sectie: format!("{}", (b'A' + (h % 26) as u8) as char),
        perceelnummer: 1 + h % 99_999,
        woz_waarde_cents: rng.gen_range(22_000_000..65_000_000),
        sinds: eerste_van_maand(datum_tussen(
            rng,
            datum_min_jaren(refd, 30),
            min_dagen(refd, 60),
        )),
        eigenaren: volwassenen.iter().map(|i| personen[*i].index).collect(),
    });
    let p_auto = match hoofd_klasse {
        Inkomensklasse::Geen => 0.15,
        Inkomensklasse::Laag => 0.35,
        Inkomensklasse::Hoog => 0.85,
        _ => 0.70,
    };
    let aantal_autos = if rng.gen_bool(p_auto) {
        if hoofd_klasse == Inkomensklasse::Hoog && heeft_partner && rng.gen_bool(0.4) {
            2
        } else {
            1
        }
    } else {
        0
    };
    for n in 0..aantal_autos {
        let eigenaar = volwassenen.get(n).copied().unwrap_or(0);
        let waarde = match hoofd_klasse {
            Inkomensklasse::Geen | Inkomensklasse::Laag => rng.gen_range(50_000..600_000),
            Inkomensklasse::Hoog => rng.gen_range(1_500_000..6_000_000),
            _ => rng.gen_range(300_000..2_500_000),
        };
        let auto = Auto {
            kenteken: kenteken(h as u64 * 2 + n as u64),
            merk: pick(rng, AUTOMERKEN)
                .copied()
                .unwrap_or("VOLKSWAGEN")
                .to_string(),
            waarde_cents: waarde,
            sinds: datum_tussen(rng, datum_min_jaren(refd, 8), min_dagen(refd, 30)),
        };
        if let Some(p) = personen.get_mut(eigenaar) {
            p.autos.push(auto);
        }
    }

    // Ground truth on bijstand, IIT and bijzondere bijstand.
    let student_hoofd = hoofd_klasse == Inkomensklasse::Student;
    let recht_bijstand = netto_inkomen < norm && vermogen < grens && hoofd_lft >= 18;
    let ontvangt_bijstand = recht_bijstand && rng.gen_bool(0.55);
    if ontvangt_bijstand {
        let aanvulling = norm - netto_inkomen;
        let soort = if oudere {
            UitkeringSoort::Aio
        } else {
            UitkeringSoort::Bijstand
        };
        let begin = eerste_van_maand(datum_tussen(
            rng,
            laag_sinds
                .unwrap_or(datum_min_jaren(refd, 3))
                .max(datum_min_jaren(refd, 10)),
            min_dagen(refd, 30),
        ));
        if let Some(hoofd) = personen.first_mut() {
            hoofd.uitkeringen.push(Uitkering {
                soort,
                begin,
                bedrag_cents: aanvulling,
                percentage: None,
            });
        }
    }
    let inkomen_na_bijstand = if ontvangt_bijstand {
        norm
    } else {
        netto_inkomen
    };
    let lang_laag = laag_sinds.is_some_and(|d| d <= datum_min_jaren(refd, 3));
    let recht_iit = (21..67).contains(&hoofd_lft)
        && !student_hoofd
        && inkomen_na_bijstand <= norm * 120 / 100
        && vermogen < grens
        && lang_laag;
    let ontvangt_iit = recht_iit && rng.gen_bool(0.4);
    let bijzondere_kosten = rng.gen_bool(0.2);
    let recht_bb = inkomen_na_bijstand <= norm * 130 / 100
        && (kinderen_onder_18 > 0 || oudere || bijzondere_kosten);
    let ontvangt_bb = recht_bb && rng.gen_bool(0.3);

    // Toeslagen.
    let mut toeslagen = Vec::new();
    let huurgrens = if heeft_partner { 300_000 } else { 220_000 };
    if woning.is_none()
        && inkomen_na_bijstand < huurgrens
        && vermogen < 3_700_000
        && rng.gen_bool(0.8)
    {
        toeslagen.push(ToeslagSoort::Huurtoeslag);
    }
    if bruto_jaar < 4_000_000 * volwassenen.len() as u64 && rng.gen_bool(0.85) {
        toeslagen.push(ToeslagSoort::Zorgtoeslag);
    }
    let kgb_grens = if heeft_partner { 6_000_000 } else { 4_500_000 };
    if kinderen_onder_18 > 0 && bruto_jaar < kgb_grens && rng.gen_bool(0.9) {
        toeslagen.push(ToeslagSoort::KindgebondenBudget);
    }
    let jonge_kinderen = personen
        .iter()
        .any(|p| p.rol == Rol::Kind && leeftijd_op(p.geboortedatum, refd) < 12);
    let allen_werken = volwassenen.iter().all(|i| {
        personen[*i]
            .dienstverbanden
            .iter()
            .any(|d| d.einde.is_none() && !d.pensioen)
    });
    if jonge_kinderen && allen_werken && rng.gen_bool(0.5) {
        toeslagen.push(ToeslagSoort::Kinderopvangtoeslag);
    }

    let waarheid = Waarheid {
        netto_inkomen_cents: inkomen_na_bijstand,
        bijstandsnorm_cents: norm,
        vermogen_cents: vermogen,
        vermogensgrens_cents: grens,
        laag_inkomen_sinds: laag_sinds,
        recht_bijstand,
        ontvangt_bijstand,
        recht_bijstand_zonder_uitkering: recht_bijstand && !ontvangt_bijstand,
        recht_iit,
        ontvangt_iit,
        recht_iit_zonder_uitkering: recht_iit && !ontvangt_iit,
        recht_bijzondere_bijstand: recht_bb,
        ontvangt_bijzondere_bijstand: ontvangt_bb,
        recht_bijzondere_bijstand_zonder_uitkering: recht_bb && !ontvangt_bb,
    };
    let huishouden = Huishouden {
        index: h,
        soort,
        leden: personen.iter().map(|p| p.index).collect(),
        gehuwd,
        adres,
        woning,
        toeslagen,
        waarheid,
    };
    (huishouden, personen)
}

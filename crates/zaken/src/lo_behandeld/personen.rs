//! The persons of an LO Behandeld message (applicant, partner, children)
//! from the BRP, fitted to the fields' limits
//! (`gbi_registers::socrates::inpassen`).

use chrono::NaiveDate;
use gbi_registers::brp::{BrpDatum, Gerelateerde, Geslacht, Persoon as BrpPersoon};
use gbi_registers::socrates::inpassen;
use gbi_registers::socrates::{
    Geheim, Geslachtsaanduiding, JaNee, Kind, Naamgebruik, OuderKind, OuderKindIndicatieCoOuder,
    OuderKindRelatietype, Partner, PartnerRelatietype, Persoon,
};

/// A BRP date as a calendar date: an incomplete one (day or month
/// unknown) is completed to the first day of the known period; `None`
/// when the date is wholly unknown.
pub fn datum(d: Option<&BrpDatum>) -> Option<NaiveDate> {
    match d? {
        BrpDatum::Volledig { datum } => Some(*datum),
        BrpDatum::JaarMaand { jaar, maand } => NaiveDate::from_ymd_opt(*jaar, *maand, 1),
        BrpDatum::Jaar { jaar } => NaiveDate::from_ymd_opt(*jaar, 1, 1),
        BrpDatum::Onbekend => None,
    }
}

/// The BRP API says only whether a person's data are secret, not which
/// code (1-7): a secret person gets the most restrictive code.
pub fn geheim(p: &BrpPersoon) -> Geheim {
    if p.geheimhouding {
        Geheim::NietDerdenVerbindendVoorschriftEnKerkenEnDerden
    } else {
        Geheim::GeenRestricties
    }
}

fn naamgebruik(code: Option<&str>) -> Naamgebruik {
    match code {
        Some("P") => Naamgebruik::ExEchtgenoot,
        Some("V") => Naamgebruik::ExEchtgenootEigenNaam,
        Some("N") => Naamgebruik::EigenNaamExEchtgenoot,
        _ => Naamgebruik::EigenNaam,
    }
}

fn geslacht(g: Option<Geslacht>) -> Geslachtsaanduiding {
    match g {
        Some(Geslacht::Man) => Geslachtsaanduiding::Man,
        Some(Geslacht::Vrouw) => Geslachtsaanduiding::Vrouw,
        _ => Geslachtsaanduiding::Onbekend,
    }
}

/// The applicant.
pub fn aanvrager(p: &BrpPersoon, partner: Option<&Gerelateerde>) -> Result<Persoon, String> {
    let geboortedatum = datum(p.geboortedatum.as_ref())
        .ok_or("de geboortedatum van de aanvrager is in de BRP onbekend")?;
    let (stam, voorvoegsel) = inpassen::geslachtsnaam(
        p.naam.geslachtsnaam.as_deref(),
        p.naam.voorvoegsel.as_deref(),
    );
    let naamgebruik = naamgebruik(p.aanduiding_naamgebruik.as_deref());
    let geslachtsnaam_partner = match naamgebruik {
        Naamgebruik::EigenNaam => None,
        _ => partner.and_then(|x| {
            inpassen::geslachtsnaam_partner(
                x.naam.geslachtsnaam.as_deref(),
                x.naam.voorvoegsel.as_deref(),
            )
        }),
    };
    Ok(Persoon {
        adreshouding: None,
        a_nummer: None,
        bewindvoerder: None,
        burgerservicenummer: p.bsn.as_str().to_owned(),
        contactgegevens: None,
        geboortedatum,
        kinderen: None,
        medebewoners: None,
        partner: None,
        profiel: None,
        verblijfstitel: None,
        huisvesting: None,
        geslachtsaanduiding: geslacht(p.geslacht),
        geslachtsnaamstam: stam,
        voorletters_aanschrijving: inpassen::voorletters(p.naam.voornamen.as_deref()),
        voornamen: inpassen::voornamen(p.naam.voornamen.as_deref()),
        voorvoegsel,
        naamgebruik,
        geslachtsnaam_partner,
        code_brp_gegevens_geheim: geheim(p),
        nationaliteit: inpassen::nationaliteiten(p.nationaliteiten.iter().map(|n| n.code.as_str())),
    })
}

/// What a partner and a child both need from the BRP: a BSN, a birth
/// date, the surname fitted to the field.
struct Basis {
    bsn: String,
    geboortedatum: NaiveDate,
    stam: String,
    voorvoegsel: Option<String>,
}

/// `wie` names the person in the reason when something is missing.
fn basis(x: &Gerelateerde, wie: &str) -> Result<Basis, String> {
    let bsn = x
        .bsn
        .as_ref()
        .ok_or_else(|| format!("{wie} heeft in de BRP geen burgerservicenummer"))?;
    let geboortedatum = datum(x.geboortedatum.as_ref())
        .ok_or_else(|| format!("de geboortedatum van {wie} is in de BRP onbekend"))?;
    let (stam, voorvoegsel) = inpassen::geslachtsnaam(
        x.naam.geslachtsnaam.as_deref(),
        x.naam.voorvoegsel.as_deref(),
    );
    Ok(Basis {
        bsn: bsn.as_str().to_owned(),
        geboortedatum,
        stam,
        voorvoegsel,
    })
}

/// The partner as medeaanvrager. The BRP record of the applicant does not
/// give the partner's sex, nationality or secrecy: sex and nationality are
/// "onbekend", secrecy that of the applicant (same household).
pub fn medeaanvrager(x: &Gerelateerde, geheim: Geheim) -> Result<Persoon, String> {
    let Basis {
        bsn,
        geboortedatum,
        stam,
        voorvoegsel,
    } = basis(x, "de partner")?;
    Ok(Persoon {
        adreshouding: None,
        a_nummer: None,
        bewindvoerder: None,
        burgerservicenummer: bsn,
        contactgegevens: None,
        geboortedatum,
        kinderen: None,
        medebewoners: None,
        partner: None,
        profiel: None,
        verblijfstitel: None,
        huisvesting: None,
        geslachtsaanduiding: Geslachtsaanduiding::Onbekend,
        geslachtsnaamstam: stam,
        voorletters_aanschrijving: inpassen::voorletters(x.naam.voornamen.as_deref()),
        voornamen: inpassen::voornamen(x.naam.voornamen.as_deref()),
        voorvoegsel,
        naamgebruik: Naamgebruik::EigenNaam,
        geslachtsnaam_partner: None,
        code_brp_gegevens_geheim: geheim,
        nationaliteit: inpassen::nationaliteiten([]),
    })
}

/// The relation with the partner: married or registered (BRP
/// `soortVerbintenis`), from the date it was entered into.
pub fn partnerrelatie(p: &gbi_registers::brp::Partner, terugval: NaiveDate) -> Partner {
    Partner {
        partner_relatietype: match p.soort_verbintenis.as_deref() {
            Some("P") => PartnerRelatietype::Partnergeregistreerd,
            _ => PartnerRelatietype::Partnergehuwd,
        },
        ingangsdatum_relatie: datum(p.aangaan.as_ref()).unwrap_or(terugval),
    }
}

/// A minor child living with the applicant.
pub fn kind(x: &Gerelateerde, geheim: Geheim) -> Result<OuderKind, String> {
    let Basis {
        bsn,
        geboortedatum,
        stam,
        voorvoegsel,
    } = basis(x, "een kind van de aanvrager")?;
    Ok(OuderKind {
        indicatie_co_ouder: OuderKindIndicatieCoOuder::NVT,
        indicatie_kinderbijslag: JaNee::Ja,
        indicatie_onderhoudsplicht: JaNee::Ja,
        indicatie_thuiswonend: JaNee::Ja,
        ouder_kind_relatietype: OuderKindRelatietype::OK,
        kind: Kind {
            burgerservicenummer: bsn,
            geboortedatum,
            a_nummer: None,
            geslachtsaanduiding: Geslachtsaanduiding::Onbekend,
            geslachtsnaamstam: stam,
            voorletters_aanschrijving: inpassen::voorletters(x.naam.voornamen.as_deref()),
            voornamen: inpassen::voornamen(x.naam.voornamen.as_deref()),
            voorvoegsel,
            naamgebruik: Naamgebruik::EigenNaam,
            geslachtsnaam_partner: None,
            code_brp_gegevens_geheim: geheim,
            nationaliteit: inpassen::nationaliteiten([]),
        },
    })
}

//! Who logged in to the portal, read from the claims of a checked ID token:
//! a resident with DigiD, a gemachtigde with DigiD Machtigen, or an
//! organisation (a bewindvoerder's office) with eHerkenning. The claim names
//! and the means a broker offers are configuration (`[oidc_portaal."0392"]`);
//! the assurance levels are in one place here.
//!
//! Participatiewet art. 1, onderdeel j: an electronic means of
//! identification of at least level substantieel (eIDAS art. 8, tweede lid,
//! onderdeel b).

use gbi_domain::Bsn;
use gbi_store::portaal::Vertegenwoordiger;
use serde::Deserialize;
use serde_json::Value;

/// One scale of assurance levels, as `acr` values, lowest first.
#[derive(Debug, PartialEq, Eq)]
pub struct Schaal {
    /// How a page names the means, e.g. "DigiD".
    pub naam: &'static str,
    /// What the page says when a login is below substantieel.
    pub te_laag: &'static str,
    pub niveaus: &'static [(&'static str, &'static str)],
    /// The position of eIDAS substantieel on this scale.
    substantieel: usize,
}

/// DigiD (and DigiD Machtigen): basis, midden, substantieel, hoog.
pub const DIGID: Schaal = Schaal {
    naam: "DigiD",
    te_laag: "Voor uw inkomen heeft u DigiD op niveau substantieel nodig. Log in met de DigiD app met ID-check.",
    niveaus: &[
        (
            "basis",
            "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
        ),
        (
            "midden",
            "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
        ),
        (
            "substantieel",
            "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
        ),
        (
            "hoog",
            "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
        ),
    ],
    substantieel: 2,
};

/// eHerkenning: EH1 to EH4; EH3 is eIDAS substantieel.
pub const EHERKENNING: Schaal = Schaal {
    naam: "eHerkenning",
    te_laag: "Voor deze pagina's heeft u eHerkenning op niveau EH3 of hoger nodig. \
              Vraag de beheerder van eHerkenning in uw organisatie om dit niveau.",
    niveaus: &[
        ("EH1", "urn:etoegang:core:assurance-class:loa1"),
        ("EH2", "urn:etoegang:core:assurance-class:loa2"),
        ("EH2+", "urn:etoegang:core:assurance-class:loa2plus"),
        ("EH3", "urn:etoegang:core:assurance-class:loa3"),
        ("EH4", "urn:etoegang:core:assurance-class:loa4"),
    ],
    substantieel: 3,
};

impl Schaal {
    /// The `acr` value of level substantieel on this scale.
    pub fn substantieel(&self) -> &'static str {
        self.niveaus[self.substantieel].1
    }

    /// The `acr` is a level of this scale, at least substantieel.
    pub fn minstens_substantieel(&self, acr: Option<&str>) -> bool {
        acr.and_then(|a| self.niveaus.iter().position(|(_, urn)| *urn == a))
            .is_some_and(|plek| plek >= self.substantieel)
    }
}

/// The claim names a broker uses. The defaults are those of the most common
/// municipal form software.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Claimnamen {
    /// DigiD: the resident's BSN.
    pub bsn: String,
    /// DigiD Machtigen: the represented resident (BSN).
    pub machtigen_vertegenwoordigde: String,
    /// DigiD Machtigen: the gemachtigde (BSN).
    pub machtigen_gemachtigde: String,
    /// DigiD Machtigen: the service the machtiging is for.
    pub machtigen_dienst: String,
    /// eHerkenning: the organisation (KvK number or RSIN).
    pub eherkenning_organisatie: String,
    /// eHerkenning: the employee who acts (an opaque id).
    pub eherkenning_medewerker: String,
    /// eHerkenning bewindvoering: the represented resident (BSN).
    pub eherkenning_vertegenwoordigde: String,
}

impl Default for Claimnamen {
    fn default() -> Self {
        Claimnamen {
            bsn: "bsn".into(),
            machtigen_vertegenwoordigde: "urn:nl-eid-gdi:1.0:LegalSubjectID".into(),
            machtigen_gemachtigde: "urn:nl-eid-gdi:1.0:ActingSubjectID".into(),
            machtigen_dienst: "urn:nl-eid-gdi:1.0:ServiceUUID".into(),
            eherkenning_organisatie: "urn:etoegang:core:LegalSubjectID".into(),
            eherkenning_medewerker: "urn:etoegang:core:ActingSubjectID".into(),
            eherkenning_vertegenwoordigde: "sel_uid".into(),
        }
    }
}

/// A login means a broker offers besides DigiD (`[oidc_portaal."0392".machtigen]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MiddelConfig {
    /// The scope to ask for, when the broker tells the means apart by scope.
    #[serde(default = "openid")]
    pub scope: String,
    /// DigiD Machtigen: the services (ServiceUUID) a machtiging must be
    /// for; empty accepts any.
    #[serde(default)]
    pub diensten: Vec<String>,
}

fn openid() -> String {
    "openid".into()
}

/// Who the token says logged in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identiteit {
    /// The resident themselves (DigiD).
    Inwoner(Bsn),
    /// Someone acting for the resident.
    Namens {
        inwoner: Bsn,
        door: Vertegenwoordiger,
    },
}

/// Why a valid token still does not let someone in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weigering {
    NiveauTeLaag(&'static Schaal),
    /// The broker gave a means this gemeente does not offer here.
    NietAangeboden(&'static str),
    /// A claim is missing or unusable (its name).
    Onleesbaar(String),
    ZelfdePersoon,
    AndereDienst,
    /// eHerkenning for the organisation itself, not for a resident.
    GeenInwoner,
}

impl Weigering {
    /// What the page says, in plain Dutch.
    pub fn tekst(&self) -> String {
        match self {
            Weigering::NiveauTeLaag(schaal) => schaal.te_laag.into(),
            Weigering::NietAangeboden(middel) => format!(
                "Inloggen met {middel} kan bij deze gemeente nog niet. Log in met uw eigen DigiD, of bel de gemeente."
            ),
            Weigering::Onleesbaar(_) => "Wij konden niet lezen voor wie u inlogt. Probeer het opnieuw, of bel de gemeente.".into(),
            Weigering::ZelfdePersoon => {
                "U bent met DigiD Machtigen ingelogd voor uzelf. Log in met uw eigen DigiD.".into()
            }
            Weigering::AndereDienst => "Uw machtiging geldt niet voor bijstand. Vraag de inwoner om u via DigiD Machtigen te machtigen voor deze dienst.".into(),
            Weigering::GeenInwoner => "Met eHerkenning kunt u hier alleen inloggen als bewindvoerder, namens een inwoner. \
                Voor een eigen bedrijf kan dat hier nog niet."
                .into(),
        }
    }
}

fn tekst<'a>(claims: &'a Value, naam: &str) -> Option<&'a str> {
    claims
        .get(naam)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn bsn(claims: &Value, naam: &str) -> Result<Bsn, Weigering> {
    tekst(claims, naam)
        .and_then(|b| Bsn::parse(b).ok())
        .ok_or_else(|| Weigering::Onleesbaar(naam.to_owned()))
}

/// Read who logged in. `machtigen` and `eherkenning`: whether (and how)
/// this broker offers those means.
pub fn lees(
    claims: &Value,
    namen: &Claimnamen,
    machtigen: Option<&MiddelConfig>,
    eherkenning: Option<&MiddelConfig>,
) -> Result<Identiteit, Weigering> {
    let acr = claims.get("acr").and_then(Value::as_str);
    if claims.get(&namen.machtigen_vertegenwoordigde).is_some() {
        let Some(m) = machtigen else {
            return Err(Weigering::NietAangeboden("DigiD Machtigen"));
        };
        if !DIGID.minstens_substantieel(acr) {
            return Err(Weigering::NiveauTeLaag(&DIGID));
        }
        let inwoner = bsn(claims, &namen.machtigen_vertegenwoordigde)?;
        let gemachtigde = bsn(claims, &namen.machtigen_gemachtigde)?;
        if inwoner == gemachtigde {
            return Err(Weigering::ZelfdePersoon);
        }
        if !m.diensten.is_empty() {
            let dienst = tekst(claims, &namen.machtigen_dienst);
            if !dienst.is_some_and(|d| m.diensten.iter().any(|x| x == d)) {
                return Err(Weigering::AndereDienst);
            }
        }
        return Ok(Identiteit::Namens {
            inwoner,
            door: Vertegenwoordiger::DigidMachtigen { gemachtigde },
        });
    }
    if claims.get(&namen.eherkenning_organisatie).is_some() {
        if eherkenning.is_none() {
            return Err(Weigering::NietAangeboden("eHerkenning"));
        }
        if !EHERKENNING.minstens_substantieel(acr) {
            return Err(Weigering::NiveauTeLaag(&EHERKENNING));
        }
        let organisatie = tekst(claims, &namen.eherkenning_organisatie)
            .filter(|o| matches!(o.len(), 8 | 9) && o.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| Weigering::Onleesbaar(namen.eherkenning_organisatie.clone()))?;
        let medewerker = tekst(claims, &namen.eherkenning_medewerker)
            .filter(|m| m.len() <= 200)
            .ok_or_else(|| Weigering::Onleesbaar(namen.eherkenning_medewerker.clone()))?;
        if claims.get(&namen.eherkenning_vertegenwoordigde).is_none() {
            return Err(Weigering::GeenInwoner);
        }
        let inwoner = bsn(claims, &namen.eherkenning_vertegenwoordigde)?;
        return Ok(Identiteit::Namens {
            inwoner,
            door: Vertegenwoordiger::Eherkenning {
                organisatie: organisatie.to_owned(),
                medewerker: medewerker.to_owned(),
            },
        });
    }
    if !DIGID.minstens_substantieel(acr) {
        return Err(Weigering::NiveauTeLaag(&DIGID));
    }
    Ok(Identiteit::Inwoner(bsn(claims, &namen.bsn)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SUB: &str = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard";
    const MIDDEN: &str = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract";

    fn middel() -> MiddelConfig {
        MiddelConfig {
            scope: openid(),
            diensten: vec![],
        }
    }

    fn lees_alles(c: Value) -> Result<Identiteit, Weigering> {
        lees(&c, &Claimnamen::default(), Some(&middel()), Some(&middel()))
    }

    #[test]
    fn only_substantieel_and_up_are_enough() {
        assert!(!DIGID.minstens_substantieel(None));
        assert!(!DIGID.minstens_substantieel(Some(MIDDEN)));
        assert!(DIGID.minstens_substantieel(Some(SUB)));
        assert!(DIGID.minstens_substantieel(Some(DIGID.niveaus[3].1)));
        // Another scale's level is not a DigiD level.
        assert!(!DIGID.minstens_substantieel(Some(EHERKENNING.substantieel())));
        assert!(
            !EHERKENNING.minstens_substantieel(Some("urn:etoegang:core:assurance-class:loa2plus"))
        );
        assert!(EHERKENNING.minstens_substantieel(Some("urn:etoegang:core:assurance-class:loa4")));
    }

    #[test]
    fn a_resident_with_digid() {
        let i = lees_alles(json!({"bsn": "999993653", "acr": SUB}));
        assert_eq!(i, Ok(Identiteit::Inwoner(Bsn::parse("999993653").unwrap())));
        assert_eq!(
            lees_alles(json!({"bsn": "999993653", "acr": MIDDEN})),
            Err(Weigering::NiveauTeLaag(&DIGID))
        );
        assert_eq!(
            lees_alles(json!({"bsn": "123", "acr": SUB})),
            Err(Weigering::Onleesbaar("bsn".into()))
        );
    }

    #[test]
    fn a_gemachtigde_acts_for_the_resident() {
        let c = json!({
            "urn:nl-eid-gdi:1.0:LegalSubjectID": "999993549",
            "urn:nl-eid-gdi:1.0:ActingSubjectID": "999990019",
            "urn:nl-eid-gdi:1.0:ServiceUUID": "dienst-1",
            "acr": SUB,
        });
        let verwacht = Identiteit::Namens {
            inwoner: Bsn::parse("999993549").unwrap(),
            door: Vertegenwoordiger::DigidMachtigen {
                gemachtigde: Bsn::parse("999990019").unwrap(),
            },
        };
        assert_eq!(lees_alles(c.clone()), Ok(verwacht.clone()));
        // Not offered by this gemeente.
        assert_eq!(
            lees(&c, &Claimnamen::default(), None, None),
            Err(Weigering::NietAangeboden("DigiD Machtigen"))
        );
        // Only for the configured services.
        let alleen = MiddelConfig {
            scope: openid(),
            diensten: vec!["dienst-2".into()],
        };
        assert_eq!(
            lees(&c, &Claimnamen::default(), Some(&alleen), None),
            Err(Weigering::AndereDienst)
        );
        let ook = MiddelConfig {
            scope: openid(),
            diensten: vec!["dienst-2".into(), "dienst-1".into()],
        };
        assert_eq!(
            lees(&c, &Claimnamen::default(), Some(&ook), None),
            Ok(verwacht)
        );
        // The same person on both sides, and a too-low level.
        let mut zelf = c.clone();
        zelf["urn:nl-eid-gdi:1.0:ActingSubjectID"] = json!("999993549");
        assert_eq!(lees_alles(zelf), Err(Weigering::ZelfdePersoon));
        let mut laag = c;
        laag["acr"] = json!(MIDDEN);
        assert_eq!(lees_alles(laag), Err(Weigering::NiveauTeLaag(&DIGID)));
    }

    #[test]
    fn an_organisation_acts_for_a_resident_under_bewind() {
        let c = json!({
            "urn:etoegang:core:LegalSubjectID": "68750110",
            "urn:etoegang:core:ActingSubjectID": "EH-ACT-0001",
            "sel_uid": "999993549",
            "acr": "urn:etoegang:core:assurance-class:loa3",
        });
        assert_eq!(
            lees_alles(c.clone()),
            Ok(Identiteit::Namens {
                inwoner: Bsn::parse("999993549").unwrap(),
                door: Vertegenwoordiger::Eherkenning {
                    organisatie: "68750110".into(),
                    medewerker: "EH-ACT-0001".into(),
                },
            })
        );
        let mut eigen = c.clone();
        eigen.as_object_mut().unwrap().remove("sel_uid");
        assert_eq!(lees_alles(eigen), Err(Weigering::GeenInwoner));
        let mut laag = c.clone();
        laag["acr"] = json!("urn:etoegang:core:assurance-class:loa2plus");
        assert_eq!(lees_alles(laag), Err(Weigering::NiveauTeLaag(&EHERKENNING)));
        let mut raar = c;
        raar["urn:etoegang:core:LegalSubjectID"] = json!("68-750-110");
        assert!(matches!(lees_alles(raar), Err(Weigering::Onleesbaar(_))));
    }

    #[test]
    fn claim_names_come_from_configuration() {
        let namen: Claimnamen = toml::from_str("bsn = \"nl:bsn\"").unwrap();
        assert_eq!(
            namen.machtigen_gemachtigde,
            "urn:nl-eid-gdi:1.0:ActingSubjectID"
        );
        let c = json!({"nl:bsn": "999993653", "acr": SUB});
        assert_eq!(
            lees(&c, &namen, None, None),
            Ok(Identiteit::Inwoner(Bsn::parse("999993653").unwrap()))
        );
    }
}

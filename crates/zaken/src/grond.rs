//! The legal ground of an afwijzing, typed: the caseworker chooses it when
//! proposing the decision, the reviewer reads it, and the letter cites it
//! with its article (Awb 3:46: a decision rests on its actual ground, not on
//! a fixed list).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why bijstand is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Afwijzingsgrond {
    /// Vermogen above the limit (art. 19, eerste lid, onderdeel b, and 34).
    VermogenBovenGrens,
    /// Income at or above the norm: enough means to live on (art. 11 and 19).
    InkomenBovenNorm,
    /// The law excludes the person from bijstand (art. 13).
    Uitgesloten,
    /// Not living in the gemeente (art. 40).
    NietInGemeente,
    /// Under 27 and not searched enough during the zoektermijn (art. 41-4).
    Zoektermijn,
    /// Bijzondere bijstand: the means cover the costs (art. 35-1).
    DraagkrachtToereikend,
    /// Bijzondere bijstand: the costs do not exceed the threshold (art. 35-2).
    OnderDrempel,
    /// IIT: no long low income in the reference period (art. 36-1).
    GeenLangdurigLaagInkomen,
    /// IIT: a prospect of income improvement, weighed (art. 36-1, 36-2).
    UitzichtOpInkomensverbetering,
    /// IIT: the last one was granted less than twelve months ago (art. 36-3).
    BinnenTwaalfMaanden,
    /// Another reason; the caseworker's explanation says which.
    Anders,
}

impl Afwijzingsgrond {
    pub const ALL: [Afwijzingsgrond; 11] = [
        Afwijzingsgrond::VermogenBovenGrens,
        Afwijzingsgrond::InkomenBovenNorm,
        Afwijzingsgrond::Uitgesloten,
        Afwijzingsgrond::NietInGemeente,
        Afwijzingsgrond::Zoektermijn,
        Afwijzingsgrond::DraagkrachtToereikend,
        Afwijzingsgrond::OnderDrempel,
        Afwijzingsgrond::GeenLangdurigLaagInkomen,
        Afwijzingsgrond::UitzichtOpInkomensverbetering,
        Afwijzingsgrond::BinnenTwaalfMaanden,
        Afwijzingsgrond::Anders,
    ];

    /// The code as stored in the proposal and posted by the form.
    pub const fn code(self) -> &'static str {
        match self {
            Afwijzingsgrond::VermogenBovenGrens => "vermogen",
            Afwijzingsgrond::InkomenBovenNorm => "inkomen",
            Afwijzingsgrond::Uitgesloten => "uitgesloten",
            Afwijzingsgrond::NietInGemeente => "woonplaats",
            Afwijzingsgrond::Zoektermijn => "zoektermijn",
            Afwijzingsgrond::DraagkrachtToereikend => "draagkracht",
            Afwijzingsgrond::OnderDrempel => "drempel",
            Afwijzingsgrond::GeenLangdurigLaagInkomen => "laag_inkomen",
            Afwijzingsgrond::UitzichtOpInkomensverbetering => "uitzicht",
            Afwijzingsgrond::BinnenTwaalfMaanden => "twaalf_maanden",
            Afwijzingsgrond::Anders => "anders",
        }
    }

    pub fn parse(code: &str) -> Option<Afwijzingsgrond> {
        Afwijzingsgrond::ALL.into_iter().find(|g| g.code() == code)
    }

    /// What the caseworker chooses from, in the werkplek.
    pub const fn label(self) -> &'static str {
        match self {
            Afwijzingsgrond::VermogenBovenGrens => "Vermogen boven de grens (art. 19-1-b, 34)",
            Afwijzingsgrond::InkomenBovenNorm => "Inkomen boven de norm (art. 11, 19-1)",
            Afwijzingsgrond::Uitgesloten => "Uitgesloten van bijstand (art. 13)",
            Afwijzingsgrond::NietInGemeente => "Woont niet in de gemeente (art. 40)",
            Afwijzingsgrond::Zoektermijn => "Zoektermijn jongere onder 27 (art. 41-4)",
            Afwijzingsgrond::DraagkrachtToereikend => {
                "Draagkracht genoeg voor de kosten (art. 35-1)"
            }
            Afwijzingsgrond::OnderDrempel => "Kosten niet boven de drempel (art. 35-2)",
            Afwijzingsgrond::GeenLangdurigLaagInkomen => "Geen langdurig laag inkomen (art. 36-1)",
            Afwijzingsgrond::UitzichtOpInkomensverbetering => {
                "Uitzicht op inkomensverbetering (art. 36-1 en 36-2)"
            }
            Afwijzingsgrond::BinnenTwaalfMaanden => {
                "Vorige toeslag minder dan 12 maanden geleden (art. 36-3)"
            }
            Afwijzingsgrond::Anders => "Andere reden (schrijf die op in de toelichting)",
        }
    }

    /// The ground in plain Dutch, for the resident.
    pub const fn tekst(self) -> &'static str {
        match self {
            Afwijzingsgrond::VermogenBovenGrens => {
                "Uw vermogen is hoger dan de vermogensgrens. U kunt eerst van uw eigen geld leven."
            }
            Afwijzingsgrond::InkomenBovenNorm => {
                "Uw inkomen is even hoog als de bijstandsnorm of hoger. U heeft genoeg geld om van \
                 te leven."
            }
            Afwijzingsgrond::Uitgesloten => {
                "Volgens de wet kunt u in uw situatie geen bijstand krijgen. In onze uitleg \
                 hieronder staat waarom."
            }
            Afwijzingsgrond::NietInGemeente => {
                "U woont niet in onze gemeente. Alleen de gemeente waar u woont, kan u bijstand \
                 geven."
            }
            Afwijzingsgrond::Zoektermijn => {
                "U bent jonger dan 27 jaar. U moest eerst vier weken zelf zoeken naar werk of naar \
                 een opleiding. Wij vinden dat u dat niet genoeg heeft gedaan."
            }
            Afwijzingsgrond::DraagkrachtToereikend => {
                "U kunt deze kosten zelf betalen van uw inkomen of uw geld. Dat heet uw \
                 draagkracht. Hieronder staat hoe wij die hebben berekend."
            }
            Afwijzingsgrond::OnderDrempel => {
                "Uw kosten zijn in twaalf maanden niet hoger dan het bedrag waaronder wij geen \
                 bijzondere bijstand geven."
            }
            Afwijzingsgrond::GeenLangdurigLaagInkomen => {
                "U heeft niet lang genoeg een laag inkomen gehad. Hoe lang dat moet zijn, staat \
                 in de regels van de gemeente."
            }
            Afwijzingsgrond::UitzichtOpInkomensverbetering => {
                "Wij verwachten dat u binnen afzienbare tijd meer gaat verdienen. Wij keken \
                 daarbij naar wat u kunt en wat u heeft gedaan."
            }
            Afwijzingsgrond::BinnenTwaalfMaanden => {
                "U kreeg minder dan twaalf maanden geleden al een individuele \
                 inkomenstoeslag. U kunt hem één keer per twaalf maanden krijgen."
            }
            Afwijzingsgrond::Anders => {
                "U heeft geen recht op bijstand. In onze uitleg hieronder \
                 staat waarom."
            }
        }
    }

    /// The article the ground rests on.
    pub const fn verwijzing(self) -> &'static str {
        match self {
            Afwijzingsgrond::VermogenBovenGrens => {
                "Participatiewet art. 19, eerste lid, onderdeel b, en art. 34"
            }
            Afwijzingsgrond::InkomenBovenNorm => {
                "Participatiewet art. 11, eerste lid, en art. 19, eerste lid"
            }
            Afwijzingsgrond::Uitgesloten => "Participatiewet art. 13",
            Afwijzingsgrond::NietInGemeente => "Participatiewet art. 40, eerste lid",
            Afwijzingsgrond::Zoektermijn => "Participatiewet art. 41, vierde lid",
            Afwijzingsgrond::DraagkrachtToereikend => "Participatiewet art. 35, eerste lid",
            Afwijzingsgrond::OnderDrempel => "Participatiewet art. 35, tweede lid",
            Afwijzingsgrond::GeenLangdurigLaagInkomen => "Participatiewet art. 36, eerste lid",
            Afwijzingsgrond::UitzichtOpInkomensverbetering => {
                "Participatiewet art. 36, eerste en tweede lid"
            }
            Afwijzingsgrond::BinnenTwaalfMaanden => "Participatiewet art. 36, derde lid",
            Afwijzingsgrond::Anders => "Participatiewet art. 11, eerste lid",
        }
    }

    /// The ground the pre-assessment points to, if any: the advice is the
    /// rules' outcome (`gbi_rules` JSON), a person still decides.
    pub fn uit_advies(advies: &serde_json::Value) -> Option<Afwijzingsgrond> {
        if advies["berekend"].as_bool() != Some(true) {
            return None;
        }
        let uitkomst = &advies["uitkomst"];
        if uitkomst["vermogen_binnen_grens"].as_bool() == Some(false) {
            Some(Afwijzingsgrond::VermogenBovenGrens)
        } else if uitkomst["bijstand_cents"].as_i64() == Some(0) {
            Some(Afwijzingsgrond::InkomenBovenNorm)
        } else {
            None
        }
    }
}

impl Serialize for Afwijzingsgrond {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// A proposal stored before grounds were typed held free text here: that
/// reads as [`Afwijzingsgrond::Anders`], and approving it then asks for an
/// explanation first, so no letter goes out without its ground.
impl<'de> Deserialize<'de> for Afwijzingsgrond {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Ok(Afwijzingsgrond::parse(&code).unwrap_or(Afwijzingsgrond::Anders))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn codes_round_trip_and_old_text_reads_as_anders() {
        for g in Afwijzingsgrond::ALL {
            assert_eq!(Afwijzingsgrond::parse(g.code()), Some(g));
            let v = serde_json::to_value(g).unwrap_or_default();
            assert_eq!(serde_json::from_value::<Afwijzingsgrond>(v).ok(), Some(g));
        }
        assert_eq!(
            serde_json::from_value::<Afwijzingsgrond>(json!("Geen recht")).ok(),
            Some(Afwijzingsgrond::Anders)
        );
    }

    #[test]
    fn the_advice_points_to_a_ground() {
        let advies = |binnen: bool, cents: i64| json!({"berekend": true, "uitkomst": {"vermogen_binnen_grens": binnen, "bijstand_cents": cents}});
        assert_eq!(
            Afwijzingsgrond::uit_advies(&advies(false, 0)),
            Some(Afwijzingsgrond::VermogenBovenGrens)
        );
        assert_eq!(
            Afwijzingsgrond::uit_advies(&advies(true, 0)),
            Some(Afwijzingsgrond::InkomenBovenNorm)
        );
        assert_eq!(Afwijzingsgrond::uit_advies(&advies(true, 100)), None);
        assert_eq!(
            Afwijzingsgrond::uit_advies(&json!({"berekend": false})),
            None
        );
    }
}

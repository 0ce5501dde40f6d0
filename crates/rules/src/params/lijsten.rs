//! The lists in a gemeente's policy file: the catalogue of kostensoorten for
//! bijzondere bijstand (`[[kostensoort]]`) and the IIT amounts per child of
//! an age band (`[[iit_kindbedrag]]`). Typed and checked when loaded, like
//! every other value: an unknown field, document or form is an error that
//! names the file, the list and the entry.

use super::value::parse_procent;
use crate::fout::LaadFout;
use gbi_domain::Money;
use serde::{Deserialize, Serialize};

/// The lists of one policy file (empty for national files).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Lijsten {
    pub kostensoorten: Vec<Kostensoort>,
    pub iit_kindbedragen: Vec<Kindbedrag>,
}

/// What kind of cost a kostensoort is; it decides which forms the law allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    Bewindvoering,
    /// Noodzakelijke duurzame gebruiksgoederen (wasmachine, koelkast, bed):
    /// a loan, borgtocht or gift (art. 51-1).
    DuurzameGebruiksgoederen,
    MedischeKosten,
    Woonkosten,
    /// A deposit the resident must pay: a loan is allowed (art. 48-2-c).
    Waarborgsom,
    /// Eigen bijdrage rechtsbijstand.
    Rechtsbijstand,
    Uitvaart,
    Overig,
}

impl Soort {
    pub fn code(self) -> &'static str {
        match self {
            Soort::Bewindvoering => "bewindvoering",
            Soort::DuurzameGebruiksgoederen => "duurzame_gebruiksgoederen",
            Soort::MedischeKosten => "medische_kosten",
            Soort::Woonkosten => "woonkosten",
            Soort::Waarborgsom => "waarborgsom",
            Soort::Rechtsbijstand => "rechtsbijstand",
            Soort::Uitvaart => "uitvaart",
            Soort::Overig => "overig",
        }
    }
}

/// Gift or loan (art. 48, 51).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vorm {
    /// Om niet: the rule (art. 48-1).
    OmNiet,
    /// Geldlening: only where the law allows it for the kind of cost.
    Geldlening,
}

impl Vorm {
    pub fn code(self) -> &'static str {
        match self {
            Vorm::OmNiet => "om_niet",
            Vorm::Geldlening => "geldlening",
        }
    }

    /// In plain Dutch.
    pub fn naam(self) -> &'static str {
        match self {
            Vorm::OmNiet => "een gift (om niet)",
            Vorm::Geldlening => "een lening (geldlening)",
        }
    }

    /// The article that allows this form for this kind of cost, or `None`
    /// when the law does not allow it for the kind as such.
    pub fn grondslag(self, soort: Soort) -> Option<&'static str> {
        match (self, soort) {
            (Vorm::OmNiet, _) => Some("Participatiewet art. 48, eerste lid (BWBR0015703)"),
            (Vorm::Geldlening, Soort::DuurzameGebruiksgoederen) => {
                Some("Participatiewet art. 51, eerste lid (BWBR0015703)")
            }
            (Vorm::Geldlening, Soort::Waarborgsom) => {
                Some("Participatiewet art. 48, tweede lid, onderdeel c (BWBR0015703)")
            }
            (Vorm::Geldlening, _) => None,
        }
    }
}

/// A document the gemeente asks for with a kostensoort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    Offerte,
    Factuur,
    /// Beschikking van de kantonrechter (bewindvoering).
    BeschikkingKantonrechter,
    /// Toevoeging van de Raad voor Rechtsbijstand.
    Toevoeging,
    /// Verklaring van arts of zorgverzekeraar (wat niet vergoed wordt).
    VerklaringZorgverzekeraar,
    Huurovereenkomst,
    Uitvaartnota,
}

impl Document {
    pub fn code(self) -> &'static str {
        match self {
            Document::Offerte => "offerte",
            Document::Factuur => "factuur",
            Document::BeschikkingKantonrechter => "beschikking_kantonrechter",
            Document::Toevoeging => "toevoeging",
            Document::VerklaringZorgverzekeraar => "verklaring_zorgverzekeraar",
            Document::Huurovereenkomst => "huurovereenkomst",
            Document::Uitvaartnota => "uitvaartnota",
        }
    }

    /// In plain Dutch.
    pub fn naam(self) -> &'static str {
        match self {
            Document::Offerte => "een offerte",
            Document::Factuur => "de rekening (factuur)",
            Document::BeschikkingKantonrechter => {
                "de uitspraak van de kantonrechter over het bewind"
            }
            Document::Toevoeging => "de toevoeging van de Raad voor Rechtsbijstand",
            Document::VerklaringZorgverzekeraar => {
                "een verklaring van de zorgverzekeraar over wat zij niet vergoedt"
            }
            Document::Huurovereenkomst => "het huurcontract",
            Document::Uitvaartnota => "de rekening van de uitvaart",
        }
    }
}

/// One kind of cost in the gemeente's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kostensoort {
    /// The gemeente's own code, e.g. `wasmachine`; unique in the file.
    pub code: String,
    pub naam: String,
    pub soort: Soort,
    pub vorm: Vorm,
    /// Documents the resident must hand in.
    pub documenten: Vec<Document>,
    /// May be granted per month (e.g. bewindvoeringskosten).
    pub periodiek: bool,
    /// The most the policy pays for, in cents: per time, or per month when
    /// granted periodically. `None`: no maximum.
    pub maximum_cents: Option<i64>,
    /// The share of the income above the draagkrachtvrije ruimte that is
    /// draagkracht for this kind (basis points); `None`: the general
    /// `bb_draagkracht_procent`.
    pub draagkracht_procent: Option<i64>,
    /// "artikel (beleid gemeente) — kostensoort code".
    pub verwijzing: String,
}

/// An IIT amount per child whose age on the peildatum is in a band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kindbedrag {
    pub leeftijd_van: i64,
    pub leeftijd_tot_en_met: i64,
    /// Cents per child per year.
    pub bedrag_cents: i64,
    pub verwijzing: String,
}

const KOSTENSOORT_VELDEN: &[&str] = &[
    "code",
    "naam",
    "soort",
    "vorm",
    "documenten",
    "periodiek",
    "maximum",
    "draagkracht_procent",
    "artikel",
];
const KINDBEDRAG_VELDEN: &[&str] = &["leeftijd_van", "leeftijd_tot_en_met", "bedrag", "artikel"];

/// The keys of a policy file that hold a list.
pub const LIJST_SLEUTELS: &[&str] = &["kostensoort", "iit_kindbedrag"];

struct Lezer<'b> {
    bestand: &'b str,
    sleutel: String,
}

impl Lezer<'_> {
    fn fout(&self, m: impl Into<String>) -> LaadFout {
        LaadFout::sleutel(self.bestand, &self.sleutel, m)
    }

    fn velden(&self, t: &toml::Table, toegestaan: &[&str]) -> Result<(), LaadFout> {
        match t.keys().find(|k| !toegestaan.contains(&k.as_str())) {
            Some(k) => Err(self.fout(format!(
                "onbekend veld \"{k}\"; bekend zijn: {}",
                toegestaan.join(", ")
            ))),
            None => Ok(()),
        }
    }

    fn tekst<'t>(&self, t: &'t toml::Table, veld: &str) -> Result<&'t str, LaadFout> {
        t.get(veld)
            .and_then(|v| v.as_str())
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| self.fout(format!("{veld} ontbreekt of is geen tekst")))
    }

    fn keuze<T: for<'de> Deserialize<'de>>(
        &self,
        t: &toml::Table,
        veld: &str,
    ) -> Result<T, LaadFout> {
        let v = self.tekst(t, veld)?;
        toml::Value::String(v.to_owned())
            .try_into::<T>()
            .map_err(|_| self.fout(format!("{veld}: \"{v}\" is geen bekende keuze")))
    }

    fn euro(&self, t: &toml::Table, veld: &str) -> Result<Option<i64>, LaadFout> {
        let Some(v) = t.get(veld) else {
            return Ok(None);
        };
        let tekst = v
            .as_str()
            .ok_or_else(|| self.fout(format!("{veld} moet tekst zijn, bijvoorbeeld \"450\"")))?;
        let c = Money::parse_euros(tekst)
            .map_err(|_| self.fout(format!("{veld}: \"{tekst}\" is geen bedrag in euro's")))?
            .cents();
        if c < 0 {
            return Err(self.fout(format!("{veld}: \"{tekst}\" is negatief")));
        }
        Ok(Some(c))
    }

    fn jaren(&self, t: &toml::Table, veld: &str) -> Result<i64, LaadFout> {
        t.get(veld)
            .and_then(|v| v.as_integer())
            .filter(|j| (0..18).contains(j))
            .ok_or_else(|| self.fout(format!("{veld} moet een leeftijd van 0 tot 18 zijn")))
    }
}

fn tabellen<'t>(
    bestand: &str,
    t: &'t toml::Table,
    sleutel: &str,
) -> Result<Vec<&'t toml::Table>, LaadFout> {
    match t.get(sleutel) {
        None => Ok(Vec::new()),
        Some(toml::Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_table().ok_or_else(|| {
                    LaadFout::sleutel(bestand, sleutel, format!("schrijf [[{sleutel}]]-tabellen"))
                })
            })
            .collect(),
        Some(_) => Err(LaadFout::sleutel(
            bestand,
            sleutel,
            format!("schrijf [[{sleutel}]]-tabellen"),
        )),
    }
}

/// Read the lists of a policy file. `wie` is the gemeente's name for the
/// references.
pub(super) fn lees(bestand: &str, t: &toml::Table, wie: &str) -> Result<Lijsten, LaadFout> {
    let mut kostensoorten: Vec<Kostensoort> = Vec::new();
    for (i, k) in tabellen(bestand, t, "kostensoort")?.into_iter().enumerate() {
        let l = Lezer {
            bestand,
            sleutel: format!("kostensoort[{i}]"),
        };
        l.velden(k, KOSTENSOORT_VELDEN)?;
        let code = l.tekst(k, "code")?;
        if !code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(l.fout(format!(
                "code \"{code}\": alleen kleine letters, cijfers en _"
            )));
        }
        if kostensoorten.iter().any(|x| x.code == code) {
            return Err(l.fout(format!("code \"{code}\" staat twee keer in de catalogus")));
        }
        let soort: Soort = l.keuze(k, "soort")?;
        let vorm: Vorm = l.keuze(k, "vorm")?;
        if vorm.grondslag(soort).is_none() {
            return Err(l.fout(format!(
                "vorm geldlening mag niet voor soort {}: de wet staat een lening alleen toe voor duurzame gebruiksgoederen (art. 51, eerste lid) en een waarborgsom (art. 48, tweede lid, onderdeel c)",
                soort.code()
            )));
        }
        let documenten = match k.get("documenten") {
            None => Vec::new(),
            Some(toml::Value::Array(a)) => a
                .iter()
                .map(|d| {
                    d.clone()
                        .try_into::<Document>()
                        .map_err(|_| l.fout(format!("documenten: {d} is geen bekend document")))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(l.fout("documenten moet een lijst zijn")),
        };
        let periodiek = match k.get("periodiek") {
            None => false,
            Some(toml::Value::Boolean(b)) => *b,
            Some(_) => return Err(l.fout("periodiek moet true of false zijn")),
        };
        let draagkracht_procent = match k.get("draagkracht_procent") {
            None => None,
            Some(v) => Some(
                v.as_str()
                    .and_then(parse_procent)
                    .filter(|p| *p <= 10_000)
                    .ok_or_else(|| {
                        l.fout(
                            "draagkracht_procent moet een percentage van 0 tot 100 zijn, als tekst",
                        )
                    })?,
            ),
        };
        let artikel = l.tekst(k, "artikel")?;
        kostensoorten.push(Kostensoort {
            code: code.to_owned(),
            naam: l.tekst(k, "naam")?.to_owned(),
            soort,
            vorm,
            documenten,
            periodiek,
            maximum_cents: l.euro(k, "maximum")?,
            draagkracht_procent,
            verwijzing: format!("{artikel} (beleid {wie}) — kostensoort {code}"),
        });
    }
    let mut iit_kindbedragen: Vec<Kindbedrag> = Vec::new();
    for (i, k) in tabellen(bestand, t, "iit_kindbedrag")?
        .into_iter()
        .enumerate()
    {
        let l = Lezer {
            bestand,
            sleutel: format!("iit_kindbedrag[{i}]"),
        };
        l.velden(k, KINDBEDRAG_VELDEN)?;
        let van = l.jaren(k, "leeftijd_van")?;
        let tot = l.jaren(k, "leeftijd_tot_en_met")?;
        if tot < van {
            return Err(l.fout("leeftijd_tot_en_met ligt onder leeftijd_van"));
        }
        if let Some(x) = iit_kindbedragen
            .iter()
            .find(|x| van <= x.leeftijd_tot_en_met && x.leeftijd_van <= tot)
        {
            return Err(l.fout(format!(
                "overlapt met de leeftijden {} tot en met {}; een kind valt in ten hoogste één groep",
                x.leeftijd_van, x.leeftijd_tot_en_met
            )));
        }
        let bedrag = l
            .euro(k, "bedrag")?
            .ok_or_else(|| l.fout("bedrag ontbreekt"))?;
        iit_kindbedragen.push(Kindbedrag {
            leeftijd_van: van,
            leeftijd_tot_en_met: tot,
            bedrag_cents: bedrag,
            verwijzing: format!("{} (beleid {wie})", l.tekst(k, "artikel")?),
        });
    }
    Ok(Lijsten {
        kostensoorten,
        iit_kindbedragen,
    })
}

//! Individuele inkomenstoeslag (art. 36): who meets the conditions under
//! the gemeente's dated policy, what a person must still judge, and the
//! amount. Pure: the same [`beoordeel`] explains one application step by
//! step and runs over 100.000 own clients for the monthly invitation.
//!
//! Art. 36-1: "Op aanvraag van een persoon van 21 jaar of ouder doch jonger
//! dan de pensioengerechtigde leeftijd, die langdurig een laag inkomen en
//! geen in aanmerking te nemen vermogen als bedoeld in artikel 34 heeft en
//! geen uitzicht heeft op inkomensverbetering, kan het college, gelet op de
//! omstandigheden van die persoon, een individuele inkomenstoeslag
//! verlenen." The prospect of income improvement, weighing abilities and
//! efforts (36-2 a and b), is a person's judgement: without it recorded the
//! outcome is [`IitRecht::MedewerkerBeoordeelt`], never a silent yes or no.

use crate::bijstand::{Klasse, Leefvorm};
use crate::fout::RekenFout;
use crate::huishouden::{IitBron, klasse_naam};
use crate::params::Kindbedrag;
use crate::peil::{Beleid, Peil, W};
use crate::stap;
use crate::uitleg::{Grootheid::*, Spoor};
use chrono::{Months, NaiveDate};
use gbi_domain::{Money, Rounding, RoundingMode};
use serde::Serialize;

const IIT_GRENS: Rounding = Rounding::new("iit_inkomensgrens", RoundingMode::TowardZero);
const ART_36_1: &str = "Participatiewet art. 36, eerste lid (BWBR0015703)";
const ART_36_1_34: &str = "Participatiewet art. 36, eerste lid, en art. 34 (BWBR0015703)";
const ART_36_2: &str =
    "Participatiewet art. 36, eerste lid, en tweede lid, onderdelen a en b (BWBR0015703)";
const ART_36_3: &str = "Participatiewet art. 36, derde lid (BWBR0015703)";
/// Art. 36-3: "in de periode van 12 maanden onmiddellijk voorafgaande aan de
/// aanvraag".
pub const UITSLUITING_MAANDEN: u32 = 12;

/// One month of the reference period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "soort", content = "inkomen_cents")]
pub enum Maandinkomen {
    /// On bijstand that month (the ledger): a low income.
    Bijstand,
    /// Proven net income, in cents.
    Bewezen(i64),
    /// Not proven or unknown: policy decides ([`MaandZonderBewijs`]).
    ZonderBewijs,
    /// A source confirmed the income was at most `grens_cents` (a closed
    /// question, no amount). Low when that is at most the threshold; else
    /// it proves nothing and the month counts as without proof.
    OnderGrensVolgensBron { grens_cents: i64, bron: IitBron },
}

/// How the income test runs over the reference period (policy
/// `iit_inkomenstoets`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Inkomenstoets {
    /// Every month at most the income threshold.
    ElkeMaand,
    /// The income of all months together at most the threshold times the
    /// number of months; a month on bijstand counts as the threshold.
    Gemiddeld,
}

/// What a month without proven income counts as (policy
/// `iit_maand_zonder_bewijs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MaandZonderBewijs {
    /// As a month that is not low: the condition is not met.
    TeltNietAlsLaag,
    /// A caseworker judges it; the rules say how much room there is.
    MedewerkerBeoordeelt,
}

/// A caseworker's recorded judgement of the prospect of income improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Oordeel {
    pub uitzicht: bool,
}

/// The outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IitRecht {
    Ja,
    Nee,
    /// Every condition the rules can check is met; a person must judge
    /// what is in `voor_medewerker` before there is a decision.
    MedewerkerBeoordeelt,
}

impl IitRecht {
    pub fn code(self) -> &'static str {
        match self {
            IitRecht::Ja => "ja",
            IitRecht::Nee => "nee",
            IitRecht::MedewerkerBeoordeelt => "medewerker_beoordeelt",
        }
    }
}

/// A condition that is not met, in the order the law names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IitReden {
    #[serde(rename = "leeftijd_niet_21_tot_aow")]
    LeeftijdNiet21TotAow,
    VermogenBovenGrens,
    GeenLangdurigLaagInkomen,
    UitzichtOpInkomensverbetering,
    #[serde(rename = "iit_in_afgelopen_12_maanden")]
    IitInAfgelopen12Maanden,
}

impl IitReden {
    /// Stable code (the same as the older `IitUitkomst::reden`).
    pub fn code(self) -> &'static str {
        match self {
            IitReden::LeeftijdNiet21TotAow => "leeftijd_niet_21_tot_aow",
            IitReden::VermogenBovenGrens => "vermogen_boven_grens",
            IitReden::GeenLangdurigLaagInkomen => "geen_langdurig_laag_inkomen",
            IitReden::UitzichtOpInkomensverbetering => "uitzicht_op_inkomensverbetering",
            IitReden::IitInAfgelopen12Maanden => "iit_in_afgelopen_12_maanden",
        }
    }
}

/// What a person must judge before there is a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "vraag")]
pub enum IitVraag {
    /// Art. 36-1 with 36-2 a and b: is there a prospect of income
    /// improvement, given the person's abilities and efforts?
    UitzichtOpInkomensverbetering,
    /// Months of the reference period without proven income (policy:
    /// the caseworker judges). With the average test, `ruimte_cents` is
    /// how much income those months may have had together.
    MaandenZonderBewijs {
        aantal: u32,
        ruimte_cents: Option<i64>,
    },
}

impl IitVraag {
    pub fn code(self) -> &'static str {
        match self {
            IitVraag::UitzichtOpInkomensverbetering => "uitzicht_op_inkomensverbetering",
            IitVraag::MaandenZonderBewijs { .. } => "maanden_zonder_bewijs",
        }
    }
}

/// The assessment of one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IitBeoordeling {
    pub recht: IitRecht,
    /// The yearly amount under the policy: what is granted when the answer
    /// is yes; 0 when it is no.
    pub bedrag_cents: i64,
    /// Every condition not met (empty unless `recht` is `Nee`).
    pub redenen: Vec<IitReden>,
    /// What a person must judge.
    pub voor_medewerker: Vec<IitVraag>,
    pub inkomensgrens_cents: i64,
    /// Art. 36-3: the first application date the last IIT no longer bars.
    pub weer_mogelijk_vanaf: Option<NaiveDate>,
}

/// The IIT policy of one gemeente on one date, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct IitBeleid<'a> {
    b: Beleid<'a>,
    pub referentieperiode_maanden: usize,
    pub inkomensgrens_procent: i64,
    pub toets: Inkomenstoets,
    pub zonder_bewijs: MaandZonderBewijs,
    pub kindbedragen: &'a [Kindbedrag],
}

pub(crate) fn beleid<'p, 'a>(peil: &'p Peil<'a>) -> Result<&'p Beleid<'a>, RekenFout> {
    peil.beleid.as_ref().map(|(_, _, b)| b).ok_or_else(|| {
        RekenFout::invoer(
            "gemeente",
            "geef de gemeente op: inkomenstoeslag en bijzondere bijstand hangen af van haar beleid",
        )
    })
}

impl<'a> IitBeleid<'a> {
    pub fn uit(peil: &Peil<'a>) -> Result<Self, RekenFout> {
        let b = *beleid(peil)?;
        let set = peil.beleid.as_ref().map(|(_, s, _)| *s);
        let periode = usize::try_from(b.iit_referentieperiode_maanden.get()?)
            .ok()
            .filter(|p| (1..=240).contains(p))
            .ok_or_else(|| RekenFout::NietIngesteld {
                sleutel: "iit_referentieperiode_maanden (1 tot en met 240)".into(),
                bestand: b.iit_referentieperiode_maanden.param.bestand.clone(),
            })?;
        Ok(Self {
            referentieperiode_maanden: periode,
            inkomensgrens_procent: b.iit_inkomensgrens_procent.get()?,
            toets: match b.iit_inkomenstoets.get()? {
                0 => Inkomenstoets::ElkeMaand,
                _ => Inkomenstoets::Gemiddeld,
            },
            zonder_bewijs: match b.iit_maand_zonder_bewijs.get()? {
                0 => MaandZonderBewijs::TeltNietAlsLaag,
                _ => MaandZonderBewijs::MedewerkerBeoordeelt,
            },
            kindbedragen: set.map_or(&[], |s| s.lijsten.iit_kindbedragen.as_slice()),
            b,
        })
    }

    /// The amount for the household type and where it comes from.
    fn grondbedrag(&self, leefvorm: Leefvorm, kinderen: bool) -> (W<'a>, &'static str) {
        let b = &self.b;
        match (leefvorm, kinderen) {
            (Leefvorm::Alleenstaande, _) => {
                (b.iit_bedrag_alleenstaande, "iit.bedrag_alleenstaande")
            }
            (Leefvorm::AlleenstaandeOuder, _) => (
                b.iit_bedrag_alleenstaande_ouder,
                "iit.bedrag_alleenstaande_ouder",
            ),
            (Leefvorm::Gehuwden, true) => (
                b.iit_bedrag_gehuwden_met_kinderen,
                "iit.bedrag_gehuwden_met_kinderen",
            ),
            (Leefvorm::Gehuwden, false) => (b.iit_bedrag_gehuwden, "iit.bedrag_gehuwden"),
        }
    }
}

/// The facts of one application (or one own client in the monthly run).
#[derive(Debug, Clone, Copy)]
pub struct IitFeiten<'m> {
    pub aanvrager: Klasse,
    pub leefvorm: Leefvorm,
    /// Ages on the peildatum of the children under 18.
    pub kinderen: &'m [u8],
    /// The applicable bijstandsnorm (art. 36: "laag" is measured against it).
    pub norm_cents: i64,
    /// No vermogen above the art. 34 limit.
    pub vermogen_binnen_grens: bool,
    /// The months before the application, oldest first.
    pub maanden: &'m [Maandinkomen],
    pub laatste_iit: Option<NaiveDate>,
    pub aanvraagdatum: NaiveDate,
    pub oordeel: Option<Oordeel>,
}

/// What the months of the reference period show.
struct Inkomenstoetsing {
    laag: Option<bool>,
    vraag: Option<IitVraag>,
}

fn toets_inkomen<'a, S: Spoor<'a>>(
    b: &IitBeleid<'a>,
    maanden: &[Maandinkomen],
    grens: i64,
    s: &mut S,
) -> Inkomenstoetsing {
    let p = b.referentieperiode_maanden;
    let periode = &maanden[maanden.len().saturating_sub(p)..];
    // Months before the first one given are unknown: without proof.
    let ontbrekend = (p - periode.len()) as u32;
    let (mut bijstand, mut zonder, mut hoog, mut som) = (0u32, ontbrekend, 0u32, 0i64);
    let mut volgens_bron: Option<(IitBron, i64, u32)> = None;
    for m in periode {
        match *m {
            Maandinkomen::Bijstand => bijstand += 1,
            Maandinkomen::ZonderBewijs => zonder += 1,
            Maandinkomen::Bewezen(c) => {
                hoog += u32::from(c > grens);
                som += c;
            }
            Maandinkomen::OnderGrensVolgensBron { grens_cents, bron } => {
                // At most the source's limit: the highest the income can
                // have been, so the average test stays on the safe side.
                if grens_cents <= grens {
                    som += grens_cents;
                } else {
                    zonder += 1;
                }
                let v = volgens_bron.get_or_insert((bron, grens_cents, 0));
                v.1 = v.1.max(grens_cents);
                v.2 += 1;
            }
        }
    }
    if let Some((bron, grens_bron, aantal)) = volgens_bron {
        let bewezen = grens_bron <= grens;
        stap!(s, "iit.onder_grens_volgens_bron", ART_36_1, JaNee(bewezen), [
            "bron" => Tekst(bron.naam()), "maanden" => Maanden(i64::from(aantal)),
            "grens_bron" => Bedrag(grens_bron), "inkomensgrens" => Bedrag(grens),
        ]);
    }
    let zonder_telt_niet = b.zonder_bewijs == MaandZonderBewijs::TeltNietAlsLaag;
    match b.toets {
        Inkomenstoets::ElkeMaand => {
            let t = uitslag(hoog > 0, zonder, zonder_telt_niet, None);
            stap!(s, "iit.langdurig_laag_inkomen", b.b.iit_inkomenstoets.verwijzing(), Tekst(laag_tekst(t.laag)), [
                "referentieperiode_maanden" => Maanden(p as i64), "maanden_opgegeven" => Aantal(periode.len() as i64),
                "maanden_bijstand" => Aantal(i64::from(bijstand)), "maanden_boven_grens" => Aantal(i64::from(hoog)),
                "maanden_zonder_bewijs" => Aantal(i64::from(zonder)), "inkomensgrens" => Bedrag(grens),
                "zonder_bewijs" => Tekst(zonder_bewijs_tekst(b.zonder_bewijs)),
            ]);
            t
        }
        Inkomenstoets::Gemiddeld => {
            // A month on bijstand counts as exactly the threshold; a month
            // without proof as nothing, so `som` is the least the period
            // can have been.
            let som = som + i64::from(bijstand) * grens;
            let toegestaan = grens * p as i64;
            let t = uitslag(
                som > toegestaan,
                zonder,
                zonder_telt_niet,
                Some(toegestaan - som),
            );
            stap!(s, "iit.langdurig_laag_inkomen_gemiddeld", b.b.iit_inkomenstoets.verwijzing(), Tekst(laag_tekst(t.laag)), [
                "referentieperiode_maanden" => Maanden(p as i64), "maanden_opgegeven" => Aantal(periode.len() as i64),
                "maanden_bijstand" => Aantal(i64::from(bijstand)), "maanden_zonder_bewijs" => Aantal(i64::from(zonder)),
                "inkomen_samen" => Bedrag(som), "ten_hoogste" => Bedrag(toegestaan), "inkomensgrens" => Bedrag(grens),
                "zonder_bewijs" => Tekst(zonder_bewijs_tekst(b.zonder_bewijs)),
            ]);
            t
        }
    }
}

/// What the months show: too high (known months alone, or a month
/// without proof that counts as not low), for a person to judge (months
/// without proof, with the room left), or low.
fn uitslag(
    te_hoog: bool,
    zonder: u32,
    zonder_telt_niet: bool,
    ruimte_cents: Option<i64>,
) -> Inkomenstoetsing {
    let (laag, vraag) = if te_hoog || (zonder > 0 && zonder_telt_niet) {
        (Some(false), None)
    } else if zonder > 0 {
        let v = IitVraag::MaandenZonderBewijs {
            aantal: zonder,
            ruimte_cents,
        };
        (None, Some(v))
    } else {
        (Some(true), None)
    };
    Inkomenstoetsing { laag, vraag }
}

fn laag_tekst(laag: Option<bool>) -> &'static str {
    match laag {
        Some(true) => "ja",
        Some(false) => "nee",
        None => "een medewerker beoordeelt de maanden zonder bewijs",
    }
}

fn zonder_bewijs_tekst(z: MaandZonderBewijs) -> &'static str {
    match z {
        MaandZonderBewijs::TeltNietAlsLaag => "telt niet als laag",
        MaandZonderBewijs::MedewerkerBeoordeelt => "een medewerker beoordeelt",
    }
}

/// Art. 36-3: whether an IIT was granted in the 12 months immediately
/// before the application (its first day included), and from which
/// application date it no longer is.
pub fn eerder_verleend(
    laatste_iit: Option<NaiveDate>,
    aanvraagdatum: NaiveDate,
) -> Result<(bool, Option<NaiveDate>), RekenFout> {
    let Some(d) = laatste_iit else {
        return Ok((false, None));
    };
    let ongeldig = || RekenFout::invoer("iit.aanvraagdatum", "geen geldige datum");
    let begin = aanvraagdatum
        .checked_sub_months(Months::new(UITSLUITING_MAANDEN))
        .ok_or_else(ongeldig)?;
    let eerder = begin <= d && d < aanvraagdatum;
    let vanaf = d
        .checked_add_months(Months::new(UITSLUITING_MAANDEN))
        .and_then(|x| x.succ_opt())
        .ok_or_else(ongeldig)?;
    Ok((eerder, eerder.then_some(vanaf)))
}

/// Assess one application (or one own client) under the policy `b`.
pub fn beoordeel<'a, S: Spoor<'a>>(
    b: &IitBeleid<'a>,
    f: &IitFeiten<'_>,
    s: &mut S,
) -> Result<IitBeoordeling, RekenFout> {
    let mut redenen = Vec::new();
    let mut voor_medewerker = Vec::new();
    let leeftijd = f.aanvrager == Klasse::Volwassen;
    stap!(s, "iit.leeftijd", ART_36_1, JaNee(leeftijd), ["leeftijdsgroep" => Tekst(klasse_naam(f.aanvrager))]);
    if !leeftijd {
        redenen.push(IitReden::LeeftijdNiet21TotAow);
    }
    stap!(
        s,
        "iit.vermogen",
        ART_36_1_34,
        JaNee(f.vermogen_binnen_grens)
    );
    if !f.vermogen_binnen_grens {
        redenen.push(IitReden::VermogenBovenGrens);
    }
    let grens = Money::from_cents(f.norm_cents)
        .percentage(b.inkomensgrens_procent, IIT_GRENS)
        .cents();
    stap!(s, "iit.inkomensgrens", b.b.iit_inkomensgrens_procent.verwijzing(), Bedrag(grens), [
        "norm" => Bedrag(f.norm_cents), "procent_van_norm" => Procent(b.inkomensgrens_procent),
    ]);
    let t = toets_inkomen(b, f.maanden, grens, s);
    if t.laag == Some(false) {
        redenen.push(IitReden::GeenLangdurigLaagInkomen);
    }
    voor_medewerker.extend(t.vraag);
    let uitzicht = match f.oordeel {
        Some(Oordeel { uitzicht: true }) => {
            redenen.push(IitReden::UitzichtOpInkomensverbetering);
            "uitzicht op inkomensverbetering (oordeel medewerker)"
        }
        Some(Oordeel { uitzicht: false }) => {
            "geen uitzicht op inkomensverbetering (oordeel medewerker)"
        }
        None => {
            voor_medewerker.push(IitVraag::UitzichtOpInkomensverbetering);
            "een medewerker weegt krachten, bekwaamheden en inspanningen"
        }
    };
    stap!(
        s,
        "iit.uitzicht_op_inkomensverbetering",
        ART_36_2,
        Tekst(uitzicht)
    );
    let (eerder, vanaf) = eerder_verleend(f.laatste_iit, f.aanvraagdatum)?;
    if let Some(d) = f.laatste_iit {
        stap!(s, "iit.eerder_verleend", ART_36_3, JaNee(eerder), [
            "laatste_iit" => Datum(d), "aanvraagdatum" => Datum(f.aanvraagdatum),
        ]);
    }
    if eerder {
        redenen.push(IitReden::IitInAfgelopen12Maanden);
    }
    let recht = if !redenen.is_empty() {
        IitRecht::Nee
    } else if !voor_medewerker.is_empty() {
        IitRecht::MedewerkerBeoordeelt
    } else {
        IitRecht::Ja
    };
    let grond = match redenen.first() {
        Some(IitReden::IitInAfgelopen12Maanden) => ART_36_3,
        Some(IitReden::VermogenBovenGrens) => ART_36_1_34,
        Some(IitReden::UitzichtOpInkomensverbetering) => ART_36_2,
        _ => ART_36_1,
    };
    let eerste = redenen.first().copied();
    stap!(s, "iit.recht", grond, Tekst(recht_tekst(recht)), [
        "reden" => Tekst(eerste.map_or("voldoet", IitReden::code)), "waarom" => Tekst(waarom(recht, eerste)),
    ]);
    let bedrag = if recht == IitRecht::Nee {
        0
    } else {
        bedrag(b, f, s)?
    };
    Ok(IitBeoordeling {
        recht,
        bedrag_cents: bedrag,
        redenen,
        voor_medewerker,
        inkomensgrens_cents: grens,
        weer_mogelijk_vanaf: vanaf,
    })
}

/// The yearly amount: the household type's amount plus the amount of each
/// child's age band.
fn bedrag<'a, S: Spoor<'a>>(
    b: &IitBeleid<'a>,
    f: &IitFeiten<'_>,
    s: &mut S,
) -> Result<i64, RekenFout> {
    let (w, code) = b.grondbedrag(f.leefvorm, !f.kinderen.is_empty());
    let mut totaal = w.get()?;
    stap!(s, code, w.verwijzing(), Bedrag(totaal));
    let mut per_kind = false;
    for leeftijd in f.kinderen {
        let l = i64::from(*leeftijd);
        if let Some(k) = b
            .kindbedragen
            .iter()
            .find(|k| k.leeftijd_van <= l && l <= k.leeftijd_tot_en_met)
        {
            totaal += k.bedrag_cents;
            per_kind = true;
            stap!(s, "iit.bedrag_kind", &k.verwijzing, Bedrag(k.bedrag_cents), [
                "leeftijd" => Aantal(l), "van" => Aantal(k.leeftijd_van), "tot_en_met" => Aantal(k.leeftijd_tot_en_met),
            ]);
        }
    }
    if per_kind {
        stap!(s, "iit.bedrag_totaal", ART_36_1, Bedrag(totaal));
    }
    Ok(totaal)
}

fn recht_tekst(r: IitRecht) -> &'static str {
    match r {
        IitRecht::Ja => "ja",
        IitRecht::Nee => "nee",
        IitRecht::MedewerkerBeoordeelt => "een medewerker beoordeelt dit eerst",
    }
}

/// Why (not), in plain Dutch for the resident.
pub(crate) fn waarom(recht: IitRecht, reden: Option<IitReden>) -> &'static str {
    match (recht, reden) {
        (IitRecht::Ja, _) => {
            "U heeft lang een laag inkomen en weinig kans dat dit snel beter wordt."
        }
        (IitRecht::MedewerkerBeoordeelt, _) => {
            "U voldoet aan de voorwaarden die wij kunnen nagaan. Een medewerker kijkt nog naar uw situatie."
        }
        (_, Some(IitReden::LeeftijdNiet21TotAow)) => {
            "De inkomenstoeslag is alleen voor mensen van 21 jaar tot de AOW-leeftijd."
        }
        (_, Some(IitReden::VermogenBovenGrens)) => {
            "U heeft meer spaargeld en bezit dan de grens voor bijstand."
        }
        (_, Some(IitReden::GeenLangdurigLaagInkomen)) => {
            "Uw inkomen was niet de hele periode laag genoeg, of de periode is nog te kort."
        }
        (_, Some(IitReden::UitzichtOpInkomensverbetering)) => {
            "Wij verwachten dat uw inkomen binnenkort beter wordt."
        }
        (_, Some(IitReden::IitInAfgelopen12Maanden)) => {
            "U kreeg de inkomenstoeslag al in de 12 maanden voor uw aanvraag. U kunt hem één keer per 12 maanden krijgen."
        }
        (IitRecht::Nee, None) => "U voldoet niet aan de voorwaarden.",
    }
}

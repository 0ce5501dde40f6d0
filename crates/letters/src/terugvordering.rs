//! What a letter on a claim says beyond the decision itself: the
//! terugvordering (art. 58 Participatiewet) with its months, cause and
//! ground; the kwijtschelding of the rest of a claim (art. 58, zevende en
//! achtste lid); and, for the terugvordering and the boete, how and when to
//! pay: by transfer within 6 weeks (Awb 4:87) or offset with the running
//! benefit (art. 60, derde en vierde lid), always leaving the beslagvrije
//! voet (Awb 4:93, vierde lid; Rv 475dc), with a betalingsregeling for whoever
//! cannot pay.

use crate::inhoud::Blok;
use crate::{Beschikking, Besluit, Huisstijl, TerugvorderingMaand, Verrekenvoorstel, datum_nl};
use chrono::NaiveDate;
use gbi_domain::Money;

/// The opening sentence of a decision that does not answer an aanvraag.
pub(crate) fn aanleiding(besluit: &Besluit) -> String {
    match besluit {
        Besluit::Terugvordering { .. } => {
            "U kreeg van ons te veel bijstand, of bijstand waar u geen recht op had. In deze brief \
             leest u ons besluit: hoeveel u moet terugbetalen, waarom, en hoe u dat doet."
        }
        Besluit::Kwijtschelding { .. } => {
            "U heeft een schuld bij de gemeente. In deze brief leest u ons besluit over de rest \
             van die schuld."
        }
        Besluit::Boete { .. } | Besluit::Waarschuwing { .. } => {
            "Wij hebben onderzocht of u alles op tijd aan ons heeft doorgegeven. In deze brief \
             leest u ons besluit."
        }
        _ => "In deze brief leest u ons besluit.",
    }
    .to_string()
}

/// One month of the claim as a line: net, and gross where claimed gross.
fn maandregel(m: &TerugvorderingMaand) -> String {
    match m.bruto_cents {
        Some(bruto) => format!(
            "{}: {} netto, {} bruto",
            m.maand.trim(),
            Money::from_cents(m.netto_cents),
            Money::from_cents(bruto)
        ),
        None => format!("{}: {}", m.maand.trim(), Money::from_cents(m.netto_cents)),
    }
}

/// The sections of a terugvordering or kwijtschelding before the
/// calculation; nothing for any other decision.
pub(crate) fn uitleg(romp: &mut Vec<Blok>, besluit: &Besluit) {
    match besluit {
        Besluit::Terugvordering {
            grond,
            grond_uitleg,
            maanden,
            totaal_cents,
            oorzaak,
            gemeente_te_laat,
            motivering,
            ..
        } => {
            romp.push(Blok::Kop("Waarom moet u terugbetalen?".to_string()));
            if !oorzaak.trim().is_empty() {
                romp.push(Blok::Alinea(oorzaak.trim().to_string()));
            }
            if *gemeente_te_laat {
                romp.push(Blok::Alinea(
                    "Wij hebben een wijziging te laat verwerkt. Dat is onze fout. Het is niet uw \
                     schuld. Het spijt ons. Toch moeten wij het geld \
                     terugvragen, want u had er geen recht op. Kunt u het niet in één keer \
                     betalen? Dan maken wij graag een betalingsregeling met u."
                        .to_string(),
                ));
            }
            let grond = grond.trim();
            match (grond_uitleg.trim(), grond) {
                ("", "") => {}
                ("", g) => romp.push(Blok::Alinea(format!("Dit staat in {g}."))),
                (u, "") => romp.push(Blok::Alinea(u.to_string())),
                (u, g) => romp.push(Blok::Alinea(format!("{u} Dit staat in {g}."))),
            }
            if !motivering.trim().is_empty() {
                romp.push(Blok::Alinea(
                    "Dit is onze uitleg bij uw situatie:".to_string(),
                ));
                romp.push(Blok::Alinea(motivering.trim().to_string()));
            }
            maandoverzicht(romp, maanden, *totaal_cents);
        }
        Besluit::Kwijtschelding {
            kenmerk_vordering,
            kwijtgescholden_cents,
            betaald_cents,
            grond,
            motivering,
            restant_cents,
        } => kwijtschelding(
            romp,
            kenmerk_vordering,
            *kwijtgescholden_cents,
            *betaald_cents,
            grond,
            motivering,
            *restant_cents,
        ),
        _ => {}
    }
}

fn maandoverzicht(romp: &mut Vec<Blok>, maanden: &[TerugvorderingMaand], totaal_cents: i64) {
    romp.push(Blok::Kop("Over welke maanden?".to_string()));
    if !maanden.is_empty() {
        romp.push(Blok::Alinea(
            "Dit is per maand het bedrag dat u te veel kreeg:".to_string(),
        ));
        romp.push(Blok::Regels(maanden.iter().map(maandregel).collect()));
    }
    romp.push(Blok::Alinea(format!(
        "U moet in totaal {} terugbetalen.",
        Money::from_cents(totaal_cents)
    )));
    if maanden.iter().any(|m| m.bruto_cents.is_some()) {
        romp.push(Blok::Alinea(
            "Bij sommige maanden staat een bruto bedrag. Die maanden vallen in een ander \
             kalenderjaar. Over dat geld hebben wij al belasting en premies betaald aan de \
             Belastingdienst. Dat geld krijgen wij niet meer terug. Daarom vragen wij voor die \
             maanden het bruto bedrag terug: het bedrag vóór belasting en premies. Dit staat in \
             artikel 58, vijfde lid, van de Participatiewet. Na afloop van het jaar krijgt u van \
             ons een overzicht. Dat kunt u gebruiken bij uw belastingaangifte."
                .to_string(),
        ));
    }
}

fn kwijtschelding(
    romp: &mut Vec<Blok>,
    kenmerk_vordering: &str,
    kwijtgescholden_cents: i64,
    betaald_cents: i64,
    grond: &str,
    motivering: &str,
    restant_cents: i64,
) {
    romp.push(Blok::Kop("Wat betekent dit?".to_string()));
    romp.push(Blok::Alinea(format!(
        "Het gaat om uw schuld met kenmerk {}. U heeft daarvan al {} betaald. Wij vragen de rest \
         niet meer terug. Dit heet kwijtschelding. Het bedrag dat wij kwijtschelden is {}.",
        kenmerk_vordering.trim(),
        Money::from_cents(betaald_cents),
        Money::from_cents(kwijtgescholden_cents)
    )));
    if !grond.trim().is_empty() {
        romp.push(Blok::Alinea(format!(
            "Wij mogen dit doen. Dit staat in {}.",
            grond.trim()
        )));
    }
    if !motivering.trim().is_empty() {
        romp.push(Blok::Alinea(
            "Dit is onze uitleg bij uw situatie:".to_string(),
        ));
        romp.push(Blok::Alinea(motivering.trim().to_string()));
    }
    romp.push(Blok::Kop("Wat moet u nog betalen?".to_string()));
    if restant_cents <= 0 {
        romp.push(Blok::Alinea(
            "U hoeft niets meer te betalen: € 0,00. Houden wij elke maand geld in op uw \
             bijstand voor deze schuld? Dan stoppen wij daarmee. U hoeft daarvoor niets te doen."
                .to_string(),
        ));
    } else {
        romp.push(Blok::Alinea(format!(
            "U moet nog {} betalen. Hoe u dat doet, blijft zoals wij met u hebben afgesproken.",
            Money::from_cents(restant_cents)
        )));
    }
}

/// How and when to pay, after the calculation: for a terugvordering and a
/// boete; nothing for any other decision.
pub(crate) fn betaling(romp: &mut Vec<Blok>, h: &Huisstijl, b: &Beschikking) {
    let (bedrag, betalen_voor, iban, kenmerk, verrekening, boete) = match &b.besluit {
        Besluit::Terugvordering {
            totaal_cents,
            betalen_voor,
            iban_gemeente,
            betalingskenmerk,
            verrekening,
            ..
        } => (
            *totaal_cents,
            *betalen_voor,
            iban_gemeente,
            betalingskenmerk,
            verrekening,
            false,
        ),
        Besluit::Boete {
            bedrag_cents,
            betalen_voor,
            iban_gemeente,
            betalingskenmerk,
            verrekening,
            ..
        } => (
            *bedrag_cents,
            *betalen_voor,
            iban_gemeente,
            betalingskenmerk,
            verrekening,
            true,
        ),
        _ => return,
    };
    let kenmerk = match kenmerk.trim() {
        "" => b.kenmerk.trim(),
        k => k,
    };
    let overmaken = Overmaken {
        gemeente: h.gemeente_naam.trim(),
        iban: iban.trim(),
        kenmerk,
    };
    romp.push(Blok::Kop("Hoe en wanneer betaalt u?".to_string()));
    match verrekening {
        Some(v) => verrekenen(romp, bedrag, v, &overmaken, boete),
        None => overmaken_voor(romp, bedrag, betalen_voor, &overmaken),
    }
    romp.push(Blok::Kop("Kunt u niet betalen?".to_string()));
    romp.push(Blok::Alinea(format!(
        "Neem dan contact met ons op. Bel ons op {}. Wij kijken samen met u wat u wel kunt \
         betalen. U kunt dan in delen betalen. Dit heet een betalingsregeling. Wij kunnen u \
         daarvoor uitstel van betaling geven (artikel 4:94 van de Algemene wet bestuursrecht).",
        h.telefoon.trim()
    )));
    romp.push(Blok::Alinea(
        "Heeft u ook andere schulden? Vraag ons dan om hulp bij uw schulden. Die hulp is gratis."
            .to_string(),
    ));
    if verrekening.is_none() {
        romp.push(Blok::Alinea(
            "Betaalt u niet op tijd en maakt u ook geen afspraak met ons? Dan sturen wij u een \
             herinnering. Dit heet een aanmaning. Daarvoor betaalt u extra kosten (artikel 4:112 \
             en 4:113 van de Algemene wet bestuursrecht)."
                .to_string(),
        ));
    }
}

/// Where to transfer money to.
struct Overmaken<'a> {
    gemeente: &'a str,
    iban: &'a str,
    kenmerk: &'a str,
}

impl Overmaken<'_> {
    fn zin(&self) -> String {
        if self.iban.is_empty() {
            format!(
                "Maak het geld over naar {}. Zet bij de betaling dit kenmerk: {}.",
                self.gemeente, self.kenmerk
            )
        } else {
            format!(
                "Maak het geld over naar rekening {} van {}. Zet bij de betaling dit kenmerk: {}.",
                self.iban, self.gemeente, self.kenmerk
            )
        }
    }
}

fn overmaken_voor(romp: &mut Vec<Blok>, bedrag: i64, voor: NaiveDate, o: &Overmaken<'_>) {
    romp.push(Blok::Alinea(format!(
        "Betaal {} uiterlijk op {}. U heeft daarvoor 6 weken. Dit staat in artikel 4:87 van de \
         Algemene wet bestuursrecht.",
        Money::from_cents(bedrag),
        datum_nl(voor)
    )));
    romp.push(Blok::Alinea(o.zin()));
}

fn verrekenen(
    romp: &mut Vec<Blok>,
    bedrag: i64,
    v: &Verrekenvoorstel,
    o: &Overmaken<'_>,
    boete: bool,
) {
    let lid = if boete {
        "artikel 60, vierde lid, van de Participatiewet"
    } else {
        "artikel 60, derde en vierde lid, van de Participatiewet"
    };
    romp.push(Blok::Alinea(format!(
        "U hoeft zelf niets over te maken. Wij halen elke maand {} van uw bijstand af, tot \
         alles betaald is. Dit heet verrekenen. Dit staat in {lid}.",
        Money::from_cents(v.per_maand_cents)
    )));
    if v.per_maand_cents > 0 && bedrag > 0 {
        let maanden = (bedrag + v.per_maand_cents - 1) / v.per_maand_cents;
        let woord = if maanden == 1 { "maand" } else { "maanden" };
        romp.push(Blok::Alinea(format!(
            "Zo heeft u alles terugbetaald in ongeveer {maanden} {woord}."
        )));
    }
    romp.push(Blok::Alinea(format!(
        "U houdt elke maand altijd ten minste {} over. Dit heet de beslagvrije voet. Dat is het \
         deel van uw inkomen dat u nodig heeft om van te leven. Daar komen wij niet aan. Dit \
         staat in artikel 4:93, vierde lid, van de Algemene wet bestuursrecht en artikel 475dc \
         van het Wetboek van Burgerlijke Rechtsvordering. Hoe wij de beslagvrije voet hebben \
         berekend, leest u in een aparte brief.",
        Money::from_cents(v.beslagvrije_voet_cents)
    )));
    romp.push(Blok::Alinea(format!(
        "Wilt u sneller terugbetalen? Dat mag altijd. {}",
        o.zin()
    )));
}

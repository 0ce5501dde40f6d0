//! What a voorschot letter says beyond the decision itself (art. 52
//! Participatiewet): that it is a loan without interest, how high it is
//! compared with the bijstand we expect, and that it is settled with the
//! bijstand later.

use crate::Besluit;
use crate::inhoud::Blok;
use gbi_domain::Money;

/// The sections of a voorschot letter; nothing for any other decision.
pub(crate) fn uitleg(romp: &mut Vec<Blok>, besluit: &Besluit) {
    let Besluit::Voorschot {
        bedrag_cents,
        verwacht_cents,
    } = besluit
    else {
        return;
    };
    romp.push(Blok::Kop("Wat is een voorschot?".to_string()));
    romp.push(Blok::Alinea(
        "Een voorschot is geld dat u van ons leent zonder rente. Dit heet een renteloze \
         geldlening. U krijgt het nu al, omdat wij nog niet klaar zijn met uw aanvraag. Dit \
         staat in artikel 52, eerste lid, van de Participatiewet."
            .to_string(),
    ));
    romp.push(Blok::Kop("Hoe hoog is het voorschot?".to_string()));
    let bedrag = Money::from_cents(*bedrag_cents);
    match verwacht_cents.filter(|v| *v > 0) {
        Some(v) => romp.push(Blok::Alinea(format!(
            "Wij verwachten dat u {} bijstand per maand krijgt. Het voorschot is ten minste \
             95% daarvan. U krijgt {bedrag} per maand. Dit staat in artikel 52, tweede lid, \
             van de Participatiewet.",
            Money::from_cents(v)
        ))),
        None => romp.push(Blok::Alinea(format!(
            "Wij konden uw bijstand nog niet precies berekenen. Daarom hebben wij het voorschot \
             geschat op {bedrag} per maand. Een voorschot is ten minste 95% van de bijstand \
             die wij verwachten. Dit staat in artikel 52, tweede lid, van de Participatiewet."
        ))),
    }
    romp.push(Blok::Kop("Wat gebeurt er met het voorschot?".to_string()));
    romp.push(Blok::Alinea(
        "Als wij over uw aanvraag hebben beslist, verrekenen wij het voorschot met uw \
         bijstand. Dat betekent: krijgt u bijstand, dan halen wij het voorschot van die \
         bijstand af. Dit staat in artikel 52, vierde lid, van de Participatiewet."
            .to_string(),
    ));
    romp.push(Blok::Alinea(
        "Krijgt u geen bijstand, of minder dan u als voorschot kreeg? Dan moet u het voorschot \
         of een deel ervan terugbetalen. Wij maken dan samen met u een afspraak over hoe u dat \
         doet."
            .to_string(),
    ));
}

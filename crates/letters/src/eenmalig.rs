//! What a letter on a one-off amount says beyond the decision itself
//! (bijzondere bijstand, art. 35; the IIT, art. 36): whom we pay and when,
//! whether it is a loan, and the reasoning.

use crate::Besluit;
use crate::inhoud::Blok;

/// The sections of a one-off decision; nothing for any other decision.
pub(crate) fn uitleg(romp: &mut Vec<Blok>, besluit: &Besluit) {
    let Besluit::Eenmalig {
        lening,
        betalen_aan,
        derde,
        iban,
        motivering,
        ..
    } = besluit
    else {
        return;
    };
    romp.push(Blok::Kop("Wanneer krijgt u het geld?".to_string()));
    romp.push(Blok::Alinea(if *derde {
        format!(
            "Wij betalen het bedrag rechtstreeks aan {} (rekening {iban}). U hoeft het niet zelf te betalen. Wij betalen in de betaling van volgende maand.",
            betalen_aan.trim()
        )
    } else {
        format!(
            "Wij betalen het bedrag op uw rekening {iban}. Wij betalen in de betaling van volgende maand."
        )
    }));
    if *lening {
        romp.push(Blok::Kop("U leent dit geld".to_string()));
        romp.push(Blok::Alinea(
            "U krijgt dit geld als lening. U moet het terugbetalen. Hoe en wanneer, dat leest u in een aparte brief. Dit staat in artikel 48, tweede lid, en artikel 51 van de Participatiewet."
                .to_string(),
        ));
    }
    if !motivering.trim().is_empty() {
        romp.push(Blok::Alinea(
            "Dit is onze uitleg bij uw situatie:".to_string(),
        ));
        romp.push(Blok::Alinea(motivering.trim().to_string()));
    }
}

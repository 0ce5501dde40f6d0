//! What a letter on a periodic bijzondere bijstand says beyond the decision
//! itself (art. 35, eerste lid, Participatiewet): how much each month, from
//! when to when, whom we pay, that it is a gift, and what happens after the
//! last month.

use crate::Besluit;
use crate::datum::datum_nl;
use crate::inhoud::Blok;
use gbi_domain::Money;

/// The sections of a periodic decision; nothing for any other decision.
pub(crate) fn uitleg(romp: &mut Vec<Blok>, besluit: &Besluit) {
    let Besluit::Periodiek {
        bedrag_per_maand_cents,
        ingangsdatum,
        einddatum,
        betalen_aan,
        derde,
        iban,
        motivering,
        ..
    } = besluit
    else {
        return;
    };
    let bedrag = Money::from_cents(*bedrag_per_maand_cents);
    romp.push(Blok::Kop("Wanneer krijgt u het geld?".to_string()));
    romp.push(Blok::Alinea(if *derde {
        format!(
            "Wij betalen elke maand {bedrag} rechtstreeks aan {} (rekening {iban}). U hoeft de kosten niet zelf te betalen.",
            betalen_aan.trim()
        )
    } else {
        format!("Wij betalen elke maand {bedrag} op uw rekening {iban}.")
    }));
    let maand = |d: &chrono::NaiveDate| gbi_domain::Maand::of(*d).dutch_name();
    romp.push(Blok::Alinea(format!(
        "U krijgt dit geld voor de maanden {} tot en met {}. Wij betalen elke maand samen met de andere betalingen van die maand.",
        maand(ingangsdatum),
        maand(einddatum)
    )));
    romp.push(Blok::Kop(
        "U hoeft dit geld niet terug te betalen".to_string(),
    ));
    romp.push(Blok::Alinea(
        "U krijgt dit geld als gift. U hoeft het niet terug te betalen. Dit staat in artikel 35, eerste lid, en artikel 48, eerste lid, van de Participatiewet."
            .to_string(),
    ));
    romp.push(Blok::Kop(format!("Na {}", datum_nl(*einddatum))));
    romp.push(Blok::Alinea(
        "Daarna stopt de betaling. Heeft u de kosten dan nog? Vraag dan op tijd opnieuw bijzondere bijstand aan. Wij kijken dan opnieuw naar uw situatie."
            .to_string(),
    ));
    if !motivering.trim().is_empty() {
        romp.push(Blok::Alinea(
            "Dit is onze uitleg bij uw situatie:".to_string(),
        ));
        romp.push(Blok::Alinea(motivering.trim().to_string()));
    }
}

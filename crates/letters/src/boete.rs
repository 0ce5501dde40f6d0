//! What a letter on a boete or a waarschuwing says beyond the decision
//! itself: which duty was breached (the inlichtingenplicht, art. 17, eerste
//! lid, Participatiewet), how much the resident is to blame and what
//! percentage follows (art. 18a Participatiewet; art. 2 Boetebesluit
//! socialezekerheidswetten), what the resident said before we decided (hoor
//! en wederhoor), and what happens when it happens again. How to pay a
//! boete is in [`crate::terugvordering::betaling`].

use crate::Besluit;
use crate::inhoud::Blok;
use gbi_domain::Money;

const INLICHTINGENPLICHT: &str = "U moet alles wat van belang is voor uw bijstand op tijd aan \
    ons doorgeven. Dit heet de inlichtingenplicht. Dit staat in artikel 17, eerste lid, van de \
    Participatiewet.";

/// The sections of a boete or waarschuwing; nothing for any other decision.
pub(crate) fn uitleg(romp: &mut Vec<Blok>, besluit: &Besluit) {
    match besluit {
        Besluit::Boete {
            benadelingsbedrag_cents,
            verwijtbaarheid,
            percentage,
            bedrag_cents,
            motivering,
            zienswijze,
            ..
        } => {
            let benadeling = Money::from_cents(*benadelingsbedrag_cents);
            romp.push(Blok::Kop("Waarom krijgt u een boete?".to_string()));
            romp.push(Blok::Alinea(INLICHTINGENPLICHT.to_string()));
            romp.push(Blok::Alinea(format!(
                "U heeft iets niet, niet op tijd of niet goed aan ons doorgegeven. Daardoor \
                 kreeg u {benadeling} te veel bijstand. Dit heet het benadelingsbedrag. Als \
                 iemand de inlichtingenplicht niet nakomt, moeten wij een boete geven. Dit staat \
                 in artikel 18a, eerste lid, van de Participatiewet."
            )));
            romp.push(Blok::Alinea(
                "Het geld dat u te veel kreeg, moet u ook terugbetalen. Daarover gaat een ander \
                 besluit. De boete komt daar bovenop."
                    .to_string(),
            ));
            romp.push(Blok::Kop("Hoe hoog is de boete?".to_string()));
            romp.push(Blok::Alinea(
                "Wij kijken hoeveel u het te verwijten valt. Dit heet verwijtbaarheid.".to_string(),
            ));
            if !verwijtbaarheid.trim().is_empty() {
                romp.push(Blok::Alinea(verwijtbaarheid.trim().to_string()));
            }
            romp.push(Blok::Alinea(format!(
                "Daarom is de boete {} van het benadelingsbedrag van {benadeling}. Dit staat in \
                 artikel 2 van het Boetebesluit socialezekerheidswetten. De boete is {}.",
                percentage.trim(),
                Money::from_cents(*bedrag_cents)
            )));
            zienswijze_en_motivering(romp, zienswijze, motivering);
            romp.push(Blok::Kop("Let op".to_string()));
            romp.push(Blok::Alinea(
                "Krijgt u binnen 5 jaar opnieuw een boete omdat u iets niet heeft doorgegeven? \
                 Dan is die boete hoger. Dit staat in artikel 18a, vijfde lid, van de \
                 Participatiewet."
                    .to_string(),
            ));
        }
        Besluit::Waarschuwing {
            motivering,
            zienswijze,
        } => {
            romp.push(Blok::Kop("Waarom krijgt u een waarschuwing?".to_string()));
            romp.push(Blok::Alinea(INLICHTINGENPLICHT.to_string()));
            romp.push(Blok::Alinea(
                "U heeft iets niet, niet op tijd of niet goed aan ons doorgegeven. Meestal krijgt \
                 iemand daarvoor een boete (artikel 18a, eerste lid, van de Participatiewet). \
                 Maar in uw situatie geven wij alleen een schriftelijke waarschuwing. Dit staat \
                 in artikel 18a, vierde lid, van de Participatiewet en artikel 2aa van het \
                 Boetebesluit socialezekerheidswetten."
                    .to_string(),
            ));
            romp.push(Blok::Alinea(
                "Kreeg u daardoor te veel bijstand? Dan moet u dat geld wel terugbetalen. \
                 Daarover gaat een ander besluit."
                    .to_string(),
            ));
            zienswijze_en_motivering(romp, zienswijze, motivering);
            romp.push(Blok::Kop("Let op".to_string()));
            romp.push(Blok::Alinea(
                "Geeft u binnen 2 jaar opnieuw iets niet of te laat door? Dan krijgt u geen \
                 waarschuwing meer. U krijgt dan een boete. Dit staat in artikel 18a, vierde lid, van de \
                 Participatiewet."
                    .to_string(),
            ));
        }
        _ => {}
    }
}

/// Hoor en wederhoor: what the resident said, then our reasoning.
fn zienswijze_en_motivering(romp: &mut Vec<Blok>, zienswijze: &str, motivering: &str) {
    romp.push(Blok::Kop("Wat u ons vertelde".to_string()));
    if zienswijze.trim().is_empty() {
        romp.push(Blok::Alinea(
            "Voordat wij besloten, hebben wij u gevraagd om uw kant van het verhaal. U heeft \
             daar niet op gereageerd."
                .to_string(),
        ));
    } else {
        romp.push(Blok::Alinea(
            "Voordat wij besloten, hebben wij u gevraagd om uw kant van het verhaal. Dit is wat \
             u ons vertelde:"
                .to_string(),
        ));
        romp.push(Blok::Alinea(zienswijze.trim().to_string()));
        romp.push(Blok::Alinea(
            "Wij hebben dit meegewogen in ons besluit.".to_string(),
        ));
    }
    if !motivering.trim().is_empty() {
        romp.push(Blok::Alinea(
            "Dit is onze uitleg bij uw situatie:".to_string(),
        ));
        romp.push(Blok::Alinea(motivering.trim().to_string()));
    }
}

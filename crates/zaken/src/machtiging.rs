//! Checking a machtiging: a staff member who spoke with the resident (or
//! saw their signed authorisation) confirms or refuses a helper's request.
//! Role, input and state are checked here, in the process layer; the page
//! only parses the form.

use crate::commando::{Fout, Medewerker};
use crate::voorstel::Ongeldig;
use gbi_domain::Rol;
use gbi_store::machtigingen::{self, Beoordeling};
use gbi_store::{Db, Scope, StoreError};

/// Staff who may check and confirm machtigingen: those who speak with
/// residents and helpers (klantcontact, intake) and who handle their
/// applications. Not Kwaliteitsmedewerker, FunctioneelBeheerder, Buurtteam.
pub const ROLLEN: &[Rol] = &[
    Rol::Klantcontactcentrum,
    Rol::Intake,
    Rol::Inkomensconsulent,
    Rol::Teamleider,
];

/// Confirm or refuse (or withdraw) machtiging `id`, recording how it was
/// checked. Deciding twice is `Fout::KanNu`.
pub async fn beoordelen(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    id: &str,
    besluit: Beoordeling,
    toelichting: &str,
) -> Result<(), Fout> {
    if !wie.heeft(ROLLEN) {
        return Err(Fout::Geweigerd);
    }
    let toelichting = toelichting.trim();
    if toelichting.is_empty() {
        return Err(Fout::Ongeldig(Ongeldig {
            veld: "toelichting",
            melding: "Schrijf op hoe u het heeft gecontroleerd, of waarom u weigert. Bijvoorbeeld: schriftelijke machtiging met handtekening en kopie legitimatie gezien.".into(),
        }));
    }
    match machtigingen::beoordelen(db, scope, id, besluit, wie.id, toelichting).await {
        Ok(_) => Ok(()),
        Err(StoreError::Conflict(_)) => Err(Fout::KanNu("over dit verzoek is al beslist.".into())),
        Err(e) => Err(Fout::Store(e)),
    }
}

//! Demo data for `gbi serve --demo`: the gemeenten of the seed documents,
//! Haarlem (0392) and Enschede (0153), each with a demo account for every
//! role (password `demo`), a few demo residents, a bank account of its own
//! (so a betaalrun can be approved and its SEPA file downloaded) and a few
//! synthetic running benefits (so there is something to pay), and one
//! sign-up for the collective health insurance (so the werkplek list and the
//! insurer's file show something). Loading twice changes nothing. Without
//! `--demo` none of this exists.

use anyhow::Result;
use gbi_domain::{Bsn, GemeenteCode, Iban, Rol};
use gbi_store::betalingen::{self, Rekening};
use gbi_store::inwoners::{self, NewInwoner};
use gbi_store::medewerkers::{self, NewMedewerker};
use gbi_store::{Db, Scope, StoreError, gemeenten, synthetisch};

pub const GEMEENTEN: [(&str, &str, &str); 2] = [
    ("0392", "Haarlem", "haarlem"),
    ("0153", "Enschede", "enschede"),
];

/// The demo gemeenten's own accounts (BBAN at the BNG Bank), by position
/// in [`GEMEENTEN`].
const REKENINGEN: [&str; 2] = ["BNGH0285001234", "BNGH0285005678"];

/// Synthetic running benefits per demo gemeente (marked `synthetisch`).
const SYNTHETISCHE_UITKERINGEN: u32 = 3;

const STAFF: [(&str, &str, Rol); 9] = [
    ("intake", "Ilse Intake", Rol::Intake),
    ("consulent", "Kees Consulent", Rol::Inkomensconsulent),
    ("kwaliteit", "Karin Kwaliteit", Rol::Kwaliteitsmedewerker),
    ("teamleider", "Tom Teamleider", Rol::Teamleider),
    ("beheer", "Bea Beheer", Rol::FunctioneelBeheerder),
    ("kcc", "Klaas Klantcontact", Rol::Klantcontactcentrum),
    ("buurtteam", "Bram Buurtteam", Rol::Buurtteam),
    ("beleid", "Bo Beleid", Rol::Beleidsmedewerker),
    ("debiteuren", "Dirk Debiteur", Rol::Debiteurenbeheer),
];

/// Demo residents per gemeente, taken from the testbed population so that
/// every register knows them.
pub const INWONERS_PER_GEMEENTE: usize = 6;

pub async fn load(db: &Db, inwoners: &[(String, String)]) -> Result<()> {
    // One Argon2 hash for all demo accounts: hashing is slow on purpose.
    let hash = tokio::task::spawn_blocking(|| medewerkers::hash_password("demo")).await??;
    for (g, (code, naam, prefix)) in GEMEENTEN.iter().enumerate() {
        let gemeente = GemeenteCode::parse(code)?;
        gemeenten::ensure(db, &gemeente, naam, true).await?;
        for (user, name, rol) in STAFF {
            let m = NewMedewerker {
                gebruikersnaam: &format!("{prefix}.{user}"),
                naam: name,
                rollen: &[rol],
                wachtwoord_hash: &hash,
            };
            medewerkers::upsert(db, &gemeente, m).await?;
        }
        let scope = Scope::system(gemeente, "demo");
        // A bank account, unless functioneel beheer already set one.
        if betalingen::rekening(db, &scope).await?.is_none() {
            let r = Rekening {
                naam: format!("Gemeente {naam}"),
                iban: Iban::build("NL", REKENINGEN[g])?,
                bic: Some("BNGHNL2G".into()),
            };
            betalingen::rekening_opslaan(db, &scope, &r).await?;
        }
        // Something to pay: a few benefits running since last month.
        if betalingen::aantal_te_betalen(db, &scope, "0001-01-01", "9999-12-31").await? == 0 {
            let ingang = gbi_domain::Maand::of(gbi_domain::today_amsterdam()).previous();
            synthetisch::caseload(
                db,
                &scope,
                SYNTHETISCHE_UITKERINGEN,
                &ingang.first_day().to_string(),
            )
            .await?;
        }
        let eigen = inwoners
            .iter()
            .skip(g * INWONERS_PER_GEMEENTE)
            .take(INWONERS_PER_GEMEENTE);
        for (i, (bsn, naam)) in eigen.enumerate() {
            let n = (g * INWONERS_PER_GEMEENTE + i) as u32;
            let bsn = Bsn::parse(bsn)?;
            let iban = Iban::build("NL", &format!("INGB{:010}", 7_000_000 + n)).ok();
            let new = NewInwoner {
                bsn: bsn.clone(),
                naam: naam.clone(),
                email: Some(format!("inwoner{}@example.nl", n + 1)),
                telefoon: Some(format!("06{:08}", 12_345_000 + n)),
                iban: iban.clone(),
            };
            match inwoners::create(db, &scope, new, "gbi serve --demo").await {
                Ok(_) | Err(StoreError::Conflict(_)) => {}
                Err(e) => return Err(e.into()),
            }
            // The second resident signed up for the collective insurance.
            if i == 1 {
                zorgverzekering_aanmelden(db, &scope, &bsn, naam).await?;
            }
            // The third has had bijstand for over five years: the monthly
            // run invites them for the individuele inkomenstoeslag.
            if i == 2
                && let Some(iban) = &iban
            {
                let sinds = gbi_domain::Maand::of(gbi_domain::today_amsterdam()).plus(-61);
                synthetisch::langdurige_client(
                    db,
                    &scope,
                    &bsn,
                    naam,
                    &sinds.first_day().to_string(),
                    &serde_json::json!({ "aanvrager": { "geboortedatum": "1980-05-01" } }),
                    iban,
                    &format!("inwoner{}@example.nl", n + 1),
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// A demo sign-up for the gemeente's collective health insurance, for its
/// first package; nothing when the policy offers none or the resident is
/// already signed up.
async fn zorgverzekering_aanmelden(db: &Db, scope: &Scope, bsn: &Bsn, naam: &str) -> Result<()> {
    use gbi_rules::regelingen::zorgverzekering::Zorgverzekering;
    use gbi_store::zorgverzekering as opslag;
    let vandaag = gbi_domain::today_amsterdam();
    let regels = gbi_rules::Regels::ingebouwd()?.met_voorlopig_doortrekken();
    let Ok(Some(z)) = regels.collectieve_zorgverzekering(scope.gemeente, vandaag) else {
        return Ok(());
    };
    let Some(pakket) = z.beleid.pakketten.first().filter(|_| z.aangeboden()) else {
        return Ok(());
    };
    let nieuw = opslag::NieuweAanmelding {
        bsn,
        naam,
        partner_bsn: None,
        pakket_code: &pakket.code,
        pakket_naam: &pakket.naam,
        ingangsdatum: Zorgverzekering::ingangsdatum(vandaag),
    };
    match opslag::aanmelden(db, scope, &nieuw, "gbi serve --demo").await {
        Ok(_) | Err(StoreError::Conflict(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

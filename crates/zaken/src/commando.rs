//! The one home of the lifecycle of a zaak: what a person may do with a
//! zaak now ([`acties`]) and doing it ([`uitvoeren`]). Every command checks
//! the person's role **and** the zaak's state, checks its input, and runs in
//! one transaction (the store re-checks the state under the row lock, so two
//! people acting at once cannot both pass). Pages, the CLI and APIs call
//! these commands; they decide nothing themselves.

use crate::behandeling::{self, Verzoek};
use crate::regeling::{self, Regeling};
use crate::voorstel::{Ongeldig, Voorstel};
use chrono::NaiveDate;
use gbi_domain::{BesluitStatus, Rol};
use gbi_store::besluiten::{self, Besluit};
use gbi_store::zaken::Zaak;
use gbi_store::{Db, Scope, StoreError, hersteltermijn};

/// The person who acts: a staff member of the scope's gemeente.
#[derive(Debug, Clone, Copy)]
pub struct Medewerker<'a> {
    pub id: &'a str,
    pub rollen: &'a [Rol],
}

impl Medewerker<'_> {
    pub fn heeft(&self, rollen: &[Rol]) -> bool {
        rollen.iter().any(|r| self.rollen.contains(r))
    }
}

/// Something a person can do with a zaak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actie {
    /// Claim the zaak to work on it.
    Oppakken,
    /// Give a claimed zaak back to the queue.
    Vrijgeven,
    /// A teamleider gives the zaak to a colleague.
    Toewijzen,
    /// Write a note in the file.
    Notitie,
    /// Ask the resident for information (hersteltermijn, Awb 4:5).
    HerstelVragen,
    /// Propose a decision for a second person to check.
    Voorstellen,
    /// Approve or send back a colleague's proposal (four eyes).
    Beoordelen,
    /// Ask the registers again now.
    BronnenOpnieuw,
}

/// Roles that work with residents' files and may read a zaak.
pub const ZAAK_ROLLEN: &[Rol] = &[
    Rol::Intake,
    Rol::Inkomensconsulent,
    Rol::Kwaliteitsmedewerker,
    Rol::Teamleider,
    Rol::Klantcontactcentrum,
];

impl Actie {
    pub const ALL: [Actie; 8] = [
        Actie::Oppakken,
        Actie::Vrijgeven,
        Actie::Toewijzen,
        Actie::Notitie,
        Actie::HerstelVragen,
        Actie::Voorstellen,
        Actie::Beoordelen,
        Actie::BronnenOpnieuw,
    ];

    /// Who may take this action at all.
    pub const fn rollen(self) -> &'static [Rol] {
        match self {
            Actie::Oppakken | Actie::HerstelVragen => &[Rol::Intake, Rol::Inkomensconsulent],
            // Releasing: the one who has it, or a teamleider (checked in `mag`).
            Actie::Vrijgeven => &[Rol::Intake, Rol::Inkomensconsulent, Rol::Teamleider],
            Actie::Toewijzen => &[Rol::Teamleider],
            Actie::Notitie | Actie::BronnenOpnieuw => ZAAK_ROLLEN,
            Actie::Voorstellen => &[Rol::Inkomensconsulent],
            Actie::Beoordelen => &[Rol::Kwaliteitsmedewerker, Rol::Teamleider],
        }
    }
}

/// What of a zaak the rules of the lifecycle look at.
#[derive(Debug, Clone)]
pub struct Staat {
    pub zaak: Zaak,
    /// The proposal waiting for a second person, with its content.
    pub voorstel: Option<(Besluit, Voorstel)>,
    /// The deadline of the open hersteltermijn, if any.
    pub hersteltermijn: Option<String>,
}

impl Staat {
    pub async fn laden(db: &Db, scope: &Scope, zaak: Zaak) -> Result<Staat, StoreError> {
        let voorstel = match besluiten::voor_zaak(db, scope, &zaak.id)
            .await?
            .into_iter()
            .find(|b| b.status == BesluitStatus::Voorgesteld)
        {
            Some(b) => {
                let v = voorstel_van(&b)?;
                Some((b, v))
            }
            None => None,
        };
        let hersteltermijn = hersteltermijn::open(db, scope, &zaak.id)
            .await?
            .map(|h| h.deadline);
        Ok(Staat {
            zaak,
            voorstel,
            hersteltermijn,
        })
    }

    fn open(&self) -> bool {
        self.zaak.einddatum.is_none() && !self.zaak.status.is_afgesloten()
    }
}

/// The typed content of a stored proposal.
pub fn voorstel_van(b: &Besluit) -> Result<Voorstel, StoreError> {
    serde_json::from_value(b.inhoud.clone())
        .map_err(|e| StoreError::Corrupt(format!("voorstel {}: {e}", b.id)))
}

/// Why a command was not carried out.
#[derive(Debug, thiserror::Error)]
pub enum Fout {
    /// The person's roles do not allow this action.
    #[error("u mag dit niet doen")]
    Geweigerd,
    /// The zaak is not in a state for this action; the text says why.
    #[error("{0}")]
    KanNu(String),
    /// The input is wrong.
    #[error(transparent)]
    Ongeldig(#[from] Ongeldig),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for Fout {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(m) => Fout::KanNu(m),
            other => Fout::Store(other),
        }
    }
}

fn kan_niet(m: &str) -> Fout {
    Fout::KanNu(m.to_owned())
}

/// May `wie` take `actie` on the zaak in `staat`? Role first, then state.
pub fn mag(actie: Actie, wie: &Medewerker<'_>, staat: &Staat) -> Result<(), Fout> {
    if !wie.heeft(actie.rollen()) {
        return Err(Fout::Geweigerd);
    }
    let z = &staat.zaak;
    let mijn = z.behandelaar_id.as_deref() == Some(wie.id);
    if !staat.open() && !matches!(actie, Actie::Notitie) {
        return Err(kan_niet("deze zaak is al afgehandeld"));
    }
    match actie {
        Actie::Oppakken if z.behandelaar_id.is_some() && !mijn => {
            Err(kan_niet("deze zaak is al opgepakt door een collega"))
        }
        Actie::Oppakken if mijn => Err(kan_niet("u heeft deze zaak al opgepakt")),
        Actie::Vrijgeven if z.behandelaar_id.is_none() => {
            Err(kan_niet("niemand heeft deze zaak opgepakt"))
        }
        Actie::Vrijgeven if !mijn && !wie.heeft(&[Rol::Teamleider]) => Err(Fout::Geweigerd),
        Actie::HerstelVragen | Actie::Voorstellen if staat.hersteltermijn.is_some() => {
            Err(kan_niet(
                "er loopt een hersteltermijn: wacht op de inwoner of tot de termijn voorbij is",
            ))
        }
        Actie::HerstelVragen | Actie::Voorstellen if staat.voorstel.is_some() => Err(kan_niet(
            "er ligt al een voorstel bij een collega ter controle",
        )),
        Actie::Beoordelen => match &staat.voorstel {
            None => Err(kan_niet("er is geen voorstel om te beoordelen")),
            Some((b, _)) if b.voorgesteld_door == wie.id => {
                Err(kan_niet(besluiten::EIGEN_VOORSTEL))
            }
            Some(_) => Ok(()),
        },
        _ => Ok(()),
    }
}

/// Every action `wie` may take on the zaak now.
pub fn acties(wie: &Medewerker<'_>, staat: &Staat) -> Vec<Actie> {
    Actie::ALL
        .into_iter()
        .filter(|a| mag(*a, wie, staat).is_ok())
        .collect()
}

/// A command on a zaak, with its input parsed into types.
#[derive(Debug, Clone)]
pub enum Commando {
    Oppakken,
    Vrijgeven,
    Toewijzen {
        medewerker_id: String,
    },
    Notitie {
        tekst: String,
    },
    HerstelVragen {
        verzoek: Verzoek,
        deadline: NaiveDate,
    },
    Voorstellen(Voorstel),
    Beoordelen {
        goedgekeurd: bool,
        opmerking: Option<String>,
    },
    BronnenOpnieuw,
}

impl Commando {
    pub fn actie(&self) -> Actie {
        match self {
            Commando::Oppakken => Actie::Oppakken,
            Commando::Vrijgeven => Actie::Vrijgeven,
            Commando::Toewijzen { .. } => Actie::Toewijzen,
            Commando::Notitie { .. } => Actie::Notitie,
            Commando::HerstelVragen { .. } => Actie::HerstelVragen,
            Commando::Voorstellen(_) => Actie::Voorstellen,
            Commando::Beoordelen { .. } => Actie::Beoordelen,
            Commando::BronnenOpnieuw => Actie::BronnenOpnieuw,
        }
    }
}

/// The regeling of a zaak.
pub fn regeling_van(zaak: &Zaak) -> Result<&'static dyn Regeling, StoreError> {
    regeling::voor_zaaktype(&zaak.zaaktype).ok_or_else(|| {
        StoreError::Corrupt(format!(
            "zaak {} heeft een onbekend zaaktype {}",
            zaak.identificatie, zaak.zaaktype
        ))
    })
}

/// The statustype of a zaak, from its regeling's catalogue entry.
pub fn statustype(zaak: &Zaak) -> Option<&'static crate::catalogus::Statustype> {
    statustype_van(&zaak.zaaktype, zaak.status)
}

/// [`statustype`] of a zaak as a list holds it (its type and status).
pub fn statustype_van(
    zaaktype: &str,
    status: gbi_domain::ZaakStatus,
) -> Option<&'static crate::catalogus::Statustype> {
    regeling::voor_zaaktype(zaaktype).and_then(|r| r.zaaktype().statustype(status.code()))
}

/// Carry out a command on a zaak of the scope's gemeente. A zaak that is
/// not there (or of another gemeente) is `StoreError::NotFound`.
pub async fn uitvoeren(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    zaak_id: &str,
    commando: Commando,
    vandaag: NaiveDate,
) -> Result<(), Fout> {
    uitvoeren_met_beleid(db, scope, wie, zaak_id, commando, vandaag, None).await
}

/// [`uitvoeren`] with the gemeente's policy, which a proposal per month
/// (bijzondere bijstand) is checked against; without it such a proposal
/// is refused.
pub async fn uitvoeren_met_beleid(
    db: &Db,
    scope: &Scope,
    wie: &Medewerker<'_>,
    zaak_id: &str,
    commando: Commando,
    vandaag: NaiveDate,
    beleid: Option<&gbi_rules::Regels>,
) -> Result<(), Fout> {
    // Refuse by role before reading (and logging a read of) the zaak.
    if !wie.heeft(commando.actie().rollen()) {
        return Err(Fout::Geweigerd);
    }
    let zaak = gbi_store::zaken::get(db, scope, zaak_id, "zaak behandelen")
        .await?
        .ok_or(Fout::Store(StoreError::NotFound))?;
    let staat = Staat::laden(db, scope, zaak).await?;
    mag(commando.actie(), wie, &staat)?;
    let zaak = &staat.zaak;
    use gbi_store::behandeling as store;
    match commando {
        Commando::Oppakken => {
            store::set_behandelaar(db, scope, zaak_id, Some(wie.id), true).await?;
        }
        Commando::Vrijgeven => {
            store::set_behandelaar(db, scope, zaak_id, None, false).await?;
        }
        Commando::Toewijzen { medewerker_id } => {
            store::set_behandelaar(db, scope, zaak_id, Some(&medewerker_id), false).await?;
        }
        Commando::Notitie { tekst } => {
            let tekst = tekst.trim();
            if tekst.is_empty() {
                return Err(Ongeldig {
                    veld: "tekst",
                    melding: "Schrijf eerst een notitie.".into(),
                }
                .into());
            }
            if tekst.chars().count() > 4000 {
                return Err(Ongeldig {
                    veld: "tekst",
                    melding: "Maak de notitie korter: hoogstens 4000 tekens.".into(),
                }
                .into());
            }
            store::add_notitie(db, scope, zaak_id, wie.id, tekst).await?;
        }
        Commando::HerstelVragen { verzoek, deadline } => {
            verzoek.controleren(regeling_van(zaak)?, deadline, vandaag)?;
            behandeling::hersteltermijn_vragen(db, scope, zaak, &verzoek, deadline, vandaag)
                .await?;
        }
        Commando::Voorstellen(voorstel) => {
            behandeling::voorstellen(db, scope, zaak, &voorstel, wie.id, vandaag, beleid).await?;
        }
        Commando::Beoordelen {
            goedgekeurd,
            opmerking,
        } => {
            let opmerking = opmerking
                .as_deref()
                .map(str::trim)
                .filter(|o| !o.is_empty());
            if !goedgekeurd && opmerking.is_none() {
                return Err(Ongeldig {
                    veld: "opmerking",
                    melding: "Schrijf op wat er anders moet.".into(),
                }
                .into());
            }
            let Some((besluit, _)) = &staat.voorstel else {
                return Err(kan_niet("er is geen voorstel om te beoordelen"));
            };
            behandeling::beoordelen(
                db,
                scope,
                besluit,
                wie.id,
                goedgekeurd,
                opmerking,
                vandaag,
                beleid,
            )
            .await?;
        }
        Commando::BronnenOpnieuw => {
            gbi_store::werk::retry_now(db, scope, zaak_id).await?;
        }
    }
    Ok(())
}

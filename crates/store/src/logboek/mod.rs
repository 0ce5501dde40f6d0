//! Logboek Dataverwerkingen: a record of every read or write of a resident's
//! data, after the Logius standard (`shared/specs/logboek-dataverwerkingen`).
//!
//! Each record carries the trace and span ids, the processing activity, the
//! actor, the data subject as a keyed hash (HMAC-SHA256; a dump of the table
//! does not reveal BSNs) and the outcome. Records of one gemeente form a hash
//! chain sealed with a key only the installation has; `gbi audit verify`
//! checks it. Records are only ever appended.

use crate::db::{Db, Tx, mac};
use crate::{Result, Scope};
use gbi_domain::{Bsn, GemeenteCode};
use hmac::Mac;
use serde::Serialize;
use sqlx::Row;

/// An entry of the register of processing activities (Register van
/// Verwerkingsactiviteiten): what is done with personal data, why, and on
/// what legal ground. `id` is what `dpl.core.processing_activity_id` holds.
#[derive(Debug, Serialize)]
pub struct Verwerkingsactiviteit {
    pub id: &'static str,
    pub naam: &'static str,
    pub doel: &'static str,
    pub grondslag: &'static str,
}

pub const INWONER_REGISTREREN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.inwoner.registreren",
    naam: "Inwoner registreren",
    doel: "Een inwoner vastleggen als klant voor inkomensondersteuning",
    grondslag: "Participatiewet art. 7 lid 1 en art. 64; AVG art. 6 lid 1 sub e",
};

pub const INWONER_RAADPLEGEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.inwoner.raadplegen",
    naam: "Inwoner raadplegen",
    doel: "De gegevens van een klant inzien om een aanvraag of uitkering te behandelen",
    grondslag: "Participatiewet art. 7 lid 1 en art. 64; AVG art. 6 lid 1 sub e",
};

pub const INWONER_WIJZIGEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.inwoner.wijzigen",
    naam: "Inwonergegevens wijzigen",
    doel: "Contact- en betaalgegevens van een klant bijwerken",
    grondslag: "Participatiewet art. 7 lid 1 en art. 64; AVG art. 6 lid 1 sub e",
};

pub const INKOMSTEN_VERWERKEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.inkomsten.verwerken",
    naam: "Inkomsten verwerken",
    doel: "Inkomsten die de inwoner doorgeeft verrekenen met de bijstand, met de vrijlatingen",
    grondslag: GROND_PW,
};

pub const UITKERING_BETALEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.uitkering.betalen",
    naam: "Uitkering betalen",
    doel: "De betaling van een lopende uitkering per maand berekenen, door een tweede medewerker laten controleren en overmaken; een maand die niet te berekenen is, wordt een taak voor een medewerker",
    grondslag: GROND_PW,
};

pub const EENMALIG_BETALEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.eenmalig.betalen",
    naam: "Eenmalige betaling doen",
    doel: "Een toegekende eenmalige betaling (bijzondere bijstand, individuele inkomenstoeslag) in de betaalrun opnemen, door een tweede medewerker laten controleren en overmaken aan de inwoner of aan wie het besluit noemt, zoals een leverancier of bewindvoerder",
    grondslag: "Participatiewet art. 35, art. 36, art. 43 en art. 64; AVG art. 6 lid 1 sub c en e",
};

pub const INKOMSTEN_UWV_VERREKENEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.inkomsten.uwv",
    naam: "Loon van UWV verrekenen",
    doel: "Het loon dat UWV van een inwoner met bijstand kent elke maand ophalen en verrekenen met de bijstand, met de vrijlatingen, waar de gemeente daarvoor kiest; een eigen opgave van de inwoner gaat voor",
    grondslag: "Participatiewet art. 17, art. 31, art. 32 en art. 64; Wet SUWI art. 62 en 64; AVG art. 6 lid 1 sub c en e",
};

pub const ZAAK_VERSTREKKEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.zaak.verstrekken",
    naam: "Behandelde aanvraag doorgeven aan het uitkeringssysteem",
    doel: "De toegekende aanvraag doorgeven aan het systeem dat de uitkering betaalt (LO Behandeld), zodat niemand gegevens opnieuw hoeft in te voeren",
    grondslag: GROND_PW,
};

const GROND_PW: &str =
    "Participatiewet art. 7 lid 1, art. 41, art. 43 en art. 64; AVG art. 6 lid 1 sub c en e";

pub const AANVRAAG_INVULLEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.aanvraag.invullen",
    naam: "Aanvraag invullen",
    doel: "Een aanvraag voor bijstand opslaan en verder invullen, door de inwoner, een gemachtigde of een medewerker",
    grondslag: GROND_PW,
};

pub const AANVRAAG_INDIENEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.aanvraag.indienen",
    naam: "Aanvraag indienen",
    doel: "Een aanvraag voor bijstand ontvangen en er een zaak voor openen",
    grondslag: GROND_PW,
};

pub const ZAAK_RAADPLEGEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.zaak.raadplegen",
    naam: "Zaak raadplegen",
    doel: "Een aanvraag bekijken om de inwoner te informeren of de aanvraag te behandelen",
    grondslag: GROND_PW,
};

pub const ZAAK_BEHANDELEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.zaak.behandelen",
    naam: "Aanvraag behandelen",
    doel: "Een aanvraag behandelen: oppakken, informatie opvragen, notities maken, een besluit voorbereiden en controleren",
    grondslag: GROND_PW,
};

pub const DOCUMENT_TOEVOEGEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.document.toevoegen",
    naam: "Document toevoegen",
    doel: "Bewijsstukken bij een aanvraag bewaren",
    grondslag: GROND_PW,
};

pub const DOCUMENT_VERWIJDEREN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.document.verwijderen",
    naam: "Document verwijderen",
    doel: "Een verkeerd gestuurd bewijsstuk weghalen op verzoek van de inwoner, zolang de hersteltermijn loopt",
    grondslag: GROND_PW,
};

pub const HERSTEL_BEANTWOORDEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.hersteltermijn.beantwoorden",
    naam: "Vraag uit de hersteltermijn beantwoorden",
    doel: "De antwoorden van de inwoner bewaren om over de aanvraag te beslissen (Awb 4:5)",
    grondslag: GROND_PW,
};

pub const DOCUMENT_INZIEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.document.inzien",
    naam: "Document inzien",
    doel: "Een bewijsstuk dat de inwoner stuurde openen om de aanvraag te behandelen of een besluit te controleren",
    grondslag: GROND_PW,
};

pub const MACHTIGING_VASTLEGGEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.machtiging.vastleggen",
    naam: "Machtiging vastleggen en controleren",
    doel: "Vastleggen wie namens een inwoner wil handelen, en dat pas toestaan nadat een medewerker het heeft gecontroleerd; de inwoner krijgt bericht",
    grondslag: "Awb art. 2:1; Participatiewet art. 43; AVG art. 6 lid 1 sub e",
};

pub const BRON_RAADPLEGEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.bron.raadplegen",
    naam: "Bronnen raadplegen",
    doel: "Gegevens die de overheid al heeft ophalen bij BRP, UWV, DUO, RDW, Kadaster, SVB en andere gemeenten, zodat de inwoner ze niet zelf hoeft aan te leveren",
    grondslag: "Participatiewet art. 64 en art. 67; Wet SUWI art. 62 en 64; AVG art. 6 lid 1 sub c en e",
};

pub const RECHT_BEREKENEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.recht.berekenen",
    naam: "Recht op bijstand berekenen",
    doel: "Een voorlopige berekening maken als advies voor de medewerker; een medewerker beslist",
    grondslag: GROND_PW,
};

const GROND_LOOPLIJST: &str = "AVG art. 6 lid 1 sub e; Participatiewet art. 7 lid 1 en art. 64; wetsvoorstel Wet proactieve dienstverlening SZW (36799)";

pub const LOOPLIJST_VRAGEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.looplijst.vragen",
    naam: "Looplijst: een gesloten vraag aan een bron",
    doel: "Per inwoner en per gepubliceerd criterium alleen ja of nee vragen, om te vinden wie waarschijnlijk recht heeft op inkomensondersteuning maar die niet krijgt",
    grondslag: GROND_LOOPLIJST,
};

pub const LOOPLIJST_INZIEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.looplijst.inzien",
    naam: "Looplijst inzien of exporteren",
    doel: "Een buurtteam ziet welke adressen het kan bezoeken om hulp aan te bieden",
    grondslag: GROND_LOOPLIJST,
};

pub const LOOPLIJST_BEZOEK: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.looplijst.bezoek",
    naam: "Uitkomst van een bezoek vastleggen",
    doel: "Bijhouden wie bereikt is en wie een aanvraag deed, zodat niemand twee keer wordt benaderd",
    grondslag: GROND_LOOPLIJST,
};

pub const LOOPLIJST_AFMELDEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.looplijst.afmelden",
    naam: "Afmelden voor de looplijst",
    doel: "Een inwoner wil niet dat de gemeente over hem vragen stelt om hulp aan te bieden; daarna wordt zijn BSN nooit meer naar een bron gestuurd",
    grondslag: "AVG art. 21 (bezwaar); wetsvoorstel Wet proactieve dienstverlening SZW (36799)",
};

pub const TOESTEMMING_ELEKTRONISCH: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.bericht.toestemming",
    naam: "Keuze voor besluiten online of per post",
    doel: "Vastleggen en tonen of een inwoner besluiten alleen online wil krijgen; zonder die toestemming sturen wij besluiten ook per post",
    grondslag: "Awb art. 2:14 lid 1; AVG art. 6 lid 1 sub c en e",
};

pub const BRIEF_VERSTUREN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.brief.versturen",
    naam: "Brief per post versturen",
    doel: "Een besluit printen en per post sturen aan een inwoner die niet koos voor alleen online, en vastleggen wie dat deed en wanneer; vanaf die dag loopt de bezwaartermijn",
    grondslag: "Awb art. 2:14, art. 3:41 en art. 6:8; Participatiewet art. 7 lid 1; AVG art. 6 lid 1 sub c en e",
};

pub const UITKERING_INZIEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.uitkering.inzien",
    naam: "Uitkering inzien",
    doel: "De berekening per maand, de betalingen en de inkomstenopgaven van een lopende uitkering inzien: de inwoner zijn eigen uitkering, een medewerker om die te behandelen",
    grondslag: GROND_PW,
};

pub const BETAALBESTAND_DOWNLOADEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.betaalbestand.downloaden",
    naam: "Betaalbestand downloaden",
    doel: "Het betaalbestand (SEPA) met de namen, rekeningnummers en bedragen van een goedgekeurde betaalrun ophalen om het bij de bank aan te bieden",
    grondslag: GROND_PW,
};

pub const LOGBOEK_DOORZOEKEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.logboek.doorzoeken",
    naam: "Logboek doorzoeken op een inwoner",
    doel: "Nagaan welke verwerkingen er over één inwoner zijn geweest, bijvoorbeeld voor een inzageverzoek of een controle",
    grondslag: "AVG art. 5 lid 2, art. 15 en art. 30; AVG art. 6 lid 1 sub c",
};

pub const WAT_ALS_DOORREKENEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.beleid.wat_als",
    naam: "Beleidsconcept doorrekenen op de lopende uitkeringen (wat-als)",
    doel: "Vóór nieuw beleid ingaat laten zien wat het doet met de huishoudens die nu een uitkering hebben: hoeveel erop vooruit of achteruit gaan en hoeveel het kost. Alleen totalen en voorbeelden zonder naam of BSN; er verandert niets aan een uitkering",
    grondslag: "Participatiewet art. 8, art. 35 en art. 36 (verordening en beleidsregels); AVG art. 6 lid 1 sub e en art. 89",
};

pub const IIT_UITNODIGEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.iit.uitnodigen",
    naam: "Eigen cliënten uitnodigen voor de individuele inkomenstoeslag",
    doel: "Elke maand nagaan welke inwoners met bijstand van de gemeente weer aan de voorwaarden van de individuele inkomenstoeslag voldoen, en hen een ingevulde aanvraag sturen die zij zelf bevestigen. Er wordt niets besloten zonder hun aanvraag",
    grondslag: "Participatiewet art. 36 en art. 47 (uitvoering); AVG art. 6 lid 1 sub e",
};

pub const VORDERING_VASTLEGGEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.vordering.vastleggen",
    naam: "Vordering vastleggen",
    doel: "Vastleggen wat een inwoner aan de gemeente moet terugbetalen, zoals bijzondere bijstand die als lening is gegeven, met het bedrag en het artikel waarop het berust",
    grondslag: "Participatiewet art. 48 lid 2, art. 51 en art. 60; AVG art. 6 lid 1 sub c en e",
};

pub const VORDERING_INZIEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.vordering.inzien",
    naam: "Vordering inzien",
    doel: "Zien wat een inwoner nog aan de gemeente moet terugbetalen: de inwoner zijn eigen vordering, een medewerker om de zaak of de inwoner te behandelen",
    grondslag: "Participatiewet art. 48 lid 2, art. 51 en art. 60; AVG art. 6 lid 1 sub c en e",
};

pub const TERUGVORDERING_BEHANDELEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.terugvordering.behandelen",
    naam: "Terugvordering behandelen",
    doel: "Bijstand die te veel is betaald vaststellen, beoordelen of die wordt teruggevorderd en op welke grond, en dat besluit door een tweede medewerker laten controleren",
    grondslag: "Participatiewet art. 58 en art. 59; AVG art. 6 lid 1 sub c en e",
};

pub const VORDERING_INNEN: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "gbi.vordering.innen",
    naam: "Vordering innen",
    doel: "Een vordering innen: betalingen boeken, verrekenen met de uitkering binnen de beslagvrije voet, en kwijtschelden",
    grondslag: "Participatiewet art. 58 lid 7 en 8 en art. 60; Awb titel 4.4; Rv art. 475da-475dc; AVG art. 6 lid 1 sub c en e",
};

/// Every processing activity GBI knows, for the public register page.
pub const ACTIVITEITEN: &[&Verwerkingsactiviteit] = &[
    &INWONER_REGISTREREN,
    &INWONER_RAADPLEGEN,
    &INWONER_WIJZIGEN,
    &AANVRAAG_INVULLEN,
    &AANVRAAG_INDIENEN,
    &ZAAK_RAADPLEGEN,
    &ZAAK_BEHANDELEN,
    &DOCUMENT_TOEVOEGEN,
    &DOCUMENT_INZIEN,
    &DOCUMENT_VERWIJDEREN,
    &HERSTEL_BEANTWOORDEN,
    &MACHTIGING_VASTLEGGEN,
    &BRON_RAADPLEGEN,
    &RECHT_BEREKENEN,
    &ZAAK_VERSTREKKEN,
    &INKOMSTEN_VERWERKEN,
    &LOOPLIJST_VRAGEN,
    &LOOPLIJST_INZIEN,
    &LOOPLIJST_BEZOEK,
    &LOOPLIJST_AFMELDEN,
    &INKOMSTEN_UWV_VERREKENEN,
    &UITKERING_BETALEN,
    &EENMALIG_BETALEN,
    &TOESTEMMING_ELEKTRONISCH,
    &BRIEF_VERSTUREN,
    &UITKERING_INZIEN,
    &BETAALBESTAND_DOWNLOADEN,
    &LOGBOEK_DOORZOEKEN,
    &WAT_ALS_DOORREKENEN,
    &IIT_UITNODIGEN,
    &VORDERING_VASTLEGGEN,
    &VORDERING_INZIEN,
    &TERUGVORDERING_BEHANDELEN,
    &VORDERING_INNEN,
    &crate::zorgverzekering::AANMELDEN,
    &crate::zorgverzekering::INZIEN,
    &crate::zorgverzekering::EXPORTEREN,
];

/// Read or write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Handeling {
    Lezen,
    Schrijven,
}

impl Handeling {
    fn code(self) -> &'static str {
        match self {
            Handeling::Lezen => "lezen",
            Handeling::Schrijven => "schrijven",
        }
    }
}

/// What `dpl.core.data_subject_id_type` says of the stored subject id: a
/// keyed pseudonym of the BSN (HMAC-SHA256), never the BSN itself. The
/// register describes it (see [`register`]).
pub const BETROKKENE_TYPE: &str = "bsn-pseudoniem";

/// The version of GBI that writes records (`resource` in the standard).
pub const GBI_VERSIE: &str = env!("CARGO_PKG_VERSION");

/// One processing to be logged.
pub struct Verwerking<'a> {
    pub activiteit: &'static Verwerkingsactiviteit,
    pub handeling: Handeling,
    pub betrokkene: &'a Bsn,
    /// The operation, e.g. `GET /api/v1/inwoners/{id}`.
    pub naam: &'a str,
    /// When the operation started (stored format, see [`crate::now_utc`]).
    pub start_time: String,
}

/// A stored log record, as shown to functioneel beheer.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LogRecord {
    pub gemeente_code: String,
    pub seq: i64,
    pub trace_id: String,
    pub span_id: String,
    pub parent_span_id: Option<String>,
    pub naam: String,
    pub verwerkingsactiviteit: String,
    pub handeling: String,
    pub actor: String,
    pub betrokkene: String,
    pub betrokkene_type: String,
    pub status: String,
    pub start_time: String,
    pub end_time: String,
    pub vorige_hash: String,
    pub hash: String,
    /// The version of GBI that wrote the record (none before 0029).
    pub resource_version: Option<String>,
    /// The application whose request started the processing.
    pub foreign_processor: Option<String>,
    /// The span of that application's operation.
    pub foreign_span_id: Option<String>,
    /// What went wrong, for a record with status `Error`.
    pub fout: Option<String>,
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The keyed hash that stands for a BSN in the log.
pub fn subject_hash(keys_subject: &[u8; 32], bsn: &Bsn) -> String {
    let mut m = mac(keys_subject);
    m.update(b"bsn:");
    m.update(bsn.as_str().as_bytes());
    hex::encode(m.finalize().into_bytes())
}

impl Db {
    /// The keyed hash of a BSN, to search the log for one resident.
    pub fn logboek_subject(&self, bsn: &Bsn) -> String {
        subject_hash(&self.keys.subject, bsn)
    }

    /// How a resident appears as the actor of a record (their own portal,
    /// or as gemachtigde): the start of the same keyed hash, never the BSN.
    pub fn logboek_actor_id(&self, bsn: &Bsn) -> String {
        self.logboek_subject(bsn)
            .chars()
            .take(ACTOR_ID_LEN)
            .collect()
    }
}

/// The length of a resident's id as actor: 64 bits of the keyed hash.
const ACTOR_ID_LEN: usize = 16;

fn chain_hash(key: &[u8; 32], r: &LogRecord) -> String {
    let mut m = mac(key);
    let parent = r.parent_span_id.as_deref().unwrap_or("");
    let kop = [
        r.vorige_hash.as_str(),
        r.gemeente_code.as_str(),
        &r.seq.to_string(),
        &r.trace_id,
        &r.span_id,
        parent,
    ];
    for part in kop.into_iter().chain(r.inhoud()) {
        m.update(&(part.len() as u64).to_be_bytes());
        m.update(part.as_bytes());
    }
    // The fields of the standard added in 0029 are sealed too; a record
    // without any (every record written before) keeps its seal.
    let extra = [
        &r.resource_version,
        &r.foreign_processor,
        &r.foreign_span_id,
        &r.fout,
    ];
    if extra.iter().any(|f| f.is_some()) {
        m.update(b"dpl-v2");
        for f in extra {
            match f {
                Some(v) => {
                    m.update(&[1]);
                    m.update(&(v.len() as u64).to_be_bytes());
                    m.update(v.as_bytes());
                }
                None => m.update(&[0]),
            }
        }
    }
    hex::encode(m.finalize().into_bytes())
}

impl LogRecord {
    /// What was done, by whom, to whom and when: the fields from `naam` to
    /// `end_time`, in the order of the table and of the chain's seal.
    fn inhoud(&self) -> [&str; 9] {
        [
            &self.naam,
            &self.verwerkingsactiviteit,
            &self.handeling,
            &self.actor,
            &self.betrokkene,
            &self.betrokkene_type,
            &self.status,
            &self.start_time,
            &self.end_time,
        ]
    }
}

/// Append a record to the gemeente's chain, inside the caller's transaction,
/// so it is stored if and only if the change it describes is.
pub async fn record(tx: &mut Tx, scope: &Scope, v: Verwerking<'_>) -> Result<i64> {
    // The chain head is locked until commit (row lock on PostgreSQL, the
    // single writer on SQLite), so records get consecutive numbers.
    let betrokkene = subject_hash(&tx.keys.subject, v.betrokkene);
    let soort = bulk::Soort {
        activiteit: v.activiteit,
        handeling: v.handeling,
        naam: v.naam,
        start_time: &v.start_time,
        status: Status::Ok,
        fout: None,
    };
    bulk::schrijf(tx, scope, &soort, &[betrokkene]).await
}

/// Shorthand for [`record`] with the start time given as stored text.
pub async fn note(
    tx: &mut Tx,
    scope: &Scope,
    activiteit: &'static Verwerkingsactiviteit,
    handeling: Handeling,
    betrokkene: &Bsn,
    naam: &str,
    start_time: &str,
) -> Result<()> {
    record(
        tx,
        scope,
        Verwerking {
            activiteit,
            handeling,
            betrokkene,
            naam,
            start_time: start_time.to_owned(),
        },
    )
    .await?;
    Ok(())
}

/// Start a gemeente's chain. Called when a gemeente is created.
pub(crate) async fn start_chain(tx: &mut Tx, gemeente: &GemeenteCode) -> Result<()> {
    sqlx::query("INSERT INTO verwerkingen_kop (gemeente_code, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (gemeente_code) DO NOTHING")
        .bind(gemeente.as_str())
        .bind(GENESIS)
        .execute(tx.conn())
        .await?;
    Ok(())
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<LogRecord> {
    Ok(LogRecord {
        gemeente_code: row.try_get("gemeente_code")?,
        seq: row.try_get("seq")?,
        trace_id: row.try_get("trace_id")?,
        span_id: row.try_get("span_id")?,
        parent_span_id: row.try_get("parent_span_id")?,
        naam: row.try_get("naam")?,
        verwerkingsactiviteit: row.try_get("verwerkingsactiviteit")?,
        handeling: row.try_get("handeling")?,
        actor: row.try_get("actor")?,
        betrokkene: row.try_get("betrokkene")?,
        betrokkene_type: row.try_get("betrokkene_type")?,
        status: row.try_get("status")?,
        start_time: row.try_get("start_time")?,
        end_time: row.try_get("end_time")?,
        vorige_hash: row.try_get("vorige_hash")?,
        hash: row.try_get("hash")?,
        resource_version: row.try_get("resource_version")?,
        foreign_processor: row.try_get("foreign_processor")?,
        foreign_span_id: row.try_get("foreign_span_id")?,
        fout: row.try_get("fout")?,
    })
}

const COLUMNS: &str = "gemeente_code, seq, trace_id, span_id, parent_span_id, naam, verwerkingsactiviteit, \
    handeling, actor, betrokkene, betrokkene_type, status, start_time, end_time, vorige_hash, hash, \
    resource_version, foreign_processor, foreign_span_id, fout";

/// The newest records of the scope's gemeente, newest first; optionally only
/// those about one resident, and only those older than `before_seq`.
pub async fn list(
    db: &Db,
    scope: &Scope,
    betrokkene: Option<&Bsn>,
    before_seq: Option<i64>,
    limit: i64,
) -> Result<Vec<LogRecord>> {
    let subject = betrokkene.map(|b| db.logboek_subject(b));
    // A resident is found as the subject, and as the gemachtigde who acted
    // for someone else (DigiD Machtigen; the actor holds the same hash).
    let als_gemachtigde = subject
        .as_ref()
        .map(|s| crate::Actor::Gemachtigde(s.chars().take(ACTOR_ID_LEN).collect()).as_log_string());
    // Two statements, so each can use its index: the subject's (hash) and
    // the gemachtigden's (partial, on `actor`); one with `$2 IS NULL OR …`
    // would scan the gemeente's whole log.
    let sql = if subject.is_some() {
        format!(
            "SELECT {COLUMNS} FROM verwerkingen WHERE gemeente_code = $1 \
             AND (betrokkene = $2 OR (actor = $5 AND actor LIKE 'gemachtigde:%')) \
             AND seq < $3 ORDER BY seq DESC LIMIT $4"
        )
    } else {
        format!(
            "SELECT {COLUMNS} FROM verwerkingen WHERE gemeente_code = $1 AND $2 IS NULL AND $5 IS NULL \
             AND seq < $3 ORDER BY seq DESC LIMIT $4"
        )
    };
    let start = crate::now_utc();
    let mut tx = db.begin().await?;
    let rows = sqlx::query(&sql)
        .bind(scope.gemeente.as_str())
        .bind(subject)
        .bind(before_seq.unwrap_or(i64::MAX))
        .bind(limit.clamp(1, 500))
        .bind(als_gemachtigde)
        .fetch_all(tx.conn())
        .await?;
    let records = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    // Searching the log for one resident is itself a processing of that
    // resident's data, and is logged.
    if let Some(bsn) = betrokkene {
        note(
            &mut tx,
            scope,
            &LOGBOEK_DOORZOEKEN,
            Handeling::Lezen,
            bsn,
            "logboek doorzoeken op inwoner",
            &start,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(records)
}

/// How many records of one processing activity the scope's gemeente has.
pub async fn count(db: &Db, scope: &Scope, activiteit: &Verwerkingsactiviteit) -> Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM verwerkingen WHERE gemeente_code = $1 AND verwerkingsactiviteit = $2")
        .bind(scope.gemeente.as_str())
        .bind(activiteit.id)
        .fetch_one(db.pool())
        .await?;
    Ok(row.try_get("n")?)
}

pub mod anker;
mod bulk;
pub(crate) mod bundel;
mod controle;
mod copy;
pub mod export;
pub mod register;
mod sqlite;
mod standaard;
mod status;
pub use bulk::{record_many, record_many_standalone};
pub use bundel::record_gebundeld;
pub use controle::{ChainReport, verify, verify_against};
pub use copy::{BulkVergelijking, bulk_vergelijken};
pub use standaard::{GbiVelden, Logregel, SERVICE_NAME, millis, nanos};
pub use status::{Status, record_fout, record_los, record_status};

#[cfg(test)]
mod tests;

//! The register of processing activities (Register van
//! Verwerkingsactiviteiten) as GBI knows it: what is done with personal
//! data, why, and on what legal ground. Served in the standard's register
//! shape by [`super::register`].

use serde::Serialize;

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

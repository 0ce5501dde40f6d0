//! The route table: every route of the server, declared once.
//!
//! `access` says who may call a route, and [`crate::app`] enforces it for
//! every route in one place, before the handler runs: a staff route names the
//! roles that may use it (`Staff(roles)`); anyone else gets 403 (401 or the
//! login page without a session). `Access::Staff` routes serve the data of
//! one gemeente: the gemeente of the logged-in staff member, never one the
//! client names. What a person may do with a zaak *now* (its state) is the
//! process layer's to decide (`gbi_zaken::commando`); the roles here are the
//! outer door, and the command checks them again.
//!
//! Two tests walk this table: `tests/tenancy.rs` (another gemeente's objects
//! are out of reach) and `tests/rollen.rs` (every route for every role, with
//! valid bodies), so every route added later is covered.

use crate::{AppState, api, assets, ops, pages};
use axum::routing::{MethodRouter, delete, get, patch, post};
use gbi_domain::Rol;
use gbi_zaken::commando::{Actie, ZAAK_ROLLEN};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: operations endpoints, static files, login, public registers.
    Public,
    /// A logged-in staff member holding one of these roles; data of their
    /// own gemeente only.
    Staff(&'static [Rol]),
    /// A logged-in resident; their own data (and what they are gemachtigde
    /// for) in their own gemeente only.
    Inwoner,
}

pub struct RouteDef {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
    pub handler: fn() -> MethodRouter<AppState>,
}

const fn route(
    method: &'static str,
    path: &'static str,
    access: Access,
    handler: fn() -> MethodRouter<AppState>,
) -> RouteDef {
    RouteDef {
        method,
        path,
        access,
        handler,
    }
}

use Access::{Inwoner, Public, Staff};

/// Routes that take a file read up to [`pages::bestand::MAX_BODY`], so a
/// file over the 10 MB the form shows is a message on the form.
fn upload_limit() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(pages::bestand::MAX_BODY)
}

/// Every staff member.
const IEDEREEN: Access = Staff(&Rol::ALL);
/// Those who work with residents' files.
const ZAAK: Access = Staff(ZAAK_ROLLEN);
/// Filling in an application with a resident: the zaak roles, and a
/// buurtteam its own drafts started at a looplijst visit.
const INVULLEN: Access = Staff(&[
    Rol::Intake,
    Rol::Inkomensconsulent,
    Rol::Kwaliteitsmedewerker,
    Rol::Teamleider,
    Rol::Klantcontactcentrum,
    Rol::Buurtteam,
]);
/// Functioneel beheer.
const BEHEER: Access = Staff(&[Rol::FunctioneelBeheerder]);
/// Functioneel beheer and teamleiders.
const BEHEER_TEAMLEIDER: Access = Staff(&[Rol::FunctioneelBeheerder, Rol::Teamleider]);
/// The betaalrun: computed and approved by two of these (never the same
/// person: the process layer checks that).
const BETALEN: Access = Staff(pages::betaalruns::ROLLEN);
/// Recording what a running benefit pays from a month on, and approving it.
const UITKERING_WIJZIGEN: Access = Staff(gbi_zaken::wijziging::VERWERKEN);
const INKOMSTEN_VASTLEGGEN: Access = Staff(gbi_zaken::inkomsten::VASTLEGGEN);
const UITKERING_BEOORDELEN: Access = Staff(gbi_zaken::wijziging::BEOORDELEN);
/// Opening a document a resident sent: those who decide on the zaak (not
/// the klantcontactcentrum, which sees only which documents came in).
const DOCUMENT_LEZEN: Access = Staff(pages::werkplek_zaken::DOCUMENT_ROLES);
/// Checking and recording a machtiging.
const MACHTIGING: Access = Staff(pages::machtiging::ROLLEN);
const LOOPLIJST_ZIEN: Access = Staff(pages::looplijst::ZIEN);
const LOOPLIJST_STARTEN: Access = Staff(pages::looplijst::STARTEN);
/// Printing and posting letters for residents without consent to
/// electronic delivery (Awb 2:14).
const PRINTEN: Access = Staff(pages::printwachtrij::ROLLEN);
/// A draft policy on the caseload (wat-als): the beleidsmedewerker, and
/// functioneel beheer, which loads the policy files that take effect.
const WAT_ALS: Access = Staff(pages::wat_als::ROLLEN);
/// The sign-ups for the collective health insurance (art. 35-3): seeing
/// them, and the file for the insurer.
const ZORGVERZEKERING_ZIEN: Access = Staff(pages::zorgverzekering::ZIEN);
const ZORGVERZEKERING_EXPORT: Access = Staff(pages::zorgverzekering::EXPORTEREN);
/// Terug- en invordering: seeing the worklist and claims; proposing a
/// terugvordering; the second person's check; booking payments and
/// proposing a kwijtschelding (the process layer checks each again).
const INVORDERING_ZIEN: Access = Staff(pages::invordering::INZIEN);
const TERUGVORDEREN: Access = Staff(pages::invordering::VOORSTELLEN);
const INVORDERING_BEOORDELEN: Access = Staff(pages::invordering::BEOORDELEN);
const INNEN: Access = Staff(pages::invordering::INNEN);

/// Whether the menu shows a page to this staff member: the roles of its GET
/// route in the table, so the menu and the door always agree.
pub fn in_menu(m: &gbi_store::medewerkers::Medewerker, path: &str) -> bool {
    table()
        .iter()
        .find(|r| r.method == "GET" && r.path == path)
        .is_some_and(|r| match r.access {
            Staff(roles) => roles.iter().any(|rol| m.has(*rol)),
            Public | Inwoner => false,
        })
}

/// The roles of an action on a zaak, as the process layer defines them.
const fn actie(a: Actie) -> Access {
    Staff(a.rollen())
}

#[rustfmt::skip]
pub fn table() -> Vec<RouteDef> {
    vec![
        // Operations
        route("GET", "/health/live", Public, || get(ops::live)),
        route("GET", "/health/ready", Public, || get(ops::ready)),
        route("GET", "/metrics", Public, || get(ops::metrics)),
        route("GET", "/static/{*file}", Public, || get(assets::serve)),
        route("GET", "/huisstijl/{gemeente}/logo.png", Public, || get(crate::contact::logo)),
        route("GET", "/portaal/digid/{gemeente}", Public, || get(pages::digid::start)),
        route("GET", "/portaal/machtigen/{gemeente}", Public, || get(pages::digid::machtigen)),
        route("GET", "/portaal/eherkenning/{gemeente}", Public, || get(pages::digid::eherkenning)),
        route("GET", "/portaal/oidc/callback", Public, || get(pages::digid::callback)),
        route("GET", "/werkplek/sso/{gemeente}", Public, || get(pages::sso::start)),
        route("GET", "/werkplek/oidc/callback", Public, || get(pages::sso::callback)),
        // Pages: public
        route("GET", "/", Public, || get(pages::home::show)),
        route("GET", "/inloggen", Public, || get(pages::inloggen::form)),
        route("POST", "/inloggen", Public, || post(pages::inloggen::submit)),
        route("GET", "/verwerkingsactiviteiten", Public, || get(pages::home::verwerkingsactiviteiten)),
        route("GET", "/regelingen/{gemeente}", Public, || get(pages::regelingen::show)),
        route("GET", "/demo/mailbox", Public, || get(pages::portaal::mailbox)),
        route("GET", "/looplijst/criteria", Public, || get(pages::looplijst::criteria)),
        // Pages: werkplek
        route("POST", "/uitloggen", IEDEREEN, || post(pages::inloggen::logout)),
        route("GET", "/werkplek", IEDEREEN, || get(pages::werkplek::start)),
        route("GET", "/werkplek/inwoners", ZAAK, || get(pages::werkplek::inwoners)),
        route("GET", "/werkplek/inwoners/{inwoner_id}", ZAAK, || get(pages::werkplek::inwoner)),
        route("GET", "/werkplek/logboek", BEHEER, || get(pages::werkplek::logboek)),
        route("GET", "/werkplek/koppelingen", BEHEER_TEAMLEIDER, || get(pages::werkplek::koppelingen)),
        route("GET", "/werkplek/aanvragen", ZAAK, || get(pages::werkplek_zaken::aanvragen)),
        route("POST", "/werkplek/aanvragen", ZAAK, || post(pages::werkplek_zaken::nieuw)),
        route("GET", "/werkplek/aanvragen/{concept_id}/{stap}", INVULLEN, || get(pages::werkplek_zaken::stap)), // a buurtteam only its own drafts of a visit
        route("POST", "/werkplek/aanvragen/{concept_id}/{stap}", INVULLEN, || post(pages::werkplek_zaken::stap_opslaan)),
        route("POST", "/werkplek/aanvragen/{concept_id}/documenten", INVULLEN, || post(pages::werkplek_zaken::upload).layer(upload_limit())),
        route("GET", "/werkplek/werkvoorraad", ZAAK, || get(pages::werkvoorraad::werkvoorraad)),
        route("GET", "/werkplek/zaken", ZAAK, || get(pages::werkplek_zaken::zaken_list)),
        route("GET", "/werkplek/zaken/{zaak_id}", ZAAK, || get(pages::werkplek_zaken::zaak)),
        route("POST", "/werkplek/zaken/{zaak_id}/opnieuw", actie(Actie::BronnenOpnieuw), || post(pages::werkplek_zaken::opnieuw)),
        route("POST", "/werkplek/zaken/{zaak_id}/oppakken", actie(Actie::Oppakken), || post(pages::behandeling::oppakken)),
        route("POST", "/werkplek/zaken/{zaak_id}/vrijgeven", actie(Actie::Vrijgeven), || post(pages::behandeling::vrijgeven)),
        route("POST", "/werkplek/zaken/{zaak_id}/toewijzen", actie(Actie::Toewijzen), || post(pages::behandeling::toewijzen)),
        route("POST", "/werkplek/zaken/{zaak_id}/notities", actie(Actie::Notitie), || post(pages::behandeling::notitie)),
        route("POST", "/werkplek/zaken/{zaak_id}/hersteltermijn", actie(Actie::HerstelVragen), || post(pages::behandeling::hersteltermijn)),
        route("POST", "/werkplek/zaken/{zaak_id}/besluit", actie(Actie::Voorstellen), || post(pages::behandeling::voorstellen)),
        route("POST", "/werkplek/zaken/{zaak_id}/beoordeling", actie(Actie::Beoordelen), || post(pages::behandeling::beoordelen)),
        route("GET", "/werkplek/zaken/{zaak_id}/uitkering", ZAAK, || get(pages::uitkering::werkplek)),
        route("POST", "/werkplek/zaken/{zaak_id}/inkomsten", INKOMSTEN_VASTLEGGEN, || post(pages::wijzigingen::inkomsten_vastleggen)),
        route("POST", "/werkplek/zaken/{zaak_id}/wijzigingen", UITKERING_WIJZIGEN, || post(pages::wijzigingen::verwerken)),
        route("POST", "/werkplek/zaken/{zaak_id}/wijzigingen/beoordeling", UITKERING_BEOORDELEN, || post(pages::wijzigingen::beoordelen)),
        route("GET", "/werkplek/zaken/{zaak_id}/documenten/{document_id}", DOCUMENT_LEZEN, || get(pages::werkplek_zaken::document)),
        route("GET", "/werkplek/machtigingen", MACHTIGING, || get(pages::machtiging::lijst)),
        route("POST", "/werkplek/machtigingen/{machtiging_id}", MACHTIGING, || post(pages::machtiging::beoordelen)),
        route("GET", "/werkplek/betaalruns/{betaalrun_id}", BETALEN, || get(pages::betaalrun::show)),
        route("GET", "/werkplek/beheer/rekening", BEHEER, || get(pages::beheer::rekening)),
        route("POST", "/werkplek/beheer/rekening", BEHEER, || post(pages::beheer::rekening_opslaan)),
        route("GET", "/werkplek/betaalruns", BETALEN, || get(pages::betaalruns::list)),
        route("POST", "/werkplek/betaalruns", BETALEN, || post(pages::betaalruns::start)),
        route("POST", "/werkplek/betaalruns/{betaalrun_id}/goedkeuren", BETALEN, || post(pages::betaalruns::goedkeuren)),
        route("GET", "/werkplek/betaalruns/{betaalrun_id}/sepa", BETALEN, || get(pages::betaalruns::sepa)),
        route("GET", "/werkplek/looplijst", LOOPLIJST_ZIEN, || get(pages::looplijst::werkplek::list)),
        route("POST", "/werkplek/looplijst/start", LOOPLIJST_STARTEN, || post(pages::looplijst::werkplek::start)),
        route("GET", "/werkplek/looplijst/run", LOOPLIJST_ZIEN, || get(pages::looplijst::werkplek::run)),
        route("POST", "/werkplek/looplijst/team", LOOPLIJST_STARTEN, || post(pages::looplijst::werkplek::team)),
        route("GET", "/werkplek/looplijst/wijk", LOOPLIJST_ZIEN, || get(pages::looplijst::lijst::wijk)),
        route("POST", "/werkplek/looplijst/bezoek", LOOPLIJST_ZIEN, || post(pages::looplijst::lijst::bezoek)),
        route("POST", "/werkplek/looplijst/aanvraag", Staff(pages::looplijst::aanvraag::STARTEN), || post(pages::looplijst::aanvraag::starten)),
        route("GET", "/werkplek/looplijst/export", LOOPLIJST_ZIEN, || get(pages::looplijst::lijst::export)),
        route("GET", "/werkplek/printwachtrij", PRINTEN, || get(pages::printwachtrij::lijst)),
        route("GET", "/werkplek/printwachtrij/{print_id}/brief", PRINTEN, || get(pages::printwachtrij::brief)),
        route("POST", "/werkplek/printwachtrij/{print_id}/verzonden", PRINTEN, || post(pages::printwachtrij::verzonden)),
        route("GET", "/werkplek/wat-als", WAT_ALS, || get(pages::wat_als::form)),
        route("POST", "/werkplek/wat-als", WAT_ALS, || post(pages::wat_als::doorrekenen).layer(upload_limit())),
        route("GET", "/werkplek/invordering", INVORDERING_ZIEN, || get(pages::invordering::lijst)),
        route("GET", "/werkplek/invordering/terugvorderingen/{terugvordering_id}", INVORDERING_ZIEN, || get(pages::invordering::terugvordering::show)),
        route("POST", "/werkplek/invordering/terugvorderingen/{terugvordering_id}/voorstel", TERUGVORDEREN, || post(pages::invordering::terugvordering::voorstellen)),
        route("POST", "/werkplek/invordering/terugvorderingen/{terugvordering_id}/beoordeling", INVORDERING_BEOORDELEN, || post(pages::invordering::terugvordering::beoordelen)),
        route("POST", "/werkplek/invordering/terugvorderingen/{terugvordering_id}/boete", TERUGVORDEREN, || post(pages::invordering::boete::voorstellen)),
        route("POST", "/werkplek/invordering/terugvorderingen/{terugvordering_id}/boete/beoordeling", INVORDERING_BEOORDELEN, || post(pages::invordering::boete::beoordelen)),
        route("GET", "/werkplek/invordering/vorderingen/{vordering_id}", INVORDERING_ZIEN, || get(pages::invordering::vordering::show)),
        route("POST", "/werkplek/invordering/vorderingen/{vordering_id}/aanmaning", INNEN, || post(pages::invordering::vordering::aanmaning)),
        route("POST", "/werkplek/invordering/vorderingen/{vordering_id}/betaling", INNEN, || post(pages::invordering::vordering::betaling)),
        route("POST", "/werkplek/invordering/vorderingen/{vordering_id}/dwangbevel", INNEN, || post(pages::invordering::ladder::dwangbevel)),
        route("POST", "/werkplek/invordering/vorderingen/{vordering_id}/betalingsregeling", INNEN, || post(pages::invordering::ladder::betalingsregeling)),
        route("POST", "/werkplek/invordering/vorderingen/{vordering_id}/derdenbeslag", INNEN, || post(pages::invordering::ladder::derdenbeslag)),
        route("POST", "/werkplek/invordering/aflossingen/{aflossing_id}/beeindigen", INNEN, || post(pages::invordering::ladder::beeindigen)),
        route("POST", "/werkplek/invordering/vorderingen/{vordering_id}/kwijtschelding", INNEN, || post(pages::invordering::vordering::kwijtschelding)),
        route("POST", "/werkplek/invordering/kwijtscheldingen/{kwijtschelding_id}/beoordeling", INVORDERING_BEOORDELEN, || post(pages::invordering::vordering::kwijtschelding_beoordelen)),
        route("GET", "/werkplek/collectieve-zorgverzekering", ZORGVERZEKERING_ZIEN, || get(pages::zorgverzekering::werkplek::lijst)),
        route("GET", "/werkplek/collectieve-zorgverzekering/export", ZORGVERZEKERING_EXPORT, || get(pages::zorgverzekering::werkplek::export)),
        // Portal: Mijn inkomen
        route("GET", "/portaal/inloggen", Public, || get(pages::portaal::login_form)),
        route("POST", "/portaal/inloggen", Public, || post(pages::portaal::login)),
        route("POST", "/portaal/uitloggen", Inwoner, || post(pages::portaal::logout)),
        route("GET", "/portaal", Inwoner, || get(pages::portaal::start)),
        route("GET", "/portaal/aanvraag", Inwoner, || get(pages::aanvraag::portal::start)),
        route("GET", "/portaal/aanvragen/{regeling}", Inwoner, || get(pages::aanvraag::portal::start_regeling)),
        route("GET", "/portaal/aanvraag/{concept_id}/{stap}", Inwoner, || get(pages::aanvraag::portal::show)),
        route("POST", "/portaal/aanvraag/{concept_id}/{stap}", Inwoner, || post(pages::aanvraag::portal::save)),
        route("POST", "/portaal/aanvraag/{concept_id}/documenten", Inwoner, || post(pages::aanvraag::portal::upload).layer(upload_limit())),
        route("GET", "/portaal/machtiging", Inwoner, || get(pages::machtiging::form)),
        route("POST", "/portaal/machtiging", Inwoner, || post(pages::machtiging::verzoek)),
        route("POST", "/portaal/machtiging/{machtiging_id}/aanvraag", Inwoner, || post(pages::machtiging::aanvraag)), // only under a machtiging staff confirmed
        route("POST", "/portaal/machtiging/{machtiging_id}/intrekken", Inwoner, || post(pages::machtiging::intrekken)), // only the person it is for
        route("GET", "/portaal/zaken", Inwoner, || get(pages::portaal::zaken_list)),
        route("GET", "/portaal/zaken/{zaak_id}", Inwoner, || get(pages::portaal_zaak::zaak)),
        route("POST", "/portaal/zaken/{zaak_id}/documenten", Inwoner, || post(pages::portaal_zaak::zaak_upload).layer(upload_limit())),
        route("POST", "/portaal/zaken/{zaak_id}/antwoorden", Inwoner, || post(pages::portaal_zaak::antwoord)),
        route("GET", "/portaal/zaken/{zaak_id}/ontvangstbewijs", Inwoner, || get(pages::portaal_zaak::ontvangstbewijs)),
        route("POST", "/portaal/zaken/{zaak_id}/documenten/{document_id}/verwijderen", Inwoner, || post(pages::portaal_zaak::document_verwijderen)),
        route("GET", "/portaal/zaken/{zaak_id}/uitkering", Inwoner, || get(pages::uitkering::portaal)),
        route("GET", "/portaal/zaken/{zaak_id}/specificatie", Inwoner, || get(pages::uitkering::specificatie_pdf)),
        route("POST", "/portaal/zaken/{zaak_id}/inkomsten", Inwoner, || post(pages::inkomsten_opgave::inkomsten_opgeven).layer(upload_limit())),
        route("POST", "/portaal/zaken/{zaak_id}/wijzigingen", Inwoner, || post(pages::wijzigingen::melden)),
        route("GET", "/portaal/berichten", Inwoner, || get(pages::portaal::berichten)),
        route("GET", "/portaal/looplijst", Inwoner, || get(pages::looplijst::portaal)),
        route("POST", "/portaal/looplijst", Inwoner, || post(pages::looplijst::portaal_keuze)),
        route("GET", "/portaal/elektronisch", Inwoner, || get(pages::elektronisch::show)),
        route("POST", "/portaal/elektronisch", Inwoner, || post(pages::elektronisch::kiezen)),
        route("GET", "/portaal/documenten/{document_id}", Inwoner, || get(pages::portaal::document)),
        route("GET", "/portaal/schulden", Inwoner, || get(pages::invordering::portaal::show)),
        route("POST", "/portaal/schulden", Inwoner, || post(pages::invordering::portaal::verzoek)),
        route("GET", "/portaal/schulden/jaaropgave", Inwoner, || get(pages::invordering::jaaropgave::pdf)),
        route("GET", "/portaal/collectieve-zorgverzekering", Inwoner, || get(pages::zorgverzekering::portaal::show)),
        route("POST", "/portaal/collectieve-zorgverzekering", Inwoner, || post(pages::zorgverzekering::portaal::aanmelden)),
        route("POST", "/portaal/collectieve-zorgverzekering/afmelden", Inwoner, || post(pages::zorgverzekering::portaal::afmelden)),
        // JSON API
        route("POST", "/api/v1/sessies", Public, || post(api::sessies::create)),
        route("DELETE", "/api/v1/sessies/huidig", IEDEREEN, || delete(api::sessies::delete_current)),
        route("GET", "/api/v1/verwerkingsactiviteiten", Public, || get(api::logboek::activiteiten)),
        route("GET", "/api/v1/gemeenten/{gemeente}/verwerkingsregister/processing_activities/{activiteit_id}", Public, || get(api::logboek::processing_activity)),
        route("GET", "/api/v1/gemeenten/{gemeente}/verwerkingsregister/processing_activities/{activiteit_id}/versions/{versie}", Public, || get(api::logboek::processing_activity_version)),
        route("GET", "/api/v1/gemeenten/{gemeente}/verwerkingsregister/entities/{entity_id}", Public, || get(api::logboek::entity)),
        route("GET", "/api/v1/gemeenten/{gemeente}/verwerkingsregister/data_subject_id_types/{soort}", Public, || get(api::logboek::data_subject_id_type)),
        route("GET", "/api/v1/medewerkers", BEHEER_TEAMLEIDER, || get(api::medewerkers::list)),
        route("GET", "/api/v1/inwoners", ZAAK, || get(api::inwoners::list)),
        route("POST", "/api/v1/inwoners", ZAAK, || post(api::inwoners::create)),
        route("GET", "/api/v1/inwoners/{inwoner_id}", ZAAK, || get(api::inwoners::get_one)),
        route("PATCH", "/api/v1/inwoners/{inwoner_id}", ZAAK, || patch(api::inwoners::update)),
        route("GET", "/api/v1/logboek", BEHEER, || get(api::logboek::list)),
    ]
}

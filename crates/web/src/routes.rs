//! The route table: every route of the server, declared once.
//!
//! `access` says who may call a route. `Access::Staff` routes serve the data
//! of one gemeente: the gemeente of the logged-in staff member, never one the
//! client names. The tenancy test (`tests/tenancy.rs`) walks this table and
//! fails for any staff route whose path parameters it cannot fill, so every
//! route added later is covered.

use crate::{AppState, api, assets, ops, pages};
use axum::routing::{MethodRouter, delete, get, patch, post};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: operations endpoints, static files, login, public registers.
    Public,
    /// A logged-in staff member; data of their own gemeente only.
    Staff,
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

#[rustfmt::skip]
pub fn table() -> Vec<RouteDef> {
    vec![
        // Operations
        route("GET", "/health/live", Public, || get(ops::live)),
        route("GET", "/health/ready", Public, || get(ops::ready)),
        route("GET", "/metrics", Public, || get(ops::metrics)),
        route("GET", "/static/{*file}", Public, || get(assets::serve)),
        // Pages: public
        route("GET", "/", Public, || get(pages::home::show)),
        route("GET", "/inloggen", Public, || get(pages::inloggen::form)),
        route("POST", "/inloggen", Public, || post(pages::inloggen::submit)),
        route("GET", "/verwerkingsactiviteiten", Public, || get(pages::home::verwerkingsactiviteiten)),
        route("GET", "/demo/mailbox", Public, || get(pages::portaal::mailbox)),
        route("GET", "/looplijst/criteria", Public, || get(pages::looplijst::criteria)),
        // Pages: werkplek
        route("POST", "/uitloggen", Staff, || post(pages::inloggen::logout)),
        route("GET", "/werkplek", Staff, || get(pages::werkplek::start)),
        route("GET", "/werkplek/inwoners", Staff, || get(pages::werkplek::inwoners)),
        route("GET", "/werkplek/inwoners/{inwoner_id}", Staff, || get(pages::werkplek::inwoner)),
        route("GET", "/werkplek/logboek", Staff, || get(pages::werkplek::logboek)),
        route("GET", "/werkplek/koppelingen", Staff, || get(pages::werkplek::koppelingen)),
        route("GET", "/werkplek/aanvragen", Staff, || get(pages::werkplek_zaken::aanvragen)),
        route("POST", "/werkplek/aanvragen", Staff, || post(pages::werkplek_zaken::nieuw)),
        route("GET", "/werkplek/aanvragen/{concept_id}/{stap}", Staff, || get(pages::werkplek_zaken::stap)),
        route("POST", "/werkplek/aanvragen/{concept_id}/{stap}", Staff, || post(pages::werkplek_zaken::stap_opslaan)),
        route("POST", "/werkplek/aanvragen/{concept_id}/documenten", Staff, || post(pages::werkplek_zaken::upload)),
        route("GET", "/werkplek/werkvoorraad", Staff, || get(pages::behandeling::werkvoorraad)),
        route("GET", "/werkplek/zaken", Staff, || get(pages::werkplek_zaken::zaken_list)),
        route("GET", "/werkplek/zaken/{zaak_id}", Staff, || get(pages::werkplek_zaken::zaak)),
        route("POST", "/werkplek/zaken/{zaak_id}/opnieuw", Staff, || post(pages::werkplek_zaken::opnieuw)),
        route("POST", "/werkplek/zaken/{zaak_id}/oppakken", Staff, || post(pages::behandeling::oppakken)),
        route("POST", "/werkplek/zaken/{zaak_id}/vrijgeven", Staff, || post(pages::behandeling::vrijgeven)),
        route("POST", "/werkplek/zaken/{zaak_id}/toewijzen", Staff, || post(pages::behandeling::toewijzen)),
        route("POST", "/werkplek/zaken/{zaak_id}/notities", Staff, || post(pages::behandeling::notitie)),
        route("POST", "/werkplek/zaken/{zaak_id}/hersteltermijn", Staff, || post(pages::behandeling::hersteltermijn)),
        route("POST", "/werkplek/zaken/{zaak_id}/besluit", Staff, || post(pages::behandeling::voorstellen)),
        route("POST", "/werkplek/zaken/{zaak_id}/beoordeling", Staff, || post(pages::behandeling::beoordelen)),
        route("GET", "/werkplek/zaken/{zaak_id}/uitkering", Staff, || get(pages::uitkering::werkplek)),
        route("POST", "/werkplek/zaken/{zaak_id}/wijzigingen", Staff, || post(pages::wijzigingen::verwerken)),
        // Betaalruns: Teamleider, FunctioneelBeheerder (pages::betaalruns::ROLLEN);
        // approving needs a second person, not the one who computed the run.
        route("GET", "/werkplek/betaalruns", Staff, || get(pages::betaalruns::list)),
        route("POST", "/werkplek/betaalruns", Staff, || post(pages::betaalruns::start)),
        route("GET", "/werkplek/betaalruns/{betaalrun_id}", Staff, || get(pages::betaalrun::show)),
        route("POST", "/werkplek/betaalruns/{betaalrun_id}/goedkeuren", Staff, || post(pages::betaalruns::goedkeuren)),
        route("GET", "/werkplek/betaalruns/{betaalrun_id}/sepa", Staff, || get(pages::betaalruns::sepa)),
        // The gemeente's bank account: FunctioneelBeheerder (pages::beheer::ROLLEN).
        route("GET", "/werkplek/beheer/rekening", Staff, || get(pages::beheer::rekening)),
        route("POST", "/werkplek/beheer/rekening", Staff, || post(pages::beheer::rekening_opslaan)),
        route("GET", "/werkplek/looplijst", Staff, || get(pages::looplijst::werkplek::list)),
        route("POST", "/werkplek/looplijst/start", Staff, || post(pages::looplijst::werkplek::start)),
        route("GET", "/werkplek/looplijst/run", Staff, || get(pages::looplijst::werkplek::run)),
        route("POST", "/werkplek/looplijst/team", Staff, || post(pages::looplijst::werkplek::team)),
        route("GET", "/werkplek/looplijst/wijk", Staff, || get(pages::looplijst::lijst::wijk)),
        route("POST", "/werkplek/looplijst/bezoek", Staff, || post(pages::looplijst::lijst::bezoek)),
        route("GET", "/werkplek/looplijst/export", Staff, || get(pages::looplijst::lijst::export)),
        // Portal: Mijn inkomen
        route("GET", "/portaal/inloggen", Public, || get(pages::portaal::login_form)),
        route("POST", "/portaal/inloggen", Public, || post(pages::portaal::login)),
        route("POST", "/portaal/uitloggen", Inwoner, || post(pages::portaal::logout)),
        route("GET", "/portaal", Inwoner, || get(pages::portaal::start)),
        route("GET", "/portaal/aanvraag", Inwoner, || get(pages::aanvraag::portal::start)),
        route("GET", "/portaal/aanvraag/{concept_id}/{stap}", Inwoner, || get(pages::aanvraag::portal::show)),
        route("POST", "/portaal/aanvraag/{concept_id}/{stap}", Inwoner, || post(pages::aanvraag::portal::save)),
        route("POST", "/portaal/aanvraag/{concept_id}/documenten", Inwoner, || post(pages::aanvraag::portal::upload)),
        route("GET", "/portaal/machtiging", Inwoner, || get(pages::portaal::machtiging_form)),
        route("POST", "/portaal/machtiging", Inwoner, || post(pages::portaal::machtiging)),
        route("GET", "/portaal/zaken", Inwoner, || get(pages::portaal::zaken_list)),
        route("GET", "/portaal/zaken/{zaak_id}", Inwoner, || get(pages::portaal::zaak)),
        route("POST", "/portaal/zaken/{zaak_id}/documenten", Inwoner, || post(pages::portaal::zaak_upload)),
        route("GET", "/portaal/zaken/{zaak_id}/uitkering", Inwoner, || get(pages::uitkering::portaal)),
        route("GET", "/portaal/zaken/{zaak_id}/specificatie", Inwoner, || get(pages::uitkering::specificatie_pdf)),
        route("POST", "/portaal/zaken/{zaak_id}/inkomsten", Inwoner, || post(pages::uitkering::inkomsten_opgeven)),
        route("POST", "/portaal/zaken/{zaak_id}/wijzigingen", Inwoner, || post(pages::wijzigingen::melden)),
        route("GET", "/portaal/berichten", Inwoner, || get(pages::portaal::berichten)),
        route("GET", "/portaal/looplijst", Inwoner, || get(pages::looplijst::portaal)),
        route("POST", "/portaal/looplijst", Inwoner, || post(pages::looplijst::portaal_keuze)),
        route("GET", "/portaal/documenten/{document_id}", Inwoner, || get(pages::portaal::document)),
        // JSON API
        route("POST", "/api/v1/sessies", Public, || post(api::sessies::create)),
        route("DELETE", "/api/v1/sessies/huidig", Staff, || delete(api::sessies::delete_current)),
        route("GET", "/api/v1/verwerkingsactiviteiten", Public, || get(api::logboek::activiteiten)),
        route("GET", "/api/v1/medewerkers", Staff, || get(api::medewerkers::list)),
        route("GET", "/api/v1/inwoners", Staff, || get(api::inwoners::list)),
        route("POST", "/api/v1/inwoners", Staff, || post(api::inwoners::create)),
        route("GET", "/api/v1/inwoners/{inwoner_id}", Staff, || get(api::inwoners::get_one)),
        route("PATCH", "/api/v1/inwoners/{inwoner_id}", Staff, || patch(api::inwoners::update)),
        route("GET", "/api/v1/logboek", Staff, || get(api::logboek::list)),
    ]
}

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

use Access::{Public, Staff};

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
        route("POST", "/inloggen", Public, || {
            post(pages::inloggen::submit)
        }),
        route("GET", "/verwerkingsactiviteiten", Public, || {
            get(pages::home::verwerkingsactiviteiten)
        }),
        // Pages: werkplek
        route("POST", "/uitloggen", Staff, || {
            post(pages::inloggen::logout)
        }),
        route("GET", "/werkplek", Staff, || get(pages::werkplek::start)),
        route("GET", "/werkplek/inwoners", Staff, || {
            get(pages::werkplek::inwoners)
        }),
        route("GET", "/werkplek/inwoners/{inwoner_id}", Staff, || {
            get(pages::werkplek::inwoner)
        }),
        route("GET", "/werkplek/logboek", Staff, || {
            get(pages::werkplek::logboek)
        }),
        // JSON API
        route("POST", "/api/v1/sessies", Public, || {
            post(api::sessies::create)
        }),
        route("DELETE", "/api/v1/sessies/huidig", Staff, || {
            delete(api::sessies::delete_current)
        }),
        route("GET", "/api/v1/verwerkingsactiviteiten", Public, || {
            get(api::logboek::activiteiten)
        }),
        route("GET", "/api/v1/medewerkers", Staff, || {
            get(api::medewerkers::list)
        }),
        route("GET", "/api/v1/inwoners", Staff, || {
            get(api::inwoners::list)
        }),
        route("POST", "/api/v1/inwoners", Staff, || {
            post(api::inwoners::create)
        }),
        route("GET", "/api/v1/inwoners/{inwoner_id}", Staff, || {
            get(api::inwoners::get_one)
        }),
        route("PATCH", "/api/v1/inwoners/{inwoner_id}", Staff, || {
            patch(api::inwoners::update)
        }),
        route("GET", "/api/v1/logboek", Staff, || get(api::logboek::list)),
    ]
}

//! A real server on a random port with a fresh database, for HTTP tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gbi_domain::{Bsn, GemeenteCode, Rol};
use gbi_store::inwoners::{self, Inwoner, NewInwoner};
use gbi_store::medewerkers::{self, NewMedewerker};
use gbi_store::testing::TestDatabase;
use gbi_store::{Db, Scope, gemeenten};
use gbi_web::{AppState, WebSettings};
use serde_json::Value;

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub client: reqwest::Client,
    _db: TestDatabase,
}

pub mod aanvraag;
pub mod looplijst;
pub mod oidc;
pub mod walk;

pub struct Tenant {
    pub code: GemeenteCode,
    pub user: String,
    pub user_id: String,
    pub inwoner: Inwoner,
}

pub const PASSWORD: &str = "test-wachtwoord";

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(None).await
    }

    /// With a BRP prefill of its own (tests of the form).
    pub async fn spawn_with(
        prefill: Option<std::sync::Arc<dyn gbi_zaken::prefill::Prefill>>,
    ) -> TestApp {
        Self::spawn_state(move |state| match prefill {
            Some(p) => state.with_prefill(p),
            None => state,
        })
        .await
    }

    /// With the state changed by `f` (e.g. registers of its own).
    pub async fn spawn_state(f: impl FnOnce(AppState) -> AppState) -> TestApp {
        Self::spawn_at(|state, _| f(state)).await
    }

    /// With the state changed by `f`, which also gets the server's base URL
    /// (for settings that name it, such as an OIDC redirect URI).
    pub async fn spawn_at(f: impl FnOnce(AppState, &str) -> AppState) -> TestApp {
        Self::spawn_opslag_at(gbi_store::opslag::Documentopslag::database(), f).await
    }

    /// With document files kept in `opslag` (e.g. an object store).
    pub async fn spawn_opslag(opslag: gbi_store::opslag::Documentopslag) -> TestApp {
        Self::spawn_opslag_at(opslag, |state, _| state).await
    }

    async fn spawn_opslag_at(
        opslag: gbi_store::opslag::Documentopslag,
        f: impl FnOnce(AppState, &str) -> AppState,
    ) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let base = format!("http://{addr}");
        let t = TestDatabase::new().await;
        let db = t.connect().await.met_documentopslag(opslag);
        let mut state = AppState::new(
            db.clone(),
            WebSettings {
                demo: true,
                secure_cookies: false,
                form_action: Vec::new(),
                metrics_token: None,
                trusted_proxies: Vec::new(),
            },
        );
        state = f(state, &base);
        let app = gbi_web::app(state);
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
            .unwrap();
        });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            base,
            db,
            client,
            _db: t,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A gemeente with one staff member holding `roles` and one resident.
    pub async fn tenant(&self, code: &str, naam: &str, bsn: &str, roles: &[Rol]) -> Tenant {
        self.tenant_with(code, naam, bsn, roles, false).await
    }

    /// The same, for a demo gemeente (its mail shows in the demo mailbox).
    pub async fn tenant_with(
        &self,
        code: &str,
        naam: &str,
        bsn: &str,
        roles: &[Rol],
        demo: bool,
    ) -> Tenant {
        let gemeente = GemeenteCode::parse(code).unwrap();
        gemeenten::ensure(&self.db, &gemeente, naam, demo)
            .await
            .unwrap();
        let user = format!("{}.tester", naam.to_lowercase());
        let hash = medewerkers::hash_password(PASSWORD).unwrap();
        let user_id = medewerkers::upsert(
            &self.db,
            &gemeente,
            NewMedewerker {
                gebruikersnaam: &user,
                naam: &format!("Tester {naam}"),
                rollen: roles,
                wachtwoord_hash: &hash,
            },
        )
        .await
        .unwrap();
        let scope = Scope::system(gemeente, "test");
        let inwoner = inwoners::create(
            &self.db,
            &scope,
            NewInwoner {
                bsn: Bsn::parse(bsn).unwrap(),
                naam: format!("Inwoner van {naam}"),
                email: Some(format!("inwoner@{}.example", naam.to_lowercase())),
                telefoon: None,
                iban: None,
            },
            "test",
        )
        .await
        .unwrap();
        Tenant {
            code: gemeente,
            user,
            user_id,
            inwoner,
        }
    }

    /// Log in through the API and return the bearer token.
    pub async fn login(&self, user: &str) -> String {
        let res = self
            .client
            .post(self.url("/api/v1/sessies"))
            .json(&serde_json::json!({ "gebruikersnaam": user, "wachtwoord": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "login {user}");
        let body: Value = res.json().await.unwrap();
        body["token"].as_str().unwrap().to_owned()
    }
}

/// A complete set of ALO answers.
pub fn volledige_antwoorden() -> Value {
    serde_json::json!({
        "reden": "baan_kwijt", "ingangsdatum": gbi_domain::today_amsterdam().to_string(), "heeft_werk": "nee", "partner_werk": "geen_partner", "ander_inkomen": "nee",
        "spaargeld": "1250,00", "contant_geld": "0", "schulden": "0", "woonsituatie": "huur", "woonkosten": "725,00",
        "commerciele_huurder": "nee", "iban": "NL91ABNA0417164300", "email": "inwoner@example.nl", "verklaring": "ja"
    })
}

/// What a tenant's resident has in the portal: an open draft with a
/// document, and a submitted zaak with a document.
pub struct Dossier {
    pub concept_id: String,
    pub zaak_id: String,
    pub zaak_identificatie: String,
    pub document_id: String,
}

impl TestApp {
    pub async fn dossier(&self, t: &Tenant) -> Dossier {
        self.dossier_in(&self.db, t).await
    }

    /// The same, written through `db` (e.g. with a document store of its own).
    pub async fn dossier_in(&self, db: &Db, t: &Tenant) -> Dossier {
        use gbi_store::{documenten, portaal};
        let scope = Scope::system(t.code, "test");
        let bsn = &t.inwoner.bsn;
        let ingediend = portaal::create_concept(
            db,
            &scope,
            bsn,
            "ALO",
            "digitaal",
            None,
            &volledige_antwoorden(),
        )
        .await
        .unwrap();
        let pdf = b"%PDF-1.4\n% test\n";
        let doc = documenten::add(
            db,
            &scope,
            documenten::NewDocument {
                bsn,
                concept_id: Some(&ingediend.id),
                zaak_id: None,
                informatieobjecttype: "bankafschrift",
                bestandsnaam: "bank.pdf",
                mime: "application/pdf",
                inhoud: pdf,
            },
            "test",
        )
        .await
        .unwrap();
        let wie = gbi_zaken::indienen::Indiener {
            naam_aanvrager: t.inwoner.naam.clone(),
            geboortedatum: None,
            gemachtigde: None,
            medewerker: None,
        };
        let (zaak, _) = gbi_zaken::indienen::indienen(
            db,
            &scope,
            &ingediend,
            wie,
            gbi_domain::today_amsterdam(),
        )
        .await
        .unwrap();
        let open = portaal::create_concept(
            db,
            &scope,
            bsn,
            "ALO",
            "digitaal",
            None,
            &serde_json::json!({ "reden": "anders" }),
        )
        .await
        .unwrap();
        Dossier {
            concept_id: open.id,
            zaak_id: zaak.id,
            zaak_identificatie: zaak.identificatie,
            document_id: doc.id,
        }
    }

    /// Log a tenant's resident in to the portal; returns the cookie header value.
    pub async fn resident_cookie(&self, t: &Tenant) -> String {
        let token = gbi_store::portaal::inwoner_login(
            &self.db,
            &t.code,
            &t.inwoner.bsn,
            &t.inwoner.naam,
            None,
        )
        .await
        .unwrap();
        format!("gbi_inwoner={token}")
    }
}

impl TestApp {
    /// Another staff member in a tenant's gemeente; returns (id, token).
    pub async fn medewerker(&self, t: &Tenant, user: &str, roles: &[Rol]) -> (String, String) {
        let hash = medewerkers::hash_password(PASSWORD).unwrap();
        let id = medewerkers::upsert(
            &self.db,
            &t.code,
            NewMedewerker {
                gebruikersnaam: user,
                naam: user,
                rollen: roles,
                wachtwoord_hash: &hash,
            },
        )
        .await
        .unwrap();
        (id, self.login(user).await)
    }
}

impl TestApp {
    /// POST a form as a staff member (bearer token); (status, body).
    pub async fn post_form(&self, token: &str, path: &str, form: &[(&str, &str)]) -> (u16, String) {
        let res = self
            .client
            .post(self.url(path))
            .bearer_auth(token)
            .form(form)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    }

    /// GET a portal page as the resident with `cookie`.
    pub async fn inwoner_page(&self, cookie: &str, path: &str) -> String {
        let res = self
            .client
            .get(self.url(path))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        res.text().await.unwrap()
    }

    /// POST a portal form as the resident with `cookie`; (status, body).
    pub async fn inwoner_post(
        &self,
        cookie: &str,
        path: &str,
        form: &[(&str, &str)],
    ) -> (u16, String) {
        let res = self
            .client
            .post(self.url(path))
            .header("cookie", cookie)
            .form(form)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.text().await.unwrap_or_default())
    }

    /// GET a page as a staff member; it must answer 200.
    pub async fn page(&self, token: &str, path: &str) -> String {
        let res = self
            .client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        res.text().await.unwrap()
    }
}

//! Handling through the store: hersteltermijn suspends the deadline and
//! returns the zaak; an expired one becomes a proposal for a person; four
//! eyes: nobody approves their own proposal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use gbi_domain::{GemeenteCode, Money, Rol, TaakSoort, TaakVoor, ZaakStatus};
use gbi_store::{Scope, besluiten, gemeenten, hersteltermijn, zaken};
use gbi_zaken::behandeling::{self, Verzoek, Voorstel};
use gbi_zaken::commando::{self, Commando, Fout, Medewerker};
use gbi_zaken::indienen::uiterste_datum;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// A fresh database with Haarlem, and the system scope of Haarlem.
async fn haarlem() -> (gbi_store::Db, gbi_store::testing::TestDatabase, Scope) {
    let (db, t) = gbi_store::testing::fresh().await;
    let code = GemeenteCode::parse("0392").unwrap();
    gemeenten::ensure(&db, &code, "Haarlem", false)
        .await
        .unwrap();
    (db, t, Scope::system(code, "test"))
}

async fn zaak(db: &gbi_store::Db, scope: &Scope, bsn: &str, op: NaiveDate) -> zaken::Zaak {
    common::zaak_met(db, scope, bsn, "0", op).await
}

#[tokio::test]
async fn hersteltermijn_suspends_and_resumes_the_deadline() {
    let (db, _t, scope) = haarlem().await;
    let z = zaak(&db, &scope, "999993549", d(1, 5)).await;
    assert_eq!(uiterste_datum(&z, d(1, 5)), Some(d(3, 2)));

    let verzoek = Verzoek {
        documenten: vec!["bankafschrift".into()],
        vragen: vec!["Wat is uw huur per maand?".into()],
    };
    behandeling::hersteltermijn_vragen(&db, &scope, &z, &verzoek, d(1, 19), d(1, 12))
        .await
        .unwrap();
    let z = zaken::get(&db, &scope, &z.id, "t").await.unwrap().unwrap();
    assert_eq!(z.status, ZaakStatus::Hersteltermijn);
    let taken = zaken::taken(&db, &scope, &z.id).await.unwrap();
    assert!(taken.iter().any(|t| t.voor == TaakVoor::Inwoner
        && t.soort == TaakSoort::Hersteltermijn
        && t.titel.contains("19 januari 2026")
        && t.titel.contains("Bankafschrift")));
    // A second request while one runs is refused.
    assert!(matches!(
        behandeling::hersteltermijn_vragen(&db, &scope, &z, &verzoek, d(1, 26), d(1, 12)).await,
        Err(gbi_store::StoreError::Conflict(_))
    ));

    // Asked on the 12th, delivered on the 19th: six days stood still (from
    // the 13th, Awb 4:15); 2 March + 6 is Sunday 8 March: Monday 9 March.
    assert!(
        behandeling::informatie_geleverd(&db, &scope, &z, d(1, 19))
            .await
            .unwrap()
    );
    let z = zaken::get(&db, &scope, &z.id, "t").await.unwrap().unwrap();
    assert_eq!(z.status, ZaakStatus::InBehandeling);
    assert_eq!(uiterste_datum(&z, d(1, 20)), Some(d(3, 9)));
    assert!(
        zaken::taken(&db, &scope, &z.id)
            .await
            .unwrap()
            .iter()
            .filter(|t| t.soort == TaakSoort::Hersteltermijn)
            .all(|t| t.status == "afgerond")
    );
}

#[tokio::test]
async fn an_expired_hersteltermijn_becomes_a_proposal_for_a_person() {
    let (db, _t) = gbi_store::testing::fresh().await;
    let code = GemeenteCode::parse("0153").unwrap();
    gemeenten::ensure(&db, &code, "Enschede", false)
        .await
        .unwrap();
    let scope = Scope::system(code, "test");
    let z = zaak(&db, &scope, "999993549", d(1, 5)).await;
    let verzoek = Verzoek {
        documenten: vec!["identiteitsbewijs".into()],
        vragen: vec![],
    };
    behandeling::hersteltermijn_vragen(&db, &scope, &z, &verzoek, d(1, 19), d(1, 12))
        .await
        .unwrap();
    assert_eq!(
        behandeling::verlopen_hersteltermijnen(&db, d(1, 19))
            .await
            .unwrap(),
        0,
        "not yet on the deadline itself"
    );
    assert_eq!(
        behandeling::verlopen_hersteltermijnen(&db, d(1, 20))
            .await
            .unwrap(),
        1
    );
    let z = zaken::get(&db, &scope, &z.id, "t").await.unwrap().unwrap();
    assert_eq!(z.status, ZaakStatus::InBehandeling);
    assert!(z.einddatum.is_none(), "never decided automatically");
    assert!(
        zaken::taken(&db, &scope, &z.id)
            .await
            .unwrap()
            .iter()
            .any(|t| t.soort == TaakSoort::VoorstelBuitenBehandeling)
    );
    assert!(
        hersteltermijn::open(&db, &scope, &z.id)
            .await
            .unwrap()
            .is_none()
    );
}

const CONSULENT: Medewerker = Medewerker {
    id: "consulent-1",
    rollen: &[Rol::Inkomensconsulent],
};
const KWALITEIT: Medewerker = Medewerker {
    id: "kwaliteit-1",
    rollen: &[Rol::Kwaliteitsmedewerker],
};
const TEAMLEIDER: Medewerker = Medewerker {
    id: "teamleider-1",
    rollen: &[Rol::Teamleider],
};

async fn status(db: &gbi_store::Db, scope: &Scope, id: &str) -> ZaakStatus {
    zaken::get(db, scope, id, "t")
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn nobody_approves_their_own_decision() {
    let (db, _t, scope) = haarlem().await;
    let z = zaak(&db, &scope, "999993549", d(7, 1)).await;
    let voorstel = Voorstel::Toekenning {
        ingangsdatum: d(7, 1),
        bedrag_per_maand: Money::from_cents(141_946),
        verplichtingen: vec!["Wijzigingen doorgeven".into()],
        reden_latere_ingang: None,
        reden_ander_bedrag: None,
    };
    let doe = |wie: Medewerker<'static>, c: Commando, dag: NaiveDate| {
        let (db, scope, id) = (db.clone(), scope.clone(), z.id.clone());
        async move { commando::uitvoeren(&db, &scope, &wie, &id, c, dag).await }
    };
    // Only an inkomensconsulent proposes.
    assert!(matches!(
        doe(KWALITEIT, Commando::Voorstellen(voorstel.clone()), d(7, 1)).await,
        Err(Fout::Geweigerd)
    ));
    doe(CONSULENT, Commando::Voorstellen(voorstel.clone()), d(7, 1))
        .await
        .unwrap();
    assert_eq!(status(&db, &scope, &z.id).await, ZaakStatus::Toetsen);
    // A second proposal while the first waits is refused by the state.
    assert!(matches!(
        doe(CONSULENT, Commando::Voorstellen(voorstel.clone()), d(7, 1)).await,
        Err(Fout::KanNu(_))
    ));
    // The proposer has no role to judge; one who has both still may not judge their own.
    let beide = Medewerker {
        id: "consulent-1",
        rollen: &[Rol::Inkomensconsulent, Rol::Teamleider],
    };
    let goed = || Commando::Beoordelen {
        goedgekeurd: true,
        opmerking: None,
    };
    assert!(matches!(
        doe(CONSULENT, goed(), d(7, 2)).await,
        Err(Fout::Geweigerd)
    ));
    assert!(matches!(
        doe(beide, goed(), d(7, 2)).await,
        Err(Fout::KanNu(m)) if m == besluiten::EIGEN_VOORSTEL
    ));

    // Sent back with a remark, proposed again, approved by someone else.
    doe(
        KWALITEIT,
        Commando::Beoordelen {
            goedgekeurd: false,
            opmerking: Some("Ingangsdatum controleren".into()),
        },
        d(7, 2),
    )
    .await
    .unwrap();
    assert_eq!(status(&db, &scope, &z.id).await, ZaakStatus::InBehandeling);
    doe(CONSULENT, Commando::Voorstellen(voorstel.clone()), d(7, 2))
        .await
        .unwrap();
    doe(KWALITEIT, goed(), d(7, 3)).await.unwrap();
    let z = zaken::get(&db, &scope, &z.id, "t").await.unwrap().unwrap();
    assert_eq!(
        (z.status, z.resultaat.as_deref(), z.einddatum.as_deref()),
        (
            ZaakStatus::Afgehandeld,
            Some("toegekend"),
            Some("2026-07-03")
        )
    );
    // The toekenning started the running benefit.
    let u = gbi_store::uitkeringen::voor_zaak(&db, &scope, &z.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            u.bedrag_per_maand.cents(),
            u.ingangsdatum.as_str(),
            u.status.as_str()
        ),
        (141_946, "2026-07-01", "lopend")
    );
    // Judging twice, or anything on the closed zaak, is refused.
    assert!(doe(TEAMLEIDER, goed(), d(7, 3)).await.is_err());
    assert!(matches!(
        doe(CONSULENT, Commando::Voorstellen(voorstel), d(7, 3)).await,
        Err(Fout::KanNu(_))
    ));
}

#[tokio::test]
async fn a_negative_zero_or_absurd_proposal_is_refused_by_the_command() {
    let (db, _t, scope) = haarlem().await;
    let z = zaak(&db, &scope, "999993549", d(7, 1)).await;
    let toekenning = |ingang: NaiveDate, cents: i64| Voorstel::Toekenning {
        ingangsdatum: ingang,
        bedrag_per_maand: Money::from_cents(cents),
        verplichtingen: vec![],
        reden_latere_ingang: None,
        reden_ander_bedrag: None,
    };
    let slecht = [
        toekenning(d(7, 1), -500),
        toekenning(d(7, 1), 0),
        toekenning(d(7, 1), 99_999_999_999),
        toekenning(NaiveDate::from_ymd_opt(1, 1, 1).unwrap(), 100_000),
        toekenning(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(), 100_000),
        Voorstel::Voorschot {
            bedrag: Money::from_cents(-1),
        },
        Voorstel::Afwijzing {
            gronden: vec![],
            toelichting: "Te veel spaargeld".into(),
        },
        Voorstel::Afwijzing {
            gronden: vec![gbi_zaken::grond::Afwijzingsgrond::VermogenBovenGrens],
            toelichting: "  ".into(),
        },
    ];
    for v in slecht {
        let r = commando::uitvoeren(
            &db,
            &scope,
            &CONSULENT,
            &z.id,
            Commando::Voorstellen(v.clone()),
            d(7, 2),
        )
        .await;
        assert!(matches!(r, Err(Fout::Ongeldig(_))), "{v:?}: {r:?}");
        // Also when the process layer is called below the command.
        assert!(
            behandeling::voorstellen(&db, &scope, &z, &v, "consulent-1", d(7, 2), None)
                .await
                .is_err()
        );
    }
    assert_eq!(status(&db, &scope, &z.id).await, ZaakStatus::Ontvangen);
    assert!(
        besluiten::voor_zaak(&db, &scope, &z.id)
            .await
            .unwrap()
            .is_empty()
    );
    // A hersteltermijn until 9999-12-31 is refused too.
    let r = commando::uitvoeren(
        &db,
        &scope,
        &CONSULENT,
        &z.id,
        Commando::HerstelVragen {
            verzoek: Verzoek {
                documenten: vec!["loonstrook".into()],
                vragen: vec![],
            },
            deadline: NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
        },
        d(7, 2),
    )
    .await;
    assert!(matches!(r, Err(Fout::Ongeldig(o)) if o.veld == "deadline"));
}

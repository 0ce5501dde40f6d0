//! Example letters shared by the tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use gbi_letters::{Beschikking, Besluit, Huisstijl, Regel};
use std::process::Command;

pub fn datum(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn haarlem() -> Huisstijl {
    Huisstijl {
        gemeente_naam: "Gemeente Haarlem".to_string(),
        afdeling: "Team Inkomen".to_string(),
        postadres: vec!["Postbus 511".to_string(), "2003 PB Haarlem".to_string()],
        telefoon: "14 023".to_string(),
        website: "www.haarlem.nl".to_string(),
        logo: None,
        logo_png: None,
        ondertekenaar_naam: "A. de Vries".to_string(),
        ondertekenaar_functie: "Teamleider Inkomen".to_string(),
        bezwaar_adres: vec![
            "Gemeente Haarlem".to_string(),
            "t.a.v. Bezwaarschriftencommissie".to_string(),
            "Postbus 511".to_string(),
            "2003 PB Haarlem".to_string(),
        ],
        openingstijden: "maandag tot en met vrijdag van 9.00 tot 17.00 uur".to_string(),
    }
}

fn basis(besluit: Besluit, berekening: Vec<Regel>, grondslagen: &[&str]) -> Beschikking {
    Beschikking {
        kenmerk: "ALO-0392-2026-000123".to_string(),
        datum: datum(2026, 7, 14),
        ontvanger_naam: "J. Jansen".to_string(),
        ontvanger_adres: vec!["Grote Markt 2".to_string(), "2011 RD Haarlem".to_string()],
        aanvraagdatum: datum(2026, 6, 3),
        regeling: None,
        besluit,
        berekening,
        grondslagen: grondslagen.iter().map(|s| s.to_string()).collect(),
    }
}

pub fn regel(tekst: &str, verwijzing: &str) -> Regel {
    Regel {
        tekst: tekst.to_string(),
        verwijzing: verwijzing.to_string(),
    }
}

pub fn toekenning() -> Beschikking {
    basis(
        Besluit::Toekenning {
            ingangsdatum: datum(2026, 6, 3),
            bedrag_per_maand_cents: 140150,
            verplichtingen: vec![
                "U zoekt werk en neemt werk aan dat u kunt doen.".to_string(),
                "U schrijft zich in bij het UWV als werkzoekende.".to_string(),
            ],
            reden_latere_ingang: None,
            reden_ander_bedrag: None,
            onder_27: false,
        },
        vec![
            regel(
                "U bent alleenstaand. De norm voor u is € 1.401,50 per maand.",
                "Participatiewet art. 21 onder a",
            ),
            regel(
                "U heeft geen inkomen. Wij trekken daarom niets af.",
                "Participatiewet art. 32",
            ),
            regel(
                "Uw vermogen is lager dan de grens. U mag dit houden.",
                "Participatiewet art. 34",
            ),
        ],
        &[
            "Participatiewet art. 11",
            "Participatiewet art. 21",
            "Participatiewet art. 43",
        ],
    )
}

pub fn afwijzing() -> Beschikking {
    basis(
        Besluit::Afwijzing {
            gronden: vec![regel(
                "Uw vermogen is hoger dan de vermogensgrens. U kunt eerst van uw eigen geld leven.",
                "Participatiewet art. 19, eerste lid, onderdeel b, en art. 34",
            )],
            toelichting: "U heeft € 12.000,00 op uw spaarrekening. Dat is meer dan de grens."
                .to_string(),
        },
        vec![
            regel(
                "U woont alleen (of alleen met uw kinderen). Uw norm is € 1.401,50 per maand.",
                "Participatiewet art. 21, onderdeel b",
            ),
            regel(
                "Uw bezit min uw schulden is € 12.000,00.",
                "Participatiewet art. 34, eerste lid",
            ),
            regel(
                "U mag tot € 7.995,00 aan spaargeld en bezit hebben.",
                "Participatiewet art. 34, derde lid, onderdeel a",
            ),
        ],
        &[
            "Participatiewet art. 19, eerste lid, onderdeel b, en art. 34",
            "Algemene wet bestuursrecht art. 6:7 en 6:8 (bezwaartermijn)",
        ],
    )
}

/// A toekenning that starts later than the aanvraag (art. 44-1), for an
/// applicant under 27, with another amount than the calculation.
pub fn latere_toekenning() -> Beschikking {
    let mut b = toekenning();
    b.besluit = Besluit::Toekenning {
        ingangsdatum: datum(2026, 7, 1),
        bedrag_per_maand_cents: 120000,
        verplichtingen: vec!["U zoekt werk en neemt werk aan dat u kunt doen.".to_string()],
        reden_latere_ingang: Some("U had tot 30 juni 2026 loon van uw werkgever.".to_string()),
        reden_ander_bedrag: Some(
            "U krijgt elke maand € 201,50 alimentatie. Dat telt mee als inkomen.".to_string(),
        ),
        onder_27: true,
    };
    b
}

pub fn voorschot() -> Beschikking {
    basis(
        Besluit::Voorschot {
            bedrag_cents: 134849,
            verwacht_cents: Some(141946),
        },
        vec![regel(
            "U woont alleen (of alleen met uw kinderen). Uw norm is € 1.419,46 per maand.",
            "Participatiewet art. 21, onderdeel b",
        )],
        &[
            "Participatiewet art. 52, eerste, tweede en vierde lid (voorschot)",
            "Algemene wet bestuursrecht art. 6:7 en 6:8 (bezwaartermijn)",
        ],
    )
}

/// A periodic bijzondere bijstand for bewindvoeringskosten, paid to the
/// bewindvoerder.
pub fn periodiek() -> Beschikking {
    let mut b = basis(
        Besluit::Periodiek {
            bedrag_per_maand_cents: 14_000,
            ingangsdatum: datum(2026, 8, 1),
            einddatum: datum(2027, 1, 31),
            betalen_aan: "Bewindvoering Spaarne B.V.".to_string(),
            derde: true,
            iban: "NL91 ABNA 0417 1643 00".to_string(),
            motivering: "De kantonrechter heeft beschermingsbewind ingesteld. De kosten passen binnen het beleid.".to_string(),
            verplichtingen: vec![
                "Gebruik het geld voor de kosten waarvoor u het krijgt.".to_string(),
            ],
        },
        Vec::new(),
        &[
            "Participatiewet art. 35, eerste lid (bijzondere bijstand)",
            "Participatiewet art. 48, eerste lid (bijstand om niet)",
            "Algemene wet bestuursrecht art. 6:7 en 6:8 (bezwaartermijn)",
        ],
    );
    b.kenmerk = "BB-0392-2026-000045".to_string();
    b.regeling = Some("bijzondere bijstand".to_string());
    b
}

pub fn buiten_behandeling() -> Beschikking {
    basis(
        Besluit::BuitenBehandeling {
            reden: "U heeft de bankafschriften die wij vroegen niet op tijd gestuurd.".to_string(),
        },
        vec![],
        &[
            "Algemene wet bestuursrecht art. 4:5",
            "Participatiewet art. 17",
        ],
    )
}

/// A toekenning with a long calculation, to force more than one page.
pub fn lange_toekenning() -> Beschikking {
    let mut b = toekenning();
    b.berekening = (1..=60)
        .map(|i| {
            regel(
                &format!("Stap {i}: wij tellen dit bedrag mee voor de maand. Het is € {i},00."),
                &format!("Participatiewet art. {i}"),
            )
        })
        .collect();
    b
}

/// The text of a PDF via `pdftotext` (poppler-utils), or `None` when it is not installed.
pub fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!(
        "gbi-letters-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let pad = dir.join("brief.pdf");
    std::fs::write(&pad, pdf).unwrap();
    let uit = Command::new("pdftotext").arg(&pad).arg("-").output();
    std::fs::remove_dir_all(&dir).ok();
    match uit {
        Ok(uit) => {
            assert!(uit.status.success(), "pdftotext faalde");
            let tekst = String::from_utf8(uit.stdout).unwrap();
            Some(tekst.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        Err(_) => {
            println!(
                "let op: pdftotext (poppler-utils) staat niet op PATH; tekstcontrole overgeslagen"
            );
            None
        }
    }
}

/// A terugvordering paid by transfer: one ground, months in one year.
pub fn terugvordering() -> Beschikking {
    use gbi_letters::TerugvorderingMaand;
    let maand = |maand: &str, netto_cents| TerugvorderingMaand {
        maand: maand.to_string(),
        netto_cents,
        bruto_cents: None,
    };
    let mut b = basis(
        Besluit::Terugvordering {
            grond: "artikel 58, eerste lid, van de Participatiewet".to_string(),
            grond_uitleg: "U heeft uw loon niet aan ons doorgegeven. Dan moeten wij de bijstand \
                           die u daardoor te veel kreeg terugvragen."
                .to_string(),
            maanden: vec![maand("maart 2026", 30_000), maand("april 2026", 42_500)],
            totaal_cents: 72_500,
            oorzaak: "U werkte in maart en april 2026 bij Bakkerij De Korenschoof. Dat loon \
                      kregen wij pas later te zien in de gegevens van het UWV."
                .to_string(),
            gemeente_te_laat: false,
            motivering:
                "U zei dat u dacht dat het UWV het loon zelf doorgaf. Dat is begrijpelijk, \
                         maar het blijft uw taak om het door te geven."
                    .to_string(),
            betalen_voor: datum(2026, 8, 25),
            iban_gemeente: "NL12 BNGH 0285 0000 00".to_string(),
            betalingskenmerk: "7000 0001 2345 6789".to_string(),
            verrekening: None,
        },
        vec![
            regel(
                "Over maart 2026 kreeg u € 1.401,50. Met uw loon had u recht op € 1.101,50. U \
                 kreeg € 300,00 te veel.",
                "Participatiewet art. 32 en 54, derde lid",
            ),
            regel(
                "Over april 2026 kreeg u € 1.401,50. Met uw loon had u recht op € 976,50. U kreeg \
                 € 425,00 te veel.",
                "Participatiewet art. 32 en 54, derde lid",
            ),
        ],
        &[
            "Participatiewet art. 17, eerste lid (inlichtingenplicht)",
            "Participatiewet art. 58, eerste lid (terugvordering)",
            "Algemene wet bestuursrecht art. 4:86 en 4:87 (betalen binnen 6 weken)",
            "Algemene wet bestuursrecht art. 6:7 en 6:8 (bezwaartermijn)",
        ],
    );
    b.kenmerk = "VOR-0392-2026-000123".to_string();
    b
}

/// A terugvordering the gemeente caused by processing a change late, partly
/// over the previous year (gross), offset with the running bijstand.
pub fn terugvordering_verrekend() -> Beschikking {
    use gbi_letters::{TerugvorderingMaand, Verrekenvoorstel};
    let mut b = terugvordering();
    b.besluit = Besluit::Terugvordering {
        grond: "artikel 58, tweede lid, onder a, van de Participatiewet".to_string(),
        grond_uitleg:
            "U kreeg te veel bijstand, omdat u ging samenwonen. Samen heeft u recht op minder \
                       bijstand."
                .to_string(),
        maanden: vec![
            TerugvorderingMaand {
                maand: "december 2025".to_string(),
                netto_cents: 15_000,
                bruto_cents: Some(19_000),
            },
            TerugvorderingMaand {
                maand: "januari 2026".to_string(),
                netto_cents: 15_000,
                bruto_cents: None,
            },
        ],
        totaal_cents: 34_000,
        oorzaak: "U gaf op 20 november 2025 aan ons door dat u ging samenwonen. Wij hebben dat \
                  pas in februari 2026 verwerkt."
            .to_string(),
        gemeente_te_laat: true,
        motivering: String::new(),
        betalen_voor: datum(2026, 8, 25),
        iban_gemeente: "NL12 BNGH 0285 0000 00".to_string(),
        betalingskenmerk: "7000 0001 2345 6790".to_string(),
        verrekening: Some(Verrekenvoorstel {
            per_maand_cents: 7_007,
            beslagvrije_voet_cents: 133_143,
        }),
    };
    b.grondslagen = vec![
        "Participatiewet art. 58, tweede lid, onder a (terugvordering)".to_string(),
        "Participatiewet art. 58, vijfde lid (bruto terugvorderen)".to_string(),
        "Participatiewet art. 60, derde lid (verrekenen)".to_string(),
        "Wetboek van Burgerlijke Rechtsvordering art. 475dc (beslagvrije voet)".to_string(),
    ];
    b.berekening = Vec::new();
    b
}

pub fn kwijtschelding() -> Beschikking {
    let mut b = basis(
        Besluit::Kwijtschelding {
            kenmerk_vordering: "VOR-0392-2024-000017".to_string(),
            kwijtgescholden_cents: 210_000,
            betaald_cents: 240_000,
            grond: "artikel 58, zevende lid, onder d, van de Participatiewet: u heeft ten minste \
                    de helft van wat u nog moest betalen in één keer betaald"
                .to_string(),
            motivering: "U heeft op 1 juli 2026 € 2.400,00 in één keer betaald. Dat is meer dan \
                         de helft van de € 4.500,00 die nog openstond."
                .to_string(),
            restant_cents: 0,
        },
        Vec::new(),
        &[
            "Participatiewet art. 58, zevende lid, onder d",
            "Algemene wet bestuursrecht art. 6:7 en 6:8 (bezwaartermijn)",
        ],
    );
    b.kenmerk = "VOR-0392-2024-000017".to_string();
    b
}

pub fn boete() -> Beschikking {
    let mut b = basis(
        Besluit::Boete {
            benadelingsbedrag_cents: 72_500,
            verwijtbaarheid: "U wist dat u uw loon moest doorgeven. Dat staat in de brief over \
                              uw bijstand. U had geen goede reden om het niet te doen. Er is \
                              geen opzet en geen grove schuld."
                .to_string(),
            percentage: "50%".to_string(),
            bedrag_cents: 36_250,
            motivering: "Wij hebben gekeken of u de boete kunt betalen. Dat kan in delen."
                .to_string(),
            zienswijze: "U zei dat u dacht dat het UWV uw loon aan ons doorgaf.".to_string(),
            betalen_voor: datum(2026, 8, 25),
            verrekening: None,
            iban_gemeente: "NL12 BNGH 0285 0000 00".to_string(),
            betalingskenmerk: "7000 0001 2345 6791".to_string(),
        },
        Vec::new(),
        &[
            "Participatiewet art. 17, eerste lid (inlichtingenplicht)",
            "Participatiewet art. 18a, eerste lid (bestuurlijke boete)",
            "Boetebesluit socialezekerheidswetten art. 2",
            "Algemene wet bestuursrecht art. 6:7 en 6:8 (bezwaartermijn)",
        ],
    );
    b.kenmerk = "BOE-0392-2026-000004".to_string();
    b
}

pub fn waarschuwing() -> Beschikking {
    let mut b = basis(
        Besluit::Waarschuwing {
            motivering: "U kreeg € 95,00 te veel. U heeft dit zelf binnen een paar weken aan \
                         ons gemeld."
                .to_string(),
            zienswijze: String::new(),
        },
        Vec::new(),
        &[
            "Participatiewet art. 18a, vierde lid (waarschuwing)",
            "Boetebesluit socialezekerheidswetten art. 2aa",
            "Algemene wet bestuursrecht art. 6:7 en 6:8 (bezwaartermijn)",
        ],
    );
    b.kenmerk = "BOE-0392-2026-000005".to_string();
    b
}

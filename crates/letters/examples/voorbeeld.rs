//! Writes an example letter: `cargo run -p gbi-letters --example voorbeeld -- uit.pdf`.
use chrono::NaiveDate;
use gbi_letters::{Beschikking, Besluit, Huisstijl, Regel, beschikking_pdf, beschikking_tekst};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let datum = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("ongeldige datum");
    let h = Huisstijl::demo("Gemeente Voorbeeld", "Voorbeeld");
    let b = Beschikking {
        kenmerk: "ALO-0000-2026-000001".to_string(),
        datum: datum(2026, 7, 14)?,
        ontvanger_naam: "J. Jansen".to_string(),
        ontvanger_adres: vec!["Dorpsstraat 1".to_string(), "0000 XX Voorbeeld".to_string()],
        aanvraagdatum: datum(2026, 6, 3)?,
        regeling: None,
        besluit: Besluit::Toekenning {
            ingangsdatum: datum(2026, 7, 1)?,
            bedrag_per_maand_cents: 140_150,
            verplichtingen: vec!["U zoekt werk en neemt werk aan dat u kunt doen.".to_string()],
            reden_latere_ingang: Some("U had tot 30 juni 2026 loon van uw werkgever.".to_string()),
            reden_ander_bedrag: None,
            onder_27: false,
        },
        berekening: vec![Regel {
            tekst: "U bent alleenstaand. De norm voor u is € 1.401,50 per maand.".to_string(),
            verwijzing: "Participatiewet art. 21 onder a".to_string(),
        }],
        grondslagen: vec!["Participatiewet art. 11".to_string()],
    };
    let pad = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "beschikking.pdf".to_string());
    std::fs::write(&pad, beschikking_pdf(&h, &b)?)?;
    println!("{}", beschikking_tekst(&h, &b));
    eprintln!("PDF geschreven naar {pad}");
    Ok(())
}

//! The file for the insurer: every sign-up of one gemeente, one row per
//! insured person. The format is documented for the insurer in
//! `docs/formats/collectieve-zorgverzekering-csv.md`; change both together.

use gbi_domain::GemeenteCode;
use gbi_rules::params::CollectieveZorgverzekering;
use gbi_store::zorgverzekering::Aanmelding;

/// The header row, in the order of the columns.
pub const KOP: &str = "gemeente_code;aanmelding_id;rol;bsn;naam;pakket_code;pakket_naam;\
bijdrage_gemeente_per_maand_cent;ingangsdatum;einddatum;aangemeld_op";

/// One field: quoted when it holds a separator, a quote, a line break or
/// leading or trailing spaces; a leading formula character is neutralised
/// with an apostrophe, so a spreadsheet shows text, not a formula.
fn veld(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([';', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A stored UTC moment as the ISO date in Europe/Amsterdam.
fn datum(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc)
        .map(|t| {
            t.with_timezone(&chrono_tz::Europe::Amsterdam)
                .date_naive()
                .to_string()
        })
        .unwrap_or_else(|_| utc.get(..10).unwrap_or(utc).to_owned())
}

/// The file: UTF-8 without byte-order mark, `;` between fields, a header
/// row, CRLF after every row. The contribution comes from the policy that
/// holds on the day of the export; a package it no longer has leaves the
/// field empty.
pub fn bestand(
    gemeente: GemeenteCode,
    aanmeldingen: &[Aanmelding],
    beleid: Option<&CollectieveZorgverzekering>,
) -> String {
    let mut out = String::from(KOP);
    out.push_str("\r\n");
    for a in aanmeldingen {
        let bijdrage = beleid
            .and_then(|b| b.pakket(&a.pakket_code))
            .map(|p| p.bijdrage_cents.to_string())
            .unwrap_or_default();
        let personen = std::iter::once(("aanvrager", &a.bsn, a.naam.as_str()))
            .chain(a.partner_bsn.iter().map(|b| ("partner", b, "")));
        for (rol, bsn, naam) in personen {
            let velden = [
                gemeente.as_str().to_owned(),
                veld(&a.id),
                rol.to_owned(),
                bsn.as_str().to_owned(),
                veld(naam),
                veld(&a.pakket_code),
                veld(&a.pakket_naam),
                bijdrage.clone(),
                veld(&a.ingangsdatum),
                veld(a.einddatum.as_deref().unwrap_or_default()),
                datum(&a.aangemeld_op),
            ];
            out.push_str(&velden.join(";"));
            out.push_str("\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gbi_domain::Bsn;

    #[test]
    fn fields_are_quoted_and_neutralised() {
        assert_eq!(veld("Jansen"), "Jansen");
        assert_eq!(veld("A; B"), "\"A; B\"");
        assert_eq!(veld("de \"Boer\""), "\"de \"\"Boer\"\"\"");
        assert_eq!(veld("=1+1"), "'=1+1");
        assert_eq!(veld(""), "");
    }

    #[test]
    fn one_row_per_insured_person() {
        let a = Aanmelding {
            id: "a1".into(),
            bsn: Bsn::parse("999993549").unwrap(),
            naam: "Jan; de Vries".into(),
            partner_bsn: Some(Bsn::parse("999990019").unwrap()),
            pakket_code: "basis".into(),
            pakket_naam: "Polis".into(),
            ingangsdatum: "2026-04-01".into(),
            aangemeld_op: "2026-03-31T22:30:00.000000Z".into(),
            afgemeld_op: None,
            einddatum: None,
        };
        let g = GemeenteCode::parse("0392").unwrap();
        let csv = bestand(g, &[a], None);
        let regels: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(regels[0], KOP);
        assert_eq!(
            regels[1],
            "0392;a1;aanvrager;999993549;\"Jan; de Vries\";basis;Polis;;2026-04-01;;2026-04-01"
        );
        assert_eq!(
            regels[2],
            "0392;a1;partner;999990019;;basis;Polis;;2026-04-01;;2026-04-01"
        );
        assert_eq!(regels[3], "");
        assert_eq!(regels.len(), 4);
    }
}

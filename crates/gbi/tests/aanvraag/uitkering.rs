//! The running benefit of the flow test: the betaalrun pays the first month;
//! a late income report shows as an overpayment; a change of circumstances
//! is processed from the third month; the specification comes as PDF/A.

use crate::helpers::{client, cookie_of, pdf_tekst};
use crate::support;

pub struct Context<'a> {
    pub base: &'a str,
    pub cookie: &'a str,
    pub staff: &'a str,
    pub zaak_id: &'a str,
    pub gemeente: &'a str,
    pub database_url: &'a str,
    pub data_dir: &'a std::path::Path,
    /// The first whole month of the benefit; the two after it follow.
    pub eerste_maand: gbi_domain::Maand,
    /// A kwaliteitsmedewerker's session (four eyes on a change).
    pub kwaliteit: &'a str,
}

pub fn betalen_opgeven_wijzigen(c: &Context<'_>) {
    let Context {
        base,
        cookie,
        staff,
        zaak_id,
        gemeente,
        database_url,
        data_dir,
        eerste_maand,
        kwaliteit,
    } = *c;
    let (m0, m1, m2) = (
        eerste_maand.to_string(),
        eerste_maand.next().to_string(),
        eerste_maand.plus(2).to_string(),
    );
    let m2_dag = eerste_maand.plus(2).first_day().to_string();
    // Payments: the betaalrun of July pays the advised right; income reported
    // afterwards for July shows as an overpayment with its explanation.
    let code = if gemeente == "haarlem" {
        "0392"
    } else {
        "0153"
    };
    let out = support::gbi()
        .args([
            "payments",
            "run",
            "--gemeente",
            code,
            "--month",
            &m0,
            "--database-url",
            database_url,
        ])
        .args(["--data-dir", data_dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Computed is not paid: a second person (functioneel beheer) approves
    // the run in the werkplek, which releases the SEPA file.
    let res = client()
        .post(format!("{base}/inloggen"))
        .form(&[
            ("gebruikersnaam", format!("{gemeente}.beheer").as_str()),
            ("wachtwoord", "demo"),
        ])
        .send()
        .unwrap();
    let beheer = cookie_of(&res);
    let lijst = client()
        .get(format!("{base}/werkplek/betaalruns"))
        .header("cookie", &beheer)
        .send()
        .unwrap()
        .text()
        .unwrap();
    let run_id = lijst
        .split("href=\"/werkplek/betaalruns/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the run is listed")
        .to_owned();
    let res = client()
        .post(format!("{base}/werkplek/betaalruns/{run_id}/goedkeuren"))
        .header("cookie", &beheer)
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let uitkering = |cookie: &str| {
        client()
            .get(format!("{base}/portaal/zaken/{zaak_id}/uitkering"))
            .header("cookie", cookie)
            .send()
            .unwrap()
            .text()
            .unwrap()
    };
    let page = uitkering(cookie);
    assert!(
        page.contains(&format!("id=\"specificatie-{m0}\"")),
        "no specification for July:\n{page}"
    );
    assert!(
        !page.contains("te veel betaald"),
        "nothing is owed before any report:\n{page}"
    );
    // A late report for July, with a payslip.
    let loonstrook = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    // A wrong amount: the page comes back with the message at the field,
    // the amounts and the month kept, and a word about the payslip.
    let fout = reqwest::blocking::multipart::Form::new()
        .text("maand", m0.clone())
        .text("arbeid", "8OO,00")
        .text("overig", "12,50")
        .part(
            "loonstrook",
            reqwest::blocking::multipart::Part::bytes(loonstrook.clone()).file_name("l.pdf"),
        );
    let res = client()
        .post(format!("{base}/portaal/zaken/{zaak_id}/inkomsten"))
        .header("cookie", cookie)
        .multipart(fout)
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);
    let terug = res.text().unwrap();
    for verwacht in [
        r##"href="#arbeid""##,
        r#"id="arbeid-fout""#,
        r#"value="8OO,00""#,
        r#"value="12,50""#,
        "Kies daarna uw loonstrook opnieuw.",
        "arbeid-uitleg arbeid-fout\" aria-invalid=\"true\" autofocus",
    ] {
        assert!(terug.contains(verwacht), "{verwacht}:\n{terug}");
    }
    assert!(
        terug.contains(&format!(r#"<option value="{m0}" selected>"#)),
        "the month stays chosen:\n{terug}"
    );
    let form = reqwest::blocking::multipart::Form::new()
        .text("maand", m0.clone())
        .text("arbeid", "800,00")
        .text("overig", "0")
        .part(
            "loonstrook",
            reqwest::blocking::multipart::Part::bytes(loonstrook).file_name("loonstrook.pdf"),
        );
    let res = client()
        .post(format!("{base}/portaal/zaken/{zaak_id}/inkomsten"))
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let page = uitkering(cookie);
    let eerste = page
        .split(&format!("id=\"specificatie-{m0}\""))
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(
        eerste.contains("te veel betaald"),
        "a late report shows as an overpayment:\n{eerste}"
    );
    assert!(
        eerste.contains("€ 200,00"),
        "vrijlating n of 25% of € 800 is shown:\n{eerste}"
    );
    assert!(
        eerste.contains("Bruto (voor toeslagen)")
            && eerste.contains("Het bruto bedrag is nog niet beschikbaar"),
        "no gross amount while the loonheffing of 2026 is not set, and where to ask:\n{eerste}"
    );
    assert!(
        page.contains("door u doorgegeven"),
        "the resident's report shows its source:\n{page}"
    );
    // A lower month is a decision (art. 54-3): ground, income and source,
    // amount and the bezwaar route, before the month is paid.
    for verwacht in [
        "Besluit: uw bijstand is lager",
        "Dit is een besluit.",
        "zoals u het hebt doorgegeven",
        "art. 54, derde lid",
        "bezwaar maken binnen zes weken",
    ] {
        assert!(
            eerste.contains(verwacht),
            "the herziening lacks {verwacht:?}:\n{eerste}"
        );
    }
    let ledger = client()
        .get(format!("{base}/werkplek/zaken/{zaak_id}/uitkering"))
        .header("cookie", staff)
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(
        ledger.contains("te veel betaald"),
        "the caseworker sees it in the ledger:\n{ledger}"
    );
    assert!(
        ledger.contains("Participatiewet art. 31, tweede lid, onderdeel n"),
        "with its explanation:\n{ledger}"
    );

    // A change: someone of 40 moves in from September. The resident reports
    // it; a caseworker processes it; the ledger recomputes from September.
    let res = client()
        .post(format!("{base}/portaal/zaken/{zaak_id}/wijzigingen"))
        .header("cookie", cookie)
        .form(&[
            ("soort", "medebewoner"),
            ("datum", m2_dag.as_str()),
            ("toelichting", "  "),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);
    let terug = res.text().unwrap();
    assert!(
        terug.contains(r#"id="toelichting-fout">Schrijf kort op wat er verandert."#)
            && terug.contains(&format!(r#"value="{m2_dag}""#))
            && terug.contains(r#"value="medebewoner" checked"#),
        "the change comes back with what was typed:\n{terug}"
    );
    let res = client()
        .post(format!("{base}/portaal/zaken/{zaak_id}/wijzigingen"))
        .header("cookie", cookie)
        .form(&[
            ("soort", "medebewoner"),
            ("datum", m2_dag.as_str()),
            ("toelichting", "Mijn broer komt bij mij wonen"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let ledger = client()
        .get(format!("{base}/werkplek/zaken/{zaak_id}/uitkering"))
        .header("cookie", staff)
        .send()
        .unwrap()
        .text()
        .unwrap();
    let wijziging_id = ledger
        .split("name=\"wijziging_id\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the caseworker sees the reported change with a form")
        .to_owned();
    // The form is prefilled with the facts that hold now; add the brother.
    let veld = |naam: &str| -> String {
        ledger
            .split(&format!("name=\"{naam}\" type=\"text\" value=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_default()
            .to_owned()
    };
    let tekstvak = |naam: &str| -> String {
        ledger
            .split(&format!("name=\"{naam}\" rows=\"2\">"))
            .nth(1)
            .and_then(|r| r.split("</textarea>").next())
            .unwrap_or_default()
            .to_owned()
    };
    let (partner, kinderen, bezittingen) =
        (veld("partner"), tekstvak("kinderen"), veld("bezittingen"));
    let norm = |page: &str, m: &str| -> String {
        let sectie = page
            .split(&format!("id=\"specificatie-{m}\""))
            .nth(1)
            .unwrap()
            .split("</section>")
            .next()
            .unwrap();
        sectie
            .split("Uw norm</dt><dd class=\"utrecht-data-list__item-value\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_owned()
    };
    // A date that does not exist: the page comes back with the message at
    // the field of this wijziging and everything typed kept.
    let res = client()
        .post(format!("{base}/werkplek/zaken/{zaak_id}/wijzigingen"))
        .header("cookie", staff)
        .form(&[
            ("wijziging_id", wijziging_id.as_str()),
            ("vanaf", m2.as_str()),
            ("partner", ""),
            ("kinderen", ""),
            ("medebewoners", "31-02-1986"),
            ("bezittingen", "1.234,56"),
            ("schulden", "0"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);
    let terug = res.text().unwrap();
    for verwacht in [
        format!(r#"id="medebewoners-{wijziging_id}-fout">Medebewoners: "#),
        format!(r##"href="#medebewoners-{wijziging_id}""##),
        ">31-02-1986</textarea>".to_owned(),
        r#"value="1.234,56""#.to_owned(),
    ] {
        assert!(terug.contains(&verwacht), "{verwacht}:\n{terug}");
    }
    let voor = uitkering(cookie);
    let res = client()
        .post(format!("{base}/werkplek/zaken/{zaak_id}/wijzigingen"))
        .header("cookie", staff)
        .form(&[
            ("wijziging_id", wijziging_id.as_str()),
            ("vanaf", m2.as_str()),
            ("partner", partner.as_str()),
            ("kinderen", kinderen.as_str()),
            ("medebewoners", "1986-01-01"),
            ("bezittingen", bezittingen.as_str()),
            ("schulden", "0"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    // Four eyes: nothing changes until a colleague approves; the consulent
    // cannot approve their own processing.
    assert_eq!(
        norm(&uitkering(cookie), &m2),
        norm(&voor, &m2),
        "a proposal changes nothing yet"
    );
    let oordeel = |wie: &str| {
        client()
            .post(format!(
                "{base}/werkplek/zaken/{zaak_id}/wijzigingen/beoordeling"
            ))
            .header("cookie", wie)
            .form(&[
                ("wijziging_id", wijziging_id.as_str()),
                ("oordeel", "goedkeuren"),
                ("opmerking", ""),
            ])
            .send()
            .unwrap()
    };
    assert_eq!(
        oordeel(staff).status(),
        403,
        "the consulent has no role to approve"
    );
    let res = oordeel(kwaliteit);
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let page = uitkering(cookie);
    assert_eq!(norm(&page, &m1), norm(&voor, &m1), "August keeps its norm");
    assert_ne!(
        norm(&page, &m2),
        norm(&voor, &m2),
        "September is recomputed"
    );
    let derde = page
        .split(&format!("id=\"specificatie-{m2}\""))
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(
        derde.contains("kostendelersnorm: ja"),
        "with the kostendelersnorm:\n{derde}"
    );
    assert!(
        page.contains("(verwerkt)"),
        "the resident sees the change processed"
    );

    // The specification of July as PDF/A, with the overpayment and the vrijlating.
    let pdf = client()
        .get(format!(
            "{base}/portaal/zaken/{zaak_id}/specificatie?maand={m0}"
        ))
        .header("cookie", cookie)
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let tekst = pdf_tekst(&pdf);
    for verwacht in [
        &format!(
            "Specificatie van uw uitkering over {}",
            eerste_maand.dutch_name()
        ),
        "Mag u houden (vrijlating): € 200,00",
        "te veel betaald",
        "onderdeel n",
        "Bruto (voor toeslagen): nog niet beschikbaar",
        "Het bruto bedrag is nog niet beschikbaar.",
        "Besluit: uw bijstand is lager",
        "bezwaar maken binnen zes weken",
    ] {
        assert!(
            tekst.contains(verwacht),
            "the specification lacks {verwacht:?}:\n{tekst}"
        );
    }
}

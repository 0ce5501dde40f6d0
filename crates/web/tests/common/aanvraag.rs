//! An ALO application through the portal's forms, as a browser sends them.

use super::TestApp;

/// Post a form; return (status, location).
pub async fn post(app: &TestApp, cookie: &str, path: &str, form: &[(&str, &str)]) -> (u16, String) {
    let res = app
        .client
        .post(app.url(path))
        .header("cookie", cookie)
        .header("origin", &app.base)
        .form(form)
        .send()
        .await
        .unwrap();
    let loc = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (res.status().as_u16(), loc)
}

pub async fn get(app: &TestApp, cookie: &str, path: &str) -> (u16, String) {
    let res = app
        .client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Fill in every step of the draft at `basis`, and send it.
pub async fn invullen(app: &TestApp, cookie: &str, basis: &str) -> (u16, String) {
    let today = gbi_domain::today_amsterdam().to_string();
    let steps: [(&str, Vec<(&str, &str)>); 5] = [
        (
            "situatie",
            vec![
                ("reden", "baan_kwijt"),
                ("toelichting", ""),
                ("ingangsdatum", today.as_str()),
            ],
        ),
        (
            "werk",
            vec![
                ("heeft_werk", "nee"),
                ("partner_werk", "geen_partner"),
                ("ander_inkomen", "nee"),
            ],
        ),
        (
            "vermogen",
            vec![
                ("spaargeld", "1.250,00"),
                ("contant_geld", "0"),
                ("schulden", "0"),
            ],
        ),
        (
            "wonen",
            vec![
                ("woonsituatie", "huur"),
                ("woonkosten", "725"),
                ("commerciele_huurder", "nee"),
            ],
        ),
        (
            "bank",
            vec![
                ("iban", "NL91 ABNA 0417 1643 00"),
                ("email", "jan@example.nl"),
                ("telefoon", ""),
            ],
        ),
    ];
    for (stap, mut fields) in steps {
        fields.push(("knop", "verder"));
        let (status, _) = post(app, cookie, &format!("{basis}/{stap}"), &fields).await;
        assert_eq!(status, 303, "step {stap}");
    }
    post(
        app,
        cookie,
        &format!("{basis}/verklaring"),
        &[("verklaring", "ja"), ("knop", "verder")],
    )
    .await
}

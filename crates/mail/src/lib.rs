//! Sending the notification e-mails that the store keeps in its outbox
//! (`gbi_store::mail`). They never contain personal data: they say that
//! something waits in the portal. A failed delivery is retried; after ten
//! attempts it stays visible as `mislukt`.

use gbi_store::{Db, mail};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Deserialize;
use std::future::Future;
use std::time::Duration;

/// `[mail]` in the configuration file.
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    /// SMTP server host; without it no e-mail is sent (demo mode uses the
    /// demo mailbox instead).
    pub smtp_host: Option<String>,
    /// 587 (STARTTLS) by default.
    pub smtp_port: Option<u16>,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    /// `starttls` (default), `tls` (implicit, port 465) or `none` (only for a
    /// relay on the same host).
    pub smtp_security: Option<String>,
    /// The sender, e.g. `Gemeente Haarlem <inkomen@haarlem.nl>`.
    pub from: Option<String>,
    /// Where residents log in, e.g. `https://inkomen.haarlem.nl`: every
    /// e-mail links to `<portaal_url>/portaal/berichten`. In demo mode the
    /// address the server prints.
    pub portaal_url: Option<String>,
    /// Instead of SMTP: write every e-mail as a file into this directory
    /// (`<mail id>.<n>.eml`), e.g. for an acceptance environment or a test
    /// that counts what was sent.
    pub directory: Option<String>,
}

/// What every e-mail says of who sent it: the gemeente's name and phone
/// number, and the link to the portal.
#[derive(Debug, Clone, Default)]
pub struct Afzender {
    pub portaal_url: Option<String>,
    /// Per gemeente code.
    pub gemeenten: std::collections::HashMap<String, AfzenderGemeente>,
}

#[derive(Debug, Clone, Default)]
pub struct AfzenderGemeente {
    /// e.g. "Gemeente Haarlem".
    pub naam: String,
    /// e.g. "14 023"; empty when not configured.
    pub telefoon: String,
}

/// The subject as sent: the gemeente's name first, so residents know who
/// writes.
pub fn onderwerp(m: &mail::Mail, a: &Afzender) -> String {
    match a.gemeenten.get(&m.gemeente_code) {
        Some(g) => format!("{}: {}", g.naam, m.onderwerp),
        None => m.onderwerp.clone(),
    }
}

/// The text as sent: the stored message, the link to the portal, how to
/// call, and the gemeente's signature. Never personal data.
pub fn tekst(m: &mail::Mail, a: &Afzender) -> String {
    if m.tekst.contains("Met vriendelijke groet") {
        // Written before the signature was added here.
        return m.tekst.clone();
    }
    let g = a.gemeenten.get(&m.gemeente_code);
    let naam = g.map_or("de gemeente", |g| g.naam.as_str());
    let mut t = m.tekst.trim_end().to_owned();
    match &a.portaal_url {
        Some(url) => t.push_str(&format!(
            "\n\nLog in op Mijn inkomen om het te lezen:\n{}/portaal/berichten",
            url.trim_end_matches('/')
        )),
        None => t.push_str(&format!(
            "\n\nLog in op Mijn inkomen van {naam} om het te lezen."
        )),
    }
    if let Some(g) = g.filter(|g| !g.telefoon.is_empty()) {
        t.push_str(&format!("\n\nVragen? Bel {} op {}.", g.naam, g.telefoon));
    }
    t.push_str(&format!(
        "\n\nMet vriendelijke groet,\n\nTeam Inkomen\n{}",
        g.map_or("", |g| g.naam.as_str())
    ));
    t.push_str("\n\nDit is een automatisch bericht. U kunt niet antwoorden op deze e-mail.");
    t
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &self.smtp_password.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .field("portaal_url", &self.portaal_url)
            .field("directory", &self.directory)
            .finish()
    }
}

/// How mail leaves the system.
pub enum Transport {
    Smtp {
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: Mailbox,
    },
    /// Demo mode: the demo mailbox page shows what was "sent".
    DemoMailbox,
    /// Every e-mail as a file in a directory (`[mail] directory`).
    Directory(std::path::PathBuf),
}

impl Transport {
    /// Build the transport, or explain in one sentence what is wrong.
    pub fn from_config(c: &MailConfig, demo: bool) -> Result<Option<Transport>, String> {
        if let Some(dir) = c.directory.as_deref() {
            std::fs::create_dir_all(dir).map_err(|e| format!("mail.directory {dir}: {e}"))?;
            return Ok(Some(Transport::Directory(dir.into())));
        }
        let Some(host) = c.smtp_host.as_deref() else {
            return Ok(demo.then_some(Transport::DemoMailbox));
        };
        let from: Mailbox = c
            .from
            .as_deref()
            .ok_or("mail.from ontbreekt: met welk adres verstuurt GBI e-mail?")?
            .parse()
            .map_err(|e| format!("mail.from is geen geldig adres: {e}"))?;
        let builder = match c.smtp_security.as_deref().unwrap_or("starttls") {
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .map_err(|e| format!("mail.smtp_host: {e}"))?,
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                .map_err(|e| format!("mail.smtp_host: {e}"))?,
            "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            other => {
                return Err(format!(
                    "mail.smtp_security moet starttls, tls of none zijn, niet {other:?}"
                ));
            }
        };
        let mut builder = builder.timeout(Some(Duration::from_secs(20)));
        if let Some(port) = c.smtp_port {
            builder = builder.port(port);
        }
        if let (Some(u), Some(p)) = (&c.smtp_username, &c.smtp_password) {
            builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
        }
        Ok(Some(Transport::Smtp {
            transport: Box::new(builder.build()),
            from,
        }))
    }

    async fn send(&self, m: &mail::Mail, a: &Afzender) -> Result<(), String> {
        match self {
            Transport::DemoMailbox => Ok(()),
            Transport::Directory(dir) => schrijf(dir, m, a),
            Transport::Smtp { transport, from } => {
                let to: Mailbox = m.aan.parse().map_err(|e| format!("ongeldig adres: {e}"))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(onderwerp(m, a))
                    .header(ContentType::TEXT_PLAIN)
                    .body(tekst(m, a))
                    .map_err(|e| e.to_string())?;
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// Write one e-mail as a new file (never over an earlier one, so a mail
/// sent twice shows as two files): first under a temporary name, then
/// renamed, so a reader never sees half a mail.
fn schrijf(dir: &std::path::Path, m: &mail::Mail, a: &Afzender) -> Result<(), String> {
    let inhoud = format!(
        "To: {}\nSubject: {}\nX-GBI-Mail-Id: {}\n\n{}\n",
        m.aan,
        onderwerp(m, a),
        m.id,
        tekst(m, a)
    );
    let tijdelijk = dir.join(format!(".{}.{}.tmp", m.id, std::process::id()));
    std::fs::write(&tijdelijk, inhoud).map_err(|e| e.to_string())?;
    for n in 1..1000 {
        let doel = dir.join(format!("{}.{n}.eml", m.id));
        // hard_link fails when the name exists: no overwriting.
        match std::fs::hard_link(&tijdelijk, &doel) {
            Ok(()) => return std::fs::remove_file(&tijdelijk).map_err(|e| e.to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.to_string()),
        }
    }
    Err(format!("te veel bestanden voor e-mail {}", m.id))
}

/// Send what waits, once. Returns how many were handled.
pub async fn send_waiting(
    db: &Db,
    transport: &Transport,
    afzender: &Afzender,
) -> Result<usize, gbi_store::StoreError> {
    let waiting = mail::claim(db, 10).await?;
    for m in &waiting {
        match transport.send(m, afzender).await {
            Ok(()) => {
                if !mail::mark_sent(db, &m.id).await? {
                    tracing::warn!(mail_id = %m.id, "e-mail sent after its lease expired; another instance had taken it over");
                }
            }
            Err(e) => {
                tracing::warn!(mail_id = %m.id, error = %e, "e-mail not delivered; retrying later");
                mail::mark_failed(db, &m.id, &e).await?;
            }
        }
    }
    Ok(waiting.len())
}

/// Keep sending until `stop` resolves.
pub async fn run(db: Db, transport: Transport, afzender: Afzender, stop: impl Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        if let Err(e) = send_waiting(&db, &transport, &afzender).await {
            tracing::error!(error = %e, "mail outbox failed");
        }
        tokio::select! {
            () = &mut stop => return,
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(tekst: &str) -> mail::Mail {
        mail::Mail {
            id: "m1".into(),
            gemeente_code: "0392".into(),
            aan: "inwoner@example.nl".into(),
            onderwerp: "Er staat een bericht voor u klaar".into(),
            tekst: tekst.into(),
            status: "wachtend".into(),
            pogingen: 0,
            created_at: "2026-12-03T03:00:00Z".into(),
        }
    }

    #[test]
    fn an_email_names_the_gemeente_links_the_inbox_and_says_how_to_call() {
        let mut a = Afzender {
            portaal_url: Some("https://inkomen.haarlem.nl/".into()),
            ..Default::default()
        };
        a.gemeenten.insert(
            "0392".into(),
            AfzenderGemeente {
                naam: "Gemeente Haarlem".into(),
                telefoon: "14 023".into(),
            },
        );
        let m = mail("Beste inwoner,\n\nEr staat een nieuw bericht voor u klaar op Mijn inkomen.");
        assert_eq!(
            onderwerp(&m, &a),
            "Gemeente Haarlem: Er staat een bericht voor u klaar"
        );
        let t = tekst(&m, &a);
        assert!(
            t.contains("https://inkomen.haarlem.nl/portaal/berichten"),
            "{t}"
        );
        assert!(t.contains("Vragen? Bel Gemeente Haarlem op 14 023."), "{t}");
        assert!(t.ends_with("U kunt niet antwoorden op deze e-mail."), "{t}");
        // Without a configured address: no broken link, still the name.
        a.portaal_url = None;
        assert!(tekst(&m, &a).contains("Log in op Mijn inkomen van Gemeente Haarlem"));
    }
}

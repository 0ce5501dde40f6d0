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
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &self.smtp_password.as_ref().map(|_| "***"))
            .field("from", &self.from)
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
}

impl Transport {
    /// Build the transport, or explain in one sentence what is wrong.
    pub fn from_config(c: &MailConfig, demo: bool) -> Result<Option<Transport>, String> {
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

    async fn send(&self, m: &mail::Mail) -> Result<(), String> {
        match self {
            Transport::DemoMailbox => Ok(()),
            Transport::Smtp { transport, from } => {
                let to: Mailbox = m.aan.parse().map_err(|e| format!("ongeldig adres: {e}"))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(&m.onderwerp)
                    .header(ContentType::TEXT_PLAIN)
                    .body(m.tekst.clone())
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

/// Send what waits, once. Returns how many were handled.
pub async fn send_waiting(db: &Db, transport: &Transport) -> Result<usize, gbi_store::StoreError> {
    let waiting = mail::waiting(db, 50).await?;
    for m in &waiting {
        match transport.send(m).await {
            Ok(()) => mail::mark_sent(db, &m.id).await?,
            Err(e) => {
                tracing::warn!(mail_id = %m.id, error = %e, "e-mail not delivered; retrying later");
                mail::mark_failed(db, &m.id, &e).await?;
            }
        }
    }
    Ok(waiting.len())
}

/// Keep sending until `stop` resolves.
pub async fn run(db: Db, transport: Transport, stop: impl Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        if let Err(e) = send_waiting(&db, &transport).await {
            tracing::error!(error = %e, "mail outbox failed");
        }
        tokio::select! {
            () = &mut stop => return,
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}

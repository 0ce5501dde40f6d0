//! `gbi serve`: the whole system in one process.

use crate::config::{self, DbFlags};
use crate::{bronnen, demo, telemetry};
use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use gbi_web::{AppState, WebSettings};
use gbi_zaken::afhandeling::Afhandelaar;
use gbi_zaken::beoordeling::RegelBeoordelaar;
use gbi_zaken::brieven::BriefSchrijver;
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(flatten)]
    pub db: DbFlags,
    /// Address to listen on.
    #[arg(long, env = "GBI_BIND")]
    pub bind: Option<String>,
    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "GBI_PORT")]
    pub port: Option<u16>,
    /// Load the demo gemeenten Haarlem (0392) and Enschede (0153), with demo
    /// staff for every role and demo residents. Never use with real data.
    #[arg(long, env = "GBI_DEMO")]
    pub demo: bool,
    /// Demo only: run as if today were this date (yyyy-mm-dd), e.g. to show
    /// GBI after 1 January. Refused without --demo.
    #[arg(long, env = "GBI_VANDAAG")]
    pub vandaag: Option<String>,
}

/// `--vandaag` sets the demo clock, and only in demo mode: a server with
/// real data always works on the real date.
fn demoklok(args: &Args) -> Result<()> {
    let Some(tekst) = args.vandaag.as_deref() else {
        return Ok(());
    };
    if !args.demo {
        anyhow::bail!(
            "--vandaag (of GBI_VANDAAG) kan alleen met --demo. Met echte gegevens werkt GBI altijd op de echte datum."
        );
    }
    let datum = gbi_domain::date::parse_date(tekst)
        .map_err(|e| anyhow::anyhow!("--vandaag: {}", e.message))?;
    gbi_domain::klok::zet_demodatum(datum).map_err(|e| anyhow::anyhow!("--vandaag: {e}"))
}

pub fn run(args: Args) -> Result<()> {
    // Before anything reads the date (the testbed, the demo data).
    demoklok(&args)?;
    let file = config::load_file(args.db.config.as_deref())?;
    telemetry::init(file.log_format.as_deref());
    let rt = tokio::runtime::Runtime::new().context("de runtime kan niet starten")?;
    rt.block_on(serve(args, file))
}

async fn serve(args: Args, file: config::FileConfig) -> Result<()> {
    let database = config::database(&args.db, &file)?;
    let db = config::connect(&database, true).await?;
    // Several instances on one database: how long a lease lasts before
    // another instance takes over the work of one that died.
    if let Some(s) = env_getal("GBI_LEASE_SECONDS")?.or(file.lease_seconds) {
        gbi_store::lease::set_seconds(s);
    }
    let drain = env_getal("GBI_DRAIN_SECONDS")?
        .map(|s| s.max(0) as u64)
        .or(file.drain_seconds)
        .unwrap_or(0);
    // This instance runs: its lease, before anything it starts.
    gbi_store::lease::heartbeat(&db)
        .await
        .context("de lease van deze instantie kan niet worden geschreven")?;
    let mut ankeraar = gbi_store::logboek::anker::Ankeraar::open(&db, &database.ankers)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    // A looplijst still marked busy whose instance stopped was cut off.
    onderbroken_looplijsten(&db).await;
    let mut regels = config::regels(&file)?;
    if args.demo {
        // The demo keeps working past the last national figures, marking
        // every amount computed with them as provisional. Never outside it.
        regels = regels.met_voorlopig_doortrekken();
    }
    let regels = Arc::new(regels);
    let wiring = bronnen::build(&file, args.demo, regels.clone()).await?;
    let huisstijlen = config::huisstijlen(&file)?;
    if args.demo {
        let inwoners = wiring
            .as_ref()
            .and_then(|w| w.testbed.as_ref())
            .map(|tb| {
                bronnen::demo_inwoners(
                    &tb.population(),
                    demo::INWONERS_PER_GEMEENTE * demo::GEMEENTEN.len(),
                )
            })
            .unwrap_or_default();
        demo::load(&db, &inwoners)
            .await
            .context("demogegevens laden is mislukt")?;
        // This month's IIT invitations, so the demo shows one from the start.
        iit_ronde(&db, &regels, &huisstijlen, args.demo)
            .await
            .context("de uitnodigingen voor de inkomenstoeslag zijn mislukt")?;
    }
    // The gemeenten's bank accounts of the configuration ([gemeente."…"]).
    config::rekeningen_toepassen(&db, &file).await?;
    // Anchor the chain heads now: a file that cannot be written stops the start.
    ankeraar
        .bij(&db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let bind = args
        .bind
        .or(file.bind.clone())
        .unwrap_or_else(|| "127.0.0.1".into());
    let port = args.port.or(file.port).unwrap_or(8080);
    let addr: SocketAddr = format!("{bind}:{port}")
        .parse()
        .with_context(|| format!("{bind}:{port} is geen geldig adres"))?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("kan niet luisteren op {addr} (is de poort al in gebruik?)"))?;
    let local = listener.local_addr()?;
    let host = if local.ip().is_unspecified() {
        "localhost".to_owned()
    } else {
        local.ip().to_string()
    };
    let base = format!("http://{host}:{}", local.port());
    // References into the register of processing activities
    // (`dpl.core.processing_activity_id`) use the public address.
    gbi_store::logboek::register::set_publieke_url(
        &std::env::var("GBI_PUBLIC_URL")
            .ok()
            .filter(|u| !u.trim().is_empty())
            .or_else(|| file.mail.portaal_url.clone())
            .unwrap_or_else(|| base.clone()),
    );
    let settings = WebSettings {
        demo: args.demo,
        // Cookies are `Secure` unless this is a local demo (or the file
        // says otherwise).
        secure_cookies: file.secure_cookies.unwrap_or(!args.demo),
        form_action: Vec::new(),
        metrics_token: std::env::var("GBI_METRICS_TOKEN")
            .ok()
            .or_else(|| file.metrics_token.clone())
            .filter(|t| !t.trim().is_empty()),
        trusted_proxies: file.trusted_proxies.clone(),
    };
    let mut oidc_portaal = std::collections::HashMap::new();
    let mut settings = settings;
    for (code, client) in &file.oidc_portaal {
        let code = gbi_domain::GemeenteCode::parse(code).map_err(|e| {
            anyhow::anyhow!("configuratie [oidc_portaal.\"{code}\"]: {}", e.message)
        })?;
        // Forms that lead to the broker (logging out) must be allowed there.
        settings.form_action.push(herkomst(&client.issuer));
        oidc_portaal.insert(code, client.clone());
    }
    let mut oidc_werkplek = std::collections::HashMap::new();
    for (code, client) in &file.oidc_werkplek {
        let code = gbi_domain::GemeenteCode::parse(code).map_err(|e| {
            anyhow::anyhow!("configuratie [oidc_werkplek.\"{code}\"]: {}", e.message)
        })?;
        if let Some(rol) = client
            .rollen
            .keys()
            .find(|r| gbi_domain::Rol::parse(r).is_none())
        {
            anyhow::bail!("configuratie [oidc_werkplek.\"{code}\"].rollen: onbekende rol {rol}");
        }
        settings.form_action.push(herkomst(&client.issuer));
        oidc_werkplek.insert(code, client.clone());
    }
    let mut state = AppState::new(db.clone(), settings)
        .with_oidc_portaal(oidc_portaal)
        .with_oidc_werkplek(oidc_werkplek);
    state = state
        .with_regels(regels.clone())
        .with_huisstijlen(huisstijlen.clone());
    if let Some(w) = &wiring {
        let registers = w.bronnen.registers();
        state = state
            .with_registers(w.bronnen.registers())
            .with_prefill(Arc::new(w.bronnen.clone()))
            .with_probeer_nu(Arc::new(move || registers.probeer_nu()));
        if let Some(l) = &w.looplijst {
            state = state.with_looplijst(l.clone());
        }
    }
    let stopping = state.stopping.clone();
    let app = gbi_web::app(state);
    let mail = gbi_mail::Transport::from_config(&file.mail, args.demo)
        .map_err(|e| anyhow::anyhow!("configuratie [mail]: {e}"))?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        let _ = rx.changed().await;
    };
    let verankeren = tokio::spawn(logboek_verankeren(
        db.clone(),
        ankeraar,
        stopped(stop_rx.clone()),
    ));
    let mut background = vec![
        tokio::spawn(instantie_lease(db.clone(), stopped(stop_rx.clone()))),
        tokio::spawn(gbi_zaken::behandeling::bewaak_termijnen(
            db.clone(),
            stopped(stop_rx.clone()),
        )),
        tokio::spawn(looplijsten_opruimen(db.clone(), stopped(stop_rx.clone()))),
        tokio::spawn(iit_maandelijks(
            db.clone(),
            regels.clone(),
            (huisstijlen.clone(), args.demo),
            stopped(stop_rx.clone()),
        )),
    ];
    // The processing log to the gemeente's own Logboek over OTLP, when set.
    let otlp = crate::logboek_otlp::Instellingen::from_env().map(|i| {
        tracing::info!(endpoint = %i.endpoint, "exporting the processing log over OTLP");
        tokio::spawn(crate::logboek_otlp::run(
            db.clone(),
            i,
            stopped(stop_rx.clone()),
        ))
    });
    match &wiring {
        Some(w) => background.push(tokio::spawn(gbi_zaken::werk::run(
            db.clone(),
            w.bronnen.clone(),
            RegelBeoordelaar::new(regels.clone()),
            Afhandelaar {
                brieven: BriefSchrijver::new(huisstijlen.clone(), args.demo)
                    .met_regels(regels.clone()),
                registers: Some(w.bronnen.registers()),
            },
            stopped(stop_rx.clone()),
        ))),
        None => tracing::warn!(
            "registers are not configured ([registers]): applications wait until they are"
        ),
    }
    let afzender = mail_afzender(
        &db,
        &huisstijlen,
        file.mail
            .portaal_url
            .clone()
            .or_else(|| args.demo.then(|| base.clone())),
        args.demo,
    )
    .await?;
    match mail {
        Some(t) => background.push(tokio::spawn(gbi_mail::run(
            db.clone(),
            t,
            afzender,
            stopped(stop_rx.clone()),
        ))),
        None => tracing::warn!(
            "e-mail is not configured ([mail] smtp_host): notifications wait in the outbox"
        ),
    }

    println!("GBI draait op {base}");
    println!("  werkplek voor medewerkers: {base}/werkplek");
    if args.demo {
        println!("  demo-accounts (wachtwoord: demo): {base}/inloggen");
    }
    if let Some(d) = gbi_domain::klok::demodatum() {
        println!("  de demo doet alsof het vandaag {d} is");
    }
    println!("  Mijn inkomen voor inwoners: {base}/portaal/inloggen");
    println!("  gezondheid: {base}/health/ready   metrics: {base}/metrics");
    if let Some(tb) = wiring.as_ref().and_then(|w| w.testbed.as_ref()) {
        println!(
            "  gesimuleerde registers (testbed): {}/admin/faults",
            tb.base_url()
        );
    }
    println!("Stoppen: Ctrl+C");
    tracing::info!(address = %local, demo = args.demo, backend = ?db.backend(), "server started");

    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        // Not ready any more: the load balancer stops sending traffic,
        // requests still come in and are served during the drain.
        stopping.store(true, std::sync::atomic::Ordering::Relaxed);
        tracing::info!(drain_seconds = drain, "stopping");
        tokio::time::sleep(std::time::Duration::from_secs(drain)).await;
    })
    .await
    .context("de server is gestopt met een fout")?;
    let _ = stop_tx.send(true);
    for task in background {
        let _ = task.await;
    }
    // The last anchor, after everything that writes has stopped.
    if let Some(otlp) = otlp {
        let _ = otlp.await;
    }
    if let Ok(mut ankeraar) = verankeren.await {
        veranker(&db, &mut ankeraar).await;
    }
    if let Some(tb) = wiring.and_then(|w| w.testbed) {
        tb.shutdown().await;
    }
    // Stopped cleanly: what this instance held is free at once.
    let eigen = gbi_store::lease::instance_lease(gbi_store::lease::instance());
    if let Err(e) = gbi_store::lease::release(&db, &eigen).await {
        tracing::warn!(error = %e, "releasing the instance lease failed");
    }
    db.close().await;
    tracing::info!("server stopped");
    Ok(())
}

/// Who the e-mails come from, per gemeente: the house style's name and
/// phone number (the demo style in demo mode), and the portal's address.
async fn mail_afzender(
    db: &gbi_store::Db,
    huisstijlen: &config::Huisstijlen,
    portaal_url: Option<String>,
    demo: bool,
) -> anyhow::Result<gbi_mail::Afzender> {
    let mut gemeenten = std::collections::HashMap::new();
    for g in gbi_store::gemeenten::list(db).await? {
        let stijl = config::huisstijl_van(huisstijlen, g.gemeente_code, &g.naam, demo);
        let (naam, telefoon) = match stijl {
            Some(h) => (h.gemeente_naam, h.telefoon),
            None => (format!("Gemeente {}", g.naam), String::new()),
        };
        gemeenten.insert(
            g.gemeente_code.to_string(),
            gbi_mail::AfzenderGemeente { naam, telefoon },
        );
    }
    Ok(gbi_mail::Afzender {
        portaal_url,
        gemeenten,
    })
}

/// A whole number from the environment, if set.
fn env_getal(naam: &str) -> Result<Option<i64>> {
    match std::env::var(naam) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .map(Some)
            .with_context(|| format!("{naam} moet een getal (seconden) zijn, niet {v:?}")),
        _ => Ok(None),
    }
}

/// While the instance runs: renew its own lease (a third of a lease), and
/// mark the looplijsten of instances that stopped as interrupted.
async fn instantie_lease(db: gbi_store::Db, stop: impl std::future::Future<Output = ()>) {
    tokio::pin!(stop);
    let elke = std::time::Duration::from_secs((gbi_store::lease::seconds() / 3).max(1) as u64);
    let mut tik = tokio::time::interval(elke);
    tik.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = &mut stop => return,
            _ = tik.tick() => {
                if let Err(e) = gbi_store::lease::heartbeat(&db).await {
                    tracing::error!(error = %e, "renewing the instance lease failed");
                }
                onderbroken_looplijsten(&db).await;
            }
        }
    }
}

async fn onderbroken_looplijsten(db: &gbi_store::Db) {
    match gbi_store::looplijst::onderbroken(db).await {
        Ok(0) => {}
        Ok(n) => tracing::warn!(runs = n, "interrupted looplijst runs marked as failed"),
        Err(e) => tracing::error!(error = %e, "marking interrupted looplijst runs failed"),
    }
}

/// Every hour (and at start): delete the addresses of expired looplijsten,
/// keeping only the counts. With several instances one of them does it
/// each hour (the lease `job:looplijsten_opruimen`, held for the hour).
async fn looplijsten_opruimen(db: gbi_store::Db, stop: impl std::future::Future<Output = ()>) {
    tokio::pin!(stop);
    let mut elk_uur = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tokio::select! {
            () = &mut stop => return,
            _ = elk_uur.tick() => {
                match gbi_store::lease::per_interval(&db, "job:looplijsten_opruimen", 3600).await {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(e) => {
                        tracing::error!(error = %e, "lease of the looplijst cleanup failed");
                        continue;
                    }
                }
                match gbi_store::looplijst::opruimen(&db, &gbi_store::now_utc()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(lijsten = n, "expired looplijsten deleted"),
                    Err(e) => tracing::error!(error = %e, "deleting expired looplijsten failed"),
                }
            }
        }
    }
}

/// Every hour: the month's IIT invitations of every gemeente whose run of
/// this month has not been claimed yet (by this or another instance on the
/// database). A run that stopped halfway is finished with `gbi iit
/// uitnodigen`, which invites nobody twice.
async fn iit_maandelijks(
    db: gbi_store::Db,
    regels: std::sync::Arc<gbi_rules::Regels>,
    (huisstijlen, demo): (config::Huisstijlen, bool),
    stop: impl std::future::Future<Output = ()>,
) {
    tokio::pin!(stop);
    // The first run an hour after the start: the demo runs it while loading
    // (`serve --demo`), and a restart is never a reason to hurry.
    let uur = std::time::Duration::from_secs(3600);
    let mut elk_uur = tokio::time::interval_at(tokio::time::Instant::now() + uur, uur);
    loop {
        tokio::select! {
            () = &mut stop => return,
            _ = elk_uur.tick() => {
                if let Err(e) = iit_ronde(&db, &regels, &huisstijlen, demo).await {
                    tracing::error!(error = %e, "monthly IIT invitations failed");
                }
            }
        }
    }
}

/// This month's IIT invitations of every gemeente not yet done this month.
pub(crate) async fn iit_ronde(
    db: &gbi_store::Db,
    regels: &gbi_rules::Regels,
    huisstijlen: &config::Huisstijlen,
    demo: bool,
) -> anyhow::Result<()> {
    let vandaag = gbi_domain::today_amsterdam();
    for g in gbi_store::gemeenten::list(db).await? {
        let scope = gbi_store::Scope::system(g.gemeente_code, "iit-uitnodigen");
        let maand = gbi_domain::Maand::of(vandaag);
        if !gbi_store::iit_uitnodigingen::ronde_claimen(db, &scope, maand).await? {
            continue;
        }
        let huisstijl = config::huisstijl_van(huisstijlen, g.gemeente_code, &g.naam, demo);
        let v = gbi_zaken::iit_uitnodiging::uitnodigen(
            db,
            &scope,
            regels,
            &g.naam,
            huisstijl.as_ref(),
            vandaag,
        )
        .await?;
        tracing::info!(gemeente = %g.gemeente_code, verslag = %crate::cmd::iit::verslag(&v).trim(), "IIT invitations");
    }
    Ok(())
}

/// How often the chain heads are anchored while the server runs.
const ANKER_INTERVAL: std::time::Duration = std::time::Duration::from_secs(5);

/// Every few seconds: anchor the chain heads that moved (writes by any
/// process on this database). Returns the anchorer for the last anchor.
async fn logboek_verankeren(
    db: gbi_store::Db,
    mut ankeraar: gbi_store::logboek::anker::Ankeraar,
    stop: impl std::future::Future<Output = ()>,
) -> gbi_store::logboek::anker::Ankeraar {
    tokio::pin!(stop);
    let mut tik = tokio::time::interval(ANKER_INTERVAL);
    tik.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = &mut stop => return ankeraar,
            _ = tik.tick() => veranker(&db, &mut ankeraar).await,
        }
    }
}

async fn veranker(db: &gbi_store::Db, ankeraar: &mut gbi_store::logboek::anker::Ankeraar) {
    if let Err(e) = ankeraar.bij(db).await {
        tracing::error!(error = %e, file = %ankeraar.pad().display(), "anchoring the processing log failed");
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// The origin (scheme, host and port) of a URL, for the CSP.
fn herkomst(url: &str) -> String {
    match url.split_once("://") {
        Some((schema, rest)) => format!("{schema}://{}", rest.split('/').next().unwrap_or(rest)),
        None => url.to_owned(),
    }
}

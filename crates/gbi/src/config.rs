//! Configuration: command-line flags, then `GBI_*` environment variables,
//! then the configuration file (`--config` / `GBI_CONFIG`), then defaults.
//! The README lists every setting. Secrets are never printed: `Debug`
//! shows them as `***`.

use anyhow::{Context, Result, bail};
use clap::Args;
use gbi_store::Secret;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Flags shared by every command that opens the database.
#[derive(Args, Debug, Clone, Default)]
pub struct DbFlags {
    /// Configuration file (TOML).
    #[arg(long, env = "GBI_CONFIG")]
    pub config: Option<PathBuf>,
    /// Folder for the embedded SQLite database and the generated secret key.
    #[arg(long, env = "GBI_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// PostgreSQL (postgres://…) or SQLite (sqlite://…) URL. Default: SQLite in the data folder.
    #[arg(long, env = "GBI_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// The processing log's anchor file (signed chain heads, JSON lines).
    /// Default: logboek-ankers.jsonl in the data folder.
    #[arg(long, env = "GBI_LOGBOEK_ANKERS")]
    pub logboek_ankers: Option<PathBuf>,
}

/// The configuration file. Unknown keys are an error, so a typo is caught.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub bind: Option<String>,
    pub port: Option<u16>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub secret_key: Option<String>,
    /// The processing log's anchor file; default `<data_dir>/logboek-ankers.jsonl`.
    pub logboek_ankers: Option<PathBuf>,
    pub max_connections: Option<u32>,
    pub secure_cookies: Option<bool>,
    /// The bearer token for `/metrics` (or `GBI_METRICS_TOKEN`).
    pub metrics_token: Option<String>,
    /// Proxies in front of GBI (load balancer, reverse proxy) whose
    /// `X-Forwarded-For` is believed, e.g. `["10.0.0.5"]`.
    #[serde(default)]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub log_format: Option<String>,
    /// Several instances on one database: how long a lease on work
    /// (a scheduled job, a work item, a mail being sent) lasts before
    /// another instance takes over from one that died. Default 300 s (or
    /// `GBI_LEASE_SECONDS`).
    pub lease_seconds: Option<i64>,
    /// On SIGTERM: how long `/health/ready` says 503 while requests are
    /// still served, so the load balancer can take the instance out first.
    /// Default 0 s (or `GBI_DRAIN_SECONDS`).
    pub drain_seconds: Option<u64>,
    /// `[mail]`: SMTP for notification e-mail.
    #[serde(default)]
    pub mail: gbi_mail::MailConfig,
    /// `[documenten]`: where document files are kept (database or S3).
    #[serde(default)]
    pub documenten: DocumentenConfig,
    /// `[registers.<bron>]`: endpoints and settings of BRP, Suwinet, the
    /// Belastingdienst and Socrates. Without it, `--demo` starts the testbed.
    pub registers: Option<gbi_registers::RegistersConfig>,
    /// Residents in the demo testbed population (`--demo` only).
    pub demo_populatie: Option<usize>,
    /// A folder of parameter and policy files instead of the built-in ones.
    pub params_dir: Option<PathBuf>,
    /// `[oidc_werkplek."0392"]`: the gemeente's staff sign-on (OpenID Connect).
    #[serde(default)]
    pub oidc_werkplek: std::collections::HashMap<String, gbi_web::oidc::ClientConfig>,
    /// `[oidc_portaal."0392"]`: the gemeente's DigiD broker (OpenID Connect).
    #[serde(default)]
    pub oidc_portaal: std::collections::HashMap<String, gbi_web::oidc::ClientConfig>,
    /// `[huisstijl."0392"]`: the house style of each gemeente's letters.
    #[serde(default)]
    pub huisstijl: std::collections::HashMap<String, gbi_letters::Huisstijl>,
    /// `[gemeente."0392"]`: settings of each gemeente (its bank account).
    #[serde(default)]
    pub gemeente: std::collections::BTreeMap<String, GemeenteConfig>,
}

/// `[gemeente."0392"]`: the gemeente's own bank account, from which the
/// benefits are paid (the debtor of the SEPA file). Applied at every start
/// of `gbi serve` and before `gbi payments`; without it, the account set on
/// the werkplek's Beheer page stays.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct GemeenteConfig {
    pub rekening_iban: Option<String>,
    pub rekening_bic: Option<String>,
    /// Default: "Gemeente <naam>".
    pub rekening_naam: Option<String>,
}

/// `[documenten]`: where the files of documents (uploads, letters) are
/// kept. `opslag = "database"` (the default) keeps them in the database;
/// `opslag = "s3"` in an S3-compatible object store that every instance
/// reaches. The secret access key comes from `GBI_S3_GEHEIM`, never from
/// the file. With `opslag = "database"` and the S3 settings still given,
/// files stored in S3 earlier stay readable.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct DocumentenConfig {
    pub opslag: Option<String>,
    pub endpoint: Option<String>,
    pub bucket: Option<String>,
    /// Default `us-east-1`.
    pub regio: Option<String>,
    /// The access key id.
    pub toegangssleutel: Option<String>,
    /// Only to refuse it with a pointer to `GBI_S3_GEHEIM`.
    #[serde(default, skip_serializing)]
    geheim: Option<toml::Value>,
}

/// The environment variable with the object store's secret access key.
pub const S3_GEHEIM: &str = "GBI_S3_GEHEIM";

/// The document store of `[documenten]`, with the secret of
/// `GBI_S3_GEHEIM`. Wrong or missing settings stop with the key named.
pub fn documentopslag(
    c: &DocumentenConfig,
    geheim: Option<String>,
) -> Result<gbi_store::opslag::Documentopslag> {
    use gbi_store::opslag::{Documentopslag, S3, S3Config};
    let plek = "configuratie [documenten]";
    if c.geheim.is_some() {
        bail!(
            "{plek}: zet het geheim niet in het bestand, maar in de omgevingsvariabele {S3_GEHEIM}"
        );
    }
    let s3_gegeven = c.endpoint.is_some()
        || c.bucket.is_some()
        || c.regio.is_some()
        || c.toegangssleutel.is_some();
    let naar_s3 = match c.opslag.as_deref().map(str::trim) {
        None | Some("database") => false,
        Some("s3") => true,
        Some(o) => bail!("{plek} opslag: {o:?} bestaat niet; kies \"database\" of \"s3\""),
    };
    if !naar_s3 && !s3_gegeven {
        return Ok(Documentopslag::database());
    }
    let nodig = |waarde: &Option<String>, naam: &str| -> Result<String> {
        match waarde.as_deref().map(str::trim) {
            Some(w) if !w.is_empty() => Ok(w.to_owned()),
            _ => bail!("{plek}: {naam} ontbreekt (nodig voor opslag in S3)"),
        }
    };
    let config = S3Config {
        endpoint: nodig(&c.endpoint, "endpoint")?,
        bucket: nodig(&c.bucket, "bucket")?,
        regio: c.regio.clone().unwrap_or_else(|| "us-east-1".into()),
        toegangssleutel: nodig(&c.toegangssleutel, "toegangssleutel")?,
        geheim: match geheim {
            Some(g) if !g.is_empty() => g,
            _ => bail!(
                "{plek}: de omgevingsvariabele {S3_GEHEIM} (het geheim bij de toegangssleutel) ontbreekt"
            ),
        },
    };
    let s3 = S3::new(config).map_err(|e| anyhow::anyhow!("{plek}: {e}"))?;
    Ok(if naar_s3 {
        Documentopslag::s3(s3)
    } else {
        Documentopslag::database_en_s3_lezen(s3)
    })
}

/// Store the bank accounts of `[gemeente."…"]`. A wrong IBAN or BIC stops
/// with the key named; a gemeente that is not in this installation is
/// skipped with a warning.
pub async fn rekeningen_toepassen(db: &gbi_store::Db, file: &FileConfig) -> Result<()> {
    for (code, g) in &file.gemeente {
        let plek = format!("configuratie [gemeente.\"{code}\"]");
        let gemeente = gbi_domain::GemeenteCode::parse(code)
            .map_err(|e| anyhow::anyhow!("{plek}: {}", e.message))?;
        let Some(iban) = &g.rekening_iban else {
            if g.rekening_bic.is_some() || g.rekening_naam.is_some() {
                bail!("{plek}: rekening_iban ontbreekt");
            }
            continue;
        };
        let iban = gbi_domain::Iban::parse(iban)
            .map_err(|e| anyhow::anyhow!("{plek} rekening_iban: {}", e.message))?;
        let bic = g
            .rekening_bic
            .as_deref()
            .map(gbi_payments::sepa::bic)
            .transpose()
            .map_err(|m| anyhow::anyhow!("{plek} rekening_bic: {m}"))?;
        let Some(bestaand) = gbi_store::gemeenten::get(db, &gemeente)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
        else {
            tracing::warn!(gemeente = %gemeente, "{plek}: gemeente bestaat niet in deze installatie; overgeslagen");
            continue;
        };
        let naam = match g.rekening_naam.as_deref().map(str::trim) {
            Some("") => bail!("{plek} rekening_naam: vul de naam van de rekeninghouder in"),
            Some(n) if n.chars().count() > 70 => {
                bail!("{plek} rekening_naam: ten hoogste 70 tekens")
            }
            Some(n) => n.to_owned(),
            None => format!("Gemeente {}", bestaand.naam),
        };
        let scope = gbi_store::Scope::system(gemeente, "configuratie");
        let r = gbi_store::betalingen::Rekening { naam, iban, bic };
        gbi_store::betalingen::rekening_opslaan(db, &scope, &r)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        tracing::info!(gemeente = %gemeente, iban = %r.iban.formatted(), "rekening van de gemeente uit de configuratie");
    }
    Ok(())
}

impl std::fmt::Debug for FileConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileConfig")
            .field("bind", &self.bind)
            .field("port", &self.port)
            .field("data_dir", &self.data_dir)
            .field("database_url", &self.database_url.as_ref().map(|_| "***"))
            .field("secret_key", &self.secret_key.as_ref().map(|_| "***"))
            .finish()
    }
}

pub fn load_file(path: Option<&Path>) -> Result<FileConfig> {
    let Some(path) = path else {
        return Ok(FileConfig::default());
    };
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "configuratiebestand {} kan niet worden gelezen",
            path.display()
        )
    })?;
    toml::from_str(&text).map_err(|e| {
        let place = e
            .span()
            .map(|span| {
                let line_no = text[..span.start.min(text.len())].matches('\n').count() + 1;
                let line = text.lines().nth(line_no - 1).unwrap_or("").trim();
                format!(" (regel {line_no}: `{line}`)")
            })
            .unwrap_or_default();
        anyhow::anyhow!(
            "configuratiebestand {} klopt niet{place}: {}",
            path.display(),
            e.message()
        )
    })
}

/// Where the database is and how to reach it.
pub struct Database {
    pub url: String,
    pub secret: Secret,
    pub max_connections: u32,
    pub data_dir: PathBuf,
    /// Where the processing log's chain heads are anchored.
    pub ankers: PathBuf,
    /// Where document files are kept (`[documenten]`).
    pub documentopslag: gbi_store::opslag::Documentopslag,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

/// Whether a command may make the secret key when there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sleutel {
    /// `gbi serve` and the other commands that write: a first start makes it.
    MagMaken,
    /// `gbi audit verify`: a new key would call every record changed.
    MoetBestaan,
}

/// The key file is missing where the key must exist. `main` exits with 2.
#[derive(Debug)]
pub struct SleutelOntbreekt(pub PathBuf);

impl std::fmt::Display for SleutelOntbreekt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "het sleutelbestand {} bestaat niet. Zonder de sleutel waarmee het logboek is \
             verzegeld is het niet te controleren, en `gbi audit verify` maakt nooit een nieuwe \
             sleutel. Geef de datamap met het sleutelbestand (--data-dir) of de sleutel zelf \
             (GBI_SECRET_KEY of secret_key).",
            self.0.display()
        )
    }
}

impl std::error::Error for SleutelOntbreekt {}

pub fn database(flags: &DbFlags, file: &FileConfig) -> Result<Database> {
    database_met(flags, file, Sleutel::MagMaken)
}

pub fn database_met(flags: &DbFlags, file: &FileConfig, sleutel: Sleutel) -> Result<Database> {
    let data_dir = flags
        .data_dir
        .clone()
        .or_else(|| file.data_dir.clone())
        .unwrap_or_else(|| PathBuf::from("data"));
    let configured = flags
        .database_url
        .clone()
        .or_else(|| file.database_url.clone());
    if let Some(url) = &configured
        && !(url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://"))
    {
        bail!("de database-URL moet beginnen met sqlite:// of postgres://");
    }
    // The key before the data folder: without it, verify makes nothing.
    let secret = match std::env::var("GBI_SECRET_KEY")
        .ok()
        .or_else(|| file.secret_key.clone())
    {
        Some(hex) => Secret::from_hex(&hex)
            .map_err(|e| anyhow::anyhow!("GBI_SECRET_KEY / secret_key: {e}"))?,
        None => secret_from_data_dir(&data_dir, sleutel)?,
    };
    let url = match configured {
        Some(u) => u,
        None => {
            std::fs::create_dir_all(&data_dir).with_context(|| {
                format!("de datamap {} kan niet worden gemaakt", data_dir.display())
            })?;
            let abs = std::fs::canonicalize(&data_dir)
                .with_context(|| format!("de datamap {} bestaat niet", data_dir.display()))?;
            format!("sqlite://{}", abs.join("gbi.sqlite3").display())
        }
    };
    let ankers = flags
        .logboek_ankers
        .clone()
        .or_else(|| file.logboek_ankers.clone())
        .unwrap_or_else(|| data_dir.join("logboek-ankers.jsonl"));
    let documentopslag = documentopslag(&file.documenten, std::env::var(S3_GEHEIM).ok())?;
    Ok(Database {
        url,
        secret,
        max_connections: file.max_connections.unwrap_or(10),
        data_dir,
        ankers,
        documentopslag,
    })
}

/// Without a configured key, keep a generated one in the data folder
/// (readable by the owner only), so restarts keep the processing log verifiable.
fn secret_from_data_dir(dir: &Path, sleutel: Sleutel) -> Result<Secret> {
    let path = dir.join("geheim.key");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            return Secret::from_hex(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(e).with_context(|| format!("{} kan niet worden gelezen", path.display()));
        }
    }
    if sleutel == Sleutel::MoetBestaan {
        return Err(SleutelOntbreekt(path).into());
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("de datamap {} kan niet worden gemaakt", dir.display()))?;
    let secret = Secret::generate();
    write_private(&path, &secret.to_hex())
        .with_context(|| format!("{} kan niet worden geschreven", path.display()))?;
    Ok(secret)
}

#[cfg(unix)]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(content.as_bytes())?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}

/// Connect and, when asked, migrate; errors say what is wrong in one line.
pub async fn connect(db: &Database, migrate: bool) -> Result<gbi_store::Db> {
    let store = gbi_store::Db::connect(&db.url, &db.secret, db.max_connections)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .met_documentopslag(db.documentopslag.clone());
    if migrate {
        store.migrate().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(store)
}

/// The rules: the built-in parameter files, or the folder of `params_dir`.
pub fn regels(file: &FileConfig) -> Result<gbi_rules::Regels> {
    match &file.params_dir {
        Some(dir) => gbi_rules::Regels::uit_map(dir),
        None => gbi_rules::Regels::ingebouwd(),
    }
    .map_err(|e| anyhow::anyhow!("parameterbestanden: {e}"))
}

/// The configuration file and database of `flags` for work in one existing
/// gemeente (`--gemeente`): a clear error when the code is wrong or the
/// gemeente is not in this installation.
pub async fn gemeente_db(
    flags: &DbFlags,
    gemeente: &str,
) -> Result<(FileConfig, gbi_store::Db, gbi_domain::GemeenteCode)> {
    let gemeente = gbi_domain::GemeenteCode::parse(gemeente)
        .map_err(|e| anyhow::anyhow!("--gemeente: {}", e.message))?;
    let file = load_file(flags.config.as_deref())?;
    let database = database(flags, &file)?;
    let db = connect(&database, true).await?;
    if gbi_store::gemeenten::get(&db, &gemeente)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .is_none()
    {
        return Err(anyhow::anyhow!(
            "gemeente {gemeente} bestaat niet in deze installatie"
        ));
    }
    Ok((file, db, gemeente))
}

/// A database for a benchmark: a fresh SQLite file in a temporary folder
/// (kept while the returned folder lives), or the database of
/// `--database-url`; migrated, with the demo gemeente Haarlem (0392).
pub async fn bench_db(
    mut flags: DbFlags,
) -> Result<(tempfile::TempDir, gbi_store::Db, gbi_domain::GemeenteCode)> {
    let dir = tempfile::tempdir()?;
    // A fresh folder unless the benchmark was given a database or a folder.
    if flags.database_url.is_none() && flags.data_dir.is_none() {
        flags.data_dir = Some(dir.path().to_path_buf());
    }
    let file = load_file(flags.config.as_deref())?;
    let database = database(&flags, &file)?;
    let db = connect(&database, true).await?;
    let gemeente =
        gbi_domain::GemeenteCode::parse("0392").map_err(|e| anyhow::anyhow!(e.message))?;
    gbi_store::gemeenten::ensure(&db, &gemeente, "Haarlem", true)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((dir, db, gemeente))
}

/// The house style of each gemeente's letters, by gemeente.
pub type Huisstijlen = std::collections::HashMap<gbi_domain::GemeenteCode, gbi_letters::Huisstijl>;

/// The house styles of `[huisstijl."…"]`, with each logo read and checked.
pub fn huisstijlen(file: &FileConfig) -> Result<Huisstijlen> {
    let mut huisstijlen = Huisstijlen::new();
    for (code, stijl) in &file.huisstijl {
        let code = gbi_domain::GemeenteCode::parse(code)
            .map_err(|e| anyhow::anyhow!("configuratie [huisstijl.\"{code}\"]: {}", e.message))?;
        let mut stijl = stijl.clone();
        if let Some(pad) = &stijl.logo {
            let png = std::fs::read(pad).with_context(|| {
                format!(
                    "configuratie [huisstijl.\"{code}\"] logo: kan {} niet lezen",
                    pad.display()
                )
            })?;
            if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
                bail!(
                    "configuratie [huisstijl.\"{code}\"] logo: {} is geen PNG-bestand",
                    pad.display()
                );
            }
            stijl.logo_png = Some(png);
        }
        huisstijlen.insert(code, stijl);
    }
    Ok(huisstijlen)
}

/// A gemeente's house style; in demo mode the demo style when none is
/// configured, else `None`.
pub fn huisstijl_van(
    huisstijlen: &Huisstijlen,
    gemeente: gbi_domain::GemeenteCode,
    naam: &str,
    demo: bool,
) -> Option<gbi_letters::Huisstijl> {
    huisstijlen
        .get(&gemeente)
        .cloned()
        .or_else(|| demo.then(|| gbi_letters::Huisstijl::demo(&format!("Gemeente {naam}"), naam)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_refused_with_the_key_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("gbi.toml");
        std::fs::write(&p, "prot = 8080\n").unwrap();
        let e = load_file(Some(&p)).unwrap_err().to_string();
        assert!(e.contains("prot"), "{e}");
    }

    #[test]
    fn a_gemeentes_bank_account_is_read_from_its_section() {
        let c: FileConfig = toml::from_str(
            "[gemeente.\"0392\"]\nrekening_iban = \"NL14 BNGH 0285 0012 34\"\nrekening_bic = \"BNGHNL2G\"\nrekening_naam = \"Gemeente Haarlem\"\n",
        )
        .unwrap();
        let g = &c.gemeente["0392"];
        assert_eq!(g.rekening_bic.as_deref(), Some("BNGHNL2G"));
        assert!(toml::from_str::<FileConfig>("[gemeente.\"0392\"]\niban = \"x\"\n").is_err());
    }

    #[test]
    fn the_document_store_is_the_database_unless_s3_is_configured() {
        let lees = |t: &str| toml::from_str::<FileConfig>(t).unwrap().documenten;
        let geheim = || Some("geheim".to_owned());
        let d = documentopslag(&lees(""), None).unwrap();
        assert!(!d.schrijft_naar_s3());
        let d = documentopslag(&lees("[documenten]\nopslag = \"database\"\n"), None).unwrap();
        assert!(!d.schrijft_naar_s3());
        let s3 = "[documenten]\nopslag = \"s3\"\nendpoint = \"http://127.0.0.1:9000\"\nbucket = \"gbi-documenten\"\ntoegangssleutel = \"AK\"\n";
        assert!(
            documentopslag(&lees(s3), geheim())
                .unwrap()
                .schrijft_naar_s3()
        );
        let e = documentopslag(&lees(s3), None).unwrap_err().to_string();
        assert!(e.contains("GBI_S3_GEHEIM"), "{e}");
        // Back to the database, with S3 still given to read earlier files.
        let terug = s3.replace("\"s3\"", "\"database\"");
        assert!(
            !documentopslag(&lees(&terug), geheim())
                .unwrap()
                .schrijft_naar_s3()
        );
        for (t, verwacht) in [
            (
                "[documenten]\nopslag = \"schijf\"\n",
                "kies \"database\" of \"s3\"",
            ),
            (
                "[documenten]\nopslag = \"s3\"\nbucket = \"b-b\"\n",
                "endpoint ontbreekt",
            ),
            (&s3.replace("http://", "tcp://"), "endpoint moet beginnen"),
            (&format!("{s3}geheim = \"x\"\n"), "niet in het bestand"),
        ] {
            let e = documentopslag(&lees(t), geheim()).unwrap_err().to_string();
            assert!(e.contains("[documenten]") && e.contains(verwacht), "{e}");
        }
        assert!(toml::from_str::<FileConfig>("[documenten]\nbuket = \"x\"\n").is_err());
    }

    #[test]
    fn debug_hides_secrets() {
        let c = FileConfig {
            secret_key: Some("abc".into()),
            database_url: Some("postgres://u:p@h/db".into()),
            ..Default::default()
        };
        let s = format!("{c:?}");
        assert!(!s.contains("abc") && !s.contains("u:p"), "{s}");
    }
}

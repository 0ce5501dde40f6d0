//! Structured logs: JSON lines on standard output (or plain text with
//! `GBI_LOG_FORMAT=text`), filtered by `GBI_LOG` (default `info`).

use tracing_subscriber::EnvFilter;

pub fn init(format: Option<&str>) {
    let filter =
        EnvFilter::try_from_env("GBI_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let text = std::env::var("GBI_LOG_FORMAT").ok().as_deref().or(format) == Some("text");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if text {
        builder.try_init()
    } else {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .try_init()
    };
}

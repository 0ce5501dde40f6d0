use chrono::{SecondsFormat, Utc};

/// The current moment as stored: UTC, RFC 3339 with microseconds. The fixed
/// width keeps text comparison equal to time comparison on both databases.
pub fn now_utc() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A moment `seconds` from now, in the stored format.
pub(crate) fn utc_in(seconds: i64) -> String {
    (Utc::now() + chrono::Duration::seconds(seconds)).to_rfc3339_opts(SecondsFormat::Micros, true)
}

//! The one clock that says what day it is.
//!
//! Everything that needs "today" — deadlines, the month of a betaalrun, the
//! peildatum of a calculation, the ages the testbed reports — asks
//! [`crate::today_amsterdam`], which asks this clock. In production it is the
//! real date in Europe/Amsterdam. Only `gbi serve --demo --vandaag DATUM`
//! sets a demo date, once, at start and before anything else runs, so a demo
//! can show how GBI behaves on another day (e.g. after 1 January, when new
//! national figures are due). Nothing else may set it; the binary refuses
//! `--vandaag` outside demo mode.
//!
//! It is process-wide on purpose: the date is read in every layer (web
//! pages, background work, the in-process testbed), and one setting at
//! start keeps all of them on the same day without passing a clock through
//! every function. Moments (`created_at`, session expiry) stay real time.

use chrono::{NaiveDate, Utc};
use std::sync::OnceLock;

static DEMODATUM: OnceLock<NaiveDate> = OnceLock::new();

/// The date the demo runs on, when it was set.
pub fn demodatum() -> Option<NaiveDate> {
    DEMODATUM.get().copied()
}

/// Let the demo run as if it were `datum`. Only once per process: a second
/// call with another date is refused (the clock never jumps while running).
pub fn zet_demodatum(datum: NaiveDate) -> Result<(), KlokFout> {
    let gezet = *DEMODATUM.get_or_init(|| datum);
    if gezet == datum {
        Ok(())
    } else {
        Err(KlokFout { gezet })
    }
}

/// The demo date was already set to another day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("de datum van de demo staat al op {gezet}; die verandert niet meer")]
pub struct KlokFout {
    pub gezet: NaiveDate,
}

/// Today's date: the demo date when one was set, else the real date in the
/// Netherlands (Europe/Amsterdam), whatever the server's own time zone is.
pub fn vandaag() -> NaiveDate {
    demodatum().unwrap_or_else(|| {
        Utc::now()
            .with_timezone(&chrono_tz::Europe::Amsterdam)
            .date_naive()
    })
}

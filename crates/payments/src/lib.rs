//! Benefit payments: the betaalrun, the month ledger and the SEPA file.

pub mod betaalrun;
pub mod grootboek;
pub mod herziening;
pub mod sepa;
pub mod sepa_tekst;

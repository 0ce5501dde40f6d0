//! Benefit payments: the betaalrun and the SEPA file.

pub mod betaalrun;
pub mod sepa;

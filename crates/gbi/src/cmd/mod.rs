//! One module per subcommand.

pub mod audit;
pub mod migrate;
pub mod payments;
pub mod serve;

//! One module per subcommand.

pub mod audit;
pub mod bench;
pub mod bench_regelingen;
pub mod bench_seed;
pub mod calc;
pub mod iit;
pub mod looplijst;
pub mod migrate;
pub mod params;
pub mod payments;
pub mod serve;
pub mod testbed;

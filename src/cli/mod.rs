//! One file per subcommand. Each `run` returns the process exit code; an `Err` is a
//! bad-input failure (exit 2) whose whole cause chain is printed.

pub mod bench;
pub mod check;
pub mod compare;
pub mod explain;
pub mod generate;
pub mod hash;
pub mod progress;
pub mod report;
pub mod schema;
pub mod solve;
pub mod sweep;
pub mod validate;

/// Invalid or unreadable input.
pub const EXIT_BAD_INPUT: u8 = 2;

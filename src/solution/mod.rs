//! What a plan is on disk, and (in `check`) the checker that trusts nothing else.
//!
//! A solution file records every decision of a plan, the objective term by term as its
//! producer claims it, and where it came from. The checker re-derives every hard rule
//! and every objective term from the instance and solution files alone; it shares no
//! constraint code with the solver, because it exists to catch the solver's mistakes.

pub mod check;
mod format;
mod read;

pub use format::*;
pub use read::{read_solution, read_solution_str};

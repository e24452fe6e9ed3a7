//! `kopa bench`: a named suite of solves with fixed seeds and limits, each run as its
//! own `kopa solve` process (so its peak memory is its own), every plan checked.
//!
//! What planners and CI need from a run is not one number: when the first plan came,
//! when it got within 1% of where it ended, where it ended, how far from the best
//! bound, how much memory, and whether the checker accepts it. The times come from the
//! solve's own typed events (`kopa solve --events`); the objective from the checker.

pub mod progress;
pub mod suite;

pub use progress::Incumbents;
pub use suite::{Run, Suite};

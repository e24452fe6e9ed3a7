//! kopa plans shared upper-secondary teaching and school transport together: one joint
//! weekly timetable of teachers, rooms, remote-teaching links and bus trips, optimised
//! as a MILP with HiGHS.
//!
//! The crate is a pipeline, one module per stage (see README.md, "Layout"):
//! `instance` (the file as written) -> `validate` (everything wrong with it, at once)
//! -> `model` (indexed, resolved, travel precomputed) -> `milp` / `solve` (the
//! optimisation) -> `solution` (the plan on disk, and the independent checker).

pub mod bench;
pub mod explain;
pub mod fsutil;
pub mod generate;
pub mod import;
pub mod instance;
pub mod milp;
pub mod model;
pub mod report;
pub mod scenario;
pub mod solution;
pub mod solve;
pub mod validate;
pub mod words;

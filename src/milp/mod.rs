//! The MILP of a whole plan, built with good_lp, in two levels that can be solved
//! together or apart.
//!
//! *Timetable level*: which placement (timing, site, room, teacher) each section
//! takes, and which receiving rooms it streams to. *Assignment level*: which students
//! attend which section where (in person or remote), their days as unit flows over a
//! time-expanded graph of places and bus rides, trip loads, optional trip runs.
//!
//! A `Scope` says how much of the timetable level is free. With everything free the
//! model is the monolithic exact model; with the timetable fixed only the assignment
//! level is left, which is nearly a transportation problem and solves fast and exactly
//! (measured here: hundreds of students assigned, proven optimal, in about a second;
//! docs/solver.md). Large-neighbourhood search frees a
//! few courses at a time.
//!
//! Every constraint family is one method of `Builder`, named after the rule of
//! `docs/rules.md` it encodes. The checker in `solution::check` re-derives the same
//! rules independently.

mod builder;
mod columns;
pub mod configs;
pub mod estimate;
mod extract;
mod flows;
pub mod model_file;
mod scope;
mod warm;

pub use builder::{Builder, BuiltModel, ModelSize, SectionSlot, section_slots};
pub use extract::{ExtractedPlan, extract_plan, section_id, section_plans, teacher_drives};
pub use scope::{Scope, SectionChoice, StudentSubset, Timetable};
pub use warm::PlanValues;

//! What people read about plans: tables and comparisons built from the checker's
//! recomputation, never from a solver's own numbers.

pub mod compare;
pub mod costs;
pub mod html;
pub mod plan_index;
pub mod sweep;
pub mod unmet;

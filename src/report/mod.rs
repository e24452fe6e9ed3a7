//! What people read about plans: tables and comparisons built from the checker's
//! recomputation, never from a solver's own numbers; calendars and spreadsheets of a
//! plan for the students, teachers and planners who live by it.
//!
//! Every report of a plan reads it through one [`PlanIndex`], names things by one rule
//! ([`label`]) and writes euros one way ([`money`]).

pub mod calendar;
pub mod compare;
pub mod costs;
pub mod html;
pub mod label;
pub mod lookup;
pub mod money;
pub mod own_week;
pub mod plan_index;
pub mod road_position;
pub mod sweep;
pub mod sweep_chart;
pub mod tables;
pub mod unmet;

pub use calendar::{CalendarError, calendars};
pub use plan_index::{PlanDataError, PlanIndex};
pub use tables::{TableError, csv_tables};

/// A file to write into an output folder: its name (no directories) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedFile {
    pub file_name: String,
    pub contents: String,
}

/// `prefix-ID.ext` with the id reduced to characters safe in any file system
/// (`A-Z a-z 0-9 . _ -`, others become `_`), made unique among `taken` by a `-2`, `-3`...
/// suffix. Ids are free text in instance files; file names must not be.
pub(crate) fn file_name(
    prefix: &str,
    id: &str,
    ext: &str,
    taken: &mut std::collections::HashSet<String>,
) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    let mut name = format!("{prefix}-{safe}.{ext}");
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{prefix}-{safe}-{n}.{ext}");
        n += 1;
    }
    name
}

//! Everything that is wrong with an instance, reported at once.
//!
//! Schedulers edit instance files by hand or export them from school systems; a
//! solver run that fails an hour in on a typo wastes their day. `validate` checks every
//! reference, number and time in the file, and catches what makes a plan impossible
//! before solving. Each problem is a `Diagnostic` with a stable `Code` (listed in
//! `docs/errors.md`), the entity it concerns, the field path and what to do.
//!
//! One file per entity group; each rule is a function named after its code. Rules
//! never panic and never stop early: lookups tolerate duplicate and dangling ids.

mod code;
mod context;
mod courses;
mod diagnostic;
mod feasibility;
mod file;
mod fit;
mod fit_rules;
mod ids;
mod period;
mod reachability;
mod report;
mod roads;
mod settings;
mod sites_rooms;
mod students;
mod teachers;
mod time_grid;
mod trips;

pub use code::{Code, Severity};
pub use diagnostic::Diagnostic;
pub use file::{read_error_code, read_error_diagnostic};
pub use fit::{Cause, WeekFit, fewest_to_drop, week_fit};

use crate::instance::Instance;
use context::Context;

type Rule = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// Every rule, in the order their diagnostics are reported.
const RULES: &[Rule] = &[
    file::check_e0001_unsupported_format_version,
    ids::check_e0101_duplicate_id,
    ids::check_e0103_empty_id,
    time_grid::check_e0204_empty_time_grid,
    time_grid::check_e0102_unknown_reference,
    time_grid::check_e0201_bad_clock_time,
    time_grid::check_e0202_slot_runs_backwards,
    time_grid::check_e0203_slots_overlap,
    time_grid::check_e0205_pattern_without_slots,
    time_grid::check_e0206_pattern_repeats_slot,
    period::check_e0207_bad_date,
    period::check_e0301_not_positive,
    period::check_e0208_unknown_time_zone,
    period::check_e0209_bad_weekday,
    period::check_e0210_weekday_used_twice,
    period::check_e0211_period_beyond_dates,
    roads::check_e0102_unknown_reference,
    roads::check_e0301_not_positive,
    roads::check_e0601_road_loop,
    sites_rooms::check_e0102_unknown_reference,
    sites_rooms::check_e0301_not_positive,
    sites_rooms::check_e0302_negative,
    reachability::check_e0602_site_unreachable,
    teachers::check_e0102_unknown_reference,
    teachers::check_e0301_not_positive,
    courses::check_e0102_unknown_reference,
    courses::check_e0301_not_positive,
    courses::check_e0302_negative,
    courses::check_e0303_min_size_above_max_size,
    courses::check_e0401_lessons_or_pattern,
    courses::check_e0402_more_lessons_than_slots,
    courses::check_e0403_course_double_degree,
    feasibility::check_e0405_course_without_teacher,
    students::check_e0102_unknown_reference,
    students::check_e0302_negative,
    students::check_e0501_course_requested_twice,
    students::check_e0502_one_of_too_small,
    feasibility::check_e0407_mandatory_course_runs_nowhere,
    trips::check_e0102_unknown_reference,
    trips::check_e0201_bad_clock_time,
    trips::check_e0301_not_positive,
    trips::check_e0302_negative,
    trips::check_e0603_trip_too_few_stops,
    trips::check_e0604_trip_times_backwards,
    trips::check_e0605_trip_revisits_node,
    settings::check_e0302_negative,
    fit_rules::check_e0503_mandatory_requests_cannot_fit,
    courses::check_w0001_course_not_requested,
    teachers::check_w0002_teacher_teaches_nothing,
    students::check_w0003_student_without_requests,
    trips::check_w0004_running_trip_with_cost,
    feasibility::check_w0005_course_runs_nowhere,
    reachability::check_w0006_home_unreachable,
    students::check_w0007_weightless_request,
    courses::check_w0008_remote_course_cannot_stream,
    period::check_w0009_day_without_weekday,
    fit_rules::check_w0010_requests_cannot_fit,
    courses::check_w0011_too_many_timings,
    courses::check_w0012_more_sections_than_students,
];

/// Every error and warning in `instance`, in file order within each rule.
pub fn validate(instance: &Instance) -> Vec<Diagnostic> {
    let cx = Context::new(instance);
    let mut diagnostics = Vec::new();
    for rule in RULES {
        rule(&cx, &mut diagnostics);
    }
    diagnostics
}

/// Whether any diagnostic is an error (a plan cannot be made from the file).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics
        .iter()
        .any(|d| d.code.severity() == Severity::Error)
}

/// Whether any error makes the file unusable as input: every error but `E0503`. A
/// file whose only errors are `E0503` (mandatory requests that cannot fit a week) is
/// sound; no plan exists for it, and the commands that plan (`solve`, `explain`,
/// `sweep`) prove that and say so as they do for any infeasible instance.
pub fn has_input_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| {
        d.code.severity() == Severity::Error && d.code != Code::E0503MandatoryRequestsCannotFit
    })
}

//! What a built model's columns stand for: the index that reads a solver's values
//! back as sections, streams, attendances and rides, kept apart from the builder that
//! adds the rows.

use good_lp::Variable;

use super::configs::CoursePlacements;

use crate::model::{CourseIx, DayIx, Model, RoomIx, SiteIx, StudentIx, TripOption};

/// One section of a course: the k-th that may open.
#[derive(Debug, Clone, Copy)]
pub struct SectionSlot {
    pub course: CourseIx,
    pub k: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct PlacementVar {
    pub section: usize,
    pub placement: usize,
    pub var: Variable,
}

/// Section `section` in timing `timing`, sent from `send_site`, received in `room`.
#[derive(Debug, Clone, Copy)]
pub struct StreamVar {
    pub section: usize,
    pub timing: usize,
    pub send_site: SiteIx,
    pub room: RoomIx,
    pub var: Variable,
}

/// Student attends `section` in `timing`, sitting at `site` (remote or in person).
#[derive(Debug, Clone, Copy)]
pub struct AttendVar {
    pub student: StudentIx,
    pub section: usize,
    pub timing: usize,
    pub site: SiteIx,
    pub remote: bool,
    pub var: Variable,
}

#[derive(Debug, Clone, Copy)]
pub struct RideVar {
    pub student: StudentIx,
    pub day: DayIx,
    pub option: TripOption,
    pub var: Variable,
}

/// Number of columns and rows, for reports. For a model too large to build (a
/// region's), the search reports the estimated columns of its fixed-timetable part,
/// with no rows counted: see [`ModelSize::estimated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelSize {
    pub variables: usize,
    pub integer_variables: usize,
    pub constraints: usize,
    /// The model was not built: `variables` is an estimate, and nothing else counted.
    pub is_estimate: bool,
}

impl ModelSize {
    /// An estimate of a model that was not built: columns only.
    pub fn estimated(columns: usize) -> ModelSize {
        ModelSize {
            variables: columns,
            integer_variables: 0,
            constraints: 0,
            is_estimate: true,
        }
    }
}

/// Every section a model can open, in the order of `Builder::sections` (and of a
/// [`Timetable`](super::Timetable)'s entries): each course's `maxSections`, course by
/// course.
pub fn section_slots(model: &Model) -> Vec<SectionSlot> {
    (0..model.courses.len())
        .flat_map(|course| {
            (0..model.courses[course].max_sections).map(move |k| SectionSlot { course, k })
        })
        .collect()
}

/// A course's timing as people name it: its pattern's id, or its slots' ids.
pub(super) fn timing_label(
    model: &Model,
    courses: &[CoursePlacements],
    course: CourseIx,
    timing: usize,
) -> String {
    let choice = &courses[course].timings[timing];
    match choice.pattern {
        Some(p) => model.patterns[p].id.clone(),
        None => choice
            .slots
            .iter()
            .map(|&slot| model.slots[slot].id.as_str())
            .collect::<Vec<_>>()
            .join("+"),
    }
}

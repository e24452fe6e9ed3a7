//! How much of the timetable the model may change.

use std::collections::BTreeSet;

use crate::model::{CourseIx, RoomIx};

/// The timetable of a plan: per section (course, k), its placement and receiving rooms.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Timetable {
    /// Indexed like `Builder::sections`; `None` for a section that does not open.
    pub sections: Vec<Option<SectionChoice>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SectionChoice {
    /// Index into the course's `CoursePlacements::placements`.
    pub placement: usize,
    /// Receiving rooms of its streams, sorted.
    pub streams: Vec<RoomIx>,
}

/// What the solver may decide about the timetable.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Everything: the monolithic model.
    Free,
    /// The timetable is given: sections may only keep their placement and streams (or
    /// close); students, rides and trips are decided.
    Fixed(Timetable),
    /// The sections of these courses are free; all others keep the given timetable.
    Neighbourhood {
        timetable: Timetable,
        free_courses: BTreeSet<CourseIx>,
    },
}

impl Scope {
    /// The fixed choice for `section` of `course`, or `None` when it is free.
    /// `Some(None)` means the section is fixed closed.
    pub(super) fn fixed(&self, section: usize, course: CourseIx) -> Option<Option<&SectionChoice>> {
        match self {
            Scope::Free => None,
            Scope::Fixed(t) => Some(t.sections.get(section).and_then(Option::as_ref)),
            Scope::Neighbourhood {
                timetable,
                free_courses,
            } => {
                if free_courses.contains(&course) {
                    None
                } else {
                    Some(timetable.sections.get(section).and_then(Option::as_ref))
                }
            }
        }
    }
}

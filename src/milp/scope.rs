//! How much of the timetable the model may change.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{CourseIx, DayIx, RoomIx, SiteIx, StudentIx, TripIx};

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

/// Which students the model decides. The others keep their week as it is: they are
/// left out of the model, and what they use of shared things (seats in a room at a
/// site, places in a section, seats on each segment of a bus run) enters the rows as
/// constants. A neighbourhood that frees a few courses then has columns only for the
/// students who asked for them, whatever the size of the region.
#[derive(Debug, Clone, Default)]
pub struct StudentSubset {
    /// Indexed by student: decided by the model.
    pub active: Vec<bool>,
    /// Seats the others take: (section, timing, site, remote) -> students.
    pub seated: BTreeMap<(usize, usize, SiteIx, bool), u32>,
    /// Students the others put in each section.
    pub size: BTreeMap<usize, u32>,
    /// Seats the others take on each (trip, day, segment).
    pub load: BTreeMap<(TripIx, DayIx, usize), u32>,
}

impl StudentSubset {
    pub fn is_active(&self, student: StudentIx) -> bool {
        self.active.get(student).copied().unwrap_or(false)
    }
}

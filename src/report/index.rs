//! Id lookups over an instance and one of its plans, for the exports. Exports run on
//! files a person may have written, so every lookup can fail, and says which field
//! held the id that led nowhere; nothing here panics.

use std::collections::HashMap;
use std::fmt;

use crate::instance::{
    Course, Day, Instance, RoadNode, Room, Site, Slot, Teacher, Trip, parse_clock,
};
use crate::solution::{SectionPlan, Solution};

/// A field of the instance or the solution that an export cannot use: an id that
/// names nothing, or a clock time that does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDataError {
    /// Where, e.g. `sections[2].teacher` (solution) or `timeGrid.slots[4].start` (instance).
    pub field: String,
    pub problem: String,
}

impl fmt::Display for PlanDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl std::error::Error for PlanDataError {}

/// Id -> (position in its list, entity), first occurrence wins.
fn by_id<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, (usize, &'a T)> {
    let mut map = HashMap::new();
    for (position, item) in items.iter().enumerate() {
        map.entry(id(item)).or_insert((position, item));
    }
    map
}

/// A slot with its day and clock times read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SlotTimes<'a> {
    /// Position in `timeGrid.slots`: the order of the week.
    pub position: usize,
    pub day: &'a Day,
    pub start: u32,
    pub end: u32,
}

pub(crate) struct Index<'a> {
    pub instance: &'a Instance,
    pub solution: &'a Solution,
    courses: HashMap<&'a str, (usize, &'a Course)>,
    slots: HashMap<&'a str, (usize, &'a Slot)>,
    days: HashMap<&'a str, (usize, &'a Day)>,
    sites: HashMap<&'a str, (usize, &'a Site)>,
    rooms: HashMap<&'a str, (usize, &'a Room)>,
    teachers: HashMap<&'a str, (usize, &'a Teacher)>,
    trips: HashMap<&'a str, (usize, &'a Trip)>,
    nodes: HashMap<&'a str, (usize, &'a RoadNode)>,
    sections: HashMap<&'a str, (usize, &'a SectionPlan)>,
}

fn missing(field: String, kind: &str, id: &str) -> PlanDataError {
    PlanDataError {
        field,
        problem: format!("{kind} {id:?} does not exist"),
    }
}

impl<'a> Index<'a> {
    pub fn new(instance: &'a Instance, solution: &'a Solution) -> Self {
        let grid = &instance.time_grid;
        Index {
            instance,
            solution,
            courses: by_id(&instance.courses, |c| &c.id),
            slots: by_id(&grid.slots, |s| &s.id),
            days: by_id(&grid.days, |d| &d.id),
            sites: by_id(&instance.sites, |s| &s.id),
            rooms: by_id(&instance.rooms, |r| &r.id),
            teachers: by_id(&instance.teachers, |t| &t.id),
            trips: by_id(&instance.trips, |t| &t.id),
            nodes: by_id(&instance.road_network.nodes, |n| &n.id),
            sections: by_id(&solution.sections, |s| &s.id),
        }
    }

    pub fn course(
        &self,
        id: &str,
        field: impl Fn() -> String,
    ) -> Result<&'a Course, PlanDataError> {
        self.courses
            .get(id)
            .map(|c| c.1)
            .ok_or_else(|| missing(field(), "course", id))
    }

    pub fn site(&self, id: &str, field: impl Fn() -> String) -> Result<&'a Site, PlanDataError> {
        self.sites
            .get(id)
            .map(|s| s.1)
            .ok_or_else(|| missing(field(), "site", id))
    }

    pub fn teacher(
        &self,
        id: &str,
        field: impl Fn() -> String,
    ) -> Result<&'a Teacher, PlanDataError> {
        self.teachers
            .get(id)
            .map(|t| t.1)
            .ok_or_else(|| missing(field(), "teacher", id))
    }

    /// The trip with this id and its position in `trips`.
    pub fn trip(
        &self,
        id: &str,
        field: impl Fn() -> String,
    ) -> Result<(usize, &'a Trip), PlanDataError> {
        self.trips
            .get(id)
            .copied()
            .ok_or_else(|| missing(field(), "trip", id))
    }

    pub fn day(
        &self,
        id: &str,
        field: impl Fn() -> String,
    ) -> Result<(usize, &'a Day), PlanDataError> {
        self.days
            .get(id)
            .copied()
            .ok_or_else(|| missing(field(), "day", id))
    }

    /// The room with this id and its position in `rooms`.
    pub fn room(
        &self,
        id: &str,
        field: impl Fn() -> String,
    ) -> Result<(usize, &'a Room), PlanDataError> {
        self.rooms
            .get(id)
            .copied()
            .ok_or_else(|| missing(field(), "room", id))
    }

    /// The section with this id and its position in `solution.sections`.
    pub fn section(
        &self,
        id: &str,
        field: impl Fn() -> String,
    ) -> Result<(usize, &'a SectionPlan), PlanDataError> {
        self.sections
            .get(id)
            .copied()
            .ok_or_else(|| missing(field(), "section", id))
    }

    /// A road node's name, or its id when it has none; the id itself if unknown.
    pub fn node_label(&self, id: &str) -> String {
        match self.nodes.get(id) {
            Some((_, node)) if !node.name.is_empty() => node.name.clone(),
            _ => id.to_owned(),
        }
    }

    /// A slot with its day and readable clock times.
    pub fn slot(
        &self,
        id: &str,
        field: impl Fn() -> String,
    ) -> Result<SlotTimes<'a>, PlanDataError> {
        let (position, slot) = self
            .slots
            .get(id)
            .copied()
            .ok_or_else(|| missing(field(), "slot", id))?;
        let (_, day) = self.day(&slot.day, || format!("timeGrid.slots[{position}].day"))?;
        let clock = |text: &str, which: &str| {
            parse_clock(text).ok_or_else(|| PlanDataError {
                field: format!("timeGrid.slots[{position}].{which}"),
                problem: format!("{text:?} is not a clock time"),
            })
        };
        Ok(SlotTimes {
            position,
            day,
            start: clock(&slot.start, "start")?,
            end: clock(&slot.end, "end")?,
        })
    }
}

/// A site's name, or its id when it has none.
pub(crate) fn site_label(site: &Site) -> &str {
    if site.name.is_empty() {
        &site.id
    } else {
        &site.name
    }
}

/// "id name" for a course, or the id alone when it has no name.
pub(crate) fn course_label(course: &Course) -> String {
    if course.name.is_empty() {
        course.id.clone()
    } else {
        format!("{} {}", course.id, course.name)
    }
}

/// A teacher's name, or id when unnamed.
pub(crate) fn teacher_label(teacher: &Teacher) -> String {
    if teacher.name.is_empty() {
        teacher.id.clone()
    } else {
        format!("{} ({})", teacher.name, teacher.id)
    }
}

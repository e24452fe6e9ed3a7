//! The one index of a plan that every report reads from: the HTML page, the CSV
//! tables, the calendars, the unmet requests and the itemised costs.
//!
//! A plan read the way people ask about it: "what does S12 have on Tuesday", "who is in
//! room P12", "who rides the 07:20 bus". The solution file lists decisions by section
//! and by student; this index turns them around once, by slot and by entity. Beside
//! those views it looks entities up by id two ways: as a view (`index.courses.get(id)`:
//! a reference the instance lacks is shown as its id, never a panic) and as an export
//! that must be exact (`index.course(id, field)`: a [`PlanDataError`] naming the field).
//!
//! It is a view, not a judge: the checker decides whether the plan keeps the rules.

use std::collections::{BTreeMap, HashMap};

use super::lookup::ById;
pub use super::lookup::PlanDataError;
use crate::instance::parse_clock;
use crate::instance::{Course, Day, Instance, RoadNode, Room, Site, Slot, Student, Teacher, Trip};
use crate::solution::{Mode, SectionPlan, Solution};

/// A slot with its day and clock times read.
#[derive(Debug, Clone, Copy)]
pub struct SlotTimes<'a> {
    /// Position in `timeGrid.slots`: the order of the week.
    pub position: usize,
    pub day: &'a Day,
    pub start: u32,
    pub end: u32,
}

/// One lesson as one person or room lives it: a section in a slot, and where.
#[derive(Debug, Clone)]
pub struct Lesson<'a> {
    pub slot: &'a str,
    pub section: &'a SectionPlan,
    /// In person, remote (the student watches the stream), or a stream this room or
    /// site receives.
    pub mode: Mode,
    /// The site where this lesson is lived (the section's site, or a receiving site).
    pub site: &'a str,
    /// The room used there.
    pub room: &'a str,
}

/// A student's ride: board `trip` at `from` at `board` (minutes), alight at `to` at
/// `alight`.
#[derive(Debug, Clone)]
pub struct Ride<'a> {
    pub student: &'a str,
    pub day: &'a str,
    pub trip: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    /// Stop indices on the trip (board, alight), when the trip stops there in order.
    pub stops: Option<(usize, usize)>,
    pub board: Option<u32>,
    pub alight: Option<u32>,
}

/// Lookups by id, and the plan turned around by entity.
pub struct PlanIndex<'a> {
    pub instance: &'a Instance,
    pub solution: &'a Solution,
    pub slots: ById<'a, Slot>,
    pub days: ById<'a, Day>,
    /// Slots of each day in time order, days in the instance's order.
    pub grid: Vec<(&'a Day, Vec<&'a Slot>)>,
    pub sites: ById<'a, Site>,
    pub rooms: ById<'a, Room>,
    pub teachers: ById<'a, Teacher>,
    pub courses: ById<'a, Course>,
    pub students: ById<'a, Student>,
    pub trips: ById<'a, Trip>,
    pub nodes: ById<'a, RoadNode>,
    /// The plan's sections, by id, with their positions in `solution.sections`.
    pub sections: ById<'a, SectionPlan>,
    /// Sections of each course, in plan order.
    pub sections_of_course: HashMap<&'a str, Vec<&'a SectionPlan>>,
    /// Students attending each section (either mode), in plan order.
    pub attendees: HashMap<&'a str, Vec<(&'a str, Mode, &'a str)>>,
    pub student_lessons: HashMap<&'a str, Vec<Lesson<'a>>>,
    pub teacher_lessons: HashMap<&'a str, Vec<Lesson<'a>>>,
    pub room_lessons: HashMap<&'a str, Vec<Lesson<'a>>>,
    pub site_lessons: HashMap<&'a str, Vec<Lesson<'a>>>,
    /// Every ride of every student, by (trip, day), in plan order.
    pub rides: BTreeMap<(&'a str, &'a str), Vec<Ride<'a>>>,
    pub student_rides: HashMap<&'a str, Vec<Ride<'a>>>,
}

impl<'a> PlanIndex<'a> {
    pub fn new(instance: &'a Instance, solution: &'a Solution) -> PlanIndex<'a> {
        let time_grid = &instance.time_grid;
        let grid = time_grid
            .days
            .iter()
            .map(|day| {
                let mut of_day: Vec<&Slot> =
                    time_grid.slots.iter().filter(|s| s.day == day.id).collect();
                of_day.sort_by_key(|s| parse_clock(&s.start));
                (day, of_day)
            })
            .collect();
        let mut sections_of_course: HashMap<&str, Vec<&SectionPlan>> = HashMap::new();
        for s in &solution.sections {
            sections_of_course
                .entry(s.course.as_str())
                .or_default()
                .push(s);
        }
        let mut index = PlanIndex {
            instance,
            solution,
            slots: ById::new("slot", &time_grid.slots, |s| &s.id),
            days: ById::new("day", &time_grid.days, |d| &d.id),
            grid,
            sites: ById::new("site", &instance.sites, |s| &s.id),
            rooms: ById::new("room", &instance.rooms, |r| &r.id),
            teachers: ById::new("teacher", &instance.teachers, |t| &t.id),
            courses: ById::new("course", &instance.courses, |c| &c.id),
            students: ById::new("student", &instance.students, |s| &s.id),
            trips: ById::new("trip", &instance.trips, |t| &t.id),
            nodes: ById::new("road node", &instance.road_network.nodes, |n| &n.id),
            sections: ById::new("section", &solution.sections, |s| &s.id),
            sections_of_course,
            attendees: HashMap::new(),
            student_lessons: HashMap::new(),
            teacher_lessons: HashMap::new(),
            room_lessons: HashMap::new(),
            site_lessons: HashMap::new(),
            rides: BTreeMap::new(),
            student_rides: HashMap::new(),
        };
        index.index_sections();
        index.index_students();
        index
    }

    fn index_sections(&mut self) {
        for section in &self.solution.sections {
            for slot in &section.slots {
                let sending = Lesson {
                    slot,
                    section,
                    mode: Mode::InPerson,
                    site: &section.site,
                    room: &section.room,
                };
                push(&mut self.teacher_lessons, &section.teacher, sending.clone());
                push(&mut self.room_lessons, &section.room, sending.clone());
                push(&mut self.site_lessons, &section.site, sending);
                for stream in &section.streams {
                    let receiving = Lesson {
                        slot,
                        section,
                        mode: Mode::Remote,
                        site: &stream.site,
                        room: &stream.room,
                    };
                    push(&mut self.room_lessons, &stream.room, receiving.clone());
                    push(&mut self.site_lessons, &stream.site, receiving);
                }
            }
        }
    }

    fn index_students(&mut self) {
        for plan in &self.solution.students {
            for attendance in &plan.sections {
                let Some(section) = self.sections.get(&attendance.section) else {
                    continue;
                };
                self.attendees
                    .entry(section.id.as_str())
                    .or_default()
                    .push((&plan.student, attendance.mode, &attendance.site));
                let room = match attendance.mode {
                    Mode::InPerson => section.room.as_str(),
                    Mode::Remote => section
                        .streams
                        .iter()
                        .find(|s| s.site == attendance.site)
                        .map_or("", |s| s.room.as_str()),
                };
                for slot in &section.slots {
                    push(
                        &mut self.student_lessons,
                        &plan.student,
                        Lesson {
                            slot,
                            section,
                            mode: attendance.mode,
                            site: &attendance.site,
                            room,
                        },
                    );
                }
            }
            for leg in &plan.legs {
                let trip = self.trips.get(&leg.trip);
                let stops = trip.and_then(|t| {
                    let board = t.stops.iter().position(|s| s.node == leg.from)?;
                    let alight = board + t.stops[board..].iter().position(|s| s.node == leg.to)?;
                    Some((board, alight))
                });
                let time = |i: usize| trip.and_then(|t| parse_clock(&t.stops[i].time));
                let ride = Ride {
                    student: &plan.student,
                    day: &leg.day,
                    trip: &leg.trip,
                    from: &leg.from,
                    to: &leg.to,
                    stops,
                    board: stops.and_then(|(b, _)| time(b)),
                    alight: stops.and_then(|(_, a)| time(a)),
                };
                self.rides
                    .entry((leg.trip.as_str(), leg.day.as_str()))
                    .or_default()
                    .push(ride.clone());
                push(&mut self.student_rides, &plan.student, ride);
            }
        }
    }

    /// The course with this id; `field` names where the id was read.
    pub fn course(
        &self,
        id: &str,
        field: impl FnOnce() -> String,
    ) -> Result<&'a Course, PlanDataError> {
        self.courses.find(id, field).map(|(_, course)| course)
    }

    pub fn site(
        &self,
        id: &str,
        field: impl FnOnce() -> String,
    ) -> Result<&'a Site, PlanDataError> {
        self.sites.find(id, field).map(|(_, site)| site)
    }

    pub fn teacher(
        &self,
        id: &str,
        field: impl FnOnce() -> String,
    ) -> Result<&'a Teacher, PlanDataError> {
        self.teachers.find(id, field).map(|(_, teacher)| teacher)
    }

    /// The trip with this id and its position in `trips`.
    pub fn trip(
        &self,
        id: &str,
        field: impl FnOnce() -> String,
    ) -> Result<(usize, &'a Trip), PlanDataError> {
        self.trips.find(id, field)
    }

    pub fn day(
        &self,
        id: &str,
        field: impl FnOnce() -> String,
    ) -> Result<(usize, &'a Day), PlanDataError> {
        self.days.find(id, field)
    }

    /// The room with this id and its position in `rooms`.
    pub fn room(
        &self,
        id: &str,
        field: impl FnOnce() -> String,
    ) -> Result<(usize, &'a Room), PlanDataError> {
        self.rooms.find(id, field)
    }

    /// The section with this id and its position in `solution.sections`.
    pub fn section(
        &self,
        id: &str,
        field: impl FnOnce() -> String,
    ) -> Result<(usize, &'a SectionPlan), PlanDataError> {
        self.sections.find(id, field)
    }

    /// A slot with its day and readable clock times.
    pub fn slot(
        &self,
        id: &str,
        field: impl FnOnce() -> String,
    ) -> Result<SlotTimes<'a>, PlanDataError> {
        let (position, slot) = self.slots.find(id, field)?;
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

    /// Whether two slots of the instance overlap in time (same day, open intervals).
    pub fn overlap(&self, a: &str, b: &str) -> bool {
        let (Some(a), Some(b)) = (self.slots.get(a), self.slots.get(b)) else {
            return a == b;
        };
        let times = |s: &Slot| (parse_clock(&s.start), parse_clock(&s.end));
        match (times(a), times(b)) {
            ((Some(a0), Some(a1)), (Some(b0), Some(b1))) => a.day == b.day && a0 < b1 && b0 < a1,
            _ => a.id == b.id,
        }
    }
}

fn push<'a, T>(map: &mut HashMap<&'a str, Vec<T>>, key: &'a str, value: T) {
    map.entry(key).or_default().push(value);
}

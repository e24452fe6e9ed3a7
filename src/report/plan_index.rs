//! A plan read the way people ask about it: "what does S12 have on Tuesday", "who is in
//! room P12", "who rides the 07:20 bus". The solution file lists decisions by section
//! and by student; this index turns them around once, by slot and by entity, so that
//! every page of the report reads from the same lookups.
//!
//! It is a view, not a judge: the checker decides whether the plan keeps the rules. A
//! reference the instance lacks is shown as its id, never a panic.

use std::collections::{BTreeMap, HashMap};

use crate::instance::parse_clock;
use crate::instance::{Course, Day, Instance, Room, Site, Slot, Student, Teacher, Trip};
use crate::solution::{Mode, SectionPlan, Solution};

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
    pub slots: HashMap<&'a str, &'a Slot>,
    /// Slots of each day in time order, days in the instance's order.
    pub grid: Vec<(&'a Day, Vec<&'a Slot>)>,
    pub sites: HashMap<&'a str, &'a Site>,
    pub rooms: HashMap<&'a str, &'a Room>,
    pub teachers: HashMap<&'a str, &'a Teacher>,
    pub courses: HashMap<&'a str, &'a Course>,
    pub students: HashMap<&'a str, &'a Student>,
    pub trips: HashMap<&'a str, &'a Trip>,
    pub nodes: HashMap<&'a str, &'a str>,
    pub sections: HashMap<&'a str, &'a SectionPlan>,
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
        let grid_slots = &instance.time_grid.slots;
        let slots: HashMap<&str, &Slot> = grid_slots.iter().map(|s| (s.id.as_str(), s)).collect();
        let grid = instance
            .time_grid
            .days
            .iter()
            .map(|day| {
                let mut of_day: Vec<&Slot> =
                    grid_slots.iter().filter(|s| s.day == day.id).collect();
                of_day.sort_by_key(|s| parse_clock(&s.start));
                (day, of_day)
            })
            .collect();
        let sections: HashMap<&str, &SectionPlan> = solution
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s))
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
            slots,
            grid,
            sites: instance.sites.iter().map(|x| (x.id.as_str(), x)).collect(),
            rooms: instance.rooms.iter().map(|x| (x.id.as_str(), x)).collect(),
            teachers: instance
                .teachers
                .iter()
                .map(|x| (x.id.as_str(), x))
                .collect(),
            courses: instance
                .courses
                .iter()
                .map(|x| (x.id.as_str(), x))
                .collect(),
            students: instance
                .students
                .iter()
                .map(|x| (x.id.as_str(), x))
                .collect(),
            trips: instance.trips.iter().map(|x| (x.id.as_str(), x)).collect(),
            nodes: instance
                .road_network
                .nodes
                .iter()
                .map(|n| (n.id.as_str(), n.name.as_str()))
                .collect(),
            sections,
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
                let Some(section) = self.sections.get(attendance.section.as_str()).copied() else {
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
                let trip = self.trips.get(leg.trip.as_str()).copied();
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

    /// "Mon 08:15-09:30" for a slot id, or the id itself when the instance lacks it.
    pub fn slot_label(&self, slot: &str) -> String {
        match self.slots.get(slot) {
            Some(s) => format!("{} {}-{}", self.day_name(&s.day), s.start, s.end),
            None => slot.to_owned(),
        }
    }

    pub fn day_name(&self, day: &str) -> String {
        self.grid
            .iter()
            .find(|(d, _)| d.id == day)
            .map_or(
                day,
                |(d, _)| if d.name.is_empty() { &d.id } else { &d.name },
            )
            .to_owned()
    }

    pub fn site_name(&self, site: &str) -> String {
        named(site, self.sites.get(site).map(|s| s.name.as_str()))
    }

    /// A site's name alone (its id when it has none): for cells on a phone.
    pub fn site_short(&self, site: &str) -> String {
        match self.sites.get(site) {
            Some(s) if !s.name.is_empty() => s.name.clone(),
            _ => site.to_owned(),
        }
    }

    pub fn node_name(&self, node: &str) -> String {
        named(node, self.nodes.get(node).copied())
    }

    pub fn course_name(&self, course: &str) -> String {
        named(course, self.courses.get(course).map(|c| c.name.as_str()))
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

/// "Pello lukio (SP)" when the entity has a name, else its id.
fn named(id: &str, name: Option<&str>) -> String {
    match name {
        Some(name) if !name.is_empty() && name != id => format!("{name} ({id})"),
        _ => id.to_owned(),
    }
}

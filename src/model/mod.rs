//! The problem as the solver sees it: dense indices instead of string ids, clock times
//! in minutes, and the travel tables precomputed once.
//!
//! `instance` is what users wrote; `Model` is what it means. Building a `Model` resolves
//! every id and refuses (with `ModelError`) anything `validate` would reject, so code
//! downstream indexes without checking. Travel between places is precomputed here with
//! petgraph: road times and km between nodes, and which bus trips can carry a student
//! from one place to another between two points of a day (see `travel`).

mod build;
mod travel;

pub use build::ModelError;
pub use travel::{RoadTable, TripOption};

use crate::instance::Instance;

pub type DayIx = usize;
pub type SlotIx = usize;
pub type NodeIx = usize;
pub type SiteIx = usize;
pub type RoomIx = usize;
pub type TeacherIx = usize;
pub type CourseIx = usize;
pub type StudentIx = usize;
pub type TripIx = usize;
pub type PatternIx = usize;

#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    pub days: Vec<Day>,
    pub slots: Vec<Slot>,
    pub patterns: Vec<Pattern>,
    pub nodes: Vec<String>,
    pub roads: RoadTable,
    pub sites: Vec<Site>,
    pub rooms: Vec<Room>,
    pub teachers: Vec<Teacher>,
    pub courses: Vec<Course>,
    pub students: Vec<Student>,
    pub trips: Vec<Trip>,
    pub transfer_buffer: f64,
    pub weights: crate::instance::ObjectiveWeights,
}

#[derive(Debug, Clone)]
pub struct Day {
    pub id: String,
    /// The day's slots in time order.
    pub slots: Vec<SlotIx>,
}

#[derive(Debug, Clone)]
pub struct Slot {
    pub id: String,
    pub day: DayIx,
    /// Position within the day's time-ordered slots.
    pub position: usize,
    pub start: f64,
    pub end: f64,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    pub slots: Vec<SlotIx>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub id: String,
    pub node: NodeIx,
    pub max_streams: u32,
}

#[derive(Debug, Clone)]
pub struct Room {
    pub id: String,
    pub site: SiteIx,
    pub capacity: u32,
    pub features: Vec<String>,
    pub video: bool,
}

#[derive(Debug, Clone)]
pub struct Teacher {
    pub id: String,
    pub home_site: SiteIx,
    pub can_teach: Vec<CourseIx>,
    pub sites: Vec<SiteIx>,
    pub unavailable: Vec<SlotIx>,
    pub max_lessons: u32,
}

/// When a section of a course takes place.
#[derive(Debug, Clone)]
pub enum Timing {
    /// Exactly one of these patterns.
    Pattern(Vec<PatternIx>),
    /// This many distinct slots of the section's choosing.
    FreeSlots(usize),
}

#[derive(Debug, Clone)]
pub struct Course {
    pub id: String,
    pub timing: Timing,
    pub features: Vec<String>,
    pub min_size: u32,
    pub max_size: u32,
    pub max_sections: usize,
    pub sites: Vec<SiteIx>,
    pub remote_allowed: bool,
    pub prefer_in_person: bool,
    pub section_cost: f64,
}

#[derive(Debug, Clone)]
pub struct Student {
    pub id: String,
    pub home: NodeIx,
    pub requests: Vec<Request>,
}

/// A single request or a one-of group: met when the student attends one of `courses`.
#[derive(Debug, Clone)]
pub struct Request {
    pub courses: Vec<CourseIx>,
    pub weight: f64,
    pub mandatory: bool,
    /// The one-of group id, or `None` for a single request.
    pub group: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Trip {
    pub id: String,
    pub days: Vec<DayIx>,
    pub capacity: u32,
    pub optional: bool,
    pub cost_per_run: f64,
    pub stops: Vec<TripStop>,
}

#[derive(Debug, Clone, Copy)]
pub struct TripStop {
    pub node: NodeIx,
    pub time: f64,
}

impl Model {
    /// Resolves a validated instance. Fails on anything `validate` reports as an error.
    pub fn new(instance: &Instance) -> Result<Model, ModelError> {
        build::build(instance)
    }

    pub fn room_fits(&self, room: RoomIx, course: CourseIx) -> bool {
        let room = &self.rooms[room];
        self.courses[course]
            .features
            .iter()
            .all(|f| room.features.contains(f))
    }

    /// The slots a section of `course` may occupy in one of its timing choices.
    pub fn slots_of_pattern(&self, pattern: PatternIx) -> &[SlotIx] {
        &self.patterns[pattern].slots
    }

    pub fn site_node(&self, site: SiteIx) -> NodeIx {
        self.sites[site].node
    }
}

//! The instance file format: what schedulers write, exactly as they write it.
//!
//! These types mirror the JSON file one to one (camelCase fields, unknown fields
//! rejected). They hold ids as strings and numbers as they were written, signed and
//! unchecked, so that `validate` can report every problem with the entity id and the
//! field path instead of stopping at the first one. Nothing here interprets the data:
//! resolving ids, parsing clock times and precomputing travel is `model`'s job.

mod clock;
mod dates;
mod hash;
mod read;
mod shape;

pub use clock::{format_clock, parse_clock};
pub use dates::{WEEKDAY_NAMES, parse_date, parse_time_zone, parse_weekday};
pub use hash::instance_hash;

pub use read::{Place, ReadError, read_instance, read_instance_str};
pub(crate) use read::{parse_json, parse_objects, read_text};
pub(crate) use shape::array_for_object_in;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The format version this build of kopa reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// One planning problem: a weekly timetable for one period, with transport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Instance {
    /// Must be 1.
    pub format_version: u32,
    /// Short name, e.g. "tornio-valley".
    pub name: String,
    /// Free text for people: what this instance is, where its numbers come from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The calendar weeks the weekly timetable repeats in. Optional: only calendars
    /// (`report::calendar`) need dates; planning does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    pub time_grid: TimeGrid,
    pub road_network: RoadNetwork,
    pub sites: Vec<Site>,
    pub rooms: Vec<Room>,
    pub teachers: Vec<Teacher>,
    pub courses: Vec<Course>,
    pub students: Vec<Student>,
    #[serde(default)]
    pub trips: Vec<Trip>,
    pub transport: TransportRules,
    pub weights: ObjectiveWeights,
}

/// Where the weekly timetable sits in the calendar: it repeats every week from `start`
/// for `weeks` weeks, at the wall-clock times of `timeZone`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Period {
    /// First day of the period, "YYYY-MM-DD".
    pub start: String,
    /// How many weeks the timetable repeats; positive.
    pub weeks: i64,
    /// IANA time zone of the slots' clock times, e.g. "Europe/Helsinki".
    pub time_zone: String,
}

/// Days, lesson slots and optional patterns (bars, vocational blocks).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimeGrid {
    pub days: Vec<Day>,
    pub slots: Vec<Slot>,
    #[serde(default)]
    pub patterns: Vec<Pattern>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Day {
    /// e.g. "Mon".
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The day of the week this day falls on: "Mon", "Tue", ... "Sun". Needed with
    /// `period` to put lessons on dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<String>,
}

/// A lesson slot on one day, with clock times "HH:MM" (24 h).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Slot {
    /// e.g. "Mon1".
    pub id: String,
    /// A day id.
    pub day: String,
    /// Clock time the lesson starts, "HH:MM".
    pub start: String,
    /// Clock time the lesson ends, "HH:MM"; after `start`.
    pub end: String,
}

/// A named set of slots that a section occupies as a whole: a lukio bar
/// ("bar 3 = Mon2, Wed4, Thu1") or a vocational half-day block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pattern {
    pub id: String,
    /// Courses name the kind of pattern they need, e.g. "bar" or "halfDayBlock".
    pub kind: String,
    /// Slot ids, each at most once.
    pub slots: Vec<String>,
}

/// Nodes and roads; shortest paths give teachers' car times and distances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoadNetwork {
    pub nodes: Vec<RoadNode>,
    pub roads: Vec<Road>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoadNode {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// A road between two nodes, usable in both directions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Road {
    pub from: String,
    pub to: String,
    /// Driving time by car, minutes; positive.
    pub minutes: f64,
    /// Length, km; positive.
    pub km: f64,
}

/// A campus: a lukio, a school centre, a vocational teaching point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Site {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub municipality: String,
    /// The road node the site stands at. Sites at the same node are within walking
    /// distance of each other: moving between them needs no bus.
    pub node: String,
    /// How many remote-teaching streams (sent or received) the site can run at once.
    #[serde(default)]
    pub max_streams: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Room {
    pub id: String,
    pub site: String,
    /// Seats; positive.
    pub capacity: i64,
    /// Features a course may require, e.g. "lab", "workshop-metal", "kitchen".
    #[serde(default)]
    pub features: Vec<String>,
    /// Has camera, display and a bridge connection: can send or receive one stream.
    #[serde(default)]
    pub video: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Teacher {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The site the teacher's working day starts and ends at.
    pub home_site: String,
    /// Course ids the teacher may teach.
    pub can_teach: Vec<String>,
    /// Site ids the teacher may teach at (teach *from*, for a remote lesson).
    pub sites: Vec<String>,
    /// Slot ids in which the teacher cannot teach.
    #[serde(default)]
    pub unavailable: Vec<String>,
    /// Most lessons (slots) a week the teacher may teach; positive.
    pub max_lessons_per_week: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Programme {
    /// General upper secondary school.
    Lukio,
    /// Vocational education and training.
    Vocational,
    /// Both at once (kaksoistutkinto). Only valid for students.
    DoubleDegree,
}

/// A lukio course or a vocational unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Course {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// `lukio` or `vocational`.
    pub programme: Programme,
    /// A section takes this many slots of its own choosing each week.
    /// Give exactly one of `lessonsPerWeek` and `patternKind`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lessons_per_week: Option<i64>,
    /// A section takes exactly one pattern of this kind, e.g. "bar".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern_kind: Option<String>,
    /// Room features every room of a section must have (sending and receiving).
    #[serde(default)]
    pub features: Vec<String>,
    /// Fewest students for a section to open (in person and remote together).
    pub min_size: i64,
    /// Most students in a section.
    pub max_size: i64,
    /// Most sections that may open; positive.
    pub max_sections: i64,
    /// Site ids where a section may be taught (its teacher and sending room are there).
    pub sites: Vec<String>,
    /// Whether a section may be streamed to students at other sites.
    #[serde(default)]
    pub remote_allowed: bool,
    /// Better taught in person: each remote student-lesson costs
    /// `weights.remoteStudentLesson`.
    #[serde(default)]
    pub prefer_in_person: bool,
    /// Cost of opening one section (teacher hours), euros a week.
    pub section_cost: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Student {
    pub id: String,
    /// The road node the student lives at; each day starts and ends there.
    pub home: String,
    pub programme: Programme,
    /// Single courses the student asks for.
    #[serde(default)]
    pub requests: Vec<Request>,
    /// Groups of alternatives: the student takes at most one course of each group.
    #[serde(default)]
    pub one_of: Vec<OneOfRequest>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Request {
    pub course: String,
    /// How much an unmet request hurts, in units of `weights.unmetRequest`.
    pub weight: f64,
    /// A mandatory request must be met in every plan.
    #[serde(default)]
    pub mandatory: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OneOfRequest {
    /// Unique within the student, e.g. "lang-b".
    pub id: String,
    /// At least two course ids.
    pub courses: Vec<String>,
    pub weight: f64,
    #[serde(default)]
    pub mandatory: bool,
}

/// A scheduled bus run on given days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Trip {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Day ids on which the trip runs (or may run, if optional).
    pub days: Vec<String>,
    /// Seats; positive.
    pub capacity: i64,
    /// `false`: a line or school bus that runs anyway (its cost should be 0).
    /// `true`: a chartered run that costs `costPerRun` on each day the plan uses it.
    #[serde(default)]
    pub optional: bool,
    /// Euros per one-way run on one day.
    #[serde(default)]
    pub cost_per_run: f64,
    /// At least two stops, at distinct road nodes, times strictly increasing.
    pub stops: Vec<TripStop>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TripStop {
    /// A road node id.
    pub node: String,
    /// Clock time at the stop, "HH:MM".
    pub time: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransportRules {
    /// Minutes between leaving a lesson and a bus departing, and between a bus arriving
    /// and the next lesson starting; zero or more.
    pub transfer_buffer_minutes: f64,
}

/// Euro (or euro-equivalent) rates that turn each soft term into money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectiveWeights {
    /// Per unit of request weight left unmet.
    pub unmet_request: f64,
    /// Per km a teacher drives.
    pub teacher_km: f64,
    /// Per minute a student rides a bus.
    pub student_travel_minute: f64,
    /// Per student-lesson received remotely in a course that prefers in-person teaching.
    pub remote_student_lesson: f64,
    /// Per empty slot between a student's first and last lesson of a day.
    pub idle_slot: f64,
}

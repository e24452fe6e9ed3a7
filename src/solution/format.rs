//! The serde types of solution files (documented in `docs/solution-format.md`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The solution format version this build reads and writes.
pub const SOLUTION_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Solution {
    /// Must be 1.
    pub format_version: u32,
    /// Which instance this plan answers.
    pub instance: InstanceRef,
    /// How the plan was obtained.
    pub provenance: Provenance,
    /// The objective term by term, as claimed by whoever wrote the file.
    pub objective: ObjectiveTerms,
    /// Opened sections. Courses without a section here are not taught.
    pub sections: Vec<SectionPlan>,
    /// Each student's sections and bus legs. Students left out attend nothing.
    pub students: Vec<StudentPlan>,
    /// Optional trips the plan pays for, per day. Line trips run anyway.
    #[serde(default)]
    pub trip_runs: Vec<TripRun>,
    /// Teachers' drives between sites, for people to read (the checker recomputes km).
    #[serde(default)]
    pub teacher_drives: Vec<TeacherDrive>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InstanceRef {
    pub name: String,
    /// `kopa::instance::instance_hash` of the instance: SHA-256 of its canonical JSON.
    pub hash: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum SolveStatus {
    /// Proven optimal (within the solver's tolerances).
    Optimal,
    /// Stopped at the requested gap.
    GapLimit,
    /// A plan, not proven optimal, stopped for another reason.
    Feasible,
    /// Stopped by the time limit with this plan as the best found.
    TimeLimit,
    /// Stopped by an interrupt (SIGINT/SIGTERM) with this plan as the best found.
    Interrupted,
    /// Written by a person, not a solver.
    HandWritten,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provenance {
    pub status: SolveStatus,
    /// Version of the program that wrote the file, e.g. "kopa 0.1.0".
    pub producer: String,
    /// Search strategy, e.g. "exact", "decompose"; empty for hand-written plans.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub strategy: String,
    /// Best proven lower bound on the total objective, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_bound: Option<f64>,
    /// (objective - bound) / objective, when a bound is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// Wall-clock seconds spent. kopa does not write it (so that the same instance,
    /// seed and threads give a byte-identical file; `kopa solve` prints the time on
    /// stderr); files from elsewhere may carry it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threads: Option<u32>,
    /// Neighbourhoods solved side by side in each round of kopa's search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neighbourhoods: Option<usize>,
    /// The round of kopa's search that found this plan, when no clock decided any step
    /// that led to it: `kopa solve --rounds` this number, without `--time-limit`, with
    /// the same seed, threads and neighbourhoods, writes this plan again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounds: Option<usize>,
    /// Where the plan came from when it is not simply its own solve's: in a sweep,
    /// "its own search (seed 0)" or "found for scenario no-video (seed 0)" (a plan
    /// another scenario found, which the checker accepted in this one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// The objective, per week, in euros; see `docs/rules.md` for each term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectiveTerms {
    pub unmet_requests: f64,
    pub section_cost: f64,
    pub optional_trips: f64,
    pub teacher_driving: f64,
    pub student_travel: f64,
    pub remote_delivery: f64,
    pub idle_slots: f64,
    pub total: f64,
}

impl ObjectiveTerms {
    /// The terms with their names as in the file, in a fixed order.
    pub fn named(&self) -> [(&'static str, f64); 8] {
        [
            ("unmetRequests", self.unmet_requests),
            ("sectionCost", self.section_cost),
            ("optionalTrips", self.optional_trips),
            ("teacherDriving", self.teacher_driving),
            ("studentTravel", self.student_travel),
            ("remoteDelivery", self.remote_delivery),
            ("idleSlots", self.idle_slots),
            ("total", self.total),
        ]
    }

    /// Sum of the seven terms (what `total` should be).
    pub fn sum_of_terms(&self) -> f64 {
        self.unmet_requests
            + self.section_cost
            + self.optional_trips
            + self.teacher_driving
            + self.student_travel
            + self.remote_delivery
            + self.idle_slots
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SectionPlan {
    /// Unique within the solution, e.g. "MAA02-1".
    pub id: String,
    pub course: String,
    /// Where it is taught from (teacher and sending room are here).
    pub site: String,
    /// The sending room, at `site`.
    pub room: String,
    pub teacher: String,
    /// The pattern used, for a course with `patternKind`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Every slot the section occupies (the pattern's slots, for a pattern course).
    pub slots: Vec<String>,
    /// Sites the section is streamed to, each with its receiving room.
    #[serde(default)]
    pub streams: Vec<StreamPlan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StreamPlan {
    pub site: String,
    pub room: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StudentPlan {
    pub student: String,
    pub sections: Vec<Attendance>,
    /// Bus legs, one per change of place (see docs/rules.md, rule 6).
    #[serde(default)]
    pub legs: Vec<Leg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    InPerson,
    Remote,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attendance {
    pub section: String,
    pub mode: Mode,
    /// The site where the student sits: the section's site in person, a receiving
    /// site of the section when remote.
    pub site: String,
}

/// One ride: board `trip` at its stop at node `from`, alight at its later stop at `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Leg {
    pub day: String,
    pub trip: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TripRun {
    pub trip: String,
    pub day: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeacherDrive {
    pub teacher: String,
    pub day: String,
    pub from_site: String,
    pub to_site: String,
    pub km: f64,
}

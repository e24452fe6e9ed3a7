//! What every step of a solve reads and none changes: the instance as written, its
//! indexed model, each course's possible placements (enumerated once per solve, then
//! borrowed by every model the solve builds) and the index from a plan's ids to the
//! model's positions. Passed as one value instead of four arguments.

use std::collections::HashMap;

use crate::instance::Instance;
use crate::milp::configs::{CoursePlacements, TooManyTimings};
use crate::milp::{SectionSlot, section_id, section_slots};
use crate::model::Model;
use crate::solution::Solution;

pub struct SolveContext<'a> {
    pub instance: &'a Instance,
    pub model: &'a Model,
    /// Every course's placements (`milp::configs::enumerate`), in course order.
    pub placements: Vec<CoursePlacements>,
    pub sections: SectionIndex<'a>,
}

impl<'a> SolveContext<'a> {
    /// The context of `model` (resolved from `instance`); fails when a course has more
    /// timings than any model could hold.
    pub fn new(instance: &'a Instance, model: &'a Model) -> Result<Self, TooManyTimings> {
        let placements = (0..model.courses.len())
            .map(|c| crate::milp::configs::enumerate(model, c))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SolveContext {
            instance,
            model,
            placements,
            sections: SectionIndex::new(model),
        })
    }
}

/// Timetable indices of the sections in a plan, by the ids a plan gives them, and
/// students' positions by id.
pub struct SectionIndex<'m> {
    model: &'m Model,
    /// What each timetable index stands for (`milp::section_slots`).
    pub numbering: Vec<SectionSlot>,
    pub by_id: HashMap<String, usize>,
    /// Each student's position in the instance, by id.
    pub students: HashMap<&'m str, usize>,
}

impl<'m> SectionIndex<'m> {
    pub fn new(model: &'m Model) -> Self {
        let numbering = section_slots(model);
        SectionIndex {
            model,
            by_id: numbering
                .iter()
                .enumerate()
                .map(|(i, &slot)| (section_id(model, slot), i))
                .collect(),
            numbering,
            students: model
                .students
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect(),
        }
    }

    /// Per student (instance order), the timetable indices of their sections in `plan`.
    pub fn attended(&self, plan: &Solution) -> Vec<Vec<usize>> {
        let mut attended = vec![Vec::new(); self.model.students.len()];
        for student in &plan.students {
            if let Some(&s) = self.students.get(student.student.as_str()) {
                attended[s] = student
                    .sections
                    .iter()
                    .filter_map(|a| self.by_id.get(&a.section).copied())
                    .collect();
            }
        }
        attended
    }

    /// Whether the student `id` is one of the `active` ones (by position).
    pub fn decides(&self, active: &[bool], id: &str) -> bool {
        self.students
            .get(id)
            .is_some_and(|&i| active.get(i).copied().unwrap_or(false))
    }
}

//! Why is there no plan? A small set of mandatory requests that cannot hold together,
//! told in words a scheduler can act on.
//!
//! In kopa's rules every request that is not mandatory may go unmet and every section
//! may stay closed, so the empty plan meets every other hard rule: an instance without
//! a plan always has mandatory requests that cannot all be met. Which ones is found by
//! a deletion filter over them, each step a feasibility question to the exact model
//! with only some requests held mandatory (`Builder::build_enforcing`): a request is
//! dropped from the set when the others still cannot hold without it. What remains is
//! irreducible (each request in it is needed for the conflict) when every question got
//! an answer within the time limit. Then the facts behind it are read off the instance
//! (when each course can be taught and by whom, how full it can get, whether the
//! student can get there) to say why.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::milp::Builder;
use crate::milp::configs::{self, CoursePlacements};
use crate::model::{CourseIx, Model, SlotIx, StudentIx};
use crate::solve::highs::{self, MipLimits, MipStatus};
use crate::solve::{Environment, Progress};

/// What `explain` found.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase", tag = "verdict")]
pub enum Explanation {
    /// A plan exists.
    Feasible,
    /// These mandatory requests cannot all be met.
    Conflict(Conflict),
    /// No answer within the time limit.
    Unknown { reason: String },
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// (student id, course ids of the request).
    pub requests: Vec<ConflictRequest>,
    /// Every request is needed for the conflict (each question was answered in time).
    pub irreducible: bool,
    /// The conflict and its reasons, in words.
    pub sentences: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConflictRequest {
    pub student: String,
    pub courses: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error(transparent)]
    Placements(#[from] configs::TooManyTimings),
    #[error(transparent)]
    Mip(#[from] highs::MipError),
}

type RequestKey = (StudentIx, usize);

/// Explains why `model` has no plan, asking the exact model at most `seconds` per
/// question.
pub fn explain(
    model: &Model,
    env: &Environment,
    seconds: f64,
) -> Result<Explanation, ExplainError> {
    let all: Vec<RequestKey> = model
        .students
        .iter()
        .enumerate()
        .flat_map(|(s, st)| {
            st.requests
                .iter()
                .enumerate()
                .filter(|(_, r)| r.mandatory)
                .map(move |(r, _)| (s, r))
        })
        .collect();
    let facts = Facts::new(model)?;
    let ask = |held: &BTreeSet<RequestKey>| -> Result<Option<bool>, ExplainError> {
        let built = Builder::build_enforcing(model, &facts.placements, held.clone());
        let limits = MipLimits {
            seconds: Some(seconds),
            // Any plan answers the question: stop at the first.
            relative_gap: Some(1.0),
            ..MipLimits::default()
        };
        let mut quiet = env.clone();
        quiet.progress = Progress::silent();
        // Its own limit per question, whatever was left of a solve's.
        quiet.stop = env.stop.without_limit();
        let result = highs::solve(built, &quiet, limits, &[])?;
        Ok(match result.status {
            MipStatus::Infeasible => Some(false),
            MipStatus::NoSolution => None,
            _ => Some(true),
        })
    };
    let mut held: BTreeSet<RequestKey> = all.iter().copied().collect();
    match ask(&held)? {
        Some(true) => return Ok(Explanation::Feasible),
        None => {
            return Ok(Explanation::Unknown {
                reason: format!("no answer within {seconds} s"),
            });
        }
        Some(false) => {}
    }
    let mut irreducible = true;
    // Whole students first (most conflicts are one student's, or one course's), then
    // single requests.
    let students: BTreeSet<StudentIx> = all.iter().map(|&(s, _)| s).collect();
    for s in students {
        let without: BTreeSet<RequestKey> = held.iter().copied().filter(|k| k.0 != s).collect();
        if without.len() < held.len() && ask(&without)? == Some(false) {
            held = without;
        }
    }
    for key in held.clone() {
        let mut without = held.clone();
        without.remove(&key);
        match ask(&without)? {
            Some(false) => held = without,
            Some(true) => {}
            None => irreducible = false,
        }
    }
    let requests: Vec<RequestKey> = held.into_iter().collect();
    Ok(Explanation::Conflict(Conflict {
        requests: requests
            .iter()
            .map(|&(s, r)| ConflictRequest {
                student: model.students[s].id.clone(),
                courses: facts.course_ids(&model.students[s].requests[r].courses),
            })
            .collect(),
        irreducible,
        sentences: facts.sentences(&requests),
    }))
}

/// What the instance says about when and where each course can be taught.
struct Facts<'m> {
    model: &'m Model,
    placements: Vec<CoursePlacements>,
}

impl<'m> Facts<'m> {
    fn new(model: &'m Model) -> Result<Self, configs::TooManyTimings> {
        let placements = (0..model.courses.len())
            .map(|c| configs::enumerate(model, c))
            .collect::<Result<_, _>>()?;
        Ok(Facts { model, placements })
    }

    fn course_ids(&self, courses: &[CourseIx]) -> Vec<String> {
        courses
            .iter()
            .map(|&c| self.model.courses[c].id.clone())
            .collect()
    }

    /// The slot sets in which course `c` can be taught at all.
    fn timings(&self, c: CourseIx) -> Vec<Vec<SlotIx>> {
        let p = &self.placements[c];
        let used: BTreeSet<usize> = p.placements.iter().map(|pl| pl.timing).collect();
        used.into_iter()
            .map(|t| p.timings[t].slots.clone())
            .collect()
    }

    fn slot_names(&self, slots: &[SlotIx]) -> String {
        slots
            .iter()
            .map(|&s| self.model.slots[s].id.as_str())
            .collect::<Vec<_>>()
            .join("+")
    }

    /// When `c` can be taught, and what rules out the other times.
    fn when(&self, c: CourseIx) -> String {
        let m = self.model;
        let timings = self.timings(c);
        let possible = if timings.is_empty() {
            "at no time".to_owned()
        } else {
            format!(
                "only in {}",
                timings
                    .iter()
                    .map(|t| self.slot_names(t))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )
        };
        let qualified: Vec<&crate::model::Teacher> = m
            .teachers
            .iter()
            .filter(|t| t.can_teach.contains(&c))
            .collect();
        let unavailable: Vec<String> = qualified
            .iter()
            .filter(|t| !t.unavailable.is_empty())
            .map(|t| {
                format!(
                    "{} is unavailable in {}",
                    t.id,
                    self.slot_names(&t.unavailable)
                )
            })
            .collect();
        let teachers = qualified
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut text = format!(
            "{} can be taught {possible} (qualified teachers: {teachers}",
            m.courses[c].id
        );
        if !unavailable.is_empty() {
            text.push_str("; ");
            text.push_str(&unavailable.join("; "));
        }
        text.push(')');
        text
    }

    /// Most students course `c` can take in one week, over all its sections.
    fn capacity(&self, c: CourseIx) -> u32 {
        let course = &self.model.courses[c];
        course.max_size * course.max_sections as u32
    }

    fn sentences(&self, requests: &[RequestKey]) -> Vec<String> {
        let m = self.model;
        let describe = |&(s, r): &RequestKey| {
            format!(
                "{} -> {}",
                m.students[s].id,
                self.course_ids(&m.students[s].requests[r].courses)
                    .join(" or ")
            )
        };
        let mut out = Vec::new();
        let listed = requests.iter().map(describe).collect::<Vec<_>>().join(", ");
        let students: BTreeSet<StudentIx> = requests.iter().map(|&(s, _)| s).collect();
        let courses: BTreeSet<CourseIx> = requests
            .iter()
            .flat_map(|&(s, r)| m.students[s].requests[r].courses.iter().copied())
            .collect();
        match (requests.len(), students.len(), courses.len()) {
            (1, _, _) => {
                let (s, r) = requests[0];
                out.push(format!(
                    "mandatory request {} cannot be met, whatever else the plan does",
                    describe(&requests[0])
                ));
                for &c in &m.students[s].requests[r].courses {
                    out.push(format!("{}.", self.when(c)));
                    out.push(self.reach(s, c));
                }
            }
            (_, 1, _) => {
                let s = requests[0].0;
                out.push(format!(
                    "{} cannot take all of these mandatory courses at once: {listed}",
                    m.students[s].id
                ));
                let clash = courses.len() == 2 && {
                    let v: Vec<CourseIx> = courses.iter().copied().collect();
                    self.timings(v[0]).iter().all(|a| {
                        self.timings(v[1])
                            .iter()
                            .all(|b| a.iter().any(|slot| b.contains(slot)))
                    })
                };
                if clash {
                    out.push("every time one can be taught overlaps every time the other can: they clash in any timetable".to_owned());
                }
                for &c in &courses {
                    out.push(format!("{}.", self.when(c)));
                }
            }
            (n, _, 1) => {
                let c = *courses.iter().next().unwrap_or(&0);
                out.push(format!(
                    "{n} students must take {}, more than it can hold: {listed}",
                    m.courses[c].id
                ));
                out.push(format!(
                    "{} opens at most {} section(s) of at most {} students ({} in all); rooms, teachers and buses may allow fewer.",
                    m.courses[c].id,
                    m.courses[c].max_sections,
                    m.courses[c].max_size,
                    self.capacity(c)
                ));
            }
            _ => {
                out.push(format!(
                    "these mandatory requests cannot all be met together: {listed}"
                ));
                for &c in &courses {
                    out.push(format!("{}.", self.when(c)));
                }
            }
        }
        out
    }

    /// Whether student `s` can get to where `c` can be taught, in words.
    fn reach(&self, s: StudentIx, c: CourseIx) -> String {
        let m = self.model;
        let student = &m.students[s];
        let course = &m.courses[c];
        let home = &m.nodes[student.home];
        let sites: Vec<&str> = course
            .sites
            .iter()
            .map(|&x| m.sites[x].id.as_str())
            .collect();
        let reachable = self.placements[c].placements.iter().any(|p| {
            let node = m.site_node(p.site);
            node == student.home
                || self.placements[c].timings[p.timing]
                    .slots
                    .iter()
                    .all(|&slot| {
                        let sl = &m.slots[slot];
                        let there = m
                            .rides(sl.day, student.home, node)
                            .iter()
                            .any(|o| o.arrival + m.transfer_buffer <= sl.start);
                        let back = m
                            .rides(sl.day, node, student.home)
                            .iter()
                            .any(|o| o.departure >= sl.end + m.transfer_buffer);
                        there && back
                    })
        });
        let remote = if course.remote_allowed {
            "it may be streamed to a video room nearer home"
        } else {
            "it may not be taught remotely"
        };
        if reachable {
            format!(
                "{} (home {home}) can reach a site of {} ({}) by bus in time for some of its possible times; {remote}.",
                student.id,
                course.id,
                sites.join(", ")
            )
        } else {
            format!(
                "{} (home {home}) has no bus that reaches {} before a time {} can be taught there and returns after it, and {remote}.",
                student.id,
                sites.join(" or "),
                course.id
            )
        }
    }
}

//! The facts behind a conflict, read off the instance alone: when each course can be
//! taught and by whom, how many students it can hold, whether a student can get to it.
//! Kept apart from the search for the conflict (`mod.rs`) because each sentence here
//! must be a fact of the instance, whatever the solver answered.

use std::collections::BTreeSet;

use crate::milp::configs::{self, CoursePlacements};
use crate::model::{CourseIx, Model, SiteIx, SlotIx, StudentIx};
use crate::words;

/// A mandatory request: (student, index of the request in the student's list).
pub(super) type RequestKey = (StudentIx, usize);

/// What the instance says about when and where each course can be taught.
pub(super) struct Facts<'m> {
    model: &'m Model,
    pub(super) placements: Vec<CoursePlacements>,
}

impl<'m> Facts<'m> {
    pub(super) fn new(model: &'m Model) -> Result<Self, configs::TooManyTimings> {
        let placements = (0..model.courses.len())
            .map(|c| configs::enumerate(model, c))
            .collect::<Result<_, _>>()?;
        Ok(Facts { model, placements })
    }

    pub(super) fn course_ids(&self, courses: &[CourseIx]) -> Vec<String> {
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
    fn capacity(&self, c: CourseIx) -> u64 {
        let course = &self.model.courses[c];
        u64::from(course.max_size).saturating_mul(course.max_sections as u64)
    }

    pub(super) fn sentences(&self, requests: &[RequestKey]) -> Vec<String> {
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
                    out.extend(self.reach(s, c));
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
                    "{} take {}, more than it can hold: {listed}",
                    words::count(n, "student must", "students must"),
                    m.courses[c].id
                ));
                out.push(format!(
                    "{} opens at most {} of at most {} ({} in all); rooms, teachers and buses may allow fewer.",
                    m.courses[c].id,
                    words::count(m.courses[c].max_sections, "section", "sections"),
                    words::count(m.courses[c].max_size as usize, "student", "students"),
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

    /// Whether student `s` can get to where `c` can be taught, in words; nothing when
    /// `c` can be taught at no time (then where the student lives says nothing).
    fn reach(&self, s: StudentIx, c: CourseIx) -> Option<String> {
        let m = self.model;
        let student = &m.students[s];
        let course = &m.courses[c];
        let home = &m.nodes[student.home];
        let placements = &self.placements[c];
        if placements.placements.is_empty() {
            return None;
        }
        let sites = |pick: &dyn Fn(SiteIx) -> bool| -> Vec<&str> {
            let mut ids: Vec<SiteIx> = placements.placements.iter().map(|p| p.site).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.into_iter()
                .filter(|&x| pick(x))
                .map(|x| m.sites[x].id.as_str())
                .collect()
        };
        let at_home = sites(&|x| m.site_node(x) == student.home);
        let remote = self.remote(c);
        if !at_home.is_empty() {
            return Some(format!(
                "{} lives at {home}, where {} can be taught (at {}): no bus is needed; {remote}.",
                student.id,
                course.id,
                at_home.join(", ")
            ));
        }
        let by_bus = placements.placements.iter().any(|p| {
            let node = m.site_node(p.site);
            placements.timings[p.timing].slots.iter().all(|&slot| {
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
        let sites = sites(&|_| true);
        Some(if by_bus {
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
        })
    }

    /// Whether `c` may be streamed, and where to: the other sites with a video room
    /// that run streams (`maxStreams` above 0).
    fn remote(&self, c: CourseIx) -> String {
        let m = self.model;
        let course = &m.courses[c];
        if !course.remote_allowed {
            return "it may not be taught remotely".to_owned();
        }
        let receivers: Vec<&str> = (0..m.sites.len())
            .filter(|&x| {
                !course.sites.contains(&x)
                    && m.sites[x].max_streams > 0
                    && m.rooms.iter().any(|r| r.site == x && r.video)
            })
            .map(|x| m.sites[x].id.as_str())
            .collect();
        if receivers.is_empty() {
            "it may be taught remotely, but no other site has a video room and streams".to_owned()
        } else {
            format!(
                "it may be taught remotely, to a video room at {}",
                receivers.join(" or ")
            )
        }
    }
}

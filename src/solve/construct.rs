//! A greedy timetable to start the search from, in well under a second.
//!
//! The monolithic model's root LP alone can take longer than a planner waits (measured
//! on a synthetic 80-student instance: no useful incumbent after 25 s). This builds a
//! reasonable timetable directly: courses in order of demand (mandatory first), each
//! section in the placement that the most still-unplaced requesters can attend (free in
//! those slots, living at the site's node or reached by a stream the section adds),
//! opened when the requests it serves are worth more than it costs. Students are
//! placed only tentatively, to steer later courses; the exact assignment decides.

use std::collections::{BTreeMap, BTreeSet};

use crate::milp::configs::CoursePlacements;
use crate::milp::{SectionChoice, Timetable};
use crate::model::{CourseIx, Model, NodeIx, RoomIx, SiteIx, SlotIx, StudentIx};

/// Builds a timetable for `model`; `courses[c]` are the placements of course c, and
/// sections are numbered as in `milp::Builder` (course by course, k = 0, 1, ...).
pub fn greedy_timetable(model: &Model, courses: &[CoursePlacements]) -> Timetable {
    let mut state = State::new(model);
    let mut section_base = Vec::with_capacity(courses.len());
    let mut total = 0;
    for c in &model.courses {
        section_base.push(total);
        total += c.max_sections;
    }
    let mut timetable = Timetable {
        sections: vec![None; total],
    };
    let mut requesters: BTreeMap<CourseIx, Vec<(StudentIx, f64, bool)>> = BTreeMap::new();
    for (s, student) in model.students.iter().enumerate() {
        for request in &student.requests {
            let share = request.weight / request.courses.len() as f64;
            for &c in &request.courses {
                requesters.entry(c).or_default().push((
                    s,
                    share,
                    request.mandatory && request.courses.len() == 1,
                ));
            }
        }
    }
    let mut order: Vec<CourseIx> = requesters.keys().copied().collect();
    let priority = |c: &CourseIx| {
        let list = &requesters[c];
        let mandatory = list.iter().filter(|r| r.2).count();
        let weight: f64 = list.iter().map(|r| r.1).sum();
        (mandatory, (weight * 1000.0) as i64)
    };
    order.sort_by_key(|c| std::cmp::Reverse(priority(c)));
    for course in order {
        let spec = &model.courses[course];
        let mut waiting: Vec<(StudentIx, f64, bool)> = requesters[&course].clone();
        for k in 0..spec.max_sections {
            waiting.retain(|&(s, _, _)| !state.has_course_group(s, course));
            if waiting.is_empty() {
                break;
            }
            let Some(best) = state.best_section(course, &courses[course], &waiting) else {
                break;
            };
            let worth = best.value * model.weights.unmet_request >= spec.section_cost;
            if !(worth || best.serves_mandatory) {
                break;
            }
            state.commit(course, &courses[course], &best);
            for &s in &best.students {
                waiting.retain(|w| w.0 != s);
            }
            timetable.sections[section_base[course] + k] = Some(SectionChoice {
                placement: best.placement,
                streams: best.streams.iter().map(|&(_, room)| room).collect(),
            });
        }
    }
    timetable
}

struct Candidate {
    placement: usize,
    /// (receiving site, receiving room)
    streams: Vec<(SiteIx, RoomIx)>,
    students: Vec<StudentIx>,
    value: f64,
    serves_mandatory: bool,
}

struct State<'m> {
    model: &'m Model,
    teacher_busy: BTreeSet<(usize, SlotIx)>,
    /// (teacher, day) -> node taught at that day.
    teacher_day_node: BTreeMap<(usize, usize), NodeIx>,
    teacher_load: Vec<usize>,
    room_busy: BTreeSet<(RoomIx, SlotIx)>,
    site_streams: BTreeMap<(SiteIx, SlotIx), u32>,
    student_busy: BTreeSet<(StudentIx, SlotIx)>,
    student_courses: BTreeSet<(StudentIx, CourseIx)>,
}

impl<'m> State<'m> {
    fn new(model: &'m Model) -> Self {
        State {
            model,
            teacher_busy: BTreeSet::new(),
            teacher_day_node: BTreeMap::new(),
            teacher_load: vec![0; model.teachers.len()],
            room_busy: BTreeSet::new(),
            site_streams: BTreeMap::new(),
            student_busy: BTreeSet::new(),
            student_courses: BTreeSet::new(),
        }
    }

    /// Whether the student already has this course or another of its one-of group.
    fn has_course_group(&self, s: StudentIx, course: CourseIx) -> bool {
        self.model.students[s]
            .requests
            .iter()
            .filter(|r| r.courses.contains(&course))
            .any(|r| {
                r.courses
                    .iter()
                    .any(|&c| self.student_courses.contains(&(s, c)))
            })
    }

    fn stream_room(&self, course: CourseIx, site: SiteIx, slots: &[SlotIx]) -> Option<RoomIx> {
        let m = self.model;
        let cap_ok = slots.iter().all(|&t| {
            self.site_streams.get(&(site, t)).copied().unwrap_or(0) < m.sites[site].max_streams
        });
        if !cap_ok {
            return None;
        }
        (0..m.rooms.len()).find(|&r| {
            m.rooms[r].site == site
                && m.rooms[r].video
                && m.room_fits(r, course)
                && slots.iter().all(|&t| !self.room_busy.contains(&(r, t)))
        })
    }

    fn best_section(
        &self,
        course: CourseIx,
        placements: &CoursePlacements,
        waiting: &[(StudentIx, f64, bool)],
    ) -> Option<Candidate> {
        let m = self.model;
        let spec = &m.courses[course];
        let mut best: Option<Candidate> = None;
        let mut evaluated = BTreeSet::new();
        for (p, placement) in placements.placements.iter().enumerate() {
            let slots = &placements.timings[placement.timing].slots;
            let node = m.site_node(placement.site);
            let teacher_free = slots.iter().all(|&t| {
                !self.teacher_busy.contains(&(placement.teacher, t))
                    && self
                        .teacher_day_node
                        .get(&(placement.teacher, m.slots[t].day))
                        .is_none_or(|&n| n == node)
            }) && self.teacher_load[placement.teacher] + slots.len()
                <= m.teachers[placement.teacher].max_lessons as usize;
            let room_free = slots
                .iter()
                .all(|&t| !self.room_busy.contains(&(placement.room, t)));
            if !teacher_free || !room_free {
                continue;
            }
            let sending_video = spec.remote_allowed && m.rooms[placement.room].video;
            // Placements differing only in teacher or in a room of the same size and
            // kind serve the same students: the first one free stands for them all.
            let serves = (
                placement.timing,
                placement.site,
                m.rooms[placement.room].capacity,
                sending_video,
            );
            if !evaluated.insert(serves) {
                continue;
            }
            let mut streams: Vec<(SiteIx, RoomIx)> = Vec::new();
            let mut students = Vec::new();
            let mut value = 0.0;
            let mut serves_mandatory = false;
            let mut seats_here = m.rooms[placement.room].capacity as usize;
            for &(s, weight, mandatory) in waiting {
                if students.len() >= spec.max_size as usize {
                    break;
                }
                if slots.iter().any(|&t| self.student_busy.contains(&(s, t))) {
                    continue;
                }
                let home = m.students[s].home;
                // Remote when a stream to a site at the student's home node exists or
                // can be added; in person otherwise (then travel may or may not work out,
                // so such a student counts half).
                let mut remote = false;
                if home != node && sending_video {
                    let remote_site = (0..m.sites.len())
                        .find(|&site| m.site_node(site) == home && site != placement.site);
                    if let Some(site) = remote_site {
                        if streams.iter().any(|&(st, _)| st == site) {
                            remote = true;
                        } else if let Some(room) = self.stream_room(course, site, slots) {
                            streams.push((site, room));
                            remote = true;
                        }
                    }
                }
                if !remote {
                    if seats_here == 0 {
                        continue;
                    }
                    seats_here -= 1;
                }
                let factor = if remote || home == node { 1.0 } else { 0.5 };
                students.push(s);
                value += weight * factor;
                serves_mandatory |= mandatory;
            }
            if best.as_ref().is_none_or(|b| value > b.value + 1e-9) {
                best = Some(Candidate {
                    placement: p,
                    streams,
                    students,
                    value,
                    serves_mandatory,
                });
            }
        }
        best
    }

    fn commit(&mut self, course: CourseIx, placements: &CoursePlacements, chosen: &Candidate) {
        let m = self.model;
        let placement = &placements.placements[chosen.placement];
        let slots = &placements.timings[placement.timing].slots;
        for &t in slots {
            self.teacher_busy.insert((placement.teacher, t));
            self.teacher_day_node.insert(
                (placement.teacher, m.slots[t].day),
                m.site_node(placement.site),
            );
            self.room_busy.insert((placement.room, t));
            if !chosen.streams.is_empty() {
                *self.site_streams.entry((placement.site, t)).or_default() += 1;
            }
            for &(site, room) in &chosen.streams {
                self.room_busy.insert((room, t));
                *self.site_streams.entry((site, t)).or_default() += 1;
            }
            for &s in &chosen.students {
                self.student_busy.insert((s, t));
            }
        }
        self.teacher_load[placement.teacher] += slots.len();
        for &s in &chosen.students {
            self.student_courses.insert((s, course));
        }
    }
}

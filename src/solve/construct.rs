//! A greedy timetable to start the search from, in well under a second.
//!
//! The monolithic model's root LP alone can take longer than a planner waits (measured
//! on a synthetic 80-student instance: no useful incumbent after 25 s). This builds a
//! reasonable timetable directly: courses in order of demand (mandatory first), each
//! section in the placement that the most still-unplaced requesters can attend (free in
//! those slots, living at the site's node or reached by a stream the section adds),
//! opened when the requests it serves are worth more than it costs. Students are
//! placed only tentatively, to steer later courses; the exact assignment decides.
//!
//! A student counts for a section only if the buses can take them to its site (or to a
//! site receiving its stream) for all its lessons ([`Presence`]). Counting everyone
//! filled the first sections of a course with students from towns 200 km away, who
//! were then taken as placed: on a generated 2,000-student region, 34 students in
//! Tornio asked for a course with no section in Tornio.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::presence::Presence;

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
    /// Where students living at each home node can be, by the buses.
    presence: HashMap<NodeIx, Presence>,
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
            presence: model
                .students
                .iter()
                .map(|s| s.home)
                .collect::<BTreeSet<NodeIx>>()
                .into_iter()
                .map(|home| (home, Presence::of(model, home)))
                .collect(),
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

    /// Whether `site` can take part in one more stream (sent or received) in every
    /// one of `slots` under its `maxStreams`.
    fn has_free_stream(&self, site: SiteIx, slots: &[SlotIx]) -> bool {
        slots.iter().all(|&t| {
            self.site_streams.get(&(site, t)).copied().unwrap_or(0)
                < self.model.sites[site].max_streams
        })
    }

    fn stream_room(&self, course: CourseIx, site: SiteIx, slots: &[SlotIx]) -> Option<RoomIx> {
        let m = self.model;
        if !self.has_free_stream(site, slots) {
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
                let presence = &self.presence[&home];
                let can_be_at =
                    |site: SiteIx| slots.iter().all(|&t| presence.can_be_at(m, site, t));
                // Remote when a stream to a site at the student's home node exists or
                // can be added; in person when the student can get to the site; else
                // remote at another site they can get to. Travel may or may not work
                // out (the reach by bus ignores the other lessons of the day), so a
                // student who must travel counts half.
                let receiving = |site: SiteIx| site != placement.site && can_be_at(site);
                let stream_to = |streams: &[(SiteIx, RoomIx)], at_home: bool| {
                    let wanted =
                        |site: SiteIx| receiving(site) && (m.site_node(site) == home) == at_home;
                    if let Some(&(site, _)) = streams.iter().find(|&&(site, _)| wanted(site)) {
                        return Some((site, None));
                    }
                    // A section's first stream counts in its own site's `maxStreams`.
                    if streams.is_empty() && !self.has_free_stream(placement.site, slots) {
                        return None;
                    }
                    (0..m.sites.len())
                        .filter(|&site| wanted(site))
                        .find_map(|site| {
                            self.stream_room(course, site, slots)
                                .map(|room| (site, Some(room)))
                        })
                };
                let mut remote = false;
                let mut factor = 1.0;
                if home != node {
                    let can_come = can_be_at(placement.site);
                    let chosen = if !sending_video {
                        None
                    } else if let Some(found) = stream_to(&streams, true) {
                        Some(found)
                    } else if can_come {
                        None
                    } else {
                        stream_to(&streams, false)
                    };
                    match chosen {
                        Some((site, room)) => {
                            if let Some(room) = room {
                                streams.push((site, room));
                            }
                            remote = true;
                            if m.site_node(site) != home {
                                factor = 0.5;
                            }
                        }
                        None if can_come => factor = 0.5,
                        None => continue,
                    }
                }
                if !remote {
                    if seats_here == 0 {
                        continue;
                    }
                    seats_here -= 1;
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::Instance;
    use crate::milp::configs::enumerate;

    /// Two towns with a road but no bus between them, three students in one and two in the
    /// other, all asking for one course taught in both: the students who cannot get
    /// to the first section are not taken as placed there, so each town gets one.
    #[test]
    fn students_who_cannot_get_to_a_section_wait_for_one_they_can() {
        let student = |id: &str, home: &str| {
            serde_json::json!({"id": id, "home": home, "programme": "lukio",
                "requests": [{"course": "MAA01", "weight": 1}]})
        };
        let text = serde_json::json!({
            "formatVersion": 1,
            "name": "two-towns-no-bus",
            "timeGrid": {
                "days": [{"id": "Mon", "name": "Monday"}],
                "slots": [{"id": "Mon1", "day": "Mon", "start": "08:15", "end": "09:30"}]
            },
            "roadNetwork": {"nodes": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "roads": [{"from": "a", "to": "b", "minutes": 120, "km": 150}]},
            "sites": [
                {"id": "A-L", "name": "A lukio", "municipality": "A", "node": "a"},
                {"id": "B-L", "name": "B lukio", "municipality": "B", "node": "b"}
            ],
            "rooms": [
                {"id": "A1", "site": "A-L", "capacity": 10},
                {"id": "B1", "site": "B-L", "capacity": 10}
            ],
            "teachers": [
                {"id": "TA", "homeSite": "A-L", "canTeach": ["MAA01"], "sites": ["A-L"], "maxLessonsPerWeek": 4},
                {"id": "TB", "homeSite": "B-L", "canTeach": ["MAA01"], "sites": ["B-L"], "maxLessonsPerWeek": 4}
            ],
            "courses": [{"id": "MAA01", "name": "Maths 1", "programme": "lukio", "lessonsPerWeek": 1,
                "minSize": 1, "maxSize": 10, "maxSections": 2, "sites": ["A-L", "B-L"], "sectionCost": 10}],
            "students": [student("S1", "a"), student("S2", "a"), student("S3", "a"),
                student("S4", "b"), student("S5", "b")],
            "trips": [],
            "transport": {"transferBufferMinutes": 5},
            "weights": {"unmetRequest": 1000, "teacherKm": 0.5, "studentTravelMinute": 0.2,
                "remoteStudentLesson": 10, "idleSlot": 5}
        })
        .to_string();
        let instance: Instance = serde_json::from_str(&text).expect("parses");
        let model = Model::new(&instance).expect("valid");
        let placements = vec![enumerate(&model, 0).expect("placements")];
        let timetable = greedy_timetable(&model, &placements);
        let mut sites: Vec<&str> = timetable
            .sections
            .iter()
            .flatten()
            .map(|choice| {
                let site = placements[0].placements[choice.placement].site;
                model.sites[site].id.as_str()
            })
            .collect();
        sites.sort_unstable();
        assert_eq!(sites, ["A-L", "B-L"]);
    }
}

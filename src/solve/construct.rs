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
//! The same rule, given a plan, adds sections for the requests the plan leaves unmet
//! ([`add_sections_for_unmet`]): the students' other lessons are then where the plan
//! put them, not where the greedy guessed.
//!
//! A student counts for a section only if the buses can take them to its site (or to a
//! site receiving its stream) for all its lessons ([`Presence`]). Counting everyone
//! filled the first sections of a course with students from towns 200 km away, who
//! were then taken as placed: on a generated 2,000-student region, 34 students in
//! Tornio asked for a course with no section in Tornio.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::presence::Presence;

use crate::milp::configs::CoursePlacements;
use crate::milp::{SectionChoice, SectionSlot, Timetable};
use crate::model::{CourseIx, Model, NodeIx, RoomIx, SiteIx, SlotIx, StudentIx};

/// Builds a timetable for `model`; `courses[c]` are the placements of course c, and
/// sections are numbered as in `milp::Builder` (course by course, k = 0, 1, ...).
pub fn greedy_timetable(model: &Model, courses: &[CoursePlacements]) -> Timetable {
    let mut state = State::new(model);
    let section_base = section_base(model);
    let mut timetable = Timetable {
        sections: vec![None; model.courses.iter().map(|c| c.max_sections).sum()],
    };
    let requesters = requesters(model);
    let order = by_demand(&requesters);
    for course in order {
        let free: Vec<usize> = (0..model.courses[course].max_sections)
            .map(|k| section_base[course] + k)
            .collect();
        for section in state.open_sections(course, &courses[course], &requesters[&course], &free) {
            timetable.sections[section.index] = Some(section.choice);
        }
    }
    timetable
}

/// A section [`add_sections_for_unmet`] would open, and the students it counted on.
#[derive(Debug, Clone)]
pub struct AddedSection {
    /// Index in the timetable.
    pub index: usize,
    pub choice: SectionChoice,
    pub students: Vec<StudentIx>,
}

/// Sections to add to `timetable` for the requests a plan leaves unmet, each where it
/// serves the most of them and only while worth its cost, one after another (each
/// takes its teacher and rooms from those after it). `attended[s]` are the timetable
/// indices of student s's sections in the plan.
///
/// The greedy timetable places students only tentatively, and the assignment then
/// seats them otherwise: sections it did not open because their requesters looked
/// busy may be worth opening for those the plan left without them. In a region the
/// search's neighbourhoods are groups of students with the timetable kept, so this is
/// where new sections come from there.
pub fn add_sections_for_unmet(
    model: &Model,
    courses: &[CoursePlacements],
    numbering: &[SectionSlot],
    timetable: &Timetable,
    attended: &[Vec<usize>],
) -> Vec<AddedSection> {
    let mut state = State::new(model);
    for (index, choice) in timetable.sections.iter().enumerate() {
        if let Some(choice) = choice {
            state.occupy(&courses[numbering[index].course], choice);
        }
    }
    for (s, sections) in attended.iter().enumerate() {
        for &index in sections {
            let Some(choice) = &timetable.sections[index] else {
                continue;
            };
            let course = numbering[index].course;
            let placement = &courses[course].placements[choice.placement];
            state.place(s, course, &courses[course].timings[placement.timing].slots);
        }
    }
    let unserved: BTreeMap<CourseIx, Vec<(StudentIx, f64, bool)>> = requesters(model)
        .into_iter()
        .map(|(course, list)| {
            let waiting = list
                .into_iter()
                .filter(|&(s, _, _)| !state.has_course_group(s, course))
                .collect();
            (course, waiting)
        })
        .collect();
    let section_base = section_base(model);
    let mut added = Vec::new();
    for course in by_demand(&unserved) {
        let free: Vec<usize> = (0..model.courses[course].max_sections)
            .map(|k| section_base[course] + k)
            .filter(|&index| timetable.sections[index].is_none())
            .collect();
        added.extend(state.open_sections(course, &courses[course], &unserved[&course], &free));
    }
    added
}

/// Where each course's sections start in a timetable: course by course, `maxSections`
/// each, as `milp::Builder` numbers them.
fn section_base(model: &Model) -> Vec<usize> {
    model
        .courses
        .iter()
        .scan(0, |total, c| {
            let base = *total;
            *total += c.max_sections;
            Some(base)
        })
        .collect()
}

/// Per course, who asks for it: (student, the request's weight shared among its
/// courses, whether it is mandatory and this course the only one that meets it).
fn requesters(model: &Model) -> BTreeMap<CourseIx, Vec<(StudentIx, f64, bool)>> {
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
    requesters
}

/// Courses with the most mandatory requesters first, then by the weight asking.
fn by_demand(requesters: &BTreeMap<CourseIx, Vec<(StudentIx, f64, bool)>>) -> Vec<CourseIx> {
    let mut order: Vec<CourseIx> = requesters.keys().copied().collect();
    let priority = |c: &CourseIx| {
        let list = &requesters[c];
        let mandatory = list.iter().filter(|r| r.2).count();
        let weight: f64 = list.iter().map(|r| r.1).sum();
        (mandatory, (weight * 1000.0) as i64)
    };
    order.sort_by_key(|c| std::cmp::Reverse(priority(c)));
    order
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

    /// Opens sections of `course` in the timetable entries `free`, one after another,
    /// each where it serves the most of `requesters` not yet placed, while it is worth
    /// its cost (or serves a mandatory request); returns those it opened, for the
    /// caller to put in its timetable.
    fn open_sections(
        &mut self,
        course: CourseIx,
        placements: &CoursePlacements,
        requesters: &[(StudentIx, f64, bool)],
        free: &[usize],
    ) -> Vec<AddedSection> {
        let spec = &self.model.courses[course];
        let mut waiting: Vec<(StudentIx, f64, bool)> = requesters.to_vec();
        let mut opened = Vec::new();
        for &index in free {
            waiting.retain(|&(s, _, _)| !self.has_course_group(s, course));
            if waiting.is_empty() {
                break;
            }
            let Some(best) = self.best_section(course, placements, &waiting) else {
                break;
            };
            let worth = best.value * self.model.weights.unmet_request >= spec.section_cost;
            if !(worth || best.serves_mandatory) {
                break;
            }
            let choice = SectionChoice {
                placement: best.placement,
                streams: best.streams.iter().map(|&(_, room)| room).collect(),
            };
            self.commit(course, placements, &choice, &best.students);
            for &s in &best.students {
                waiting.retain(|w| w.0 != s);
            }
            opened.push(AddedSection {
                index,
                choice,
                students: best.students,
            });
        }
        opened
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

    /// Takes what a section placed as `choice` needs, and places `students` in it.
    fn commit(
        &mut self,
        course: CourseIx,
        placements: &CoursePlacements,
        choice: &SectionChoice,
        students: &[StudentIx],
    ) {
        self.occupy(placements, choice);
        let placement = &placements.placements[choice.placement];
        for &s in students {
            self.place(s, course, &placements.timings[placement.timing].slots);
        }
    }

    /// Student `s` takes `course`, busy in `slots`.
    fn place(&mut self, s: StudentIx, course: CourseIx, slots: &[SlotIx]) {
        self.student_courses.insert((s, course));
        for &t in slots {
            self.student_busy.insert((s, t));
        }
    }

    /// Takes the teacher, rooms and streams of a section placed as `choice`.
    fn occupy(&mut self, placements: &CoursePlacements, choice: &SectionChoice) {
        let m = self.model;
        let placement = &placements.placements[choice.placement];
        let slots = &placements.timings[placement.timing].slots;
        for &t in slots {
            self.teacher_busy.insert((placement.teacher, t));
            self.teacher_day_node.insert(
                (placement.teacher, m.slots[t].day),
                m.site_node(placement.site),
            );
            self.room_busy.insert((placement.room, t));
            if !choice.streams.is_empty() {
                *self.site_streams.entry((placement.site, t)).or_default() += 1;
            }
            for &room in &choice.streams {
                self.room_busy.insert((room, t));
                *self
                    .site_streams
                    .entry((m.rooms[room].site, t))
                    .or_default() += 1;
            }
        }
        self.teacher_load[placement.teacher] += slots.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::Instance;
    use crate::milp::configs::enumerate;

    /// A lukio student at road node `home` asking for MAA01.
    fn maa01_requester(id: &str, home: &str) -> serde_json::Value {
        serde_json::json!({"id": id, "home": home, "programme": "lukio",
            "requests": [{"course": "MAA01", "weight": 1}]})
    }

    /// The model of an instance given as JSON (valid by construction in these tests).
    fn model_of(instance: &serde_json::Value) -> Model {
        let instance: Instance = serde_json::from_str(&instance.to_string()).expect("parses");
        Model::new(&instance).expect("valid")
    }

    /// Two towns with a road but no bus between them, three students in one and two in the
    /// other, all asking for one course taught in both: the students who cannot get
    /// to the first section are not taken as placed there, so each town gets one.
    #[test]
    fn students_who_cannot_get_to_a_section_wait_for_one_they_can() {
        let student = maa01_requester;
        let model = model_of(&serde_json::json!({
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
        }));
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

    /// One town, one teacher, two slots; a course of at most two students that the
    /// plan opened once (Mon1) for two of its three requesters.
    fn one_section_for_three(section_cost: f64) -> Model {
        let student = |id: &str| maa01_requester(id, "a");
        model_of(&serde_json::json!({
            "formatVersion": 1,
            "name": "one-section-for-three",
            "timeGrid": {
                "days": [{"id": "Mon", "name": "Monday"}],
                "slots": [
                    {"id": "Mon1", "day": "Mon", "start": "08:15", "end": "09:30"},
                    {"id": "Mon2", "day": "Mon", "start": "09:45", "end": "11:00"}
                ]
            },
            "roadNetwork": {"nodes": [{"id": "a", "name": "A"}], "roads": []},
            "sites": [{"id": "A-L", "name": "A lukio", "municipality": "A", "node": "a"}],
            "rooms": [{"id": "A1", "site": "A-L", "capacity": 10}],
            "teachers": [{"id": "TA", "homeSite": "A-L", "canTeach": ["MAA01"], "sites": ["A-L"], "maxLessonsPerWeek": 4}],
            "courses": [{"id": "MAA01", "name": "Maths 1", "programme": "lukio", "lessonsPerWeek": 1,
                "minSize": 1, "maxSize": 2, "maxSections": 2, "sites": ["A-L"], "sectionCost": section_cost}],
            "students": [student("S1"), student("S2"), student("S3")],
            "trips": [],
            "transport": {"transferBufferMinutes": 5},
            "weights": {"unmetRequest": 1000, "teacherKm": 0.5, "studentTravelMinute": 0.2,
                "remoteStudentLesson": 10, "idleSlot": 5}
        }))
    }

    /// The plan's timetable: MAA01-1 in Mon1 (the tests seat S1 and S2 in it).
    fn first_section_in_mon1(model: &Model, placements: &[CoursePlacements]) -> Timetable {
        let mon1 = placements[0]
            .placements
            .iter()
            .position(|p| placements[0].timings[p.timing].slots == [0])
            .expect("a placement in Mon1");
        let timetable = Timetable {
            sections: vec![
                Some(SectionChoice {
                    placement: mon1,
                    streams: Vec::new(),
                }),
                None,
            ],
        };
        assert_eq!(
            timetable.sections.len(),
            crate::milp::section_slots(model).len()
        );
        timetable
    }

    /// What [`add_sections_for_unmet`] adds when S1 and S2 sit in MAA01-1 (Mon1) and S3
    /// has nothing, and the course's placements.
    fn added_for_s3(section_cost: f64) -> (Vec<AddedSection>, Vec<CoursePlacements>) {
        let model = one_section_for_three(section_cost);
        let placements = vec![enumerate(&model, 0).expect("placements")];
        let numbering = crate::milp::section_slots(&model);
        let timetable = first_section_in_mon1(&model, &placements);
        let attended = vec![vec![0], vec![0], vec![]];
        let added = add_sections_for_unmet(&model, &placements, &numbering, &timetable, &attended);
        (added, placements)
    }

    #[test]
    fn a_section_is_added_for_the_requester_the_plan_left_out() {
        let (added, placements) = added_for_s3(10.0);
        assert_eq!(added.len(), 1, "one section for S3");
        let section = &added[0];
        assert_eq!(section.index, 1, "the course's second section");
        assert_eq!(section.students, vec![2]);
        let placement = &placements[0].placements[section.choice.placement];
        // The teacher teaches the first section in Mon1, so the second is in Mon2.
        assert_eq!(placements[0].timings[placement.timing].slots, vec![1]);
    }

    #[test]
    fn no_section_is_added_when_it_costs_more_than_the_requests_it_meets() {
        let (added, _) = added_for_s3(5_000.0);
        assert!(
            added.is_empty(),
            "a section of 5,000 for a request of 1,000"
        );
    }
}

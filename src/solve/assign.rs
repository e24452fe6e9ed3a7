//! Students placed for a fixed timetable without a MILP: a first plan at any size.
//!
//! The exact assignment is fast for a hundred students, but its model grows with
//! every student's day flows (measured: 1.7 million columns and no proven optimum in
//! 60 s for 515 students). A planner and the search both want *some* checked plan in
//! seconds. This places students request by request in rounds (every student's
//! mandatory requests first, then each student's next request by weight, so early
//! students do not take every seat), each in the section, seat and bus legs that add
//! the least cost and keep every rule: no clash, seats and section sizes, a bus for
//! each change of place with room on every segment. Sections left below their minimum
//! size close, their students try elsewhere, until nothing changes. If a mandatory
//! request stays unmet, it says which.

use std::collections::{BTreeMap, BTreeSet};

use crate::milp::configs::CoursePlacements;
use crate::milp::{SectionSlot, Timetable, section_id, section_plans, teacher_drives};
use crate::model::{CourseIx, DayIx, Model, NodeIx, RoomIx, SiteIx, SlotIx, StudentIx, TripIx};
use crate::solution::{Attendance, Leg, Mode, SectionPlan, StudentPlan, TeacherDrive, TripRun};

/// A plan's parts, as in a solution file.
pub struct GreedyPlan {
    pub sections: Vec<SectionPlan>,
    pub students: Vec<StudentPlan>,
    pub trip_runs: Vec<TripRun>,
    pub teacher_drives: Vec<TeacherDrive>,
}

/// A mandatory request the greedy assignment could not meet.
#[derive(Debug, Clone)]
pub struct UnmetMandatory {
    pub student: String,
    pub courses: Vec<String>,
}

/// Where a student can sit for a section: in person in the sending room or remotely
/// in a receiving room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Seat {
    section: usize,
    site: SiteIx,
    room: RoomIx,
    remote: bool,
}

#[derive(Debug, Clone, Copy)]
struct Ride {
    trip: TripIx,
    board: usize,
    alight: usize,
    minutes: f64,
}

#[derive(Clone)]
struct OpenSection {
    course: CourseIx,
    slots: Vec<SlotIx>,
    seats: Vec<Seat>,
}

#[derive(Clone)]
struct State<'m> {
    model: &'m Model,
    sections: BTreeMap<usize, OpenSection>,
    size: BTreeMap<usize, u32>,
    seated: BTreeMap<Seat, u32>,
    load: BTreeMap<(TripIx, DayIx, usize), u32>,
    runs: BTreeSet<(TripIx, DayIx)>,
    /// Per student: seats taken.
    taken: Vec<Vec<Seat>>,
    /// Per student and day: the legs ridden.
    legs: Vec<BTreeMap<DayIx, Vec<Ride>>>,
}

/// Places every student for `timetable`; `numbering` maps timetable indices to (course,
/// k) as `Builder::sections` does.
pub fn greedy_plan(
    model: &Model,
    courses: &[CoursePlacements],
    numbering: &[SectionSlot],
    timetable: &Timetable,
) -> Result<GreedyPlan, UnmetMandatory> {
    let mut state = State::new(model, courses, numbering, timetable);
    // Requests per student in the order they are tried: mandatory first, then by weight.
    let mut queues: Vec<Vec<usize>> = model
        .students
        .iter()
        .map(|student| {
            let mut order: Vec<usize> = (0..student.requests.len()).collect();
            // Among mandatory requests, those with the fewest sections go first.
            let choices = |r: usize| {
                student.requests[r]
                    .courses
                    .iter()
                    .map(|c| state.sections.values().filter(|o| o.course == *c).count())
                    .sum::<usize>()
            };
            order.sort_by(|&a, &b| {
                let (ra, rb) = (&student.requests[a], &student.requests[b]);
                rb.mandatory
                    .cmp(&ra.mandatory)
                    .then(if ra.mandatory {
                        choices(a).cmp(&choices(b))
                    } else {
                        std::cmp::Ordering::Equal
                    })
                    .then(rb.weight.total_cmp(&ra.weight))
                    .then(a.cmp(&b))
            });
            order
        })
        .collect();
    let mut retry: Vec<(StudentIx, usize)> = Vec::new();
    loop {
        // Rounds: each student's next request; every mandatory request before any
        // other.
        for mandatory_phase in [true, false] {
            let mut progressed = true;
            while progressed {
                progressed = false;
                for (s, queue) in queues.iter_mut().enumerate() {
                    let Some(&r) = queue.first() else { continue };
                    if model.students[s].requests[r].mandatory != mandatory_phase {
                        continue;
                    }
                    queue.remove(0);
                    progressed = true;
                    state.try_request(s, r);
                }
            }
        }
        for (s, r) in std::mem::take(&mut retry) {
            state.try_request(s, r);
        }
        // A mandatory request left unmet may displace what stands in its way.
        for (s, student) in model.students.iter().enumerate() {
            for (r, request) in student.requests.iter().enumerate() {
                if request.mandatory && !state.meets(s, request) {
                    state.repair(s, r);
                }
            }
        }
        // Sections below their minimum size close; their students try again.
        let small: Vec<usize> = state
            .sections
            .iter()
            .filter(|(ix, open)| {
                let size = state.size.get(ix).copied().unwrap_or(0);
                size > 0 && size < model.courses[open.course].min_size.max(1)
            })
            .map(|(&ix, _)| ix)
            .collect();
        let small: Vec<usize> = small.into_iter().filter(|&ix| !state.fill(ix)).collect();
        if small.is_empty() {
            break;
        }
        for ix in small {
            for (s, r) in state.close(ix) {
                retry.push((s, r));
            }
        }
    }
    for (s, student) in model.students.iter().enumerate() {
        for request in student.requests.iter().filter(|r| r.mandatory) {
            if !state.meets(s, request) {
                return Err(UnmetMandatory {
                    student: student.id.clone(),
                    courses: request
                        .courses
                        .iter()
                        .map(|&c| model.courses[c].id.clone())
                        .collect(),
                });
            }
        }
    }
    Ok(state.into_plan(courses, numbering, timetable))
}

impl<'m> State<'m> {
    fn new(
        model: &'m Model,
        courses: &[CoursePlacements],
        numbering: &[SectionSlot],
        timetable: &Timetable,
    ) -> Self {
        let mut sections = BTreeMap::new();
        for (ix, choice) in timetable.sections.iter().enumerate() {
            let Some(choice) = choice else { continue };
            let course = numbering[ix].course;
            let placement = &courses[course].placements[choice.placement];
            let mut seats = vec![Seat {
                section: ix,
                site: placement.site,
                room: placement.room,
                remote: false,
            }];
            seats.extend(choice.streams.iter().map(|&room| Seat {
                section: ix,
                site: model.rooms[room].site,
                room,
                remote: true,
            }));
            sections.insert(
                ix,
                OpenSection {
                    course,
                    slots: courses[course].timings[placement.timing].slots.clone(),
                    seats,
                },
            );
        }
        State {
            model,
            sections,
            size: BTreeMap::new(),
            seated: BTreeMap::new(),
            load: BTreeMap::new(),
            runs: BTreeSet::new(),
            taken: vec![Vec::new(); model.students.len()],
            legs: vec![BTreeMap::new(); model.students.len()],
        }
    }

    fn attends_course(&self, s: StudentIx, course: CourseIx) -> bool {
        self.taken[s]
            .iter()
            .any(|seat| self.sections[&seat.section].course == course)
    }

    fn meets(&self, s: StudentIx, request: &crate::model::Request) -> bool {
        request.courses.iter().any(|&c| self.attends_course(s, c))
    }

    /// Meets mandatory request `r` of student `s` by first taking out what blocks one
    /// of its sections: the student's own clashing lessons, or (when the section or seat
    /// is full) another student's attendance that no mandatory request needs; everyone
    /// displaced tries again elsewhere. Kept only if every mandatory request that was
    /// met still is.
    fn repair(&mut self, s: StudentIx, r: usize) {
        let model = self.model;
        let request = &model.students[s].requests[r];
        let candidates: Vec<usize> = self
            .sections
            .iter()
            .filter(|(_, o)| request.courses.contains(&o.course))
            .map(|(&ix, _)| ix)
            .collect();
        for ix in candidates {
            let before = self.clone();
            let slots = self.sections[&ix].slots.clone();
            let mut displaced: Vec<(StudentIx, Seat)> = self.taken[s]
                .iter()
                .filter(|seat| {
                    self.sections[&seat.section]
                        .slots
                        .iter()
                        .any(|slot| slots.contains(slot))
                })
                .map(|&seat| (s, seat))
                .collect();
            let full = self.size.get(&ix).copied().unwrap_or(0)
                >= model.courses[self.sections[&ix].course].max_size;
            if full {
                // Someone whose attendance here meets only optional requests.
                let course = self.sections[&ix].course;
                let optional = (0..model.students.len()).find_map(|other| {
                    let seat = self.taken[other].iter().find(|seat| seat.section == ix)?;
                    let needed = model.students[other]
                        .requests
                        .iter()
                        .any(|q| q.mandatory && q.courses.contains(&course));
                    (!needed && other != s).then_some((other, *seat))
                });
                match optional {
                    Some(d) => displaced.push(d),
                    None => continue,
                }
            }
            for &(who, seat) in &displaced {
                self.remove_seat(who, seat);
            }
            self.try_request(s, r);
            for &(who, seat) in &displaced {
                let course = self.sections[&seat.section].course;
                for (q, request) in model.students[who].requests.iter().enumerate() {
                    if request.courses.contains(&course) {
                        self.try_request(who, q);
                    }
                }
            }
            let still = |state: &State, who: StudentIx| {
                model.students[who]
                    .requests
                    .iter()
                    .filter(|q| q.mandatory && before.meets(who, q))
                    .all(|q| state.meets(who, q))
            };
            let everyone = displaced.iter().all(|&(who, _)| still(self, who)) && still(self, s);
            if everyone && self.meets(s, request) {
                return;
            }
            *self = before;
        }
    }

    /// Takes `seat` away from student `s` and replans the student's days (dropping
    /// nothing else: removing a lesson can only be refused by buses, in which case the
    /// seat stays).
    fn remove_seat(&mut self, s: StudentIx, seat: Seat) {
        let model = self.model;
        let mut with = self.taken[s].clone();
        with.retain(|t| *t != seat);
        let days: BTreeSet<DayIx> = self.sections[&seat.section]
            .slots
            .iter()
            .map(|&slot| model.slots[slot].day)
            .collect();
        let Some((_, legs)) = self.replan_days(s, &with, &days) else {
            return;
        };
        self.taken[s] = with;
        if let Some(n) = self.size.get_mut(&seat.section) {
            *n = n.saturating_sub(1);
        }
        if let Some(n) = self.seated.get_mut(&seat) {
            *n = n.saturating_sub(1);
        }
        for (day, rides) in legs {
            let old = self.legs[s].insert(day, rides.clone()).unwrap_or_default();
            self.unload(day, &old);
            self.load_rides(day, &rides);
        }
    }

    /// Tries to meet request `r` of student `s` in the cheapest feasible seat.
    fn try_request(&mut self, s: StudentIx, r: usize) {
        self.try_request_in(s, r, None);
    }

    /// Brings section `ix` up to its minimum size by moving in students of the
    /// course's other sections that stay at or above theirs; true when it got there.
    fn fill(&mut self, ix: usize) -> bool {
        let model = self.model;
        let course = self.sections[&ix].course;
        let min = model.courses[course].min_size.max(1);
        for other in 0..model.students.len() {
            if self.size.get(&ix).copied().unwrap_or(0) >= min {
                break;
            }
            let Some(&seat) = self.taken[other].iter().find(|seat| {
                seat.section != ix
                    && self.sections[&seat.section].course == course
                    && self.size.get(&seat.section).copied().unwrap_or(0) > min
            }) else {
                continue;
            };
            let Some(r) = model.students[other]
                .requests
                .iter()
                .position(|q| q.courses.contains(&course))
            else {
                continue;
            };
            let before = self.clone();
            self.remove_seat(other, seat);
            self.try_request_in(other, r, Some(ix));
            if !self.taken[other].iter().any(|t| t.section == ix) {
                *self = before;
            }
        }
        self.size.get(&ix).copied().unwrap_or(0) >= min
    }

    /// `try_request`, only in section `only` when given.
    fn try_request_in(&mut self, s: StudentIx, r: usize, only: Option<usize>) {
        let model = self.model;
        let request = &model.students[s].requests[r];
        // A student attends a course once, and one course of a one-of group.
        if self.meets(s, request) {
            return;
        }
        let busy: BTreeSet<SlotIx> = self.taken[s]
            .iter()
            .flat_map(|seat| self.sections[&seat.section].slots.iter().copied())
            .collect();
        let candidates: Vec<(Seat, BTreeSet<DayIx>, f64)> = self
            .sections
            .iter()
            .filter(|(ix, open)| {
                only.is_none_or(|o| o == **ix)
                    && request.courses.contains(&open.course)
                    && !open.slots.iter().any(|slot| busy.contains(slot))
                    && self.size.get(ix).copied().unwrap_or(0) < model.courses[open.course].max_size
            })
            .flat_map(|(_, open)| {
                let days: BTreeSet<DayIx> = open
                    .slots
                    .iter()
                    .map(|&slot| model.slots[slot].day)
                    .collect();
                let lessons = open.slots.len() as f64;
                let prefer_in_person = model.courses[open.course].prefer_in_person;
                open.seats.iter().map(move |&seat| {
                    let remote = if seat.remote && prefer_in_person {
                        lessons * model.weights.remote_student_lesson
                    } else {
                        0.0
                    };
                    (seat, days.clone(), remote)
                })
            })
            .filter(|(seat, _, _)| {
                self.seated.get(seat).copied().unwrap_or(0) < model.rooms[seat.room].capacity
            })
            .collect();
        let mut best: Option<(f64, Seat, BTreeMap<DayIx, Vec<Ride>>)> = None;
        for (seat, days, remote) in candidates {
            let mut with = self.taken[s].clone();
            with.push(seat);
            let Some((cost, legs)) = self.replan_days(s, &with, &days) else {
                continue;
            };
            let total = cost + remote;
            if best.as_ref().is_none_or(|(c, _, _)| total < *c - 1e-9) {
                best = Some((total, seat, legs));
            }
        }
        if let Some((_, seat, legs)) = best {
            self.commit(s, seat, legs);
        }
    }

    /// The student's legs on `days` with seats `with`, and their added cost (ride
    /// minutes and bought runs, in euros), or `None` when some day has no itinerary.
    fn replan_days(
        &mut self,
        s: StudentIx,
        with: &[Seat],
        days: &BTreeSet<DayIx>,
    ) -> Option<(f64, BTreeMap<DayIx, Vec<Ride>>)> {
        let mut cost = 0.0;
        let mut plans = BTreeMap::new();
        for &day in days {
            let old = self.legs[s].get(&day).cloned().unwrap_or_default();
            self.unload(day, &old);
            let planned = self.day_legs(s, with, day);
            self.load_rides(day, &old);
            let (legs, day_cost) = planned?;
            let old_cost: f64 = old.iter().map(|r| self.ride_cost(r)).sum();
            cost += day_cost - old_cost;
            plans.insert(day, legs);
        }
        Some((cost, plans))
    }

    fn ride_cost(&self, ride: &Ride) -> f64 {
        ride.minutes * self.model.weights.student_travel_minute
    }

    /// Legs for one day, each the cheapest trip with room that fits the time window.
    fn day_legs(&self, s: StudentIx, with: &[Seat], day: DayIx) -> Option<(Vec<Ride>, f64)> {
        let model = self.model;
        let mut lessons: Vec<(f64, f64, NodeIx)> = Vec::new();
        for seat in with {
            for &slot in &self.sections[&seat.section].slots {
                let sl = &model.slots[slot];
                if sl.day == day {
                    lessons.push((sl.start, sl.end, model.site_node(seat.site)));
                }
            }
        }
        lessons.sort_by(|a, b| a.0.total_cmp(&b.0));
        let home = model.students[s].home;
        // (node, free from (end of lesson + buffer), or None at home)
        let mut legs = Vec::new();
        let mut cost = 0.0;
        let mut at = home;
        let mut free_from: Option<f64> = None;
        let buffer = model.transfer_buffer;
        let mut stops: Vec<(NodeIx, Option<(f64, f64)>)> =
            lessons.iter().map(|&(a, b, n)| (n, Some((a, b)))).collect();
        if !stops.is_empty() {
            stops.push((home, None));
        }
        for (node, times) in stops {
            if node != at {
                let arrive_by = times.map(|(start, _)| start - buffer);
                let ride = self.cheapest_ride(day, at, node, free_from, arrive_by)?;
                cost += self.ride_cost(&ride);
                if model.trips[ride.trip].optional && !self.runs.contains(&(ride.trip, day)) {
                    cost += model.trips[ride.trip].cost_per_run;
                }
                legs.push(ride);
            }
            at = node;
            free_from = times.map(|(_, end)| end + buffer);
        }
        Some((legs, cost))
    }

    fn cheapest_ride(
        &self,
        day: DayIx,
        from: NodeIx,
        to: NodeIx,
        leave_after: Option<f64>,
        arrive_by: Option<f64>,
    ) -> Option<Ride> {
        let model = self.model;
        model
            .rides(day, from, to)
            .into_iter()
            .filter(|o| leave_after.is_none_or(|t| o.departure >= t - 1e-9))
            .filter(|o| arrive_by.is_none_or(|t| o.arrival <= t + 1e-9))
            .filter(|o| {
                let capacity = model.trips[o.trip].capacity;
                (o.board..o.alight)
                    .all(|seg| self.load.get(&(o.trip, day, seg)).copied().unwrap_or(0) < capacity)
            })
            .map(|o| Ride {
                trip: o.trip,
                board: o.board,
                alight: o.alight,
                minutes: o.ride_minutes(),
            })
            .min_by(|a, b| {
                let cost = |r: &Ride| {
                    let run = if model.trips[r.trip].optional && !self.runs.contains(&(r.trip, day))
                    {
                        model.trips[r.trip].cost_per_run
                    } else {
                        0.0
                    };
                    self.ride_cost(r) + run
                };
                cost(a).total_cmp(&cost(b)).then(a.trip.cmp(&b.trip))
            })
    }

    fn unload(&mut self, day: DayIx, rides: &[Ride]) {
        for r in rides {
            for seg in r.board..r.alight {
                if let Some(l) = self.load.get_mut(&(r.trip, day, seg)) {
                    *l = l.saturating_sub(1);
                }
            }
        }
    }

    fn load_rides(&mut self, day: DayIx, rides: &[Ride]) {
        for r in rides {
            for seg in r.board..r.alight {
                *self.load.entry((r.trip, day, seg)).or_default() += 1;
            }
        }
    }

    fn commit(&mut self, s: StudentIx, seat: Seat, legs: BTreeMap<DayIx, Vec<Ride>>) {
        self.taken[s].push(seat);
        *self.size.entry(seat.section).or_default() += 1;
        *self.seated.entry(seat).or_default() += 1;
        for (day, rides) in legs {
            let old = self.legs[s].insert(day, rides.clone()).unwrap_or_default();
            self.unload(day, &old);
            self.load_rides(day, &rides);
            for r in &rides {
                if self.model.trips[r.trip].optional {
                    self.runs.insert((r.trip, day));
                }
            }
        }
    }

    /// Closes section `ix`: its students leave it (and, where a day then has no
    /// itinerary, that day's other lessons too). Returns the requests to try again.
    fn close(&mut self, ix: usize) -> Vec<(StudentIx, usize)> {
        let model = self.model;
        let mut again = Vec::new();
        let Some(open) = self.sections.remove(&ix) else {
            return again;
        };
        for s in 0..model.students.len() {
            if !self.taken[s].iter().any(|seat| seat.section == ix) {
                continue;
            }
            let mut dropped: Vec<Seat> = Vec::new();
            let removed: Vec<Seat> = self.taken[s]
                .iter()
                .copied()
                .filter(|seat| seat.section == ix)
                .collect();
            self.taken[s].retain(|seat| seat.section != ix);
            dropped.extend(removed);
            let mut days: BTreeSet<DayIx> = open
                .slots
                .iter()
                .map(|&slot| model.slots[slot].day)
                .collect();
            while let Some(day) = days.pop_first() {
                let old = self.legs[s].remove(&day).unwrap_or_default();
                self.unload(day, &old);
                let with = self.taken[s].clone();
                match self.day_legs(s, &with, day) {
                    Some((legs, _)) => {
                        self.load_rides(day, &legs);
                        self.legs[s].insert(day, legs);
                    }
                    None => {
                        // Drop this day's lessons: an empty day needs no bus.
                        let on_day: Vec<Seat> = with
                            .iter()
                            .copied()
                            .filter(|seat| {
                                self.sections[&seat.section]
                                    .slots
                                    .iter()
                                    .any(|&slot| model.slots[slot].day == day)
                            })
                            .collect();
                        for seat in &on_day {
                            self.taken[s].retain(|t| t != seat);
                            let other_days = self.sections[&seat.section]
                                .slots
                                .iter()
                                .map(|&slot| model.slots[slot].day)
                                .filter(|&d| d != day);
                            days.extend(other_days);
                        }
                        dropped.extend(on_day);
                        days.insert(day);
                    }
                }
            }
            for seat in dropped {
                if let Some(n) = self.size.get_mut(&seat.section) {
                    *n = n.saturating_sub(1);
                }
                if let Some(n) = self.seated.get_mut(&seat) {
                    *n = n.saturating_sub(1);
                }
                let course = if seat.section == ix {
                    open.course
                } else {
                    self.sections[&seat.section].course
                };
                for (r, request) in model.students[s].requests.iter().enumerate() {
                    if request.courses.contains(&course) {
                        again.push((s, r));
                    }
                }
            }
        }
        self.size.remove(&ix);
        again
    }

    fn into_plan(
        mut self,
        courses: &[CoursePlacements],
        numbering: &[SectionSlot],
        timetable: &Timetable,
    ) -> GreedyPlan {
        let model = self.model;
        // Sections nobody attends do not open.
        let mut kept = timetable.clone();
        for (ix, choice) in kept.sections.iter_mut().enumerate() {
            if self.size.get(&ix).copied().unwrap_or(0) == 0 || !self.sections.contains_key(&ix) {
                *choice = None;
            }
        }
        // Runs are bought only where someone rides.
        self.runs.clear();
        let mut students = Vec::new();
        for s in 0..model.students.len() {
            let sections: Vec<Attendance> = self.taken[s]
                .iter()
                .map(|seat| Attendance {
                    section: section_id(model, numbering[seat.section]),
                    mode: if seat.remote {
                        Mode::Remote
                    } else {
                        Mode::InPerson
                    },
                    site: model.sites[seat.site].id.clone(),
                })
                .collect();
            let mut legs = Vec::new();
            for (&day, rides) in &self.legs[s] {
                for r in rides {
                    if model.trips[r.trip].optional {
                        self.runs.insert((r.trip, day));
                    }
                    let trip = &model.trips[r.trip];
                    legs.push(Leg {
                        day: model.days[day].id.clone(),
                        trip: trip.id.clone(),
                        from: model.nodes[trip.stops[r.board].node].clone(),
                        to: model.nodes[trip.stops[r.alight].node].clone(),
                    });
                }
            }
            if !sections.is_empty() || !legs.is_empty() {
                students.push(StudentPlan {
                    student: model.students[s].id.clone(),
                    sections,
                    legs,
                });
            }
        }
        GreedyPlan {
            sections: section_plans(model, courses, numbering, &kept),
            students,
            trip_runs: self
                .runs
                .iter()
                .map(|&(trip, day)| TripRun {
                    trip: model.trips[trip].id.clone(),
                    day: model.days[day].id.clone(),
                })
                .collect(),
            teacher_drives: teacher_drives(model, courses, numbering, &kept),
        }
    }
}

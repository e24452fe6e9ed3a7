//! Rule 6: each student's day as places in time order, one leg per change of place,
//! legs on trips that run, stop in the right order and fit the lessons; trip loads.

use std::collections::BTreeMap;

use crate::instance::format_clock;
use crate::solution::{Leg, StudentPlan};
use crate::words::count;

use super::context::{Context, TimedSlot, TimedTrip};
use super::{ViolationCode as Code, Violations};

/// A leg resolved on its trip: board at stop `board`, alight at the later stop `alight`.
pub(super) struct Ride<'c, 'a> {
    pub trip: &'c TimedTrip<'a>,
    pub board: usize,
    pub alight: usize,
}

impl Ride<'_, '_> {
    pub fn departure(&self) -> u32 {
        self.trip.stops[self.board].1
    }

    pub fn arrival(&self) -> u32 {
        self.trip.stops[self.alight].1
    }

    /// Minutes on board (alighting time minus boarding time).
    pub fn minutes(&self) -> u32 {
        self.arrival().saturating_sub(self.departure())
    }
}

/// The ride a leg describes, if its trip exists and stops at `from` before `to`.
pub(super) fn ride<'c, 'a>(cx: &'c Context<'a>, leg: &Leg) -> Option<Ride<'c, 'a>> {
    let trip = cx.trips.get(leg.trip.as_str())?;
    let board = trip.stop_at(&leg.from)?;
    let alight = trip.stop_at(&leg.to)?;
    (board < alight).then_some(Ride {
        trip,
        board,
        alight,
    })
}

/// A lesson as a place in a student's day.
#[derive(Clone, Copy)]
struct Lesson<'a> {
    slot: TimedSlot<'a>,
    node: &'a str,
    section: &'a str,
}

/// A move between two consecutive places at different nodes.
struct Change<'a> {
    day: &'a str,
    from: &'a str,
    to: &'a str,
    /// The lesson left, if not home: the leg may depart at its end plus the buffer.
    after: Option<Lesson<'a>>,
    /// The lesson reached, if not home: the leg must arrive by its start minus the buffer.
    before: Option<Lesson<'a>>,
}

pub(super) fn check(cx: &Context<'_>, out: &mut Violations) {
    let buffer = cx.instance.transport.transfer_buffer_minutes;
    for plan in &cx.student_plans {
        let Some(student) = cx.students.get(plan.student.as_str()) else {
            continue;
        };
        let changes = changes_of(cx, plan, &student.home);
        check_student(cx, plan, &changes, buffer, out);
    }
    check_loads(cx, out);
}

fn changes_of<'a>(cx: &Context<'a>, plan: &'a StudentPlan, home: &'a str) -> Vec<Change<'a>> {
    let mut lessons: Vec<Lesson<'a>> = Vec::new();
    let mut seen_sections = Vec::new();
    for attendance in cx.attendances_of(&plan.student) {
        if seen_sections.contains(&attendance.section) {
            continue;
        }
        seen_sections.push(attendance.section);
        let view = &cx.sections[attendance.section];
        let Some(site) = cx.attendance_site(attendance) else {
            continue;
        };
        for slot in &view.slots {
            lessons.push(Lesson {
                slot: *slot,
                node: &site.node,
                section: &view.plan.id,
            });
        }
    }
    lessons.sort_by_key(|l| (l.slot.day_order, l.slot.start, l.slot.end, l.section));
    let mut changes = Vec::new();
    for day_lessons in lessons.chunk_by(|a, b| a.slot.day == b.slot.day) {
        let day = day_lessons[0].slot.day;
        let mut previous: (Option<Lesson<'a>>, &'a str) = (None, home);
        for lesson in day_lessons {
            if lesson.node != previous.1 {
                changes.push(Change {
                    day,
                    from: previous.1,
                    to: lesson.node,
                    after: previous.0,
                    before: Some(*lesson),
                });
            }
            previous = (Some(*lesson), lesson.node);
        }
        if previous.1 != home {
            changes.push(Change {
                day,
                from: previous.1,
                to: home,
                after: previous.0,
                before: None,
            });
        }
    }
    changes
}

fn check_student(
    cx: &Context<'_>,
    plan: &StudentPlan,
    changes: &[Change<'_>],
    buffer: f64,
    out: &mut Violations,
) {
    let student = plan.student.as_str();
    let mut changes_by_key: BTreeMap<(&str, &str, &str), Vec<&Change<'_>>> = BTreeMap::new();
    for change in changes {
        changes_by_key
            .entry((change.day, change.from, change.to))
            .or_default()
            .push(change);
    }
    let mut legs_by_key: BTreeMap<(&str, &str, &str), Vec<&Leg>> = BTreeMap::new();
    for leg in &plan.legs {
        let known = cx.days.contains_key(leg.day.as_str())
            && cx.nodes.contains_key(leg.from.as_str())
            && cx.nodes.contains_key(leg.to.as_str());
        if known {
            legs_by_key
                .entry((&leg.day, &leg.from, &leg.to))
                .or_default()
                .push(leg);
        }
    }
    for (key, legs) in &legs_by_key {
        if !changes_by_key.contains_key(key) {
            for leg in legs {
                out.push(
                    Code::LegWithoutChange,
                    [student, leg.trip.as_str()],
                    format!(
                        "student {student} rides {} on {} from {} to {}, but their day has no such change of place",
                        leg.trip,
                        leg.day,
                        cx.node_label(&leg.from),
                        cx.node_label(&leg.to)
                    ),
                );
            }
        }
    }
    for (key, group) in changes_by_key {
        let legs = legs_by_key.get(&key).map(Vec::as_slice).unwrap_or_default();
        if legs.len() > group.len() {
            out.push(
                Code::SeveralLegsForOneChange,
                std::iter::once(student).chain(legs.iter().map(|l| l.trip.as_str())),
                format!(
                    "student {student} changes from {} to {} on {} {} but has {} for it ({}); give exactly one leg per change",
                    cx.node_label(key.1),
                    cx.node_label(key.2),
                    key.0,
                    count(group.len(), "time", "times"),
                    count(legs.len(), "leg", "legs"),
                    legs.iter().map(|l| l.trip.as_str()).collect::<Vec<_>>().join(", ")
                ),
            );
            continue;
        }
        // Pair each change with a leg that serves it; legs that serve none go to the
        // remaining changes in time order (and are then reported as not fitting).
        let mut used = vec![false; legs.len()];
        let mut paired: Vec<Option<usize>> = vec![None; group.len()];
        for (c, change) in group.iter().enumerate() {
            let fitting = (0..legs.len())
                .find(|&l| !used[l] && leg_problems(cx, change, legs[l], buffer).is_empty());
            if let Some(l) = fitting {
                used[l] = true;
                paired[c] = Some(l);
            }
        }
        for slot in paired.iter_mut().filter(|p| p.is_none()) {
            if let Some(l) = (0..legs.len()).find(|&l| !used[l]) {
                used[l] = true;
                *slot = Some(l);
            }
        }
        for (change, pairing) in group.iter().zip(paired) {
            match pairing {
                Some(l) => {
                    for (code, message) in leg_problems(cx, change, legs[l], buffer) {
                        out.push(
                            code,
                            [student, legs[l].trip.as_str()],
                            format!("student {student}: {message}"),
                        );
                    }
                }
                None => out.push(
                    Code::MissingLeg,
                    [student],
                    missing_leg_message(cx, student, change, buffer),
                ),
            }
        }
    }
}

/// Everything wrong with `leg` as the ride for `change` (empty when it serves it).
fn leg_problems(
    cx: &Context<'_>,
    change: &Change<'_>,
    leg: &Leg,
    buffer: f64,
) -> Vec<(Code, String)> {
    let mut problems = Vec::new();
    let Some(trip) = cx.trips.get(leg.trip.as_str()) else {
        return problems;
    };
    if !trip.runs_on(&leg.day, cx) {
        let why = if trip.trip.optional {
            "an optional trip the plan does not run that day"
        } else {
            "a line trip that does not run that day"
        };
        problems.push((
            Code::TripNotRunning,
            format!("leg on {} {} is {why}", leg.trip, leg.day),
        ));
    }
    let Some(ride) = ride(cx, leg) else {
        problems.push((
            Code::LegStopsWrong,
            format!(
                "trip {} does not stop at {} and later at {}",
                leg.trip,
                cx.node_label(&leg.from),
                cx.node_label(&leg.to)
            ),
        ));
        return problems;
    };
    if let Some(lesson) = change.after {
        let earliest = f64::from(lesson.slot.end) + buffer;
        if f64::from(ride.departure()) < earliest {
            problems.push((
                Code::LegDepartsTooEarly,
                format!(
                    "{} leaves {} at {} {}, before {} ends at {} plus {} transfer",
                    leg.trip,
                    cx.node_label(&leg.from),
                    leg.day,
                    format_clock(ride.departure()),
                    lesson.section,
                    format_clock(lesson.slot.end),
                    count(buffer, "minute's", "minutes'")
                ),
            ));
        }
    }
    if let Some(lesson) = change.before {
        let latest = f64::from(lesson.slot.start) - buffer;
        if f64::from(ride.arrival()) > latest {
            problems.push((
                Code::LegArrivesTooLate,
                format!(
                    "{} arrives in {} at {} {}, too late for {} at {} with {} transfer",
                    leg.trip,
                    cx.node_label(&leg.to),
                    leg.day,
                    format_clock(ride.arrival()),
                    lesson.section,
                    format_clock(lesson.slot.start),
                    count(buffer, "minute's", "minutes'")
                ),
            ));
        }
    }
    problems
}

fn missing_leg_message(
    cx: &Context<'_>,
    student: &str,
    change: &Change<'_>,
    buffer: f64,
) -> String {
    let from = cx.node_label(change.from);
    let to = cx.node_label(change.to);
    let window = |minutes: f64| format_clock(minutes.max(0.0).round() as u32);
    let leaving = change
        .after
        .map(|l| format!(" after {}", window(f64::from(l.slot.end) + buffer)))
        .unwrap_or_default();
    match change.before {
        Some(lesson) => format!(
            "student {student} must be in {to} for {} at {} {} but no leg of the plan leaves {from}{leaving} and arrives by {}",
            lesson.section,
            change.day,
            format_clock(lesson.slot.start),
            window(f64::from(lesson.slot.start) - buffer)
        ),
        None => format!(
            "student {student} must get home to {to} on {} but no leg of the plan leaves {from}{leaving}",
            change.day
        ),
    }
}

/// Students on board of each ridden (trip, day) between stop i and stop i + 1.
pub(super) fn segment_loads<'a>(cx: &Context<'a>) -> BTreeMap<(&'a str, &'a str), Vec<usize>> {
    let mut loads: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for plan in &cx.student_plans {
        for leg in &plan.legs {
            let Some(ride) = ride(cx, leg) else { continue };
            let load = loads
                .entry((ride.trip.trip.id.as_str(), leg.day.as_str()))
                .or_insert_with(|| vec![0; ride.trip.stops.len().saturating_sub(1)]);
            for segment in &mut load[ride.board..ride.alight] {
                *segment += 1;
            }
        }
    }
    loads
}

fn check_loads(cx: &Context<'_>, out: &mut Violations) {
    for ((trip_id, day), load) in segment_loads(cx) {
        let Some(trip) = cx.trips.get(trip_id) else {
            continue;
        };
        for (segment, riders) in load.iter().enumerate() {
            if *riders as i64 > trip.trip.capacity {
                out.push(
                    Code::TripOverCapacity,
                    [trip_id, day],
                    format!(
                        "trip {trip_id} carries {} from {} to {} on {day}, more than its {}",
                        count(*riders, "student", "students"),
                        cx.node_label(trip.stops[segment].0),
                        cx.node_label(trip.stops[segment + 1].0),
                        count(trip.trip.capacity, "seat", "seats")
                    ),
                );
            }
        }
    }
}

//! Ids in the solution that the instance (or the plan itself) does not have.

use std::collections::HashSet;

use super::context::Context;
use super::{ViolationCode as Code, Violations};

pub(super) fn check(cx: &Context<'_>, out: &mut Violations) {
    check_sections(cx, out);
    check_students(cx, out);
    check_trip_runs(cx, out);
}

fn check_sections(cx: &Context<'_>, out: &mut Violations) {
    let mut seen = HashSet::new();
    for view in &cx.sections {
        let s = view.plan;
        if !seen.insert(s.id.as_str()) {
            out.push(
                Code::DuplicateSectionId,
                [&s.id],
                format!("two sections of the plan are called {}", s.id),
            );
        }
        if view.course.is_none() {
            out.push(
                Code::UnknownSectionCourse,
                [&s.id, &s.course],
                format!(
                    "section {} is of course {}, which the instance does not have",
                    s.id, s.course
                ),
            );
        }
        if view.site.is_none() {
            out.push(
                Code::UnknownSectionSite,
                [&s.id, &s.site],
                format!(
                    "section {} is taught at site {}, which the instance does not have",
                    s.id, s.site
                ),
            );
        }
        if view.room.is_none() {
            out.push(
                Code::UnknownRoom,
                [&s.id, &s.room],
                format!(
                    "section {} is taught in room {}, which the instance does not have",
                    s.id, s.room
                ),
            );
        }
        if view.teacher.is_none() {
            out.push(
                Code::UnknownTeacher,
                [&s.id, &s.teacher],
                format!(
                    "section {} is taught by {}, who is not a teacher of the instance",
                    s.id, s.teacher
                ),
            );
        }
        for slot in &s.slots {
            if !cx.slots.contains_key(slot.as_str()) {
                out.push(
                    Code::UnknownSlot,
                    [&s.id, slot],
                    format!(
                        "section {} meets in slot {slot}, which the time grid does not have",
                        s.id
                    ),
                );
            }
        }
        if let Some(pattern) = &s.pattern
            && !cx.patterns.contains_key(pattern.as_str())
        {
            out.push(
                Code::UnknownPattern,
                [&s.id, pattern],
                format!(
                    "section {} uses pattern {pattern}, which the time grid does not have",
                    s.id
                ),
            );
        }
        for (stream, (site, room)) in s.streams.iter().zip(&view.streams) {
            if site.is_none() {
                out.push(
                    Code::UnknownSectionSite,
                    [&s.id, &stream.site],
                    format!(
                        "section {} streams to site {}, which the instance does not have",
                        s.id, stream.site
                    ),
                );
            }
            if room.is_none() {
                out.push(
                    Code::UnknownRoom,
                    [&s.id, &stream.room],
                    format!(
                        "section {} streams to room {}, which the instance does not have",
                        s.id, stream.room
                    ),
                );
            }
        }
    }
}

fn check_students(cx: &Context<'_>, out: &mut Violations) {
    for plan in &cx.solution.students {
        let student = &plan.student;
        for attendance in &plan.sections {
            if !cx.section_by_id.contains_key(attendance.section.as_str()) {
                out.push(
                    Code::UnknownAttendanceSection,
                    [student, &attendance.section],
                    format!(
                        "student {student} attends section {}, which the plan does not open",
                        attendance.section
                    ),
                );
            }
            if !cx.sites.contains_key(attendance.site.as_str()) {
                out.push(
                    Code::UnknownAttendanceSite,
                    [student, &attendance.site],
                    format!("student {student} sits at site {} for {}, which the instance does not have", attendance.site, attendance.section),
                );
            }
        }
        for leg in &plan.legs {
            if !cx.trips.contains_key(leg.trip.as_str()) {
                out.push(
                    Code::UnknownLegTrip,
                    [student, &leg.trip],
                    format!(
                        "student {student} rides trip {} on {}, which the instance does not have",
                        leg.trip, leg.day
                    ),
                );
            }
            if !cx.days.contains_key(leg.day.as_str()) {
                out.push(
                    Code::UnknownLegDay,
                    [student, &leg.day],
                    format!("student {student} rides trip {} on day {}, which the time grid does not have", leg.trip, leg.day),
                );
            }
            for node in [&leg.from, &leg.to] {
                if !cx.nodes.contains_key(node.as_str()) {
                    out.push(
                        Code::UnknownLegNode,
                        [student, node],
                        format!("student {student} rides trip {} on {} from or to road node {node}, which the instance does not have", leg.trip, leg.day),
                    );
                }
            }
        }
    }
}

fn check_trip_runs(cx: &Context<'_>, out: &mut Violations) {
    for run in &cx.solution.trip_runs {
        let Some(trip) = cx.trips.get(run.trip.as_str()) else {
            out.push(
                Code::UnknownTripRunTrip,
                [&run.trip],
                format!(
                    "the plan runs trip {} on {}, which the instance does not have",
                    run.trip, run.day
                ),
            );
            continue;
        };
        if !trip.trip.optional {
            out.push(
                Code::TripRunOfLineTrip,
                [&run.trip],
                format!("the plan runs trip {} on {}, but it is a line trip that runs anyway; only optional trips are run by the plan", run.trip, run.day),
            );
        }
        if !trip.trip.days.contains(&run.day) || !cx.days.contains_key(run.day.as_str()) {
            out.push(
                Code::TripRunOnWrongDay,
                [&run.trip, &run.day],
                format!(
                    "the plan runs trip {} on {}, which is not one of its days ({})",
                    run.trip,
                    run.day,
                    trip.trip.days.join(", ")
                ),
            );
        }
    }
}

//! The objective recomputed from the plan's decisions, term by term (docs/rules.md),
//! with the quantities behind each term kept for reports (`kopa compare`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::instance::{Instance, Programme};
use crate::solution::{Mode, ObjectiveTerms};

use super::context::Context;
use super::itineraries::ride;
use super::requests::attended;
use super::usage::{self, PlanUsage};

/// What a plan does, counted: the raw quantities the objective terms price.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanMeasures {
    /// Sum of the weights of unmet requests and one-of groups.
    pub unmet_request_weight: f64,
    /// Students of the instance all of whose requests and groups are met.
    pub students_all_requests_met: usize,
    pub students: usize,
    /// Unmet requests counted by course; a one-of group is keyed "A|B".
    pub unmet_requests_by_course: BTreeMap<String, usize>,
    /// Unmet requests (a one-of group is one) of each student of the instance who has
    /// any, by student id.
    pub unmet_requests_by_student: BTreeMap<String, usize>,
    /// Students served, and requests met, by the students' programme: one entry per
    /// programme that has students, in the order lukio, vocational, double degree.
    pub by_programme: Vec<ProgrammeService>,
    pub sections_opened: usize,
    /// Sum of the opened sections' `sectionCost`.
    pub section_cost: f64,
    /// Remote student-lessons in all courses.
    pub remote_student_lessons: usize,
    /// Remote student-lessons in courses with `preferInPerson` (the priced ones).
    pub remote_student_lessons_priced: usize,
    pub optional_trip_runs: usize,
    pub optional_trip_cost: f64,
    /// Legs ridden (one seat on one trip for one student).
    pub seats_used: usize,
    pub teacher_km: f64,
    pub student_travel_minutes: f64,
    pub idle_slots: usize,
    /// Per trip run, teacher and site: the loads behind the totals, for the report's
    /// overview.
    pub usage: PlanUsage,
}

/// How well a plan serves the students of one programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeService {
    pub programme: Programme,
    pub students: usize,
    /// Students all of whose requests and one-of groups are met.
    pub students_fully_served: usize,
    /// Requests and one-of groups (a group is one request).
    pub requests: usize,
    pub requests_met: usize,
}

/// Prices the measures with the instance's weights and costs.
pub(super) fn terms(instance: &Instance, m: &PlanMeasures) -> ObjectiveTerms {
    let w = &instance.weights;
    let mut terms = ObjectiveTerms {
        unmet_requests: m.unmet_request_weight * w.unmet_request,
        section_cost: m.section_cost,
        optional_trips: m.optional_trip_cost,
        teacher_driving: m.teacher_km * w.teacher_km,
        student_travel: m.student_travel_minutes * w.student_travel_minute,
        remote_delivery: m.remote_student_lessons_priced as f64 * w.remote_student_lesson,
        idle_slots: m.idle_slots as f64 * w.idle_slot,
        total: 0.0,
    };
    terms.total = terms.sum_of_terms();
    terms
}

pub(super) fn measure(cx: &Context<'_>) -> PlanMeasures {
    let mut m = PlanMeasures {
        students: cx.instance.students.len(),
        ..PlanMeasures::default()
    };
    measure_requests(cx, &mut m);
    for view in &cx.sections {
        if let Some(course) = view.course {
            m.sections_opened += 1;
            m.section_cost += course.section_cost;
        }
    }
    let mut remote_seen = BTreeSet::new();
    for attendance in &cx.attendances {
        if attendance.mode != Mode::Remote
            || !remote_seen.insert((attendance.student, attendance.section))
        {
            continue;
        }
        let view = &cx.sections[attendance.section];
        m.remote_student_lessons += view.lessons();
        if view.course.is_some_and(|c| c.prefer_in_person) {
            m.remote_student_lessons_priced += view.lessons();
        }
    }
    for (trip, _) in &cx.trip_runs {
        if let Some(trip) = cx.trips.get(trip)
            && trip.trip.optional
        {
            m.optional_trip_runs += 1;
            m.optional_trip_cost += trip.trip.cost_per_run;
        }
    }
    for plan in &cx.student_plans {
        for leg in &plan.legs {
            if let Some(ride) = ride(cx, leg) {
                m.seats_used += 1;
                m.student_travel_minutes += f64::from(ride.minutes());
            }
        }
    }
    m.usage = usage::measure(cx);
    m.teacher_km = m.usage.teachers.iter().map(|t| t.km).sum();
    m.idle_slots = idle_slots(cx);
    m
}

fn measure_requests(cx: &Context<'_>, m: &mut PlanMeasures) {
    let programmes = [
        Programme::Lukio,
        Programme::Vocational,
        Programme::DoubleDegree,
    ];
    let mut served = programmes.map(|programme| ProgrammeService {
        programme,
        students: 0,
        students_fully_served: 0,
        requests: 0,
        requests_met: 0,
    });
    for student in &cx.instance.students {
        let courses = attended(cx, &student.id);
        let mut met = 0;
        for request in &student.requests {
            if courses.contains_key(request.course.as_str()) {
                met += 1;
            } else {
                m.unmet_request_weight += request.weight;
                *m.unmet_requests_by_course
                    .entry(request.course.clone())
                    .or_default() += 1;
            }
        }
        for group in &student.one_of {
            if group
                .courses
                .iter()
                .any(|c| courses.contains_key(c.as_str()))
            {
                met += 1;
            } else {
                m.unmet_request_weight += group.weight;
                *m.unmet_requests_by_course
                    .entry(group.courses.join("|"))
                    .or_default() += 1;
            }
        }
        let requests = student.requests.len() + student.one_of.len();
        if met == requests {
            m.students_all_requests_met += 1;
        } else {
            *m.unmet_requests_by_student
                .entry(student.id.clone())
                .or_default() += requests - met;
        }
        if let Some(of_programme) = served.iter_mut().find(|s| s.programme == student.programme) {
            of_programme.students += 1;
            of_programme.students_fully_served += usize::from(met == requests);
            of_programme.requests += requests;
            of_programme.requests_met += met;
        }
    }
    m.by_programme = served.into_iter().filter(|s| s.students > 0).collect();
}

/// Empty grid slots between each student's first and last occupied slot of a day.
fn idle_slots(cx: &Context<'_>) -> usize {
    let mut idle = 0;
    for plan in &cx.student_plans {
        if !cx.students.contains_key(plan.student.as_str()) {
            continue;
        }
        let occupied: BTreeSet<&str> = cx
            .attendances_of(&plan.student)
            .flat_map(|a| cx.sections[a.section].slots.iter().map(|s| s.id))
            .collect();
        for day in cx.slots_in_order.chunk_by(|a, b| a.day == b.day) {
            let marks: Vec<bool> = day.iter().map(|s| occupied.contains(s.id)).collect();
            if let (Some(first), Some(last)) = (
                marks.iter().position(|&m| m),
                marks.iter().rposition(|&m| m),
            ) {
                idle += marks[first..=last].iter().filter(|&&m| !m).count();
            }
        }
    }
    idle
}

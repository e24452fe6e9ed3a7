//! Courses that cannot open anywhere, caught before a solver spends an hour proving it.
//!
//! A course can run at a site when the site is one of the course's sites, some teacher
//! who lists the course in `canTeach` may teach at that site, and the site has a room
//! with every feature the course needs. A course that can run nowhere is an error where
//! a student needs it (a mandatory request), and a warning otherwise.

use std::collections::HashSet;

use super::context::{Context, entity};
use super::{Code, Diagnostic};
use crate::instance::Course;

fn can_run_somewhere(cx: &Context<'_>, course: &Course) -> bool {
    let instance = cx.instance;
    course.sites.iter().any(|site| {
        let has_teacher = instance
            .teachers
            .iter()
            .any(|teacher| teacher.can_teach.contains(&course.id) && teacher.sites.contains(site));
        let has_room = instance.rooms.iter().any(|room| {
            &room.site == site && course.features.iter().all(|f| room.features.contains(f))
        });
        has_teacher && has_room
    })
}

/// Ids of the courses that can run nowhere.
fn courses_running_nowhere<'a>(cx: &Context<'a>) -> HashSet<&'a str> {
    cx.instance
        .courses
        .iter()
        .filter(|course| !can_run_somewhere(cx, course))
        .map(|course| course.id.as_str())
        .collect()
}

fn has_teacher(cx: &Context<'_>, course: &Course) -> bool {
    cx.instance
        .teachers
        .iter()
        .any(|teacher| teacher.can_teach.contains(&course.id))
}

pub fn check_e0405_course_without_teacher(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (c, course) in cx.instance.courses.iter().enumerate() {
        if !has_teacher(cx, course) {
            out.push(Diagnostic::new(
                Code::E0405CourseWithoutTeacher,
                entity("course", &course.id),
                format!("courses[{c}]"),
                "no teacher lists the course in canTeach",
                "add the course to the canTeach of the teachers qualified for it",
            ));
        }
    }
}

/// Mandatory single requests, and mandatory one-of groups all of whose courses can run
/// nowhere. Courses in unknown references are skipped (E0102 reports them).
pub fn check_e0407_mandatory_course_runs_nowhere(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let nowhere = courses_running_nowhere(cx);
    for (s, student) in cx.instance.students.iter().enumerate() {
        for (r, request) in student.requests.iter().enumerate() {
            if request.mandatory && nowhere.contains(request.course.as_str()) {
                out.push(Diagnostic::new(
                    Code::E0407MandatoryCourseRunsNowhere,
                    entity("student", &student.id),
                    format!("students[{s}].requests[{r}]"),
                    format!(
                        "mandatory request for course {:?}, which can run nowhere",
                        request.course
                    ),
                    "give the course a site with both a qualified teacher allowed there and a room with its features, or make the request optional",
                ));
            }
        }
        for (g, group) in student.one_of.iter().enumerate() {
            let known = group.courses.iter().any(|c| cx.courses.contains(c));
            let all_nowhere = group
                .courses
                .iter()
                .all(|c| !cx.courses.contains(c) || nowhere.contains(c.as_str()));
            if group.mandatory && known && all_nowhere {
                out.push(Diagnostic::new(
                    Code::E0407MandatoryCourseRunsNowhere,
                    entity("student", &student.id),
                    format!("students[{s}].oneOf[{g}]"),
                    format!(
                        "mandatory one-of group {:?}: none of its courses can run anywhere",
                        group.id
                    ),
                    "make at least one of the courses runnable (site, qualified teacher, room with its features), or make the group optional",
                ));
            }
        }
    }
}

/// Courses that run nowhere, have a teacher (else E0405) and that no mandatory request
/// needs (else E0407).
pub fn check_w0005_course_runs_nowhere(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let nowhere = courses_running_nowhere(cx);
    let mut needed: HashSet<&str> = HashSet::new();
    for student in &cx.instance.students {
        for request in student.requests.iter().filter(|r| r.mandatory) {
            needed.insert(request.course.as_str());
        }
        for group in student.one_of.iter().filter(|g| g.mandatory) {
            let all_nowhere = group
                .courses
                .iter()
                .all(|c| !cx.courses.contains(c) || nowhere.contains(c.as_str()));
            if all_nowhere {
                needed.extend(group.courses.iter().map(String::as_str));
            }
        }
    }
    for (c, course) in cx.instance.courses.iter().enumerate() {
        let id = course.id.as_str();
        if nowhere.contains(id) && !needed.contains(id) && has_teacher(cx, course) {
            out.push(Diagnostic::new(
                Code::W0005CourseRunsNowhere,
                entity("course", &course.id),
                format!("courses[{c}].sites"),
                "the course can run nowhere: no site of the course has both a qualified teacher allowed there and a room with its features",
                "check the course's sites and features, the teachers' canTeach and sites, and the rooms' features",
            ));
        }
    }
}

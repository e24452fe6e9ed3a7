//! Rule 7: students attend only what they asked for, once, and every mandatory
//! request is met. Also: the plan's student list names known students, once each.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::instance::Student;

use super::context::Context;
use super::{ViolationCode as Code, Violations};

/// Courses a student attends in the plan, with the sections of each.
pub(super) fn attended<'a>(
    cx: &Context<'a>,
    student: &str,
) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
    let mut courses: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for attendance in cx.attendances_of(student) {
        let view = &cx.sections[attendance.section];
        courses
            .entry(view.plan.course.as_str())
            .or_default()
            .insert(view.plan.id.as_str());
    }
    courses
}

pub(super) fn check(cx: &Context<'_>, out: &mut Violations) {
    let mut seen = HashSet::new();
    for plan in &cx.solution.students {
        let id = plan.student.as_str();
        if !cx.students.contains_key(id) {
            out.push(
                Code::UnknownStudent,
                [id],
                format!("the plan has student {id}, whom the instance does not have"),
            );
        }
        if !seen.insert(id) {
            out.push(
                Code::StudentListedTwice,
                [id],
                format!("the plan lists student {id} more than once; only the first entry counts"),
            );
        }
    }
    for student in &cx.instance.students {
        check_student(cx, student, out);
    }
}

fn check_student(cx: &Context<'_>, student: &Student, out: &mut Violations) {
    let id = student.id.as_str();
    let courses = attended(cx, id);
    for (course, sections) in &courses {
        // A course the instance lacks is C0001 already; do not call it unrequested too.
        let requested = !cx.courses.contains_key(course)
            || student.requests.iter().any(|r| r.course == *course)
            || student
                .one_of
                .iter()
                .any(|g| g.courses.iter().any(|c| c == course));
        if !requested {
            out.push(
                Code::UnrequestedCourse,
                [id, course],
                format!("student {id} attends {course}, which they did not request"),
            );
        }
        if sections.len() > 1 {
            let list: Vec<&str> = sections.iter().copied().collect();
            out.push(
                Code::TwoSectionsOfOneCourse,
                std::iter::once(id).chain(list.iter().copied()),
                format!(
                    "student {id} attends {} sections of {course}: {}",
                    list.len(),
                    list.join(", ")
                ),
            );
        }
    }
    for request in &student.requests {
        if request.mandatory && !courses.contains_key(request.course.as_str()) {
            out.push(
                Code::MandatoryRequestUnmet,
                [id, request.course.as_str()],
                format!(
                    "student {id} must take {} (mandatory) but attends no section of it",
                    request.course
                ),
            );
        }
    }
    for group in &student.one_of {
        let taken: Vec<&str> = group
            .courses
            .iter()
            .map(String::as_str)
            .filter(|c| courses.contains_key(c))
            .collect();
        if taken.len() > 1 {
            out.push(
                Code::TwoCoursesOfOneGroup,
                [id, group.id.as_str()],
                format!(
                    "student {id} takes {} of the one-of group {}; at most one",
                    taken.join(" and "),
                    group.id
                ),
            );
        }
        if group.mandatory && taken.is_empty() {
            out.push(
                Code::MandatoryGroupUnmet,
                [id, group.id.as_str()],
                format!(
                    "student {id} must take one of {} (group {}, mandatory) but takes none",
                    group.courses.join(", "),
                    group.id
                ),
            );
        }
    }
}

//! Students: where they live and what they ask for (single requests and one-of groups).

use std::collections::HashSet;

use super::context::{Context, entity};
use super::report::{require_non_negative_float, require_reference};
use super::{Code, Diagnostic};

pub fn check_e0102_unknown_reference(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (s, student) in cx.instance.students.iter().enumerate() {
        let who = entity("student", &student.id);
        let prefix = format!("students[{s}]");
        let path = format!("{prefix}.home");
        require_reference(out, &cx.nodes, &student.home, "node", &who, path);
        for (r, request) in student.requests.iter().enumerate() {
            let path = format!("{prefix}.requests[{r}].course");
            require_reference(out, &cx.courses, &request.course, "course", &who, path);
        }
        for (g, group) in student.one_of.iter().enumerate() {
            for (k, course) in group.courses.iter().enumerate() {
                let path = format!("{prefix}.oneOf[{g}].courses[{k}]");
                require_reference(out, &cx.courses, course, "course", &who, path);
            }
        }
    }
}

pub fn check_e0302_negative(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (s, student) in cx.instance.students.iter().enumerate() {
        let who = entity("student", &student.id);
        for (r, request) in student.requests.iter().enumerate() {
            let path = format!("students[{s}].requests[{r}].weight");
            require_non_negative_float(out, request.weight, "weight", &who, path);
        }
        for (g, group) in student.one_of.iter().enumerate() {
            let path = format!("students[{s}].oneOf[{g}].weight");
            require_non_negative_float(out, group.weight, "weight", &who, path);
        }
    }
}

pub fn check_e0501_course_requested_twice(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (s, student) in cx.instance.students.iter().enumerate() {
        let singles = student.requests.iter().enumerate().map(|(r, request)| {
            (
                request.course.as_str(),
                format!("students[{s}].requests[{r}].course"),
            )
        });
        let groups = student.one_of.iter().enumerate().flat_map(|(g, group)| {
            group.courses.iter().enumerate().map(move |(k, course)| {
                (
                    course.as_str(),
                    format!("students[{s}].oneOf[{g}].courses[{k}]"),
                )
            })
        });
        let mut seen = HashSet::new();
        for (course, path) in singles.chain(groups) {
            if !seen.insert(course) {
                out.push(Diagnostic::new(
                    Code::E0501CourseRequestedTwice,
                    entity("student", &student.id),
                    path,
                    format!("course {course:?} is requested more than once"),
                    "request each course once: in `requests` or in one one-of group",
                ));
            }
        }
    }
}

pub fn check_e0502_one_of_too_small(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (s, student) in cx.instance.students.iter().enumerate() {
        for (g, group) in student.one_of.iter().enumerate() {
            if group.courses.len() < 2 {
                out.push(Diagnostic::new(
                    Code::E0502OneOfTooSmall,
                    entity("student", &student.id),
                    format!("students[{s}].oneOf[{g}].courses"),
                    format!(
                        "one-of group {:?} has {} course(s); it needs at least 2",
                        group.id,
                        group.courses.len()
                    ),
                    "add the alternatives, or turn a single course into a plain request",
                ));
            }
        }
    }
}

pub fn check_w0003_student_without_requests(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (s, student) in cx.instance.students.iter().enumerate() {
        if student.requests.is_empty() && student.one_of.is_empty() {
            out.push(Diagnostic::new(
                Code::W0003StudentWithoutRequests,
                entity("student", &student.id),
                format!("students[{s}]"),
                "the student requests no courses",
                "add the student's requests, or remove the student",
            ));
        }
    }
}

pub fn check_w0007_weightless_request(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (s, student) in cx.instance.students.iter().enumerate() {
        let singles = student.requests.iter().enumerate().map(|(r, request)| {
            (
                request.weight,
                request.mandatory,
                format!("students[{s}].requests[{r}]"),
            )
        });
        let groups = student.one_of.iter().enumerate().map(|(g, group)| {
            (
                group.weight,
                group.mandatory,
                format!("students[{s}].oneOf[{g}]"),
            )
        });
        for (weight, mandatory, path) in singles.chain(groups) {
            if weight == 0.0 && !mandatory {
                out.push(Diagnostic::new(
                    Code::W0007WeightlessRequest,
                    entity("student", &student.id),
                    format!("{path}.weight"),
                    "the request has weight 0 and is not mandatory: the plan gains nothing by meeting it",
                    "give the request a positive weight, or make it mandatory",
                ));
            }
        }
    }
}

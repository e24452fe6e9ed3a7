//! The rules of the week fit check (`fit`): W0010 when a student's requests cannot all
//! fit one week even alone in the valley, E0503 when those requests are mandatory (no
//! plan can exist). Apart from the check itself, which the generator and the solve
//! summary use without a validation context.

use super::context::{Context, entity};
use super::fit::{Cause, WeekFit};
use super::{Code, Diagnostic, Severity};
use crate::words::count;

pub fn check_e0503_mandatory_requests_cannot_fit(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    report(cx, out, true);
}

pub fn check_w0010_requests_cannot_fit(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    report(cx, out, false);
}

/// Judges only files without other errors: on a broken file its answers would repeat
/// what other rules say (a grid without slots fits no request).
fn report(cx: &Context<'_>, out: &mut Vec<Diagnostic>, mandatory: bool) {
    let other_errors = out.iter().any(|d| {
        d.code.severity() == Severity::Error && d.code != Code::E0503MandatoryRequestsCannotFit
    });
    if other_errors {
        return;
    }
    let Some(fits) = cx.week_fits() else {
        return;
    };
    for (s, (student, fit)) in cx.instance.students.iter().zip(fits).enumerate() {
        if fit.conflict.is_empty() || fit.mandatory != mandatory {
            continue;
        }
        let labels: Vec<String> = fit
            .conflict
            .iter()
            .map(|&r| request_label(cx, s, r))
            .collect();
        let why = fit
            .cause
            .map(|cause| cause_text(cx, s, fit, cause))
            .unwrap_or_default();
        let (code, what, hint) = if mandatory {
            (
                Code::E0503MandatoryRequestsCannotFit,
                "mandatory request",
                "no plan can meet them all: change the study plan (make one of them optional or replace it), or give the courses more timings, sites, buses or remote delivery",
            )
        } else {
            (
                Code::W0010RequestsCannotFit,
                "request",
                "no timetable can meet them all, even for this student alone: change the study plan (drop or replace one of them), or give the courses more timings, sites, buses or remote delivery",
            )
        };
        let message = if labels.len() == 1 {
            format!("{what} {} cannot be met in any week: {why}", labels[0])
        } else {
            format!(
                "{what}s {} cannot all be met in one week: {why}",
                labels.join(", ")
            )
        };
        out.push(Diagnostic::new(
            code,
            entity("student", &student.id),
            format!("students[{s}]"),
            message,
            hint,
        ));
    }
}

/// A request as the student wrote it: the course id, or a one-of group's courses.
fn request_label(cx: &Context<'_>, s: usize, r: usize) -> String {
    let student = &cx.instance.students[s];
    match student.requests.get(r) {
        Some(request) => request.course.clone(),
        None => match student.one_of.get(r - student.requests.len()) {
            Some(group) => format!("{} (one-of {:?})", group.courses.join(" or "), group.id),
            None => format!("request {r}"),
        },
    }
}

fn cause_text(cx: &Context<'_>, s: usize, fit: &WeekFit, cause: Cause) -> String {
    match cause {
        Cause::NoTiming => "no timing of it can be placed (no teacher of it is free in all of a timing's slots, within their weekly cap, at a site with a room for it)".to_string(),
        Cause::OutOfReach => "in none of its timings can the student get there and back home by the day's buses, in person or by video".to_string(),
        Cause::Travel => "whichever timings and sites are chosen, the day's buses cannot take the student between home and the lessons in time".to_string(),
        Cause::Clash => "every choice of timings puts two of their lessons in one slot".to_string(),
        Cause::TooFewPatterns => {
            let kind = pattern_kind_of(cx, s, fit).unwrap_or_default();
            let patterns: Vec<&str> = cx
                .instance
                .time_grid
                .patterns
                .iter()
                .filter(|p| p.kind == kind)
                .map(|p| p.id.as_str())
                .collect();
            format!(
                "{} a pattern of kind {kind:?}, and the week has {} ({})",
                count(fit.conflict.len(), "request needs", "requests need"),
                count(patterns.len(), "pattern", "patterns"),
                patterns.join(", ")
            )
        }
    }
}

/// The pattern kind of the first course of the conflict that has one.
fn pattern_kind_of(cx: &Context<'_>, s: usize, fit: &WeekFit) -> Option<String> {
    let student = &cx.instance.students[s];
    fit.conflict.iter().find_map(|&r| {
        let courses: Vec<&String> = match student.requests.get(r) {
            Some(request) => vec![&request.course],
            None => student
                .one_of
                .get(r - student.requests.len())?
                .courses
                .iter()
                .collect(),
        };
        courses.into_iter().find_map(|id| {
            cx.instance.courses[cx.courses.get(id)?]
                .pattern_kind
                .clone()
        })
    })
}

//! Rule 4: how many sections a course opens, where, in which slots, and how full.

use std::collections::{BTreeMap, BTreeSet};

use super::context::Context;
use super::{ViolationCode as Code, Violations};
use crate::words::count;

pub(super) fn check(cx: &Context<'_>, out: &mut Violations) {
    let mut per_course: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (index, view) in cx.sections.iter().enumerate() {
        let plan = view.plan;
        let distinct: BTreeSet<&str> = plan.slots.iter().map(String::as_str).collect();
        if distinct.len() != plan.slots.len() {
            let repeated: Vec<&str> = distinct
                .iter()
                .copied()
                .filter(|id| plan.slots.iter().filter(|s| s == id).count() > 1)
                .collect();
            out.push(
                Code::SectionDuplicateSlot,
                [view.id()],
                format!(
                    "section {} lists slot {} more than once",
                    plan.id,
                    repeated.join(", ")
                ),
            );
        }
        let students = cx.attendances.iter().filter(|a| a.section == index).count();
        // Attendances name sections by id, so they all go to the first section with an
        // id; a later duplicate is C0007, not also "without students".
        let first_with_id = cx.section_by_id.get(plan.id.as_str()) == Some(&index);
        if students == 0 && first_with_id {
            out.push(
                Code::SectionWithoutStudents,
                [view.id()],
                format!(
                    "section {} has no students; leave it out of the plan",
                    plan.id
                ),
            );
        }
        let Some(course) = view.course else { continue };
        per_course.entry(&course.id).or_default().push(view.id());
        if let Some(site) = view.site
            && !course.sites.contains(&site.id)
        {
            out.push(
                Code::SectionSiteNotAllowed,
                [view.id(), site.id.as_str()],
                format!(
                    "section {} of {} is taught at {}, not one of the course's sites ({})",
                    plan.id,
                    course.id,
                    site.id,
                    course.sites.join(", ")
                ),
            );
        }
        if students > 0 && (students as i64) < course.min_size {
            out.push(
                Code::SectionBelowMinSize,
                [view.id()],
                format!(
                    "section {} of {} has {}, fewer than minSize {}",
                    plan.id,
                    course.id,
                    count(students, "student", "students"),
                    course.min_size
                ),
            );
        }
        if students as i64 > course.max_size {
            out.push(
                Code::SectionAboveMaxSize,
                [view.id()],
                format!(
                    "section {} of {} has {}, more than maxSize {}",
                    plan.id,
                    course.id,
                    count(students, "student", "students"),
                    course.max_size
                ),
            );
        }
        match (&course.pattern_kind, &plan.pattern) {
            (Some(kind), None) => out.push(
                Code::SectionPatternMismatch,
                [view.id()],
                format!("section {} of {} names no pattern but the course needs a {kind} pattern", plan.id, course.id),
            ),
            (Some(kind), Some(pattern_id)) => {
                if let Some(pattern) = cx.patterns.get(pattern_id.as_str()) {
                    if &pattern.kind != kind {
                        out.push(
                            Code::SectionPatternMismatch,
                            [view.id(), pattern_id.as_str()],
                            format!("section {} of {} uses pattern {pattern_id} of kind {} but the course needs kind {kind}", plan.id, course.id, pattern.kind),
                        );
                    }
                    let wanted: BTreeSet<&str> = pattern.slots.iter().map(String::as_str).collect();
                    if wanted != distinct {
                        out.push(
                            Code::SectionPatternMismatch,
                            [view.id(), pattern_id.as_str()],
                            format!(
                                "section {} uses pattern {pattern_id} ({}) but meets in {}",
                                plan.id,
                                pattern.slots.join(", "),
                                plan.slots.join(", ")
                            ),
                        );
                    }
                }
            }
            (None, Some(pattern_id)) => out.push(
                Code::SectionPatternMismatch,
                [view.id(), pattern_id.as_str()],
                format!("section {} of {} names pattern {pattern_id} but the course takes lessonsPerWeek slots, not a pattern", plan.id, course.id),
            ),
            (None, None) => {}
        }
        if let Some(lessons) = course.lessons_per_week
            && distinct.len() as i64 != lessons
        {
            out.push(
                Code::SectionWrongLessonCount,
                [view.id()],
                format!(
                    "section {} of {} meets in {} but the course has {} a week",
                    plan.id,
                    course.id,
                    count(distinct.len(), "slot", "slots"),
                    count(lessons, "lesson", "lessons")
                ),
            );
        }
    }
    for (course_id, sections) in per_course {
        let Some(course) = cx.courses.get(course_id) else {
            continue;
        };
        if sections.len() as i64 > course.max_sections {
            out.push(
                Code::TooManySections,
                sections.iter().copied(),
                format!(
                    "course {course_id} opens {} ({}), more than maxSections {}",
                    count(sections.len(), "section", "sections"),
                    sections.join(", "),
                    course.max_sections
                ),
            );
        }
    }
}

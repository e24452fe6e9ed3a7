//! Courses: how a section fills the week (lessons or a pattern), its size bounds, where
//! it may run, whether anyone asks for it, and whether a solve can build it.

use std::collections::{HashMap, HashSet};

use super::context::{Context, entity};
use super::report::{
    require_non_negative_float, require_non_negative_int, require_positive_int, require_reference,
};
use super::{Code, Diagnostic};
use crate::instance::Programme;
use crate::milp::configs::MAX_FREE_SLOT_TIMINGS;
use crate::words::count;

pub fn check_e0102_unknown_reference(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (c, course) in cx.instance.courses.iter().enumerate() {
        let who = entity("course", &course.id);
        for (k, site) in course.sites.iter().enumerate() {
            let path = format!("courses[{c}].sites[{k}]");
            require_reference(out, &cx.sites, site, "site", &who, path);
        }
        if let Some(kind) = &course.pattern_kind
            && !cx.pattern_kinds.contains(kind.as_str())
        {
            out.push(Diagnostic::new(
                Code::E0102UnknownReference,
                who,
                format!("courses[{c}].patternKind"),
                format!("no pattern has kind {kind:?}"),
                format!(
                    "add patterns of kind {kind:?} to timeGrid.patterns, or use an existing kind"
                ),
            ));
        }
    }
}

pub fn check_e0301_not_positive(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (c, course) in cx.instance.courses.iter().enumerate() {
        let who = entity("course", &course.id);
        let prefix = format!("courses[{c}]");
        if let Some(lessons) = course.lessons_per_week {
            let path = format!("{prefix}.lessonsPerWeek");
            require_positive_int(out, lessons, "lessonsPerWeek", &who, path);
        }
        let path = format!("{prefix}.maxSize");
        require_positive_int(out, course.max_size, "maxSize", &who, path);
        let path = format!("{prefix}.maxSections");
        require_positive_int(out, course.max_sections, "maxSections", &who, path);
    }
}

pub fn check_e0302_negative(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (c, course) in cx.instance.courses.iter().enumerate() {
        let who = entity("course", &course.id);
        let path = format!("courses[{c}].minSize");
        require_non_negative_int(out, course.min_size, "minSize", &who, path);
        let path = format!("courses[{c}].sectionCost");
        require_non_negative_float(out, course.section_cost, "sectionCost", &who, path);
    }
}

pub fn check_e0303_min_size_above_max_size(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (c, course) in cx.instance.courses.iter().enumerate() {
        if course.min_size > course.max_size && course.max_size > 0 {
            out.push(Diagnostic::new(
                Code::E0303MinSizeAboveMaxSize,
                entity("course", &course.id),
                format!("courses[{c}].minSize"),
                format!(
                    "minSize {} is greater than maxSize {}: no section can ever open",
                    course.min_size, course.max_size
                ),
                "lower minSize or raise maxSize",
            ));
        }
    }
}

pub fn check_e0401_lessons_or_pattern(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (c, course) in cx.instance.courses.iter().enumerate() {
        let message = match (&course.lessons_per_week, &course.pattern_kind) {
            (Some(_), Some(_)) => "the course gives both lessonsPerWeek and patternKind",
            (None, None) => "the course gives neither lessonsPerWeek nor patternKind",
            _ => continue,
        };
        out.push(Diagnostic::new(
            Code::E0401LessonsOrPattern,
            entity("course", &course.id),
            format!("courses[{c}]"),
            message,
            "give exactly one: lessonsPerWeek (free slots) or patternKind (a whole pattern)",
        ));
    }
}

pub fn check_e0402_more_lessons_than_slots(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let slot_count = cx.instance.time_grid.slots.len();
    if slot_count == 0 {
        return; // E0204 already says the grid is empty.
    }
    for (c, course) in cx.instance.courses.iter().enumerate() {
        if let Some(lessons) = course.lessons_per_week
            && usize::try_from(lessons).is_ok_and(|n| n > slot_count)
        {
            out.push(Diagnostic::new(
                Code::E0402MoreLessonsThanSlots,
                entity("course", &course.id),
                format!("courses[{c}].lessonsPerWeek"),
                format!(
                    "{lessons} lessons a week, but the week has only {}",
                    count(slot_count, "slot", "slots")
                ),
                "lower lessonsPerWeek, or add slots to the time grid",
            ));
        }
    }
}

pub fn check_e0403_course_double_degree(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (c, course) in cx.instance.courses.iter().enumerate() {
        if course.programme == Programme::DoubleDegree {
            out.push(Diagnostic::new(
                Code::E0403CourseDoubleDegree,
                entity("course", &course.id),
                format!("courses[{c}].programme"),
                "a course cannot have programme \"doubleDegree\"; only students can",
                "set the course's programme to \"lukio\" or \"vocational\"",
            ));
        }
    }
}

pub fn check_w0001_course_not_requested(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut requested: HashSet<&str> = HashSet::new();
    for student in &cx.instance.students {
        requested.extend(student.requests.iter().map(|r| r.course.as_str()));
        for group in &student.one_of {
            requested.extend(group.courses.iter().map(String::as_str));
        }
    }
    for (c, course) in cx.instance.courses.iter().enumerate() {
        if !requested.contains(course.id.as_str()) {
            out.push(Diagnostic::new(
                Code::W0001CourseNotRequested,
                entity("course", &course.id),
                format!("courses[{c}]"),
                "no student requests the course; it will never open",
                "check the students' requests, or remove the course",
            ));
        }
    }
}

/// A stream needs a video room with the course's features at a sending site (one of the
/// course's sites) and at some other receiving site, both with `maxStreams` >= 1.
pub fn check_w0008_remote_course_cannot_stream(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let instance = cx.instance;
    for (c, course) in instance.courses.iter().enumerate() {
        if !course.remote_allowed {
            continue;
        }
        let streaming_sites: Vec<&str> = instance
            .sites
            .iter()
            .filter(|site| site.max_streams >= 1)
            .filter(|site| {
                instance.rooms.iter().any(|room| {
                    room.video
                        && room.site == site.id
                        && course.features.iter().all(|f| room.features.contains(f))
                })
            })
            .map(|site| site.id.as_str())
            .collect();
        let can_stream = streaming_sites.iter().any(|sender| {
            course.sites.iter().any(|s| s == sender)
                && streaming_sites.iter().any(|receiver| receiver != sender)
        });
        if !can_stream {
            out.push(Diagnostic::new(
                Code::W0008RemoteCourseCannotStream,
                entity("course", &course.id),
                format!("courses[{c}].remoteAllowed"),
                "remote delivery is allowed, but no video room at one of the course's sites can stream to a video room at another site",
                "add video rooms (with the course's features) and maxStreams to the sites, or set remoteAllowed to false",
            ));
        }
    }
}

/// How many ways `lessons` free slots can be chosen among `slots`, or `None` when more
/// than `limit` (counted without overflow, whatever the numbers).
fn timings_within(slots: usize, lessons: usize, limit: u128) -> Option<u128> {
    let k = lessons.min(slots.saturating_sub(lessons));
    let mut count: u128 = 1;
    for i in 1..=k {
        // C(slots - k + i, i), exact at every step.
        count = count.checked_mul((slots - k + i) as u128)? / i as u128;
        if count > limit {
            return None;
        }
    }
    Some(count)
}

/// A solve enumerates every choice of a course's free slots, up to
/// `MAX_FREE_SLOT_TIMINGS`; beyond that `solve` and `explain` refuse the file (other
/// commands can still use it).
pub fn check_w0011_too_many_timings(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let slots = cx.instance.time_grid.slots.len();
    let limit = MAX_FREE_SLOT_TIMINGS as u128;
    for (c, course) in cx.instance.courses.iter().enumerate() {
        let Some(lessons) = course
            .lessons_per_week
            .and_then(|n| usize::try_from(n).ok())
        else {
            continue;
        };
        if lessons == 0 || lessons > slots {
            continue; // E0301, E0402.
        }
        if timings_within(slots, lessons, limit).is_none() {
            out.push(Diagnostic::new(
                Code::W0011TooManyTimings,
                entity("course", &course.id),
                format!("courses[{c}].lessonsPerWeek"),
                format!(
                    "{lessons} free lessons among {slots} slots can be placed in more than {limit} ways, more than a solve enumerates: solve and explain will refuse the file"
                ),
                "give the course a patternKind (the slot sets it may take) instead of lessonsPerWeek",
            ));
        }
    }
}

/// Every section is a set of variables of the model, open or not, and a section
/// without students never opens: sections beyond the students who request the course
/// only make the model larger (with `maxSections` in the billions, too large to build).
pub fn check_w0012_more_sections_than_students(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut requesting: HashMap<&str, usize> = HashMap::new();
    for student in &cx.instance.students {
        let mut courses: HashSet<&str> =
            student.requests.iter().map(|r| r.course.as_str()).collect();
        for group in &student.one_of {
            courses.extend(group.courses.iter().map(String::as_str));
        }
        for course in courses {
            *requesting.entry(course).or_default() += 1;
        }
    }
    for (c, course) in cx.instance.courses.iter().enumerate() {
        let students = requesting.get(course.id.as_str()).copied().unwrap_or(0);
        if course.max_sections > 1
            && usize::try_from(course.max_sections).is_ok_and(|n| n > students.max(1))
        {
            out.push(Diagnostic::new(
                Code::W0012MoreSectionsThanStudents,
                entity("course", &course.id),
                format!("courses[{c}].maxSections"),
                format!(
                    "up to {} sections, but only {} the course; the model builds every section",
                    course.max_sections,
                    count(students, "student requests", "students request")
                ),
                "lower maxSections to the most sections the course can fill",
            ));
        }
    }
}

//! Teachers: where they start, what and where they may teach, when they cannot, and
//! how much.

use super::context::{Context, entity};
use super::report::{require_positive_int, require_reference};
use super::{Code, Diagnostic};

pub fn check_e0102_unknown_reference(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (t, teacher) in cx.instance.teachers.iter().enumerate() {
        let who = entity("teacher", &teacher.id);
        let prefix = format!("teachers[{t}]");
        let path = format!("{prefix}.homeSite");
        require_reference(out, &cx.sites, &teacher.home_site, "site", &who, path);
        for (k, course) in teacher.can_teach.iter().enumerate() {
            let path = format!("{prefix}.canTeach[{k}]");
            require_reference(out, &cx.courses, course, "course", &who, path);
        }
        for (k, site) in teacher.sites.iter().enumerate() {
            require_reference(
                out,
                &cx.sites,
                site,
                "site",
                &who,
                format!("{prefix}.sites[{k}]"),
            );
        }
        for (k, slot) in teacher.unavailable.iter().enumerate() {
            let path = format!("{prefix}.unavailable[{k}]");
            require_reference(out, &cx.slots, slot, "slot", &who, path);
        }
    }
}

pub fn check_e0301_not_positive(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (t, teacher) in cx.instance.teachers.iter().enumerate() {
        let who = entity("teacher", &teacher.id);
        let path = format!("teachers[{t}].maxLessonsPerWeek");
        require_positive_int(
            out,
            teacher.max_lessons_per_week,
            "maxLessonsPerWeek",
            &who,
            path,
        );
    }
}

/// A teacher none of whose (existing) courses may run at any of the teacher's sites
/// is never used. A teacher with unknown course or site ids is E0102's business and
/// is skipped here.
pub fn check_w0002_teacher_teaches_nothing(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let courses = &cx.instance.courses;
    for (t, teacher) in cx.instance.teachers.iter().enumerate() {
        let teaches_something = teacher
            .can_teach
            .iter()
            .filter_map(|id| cx.courses.get(id))
            .any(|c| {
                courses[c]
                    .sites
                    .iter()
                    .any(|site| teacher.sites.contains(site))
            });
        let all_known = teacher.can_teach.iter().all(|id| cx.courses.contains(id))
            && teacher.sites.iter().all(|id| cx.sites.contains(id));
        if !teaches_something && all_known {
            out.push(Diagnostic::new(
                Code::W0002TeacherTeachesNothing,
                entity("teacher", &teacher.id),
                format!("teachers[{t}].canTeach"),
                "the teacher can teach none of their courses at any of their sites",
                "add courses to `canTeach`, or sites (where those courses run) to `sites`",
            ));
        }
    }
}

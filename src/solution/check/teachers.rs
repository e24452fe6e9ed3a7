//! Rule 3: a teacher is qualified, allowed at the site, available, within load, and
//! can drive between consecutive lessons in time.

use std::collections::BTreeMap;

use crate::instance::format_clock;
use crate::words::count;

use super::context::{Context, TimedSlot};
use super::{ViolationCode as Code, Violations};

pub(super) fn check(cx: &Context<'_>, out: &mut Violations) {
    let mut lessons_of: BTreeMap<&str, Vec<(TimedSlot<'_>, &str, &str)>> = BTreeMap::new();
    for view in &cx.sections {
        let Some(teacher) = view.teacher else {
            continue;
        };
        if let Some(course) = view.course
            && !teacher.can_teach.contains(&course.id)
        {
            out.push(
                Code::TeacherNotQualified,
                [teacher.id.as_str(), view.id()],
                format!(
                    "teacher {} teaches {} but cannot teach {}",
                    teacher.id,
                    view.id(),
                    course.id
                ),
            );
        }
        if let Some(site) = view.site
            && !teacher.sites.contains(&site.id)
        {
            out.push(
                Code::TeacherSiteNotAllowed,
                [teacher.id.as_str(), view.id()],
                format!(
                    "teacher {} teaches {} at {}, not one of their sites ({})",
                    teacher.id,
                    view.id(),
                    site.id,
                    teacher.sites.join(", ")
                ),
            );
        }
        for slot in &view.slots {
            let blocked = teacher
                .unavailable
                .iter()
                .filter_map(|id| cx.slots.get(id.as_str()))
                .any(|u| u.overlaps(slot));
            if blocked {
                out.push(
                    Code::TeacherUnavailable,
                    [teacher.id.as_str(), view.id(), slot.id],
                    format!(
                        "teacher {} is unavailable in {} ({}) but teaches {} then",
                        teacher.id,
                        slot.id,
                        slot.label(),
                        view.id()
                    ),
                );
            }
        }
        if let Some(site) = view.site {
            let lessons = lessons_of.entry(&teacher.id).or_default();
            for slot in &view.slots {
                lessons.push((*slot, site.node.as_str(), view.id()));
            }
        }
    }
    for teacher in &cx.instance.teachers {
        let load: usize = cx
            .sections
            .iter()
            .filter(|v| v.teacher.is_some_and(|t| t.id == teacher.id))
            .map(|v| v.lessons())
            .sum();
        if load as i64 > teacher.max_lessons_per_week {
            out.push(
                Code::TeacherOverLoad,
                [teacher.id.as_str()],
                format!(
                    "teacher {} teaches {} a week, more than their {}",
                    teacher.id,
                    count(load, "lesson", "lessons"),
                    teacher.max_lessons_per_week
                ),
            );
        }
    }
    for (teacher, mut lessons) in lessons_of {
        lessons.sort_by_key(|(s, _, _)| (s.day_order, s.start, s.end));
        for pair in lessons.windows(2) {
            let ((early, from, early_section), (late, to, late_section)) = (pair[0], pair[1]);
            if early.day != late.day || from == to {
                continue;
            }
            let minutes = cx.road_minutes(from, to);
            let reachable =
                minutes.is_some_and(|m| f64::from(early.end) + m <= f64::from(late.start));
            if !reachable {
                let drive = minutes.map_or("no road".to_owned(), |m| count(m, "minute", "minutes"));
                out.push(
                    Code::TeacherCannotDriveInTime,
                    [teacher, early_section, late_section],
                    format!(
                        "teacher {teacher} ends {early_section} in {} at {} {} and must start {late_section} in {} at {}, but the drive takes {drive}",
                        cx.node_label(from),
                        early.day,
                        format_clock(early.end),
                        cx.node_label(to),
                        format_clock(late.start),
                    ),
                );
            }
        }
    }
}

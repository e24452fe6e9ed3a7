//! When and where one student could attend each course, if they were alone in the
//! valley: every timing a section of the course could take (a pattern of its kind, or
//! a choice of free slots), each with the road nodes of the sites the student could sit
//! at in it (in person at a site where a section can be placed, or in a video room
//! receiving the section's stream).
//!
//! "Alone" keeps what a section needs whoever attends it, and drops what other people
//! take: a placement needs a site of the course with a room that has the course's
//! features and a teacher who may teach the course there and is free in every slot of
//! the timing, within their weekly cap; other sections' use of those teachers and rooms,
//! section sizes and seats are left out.

use crate::milp::configs::MAX_FREE_SLOT_TIMINGS;
use crate::model::{CourseIx, Model, NodeIx, SiteIx, SlotIx, Timing};

/// One way a section of a course can meet, and where a student can sit in it.
#[derive(Debug, Clone)]
pub(super) struct TimingPlaces {
    /// Sorted slots.
    pub slots: Vec<SlotIx>,
    /// Sorted, distinct road nodes of the sites a student can attend it at.
    pub nodes: Vec<NodeIx>,
}

/// What the week offers one course.
#[derive(Debug, Clone)]
pub(super) enum CourseWeek {
    /// The timings a student can attend (none, when no timing can be placed).
    Timings(Vec<TimingPlaces>),
    /// No site of the course has both a teacher allowed there and a room with its
    /// features: `E0405`, `E0407` and `W0005` report this, not the fit check.
    RunsNowhere,
    /// More free-slot timings than the solver enumerates (`MAX_FREE_SLOT_TIMINGS`): the
    /// solver refuses the course, and the fit check does not judge requests for it.
    TooManyTimings,
}

/// The week of every course, by course index.
pub(super) fn course_weeks(model: &Model) -> Vec<CourseWeek> {
    (0..model.courses.len())
        .map(|course| course_week(model, course))
        .collect()
}

fn course_week(model: &Model, course: CourseIx) -> CourseWeek {
    if !runs_somewhere(model, course) {
        return CourseWeek::RunsNowhere;
    }
    let slot_sets: Vec<Vec<SlotIx>> = match &model.courses[course].timing {
        Timing::Pattern(patterns) => patterns
            .iter()
            .map(|&p| sorted(model.slots_of_pattern(p).to_vec()))
            .collect(),
        Timing::FreeSlots(lessons) => match combinations(model.slots.len(), *lessons) {
            Some(sets) => sets,
            None => return CourseWeek::TooManyTimings,
        },
    };
    let timings = slot_sets
        .into_iter()
        .filter_map(|slots| {
            let nodes = attendance_nodes(model, course, &slots);
            (!nodes.is_empty()).then_some(TimingPlaces { slots, nodes })
        })
        .collect();
    CourseWeek::Timings(timings)
}

fn sorted(mut slots: Vec<SlotIx>) -> Vec<SlotIx> {
    slots.sort_unstable();
    slots.dedup();
    slots
}

/// The notion of `E0407`: some site of the course has a teacher allowed there and a
/// room with the course's features (whatever the slots).
fn runs_somewhere(model: &Model, course: CourseIx) -> bool {
    model.courses[course].sites.iter().any(|&site| {
        has_teacher_at(model, course, site, None) && has_room_at(model, course, site, false)
    })
}

fn has_teacher_at(model: &Model, course: CourseIx, site: SiteIx, slots: Option<&[SlotIx]>) -> bool {
    model.teachers.iter().any(|teacher| {
        teacher.can_teach.contains(&course)
            && teacher.sites.contains(&site)
            && slots.is_none_or(|slots| {
                slots.len() <= teacher.max_lessons as usize
                    && !slots.iter().any(|s| teacher.unavailable.contains(s))
            })
    })
}

fn has_room_at(model: &Model, course: CourseIx, site: SiteIx, video: bool) -> bool {
    (0..model.rooms.len()).any(|room| {
        model.rooms[room].site == site
            && (model.rooms[room].video || !video)
            && model.room_fits(room, course)
    })
}

/// Sites that can stream (send or receive) one stream of the course: a video room
/// with its features and a stream cap of at least one.
fn streams_at(model: &Model, course: CourseIx, site: SiteIx) -> bool {
    model.sites[site].max_streams >= 1 && has_room_at(model, course, site, true)
}

/// Nodes a student can attend the course at in `slots`: each site where a section can
/// be placed in them, and, for a course that allows remote delivery, each other site
/// that can receive a stream from a placement able to send one.
fn attendance_nodes(model: &Model, course: CourseIx, slots: &[SlotIx]) -> Vec<NodeIx> {
    let c = &model.courses[course];
    let placeable: Vec<SiteIx> = c
        .sites
        .iter()
        .copied()
        .filter(|&site| {
            has_teacher_at(model, course, site, Some(slots))
                && has_room_at(model, course, site, false)
        })
        .collect();
    let mut sites = placeable.clone();
    if c.remote_allowed {
        let senders: Vec<SiteIx> = placeable
            .iter()
            .copied()
            .filter(|&site| streams_at(model, course, site))
            .collect();
        for receiver in 0..model.sites.len() {
            let receives = streams_at(model, course, receiver)
                && senders.iter().any(|&sender| sender != receiver);
            if receives {
                sites.push(receiver);
            }
        }
    }
    let nodes = sites.iter().map(|&site| model.site_node(site)).collect();
    sorted(nodes)
}

/// Every `k`-subset of `0..n` in lexicographic order, or `None` when there are more
/// than `MAX_FREE_SLOT_TIMINGS`.
fn combinations(n: usize, k: usize) -> Option<Vec<Vec<usize>>> {
    fn extend(
        start: usize,
        n: usize,
        k: usize,
        current: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) -> bool {
        if current.len() == k {
            out.push(current.clone());
            return out.len() <= MAX_FREE_SLOT_TIMINGS;
        }
        for i in start..n {
            if n - i < k - current.len() {
                break;
            }
            current.push(i);
            let within = extend(i + 1, n, k, current, out);
            current.pop();
            if !within {
                return false;
            }
        }
        true
    }
    let mut out = Vec::new();
    if k > n {
        return Some(out);
    }
    extend(0, n, k, &mut Vec::new(), &mut out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_stop_past_the_limit() {
        assert_eq!(combinations(4, 2).map(|c| c.len()), Some(6));
        assert_eq!(combinations(2, 3), Some(vec![]));
        assert_eq!(combinations(24, 2).map(|c| c.len()), Some(276));
        // C(24, 3) = 2,024 is past the solver's limit of 2,000.
        assert!(combinations(24, 3).is_none());
    }
}

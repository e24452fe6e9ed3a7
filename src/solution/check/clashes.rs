//! Rule 1: nobody (teacher, room, student) in two places at once, judged by slot times.

use std::collections::BTreeMap;

use super::context::{Context, SectionView};
use super::{ViolationCode as Code, Violations};

pub(super) fn check(cx: &Context<'_>, out: &mut Violations) {
    let mut teachers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut rooms: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, view) in cx.sections.iter().enumerate() {
        if let Some(teacher) = view.teacher {
            teachers.entry(&teacher.id).or_default().push(index);
        }
        if let Some(room) = view.room {
            rooms.entry(&room.id).or_default().push(index);
        }
        for (_, room) in &view.streams {
            if let Some(room) = room {
                rooms.entry(&room.id).or_default().push(index);
            }
        }
    }
    let mut students: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for attendance in &cx.attendances {
        students
            .entry(attendance.student)
            .or_default()
            .push(attendance.section);
    }
    for (who, sections) in teachers {
        report_pairs(cx, &sections, |a, b, when| {
            out.push(
                Code::TeacherClash,
                [who, a.id(), b.id()],
                format!(
                    "teacher {who} teaches {} and {} at once ({when})",
                    a.id(),
                    b.id()
                ),
            );
        });
    }
    for (room, sections) in rooms {
        report_pairs(cx, &sections, |a, b, when| {
            out.push(
                Code::RoomClash,
                [room, a.id(), b.id()],
                format!(
                    "room {room} is booked by {} and {} at once ({when})",
                    a.id(),
                    b.id()
                ),
            );
        });
    }
    for (student, sections) in students {
        report_pairs(cx, &sections, |a, b, when| {
            out.push(
                Code::StudentClash,
                [student, a.id(), b.id()],
                format!(
                    "student {student} attends {} and {} at once ({when})",
                    a.id(),
                    b.id()
                ),
            );
        });
    }
}

/// Calls `report` once for each pair of distinct sections with overlapping slots.
fn report_pairs(
    cx: &Context<'_>,
    sections: &[usize],
    mut report: impl FnMut(&SectionView<'_>, &SectionView<'_>, String),
) {
    let mut distinct = sections.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    for (i, &a) in distinct.iter().enumerate() {
        for &b in &distinct[i + 1..] {
            let (first, second) = (&cx.sections[a], &cx.sections[b]);
            let overlaps: Vec<String> = first
                .slots
                .iter()
                .flat_map(|x| second.slots.iter().map(move |y| (x, y)))
                .filter(|(x, y)| x.overlaps(y))
                .map(|(x, y)| {
                    if x.id == y.id {
                        format!("{} {}", x.id, x.label())
                    } else {
                        format!("{} {} and {} {}", x.id, x.label(), y.id, y.label())
                    }
                })
                .collect();
            if !overlaps.is_empty() {
                report(first, second, overlaps.join("; "));
            }
        }
    }
}

//! Rule 2: rooms at the right site, with the course's features, and seats enough.

use crate::instance::Room;
use crate::solution::Mode;
use crate::words::count;

use super::context::{Context, SectionView};
use super::{ViolationCode as Code, Violations};

pub(super) fn check(cx: &Context<'_>, out: &mut Violations) {
    for (index, view) in cx.sections.iter().enumerate() {
        let in_person = cx
            .attendances
            .iter()
            .filter(|a| a.section == index && a.mode == Mode::InPerson)
            .count();
        if let Some(room) = view.room {
            if let Some(site) = view.site
                && room.site != site.id
            {
                out.push(
                    Code::RoomAtWrongSite,
                    [view.id(), &room.id],
                    format!(
                        "section {} is taught at {} but its room {} is at {}",
                        view.id(),
                        site.id,
                        room.id,
                        room.site
                    ),
                );
            }
            check_features(view, room, out);
            check_seats(view, room, in_person, "in person", out);
        }
        for (stream_site, stream_room) in &view.streams {
            let (Some(site), Some(room)) = (stream_site, stream_room) else {
                continue;
            };
            if room.site != site.id {
                out.push(
                    Code::RoomAtWrongSite,
                    [view.id(), &room.id],
                    format!(
                        "section {} streams to {} into room {}, which is at {}",
                        view.id(),
                        site.id,
                        room.id,
                        room.site
                    ),
                );
            }
            check_features(view, room, out);
            let remote = cx
                .attendances
                .iter()
                .filter(|a| {
                    a.section == index
                        && a.mode == Mode::Remote
                        && a.site.is_some_and(|s| s.id == site.id)
                })
                .count();
            check_seats(view, room, remote, &format!("remotely at {}", site.id), out);
        }
    }
}

fn check_features(view: &SectionView<'_>, room: &Room, out: &mut Violations) {
    let Some(course) = view.course else { return };
    let missing: Vec<&str> = course
        .features
        .iter()
        .filter(|f| !room.features.contains(f))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        out.push(
            Code::RoomMissingFeature,
            [view.id(), room.id.as_str()],
            format!(
                "section {} of {} needs {} but room {} lacks it",
                view.id(),
                course.id,
                missing.join(", "),
                room.id
            ),
        );
    }
}

fn check_seats(
    view: &SectionView<'_>,
    room: &Room,
    students: usize,
    how: &str,
    out: &mut Violations,
) {
    if students as i64 > room.capacity {
        out.push(
            Code::RoomOverCapacity,
            [view.id(), room.id.as_str()],
            format!(
                "section {} seats {} {how} in room {}, which has {}",
                view.id(),
                count(students, "student", "students"),
                room.id,
                count(room.capacity, "seat", "seats")
            ),
        );
    }
}

//! One weekly grid: days across, the day's slots down, each lesson in its cell. The
//! same grid serves a student, a teacher, a room and a site; what a cell says depends
//! on whose week it is (a student needs the room and the mode, a room needs the
//! teacher).

use maud::{Markup, html};

use crate::report::plan_index::{Lesson, PlanIndex};
use crate::solution::Mode;
use crate::words::count;

/// Whose week a grid shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Student,
    Teacher,
    Room,
    Site,
}

/// The grid of `lessons`. Each cell carries `data-slot` (the slot id), so tools and
/// tests can find a lesson's cell without reading the layout.
pub fn grid(index: &PlanIndex<'_>, lessons: &[Lesson<'_>], viewer: Viewer) -> Markup {
    let rows = index
        .grid
        .iter()
        .map(|(_, slots)| slots.len())
        .max()
        .unwrap_or(0);
    html! {
        div.scroll {
            table.grid {
                thead { tr { @for (day, _) in &index.grid { th scope="col" { (index.day_label(&day.id)) } } } }
                tbody {
                    @for row in 0..rows {
                        tr {
                            @for (_, slots) in &index.grid {
                                @if let Some(slot) = slots.get(row) {
                                    td data-slot=(slot.id) {
                                        div.time { (slot.start) "–" (slot.end) }
                                        @for lesson in lessons.iter().filter(|l| l.slot == slot.id) {
                                            (cell(index, lesson, viewer))
                                        }
                                    }
                                } @else {
                                    td.muted {}
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn cell(index: &PlanIndex<'_>, lesson: &Lesson<'_>, viewer: Viewer) -> Markup {
    let section = lesson.section;
    let remote = lesson.mode == Mode::Remote;
    let detail = match viewer {
        Viewer::Student if remote => format!(
            "by video from {} · room {}, {}",
            index.site_label(&section.site),
            lesson.room,
            index.site_label(lesson.site)
        ),
        Viewer::Student => format!(
            "room {}, {} · {}",
            lesson.room,
            index.site_label(lesson.site),
            index.teacher_label(&section.teacher)
        ),
        Viewer::Teacher => {
            let streams: Vec<String> = section
                .streams
                .iter()
                .map(|s| index.site_label(&s.site))
                .collect();
            let place = format!("room {}, {}", section.room, index.site_label(&section.site));
            if streams.is_empty() {
                place
            } else {
                format!("{place} · streamed to {}", streams.join(", "))
            }
        }
        Viewer::Room | Viewer::Site if remote => format!(
            "by video from {} · room {}",
            index.site_label(&section.site),
            lesson.room
        ),
        Viewer::Room | Viewer::Site => {
            format!(
                "{} · room {}",
                index.teacher_label(&section.teacher),
                section.room
            )
        }
    };
    let attendees = index.attendees.get(section.id.as_str()).map_or(0, |a| {
        a.iter()
            .filter(|(_, mode, site)| match viewer {
                Viewer::Room | Viewer::Site => {
                    *site == lesson.site && (*mode == Mode::Remote) == remote
                }
                _ => true,
            })
            .count()
    });
    html! {
        div.lesson.remote[remote] data-section=(section.id) {
            b { (index.course_label(&section.course)) }
            small { (section.id) " · " (detail) }
            @if viewer != Viewer::Student { small { (count(attendees, "student", "students")) } }
        }
    }
}

//! The plan as one self-contained HTML page for the people who live by it: every
//! student's, teacher's, room's and site's week, the remote links, the buses with who
//! rides where, and the cost term by term with the reasons behind it.
//!
//! Built with maud: templates are checked at compile time and every text is escaped,
//! so an id from an instance file can never become markup.

mod buses;
mod cost_bar;
mod costs;
mod overview;
mod page;

pub use page::document;
mod served;
mod trip_chart;
mod valley;
mod week;

use std::collections::HashMap;

use maud::{Markup, html};

pub use costs::disagreements;
pub use page::anchor;
use week::Viewer;

use crate::report::costs::CostItem;
use crate::report::label::programme_label;
use crate::report::money::euros;
use crate::report::own_week::OwnWeeks;
use crate::report::plan_index::{Lesson, PlanIndex};
use crate::report::road_position::road_positions;
use crate::report::unmet::unmet_requests;
use crate::solution::check::CheckReport;
use crate::solution::{Mode, SolveStatus};
use crate::words::count;

/// The whole report page. `report` is the checker's report of this plan; `items` the
/// objective itemised by [`crate::report::costs::itemise`]; `own_weeks` what each
/// student's own week can hold (to tell unmet requests no week could hold from this
/// plan's). `calendars` maps a person's anchor (see [`anchor`]) to their calendar
/// file's path relative to the page.
pub fn render(
    index: &PlanIndex<'_>,
    report: &CheckReport,
    items: &[CostItem],
    own_weeks: &OwnWeeks,
    calendars: &HashMap<String, String>,
) -> String {
    let instance = index.instance;
    let unmet_list = unmet_requests(index);
    let mut unmet: std::collections::HashMap<String, Vec<String>> = Default::default();
    for request in &unmet_list {
        let own_week = own_week_clause(index, own_weeks, &request.student);
        unmet
            .entry(request.student.clone())
            .or_default()
            .push(format!("{} ({own_week})", request.sentence()));
    }
    let split = own_weeks.split(report);
    let start = instance
        .trips
        .first()
        .and_then(|t| t.stops.first())
        .map(|s| s.node.as_str());
    let positions = road_positions(instance, start);
    let body = html! {
        header {
            h1 { "Weekly plan: " (instance.name) }
            p.muted { (provenance(index)) }
            @if !report.is_accepted() { (verdict(report)) }
            nav.tabs {
                a href="#overview" { "Overview" }
                a href="#students" { "Students" }
                a href="#teachers" { "Teachers" }
                a href="#rooms" { "Rooms" }
                a href="#sites" { "Sites" }
                a href="#valley" { "Valley" }
                a href="#remote" { "Remote links" }
                a href="#buses" { "Buses" }
                a href="#costs" { "Costs" }
            }
        }
        main {
            (overview::section(index, report, &split, &unmet_list))
            (directory(index, "students", "Students", "student",
                index.instance.students.iter().map(|s| (s.id.as_str(), format!("{}, lives at {}", programme_label(s.programme), index.node_label(&s.home)))).collect()))
            (directory(index, "teachers", "Teachers", "teacher",
                index.instance.teachers.iter().map(|t| (t.id.as_str(), if t.name.is_empty() { format!("home {}", t.home_site) } else { t.name.clone() })).collect()))
            (directory(index, "rooms", "Rooms", "room",
                index.instance.rooms.iter().map(|r| (r.id.as_str(), format!("{}, {}{}", index.site_label(&r.site), count(r.capacity, "seat", "seats"), if r.video { ", video" } else { "" }))).collect()))
            (directory(index, "sites", "Sites", "site",
                index.instance.sites.iter().map(|s| (s.id.as_str(), if s.name.is_empty() { s.municipality.clone() } else { s.name.clone() })).collect()))
            section.tab id="valley" { h2 { "The valley's week" } (valley::grid(index)) }
            @for student in &instance.students { (student_week(index, &student.id, unmet.get(&student.id).map_or(&[][..], Vec::as_slice), calendars.get(&anchor("student", &student.id)))) }
            @for teacher in &instance.teachers { (entity_week(index, "teacher", &teacher.id, index.teacher_lessons.get(teacher.id.as_str()), Viewer::Teacher, "#teachers", calendars.get(&anchor("teacher", &teacher.id)))) }
            @for room in &instance.rooms { (entity_week(index, "room", &room.id, index.room_lessons.get(room.id.as_str()), Viewer::Room, "#rooms", None)) }
            @for site in &instance.sites { (entity_week(index, "site", &site.id, index.site_lessons.get(site.id.as_str()), Viewer::Site, "#sites", None)) }
            section.tab id="remote" { (remote_links(index)) }
            section.tab id="buses" {
                h2 { "Bus runs by day" }
                (trip_chart::charts(index, &report.measures.usage.trip_runs, &positions))
                (buses::page(index))
            }
            section.tab id="costs" { (costs::page(report, items)) }
        }
    };
    page::document(&format!("kopa plan: {}", instance.name), page::STYLE, body).into_string()
}

/// Whether `student`'s own week could hold all their requests, said beside each of
/// their unmet requests.
fn own_week_clause(index: &PlanIndex<'_>, own_weeks: &OwnWeeks, student: &str) -> String {
    let fewest = own_weeks.fewest_to_drop(student);
    if fewest == 0 {
        return format!("{student}'s own week could hold all their requests: not met by this plan");
    }
    let requests = index
        .instance
        .students
        .iter()
        .find(|s| s.id == student)
        .map_or(0, |s| s.requests.len() + s.one_of.len());
    format!(
        "{student}'s own week cannot hold all their requests: at most {} of their {requests} fit together",
        requests.saturating_sub(fewest)
    )
}

fn provenance(index: &PlanIndex<'_>) -> String {
    let p = &index.solution.provenance;
    let status = match p.status {
        SolveStatus::Optimal => "proven optimal",
        SolveStatus::GapLimit => "stopped at the requested gap",
        SolveStatus::Feasible => "a feasible plan, not proven optimal",
        SolveStatus::TimeLimit => "best plan found within the time limit",
        SolveStatus::Interrupted => "best plan found before the run was stopped",
        SolveStatus::HandWritten => "written by hand",
    };
    let mut text = format!("{status}; by {}", p.producer);
    if !p.strategy.is_empty() {
        text.push_str(&format!(", strategy {}", p.strategy));
    }
    if let (Some(bound), Some(gap)) = (p.best_bound, p.gap) {
        text.push_str(&format!(
            "; no plan costs less than {} (gap {:.1}%)",
            euros(bound),
            gap * 100.0
        ));
    }
    text
}

fn verdict(report: &CheckReport) -> Markup {
    html! {
        @if report.is_accepted() {
            p.banner.ok { "The checker accepts this plan: every rule is kept. Total " (euros(report.recomputed.total)) " euros a week." }
        } @else {
            div.banner.bad {
                p { b { "The checker rejects this plan" } ": " (report.violations.len()) " broken rules, " (report.differences.len()) " claimed costs that differ. Do not act on it." }
                ul { @for v in report.violations.iter().take(50) { li { (v.to_string()) } } }
            }
        }
    }
}

fn directory(
    _index: &PlanIndex<'_>,
    id: &str,
    title: &str,
    kind: &str,
    entries: Vec<(&str, String)>,
) -> Markup {
    html! {
        section.tab id=(id) {
            h2 { (title) }
            p.muted { "Pick a name to see the week." }
            ul.names {
                @for (entity, note) in &entries {
                    li { a href=(format!("#{}", anchor(kind, entity))) { (entity) small { (note) } } }
                }
            }
        }
    }
}

fn student_week(
    index: &PlanIndex<'_>,
    student: &str,
    unmet: &[String],
    calendar: Option<&String>,
) -> Markup {
    let empty = Vec::new();
    let lessons = index.student_lessons.get(student).unwrap_or(&empty);
    let rides = index.student_rides.get(student);
    html! {
        section.week id=(anchor("student", student)) data-student=(student) {
            a.back href="#students" { "← all students" }
            h2 { "Week of " (student) }
            (calendar_link(calendar))
            (week::grid(index, lessons, Viewer::Student))
            h3 { "Buses" }
            @match rides {
                Some(rides) if !rides.is_empty() => {
                    ul { @for ride in rides {
                        li data-trip=(ride.trip) {
                            (index.day_label(ride.day)) ": "
                            (ride.board.map(crate::instance::format_clock).unwrap_or_default()) " " (index.node_label(ride.from))
                            " → " (ride.alight.map(crate::instance::format_clock).unwrap_or_default()) " " (index.node_label(ride.to))
                            ", " a href=(format!("#{}", anchor("trip", &format!("{}@{}", ride.trip, ride.day)))) { (index.trip_label(ride.trip)) }
                        }
                    } }
                }
                _ => { p.muted { "no bus rides" } }
            }
            h3 { "Requests not met" }
            @if unmet.is_empty() { p.muted { "every request is met" } }
            @else { ul { @for sentence in unmet { li { (sentence) } } } }
        }
    }
}

fn entity_week(
    index: &PlanIndex<'_>,
    kind: &str,
    id: &str,
    lessons: Option<&Vec<Lesson<'_>>>,
    viewer: Viewer,
    back: &str,
    calendar: Option<&String>,
) -> Markup {
    let empty = Vec::new();
    let lessons = lessons.unwrap_or(&empty);
    html! {
        section.week id=(anchor(kind, id)) {
            a.back href=(back) { "← back" }
            h2 { "Week of " (kind) " " (id) }
            p.muted { (count(lessons.len(), "lesson", "lessons")) " a week" }
            (calendar_link(calendar))
            (week::grid(index, lessons, viewer))
        }
    }
}

/// "Add to your calendar": the person's iCalendar file, every lesson of the period.
fn calendar_link(calendar: Option<&String>) -> Markup {
    html! {
        @if let Some(path) = calendar {
            p { a.calendar href=(path) download { "Add this week to your calendar (every lesson of the period, .ics)" } }
        }
    }
}

fn remote_links(index: &PlanIndex<'_>) -> Markup {
    let streamed: Vec<_> = index
        .solution
        .sections
        .iter()
        .filter(|s| !s.streams.is_empty())
        .collect();
    html! {
        h2 { "Remote links" }
        p.muted { (count(streamed.len(), "section is", "sections are")) " streamed by video." }
        div.scroll {
            table {
                thead { tr { th { "section" } th { "course" } th { "sent from" } th { "received in" } th { "when" } th.num { "remote students" } } }
                tbody {
                    @for section in &streamed {
                        @let remote = index.attendees.get(section.id.as_str()).map_or(0, |a| a.iter().filter(|(_, m, _)| *m == Mode::Remote).count());
                        tr {
                            td { (section.id) }
                            td { (index.course_label(&section.course)) }
                            td { (index.site_label(&section.site)) ", room " (section.room) }
                            td { @for (i, s) in section.streams.iter().enumerate() { @if i > 0 { "; " } (index.site_label(&s.site)) ", room " (s.room) } }
                            td { (section.slots.iter().map(|s| index.slot_label(s)).collect::<Vec<_>>().join(", ")) }
                            td.num { (remote) }
                        }
                    }
                }
            }
        }
    }
}

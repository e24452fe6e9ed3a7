//! The bus page: for every trip that runs with students (or was bought), its stops in
//! order, who gets on and off where, and how full it is between stops: the manifest a
//! bus company and a driver need.

use maud::{Markup, html};

use super::page::anchor;
use crate::report::plan_index::{PlanIndex, Ride};
use crate::words::count;

pub fn page(index: &PlanIndex<'_>) -> Markup {
    let mut runs: Vec<(&str, &str)> = index.rides.keys().copied().collect();
    for run in &index.solution.trip_runs {
        let key = (run.trip.as_str(), run.day.as_str());
        if !runs.contains(&key) {
            runs.push(key);
        }
    }
    let day_order = |day: &str| index.grid.iter().position(|(d, _)| d.id == day);
    runs.sort_by_key(|(trip, day)| (day_order(day), first_time(index, trip), *trip));
    html! {
        h2 { "Buses" }
        p.muted {
            "Trip runs that carry students or were bought: " (runs.len()) ". "
            "Each table lists the stops in order, who boards and alights, and the seats taken on the way to the next stop."
        }
        @for (trip, day) in &runs {
            (run(index, trip, day))
        }
    }
}

fn first_time(index: &PlanIndex<'_>, trip: &str) -> Option<u32> {
    index
        .trips
        .get(trip)
        .and_then(|t| t.stops.first())
        .and_then(|s| crate::instance::parse_clock(&s.time))
}

fn run(index: &PlanIndex<'_>, trip_id: &str, day: &str) -> Markup {
    let empty = Vec::new();
    let rides: &Vec<Ride<'_>> = index.rides.get(&(trip_id, day)).unwrap_or(&empty);
    let Some(trip) = index.trips.get(trip_id) else {
        return html! { h3 { (trip_id) " (not in the instance)" } };
    };
    let bought = index
        .solution
        .trip_runs
        .iter()
        .any(|r| r.trip == trip_id && r.day == day);
    // Seats taken between stop i and stop i + 1.
    let loads: Vec<usize> = (0..trip.stops.len())
        .map(|i| {
            rides
                .iter()
                .filter(|r| r.stops.is_some_and(|(b, a)| b <= i && i < a))
                .count()
        })
        .collect();
    html! {
        div.run id=(anchor("trip", &format!("{trip_id}@{day}"))) data-trip=(trip_id) data-day=(day) {
        h3 {
            (index.trip_label(trip_id)) " — " (index.day_label(day))
        }
        p.muted {
            (if trip.optional { if bought { "optional run, bought" } else { "optional run" } } else { "line bus" })
            ", " (count(trip.capacity, "seat", "seats")) ", " (count(rides.len(), "student leg", "student legs"))
        }
        div.scroll {
            table {
                thead { tr { th { "time" } th { "stop" } th { "boards" } th { "alights" } th.num { "on board after" } } }
                tbody {
                    @for (i, stop) in trip.stops.iter().enumerate() {
                        @let boarding: Vec<&str> = rides.iter().filter(|r| r.stops.is_some_and(|(b, _)| b == i)).map(|r| r.student).collect();
                        @let alighting: Vec<&str> = rides.iter().filter(|r| r.stops.is_some_and(|(_, a)| a == i)).map(|r| r.student).collect();
                        @let on_board = loads[i];
                        tr {
                            td { (stop.time) }
                            td { (index.node_label(&stop.node)) }
                            td { (student_links(&boarding)) }
                            td { (student_links(&alighting)) }
                            td.num.full[i64::try_from(on_board).is_ok_and(|n| n >= trip.capacity)] {
                                (on_board) " / " (trip.capacity)
                            }
                        }
                    }
                }
            }
        }
        }
    }
}

fn student_links(students: &[&str]) -> Markup {
    html! {
        @for (i, student) in students.iter().enumerate() {
            @if i > 0 { ", " }
            a href=(format!("#{}", anchor("student", student))) { (student) }
        }
    }
}

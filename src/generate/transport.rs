//! Bus trips: line buses along the whole road, a school bus between each village and
//! its town, and optional (chartered) shuttles between neighbouring towns.
//!
//! Why these three: line buses are the valley's real backbone (cost 0, they run
//! anyway); school buses bring every village student to their town before the first
//! lesson and home after the last, so a plan where everyone studies in their own town
//! always exists (a village gets as many school buses as its students fill); the
//! shuttles are what a plan may buy to share teaching between towns.

use crate::instance::{Trip, TripStop, format_clock, parse_clock};

use super::corridor::Corridor;
use super::profile::Profile;
use super::students::Planned;

const LAST_MINUTE: i64 = 23 * 60 + 59;

pub fn trips(p: &Profile, corridor: &Corridor, students: &[Planned]) -> Vec<Trip> {
    let t = &p.trips;
    let days: Vec<String> = p.time_grid.days.iter().map(|d| d.id.clone()).collect();
    let trip =
        |id: String, name: String, capacity: i64, cost: Option<f64>, stops: Vec<(&str, i64)>| {
            Trip {
                id,
                name,
                days: days.clone(),
                capacity,
                optional: cost.is_some(),
                cost_per_run: cost.unwrap_or(0.0),
                stops: stops
                    .into_iter()
                    .map(|(node, time)| TripStop {
                        node: node.to_owned(),
                        time: format_clock(time as u32),
                    })
                    .collect(),
            }
        };
    let clock = |text: &str| i64::from(parse_clock(text).unwrap_or(0));
    let mut out = Vec::new();
    let road = &corridor.main_road;
    let end = road.last().map_or(0, |&(_, m)| m);
    if road.len() >= 2 {
        for (forward, departures) in [
            (true, &t.line_departures_forward),
            (false, &t.line_departures_back),
        ] {
            for departure in departures {
                let start = clock(departure);
                let mut stops: Vec<(&str, i64)> = if forward {
                    road.iter().map(|(n, m)| (n.as_str(), start + m)).collect()
                } else {
                    road.iter()
                        .rev()
                        .map(|(n, m)| (n.as_str(), start + end - m))
                        .collect()
                };
                stops.retain(|&(_, time)| time <= LAST_MINUTE);
                if stops.len() < 2 {
                    continue;
                }
                let (from, to) = (stops[0].0, stops[stops.len() - 1].0);
                let direction = if forward { "f" } else { "b" };
                out.push(trip(
                    format!("line-{direction}-{}", departure.replace(':', "")),
                    format!("Line bus {from} - {to} {departure}"),
                    t.line_capacity,
                    None,
                    stops,
                ));
            }
        }
    }
    let arrival = clock(&t.school_bus_arrival);
    for v in &corridor.villages {
        let town = corridor.towns[v.town].node.as_str();
        let m = v.minutes_to_town;
        if arrival < m {
            continue;
        }
        let riders = students.iter().filter(|s| s.student.home == v.node).count() as i64;
        let buses = ((riders + t.school_bus_capacity - 1) / t.school_bus_capacity).max(1);
        for bus in 1..=buses {
            let n = if bus == 1 {
                String::new()
            } else {
                format!("-{bus}")
            };
            out.push(trip(
                format!("school-{}-in{n}", v.node),
                format!("School bus {} - {town}", v.node),
                t.school_bus_capacity,
                None,
                vec![(v.node.as_str(), arrival - m), (town, arrival)],
            ));
            for departure in &t.school_bus_departures {
                let start = clock(departure);
                if start + m > LAST_MINUTE {
                    continue;
                }
                out.push(trip(
                    format!("school-{}-{}{n}", v.node, departure.replace(':', "")),
                    format!("School bus {town} - {} {departure}", v.node),
                    t.school_bus_capacity,
                    None,
                    vec![(town, start), (v.node.as_str(), start + m)],
                ));
            }
        }
    }
    for a in 0..corridor.towns.len().saturating_sub(1) {
        let b = a + 1;
        let m = corridor.town_minutes(a, b);
        for departure in &t.shuttle_departures {
            let start = clock(departure);
            if start + m > LAST_MINUTE {
                continue;
            }
            for (from, to) in [(a, b), (b, a)] {
                let (from, to) = (&corridor.towns[from].node, &corridor.towns[to].node);
                out.push(trip(
                    format!("shuttle-{from}-{to}-{}", departure.replace(':', "")),
                    format!("Chartered shuttle {from} - {to} {departure}"),
                    t.shuttle_capacity,
                    Some(t.shuttle_cost_per_run),
                    vec![(from.as_str(), start), (to.as_str(), start + m)],
                ));
            }
        }
    }
    out
}

//! Bus trips: days they run, stops in order at distinct nodes with increasing times,
//! seats and cost.

use std::collections::HashSet;

use super::context::{Context, entity};
use super::report::{require_non_negative_float, require_positive_int, require_reference};
use super::time_grid::bad_clock;
use super::{Code, Diagnostic};
use crate::instance::parse_clock;

pub fn check_e0102_unknown_reference(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (t, trip) in cx.instance.trips.iter().enumerate() {
        let who = entity("trip", &trip.id);
        for (k, day) in trip.days.iter().enumerate() {
            require_reference(
                out,
                &cx.days,
                day,
                "day",
                &who,
                format!("trips[{t}].days[{k}]"),
            );
        }
        for (k, stop) in trip.stops.iter().enumerate() {
            let path = format!("trips[{t}].stops[{k}].node");
            require_reference(out, &cx.nodes, &stop.node, "node", &who, path);
        }
    }
}

pub fn check_e0201_bad_clock_time(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (t, trip) in cx.instance.trips.iter().enumerate() {
        for (k, stop) in trip.stops.iter().enumerate() {
            if parse_clock(&stop.time).is_none() {
                let path = format!("trips[{t}].stops[{k}].time");
                out.push(bad_clock(entity("trip", &trip.id), path, &stop.time));
            }
        }
    }
}

pub fn check_e0301_not_positive(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (t, trip) in cx.instance.trips.iter().enumerate() {
        let who = entity("trip", &trip.id);
        require_positive_int(
            out,
            trip.capacity,
            "capacity",
            &who,
            format!("trips[{t}].capacity"),
        );
    }
}

pub fn check_e0302_negative(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (t, trip) in cx.instance.trips.iter().enumerate() {
        let who = entity("trip", &trip.id);
        let path = format!("trips[{t}].costPerRun");
        require_non_negative_float(out, trip.cost_per_run, "costPerRun", &who, path);
    }
}

pub fn check_e0603_trip_too_few_stops(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (t, trip) in cx.instance.trips.iter().enumerate() {
        if trip.stops.len() < 2 {
            out.push(Diagnostic::new(
                Code::E0603TripTooFewStops,
                entity("trip", &trip.id),
                format!("trips[{t}].stops"),
                format!(
                    "the trip has {} stop(s); it needs at least 2",
                    trip.stops.len()
                ),
                "list every stop the trip serves, first to last",
            ));
        }
    }
}

pub fn check_e0604_trip_times_backwards(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (t, trip) in cx.instance.trips.iter().enumerate() {
        for (k, pair) in trip.stops.windows(2).enumerate() {
            let (Some(earlier), Some(later)) =
                (parse_clock(&pair[0].time), parse_clock(&pair[1].time))
            else {
                continue; // E0201 reports the unreadable time.
            };
            if later <= earlier {
                out.push(Diagnostic::new(
                    Code::E0604TripTimesBackwards,
                    entity("trip", &trip.id),
                    format!("trips[{t}].stops[{}].time", k + 1),
                    format!(
                        "stop at {:?} is at {}, not after the previous stop at {}",
                        pair[1].node, pair[1].time, pair[0].time
                    ),
                    "list stops in travel order with strictly increasing times",
                ));
            }
        }
    }
}

pub fn check_e0605_trip_revisits_node(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (t, trip) in cx.instance.trips.iter().enumerate() {
        let mut seen = HashSet::new();
        for (k, stop) in trip.stops.iter().enumerate() {
            if !seen.insert(stop.node.as_str()) {
                out.push(Diagnostic::new(
                    Code::E0605TripRevisitsNode,
                    entity("trip", &trip.id),
                    format!("trips[{t}].stops[{k}].node"),
                    format!("the trip stops at node {:?} twice", stop.node),
                    "split a trip that comes back to a stop into two trips",
                ));
            }
        }
    }
}

pub fn check_w0004_running_trip_with_cost(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (t, trip) in cx.instance.trips.iter().enumerate() {
        if !trip.optional && trip.cost_per_run > 0.0 {
            out.push(Diagnostic::new(
                Code::W0004RunningTripWithCost,
                entity("trip", &trip.id),
                format!("trips[{t}].costPerRun"),
                format!(
                    "the trip runs anyway (not optional) but costs {} per run; the cost is ignored",
                    trip.cost_per_run
                ),
                "set costPerRun to 0, or make the trip optional if the plan may leave it out",
            ));
        }
    }
}

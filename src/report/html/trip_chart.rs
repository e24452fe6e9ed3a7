//! Each day's bus runs as a time-distance chart, the way railway planners draw a
//! line: time across, the stops down at their road position, each run a line from
//! stop to stop labelled with the most students it carries. A planner sees at once
//! which runs are full (drawn red and thick), which are bought (orange) and where the
//! valley's buses go empty.
//!
//! Hand-written SVG: a polyline per run and a few axes are shorter to write than to
//! configure a plotting crate for, and stay plain text the test can count
//! (`polyline[data-trip]`). Loads are the checker's ([`TripRunLoad`]).

use std::collections::{BTreeSet, HashMap};

use maud::{Markup, html};

use super::page::anchor;
use crate::instance::{format_clock, parse_clock};
use crate::report::plan_index::PlanIndex;
use crate::solution::check::TripRunLoad;
use crate::words::count;

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 130.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// One chart per day of the week that has a run, days in the instance's order.
pub fn charts(
    index: &PlanIndex<'_>,
    runs: &[TripRunLoad],
    positions: &HashMap<String, f64>,
) -> Markup {
    html! {
        @for (day, _) in &index.grid {
            @let of_day: Vec<&TripRunLoad> = runs.iter().filter(|r| r.day == day.id).collect();
            @if !of_day.is_empty() {
                (chart(index, &day.id, &of_day, positions))
            }
        }
    }
}

/// A stop of a run: minutes, road km, node id.
type Point = (f64, f64, String);

/// A run's stops as (minutes, km).
fn points(
    index: &PlanIndex<'_>,
    run: &TripRunLoad,
    positions: &HashMap<String, f64>,
) -> Vec<Point> {
    index.trips.get(&run.trip).map_or(Vec::new(), |trip| {
        trip.stops
            .iter()
            .filter_map(|s| {
                Some((
                    f64::from(parse_clock(&s.time)?),
                    *positions.get(&s.node)?,
                    s.node.clone(),
                ))
            })
            .collect()
    })
}

fn chart(
    index: &PlanIndex<'_>,
    day: &str,
    runs: &[&TripRunLoad],
    positions: &HashMap<String, f64>,
) -> Markup {
    let lines: Vec<(&TripRunLoad, Vec<Point>)> = runs
        .iter()
        .map(|r| (*r, points(index, r, positions)))
        .collect();
    let all = lines.iter().flat_map(|(_, p)| p);
    let t0 = all.clone().map(|p| p.0).fold(f64::MAX, f64::min);
    let t1 = all.clone().map(|p| p.0).fold(f64::MIN, f64::max);
    let km0 = all.clone().map(|p| p.1).fold(f64::MAX, f64::min);
    let km1 = all.clone().map(|p| p.1).fold(f64::MIN, f64::max);
    let stops: BTreeSet<&str> = all.map(|p| p.2.as_str()).collect();
    let mut stops: Vec<(&str, f64)> = stops.into_iter().map(|n| (n, positions[n])).collect();
    stops.sort_by(|a, b| a.1.total_cmp(&b.1));
    if t0 > t1 {
        return html! {};
    }
    let (t0, t1) = ((t0 / 60.0).floor() * 60.0, (t1 / 60.0).ceil() * 60.0);
    let t1 = t1.max(t0 + 60.0);
    let span = (km1 - km0).max(1.0);
    let x = |t: f64| LEFT + (t - t0) / (t1 - t0) * (WIDTH - LEFT - RIGHT);
    let y = |km: f64| TOP + (km - km0) / span * (HEIGHT - TOP - BOTTOM);
    // Stop names at least a line apart, even where two stops lie close on the road
    // (a side branch's village beside a town of the main road).
    let mut label_y: Vec<f64> = Vec::with_capacity(stops.len());
    for (_, km) in &stops {
        let at = y(*km) + 3.5;
        let at = label_y.last().map_or(at, |last| at.max(last + 10.0));
        label_y.push(at);
    }
    let hours: Vec<f64> = (0..)
        .map(|h| t0 + 60.0 * f64::from(h))
        .take_while(|t| *t <= t1)
        .collect();
    let title = format!(
        "Bus runs on {}: time across, stops down by road km",
        index.day_label(day)
    );
    html! {
        figure.chart data-day=(day) {
            figcaption { (title) ". " (count(runs.len(), "run", "runs")) "; the number on a line is the most students on board, of its seats." }
            div.scroll {
                svg.trips viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-label=(title) {
                    @for t in &hours {
                        line.grid x1=(fmt(x(*t))) x2=(fmt(x(*t))) y1=(fmt(TOP)) y2=(fmt(HEIGHT - BOTTOM)) {}
                        text.axis x=(fmt(x(*t))) y=(fmt(HEIGHT - 6.0)) text-anchor="middle" { (format_clock(*t as u32)) }
                    }
                    @for ((node, km), ly) in stops.iter().zip(&label_y) {
                        line.grid x1=(fmt(LEFT)) x2=(fmt(WIDTH - RIGHT)) y1=(fmt(y(*km))) y2=(fmt(y(*km))) {}
                        text.axis x=(fmt(LEFT - 6.0)) y=(fmt(*ly)) text-anchor="end" { (index.nodes.get(node).map_or(node.to_string(), |n| if n.name.is_empty() { n.id.clone() } else { n.name.clone() })) }
                    }
                    @for (run, pts) in &lines {
                        @let full = i64::try_from(run.peak_load).is_ok_and(|n| n >= run.capacity);
                        @let class = if full { "drawn-run full" } else if run.bought { "drawn-run bought" } else { "drawn-run" };
                        @let path: Vec<String> = pts.iter().map(|(t, km, _)| format!("{},{}", fmt(x(*t)), fmt(y(*km)))).collect();
                        @let (mx, my) = label_at(pts, &x, &y);
                        a href=(format!("#{}", anchor("trip", &format!("{}@{}", run.trip, run.day)))) {
                            g class=(class) {
                                title { (index.trip_label(&run.trip)) ": at most " (run.peak_load) " of " (count(run.capacity, "seat", "seats")) @if full { " (full)" } }
                                polyline points=(path.join(" ")) data-trip=(run.trip) data-day=(run.day) data-load=(run.peak_load) data-full=(if full { "yes" } else { "no" }) {}
                                text.load x=(fmt(mx)) y=(fmt(my)) text-anchor="middle" { (run.peak_load) "/" (run.capacity) @if full { " full" } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Where a run's label sits: the middle of its longest leg, a little above it.
fn label_at(points: &[Point], x: &impl Fn(f64) -> f64, y: &impl Fn(f64) -> f64) -> (f64, f64) {
    let screen: Vec<(f64, f64)> = points.iter().map(|(t, km, _)| (x(*t), y(*km))).collect();
    screen
        .windows(2)
        .max_by(|a, b| length(a).total_cmp(&length(b)))
        .map_or_else(
            || screen.first().copied().unwrap_or((LEFT, TOP)),
            |w| ((w[0].0 + w[1].0) / 2.0, (w[0].1 + w[1].1) / 2.0 - 4.0),
        )
}

fn length(pair: &[(f64, f64)]) -> f64 {
    (pair[1].0 - pair[0].0).hypot(pair[1].1 - pair[0].1)
}

/// A coordinate with one decimal: short markup, exact enough for a screen.
fn fmt(v: f64) -> String {
    format!("{v:.1}")
}
